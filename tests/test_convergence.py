"""Training that converges: no stall on a plateau or a flat spot, and the
stopping rules' edge cases.

The truth tables that one unit can compute must be learned at the defaults, a
unit saturated on the wrong side must find its way back, and the stopping rules
must behave at their limits (``tol=0``, ``n_iter_no_change=np.inf``, a diverging
step) as scikit-learn's iterative estimators do.
"""

import warnings

import numpy as np
import pytest
from sklearn.datasets import (
    load_breast_cancer,
    load_iris,
    make_blobs,
    make_classification,
)
from sklearn.exceptions import ConvergenceWarning
from sklearn.preprocessing import StandardScaler

from sksigmoid import SigmoidNetworkClassifier, SigmoidNeuronClassifier, ThresholdUnit
from sksigmoid.datasets import make_truth_table

SEPARABLE_TABLES = [
    (name, n_inputs)
    for name in ("and", "or", "nand", "nor", "majority")
    for n_inputs in range(2, 9)
] + [("not", 1)]

DEFAULT_UNITS = {
    "neuron/squared_error": lambda seed: SigmoidNeuronClassifier(random_state=seed),
    "neuron/log_loss": lambda seed: SigmoidNeuronClassifier(
        loss="log_loss", random_state=seed
    ),
    "threshold": lambda seed: ThresholdUnit(random_state=seed),
}


@pytest.fixture(scope="module")
def breast_cancer():
    X, y = load_breast_cancer(return_X_y=True)
    return StandardScaler().fit_transform(X), y


@pytest.mark.parametrize("unit", DEFAULT_UNITS)
@pytest.mark.parametrize(("name", "n_inputs"), SEPARABLE_TABLES)
def test_default_units_learn_every_separable_truth_table(name, n_inputs, unit):
    """Check that a default unit computes each table one unit can compute, for
    three seeds; warnings are errors here."""
    X, y = make_truth_table(name, n_inputs, return_X_y=True)
    for seed in range(3):
        estimator = DEFAULT_UNITS[unit](seed).fit(X, y)
        assert estimator.score(X, y) == 1.0, f"seed {seed}"


@pytest.mark.parametrize("loss", ["squared_error", "log_loss"])
@pytest.mark.parametrize("name", ["xor", "xnor"])
@pytest.mark.parametrize("n_inputs", [2, 4, 6])
def test_default_network_learns_parity(n_inputs, name, loss):
    """Check that a default network computes xor (parity) and xnor, for two
    seeds: iRprop+ crosses
    the plateau where the loss falls by 1e-6 an epoch, and tol="auto" does not
    stop it there."""
    X, y = make_truth_table(name, n_inputs, return_X_y=True)
    for seed in range(2):
        network = SigmoidNetworkClassifier(loss=loss, random_state=seed).fit(X, y)
        assert network.score(X, y) == 1.0, f"seed {seed}"


def test_network_auto_rule_switches_to_adam_above_one_batch():
    """Check the documented choice: full-batch iRprop+ on 200 rows (one epoch,
    one update: the epoch's loss is the start's), Adam's mini-batches of 200 on
    201 rows (the epoch's loss is measured along the way, below the start's)."""
    X, y = make_classification(201, 5, random_state=0)
    # The log loss: the flat-spot offset of the squared error would part the
    # full-batch rule's loss from the constant step's.
    params = dict(
        hidden_layer_sizes=(5,), loss="log_loss", n_iter=1, tol=None, random_state=0
    )
    for n_samples in [200, 201]:
        network = SigmoidNetworkClassifier(**params).fit(X[:n_samples], y[:n_samples])
        start = SigmoidNetworkClassifier(**params, learning_rate=1e-12).fit(
            X[:n_samples], y[:n_samples]
        )
        if n_samples == 200:
            assert network.loss_curve_ == pytest.approx(start.loss_curve_)
        else:
            assert network.loss_curve_[0] < start.loss_curve_[0]


