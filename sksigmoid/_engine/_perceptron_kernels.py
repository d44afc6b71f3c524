"""The threshold unit's compiled passes: its online epoch in a shuffled order,
the pocket's accuracy of its weights, and the derivatives of its probability
slope.

Each computes what its NumPy twin in ``_math`` or ``_shuffle`` computes (the
tests hold them to each other), for data of any size: the epoch's NumPy form is
a Python loop over the rows. They share the row helpers of ``_kernels``; only
``_backend`` imports them. The epoch (with the averaged perceptron's sums) and the
pocket's accuracy read dense rows or the stored values of CSR rows in one body:
:func:`_rows` passes the CSR arrays, or Nones for dense X.
"""

import math

import numpy as np
from numba import njit

from sksigmoid._engine._kernels import (
    _FASTMATH,
    _row_margin,
    _sigmoid,
    _sparse_margins,
)
from sksigmoid._engine._prefetch import (
    CACHE_LINE,
    PREFETCH_MIN_BYTES,
    PREFETCH_ROWS,
    _prefetch,
    _prefetch_item,
    _prefetch_row,
)
from sksigmoid._engine._shuffle import SPLITMIX_GAMMA, SPLITMIX_MULTIPLIERS


@njit(inline="always")
def _prefetch_sparse_rows(values, columns, row_starts, weights, order, position):
    """Ask, in the shuffled order, for the stored values of the row
    ``2 * PREFETCH_ROWS`` ahead and for the weights of the row
    ``PREFETCH_ROWS`` ahead, whose columns the first hint brought."""
    ahead = position + 2 * PREFETCH_ROWS
    if ahead < order.shape[0]:
        row = order[ahead]
        step = CACHE_LINE // values.itemsize
        for k in range(row_starts[row], row_starts[row + 1], step):
            _prefetch_item(values, k)
            _prefetch_item(columns, k)
    ahead = position + PREFETCH_ROWS
    if ahead < order.shape[0]:
        _prefetch_weights_of_row(columns, row_starts, weights, order[ahead])


@njit(inline="always")
def _prefetch_weights_of_row(columns, row_starts, weights, row):
    """Ask for the (feature-major) weights of the columns of CSR row ``row``."""
    for k in range(row_starts[row], row_starts[row + 1]):
        _prefetch(weights, np.intp(columns[k]), 0)


@njit(inline="always")
def _add_row(X, values, columns, row_starts, i, weights, unit, change, scale):
    """``unit``'s weights ``+= change * X[i] / scale``, in the layout of
    :func:`_unit_major` (dense) or feature-major (CSR): over the stored values
    of a CSR row."""
    if row_starts is None:
        for j in range(X.shape[1]):
            weights[unit, j] += change * (X[i, j] / scale)
    else:
        for k in range(row_starts[i], row_starts[i + 1]):
            weights[columns[k], unit] += change * (values[k] / scale)


@njit(inline="always")
def _unit_major(coef):
    """``coef`` (n_features, n_units) as the dense kernels read it: a
    unit-major copy, each unit's weights contiguous for a row's sum. Sparse
    rows read ``coef`` itself, feature-major (see :func:`_sparse_margins`)."""
    return np.ascontiguousarray(coef.T)


