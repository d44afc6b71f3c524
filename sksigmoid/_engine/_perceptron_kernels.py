"""The threshold unit's compiled passes: its online epoch in a shuffled order,
the pocket's accuracy of its weights, and the derivatives of its probability
slope.

Each computes what its NumPy twin in ``_math`` or ``_shuffle`` computes (the
tests hold them to each other), for data of any size: the epoch's NumPy form is
a Python loop over the rows. They share the row helpers of ``_kernels``; only
``_backend`` imports them.
"""

import math

import numpy as np
from numba import njit
from scipy.sparse import issparse

from sksigmoid._engine._kernels import (
    _FASTMATH,
    PREFETCH_MIN_BYTES,
    PREFETCH_ROWS,
    _prefetch_row,
    _row_margin,
    _sigmoid,
)
from sksigmoid._engine._shuffle import SPLITMIX_GAMMA, SPLITMIX_MULTIPLIERS


@njit(inline="always")
def _margin(rows, i, unit_coef, unit, intercept):
    """The margin of row ``i`` for ``unit``: of a dense row, or of the stored
    values of a CSR row (``rows`` is ``(X, values, columns, row_starts)``,
    with ``row_starts`` empty for dense X), summed in X's dtype."""
    X, values, columns, row_starts = rows
    if row_starts.shape[0] == 0:
        return _row_margin(X, i, unit_coef, unit, intercept)
    margin = values.dtype.type(0)
    for k in range(row_starts[i], row_starts[i + 1]):
        margin += values[k] * unit_coef[unit, columns[k]]
    return margin + intercept[unit]


@njit(inline="always")
def _add_row(rows, i, weights, unit, change, scale):
    """``weights[unit] += change * X[i] / scale``, over the stored values of a
    CSR row."""
    X, values, columns, row_starts = rows
    if row_starts.shape[0] == 0:
        for j in range(X.shape[1]):
            weights[unit, j] += change * (X[i, j] / scale)
    else:
        for k in range(row_starts[i], row_starts[i + 1]):
            weights[unit, columns[k]] += change * (values[k] / scale)


@njit(fastmath=_FASTMATH, cache=True)
def _perceptron_epoch(
    rows,
    targets,
    order,
    sample_rates,
    share,
    coef,
    intercept,
    scale,
    fit_intercept,
    prefetch,
    coef_sums,
    intercept_sums,
    visits,
):
    X = rows[0]
    averaging = coef_sums.shape[0] != 0
    n_units = coef.shape[1]
    unit_coef = np.ascontiguousarray(coef.T)
    errors = np.empty(n_units, dtype=X.dtype)
    total_loss = 0.0
    mistakes = 0
    for position in range(order.shape[0]):
        if prefetch and position + PREFETCH_ROWS < order.shape[0]:
            _prefetch_row(X, order[position + PREFETCH_ROWS])
        i = order[position]
        # The units' errors are counted, not or-ed, and a row of weight 0 is
        # skipped only where it would update: a quarter off the epoch on one unit.
        n_wrong = 0
        for unit in range(n_units):
            margin = _margin(rows, i, unit_coef, unit, intercept)
            target = targets[i, unit]
            total_loss += share[i] * max(0.0, (1 - 2 * target) * margin)
            error = target - (1 if margin > 0 else 0)
            errors[unit] = error
            n_wrong += error != 0
        if sample_rates[i] == 0:
            continue
        if n_wrong != 0:
            mistakes += 1
            # Divided as the NumPy loop divides, for the same weights.
            factor = sample_rates[i] / scale
            for unit in range(n_units):
                if errors[unit] != 0:
                    change = factor * errors[unit]
                    _add_row(rows, i, unit_coef, unit, change, scale)
                    if averaging:
                        # The lazy average: an update made after ``visits``
                        # samples is missing from the weights of those samples.
                        _add_row(rows, i, coef_sums, unit, visits * change, scale)
                    if fit_intercept:
                        intercept[unit] += sample_rates[i] * errors[unit]
                        if averaging:
                            intercept_sums[unit] += (
                                visits * sample_rates[i] * errors[unit]
                            )
        visits += 1
    coef[...] = unit_coef.T
    return total_loss, mistakes, visits


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
def _accuracy(rows, targets, unit_coef, intercept, multiclass, sample_weight):
    """The share of ``sample_weight`` on the rows that every unit gets right."""
    n_units = unit_coef.shape[0]
    total = correct = 0.0
    for i in range(targets.shape[0]):
        if multiclass:
            # np.argmax's rule: the first of equal margins or targets wins.
            predicted = labelled = 0
            best_margin = _margin(rows, i, unit_coef, 0, intercept)
            for unit in range(1, n_units):
                margin = _margin(rows, i, unit_coef, unit, intercept)
                if margin > best_margin:
                    best_margin, predicted = margin, unit
                if targets[i, unit] > targets[i, labelled]:
                    labelled = unit
            right = predicted == labelled
        else:
            right = True
            for unit in range(n_units):
                margin = _margin(rows, i, unit_coef, unit, intercept)
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


def _rows(X):
    """The kernels' view of X's rows: ``(X, values, columns, row_starts)``, the
    CSR arrays of sparse X (X then an empty 2-D array), empty for dense X."""
    if issparse(X):
        return (np.empty((0, 0), dtype=X.dtype), X.data, X.indices, X.indptr)
    empty = np.empty(0, dtype=np.int32)
    return (X, np.empty(0, dtype=X.dtype), empty, empty)


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
    perceptron loss and its number of mistakes. Sparse X is read by its
    stored values: O(nonzeros) an epoch.
    """
    fit_intercept = intercept is not None
    if intercept is None:
        intercept = np.zeros(coef.shape[1], dtype=coef.dtype)
    if averaging is None:
        coef_sums = np.empty((0, 0), dtype=coef.dtype)
        intercept_sums, visits = np.empty(0, dtype=coef.dtype), 0
    else:
        coef_sums, intercept_sums = averaging.coef_sums, averaging.intercept_sums
        visits = averaging.visits
    loss, mistakes, visits = _perceptron_epoch(
        _rows(X),
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
        not issparse(X) and X.nbytes > PREFETCH_MIN_BYTES,
        coef_sums,
        intercept_sums,
        visits,
    )
    if averaging is not None:
        averaging.visits = visits
    return loss, mistakes


def shuffle_rows(order, seed, epoch):
    """``_shuffle.shuffle_rows``: the same order, drawn one number at a time."""
    _shuffle_rows(order, np.uint64(seed), np.uint64(epoch))


def layer_accuracy(X, targets, coef, intercept, multiclass, sample_weight):
    """``_math.layer_accuracy`` in one read of X, without the margins' array."""
    return _accuracy(
        _rows(X),
        targets,
        np.ascontiguousarray(coef.T),
        intercept,
        multiclass,
        sample_weight,
    )


def slope_derivatives(slope, margins, targets, multiclass):
    """``_math.slope_derivatives`` in one pass, without temporary arrays."""
    return _slope_derivatives(float(slope), margins, targets, multiclass)
