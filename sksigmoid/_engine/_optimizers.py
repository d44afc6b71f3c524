"""The step rules of the units trained by gradient descent, apart from the loop.

Each rule is a callable epoch for :func:`~sksigmoid._engine._loop.run_epochs`:
it moves the weights it was given in place and returns ``(loss, None)``.
:class:`FullBatchDescent` is the delta rule on all rows at once, with a constant
step or one of two adaptive rules; :class:`MiniBatchDescent` the same rule on a
few rows at a time (the online delta rule for one). A new step rule is a new
class here, with the same call and ``state``.
"""

import math

import numpy as np

#: The step rules of :class:`FullBatchDescent`.
STEP_RULES = ("constant", "momentum", "secant")


def _dot(arrays, others, units):
    """The inner product of two weight vectors, each given as a list of arrays,
    with each array multiplied by its factor in ``units`` first."""
    return sum(
        float(np.vdot(a * unit, b * unit))
        for a, b, unit in zip(arrays, others, units, strict=True)
    )


class FullBatchDescent:
    """Epochs of full-batch gradient descent: the delta rule.

    Each epoch moves the weights by a step along ``direction``, minus the
    gradient of the mean training loss (the error terms times the inputs,
    averaged over the samples). The step is set by ``rule``:

    - ``"constant"``: ``learning_rate * direction``, the tutorials' rule; the
      epoch returns the loss of the weights it started from.
    - ``"momentum"``: the accelerated rule of Vogl et al. (1988). The step starts
      at ``learning_rate``, grows by ``growth`` after each epoch that lowers
      the loss and carries ``momentum`` times the previous step (the
      generalised delta rule of Rumelhart et al., 1986).
    - ``"secant"``: the step of Barzilai and Borwein (1988). After an epoch that
      lowers the loss, the next step is the one that would have cancelled the
      change the last step made in the direction, had the loss been quadratic:
      ``step * (d0 . y) / (y . y)`` with ``y = d0 - d1`` the change from the old
      direction ``d0`` to the new ``d1``, kept within ``secant_range`` times
      the last step and rounded to a quarter power of two. The step follows
      the loss's curvature along the descent, which a bound on the curvature,
      fixed at the start, overestimates.

    Under both adaptive rules, an epoch that would raise the loss (or overflow)
    is undone, its step halved and the momentum dropped. Such a fit cannot
    diverge, and needs no tuned learning rate.

    Parameters
    ----------
    weights : list of ndarray
        The arrays to train, updated in place.
    loss_and_direction : callable
        ``loss_and_direction(weights) -> (loss, directions)``, one array per weight.
    learning_rate : float
        The constant step, or the first step of an adaptive rule.
    rule : {"constant", "momentum", "secant"}, default="constant"
        How the step is set, as above.
    units : list of float or None, default=None
        The factor of each array in the secant rule's inner products (1 for
        each by default): the inverse square root of the factor by which
        ``loss_and_direction`` scaled its direction, so that the rule measures
        steps in the same units whatever the units of X.
    state : dict or None, default=None
        ``state`` of a previous run, to continue it (warm start).
    """

    momentum = 0.9
    #: Vogl et al.'s factor of the step after an epoch that lowers the loss.
    growth = 1.05
    shrink = 0.5
    secant_range = (0.1, 10.0)

    def __init__(
        self,
        weights,
        loss_and_direction,
        *,
        learning_rate,
        rule="constant",
        units=None,
        state=None,
    ):
        if rule not in STEP_RULES:
            raise ValueError(f"rule must be one of {STEP_RULES}, got {rule!r}.")
        self.weights = weights
        self.loss_and_direction = loss_and_direction
        self.rule = rule
        self.units = [1.0] * len(weights) if units is None else units
        self.step_size = learning_rate
        self.velocity = None
        if rule != "constant" and state is not None:
            self.step_size = state["step_size"]
            self.velocity = state["velocity"]
        self._loss = self._directions = None

    @property
    def state(self):
        """What a warm start needs to continue: the step size and the momentum."""
        return {"step_size": self.step_size, "velocity": self.velocity}

    def __call__(self):
        """Run one epoch; return ``(loss, None)``: updates are not counted."""
        if self.rule == "constant":
            loss, directions = self.loss_and_direction(self.weights)
            for weight, direction in zip(self.weights, directions, strict=True):
                weight += self.step_size * direction
            return loss, None
        if self._loss is None:
            self._loss, self._directions = self.loss_and_direction(self.weights)
        loss_before = self._loss
        steps = [self.step_size * direction for direction in self._directions]
        if self.velocity is not None:
            steps = [
                s + self.momentum * v for s, v in zip(steps, self.velocity, strict=True)
            ]
        candidate = [w + s for w, s in zip(self.weights, steps, strict=True)]
        loss, directions = self.loss_and_direction(candidate)
        if loss <= self._loss:
            for weight, new in zip(self.weights, candidate, strict=True):
                weight[...] = new
            if self.rule == "momentum":
                self.velocity = steps
                self.step_size *= self.growth
            else:
                self.step_size *= self._secant_ratio(self._directions, directions)
            self._loss, self._directions = loss, directions
        else:
            # Also the branch of a non-finite loss: the overshoot is undone.
            self.step_size *= self.shrink
            self.velocity = None
        return loss_before, None

    def _secant_ratio(self, old_directions, new_directions):
        """The factor of the secant rule's next step over the last one."""
        change = [
            old - new for old, new in zip(old_directions, new_directions, strict=True)
        ]
        along = _dot(old_directions, change, self.units)
        change_square = _dot(change, change, self.units)
        low, high = self.secant_range
        if not change_square > 0:
            # The direction did not change: the loss is flat along the step.
            return high
        # A negative ratio (the loss concave along the step) gives the low end.
        ratio = min(max(along / change_square, low), high)
        # Rounded to a quarter power of two: the exact ratio carries the
        # rounding errors of the directions into the next step, where they
        # grew by about 1.4x an epoch, and two computations of one fit (the
        # compiled and the NumPy pass) parted by 1e-7 within 50 epochs.
        return 2.0 ** (round(4 * math.log2(ratio)) / 4)


