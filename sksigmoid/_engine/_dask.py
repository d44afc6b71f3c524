"""Training and prediction on dask collections, for data larger than one machine.

Full-batch descent is a map-reduce: each epoch's loss and direction are sums
over the rows, so they are sums of the same quantities over row blocks. A fit
on a dask array or DataFrame persists its blocks on the cluster's workers,
computes each block's share of the sums there and adds the small results on
the client; only the weights travel. Predictions map over the blocks.

Each block runs the pass ``_backend`` picks for it, as rows in memory would. The
fit's data (:class:`BlockData`) returns what it computed and writes no state of
the estimator but what scikit-learn's validation writes (its feature count and
names).

dask is optional (``pip install sksigmoid[dask]``): nothing here imports it
until the caller hands over a dask collection.
"""

import math

import numpy as np
from sklearn.utils.multiclass import check_classification_targets, type_of_target
from sklearn.utils.validation import _check_feature_names, _check_n_features

from sksigmoid._engine._backend import (
    column_nonzero_shares,
    delta_rule_pass,
    mean_square,
    one_compiled_thread,
)
from sksigmoid._engine._stats import (
    SampledRows,
    checked_scale,
    evenly_spaced_rows,
    weighted_largest_magnitude,
)
from sksigmoid._engine._targets import QuantityEncoder, TargetEncoder
from sksigmoid._engine._validation import finite_largest_magnitude


def _import_dask():
    """dask, with its array module loaded. Only called once a dask collection
    was given, so dask is installed."""
    import dask
    import dask.array

    return dask


def _column_names_frame(X):
    """A zero-row pandas frame with the columns of dask DataFrame ``X``, for
    scikit-learn's feature-name checks; None for an array."""
    if not hasattr(X, "columns"):
        return None
    import pandas as pd

    return pd.DataFrame(columns=X.columns)


def _as_dask_array(data):
    """A dask array of ``data`` (an array, a DataFrame or a Series)."""
    dask = _import_dask()
    if not dask.is_dask_collection(data):
        return dask.array.from_array(np.asarray(data))
    if hasattr(data, "to_dask_array"):
        # Known block lengths let y and the weights follow X's blocks. They
        # are counted on the persisted partitions: counted on the graph, a
        # column read from Parquet was split into fewer partitions than it
        # then had (dask 2026.8), and the conversion failed.
        return data.persist().to_dask_array(lengths=True)
    if any(math.isnan(length) for length in data.chunks[0]):
        return data.persist().compute_chunk_sizes()
    return data


def _float_dtype(X):
    """X's dtype if it is float32 or float64, else float64, as scikit-learn's."""
    return X.dtype if X.dtype in (np.float32, np.float64) else np.dtype(np.float64)


def _block_targets(y_block, encoder):
    """Unit targets of a block of labels."""
    return encoder.encode(y_block)


def _block_weights(y_block, weight_block, encoder, class_weights, dtype):
    """Sample weights of a block, times its labels' class weights, in X's dtype."""
    if weight_block is None:
        weights = np.ones(len(y_block), dtype=dtype)
    else:
        weights = np.asarray(weight_block, dtype=dtype)
    if class_weights is not None:
        block_class_weights = encoder.sample_class_weights(y_block, class_weights)
        weights = weights * block_class_weights.astype(dtype)
    return weights


def _block_summary(X_block, weight_block, estimator):
    """A block's largest magnitude (in its rows of positive weight) and total
    weight, with scikit-learn's errors for NaN, infinity and negative weights."""
    if (weight_block < 0).any():
        raise ValueError("Negative values in data passed to sample_weight")
    one_compiled_thread(X_block)
    largest = finite_largest_magnitude(estimator, X_block) if X_block.size else 0.0
    largest = weighted_largest_magnitude(X_block, weight_block, largest)
    return largest, float(weight_block.sum())


def _block_mean_square(X_block, weight_block, scale):
    """A block's part of the weighted mean square: its weighted sum."""
    total = float(weight_block.sum())
    if total == 0:
        return 0.0
    one_compiled_thread(X_block)
    return mean_square(X_block, scale, weight_block) * total


def _block_column_nonzero_weights(X_block, weight_block):
    """A block's part of the columns' non-zero shares: their weighted sums."""
    total = float(weight_block.sum())
    if total == 0:
        return np.zeros(X_block.shape[1])
    return column_nonzero_shares(X_block, weight_block) * total


def _block_gradient(
    X_block, target_block, weight_block, total_weight, coefs, intercepts, loss, scale
):
    """A block's part of the loss and the directions: each sample's share is
    its weight over the total weight of all blocks, so the parts add up."""
    gradient_pass = delta_rule_pass(X_block, len(coefs), loss)
    one_compiled_thread(X_block)
    sample_share = (weight_block / total_weight)[:, np.newaxis]
    with np.errstate(over="ignore", invalid="ignore"):
        return gradient_pass(
            X_block, target_block, sample_share, coefs, intercepts, loss, scale
        )


