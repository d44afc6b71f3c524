"""Behaviour of ThresholdUnit: the perceptron rule, the truth tables, probabilities."""

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from scipy.optimize import minimize_scalar
from sklearn.calibration import CalibratedClassifierCV
from sklearn.datasets import make_blobs
from sklearn.metrics import log_loss

from sksigmoid import ThresholdUnit
from sksigmoid.datasets import make_truth_table


def splitmix64(counter):
    """splitmix64's output for a counter (Steele, Lea and Flood, 2014), in
    Python integers modulo 2**64."""
    mask = (1 << 64) - 1
    z = (counter * 0x9E3779B97F4A7C15) & mask
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & mask
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & mask
    return z ^ (z >> 31)


def test_splitmix64_gives_the_published_first_output():
    # The first output of splitmix64 seeded with 0 (Vigna's reference code).
    assert splitmix64(1) == 0xE220A8397B1DCDAF


def shuffled(order, seed, epoch):
    """The documented order of an epoch: a Fisher-Yates shuffle of the last
    one, whose k-th draw is splitmix64(seed + epoch * n + k)."""
    order, n = list(order), len(order)
    for k, i in enumerate(range(n - 1, 0, -1), start=1):
        j = splitmix64(seed + epoch * n + k) % (i + 1)
        order[i], order[j] = order[j], order[i]
    return order


def perceptron_loop(X, y, n_epochs, learning_rate, seed):
    """Rosenblatt's rule for one unit in plain Python: zero start, shuffle, update,
    stop after an epoch without a mistake, and keep in the pocket the weights of
    the epoch with the fewest training mistakes (the first of equals)."""
    shuffle_seed = int(np.random.RandomState(seed).randint(np.iinfo(np.int64).max))
    n_samples, n_features = len(X), len(X[0])
    order = list(range(n_samples))
    weights, bias = [0.0] * n_features, 0.0

    def training_mistakes():
        return sum(
            (sum(w * x for w, x in zip(weights, row, strict=True)) + bias > 0) != t
            for row, t in zip(X, y, strict=True)
        )

    pocket, fewest_mistakes = None, n_samples + 1
    epochs_run = 0
    while epochs_run < n_epochs:
        epochs_run += 1
        mistakes = 0
        order = shuffled(order, shuffle_seed, epochs_run - 1)
        for i in order:
            total = sum(w * x for w, x in zip(weights, X[i], strict=True)) + bias
            output = 1 if total > 0 else 0
            error = y[i] - output
            mistakes += error != 0
            weights = [
                w + learning_rate * error * x
                for w, x in zip(weights, X[i], strict=True)
            ]
            bias += learning_rate * error
        if training_mistakes() < fewest_mistakes:
            pocket, fewest_mistakes = (weights, bias), training_mistakes()
        if mistakes == 0:
            break
    return *pocket, epochs_run


@pytest.mark.parametrize("noise, n_epochs", [(2.0, 7), (0.0, 100)])
def test_perceptron_rule_matches_a_plain_python_loop(noise, n_epochs):
    """Check weights and epochs against the literal loop, on noisy data (all epochs
    run) and on separable data (stops after an epoch without a mistake)."""
    rng = np.random.RandomState(0)
    X = rng.uniform(-1, 1, size=(30, 3))
    X[0, 0] = -1.0  # largest magnitude 1: the rule runs on X itself
    y = (X @ [1.0, -2.0, 0.5] + 0.3 + noise * rng.normal(size=30) > 0).astype(int)
    unit = ThresholdUnit(learning_rate=0.1, n_iter=n_epochs, tol=None, random_state=3)
    unit.fit(X, y)
    weights, bias, epochs = perceptron_loop(X.tolist(), y.tolist(), n_epochs, 0.1, 3)
    assert unit.n_iter_ == epochs
    assert (epochs == n_epochs) if noise else (epochs < n_epochs)
    assert_allclose(unit.coef_[0], weights, rtol=1e-12)
    assert_allclose(unit.intercept_[0], bias, rtol=1e-12)


SEPARABLE = [
    (name, n_inputs)
    for name in ["and", "or", "nand", "nor", "majority"]
    for n_inputs in [2, 3, 4]
]


@pytest.mark.parametrize("name, n_inputs", SEPARABLE)
def test_learns_every_separable_truth_table_exactly(name, n_inputs):
    X, y = make_truth_table(name, n_inputs=n_inputs, return_X_y=True)
    for seed in range(10):
        unit = ThresholdUnit(random_state=seed).fit(X, y)
        assert unit.score(X, y) == 1.0, seed
        # It stopped because an epoch went by without a mistake.
        assert unit.loss_curve_[-1] == 0.0


@pytest.mark.parametrize("name, n_inputs", [("xor", 2), ("xnor", 2), ("parity", 3)])
def test_cannot_learn_xor(name, n_inputs):
    """Check that the unit never fits parity, and stops by the tol rule."""
    X, y = make_truth_table(name, n_inputs=n_inputs, return_X_y=True)
    for seed in range(10):
        unit = ThresholdUnit(random_state=seed).fit(X, y)
        assert unit.score(X, y) < 1.0
        assert unit.n_iter_ < unit.n_iter


