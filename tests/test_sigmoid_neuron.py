"""Behaviour of SigmoidNeuronClassifier: the tutorials, the gradient, the targets."""

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.datasets import make_blobs, make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

from sksigmoid import SigmoidNeuronClassifier, ThresholdUnit
from sksigmoid._engine._data import ArrayData
from sksigmoid._engine._layers import Layers
from sksigmoid._engine._math import LOSSES
from sksigmoid.cli._demo import tutorial_neuron
from sksigmoid.datasets import make_truth_table

# The GeeksforGeeks tutorial (../shared/seeds): its three examples and its query.
TUTORIAL_X = np.array([[0, 1, 1], [1, 0, 0], [1, 0, 1]])
TUTORIAL_Y = np.array([1, 0, 1])
TUTORIAL_QUERY = np.array([[1, 0, 1]])


def tutorial_loop(n_iter, seed=1):
    """The tutorial's NeuralNet.train, transcribed line by line (no bias, summed)."""
    synaptic_weights = 2 * np.random.RandomState(seed).random_sample((3, 1)) - 1
    inputs, outputs = TUTORIAL_X.astype(float), TUTORIAL_Y[:, np.newaxis]
    for _ in range(n_iter):
        output = 1 / (1 + np.exp(-np.dot(inputs, synaptic_weights)))
        error = outputs - output
        factor = np.dot(inputs.T, error * (output * (1 - output)))
        synaptic_weights += factor
    return synaptic_weights


@pytest.mark.parametrize(
    "n_iter, printed", [(10, 0.65980921), (100, 0.87680541), (10000, 0.9897704)]
)
def test_tutorial_printed_numbers_reproduced(n_iter, printed):
    """Check the GeeksforGeeks tutorial's printed outputs to all printed digits."""
    proba = tutorial_neuron(n_iter).predict_proba(TUTORIAL_QUERY)[0, 1]
    assert round(proba, 8) == pytest.approx(printed, abs=1e-12)


@pytest.mark.parametrize("n_iter", [1, 10, 100, 10000])
def test_tutorial_loop_matches_coef(n_iter):
    """Check coef_ against a literal transcription of the tutorial's loop."""
    neuron = tutorial_neuron(n_iter)
    assert neuron.n_iter_ == n_iter
    assert_allclose(neuron.coef_, tutorial_loop(n_iter).T, rtol=1e-13)
    assert_array_equal(neuron.intercept_, [0.0])


def mean_loss(loss, weights, bias, X, T):
    """Mean over samples of the summed per-unit loss, written from the definitions."""
    outputs = 1 / (1 + np.exp(-(X @ weights + bias)))
    if loss == "squared_error":
        per_unit = 0.5 * (T - outputs) ** 2
    else:
        per_unit = -T * np.log(outputs) - (1 - T) * np.log(1 - outputs)
    return per_unit.sum(axis=1).mean()


@pytest.mark.parametrize("alpha", [0.0, 0.1])
@pytest.mark.parametrize("loss", ["squared_error", "log_loss"])
def test_update_is_minus_finite_difference_gradient(loss, alpha):
    """Check one epoch's update against central finite differences of the loss,
    and loss_curve_ against the loss, each with the penalty of ``alpha``."""
    rng = np.random.RandomState(0)
    X = rng.uniform(-1, 1, size=(20, 4))
    X[0, 0] = 1.0  # largest magnitude 1: training runs on X itself
    y = rng.randint(3, size=20)
    T = (y[:, np.newaxis] == np.arange(3)).astype(float)
    learning_rate = 0.3
    start = 2 * np.random.RandomState(7).random_sample((4, 3)) - 1
    neuron = SigmoidNeuronClassifier(
        loss=loss,
        learning_rate=learning_rate,
        alpha=alpha,
        n_iter=1,
        tol=None,
        random_state=7,
    ).fit(X, y)

    def objective(weights, bias):
        # The penalty is measured on X divided by its root mean square value.
        penalty = 0.5 * alpha * np.mean(X**2) * np.sum(weights**2)
        return mean_loss(loss, weights, bias, X, T) + penalty

    epsilon = 1e-6
    parameters = np.vstack([start, np.zeros((1, 3))])
    gradient = np.zeros_like(parameters)
    for index in np.ndindex(*parameters.shape):
        shift = np.zeros_like(parameters)
        shift[index] = epsilon
        up, down = parameters + shift, parameters - shift
        gradient[index] = (
            objective(up[:-1], up[-1]) - objective(down[:-1], down[-1])
        ) / (2 * epsilon)

    assert neuron.loss_curve_[0] == pytest.approx(objective(start, 0.0), rel=1e-12)
    assert_allclose(neuron.coef_.T - start, -learning_rate * gradient[:-1], atol=1e-8)
    assert_allclose(neuron.intercept_, -learning_rate * gradient[-1], atol=1e-8)


