"""The epoch loop, written once for every unit.

An estimator hands :func:`run_epochs` a function that performs one epoch's update of
its weights in place and returns that epoch's training loss; the loop owns the
stopping rules and the loss curve.
"""

import math


def divergence_error(epoch):
    """The error for weights that overflowed, with scikit-learn's SGD advice."""
    return ValueError(
        f"The weights diverged (overflowed) at epoch {epoch}. Lower "
        "learning_rate, or scale the input data with StandardScaler or MinMaxScaler."
    )


def run_epochs(one_epoch, *, n_iter, tol, n_iter_no_change):
    """Call ``one_epoch`` until a stopping rule fires.

    Parameters
    ----------
    one_epoch : callable
        ``one_epoch() -> (loss, converged)``: updates the weights in place and
        returns the epoch's mean training loss and whether the unit has nothing
        left to learn (the perceptron's epoch without a mistake).
    n_iter : int
        Maximum number of epochs.
    tol : float or None
        The loop stops once the loss has failed to drop below the best loss so
        far minus ``tol`` for ``n_iter_no_change`` epochs in a row. ``None``
        runs exactly ``n_iter`` epochs (or until ``converged``).
    n_iter_no_change : int
        Number of epochs without improvement tolerated before stopping.

    Returns
    -------
    loss_curve : list of float
        The training loss of each epoch run; its length is the number of epochs.
    """
    loss_curve = []
    best_loss = math.inf
    epochs_without_improvement = 0
    for epoch in range(1, n_iter + 1):
        loss, converged = one_epoch()
        if not math.isfinite(loss):
            raise divergence_error(epoch)
        loss_curve.append(float(loss))
        if converged:
            break
        if tol is not None:
            if loss > best_loss - tol:
                epochs_without_improvement += 1
            else:
                epochs_without_improvement = 0
            best_loss = min(best_loss, loss)
            if epochs_without_improvement >= n_iter_no_change:
                break
    return loss_curve