@njit(fastmath=_FASTMATH, cache=True)
def _perceptron_epoch(
    X,
    targets,
    order,
    sample_rates,
    share,
    coef,
    intercept,
    scale,
    fit_intercept,
    prefetch,
    values=None,
    columns=None,
    row_starts=None,
    coef_sums=None,
    intercept_sums=None,
    visits=0,
):
    # The CSR arrays and the average's sums default to None, for which numba
    # compiles the kernel without their branches (a call: 2.2 us on 37 x 4).
    n_units = intercept.shape[0]
    errors = np.empty(n_units, dtype=X.dtype)
    if row_starts is None:
        weights = _unit_major(coef)
        sums = None if coef_sums is None else _unit_major(coef_sums)
        sparse_margins = errors  # unused
    else:
        weights, sums = coef, coef_sums
        sparse_margins = np.empty(n_units, dtype=X.dtype)
    total_loss = 0.0
    mistakes = 0
    for position in range(order.shape[0]):
        if prefetch and row_starts is not None:
            _prefetch_sparse_rows(values, columns, row_starts, weights, order, position)
        elif prefetch and position + PREFETCH_ROWS < order.shape[0]:
            _prefetch_row(X, order[position + PREFETCH_ROWS])
        i = order[position]
        # The units' errors are counted, not or-ed, and a row of weight 0 is
        # skipped only where it would update: a quarter off the epoch on one unit.
        n_wrong = 0
        if row_starts is not None:
            _sparse_margins(
                values, columns, row_starts, i, weights, intercept, sparse_margins
            )
        for unit in range(n_units):
            margin = (
                sparse_margins[unit]
                if row_starts is not None
                else _row_margin(X, i, weights, unit, intercept)
            )
            target = targets[i, unit]
            total_loss += share[i] * max(0.0, (1 - 2 * target) * margin)
            error = target - (1 if margin > 0 else 0)
            errors[unit] = error
            n_wrong += error != 0
        if sample_rates[i] == 0:
            continue
        mistakes += n_wrong != 0
        # Divided as the NumPy loop divides, for the same weights.
        factor = sample_rates[i] / scale
        for unit in range(n_units):
            if errors[unit] == 0:
                continue
            change = factor * errors[unit]
            _add_row(X, values, columns, row_starts, i, weights, unit, change, scale)
            bias_change = sample_rates[i] * errors[unit]
            if fit_intercept:
                intercept[unit] += bias_change
            if coef_sums is not None:
                # Lazy average: an update after ``visits`` samples missed them.
                missed = visits * change
                _add_row(X, values, columns, row_starts, i, sums, unit, missed, scale)
                if fit_intercept:
                    intercept_sums[unit] += visits * bias_change
        visits += 1
    if row_starts is None:
        coef[...] = weights.T
        if coef_sums is not None:
            coef_sums[...] = sums.T
    return total_loss / n_units, mistakes, visits


_GAMMA = np.uint64(SPLITMIX_GAMMA)
_FIRST_MULTIPLIER, _SECOND_MULTIPLIER = (np.uint64(m) for m in SPLITMIX_MULTIPLIERS)


@njit(cache=True)
def _shuffle_rows(order, seed, epoch):
    n_rows = order.shape[0]
    counter = seed + epoch * np.uint64(n_rows)
    for i in range(n_rows - 1, 0, -1):
        counter += np.uint64(1)
        bits = counter * _GAMMA
        bits = (bits ^ (bits >> np.uint64(30))) * _FIRST_MULTIPLIER
        bits = (bits ^ (bits >> np.uint64(27))) * _SECOND_MULTIPLIER
        bits ^= bits >> np.uint64(31)
        j = bits % np.uint64(i + 1)
        order[i], order[j] = order[j], order[i]


@njit(fastmath=_FASTMATH, cache=True)
def _accuracy(
    X,
    targets,
    coef,
    intercept,
    multiclass,
    sample_weight,
    values=None,
    columns=None,
    row_starts=None,
):
    """The share of ``sample_weight`` on the rows that every unit gets right."""
    n_units = intercept.shape[0]
    sparse_margins = np.empty(n_units, dtype=X.dtype)
    weights = _unit_major(coef) if row_starts is None else coef
    total = correct = 0.0
    for i in range(targets.shape[0]):
        if row_starts is not None:
            _sparse_margins(
                values, columns, row_starts, i, weights, intercept, sparse_margins
            )
        if multiclass:
            # np.argmax's rule: the first of equal margins or targets wins.
            predicted = labelled = 0
            best_margin = (
                sparse_margins[0]
                if row_starts is not None
                else _row_margin(X, i, weights, 0, intercept)
            )
            for unit in range(1, n_units):
                margin = (
                    sparse_margins[unit]
                    if row_starts is not None
                    else _row_margin(X, i, weights, unit, intercept)
                )
                if margin > best_margin:
                    best_margin, predicted = margin, unit
                if targets[i, unit] > targets[i, labelled]:
                    labelled = unit
            right = predicted == labelled
        else:
            right = True
            for unit in range(n_units):
                margin = (
                    sparse_margins[unit]
                    if row_starts is not None
                    else _row_margin(X, i, weights, unit, intercept)
                )
                right &= (margin > 0) == (targets[i, unit] > 0)
        # A product, not a branch on a right row, which is mispredicted often.
        correct += sample_weight[i] * right
        total += sample_weight[i]
    return correct / total


