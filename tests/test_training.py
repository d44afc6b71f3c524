"""The training options both units share: early stopping, warm start, sample and
class weights, verbose output, the ConvergenceWarning and float32 data."""

import re
import warnings

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.datasets import make_classification
from sklearn.exceptions import ConvergenceWarning
from sklearn.metrics import accuracy_score
from sklearn.model_selection import train_test_split

from sksigmoid import (
    SigmoidNetworkClassifier,
    SigmoidNeuronClassifier,
    ThresholdUnit,
)
from sksigmoid.datasets import make_truth_table


@pytest.fixture(scope="module")
def imbalanced():
    X, y = make_classification(
        600, 8, n_informative=4, weights=[0.8, 0.2], random_state=8
    )
    return (X - X.mean(axis=0)) / X.std(axis=0), y


@pytest.fixture(scope="module")
def noisy(imbalanced):
    """The imbalanced data with a quarter of the labels flipped: the held-out
    score peaks early, so early stopping has something to stop."""
    X, y = imbalanced
    flipped = np.random.RandomState(1).rand(len(y)) < 0.25
    return X, np.where(flipped, 1 - y, y)


def fitted_weights(estimator):
    """Every fitted weight and bias array, whatever the estimator's layout."""
    if isinstance(estimator, SigmoidNetworkClassifier):
        return [*estimator.coefs_, *estimator.intercepts_]
    return [estimator.coef_, estimator.intercept_]


def assert_same_weights(estimator, other, rtol):
    for weights, other_weights in zip(
        fitted_weights(estimator), fitted_weights(other), strict=True
    ):
        assert_allclose(weights, other_weights, rtol=rtol)


def held_out_indices(estimator, X, y):
    """The validation rows, drawn as the docstrings say: from random_state, after
    the start (the neuron's uniform draw; the threshold unit starts at zero)."""
    rng = np.random.RandomState(estimator.random_state)
    if isinstance(estimator, SigmoidNeuronClassifier):
        rng.random_sample((X.shape[1], 1))
    if isinstance(estimator, SigmoidNetworkClassifier):
        sizes = [X.shape[1], *estimator.hidden_layer_sizes, 1]
        for n_inputs, n_units in zip(sizes[:-1], sizes[1:], strict=True):
            rng.random_sample((n_inputs, n_units))
    _, validation = train_test_split(
        np.arange(len(y)),
        test_size=estimator.validation_fraction,
        stratify=y,
        random_state=rng,
    )
    return validation


def test_early_stopping_keeps_the_best_held_out_weights(Estimator, noisy):
    """Check the scores against accuracy_score on the held-out rows, and that the
    fit stops within n_iter_no_change epochs of the best one."""
    X, y = noisy
    estimator = Estimator(
        early_stopping=True, validation_fraction=0.2, n_iter=2000, random_state=0
    ).fit(X, y)
    validation = held_out_indices(estimator, X, y)
    scores = np.asarray(estimator.validation_scores_)
    assert len(scores) == estimator.n_iter_ < 2000
    assert estimator.best_validation_score_ == scores.max()
    held_out = accuracy_score(y[validation], estimator.predict(X[validation]))
    assert held_out == pytest.approx(estimator.best_validation_score_, abs=1e-12)
    best_epoch = int(np.argmax(scores)) + 1
    assert estimator.n_iter_ - best_epoch <= estimator.n_iter_no_change


def test_early_stopping_stops_before_the_training_loss_rule(noisy):
    X, y = noisy
    params = dict(n_iter=3000, random_state=0)
    early = SigmoidNeuronClassifier(early_stopping=True, **params).fit(X, y)
    full = SigmoidNeuronClassifier(**params).fit(X, y)
    assert early.n_iter_ < full.n_iter_
    assert full.validation_scores_ is None and full.best_validation_score_ is None


def test_early_stopping_scores_are_a_prefix_of_a_longer_run(noisy):
    """Check that each epoch's score is that epoch's: a shorter run records the
    same first scores, and keeps the best of them."""
    X, y = noisy
    params = dict(early_stopping=True, tol=None, random_state=0)
    long = SigmoidNeuronClassifier(n_iter=30, **params).fit(X, y)
    short = SigmoidNeuronClassifier(n_iter=12, **params).fit(X, y)
    assert_array_equal(short.validation_scores_, long.validation_scores_[:12])
    assert short.best_validation_score_ == max(long.validation_scores_[:12])


