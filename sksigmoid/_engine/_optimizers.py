"""The step rules of the units trained by gradient descent, apart from the loop.

Each rule is a callable epoch for :func:`~sksigmoid._engine._loop.run_epochs`:
it moves the weights it was given in place and returns ``(loss, n_updates)``.
:class:`FullBatchDescent` is the delta rule on all rows at once with a constant
step, the tutorials' rule (``solver="gd"``), and :class:`MiniBatchDescent` the
same on a few rows at a time (the online delta rule for one);
:class:`QuasiNewtonDescent` is L-BFGS (``"lbfgs"``), :class:`ResilientDescent`
iRprop+ (``"rprop"``) and :class:`AdamDescent` Adam (``"adam"``). Which one runs
is ``_solvers.plan_training``'s choice. A new step rule is a new class here,
with the same call, and a name in ``_solvers``.
"""

import math

import numpy as np

from sksigmoid._engine._backend import resilient_step, two_loop


def _quarter_power_of_two(value):
    """``value`` rounded to the nearest power of ``2 ** (1 / 4)``.

    The last curvature's step, rounded so that the rounding errors of two
    computations of one fit (the compiled and the NumPy pass, a weight of 2 and
    a repeated row, blocks of a dask array) do not carry into every later
    direction: exact, they parted by 1e-4 within a few hundred epochs.
    """
    return 2.0 ** (round(4 * math.log2(value)) / 4)


class FullBatchDescent:
    """Epochs of full-batch gradient descent with a constant step: the delta rule.

    Each epoch moves the weights by ``learning_rate * direction``, with
    ``direction`` minus the gradient of the mean training loss (the error terms
    times the inputs, averaged over the samples), and returns the loss of the
    weights it started from.

    Parameters
    ----------
    weights : list of ndarray
        The arrays to train, updated in place.
    loss_and_direction : callable
        ``loss_and_direction(weights) -> (loss, directions)``, one array per weight.
    learning_rate : float
        The constant step.
    """

    def __init__(self, weights, loss_and_direction, *, learning_rate):
        self.weights = weights
        self.loss_and_direction = loss_and_direction
        self.learning_rate = learning_rate

    def __call__(self):
        """Run one epoch; return ``(loss, None)``: updates are not counted."""
        loss, directions = self.loss_and_direction(self.weights)
        for weight, direction in zip(self.weights, directions, strict=True):
            weight += self.learning_rate * direction
        return loss, None


