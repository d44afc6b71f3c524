"""The training data a fit reads: rows in memory, or row blocks on a dask cluster,
and the early-stopping split of the rows in memory.

Both sources answer what a fit asks of its data, so that one fit path serves
both: the number of features, the target encoding, the input scale, the mean
square, a sample of rows for the first step, and the full-batch gradient pass
of given weights. Rows in memory also serve the updates that need single rows
or mini-batches (:class:`ArrayData`); the dask source (``_dask.BlockData``)
computes each sum block by block on the cluster.
"""

from functools import cached_property

import numpy as np
from sklearn.model_selection import train_test_split
from sklearn.utils.validation import _check_sample_weight

from sksigmoid._engine._backend import (
    column_nonzero_shares,
    delta_rule_pass,
    is_dask_collection,
    mean_square,
    use_compiled,
)
from sksigmoid._engine._stats import SampledRows, evenly_spaced_rows, input_scale
from sksigmoid._engine._targets import (
    QuantityEncoder,
    TargetEncoder,
    as_label_array,
    sample_weights,
)
from sksigmoid._engine._validation import finite_largest_magnitude, validate


def is_cluster_data(X, y):
    """Whether a fit on ``X, y`` reads them from a dask cluster."""
    return is_dask_collection(X) or is_dask_collection(y)


def training_data(
    estimator, X, y, sample_weight, *, reset, classes=None, previous=None
):
    """The validated training data of a fit and its target encoder.

    Parameters
    ----------
    estimator : estimator
        The estimator being fitted: scikit-learn's validation reads and, with
        ``reset``, sets its ``n_features_in_`` and ``feature_names_in_``; its
        ``class_weight`` weights the samples; a regressor
        (``_learns_quantities``) learns standardized quantities.
    X, y, sample_weight
        What ``fit`` or ``partial_fit`` was given; dask collections are read
        on their cluster (``fit`` only).
    reset : bool
        Whether the fit starts anew (False for a warm start or a later chunk).
    classes : ndarray or None, default=None
        Every class of the data, for a ``partial_fit`` chunk; None to find
        the classes in ``y``.
    previous : QuantityEncoder or None, default=None
        The fitted standardization a regressor's warm start or later chunk
        keeps (its weights are in its units); None to standardize ``y``.

    Returns
    -------
    data : ArrayData or BlockData
    encoder : TargetEncoder or QuantityEncoder
    """
    if classes is None and is_cluster_data(X, y):
        from sksigmoid._engine._dask import BlockData

        return BlockData.validated(
            estimator, X, y, sample_weight, reset=reset, previous=previous
        )
    quantities = estimator._learns_quantities
    X, y = validate(
        estimator, X, y, multi_output=True, y_numeric=quantities, reset=reset
    )
    largest = finite_largest_magnitude(estimator, X)
    y = as_label_array(y)
    if quantities:
        weights = sample_weights(sample_weight, X, y, None, None)
        # The weights' ratios train; their total sets alpha="auto" (a row of
        # weight k counts as k rows, as k repeats would).
        total = X.shape[0]
        if sample_weight is not None:
            total = _check_sample_weight(sample_weight, X, dtype=np.float64).sum()
        weight_unit = float(total) / float(weights.sum())
        encoder = QuantityEncoder.from_targets(
            y, weights, center=estimator.fit_intercept
        )
        if previous is not None:
            encoder.check_continues(previous, incremental=not reset)
            encoder = previous
        data = ArrayData(X, encoder.encode(y, X.dtype), weights, None, largest)
        data.weight_unit = weight_unit
        return data, encoder
    if classes is None:
        encoder = TargetEncoder.from_labels(y, type(estimator).__name__)
    else:
        encoder = TargetEncoder.from_classes(classes, y)
    weights = sample_weights(sample_weight, X, y, encoder, estimator.class_weight)
    return ArrayData(X, encoder.encode(y), weights, y, largest), encoder


