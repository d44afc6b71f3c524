"""Fit time and accuracy of the default estimators against scikit-learn at every size.

In one run this fits, at each size, the default ``SigmoidNeuronClassifier``
against ``LogisticRegression()``, the default ``ThresholdUnit`` against
``Perceptron()`` and the default ``SigmoidNetworkClassifier`` against
``MLPClassifier(activation="logistic")`` (all with ``random_state=0`` where they
take one), and prints one line per size: both median fit times, their ratio
(ours / peer), both accuracies and our and the peer's ``n_iter_``.

Sizes (rows x features, each with 2 and 5 classes): for the linear pairs the
3-input AND truth table (8 x 3, 2 classes, fitted and scored on its 8 rows),
50 x 4, 150 x 4, 333 x 7, 569 x 30, 1797 x 64, 6000 x 10, 20000 x 20,
100000 x 50, and 20000 x 50 with 50 classes; for the network pair 333 x 7,
569 x 30, 1797 x 64 and 6000 x 10. The data is ``make_classification`` (half
the features informative, at least 3; one cluster per class), split 75/25
stratified and standardized by a StandardScaler fitted on the training rows.

Timing: one untimed fit of each side first (numba's passes, caches), then fits
of ours and the peer's in turn, each on a new estimator, until their number
reaches 41 / 15 / 5 / 3 when the slower of the first timed pair took under
0.01 / 0.1 / 2 s / longer; medians. Accuracy: on tables of at most 2,000 rows
the mean over 5-fold ``StratifiedKFold(shuffle=True, random_state=0)`` of all
rows (a quarter of a few hundred rows is too few to tell two models apart),
above that the held-out quarter. The acceptance check ``speed-every-size``
measures a size over 1.0 a second time and keeps the better reading; this
script reports each size's one reading.

Threads (``--threads``): ``one`` (the default) runs both sides of every size
below 100,000 rows on one thread, as a busy 2-core machine gives a peer's BLAS
threads no free core; ``default`` leaves all thread pools as they are; ``both``
prints the two side by side.

After the table: the first fit in a fresh process, imports included (150 x 4,
5 runs each, interleaved); the time of one ``predict`` and ``predict_proba``
call on a single row (models fitted on 100,000 x 20, the networks for 5 epochs);
and the peak memory a fit allocates over ``X.nbytes`` (``tracemalloc``, which
sees numpy's and numba's arrays, on 100,000 x 50).

    python benchmarks/every_size.py [--quick] [--threads one|default|both]

The full run takes about 10-15 minutes on 2 cores (an estimate scaled from
``--quick``; ``both`` up to twice that). ``--quick`` (under a minute) fits the
truth table, 50 x 4, 333 x 7, 6000 x 10 and 20000 x 20 for the linear pairs and
333 x 7 x 2 for the network, with fewer repetitions, 3 fresh processes each, and
20,000 x 20 models for the latency and memory lines. The exit code is 0: this is
a report, not a test.
"""

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
import tracemalloc
import warnings
from contextlib import ExitStack, contextmanager
from functools import partial
from importlib.metadata import version

import numba
import numpy as np
import sklearn
from sklearn.datasets import make_classification
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression, Perceptron
from sklearn.model_selection import StratifiedKFold, cross_val_score, train_test_split
from sklearn.neural_network import MLPClassifier
from sklearn.preprocessing import StandardScaler
from threadpoolctl import threadpool_info, threadpool_limits

from sksigmoid import SigmoidNetworkClassifier, SigmoidNeuronClassifier, ThresholdUnit
from sksigmoid.datasets import make_truth_table

#: Pair name -> (our default estimator, the scikit-learn peer), each a factory.
PAIRS = {
    "neuron/LR": (
        partial(SigmoidNeuronClassifier, random_state=0),
        LogisticRegression,
    ),
    "threshold/Perceptron": (
        partial(ThresholdUnit, random_state=0),
        partial(Perceptron, random_state=0),
    ),
    "network/MLP": (
        partial(SigmoidNetworkClassifier, random_state=0),
        partial(MLPClassifier, activation="logistic", random_state=0),
    ),
}
LINEAR_PAIRS = ["neuron/LR", "threshold/Perceptron"]

