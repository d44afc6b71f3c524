"""The compiled passes of ``_kernels`` against the NumPy code they replace.

Large data sets train through numba; these tests lower the size threshold so
that small data sets take that path too, and check that it gives the weights of
the NumPy path (the reference, which the tutorials' tests pin down).
"""

import os
import subprocess
import sys

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.base import clone
from sklearn.datasets import make_classification, make_multilabel_classification

import sksigmoid._engine._backend
import sksigmoid._engine._stats
from sksigmoid import SigmoidNeuronClassifier, ThresholdUnit
from sksigmoid._engine._kernels import (
    backpropagate_one_layer,
    backpropagate_one_layer_in_cache,
)
from sksigmoid._engine._math import backpropagate


def fit_both_ways(monkeypatch, estimator, X, y, **fit_params):
    """The estimator fitted by the NumPy path, then by the compiled one."""
    backend = sksigmoid._engine._backend
    monkeypatch.setattr(backend, "COMPILED_EPOCHS", False)
    reference = clone(estimator).fit(X, y, **fit_params)
    monkeypatch.setattr(backend, "COMPILED_MIN_SIZE", 0)
    monkeypatch.setattr(backend, "COMPILED_EPOCHS", True)
    compiled = clone(estimator).fit(X, y, **fit_params)
    return reference, compiled


def targets_of(kind):
    if kind == "multilabel":
        X, y = make_multilabel_classification(600, 12, n_classes=3, random_state=0)
    else:
        n_classes = 2 if kind == "binary" else 4
        X, y = make_classification(
            600, 12, n_informative=6, n_classes=n_classes, random_state=0
        )
    return (X - X.mean(axis=0)) / X.std(axis=0), y


@pytest.mark.parametrize(
    "one_layer_pass", [backpropagate_one_layer, backpropagate_one_layer_in_cache]
)
@pytest.mark.parametrize("kind", ["binary", "multiclass", "multilabel"])
@pytest.mark.parametrize("loss", ["squared_error", "log_loss"])
def test_one_layer_pass_equals_backpropagate(kind, loss, one_layer_pass):
    X, y = targets_of(kind)
    n_units = 1 if kind == "binary" else (y.shape[1] if y.ndim == 2 else 4)
    targets = y.reshape(len(y), -1) if n_units == 1 or y.ndim == 2 else None
    if targets is None:
        targets = (y[:, np.newaxis] == np.arange(n_units)).astype(float)
    rng = np.random.RandomState(0)
    share = rng.rand(len(X), 1)
    share /= share.sum()
    coefs = [rng.uniform(-1, 1, (X.shape[1], n_units))]
    intercepts = [rng.uniform(-1, 1, n_units)]
    # Boolean targets, as the estimators pass them: the pass is compiled for
    # the estimators' types only.
    args = (X, targets.astype(bool), share, coefs, intercepts, loss, 3.0)
    expected = backpropagate(*args)
    got = one_layer_pass(*args)
    assert_allclose(got[0], expected[0], rtol=1e-12)
    for got_arrays, expected_arrays in zip(got[1:], expected[1:], strict=True):
        assert_allclose(got_arrays[0], expected_arrays[0], rtol=0, atol=1e-14)


@pytest.mark.parametrize("kind", ["binary", "multiclass", "multilabel"])
@pytest.mark.parametrize(
    "params",
    [
        {},
        {"loss": "log_loss"},
        {"learning_rate": 0.5, "fit_intercept": False},
    ],
)
def test_compiled_neuron_fit_equals_numpy_fit(monkeypatch, kind, params):
    """Same coef_ to 1e-10 in float64, over 20 epochs of each step rule.

    Further on, the secant rule's fits reach the optimum to the last digit of
    the loss; its steps then come from rounding errors, which differ between
    the two passes, and move the weights within the flat bottom of the loss
    (by 3e-8 on the multilabel log-loss fit at 25 epochs, its loss equal to
    1e-15)."""
    X, y = targets_of(kind)
    neuron = SigmoidNeuronClassifier(n_iter=20, tol=None, random_state=0, **params)
    weights = np.random.RandomState(1).randint(0, 3, len(X))
    reference, compiled = fit_both_ways(
        monkeypatch, neuron, X, y, sample_weight=weights
    )
    assert_allclose(compiled.coef_, reference.coef_, rtol=0, atol=1e-10)
    assert_allclose(compiled.intercept_, reference.intercept_, rtol=0, atol=1e-10)


