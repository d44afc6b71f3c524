"""Compiled passes over the rows of X: the units' epochs, and the other passes
on data large enough to pay for them.

The NumPy code of ``_math`` reads X twice per full-batch epoch (``X @ W``,
then ``X.T @ delta``) and builds temporaries the size of the margins; the
perceptron's per-sample loop costs microseconds a row in Python. The passes
here, compiled by numba, compute the same quantities as that code while each
row of X is in cache, so X streams from memory once per epoch:

- :func:`backpropagate_one_layer`: the loss and the delta rule's directions
  of one layer of sigmoid units (``backpropagate`` with a single layer), or
  for X that stays in cache :func:`backpropagate_one_layer_in_cache`, BLAS's
  products around a compiled pass over the margins;
- :func:`largest_magnitude` and :func:`mean_square`: the input statistics a fit
  starts from, each in one parallel read of X and without a temporary copy;
- :func:`margins`: one layer's margins for prediction, which also reveal a NaN
  or an infinity in X.

The threshold unit's passes are in ``_perceptron_kernels``, which shares the
row helpers here; the step rules' arithmetic (L-BFGS's two-loop recursion,
iRprop+'s move) is in ``_step_kernels``. The parallel passes cut the rows into
fixed blocks, each summed on its own thread and the block sums added in order,
so a result does not depend on the number of threads; below
:data:`PARALLEL_MIN_SIZE` values they run on the calling thread alone. The
only importer of the kernel modules, ``_backend``, imports them (and numba)
when a pass needs them, so ``import sksigmoid`` does not; numba caches the
compiled code on disk, so the compiler's wait is once per installation.
"""

import math
import threading
from functools import partial

import numba
import numpy as np
from numba import njit, prange
from scipy import sparse

from sksigmoid._engine._math import as_loss
from sksigmoid._engine._prefetch import _prefetch_ahead

#: Rows summed together on one thread: the partial sums stay small
#: (``n_samples / BLOCK_ROWS`` rows of them) and each block is many rows long.
BLOCK_ROWS = 2048

#: Values of X below which a parallel pass runs on the calling thread alone:
#: waking a second thread cost more than it saved there (the delta rule's pass
#: of 150 x 4 took 258 us on two threads of a busy 2-core machine, 12 us on
#: one), and scikit-learn's peers run such fits on one thread.
PARALLEL_MIN_SIZE = 1_000_000

#: Rows from which a one-layer pass below :data:`PARALLEL_MIN_SIZE` takes
#: :func:`backpropagate_one_layer_in_cache`: on fewer, its NumPy calls cost more
#: than the one read (9 us against 3 on 37 x 4, a tie near 200 rows).
IN_CACHE_MIN_ROWS = 256

#: Margins of a block of :func:`backpropagate_one_layer_in_cache`: its
#: temporaries (the margins, their tails and logarithms) stay a few hundred KB.
IN_CACHE_BLOCK_VALUES = 1 << 13

#: Rows the delta-rule pass takes together (written out as four in its code).
GROUP_ROWS = 4

# Reassociation lets the compiler vectorize the dot products; the other
# fast-math flags would let it assume that no value is infinite or NaN, which
# the divergence check relies on.
_FASTMATH = {"reassoc", "contract"}


@njit(inline="always")
def _n_blocks(n_samples):
    return (n_samples + BLOCK_ROWS - 1) // BLOCK_ROWS


@njit(inline="always")
def _block_rows(block, n_samples):
    """The rows ``start, stop`` of ``block``."""
    return block * BLOCK_ROWS, min(n_samples, (block + 1) * BLOCK_ROWS)


@njit(inline="always")
def _sigmoid_and_tail(z):
    """The sigmoid of ``z`` and ``exp(-|z|)``, which the cross-entropy reuses."""
    # Branch-free form of the stable logistic: exp of a non-positive number
    # cannot overflow, and a select is cheaper than a mispredicted branch.
    e = math.exp(-abs(z))
    r = 1 / (1 + e)
    return (r if z >= 0 else e * r), e


