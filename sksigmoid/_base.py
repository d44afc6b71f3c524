"""What every unit shares: its parameters and the one fit path.

A unit computes one margin ``z = x @ w + b`` per output. The weights are kept as
layers (one for a single layer of units, more for a network, whose hidden layers
feed their sigmoid outputs forward). ``fit`` and ``partial_fit`` are one path,
:meth:`_BaseUnit._fit`, over the engine (``sksigmoid._engine``): validate and
encode, start or continue the layers, set the input statistics, run the unit's
epochs, store. Subclasses supply their update rule (:meth:`_BaseUnit._make_epoch`)
and, where they differ, their layer sizes and fitted attributes, and how a margin
becomes a probability (:meth:`_BaseUnit._probability_margins`). Prediction
from the fitted layers is ``_prediction``'s mixin.
"""

import copy
from functools import partial
from numbers import Integral, Real

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, _fit_context
from sklearn.utils import check_random_state
from sklearn.utils._param_validation import Interval, Options, StrOptions
from sklearn.utils.multiclass import _check_partial_fit_first_call

from sksigmoid._engine._callbacks import CallbackSupportMixin, FitTask
from sksigmoid._engine._data import is_cluster_data, training_data
from sksigmoid._engine._layers import Layers, single_layer_start
from sksigmoid._engine._loop import divergence_error, run_epochs, run_one_epoch
from sksigmoid._engine._math import forward, held_out_loss, unit_accuracy
from sksigmoid._engine._stats import InputStatistics
from sksigmoid._engine._targets import TargetEncoder
from sksigmoid._prediction import _UnitPredictionMixin

#: What scikit-learn's callback API sets on an estimator for one fit and removes
#: after it (``_init_callback_context``, then its teardown).
_CALLBACK_FIT_STATE = ("_callback_fit_ctx", "_skl_callbacks_to_teardown")


def _partial_fit_classes(estimator, classes, first_call):
    """``classes_`` for a call of ``partial_fit``, by scikit-learn's rule and
    with its messages: required on the first call, unchanged later."""
    if estimator.class_weight == "balanced":
        raise ValueError(
            "class_weight='balanced' is not supported for partial_fit: a chunk "
            "does not hold the class frequencies. Compute them with "
            "sklearn.utils.class_weight.compute_class_weight('balanced', "
            "classes=classes, y=y) on a large enough sample of y, and pass "
            "the result as class_weight."
        )
    if first_call:
        # The weights, not classes_, tell a first call: a fitted gate has
        # classes_ and weights, and continues.
        estimator.__dict__.pop("classes_", None)
    _check_partial_fit_first_call(estimator, classes)
    return estimator.classes_