#: The rows x features of the 3-input truth table, which stands for itself.
TRUTH_TABLE_SHAPE = (8, 3)
LINEAR_SIZES = [
    TRUTH_TABLE_SHAPE,
    (50, 4),
    (150, 4),
    (333, 7),
    (569, 30),
    (1797, 64),
    (6000, 10),
    (20000, 20),
    (100000, 50),
]
NETWORK_SIZES = [(333, 7), (569, 30), (1797, 64), (6000, 10)]
QUICK_LINEAR_SIZES = [TRUTH_TABLE_SHAPE, (50, 4), (333, 7), (6000, 10), (20000, 20)]

#: (first timed pair under this many seconds, fits of each side): the median of
#: many short fits, few long ones; the last row holds for any longer fit.
REPETITIONS = [(0.01, 41), (0.1, 15), (2.0, 5), (float("inf"), 3)]
QUICK_REPETITIONS = [(0.01, 9), (0.1, 5), (2.0, 3), (float("inf"), 1)]

#: Tables of at most this many rows are scored by 5-fold cross-validation.
CROSS_VALIDATE_MAX_ROWS = 2000
#: From this many rows on, ``--threads one`` leaves the thread pools alone: a
#: user fitting this much data has the default threads.
ONE_THREAD_BELOW_ROWS = 100_000

#: Epochs of the networks fitted for the latency and memory lines: enough to
#: have every fitted attribute, and a 100,000-row MLP fit stays a few seconds.
NETWORK_EPOCHS = 5
#: Calls of one single-row method in a loop, and loops of each side (in turn).
LATENCY_CALLS = 1000
LATENCY_ROUNDS = 5
QUICK_LATENCY_ROUNDS = 3
#: Runs of each side in a fresh process.
FRESH_RUNS = 5
QUICK_FRESH_RUNS = 3

#: Timed inside the child, so that both sides start from a bare interpreter:
#: numpy and the data first, then the estimator's import and its first fit.
FRESH_PROCESS_PROGRAM = """\
import time
start = time.perf_counter()
import numpy as np
rng = np.random.default_rng(0)
X = rng.standard_normal((150, 4))
y = (X[:, 0] + X[:, 1] > 0).astype(int)
from {module} import {name}
{name}({arguments}).fit(X, y)
print(time.perf_counter() - start)
"""
#: Ours and the peer's (module, class, constructor arguments).
FRESH_PAIRS = [
    (
        ("sksigmoid", "ThresholdUnit", "random_state=0"),
        ("sklearn.linear_model", "Perceptron", "random_state=0"),
    ),
    (
        ("sksigmoid", "SigmoidNeuronClassifier", "random_state=0"),
        ("sklearn.linear_model", "LogisticRegression", ""),
    ),
]


def make_data(n_samples, n_features, n_classes):
    """The standardized 75/25 stratified split of one size.

    Returns ``X_train, X_test, y_train, y_test``; the truth table's shape gives
    its 8 rows as both parts, unscaled, as a truth table is its whole domain.
    """
    if (n_samples, n_features) == TRUTH_TABLE_SHAPE:
        X, y = make_truth_table("and", n_inputs=3, return_X_y=True)
        X = X.astype(np.float64)
        return X, X, y, y
    X, y = classification_table(n_samples, n_features, n_classes)
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=0.25, random_state=0, stratify=y
    )
    scaler = StandardScaler().fit(X_train)
    return scaler.transform(X_train), scaler.transform(X_test), y_train, y_test


