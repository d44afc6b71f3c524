"""TensorFlow Playground's data sets against their definitions, and the hidden
units' activations against a forward pass by hand."""

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.exceptions import NotFittedError

from sksigmoid import (
    SigmoidNetworkClassifier,
    SigmoidNetworkRegressor,
    linear_separability,
)
from sksigmoid.datasets import make_playground

NAMES = ["circle", "xor", "gauss", "spiral"]


@pytest.mark.parametrize("name", NAMES)
def test_data_sets_are_two_features_of_two_classes_drawn_by_random_state(name):
    X, y = make_playground(name, n_samples=120, random_state=0, return_X_y=True)
    again, _ = make_playground(name, n_samples=120, random_state=0, return_X_y=True)
    assert X.shape == (120, 2) and set(y.tolist()) == {0, 1}
    assert_array_equal(X, again)
    noisy, noisy_y = make_playground(
        name, n_samples=120, noise=0.3, random_state=0, return_X_y=True
    )
    assert not np.allclose(noisy, X)
    assert_array_equal(noisy_y, y)
    # The spiral's points are drawn only by their noise.
    other, _ = make_playground(
        name, n_samples=120, noise=0.3, random_state=1, return_X_y=True
    )
    assert not np.allclose(noisy, other)


def test_xor_is_the_sign_of_the_product_and_circle_a_radius():
    X, y = make_playground("xor", random_state=0, return_X_y=True)
    assert_array_equal(y, (X[:, 0] * X[:, 1] > 0).astype(int))
    assert np.abs(X).min() >= 0.3  # kept off the axes
    X, y = make_playground("circle", random_state=0, return_X_y=True)
    radius = np.hypot(X[:, 0], X[:, 1])
    assert radius[y == 1].max() <= 2.5 < 3.5 <= radius[y == 0].min()


@pytest.mark.parametrize("name, separable", [(name, name == "gauss") for name in NAMES])
def test_only_the_blobs_are_linearly_separable(name, separable):
    X, y = make_playground(name, random_state=0, return_X_y=True)
    assert linear_separability(X, y).separable == separable


def test_as_frame_gives_a_bunch_with_the_frame():
    data = make_playground("spiral", n_samples=30, random_state=0, as_frame=True)
    assert list(data.frame.columns) == ["x1", "x2", "spiral"]
    assert data.frame.shape == (30, 3)
    assert data.feature_names == ["x1", "x2"]


@pytest.mark.parametrize(
    "network",
    [
        SigmoidNetworkClassifier(hidden_layer_sizes=(5, 3), n_iter=20),
        SigmoidNetworkRegressor(hidden_layer_sizes=(4,), n_iter=20),
    ],
    ids=repr,
)
@pytest.mark.filterwarnings("ignore::sklearn.exceptions.ConvergenceWarning")
def test_hidden_activations_are_the_forward_pass_by_hand(network):
    X, y = make_playground(
        "circle", n_samples=60, noise=0.1, random_state=0, return_X_y=True
    )
    network.set_params(random_state=0).fit(X, y)
    activations = network.hidden_activations(X)
    layer = X
    assert len(activations) == len(network.coefs_) - 1
    for activation, coef, intercept in zip(
        activations, network.coefs_[:-1], network.intercepts_[:-1], strict=True
    ):
        layer = 1 / (1 + np.exp(-(layer @ coef + intercept)))
        assert_allclose(activation, layer, rtol=0, atol=1e-12)


def test_hidden_activations_check_their_input():
    X, y = make_playground("xor", n_samples=40, random_state=0, return_X_y=True)
    network = SigmoidNetworkClassifier(hidden_layer_sizes=(3,), random_state=0)
    with pytest.raises(NotFittedError):
        network.hidden_activations(X)
    network.fit(X, y)
    with pytest.raises(ValueError, match="NaN"):
        network.hidden_activations(np.array([[np.nan, 1.0]]))
    with pytest.raises(ValueError, match="features"):
        network.hidden_activations(np.ones((2, 3)))
    no_hidden = SigmoidNetworkClassifier(hidden_layer_sizes=(), random_state=0)
    assert no_hidden.fit(X, y).hidden_activations(X) == []
