"""The regressors and ADALINE: Widrow and Hoff's linear unit, and the sigmoid
network with linear outputs, against the least-squares solutions they reach
and in scikit-learn's workflows."""

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from scipy import sparse
from sklearn.compose import TransformedTargetRegressor
from sklearn.linear_model import LinearRegression
from sklearn.model_selection import GridSearchCV, cross_validate
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from sksigmoid import (
    AdalineClassifier,
    LinearUnitRegressor,
    SigmoidNetworkRegressor,
)

# Short fits, stopped by n_iter: the models are compared, not their convergence.
pytestmark = pytest.mark.filterwarnings("ignore::sklearn.exceptions.ConvergenceWarning")


def linear_data(n_samples=80, n_features=4, n_outputs=1, noise=0.3, seed=0):
    """X, and y = X @ w + b + noise in the thousands (one column per output)."""
    rng = np.random.RandomState(seed)
    X = rng.normal(size=(n_samples, n_features))
    weights = rng.normal(size=(n_features, n_outputs)) * 1000
    y = X @ weights + 5000 + noise * 1000 * rng.normal(size=(n_samples, n_outputs))
    return X, (y.ravel() if n_outputs == 1 else y)


def least_squares(X, y, sample_weight=None):
    return LinearRegression().fit(X, y, sample_weight=sample_weight)


@pytest.mark.parametrize("n_outputs", [1, 3])
def test_linear_unit_reaches_the_least_squares_solution(n_outputs):
    X, y = linear_data(n_outputs=n_outputs)
    unit = LinearUnitRegressor(alpha=0, tol=1e-12, random_state=0).fit(X, y)
    reference = least_squares(X, y)
    assert unit.coef_.shape == reference.coef_.shape
    assert_allclose(unit.coef_, reference.coef_, rtol=1e-6)
    assert_allclose(unit.intercept_, np.atleast_1d(reference.intercept_), rtol=1e-6)
    assert_allclose(unit.predict(X), reference.predict(X), rtol=1e-6)


def test_sample_weights_weigh_the_least_squares():
    X, y = linear_data()
    weights = np.random.RandomState(1).randint(0, 4, len(y)).astype(float)
    unit = LinearUnitRegressor(alpha=0, tol=1e-12, random_state=0)
    unit.fit(X, y, sample_weight=weights)
    reference = least_squares(X, y, weights)
    assert_allclose(unit.coef_, reference.coef_, rtol=1e-6)


@pytest.mark.parametrize("sparse_format", [sparse.csr_matrix, sparse.csc_array])
@pytest.mark.parametrize(
    "regressor",
    [
        LinearUnitRegressor(random_state=0),
        SigmoidNetworkRegressor(hidden_layer_sizes=(4,), n_iter=30),
    ],
    ids=repr,
)
def test_sparse_fit_equals_dense_fit(regressor, sparse_format):
    X, y = linear_data()
    X[np.abs(X) < 0.8] = 0
    regressor = regressor.set_params(random_state=0)
    dense = regressor.fit(X, y).predict(X)
    on_sparse = regressor.fit(sparse_format(X), y).predict(sparse_format(X))
    assert_allclose(on_sparse, dense, rtol=1e-8)


def test_one_epoch_of_the_full_batch_lms_rule():
    """One epoch of ``solver="gd"``: the weights move by ``eta`` times the mean
    of ``(t - o) x`` over the rows, on the standardized targets ``t`` (X is
    in [-1, 1] with a 1 in it: the rule runs on X itself)."""
    rng = np.random.RandomState(0)
    X = rng.uniform(-1, 1, size=(20, 3))
    X[0, 0] = 1.0
    y = 100 * X[:, 0] + 30 + rng.normal(size=20)
    eta = 0.5
    unit = LinearUnitRegressor(
        solver="gd", learning_rate=eta, alpha=0, n_iter=1, tol=None
    ).fit(X, y, coef_init=np.zeros(3), intercept_init=[0.0])
    targets = (y - y.mean()) / y.std()
    start_bias = -y.mean() / y.std()  # 0 in the targets' units
    error = targets - start_bias
    coef = eta * X.T @ error / len(y)
    bias = start_bias + eta * error.mean()
    assert_allclose(unit.coef_, coef * y.std(), rtol=1e-12)
    assert_allclose(unit.intercept_, [bias * y.std() + y.mean()], rtol=1e-12)


