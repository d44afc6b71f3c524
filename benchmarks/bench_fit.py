"""Fit time, accuracy and memory of the default estimators against scikit-learn.

On standardized ``make_classification`` data (a fifth held out) this fits, in one
run, the default ``SigmoidNeuronClassifier`` against ``LogisticRegression`` and
the default ``ThresholdUnit`` against ``Perceptron``, and prints for each: the
fit time (best of ``--repeats``), the held-out accuracy, the time over the
peer's, the epochs, one epoch's time over one ``X @ w`` on the same X (the
median of ``2 * repeats + 1`` rounds, each timing both side by side), and the
peak memory that ``fit`` allocates over ``X.nbytes`` (tracemalloc, in a separate
fit). A last line compares ``predict_proba``. The first fit of each kind is not
timed: it loads numba's compiled passes.

    python benchmarks/bench_fit.py [--quick] [--repeats 2]

The full run uses 1M x 100 (binary) and 200k x 50 (10 classes), the sizes
of the README's speed claims, and needs about 2 GB and several minutes;
``--quick`` uses a tenth of the rows (under a minute).
"""

import argparse
import os
import platform
import time
import tracemalloc
import warnings
from functools import partial

import numpy as np
import sklearn
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression, Perceptron
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

from sksigmoid import SigmoidNeuronClassifier, ThresholdUnit

#: Seconds to wait after timing ``X @ w``: BLAS's threads spin for a while after
#: a call and would take a core from the fit timed next.
BLAS_SETTLE_SECONDS = 0.3


def make_data(n_samples, n_features, n_classes, dtype):
    X, y = make_classification(
        n_samples,
        n_features,
        n_informative=n_features // 2,
        n_redundant=0,
        n_classes=n_classes,
        random_state=0,
    )
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=0.2, random_state=0
    )
    scaler = StandardScaler().fit(X_train)
    X_train = np.ascontiguousarray(scaler.transform(X_train), dtype=dtype)
    return X_train, scaler.transform(X_test).astype(dtype), y_train, y_test


def best_time(function, repeats):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def peak_memory(function):
    """Peak bytes allocated while ``function`` runs."""
    tracemalloc.start()
    try:
        function()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def epoch_over_gemv(estimator, X, y, repeats):
    """One epoch's time over one ``X @ w``: the median over ``repeats`` rounds.

    Each round times ``X @ w`` (median of 5), waits ``BLAS_SETTLE_SECONDS``, and
    takes an epoch as the difference of fits of 13 and 3 epochs, over 10. The two
    are timed side by side, so that the machine's drift (10-30% here between
    minutes) does not enter the ratio.
    """
    w = np.zeros(X.shape[1], dtype=X.dtype)
    estimator.set_params(tol=None)
    ratios = []
    for _ in range(repeats):
        gemv = np.median([best_time(partial(np.matmul, X, w), 1) for _ in range(5)])
        time.sleep(BLAS_SETTLE_SECONDS)
        fits = {}
        for n_iter in (13, 3):
            estimator.set_params(n_iter=n_iter)
            fits[n_iter] = best_time(lambda: estimator.fit(X, y), 1)
        ratios.append(max(fits[13] - fits[3], 0) / 10 / gemv)
    return float(np.median(ratios))


def measure(make_estimator, data, repeats, per_epoch=True):
    X, X_test, y, y_test = data
    estimator = make_estimator()
    seconds = best_time(lambda: estimator.fit(X, y), repeats)
    row = {
        "name": type(estimator).__name__,
        "seconds": seconds,
        "accuracy": estimator.score(X_test, y_test),
        "epochs": int(np.max(getattr(estimator, "n_iter_", 0))),
        "memory": peak_memory(lambda: make_estimator().fit(X, y)) / X.nbytes,
        "estimator": estimator,
    }
    row["epoch"] = (
        epoch_over_gemv(make_estimator(), X, y, 2 * repeats + 1) if per_epoch else None
    )
    return row


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a tenth of the rows")
    parser.add_argument("--repeats", type=int, default=2, help="fits timed per row")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    shrink = 10 if args.quick else 1
    cases = [
        ("binary", 1_250_000 // shrink, 100, 2, np.float64),
        ("binary float32", 1_250_000 // shrink, 100, 2, np.float32),
        ("10 classes", 250_000 // shrink, 50, 10, np.float64),
    ]
    # Loads (or compiles) numba's passes before anything is timed.
    warm = make_data(100_000, 20, 2, np.float64)
    SigmoidNeuronClassifier(n_iter=2, tol=None).fit(warm[0], warm[2])
    ThresholdUnit(n_iter=2, tol=None).fit(warm[0], warm[2])

    print(
        f"{platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, numpy {np.__version__}, "
        f"scikit-learn {sklearn.__version__}"
    )
    header = (
        "| data | estimator | fit s | accuracy % | time / peer | epochs "
        "| epoch / X@w | peak memory / X.nbytes |"
    )
    print(header)
    print("|" + "---|" * 8)
    proba_line = None
    for label, n_samples, n_features, n_classes, dtype in cases:
        data = make_data(n_samples, n_features, n_classes, dtype)
        X = data[0]
        w = np.zeros(n_features, dtype=dtype)
        gemv = np.median([best_time(partial(np.matmul, X, w), 1) for _ in range(7)])
        pairs = [(lambda: SigmoidNeuronClassifier(random_state=0), LogisticRegression)]
        if n_classes == 2 and dtype == np.float64:
            pairs.append((lambda: ThresholdUnit(random_state=0), Perceptron))
        shape = f"{label} {X.shape[0] // 1000}k x {n_features}"
        for ours, peer in pairs:
            peer_row = measure(peer, data, args.repeats, per_epoch=False)
            row = measure(ours, data, args.repeats)
            for result in (row, peer_row):
                ratio = result["seconds"] / peer_row["seconds"]
                epoch = result["epoch"]
                epoch = "" if epoch is None else f"{epoch:.2f}"
                print(
                    f"| {shape} | {result['name']} | {result['seconds']:.2f} "
                    f"| {100 * result['accuracy']:.2f} | {ratio:.2f} "
                    f"| {result['epochs']} | {epoch} | {result['memory']:.2f} |"
                )
            if proba_line is None:
                X_test = data[1]
                ours_proba = best_time(
                    partial(row["estimator"].predict_proba, X_test), 3
                )
                peer_proba = best_time(
                    partial(peer_row["estimator"].predict_proba, X_test), 3
                )
                proba_line = (
                    f"predict_proba on {X_test.shape[0] // 1000}k x {n_features}: "
                    f"{1e3 * ours_proba:.1f} ms, LogisticRegression "
                    f"{1e3 * peer_proba:.1f} ms, ratio {ours_proba / peer_proba:.2f}"
                )
        print(f"X @ w on {shape}: {1e3 * gemv:.1f} ms")
    print(proba_line)


if __name__ == "__main__":
    main()