def classification_table(n_samples, n_features, n_classes):
    """``make_classification``'s table for one size, seeded by the size."""
    return make_classification(
        n_samples,
        n_features,
        n_informative=max(3, n_features // 2),
        n_redundant=0,
        n_classes=n_classes,
        n_clusters_per_class=1,
        random_state=n_samples + n_features + n_classes,
    )


@contextmanager
def threads(setting, n_samples):
    """Run the block on one thread (``setting="one"`` below
    ``ONE_THREAD_BELOW_ROWS`` rows) or on the default threads.

    threadpoolctl bounds BLAS and OpenMP but not numba's own pool, which our
    passes use on X of 1,000,000 values and more (20,000 x 50 here), so numba
    is set to one thread as well.
    """
    with ExitStack() as stack:
        if setting == "one" and n_samples < ONE_THREAD_BELOW_ROWS:
            stack.enter_context(threadpool_limits(1))
            numba_threads = numba.get_num_threads()
            numba.set_num_threads(1)
            stack.callback(numba.set_num_threads, numba_threads)
        yield


def fit_seconds(make_estimator, X, y):
    """Seconds to fit a new ``make_estimator()`` on ``X, y``."""
    estimator = make_estimator()
    start = time.perf_counter()
    estimator.fit(X, y)
    return time.perf_counter() - start


def time_pair(make_ours, make_peer, X, y, repetitions):
    """Median fit seconds of ours and the peer's, fitted in turn.

    One untimed fit of each side comes first; the slower side of the first
    timed pair sets the number of fits from ``repetitions`` (so that a slow
    peer is not fitted 41 times because ours is quick). Returns
    ``ours_seconds, peer_seconds, ours_fitted, peer_fitted``, the last two from
    the untimed fits.
    """
    ours, peer = make_ours().fit(X, y), make_peer().fit(X, y)
    ours_times, peer_times = [], []
    n_fits = 1
    while len(ours_times) < n_fits:
        ours_times.append(fit_seconds(make_ours, X, y))
        peer_times.append(fit_seconds(make_peer, X, y))
        if len(ours_times) == 1:
            slower = max(ours_times[0], peer_times[0])
            n_fits = next(n for limit, n in repetitions if slower < limit)
    return statistics.median(ours_times), statistics.median(peer_times), ours, peer


def accuracies(make_ours, make_peer, data, ours, peer, evaluation):
    """Accuracy (%) of ours and the peer's, and the rows it was measured on.

    ``evaluation`` is ``"table"`` (the fitted models on the training rows),
    ``"cv5"`` (5-fold cross-validation of new models over all rows) or
    ``"held-out"`` (the fitted models on the test rows).
    """
    X_train, X_test, y_train, y_test = data
    if evaluation == "table":
        return (
            100 * ours.score(X_train, y_train),
            100 * peer.score(X_train, y_train),
            len(y_train),
        )
    if evaluation == "held-out":
        return (
            100 * ours.score(X_test, y_test),
            100 * peer.score(X_test, y_test),
            len(y_test),
        )
    X, y = np.vstack([X_train, X_test]), np.concatenate([y_train, y_test])
    folds = StratifiedKFold(5, shuffle=True, random_state=0)
    ours_score = cross_val_score(make_ours(), X, y, cv=folds).mean()
    peer_score = cross_val_score(make_peer(), X, y, cv=folds).mean()
    return 100 * ours_score, 100 * peer_score, len(y)


def fresh_process_seconds(module, name, arguments):
    """Seconds the child spent from ``import numpy`` to the end of its first fit,
    or NaN (with its error printed) if the child failed."""
    program = FRESH_PROCESS_PROGRAM.format(
        module=module, name=name, arguments=arguments
    )
    child = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True
    )
    if child.returncode != 0:
        print(f"  fresh process of {name} failed: {child.stderr.strip()[-300:]}")
        return float("nan")
    return float(child.stdout.split()[-1])


def single_row_seconds(ours_method, peer_method, rows, rounds):
    """Median seconds of one call of each method on one row, over ``rounds``
    loops of ``len(rows)`` calls each, the loops of both sides in turn."""
    ours_loops, peer_loops = [], []
    for _ in range(rounds):
        for method, loops in ((ours_method, ours_loops), (peer_method, peer_loops)):
            start = time.perf_counter()
            for row in rows:
                method(row)
            loops.append((time.perf_counter() - start) / len(rows))
    return statistics.median(ours_loops), statistics.median(peer_loops)


def capped(pair_name, make_ours, make_peer):
    """The pair's factories, the networks' limited to ``NETWORK_EPOCHS``."""
    if pair_name != "network/MLP":
        return make_ours, make_peer
    return (
        partial(make_ours, n_iter=NETWORK_EPOCHS),
        partial(make_peer, max_iter=NETWORK_EPOCHS),
    )


def peak_memory_over_x(make_estimator, X, y):
    """Peak bytes allocated while a new estimator is fitted, over ``X.nbytes``."""
    estimator = make_estimator()
    tracemalloc.start()
    try:
        estimator.fit(X, y)
        return tracemalloc.get_traced_memory()[1] / X.nbytes
    finally:
        tracemalloc.stop()


def machine_line():
    """Where the figures come from, after a fit that starts numba's threads."""
    X, y = classification_table(20_000, 50, 2)
    SigmoidNeuronClassifier(random_state=0).fit(X, y)
    try:
        layer = numba.threading_layer()
    except ValueError:
        layer = "not started by a 20,000 x 50 fit"
    blas = ", ".join(
        sorted(
            {
                f"{pool['internal_api']} {pool['num_threads']} threads"
                for pool in threadpool_info()
            }
        )
    )
    return (
        f"{platform.platform()}, {platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}, numpy "
        f"{np.__version__}, scikit-learn {sklearn.__version__}, numba "
        f"{version('numba')} (threading layer {layer}, {numba.get_num_threads()} "
        f"threads), thread pools: {blas}"
    )