def _add_parts(parts):
    """The sum of the blocks' ``(loss, coef_directions, intercept_directions)``."""
    loss, coef_directions, intercept_directions = parts[0]
    coef_directions = [direction.copy() for direction in coef_directions]
    intercept_directions = [direction.copy() for direction in intercept_directions]
    for part_loss, part_coefs, part_intercepts in parts[1:]:
        loss += part_loss
        for total, part in zip(coef_directions, part_coefs, strict=True):
            total += part
        for total, part in zip(intercept_directions, part_intercepts, strict=True):
            total += part
    return loss, coef_directions, intercept_directions


class BlockData(SampledRows):
    """The training data of a dask fit, persisted on the cluster in row blocks.

    It answers what a fit asks of its data, as ``_data.ArrayData`` does for
    rows in memory (the scale, the mean square, a sample of rows for the first
    step, and the loss and directions of given weights), each sum computed
    block by block on the workers. Build it with :meth:`validated`.
    """

    #: The blocks' passes pick their own implementation, on the workers.
    compiled = False
    #: Mini-batches need rows in memory; a fit here is full-batch.
    in_memory = False
    #: Every row trains (a dask fit holds none out for early stopping).
    source_rows = None

    @classmethod
    def validated(cls, estimator, X, y, sample_weight, *, reset, previous=None):
        """Validate the collections as ``fit`` validates in-memory data
        (feature count and names, labels, weights, NaN and infinity) and
        persist them: ``(data, encoder)``, as ``_data.training_data`` returns
        (``previous``: a regressor's fitted standardization, kept).
        """
        dask = _import_dask()
        if not dask.is_dask_collection(X):
            raise TypeError(
                "A fit on dask collections needs X as a dask array or dask "
                f"DataFrame; got {type(X).__name__} with a dask y."
            )
        _check_feature_names(estimator, _column_names_frame(X), reset=reset)
        X = _as_dask_array(X)
        if X.ndim != 2:
            raise ValueError(
                f"Expected a 2D dask array for X, got {X.ndim} dimensions. "
                "Reshape your data."
            )
        _check_n_features(estimator, X, reset=reset)
        dtype = _float_dtype(X)
        # Whole rows in each block: a block's gradient needs all its columns.
        X = X.astype(dtype).rechunk({1: -1})
        y = _as_dask_array(y)
        if y.ndim != 1:
            raise ValueError(
                "A fit on dask collections supports a y of one dimension "
                "(binary or multiclass labels, or one quantity); got "
                f"{y.ndim} dimensions."
            )
        if y.shape[0] != X.shape[0]:
            raise ValueError(
                "Found input variables with inconsistent numbers of samples: "
                f"[{X.shape[0]}, {y.shape[0]}]"
            )
        y = y.rechunk((X.chunks[0],))
        if sample_weight is not None:
            sample_weight = _as_dask_array(sample_weight)
            if sample_weight.shape != (X.shape[0],):
                raise ValueError(
                    f"sample_weight.shape == {sample_weight.shape}, expected "
                    f"{(X.shape[0],)}!"
                )
            sample_weight = sample_weight.rechunk((X.chunks[0],))
        # Persisted before anything is computed from them: each later graph
        # then starts from the same keys (resubmitting a key computed in an
        # earlier graph made the scheduler warn of deadlocks).
        X, y, sample_weight = dask.persist(X, y, sample_weight)
        if estimator._learns_quantities:
            return cls._of_quantities(estimator, X, y, sample_weight, previous)
        classes, counts = dask.compute(*dask.array.unique(y, return_counts=True))
        check_classification_targets(classes)
        if type_of_target(classes) not in ("binary", "multiclass"):
            raise ValueError(
                f"{type(estimator).__name__} supports binary and multiclass "
                "targets on dask collections."
            )
        encoder = TargetEncoder.from_labels(classes, type(estimator).__name__)
        class_weights = None
        if estimator.class_weight is not None:
            class_weights = encoder.class_weights(estimator.class_weight, counts)
        targets = y.map_blocks(
            _block_targets,
            encoder,
            dtype=bool,
            new_axis=1,
            chunks=(X.chunks[0], (encoder.n_units,)),
        )
        weights = dask.array.map_blocks(
            _block_weights,
            y,
            sample_weight,
            encoder,
            class_weights,
            dtype,
            dtype=dtype,
        )
        targets, weights = dask.persist(targets, weights)
        return cls(estimator, X, targets, weights), encoder

    @classmethod
    def _of_quantities(cls, estimator, X, y, sample_weight, previous):
        """The data of a regressor: y standardized by its weighted moments,
        summed on the cluster, as ``QuantityEncoder.from_targets`` computes
        them in memory."""
        dask = _import_dask()
        y = y.astype(np.float64)
        if sample_weight is None:
            weights = dask.array.ones(y.shape[0], chunks=y.chunks[0])
        else:
            weights = sample_weight.astype(np.float64)
        total = weights.sum()
        mean = (y * weights).sum() / total if estimator.fit_intercept else 0.0
        deviation = dask.array.sqrt((((y - mean) ** 2) * weights).sum() / total)
        mean, deviation = dask.compute(mean, deviation)
        if not np.isfinite([mean, deviation]).all():
            raise ValueError("Input y contains NaN, infinity or a value too large.")
        encoder = QuantityEncoder.from_moments("continuous", [mean], [deviation])
        if previous is not None:
            encoder.check_continues(previous, incremental=False)
            encoder = previous
        dtype = X.dtype
        targets = y.map_blocks(
            encoder.encode,
            dtype,
            dtype=dtype,
            new_axis=1,
            chunks=(X.chunks[0], (1,)),
        )
        targets, weights = dask.persist(targets, weights.astype(dtype))
        return cls(estimator, X, targets, weights), encoder

    def __init__(self, estimator, X, targets, weights):
        self.X, self.targets, self.weights = X, targets, weights
        self.n_samples, self.n_features = X.shape
        self.dtype = X.dtype
        self._sample = None
        self._column_nonzero_shares = None
        self._parts = list(
            zip(
                X.to_delayed().ravel(),
                targets.to_delayed().ravel(),
                weights.to_delayed().ravel(),
                strict=True,
            )
        )
        summaries = self._compute_each(
            _block_summary, lambda x, t, w: (x, w, estimator)
        )
        self.largest = max(largest for largest, _ in summaries)
        self.total_weight = sum(total for _, total in summaries)
        if not self.total_weight > 0:
            raise ValueError(
                "The sample weights (times the class weights) are all zero; give "
                "at least one sample a positive weight."
            )

    def _compute_each(self, function, arguments):
        """``function`` of each block, computed on the workers, in block order."""
        dask = _import_dask()
        tasks = [
            dask.delayed(function, pure=True)(*arguments(*part)) for part in self._parts
        ]
        return dask.compute(*tasks)

    def input_scale(self):
        """X's largest magnitude, checked as ``_stats.input_scale`` checks it."""
        return checked_scale(self.largest, self.dtype)

    def mean_square(self, scale):
        """``_backend.mean_square`` over all blocks."""
        parts = self._compute_each(_block_mean_square, lambda x, t, w: (x, w, scale))
        return float(sum(parts)) / self.total_weight

    @property
    def weighted_rows(self):
        """The total weight of the rows (their number, unweighted)."""
        return self.total_weight

    def column_nonzero_shares(self):
        """``_backend.column_nonzero_shares`` over all blocks (computed once,
        at the first call)."""
        if self._column_nonzero_shares is None:
            parts = self._compute_each(
                _block_column_nonzero_weights, lambda x, t, w: (x, w)
            )
            self._column_nonzero_shares = sum(parts) / self.total_weight
        return self._column_nonzero_shares

    def sample(self):
        """Evenly spaced rows of X and of the weights, computed once, at the
        first call (the stable step and L-BFGS's column factors read them)."""
        if self._sample is None:
            dask = _import_dask()
            rows = evenly_spaced_rows(self.X)
            self._sample = dask.compute(self.X[rows], self.weights[rows])
        return self._sample

    def gradient(self, loss, scale, n_layers):
        """``gradient(coefs, intercepts)``: the loss and the directions of the
        delta rule over all rows, summed from the blocks' parts."""
        total_weight = self.total_weight

        def gradient(coefs, intercepts):
            parts = self._compute_each(
                _block_gradient,
                lambda x, t, w: (
                    x,
                    t,
                    w,
                    total_weight,
                    list(coefs),
                    list(intercepts),
                    loss,
                    scale,
                ),
            )
            return _add_parts(parts)

        return gradient


