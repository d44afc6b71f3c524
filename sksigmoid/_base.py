"""What every unit shares: validation, target encoding, the start, fit and predict.

A unit computes one margin ``z = x @ w + b`` per output. The weights are kept as
layers (one for a single layer of units, more for a network, whose hidden layers
feed their sigmoid outputs forward). Subclasses supply their update rule
(:meth:`_BaseUnit._make_epoch`) and, where they differ, their layer sizes and
fitted attributes, and how a margin becomes a probability
(:meth:`_BaseUnit._probability_margins`).
"""

import functools
import math
from itertools import pairwise
from numbers import Integral, Real

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, ClassifierMixin, _fit_context
from sklearn.model_selection import train_test_split
from sklearn.utils import assert_all_finite, check_random_state
from sklearn.utils._param_validation import Interval, StrOptions
from sklearn.utils.class_weight import compute_sample_weight
from sklearn.utils.multiclass import (
    check_classification_targets,
    type_of_target,
    unique_labels,
)
from sklearn.utils.validation import (
    _check_sample_weight,
    check_is_fitted,
    column_or_1d,
    validate_data,
)

from sksigmoid._activations import (
    backpropagate,
    forward,
    log_sigmoid,
    normalized_log_sigmoid,
    sigmoid,
)
from sksigmoid._dask import is_dask_collection
from sksigmoid._training import divergence_error, run_epochs

_SUPPORTED_TARGETS = ("binary", "multiclass", "multilabel-indicator")

#: Smallest ``X.size`` trained by the compiled passes of ``_kernels``: below
#: it NumPy is fast enough, and importing numba (and, on the first run after
#: an install, compiling them for some seconds) would cost more than it saves.
COMPILED_MIN_SIZE = 1_000_000


def use_compiled(X):
    """Whether a fit on ``X`` runs the compiled passes of ``_kernels``."""
    return X.size >= COMPILED_MIN_SIZE


def largest_magnitude(X):
    """``max(|X|)``: one compiled pass for large X, else NumPy's max and min."""
    if use_compiled(X):
        from sksigmoid._kernels import largest_magnitude as compiled_largest

        return compiled_largest(X)
    # max and min instead of abs(X).max(): no temporary copy of X.
    return max(float(X.max()), -float(X.min()))


def input_scale(X, sample_weight=None, largest=None):
    """Largest magnitude in ``X`` (1.0 for an all-zero ``X``).

    Training runs on ``X / scale``, so the start and the step suit inputs of any
    magnitude, and nothing in a pass can overflow. Truth tables and the tutorials'
    0/1 inputs have scale 1 and are trained exactly as the classic rules say.
    Rows of zero weight are left out, so that they change nothing in the fit.
    ``largest``, X's largest magnitude when the caller has it, saves a pass.
    """
    return checked_scale(weighted_largest_magnitude(X, sample_weight, largest), X.dtype)


def weighted_largest_magnitude(X, sample_weight=None, largest=None):
    """Largest magnitude in the rows of ``X`` of positive weight (0.0 for none).

    ``largest``, the largest magnitude in all of ``X`` when the caller has it,
    is the answer when every weight is positive.
    """
    if sample_weight is not None and not (sample_weight > 0).all():
        X = X[sample_weight > 0]
        largest = None
    if not X.size:
        return 0.0
    if largest is None:
        largest = largest_magnitude(X)
    return largest


def checked_scale(largest, dtype):
    """The input scale for X of largest magnitude ``largest`` (see
    :func:`input_scale`), or a ValueError when ``dtype`` cannot hold a model."""
    if largest == 0:
        return 1.0
    # Raw weights are the scaled ones divided by the scale; leave them room to
    # reach 1e6 without overflowing the dtype.
    if largest < 1e6 / np.finfo(dtype).max:
        raise ValueError(
            f"The largest magnitude in X is {largest:.3g}, too close to zero for "
            f"{dtype} weights to represent a model of it. Multiply X by a "
            "constant or scale it with StandardScaler."
        )
    return largest


