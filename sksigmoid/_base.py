"""What every unit shares: its parameters and the one fit path.

A unit computes one margin ``z = x @ w + b`` per output. The weights are kept as
layers (one for a single layer of units, more for a network, whose hidden layers
feed their sigmoid outputs forward). ``fit`` and ``partial_fit`` are one path,
:meth:`_BaseUnit._fit` = start + train + store, over the engine
(``sksigmoid._engine``): the start validates and encodes, plans the training
(which step rule, which tolerance), starts or continues the layers and sets the
input statistics (:class:`_FitStart`); the train runs the unit's epochs through
the one loop with a stopping rule and a list of observers; the store writes the
fitted attributes. Subclasses supply their plan and update rule
(:meth:`_BaseUnit._make_epoch`) and, where they differ, their layer sizes and
fitted attributes, and how a margin becomes a probability
(:meth:`_BaseUnit._probability_margins`). Prediction from the fitted layers is
``_prediction``'s mixin.
"""

import copy
from dataclasses import dataclass
from functools import cache, partial
from numbers import Integral, Real

import numpy as np
from sklearn.base import BaseEstimator, _fit_context
from sklearn.utils._param_validation import Interval, Options, StrOptions

from sksigmoid._engine._callbacks import CallbackSupportMixin, FitTask
from sksigmoid._engine._data import is_cluster_data, training_data
from sksigmoid._engine._layers import Layers, single_layer_start
from sksigmoid._engine._loop import (
    EpochScore,
    StoppingRule,
    divergence_error,
    fit_observers,
    run_epochs,
)
from sksigmoid._engine._math import forward, held_out_loss, unit_accuracy
from sksigmoid._engine._shuffle import borrow_random_state, give_back_random_state
from sksigmoid._engine._solvers import TrainingPlan
from sksigmoid._engine._stats import InputStatistics
from sksigmoid._prediction import _FittedUnits

#: What scikit-learn's callback API sets on an estimator for one fit and removes
#: after it (``_init_callback_context``, then its teardown).
_CALLBACK_FIT_STATE = ("_callback_fit_ctx", "_skl_callbacks_to_teardown")

#: The fitted lists that a warm start or a later chunk extends.
_EXTENDED_LISTS = ("loss_curve_", "validation_scores_", "validation_loss_curve_")


@dataclass
class _FitStart:
    """Everything a fit's training starts from, made by ``_BaseUnit._start``."""

    #: The training rows (``ArrayData`` or ``_dask.BlockData``).
    data: object
    #: The held-out rows of early stopping, or None.
    validation: object
    #: The target encoding (``_targets.TargetEncoder`` or ``QuantityEncoder``).
    encoder: object
    #: The layers to train, scaled for ``X / statistics.scale``.
    layers: Layers
    statistics: InputStatistics
    plan: TrainingPlan
    random_state: np.random.RandomState
    #: scikit-learn's callback task of this call.
    task: FitTask
    #: Whether this call continues the fitted model (warm start, later chunk).
    continuing: bool
    incremental: bool
    #: The previous fit's lists this one extends, by attribute name.
    previous: dict

    @property
    def first_epoch(self):
        """The number of this call's first epoch in the whole training."""
        if self.incremental:
            return len(self.previous["loss_curve_"]) + 1
        return 1


def _loss_of(loss_name, rows, layers, multiclass):
    """The held-out loss ``loss_name`` of the current ``layers`` on ``rows``."""
    _, margins = forward(rows.X, layers.coefs, layers.intercepts)
    return held_out_loss(
        loss_name, margins, rows.targets, multiclass, rows.sample_weight
    )


def _accuracy_of(rows, layers, multiclass):
    """The accuracy of the current ``layers`` on ``rows``."""
    _, margins = forward(rows.X, layers.coefs, layers.intercepts)
    return unit_accuracy(margins, rows.targets, multiclass, rows.sample_weight)