def blockwise_predictions(estimator, method, X):
    """``estimator.method`` of each block of dask ``X``, as a dask array.

    The output's dtype and columns are those of the method on one row of
    zeros, computed here; the blocks are computed when the result is.
    """
    dask = _import_dask()
    frame = _column_names_frame(X)
    if frame is None:
        if X.ndim != 2:
            raise ValueError(
                f"Expected a 2D dask array for X, got {X.ndim} dimensions."
            )
        X = X.rechunk({1: -1})
        row = np.zeros((1, X.shape[1]), dtype=_float_dtype(X))
    else:
        row = frame.reindex(range(1)).fillna(0).astype(np.float64)
    meta = getattr(estimator, method)(row)[:0]
    if frame is not None:
        # A pandas frame per partition keeps the feature-name checks.
        return X.map_partitions(_predict_block, estimator, method, meta, meta=meta)
    if meta.ndim == 1:
        return X.map_blocks(
            _predict_block, estimator, method, meta, meta=meta, drop_axis=1
        )
    return dask.array.map_blocks(
        _predict_block,
        X,
        estimator,
        method,
        meta,
        meta=meta,
        chunks=(X.chunks[0], (meta.shape[1],)),
    )


def _predict_block(X_block, estimator, method, empty):
    """``estimator.method`` of one block; ``empty``, the method's result of no
    rows, for a block of none (a filtered partition), which the estimator's
    validation would refuse."""
    if X_block.shape[0] == 0:
        return empty.copy()
    one_compiled_thread(X_block)
    return getattr(estimator, method)(X_block)