@pytest.mark.parametrize(
    "regressor",
    [SigmoidNetworkRegressor(random_state=0), LinearUnitRegressor(random_state=0)],
    ids=repr,
)
def test_targets_in_the_thousands_need_no_tuning(regressor):
    X, y = linear_data(noise=0.5)
    small = regressor.fit(X, y / 1000).predict(X)
    large = regressor.fit(X, y).predict(X)
    assert_allclose(large, 1000 * small, rtol=1e-6)


def test_network_learns_a_curve_and_keeps_outputs_in_target_units():
    rng = np.random.RandomState(0)
    X = rng.uniform(-3, 3, size=(150, 1))
    y = 2000 * np.sin(X[:, 0]) + 100 * rng.normal(size=150)
    network = SigmoidNetworkRegressor(alpha=1e-3, random_state=0).fit(X, y)
    assert network.solver_ == "rprop"
    assert network.score(X, y) > 0.95
    assert LinearUnitRegressor().fit(X, y).score(X, y) < 0.75
    # The output layer is in the targets' units: the plain forward pass.
    hidden = 1 / (1 + np.exp(-(X @ network.coefs_[0] + network.intercepts_[0])))
    by_hand = hidden @ network.coefs_[1] + network.intercepts_[1]
    assert_allclose(network.predict(X), by_hand.ravel(), rtol=1e-10)


def test_no_hidden_layer_is_the_linear_unit():
    X, y = linear_data()
    network = SigmoidNetworkRegressor(
        hidden_layer_sizes=(), alpha=1e-4, n_iter=20, tol=None, random_state=0
    )
    unit = LinearUnitRegressor(alpha=1e-4, n_iter=20, tol=None, random_state=0)
    network.fit(X, y)
    unit.fit(X, y)
    assert_allclose(network.coefs_[0].ravel(), unit.coef_, rtol=1e-10)


def test_alpha_auto_is_one_over_the_total_weight():
    X, y = linear_data(n_samples=60)
    weights = np.full(len(y), 2.0)
    auto = SigmoidNetworkRegressor(hidden_layer_sizes=(3,), random_state=0).fit(
        X, y, weights
    )
    pinned = SigmoidNetworkRegressor(
        hidden_layer_sizes=(3,), alpha=1 / 120, random_state=0
    ).fit(X, y)
    assert_allclose(auto.coefs_[0], pinned.coefs_[0], rtol=1e-10)


@pytest.mark.parametrize(
    "regressor",
    [SigmoidNetworkRegressor(hidden_layer_sizes=(4,)), LinearUnitRegressor()],
    ids=repr,
)
def test_partial_fit_keeps_the_first_chunks_standardization(regressor):
    X, y = linear_data(n_samples=90)
    regressor.set_params(random_state=0)
    for rows in (slice(0, 30), slice(30, 60), slice(60, 90)):
        regressor.partial_fit(X[rows], y[rows])
    first = y[:30]
    assert_allclose(regressor._target_mean, [first.mean()])
    assert_allclose(regressor._target_scale, [first.std()])
    assert regressor.n_iter_ == 3 and regressor.solver_ == "gd"
    with pytest.raises(ValueError, match="the same outputs"):
        regressor.partial_fit(X, np.column_stack([y, y]))


def test_warm_start_continues_from_the_fitted_weights():
    X, y = linear_data()
    params = dict(solver="gd", learning_rate=0.1, tol=None, random_state=0, alpha=1e-4)
    once = LinearUnitRegressor(n_iter=10, **params).fit(X, y)
    twice = LinearUnitRegressor(n_iter=5, warm_start=True, **params)
    twice.fit(X, y).fit(X, y)
    assert twice.n_iter_ == 10
    assert_allclose(twice.coef_, once.coef_, rtol=1e-10)


