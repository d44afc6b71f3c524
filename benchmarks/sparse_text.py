"""Fit time and accuracy on sparse text against scikit-learn's peers, in one run.

Target 4 of the [sparse] issue: two data sets, each fitted by ours and the
peers in turn, in the same run.

``debian``: Debian's package descriptions labelled by their section, as
``apt-cache dumpavail`` lists them offline (parsed by the gallery example
``plot_package_descriptions.py`` through ``_corpus.py``, and cached under
``~/.cache/sksigmoid-bench``): each package once, its section without the
archive area (``contrib/games`` is ``games``), the 20 largest sections. A
stratified 75/25 split (``random_state=0``);
``TfidfVectorizer(sublinear_tf=True, min_df=2)`` fitted on the training
descriptions transforms both parts. Pairs and bars:

- ``ThresholdUnit()`` against ``Perceptron()``: ratio <= 1.0, accuracy >= its;
- ``ThresholdUnit(average=True)`` against ``SGDClassifier()`` (hinge), plain
  and with ``average=True``, whichever is more accurate: ratio <= 1.0, within
  1 point;
- ``SigmoidNeuronClassifier(loss="log_loss")`` against ``LogisticRegression()``:
  ratio <= 1.0, within 1 point;
- ``SigmoidNetworkClassifier(hidden_layer_sizes=(64,))`` against
  ``MLPClassifier(hidden_layer_sizes=(64,))``: ratio <= 1.0, within 1 point.

All take ``random_state=0`` where they have one.

``hashed``: a synthetic matrix as ``HashingVectorizer`` makes from text,
1,000,000 training rows (and 100,000 test rows) of 2**20 columns, built
directly as a CSR matrix from a seeded generator: 50 values a row of
+-1/sqrt(50), at columns drawn as words are, by Zipf's law (the r-th most
frequent column in proportion to ``r ** -0.8``, scattered by a fixed
permutation; a column drawn twice in a row adds up, so a row keeps about 49
non-zeros). The label is the sign of the row's product with a fixed Gaussian
weight vector. The three linear pairs above; bars: ratio <= 1.0, and our fits'
peak memory at most the CSR's bytes plus 40 float64 vectors of 2**20 (the
sparse-text acceptance check's bar: X neither densified nor copied), measured
by tracemalloc through the timed fits of both sides. The network pair is left
out: MLPClassifier's Adam keeps and updates three arrays of 2**20 x 64 (1.6 GB)
per step, for hours.

Timing: one untimed fit of each model on the first 1,000 training rows
(numba's passes, caches; the networks for 2 epochs), then fits of ours and the
peers in turn, each on a new estimator, until their number reaches 5 / 3 / 1
when the slowest fit of the first round took under 1 / 10 s / longer; medians.
Accuracy on the held-out rows, in %. Threads as in ``every_size.py``: one
thread below 100,000 rows (the corpus), the default threads from there on (the
hashed matrix); ``--threads default`` leaves all thread pools as they are.

    python benchmarks/sparse_text.py [--quick] [--threads one|default]

The full run took 11 minutes on 2 cores, most of it MLPClassifier (270 s a fit)
and the hashed matrix's LogisticRegression (100 s). ``--quick`` (under a
minute) fits a stratified tenth of the corpus and a 50,000 x 2**18 hashed
matrix (10,000 test rows), once each.
Exits 2 when ``apt-cache`` is absent or lists no package, 0 otherwise: this is
a report, not a test.
"""

import argparse
import shutil
import statistics
import subprocess
import sys
import time
import tracemalloc
import warnings
from dataclasses import dataclass, field
from functools import partial

import numpy as np
import scipy.sparse as sp
from _corpus import largest_sections, load_packages
from every_size import machine_line, threads
from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression, Perceptron, SGDClassifier
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier

from sksigmoid import SigmoidNetworkClassifier, SigmoidNeuronClassifier, ThresholdUnit


@dataclass
class Pair:
    """Our model's factory, its peers' (name -> factory; the most accurate is
    compared), how many points below the peer ours may score, and the
    parameters of the short warm-up fits."""

    name: str
    ours: object
    peers: dict
    points: float
    ours_warm_up: dict = field(default_factory=dict)
    peer_warm_up: dict = field(default_factory=dict)


