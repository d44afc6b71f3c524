"""The epoch loop, written once for every unit.

An estimator hands :func:`run_epochs` a function that performs one epoch's update
of its weights in place and returns that epoch's training loss, a
:class:`StoppingRule`, and a list of observers; the loop owns the stopping
rules, the best weights kept by a score, the loss curve and the
``ConvergenceWarning``. Everything else that hears of the epochs is an
observer (skorch's callbacks): :class:`VerbosePrinter`, the command line's
progress bar through :data:`epoch_listener` (:class:`ListenerObserver`), and
scikit-learn's callback tasks (``_callbacks.EpochTasks``). ``partial_fit`` runs
the same loop for one epoch. The step rules that such an epoch applies are in
``_optimizers``.
"""

import math
import warnings
from contextvars import ContextVar
from dataclasses import dataclass, field

from sklearn.exceptions import ConvergenceWarning


def divergence_error(epoch):
    """The error for weights that overflowed, with scikit-learn's SGD advice."""
    return ValueError(
        f"The weights diverged (overflowed) at epoch {epoch}. Lower "
        "learning_rate, or scale the input data with StandardScaler or MinMaxScaler."
    )


#: ``listener(epochs_run, n_iter, finished)``, called after every epoch of every
#: fit in this context, and once more with ``finished=True`` when the fit
#: stops. A context variable rather than a parameter, so that the command line's
#: progress bar reaches fits made by meta-estimators without changing any
#: estimator's signature; :class:`ListenerObserver` brings it into a fit's
#: observers.
epoch_listener = ContextVar("epoch_listener", default=None)


@dataclass
class TrainingRecord:
    """What one call of :func:`run_epochs` saw."""

    #: The training loss of each epoch run.
    loss_curve: list = field(default_factory=list)
    #: The score of the weights after each epoch, when a score was given.
    scores: list = field(default_factory=list)
    #: The best of ``scores`` (None without a score); the weights end as its.
    best_score: float = None
    #: The held-out loss of the weights after each epoch, when one was given.
    validation_losses: list = field(default_factory=list)
    #: The updates of each epoch (the perceptron's mistakes), None where they
    #: are not counted.
    updates: list = field(default_factory=list)


@dataclass(frozen=True)
class StoppingRule:
    """When :func:`run_epochs` stops.

    Parameters
    ----------
    n_iter : int
        Maximum number of epochs. Reaching it while ``tol`` is set warns with a
        ``ConvergenceWarning``, as scikit-learn's iterative estimators do.
    tol : float or None, default=None
        The loop stops once the monitored value (the training loss, or minus
        the score with ``on_score``) has failed to improve on its best by more
        than ``tol`` for ``n_iter_no_change`` epochs in a row. ``None`` runs
        ``n_iter`` epochs (or until an epoch without an update, with
        ``stop_without_update``).
    n_iter_no_change : int or float, default=5
        Number of epochs without improvement tolerated before stopping.
    min_updates : int, default=0
        The epochs without improvement must also hold at least this many
        updates before the loop stops, so that an epoch of a few samples is
        not taken for evidence of a plateau.
    max_loss_growth : float or None, default=None
        A loss this many times the first epoch's is taken for a diverging step
        and raises the divergence error: a constant step too long for the
        loss's curvature grows the weights geometrically, and the loss with
        them, long before they overflow. None for a loss that may grow for
        other reasons (the perceptron's, which grows with its weights).
    stop_without_update : bool, default=True
        Whether an epoch without an update ends the loop without ``tol`` too
        (the perceptron's epoch without a mistake); False runs exactly
        ``n_iter`` epochs when ``tol`` is None. With ``tol`` set, an epoch
        without an update always ends it: the unit has nothing left to learn.
    on_score : bool, default=False
        Monitor the score of :class:`EpochScore` instead of the training loss.
    relative_tol : float, default=0.0
        An improvement must also exceed ``relative_tol`` times the best value
        (SciPy's ``ftol`` of L-BFGS): a loss that cannot fall far (classes
        that overlap) stops on its plateau, a small one (a truth table's last
        row to learn) by ``tol``.
    """

    n_iter: int
    tol: float | None = None
    n_iter_no_change: float = 5
    min_updates: int = 0
    max_loss_growth: float | None = None
    stop_without_update: bool = True
    on_score: bool = False
    relative_tol: float = 0.0

    def ends_without_update(self, n_updates):
        """Whether an epoch of ``n_updates`` updates ends the loop."""
        return n_updates == 0 and (self.tol is not None or self.stop_without_update)

    def diverged(self, loss, loss_curve):
        """Whether ``loss`` after the epochs of ``loss_curve`` is a divergence."""
        return not math.isfinite(loss) or (
            self.max_loss_growth is not None
            and bool(loss_curve)
            and loss > self.max_loss_growth * loss_curve[0] > 0
        )


