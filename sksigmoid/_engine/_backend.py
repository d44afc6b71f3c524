"""The one place that picks how a pass over the rows of X runs.

Every pass that reads all of X, in a fit or a prediction, asks here for its
implementation: the NumPy code (``_math``, and the two statistics below), or the
compiled passes of ``_kernels`` (the threshold unit's in
``_perceptron_kernels``). A dask collection is told apart here too; its fit
reads it block by block through ``_dask``, whose blocks come back here for
their own passes.

The epochs run compiled at every size: the threshold unit's online epoch
(whose NumPy form is a Python loop over the rows) and the delta rule's pass
of one layer of units, which on 112 x 4 to 15,000 x 20 took a third to
two-thirds of NumPy's time (``benchmarks/every_size.py``). The other passes
(the input statistics, the margins of a prediction, a network's epochs) are
NumPy's below :data:`COMPILED_MIN_SIZE`, where BLAS is as fast. This module
is the only importer of the kernel modules, and imports them (and numba) only
when a pass needs them: ``import sksigmoid`` does not import numba.
"""

import sys
from collections.abc import Callable
from typing import NamedTuple

import numpy as np
from scipy import sparse

from sksigmoid._engine import _math, _shuffle
from sksigmoid._engine._math import backpropagate, forward

#: Smallest ``X.size`` for which the passes besides the epochs (the input
#: statistics, the margins of a prediction) run compiled: below it NumPy's
#: passes, BLAS's among them, are as fast.
COMPILED_MIN_SIZE = 1_000_000

#: Whether the epochs of one layer of units (the threshold unit's, and the
#: delta rule's pass and L-BFGS's direction of the sigmoid neuron) run
#: compiled: at every size. The tests set it to False for the NumPy reference
#: the compiled epochs must agree with.
COMPILED_EPOCHS = True


def is_sparse(X):
    """Whether ``X`` is a SciPy sparse matrix or array (validated X is CSR)."""
    return sparse.issparse(X)


def is_dask_collection(obj):
    """Whether ``obj`` is a dask collection, without importing dask: an object
    cannot be one unless dask was imported to make it."""
    dask = sys.modules.get("dask")
    return dask is not None and dask.is_dask_collection(obj)


def use_compiled(X):
    """Whether a dense pass over ``X`` runs compiled (sparse X's passes are
    SciPy's compiled products, or the threshold unit's own kernels)."""
    return not is_sparse(X) and X.size >= COMPILED_MIN_SIZE


def largest_magnitude(X):
    """``max(|X|)``: one compiled pass for large X, else NumPy's max and min;
    for sparse X, of its stored values (0 for none)."""
    if is_sparse(X):
        if not X.data.size:
            return 0.0
        return max(float(X.data.max()), -float(X.data.min()), 0.0)
    if use_compiled(X):
        from sksigmoid._engine._kernels import largest_magnitude as compiled

        return compiled(X)
    # max and min instead of abs(X).max(): no temporary copy of X.
    return max(float(X.max()), -float(X.min()))


