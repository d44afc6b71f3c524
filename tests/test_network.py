"""Behaviour of SigmoidNetworkClassifier: the seed's backpropagation, the gradient,
XOR, the single neuron as a special case, and bad layer sizes."""

import math
import re
import warnings

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.datasets import make_classification, make_multilabel_classification
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier

from sksigmoid import SigmoidNetworkClassifier, SigmoidNeuronClassifier
from sksigmoid._engine._math import backpropagate
from sksigmoid.datasets import make_truth_table


def reference_backpropagation(X, T, hidden_sizes, learning_rate, n_iter, loss, seed):
    """The Kite tutorial's backpropagation, unit by unit and sample by sample.

    Output error ``Err_k = O_k (1 - O_k)(T_k - O_k)`` (``T_k - O_k`` for the log
    loss), hidden error ``Err_j = O_j (1 - O_j) sum_k Err_k w_jk``, and each
    weight moved by ``learning_rate * Err_j * O_i`` averaged over the samples.
    The start is the estimator's documented one: uniform in [-1, 1], drawn layer
    by layer from the input, biases at zero.
    """
    rng = np.random.RandomState(seed)
    sizes = [len(X[0]), *hidden_sizes, len(T[0])]
    weights = [
        (2 * rng.random_sample((n_in, n_out)) - 1).tolist()
        for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=True)
    ]
    biases = [[0.0] * n_out for n_out in sizes[1:]]
    n_samples = len(X)
    for _ in range(n_iter):
        weight_sums = [[[0.0] * len(row) for row in layer] for layer in weights]
        bias_sums = [[0.0] * len(layer) for layer in biases]
        for x, t in zip(X, T, strict=True):
            outputs = [list(x)]
            for layer, layer_biases in zip(weights, biases, strict=True):
                inputs = outputs[-1]
                outputs.append(
                    [
                        1
                        / (
                            1
                            + math.exp(
                                -(
                                    sum(
                                        i * w[j]
                                        for i, w in zip(inputs, layer, strict=True)
                                    )
                                    + b
                                )
                            )
                        )
                        for j, b in enumerate(layer_biases)
                    ]
                )
            errors = [
                (o * (1 - o) * (t_k - o)) if loss == "squared_error" else (t_k - o)
                for o, t_k in zip(outputs[-1], t, strict=True)
            ]
            for layer in reversed(range(len(weights))):
                for i, o_i in enumerate(outputs[layer]):
                    for j, err_j in enumerate(errors):
                        weight_sums[layer][i][j] += err_j * o_i
                for j, err_j in enumerate(errors):
                    bias_sums[layer][j] += err_j
                errors = [
                    o_j
                    * (1 - o_j)
                    * sum(
                        err_k * w_jk
                        for err_k, w_jk in zip(errors, weights[layer][j], strict=True)
                    )
                    for j, o_j in enumerate(outputs[layer])
                ]
        for layer in range(len(weights)):
            for i, row in enumerate(weights[layer]):
                for j in range(len(row)):
                    row[j] += learning_rate * weight_sums[layer][i][j] / n_samples
            for j in range(len(biases[layer])):
                biases[layer][j] += learning_rate * bias_sums[layer][j] / n_samples
    return weights, biases


@pytest.mark.parametrize("loss", ["squared_error", "log_loss"])
@pytest.mark.parametrize(
    "table, hidden_sizes", [("xor", (3,)), ("parity", (4, 2)), ("count", (3,))]
)
def test_reference_backpropagation_matches_coefs(loss, table, hidden_sizes):
    """Check coefs_ and intercepts_ against the literal loop, to 1e-10."""
    X, y = make_truth_table("parity" if table == "count" else table, 3, return_X_y=True)
    if table == "count":
        y = X.sum(axis=1).astype(int)  # four classes: four output units
    targets = (y[:, np.newaxis] == np.unique(y)).astype(float)
    if targets.shape[1] == 2:
        targets = targets[:, 1:]
    network = SigmoidNetworkClassifier(
        hidden_layer_sizes=hidden_sizes,
        loss=loss,
        learning_rate=2.0,
        alpha=0,
        n_iter=30,
        tol=None,
        random_state=0,
    ).fit(X, y)
    weights, biases = reference_backpropagation(
        X.tolist(), targets.tolist(), hidden_sizes, 2.0, 30, loss, seed=0
    )
    for coef, reference in zip(network.coefs_, weights, strict=True):
        assert_allclose(coef, reference, rtol=0, atol=1e-10)
    for intercept, reference in zip(network.intercepts_, biases, strict=True):
        assert_allclose(intercept, reference, rtol=0, atol=1e-10)


def mean_loss_from_definitions(loss, X, T, share, coefs, intercepts):
    """The mean loss of a network, written from the definitions, for finite
    differences."""
    activations = X
    for coef, intercept in zip(coefs[:-1], intercepts[:-1], strict=True):
        activations = 1 / (1 + np.exp(-(activations @ coef + intercept)))
    outputs = 1 / (1 + np.exp(-(activations @ coefs[-1] + intercepts[-1])))
    if loss == "squared_error":
        per_unit = 0.5 * (T - outputs) ** 2
    else:
        per_unit = -T * np.log(outputs) - (1 - T) * np.log(1 - outputs)
    return float((share * per_unit).sum())


