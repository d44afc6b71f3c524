"""Streaming in chunks with partial_fit against fit, and against scikit-learn's.

On standardized ``make_classification`` data (as ``bench_fit.py``: half the
features informative, a fifth held out), this streams the training rows in
chunks of ``--chunk-rows`` through ``partial_fit`` for ``--passes`` passes and
prints, after each pass, the held-out accuracy and the seconds so far, for:

- ``SigmoidNeuronClassifier`` (mini-batches of 200 rows), against
  ``SGDClassifier(loss="log_loss")``;
- ``ThresholdUnit`` (the online perceptron rule), against ``Perceptron``;

and, as the target, each estimator's full ``fit`` on all rows at once.

    python benchmarks/streaming.py [--rows 1000000] [--chunk-rows 50000] [--passes 5]

The default needs about 2 GB and a few minutes.
"""

import argparse
import time
import warnings

import numpy as np
from sklearn.datasets import make_classification
from sklearn.linear_model import Perceptron, SGDClassifier
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

from sksigmoid import SigmoidNeuronClassifier, ThresholdUnit


def make_data(n_samples, n_features):
    X, y = make_classification(
        n_samples,
        n_features,
        n_informative=n_features // 2,
        n_redundant=0,
        random_state=0,
    )
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=0.2, random_state=0
    )
    scaler = StandardScaler().fit(X_train)
    return scaler.transform(X_train), scaler.transform(X_test), y_train, y_test


def stream(estimator, X, y, X_test, y_test, chunk_rows, passes):
    """Held-out accuracy and seconds after each pass of partial_fit."""
    classes = np.unique(y)
    results, seconds = [], 0.0
    for _ in range(passes):
        start = time.perf_counter()
        for first in range(0, len(X), chunk_rows):
            rows = slice(first, first + chunk_rows)
            estimator.partial_fit(X[rows], y[rows], classes=classes)
        seconds += time.perf_counter() - start
        results.append((estimator.score(X_test, y_test), seconds))
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--features", type=int, default=100)
    parser.add_argument("--chunk-rows", type=int, default=50_000)
    parser.add_argument("--passes", type=int, default=5)
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    X, X_test, y, y_test = make_data(args.rows, args.features)
    # Not timed: loads numba's compiled passes.
    ThresholdUnit(n_iter=1).fit(X[:20_000], y[:20_000])
    SigmoidNeuronClassifier(n_iter=1).fit(X[:20_000], y[:20_000])
    pairs = [
        (
            SigmoidNeuronClassifier(random_state=0),
            SGDClassifier(loss="log_loss", random_state=0),
        ),
        (ThresholdUnit(random_state=0), Perceptron(random_state=0)),
    ]
    print(
        f"{len(X)} x {args.features} training rows in chunks of {args.chunk_rows}, "
        f"{len(X_test)} held out\n"
    )
    print(
        "| estimator | fit: accuracy % (s) | "
        + " | ".join(f"pass {i + 1}: accuracy % (s)" for i in range(args.passes))
        + " |"
    )
    print("|---|---|" + "---|" * args.passes)
    for ours, peer in pairs:
        for estimator in (ours, peer):
            name = type(estimator).__name__
            start = time.perf_counter()
            fitted = type(estimator)(**estimator.get_params()).fit(X, y)
            fit_seconds = time.perf_counter() - start
            cells = [f"{100 * fitted.score(X_test, y_test):.2f} ({fit_seconds:.1f})"]
            for accuracy, seconds in stream(
                estimator, X, y, X_test, y_test, args.chunk_rows, args.passes
            ):
                cells.append(f"{100 * accuracy:.2f} ({seconds:.1f})")
            print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