class QuasiNewtonDescent:
    """Epochs of L-BFGS on the full batch: one quasi-Newton iteration an epoch.

    Each epoch steps along the direction that the last ``memory`` changes of
    the weights and of the gradient give (the two-loop recursion of Nocedal,
    1980), scaled by the last change's curvature; the first epoch steps
    ``learning_rate`` along minus the gradient. A backtracking line search
    halves the step until the loss falls by at least ``sufficient_decrease``
    times the decrease the gradient promises (Armijo's condition), so the loss
    never rises and an overflowing step is undone; no weight moves by more
    than ``max_change`` (in its measure) in one epoch, so that a long step on a
    flat region cannot throw a unit into saturation, where the squared error
    is flat too.

    The step follows the loss's curvature, so a flat region gets long steps:
    where plain gradient descent crawls along the sigmoid's flat spot (``o (1 -
    o)`` near zero), this rule crosses it. It is what ``MLPClassifier``'s and
    ``LogisticRegression``'s ``solver="lbfgs"`` do through SciPy, here one
    iteration at a time, so that the epoch loop keeps its stopping rules,
    scores and listeners.

    An epoch makes no update, which ends the loop, when the gradient is zero
    or no step along the direction (nor along minus the gradient) lowers the
    loss: a minimum, to the precision of the loss. The rule has no gradient
    tolerance of its own: a unit saturated on the wrong side has a gradient
    near zero too (1e-7 on the flipped breast_cancer labels), and such a test
    stopped it there after one epoch.

    Parameters
    ----------
    weights : list of ndarray
        The arrays to train, updated in place.
    loss_and_direction : callable
        ``loss_and_direction(weights) -> (loss, directions)``, one array per
        weight: the loss and minus its gradient, possibly multiplied array by
        array by a positive factor (see ``factors``).
    learning_rate : float
        The first step along the direction (a step that the loss's curvature
        bound makes stable).
    factors : list of float or ndarray, or None, default=None
        The factor of each array (1 for each by default; an array broadcast
        against it gives each row its own): the inverse square
        root of the factor by which ``loss_and_direction`` scaled its
        direction. The rule runs on the weights times their factors, where the
        direction is minus the gradient, so steps are measured alike whatever
        the units of X.
    """

    memory = 10
    sufficient_decrease = 1e-4
    max_halvings = 40
    max_change = 4.0
    #: The smallest decrease a step may promise, relative to the loss, in
    #: machine epsilons of the weights' dtype: below it rounding decides.
    resolution_in_eps = 10

    def __init__(
        self,
        weights,
        loss_and_direction,
        *,
        learning_rate,
        factors=None,
    ):
        self.weights = weights
        self.loss_and_direction = loss_and_direction
        self.factors = [1.0] * len(weights) if factors is None else factors
        self.learning_rate = learning_rate
        # The pairs kept, oldest first: rows of the first n_pairs rows.
        self._changes = self._gradient_changes = self._inverse_curvatures = None
        self._n_pairs = 0
        self._loss = self._descent = None
        self._resolution = self.resolution_in_eps * np.finfo(weights[0].dtype).eps
        # Each weight's part of the flat vector, found once: an epoch's few
        # vector operations cost microseconds each on a small table.
        ends = np.cumsum([weight.size for weight in weights])
        self._parts = [
            (weight, slice(end - weight.size, end), factor)
            for weight, end, factor in zip(weights, ends, self.factors, strict=True)
        ]

    def _vector(self, arrays):
        """The arrays, each times its factor, as one flat vector."""
        return np.concatenate(
            [
                (array * factor).ravel()
                for array, factor in zip(arrays, self.factors, strict=True)
            ]
        )

    def _assign(self, vector):
        """Write the flat vector of :meth:`_vector` into the weights."""
        for weight, part, factor in self._parts:
            np.divide(vector[part].reshape(weight.shape), factor, out=weight)

    def _search_direction(self, descent):
        """The inverse Hessian estimate times ``descent`` (``two_loop``)."""
        if not self._n_pairs:
            return descent * self.learning_rate
        kept = slice(0, self._n_pairs)
        return two_loop(
            self._changes[kept],
            self._gradient_changes[kept],
            self._inverse_curvatures[kept],
            descent,
            self.learning_rate,
        )

    def _remember(self, change, gradient_change, inverse_curvature):
        """Keep a pair, forgetting the oldest of ``memory`` pairs."""
        if self._changes is None:
            self._changes = np.empty((self.memory, change.size), change.dtype)
            self._gradient_changes = np.empty_like(self._changes)
            self._inverse_curvatures = np.empty(self.memory)
        if self._n_pairs == self.memory:
            for pairs in (
                self._changes,
                self._gradient_changes,
                self._inverse_curvatures,
            ):
                pairs[:-1] = pairs[1:].copy()
            self._n_pairs -= 1
        self._changes[self._n_pairs] = change
        self._gradient_changes[self._n_pairs] = gradient_change
        self._inverse_curvatures[self._n_pairs] = inverse_curvature
        self._n_pairs += 1

    def _line_search(self, start, direction, loss_before, descent):
        """The first of the halved steps that satisfies Armijo's condition, as
        ``(step, loss, directions)``, or None; the weights end at that step (at
        ``start`` for None)."""
        promised = float(descent @ direction)
        largest = float(np.abs(direction).max())
        # Weights already large (a saturated unit) may move by their own size.
        allowed = max(self.max_change, float(np.abs(start).max()))
        step = min(1.0, allowed / largest) if largest > 0 else 1.0
        for _ in range(self.max_halvings):
            self._assign(start + step * direction)
            loss, directions = self.loss_and_direction(self.weights)
            # A non-finite loss (an overflow) fails the test: the step is halved.
            if loss <= loss_before - self.sufficient_decrease * step * promised:
                return step, loss, directions
            step *= 0.5
        self._assign(start)
        return None

    def __call__(self):
        """Run one epoch; return ``(loss, n_updates)``, ``n_updates`` 0 at a
        minimum, else None."""
        if self._loss is None:
            loss, directions = self.loss_and_direction(self.weights)
            self._loss, self._descent = loss, self._vector(directions)
        loss_before, descent = self._loss, self._descent
        if not descent.any():
            return loss_before, 0
        start = self._vector(self.weights)
        direction = self._search_direction(descent)
        promised = float(descent @ direction)
        if promised <= self._resolution * abs(loss_before):
            # The decrease a full step promises is lost in the rounding of the
            # loss (float32 sums are rounded to 1e-7): whether a step passes
            # the test would be decided by rounding errors, and two
            # computations of one fit (compiled and NumPy) would part.
            return loss_before, 0
        found = self._line_search(start, direction, loss_before, descent)
        if found is None and self._n_pairs:
            # The memory's direction failed: forget it, try minus the gradient.
            self._n_pairs = 0
            direction = self._search_direction(descent)
            found = self._line_search(start, direction, loss_before, descent)
        if found is None:
            return loss_before, 0
        step, loss, directions = found
        new_descent = self._vector(directions)
        change = step * direction
        gradient_change = descent - new_descent
        curvature = float(change @ gradient_change)
        # A pair of negative curvature (the loss concave along the step) would
        # make the estimate indefinite: it is left out.
        if curvature > 1e-10 * float(gradient_change @ gradient_change):
            self._remember(change, gradient_change, 1.0 / curvature)
            self.learning_rate = _quarter_power_of_two(
                curvature / float(gradient_change @ gradient_change)
            )
        self._loss, self._descent = loss, new_descent
        return loss_before, None