@njit(inline="always")
def _sigmoid(z):
    return _sigmoid_and_tail(z)[0]


@njit(inline="always", fastmath=_FASTMATH)
def _row_margin(X, i, unit_coef, unit, intercept):
    """``X[i] @ unit_coef[unit] + intercept[unit]``, summed in X's dtype and the
    intercept added last, as BLAS and NumPy do. Indexed in place: on small rows,
    views of the row and the weights cost as much as the products."""
    margin = X.dtype.type(0)
    for j in range(X.shape[1]):
        margin += X[i, j] * unit_coef[unit, j]
    return margin + intercept[unit]


@njit(inline="always")
def _sparse_margins(values, columns, row_starts, i, weights, intercept, out):
    """Every unit's margin of CSR row ``i`` into ``out``, from its stored values.

    Sparse X's ``weights`` are feature-major (n_features, n_units): each
    stored value reads its column's units side by side, once for all units (a
    unit at a time took 100 ms an epoch on 39,000 package descriptions with
    20 units, all at once 3 ms).
    """
    out[:] = 0
    for k in range(row_starts[i], row_starts[i + 1]):
        column, value = columns[k], values[k]
        for unit in range(out.shape[0]):
            out[unit] += value * weights[column, unit]
    for unit in range(out.shape[0]):
        out[unit] += intercept[unit]


@njit(fastmath=_FASTMATH, cache=True)
def _sparse_block_margins(values, columns, row_starts, first, coef, intercept, margins):
    """The margins of the CSR rows from ``first`` on into ``margins``, a row
    each (the blocks of :func:`backpropagate_one_layer_in_cache`)."""
    for offset in range(margins.shape[0]):
        _sparse_margins(
            values, columns, row_starts, first + offset, coef, intercept,
            margins[offset],
        )  # fmt: skip


@njit(fastmath=_FASTMATH, cache=True)
def _add_sparse_transposed_product(values, columns, row_starts, first, deltas, out):
    """``out += X[first : first + len(deltas)].T @ deltas`` for CSR X, with
    ``out`` feature-major (n_features, n_units): no transposed copy of X."""
    for offset in range(deltas.shape[0]):
        row = deltas[offset]
        for k in range(row_starts[first + offset], row_starts[first + offset + 1]):
            column_sums, value = out[columns[k]], values[k]
            for unit in range(row.shape[0]):
                column_sums[unit] += value * row[unit]


@njit(inline="always", fastmath=_FASTMATH)
def _loss_and_delta(margin, target, weight, squared, log):
    """One unit's weighted loss and error term ``delta`` for one sample, of the
    mix ``squared`` times the squared error plus ``log`` times the cross-entropy
    (``_math.Loss``)."""
    # exp(-|z|) serves the sigmoid and the cross-entropy's log1p: one exp a
    # value, where computing each took two.
    tail = math.exp(-abs(margin))
    log_tail = math.log1p(tail) if log else 0.0
    return _loss_and_delta_of_tail(margin, tail, log_tail, target, weight, squared, log)


@njit(inline="always", fastmath=_FASTMATH)
def _loss_and_delta_of_tail(margin, tail, log_tail, target, weight, squared, log):
    """:func:`_loss_and_delta` given ``tail = exp(-|margin|)`` and
    ``log_tail = log1p(tail)`` (read only for ``log``)."""
    # Branch-free form of the stable logistic: exp of a non-positive number
    # cannot overflow, and a select is cheaper than a mispredicted branch.
    r = 1 / (1 + tail)
    output = r if margin >= 0 else tail * r
    loss = 0.0
    slope = 0.0
    if squared:
        loss += squared * 0.5 * (target - output) ** 2
        slope += squared * output * (1 - output)
    if log:
        loss += log * (max(margin, 0) + log_tail - target * margin)
        slope += log
    return weight * loss, (target - output) * slope * weight