def test_loss_curve_is_the_mean_loss_at_each_epoch():
    """Check loss_curve_ against the loss of the weights after each shorter fit."""
    X, y = make_truth_table("or", n_inputs=3, return_X_y=True)
    params = dict(loss="log_loss", learning_rate=1.0, alpha=0, tol=None, random_state=0)
    curve = SigmoidNeuronClassifier(n_iter=5, **params).fit(X, y).loss_curve_
    for epoch in range(1, 5):
        earlier = SigmoidNeuronClassifier(n_iter=epoch, **params).fit(X, y)
        T = y[:, np.newaxis].astype(float)
        expected = mean_loss("log_loss", earlier.coef_.T, earlier.intercept_, X, T)
        assert curve[epoch] == pytest.approx(expected, rel=1e-12)


def test_log_loss_matches_logistic_regression_without_penalty():
    """Check that gradient descent on the log loss reaches the unpenalised optimum."""
    X, y = make_classification(
        n_samples=200,
        n_features=3,
        n_informative=3,
        n_redundant=0,
        class_sep=0.5,
        random_state=0,
    )
    X = X / np.abs(X).max()
    neuron = SigmoidNeuronClassifier(
        loss="log_loss",
        learning_rate=4.0,
        alpha=0,
        n_iter=20000,
        tol=None,
        random_state=0,
    ).fit(X, y)
    reference = LogisticRegression(C=np.inf, tol=1e-10, max_iter=10000).fit(X, y)
    assert_allclose(neuron.coef_, reference.coef_, rtol=1e-4)
    assert_allclose(neuron.intercept_, reference.intercept_, rtol=1e-4, atol=1e-6)