PAIRS = [
    Pair(
        "threshold/Perceptron",
        partial(ThresholdUnit, random_state=0),
        {"Perceptron": partial(Perceptron, random_state=0)},
        0.0,
    ),
    Pair(
        "averaged/SGD",
        partial(ThresholdUnit, average=True, random_state=0),
        {
            "SGD": partial(SGDClassifier, random_state=0),
            "SGD averaged": partial(SGDClassifier, average=True, random_state=0),
        },
        1.0,
    ),
    Pair(
        "neuron/LR",
        partial(SigmoidNeuronClassifier, loss="log_loss", random_state=0),
        {"LogisticRegression": LogisticRegression},
        1.0,
    ),
    Pair(
        "network/MLP",
        partial(SigmoidNetworkClassifier, hidden_layer_sizes=(64,), random_state=0),
        {"MLP (64,)": partial(MLPClassifier, hidden_layer_sizes=(64,), random_state=0)},
        1.0,
        ours_warm_up={"n_iter": 2},
        peer_warm_up={"max_iter": 2},
    ),
]
#: The hashed matrix's pairs: the network's would not fit in time or memory.
HASHED_PAIRS = ["threshold/Perceptron", "averaged/SGD", "neuron/LR"]

N_SECTIONS = 20
#: Share of the corpus --quick keeps (stratified).
QUICK_CORPUS_SHARE = 0.1
#: Rows of the warm-up fits.
WARM_UP_ROWS = 1_000
#: (slowest fit of the first round under this many seconds, fits of each model).
REPETITIONS = [(1.0, 5), (10.0, 3), (float("inf"), 1)]
QUICK_REPETITIONS = [(float("inf"), 1)]

#: Training rows, test rows and columns of the hashed matrix.
HASHED_SHAPE = (1_000_000, 100_000, 2**20)
QUICK_HASHED_SHAPE = (50_000, 10_000, 2**18)
HASHED_NONZEROS = 50
#: Columns are drawn as words are: uniform columns put each of 2**20 in 48 of
#: 1,000,000 rows, and SGDClassifier's default penalty then shrinks every
#: weight to nothing (50.1 %, chance), no peer to measure against.
ZIPF_EXPONENT = 0.8
#: The memory bar over the CSR's bytes, in float64 vectors of n_features.
MEMORY_VECTORS = 40


def timed_fit(make_estimator, X, y, trace=False):
    """``(seconds, fitted estimator, peak bytes)`` of a new estimator's fit.

    With ``trace``, tracemalloc runs through the fit and the peak is what it
    saw allocated; without, the peak is NaN.
    """
    if trace:
        tracemalloc.start()
    try:
        start = time.perf_counter()
        estimator = make_estimator().fit(X, y)
        seconds = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1] if trace else float("nan")
    finally:
        if trace:
            tracemalloc.stop()
    return seconds, estimator, peak


def time_pair(pair, X, y, repetitions, trace=False):
    """Median fit seconds, one fitted model and the largest peak bytes of ours
    (under the key ``None``) and of each peer.

    One untimed warm-up fit of each model on the first ``WARM_UP_ROWS`` rows
    comes first; then the models are fitted in turn, ours first, and the
    slowest fit of the first round sets how many rounds run.
    """
    models = {None: pair.ours, **pair.peers}
    for name, make in models.items():
        warm_up = pair.ours_warm_up if name is None else pair.peer_warm_up
        timed_fit(partial(make, **warm_up), X[:WARM_UP_ROWS], y[:WARM_UP_ROWS])
    times = {name: [] for name in models}
    peaks = {name: [] for name in models}
    fitted = {}
    n_rounds = 1
    while len(times[None]) < n_rounds:
        for name, make in models.items():
            seconds, fitted[name], peak = timed_fit(make, X, y, trace)
            times[name].append(seconds)
            peaks[name].append(peak)
        if len(times[None]) == 1:
            slowest = max(t[0] for t in times.values())
            n_rounds = next(n for limit, n in repetitions if slowest < limit)
    seconds = {name: statistics.median(t) for name, t in times.items()}
    return seconds, fitted, {name: max(p) for name, p in peaks.items()}