@cache
def _param_names(estimator_class):
    """scikit-learn's ``_get_param_names`` of a class, read once."""
    return tuple(BaseEstimator._get_param_names.__func__(estimator_class))


class _BaseUnit(_FittedUnits, CallbackSupportMixin, BaseEstimator):
    """Output units, one per output, each with its own margin; by default a
    single layer fed by the inputs. What a classifier or a regressor adds
    (targets, prediction, scores) is ``_tasks``' mixin."""

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

    @classmethod
    def _get_param_names(cls):
        # scikit-learn reads the signature of __init__ anew in every
        # get_params (35 us, a twentieth of a small fit); it is the class's.
        return list(_param_names(cls))

    #: Whether, without early stopping, the weights of the epoch with the best
    #: training accuracy are kept (Gallant's pocket) rather than the last ones.
    _keeps_best_training_weights = False

    #: The unit's settings of the loop's :class:`StoppingRule` beyond its
    #: parameters: ``min_updates``, ``max_loss_growth``, ``stop_without_update``.
    _stopping_settings = {}

    #: The fitted list of each epoch's updates, for a unit that counts them.
    _updates_attribute = None

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = True
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

    def _plan(self, data, n_layers, incremental):
        """The ``TrainingPlan`` of a fit: one update a sample (the perceptron's
        online rule) with the constant step of ``learning_rate``, ``tol``'s."""
        return TrainingPlan(
            solver="perceptron",
            batch_size=1,
            flat_spot_offset=0.0,
            tol=self.tol,
            learning_rate=self.learning_rate,
            adaptive=False,
        )

    def _unused_inputs(self, data):
        """The inputs whose drawn start weights are zeroed (a mask), or None."""
        return None

    def _input_statistics(self, data, layers, plan, stored=None):
        """The input statistics training runs in: the training data's scale (a
        unit's rule may need more), or ``stored``'s (a later ``partial_fit``)."""
        if stored is not None:
            return InputStatistics.from_stored(stored)
        return InputStatistics(data.input_scale())

    def _make_epoch(self, data, layers, statistics, plan, random_state):
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
            The input scale and, for a rule whose step the data set, the step.
        plan : TrainingPlan
            The rule to run, its rows per update and its step.
        random_state : RandomState
            For rules that draw the order of the rows.
        """
        raise NotImplementedError

    def _after_training(self, data, plan):
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
        y : array-like of shape (n_samples,) or (n_samples, n_outputs)
            Class labels, or a binary indicator matrix for multilabel targets;
            a regressor's target values.
        sample_weight : array-like of shape (n_samples,), default=None
            Weight of each sample in the loss and the updates (multiplied by
            the ``class_weight`` of its class). None gives every sample weight 1.
            Only their ratios matter: they are divided by the largest.
        coef_init : array-like of shape (n_units, n_features), default=None
            The weights to start from, in ``coef_``'s layout (one row per unit:
            one for a binary target or a single output, one per class, label
            or output otherwise; a 1-D array for a single unit), as
            ``SGDClassifier.fit`` takes them: the fit then draws no random
            start and trains them as a ``warm_start`` would, from the
            first epoch (``loss_curve_`` starts anew). With ``coef_init``,
            ``warm_start`` is ignored.
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
            X, y, sample_weight, incremental=False, given=(coef_init, intercept_init)
        )

    def _fit(
        self, X, y, sample_weight, *, incremental, classes=None, given=(None, None)
    ):
        """``fit`` (start, then train) or, with ``incremental``, ``partial_fit``
        (continue, one epoch), the fitted attributes all stored at the end. A
        fit that raises leaves the estimator as it was (scikit-learn's
        validation and its partial_fit classes check write attributes early).
        ``given`` holds the weights and biases given to ``fit`` to start from,
        each None if not given."""
        attributes = dict(self.__dict__)
        try:
            # An output that underflows to 0 is the right limit (a saturated
            # unit), not an error, also under np.errstate(all="raise").
            with np.errstate(under="ignore"):
                start = self._start(X, y, sample_weight, incremental, classes, given)
                record = self._train(start)
                self._store(start, record)
                start.task.end()
            if not incremental:
                # partial_fit keeps its state for the next call.
                give_back_random_state(start.random_state, self.random_state)
            return self
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

    def _start(self, X, y, sample_weight, incremental, classes, given):
        """Validate and encode, plan the training, start or continue the layers,
        and set the input statistics: the :class:`_FitStart`."""
        first_call = not hasattr(self, "n_iter_")
        starts_given = any(weights is not None for weights in given)
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
            classes = self._partial_fit_classes(classes, first_call)
        elif is_cluster_data(X, y):
            self._check_cluster_fit()
        data, encoder = training_data(
            self, X, y, sample_weight, reset=not continuing, classes=classes,
            previous=self._target_encoder() if continuing else None,
        )  # fmt: skip
        if continuing:
            encoder.check_continues(self._target_encoder(), incremental=incremental)
        sizes = self._layer_sizes(data.n_features, encoder.n_units)
        coefs_init, intercepts_init = self._starting_weights(*given, sizes, data.dtype)
        task = FitTask(
            self, X, y, sample_weight, max_epochs=1 if incremental else self.n_iter
        )
        random_state = None
        if incremental and continuing:
            random_state = getattr(self, "_partial_fit_random_state", None)
        if random_state is None:
            random_state = borrow_random_state(self.random_state)
        draws_start = not continuing and coefs_init is None
        layers = self._starting_layers(
            continuing, coefs_init, intercepts_init, sizes, data.dtype, random_state
        )
        if continuing or starts_given:
            # Fitted or given weights are in the targets' units.
            layers = encoder.standardized(layers)
        validation = None
        if self.early_stopping and not incremental:
            # The split draws from a copy of the state, so that the epochs
            # draw what a fit on the training rows alone would.
            data, validation = data.hold_out(
                self.validation_fraction, copy.deepcopy(random_state)
            )
        plan = self._plan(data, len(sizes) - 1, incremental)
        stored = getattr(self, "_training_statistics", None)
        stored = stored if incremental and continuing else None
        statistics = self._input_statistics(data, layers, plan, stored)
        if draws_start:
            layers = layers.scaled_start(
                statistics.scale, data.dtype, self._unused_inputs(data)
            )
        previous = {
            name: (getattr(self, name, None) or []) if continuing else []
            for name in (*_EXTENDED_LISTS, self._updates_attribute)
            if name
        }
        return _FitStart(
            data, validation, encoder, layers, statistics, plan, random_state,
            task, continuing, incremental, previous,
        )  # fmt: skip

    def _starting_layers(
        self, continuing, coefs_init, intercepts_init, sizes, dtype, random_state
    ):
        """The layers a fit starts from: the fitted ones to continue, the
        weights given to ``fit``, or the unit's random start."""
        if continuing:
            layers = self._fitted_layers().continued(sizes, dtype)
        elif coefs_init is None:
            layers = Layers.start(
                sizes, partial(self._initial_weights, random_state), dtype
            )
        else:
            layers = Layers.given(coefs_init, sizes, dtype)
        if intercepts_init is not None:
            layers.intercepts = intercepts_init
        return layers

    def _train(self, start):
        """Run the unit's epochs from ``start``: a fit's until its stopping
        rule fires, or ``partial_fit``'s one; the :class:`TrainingRecord`."""
        one_epoch = self._make_epoch(
            start.data, start.layers, start.statistics, start.plan, start.random_state
        )
        if start.incremental:
            stopping, scoring, observers = StoppingRule(n_iter=1), None, []
        else:
            stopping = StoppingRule(
                n_iter=self.n_iter,
                tol=start.plan.tol,
                n_iter_no_change=self.n_iter_no_change,
                on_score=self.early_stopping,
                **self._stopping_settings,
            )
            if not self.early_stopping:
                stopping = start.plan.loss_stopping(stopping)
            scoring = self._epoch_score(start)
            score_name = "score" if scoring is None else scoring.name
            observers = fit_observers(self.n_iter, self.verbose, score_name)
        tasks = start.task.epochs(
            partial(self._model_at, start), rows=start.data.source_rows
        )
        if tasks is not None:
            observers.append(tasks)
        weights = start.layers.trained(self.fit_intercept)
        # The scaled start keeps margins finite; errstate turns a diverging step
        # into the clear error of the loop instead of overflow warnings.
        with np.errstate(over="ignore", invalid="ignore"):
            record = run_epochs(
                one_epoch,
                stopping,
                weights=weights,
                scoring=scoring,
                observers=observers,
                first_epoch=start.first_epoch,
            )
        if not all(np.isfinite(weight).all() for weight in weights):
            raise divergence_error(start.first_epoch + len(record.loss_curve) - 1)
        return record

    def _epoch_score(self, start):
        """The :class:`EpochScore` of a fit: the held-out score and loss with
        early stopping, the training accuracy for a unit that keeps its best
        weights (the pocket), else None."""
        multiclass = start.encoder.target_type == "multiclass"
        if start.validation is None and not self._keeps_best_training_weights:
            return None
        rows = start.data if start.validation is None else start.validation
        score = self._score_of(rows, start.layers, multiclass=multiclass)
        if start.validation is None:
            return EpochScore(score, "training accuracy")
        loss_name = self._held_out_loss_name()
        return EpochScore(
            score,
            "validation score",
            partial(_loss_of, loss_name, start.validation, start.layers, multiclass),
        )

    def _store(self, start, record):
        """Store the fitted attributes of a finished training."""
        self._training_statistics = start.statistics.as_stored()
        if start.incremental:
            self._partial_fit_random_state = start.random_state
        if start.validation is None:
            self.validation_scores_ = self.best_validation_score_ = None
            self.validation_loss_curve_ = None
        else:
            self.validation_scores_ = (
                start.previous["validation_scores_"] + record.scores
            )
            self.best_validation_score_ = record.best_score
            self.validation_loss_curve_ = (
                start.previous["validation_loss_curve_"] + record.validation_losses
            )
        self._set_fitted(start, start.layers, record)

    def _model_at(self, start, weights, record):
        """The attributes of the model a fit stopped at ``weights`` would leave,
        for a callback that asks."""
        model = copy.copy(self)
        model._set_fitted(
            start, start.layers.with_trained(weights, self.fit_intercept), record
        )
        return vars(model)

    def _set_fitted(self, start, layers, record):
        """Store the fitted model: its layers, target encoding, loss curve and
        updates per epoch, and what the unit derives from them."""
        self._set_target_encoding(start.encoder)
        # A regressor's output layer is stored in its targets' units.
        self._set_fitted_layers(start.encoder.in_target_units(layers))
        self.loss_curve_ = start.previous["loss_curve_"] + record.loss_curve
        self.n_iter_ = len(self.loss_curve_)
        if self._updates_attribute:
            updates = start.previous[self._updates_attribute] + record.updates
            setattr(self, self._updates_attribute, updates)
        self._after_training(start.data, start.plan)

    def _starting_weights(self, coef_init, intercept_init, sizes, dtype):
        """``fit``'s ``coef_init`` and ``intercept_init``, checked against the
        layer ``sizes``, as the layers' lists (each None if not given)."""
        return single_layer_start(
            coef_init, intercept_init, sizes, dtype, fit_intercept=self.fit_intercept
        )

    def _held_out_loss_name(self):
        """The loss of ``validation_loss_curve_`` (see ``_math.held_out_loss``)."""
        return "perceptron"

    def _score_of(self, rows, layers, *, multiclass):
        """``score()`` of the current ``layers`` on ``rows``, a function of
        nothing: the accuracy (a regressor's R^2, see ``_tasks``)."""
        return partial(_accuracy_of, rows, layers, multiclass)