class MiniBatchDescent:
    """Epochs of mini-batch gradient descent: the delta rule on a few rows at a time.

    Each epoch shuffles the rows and moves the weights by a constant step
    along each batch's direction in turn, so one pass over the data makes
    ``ceil(n_samples / batch_size)`` updates. ``batch_size=1`` is the online
    delta rule of Widrow and Hoff; a batch of all rows is an epoch of
    :class:`FullBatchDescent` with the constant rule.

    Parameters
    ----------
    weights : list of ndarray
        The arrays to train, updated in place.
    loss_and_direction : callable
        ``loss_and_direction(weights, rows) -> (loss, directions)``: the mean
        loss of the given rows and its directions, one array per weight.
    sample_weight : ndarray of shape (n_samples,)
        Weight of each row; a batch's loss counts in the epoch's loss by its
        share of the total, and a batch of zero weight is skipped.
    batch_size : int
        Rows per update; the last batch of an epoch may be smaller.
    learning_rate : float
        The constant step.
    random_state : RandomState
        Draws the order of the rows in each epoch.
    """

    def __init__(
        self,
        weights,
        loss_and_direction,
        *,
        sample_weight,
        batch_size,
        learning_rate,
        random_state,
    ):
        self.weights = weights
        self.loss_and_direction = loss_and_direction
        self.sample_weight = sample_weight
        self.batch_size = batch_size
        self.step_size = learning_rate
        self.random_state = random_state

    @property
    def state(self):
        """What a warm start needs to continue: the step size."""
        return {"step_size": self.step_size, "velocity": None}

    def __call__(self):
        """Run one epoch; return ``(loss, None)``: updates are not counted."""
        order = self.random_state.permutation(len(self.sample_weight))
        total_weight = float(self.sample_weight.sum())
        epoch_loss = 0.0
        for start in range(0, len(order), self.batch_size):
            rows = order[start : start + self.batch_size]
            batch_weight = float(self.sample_weight[rows].sum())
            if batch_weight == 0:
                continue
            loss, directions = self.loss_and_direction(self.weights, rows)
            epoch_loss += loss * batch_weight / total_weight
            for weight, direction in zip(self.weights, directions, strict=True):
                weight += self.step_size * direction
        return epoch_loss, None