class ArrayData(SampledRows):
    """Training rows in memory.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
        Validated inputs.
    targets : ndarray of shape (n_samples, n_units)
        The units' targets: booleans (see ``TargetEncoder.encode``), or
        standardized quantities (``QuantityEncoder.encode``).
    sample_weight : ndarray of shape (n_samples,)
        Each row's weight, class weight included.
    labels : ndarray or None, default=None
        The rows' labels (an early-stopping split is stratified by them);
        None for quantities.
    largest : float or None, default=None
        X's largest magnitude, when known: it saves a pass.
    """

    #: Whether the rows can be read in mini-batches (see ``_dask.BlockData``).
    in_memory = True

    #: The rows of the data ``fit`` was given that these are, when a split
    #: took them (None for all): the callbacks see the training rows.
    source_rows = None

    #: The weight given to ``fit`` of a row of ``sample_weight`` 1 (the
    #: weights are divided by the largest), where the total matters.
    weight_unit = 1.0

    def __init__(self, X, targets, sample_weight, labels=None, largest=None):
        self.X = X
        self.targets = targets
        self.sample_weight = sample_weight
        self.labels = labels
        self.largest = largest
        self._sample = None
        self._column_nonzero_shares = None

    @property
    def n_samples(self):
        return self.X.shape[0]

    @property
    def n_features(self):
        return self.X.shape[1]

    @property
    def dtype(self):
        return self.X.dtype

    @property
    def compiled(self):
        """Whether passes over these rows run compiled."""
        return use_compiled(self.X)

    @cached_property
    def sample_share(self):
        """Each row's share of the total sample weight, computed once a fit."""
        return self.sample_weight / self.sample_weight.sum()

    @property
    def weighted_rows(self):
        """The total of the weights ``fit`` was given to these rows (their
        number, unweighted)."""
        return float(self.sample_weight.sum()) * self.weight_unit

    def rows(self, rows):
        """The data of the given rows."""
        data = ArrayData(self.X[rows], self.targets[rows], self.sample_weight[rows])
        data.weight_unit = self.weight_unit
        return data

    def hold_out(self, fraction, random_state):
        """Split off ``fraction`` of the rows for early stopping: ``(train,
        validation)``, stratified by the labels of a one-column target."""
        stratify = None
        if self.labels is not None and self.labels.ndim == 1:
            stratify = self.labels
        train, validation = hold_out(self.n_samples, fraction, stratify, random_state)
        if not (
            self.sample_weight[train].any() and self.sample_weight[validation].any()
        ):
            raise ValueError(
                "The early-stopping split left no positive sample weight on one "
                "side; change validation_fraction or random_state."
            )
        training = self.rows(train)
        training.source_rows = train
        return training, self.rows(validation)

    def input_scale(self):
        """The input scale of the rows of positive weight (see ``_stats``)."""
        return input_scale(self.X, self.sample_weight, self.largest)

    def mean_square(self, scale):
        """Weighted mean square of a value of ``X / scale``."""
        if evenly_spaced_rows(self.X).step == 1:
            # The sample is every row, and its moments hold the mean square
            # (the neuron's fit reads them anyway): one pass over X, not two.
            return float(self.sample_moments(scale).column_squares.mean())
        return mean_square(self.X, scale, self.sample_weight)

    def column_nonzero_shares(self):
        """Each column's weighted share of the rows where it is not zero
        (computed once, at the first call)."""
        if self._column_nonzero_shares is None:
            self._column_nonzero_shares = column_nonzero_shares(
                self.X, self.sample_weight
            )
        return self._column_nonzero_shares

    def sample(self):
        """Evenly spaced rows of X and their weights, for the stable step and
        L-BFGS's column factors: copied once, at the first call."""
        if self._sample is None:
            rows = evenly_spaced_rows(self.X)
            self._sample = self.X[rows], self.sample_weight[rows]
        return self._sample

    def gradient(self, loss, scale, n_layers):
        """``gradient(coefs, intercepts) -> (loss, coef_directions,
        intercept_directions)``: the mean loss of all rows and the delta rule's
        directions, by the pass ``_backend`` picks for them."""
        gradient_pass = delta_rule_pass(self.X, n_layers, loss)
        sample_share = self.sample_share[:, np.newaxis]

        def gradient(coefs, intercepts):
            return gradient_pass(
                self.X, self.targets, sample_share, coefs, intercepts, loss, scale
            )

        return gradient


def hold_out(n_samples, fraction, labels, random_state):
    """The rows ``(train, validation)`` of an early-stopping split of
    ``fraction`` of the samples, stratified by ``labels`` unless None, as
    MLPClassifier's split is."""
    return train_test_split(
        np.arange(n_samples),
        test_size=fraction,
        stratify=labels,
        random_state=random_state,
    )