def test_early_stopping_scores_held_out_r2():
    X, y = linear_data(n_samples=200)
    network = SigmoidNetworkRegressor(
        hidden_layer_sizes=(5,), early_stopping=True, random_state=0
    ).fit(X, y)
    assert max(network.validation_scores_) == network.best_validation_score_
    assert 0.8 < network.best_validation_score_ <= 1
    assert len(network.validation_loss_curve_) == network.n_iter_


def test_adaline_is_the_least_squares_line_on_minus_one_plus_one():
    rng = np.random.RandomState(0)
    X = rng.normal(size=(60, 2))
    y = (X[:, 0] + 0.5 * X[:, 1] > 0).astype(int)
    adaline = AdalineClassifier(alpha=0, tol=1e-12, random_state=0).fit(X, y)
    reference = least_squares(X, 2 * y - 1)
    assert_allclose(adaline.coef_.ravel(), reference.coef_, rtol=1e-6)
    assert_allclose(adaline.intercept_, [reference.intercept_], atol=1e-8)
    assert_array_equal(adaline.predict(X), (reference.predict(X) > 0).astype(int))


@pytest.mark.parametrize("n_classes", [2, 3])
def test_adaline_probabilities_agree_with_predict(n_classes):
    rng = np.random.RandomState(0)
    X = rng.normal(size=(90, 3))
    y = np.digitize(X[:, 0] + 0.3 * X[:, 1], [-0.4, 0.4][: n_classes - 1])
    adaline = AdalineClassifier(random_state=0).fit(X, y)
    proba = adaline.predict_proba(X)
    assert_allclose(proba.sum(axis=1), 1.0)
    assert_array_equal(adaline.classes_[proba.argmax(axis=1)], adaline.predict(X))


def test_adaline_multilabel_has_a_unit_per_label():
    rng = np.random.RandomState(0)
    X = rng.normal(size=(50, 3))
    Y = np.column_stack([X[:, 0] > 0, X[:, 1] > 0]).astype(int)
    adaline = AdalineClassifier(random_state=0).fit(X, Y)
    assert adaline.coef_.shape == (2, 3)
    assert adaline.predict(X).shape == Y.shape


def test_regressors_in_scikit_learn_workflows():
    X, y = linear_data(n_samples=100)
    frame = pd.DataFrame(X, columns=["a", "b", "c", "d"])
    search = GridSearchCV(
        make_pipeline(StandardScaler(), LinearUnitRegressor(random_state=0)),
        {"linearunitregressor__alpha": [1e-4, 1e-1]},
        scoring="r2",
        cv=3,
    ).fit(frame, y)
    assert search.best_score_ > 0.9
    assert list(search.best_estimator_.feature_names_in_) == list("abcd")
    transformed = TransformedTargetRegressor(
        SigmoidNetworkRegressor(hidden_layer_sizes=(3,), random_state=0),
        func=np.log,
        inverse_func=np.exp,
    ).fit(X, np.abs(y) + 1)
    assert transformed.predict(X).shape == y.shape
    scores = cross_validate(
        SigmoidNetworkRegressor(hidden_layer_sizes=(3,), random_state=0),
        frame,
        y,
        cv=3,
        scoring="r2",
    )["test_score"]
    assert (scores > 0.7).all()


@pytest.mark.parametrize(
    "regressor", [SigmoidNetworkRegressor(), LinearUnitRegressor()], ids=repr
)
def test_bad_targets_are_refused_by_name(regressor):
    X, y = linear_data(n_samples=20)
    y_nan = y.copy()
    y_nan[3] = np.nan
    with pytest.raises(ValueError, match="Input y contains NaN"):
        regressor.fit(X, y_nan)
    with pytest.raises(ValueError, match="could not convert|Unknown label"):
        regressor.fit(X, np.array(["a"] * 20, dtype=object))
    assert "class_weight" not in regressor.get_params()
