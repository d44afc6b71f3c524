"""Bad input gets scikit-learn's clear errors, never a silent wrong answer."""

import numpy as np
import pytest
from sklearn.datasets import load_iris
from sklearn.exceptions import NotFittedError

from sksigmoid import (
    SigmoidNeuronClassifier,
    ThresholdUnit,
)
from sksigmoid.datasets import make_truth_table

X_AND, Y_AND = make_truth_table("and", n_inputs=2, return_X_y=True)


@pytest.mark.parametrize(
    "X, y, error, message",
    [
        ([[0, np.nan], [1, 0]], [0, 1], ValueError, "Input X contains NaN"),
        ([[0, np.inf], [1, 0]], [0, 1], ValueError, "Input X contains infinity"),
        ([[0, 1], [1, 0]], [0, np.nan], ValueError, "Input y contains NaN"),
        ([[0, 1], [1, 0]], [1, 1], ValueError, "only one class: 1"),
        (np.empty((0, 2)), [], ValueError, "0 sample"),
        ([["a", "b"], ["c", "d"]], [0, 1], ValueError, "could not convert string"),
        ([[0, 1], [1, 0]], [0.5, 1.5], ValueError, "Unknown label type"),
        ([[0, 1], [1, 0], [1, 1]], [0, 1], ValueError, "inconsistent numbers"),
        (
            [[0, 1], [1, 0]],
            [[0, 1, 2], [1, 2, 0]],
            ValueError,
            "multiclass-multioutput",
        ),
    ],
)
def test_fit_rejects_bad_input(Estimator, X, y, error, message):
    with pytest.raises(error, match=message):
        Estimator().fit(X, y)


@pytest.mark.parametrize(
    "params, name",
    [
        ({"learning_rate": 0}, "learning_rate"),
        ({"learning_rate": "fast"}, "learning_rate"),
        ({"n_iter": 0}, "n_iter"),
        ({"n_iter": 2.5}, "n_iter"),
        ({"tol": -1.0}, "tol"),
        ({"n_iter_no_change": 0}, "n_iter_no_change"),
        ({"fit_intercept": "yes"}, "fit_intercept"),
        ({"random_state": "seed"}, "random_state"),
    ],
)
def test_bad_parameter_value_names_the_parameter(Estimator, params, name):
    with pytest.raises(ValueError, match=f"'{name}' parameter"):
        Estimator(**params).fit(X_AND, Y_AND)


def test_bad_loss_names_the_parameter():
    with pytest.raises(ValueError, match="'loss' parameter"):
        SigmoidNeuronClassifier(loss="hinge").fit(X_AND, Y_AND)


def test_parameters_are_keyword_only():
    with pytest.raises(TypeError):
        SigmoidNeuronClassifier("log_loss")
    with pytest.raises(TypeError):
        ThresholdUnit(0.1)


@pytest.mark.parametrize(
    "method", ["predict", "predict_proba", "predict_log_proba", "decision_function"]
)
def test_predict_checks_fitted_and_feature_count(Estimator, method):
    with pytest.raises(NotFittedError):
        getattr(Estimator(), method)(X_AND)
    fitted = Estimator(random_state=0).fit(X_AND, Y_AND)
    with pytest.raises(ValueError, match="X has 3 features, but .* is expecting 2"):
        getattr(fitted, method)([[0, 1, 1]])
    with pytest.raises(ValueError, match="Input X contains NaN"):
        getattr(fitted, method)([[0, np.nan]])


@pytest.mark.parametrize("dtype, tiny", [(np.float64, 1e-310), (np.float32, 1e-36)])
def test_inputs_too_small_for_the_weights_raise(Estimator, dtype, tiny):
    """Check that subnormal-scale X is refused instead of overflowing the weights."""
    X = (X_AND * tiny).astype(dtype)
    with pytest.raises(ValueError, match="too close to zero"):
        Estimator().fit(X, Y_AND)


@pytest.mark.parametrize("Estimator", [SigmoidNeuronClassifier, ThresholdUnit])
def test_margins_that_overflow_are_refused_not_nan(Estimator):
    """Check that inputs near the float maximum, whose margins overflow (inf -
    inf), raise a ValueError naming the row rather than give NaN
    probabilities and a silent class 0."""
    X, y = load_iris(return_X_y=True)
    model = Estimator(random_state=0).fit(X, y)
    huge = np.array([[1.0, 2.0, 3.0, 4.0], [-1e308, 1e308, -1e308, 1e308]])
    for method in (model.predict, model.predict_proba, model.decision_function):
        with pytest.raises(ValueError, match="margins of row 1 of X overflow"):
            method(huge)