class _Patience:
    """The ``tol`` rule of a :class:`StoppingRule`: the epochs (and updates)
    without an improvement of the monitored value on its best by ``tol``."""

    def __init__(self, stopping):
        self.stopping = stopping
        self.best = math.inf
        self.epochs = self.updates = 0

    def exhausted(self, monitored, n_updates):
        """Count an epoch; whether the rule stops the loop after it."""
        if self.stopping.tol is None:
            return False
        tol = self.stopping.tol
        if self.stopping.relative_tol and math.isfinite(self.best):
            tol = max(tol, self.stopping.relative_tol * abs(self.best))
        # A tie is no improvement, so tol=0 stops once the value stops falling.
        if monitored >= self.best - tol:
            self.epochs += 1
            self.updates += n_updates or 0
        else:
            self.epochs = self.updates = 0
        self.best = min(self.best, monitored)
        return (
            self.epochs >= self.stopping.n_iter_no_change
            and self.updates >= self.stopping.min_updates
        )


@dataclass(frozen=True)
class EpochScore:
    """What the loop measures after each epoch besides the training loss.

    Parameters
    ----------
    score : callable
        ``score() -> float`` of the current weights, higher is better (the
        held-out accuracy of early stopping, the training accuracy of the
        pocket): the loop keeps a copy of the best-scoring weights and puts
        them back at the end (the first of equal scores).
    name : str, default="score"
        What the verbose output calls the score.
    validation_loss : callable or None, default=None
        ``validation_loss() -> float`` of the current weights, recorded after
        each epoch (the held-out loss of early stopping).
    """

    score: object
    name: str = "score"
    validation_loss: object = None


class EpochObserver:
    """What hears of a fit's epochs; each method does nothing by default.

    ``weights`` are those the fit would keep if it stopped there (the best so
    far, where a score keeps them), ``record`` the :class:`TrainingRecord`.
    """

    def on_epoch_begin(self, epoch, weights, record):
        """Before epoch ``epoch`` (from 1)."""

    def on_epoch_end(self, epoch, weights, record):
        """After epoch ``epoch``; return True to stop the fit, as a stopping
        rule does (no ``ConvergenceWarning``, the best weights put back)."""
        return False

    def on_training_end(self, record, stopped_early):
        """Once the loop has stopped and the best weights are back."""


def _is_progress_epoch(epoch, verbose):
    """Epochs 1-9, then 10, 20, ..., 100, 200, ...: a long fit prints few lines."""
    if verbose >= 2:
        return True
    return epoch % 10 ** int(math.log10(epoch)) == 0


class VerbosePrinter(EpochObserver):
    """``verbose``'s lines: the epoch, its loss and score on a growing interval
    (every epoch for ``verbose >= 2``), and what stopped the fit."""

    def __init__(self, verbose, score_name="score"):
        self.verbose = verbose
        self.score_name = score_name

    def on_epoch_end(self, epoch, weights, record):
        if _is_progress_epoch(epoch, self.verbose):
            message = f"Epoch {epoch}, loss = {record.loss_curve[-1]:.6g}"
            if len(record.scores) == len(record.loss_curve):
                message += f", {self.score_name} = {record.scores[-1]:.6g}"
            print(message, flush=True)
        return False

    def on_training_end(self, record, stopped_early):
        reason = "a stopping rule" if stopped_early else "n_iter"
        print(f"Stopped by {reason} after {len(record.loss_curve)} epochs.")


