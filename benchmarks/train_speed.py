"""Fit time of the default estimators over their scikit-learn peers' fit time.

Two tables, each timing ours and the peer in the same run, on the same
standardized splits (a StandardScaler fitted on the training part transforms
both parts; only ``fit`` is timed, with ``time.perf_counter``). The order of
ours and the peer's fits alternates from split to split, so that the machine's
drift hits both alike.

``network``: the default ``SigmoidNetworkClassifier(random_state=seed)`` with
``loss="squared_error"`` and with ``loss="log_loss"`` against the default
``MLPClassifier(activation="logistic", random_state=seed)``, on digits (5
stratified 75/25 splits, seeds 0-4) and on ``make_classification(20_000, 20,
n_informative=10, n_classes=5, random_state=0)`` (one stratified 80/20 split).
Before each data set every model runs one untimed fit of 2 epochs on it.
Bars: time ratio <= 1.0 and accuracy gap >= -0.5 points.

``threshold``: the default ``ThresholdUnit(random_state=seed)`` against the
default ``Perceptron(random_state=seed)`` on digits, breast_cancer and
``make_classification`` of 6,000 x 10 and 50,000 x 20 (``n_informative`` half
the features, ``random_state=0``), binary and with 5 classes; 5 stratified
75/25 splits (3 for 50,000 rows). Timed warm: each model runs one untimed fit
per data set first; the very first fit of the process (numba's import and the
loading of its cached passes) is printed on its own. A fit under
``REPEAT_BELOW`` seconds is repeated until ``REPEAT_BUDGET`` seconds have passed
(at most ``MAX_FITS`` fits) and the median taken; the repeats of ours and the
peer's take turns. Bars: time ratio <= 1.0
(1.5 on breast_cancer) and mean accuracy >= the peer's.

Each row gives the medians over the splits of both fit times and their ratio,
the mean held-out accuracies (%) and their gap (ours - peer, points), our median
``n_iter_`` and the ConvergenceWarnings our fits raised (the peer's are counted
on a line below the table).

    python benchmarks/train_speed.py [--quick] [--section network|threshold|all]

The full run takes about a minute on 2 cores; ``--quick`` (under 30 s) runs
2 splits of every data set and subsamples the 20,000-row network set to 5,000
rows (stratified) before its split.
"""

import argparse
import os
import platform
import time
import warnings
from functools import partial
from importlib.metadata import version

import numpy as np
import sklearn
from sklearn.datasets import load_breast_cancer, load_digits, make_classification
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import Perceptron
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier
from sklearn.preprocessing import StandardScaler

from sksigmoid import SigmoidNetworkClassifier, ThresholdUnit

#: Fits shorter than this (seconds) are repeated ...
REPEAT_BELOW = 0.05
#: ... until their total time passes this ...
REPEAT_BUDGET = 0.3
#: ... or this many fits have run.
MAX_FITS = 20

#: Rows the 20,000-row network set is subsampled to with ``--quick``.
QUICK_NETWORK_ROWS = 5_000

NETWORK_TIME_BAR = 1.0
NETWORK_GAP_BAR = -0.5
THRESHOLD_TIME_BARS = {"breast_cancer": 1.5}
THRESHOLD_TIME_BAR = 1.0


def standardized_splits(X, y, n_splits, test_size):
    """Yield ``seed, X_train, X_test, y_train, y_test`` for seeds 0, 1, ...

    Each split is stratified with ``random_state=seed``; a StandardScaler fitted
    on the training part transforms both parts.
    """
    for seed in range(n_splits):
        X_train, X_test, y_train, y_test = train_test_split(
            X, y, test_size=test_size, stratify=y, random_state=seed
        )
        scaler = StandardScaler().fit(X_train)
        yield seed, scaler.transform(X_train), scaler.transform(X_test), y_train, y_test


def timed_fit(estimator, X, y):
    """Fit ``estimator``; return the fit's seconds and its ConvergenceWarnings."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        start = time.perf_counter()
        estimator.fit(X, y)
        seconds = time.perf_counter() - start
    return seconds, sum(issubclass(w.category, ConvergenceWarning) for w in caught)


def untimed_fit(estimator, X, y):
    """Fit ``estimator`` without keeping its time or warnings; return the time."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        start = time.perf_counter()
        estimator.fit(X, y)
        return time.perf_counter() - start


def wants_more(times):
    """Whether a model whose fits took ``times`` seconds is to be fitted again."""
    return (
        times[0] < REPEAT_BELOW and sum(times) < REPEAT_BUDGET and len(times) < MAX_FITS
    )


