"""ErrorSurfaceDisplay: a single unit's loss over two of its weights, checked
against the loss written out by hand, and the path of its fit against fits
that many epochs long."""

import numpy as np
import pytest
from sklearn.base import clone

from sksigmoid import (
    AdalineClassifier,
    LinearUnitRegressor,
    SigmoidNetworkClassifier,
    SigmoidNeuronClassifier,
    ThresholdUnit,
)
from sksigmoid.datasets import make_truth_table
from sksigmoid.display import ErrorSurfaceDisplay

pytest.importorskip("matplotlib").use("Agg")
plt = pytest.importorskip("matplotlib.pyplot")

X_OR, Y_OR = make_truth_table("or", 3, return_X_y=True)
#: A small regression of another scale than the truth table's.
X_SUM = np.array([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [2.0, 1.0], [0.5, 2.0]])
Y_SUM = 3 + 1 * X_SUM[:, 0] - 0.5 * X_SUM[:, 1]


def sigmoid_squared_error(t, z):
    return np.mean((t - 1 / (1 + np.exp(-z))) ** 2) / 2


def sigmoid_log_loss(t, z):
    # -log(o) of the target's side, without rounding o to 1 on a wide grid.
    return np.mean(np.logaddexp(0, -(2 * t - 1) * z))


#: name -> (unfitted estimator, X, y, the mean loss by hand of t and z).
UNITS = {
    "squared error": (
        SigmoidNeuronClassifier(loss="squared_error", alpha=0, random_state=0),
        X_OR,
        Y_OR,
        sigmoid_squared_error,
    ),
    "log loss": (
        SigmoidNeuronClassifier(loss="log_loss", alpha=0, random_state=0),
        X_OR,
        Y_OR,
        sigmoid_log_loss,
    ),
    "adaline": (
        AdalineClassifier(random_state=0),
        X_OR,
        Y_OR,
        lambda t, z: np.mean((2 * t - 1 - z) ** 2) / 2,
    ),
    "linear regressor": (
        LinearUnitRegressor(random_state=0),
        X_SUM,
        Y_SUM,
        lambda t, z: np.mean((t - z) ** 2) / 2,
    ),
    "threshold unit": (
        ThresholdUnit(random_state=0),
        X_OR,
        Y_OR,
        lambda t, z: np.mean(np.maximum(0, -(2 * t - 1) * z)),
    ),
}


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


@pytest.mark.parametrize("name", UNITS)
def test_error_surface_is_the_loss_by_hand_over_the_grid(name):
    """Check that loss_[i, j] is the mean loss with weights (1, 0) at grid
    point (i, j), the other weight and the bias as fitted."""
    estimator, X, y, by_hand = UNITS[name]
    fitted = clone(estimator).fit(X, y)
    display = ErrorSurfaceDisplay.from_estimator(
        fitted, X, y, weights=(1, 0), grid_resolution=7
    )
    grid1, grid0 = display.weight_grid_
    assert display.loss_.shape == (7, 7)
    w = np.ravel(fitted.coef_).astype(float)
    b = float(np.ravel(fitted.intercept_)[0])
    for i, j in [(0, 0), (3, 5), (6, 6), (6, 1)]:
        w[1], w[0] = grid1[i], grid0[j]
        assert display.loss_[i, j] == pytest.approx(by_hand(y, X @ w + b), rel=1e-9)


@pytest.mark.parametrize("name", ["squared error", "adaline", "threshold unit"])
def test_error_surface_path_is_the_weights_of_fits_that_many_epochs_long(name):
    """Check that path_[k - 1] is the two weights of an n_iter=k, tol=None fit,
    the last the fitted weights, and that the grid holds the path."""
    estimator, X, y, _ = UNITS[name]
    fitted = clone(estimator).fit(X, y)
    display = ErrorSurfaceDisplay.from_estimator(fitted, X, y, grid_resolution=3)
    assert len(display.path_) == fitted.n_iter_
    np.testing.assert_allclose(display.path_[-1], np.ravel(fitted.coef_)[:2])
    for k in {1, fitted.n_iter_ // 2 + 1}:
        short = clone(estimator).set_params(n_iter=k, tol=None).fit(X, y)
        np.testing.assert_allclose(display.path_[k - 1], np.ravel(short.coef_)[:2])
    for axis, grid in enumerate(display.weight_grid_):
        assert grid[0] < display.path_[:, axis].min()
        assert grid[-1] > display.path_[:, axis].max()


@pytest.mark.parametrize(
    "estimator, X, y, message",
    [
        (
            SigmoidNetworkClassifier(hidden_layer_sizes=(2,), random_state=0),
            X_OR,
            Y_OR,
            "single unit",
        ),
        (SigmoidNeuronClassifier(random_state=0), X_OR, np.arange(8) % 3, "3 output"),
        (SigmoidNeuronClassifier(random_state=0), X_OR, Y_OR, "different indices"),
    ],
)
def test_error_surface_refuses_what_is_not_a_single_unit_or_two_weights(
    estimator, X, y, message
):
    fitted = clone(estimator).set_params(n_iter=5, tol=None).fit(X, y)
    weights = (0, 0) if message == "different indices" else (0, 1)
    with pytest.raises(ValueError, match=message):
        ErrorSurfaceDisplay.from_estimator(fitted, X, y, weights=weights)


def test_error_surface_draws_contours_the_path_and_the_fitted_point():
    estimator, X, y, _ = UNITS["log loss"]
    fitted = clone(estimator).fit(X, y)
    _, ax = plt.subplots()
    display = ErrorSurfaceDisplay.from_estimator(fitted, X, y, (0, 2), 5, ax=ax)
    assert display.ax_ is ax and display.figure_ is ax.figure
    np.testing.assert_allclose(np.c_[display.path_line_.get_data()], display.path_)
    np.testing.assert_allclose(
        np.ravel(display.fitted_marker_.get_data()), np.ravel(fitted.coef_)[[0, 2]]
    )
    assert ax.get_xlabel() == "coef_[0]" and ax.get_ylabel() == "coef_[2]"


def test_error_surface_path_starts_from_the_fit_params_given():
    """Check that the refit of the path starts where the fit did: its k-th point
    is the weights of an n_iter=k fit from the same coef_init."""
    start = {"coef_init": [[-6.0, -6.0, -6.0]], "intercept_init": [3.0]}
    neuron = SigmoidNeuronClassifier(solver="gd", n_iter=4, tol=None, random_state=0)
    fitted = clone(neuron).fit(X_OR, Y_OR, **start)
    display = ErrorSurfaceDisplay.from_estimator(
        fitted, X_OR, Y_OR, grid_resolution=3, fit_params=start
    )
    for k in (1, 4):
        short = clone(neuron).set_params(n_iter=k).fit(X_OR, Y_OR, **start)
        np.testing.assert_allclose(display.path_[k - 1], np.ravel(short.coef_)[:2])
