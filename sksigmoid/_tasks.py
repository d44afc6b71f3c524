"""What a unit's task adds to the one fit path: class labels or quantities.

A classifier (:class:`_ClassifierUnits`) encodes labels as 0/1 targets, takes
``classes`` in ``partial_fit``, scores by accuracy and predicts labels and
probabilities; a regressor (:class:`_RegressorUnits`) standardizes its
targets, scores by R^2 and predicts quantities from linear output units. Each
estimator is one of these mixins on a unit's training (``_base._BaseUnit``,
``_sigmoid_units._SigmoidUnits``), as ``MLPClassifier`` and ``MLPRegressor``
are ``ClassifierMixin`` and ``RegressorMixin`` on one multilayer perceptron.
"""

from functools import partial

from sklearn.base import ClassifierMixin, RegressorMixin, _fit_context
from sklearn.metrics import r2_score
from sklearn.utils.multiclass import _check_partial_fit_first_call

from sksigmoid._engine._math import forward
from sksigmoid._engine._solvers import REGRESSION_FULL_BATCH_MAX_ROWS
from sksigmoid._engine._targets import QuantityEncoder, TargetEncoder
from sksigmoid._prediction import _maps_dask_blocks, _UnitPredictionMixin


class _ClassifierUnits(_UnitPredictionMixin, ClassifierMixin):
    """Output units that learn class labels: one unit for two classes, one
    per class or label otherwise."""

    #: Whether the targets are quantities (see ``_data.training_data``).
    _learns_quantities = False

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.classifier_tags.multi_label = True
        return tags

    @_fit_context(prefer_skip_nested_validation=True)
    def partial_fit(self, X, y, classes=None, sample_weight=None):
        """Train the units for one epoch on a chunk of data.

        Out-of-core and streaming training: each call makes one pass over the
        given rows with the unit's rule (mini-batches of ``batch_size`` rows
        for the sigmoid units, one update per misclassified sample for the
        threshold unit), continuing from the weights of the previous call or
        ``fit``. ``n_iter``, ``tol`` and ``early_stopping`` do not apply. The
        first call sets the training's input statistics (the input scale
        and, for ``learning_rate="auto"``, the step) from its chunk; later
        chunks are trained alike. The sigmoid units run ``solver="gd"``.

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
            Weight of each sample in the loss and the updates, divided by the
            chunk's largest (the ratios within a chunk are what count).

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
        return self._fit(X, y, sample_weight, incremental=True, classes=classes)

    def _partial_fit_classes(self, classes, first_call):
        """``classes_`` for a call of ``partial_fit``, by scikit-learn's rule
        and with its messages: required on the first call, unchanged later."""
        if self.class_weight == "balanced":
            raise ValueError(
                "class_weight='balanced' is not supported for partial_fit: a "
                "chunk does not hold the class frequencies. Compute them with "
                "sklearn.utils.class_weight.compute_class_weight('balanced', "
                "classes=classes, y=y) on a large enough sample of y, and pass "
                "the result as class_weight."
            )
        if first_call:
            # The weights, not classes_, tell a first call: a fitted gate has
            # classes_ and weights, and continues.
            self.__dict__.pop("classes_", None)
        _check_partial_fit_first_call(self, classes)
        return self.classes_

    def _set_target_encoding(self, encoder):
        self._target_type, self.classes_ = encoder.target_type, encoder.classes

    def _target_encoder(self):
        """The fitted target encoding."""
        return TargetEncoder(self._target_type, self.classes_)


def _r2_of(rows, layers):
    """The R^2 of the current ``layers`` on ``rows`` (of standardized
    targets: R^2 does not change when an output is shifted and scaled)."""
    _, margins = forward(rows.X, layers.coefs, layers.intercepts)
    return float(r2_score(rows.targets, margins, sample_weight=rows.sample_weight))


class _RegressorUnits(RegressorMixin):
    """Linear output units that learn quantities, one per output, trained on
    the targets standardized by ``_targets.QuantityEncoder``."""

    _learns_quantities = True
    _full_batch_max_rows = REGRESSION_FULL_BATCH_MAX_ROWS

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.target_tags.multi_output = True
        return tags

    @_fit_context(prefer_skip_nested_validation=True)
    def partial_fit(self, X, y, sample_weight=None):
        """Train the units for one epoch on a chunk of data.

        Out-of-core and streaming training: each call makes one pass over the
        given rows in mini-batches of ``batch_size`` rows (the LMS rule,
        ``solver="gd"``), continuing from the weights of the previous call or
        ``fit``. ``n_iter``, ``tol`` and ``early_stopping`` do not apply. The
        first call sets the training's input statistics (the input scale and,
        for ``learning_rate="auto"``, the step) and the targets'
        standardization from its chunk; later chunks are trained alike.

        Parameters
        ----------
        X : {array-like, DataFrame} of shape (n_samples, n_features)
            A chunk of training data.
        y : array-like of shape (n_samples,) or (n_samples, n_outputs)
            Its target values.
        sample_weight : array-like of shape (n_samples,), default=None
            Weight of each sample in the loss and the updates, divided by the
            chunk's largest (the ratios within a chunk are what count).

        Returns
        -------
        self : object
            The estimator, trained on one more chunk.
        """
        return self._fit(X, y, sample_weight, incremental=True)

    def _partial_fit_classes(self, classes, first_call):
        return None

    @_maps_dask_blocks
    def predict(self, X):
        """Predict the target values of ``X``: the linear output units'
        outputs.

        Parameters
        ----------
        X : {array-like, DataFrame} of shape (n_samples, n_features)
            Input samples.

        Returns
        -------
        y_pred : ndarray of shape (n_samples,) or (n_samples, n_outputs)
            The predicted values, raveled for a y of one dimension.
        """
        outputs = self._output_margins(X)
        return outputs.ravel() if self._target_type == "continuous" else outputs

    def _set_target_encoding(self, encoder):
        self._target_type = encoder.target_type
        self._target_mean, self._target_scale = encoder.mean, encoder.scale

    def _target_encoder(self):
        """The fitted standardization of the targets."""
        return QuantityEncoder(self._target_type, self._target_mean, self._target_scale)

    def _score_of(self, rows, layers, *, multiclass):
        """The score of the current ``layers`` on ``rows`` (the held-out score
        of early stopping): R^2, as ``score()``."""
        return partial(_r2_of, rows, layers)

    def _held_out_loss_name(self):
        return "linear_squared_error"


def _refuses_class_weight(constraints):
    """A regressor's parameter constraints: a unit's, without ``class_weight``."""
    return {name: rule for name, rule in constraints.items() if name != "class_weight"}