class _BaseUnit(
    _UnitPredictionMixin, CallbackSupportMixin, ClassifierMixin, BaseEstimator
):
    """Output units, one per output, each with its own margin; by default a
    single layer fed by the inputs."""

    _parameter_constraints = {
        "learning_rate": [Interval(Real, 0, None, closed="neither")],
        "n_iter": [Interval(Integral, 1, None, closed="left")],
        "tol": [Interval(Real, 0, None, closed="left"), None],
        "n_iter_no_change": [
            Interval(Integral, 1, None, closed="left"),
            Options(Real, {np.inf}),
        ],
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

    #: Whether an epoch without an update ends a fit with ``tol=None`` too.
    _stops_without_update = True

    #: The fitted attribute that lists the updates of each epoch, for a unit
    #: whose epochs count them (None: not kept).
    _updates_attribute = None

    #: How many times its first loss a fit's loss may grow before the loop
    #: takes the step for diverging (see ``run_epochs``); None for no limit.
    _max_loss_growth = None

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
        """The fitted :class:`~sksigmoid._engine._layers.Layers` (not copies)."""
        return Layers([self.coef_.T], [self.intercept_])

    def _set_fitted_layers(self, layers):
        """Store trained layers as the fitted attributes."""
        self.coef_ = np.ascontiguousarray(layers.coefs[0].T)
        self.intercept_ = layers.intercepts[0]

    def _make_epoch(self, data, layers, statistics, *, random_state, incremental):
        """The unit's rule: return ``one_epoch() -> (loss, n_updates)``.

        This is the hook an estimator implements (see ``_loop.run_epochs`` for
        what the loop does with the epoch). ``one_epoch`` updates the arrays
        of ``layers`` in place, those of ``layers.trained(fit_intercept)``,
        and returns the epoch's mean training loss and its number of updates
        (None where updates are not counted).

        Parameters
        ----------
        data : ArrayData or BlockData
            The training data (see ``_engine._data``): ``X``, ``targets`` and
            ``sample_weight`` in memory, and for every source the passes a
            full-batch rule needs (``gradient(loss, scale, n_layers)``).
            Training runs on ``X / statistics.scale``.
        layers : Layers
            The weights to train, already scaled for ``X / scale``.
        statistics : InputStatistics
            The input scale and, for a rule with a step, its first step.
        random_state : RandomState
            For rules that draw the order of the rows.
        incremental : bool
            True for the single epoch of ``partial_fit``, which may update in
            smaller batches.
        """
        raise NotImplementedError

    def _input_statistics(self, data, scale, layers):
        """What the units of training are set by, computed on the training
        data: the scale alone, unless a unit's rule needs more."""
        return InputStatistics(scale)

    def _stopping_tolerance(self, data, n_layers):
        """The ``tol`` of the epoch loop for a fit on ``data``."""
        return self.tol

    def _after_training(self, data):
        """Hook for what a unit derives from its trained weights."""

    def _check_cluster_fit(self):
        """Raise if this estimator cannot fit a dask collection in one call."""
        raise TypeError(
            f"{type(self).__name__} cannot fit a dask collection in one call. "
            "Stream its blocks through partial_fit, for example with "
            "dask_ml.wrappers.Incremental."
        )

    @_fit_context(prefer_skip_nested_validation=True)
    def fit(self, X, y, sample_weight=None, *, coef_init=None, intercept_init=None):
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
            Only their ratios matter: they are divided by the largest.
        coef_init : array-like of shape (n_units, n_features), default=None
            The weights to start from, in ``coef_``'s layout (one row per unit:
            one for a binary target, one per class or label otherwise; a 1-D
            array for a single unit), as ``SGDClassifier.fit`` takes them: the
            fit then draws no random start and trains them as a
            ``warm_start`` would, from the first epoch (``loss_curve_`` starts
            anew). With ``coef_init``, ``warm_start`` is ignored.
        intercept_init : array-like of shape (n_units,), default=None
            The biases to start from (zeros if only ``coef_init`` is given; the
            random start's weights if only ``intercept_init`` is). Must be
            zero with ``fit_intercept=False``.

        Returns
        -------
        self : object
            The fitted estimator.

        Notes
        -----
        ``coef_init`` and ``intercept_init`` are keyword-only, so that
        ``fit(X, y, sample_weight)`` keeps its place for ``sample_weight``
        (``SGDClassifier.fit`` takes them before it).
        """
        return self._fit(
            X, y, sample_weight, incremental=False, start=(coef_init, intercept_init)
        )

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

    def _fit(
        self, X, y, sample_weight, *, incremental, classes=None, start=(None, None)
    ):
        """``fit`` (start, then train) or, with ``incremental``, ``partial_fit``
        (continue, one epoch): validate, encode the targets, start or continue
        the layers, set the input statistics, run the unit's epochs, and store
        the fitted attributes, all at the end. A fit that raises leaves the
        estimator as it was (scikit-learn's validation and its partial_fit
        classes check write attributes early). ``start`` holds the weights
        and biases given to ``fit`` to start from, each None if not given."""
        attributes = dict(self.__dict__)
        try:
            # An output that underflows to 0 is the right limit (a saturated
            # unit), not an error, also under np.errstate(all="raise").
            with np.errstate(under="ignore"):
                return self._fit_and_store(
                    X, y, sample_weight, incremental, classes, start
                )
        except BaseException:
            # scikit-learn tears the callbacks set up by this fit down after it.
            callback_state = {
                name: self.__dict__[name]
                for name in _CALLBACK_FIT_STATE
                if name in self.__dict__
            }
            self.__dict__.clear()
            self.__dict__.update(attributes)
            self.__dict__.update(callback_state)
            raise

    def _fit_and_store(self, X, y, sample_weight, incremental, classes, start):
        first_call = not hasattr(self, "n_iter_")
        starts_given = any(weights is not None for weights in start)
        continuing = not first_call and (
            incremental or (self.warm_start and not starts_given)
        )
        if incremental and self.early_stopping:
            raise ValueError(
                "partial_fit does not support early_stopping=True: a chunk holds "
                "no validation set. Score held-out data between calls, or use "
                "fit."
            )
        if incremental:
            classes = _partial_fit_classes(self, classes, first_call)
        elif is_cluster_data(X, y):
            self._check_cluster_fit()
        data, encoder = training_data(
            self, X, y, sample_weight, reset=not continuing, classes=classes
        )
        if continuing:
            encoder.check_continues(self._target_encoder(), incremental=incremental)
        sizes = self._layer_sizes(data.n_features, encoder.n_units)
        coefs_init, intercepts_init = self._starting_weights(*start, sizes, data.dtype)
        task = FitTask(
            self, X, y, sample_weight, max_epochs=1 if incremental else self.n_iter
        )
        random_state = None
        if incremental and continuing:
            random_state = getattr(self, "_partial_fit_random_state", None)
        if random_state is None:
            random_state = check_random_state(self.random_state)
        draws_start = not continuing and coefs_init is None
        if continuing:
            layers = self._fitted_layers().continued(sizes, data.dtype)
        elif draws_start:
            layers = Layers.start(
                sizes, partial(self._initial_weights, random_state), data.dtype
            )
        else:
            layers = Layers.given(coefs_init, sizes, data.dtype)
        if intercepts_init is not None:
            layers.intercepts = intercepts_init
        validation = None
        if self.early_stopping and not incremental:
            # The split draws from a copy of the state, so that the epochs
            # draw what a fit on the training rows alone would.
            data, validation = data.hold_out(
                self.validation_fraction, copy.deepcopy(random_state)
            )
        # partial_fit trains every chunk in the units of the first.
        stored = getattr(self, "_training_statistics", None)
        keeps_statistics = incremental and continuing and stored is not None
        if keeps_statistics:
            statistics = InputStatistics.from_stored(stored)
        else:
            scale = data.input_scale()
            if draws_start:
                layers = layers.scaled_start(scale, data.dtype)
            statistics = self._input_statistics(data, scale, layers)
        one_epoch = self._make_epoch(
            data,
            layers,
            statistics,
            random_state=random_state,
            incremental=incremental,
        )

        def previous(name):
            # A warm start or a later chunk extends the previous fit's lists,
            # as MLPClassifier's curves (an older model may lack a newer one).
            return (getattr(self, name, None) or []) if continuing and name else []

        previous_curve = previous("loss_curve_")
        previous_updates = previous(self._updates_attribute)

        def fitted_attributes(weights, record):
            # The model a fit stopped here leaves, for a callback that asks.
            model = copy.copy(self)
            model._set_fitted(
                layers.with_trained(weights, self.fit_intercept),
                encoder,
                previous_curve + record.loss_curve,
                previous_updates + record.updates,
                data,
            )
            return vars(model)

        epoch_tasks = task.epochs(fitted_attributes, rows=data.source_rows)
        # The scaled start keeps margins finite; errstate turns a diverging step
        # into the clear error of the loop instead of overflow warnings.
        with np.errstate(over="ignore", invalid="ignore"):
            if incremental:
                record = run_one_epoch(
                    one_epoch,
                    len(previous_curve) + 1,
                    weights=layers.trained(self.fit_intercept),
                    epoch_tasks=epoch_tasks,
                )
            else:
                record = self._run_epochs(
                    one_epoch, data, validation, encoder, layers, epoch_tasks
                )
        trained = layers.trained(self.fit_intercept)
        if not all(np.isfinite(weight).all() for weight in trained):
            epochs = len(record.loss_curve) + incremental * len(previous_curve)
            raise divergence_error(epochs)

        if not keeps_statistics:
            self._training_statistics = statistics.as_stored()
        if incremental:
            self._partial_fit_random_state = random_state
        if validation is None:
            self.validation_scores_ = self.best_validation_score_ = None
            self.validation_loss_curve_ = None
        else:
            self.validation_scores_ = previous("validation_scores_") + record.scores
            self.best_validation_score_ = record.best_score
            self.validation_loss_curve_ = (
                previous("validation_loss_curve_") + record.validation_losses
            )
        self._set_fitted(
            layers,
            encoder,
            previous_curve + record.loss_curve,
            previous_updates + record.updates,
            data,
        )
        task.end()
        return self

    def _set_fitted(self, layers, encoder, loss_curve, updates, data):
        """Store the fitted model: its layers, target encoding, loss curve and
        updates per epoch, and what the unit derives from them."""
        self._set_fitted_layers(layers)
        self._target_type, self.classes_ = encoder.target_type, encoder.classes
        self.loss_curve_ = loss_curve
        self.n_iter_ = len(loss_curve)
        if self._updates_attribute:
            setattr(self, self._updates_attribute, updates)
        self._after_training(data)

    def _starting_weights(self, coef_init, intercept_init, sizes, dtype):
        """``fit``'s ``coef_init`` and ``intercept_init``, checked against the
        layer ``sizes``, as the layers' lists (each None if not given)."""
        return single_layer_start(
            coef_init, intercept_init, sizes, dtype, fit_intercept=self.fit_intercept
        )

    def _run_epochs(self, one_epoch, data, validation, encoder, layers, epoch_tasks):
        """The epochs of ``fit``, scored on the held-out rows with early
        stopping, or on the training rows for a unit that keeps its best
        weights (the pocket)."""
        multiclass = encoder.target_type == "multiclass"
        score = validation_loss = None
        if validation is not None or self._keeps_best_training_weights:
            score = self._accuracy_of(
                validation if validation is not None else data,
                layers,
                multiclass=multiclass,
            )
        if validation is not None:

            def validation_loss():
                _, margins = forward(validation.X, layers.coefs, layers.intercepts)
                return held_out_loss(
                    self._held_out_loss_name(),
                    margins,
                    validation.targets,
                    multiclass,
                    validation.sample_weight,
                )

        return run_epochs(
            one_epoch,
            n_iter=self.n_iter,
            tol=self._stopping_tolerance(data, len(layers.coefs)),
            n_iter_no_change=self.n_iter_no_change,
            min_updates=self._min_updates_without_improvement,
            max_loss_growth=self._max_loss_growth,
            stop_without_update=self._stops_without_update,
            weights=layers.trained(self.fit_intercept),
            score=score,
            stop_on_score=self.early_stopping,
            score_name=(
                "validation score" if self.early_stopping else "training accuracy"
            ),
            validation_loss=validation_loss,
            epoch_tasks=epoch_tasks,
            verbose=self.verbose,
        )

    def _held_out_loss_name(self):
        """The loss of ``validation_loss_curve_`` (see ``_math.held_out_loss``)."""
        return "perceptron"

    def _accuracy_of(self, rows, layers, *, multiclass):
        """``score()``: the accuracy of the current ``layers`` on ``rows``."""

        def score():
            _, margins = forward(rows.X, layers.coefs, layers.intercepts)
            return unit_accuracy(margins, rows.targets, multiclass, rows.sample_weight)

        return score

    def _target_encoder(self):
        """The fitted target encoding."""
        return TargetEncoder(self._target_type, self.classes_)