class ListenerObserver(EpochObserver):
    """The :data:`epoch_listener` of this context as an observer of a fit of at
    most ``n_iter`` epochs."""

    def __init__(self, listener, n_iter):
        self.listener = listener
        self.n_iter = n_iter

    def on_epoch_end(self, epoch, weights, record):
        self.listener(epoch, self.n_iter, False)
        return False

    def on_training_end(self, record, stopped_early):
        self.listener(len(record.loss_curve), self.n_iter, True)


def fit_observers(n_iter, verbose, score_name="score"):
    """The observers every ``fit`` has: the verbose output, if asked for, and
    the listener of this context, if one is set."""
    observers = []
    if verbose:
        observers.append(VerbosePrinter(verbose, score_name))
    listener = epoch_listener.get()
    if listener is not None:
        observers.append(ListenerObserver(listener, n_iter))
    return observers


def run_epochs(
    one_epoch, stopping, *, weights=(), scoring=None, observers=(), first_epoch=1
):
    """Call ``one_epoch`` until ``stopping`` fires.

    Parameters
    ----------
    one_epoch : callable
        ``one_epoch() -> (loss, n_updates)``: updates ``weights`` in place and
        returns the epoch's mean training loss and the number of updates it
        made (the perceptron's mistakes), or None where updates are not
        counted.
    stopping : StoppingRule
        When to stop.
    weights : sequence of ndarray, default=()
        The arrays ``one_epoch`` updates.
    scoring : EpochScore or None, default=None
        The score whose best weights are kept, and the held-out loss.
    observers : sequence of EpochObserver, default=()
        What hears of each epoch, in this order.
    first_epoch : int, default=1
        The number of the first epoch in the estimator's whole training (a
        ``partial_fit`` call's one epoch), for the error if the weights diverge.

    Returns
    -------
    record : TrainingRecord
        The loss curve and the scores.
    """
    record = TrainingRecord()
    patience = _Patience(stopping)
    best_weights = None
    stopped_early = False
    for epoch in range(1, stopping.n_iter + 1):
        for observer in observers:
            observer.on_epoch_begin(epoch, best_weights or weights, record)
        loss, n_updates = one_epoch()
        if stopping.diverged(loss, record.loss_curve):
            raise divergence_error(first_epoch + epoch - 1)
        record.loss_curve.append(float(loss))
        record.updates.append(None if n_updates is None else int(n_updates))
        monitored = loss
        if scoring is not None:
            current = float(scoring.score())
            record.scores.append(current)
            if record.best_score is None or current > record.best_score:
                record.best_score = current
                best_weights = [array.copy() for array in weights]
            if stopping.on_score:
                monitored = -current
            if scoring.validation_loss is not None:
                record.validation_losses.append(float(scoring.validation_loss()))
        stop_requests = [
            observer.on_epoch_end(epoch, best_weights or weights, record)
            for observer in observers
        ]
        stopped_early = (
            any(stop_requests)
            or stopping.ends_without_update(n_updates)
            or patience.exhausted(monitored, n_updates)
        )
        if stopped_early:
            break
    if best_weights is not None:
        for array, best in zip(weights, best_weights, strict=True):
            array[...] = best
    for observer in observers:
        observer.on_training_end(record, stopped_early)
    if stopping.tol is not None and not stopped_early:
        warnings.warn(
            f"Maximum number of epochs ({stopping.n_iter}) reached before "
            "convergence. Consider increasing n_iter to improve the fit.",
            ConvergenceWarning,
            stacklevel=2,
        )
    return record