@njit(inline="always")
def _group_row(share, first, k, stop):
    """Row ``k`` of the group that starts at ``first``, and its weight."""
    if first + k < stop:
        return first + k, share[first + k]
    return stop - 1, share.dtype.type(0)


@njit(inline="always", fastmath=_FASTMATH)
def _delta_rule_block(
    X, targets, share, unit_coef, intercept, inv_scale, squared, log, block, sums
):
    """Add the directions of the rows of ``block`` into ``sums`` (units x
    features) and its biases' into the block's row of ``intercept_sums``;
    return the block's loss."""
    block_coef_sum, intercept_sums = sums
    n_units, n_features = unit_coef.shape
    loss = 0.0
    start, stop = _block_rows(block, X.shape[0])
    # Rows go GROUP_ROWS at a time: each unit's weights are read once for
    # the group and its direction sum updated once, which on 10 units
    # cuts the pass by a quarter (about 5% slower on one unit). A group
    # that runs past the block repeats its last row with weight 0.
    for first in range(start, stop, GROUP_ROWS):
        i0, w0 = _group_row(share, first, 0, stop)
        i1, w1 = _group_row(share, first, 1, stop)
        i2, w2 = _group_row(share, first, 2, stop)
        i3, w3 = _group_row(share, first, 3, stop)
        for i in range(first, first + GROUP_ROWS):
            _prefetch_ahead(X, i)
        r0, r1, r2, r3 = X[i0], X[i1], X[i2], X[i3]
        for unit in range(n_units):
            weights = unit_coef[unit]
            m0 = m1 = m2 = m3 = X.dtype.type(intercept[unit])
            for j in range(n_features):
                m0 += r0[j] * weights[j]
                m1 += r1[j] * weights[j]
                m2 += r2[j] * weights[j]
                m3 += r3[j] * weights[j]
            l0, d0 = _loss_and_delta(m0, targets[i0, unit], w0, squared, log)
            l1, d1 = _loss_and_delta(m1, targets[i1, unit], w1, squared, log)
            l2, d2 = _loss_and_delta(m2, targets[i2, unit], w2, squared, log)
            l3, d3 = _loss_and_delta(m3, targets[i3, unit], w3, squared, log)
            loss += l0 + l1 + l2 + l3
            intercept_sums[block, unit] += d0 + d1 + d2 + d3
            # In X's dtype, so that float32 rows are not widened below.
            d0, d1, d2, d3 = (
                X.dtype.type(d0 * inv_scale),
                X.dtype.type(d1 * inv_scale),
                X.dtype.type(d2 * inv_scale),
                X.dtype.type(d3 * inv_scale),
            )
            unit_sum = block_coef_sum[unit]
            for j in range(n_features):
                unit_sum[j] += d0 * r0[j] + d1 * r1[j] + d2 * r2[j] + d3 * r3[j]
    return loss


@njit(inline="always")
def _delta_rule_sums(X, n_units):
    """The zeroed block sums of a delta-rule pass: directions, biases, losses."""
    n_blocks = _n_blocks(X.shape[0])
    return (
        np.zeros((n_blocks, n_units, X.shape[1]), dtype=X.dtype),
        np.zeros((n_blocks, n_units)),
        np.zeros(n_blocks),
    )


@njit(inline="always")
def _delta_rule_totals(coef_sums, intercept_sums, loss_sums, inv_scale):
    """The pass's loss and directions: the block sums added in block order."""
    n_blocks, n_units, n_features = coef_sums.shape
    coef_direction = np.empty((n_features, n_units), dtype=coef_sums.dtype)
    for unit in range(n_units):
        for j in range(n_features):
            total = 0.0
            for block in range(n_blocks):
                total += coef_sums[block, unit, j]
            coef_direction[j, unit] = total * inv_scale
    intercept_direction = np.empty(n_units, dtype=coef_sums.dtype)
    for unit in range(n_units):
        intercept_direction[unit] = intercept_sums[:, unit].sum()
    return loss_sums.sum(), coef_direction, intercept_direction