def test_compiled_neuron_keeps_float32(monkeypatch):
    X, y = targets_of("multiclass")
    neuron = SigmoidNeuronClassifier(n_iter=30, tol=None, random_state=0)
    reference, compiled = fit_both_ways(monkeypatch, neuron, X.astype(np.float32), y)
    assert compiled.coef_.dtype == np.float32
    assert_allclose(compiled.coef_, reference.coef_, rtol=1e-3, atol=1e-4)


@pytest.mark.parametrize("kind", ["binary", "multiclass", "multilabel"])
@pytest.mark.parametrize("fit_intercept", [True, False])
def test_compiled_perceptron_epoch_equals_python_loop(monkeypatch, kind, fit_intercept):
    """Same orders of the samples, the same weights, pocket, stop and slope."""
    X, y = targets_of(kind)
    unit = ThresholdUnit(n_iter=40, random_state=0, fit_intercept=fit_intercept)
    weights = np.random.RandomState(1).randint(0, 3, len(X))
    reference, compiled = fit_both_ways(monkeypatch, unit, X, y, sample_weight=weights)
    assert_allclose(compiled.coef_, reference.coef_, rtol=0, atol=1e-10)
    assert_allclose(compiled.intercept_, reference.intercept_, rtol=0, atol=1e-10)
    assert_allclose(compiled.loss_curve_, reference.loss_curve_, rtol=1e-12)
    assert compiled.probability_slope_ == pytest.approx(
        reference.probability_slope_, rel=1e-12
    )


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_compiled_input_statistics_equal_numpy(monkeypatch, dtype):
    """Check the input scale and the mean square of the compiled passes against
    the NumPy code, with weights and a largest magnitude that is negative."""
    rng = np.random.RandomState(0)
    X = rng.normal(size=(5000, 7)).astype(dtype)
    X[1234, 5] = -9.5
    # In X's dtype, as the estimators validate sample_weight.
    weights = rng.uniform(0.5, 2, size=5000).astype(dtype)
    scale = sksigmoid._engine._stats.input_scale(X, weights)
    mean_square = sksigmoid._engine._backend.mean_square(X, scale, weights)
    assert scale == 9.5
    monkeypatch.setattr(sksigmoid._engine._backend, "COMPILED_MIN_SIZE", 0)
    assert sksigmoid._engine._stats.input_scale(X, weights) == scale
    compiled = sksigmoid._engine._backend.mean_square(X, scale, weights)
    assert compiled == pytest.approx(
        mean_square, rel=1e-6 if dtype == np.float32 else 1e-13
    )


@pytest.mark.parametrize("kind", ["binary", "multiclass", "multilabel"])
def test_compiled_margins_equal_numpy(monkeypatch, kind):
    X, y = targets_of(kind)
    X32 = X.astype(np.float32)
    fitted = [
        (SigmoidNeuronClassifier(random_state=0).fit(X, y), X, 1e-12),
        (ThresholdUnit(random_state=0).fit(X, y), X, 1e-12),
        (SigmoidNeuronClassifier(random_state=0).fit(X32, y), X32, 1e-5),
    ]
    expected = [estimator.decision_function(data) for estimator, data, _ in fitted]
    monkeypatch.setattr(sksigmoid._engine._backend, "COMPILED_MIN_SIZE", 0)
    for (estimator, data, tolerance), numpy_margins in zip(
        fitted, expected, strict=True
    ):
        margins = estimator.decision_function(data)
        assert margins.dtype == numpy_margins.dtype
        assert_allclose(margins, numpy_margins, rtol=tolerance, atol=tolerance)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize(
    "bad, message", [(np.nan, "Input X contains NaN"), (-np.inf, "infinity")]
)
def test_compiled_finiteness_tests_give_scikit_learn_messages(
    monkeypatch, dtype, bad, message
):
    """Check fit's compiled test, and predict's test from the compiled margins,
    where the bad value meets a weight of exactly zero."""
    X, y = targets_of("binary")
    X = X.astype(dtype)
    monkeypatch.setattr(sksigmoid._engine._backend, "COMPILED_MIN_SIZE", 0)
    for estimator in [SigmoidNeuronClassifier(), ThresholdUnit()]:
        estimator.fit(X, y)
        estimator.coef_[0, 3] = 0.0
        bad_X = X.copy()
        bad_X[17, 3] = bad
        with pytest.raises(ValueError, match=message):
            estimator.predict(bad_X)
        with pytest.raises(ValueError, match=message):
            estimator.fit(bad_X, y)


