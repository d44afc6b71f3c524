"""The one choice of step rule: ``_engine._solvers.plan_training`` on its own,
then ``solver`` and ``solver_`` on the estimators."""

import numpy as np
import pytest
from sklearn.datasets import make_classification

from sksigmoid import SigmoidNetworkClassifier, SigmoidNeuronClassifier, trace
from sksigmoid._engine._solvers import (
    AUTO_STEPS,
    AUTO_TOLERANCES,
    FLAT_SPOT_OFFSETS,
    plan_training,
)
from sksigmoid.datasets import make_truth_table

AUTO = dict(solver="auto", learning_rate="auto", batch_size="auto", tol="auto")


def plan(n_layers=1, n_samples=100, in_memory=True, incremental=False, **params):
    """The plan of ``params`` over the defaults of "auto" everywhere."""
    loss = params.pop("loss", "squared_error")
    return plan_training(
        **{**AUTO, **params},
        loss=loss,
        n_layers=n_layers,
        n_samples=n_samples,
        in_memory=in_memory,
        incremental=incremental,
    )


@pytest.mark.parametrize(
    "where, solver, batch_size",
    [
        (dict(n_layers=1), "lbfgs", None),
        (dict(n_layers=2, n_samples=200), "rprop", None),
        (dict(n_layers=2, n_samples=201), "adam", 200),
        (dict(n_layers=2, n_samples=5000, in_memory=False), "rprop", None),
        (dict(n_layers=2, n_samples=401, batch_size=401), "rprop", None),
        (dict(n_layers=2, n_samples=401, batch_size=50), "gd", 50),
        (dict(n_layers=1, learning_rate=0.5), "gd", None),
        (dict(n_layers=2, learning_rate=0.5, n_samples=5000), "gd", None),
        (dict(n_layers=2, incremental=True, n_samples=150), "gd", 150),
        (dict(n_layers=1, incremental=True, n_samples=500), "gd", 200),
    ],
)
def test_auto_picks_one_rule_by_the_step_the_size_and_the_call(
    where, solver, batch_size
):
    chosen = plan(**where)
    assert (chosen.solver, chosen.batch_size) == (solver, batch_size)


def test_the_plan_carries_the_rules_offset_tolerance_and_step():
    lbfgs, rprop, adam = (
        plan(n_layers=1),
        plan(n_layers=2),
        plan(n_layers=2, n_samples=1000),
    )
    assert lbfgs.flat_spot_offset == FLAT_SPOT_OFFSETS["one layer"] == 0.01
    assert rprop.flat_spot_offset == FLAT_SPOT_OFFSETS["network"] == 0.1
    assert adam.flat_spot_offset == 0.0
    assert (lbfgs.tol, rprop.tol, adam.tol) == (1e-6, 1e-6, AUTO_TOLERANCES["adam"])
    assert (lbfgs.relative_tol, rprop.relative_tol, adam.relative_tol) == (5e-4, 0, 0)
    # A network pinned to L-BFGS keeps the finer tolerance of its plateaus.
    assert plan(n_layers=2, solver="lbfgs").tol == 1e-6
    # The step the data set (None) for L-BFGS; fixed steps for iRprop+ and Adam.
    assert lbfgs.learning_rate is None
    assert rprop.learning_rate == AUTO_STEPS["rprop"] == 0.0125
    assert adam.learning_rate == AUTO_STEPS["adam"]["squared_error"]
    assert plan(n_layers=2, n_samples=1000, loss="log_loss").learning_rate == 1e-2
    constant = plan(learning_rate=0.5, tol=1e-3)
    assert (constant.learning_rate, constant.tol, constant.adaptive) == (
        0.5,
        1e-3,
        False,
    )
    assert constant.flat_spot_offset == 0.0


def test_a_pinned_rule_keeps_a_float_step_as_its_first():
    assert plan(solver="rprop", learning_rate=0.3).learning_rate == 0.3
    assert plan(solver="adam", learning_rate=0.3, n_samples=50).batch_size == 50
    assert plan(solver="gd").learning_rate is None  # the data's stable step