def mean_square(X, scale, sample_weight):
    """Weighted mean over the rows of ``mean((x / scale) ** 2)``, without a copy of X.

    NumPy divides about ``1 << 13`` values at a time by ``scale``, so that no
    square overflows and the temporary stays small (64 KB); large data take
    one compiled pass.
    """
    if is_sparse(X):
        row_squares = squared_values(X, scale) @ np.ones(X.shape[1])
        return (
            float(row_squares @ sample_weight) / float(sample_weight.sum()) / X.shape[1]
        )
    if use_compiled(X):
        from sksigmoid._engine._kernels import mean_square as compiled

        return compiled(X, scale, sample_weight)
    block_rows = max(1, (1 << 13) // max(1, X.shape[1]))
    total = 0.0
    for start in range(0, X.shape[0], block_rows):
        block = X[start : start + block_rows] / scale
        block_sums = np.einsum("ij,ij->i", block, block)
        total += float(block_sums @ sample_weight[start : start + block_rows])
    return total / float(sample_weight.sum()) / X.shape[1]


def column_nonzero_shares(X, sample_weight):
    """Each column's weighted share of the rows where it is not zero, shape
    (n_features,), without a copy of X (a block of about ``1 << 13`` values at
    a time)."""
    if is_sparse(X):
        nonzero = with_stored_values(X, (X.data != 0).astype(np.float64))
        return (nonzero.T @ sample_weight) / float(sample_weight.sum())
    block_rows = max(1, (1 << 13) // max(1, X.shape[1]))
    totals = np.zeros(X.shape[1])
    for start in range(0, X.shape[0], block_rows):
        rows = slice(start, start + block_rows)
        totals += sample_weight[rows] @ (X[rows] != 0)
    return totals / float(sample_weight.sum())


def with_stored_values(X, values):
    """Sparse X's rows and columns with ``values`` stored in place of X's:
    the indices are shared, not copied."""
    return type(X)((values, X.indices, X.indptr), shape=X.shape)


def squared_values(X, scale):
    """Sparse X with each stored value ``v`` replaced by ``(v / scale) ** 2``:
    one array of X's stored values, not a copy of X."""
    values = X.data / scale
    np.square(values, out=values)
    return with_stored_values(X, values)


def delta_rule_pass(X, n_layers, loss):
    """The pass that computes the delta rule's loss and directions on ``X``:
    the compiled one for a single layer of sigmoid units (sparse X's in
    blocks of its CSR rows), else ``backpropagate``, whose products with
    sparse X are SciPy's compiled ones (a linear unit's pass is two BLAS
    products and no function of the margins). Both take and return the same
    (see ``_math.backpropagate``)."""
    if n_layers == 1 and COMPILED_EPOCHS and _math.as_loss(loss).output == "sigmoid":
        if is_sparse(X):
            from sksigmoid._engine._kernels import backpropagate_one_layer_in_cache

            return backpropagate_one_layer_in_cache
        from sksigmoid._engine._kernels import backpropagate_one_layer

        return backpropagate_one_layer
    return backpropagate


class ThresholdUnitPasses(NamedTuple):
    """The passes of a threshold unit's fit, all NumPy or all compiled; each
    pair takes and returns the same (see ``_math``)."""

    #: ``shuffle_rows(order, seed, epoch)``: the epoch's order of the rows.
    shuffle_rows: Callable
    #: ``perceptron_epoch(X, targets, order, ...)``: one epoch of the rule.
    perceptron_epoch: Callable
    #: ``layer_accuracy(X, targets, coef, intercept, ...)``: the pocket's score.
    layer_accuracy: Callable
    #: ``slope_derivatives(slope, margins, ...)``: for the probabilities' slope.
    slope_derivatives: Callable


def threshold_unit_passes(X):
    """The passes of a threshold unit's fit on ``X``: compiled (see
    :data:`COMPILED_EPOCHS`), else NumPy's."""
    if COMPILED_EPOCHS:
        from sksigmoid._engine import _perceptron_kernels as passes

        shuffle_rows = passes.shuffle_rows
    else:
        passes, shuffle_rows = _math, _shuffle.shuffle_rows
    return ThresholdUnitPasses(
        shuffle_rows,
        passes.perceptron_epoch,
        passes.layer_accuracy,
        passes.slope_derivatives,
    )


def two_loop(changes, gradient_changes, inverse_curvatures, descent, step):
    """L-BFGS's direction (see ``_math.two_loop``): compiled, with the epochs
    (:data:`COMPILED_EPOCHS`), else NumPy's."""
    if COMPILED_EPOCHS:
        from sksigmoid._engine._step_kernels import two_loop as compiled

        return compiled(changes, gradient_changes, inverse_curvatures, descent, step)
    return _math.two_loop(changes, gradient_changes, inverse_curvatures, descent, step)


def resilient_step(weight, direction, step, signs, move, bounds, rates, loss_rose):
    """iRprop+'s move of one array (see ``_math.resilient_step``): compiled,
    with the epochs (:data:`COMPILED_EPOCHS`), for C-contiguous arrays of one
    dtype, else NumPy's."""
    arrays = (weight, direction, step, signs, move)
    if (
        COMPILED_EPOCHS
        and all(array.flags.c_contiguous for array in arrays)
        and len({array.dtype for array in arrays}) == 1
    ):
        from sksigmoid._engine._step_kernels import resilient_step as compiled

        return compiled(*arrays, bounds, rates, loss_rose)
    return _math.resilient_step(*arrays, bounds, rates, loss_rose)


def compiled_margins(X, coefs):
    """Whether :func:`output_margins` takes the compiled pass: one layer, large X of
    the weights' dtype (the pass sums in X's dtype)."""
    return len(coefs) == 1 and use_compiled(X) and X.dtype == coefs[0].dtype


def output_margins(X, coefs, intercepts):
    """The output layer's margins for validated ``X``, shape (n_samples, n_units).

    The compiled pass computes every product, so a NaN or an infinity in a
    row of X shows in that row's margins.
    """
    if compiled_margins(X, coefs):
        from sksigmoid._engine._kernels import margins as compiled

        return compiled(X, coefs[0], intercepts[0])
    # Inputs far larger than the training data may overflow the margin; an
    # infinite margin is the right limit there and saturates the sigmoid.
    with np.errstate(over="ignore"):
        return forward(X, coefs, intercepts)[1]


def one_compiled_thread(X):
    """Run the compiled passes of the calling thread on one thread, for X that
    takes them.

    For the tasks of a dask cluster, whose parallelism is its tasks, one per
    worker thread; dask asks the same of OpenMP and BLAS in its workers
    (OMP_NUM_THREADS=1). With numba's default of a thread per core, 2 workers
    of 1 thread on 2 cores ran 4 threads, and a round of 8 blocks of 125k x 100
    took 119 ms instead of 70.
    """
    if use_compiled(X):
        from sksigmoid._engine._kernels import use_one_thread

        use_one_thread()