@njit(parallel=True, fastmath=_FASTMATH, cache=True)
def _delta_rule_pass(X, targets, share, coef, intercept, inv_scale, squared, log):
    unit_coef = np.ascontiguousarray(coef.T)
    coef_sums, intercept_sums, loss_sums = _delta_rule_sums(X, coef.shape[1])
    for block in prange(coef_sums.shape[0]):
        loss_sums[block] = _delta_rule_block(
            X, targets, share, unit_coef, intercept, inv_scale, squared, log,
            block, (coef_sums[block], intercept_sums),
        )  # fmt: skip
    return _delta_rule_totals(coef_sums, intercept_sums, loss_sums, inv_scale)


@njit(fastmath=_FASTMATH, cache=True)
def _delta_rule_pass_one_thread(
    X, targets, share, coef, intercept, inv_scale, squared, log
):
    """``_delta_rule_pass`` on the calling thread, block by block in the same
    order: the same sums, without the thread pool's start (half the pass's
    time on 112 x 4)."""
    unit_coef = np.ascontiguousarray(coef.T)
    coef_sums, intercept_sums, loss_sums = _delta_rule_sums(X, coef.shape[1])
    for block in range(coef_sums.shape[0]):
        loss_sums[block] = _delta_rule_block(
            X, targets, share, unit_coef, intercept, inv_scale, squared, log,
            block, (coef_sums[block], intercept_sums),
        )  # fmt: skip
    return _delta_rule_totals(coef_sums, intercept_sums, loss_sums, inv_scale)


@njit(fastmath=_FASTMATH, cache=True)
def _output_deltas(margins, tails, log_tails, targets, share, squared, log):
    n_samples, n_units = margins.shape
    loss = 0.0
    for i in range(n_samples):
        for unit in range(n_units):
            unit_loss, delta = _loss_and_delta_of_tail(
                margins[i, unit],
                tails[i, unit],
                log_tails[i, unit] if log else 0.0,
                targets[i, unit],
                share[i],
                squared,
                log,
            )
            loss += unit_loss
            margins[i, unit] = delta
    return loss


@njit(parallel=True, fastmath=_FASTMATH, cache=True)
def _margins_pass(X, unit_coef, intercept, margins):
    n_samples = X.shape[0]
    for block in prange(_n_blocks(n_samples)):
        start, stop = _block_rows(block, n_samples)
        for i in range(start, stop):
            _prefetch_ahead(X, i)
            for unit in range(unit_coef.shape[0]):
                margins[i, unit] = _row_margin(X, i, unit_coef, unit, intercept)


@njit(parallel=True, cache=True)
def _largest_magnitude_bits(bits, magnitude_mask):
    n_samples = bits.shape[0]
    n_blocks = _n_blocks(n_samples)
    block_largest = np.zeros(n_blocks, dtype=bits.dtype)
    for block in prange(n_blocks):
        largest = bits.dtype.type(0)
        start, stop = _block_rows(block, n_samples)
        for i in range(start, stop):
            _prefetch_ahead(bits, i)
            for j in range(bits.shape[1]):
                largest = max(largest, bits[i, j] & magnitude_mask)
        block_largest[block] = largest
    return block_largest.max()


@njit(parallel=True, fastmath=_FASTMATH, cache=True)
def _weighted_square_sum(X, weights, inv_scale):
    n_samples = X.shape[0]
    n_blocks = _n_blocks(n_samples)
    block_sums = np.zeros(n_blocks)
    for block in prange(n_blocks):
        total = 0.0
        start, stop = _block_rows(block, n_samples)
        for i in range(start, stop):
            _prefetch_ahead(X, i)
            row_sum = 0.0
            for j in range(X.shape[1]):
                value = X[i, j] * inv_scale
                row_sum += value * value
            total += weights[i] * row_sum
        block_sums[block] = total
    return block_sums.sum()