@pytest.mark.parametrize("n_rows", [1, 2, 7, 5000])
def test_compiled_shuffle_equals_numpy(n_rows):
    """The epochs' orders of both passes, over several epochs of one fit."""
    from sksigmoid._engine import _perceptron_kernels, _shuffle

    seed = np.iinfo(np.int64).max - 3  # counters near the top of 64 bits
    numpy_order, compiled_order = np.arange(n_rows), np.arange(n_rows)
    for epoch in range(4):
        _shuffle.shuffle_rows(numpy_order, seed, epoch)
        _perceptron_kernels.shuffle_rows(compiled_order, seed, epoch)
        assert_array_equal(compiled_order, numpy_order)
    assert_array_equal(np.sort(numpy_order), np.arange(n_rows))
    if n_rows > 2:
        assert not np.array_equal(numpy_order, np.arange(n_rows))


THREADED_PREDICTIONS = """
import threading
import numpy as np
import numba
from sksigmoid import SigmoidNeuronClassifier

rng = np.random.RandomState(0)
X = rng.randn(20_000, 60)
y = (X[:, 0] > 0).astype(int)
model = SigmoidNeuronClassifier(n_iter=3, tol=None, random_state=0).fit(X, y)
expected = model.predict_proba(X)
results = []

def predict():
    for _ in range(5):
        results.append(np.array_equal(model.predict_proba(X), expected))
    SigmoidNeuronClassifier(n_iter=2, tol=None, random_state=0).fit(X, y)

threads = [threading.Thread(target=predict) for _ in range(4)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(numba.threading_layer(), len(results), all(results))
"""


def test_compiled_passes_from_threads_under_the_workqueue_layer():
    """Check that 4 threads predicting with (and fitting) a model large enough
    for the compiled passes, under numba's workqueue threading layer (a machine
    without OpenMP or TBB), give the single thread's results: that layer
    aborts the process (SIGABRT, "Concurrent access has been detected") when
    two threads run parallel passes at once."""
    environment = {**os.environ, "NUMBA_THREADING_LAYER": "workqueue"}
    run = subprocess.run(
        [sys.executable, "-c", THREADED_PREDICTIONS],
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["workqueue", "20", "True"]


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("loss_rose", [False, True])
def test_compiled_resilient_step_equals_numpy(dtype, loss_rose):
    """iRprop+'s move, bit for bit: grown, shrunk, clipped and flipped steps,
    zero and NaN directions."""
    from sksigmoid._engine import _math, _step_kernels

    rng = np.random.RandomState(0)
    shape = (50, 3)
    direction = rng.normal(size=shape).astype(dtype)
    direction[0, 0], direction[1, 1], direction[2, 2] = 0.0, np.nan, -0.0
    start = {
        "weight": rng.normal(size=shape),
        "step": rng.choice([1e-7, 0.1, 0.5, 45.0], size=shape),
        "signs": rng.choice([-1.0, 0.0, 1.0], size=shape),
        "move": rng.normal(size=shape),
    }
    results = []
    for step_of_one_array in (_math.resilient_step, _step_kernels.resilient_step):
        arrays = {name: value.astype(dtype) for name, value in start.items()}
        with np.errstate(invalid="ignore"):
            step_of_one_array(
                arrays["weight"], direction, arrays["step"], arrays["signs"],
                arrays["move"], (1e-6, 50.0), (1.2, 0.5), loss_rose,
            )  # fmt: skip
        results.append(arrays)
    for name in start:
        assert_array_equal(results[1][name], results[0][name], err_msg=name)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_compiled_network_fit_equals_numpy_fit(monkeypatch, dtype):
    from sksigmoid import SigmoidNetworkClassifier

    X, y = make_classification(80, 4, n_informative=3, n_redundant=0, random_state=0)
    X = X.astype(dtype)
    network = SigmoidNetworkClassifier(
        hidden_layer_sizes=(6,), solver="rprop", n_iter=60, tol=None, random_state=0
    )
    monkeypatch.setattr(sksigmoid._engine._backend, "COMPILED_EPOCHS", False)
    reference = clone(network).fit(X, y)
    monkeypatch.setattr(sksigmoid._engine._backend, "COMPILED_EPOCHS", True)
    compiled = clone(network).fit(X, y)
    for got, expected in zip(compiled.coefs_, reference.coefs_, strict=True):
        assert_allclose(got, expected, rtol=1e-6 if dtype == np.float32 else 1e-12)