def test_warm_start_continues_the_fit_and_the_loss_curve(imbalanced):
    """Check that 8 + 8 warm-started epochs of the constant step are 16."""
    X, y = imbalanced
    # Few epochs, so that the first fit is still far from converged.
    twice = SigmoidNeuronClassifier(
        learning_rate=0.5, n_iter=8, tol=None, warm_start=True
    )
    twice.set_params(random_state=0).fit(X, y)
    first_coef = twice.coef_.copy()
    twice.fit(X, y)
    once = SigmoidNeuronClassifier(
        learning_rate=0.5, n_iter=16, tol=None, random_state=0
    ).fit(X, y)
    assert not np.allclose(twice.coef_, first_coef)
    assert_allclose(twice.coef_, once.coef_, rtol=1e-12)
    assert_allclose(twice.intercept_, once.intercept_, rtol=1e-12)
    assert_allclose(twice.loss_curve_, once.loss_curve_, rtol=1e-12)
    assert twice.n_iter_ == 16


def test_warm_start_of_the_adaptive_rule_starts_from_the_last_weights(imbalanced):
    """Check that an ``"auto"`` warm start continues from the fitted weights (its
    first loss is theirs) with a fresh L-BFGS memory, and lowers the loss."""
    X, y = imbalanced
    neuron = SigmoidNeuronClassifier(n_iter=5, tol=None, warm_start=True)
    neuron.set_params(random_state=0).fit(X, y)
    first_curve = list(neuron.loss_curve_)
    neuron.fit(X, y)
    assert neuron.loss_curve_[:5] == first_curve and neuron.n_iter_ == 10
    # Each curve value is the loss at an epoch's start: the second fit's first
    # is that of the weights the fifth epoch left, below the fifth's start.
    assert neuron.loss_curve_[5] < first_curve[-1]
    assert neuron.loss_curve_[-1] < neuron.loss_curve_[5]


def test_warm_start_of_a_perfect_threshold_unit_changes_nothing():
    """Check that a second fit starts from the learned weights: on a table it
    already fits, one epoch without a mistake ends it."""
    X, y = make_truth_table("and", n_inputs=3, return_X_y=True)
    unit = ThresholdUnit(warm_start=True, random_state=0).fit(X, y)
    coef, n_iter = unit.coef_.copy(), unit.n_iter_
    unit.fit(X, y)
    assert_array_equal(unit.coef_, coef)
    assert unit.n_iter_ == n_iter + 1


def test_warm_start_refuses_other_classes_or_features(Estimator, imbalanced):
    X, y = imbalanced
    estimator = Estimator(warm_start=True, random_state=0).fit(X, y)
    with pytest.raises(ValueError, match=re.escape("same classes")):
        estimator.fit(X, np.where(y == 1, 2, y))
    with pytest.raises(ValueError, match="features"):
        estimator.fit(X[:, :5], y)
    fresh = estimator.set_params(warm_start=False).fit(X, np.where(y == 1, 2, y))
    assert_array_equal(fresh.classes_, [0, 2])


@pytest.mark.parametrize("loss", ["squared_error", "log_loss"])
def test_integer_sample_weights_repeat_rows(loss, imbalanced):
    """Check that weight k is k copies of the row, and weight 0 none (the input
    scale included), for the full-batch neuron."""
    X, y = imbalanced
    counts = np.random.RandomState(0).randint(0, 3, len(y))
    params = dict(loss=loss, n_iter=60, tol=None, random_state=0)
    weighted = SigmoidNeuronClassifier(**params).fit(X, y, sample_weight=counts)
    repeated = SigmoidNeuronClassifier(**params).fit(
        np.repeat(X, counts, axis=0), np.repeat(y, counts)
    )
    assert_allclose(weighted.coef_, repeated.coef_, rtol=1e-10)
    assert_allclose(weighted.intercept_, repeated.intercept_, rtol=1e-10)
    assert_allclose(weighted.loss_curve_, repeated.loss_curve_, rtol=1e-10)


def test_threshold_unit_sample_weights_are_relative(imbalanced):
    """Check that only the weights' ratios count: weight 2 on every sample is
    the unweighted unit, and weights 2 and 4 are weights 1 and 2, which give
    the rows of weight 2 twice the step of the others."""
    X, y = imbalanced
    params = dict(n_iter=20, tol=None, random_state=0)
    plain = ThresholdUnit(**params).fit(X, y)
    doubled = ThresholdUnit(**params).fit(X, y, sample_weight=np.full(len(y), 2.0))
    assert_array_equal(doubled.coef_, plain.coef_)
    pattern = 1.0 + (np.arange(len(y)) % 2)
    ones_and_twos = ThresholdUnit(**params).fit(X, y, sample_weight=pattern)
    twos_and_fours = ThresholdUnit(**params).fit(X, y, sample_weight=2 * pattern)
    assert_array_equal(twos_and_fours.coef_, ones_and_twos.coef_)
    assert not np.allclose(ones_and_twos.coef_, plain.coef_)