#: One parallel pass at a time, where numba's threading layer needs it.
_parallel_pass_lock = threading.Lock()

#: Whether numba's threading layer takes parallel passes from several threads
#: at once: unknown (None) until the first pass has started it.
_layer_is_thread_safe = None


def _run_parallel(kernel, *args):
    """``kernel(*args)`` for a ``parallel=True`` kernel whose first argument is
    X: on the calling thread alone for X below :data:`PARALLEL_MIN_SIZE`."""
    if args[0].size >= PARALLEL_MIN_SIZE:
        return _run_serialized_if_needed(kernel, *args)
    # numba's thread count holds for the calling thread only.
    threads = numba.get_num_threads()
    numba.set_num_threads(1)
    try:
        return _run_serialized_if_needed(kernel, *args)
    finally:
        numba.set_num_threads(threads)


def _run_serialized_if_needed(kernel, *args):
    """``kernel(*args)``, one thread at a time under numba's workqueue
    threading layer.

    The workqueue layer, numba's choice on a machine without OpenMP and TBB,
    aborts the process (SIGABRT: "Concurrent access has been detected") when
    two Python threads run parallel kernels at once: 4 threads calling
    ``predict_proba`` of one model did. The layer is known once a kernel has
    run, so the first pass is serialized too.
    """
    global _layer_is_thread_safe
    if _layer_is_thread_safe:
        return kernel(*args)
    with _parallel_pass_lock:
        result = kernel(*args)
        _layer_is_thread_safe = numba.threading_layer() != "workqueue"
    return result


#: float dtype -> the unsigned integer of its size, and the mask of all bits
#: but the sign.
_MAGNITUDE_BITS = {
    np.dtype(np.float64): (np.uint64, 0x7FFF_FFFF_FFFF_FFFF),
    np.dtype(np.float32): (np.uint32, 0x7FFF_FFFF),
}


def largest_magnitude(X):
    """``max(X.max(), -X.min())``, in one read of X: NaN or infinity if X has one.

    With the sign bit cleared, the bits of floats read as unsigned integers
    are in the order of the floats' magnitudes, infinity above every finite
    float and NaN above infinity. An integer maximum
    vectorizes where a float maximum, which must mind NaN, does not: half the
    time of a float pass (13 ms against 28 ms on 400k x 100 float64).
    """
    unsigned, magnitude_mask = _MAGNITUDE_BITS[X.dtype]
    largest = _run_parallel(
        _largest_magnitude_bits, X.view(unsigned), unsigned(magnitude_mask)
    )
    return float(np.array(largest, dtype=unsigned).view(X.dtype))


def margins(X, coef, intercept):
    """``X @ coef + intercept`` for one layer, in one parallel read of X.

    Every product is computed, those of zero weights too, so a NaN or an
    infinity in a row of X makes that row's margins NaN or infinite.
    """
    result = np.empty(
        (X.shape[0], coef.shape[1]), dtype=np.result_type(X, coef, intercept)
    )
    _run_parallel(_margins_pass, X, np.ascontiguousarray(coef.T), intercept, result)
    return result


def mean_square(X, scale, sample_weight):
    """Weighted mean over the rows of ``mean((x / scale) ** 2)``, summed in float64."""
    total = _run_parallel(_weighted_square_sum, X, sample_weight, 1 / scale)
    return float(total / (sample_weight.sum() * X.shape[1]))


