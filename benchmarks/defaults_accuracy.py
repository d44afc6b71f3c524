"""Held-out accuracy of the default estimators against scikit-learn's peers.

Each data set is split ``--splits`` times (stratified, a quarter held out); on
each split ``make_pipeline(StandardScaler(), estimator)`` is fitted with default
parameters and scored on the held-out quarter. The table prints the mean
accuracy of SigmoidNeuronClassifier against LogisticRegression and of
ThresholdUnit against Perceptron, the gap in points, the mean number of epochs,
and how many warnings our default fits raised (the defaults must raise none).

    python benchmarks/defaults_accuracy.py [--splits 10] [--quick]

``--quick`` runs 3 splits of the smaller data sets (about half a minute).
"""

import argparse
import time
import warnings

import numpy as np
from sklearn.datasets import (
    load_breast_cancer,
    load_digits,
    load_iris,
    load_wine,
    make_classification,
)
from sklearn.linear_model import LogisticRegression, Perceptron
from sklearn.model_selection import StratifiedShuffleSplit
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from sksigmoid import SigmoidNeuronClassifier, ThresholdUnit

PAIRS = [
    (SigmoidNeuronClassifier, LogisticRegression),
    (ThresholdUnit, Perceptron),
]


def data_sets(quick):
    yield "breast_cancer", load_breast_cancer(return_X_y=True)
    yield "wine", load_wine(return_X_y=True)
    yield "iris", load_iris(return_X_y=True)
    if quick:
        return
    yield "digits", load_digits(return_X_y=True)
    yield (
        "binary 2000x20",
        make_classification(2000, 20, n_informative=8, flip_y=0.05, random_state=0),
    )
    yield (
        "4 classes 2000x20",
        make_classification(
            2000, 20, n_informative=8, n_classes=4, flip_y=0.05, random_state=0
        ),
    )
    yield (
        "imbalanced 3000x12",
        make_classification(
            3000, 12, n_informative=6, weights=[0.8, 0.2], random_state=8
        ),
    )
    yield (
        "wide 300x200",
        make_classification(300, 200, n_informative=10, random_state=1),
    )
    yield (
        "10 classes 3000x30",
        make_classification(3000, 30, n_informative=15, n_classes=10, random_state=2),
    )


def compare(Ours, Peer, X, y, n_splits):
    """Mean held-out accuracies, mean epochs, warnings and fit times of both."""
    ours, peer, epochs, n_warnings, times = [], [], [], 0, np.zeros(2)
    splits = StratifiedShuffleSplit(n_splits, test_size=0.25, random_state=0)
    for seed, (train, test) in enumerate(splits.split(X, y)):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            start = time.perf_counter()
            model = make_pipeline(StandardScaler(), Ours(random_state=seed))
            model.fit(X[train], y[train])
            times[0] += time.perf_counter() - start
        n_warnings += len(caught)
        ours.append(model.score(X[test], y[test]))
        epochs.append(model[-1].n_iter_)
        # The peer's own warnings (lbfgs' iteration limit on digits) are not ours.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            start = time.perf_counter()
            reference = make_pipeline(StandardScaler(), Peer(random_state=seed))
            reference.fit(X[train], y[train])
            times[1] += time.perf_counter() - start
        peer.append(reference.score(X[test], y[test]))
    return 100 * np.mean(ours), 100 * np.mean(peer), np.mean(epochs), n_warnings, times


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--splits", type=int, default=10)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    n_splits = 3 if args.quick else args.splits
    print(f"Held-out accuracy (%), mean of {n_splits} stratified 75/25 splits")
    header = (
        f"{'data set':20} {'estimator':24} {'ours':>6} {'peer':>6} {'gap':>6} "
        f"{'epochs':>7} {'warnings':>8} {'fit time ratio':>14}"
    )
    print(header)
    print("-" * len(header))
    worst = {Ours.__name__: np.inf for Ours, _ in PAIRS}
    for name, (X, y) in data_sets(args.quick):
        for Ours, Peer in PAIRS:
            ours, peer, epochs, n_warnings, times = compare(Ours, Peer, X, y, n_splits)
            worst[Ours.__name__] = min(worst[Ours.__name__], ours - peer)
            label = f"{Ours.__name__[:11]} vs {Peer.__name__[:10]}"
            print(
                f"{name:20} {label:24} {ours:6.2f} {peer:6.2f} {ours - peer:+6.2f} "
                f"{epochs:7.0f} {n_warnings:8d} {times[0] / times[1]:14.1f}",
                flush=True,
            )
    for estimator, gap in worst.items():
        print(f"{estimator}: worst gap to its peer {gap:+.2f} points")


if __name__ == "__main__":
    main()