@pytest.mark.parametrize("loss", ["squared_error", "log_loss"])
@pytest.mark.parametrize("tol", [None, 1e-6])
def test_auto_recovers_from_a_saturated_wrong_start(loss, tol, breast_cancer):
    """Check the learning-curves example's start: a unit fitted to the flipped
    labels (margins in the hundreds, where o (1 - o) is 1e-130) relearns the
    true ones within 300 epochs, and the default tol does not stop it there."""
    X, y = breast_cancer
    neuron = SigmoidNeuronClassifier(
        alpha=0, warm_start=True, n_iter=300, tol=None, random_state=0
    ).fit(X, 1 - y)
    assert neuron.score(X, y) < 0.05
    neuron.set_params(loss=loss, n_iter=300, tol=tol)
    with warnings.catch_warnings():
        # With tol set, a fit still improving at epoch 300 warns.
        warnings.simplefilter("ignore", ConvergenceWarning)
        neuron.fit(X, y)
    assert neuron.score(X, y) >= 0.95


@pytest.mark.parametrize("loss", ["squared_error", "log_loss"])
def test_tol_zero_stops_once_the_loss_stops_falling(loss):
    """Check that an unchanged loss counts as no improvement (the loop would run
    all 5000 epochs if ties counted as improvements)."""
    X, y = make_blobs(60, 2, centers=[[-2, -2], [2, 2]], random_state=0)
    neuron = SigmoidNeuronClassifier(loss=loss, tol=0, random_state=0).fit(X, y)
    assert neuron.n_iter_ < neuron.n_iter


@pytest.mark.parametrize(
    "Estimator", [SigmoidNeuronClassifier, ThresholdUnit, SigmoidNetworkClassifier]
)
def test_n_iter_no_change_accepts_infinity(Estimator, breast_cancer):
    """Check that ``np.inf``, as MLPClassifier takes it, disables the tol rule."""
    X, y = breast_cancer
    params = dict(n_iter_no_change=np.inf, n_iter=20, random_state=0)
    if Estimator is SigmoidNetworkClassifier:
        params["hidden_layer_sizes"] = (4,)
    if Estimator is not ThresholdUnit:
        # The sigmoid units' loss falls every epoch; a constant step keeps
        # them from L-BFGS's stop at the minimum.
        params["learning_rate"] = 0.1
    with pytest.warns(Warning, match="Maximum number of epochs"):
        estimator = Estimator(**params).fit(X[:200], y[:200])
    assert estimator.n_iter_ == 20


def test_diverging_constant_step_raises_the_divergence_error(breast_cancer):
    """Check that a constant step too long for the penalty's curvature stops with
    the loop's error, not a model of 3e19 weights."""
    X, y = breast_cancer
    neuron = SigmoidNeuronClassifier(learning_rate=0.1, alpha=1e5, random_state=0)
    with pytest.raises(ValueError, match="The weights diverged"):
        neuron.fit(X, y)
    assert not hasattr(neuron, "coef_")


@pytest.mark.parametrize(
    "make",
    [
        lambda: SigmoidNeuronClassifier(random_state=0),
        lambda: SigmoidNeuronClassifier(loss="log_loss", random_state=0),
        lambda: ThresholdUnit(random_state=0),
        lambda: SigmoidNetworkClassifier(hidden_layer_sizes=(8,), random_state=0),
    ],
)
def test_no_floating_point_error_under_errstate_raise(make):
    """Check that fit and every prediction method run under
    ``np.errstate(all="raise")``, on the data and on points 100 times as far:
    an output that underflows to 0 is a saturated unit, not an error."""
    X, y = load_iris(return_X_y=True)
    with np.errstate(all="raise"):
        estimator = make().fit(X, y)
        for Z in (X, 100 * X):
            estimator.predict(Z)
            estimator.predict_proba(Z)
            estimator.predict_log_proba(Z)
            estimator.decision_function(Z)


@pytest.mark.parametrize(
    "Estimator", [SigmoidNeuronClassifier, ThresholdUnit, SigmoidNetworkClassifier]
)
def test_partial_fit_refuses_early_stopping(Estimator, breast_cancer):
    X, y = breast_cancer
    estimator = Estimator(early_stopping=True)
    with pytest.raises(ValueError, match="partial_fit does not support early_stopp"):
        estimator.partial_fit(X[:50], y[:50], classes=[0, 1])
    assert not hasattr(estimator, "classes_")