def print_table(cases, settings, repetitions):
    """Time every case under every thread setting; print its line and the summary."""
    label = {"one": "1 thread", "default": "default threads"}
    timing_header = " | ".join(
        f"{label[s] + ': ours ms':>24} {'peer ms':>9} {'ratio':>6}" for s in settings
    )
    header = (
        f"{'pair':20} {'rows x feat x cl':>16} | {timing_header} | "
        f"{'acc ours':>8} {'peer':>6} {'on':>17} | {'epochs':>6} {'peer':>5}"
    )
    print(header)
    print("-" * len(header))
    worst = {setting: {} for setting in settings}
    over, misses = [], []
    for pair_name, n_samples, n_features, n_classes in cases:
        make_ours, make_peer = PAIRS[pair_name]
        data = make_data(n_samples, n_features, n_classes)
        X_train, y_train = data[0], data[2]
        size = f"{n_samples}x{n_features}x{n_classes}"
        # At 100,000 rows both settings are the default threads: timed once.
        timed, readings = {}, {}
        for setting in settings:
            one_thread = setting == "one" and n_samples < ONE_THREAD_BELOW_ROWS
            if one_thread not in timed:
                with threads(setting, n_samples):
                    timed[one_thread] = time_pair(
                        make_ours, make_peer, X_train, y_train, repetitions
                    )
            ours_s, peer_s, ours, peer = timed[one_thread]
            ratio = ours_s / peer_s
            readings[setting] = (ours_s, peer_s, ratio)
            if ratio > worst[setting].get(pair_name, (0.0, ""))[0]:
                worst[setting][pair_name] = (ratio, size)
            if ratio > 1.0:
                over.append(f"{pair_name} {size} {label[setting]} {ratio:.2f}")
        if (n_samples, n_features) == TRUTH_TABLE_SHAPE:
            evaluation = "table"
        elif n_samples <= CROSS_VALIDATE_MAX_ROWS:
            evaluation = "cv5"
        else:
            evaluation = "held-out"
        with threads(settings[0], n_samples):
            ours_acc, peer_acc, n_evaluated = accuracies(
                make_ours, make_peer, data, ours, peer, evaluation
            )
        # A miss: more than 1 point below the peer, or 2 rows on small tables.
        missed = ours_acc < peer_acc - max(1.0, 200 / n_evaluated)
        if missed:
            misses.append(f"{pair_name} {size} {ours_acc - peer_acc:+.2f} points")
        timing = " | ".join(
            f"{1e3 * readings[s][0]:24.2f} {1e3 * readings[s][1]:9.2f} "
            f"{readings[s][2]:6.2f}"
            for s in settings
        )
        flags = "  <- time" if any(readings[s][2] > 1.0 for s in settings) else ""
        flags += "  <- accuracy" if missed else ""
        print(
            f"{pair_name:20} {size:>16} | {timing} | {ours_acc:8.2f} "
            f"{peer_acc:6.2f} {f'{evaluation} of {n_evaluated}':>17} | "
            f"{int(np.max(ours.n_iter_)):6d} {int(np.max(peer.n_iter_)):5d}{flags}",
            flush=True,
        )
    print()
    for setting in settings:
        print(
            f"worst ratio, {label[setting]}: "
            + ", ".join(
                f"{pair} {ratio:.2f} ({size})"
                for pair, (ratio, size) in worst[setting].items()
            )
        )
    print(f"sizes over 1.0: {len(over)}")
    for line in over:
        print(f"  {line}")
    print(f"accuracy misses (below the peer by > max(1 point, 2 rows)): {len(misses)}")
    for line in misses:
        print(f"  {line}")


def print_fresh_process(runs):
    """The first fit in a fresh process, imports included, ours against the peer's."""
    print(
        f"\nfirst fit in a fresh process (import numpy, 150 x 4, import, fit; "
        f"median of {runs}, in turn):"
    )
    for ours, peer in FRESH_PAIRS:
        ours_times, peer_times = [], []
        for _ in range(runs):
            ours_times.append(fresh_process_seconds(*ours))
            peer_times.append(fresh_process_seconds(*peer))
        ours_s, peer_s = statistics.median(ours_times), statistics.median(peer_times)
        print(
            f"  {ours[1]:24} {ours_s:6.3f} s  {peer[1]:18} {peer_s:6.3f} s  "
            f"ratio {ours_s / peer_s:5.2f}"
        )


