"""What every unit shares: validation, target encoding, the start, fit and predict.

A unit computes one margin ``z = x @ w + b`` per output. Subclasses supply only
their update rule (:meth:`_BaseUnit._make_epoch`) and, where it differs, how a
margin becomes a probability (:meth:`_BaseUnit._probability_margins`).
"""

from numbers import Integral, Real

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, ClassifierMixin, _fit_context
from sklearn.utils import check_random_state
from sklearn.utils._param_validation import Interval
from sklearn.utils.multiclass import check_classification_targets, type_of_target
from sklearn.utils.validation import check_is_fitted, column_or_1d, validate_data

from sksigmoid._activations import log_sigmoid, normalized_log_sigmoid
from sksigmoid._training import divergence_error, run_epochs

_SUPPORTED_TARGETS = ("binary", "multiclass", "multilabel-indicator")


def input_scale(X):
    """Largest magnitude in ``X`` (1.0 for an all-zero ``X``).

    Training runs on ``X / scale``, so the start and the step suit inputs of any
    magnitude, and nothing in a pass can overflow. Truth tables and the tutorials'
    0/1 inputs have scale 1 and are trained exactly as the classic rules say.
    """
    # max and min instead of abs(X).max(): no temporary copy of X.
    largest = max(float(X.max()), -float(X.min()))
    if largest == 0:
        return 1.0
    # Raw weights are the scaled ones divided by the scale; leave them room to
    # reach 1e6 without overflowing the dtype.
    if largest < 1e6 / np.finfo(X.dtype).max:
        raise ValueError(
            f"The largest magnitude in X is {largest:.3g}, too close to zero for "
            f"{X.dtype} weights to represent a model of it. Multiply X by a "
            "constant or scale it with StandardScaler."
        )
    return largest


def initial_weights(random_state, n_features, n_units, scale, dtype):
    """The classic start: uniform in [-1, 1], divided by the input scale.

    The draw ``2 * random_sample((n_features, n_units)) - 1`` is the tutorials'
    own and comes first, before anything else random, so that a fixed
    ``random_state`` reproduces their numbers.
    """
    weights = 2 * random_state.random_sample((n_features, n_units)) - 1
    return (weights / scale).astype(dtype, copy=False)


def _validate(estimator, X, y="no_validation", **check_params):
    """scikit-learn's validate_data, floats kept at 32 or 64 bits.

    Its first finiteness test sums X, which for finite values near the float
    limit is inf - inf; the element-wise test that follows decides, so the
    spurious RuntimeWarning of that sum is silenced.
    """
    with np.errstate(over="ignore", invalid="ignore"):
        return validate_data(
            estimator, X, y, dtype=[np.float64, np.float32], **check_params
        )


class _BaseUnit(ClassifierMixin, BaseEstimator):
    """Layer of independent units, one per output, each with its own margin."""

    _parameter_constraints = {
        "learning_rate": [Interval(Real, 0, None, closed="neither")],
        "n_iter": [Interval(Integral, 1, None, closed="left")],
        "tol": [Interval(Real, 0, None, closed="left"), None],
        "n_iter_no_change": [Interval(Integral, 1, None, closed="left")],
        "fit_intercept": ["boolean"],
        "random_state": ["random_state"],
    }

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.classifier_tags.multi_label = True
        return tags

    def _make_epoch(self, X, targets, coef, intercept, scale, random_state):
        """Return ``one_epoch() -> (loss, converged)``, updating coef and intercept
        in place with the unit's rule on ``X / scale``."""
        raise NotImplementedError

    def _after_training(self, X, targets):
        """Hook for what a unit derives from its trained weights."""

    @_fit_context(prefer_skip_nested_validation=True)
    def fit(self, X, y):
        """Train the units on ``X`` and ``y``.

        Parameters
        ----------
        X : {array-like, DataFrame} of shape (n_samples, n_features)
            Training data.
        y : array-like of shape (n_samples,) or (n_samples, n_labels)
            Class labels, or a binary indicator matrix for multilabel targets.

        Returns
        -------
        self : object
            The fitted estimator.
        """
        X, targets = self._validate_and_encode(X, y)
        random_state = check_random_state(self.random_state)
        scale = input_scale(X)
        coef = initial_weights(
            random_state, X.shape[1], targets.shape[1], scale, X.dtype
        )
        intercept = np.zeros(targets.shape[1], dtype=X.dtype)
        one_epoch = self._make_epoch(X, targets, coef, intercept, scale, random_state)
        # The scaled start keeps margins finite; errstate turns a diverging step
        # into the clear error run_epochs raises instead of overflow warnings.
        with np.errstate(over="ignore", invalid="ignore"):
            self.loss_curve_ = run_epochs(
                one_epoch,
                n_iter=self.n_iter,
                tol=self.tol,
                n_iter_no_change=self.n_iter_no_change,
            )
        self.n_iter_ = len(self.loss_curve_)
        if not (np.isfinite(coef).all() and np.isfinite(intercept).all()):
            raise divergence_error(self.n_iter_)
        self.coef_ = np.ascontiguousarray(coef.T)
        self.intercept_ = intercept
        self._after_training(X, targets)
        return self

    def _validate_and_encode(self, X, y):
        """Validate ``X, y``, set ``classes_`` and return one target column per unit."""
        X, y = _validate(self, X, y, multi_output=True)
        if sparse.issparse(y):
            y = y.toarray()
        if y.ndim == 2 and y.shape[1] == 1:
            # Warns DataConversionWarning, as scikit-learn does for a column y.
            y = column_or_1d(y, warn=True)
        check_classification_targets(y)
        self._target_type = type_of_target(y, input_name="y")
        if self._target_type not in _SUPPORTED_TARGETS:
            raise ValueError(
                f"{type(self).__name__} supports binary, multiclass and "
                f"multilabel-indicator targets; got a {self._target_type!r} y."
            )
        if self._target_type == "multilabel-indicator":
            self.classes_ = np.arange(y.shape[1])
            return X, y.astype(X.dtype)
        self.classes_, class_index = np.unique(y, return_inverse=True)
        if len(self.classes_) < 2:
            raise ValueError(
                "This classifier needs samples of at least 2 classes in the data, "
                f"but the data contains only one class: {self.classes_.tolist()[0]!r}."
            )
        if len(self.classes_) == 2:
            return X, (class_index == 1).astype(X.dtype)[:, np.newaxis]
        columns = np.arange(len(self.classes_))
        return X, (class_index[:, np.newaxis] == columns).astype(X.dtype)

    def decision_function(self, X):
        """Margin ``X @ coef_.T + intercept_`` of each unit.

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
        margins = self._margins(_validate(self, X, reset=False))
        return margins.ravel() if self._target_type == "binary" else margins

    def _margins(self, X):
        """Margins of every unit, shape (n_samples, n_units), for validated X."""
        # Inputs far larger than the training data may overflow the margin; an
        # infinite margin is the right limit there and saturates the sigmoid.
        with np.errstate(over="ignore"):
            return X @ self.coef_.T + self.intercept_

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
        margins = self._probability_margins(self.decision_function(X))
        if self._target_type == "binary":
            return np.column_stack([log_sigmoid(-margins), log_sigmoid(margins)])
        if self._target_type == "multilabel-indicator":
            return log_sigmoid(margins)
        return self._multiclass_log_proba(margins)

    def _multiclass_log_proba(self, margins):
        """Log-probabilities of the classes from the units' margins."""
        return normalized_log_sigmoid(margins)

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
        return np.exp(self.predict_log_proba(X))
