"""The models a fit passes through: a clone refitted, its model kept after
every epoch (through scikit-learn's callbacks) or refitted that many epochs
long; for an estimator of the package or a ``Pipeline`` ending in one."""

import copy

import numpy as np
from sklearn.base import clone
from sklearn.pipeline import Pipeline

from sksigmoid._engine import _callbacks
from sksigmoid.display._models import _estimator_layers


class _EpochRecorder:
    """A scikit-learn callback keeping a copy of the model after every epoch."""

    # Attributes of the model handed to the hook that are not copied: those of
    # the running fit (a copy would copy this recorder and every model it
    # holds), and the curves, whose copies would grow with the square of the
    # number of epochs; the display keeps the final curve, whose prefix they are.
    _not_copied = (
        "_skl_callbacks",
        "_callback_fit_ctx",
        "_parent_callback_ctx",
        "loss_curve_",
        "validation_loss_curve_",
        "validation_scores_",
    )

    def __init__(self):
        self.models = []

    def setup(self, estimator, context):
        pass

    def on_fit_task_begin(self, estimator, context):
        pass

    def on_fit_task_end(self, estimator, context, *, fitted_estimator=None):
        if context.task_name == "epoch" and fitted_estimator is not None:
            model = copy.copy(fitted_estimator)
            for name in list(vars(model)):
                if name.startswith(self._not_copied):
                    delattr(model, name)
            self.models.append(copy.deepcopy(model))
        return False

    def teardown(self, estimator, context):
        pass


def _default_epochs(first, last, n=4):
    """About ``n`` epochs from ``first`` to ``last``, denser early on, where
    the boundary moves most."""
    return np.unique(np.geomspace(first, last, num=n).round().astype(int))


def final_step(estimator):
    """The estimator of the package that ``estimator`` is or ends in."""
    return estimator[-1] if isinstance(estimator, Pipeline) else estimator


def with_final_step(estimator, step):
    """``estimator`` with ``step`` in place of its final step: a shallow copy
    of a ``Pipeline``, else ``step`` itself."""
    if not isinstance(estimator, Pipeline):
        return step
    model = copy.copy(estimator)
    model.steps = [*estimator.steps[:-1], (estimator.steps[-1][0], step)]
    return model


def _set_final_params(estimator, **params):
    if isinstance(estimator, Pipeline):
        name = estimator.steps[-1][0]
        params = {f"{name}__{key}": value for key, value in params.items()}
    return estimator.set_params(**params)


def record_epochs(estimator, X, y, epochs=None, fit_params=None):
    """Refit a clone of ``estimator`` and record its weights after epochs.

    With scikit-learn's callbacks one fit records every epoch, through a
    callback on the final step that keeps the model each epoch's task hands
    it; without them, a fresh fit with ``n_iter=k`` and ``tol=None`` gives
    the weights of each chosen epoch ``k``.

    Parameters
    ----------
    estimator : estimator
        An estimator of the package, or a ``Pipeline`` ending in one.
    X, y : array-like
        Training data and target.
    epochs : array-like of int, "all" or None, default=None
        The epochs to choose (see :func:`_checked_epochs`); "all" chooses
        every epoch of the fit.
    fit_params : dict, default=None
        Passed to every ``fit`` (a start's ``coef_init``, ``sample_weight``).

    Returns
    -------
    model : estimator
        The refitted clone.
    epochs : ndarray of int
        The chosen epochs.
    coefs_by_epoch, intercepts_by_epoch : dict of int to list of ndarray
        The final step's layers after each recorded epoch (every epoch with
        the callbacks, the chosen ones without).
    """
    fit_params = {} if fit_params is None else fit_params
    model = clone(estimator)
    step = final_step(model)
    coefs_by_epoch, intercepts_by_epoch = {}, {}
    if _callbacks.HAS_CALLBACK_API and hasattr(step, "set_callbacks"):
        recorder = _EpochRecorder()
        step.set_callbacks(recorder)
        model.fit(X, y, **fit_params)
        # The refit is done; its model keeps no callback.
        step.set_callbacks()
        if not recorder.models:
            raise ValueError(
                f"{type(step).__name__} reported no epoch to its callbacks "
                "(no fit task named 'epoch'): there is no training to draw."
            )
        for number, fitted in enumerate(recorder.models, start=1):
            epoch = int(getattr(fitted, "n_iter_", number))
            coefs_by_epoch[epoch], intercepts_by_epoch[epoch] = _estimator_layers(
                fitted
            )
        available = sorted(coefs_by_epoch)
    else:
        model.fit(X, y, **fit_params)
        available = range(1, final_step(model).n_iter_ + 1)
    if isinstance(epochs, str) and epochs == "all":
        epochs = np.asarray(list(available), dtype=int)
    else:
        epochs = _checked_epochs(epochs, available)
    if not coefs_by_epoch:
        for epoch in epochs:
            short = _set_final_params(clone(estimator), n_iter=int(epoch), tol=None)
            coefs_by_epoch[int(epoch)], intercepts_by_epoch[int(epoch)] = (
                _estimator_layers(final_step(short.fit(X, y, **fit_params)))
            )
    return model, epochs, coefs_by_epoch, intercepts_by_epoch


def _epoch_range(recorded):
    recorded = sorted(recorded)
    if recorded == list(range(recorded[0], recorded[-1] + 1)):
        return f"{recorded[0]} to {recorded[-1]}"
    return str(recorded)


def _checked_epochs(epochs, available):
    """``epochs`` as a sorted int array of epochs in ``available``, the default
    when None, or a ValueError."""
    available = list(available)
    if epochs is None:
        return _default_epochs(available[0], available[-1])
    chosen = np.unique(np.asarray(epochs).ravel())
    if (
        chosen.size == 0
        or not np.issubdtype(chosen.dtype, np.integer)
        or not set(chosen.tolist()) <= set(available)
    ):
        raise ValueError(
            "epochs must be a non-empty list of the fit's epochs, ints from "
            f"{_epoch_range(available)}; got {epochs!r}."
        )
    return chosen.astype(int)
