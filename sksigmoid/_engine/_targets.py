"""The target encoders, and the sample weights they weigh by class.

A unit's target is 1 where it should fire: one unit for two classes (the second
class's), one per class otherwise, one per label of a multilabel indicator
matrix. :class:`TargetEncoder` owns that encoding both ways, as
``MLPClassifier``'s ``LabelBinarizer`` does, for ``fit`` (classes found in y),
``partial_fit`` (classes given on the first call) and the blocks of a dask fit
(classes found on the cluster) alike, and so the class weights of each sample.
A regressor's linear output units learn quantities standardized by
:class:`QuantityEncoder`, which maps their outputs back.
"""

from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sklearn.utils._unique import attach_unique, cached_unique
from sklearn.utils.class_weight import compute_class_weight, compute_sample_weight
from sklearn.utils.multiclass import check_classification_targets, type_of_target
from sklearn.utils.validation import _check_sample_weight, column_or_1d

from sksigmoid._engine._math import log_sigmoid, sigmoid

SUPPORTED_TARGETS = ("binary", "multiclass", "multilabel-indicator")


def as_label_array(y):
    """``y`` as a dense array, a single column raveled (with scikit-learn's
    DataConversionWarning, as for any column y)."""
    if sparse.issparse(y):
        y = y.toarray()
    if y.ndim == 2 and y.shape[1] == 1:
        y = column_or_1d(y, warn=True)
    return y


def check_two_classes(classes):
    """Raise scikit-learn's error for a target of a single class."""
    if len(classes) < 2:
        raise ValueError(
            "This classifier needs samples of at least 2 classes in the data, "
            f"but the data contains only one class: {classes.tolist()[0]!r}."
        )