@pytest.mark.parametrize(
    "params, match",
    [
        (dict(solver="lbfgs", incremental=True), "solver='lbfgs'.*partial_fit.*'gd'"),
        (dict(solver="rprop", batch_size=10), "solver='rprop'.*batch_size=10.*'gd'"),
        (dict(solver="adam", incremental=True), "solver='adam'.*partial_fit.*'gd'"),
        (dict(solver="adam", in_memory=False), "solver='adam'.*dask.*'gd'"),
    ],
)
def test_a_rule_that_cannot_serve_the_call_names_one_that_can(params, match):
    with pytest.raises(ValueError, match=match):
        plan(**params)


@pytest.fixture(scope="module")
def classification():
    X, y = make_classification(n_samples=450, n_features=5, random_state=0)
    return X, y


@pytest.mark.parametrize(
    "Estimator, params, data, expected",
    [
        (SigmoidNeuronClassifier, {}, "and", "lbfgs"),
        (
            SigmoidNeuronClassifier,
            {"learning_rate": 0.5, "n_iter": 50, "tol": None},
            "and",
            "gd",
        ),
        (SigmoidNetworkClassifier, {"hidden_layer_sizes": (4,)}, "xor", "rprop"),
        (
            SigmoidNetworkClassifier,
            {"hidden_layer_sizes": (3,), "n_iter": 5, "tol": None},
            "classification",
            "adam",
        ),
    ],
)
def test_pinning_the_rule_auto_picks_gives_the_same_weights(
    Estimator, params, data, expected, classification
):
    """Check that ``solver_`` names the rule "auto" ran, and that a fit with that
    rule pinned is bit for bit the same fit."""
    if data == "classification":
        X, y = classification
    else:
        X, y = make_truth_table(
            data, n_inputs=3 if data == "and" else 2, return_X_y=True
        )
    auto = Estimator(random_state=0, **params).fit(X, y)
    pinned = Estimator(random_state=0, solver=expected, **params).fit(X, y)
    assert auto.solver_ == pinned.solver_ == expected
    if hasattr(auto, "coefs_"):
        for a, b in zip(auto.coefs_, pinned.coefs_, strict=True):
            assert np.array_equal(a, b)
    else:
        assert np.array_equal(auto.coef_, pinned.coef_)
    assert auto.loss_curve_ == pinned.loss_curve_


@pytest.mark.parametrize("solver", ["gd", "lbfgs", "rprop", "adam"])
@pytest.mark.parametrize(
    "Estimator", [SigmoidNeuronClassifier, SigmoidNetworkClassifier]
)
def test_every_rule_learns_a_separable_table(Estimator, solver):
    X, y = make_truth_table("or", n_inputs=3, return_X_y=True)
    X, y = np.repeat(X, 4, axis=0), np.repeat(y, 4)
    params = (
        {"hidden_layer_sizes": (4,)} if Estimator is SigmoidNetworkClassifier else {}
    )
    learning_rate = {"gd": 2.0, "adam": 0.05}.get(solver, "auto")
    model = Estimator(
        solver=solver,
        learning_rate=learning_rate,
        n_iter=1000,
        tol=None,
        random_state=0,
        **params,
    ).fit(X, y)
    assert model.solver_ == solver
    assert model.score(X, y) == 1.0


def test_partial_fit_runs_gd_and_refuses_a_full_batch_rule():
    X, y = make_truth_table("or", n_inputs=2, return_X_y=True)
    neuron = SigmoidNeuronClassifier(random_state=0).partial_fit(X, y, classes=[0, 1])
    assert neuron.solver_ == "gd"
    with pytest.raises(ValueError, match="solver='lbfgs'"):
        SigmoidNeuronClassifier(solver="lbfgs").partial_fit(X, y, classes=[0, 1])
    # The refused call leaves no fitted model behind.
    refused = SigmoidNeuronClassifier(solver="rprop")
    with pytest.raises(ValueError, match="solver='rprop'"):
        refused.partial_fit(X, y, classes=[0, 1])
    assert not hasattr(refused, "n_iter_")


def test_trace_reads_the_plan():
    X, y = make_truth_table("or", n_inputs=2, return_X_y=True)
    neuron = SigmoidNeuronClassifier(learning_rate=1.0, alpha=0, solver="lbfgs")
    with pytest.raises(ValueError, match="set solver='gd' or 'auto'"):
        trace(neuron, X, y)
    assert len(trace(neuron.set_params(solver="gd"), X, y)) == 4