def csr_bytes(X):
    return X.data.nbytes + X.indices.nbytes + X.indptr.nbytes


def epochs(model):
    return int(np.max(model.n_iter_))


HEADER = (
    f"{'pair':20} {'peer':18} | {'ours s':>8} {'peer s':>8} {'ratio':>6} | "
    f"{'ours %':>6} {'peer %':>6} {'gap':>6} | {'epochs':>6} {'peer':>5}"
)


def print_pairs(pairs, data, repetitions, memory=False):
    """Time each pair on ``data`` and print its line (with the fits' peak
    memory over the CSR's bytes when asked); return the bars it missed."""
    X_train, X_test, y_train, y_test = data
    misses = []
    memory_bar = csr_bytes(X_train) + MEMORY_VECTORS * X_train.shape[1] * 8
    print(HEADER)
    print("-" * len(HEADER))
    for pair in pairs:
        seconds, fitted, peaks = time_pair(pair, X_train, y_train, repetitions, memory)
        accuracy = {
            name: 100 * model.score(X_test, y_test) for name, model in fitted.items()
        }
        peer = max(pair.peers, key=lambda name: accuracy[name])
        others = [
            f"{name} {seconds[name]:.2f} s {accuracy[name]:.2f} %"
            for name in pair.peers
            if name != peer
        ]
        ratio = seconds[None] / seconds[peer]
        gap = accuracy[None] - accuracy[peer]
        flags = []
        if ratio > 1.0:
            flags.append("time")
        if gap < -pair.points:
            flags.append("accuracy")
        line = (
            f"{pair.name:20} {peer:18} | {seconds[None]:8.2f} {seconds[peer]:8.2f} "
            f"{ratio:6.2f} | {accuracy[None]:6.2f} {accuracy[peer]:6.2f} "
            f"{gap:+6.2f} | {epochs(fitted[None]):6d} {epochs(fitted[peer]):5d}"
        )
        if memory:
            line += (
                f" | peak / CSR ours {peaks[None] / csr_bytes(X_train):5.2f} "
                f"peer {peaks[peer] / csr_bytes(X_train):5.2f}"
            )
            if peaks[None] > memory_bar:
                flags.append("memory")
        if others:
            line += f"  ({', '.join(others)})"
        if flags:
            line += f"  <- {', '.join(flags)}"
            misses.append(f"{pair.name}: {', '.join(flags)}")
        print(line, flush=True)
    return misses


def debian_data(packages, quick):
    """The vectorized 75/25 split of the corpus, and a line describing it."""
    texts, sections = largest_sections(packages, N_SECTIONS)
    if quick:
        texts, _, sections, _ = train_test_split(
            texts,
            sections,
            train_size=QUICK_CORPUS_SHARE,
            stratify=sections,
            random_state=0,
        )
    texts_train, texts_test, y_train, y_test = train_test_split(
        texts, sections, test_size=0.25, stratify=sections, random_state=0
    )
    vectorizer = TfidfVectorizer(sublinear_tf=True, min_df=2)
    X_train = vectorizer.fit_transform(texts_train)
    X_test = vectorizer.transform(texts_test)
    largest = max(np.unique(y_test, return_counts=True)[1]) / len(y_test)
    description = (
        f"{len(texts):,} documents in {N_SECTIONS} sections"
        f"{' (a stratified tenth, --quick)' if quick else ''}: train "
        f"{X_train.shape[0]:,} x {X_train.shape[1]:,} words, {X_train.nnz:,} "
        f"non-zeros ({X_train.nnz / X_train.shape[0]:.1f} a row, "
        f"{csr_bytes(X_train) / 2**20:.1f} MB); test {X_test.shape[0]:,} rows; "
        f"the largest section is {100 * largest:.1f} % of them"
    )
    return (X_train, X_test, y_train, y_test), description