@dataclass(frozen=True)
class TargetEncoder:
    """The encoding of labels as the output units' 0/1 targets.

    Parameters
    ----------
    target_type : {"binary", "multiclass", "multilabel-indicator"}
        The kind of target, as ``type_of_target`` names it.
    classes : ndarray
        The sorted class labels (``arange(n_labels)`` for a multilabel target).
    """

    target_type: str
    classes: np.ndarray

    @classmethod
    def from_labels(cls, y, estimator_name):
        """The encoding of the labels ``y`` (``fit``): classes found in y, at
        least two of them."""
        if y.ndim == 1 and y.dtype.kind in "biuU":
            # Integers, booleans and strings in one column: type_of_target's
            # answer from the classes alone, without its checks of floats,
            # objects and shapes (a fifteenth of a small fit's time).
            classes = np.unique(y)
            check_two_classes(classes)
            return cls("binary" if len(classes) == 2 else "multiclass", classes)
        # One type_of_target serves both checks; scikit-learn's check, with its
        # message for continuous targets, runs on the error path. The view
        # carries np.unique(y) for type_of_target and the classes, computed once
        # (a twentieth of a small fit's time).
        labels = attach_unique(y)
        target_type = type_of_target(labels, input_name="y")
        if target_type not in SUPPORTED_TARGETS:
            check_classification_targets(y)
            raise ValueError(
                f"{estimator_name} supports binary, multiclass and "
                f"multilabel-indicator targets; got a {target_type!r} y."
            )
        if y.ndim == 2:
            return cls(target_type, np.arange(y.shape[1]))
        classes = cached_unique(labels)
        check_two_classes(classes)
        return cls(target_type, classes)

    @classmethod
    def from_classes(cls, classes, y):
        """The encoding of a ``partial_fit`` chunk ``y`` whose labels must be
        among ``classes``, every class of the whole data."""
        check_classification_targets(y)
        if y.ndim == 2:
            if not np.array_equal(classes, np.arange(y.shape[1])):
                raise ValueError(
                    f"A multilabel y of {y.shape[1]} columns needs "
                    f"classes=arange({y.shape[1]}); got classes {classes.tolist()}."
                )
            return cls("multilabel-indicator", classes)
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
        return cls("binary" if len(classes) == 2 else "multiclass", classes)

    @property
    def n_units(self):
        """Number of output units: one for two classes, else one per class."""
        return 1 if self.target_type == "binary" else len(self.classes)

    def encode(self, y):
        """The units' targets for labels ``y``: booleans of shape
        (n_samples, n_units), an eighth of the memory of float64 ones."""
        if self.target_type == "multilabel-indicator":
            return y.astype(bool)
        class_index = np.searchsorted(self.classes, y)
        if self.target_type == "binary":
            return (class_index == 1)[:, np.newaxis]
        return class_index[:, np.newaxis] == np.arange(len(self.classes))

    def decode(self, margins):
        """The labels the units' margins predict: a binary unit fires above its
        threshold, among several units the largest margin wins, multilabel
        units fire independently."""
        if self.target_type == "binary":
            return self.classes[(margins > 0).astype(int)]
        if self.target_type == "multiclass":
            return self.classes[np.argmax(margins, axis=1)]
        return (margins > 0).astype(int)

    def probabilities(self, margins, *, log, multiclass_log_proba):
        """The class probabilities (or their logarithms) of the units'
        probability margins: each binary or multilabel unit's sigmoid, and
        ``multiclass_log_proba(margins)`` for several classes."""
        if self.target_type == "multiclass":
            log_proba = multiclass_log_proba(margins)
            return log_proba if log else np.exp(log_proba)
        # Each unit's output (or its log) directly, accurate near 0 and near 1;
        # the exp of the log would cost a logaddexp and an exp per value more.
        unit_output = log_sigmoid if log else sigmoid
        if self.target_type == "binary":
            return np.column_stack([unit_output(-margins), unit_output(margins)])
        return unit_output(margins)

    def in_target_units(self, layers):
        """The fitted layers: the trained ones (see
        :meth:`QuantityEncoder.in_target_units`)."""
        return layers

    def standardized(self, layers):
        """The layers training continues: the fitted ones."""
        return layers

    def class_weights(self, class_weight, counts):
        """Each class's weight, in the order of ``classes``, for a target of one
        column; ``counts``, the classes' numbers of samples, serve "balanced"."""
        if class_weight == "balanced":
            return counts.sum() / (len(self.classes) * counts.astype(np.float64))
        return compute_class_weight(class_weight, classes=self.classes, y=self.classes)

    def sample_class_weights(self, y, class_weights):
        """The weight of each sample's class, ``class_weights`` given per class."""
        return class_weights[np.searchsorted(self.classes, y)]

    def check_continues(self, previous, *, incremental):
        """Raise unless this encoding continues ``previous``, the fitted one: a
        warm start and a later ``partial_fit`` chunk keep the classes."""
        if incremental and self.target_type != previous.target_type:
            raise ValueError(
                f"partial_fit got a {self.target_type!r} y after a "
                f"{previous.target_type!r} one; the kind of target cannot change."
            )
        if not (
            self.target_type == previous.target_type
            and np.array_equal(self.classes, previous.classes)
        ):
            raise ValueError(
                "warm_start can only continue a fit on the same classes: the "
                f"previous fit saw {previous.classes.tolist()} "
                f"({previous.target_type}), this one {self.classes.tolist()} "
                f"({self.target_type}). Set warm_start=False to fit from scratch."
            )