def test_balanced_class_weight_is_the_matching_sample_weight(Estimator, imbalanced):
    X, y = imbalanced
    balanced = Estimator(class_weight="balanced", random_state=0).fit(X, y)
    by_hand = len(y) / (2 * np.bincount(y))
    weighted = Estimator(random_state=0).fit(X, y, sample_weight=by_hand[y])
    assert_same_weights(balanced, weighted, rtol=1e-10)
    plain = Estimator(random_state=0).fit(X, y)
    assert balanced.predict(X).mean() > plain.predict(X).mean()


def test_class_weight_dict_multiplies_sample_weight(Estimator, imbalanced):
    X, y = imbalanced
    sample_weight = np.random.RandomState(0).uniform(0.5, 1.5, len(y))
    params = dict(n_iter=50, tol=None, random_state=0)
    by_dict = Estimator(class_weight={0: 1.0, 1: 3.0}, **params)
    by_dict.fit(X, y, sample_weight=sample_weight)
    by_hand = Estimator(**params).fit(
        X, y, sample_weight=sample_weight * np.where(y == 1, 3.0, 1.0)
    )
    assert_same_weights(by_dict, by_hand, rtol=1e-10)


@pytest.mark.parametrize(
    "sample_weight, message",
    [
        (-np.ones(20), "Negative values"),
        (np.ones(7), "7"),
        (np.zeros(20), "zero"),
    ],
)
def test_bad_sample_weight_is_refused(Estimator, sample_weight, message):
    X, y = make_classification(20, 3, n_informative=2, n_redundant=0, random_state=0)
    with pytest.raises(ValueError, match=message):
        Estimator().fit(X, y, sample_weight=sample_weight)


def test_verbose_prints_the_loss_on_a_growing_interval(
    SigmoidEstimator, capsys, imbalanced
):
    X, y = imbalanced
    # A constant step, so that the fit runs all 50 epochs.
    neuron = SigmoidEstimator(
        learning_rate=0.5, n_iter=50, tol=None, verbose=1, random_state=0
    )
    neuron.fit(X, y)
    lines = capsys.readouterr().out.splitlines()
    epochs = [int(re.match(r"Epoch (\d+), loss", line)[1]) for line in lines[:-1]]
    assert epochs == [*range(1, 10), 10, 20, 30, 40, 50]
    printed = [float(line.split("loss = ")[1]) for line in lines[:-1]]
    assert_allclose(printed, [neuron.loss_curve_[e - 1] for e in epochs], rtol=1e-5)
    assert "50 epochs" in lines[-1]


def test_verbose_shows_the_validation_score(capsys, noisy):
    X, y = noisy
    ThresholdUnit(early_stopping=True, verbose=2, random_state=0).fit(X, y)
    lines = capsys.readouterr().out.splitlines()
    assert all("validation score = " in line for line in lines[:-1])


def test_convergence_warning_only_when_n_iter_ends_the_fit(Estimator, imbalanced):
    X, y = imbalanced
    with pytest.warns(ConvergenceWarning, match="n_iter"):
        Estimator(n_iter=3, tol=1e-9, random_state=0).fit(X, y)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        Estimator(n_iter=3, tol=None, random_state=0).fit(X, y)
        Estimator(random_state=0).fit(X, y)


def test_auto_learning_rate_never_raises_the_loss(imbalanced):
    """Check that the adaptive step keeps only the epochs that lower the loss,
    even from a start far too large for a constant step."""
    X, y = imbalanced
    for loss in ["squared_error", "log_loss"]:
        neuron = SigmoidNeuronClassifier(loss=loss, random_state=0).fit(X * 1e3, y)
        assert np.all(np.diff(neuron.loss_curve_) <= 0)


def test_float32_stays_float32(Estimator, imbalanced):
    X, y = imbalanced
    X32 = X.astype(np.float32)
    estimator = Estimator(early_stopping=True, random_state=0).fit(
        X32, y, sample_weight=np.ones(len(y))
    )
    assert all(weights.dtype == np.float32 for weights in fitted_weights(estimator))
    assert estimator.predict_proba(X32).dtype == np.float32
    assert estimator.decision_function(X32).dtype == np.float32
