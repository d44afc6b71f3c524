"""scikit-learn's callbacks (``sklearn.callback``, 1.9 and later) on the fit path.

A fit is one root task whose direct subtasks are its epochs, as
``LogisticRegression(solver="lbfgs")`` has one subtask per iteration: a
``ProgressBar`` shows the epochs, a ``ScoringMonitor`` scores the model as it
stands after each, and a callback whose ``on_fit_task_end`` returns True stops
the fit after that epoch. Inside a meta-estimator the root task joins the
meta-estimator's tree (scikit-learn's ``_init_callback_context`` does that).

With scikit-learn 1.6-1.8, which have no callback API, fits run as before and
``set_callbacks`` raises an ImportError naming the version needed.
"""

import sklearn
from sklearn.utils import _safe_indexing

from sksigmoid._engine._loop import EpochObserver


class MissingCallbackSupport:
    """``set_callbacks`` of a scikit-learn without callbacks: a clear error."""

    def set_callbacks(self, *callbacks):
        """Raise: callbacks need scikit-learn 1.9 or later."""
        raise ImportError(
            "set_callbacks needs scikit-learn >= 1.9 (the sklearn.callback API); "
            f"scikit-learn {sklearn.__version__} is installed. Upgrade it with: "
            "pip install 'scikit-learn>=1.9'."
        )


try:
    from sklearn.callback import CallbackSupportMixin
except ImportError:  # scikit-learn < 1.9
    CallbackSupportMixin = MissingCallbackSupport

#: Whether this scikit-learn has the callback API.
HAS_CALLBACK_API = CallbackSupportMixin is not MissingCallbackSupport


class FitTask:
    """The callback task of one ``fit`` or ``partial_fit`` call.

    Created once the data are validated, it begins the root task with the data
    as the caller gave them (so that a scorer sees the user's columns and
    labels), hands the epoch loop an :class:`EpochTasks` when a callback
    listens, and ends the root task with :meth:`end` once the fitted
    attributes are stored.

    Parameters
    ----------
    estimator : estimator
        The estimator being fitted.
    X, y, sample_weight
        What the caller passed to the fit.
    max_epochs : int
        The most epochs the fit can run: the root task's most subtasks.
    """

    def __init__(self, estimator, X, y, sample_weight, *, max_epochs):
        self._estimator = estimator
        self._X, self._y, self._sample_weight = X, y, sample_weight
        self._context = None
        if HAS_CALLBACK_API:
            self._context = estimator._init_callback_context(max_subtasks=max_epochs)
            self._context.call_on_fit_task_begin(estimator=estimator, **self._data())

    def _data(self, rows=None):
        """The hooks' ``X``, ``y`` and ``metadata``, of ``rows`` if given."""
        X, y, sample_weight = self._X, self._y, self._sample_weight
        if rows is not None:
            X, y = _safe_indexing(X, rows), _safe_indexing(y, rows)
            if sample_weight is not None:
                sample_weight = _safe_indexing(sample_weight, rows)
        metadata = None if sample_weight is None else {"sample_weight": sample_weight}
        return {"X": X, "y": y, "metadata": metadata}

    def epochs(self, fitted_attributes, rows=None):
        """The :class:`EpochTasks` observer of the fit's epochs, or None when no
        callback listens (no epoch task is then made: the fit costs what it
        did).

        ``fitted_attributes(weights, record)`` returns the attributes of the
        model a fit stopped there would be; ``rows`` are the training rows
        when some are held out.
        """
        if self._context is None or not hasattr(self._estimator, "_skl_callbacks"):
            return None
        return EpochTasks(
            self._context, self._estimator, self._data(rows), fitted_attributes
        )

    def end(self):
        """End the root task, the fitted attributes stored."""
        if self._context is not None:
            self._context.call_on_fit_task_end(
                estimator=self._estimator,
                **self._data(),
                reconstruction_attributes={},
            )


class EpochTasks(EpochObserver):
    """One subtask of the root task per epoch, begun and ended by the loop
    (an observer of ``_loop.run_epochs``).

    The model handed to a hook that asks for ``fitted_estimator`` is built only
    then, from the weights the fit would keep if it stopped there (the best
    so far, where a score keeps them).
    """

    def __init__(self, context, estimator, data, fitted_attributes):
        self._context = context
        self._estimator = estimator
        self._data = data
        self._fitted_attributes = fitted_attributes
        self._current = None

    def _hook_arguments(self, weights, record):
        return {
            "estimator": self._estimator,
            **self._data,
            "reconstruction_attributes": lambda: self._fitted_attributes(
                weights, record
            ),
        }

    def on_epoch_begin(self, epoch, weights, record):
        """Begin the next epoch's task, the model being the one so far."""
        self._current = self._context.subcontext(task_name="epoch")
        self._current.call_on_fit_task_begin(**self._hook_arguments(weights, record))

    def on_epoch_end(self, epoch, weights, record):
        """End the epoch's task; True if a callback asks the fit to stop."""
        return self._current.call_on_fit_task_end(
            **self._hook_arguments(weights, record)
        )