@njit(fastmath=_FASTMATH, cache=True)
def _slope_derivatives(slope, margins, targets, multiclass):
    n_samples, n_units = margins.shape
    gradient = curvature = 0.0
    for i in range(n_samples):
        if multiclass:
            largest = margins[i, 0]
            for unit in range(1, n_units):
                largest = max(largest, margins[i, unit])
            total = 0.0
            for unit in range(n_units):
                total += math.exp(slope * (margins[i, unit] - largest))
            mean = mean_square = 0.0
            for unit in range(n_units):
                margin = margins[i, unit]
                output = math.exp(slope * (margin - largest)) / total
                gradient += (output - targets[i, unit]) * margin
                mean += output * margin
                mean_square += output * margin * margin
            curvature += mean_square - mean * mean
        else:
            for unit in range(n_units):
                margin = margins[i, unit]
                output = _sigmoid(slope * margin)
                gradient += (output - targets[i, unit]) * margin
                curvature += output * (1 - output) * margin * margin
    return gradient, curvature


#: The empty array a kernel gets for X where X is sparse, by dtype: made once,
#: not every epoch.
_EMPTY_ROWS = {
    np.dtype(dtype): np.empty((0, 0), dtype=dtype) for dtype in (np.float32, np.float64)
}


def _rows(X):
    """The kernels' view of X's rows: ``(X, {"values": ..., "columns": ...,
    "row_starts": ...})``, the CSR arrays of sparse X (X then an empty array of
    its dtype), or X and no CSR arrays, for which numba compiles the dense
    kernels without the sparse branches (a branch on the rows' kind cost dense
    epochs a third). Validated X is an ndarray or a CSR matrix or array."""
    if isinstance(X, np.ndarray):
        return X, {}
    csr = {"values": X.data, "columns": X.indices, "row_starts": X.indptr}
    return _EMPTY_ROWS[X.dtype], csr


def perceptron_epoch(
    X,
    targets,
    order,
    sample_rates,
    sample_share,
    coef,
    intercept,
    scale,
    averaging=None,
):
    """One epoch of the perceptron rule over the rows ``order`` of ``X``.

    Updates ``coef`` (n_features, n_units) and, unless it is None,
    ``intercept`` in place, and the sums of ``averaging``
    (:class:`~sksigmoid._engine._averaging.RunningAverage`) unless None,
    exactly as ``_math.perceptron_epoch`` does; returns the epoch's mean
    perceptron loss (over the samples and the units) and its number of
    mistakes. Sparse X is read by its stored values: O(nonzeros) an epoch.
    """
    fit_intercept = intercept is not None
    if intercept is None:
        intercept = np.zeros(coef.shape[1], dtype=coef.dtype)
    rows, extra = _rows(X)
    if averaging is not None:
        extra["coef_sums"] = averaging.coef_sums
        extra["intercept_sums"] = averaging.intercept_sums
        extra["visits"] = averaging.visits
    if isinstance(X, np.ndarray):
        stored_bytes = X.nbytes
    else:
        stored_bytes = X.data.nbytes + X.indices.nbytes
    loss, mistakes, visits = _perceptron_epoch(
        rows,
        targets,
        order,
        sample_rates,
        sample_share,
        coef,
        intercept,
        X.dtype.type(scale),
        fit_intercept,
        # In cache, rows need no hint, which cost a sixth of the epoch on
        # 4,500 x 10; beyond it (37,500 x 20) the hints save a tenth.
        stored_bytes > PREFETCH_MIN_BYTES,
        **extra,
    )
    if averaging is not None:
        averaging.visits = visits
    return loss, mistakes


def shuffle_rows(order, seed, epoch):
    """``_shuffle.shuffle_rows``: the same order, drawn one number at a time."""
    _shuffle_rows(order, np.uint64(seed), np.uint64(epoch))


def layer_accuracy(X, targets, coef, intercept, multiclass, sample_weight):
    """``_math.layer_accuracy`` in one read of X, without the margins' array."""
    rows, csr = _rows(X)
    return _accuracy(
        rows,
        targets,
        coef,
        intercept,
        multiclass,
        sample_weight,
        **csr,
    )


def slope_derivatives(slope, margins, targets, multiclass):
    """``_math.slope_derivatives`` in one pass, without temporary arrays."""
    return _slope_derivatives(float(slope), margins, targets, multiclass)