def print_latency(n_samples, rounds):
    """One single-row ``predict`` and ``predict_proba`` call, ours and the peer's."""
    print(
        f"\nsingle-row latency (models fitted on {n_samples:,} x 20, networks for "
        f"{NETWORK_EPOCHS} epochs; {LATENCY_CALLS} calls on X[i:i+1], median of "
        f"{rounds} loops, in turn; default threads):"
    )
    for n_classes in (2, 5):
        X, y = classification_table(n_samples, 20, n_classes)
        X = StandardScaler().fit_transform(X)
        rows = [X[i : i + 1] for i in range(LATENCY_CALLS)]
        for pair_name, factories in PAIRS.items():
            make_ours, make_peer = capped(pair_name, *factories)
            ours, peer = make_ours().fit(X, y), make_peer().fit(X, y)
            # Perceptron has no predict_proba: its nearest call is decision_function.
            proba = (
                "decision_function"
                if pair_name == "threshold/Perceptron"
                else "predict_proba"
            )
            for ours_name, peer_name in (
                ("predict", "predict"),
                ("predict_proba", proba),
            ):
                ours_s, peer_s = single_row_seconds(
                    getattr(ours, ours_name), getattr(peer, peer_name), rows, rounds
                )
                print(
                    f"  {pair_name:20} {n_classes} classes {ours_name:13} ours "
                    f"{1e6 * ours_s:7.1f} us  peer {peer_name:17} {1e6 * peer_s:7.1f} "
                    f"us  ratio {ours_s / peer_s:5.2f}",
                    flush=True,
                )


def print_memory(n_samples, n_features):
    """Peak memory of each of our fits over ``X.nbytes``, next to the peer's."""
    print(
        f"\npeak memory allocated by fit / X.nbytes (tracemalloc, {n_samples:,} x "
        f"{n_features} float64, networks for {NETWORK_EPOCHS} epochs; default threads):"
    )
    for n_classes in (2, 5):
        X, y = classification_table(n_samples, n_features, n_classes)
        X = StandardScaler().fit_transform(X)
        for pair_name, factories in PAIRS.items():
            make_ours, make_peer = capped(pair_name, *factories)
            ours = peak_memory_over_x(make_ours, X, y)
            peer = peak_memory_over_x(make_peer, X, y)
            print(
                f"  {pair_name:20} {n_classes} classes  ours {ours:6.2f}  "
                f"peer {peer:6.2f}",
                flush=True,
            )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick", action="store_true", help="fewer sizes and fits (under a minute)"
    )
    parser.add_argument(
        "--threads",
        choices=["one", "default", "both"],
        default="one",
        help="one thread below 100,000 rows, the default threads, or both",
    )
    args = parser.parse_args()
    started = time.perf_counter()
    # The peers' default max_iter often ends short of convergence; the table
    # shows their n_iter_, and the warnings would bury it.
    warnings.simplefilter("ignore", ConvergenceWarning)
    settings = ["one", "default"] if args.threads == "both" else [args.threads]

    linear_sizes = QUICK_LINEAR_SIZES if args.quick else LINEAR_SIZES
    cases = [
        (pair, n_samples, n_features, n_classes)
        for pair in LINEAR_PAIRS
        for n_samples, n_features in linear_sizes
        for n_classes in (
            (2,) if (n_samples, n_features) == TRUTH_TABLE_SHAPE else (2, 5)
        )
    ]
    if args.quick:
        cases += [("network/MLP", 333, 7, 2)]
    else:
        cases += [("network/MLP", n, d, k) for n, d in NETWORK_SIZES for k in (2, 5)]
        cases += [(pair, 20000, 50, 50) for pair in LINEAR_PAIRS]

    print(machine_line())
    print(
        "times: median fit ms, ratio = ours / peer; acc: % (cv5: 5-fold "
        "cross-validation over all rows; held-out: the test quarter; table: the "
        "truth table's rows); epochs: n_iter_" + (" (--quick)" if args.quick else "")
    )
    print_table(cases, settings, QUICK_REPETITIONS if args.quick else REPETITIONS)
    print_fresh_process(QUICK_FRESH_RUNS if args.quick else FRESH_RUNS)
    print_latency(
        20_000 if args.quick else 100_000,
        QUICK_LATENCY_ROUNDS if args.quick else LATENCY_ROUNDS,
    )
    if args.quick:
        print_memory(20_000, 20)
    else:
        print_memory(100_000, 50)
    print(f"\n{time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
