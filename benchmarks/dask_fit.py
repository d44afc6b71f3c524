"""A fit on a dask cluster against the same fit in memory, and the peers.

On a local cluster of 2 worker processes (1 thread each), this makes
``--rows`` x 100 float32 data on the workers (standard normal features,
labels of a noisy linear rule), persists it there, and times, in one run:

- ``SigmoidNeuronClassifier().fit`` on the dask array (the blockwise fit);
- dask-ml's ``LogisticRegression`` (lbfgs) on the same dask array, the
  distributed peer;
- then, with X fetched into this process, scikit-learn's ``LogisticRegression``
  and the in-memory ``SigmoidNeuronClassifier().fit``.

It prints each fit's time, its time over the in-memory fit's, its held-out
accuracy (on rows made the same way), and the largest difference between
the blockwise and the in-memory ``coef_``. The client's peak resident memory
is read before X is fetched: the blockwise fit must not bring X here.

    python benchmarks/dask_fit.py [--rows 2000000] [--chunk-rows 125000]

The default, 2M x 100 (800 MB), needs about 4 GB and a few minutes.
"""

import argparse
import resource
import time
import warnings

import numpy as np

#: Seconds between timed fits, for the threads of the last one to go idle.
SETTLE_SECONDS = 1.0


def peak_memory_mb():
    """This process's peak resident memory so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def make_data(da, n_rows, n_features, chunk_rows, seed):
    """Features and labels made block by block on the workers."""
    generator = da.random.default_rng(seed)
    X = generator.standard_normal(
        (n_rows, n_features), chunks=(chunk_rows, n_features), dtype=np.float32
    )
    rule = np.random.RandomState(0).normal(size=n_features).astype(np.float32)
    noise = generator.standard_normal(n_rows, chunks=chunk_rows, dtype=np.float32)
    y = ((X @ rule) / np.sqrt(n_features) + noise > 0).astype(np.int64)
    return X, y


def timed(function):
    start = time.perf_counter()
    result = function()
    return result, time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2_000_000)
    parser.add_argument("--chunk-rows", type=int, default=125_000)
    args = parser.parse_args()

    import dask
    import dask.array as da
    from dask.distributed import Client, LocalCluster
    from dask_ml.linear_model import LogisticRegression as DaskLogisticRegression
    from sklearn.linear_model import LogisticRegression

    from sksigmoid import SigmoidNeuronClassifier

    warnings.simplefilter("ignore")
    n_features = 100
    with (
        LocalCluster(
            processes=True,
            n_workers=2,
            threads_per_worker=1,
            host="127.0.0.1",
            dashboard_address=None,
        ) as cluster,
        Client(cluster),
    ):
        X, y = dask.persist(*make_data(da, args.rows, n_features, args.chunk_rows, 0))
        X_test, y_test = dask.compute(
            *make_data(da, args.rows // 10, n_features, args.chunk_rows, 1)
        )
        # The first fit loads numba's compiled passes on the workers: not timed.
        warm_up = slice(None, 2 * args.chunk_rows)
        SigmoidNeuronClassifier(n_iter=2, tol=None).fit(X[warm_up], y[warm_up])
        before = peak_memory_mb()
        blockwise, blockwise_seconds = timed(
            lambda: SigmoidNeuronClassifier(random_state=0).fit(X, y)
        )
        client_peak = peak_memory_mb()
        time.sleep(SETTLE_SECONDS)
        peer, peer_seconds = timed(
            lambda: DaskLogisticRegression(solver="lbfgs", max_iter=100).fit(X, y)
        )
        X_local, y_local = dask.compute(X, y)
    # Arrays gathered from the workers are not aligned (numpy's ALIGNED flag),
    # which made LogisticRegression 6 times slower; a copy is.
    X_local = np.array(X_local)
    # scikit-learn's first, on an idle machine.
    sklearn_peer, sklearn_seconds = timed(
        lambda: LogisticRegression().fit(X_local, y_local)
    )
    time.sleep(SETTLE_SECONDS)
    SigmoidNeuronClassifier(n_iter=2, tol=None).fit(X_local[warm_up], y_local[warm_up])
    in_memory, in_memory_seconds = timed(
        lambda: SigmoidNeuronClassifier(random_state=0).fit(X_local, y_local)
    )

    print(
        f"{args.rows} x {n_features} float32 ({X_local.nbytes / 1e6:.0f} MB), "
        f"blocks of {args.chunk_rows} rows, 2 workers x 1 thread\n"
    )
    print("| fit | seconds | / in-memory fit | held-out accuracy | epochs |")
    print("|---|---|---|---|---|")
    rows = [
        ("SigmoidNeuronClassifier on dask", blockwise, blockwise_seconds),
        ("dask-ml LogisticRegression (lbfgs)", peer, peer_seconds),
        ("SigmoidNeuronClassifier in memory", in_memory, in_memory_seconds),
        ("scikit-learn LogisticRegression", sklearn_peer, sklearn_seconds),
    ]
    for name, model, seconds in rows:
        accuracy = float(np.mean(model.predict(X_test) == y_test))
        # dask-ml's LogisticRegression does not report its iterations.
        epochs = getattr(model, "n_iter_", None)
        epochs = "" if epochs is None else int(np.max(epochs))
        print(
            f"| {name} | {seconds:.2f} | {seconds / in_memory_seconds:.2f} "
            f"| {accuracy:.4f} | {epochs} |"
        )
    difference = float(np.max(np.abs(blockwise.coef_ - in_memory.coef_)))
    print(f"\nlargest |coef_ difference|, blockwise vs in memory: {difference:.1e}")
    print(
        f"client peak memory: {before:.0f} MB before the blockwise fit, "
        f"{client_peak:.0f} MB after it "
        f"({(client_peak - before) / (X_local.nbytes / 1e6):.3f} x X's size "
        f"added); {peak_memory_mb():.0f} MB after fetching X"
    )


if __name__ == "__main__":
    main()