def compare(ours, peer, splits, repeat=False):
    """Time our settings and the peer on each split, alternating their order.

    ``ours`` maps a setting's name to ``make(seed)``; ``peer`` is ``make(seed)``.
    With ``repeat``, the models whose first fit took under ``REPEAT_BELOW``
    seconds are refitted in turn (so that a burst of machine noise hits both)
    until each has run ``REPEAT_BUDGET`` seconds or ``MAX_FITS`` fits; a
    model's time on a split is the median of its fits, its warnings those of
    its first fit. Returns ``{name: {"seconds", "accuracy", "n_iter",
    "warnings"}}`` of lists over the splits, the peer's under the key ``None``.
    """
    makers = {**ours, None: peer}
    results = {
        name: {"seconds": [], "accuracy": [], "n_iter": [], "warnings": []}
        for name in makers
    }
    for seed, X_train, X_test, y_train, y_test in splits:
        order = list(makers) if seed % 2 == 0 else list(makers)[::-1]
        estimators = {name: makers[name](seed) for name in order}
        times = {}
        for name in order:
            seconds, n_warnings = timed_fit(estimators[name], X_train, y_train)
            times[name] = [seconds]
            results[name]["warnings"].append(n_warnings)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            while repeat and any(wants_more(times[name]) for name in order):
                for name in order:
                    if wants_more(times[name]):
                        seconds = timed_fit(estimators[name], X_train, y_train)[0]
                        times[name].append(seconds)
        for name, estimator in estimators.items():
            result = results[name]
            result["seconds"].append(float(np.median(times[name])))
            result["accuracy"].append(estimator.score(X_test, y_test))
            result["n_iter"].append(int(np.max(estimator.n_iter_)))
    return results


def row(data_name, setting, shape, ours, peer, time_bar, gap_bar):
    """One table row and whether it meets both bars."""
    ours_s = float(np.median(ours["seconds"]))
    peer_s = float(np.median(peer["seconds"]))
    ratio = ours_s / peer_s
    ours_acc = 100 * float(np.mean(ours["accuracy"]))
    peer_acc = 100 * float(np.mean(peer["accuracy"]))
    gap = ours_acc - peer_acc
    time_ok = ratio <= time_bar
    gap_ok = gap >= gap_bar
    text = (
        f"{data_name:20} {setting:14} {shape:>15} {ours_s:9.4f} {peer_s:9.4f} "
        f"{ratio:6.2f} {ours_acc:8.2f} {peer_acc:8.2f} {gap:+6.2f} "
        f"{np.median(ours['n_iter']):6.0f} {sum(ours['warnings']):5d} "
        f"{'ok' if time_ok else 'over':>5} {'ok' if gap_ok else 'over':>5}"
    )
    return text, time_ok and gap_ok


HEADER = (
    f"{'data set':20} {'setting':14} {'rows x feat x cl':>15} {'ours s':>9} "
    f"{'peer s':>9} {'ratio':>6} {'ours acc':>8} {'peer acc':>8} {'gap':>6} "
    f"{'iters':>6} {'warns':>5} {'time':>5} {'acc':>5}"
)


def print_header(title):
    print(f"\n{title}")
    print(HEADER)
    print("-" * len(HEADER))


def shape_of(X, y):
    return f"{X.shape[0]}x{X.shape[1]}x{len(np.unique(y))}"


def network(loss, seed):
    return SigmoidNetworkClassifier(loss=loss, random_state=seed)


def network_section(quick):
    started = time.perf_counter()
    X_digits, y_digits = load_digits(return_X_y=True)
    X_large, y_large = make_classification(
        20_000, 20, n_informative=10, n_classes=5, random_state=0
    )
    large_name = "make_cls 20k"
    if quick:
        X_large, _, y_large, _ = train_test_split(
            X_large,
            y_large,
            train_size=QUICK_NETWORK_ROWS,
            stratify=y_large,
            random_state=0,
        )
        large_name = f"make_cls {QUICK_NETWORK_ROWS // 1000}k of 20k"
    data_sets = [
        ("digits", X_digits, y_digits, 2 if quick else 5, 0.25),
        (large_name, X_large, y_large, 1, 0.2),
    ]
    ours = {loss: partial(network, loss) for loss in ("squared_error", "log_loss")}

    def peer(seed):
        return MLPClassifier(activation="logistic", random_state=seed)

    print_header(
        "network: SigmoidNetworkClassifier (defaults) vs "
        'MLPClassifier(activation="logistic"); bars: ratio <= '
        f"{NETWORK_TIME_BAR}, gap >= {NETWORK_GAP_BAR}"
    )
    peer_warnings = []
    all_ok = True
    for name, X, y, n_splits, test_size in data_sets:
        splits = list(standardized_splits(X, y, n_splits, test_size))
        # 2 untimed epochs of each model on the data set's first split.
        _, X_train, _, y_train, _ = splits[0]
        for make in ours.values():
            untimed_fit(make(0).set_params(n_iter=2), X_train, y_train)
        untimed_fit(peer(0).set_params(max_iter=2), X_train, y_train)
        results = compare(ours, peer, splits)
        for loss in ours:
            text, ok = row(
                name,
                loss,
                shape_of(X, y),
                results[loss],
                results[None],
                NETWORK_TIME_BAR,
                NETWORK_GAP_BAR,
            )
            all_ok &= ok
            print(text, flush=True)
        peer_warnings.append(
            f"{name} {sum(results[None]['warnings'])} in {n_splits} fits"
        )
    print(f"MLPClassifier's ConvergenceWarnings: {', '.join(peer_warnings)}")
    if quick:
        print(
            f"--quick: 2 digits splits; the 20,000-row set subsampled to "
            f"{QUICK_NETWORK_ROWS} rows (stratified) before its 80/20 split"
        )
    print(
        f"network: {'all bars met' if all_ok else 'some bar missed'}; "
        f"{time.perf_counter() - started:.1f} s"
    )