@pytest.mark.parametrize("loss", ["squared_error", "log_loss"])
@pytest.mark.parametrize("n_outputs", [1, 3])
def test_directions_are_minus_the_finite_difference_gradient(loss, n_outputs):
    """Check every weight and bias of two hidden layers against central differences
    of the loss, with unequal sample weights."""
    rng = np.random.RandomState(0)
    X = rng.normal(size=(12, 4))
    T = (rng.rand(12, n_outputs) > 0.5).astype(float)
    share = rng.uniform(0.5, 2, size=(12, 1))
    share /= share.sum()
    sizes = [4, 5, 3, n_outputs]
    coefs = [
        rng.normal(size=(a, b)) for a, b in zip(sizes[:-1], sizes[1:], strict=True)
    ]
    intercepts = [rng.normal(size=b) for b in sizes[1:]]
    loss_value, coef_directions, intercept_directions = backpropagate(
        X, T, share, coefs, intercepts, loss
    )
    assert loss_value == pytest.approx(
        mean_loss_from_definitions(loss, X, T, share, coefs, intercepts), rel=1e-12
    )
    epsilon = 1e-6
    for arrays, directions in [
        (coefs, coef_directions),
        (intercepts, intercept_directions),
    ]:
        for array, direction in zip(arrays, directions, strict=True):
            assert direction.shape == array.shape
            numeric = np.zeros_like(array)
            for index in np.ndindex(array.shape):
                saved = array[index]
                array[index] = saved + epsilon
                up = mean_loss_from_definitions(loss, X, T, share, coefs, intercepts)
                array[index] = saved - epsilon
                down = mean_loss_from_definitions(loss, X, T, share, coefs, intercepts)
                array[index] = saved
                numeric[index] = (up - down) / (2 * epsilon)
            assert_allclose(direction, -numeric, rtol=1e-5, atol=1e-9)


def test_scale_divides_only_the_first_layer_direction():
    """Check that training on X / scale moves the first layer's raw weights by
    the gradient over scale squared, and the other layers by the gradient."""
    rng = np.random.RandomState(1)
    X, T = rng.normal(size=(10, 3)), (rng.rand(10, 1) > 0.5).astype(float)
    share = np.full((10, 1), 0.1)
    coefs = [rng.normal(size=(3, 4)), rng.normal(size=(4, 1))]
    intercepts = [np.zeros(4), np.zeros(1)]
    _, plain, _ = backpropagate(X, T, share, coefs, intercepts, "log_loss")
    _, scaled, _ = backpropagate(X, T, share, coefs, intercepts, "log_loss", 4.0)
    assert_allclose(scaled[0], plain[0] / 16, rtol=1e-12)
    assert_allclose(scaled[1], plain[1], rtol=1e-12)


def multilabel_data():
    X, Y = make_multilabel_classification(60, 5, n_classes=3, random_state=0)
    return X, Y


@pytest.mark.parametrize("target", ["binary", "multiclass", "multilabel"])
@pytest.mark.parametrize(
    "params",
    [
        {},
        {"loss": "log_loss", "fit_intercept": False},
        {"learning_rate": 0.5, "tol": None, "n_iter": 200},
        {"early_stopping": True, "validation_fraction": 0.25},
    ],
)
def test_no_hidden_layer_is_the_sigmoid_neuron(target, params):
    """Check that hidden_layer_sizes=() trains exactly SigmoidNeuronClassifier
    (given the neuron's patience: the network's default is MLPClassifier's)."""
    if target == "multilabel":
        X, y = multilabel_data()
    else:
        n_classes = 2 if target == "binary" else 3
        X, y = make_classification(
            80, 5, n_informative=3, n_classes=n_classes, random_state=0
        )
    settings = dict(params, random_state=0, n_iter_no_change=5)
    network = SigmoidNetworkClassifier(hidden_layer_sizes=(), **settings).fit(X, y)
    neuron = SigmoidNeuronClassifier(**settings).fit(X, y)
    assert len(network.coefs_) == 1 and network.n_layers_ == 2
    assert_array_equal(network.coefs_[0], neuron.coef_.T)
    assert_array_equal(network.intercepts_[0], neuron.intercept_)
    assert network.loss_curve_ == neuron.loss_curve_
    assert_array_equal(network.predict_proba(X), neuron.predict_proba(X))


@pytest.mark.parametrize("loss", ["squared_error", "log_loss"])
@pytest.mark.parametrize("name, n_inputs", [("xor", 2), ("parity", 3)])
def test_defaults_learn_xor_and_parity(loss, name, n_inputs):
    """Check 100% training accuracy for at least 9 of 10 seeds, where a single
    unit cannot reach it for any."""
    X, y = make_truth_table(name, n_inputs=n_inputs, return_X_y=True)
    learned = [
        SigmoidNetworkClassifier(loss=loss, random_state=seed).fit(X, y).score(X, y)
        for seed in range(10)
    ]
    assert sum(score == 1 for score in learned) >= 9
    single = SigmoidNeuronClassifier(loss=loss, random_state=0).fit(X, y)
    assert single.score(X, y) < 1