@pytest.mark.parametrize("alpha", [1e-3, 1e-2])
def test_alpha_is_logistic_regression_penalty(alpha):
    """Check that the log loss with ``alpha`` reaches LogisticRegression's optimum
    for ``C = 1 / (alpha * n_samples)`` on standardized X (root mean square 1)."""
    X, y = make_classification(n_samples=300, n_features=5, random_state=0)
    X = StandardScaler().fit_transform(X)
    neuron = SigmoidNeuronClassifier(
        loss="log_loss", alpha=alpha, n_iter=3000, tol=None, random_state=0
    ).fit(X, y)
    reference = LogisticRegression(C=1 / (alpha * len(X)), tol=1e-12).fit(X, y)
    assert_allclose(neuron.coef_, reference.coef_, rtol=1e-6, atol=1e-8)
    assert_allclose(neuron.intercept_, reference.intercept_, rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize("loss", ["squared_error", "log_loss"])
@pytest.mark.parametrize("n_samples", [5, 50, 40_000])
def test_auto_stable_step_is_the_inverse_curvature_bound(loss, n_samples):
    """Check the auto start, 1 / (c * lambda_max), against an eigendecomposition
    of the weighted second moment of [x / scale, sqrt(gain)], with the gain the
    weighted mean square of x / scale; on 40,000 rows it is computed on every
    10th (4 / 10 of 2^18 values), and equal to 2%. On 5 rows of 7 inputs it is
    computed from the rows' Gram matrix."""
    rng = np.random.RandomState(0)
    X = rng.normal(size=(n_samples, 6)) @ rng.normal(size=(6, 6)) + 0.5
    weights = rng.uniform(0.5, 2, size=n_samples)
    scale = np.abs(X).max()
    neuron = SigmoidNeuronClassifier(loss=loss)
    data = ArrayData(X, np.zeros((n_samples, 1), dtype=bool), weights)
    layers = Layers([np.zeros((6, 1))], [np.zeros(1)])
    plan = neuron._plan(data, n_layers=1, incremental=False)
    statistics = neuron._input_statistics(data, layers, plan)
    assert statistics.scale == scale
    gain = np.average(((X / scale) ** 2).mean(axis=1), weights=weights)
    assert statistics.intercept_gain == pytest.approx(gain, rel=1e-12)
    step = statistics.learning_rate
    inputs = np.column_stack([X / scale, np.full(n_samples, np.sqrt(gain))])
    moment = (inputs * (weights / weights.sum())[:, np.newaxis]).T @ inputs
    expected = 1 / (LOSSES[loss].curvature_bound * np.linalg.eigvalsh(moment)[-1])
    assert step == pytest.approx(expected, rel=1e-12 if n_samples <= 50 else 0.02)


def test_tol_none_runs_exactly_n_iter_and_tol_stops_earlier():
    """Check the stopping rule against the rule applied by hand to the full curve."""
    X, y = make_truth_table("and", n_inputs=3, return_X_y=True)
    # A constant step: L-BFGS reaches the minimum of this table, and stops
    # there, within 30 epochs.
    exact = SigmoidNeuronClassifier(
        learning_rate=2.0, n_iter=300, tol=None, random_state=0
    ).fit(X, y)
    assert exact.n_iter_ == 300 and len(exact.loss_curve_) == 300
    tol, patience = 1e-2, 5
    early = SigmoidNeuronClassifier(
        learning_rate=2.0,
        n_iter=300,
        tol=tol,
        n_iter_no_change=patience,
        random_state=0,
    ).fit(X, y)
    # Stopping changes no update, so the early fit follows the same curve.
    best, waited, stop = np.inf, 0, None
    for epoch, loss in enumerate(exact.loss_curve_, start=1):
        waited = waited + 1 if loss >= best - tol else 0
        best = min(best, loss)
        if waited == patience:
            stop = epoch
            break
    assert stop is not None and early.n_iter_ == stop
    assert_allclose(early.loss_curve_, exact.loss_curve_[:stop], rtol=1e-15)


@pytest.mark.parametrize(
    "name, n_inputs", [("and", 2), ("or", 3), ("nand", 2), ("nor", 3), ("majority", 3)]
)
def test_learns_separable_truth_tables(name, n_inputs):
    X, y = make_truth_table(name, n_inputs=n_inputs, return_X_y=True)
    assert SigmoidNeuronClassifier(random_state=0).fit(X, y).score(X, y) == 1.0


def test_cannot_learn_xor():
    """Check that one unit gets at most 3 of XOR's 4 rows, however long it trains."""
    X, y = make_truth_table("xor", n_inputs=2, return_X_y=True)
    for seed in range(5):
        neuron = SigmoidNeuronClassifier(n_iter=5000, tol=None, random_state=seed)
        assert neuron.fit(X, y).score(X, y) <= 0.75


def test_multiclass_probabilities_are_normalised_unit_outputs():
    X, y = make_blobs(n_samples=150, centers=3, random_state=0)
    neuron = SigmoidNeuronClassifier(random_state=0).fit(X, y)
    assert neuron.coef_.shape == (3, 2) and neuron.intercept_.shape == (3,)
    outputs = 1 / (1 + np.exp(-(X @ neuron.coef_.T + neuron.intercept_)))
    proba = neuron.predict_proba(X)
    assert_allclose(proba, outputs / outputs.sum(axis=1, keepdims=True), rtol=1e-10)
    assert_allclose(np.log(proba), neuron.predict_log_proba(X), rtol=1e-10)
    assert_array_equal(neuron.predict(X), neuron.classes_[proba.argmax(axis=1)])
    assert neuron.score(X, y) > 0.9


@pytest.mark.parametrize("estimator", [SigmoidNeuronClassifier, ThresholdUnit])
def test_confident_probabilities_keep_their_small_side(estimator):
    """Check that a confident row's small probability is not rounded to 0 or 1.

    At a margin of 50 the small side of ``[1 - p, p]`` is about 2e-22, below
    the spacing of doubles near 1; it must equal the exp of its log.
    """
    X, y = make_blobs(n_samples=200, centers=2, random_state=0)
    clf = estimator(random_state=0).fit(X, y)
    # Points on the lines from the data's mean through five samples, placed
    # where the margin is 50 (or -50): the margin is affine along each line.
    center = X.mean(axis=0)
    at_center = clf.decision_function(center[np.newaxis])
    at_sample = clf.decision_function(X[:5])
    shift = (50 * np.sign(at_sample) - at_center) / (at_sample - at_center)
    far = center + shift[:, np.newaxis] * (X[:5] - center)
    proba = clf.predict_proba(far)
    assert proba.min() > 0 and proba.max() <= 1
    assert_allclose(proba, np.exp(clf.predict_log_proba(far)), rtol=1e-12)
    assert_allclose(proba.sum(axis=1), 1, rtol=1e-15)


def test_multilabel_units_are_independent():
    """Check that each label's unit is the binary neuron fitted on that label."""
    rng = np.random.RandomState(0)
    X = rng.normal(size=(100, 3))
    Y = np.column_stack([X[:, 0] > 0, X[:, 1] + X[:, 2] > 0]).astype(int)
    params = dict(n_iter=200, tol=None, learning_rate=2.0, alpha=0, random_state=0)
    neuron = SigmoidNeuronClassifier(**params).fit(X, Y)
    assert_array_equal(neuron.classes_, [0, 1])
    assert neuron.predict(X).shape == (100, 2)
    assert neuron.predict_proba(X).shape == (100, 2)
    assert (neuron.predict(X) == Y).mean() > 0.9
    # Same start column by column, so each unit follows the binary fit on its
    # label when that fit starts from the same weights.
    start = 2 * np.random.RandomState(0).random_sample((3, 2)) - 1
    for label in range(2):
        scale = np.abs(X).max()
        coef = start[:, label] / scale
        bias = 0.0
        for _ in range(200):
            outputs = 1 / (1 + np.exp(-(X @ coef + bias)))
            delta = (Y[:, label] - outputs) * outputs * (1 - outputs)
            coef = coef + 2.0 / 100 / scale**2 * (X.T @ delta)
            bias = bias + 2.0 * delta.mean()
        assert_allclose(neuron.coef_[label], coef, rtol=1e-9)
        assert_allclose(neuron.intercept_[label], bias, rtol=1e-9)


@pytest.mark.parametrize("factor", [1e-300, 1e-3, 1e3, 1e300])
def test_predictions_do_not_depend_on_the_input_scale(factor):
    """Check that scaling X by any factor changes no prediction, warns nothing and
    gives no NaN (warnings are errors in this test suite)."""
    X, y = make_blobs(n_samples=60, centers=2, random_state=1)
    X = X / np.abs(X).max()
    reference = SigmoidNeuronClassifier(random_state=0).fit(X, y)
    scaled = SigmoidNeuronClassifier(random_state=0).fit(X * factor, y)
    assert_allclose(
        scaled.predict_proba(X * factor), reference.predict_proba(X), rtol=1e-6
    )
    assert_allclose(scaled.coef_ * factor, reference.coef_, rtol=1e-6)


def test_huge_inputs_give_finite_probabilities():
    X = np.array([[1e300, -1e300], [-1e300, 1e300], [1e300, 1e300], [-1e300, -1e300]])
    y = np.array([1, 0, 1, 0])
    for loss in ["squared_error", "log_loss"]:
        neuron = SigmoidNeuronClassifier(loss=loss, random_state=0).fit(X, y)
        assert np.all(np.isfinite(neuron.coef_)) and np.all(
            np.isfinite(neuron.loss_curve_)
        )
        proba = neuron.predict_proba(X * 1e8)  # margins past the float range
        assert np.all(np.isfinite(proba)) and neuron.score(X, y) == 1.0
        assert np.all(np.isfinite(neuron.predict_log_proba(X * 1e8)))


def test_diverging_learning_rate_raises_a_clear_error():
    """Check that a step so large that the weights overflow raises, warning nothing."""
    X, y = make_truth_table("and", n_inputs=3, return_X_y=True)
    neuron = SigmoidNeuronClassifier(
        loss="log_loss", learning_rate=1.7e308, tol=None, n_iter=50, random_state=0
    )
    with pytest.raises(ValueError, match="diverged.*learning_rate"):
        neuron.fit(X, y)


def test_float32_input_stays_float32():
    X, y = make_blobs(n_samples=50, centers=2, random_state=0)
    neuron = SigmoidNeuronClassifier(random_state=0).fit(X.astype(np.float32), y)
    assert neuron.coef_.dtype == np.float32 and neuron.intercept_.dtype == np.float32
    assert neuron.predict_proba(X.astype(np.float32)).dtype == np.float32
