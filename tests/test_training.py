"""The training options both units share: early stopping and its held-out loss,
warm start and starting weights, sample and class weights, verbose output, the
ConvergenceWarning and float32 data."""

import re
import warnings
from functools import partial

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.datasets import (
    make_blobs,
    make_classification,
    make_multilabel_classification,
)
from sklearn.exceptions import ConvergenceWarning
from sklearn.metrics import accuracy_score, log_loss, mean_squared_error
from sklearn.model_selection import train_test_split

from sksigmoid import (
    SigmoidNetworkClassifier,
    SigmoidNeuronClassifier,
    ThresholdUnit,
    logic_gate,
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
    # A fine tolerance of the loss: "auto" stops L-BFGS within 7 epochs here.
    params = dict(n_iter=3000, tol=1e-6, random_state=0)
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
    # The compiled pass sums four rows at a time, so a repeated row and its
    # weight round differently (2e-10 after 60 epochs of L-BFGS).
    assert_allclose(weighted.coef_, repeated.coef_, rtol=1e-9)
    assert_allclose(weighted.intercept_, repeated.intercept_, rtol=1e-9)
    assert_allclose(weighted.loss_curve_, repeated.loss_curve_, rtol=1e-9)


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


# --------------------------------------------------------------- held-out loss


def _held_out_split(y, n_drawn_weights, fraction, random_state=0):
    """The early-stopping split drawn by hand: the random state draws the
    initial weights (``n_drawn_weights`` shapes), then the stratified split."""
    state = np.random.RandomState(random_state)
    for shape in n_drawn_weights:
        state.random_sample(shape)
    return train_test_split(
        np.arange(len(y)), test_size=fraction, stratify=y, random_state=state
    )


@pytest.mark.parametrize("loss", ["log_loss", "squared_error"])
@pytest.mark.parametrize("n_classes", [2, 3])
def test_validation_loss_curve_is_the_held_out_loss_of_each_epoch(loss, n_classes):
    """Check validation_loss_curve_ against scikit-learn's log_loss of
    predict_proba, or the mean squared error of the unit outputs, on the
    held-out rows, each epoch's model being a fresh fit on the training rows."""
    X, y = make_classification(
        200, 5, n_informative=3, n_classes=n_classes, random_state=4
    )
    make = partial(
        SigmoidNeuronClassifier, loss=loss, tol=None, learning_rate=0.5, random_state=0
    )
    fitted = make(early_stopping=True, validation_fraction=0.25, n_iter=6).fit(X, y)
    n_units = 1 if n_classes == 2 else n_classes
    train, held = _held_out_split(y, [(5, n_units)], 0.25)
    expected = []
    for k in range(1, 7):
        model = make(n_iter=k).fit(X[train], y[train])
        if loss == "log_loss":
            expected.append(log_loss(y[held], model.predict_proba(X[held])))
        else:
            targets = np.eye(n_classes)[y[held]] if n_classes > 2 else y[held]
            outputs = 1 / (1 + np.exp(-model.decision_function(X[held])))
            expected.append(mean_squared_error(targets, outputs))
    assert_allclose(fitted.validation_loss_curve_, expected, rtol=0, atol=1e-10)
    assert all(isinstance(value, float) for value in fitted.validation_loss_curve_)


def test_multilabel_held_out_log_loss_sums_the_labels_log_losses():
    X, Y = make_multilabel_classification(200, 5, n_classes=3, random_state=4)
    make = partial(
        SigmoidNeuronClassifier, loss="log_loss", tol=None, learning_rate=0.5,
        random_state=0,
    )  # fmt: skip
    fitted = make(early_stopping=True, validation_fraction=0.25, n_iter=4).fit(X, Y)
    state = np.random.RandomState(0)
    state.random_sample((5, 3))
    train, held = train_test_split(np.arange(200), test_size=0.25, random_state=state)
    expected = []
    for k in range(1, 5):
        proba = make(n_iter=k).fit(X[train], Y[train]).predict_proba(X[held])
        expected.append(
            sum(log_loss(Y[held, j], proba[:, j], labels=[0, 1]) for j in range(3))
        )
    assert_allclose(fitted.validation_loss_curve_, expected, rtol=0, atol=1e-10)


def test_validation_loss_of_the_network_is_sklearns_log_loss():
    X, y = make_classification(120, 5, n_informative=3, random_state=0)
    make = partial(
        SigmoidNetworkClassifier,
        hidden_layer_sizes=(4,),
        loss="log_loss",
        tol=None,
        random_state=0,
    )
    fitted = make(early_stopping=True, validation_fraction=0.25, n_iter=5).fit(X, y)
    train, held = _held_out_split(y, [(5, 4), (4, 1)], 0.25)
    expected = [
        log_loss(y[held], make(n_iter=k).fit(X[train], y[train]).predict_proba(X[held]))
        for k in range(1, 6)
    ]
    assert_allclose(fitted.validation_loss_curve_, expected, rtol=0, atol=1e-10)


def test_early_stopping_epochs_are_those_of_a_fit_on_the_training_rows():
    """Check that the held-out split leaves the epochs' own draws (Adam's
    mini-batch order on more than 200 rows) as a fit on the training rows
    has them: each held-out accuracy is that fresh fit's."""
    X, y = make_classification(600, 6, n_informative=4, random_state=5)
    make = partial(
        SigmoidNetworkClassifier, hidden_layer_sizes=(6,), tol=None, random_state=0
    )
    fitted = make(early_stopping=True, validation_fraction=0.2, n_iter=4).fit(X, y)
    train, held = _held_out_split(y, [(6, 6), (6, 1)], 0.2)
    expected = [
        accuracy_score(y[held], make(n_iter=k).fit(X[train], y[train]).predict(X[held]))
        for k in range(1, 5)
    ]
    assert_allclose(fitted.validation_scores_, expected, rtol=0, atol=1e-12)


def test_threshold_unit_held_out_loss_is_the_perceptron_criterion():
    """Check the threshold unit's held-out loss, on separable classes, at the
    last epoch: the one without a mistake, whose weights the pocket of a fit
    on the training rows keeps."""
    X, y = make_blobs(150, 4, centers=3, cluster_std=0.5, random_state=6)
    make = partial(ThresholdUnit, tol=None, random_state=0)
    fitted = make(early_stopping=True, validation_fraction=0.2, n_iter=50).fit(X, y)
    train, held = _held_out_split(y, [], 0.2)
    reference = make(n_iter=50).fit(X[train], y[train])
    assert reference.n_iter_ == fitted.n_iter_ < 50
    margins = reference.decision_function(X[held])
    expected = np.maximum(0, -(2 * np.eye(3)[y[held]] - 1) * margins).sum(axis=1)
    curve = fitted.validation_loss_curve_
    assert len(curve) == fitted.n_iter_ and np.isfinite(curve).all()
    assert_allclose(curve[-1], expected.mean(), rtol=1e-12)


def test_validation_loss_curve_is_none_without_early_stopping_and_grows_warm():
    X, y = make_classification(100, 4, random_state=7)
    unit = SigmoidNeuronClassifier(tol=None, n_iter=3, random_state=0).fit(X, y)
    assert unit.validation_loss_curve_ is None
    unit.set_params(early_stopping=True, warm_start=True).fit(X, y)
    first = list(unit.validation_loss_curve_)
    unit.fit(X, y)
    assert len(unit.validation_loss_curve_) == 6
    assert unit.validation_loss_curve_[:3] == first


def test_tol_none_runs_n_iter_epochs_past_the_minimum():
    """Check that tol=None runs exactly n_iter epochs, as documented, where the
    quasi-Newton descent reaches its minimum before (it used to stop there)."""
    X, y = make_classification(
        200, 3, n_informative=2, n_redundant=0, flip_y=0.2, random_state=3
    )
    unit = SigmoidNeuronClassifier(loss="log_loss", tol=None, n_iter=80, random_state=0)
    unit.fit(X, y)
    assert unit.n_iter_ == 80
    assert unit.loss_curve_[-1] == unit.loss_curve_[-2]


# ------------------------------------------------------------ starting weights


def _warm_and_started(make, X, y, **init_names):
    """A warm start after 3 epochs, and a fit given those weights to start from."""
    first = make(n_iter=3).fit(X, y)
    start = {
        name: [array.copy() for array in getattr(first, attribute)]
        if isinstance(getattr(first, attribute), list)
        else getattr(first, attribute).copy()
        for name, attribute in init_names.items()
    }
    warm = first.set_params(warm_start=True, n_iter=8).fit(X, y)
    return warm, make(n_iter=8).fit(X, y, **start)


@pytest.mark.parametrize("n_classes", [2, 3])
@pytest.mark.parametrize("estimator", [SigmoidNeuronClassifier, ThresholdUnit])
def test_coef_init_continues_as_a_warm_start(estimator, n_classes):
    X, y = make_classification(
        150, 5, n_informative=3, n_classes=n_classes, random_state=1
    )
    make = partial(estimator, learning_rate=0.5, tol=None, random_state=0)
    warm, started = _warm_and_started(
        make, X, y, coef_init="coef_", intercept_init="intercept_"
    )
    assert_allclose(started.coef_, warm.coef_, rtol=0, atol=1e-12)
    assert_allclose(started.intercept_, warm.intercept_, rtol=0, atol=1e-12)
    assert started.n_iter_ == 8 and warm.n_iter_ == 11


def test_coefs_init_continues_the_network_as_a_warm_start():
    X, y = make_classification(150, 5, n_informative=3, n_classes=3, random_state=1)
    make = partial(
        SigmoidNetworkClassifier,
        hidden_layer_sizes=(4, 3),
        learning_rate=0.5,
        tol=None,
        random_state=0,
    )
    warm, started = _warm_and_started(
        make, X, y, coefs_init="coefs_", intercepts_init="intercepts_"
    )
    started_weights = started.coefs_ + started.intercepts_
    for a, b in zip(started_weights, warm.coefs_ + warm.intercepts_, strict=True):
        assert_allclose(a, b, rtol=0, atol=1e-12)


def test_a_unit_started_from_the_and_gate_keeps_its_weights():
    X, y = make_truth_table("and", n_inputs=3, return_X_y=True)
    gate = logic_gate("and", n_inputs=3)
    unit = ThresholdUnit(random_state=0).fit(
        X, y, coef_init=gate.coef_, intercept_init=gate.intercept_
    )
    assert unit.n_iter_ == 1 and unit.loss_curve_ == [0.0]
    assert_array_equal(unit.coef_, gate.coef_)
    assert_array_equal(unit.intercept_, gate.intercept_)


def test_intercept_init_alone_keeps_the_random_start():
    """Check that only intercept_init replaces the biases of the tutorial's
    random start (a truth table's scale is 1: the draw itself)."""
    X, y = make_truth_table("or", n_inputs=2, return_X_y=True)
    drawn = 2 * np.random.RandomState(0).random_sample((2, 1)) - 1
    make = partial(
        SigmoidNeuronClassifier, learning_rate=1.0, n_iter=1, tol=None, random_state=0
    )
    given_bias = make().fit(X, y, intercept_init=[0.25])
    given_both = make().fit(X, y, coef_init=drawn.T, intercept_init=[0.25])
    assert_allclose(given_bias.coef_, given_both.coef_, rtol=0, atol=1e-15)


def test_a_one_dimensional_coef_init_starts_a_binary_unit():
    X, y = make_truth_table("or", n_inputs=2, return_X_y=True)
    make = partial(SigmoidNeuronClassifier, n_iter=5, tol=None, random_state=0)
    assert_array_equal(
        make().fit(X, y, coef_init=[0.5, -0.5]).coef_,
        make().fit(X, y, coef_init=[[0.5, -0.5]]).coef_,
    )


@pytest.mark.parametrize(
    "start, message",
    [
        ({"coef_init": np.zeros((1, 5))}, r"coef_init has shape \(1, 5\).*\(1, 7\)"),
        ({"coef_init": np.zeros((2, 7))}, r"needs \(1, 7\)"),
        ({"intercept_init": np.zeros(3)}, r"intercept_init has shape \(3,\).*\(1,\)"),
        ({"coef_init": [[np.nan] * 7]}, "coef_init contains NaN"),
        ({"coef_init": [["a"] * 7]}, "could not convert"),
    ],
)
def test_bad_starting_weights_name_the_problem(start, message):
    X, y = make_classification(60, 7, random_state=2)
    with pytest.raises(ValueError, match=message):
        SigmoidNeuronClassifier(n_iter=2).fit(X, y, **start)


def test_starting_biases_must_be_zero_without_intercepts():
    X, y = make_classification(60, 4, random_state=2)
    unit = ThresholdUnit(fit_intercept=False, n_iter=3, tol=None)
    with pytest.raises(ValueError, match="must be zero.*fit_intercept=False"):
        unit.fit(X, y, intercept_init=[1.0])
    assert_array_equal(unit.fit(X, y, intercept_init=[0.0]).intercept_, [0.0])


@pytest.mark.parametrize(
    "start, message",
    [
        (
            {"coefs_init": [np.zeros((7, 4)), np.zeros((4, 1))]},
            r"coefs_init\[0\].*\(7, 5\)",
        ),
        ({"coefs_init": [np.zeros((7, 5))]}, r"list of 2 arrays.*got 1 arrays"),
        ({"coefs_init": np.zeros((7, 5))}, "got an array"),
        (
            {"intercepts_init": [np.zeros(5), np.zeros(2)]},
            r"intercepts_init\[1\].*\(1,\)",
        ),
    ],
)
def test_bad_network_starting_weights_name_the_expected_shapes(start, message):
    X, y = make_classification(60, 7, random_state=2)
    network = SigmoidNetworkClassifier(hidden_layer_sizes=(5,), n_iter=2)
    with pytest.raises(ValueError, match=message):
        network.fit(X, y, **start)


def test_an_int_seed_draws_what_its_random_state_draws(Estimator, noisy):
    """Check that a fit seeded by an int, served by a reseeded idle RandomState
    after the first, equals the fit seeded by ``RandomState(seed)``; and that a
    RandomState given is the fit's own, advanced by it and never reused."""
    X, y = noisy
    params = dict(n_iter=5, tol=None, early_stopping=True)
    given = np.random.RandomState(3)
    expected = Estimator(random_state=given, **params).fit(X, y)
    assert given.randint(1 << 30) != np.random.RandomState(3).randint(1 << 30)
    for _ in range(3):
        fitted = Estimator(random_state=3, **params).fit(X, y)
        assert_array_equal(fitted.predict_proba(X), expected.predict_proba(X))
        assert_array_equal(fitted.loss_curve_, expected.loss_curve_)