def threshold_data_sets(quick):
    yield "digits", *load_digits(return_X_y=True), 5
    yield "breast_cancer", *load_breast_cancer(return_X_y=True), 5
    for n_samples, n_features, n_splits in ((6_000, 10, 5), (50_000, 20, 3)):
        for n_classes in (2, 5):
            X, y = make_classification(
                n_samples,
                n_features,
                n_informative=n_features // 2,
                n_classes=n_classes,
                random_state=0,
            )
            label = "binary" if n_classes == 2 else f"{n_classes} cl"
            yield f"make_cls {n_samples // 1000}k {label}", X, y, n_splits


def threshold_section(quick):
    started = time.perf_counter()

    def ours(seed):
        return ThresholdUnit(random_state=seed)

    def peer(seed):
        return Perceptron(random_state=seed)

    first_fit = None
    peer_warnings = []
    all_ok = True
    for name, X, y, n_splits in threshold_data_sets(quick):
        n_splits = 2 if quick else n_splits
        splits = list(standardized_splits(X, y, n_splits, 0.25))
        # One untimed fit of each model on the data set's first split; the
        # process's first one pays numba's import and loads its cached passes.
        _, X_train, _, y_train, _ = splits[0]
        seconds = untimed_fit(ours(0), X_train, y_train)
        if first_fit is None:
            warm = untimed_fit(ours(0), X_train, y_train)
            first_fit = (
                f"first fit (numba import, cache): ThresholdUnit on {name} "
                f"{seconds:.3f} s; the same fit warm {warm:.4f} s"
            )
            print(f"\n{first_fit}", end="")
            print_header(
                "threshold: ThresholdUnit (defaults) vs Perceptron (defaults), warm; "
                f"bars: ratio <= {THRESHOLD_TIME_BAR} (breast_cancer "
                f"{THRESHOLD_TIME_BARS['breast_cancer']}), ours acc >= peer acc"
            )
        untimed_fit(peer(0), X_train, y_train)
        results = compare({"default": ours}, peer, splits, repeat=True)
        text, ok = row(
            name,
            "default",
            shape_of(X, y),
            results["default"],
            results[None],
            THRESHOLD_TIME_BARS.get(name, THRESHOLD_TIME_BAR),
            0.0,
        )
        all_ok &= ok
        print(text, flush=True)
        peer_warnings.append(sum(results[None]["warnings"]))
    print(f"Perceptron's ConvergenceWarnings: {sum(peer_warnings)}")
    if quick:
        print("--quick: 2 splits of every data set")
    print(
        f"fits under {1e3 * REPEAT_BELOW:.0f} ms repeated for {REPEAT_BUDGET} s "
        f"(at most {MAX_FITS}), ours and the peer's in turn; median taken"
    )
    print(
        f"threshold: {'all bars met' if all_ok else 'some bar missed'}; "
        f"{time.perf_counter() - started:.1f} s"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick", action="store_true", help="2 splits, a smaller 20k network set"
    )
    parser.add_argument(
        "--section", choices=["network", "threshold", "all"], default="all"
    )
    args = parser.parse_args()
    print(
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, numpy {np.__version__}, "
        f"scikit-learn {sklearn.__version__}, numba {version('numba')}"
        f"{', --quick' if args.quick else ''}"
    )
    print(
        "times: medians over the splits (s); ratio = ours / peer; acc: mean "
        "held-out %; gap = ours - peer (points); iters: our median n_iter_; "
        "warns: our ConvergenceWarnings; over = misses the bar"
    )
    if args.section in ("network", "all"):
        network_section(args.quick)
    if args.section in ("threshold", "all"):
        threshold_section(args.quick)


if __name__ == "__main__":
    main()