@dataclass(frozen=True)
class QuantityEncoder:
    """The standardization of quantities as the linear output units' targets.

    Each output is centred on its weighted mean (without an intercept, not)
    and divided by its weighted standard deviation (its root mean square
    without an intercept; 1 for an output of zeros), so that the units' start,
    step and penalty suit targets of any magnitude (prices in the thousands
    need no tuning). The fitted output layer is mapped back to the targets'
    units (:meth:`in_target_units`), so that it predicts them directly, as
    ``MLPRegressor``'s and ``SGDRegressor``'s do.

    Parameters
    ----------
    target_type : {"continuous", "continuous-multioutput"}
        One output (y of one dimension) or several.
    mean, scale : ndarray of shape (n_outputs,)
        Each output's mean and standard deviation on the training data.
    """

    target_type: str
    mean: np.ndarray
    scale: np.ndarray

    #: A regressor has no classes.
    classes = None

    @classmethod
    def from_targets(cls, y, sample_weight, *, center=True):
        """The standardization of the targets ``y`` (1-D or 2-D, finite) by
        their moments under ``sample_weight``, centred unless not ``center``."""
        target_type = "continuous" if y.ndim == 1 else "continuous-multioutput"
        outputs = y.reshape(y.shape[0], -1).astype(np.float64)
        # Divided by the largest magnitude first: the squares of targets near
        # the float maximum would overflow.
        largest = np.abs(outputs).max(axis=0)
        largest[largest == 0] = 1.0
        outputs = outputs / largest
        # Weighted moments as products: np.average's checks took a tenth of a
        # small fit's time.
        shares = sample_weight / sample_weight.sum()
        mean = shares @ outputs if center else np.zeros(outputs.shape[1])
        deviation = np.sqrt(shares @ (outputs - mean) ** 2)
        return cls.from_moments(target_type, mean * largest, deviation * largest)

    @classmethod
    def from_moments(cls, target_type, mean, deviation):
        """The standardization by the outputs' means and standard deviations;
        a constant output keeps the scale 1."""
        deviation = np.asarray(deviation, dtype=np.float64)
        scale = np.where(deviation > 0, deviation, 1.0)
        return cls(target_type, np.asarray(mean, dtype=np.float64), scale)

    @property
    def n_units(self):
        """Number of output units: one per output."""
        return len(self.mean)

    def encode(self, y, dtype=np.float64):
        """The units' targets: ``(y - mean) / scale``, shape (n_samples,
        n_outputs), in ``dtype``."""
        outputs = y.reshape(y.shape[0], -1)
        return ((outputs - self.mean) / self.scale).astype(dtype, copy=False)

    def in_target_units(self, layers):
        """``layers`` trained on the standardized targets, with the output
        layer's weights and biases mapped to the targets' units (copies)."""
        return self._output_layer_mapped(layers, self.scale, self.mean)

    def standardized(self, layers):
        """The inverse of :meth:`in_target_units`: fitted layers as training
        continues them (a warm start, a later chunk)."""
        return self._output_layer_mapped(
            layers, 1 / self.scale, -self.mean / self.scale
        )

    @staticmethod
    def _output_layer_mapped(layers, factor, shift):
        coefs, intercepts = list(layers.coefs), list(layers.intercepts)
        dtype = coefs[-1].dtype
        coefs[-1] = (coefs[-1] * factor).astype(dtype, copy=False)
        intercepts[-1] = (intercepts[-1] * factor + shift).astype(dtype, copy=False)
        return type(layers)(coefs, intercepts)

    def check_continues(self, previous, *, incremental):
        """Raise unless these targets continue ``previous``, the fitted
        encoding: a warm start and a later ``partial_fit`` chunk keep the
        number of outputs."""
        if self.target_type != previous.target_type or self.n_units != previous.n_units:
            call = "partial_fit" if incremental else "warm_start"
            raise ValueError(
                f"{call} can only continue a fit with the same outputs: the "
                f"previous fit had {previous.n_units} ({previous.target_type}), "
                f"this y has {self.n_units} ({self.target_type})."
            )


def sample_weights(sample_weight, X, y, encoder, class_weight):
    """Validated sample weights times the class weights, divided by the largest
    of them, in X's dtype.

    Only the weights' ratios matter to a model, and its sums stay finite for
    any finite weights: 40 weights of 1e307 sum to infinity in float64, and
    would give the model of 40 weights of 1.
    """
    if sample_weight is None:
        # All ones, already divided by the largest: scikit-learn's check of
        # None took a tenth of a small fit's time.
        sample_weight = np.ones(X.shape[0])
    else:
        sample_weight = _check_sample_weight(
            sample_weight, X, dtype=np.float64, ensure_non_negative=True
        )
        sample_weight = _divided_by_largest(sample_weight)
    if class_weight is not None:
        if encoder.target_type == "multilabel-indicator":
            # One class weight per label and value, scikit-learn's rule for
            # several outputs.
            class_weights = compute_sample_weight(class_weight, y)
        else:
            counts = None
            if class_weight == "balanced":
                counts = np.bincount(
                    np.searchsorted(encoder.classes, y),
                    minlength=len(encoder.classes),
                )
            class_weights = encoder.sample_class_weights(
                y, encoder.class_weights(class_weight, counts)
            )
        sample_weight = _divided_by_largest(sample_weight * class_weights)
    return sample_weight.astype(X.dtype, copy=False)


def _divided_by_largest(weights):
    """``weights / max(weights)``; a ValueError if they are all zero."""
    largest = weights.max(initial=0.0)
    if not largest > 0:
        raise ValueError(
            "The sample weights (times the class weights) are all zero; "
            "give at least one sample a positive weight."
        )
    # Weights beyond the float maximum's reach (1e308 times 1e300 class
    # weights) are infinite here, and refused as sample weights are.
    if not np.isfinite(largest):
        raise ValueError("The sample weights times the class weights overflow.")
    return weights / largest


# END
