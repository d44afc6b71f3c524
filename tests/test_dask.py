"""Fit and predict on dask collections, and the dask-ml wrappers.

The tests share one two-worker cluster of processes on loopback, closed after
the module. They need the optional ``[dask]`` extra and are skipped without it.
"""

import joblib
import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose
from sklearn.base import clone
from sklearn.datasets import make_classification
from sklearn.model_selection import GridSearchCV
from sklearn.preprocessing import StandardScaler

from sksigmoid import (
    AdalineClassifier,
    LinearUnitRegressor,
    SigmoidNetworkClassifier,
    SigmoidNetworkRegressor,
    SigmoidNeuronClassifier,
    ThresholdUnit,
)

REASON = "needs the optional dask extra: pip install 'sksigmoid[dask]'"
dask = pytest.importorskip("dask", reason=REASON)
da = pytest.importorskip("dask.array", reason=REASON)
dd = pytest.importorskip("dask.dataframe", reason=REASON)
distributed = pytest.importorskip("dask.distributed", reason=REASON)


@pytest.fixture(scope="module")
def client():
    with (
        distributed.LocalCluster(
            processes=True,
            n_workers=2,
            threads_per_worker=1,
            host="127.0.0.1",
            dashboard_address=None,
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client


def _data(n_classes=2, n_samples=6000, dtype=np.float64):
    X, y = make_classification(
        n_samples, 12, n_informative=8, n_classes=n_classes, random_state=2
    )
    return StandardScaler().fit_transform(X).astype(dtype), y


def _assert_same_layers(a, b, atol):
    fitted_a, fitted_b = a._fitted_layers(), b._fitted_layers()
    for layers_a, layers_b in (
        (fitted_a.coefs, fitted_b.coefs),
        (fitted_a.intercepts, fitted_b.intercepts),
    ):
        for layer_a, layer_b in zip(layers_a, layers_b, strict=True):
            assert_allclose(layer_a, layer_b, rtol=0, atol=atol)


CASES = {
    "binary": (SigmoidNeuronClassifier, {}, 2, np.float64),
    "log_loss, balanced": (
        SigmoidNeuronClassifier,
        {"loss": "log_loss", "class_weight": "balanced"},
        2,
        np.float64,
    ),
    "multiclass": (SigmoidNeuronClassifier, {}, 4, np.float64),
    "float32": (SigmoidNeuronClassifier, {}, 2, np.float32),
    "constant step, no intercept": (
        SigmoidNeuronClassifier,
        {"learning_rate": 2.0, "fit_intercept": False, "n_iter": 40, "tol": None},
        2,
        np.float64,
    ),
    "network": (
        SigmoidNetworkClassifier,
        {"hidden_layer_sizes": (6,), "n_iter": 60, "tol": None},
        3,
        np.float64,
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_fit_on_dask_array_equals_in_memory_fit(client, case):
    """Check that the blockwise fit trains the model of the in-memory fit: the
    same epochs and weights to 1e-8 (float32: 1e-4)."""
    Estimator, params, n_classes, dtype = CASES[case]
    X, y = _data(n_classes, dtype=dtype)
    # Dask fits are full-batch; in memory, a batch of every row is the full
    # batch (a network's "auto" rule takes mini-batches above 200 rows).
    in_memory = Estimator(random_state=0, batch_size=len(X), **params).fit(X, y)
    blockwise = Estimator(random_state=0, **params).fit(
        da.from_array(X, chunks=1500), da.from_array(y, chunks=1500)
    )
    exact = dtype == np.float64
    assert blockwise.n_iter_ == in_memory.n_iter_
    assert_allclose(
        blockwise.loss_curve_, in_memory.loss_curve_, rtol=1e-8 if exact else 1e-5
    )
    _assert_same_layers(blockwise, in_memory, 1e-8 if exact else 1e-4)
    assert blockwise._fitted_layers().coefs[0].dtype == dtype
    assert_allclose(blockwise.classes_, in_memory.classes_)


@pytest.mark.parametrize(
    "regressor",
    [
        LinearUnitRegressor(n_iter=30, tol=None),
        LinearUnitRegressor(fit_intercept=False, n_iter=30, tol=None),
        SigmoidNetworkRegressor(hidden_layer_sizes=(6,), n_iter=40, tol=None),
    ],
    ids=repr,
)
def test_regressor_fit_on_dask_array_equals_in_memory_fit(client, regressor):
    """Check the blockwise fit of quantities: the targets standardized by the
    cluster's sums train the in-memory fit's model, weighted rows included."""
    X, labels = _data(n_samples=900)
    y = 1000 * X[:, 0] - 300 * X[:, 1] ** 2 + 50 * labels
    weights = np.random.RandomState(0).choice([0.0, 1.0, 3.0], size=len(y))
    in_memory = clone(regressor).set_params(random_state=0).fit(X, y, weights)
    blockwise = clone(regressor).set_params(random_state=0)
    blockwise.fit(
        da.from_array(X, chunks=300),
        da.from_array(y, chunks=300),
        da.from_array(weights, chunks=300),
    )
    assert blockwise.solver_ == in_memory.solver_
    assert_allclose(blockwise.loss_curve_, in_memory.loss_curve_, rtol=1e-8)
    _assert_same_layers(blockwise, in_memory, 1e-8 * np.abs(y).max())
    assert_allclose(blockwise.predict(X), in_memory.predict(X), rtol=1e-8)


def test_adaline_refuses_a_dask_fit(client):
    X, y = _data(n_samples=200)
    with pytest.raises(TypeError, match="Stream the blocks through partial_fit"):
        AdalineClassifier().fit(da.from_array(X), da.from_array(y))


def test_sample_weight_as_dask_array(client):
    """Check dask sample weights (zeros among them) against the in-memory fit,
    with blocks that differ from X's."""
    X, y = _data()
    weights = np.random.RandomState(0).choice([0.0, 0.5, 2.0], size=len(y))
    in_memory = SigmoidNeuronClassifier(random_state=0).fit(X, y, weights)
    blockwise = SigmoidNeuronClassifier(random_state=0).fit(
        da.from_array(X, chunks=(1000, 6)),
        da.from_array(y, chunks=2500),
        sample_weight=da.from_array(weights, chunks=700),
    )
    _assert_same_layers(blockwise, in_memory, 1e-8)


def test_warm_start_on_dask_continues_an_in_memory_fit(client):
    """Check that a warm-started dask fit continues as the in-memory one does,
    and keeps the step of the previous fit."""
    X, y = _data()
    params = dict(warm_start=True, n_iter=8, tol=None, random_state=0)
    in_memory = SigmoidNeuronClassifier(**params).fit(X, y).fit(X, y)
    mixed = SigmoidNeuronClassifier(**params).fit(X, y)
    mixed.fit(da.from_array(X, chunks=2000), da.from_array(y, chunks=2000))
    assert mixed.n_iter_ == in_memory.n_iter_ == 16
    _assert_same_layers(mixed, in_memory, 1e-8)


def test_blocks_of_unknown_length(client):
    """Check arrays whose block lengths dask does not know (a DataFrame's
    values): they are counted, and the fit is the in-memory one."""
    X, y = _data()
    frame = dd.from_pandas(pd.DataFrame(X).assign(label=y), npartitions=3)
    X_unknown = frame.drop(columns="label").to_dask_array()
    y_unknown = frame["label"].to_dask_array()
    assert np.isnan(X_unknown.shape[0])
    blockwise = SigmoidNeuronClassifier(random_state=0).fit(X_unknown, y_unknown)
    in_memory = SigmoidNeuronClassifier(random_state=0).fit(X, y)
    _assert_same_layers(blockwise, in_memory, 1e-8)


@pytest.mark.parametrize("file_format", ["csv", "parquet"])
def test_fit_on_dask_dataframe_read_from_many_files(client, tmp_path, file_format):
    """Check a fit on a dask DataFrame read from several files: the feature
    names, the in-memory model, and predictions that stay dask collections."""
    X, y = _data()
    columns = [f"x{i}" for i in range(X.shape[1])]
    frame = pd.DataFrame(X, columns=columns).assign(label=y)
    for part, rows in enumerate(np.array_split(np.arange(len(frame)), 4)):
        path = tmp_path / f"part-{part}.{file_format}"
        if file_format == "csv":
            frame.iloc[rows].to_csv(path, index=False, float_format="%.17g")
        else:
            frame.iloc[rows].to_parquet(path, index=False)
    read = dd.read_csv if file_format == "csv" else dd.read_parquet
    data = read(str(tmp_path / f"part-*.{file_format}"))
    neuron = SigmoidNeuronClassifier(random_state=0).fit(data[columns], data["label"])
    in_memory = SigmoidNeuronClassifier(random_state=0).fit(frame[columns], y)
    assert neuron.feature_names_in_.tolist() == columns
    _assert_same_layers(neuron, in_memory, 1e-8)
    proba = neuron.predict_proba(data[columns])
    assert dask.is_dask_collection(proba)
    assert_allclose(proba.compute(), in_memory.predict_proba(frame[columns]))
    with pytest.raises(ValueError, match="feature names should match"):
        neuron.predict(data[columns[::-1]]).compute()


@pytest.mark.parametrize("Estimator", [SigmoidNeuronClassifier, ThresholdUnit])
@pytest.mark.parametrize("n_classes", [2, 3])
def test_predictions_on_dask_arrays_are_blockwise_dask_arrays(
    client, Estimator, n_classes
):
    """Check every prediction method on a dask array: a lazy dask array with the
    in-memory method's values, shape and dtype."""
    X, y = _data(n_classes)
    estimator = Estimator(n_iter=10, tol=None, random_state=0).fit(X, y)
    X_dask = da.from_array(X, chunks=(1000, 5))
    for method in [
        "predict",
        "predict_proba",
        "predict_log_proba",
        "decision_function",
    ]:
        lazy = getattr(estimator, method)(X_dask)
        expected = getattr(estimator, method)(X)
        assert dask.is_dask_collection(lazy)
        assert lazy.shape == expected.shape and lazy.dtype == expected.dtype
        assert_allclose(lazy.compute(), expected, rtol=1e-12)


def test_dask_fit_errors(client):
    """Check the errors of dask input that a fit cannot take."""
    X, y = _data()
    X_dask, y_dask = da.from_array(X, chunks=1500), da.from_array(y, chunks=1500)
    with pytest.raises(TypeError, match="Stream its blocks through partial_fit"):
        ThresholdUnit().fit(X_dask, y_dask)
    with pytest.raises(ValueError, match="early_stopping is not supported"):
        SigmoidNeuronClassifier(early_stopping=True).fit(X_dask, y_dask)
    with pytest.raises(ValueError, match="needs batch_size='auto'"):
        SigmoidNeuronClassifier(batch_size=10).fit(X_dask, y_dask)
    with pytest.raises(ValueError, match="inconsistent numbers of samples"):
        SigmoidNeuronClassifier().fit(X_dask, y_dask[:-1])
    with pytest.raises(ValueError, match="only one class"):
        SigmoidNeuronClassifier().fit(X_dask, da.zeros(len(y), chunks=1500))
    with pytest.raises(ValueError, match="Unknown label type"):
        SigmoidNeuronClassifier().fit(X_dask, y_dask + 0.5)
    with pytest.raises(ValueError, match="supports a y of one dimension"):
        SigmoidNeuronClassifier().fit(X_dask, da.stack([y_dask, y_dask], axis=1))
    X_nan = X.copy()
    X_nan[4321, 3] = np.nan
    with pytest.raises(ValueError, match="Input X contains NaN"):
        SigmoidNeuronClassifier().fit(da.from_array(X_nan, chunks=1500), y_dask)


def test_incremental_equals_a_partial_fit_loop(client):
    """Check dask-ml's Incremental against partial_fit called on the same blocks
    in order, for both kinds of unit."""
    wrappers = pytest.importorskip("dask_ml.wrappers", reason=REASON)
    X, y = _data()
    for Estimator in [SigmoidNeuronClassifier, ThresholdUnit]:
        incremental = wrappers.Incremental(
            Estimator(random_state=0), shuffle_blocks=False
        ).fit(
            da.from_array(X, chunks=1500), da.from_array(y, chunks=1500), classes=[0, 1]
        )
        loop = Estimator(random_state=0)
        for start in range(0, len(X), 1500):
            loop.partial_fit(
                X[start : start + 1500], y[start : start + 1500], classes=[0, 1]
            )
        _assert_same_layers(incremental.estimator_, loop, 1e-12)
        assert incremental.estimator_.n_iter_ == 4


def test_parallel_post_fit_predicts_blockwise(client):
    """Check dask-ml's ParallelPostFit around a unit fitted in memory."""
    wrappers = pytest.importorskip("dask_ml.wrappers", reason=REASON)
    X, y = _data(3)
    wrapped = wrappers.ParallelPostFit(SigmoidNeuronClassifier(random_state=0))
    wrapped.fit(X, y)
    proba = wrapped.predict_proba(da.from_array(X, chunks=1000))
    assert dask.is_dask_collection(proba)
    assert_allclose(proba.compute(), wrapped.estimator.predict_proba(X))


def test_grid_search_on_the_dask_joblib_backend(client):
    """Check GridSearchCV spread over the workers by joblib's dask backend: the
    same scores as a search in this process."""
    X, y = _data(n_samples=1500)
    grid = {"loss": ["squared_error", "log_loss"], "alpha": [1e-4, 1e-1]}
    search = GridSearchCV(SigmoidNeuronClassifier(random_state=0), grid, n_jobs=-1)
    with joblib.parallel_config(backend="dask"):
        search.fit(X, y)
    local = GridSearchCV(SigmoidNeuronClassifier(random_state=0), grid).fit(X, y)
    assert_allclose(
        search.cv_results_["mean_test_score"], local.cv_results_["mean_test_score"]
    )
    assert search.best_params_ == local.best_params_


def test_a_worker_killed_during_a_fit_costs_nothing_but_time(client):
    """Check a fit that loses a worker after its third epoch: dask recomputes
    the lost blocks from the graph on the restarted worker, and the fit
    completes with the model of an undisturbed fit."""
    import os
    import signal

    from sksigmoid._engine._loop import epoch_listener

    X, y = _data()
    undisturbed = SigmoidNeuronClassifier(random_state=0).fit(X, y)
    victim = sorted(client.run(os.getpid).items())[0][1]
    killed = []

    def kill_after_third_epoch(epoch, n_iter, finished):
        if epoch == 3 and not killed:
            os.kill(victim, signal.SIGKILL)
            killed.append(epoch)

    token = epoch_listener.set(kill_after_third_epoch)
    try:
        disturbed = SigmoidNeuronClassifier(random_state=0).fit(
            da.from_array(X, chunks=300), da.from_array(y, chunks=1000)
        )
    finally:
        epoch_listener.reset(token)
    assert killed == [3]
    assert victim not in client.run(os.getpid).values()
    _assert_same_layers(disturbed, undisturbed, 1e-8)


@pytest.mark.parametrize("method", ["predict", "predict_proba", "decision_function"])
def test_dask_partitions_without_rows_predict_nothing(method):
    """Check that a dask DataFrame or array with an empty partition (a filter's
    result) predicts its other rows as pandas does, not "Found array with 0
    sample(s)" at compute."""
    rng = np.random.RandomState(0)
    frame = pd.DataFrame(rng.randn(30, 3), columns=["a", "b", "c"])
    model = SigmoidNeuronClassifier(random_state=0).fit(frame, frame["a"] > 0)
    partitions = dd.from_pandas(frame, npartitions=3)
    filtered = partitions.map_partitions(
        lambda part: part[(part.index < 10) | (part.index >= 20)]
    )
    expected = getattr(model, method)(frame.iloc[np.r_[0:10, 20:30]])
    assert_allclose(getattr(model, method)(filtered).compute(), expected)
    array_model = SigmoidNeuronClassifier(random_state=0).fit(
        frame.to_numpy(), frame["a"] > 0
    )
    blocks = da.from_array(frame.to_numpy(), chunks=((10, 0, 20), 3))
    assert_allclose(
        getattr(array_model, method)(blocks).compute(),
        getattr(array_model, method)(frame.to_numpy()),
    )


@pytest.mark.parametrize(
    "estimator",
    [
        SigmoidNeuronClassifier(random_state=0),
        SigmoidNetworkClassifier(
            hidden_layer_sizes=(4,), n_iter=40, tol=None, random_state=0
        ),
    ],
    ids=repr,
)
def test_dask_array_of_sparse_blocks_fits_as_in_memory(client, estimator):
    """Blocks of CSR rows take the same blockwise sums as dense blocks: the
    model of the in-memory fit, and predictions block by block."""
    from scipy import sparse

    rng = np.random.RandomState(0)
    X = sparse.random(1200, 30, density=0.1, random_state=0, format="csr")
    y = (X @ rng.normal(size=30) > 0).astype(int)
    params = {"batch_size": X.shape[0]} if "Network" in repr(estimator) else {}
    in_memory = clone(estimator).set_params(**params).fit(X, y)
    blocks = da.from_array(X, chunks=(300, 30), asarray=False)
    blockwise = clone(estimator).fit(blocks, da.from_array(y, chunks=300))
    assert blockwise.n_iter_ == in_memory.n_iter_
    _assert_same_layers(blockwise, in_memory, 1e-8)
    assert_allclose(
        blockwise.predict_proba(blocks).compute(), in_memory.predict_proba(X)
    )