def test_docstring_settings_learn_xor_with_four_hidden_units():
    X, y = make_truth_table("xor", n_inputs=2, return_X_y=True)
    learned = [
        SigmoidNetworkClassifier(hidden_layer_sizes=(4,), random_state=seed)
        .fit(X, y)
        .score(X, y)
        for seed in range(10)
    ]
    assert sum(score == 1 for score in learned) >= 9


@pytest.mark.parametrize("target", ["binary", "multiclass", "multilabel"])
def test_layers_are_laid_out_as_in_mlp_classifier(target):
    """Check coefs_/intercepts_ shapes against MLPClassifier's, and the output
    shapes of predict and predict_proba."""
    if target == "multilabel":
        X, y = multilabel_data()
    else:
        X, y = make_classification(
            90,
            6,
            n_informative=4,
            n_classes=2 if target == "binary" else 3,
            random_state=0,
        )
    network = SigmoidNetworkClassifier(hidden_layer_sizes=(7, 4), random_state=0)
    network.fit(X, y)
    with warnings.catch_warnings():
        # Only the layout matters: a few of MLPClassifier's epochs are enough.
        warnings.simplefilter("ignore", ConvergenceWarning)
        mlp = MLPClassifier(hidden_layer_sizes=(7, 4), max_iter=5).fit(X, y)
    assert [c.shape for c in network.coefs_] == [c.shape for c in mlp.coefs_]
    assert [b.shape for b in network.intercepts_] == [b.shape for b in mlp.intercepts_]
    assert (network.n_layers_, network.n_outputs_) == (mlp.n_layers_, mlp.n_outputs_)
    proba = network.predict_proba(X)
    assert proba.shape == (
        len(X),
        mlp.n_outputs_ if target == "multilabel" else len(network.classes_),
    )
    assert ((proba >= 0) & (proba <= 1)).all()
    if target != "multilabel":
        assert_allclose(proba.sum(axis=1), 1)
    assert network.predict(X).shape == np.shape(y)
    assert network.score(X, y) > 0.6


def test_warm_start_continues_the_network():
    """Check that 40 + 40 warm-started epochs of the constant step are 80."""
    X, y = make_classification(100, 4, random_state=3)
    params = dict(hidden_layer_sizes=(6, 3), learning_rate=0.5, n_iter=40, tol=None)
    twice = SigmoidNetworkClassifier(warm_start=True, random_state=0, **params)
    twice.fit(X, y).fit(X, y)
    once = SigmoidNetworkClassifier(random_state=0, **{**params, "n_iter": 80})
    once.fit(X, y)
    for ours, theirs in zip(
        twice.coefs_ + twice.intercepts_, once.coefs_ + once.intercepts_, strict=True
    ):
        assert_allclose(ours, theirs, rtol=1e-12)
    assert_allclose(twice.loss_curve_, once.loss_curve_, rtol=1e-12)


def test_warm_start_refuses_other_layer_sizes():
    X, y = make_classification(50, 4, random_state=3)
    network = SigmoidNetworkClassifier(hidden_layer_sizes=(3,), warm_start=True)
    network.fit(X, y)
    with pytest.raises(ValueError, match=re.escape("same layer sizes")):
        network.set_params(hidden_layer_sizes=(4,)).fit(X, y)


@pytest.mark.parametrize(
    "hidden_layer_sizes, message",
    [
        (0, "in the range [1, inf)"),
        (-3, "in the range [1, inf)"),
        ((4, 0), "positive integers"),
        ((4, -2), "positive integers"),
        ((2.5,), "integers"),
        (("4",), "integers"),
        ((True,), "integers"),
        (2.5, "hidden_layer_sizes"),
        ("4", "hidden_layer_sizes"),
    ],
)
def test_bad_hidden_layer_sizes_are_refused(hidden_layer_sizes, message):
    X, y = make_truth_table("xor", 2, return_X_y=True)
    network = SigmoidNetworkClassifier(hidden_layer_sizes=hidden_layer_sizes)
    with pytest.raises(ValueError, match=re.escape(message)):
        network.fit(X, y)


@pytest.mark.parametrize("magnitude", [1e-300, 1e-20, 1e20, 1e300])
def test_no_runtime_warning_at_any_finite_scale(magnitude):
    """Check that extreme but finite inputs train and predict without warnings
    (the suite turns warnings into errors)."""
    X, y = make_truth_table("xor", 2, return_X_y=True)
    X = X * magnitude
    network = SigmoidNetworkClassifier(hidden_layer_sizes=(4,), random_state=0)
    network.fit(X, y)
    assert_array_equal(network.predict(X), y)
    assert np.isfinite(network.predict_proba(X * 10)).all()
