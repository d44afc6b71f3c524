"""The epoch loop, written once for every unit.

An estimator hands :func:`run_epochs` a function that performs one epoch's update
of its weights in place and returns that epoch's training loss; the loop owns the
stopping rules, the best weights kept by a score, the loss curve, the
``ConvergenceWarning`` and the verbose output. ``partial_fit`` runs a single
epoch by :func:`run_one_epoch`. The step rules that such an epoch applies are in
``_optimizers``. :data:`epoch_listener` lets a caller follow the epochs of fits it
does not run itself, such as those inside ``cross_validate``.
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
#: :func:`run_epochs` in this context, and once more with ``finished=True`` when
#: the fit stops. A context variable rather than a parameter, so that the command
#: line's progress bar reaches fits made by meta-estimators without changing any
#: estimator's signature.
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


def _is_progress_epoch(epoch, verbose):
    """Epochs 1-9, then 10, 20, ..., 100, 200, ...: a long fit prints few lines."""
    if verbose >= 2:
        return True
    return epoch % 10 ** int(math.log10(epoch)) == 0


def run_epochs(
    one_epoch,
    *,
    n_iter,
    tol,
    n_iter_no_change,
    min_updates=0,
    max_loss_growth=None,
    stop_without_update=True,
    weights=(),
    score=None,
    stop_on_score=False,
    score_name="score",
    validation_loss=None,
    epoch_tasks=None,
    verbose=0,
):
    """Call ``one_epoch`` until a stopping rule fires.

    Parameters
    ----------
    one_epoch : callable
        ``one_epoch() -> (loss, n_updates)``: updates ``weights`` in place and
        returns the epoch's mean training loss and the number of updates it
        made (the perceptron's mistakes), or None where updates are not
        counted. An epoch without an update ends the loop when ``tol`` is set
        or ``stop_without_update`` is true: the unit has nothing left to learn.
    n_iter : int
        Maximum number of epochs. Reaching it while ``tol`` is set warns with a
        ``ConvergenceWarning``, as scikit-learn's iterative estimators do.
    tol : float or None
        The loop stops once the monitored value has failed to improve on its best
        by more than ``tol`` for ``n_iter_no_change`` epochs in a row. ``None``
        runs ``n_iter`` epochs (or until an epoch without an update, with
        ``stop_without_update``).
    n_iter_no_change : int
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
        ``n_iter`` epochs when ``tol`` is None.
    weights : sequence of ndarray, default=()
        The arrays ``one_epoch`` updates; with ``score``, the loop keeps a copy of
        the best-scoring ones and puts them back at the end (the first of equal
        scores).
    score : callable or None, default=None
        ``score() -> float`` of the current weights, higher is better: the
        accuracy on held-out data for early stopping.
    stop_on_score : bool, default=False
        Monitor the score instead of the training loss for the stopping rule.
    score_name : str, default="score"
        What the verbose output calls the score.
    validation_loss : callable or None, default=None
        ``validation_loss() -> float`` of the current weights, recorded after
        each epoch (the held-out loss of early stopping).
    epoch_tasks : EpochTasks or None, default=None
        scikit-learn's callbacks (see ``_callbacks``): ``begin(weights, record)``
        before each epoch and ``end(weights, record)`` after it, ``weights``
        being those the fit would keep if it stopped there. An ``end`` that
        returns True stops the loop, as a stopping rule does.
    verbose : int, default=0
        Print the epoch, the loss and the score on a growing interval (every
        epoch for ``verbose >= 2``).

    Returns
    -------
    record : TrainingRecord
        The loss curve and the scores.
    """
    record = TrainingRecord()
    listener = epoch_listener.get()
    best_monitored = math.inf
    best_weights = None
    epochs_without_improvement = updates_without_improvement = 0
    stopped_early = False
    for epoch in range(1, n_iter + 1):
        if epoch_tasks is not None:
            epoch_tasks.begin(best_weights or weights, record)
        loss, n_updates = one_epoch()
        if not math.isfinite(loss) or (
            max_loss_growth is not None
            and record.loss_curve
            and loss > max_loss_growth * record.loss_curve[0] > 0
        ):
            raise divergence_error(epoch)
        record.loss_curve.append(float(loss))
        record.updates.append(None if n_updates is None else int(n_updates))
        monitored = loss
        message = f"Epoch {epoch}, loss = {loss:.6g}"
        if score is not None:
            current = float(score())
            record.scores.append(current)
            message += f", {score_name} = {current:.6g}"
            if record.best_score is None or current > record.best_score:
                record.best_score = current
                best_weights = [array.copy() for array in weights]
            if stop_on_score:
                monitored = -current
        if validation_loss is not None:
            record.validation_losses.append(float(validation_loss()))
        if verbose and _is_progress_epoch(epoch, verbose):
            print(message, flush=True)
        if listener is not None:
            listener(epoch, n_iter, False)
        if epoch_tasks is not None and epoch_tasks.end(best_weights or weights, record):
            stopped_early = True
            break
        if n_updates == 0 and (tol is not None or stop_without_update):
            stopped_early = True
            break
        if tol is not None:
            # A tie is no improvement, so tol=0 stops once the value stops falling.
            if monitored >= best_monitored - tol:
                epochs_without_improvement += 1
                updates_without_improvement += n_updates or 0
            else:
                epochs_without_improvement = updates_without_improvement = 0
            best_monitored = min(best_monitored, monitored)
            if (
                epochs_without_improvement >= n_iter_no_change
                and updates_without_improvement >= min_updates
            ):
                stopped_early = True
                break
    if best_weights is not None:
        for array, best in zip(weights, best_weights, strict=True):
            array[...] = best
    if listener is not None:
        listener(len(record.loss_curve), n_iter, True)
    if verbose:
        reason = "a stopping rule" if stopped_early else "n_iter"
        print(f"Stopped by {reason} after {len(record.loss_curve)} epochs.")
    if tol is not None and not stopped_early:
        warnings.warn(
            f"Maximum number of epochs ({n_iter}) reached before convergence. "
            "Consider increasing n_iter to improve the fit.",
            ConvergenceWarning,
            stacklevel=2,
        )
    return record


def run_one_epoch(one_epoch, epoch, *, weights=(), epoch_tasks=None):
    """Call ``one_epoch`` once, as ``partial_fit`` does: no stopping rule, no
    listener, no output.

    ``epoch`` is the number of this epoch in the estimator's whole training,
    for the error if the weights diverge; ``weights`` and ``epoch_tasks`` are
    as for :func:`run_epochs` (a callback's request to stop has nothing left
    to stop). Returns the epoch's :class:`TrainingRecord`.
    """
    record = TrainingRecord()
    if epoch_tasks is not None:
        epoch_tasks.begin(weights, record)
    loss, n_updates = one_epoch()
    if not math.isfinite(loss):
        raise divergence_error(epoch)
    record.loss_curve.append(float(loss))
    record.updates.append(None if n_updates is None else int(n_updates))
    if epoch_tasks is not None:
        epoch_tasks.end(weights, record)
    return record