def test_multiclass_units_predict_by_largest_margin():
    X, y = make_blobs(n_samples=150, centers=3, random_state=0)
    unit = ThresholdUnit(random_state=0).fit(X, y)
    assert unit.coef_.shape == (3, 2)
    margins = X @ unit.coef_.T + unit.intercept_
    assert_array_equal(unit.predict(X), unit.classes_[margins.argmax(axis=1)])
    assert unit.score(X, y) > 0.85


@pytest.mark.parametrize("centers", [2, 3])
def test_predict_proba_agrees_with_predict_and_is_monotone(centers):
    X, y = make_blobs(n_samples=120, centers=centers, cluster_std=3, random_state=0)
    unit = ThresholdUnit(random_state=0).fit(X, y)
    proba = unit.predict_proba(X)
    assert_allclose(proba.sum(axis=1), 1.0)
    assert_array_equal(unit.classes_[proba.argmax(axis=1)], unit.predict(X))
    margins = unit.decision_function(X)
    if centers == 2:
        order = np.argsort(margins)
        assert np.all(np.diff(proba[order, 1]) >= 0)


def test_probability_slope_maximises_the_smoothed_likelihood():
    """Check the fitted slope against SciPy's minimum of Platt's objective."""
    X, y = make_blobs(n_samples=200, centers=2, cluster_std=4, random_state=2)
    unit = ThresholdUnit(random_state=0).fit(X, y)
    margins = unit.decision_function(X)
    n_pos, n_neg = y.sum(), len(y) - y.sum()
    smoothed = np.where(y == 1, (n_pos + 1) / (n_pos + 2), 1 / (n_neg + 2))

    def objective(slope):
        p = 1 / (1 + np.exp(-slope * margins))
        return -np.mean(smoothed * np.log(p) + (1 - smoothed) * np.log(1 - p))

    slope = unit.probability_slope_
    best = minimize_scalar(
        objective, bounds=(slope / 2, 2 * slope), options={"xatol": 1e-9 * slope}
    ).x
    assert slope == pytest.approx(best, rel=1e-5)
    # Better than a fixed slope of 1 in the likelihood of the true labels too.
    assert log_loss(y, unit.predict_proba(X)) < log_loss(y, 1 / (1 + np.exp(-margins)))


def test_multiclass_slope_maximises_the_smoothed_softmax_likelihood():
    """Check the softmax's temperature against SciPy's minimum of its objective."""
    X, y = make_blobs(n_samples=200, centers=3, cluster_std=3, random_state=2)
    unit = ThresholdUnit(random_state=0).fit(X, y)
    margins = unit.decision_function(X)
    counts = np.bincount(y)
    smoothed = (np.eye(3)[y] * counts[y, np.newaxis] + 1) / (counts[y, np.newaxis] + 3)
    assert_allclose(smoothed.sum(axis=1), 1.0)

    def objective(slope):
        scaled = slope * margins
        log_p = scaled - np.log(np.exp(scaled).sum(axis=1, keepdims=True))
        return -np.mean((smoothed * log_p).sum(axis=1))

    slope = unit.probability_slope_
    best = minimize_scalar(
        objective, bounds=(slope / 2, 2 * slope), options={"xatol": 1e-9 * slope}
    ).x
    assert slope == pytest.approx(best, rel=1e-5)
    softmax = np.exp(unit.probability_slope_ * margins)
    assert_allclose(unit.predict_proba(X), softmax / softmax.sum(axis=1, keepdims=True))


def test_proba_argmax_is_predict_far_from_the_data():
    """Check argmax(predict_proba) == predict where every unit's margin is huge
    (normalised sigmoids would all round to 1 there and tie)."""
    X, y = make_blobs(n_samples=300, centers=4, random_state=0)
    unit = ThresholdUnit(random_state=0).fit(X, y)
    far = np.random.RandomState(0).normal(scale=1000, size=(2000, 2))
    proba = unit.predict_proba(far)
    assert_array_equal(unit.classes_[proba.argmax(axis=1)], unit.predict(far))


def test_calibrated_classifier_wraps_the_unit():
    X, y = make_truth_table("majority", n_inputs=3, return_X_y=True)
    X, y = np.vstack([X] * 6), np.tile(y, 6)
    calibrated = CalibratedClassifierCV(ThresholdUnit(random_state=0), cv=3).fit(X, y)
    proba = calibrated.predict_proba(X)
    assert_allclose(proba.sum(axis=1), 1.0)
    assert calibrated.score(X, y) == 1.0


@pytest.mark.parametrize("factor", [1e-300, 1e300])
def test_predictions_do_not_depend_on_the_input_scale(factor):
    X, y = make_blobs(n_samples=60, centers=2, random_state=1)
    X = X / np.abs(X).max()
    reference = ThresholdUnit(random_state=0).fit(X, y)
    scaled = ThresholdUnit(random_state=0).fit(X * factor, y)
    assert_array_equal(scaled.predict(X * factor), reference.predict(X))
    assert_allclose(scaled.coef_ * factor, reference.coef_, rtol=1e-6)