def input_mean_square(X, scale, sample_weight):
    """Weighted mean over the rows of ``mean((x / scale) ** 2)``, without a copy of X.

    NumPy divides about ``1 << 16`` values at a time by ``scale``, so that no
    square overflows and the temporary stays small; large data take one
    compiled pass.
    """
    if use_compiled(X):
        from sksigmoid._kernels import mean_square

        return mean_square(X, scale, sample_weight)
    block_rows = max(1, (1 << 16) // max(1, X.shape[1]))
    row_sums = np.empty(X.shape[0])
    for start in range(0, X.shape[0], block_rows):
        block = X[start : start + block_rows] / scale
        row_sums[start : start + block_rows] = np.einsum("ij,ij->i", block, block)
    return float(np.average(row_sums, weights=sample_weight) / X.shape[1])


def evenly_spaced_rows(X, max_values=1 << 18):
    """The slice ``::stride`` of rows of X that hold about ``max_values`` values.

    A deterministic sample for statistics that an estimate serves, such as the
    first step of an adaptive rule: it draws no random numbers, and a copy of
    its rows is small whatever the size of X.
    """
    return slice(None, None, max(1, -(-X.size // max_values)))


def unit_accuracy(margins, targets, multiclass, sample_weight):
    """Weighted share of the samples whose every unit is right (subset accuracy)."""
    if multiclass:
        correct = np.argmax(margins, axis=1) == np.argmax(targets, axis=1)
    else:
        correct = ((margins > 0) == (targets > 0)).all(axis=1)
    return float(np.average(correct, weights=sample_weight))


def check_two_classes(classes):
    """Raise scikit-learn's error for a target of a single class."""
    if len(classes) < 2:
        raise ValueError(
            "This classifier needs samples of at least 2 classes in the data, "
            f"but the data contains only one class: {classes.tolist()[0]!r}."
        )


def delta_rule_pass(X, n_layers):
    """The pass that computes the delta rule's loss and directions on ``X``:
    the compiled one for a single layer on large X, else ``backpropagate``."""
    if n_layers == 1 and use_compiled(X):
        from sksigmoid._kernels import backpropagate_one_layer

        return backpropagate_one_layer
    return backpropagate


def _unit_targets(class_index, n_classes):
    """Booleans, 1 where a unit should fire: one unit for two classes (the
    second class's), else one per class."""
    if n_classes == 2:
        return (class_index == 1)[:, np.newaxis]
    return class_index[:, np.newaxis] == np.arange(n_classes)


def _validate(estimator, X, y="no_validation", **check_params):
    """scikit-learn's validate_data, floats kept at 32 or 64 bits.

    X is not tested for NaN and infinity here: each caller tests it in the way
    that suits what it does next (:func:`_finite_largest_magnitude` in a fit,
    :func:`_assert_finite` or the compiled margins in a prediction).
    """
    return validate_data(
        estimator,
        X,
        y,
        dtype=[np.float64, np.float32],
        ensure_all_finite=False,
        **check_params,
    )


def _assert_finite(estimator, X):
    """scikit-learn's test that X holds no NaN and no infinity, with its messages.

    Its first test sums X, which for finite values near the float limit is
    inf - inf; the element-wise test that follows decides, so the spurious
    RuntimeWarning of that sum is silenced.
    """
    with np.errstate(over="ignore", invalid="ignore"):
        assert_all_finite(X, input_name="X", estimator_name=type(estimator).__name__)


def _finite_largest_magnitude(estimator, X):
    """X's largest magnitude, once scikit-learn's test has found X finite.

    A large X takes one compiled pass for both: scikit-learn's test sums X on
    one thread, about three times as long, and NaN's bits are above
    infinity's, so a NaN or an infinity makes the largest magnitude infinite or
    NaN; scikit-learn's test then names it.
    """
    largest = largest_magnitude(X)
    if not math.isfinite(largest):
        _assert_finite(estimator, X)
    return largest


def _scaled_start(coefs, scale, dtype):
    """The start for training on ``X / scale``, in X's dtype: the first layer's
    weights divided by ``scale``."""
    coefs = [coefs[0] / scale, *coefs[1:]]
    return [coef.astype(dtype, copy=False) for coef in coefs]


def _maps_dask_blocks(method):
    """Let a prediction method take a dask collection: the method of each
    block, as a dask array computed when the result is."""

    @functools.wraps(method)
    def method_or_blockwise(self, X):
        if is_dask_collection(X):
            from sksigmoid._dask import blockwise_predictions

            return blockwise_predictions(self, method.__name__, X)
        return method(self, X)

    return method_or_blockwise


class _BaseUnit(ClassifierMixin, BaseEstimator):
    """Output units, one per output, each with its own margin; by default a
    single layer fed by the inputs."""

    _parameter_constraints = {
        "learning_rate": [Interval(Real, 0, None, closed="neither")],
        "n_iter": [Interval(Integral, 1, None, closed="left")],
        "tol": [Interval(Real, 0, None, closed="left"), None],
        "n_iter_no_change": [Interval(Integral, 1, None, closed="left")],
        "early_stopping": ["boolean"],
        "validation_fraction": [Interval(Real, 0, 1, closed="neither")],
        "fit_intercept": ["boolean"],
        "class_weight": [dict, StrOptions({"balanced"}), None],
        "warm_start": ["boolean"],
        "verbose": ["verbose"],
        "random_state": ["random_state"],
    }

    #: Whether, without early stopping, the weights of the epoch with the best
    #: training accuracy are kept (Gallant's pocket) rather than the last ones.
    _keeps_best_training_weights = False

    #: Updates that the epochs without improvement must hold before the tol
    #: rule stops a fit (see ``run_epochs``).
    _min_updates_without_improvement = 0

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.classifier_tags.multi_label = True
        return tags

    def _layer_sizes(self, n_features, n_outputs):
        """Number of inputs of each layer, then of outputs: one layer of units."""
        return [n_features, n_outputs]

    def _initial_weights(self, random_state, n_inputs, n_units):
        """The classic start of a layer, before scaling: uniform in [-1, 1].

        The draw ``2 * random_sample((n_inputs, n_units)) - 1`` is the
        tutorials' own and the first layer's comes first, before anything else
        random, so that a fixed ``random_state`` reproduces their numbers.
        """
        return 2 * random_state.random_sample((n_inputs, n_units)) - 1

    def _fitted_layers(self):
        """Weights ``(n_inputs, n_units)`` and biases of each fitted layer."""
        return [self.coef_.T], [self.intercept_]

    def _set_fitted_layers(self, coefs, intercepts):
        """Store trained layers as the fitted attributes."""
        self.coef_ = np.ascontiguousarray(coefs[0].T)
        self.intercept_ = intercepts[0]

    def _trained_weights(self, coefs, intercepts):
        """What training updates, in order: each layer's weights, then its biases
        if fitted. Also the layout of the matching update directions."""
        return coefs + intercepts if self.fit_intercept else list(coefs)

    def _make_epoch(
        self,
        X,
        targets,
        sample_weight,
        coefs,
        intercepts,
        statistics,
        random_state,
        state,
        partial,
    ):
        """Return ``one_epoch() -> (loss, n_updates)`` (see ``run_epochs``).

        It updates ``coefs`` and, when fitted, ``intercepts`` (one array per
        layer) in place by the unit's rule on ``X / statistics["scale"]``.
        ``state`` is the ``state`` attribute of the previous fit's
        ``one_epoch`` on a warm start, else None. ``partial`` is True for the
        epoch of ``partial_fit``, which may update in smaller batches.
        """
        raise NotImplementedError

    def _after_training(self, X, targets):
        """Hook for what a unit derives from its trained weights."""

    def _input_statistics(self, X, sample_weight, scale, coefs):
        """What the units of training are set by, computed on the training data.

        ``scale`` divides X for training; units that need more of the data
        (the adaptive step of the sigmoid units) add it. ``partial_fit`` keeps
        the statistics of its first call, so every chunk is trained in the
        same units.
        """
        return {"scale": scale}

    @_fit_context(prefer_skip_nested_validation=True)
    def fit(self, X, y, sample_weight=None):
        """Train the units on ``X`` and ``y``.

        Parameters
        ----------
        X : {array-like, DataFrame} of shape (n_samples, n_features)
            Training data.
        y : array-like of shape (n_samples,) or (n_samples, n_labels)
            Class labels, or a binary indicator matrix for multilabel targets.
        sample_weight : array-like of shape (n_samples,), default=None
            Weight of each sample in the loss and the updates (multiplied by
            the ``class_weight`` of its class). None gives every sample weight 1.

        Returns
        -------
        self : object
            The fitted estimator.
        """
        warm = self.warm_start and hasattr(self, "n_iter_")
        if is_dask_collection(X) or is_dask_collection(y):
            return self._fit_dask(X, y, sample_weight, warm)
        X, y, targets, largest = self._validate_and_encode(X, y, warm)
        sample_weight = self._sample_weight(X, y, sample_weight)
        random_state = check_random_state(self.random_state)
        coefs, intercepts = self._start_layers(
            random_state, X.shape[1], targets.shape[1], X.dtype, warm
        )
        if self.early_stopping:
            X, targets, sample_weight, validation = self._hold_out(
                X, y, targets, sample_weight, random_state
            )
            largest = None
        scale = input_scale(X, sample_weight, largest)
        if not warm:
            coefs = _scaled_start(coefs, scale, X.dtype)
        statistics = self._input_statistics(X, sample_weight, scale, coefs)
        state = getattr(self, "_epoch_state", None) if warm else None
        one_epoch = self._make_epoch(
            X,
            targets,
            sample_weight,
            coefs,
            intercepts,
            statistics,
            random_state,
            state,
            partial=False,
        )
        score = None
        if self.early_stopping or self._keeps_best_training_weights:
            X_score, targets_score, weight_score = (
                validation if self.early_stopping else (X, targets, sample_weight)
            )
            multiclass = self._target_type == "multiclass"

            def score():
                _, margins = forward(X_score, coefs, intercepts)
                return unit_accuracy(margins, targets_score, multiclass, weight_score)

        self._train(one_epoch, coefs, intercepts, statistics, warm, score)
        self._after_training(X, targets)
        return self

    def _fit_dask(self, X, y, sample_weight, warm):
        """``fit`` on dask collections; units trained sample by sample cannot."""
        raise TypeError(
            f"{type(self).__name__} trains one sample at a time and cannot fit a "
            "dask collection in one call. Stream its blocks through partial_fit, "
            "for example with dask_ml.wrappers.Incremental."
        )

    def _start_layers(self, random_state, n_features, n_outputs, dtype, warm):
        """The layers training starts from: the classic random start (before
        scaling), or copies of the fitted ones for a warm start."""
        if warm:
            return self._warm_layers(n_features, n_outputs, dtype)
        sizes = self._layer_sizes(n_features, n_outputs)
        coefs = [
            self._initial_weights(random_state, n_inputs, n_units)
            for n_inputs, n_units in pairwise(sizes)
        ]
        intercepts = [np.zeros(n_units, dtype=dtype) for n_units in sizes[1:]]
        return coefs, intercepts

    def _train(self, one_epoch, coefs, intercepts, statistics, warm, score=None):
        """Run the epochs of ``fit``, then store the weights and the record."""
        # The scaled start keeps margins finite; errstate turns a diverging step
        # into the clear error run_epochs raises instead of overflow warnings.
        with np.errstate(over="ignore", invalid="ignore"):
            record = run_epochs(
                one_epoch,
                n_iter=self.n_iter,
                tol=self.tol,
                n_iter_no_change=self.n_iter_no_change,
                min_updates=self._min_updates_without_improvement,
                weights=self._trained_weights(coefs, intercepts),
                score=score,
                stop_on_score=self.early_stopping,
                score_name=(
                    "validation score" if self.early_stopping else "training accuracy"
                ),
                verbose=self.verbose,
            )
        self._store_training(coefs, intercepts, record.loss_curve)
        self._training_statistics = statistics
        self._epoch_state = getattr(one_epoch, "state", None)
        # Recorded last: n_iter_ marks a completed fit that warm_start continues.
        self._record_training(record, warm)

    def _store_training(self, coefs, intercepts, loss_curve):
        """Store trained layers, or raise if a step overflowed them."""
        weights = self._trained_weights(coefs, intercepts)
        if not all(np.isfinite(weight).all() for weight in weights):
            raise divergence_error(len(loss_curve))
        self._set_fitted_layers(coefs, intercepts)

    @_fit_context(prefer_skip_nested_validation=True)
    def partial_fit(self, X, y, classes=None, sample_weight=None):
        """Train the units for one epoch on a chunk of data.

        Out-of-core and streaming training: each call makes one pass over the
        given rows with the unit's rule (mini-batches of ``batch_size`` rows
        for the sigmoid units, one update per misclassified sample for the
        threshold unit), continuing from the weights of the previous call or
        ``fit``. ``n_iter``, ``tol`` and ``early_stopping`` do not apply. The
        first call sets the training's units (the input scale and, for
        ``learning_rate="auto"``, the step) from its chunk; later chunks are
        trained in the same units.

        Parameters
        ----------
        X : {array-like, DataFrame} of shape (n_samples, n_features)
            A chunk of training data.
        y : array-like of shape (n_samples,) or (n_samples, n_labels)
            Its class labels, or a binary indicator matrix for multilabel
            targets.
        classes : array-like of shape (n_classes,), default=None
            Every class of the whole data, required on the first call (a chunk
            need not hold them all), and the same on later calls if given;
            for a multilabel target, ``arange(n_labels)``.
        sample_weight : array-like of shape (n_samples,), default=None
            Weight of each sample in the loss and the updates.

        Returns
        -------
        self : object
            The estimator, trained on one more chunk.

        Examples
        --------
        >>> from sksigmoid import SigmoidNeuronClassifier
        >>> from sksigmoid.datasets import make_truth_table
        >>> X, y = make_truth_table("or", n_inputs=2, return_X_y=True)
        >>> clf = SigmoidNeuronClassifier(random_state=0)
        >>> for chunk in range(100):  # two rows at a time
        ...     rows = slice(chunk % 2, None, 2)
        ...     clf = clf.partial_fit(X[rows], y[rows], classes=[0, 1])
        >>> clf.predict(X)
        array([0, 1, 1, 1])
        >>> clf.n_iter_
        100
        """
        first_call = not hasattr(self, "n_iter_")
        classes = self._partial_fit_classes(classes, first_call)
        X, y = _validate(self, X, y, multi_output=True, reset=first_call)
        largest = _finite_largest_magnitude(self, X)
        target_type, targets = self._encode_chunk(y, classes, first_call)
        if self.class_weight == "balanced":
            raise ValueError(
                "class_weight='balanced' is not supported for partial_fit: a chunk "
                "does not hold the class frequencies. Compute them with "
                "sklearn.utils.class_weight.compute_class_weight('balanced', "
                "classes=classes, y=y) on a large enough sample of y, and pass "
                "the result as class_weight."
            )
        sample_weight = self._sample_weight(X, y, sample_weight)
        if first_call:
            random_state = check_random_state(self.random_state)
            coefs, intercepts = self._start_layers(
                random_state, X.shape[1], targets.shape[1], X.dtype, warm=False
            )
            scale = input_scale(X, sample_weight, largest)
            coefs = _scaled_start(coefs, scale, X.dtype)
            statistics = self._input_statistics(X, sample_weight, scale, coefs)
        else:
            random_state = getattr(self, "_partial_fit_random_state", None)
            if random_state is None:
                random_state = check_random_state(self.random_state)
            coefs, intercepts = self._warm_layers(X.shape[1], targets.shape[1], X.dtype)
            statistics = self._training_statistics
        one_epoch = self._make_epoch(
            X,
            targets,
            sample_weight,
            coefs,
            intercepts,
            statistics,
            random_state,
            None,
            partial=True,
        )
        with np.errstate(over="ignore", invalid="ignore"):
            loss, _ = one_epoch()
        loss_curve = (self.loss_curve_ if not first_call else []) + [float(loss)]
        if not math.isfinite(loss):
            raise divergence_error(len(loss_curve))
        self._store_training(coefs, intercepts, loss_curve)
        self._target_type, self.classes_ = target_type, classes
        self._training_statistics = statistics
        self._partial_fit_random_state = random_state
        self.loss_curve_ = loss_curve
        self.n_iter_ = len(loss_curve)
        self.validation_scores_ = self.best_validation_score_ = None
        self._after_training(X, targets)
        return self

    def _partial_fit_classes(self, classes, first_call):
        """``classes_`` for a call of ``partial_fit``, by scikit-learn's rule and
        with its messages: required on the first call, unchanged later."""
        if first_call:
            if classes is None:
                raise ValueError(
                    "classes must be passed on the first call to partial_fit."
                )
            return unique_labels(classes)
        if classes is not None and not np.array_equal(
            self.classes_, unique_labels(classes)
        ):
            raise ValueError(
                f"`classes={classes!r}` is not the same as on last call to "
                f"partial_fit, was: {self.classes_!r}"
            )
        return self.classes_

    def _encode_chunk(self, y, classes, first_call):
        """The target type and the unit targets of a ``partial_fit`` chunk,
        whose labels must be among ``classes``."""
        if sparse.issparse(y):
            y = y.toarray()
        if y.ndim == 2 and y.shape[1] == 1:
            y = column_or_1d(y, warn=True)
        check_classification_targets(y)
        if y.ndim == 2:
            target_type = "multilabel-indicator"
            if not np.array_equal(classes, np.arange(y.shape[1])):
                raise ValueError(
                    f"A multilabel y of {y.shape[1]} columns needs "
                    f"classes=arange({y.shape[1]}); got classes {classes.tolist()}."
                )
            targets = y.astype(bool)
        else:
            if len(classes) < 2:
                raise ValueError(
                    f"classes must hold at least 2 classes; got {classes.tolist()}."
                )
            unseen = np.setdiff1d(y, classes)
            if unseen.size:
                raise ValueError(
                    f"y contains labels {unseen.tolist()} that are not in "
                    f"classes {classes.tolist()}. Give every class of the data "
                    "in classes on the first call to partial_fit."
                )
            target_type = "binary" if len(classes) == 2 else "multiclass"
            targets = _unit_targets(np.searchsorted(classes, y), len(classes))
        if not first_call and target_type != self._target_type:
            raise ValueError(
                f"partial_fit got a {target_type!r} y after a "
                f"{self._target_type!r} one; the kind of target cannot change."
            )
        return target_type, targets

    def _warm_layers(self, n_features, n_outputs, dtype):
        """Copies of the previous fit's layers, checked against the new shapes."""
        coefs, intercepts = self._fitted_layers()
        sizes = [coefs[0].shape[0]] + [coef.shape[1] for coef in coefs]
        if sizes != self._layer_sizes(n_features, n_outputs):
            raise ValueError(
                "warm_start can only continue a fit with the same layer sizes: "
                f"the previous fit has {sizes}, this one needs "
                f"{self._layer_sizes(n_features, n_outputs)}. Set "
                "warm_start=False to fit from scratch."
            )
        return (
            [coef.astype(dtype) for coef in coefs],
            [intercept.astype(dtype) for intercept in intercepts],
        )

    def _record_training(self, record, warm):
        """Set ``loss_curve_``, ``n_iter_`` and the validation scores.

        A warm start extends the previous fit's curves, as MLPClassifier does.
        """
        self.loss_curve_ = (self.loss_curve_ if warm else []) + record.loss_curve
        self.n_iter_ = len(self.loss_curve_)
        if self.early_stopping:
            previous_scores = (self.validation_scores_ if warm else None) or []
            self.validation_scores_ = previous_scores + record.scores
            self.best_validation_score_ = record.best_score
        else:
            self.validation_scores_ = None
            self.best_validation_score_ = None

    def _sample_weight(self, X, y, sample_weight):
        """Validated sample weights times the class weights, in X's dtype."""
        sample_weight = _check_sample_weight(
            sample_weight, X, dtype=X.dtype, ensure_non_negative=True
        )
        if self.class_weight is not None:
            class_weight = compute_sample_weight(self.class_weight, y)
            sample_weight = sample_weight * class_weight.astype(X.dtype)
            if not sample_weight.any():
                raise ValueError(
                    "The class weights times the sample weights are all zero; "
                    "give at least one sample a positive weight."
                )
        return sample_weight

    def _hold_out(self, X, y, targets, sample_weight, random_state):
        """Split off ``validation_fraction`` of the samples for early stopping.

        The split is stratified by class, as MLPClassifier's is.
        """
        stratify = None if self._target_type == "multilabel-indicator" else y
        train, validation = train_test_split(
            np.arange(X.shape[0]),
            test_size=self.validation_fraction,
            stratify=stratify,
            random_state=random_state,
        )
        if not (sample_weight[train].any() and sample_weight[validation].any()):
            raise ValueError(
                "The early-stopping split left no positive sample weight on one "
                "side; change validation_fraction or random_state."
            )
        return (
            X[train],
            targets[train],
            sample_weight[train],
            (X[validation], targets[validation], sample_weight[validation]),
        )

    def _check_warm_classes(self, warm, target_type, classes):
        """A warm start continues a fit only on the same classes."""
        if warm and not (
            target_type == self._target_type and np.array_equal(classes, self.classes_)
        ):
            raise ValueError(
                "warm_start can only continue a fit on the same classes: the "
                f"previous fit saw {self.classes_.tolist()} ({self._target_type}), "
                f"this one {classes.tolist()} ({target_type}). Set "
                "warm_start=False to fit from scratch."
            )

    def _validate_and_encode(self, X, y, warm):
        """Validate ``X, y``, set ``classes_``; return X, y, the unit targets and
        X's largest magnitude.

        The targets, 1 where a unit should fire, are booleans: an eighth of
        the memory of float64 ones, which on 10 classes and 50 features was
        a fifth of X's size.
        """
        X, y = _validate(self, X, y, multi_output=True, reset=not warm)
        largest = _finite_largest_magnitude(self, X)
        if sparse.issparse(y):
            y = y.toarray()
        if y.ndim == 2 and y.shape[1] == 1:
            # Warns DataConversionWarning, as scikit-learn does for a column y.
            y = column_or_1d(y, warn=True)
        # One type_of_target (a np.unique of y) serves both checks; scikit-learn's
        # check, with its message for continuous targets, runs on the error path.
        target_type = type_of_target(y, input_name="y")
        if target_type not in _SUPPORTED_TARGETS:
            check_classification_targets(y)
            raise ValueError(
                f"{type(self).__name__} supports binary, multiclass and "
                f"multilabel-indicator targets; got a {target_type!r} y."
            )
        if target_type == "multilabel-indicator":
            classes, class_index = np.arange(y.shape[1]), None
        else:
            classes, class_index = np.unique(y, return_inverse=True)
        self._check_warm_classes(warm, target_type, classes)
        self._target_type, self.classes_ = target_type, classes
        if target_type == "multilabel-indicator":
            return X, y, y.astype(bool), largest
        check_two_classes(classes)
        return X, y, _unit_targets(class_index, len(classes)), largest

    @_maps_dask_blocks
    def decision_function(self, X):
        """Margin of each output unit: ``X @ coef_.T + intercept_`` for a single
        layer, the output layer's ``A @ coefs_[-1] + intercepts_[-1]`` for a network.

        Parameters
        ----------
        X : {array-like, DataFrame} of shape (n_samples, n_features)
            Input samples.

        Returns
        -------
        margins : ndarray of shape (n_samples,) or (n_samples, n_units)
            Signed distance to each unit's threshold, raveled for a binary target.
            Positive margins are predictions of the positive class.
        """
        check_is_fitted(self)
        X = _validate(self, X, reset=False)
        compiled = self._compiled_margins(X)
        if not compiled:
            _assert_finite(self, X)
        margins = self._margins(X)
        # The compiled pass has no BLAS threads to share the cores with, and
        # shows a NaN or an infinity in X in the margins of its row; then
        # scikit-learn's test names it. (Finite X may overflow a margin too.)
        if compiled and not np.isfinite(margins).all():
            _assert_finite(self, X)
        return margins.ravel() if self._target_type == "binary" else margins

    def _compiled_margins(self, X):
        """Whether :meth:`_margins` takes the compiled pass: one layer, large X
        of the weights' dtype (the pass sums in X's dtype)."""
        coefs = self._fitted_layers()[0]
        return len(coefs) == 1 and use_compiled(X) and X.dtype == coefs[0].dtype

    def _margins(self, X):
        """Margins of every unit, shape (n_samples, n_units), for validated X."""
        coefs, intercepts = self._fitted_layers()
        if self._compiled_margins(X):
            from sksigmoid._kernels import margins

            return margins(X, coefs[0], intercepts[0])
        # Inputs far larger than the training data may overflow the margin; an
        # infinite margin is the right limit there and saturates the sigmoid.
        with np.errstate(over="ignore"):
            return forward(X, coefs, intercepts)[1]

    @_maps_dask_blocks
    def predict(self, X):
        """Predict class labels (or the label indicator matrix) for ``X``.

        Parameters
        ----------
        X : {array-like, DataFrame} of shape (n_samples, n_features)
            Input samples.

        Returns
        -------
        y_pred : ndarray of shape (n_samples,) or (n_samples, n_labels)
            A binary unit fires above its threshold; among several units the
            one with the largest margin wins; multilabel units fire independently.
        """
        margins = self.decision_function(X)
        if self._target_type == "binary":
            return self.classes_[(margins > 0).astype(int)]
        if self._target_type == "multiclass":
            return self.classes_[np.argmax(margins, axis=1)]
        return (margins > 0).astype(int)

    def _probability_margins(self, margins):
        """Argument of the sigmoid that gives each unit's probability."""
        return margins

    @_maps_dask_blocks
    def predict_log_proba(self, X):
        """Logarithm of :meth:`predict_proba`, computed without underflow.

        Parameters
        ----------
        X : {array-like, DataFrame} of shape (n_samples, n_features)
            Input samples.

        Returns
        -------
        log_proba : ndarray of shape (n_samples, n_classes)
            Log-probability of each class, in the order of ``classes_``.
        """
        return self._class_probabilities(X, log=True)

    def _multiclass_log_proba(self, margins):
        """Log-probabilities of the classes from the units' margins."""
        return normalized_log_sigmoid(margins)

    @_maps_dask_blocks
    def predict_proba(self, X):
        """Probability of each class.

        Parameters
        ----------
        X : {array-like, DataFrame} of shape (n_samples, n_features)
            Input samples.

        Returns
        -------
        proba : ndarray of shape (n_samples, n_classes)
            Binary: ``[1 - p, p]`` with ``p`` the unit's output. Multiclass:
            the units' outputs normalised to sum to one. Multilabel: each
            label's unit output, independently. The estimator's Notes say how
            a unit's margin becomes its output.
        """
        return self._class_probabilities(X, log=False)

    def _class_probabilities(self, X, *, log):
        """:meth:`predict_proba`, or its logarithm with ``log=True``."""
        margins = self._probability_margins(self.decision_function(X))
        if self._target_type == "multiclass":
            log_proba = self._multiclass_log_proba(margins)
            return log_proba if log else np.exp(log_proba)
        # Each unit's output (or its log) directly, accurate near 0 and near 1;
        # the exp of the log would cost a logaddexp and an exp per value more.
        unit_output = log_sigmoid if log else sigmoid
        if self._target_type == "binary":
            return np.column_stack([unit_output(-margins), unit_output(margins)])
        return unit_output(margins)