class ResilientDescent:
    """Epochs of full-batch iRprop+, the resilient backpropagation of Igel and
    Huesken (2000).

    Every weight has its own step, which only the signs of its gradient set:
    it grows by ``increase`` while the sign stays, and shrinks by ``decrease``
    when it flips (a minimum was crossed); each epoch moves every weight by
    its step against the sign of its gradient. A flip undoes the weight's last
    move if the loss rose. The size of the gradient plays no part, so the
    sigmoid's flat spots and the plateaus of XOR and parity, where the
    gradient is small but steady, cannot shrink the steps (Riedmiller and
    Braun, 1993): the steps grow until the loss moves.

    Because a step is a power of the two factors times the first, two
    computations of one fit whose gradients differ by rounding (a weight of 2
    and a repeated row) make the same moves, bit for bit, as long as the
    signs agree.

    Parameters
    ----------
    weights : list of ndarray
        The arrays to train, updated in place.
    loss_and_direction : callable
        ``loss_and_direction(weights) -> (loss, directions)``, one array per
        weight: the loss and minus its gradient (only its signs are used).
    learning_rate : float
        Every weight's first step, in its factor's measure.
    factors : list of float
        The factor of each array: the steps are measured on a weight times its
        factor (see :class:`QuasiNewtonDescent`).
    """

    increase = 1.2
    decrease = 0.5
    #: Bounds of a step, measured on the weights times their factors (Igel and
    #: Huesken's values).
    largest_step = 50.0
    smallest_step = 1e-6

    def __init__(self, weights, loss_and_direction, *, learning_rate, factors):
        self.weights = weights
        self.loss_and_direction = loss_and_direction
        self.steps = [
            np.full(weight.shape, learning_rate / factor, dtype=weight.dtype)
            for weight, factor in zip(weights, factors, strict=True)
        ]
        self.step_bounds = [
            (self.smallest_step / factor, self.largest_step / factor)
            for factor in factors
        ]
        self._signs = [np.zeros(weight.shape, dtype=weight.dtype) for weight in weights]
        self._moves = [np.zeros_like(weight) for weight in weights]
        self._loss = np.inf

    def __call__(self):
        """Run one epoch; return ``(loss, None)``: updates are not counted."""
        loss, directions = self.loss_and_direction(self.weights)
        loss_rose = loss > self._loss
        for weight, direction, step, signs, move, bounds in zip(
            self.weights,
            directions,
            self.steps,
            self._signs,
            self._moves,
            self.step_bounds,
            strict=True,
        ):
            resilient_step(
                weight,
                direction,
                step,
                signs,
                move,
                bounds,
                (self.increase, self.decrease),
                loss_rose,
            )
        self._loss = loss
        return loss, None


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
        self.learning_rate = learning_rate
        self.random_state = random_state

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
            self._update(directions)
        return epoch_loss, None

    def _update(self, directions):
        """Move the weights along one batch's directions: the constant step."""
        for weight, direction in zip(self.weights, directions, strict=True):
            weight += self.learning_rate * direction


class AdamDescent(MiniBatchDescent):
    """Epochs of Adam on mini-batches (Kingma and Ba, 2015), MLPClassifier's
    default solver.

    As :class:`MiniBatchDescent`, each epoch shuffles the rows and updates the
    weights once a batch; an update moves each weight by ``learning_rate``
    (measured on it times its factor) times the running mean of its directions
    over the square root of their running mean square, both corrected for their
    start at zero.
    A weight's step is thus about ``learning_rate`` whatever the size of its
    gradient, as for :class:`ResilientDescent`, while the batches' noise
    averages out.

    Parameters
    ----------
    weights, loss_and_direction, sample_weight, batch_size, random_state
        As for :class:`MiniBatchDescent`.
    learning_rate : float
        The step, measured on the weights times their factors.
    factors : list of float
        The factor of each array (see :class:`ResilientDescent`).
    """

    beta_1 = 0.9
    beta_2 = 0.999
    epsilon = 1e-8

    def __init__(self, weights, loss_and_direction, *, factors, **kwargs):
        super().__init__(weights, loss_and_direction, **kwargs)
        self.factors = factors
        self._means = [np.zeros_like(weight) for weight in weights]
        self._mean_squares = [np.zeros_like(weight) for weight in weights]
        self._n_updates = 0

    def _update(self, directions):
        """One Adam step along a batch's directions."""
        self._n_updates += 1
        bias_correction = math.sqrt(1 - self.beta_2**self._n_updates) / (
            1 - self.beta_1**self._n_updates
        )
        for weight, direction, mean, mean_square, factor in zip(
            self.weights,
            directions,
            self._means,
            self._mean_squares,
            self.factors,
            strict=True,
        ):
            mean *= self.beta_1
            mean += (1 - self.beta_1) * direction
            mean_square *= self.beta_2
            direction *= direction
            mean_square += (1 - self.beta_2) * direction
            change = np.sqrt(mean_square)
            change += self.epsilon
            np.divide(mean, change, out=change)
            weight += (self.learning_rate * bias_correction / factor) * change
