"""SigmoidNetworkClassifier against MLPClassifier on digits, at equal hidden size.

Digits is split ``--splits`` times (stratified, a quarter held out); on each
split ``make_pipeline(StandardScaler(), estimator)`` is fitted and scored on the
held-out quarter. Ours is ``SigmoidNetworkClassifier(hidden_layer_sizes=(32,))``
with each loss, the rest at its defaults; the peer is
``MLPClassifier(hidden_layer_sizes=(32,), activation="logistic")`` at its
defaults (adam, mini-batches of 200, an L2 penalty of 1e-4). The table prints
the mean held-out accuracy, the gap in points, the mean epochs, the mean fit
time and its ratio to the peer's, and the warnings each raised.

    python benchmarks/network_digits.py [--splits 5] [--quick]

``--quick`` runs 2 splits (about half a minute).
"""

import argparse
import os
import platform
import time
import warnings

import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import StratifiedShuffleSplit
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from sksigmoid import SigmoidNetworkClassifier

HIDDEN = (32,)


def fit_and_score(estimator, X, y, train, test):
    """Held-out accuracy, epochs, fit seconds and warnings of one fit."""
    model = make_pipeline(StandardScaler(), estimator)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        start = time.perf_counter()
        model.fit(X[train], y[train])
        seconds = time.perf_counter() - start
    fitted = model[-1]
    return model.score(X[test], y[test]), fitted.n_iter_, seconds, len(caught)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--splits", type=int, default=5)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    n_splits = 2 if args.quick else args.splits
    X, y = load_digits(return_X_y=True)
    candidates = {
        "SigmoidNetwork squared_error": lambda seed: SigmoidNetworkClassifier(
            hidden_layer_sizes=HIDDEN, random_state=seed
        ),
        "SigmoidNetwork log_loss": lambda seed: SigmoidNetworkClassifier(
            hidden_layer_sizes=HIDDEN, loss="log_loss", random_state=seed
        ),
        "MLPClassifier logistic": lambda seed: MLPClassifier(
            hidden_layer_sizes=HIDDEN, activation="logistic", random_state=seed
        ),
    }
    results = {name: [] for name in candidates}
    splits = StratifiedShuffleSplit(n_splits, test_size=0.25, random_state=0)
    for seed, (train, test) in enumerate(splits.split(X, y)):
        for name, make in candidates.items():
            results[name].append(fit_and_score(make(seed), X, y, train, test))
    peer = np.array(results["MLPClassifier logistic"])
    print(
        f"digits {X.shape[0]}x{X.shape[1]}, hidden_layer_sizes={HIDDEN}, "
        f"{n_splits} splits; {platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}\n"
    )
    header = (
        "| estimator | accuracy % | gap (points) | epochs | fit s | time ratio "
        "| warnings |"
    )
    print(header)
    print("|---|---|---|---|---|---|---|")
    for name, rows in results.items():
        rows = np.array(rows)
        gap = 100 * (rows[:, 0].mean() - peer[:, 0].mean())
        print(
            f"| {name} | {100 * rows[:, 0].mean():.2f} | {gap:+.2f} "
            f"| {rows[:, 1].mean():.0f} | {rows[:, 2].mean():.2f} "
            f"| {rows[:, 2].sum() / peer[:, 2].sum():.2f} | {int(rows[:, 3].sum())} |"
        )


if __name__ == "__main__":
    main()