def hashed_data(n_train, n_test, n_features):
    """Training and test hashed matrices of ``n_features`` columns, labelled by
    one linear rule (see the module's docstring)."""
    rng = np.random.default_rng(0)
    frequency = np.arange(1, n_features + 1, dtype=np.float64) ** -ZIPF_EXPONENT
    cumulative = np.cumsum(frequency / frequency.sum())
    columns = rng.permutation(n_features).astype(np.int32)
    weights = rng.standard_normal(n_features)
    parts = []
    for n_rows in (n_train, n_test):
        nnz = n_rows * HASHED_NONZEROS
        indices = columns[np.searchsorted(cumulative, rng.random(nnz))]
        data = np.where(rng.random(nnz) < 0.5, -1.0, 1.0) / np.sqrt(HASHED_NONZEROS)
        indptr = np.arange(0, nnz + 1, HASHED_NONZEROS, dtype=np.int32)
        X = sp.csr_matrix((data, indices, indptr), shape=(n_rows, n_features))
        X.sum_duplicates()
        X.eliminate_zeros()
        parts.append((X, (X @ weights > 0).astype(int)))
    (X_train, y_train), (X_test, y_test) = parts
    return X_train, X_test, y_train, y_test


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick",
        action="store_true",
        help="a tenth of the corpus, 50,000 x 2**18 hashed rows, one fit each",
    )
    parser.add_argument(
        "--threads",
        choices=["one", "default"],
        default="one",
        help="one thread below 100,000 rows (as every_size.py), or the default",
    )
    args = parser.parse_args()
    started = time.perf_counter()
    if shutil.which("apt-cache") is None:
        print("apt-cache is absent: the Debian corpus needs it", file=sys.stderr)
        return 2
    try:
        packages, cached = load_packages()
    except (OSError, subprocess.CalledProcessError, ValueError) as error:
        print(f"no corpus: {' '.join(str(error).split())}", file=sys.stderr)
        return 2
    # The peers' default max_iter often ends short of convergence; the table
    # shows their epochs, and the warnings would bury it.
    warnings.simplefilter("ignore", ConvergenceWarning)
    repetitions = QUICK_REPETITIONS if args.quick else REPETITIONS

    print(machine_line())
    print(
        "times: median fit s, ratio = ours / peer (the more accurate peer "
        "variant; the other in brackets); %: held-out accuracy, gap = ours - "
        "peer (points); epochs: n_iter_" + (" (--quick)" if args.quick else "")
    )
    data, description = debian_data(packages, args.quick)
    print(
        f"\ndebian: {len(packages):,} packages "
        f"({'cached' if cached else 'parsed'}); {description}"
    )
    print("bars: ratio <= 1.0; accuracy >= Perceptron's, the others' - 1 point")
    with threads(args.threads, data[0].shape[0]):
        misses = [f"debian {miss}" for miss in print_pairs(PAIRS, data, repetitions)]

    n_train, n_test, n_features = QUICK_HASHED_SHAPE if args.quick else HASHED_SHAPE
    data = hashed_data(n_train, n_test, n_features)
    X_train, y_test = data[0], data[3]
    print(
        f"\nhashed: train {n_train:,} x 2**{n_features.bit_length() - 1}, "
        f"{X_train.nnz:,} non-zeros ({X_train.nnz / n_train:.1f} a row, "
        f"{csr_bytes(X_train) / 2**20:.0f} MB); test {n_test:,} rows; 2 classes, "
        f"the larger {100 * max(y_test.mean(), 1 - y_test.mean()):.1f} % of them"
    )
    print(
        "bars: ratio <= 1.0; our peak memory <= the CSR's bytes + "
        f"{MEMORY_VECTORS} x n_features x 8 B"
    )
    hashed = [pair for pair in PAIRS if pair.name in HASHED_PAIRS]
    with threads(args.threads, n_train):
        misses += [
            f"hashed {miss}"
            for miss in print_pairs(hashed, data, repetitions, memory=True)
        ]

    print(f"\nbars missed: {len(misses)}")
    for miss in misses:
        print(f"  {miss}")
    print(f"{time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
