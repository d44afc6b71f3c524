"""ThresholdUnit(average=True): the average of the weights after every sample."""

import numpy as np
import pytest
from numpy.testing import assert_allclose
from scipy import sparse
from sklearn.datasets import make_classification
from sklearn.linear_model import SGDClassifier

from sksigmoid import ThresholdUnit, trace
from sksigmoid._engine._averaging import RunningAverage
from sksigmoid._engine._math import perceptron_epoch


def brute_force_average(X, targets, orders, rates, scale):
    """The perceptron rule sample by sample, every weight vector kept: the
    definition the lazy sums must equal."""
    coef = np.zeros((X.shape[1], targets.shape[1]))
    intercept = np.zeros(targets.shape[1])
    visited = []
    for order in orders:
        for i in order:
            if rates[i] == 0:
                continue
            margins = X[i] @ coef + intercept
            errors = targets[i] - (margins > 0)
            coef += rates[i] * np.outer(X[i] / scale, errors) / scale
            intercept += rates[i] * errors
            visited.append((coef.copy(), intercept.copy()))
    return (
        np.mean([c for c, _ in visited], axis=0),
        np.mean([b for _, b in visited], axis=0),
    )


@pytest.mark.parametrize("as_sparse", [False, True])
def test_lazy_average_equals_the_average_of_every_weight_vector(as_sparse):
    X, y = make_classification(60, 5, n_classes=3, n_informative=3, random_state=0)
    targets = (y[:, np.newaxis] == np.arange(3)).astype(float)
    rates = np.random.RandomState(0).choice([0.0, 0.5, 1.0, 2.0], size=60)
    orders = [np.random.RandomState(seed).permutation(60) for seed in range(3)]
    scale = 2.5
    expected_coef, expected_intercept = brute_force_average(
        X, targets, orders, rates, scale
    )
    coef, intercept = np.zeros((5, 3)), np.zeros(3)
    averaging = RunningAverage.start(coef, intercept)
    rows = sparse.csr_matrix(X) if as_sparse else X
    for order in orders:
        perceptron_epoch(
            rows, targets, order, rates, rates / rates.sum(),
            averaging.coef, averaging.intercept, scale, averaging,
        )  # fmt: skip
    averaging.write_average(coef, intercept)
    assert averaging.visits == 3 * np.count_nonzero(rates)
    assert_allclose(coef, expected_coef, rtol=1e-12, atol=1e-12)
    assert_allclose(intercept, expected_intercept, rtol=1e-12, atol=1e-12)


def test_average_false_keeps_the_last_weights_and_true_changes_them():
    X, y = make_classification(300, 8, flip_y=0.2, random_state=0)
    last = ThresholdUnit(random_state=0, n_iter=5, tol=None).fit(X, y)
    averaged = ThresholdUnit(random_state=0, n_iter=5, tol=None, average=True)
    averaged.fit(X, y)
    assert last.mistakes_ == averaged.mistakes_
    assert not np.allclose(last.coef_, averaged.coef_)


def test_partial_fit_continues_the_average():
    X, y = make_classification(200, 6, random_state=1)
    in_one = ThresholdUnit(random_state=0, average=True, n_iter=1, tol=None)
    chunks = ThresholdUnit(random_state=0, average=True)
    chunks.partial_fit(X, y, classes=[0, 1])
    in_one.fit(X, y)
    assert_allclose(chunks.coef_, in_one.coef_)
    visits = chunks._running_average.visits
    chunks.partial_fit(X, y)
    assert chunks._running_average.visits == 2 * visits
    # A new fit starts a new average.
    chunks.fit(X, y)
    assert chunks._running_average.visits == chunks.n_iter_ * len(X)


def test_averaged_unit_is_as_accurate_as_averaged_sgd_on_noisy_data():
    X, y = make_classification(
        2000, 20, n_informative=8, flip_y=0.1, class_sep=0.8, random_state=0
    )
    train, test = slice(0, 1500), slice(1500, None)
    ours = ThresholdUnit(average=True, random_state=0).fit(X[train], y[train])
    sgd = SGDClassifier(average=True, random_state=0).fit(X[train], y[train])
    plain = ThresholdUnit(random_state=0).fit(X[train], y[train])
    ours_score = ours.score(X[test], y[test])
    assert ours_score >= sgd.score(X[test], y[test]) - 0.02
    assert ours_score >= plain.score(X[test], y[test]) - 0.01


def test_trace_shows_the_average_the_fit_keeps():
    X, y = make_classification(40, 3, n_informative=2, n_redundant=0, random_state=2)
    steps = trace(ThresholdUnit(average=True, random_state=0), X, y)
    one_epoch = ThresholdUnit(average=True, random_state=0)
    one_epoch.partial_fit(X, y, classes=[0, 1])
    last = steps.iloc[-1]
    assert_allclose(last[["avg_w1", "avg_w2", "avg_w3"]], one_epoch.coef_[0])
    assert last["avg_b"] == pytest.approx(one_epoch.intercept_[0])
    assert "avg_w1" not in trace(ThresholdUnit(random_state=0), X, y).columns