def backpropagate_one_layer(X, targets, sample_share, coefs, intercepts, loss, scale):
    """``_math.backpropagate`` for a single layer.

    Takes and returns the same as ``backpropagate`` (equal up to rounding), for
    ``coefs`` and ``intercepts`` of one layer. X of a million values or more
    is read once, in parallel blocks (on 2 threads, 0.55-0.8 times the time of
    :func:`backpropagate_one_layer_in_cache`); below, X of
    :data:`IN_CACHE_MIN_ROWS` rows or more takes
    :func:`backpropagate_one_layer_in_cache` (0.37-0.66 times the one read's
    time on one thread, 427 x 30 to 15,000 x 50 with 1 to 50 units), and
    fewer rows the one read on one thread (no NumPy call to pay for).
    """
    if IN_CACHE_MIN_ROWS <= X.shape[0] and X.size < PARALLEL_MIN_SIZE:
        return backpropagate_one_layer_in_cache(
            X, targets, sample_share, coefs, intercepts, loss, scale
        )
    unit_loss = as_loss(loss)
    if X.size >= PARALLEL_MIN_SIZE:
        pass_over_rows = partial(_run_parallel, _delta_rule_pass)
    else:
        pass_over_rows = _delta_rule_pass_one_thread
    loss_value, coef_direction, intercept_direction = pass_over_rows(
        X,
        targets,
        sample_share.reshape(-1),
        coefs[0],
        intercepts[0],
        X.dtype.type(1 / scale),
        float(unit_loss.squared),
        float(unit_loss.log),
    )
    return loss_value, [coef_direction], [intercept_direction]


def backpropagate_one_layer_in_cache(
    X, targets, sample_share, coefs, intercepts, loss, scale
):
    """``_math.backpropagate`` for a single layer on X that stays in cache,
    block by block of rows: BLAS's two products around a compiled pass over
    the margins, which replaces each by its error term.

    NumPy's vectorized ``exp`` and ``log1p`` compute the block's
    ``exp(-|z|)`` and its ``log1p`` (a sixth of numba's scalar calls' time),
    and the compiled pass does the arithmetic without a temporary of each
    step; the blocks keep the temporaries to ``IN_CACHE_BLOCK_VALUES`` values
    whatever the number of units. Takes and returns the same as
    ``backpropagate`` (equal up to rounding).
    """
    unit_loss = as_loss(loss)
    coef, intercept = coefs[0], intercepts[0]
    squared, log = float(unit_loss.squared), float(unit_loss.log)
    share = sample_share.reshape(-1)
    block_rows = max(1, IN_CACHE_BLOCK_VALUES // coef.shape[1])
    if sparse.issparse(X):
        # Sparse rows go through the compiled products of CSR rows: a SciPy
        # product of a block's slice copies its rows first (a fifth more time
        # on 39,000 package descriptions).
        csr = (X.data, X.indices, X.indptr)
    loss_value = 0.0
    coef_direction = np.zeros(coef.shape, dtype=np.result_type(X, coef))
    intercept_direction = np.zeros(coef.shape[1], dtype=coef_direction.dtype)
    for start in range(0, X.shape[0], block_rows):
        rows = slice(start, start + block_rows)
        if sparse.issparse(X):
            margins = np.empty(
                (min(block_rows, X.shape[0] - start), coef.shape[1]),
                dtype=coef_direction.dtype,
            )
            _sparse_block_margins(*csr, start, coef, intercept, margins)
        else:
            margins = X[rows] @ coef
            margins += intercept
        tails = np.abs(margins)
        np.negative(tails, out=tails)
        np.exp(tails, out=tails)
        log_tails = np.log1p(tails) if log else tails
        loss_value += _output_deltas(
            margins, tails, log_tails, targets[rows], share[rows], squared, log
        )
        # The deltas, in place of the margins; divided by scale before the
        # product, as in _math, so that every product is of order one.
        intercept_direction += margins.sum(axis=0)
        margins /= scale
        if sparse.issparse(X):
            _add_sparse_transposed_product(*csr, start, margins, coef_direction)
        else:
            coef_direction += X[rows].T @ margins
    coef_direction /= scale
    return loss_value, [coef_direction], [intercept_direction]


def use_one_thread():
    """Run the calling thread's compiled passes on one thread (numba's setting
    holds for the calling thread only)."""
    numba.set_num_threads(1)
