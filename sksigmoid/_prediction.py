"""Prediction from fitted units: margins, labels and class probabilities, or
quantities.

Every estimator of the package predicts from its fitted layers (its
``_fitted_layers()``) the same way: the margins of the output units
(:class:`_FittedUnits`), then a classifier's labels by the target encoding
and probabilities by the unit's link (:class:`_UnitPredictionMixin`), or a
regressor's quantities (its linear outputs mapped back by its encoding). A
dask collection is predicted block by block.
"""

import functools

import numpy as np
from sklearn.utils.validation import check_is_fitted

from sksigmoid._engine._backend import (
    compiled_margins,
    is_dask_collection,
    largest_magnitude,
    output_margins,
)
from sksigmoid._engine._math import normalized_log_sigmoid
from sksigmoid._engine._validation import assert_finite, validate


def _maps_dask_blocks(method):
    """Let a prediction method take a dask collection: the method of each
    block, as a dask array computed when the result is."""

    @functools.wraps(method)
    def method_or_blockwise(self, X):
        if is_dask_collection(X):
            from sksigmoid._engine._dask import blockwise_predictions

            return blockwise_predictions(self, method.__name__, X)
        return method(self, X)

    return method_or_blockwise


class _FittedUnits:
    """The checked margins of fitted units' outputs, for a class that has
    ``_fitted_layers()``."""

    def __sklearn_is_fitted__(self):
        # check_is_fitted's own test iterates over vars(self), which a refit in
        # another thread resizes (scikit-learn's callback context is set and
        # removed on every fit): one key's lookup cannot fail so.
        return "n_iter_" in vars(self)

    def _output_margins(self, X):
        """The margins of every output unit on ``X``, shape (n_samples,
        n_units), after scikit-learn's checks of a fitted estimator and its
        input; finite, or a ValueError naming the row that overflows."""
        check_is_fitted(self)
        X = validate(self, X, reset=False)
        compiled = compiled_margins(X, self._fitted_layers().coefs)
        if not compiled:
            assert_finite(self, X)
        with np.errstate(over="ignore", invalid="ignore"):
            margins = self._margins(X)
        if not np.isfinite(margins).all():
            # The compiled pass shows a NaN or an infinity in X in the margins
            # of its row (scikit-learn's test names it); finite X may overflow.
            if compiled:
                assert_finite(self, X)
            _refuse_overflowing_margins(X, margins)
        return margins

    def _margins(self, X):
        """Margins of every unit, shape (n_samples, n_units), for validated X."""
        layers = self._fitted_layers()
        return output_margins(X, layers.coefs, layers.intercepts)


class _UnitPredictionMixin(_FittedUnits):
    """``decision_function``, ``predict``, ``predict_proba`` and
    ``predict_log_proba`` of fitted units, for a class that has
    ``_fitted_layers()`` and ``_target_encoder()``."""

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
        margins = self._output_margins(X)
        return margins.ravel() if self._target_type == "binary" else margins

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
            class of largest ``predict_proba`` wins (the first of ties: far from
            the data); multilabel units fire independently.
        """
        margins = self.decision_function(X)
        if self._target_type == "multiclass":
            # predict_proba's first of its largest: far from the data the
            # normalised sigmoids tie (0.5, 0.5), margins alone would not.
            probabilities = self._probabilities_of_margins(margins, log=False)
            return self.classes_[np.argmax(probabilities, axis=1)]
        return self._target_encoder().decode(margins)

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
        return self._probabilities_of_margins(self.decision_function(X), log=log)

    # A probability that underflows to 0 is the right limit far from the data,
    # not an error, also under np.errstate(all="raise").
    @np.errstate(under="ignore")
    def _probabilities_of_margins(self, margins, *, log):
        """The class probabilities (or their logarithms) of the units' margins."""
        with np.errstate(over="ignore", invalid="ignore"):
            scaled = self._probability_margins(margins)
        # decision_function checked the margins themselves.
        if scaled is not margins and not np.isfinite(scaled).all():
            _refuse_overflowing_margins(None, scaled)
        return self._target_encoder().probabilities(
            scaled, log=log, multiclass_log_proba=self._multiclass_log_proba
        )


def _refuse_overflowing_margins(X, margins):
    """Raise the ValueError of finite inputs whose margins overflow, naming the
    first such row (a sum of products near the float maximum is infinite, or
    infinity minus infinity, NaN: no label or probability can come of it)."""
    margins = margins.reshape(margins.shape[0], -1)
    row = int(np.flatnonzero(~np.isfinite(margins).all(axis=1))[0])
    size = ""
    if X is not None:
        size = f" (its largest magnitude is {largest_magnitude(X[row]):.3g})"
    raise ValueError(
        f"The margins of row {row} of X overflow {margins.dtype}{size}: its "
        "values are too large for this model's weights. Scale X, for example "
        "with StandardScaler, before fitting and predicting."
    )
