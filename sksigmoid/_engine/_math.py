"""The math of the units, written once: activations, losses, error terms, and the
backpropagation that chains them through layers of sigmoid units.

Functions that call into an array library take its namespace ``xp`` (NumPy by
default) and use only operations of the Array API standard, so other array
libraries can be plugged in without rewriting the math.
"""

from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.special import expit


def sigmoid(z, xp=np):
    """Logistic function ``1 / (1 + exp(-z))`` without overflow for any finite z."""
    if xp is np:
        # SciPy's compiled expit is about five times faster than the
        # logaddexp form, which other array libraries get.
        return expit(z)
    return xp.exp(-xp.logaddexp(0.0, -z))


def hidden_sigmoid(z, xp=np):
    """:func:`sigmoid` of a hidden layer's margins, computed in place as
    ``(1 + tanh(z / 2)) / 2``.

    The same function, three times faster than SciPy's expit in NumPy (0.3 ms
    against 0.9 ms on 1347 x 100 values), where a network's epoch spends most
    of its time; it rounds outputs below about 1e-16 to 0, which a hidden
    output, unlike a probability, can afford.
    """
    if xp is not np:
        return sigmoid(z, xp=xp)
    z *= 0.5
    np.tanh(z, out=z)
    z += 1.0
    z *= 0.5
    return z


def log_sigmoid(z, xp=np):
    """Logarithm of :func:`sigmoid`, finite for every finite z.

    ``-(max(-z, 0) + log1p(exp(-|z|)))``, which is ``-logaddexp(0, -z)``
    written with the vectorized ``exp`` and ``log1p``: a third of its time
    (21 ns a value), which dominated a multiclass ``predict_proba``.
    """
    return -(xp.maximum(-z, 0.0) + xp.log1p(xp.exp(-xp.abs(z))))


def log_softmax(z, xp=np):
    """Row-wise logarithm of ``exp(z) / sum(exp(z))``, without overflow."""
    shifted = z - xp.max(z, axis=1, keepdims=True)
    return shifted - xp.log(xp.sum(xp.exp(shifted), axis=1, keepdims=True))


def normalized_log_sigmoid(z, xp=np):
    """Row-wise logarithm of ``sigmoid(z) / sum(sigmoid(z))``: one-vs-rest unit
    outputs normalised into class probabilities, as scikit-learn does."""
    return log_softmax(log_sigmoid(z, xp=xp), xp=xp)


def sigmoid_slope(output):
    """Derivative of the sigmoid, written with its output ``o`` as ``o (1 - o)``."""
    return output * (1 - output)


def heaviside(z, xp=np):
    """Threshold activation of the McCulloch-Pitts unit: 1 where ``z > 0``, else 0."""
    return (z > 0) * xp.asarray(1, dtype=z.dtype)


def squared_error(targets, margins, outputs, xp=np):
    """Per-unit loss ``(t - o)^2 / 2`` of the delta rule."""
    return 0.5 * (targets - outputs) ** 2


def log_loss(targets, margins, outputs, xp=np):
    """Per-unit cross-entropy ``-t log(o) - (1 - t) log(1 - o)``, from the margins.

    Written as ``log(1 + exp(z)) - t z`` so that saturated units give finite values.
    """
    return xp.logaddexp(0.0, margins) - targets * margins


def squared_error_delta(targets, outputs):
    """Error term of the delta rule: ``(t - o) * o (1 - o)``, minus d loss / dz."""
    # The bracket mirrors the tutorials' ``error * sigmoid_derivative(output)``, so
    # their printed numbers are reproduced to the last digit.
    return (targets - outputs) * sigmoid_slope(outputs)


def log_loss_delta(targets, outputs):
    """Error term for the cross-entropy: ``t - o``, minus d loss / dz."""
    return targets - outputs


def hidden_delta(hidden_outputs, next_delta, next_coef):
    """Error term of a hidden sigmoid unit: ``o (1 - o) sum_k delta_k w_jk``.

    The error terms of the layer above, sent back through the weights that
    connect to it, times the unit's own slope (Rumelhart et al., 1986).
    """
    return sigmoid_slope(hidden_outputs) * (next_delta @ next_coef.T)


def perceptron_loss(targets, margins, xp=np):
    """Rosenblatt's criterion ``max(0, -(2t - 1) z)``: how far a unit is on the wrong
    side of its threshold (zero when it fires correctly)."""
    return xp.maximum(0.0, (1 - 2 * targets) * margins)


@dataclass(frozen=True)
class Loss:
    """An output unit's loss, in one record: ``squared`` times the squared error
    plus ``log`` times the cross-entropy, of a sigmoid output; or the squared
    error of a linear output (``output="identity"``).

    Each loss of a sigmoid output is such a mix, so the NumPy code and the
    compiled pass compute every loss from the two weights alone. Adding a loss
    is adding a record to :data:`LOSSES`: the estimators' ``loss`` parameter
    accepts its name.
    """

    #: Weight of :func:`squared_error`.
    squared: float
    #: Weight of :func:`log_loss`.
    log: float
    #: The output unit's activation: ``"sigmoid"``, or ``"identity"`` for a
    #: linear unit (Widrow and Hoff's ADALINE, a regressor's output layer),
    #: whose output is its margin.
    output: str = "sigmoid"
    #: Whether 0/1 targets are read as -1/+1 (ADALINE's coding of classes).
    signed: bool = False

    def outputs(self, margins):
        """The output units' outputs for their ``margins``."""
        return margins if self.output == "identity" else sigmoid(margins)

    def coded_targets(self, targets):
        """The targets the units learn, from 0/1 (or quantities): -1/+1 for
        a signed loss, else as given."""
        return 2 * targets - 1 if self.signed else targets

    def value(self, targets, margins, outputs, xp=np):
        """The loss of each unit."""
        targets = self.coded_targets(targets)
        value = 0.0
        if self.squared:
            value = self.squared * squared_error(targets, margins, outputs, xp=xp)
        if self.log:
            value = value + self.log * log_loss(targets, margins, outputs, xp=xp)
        return value

    def delta(self, targets, outputs):
        """The error term, minus d loss / d margin."""
        targets = self.coded_targets(targets)
        if self.output == "identity":
            # A linear unit's slope is 1: the LMS rule's error ``t - o``.
            return self.squared * (targets - outputs)
        if not self.log:
            delta = squared_error_delta(targets, outputs)
            return delta if self.squared == 1 else self.squared * delta
        if not self.squared:
            return self.log * log_loss_delta(targets, outputs)
        return (targets - outputs) * (self.squared * sigmoid_slope(outputs) + self.log)

    @property
    def curvature_bound(self):
        """A bound on ``|d^2 loss / d margin^2|`` over all margins and targets in
        [0, 1]: the curvature that sets the largest safe gradient step."""
        if self.output == "identity":
            return self.squared
        # The squared error's: the max of o^2 (1 - o)(2 - 3 o) over o in
        # (0, 1), found numerically; the cross-entropy's: o (1 - o) <= 1/4.
        return self.squared * 0.0771 + self.log * 0.25

    def with_flat_spot_offset(self, offset):
        """The loss whose error term adds ``offset`` to the slope ``o (1 - o)``
        of its squared-error part (Fahlman, 1988): ``offset`` times that part's
        weight in cross-entropy added to it. A linear unit has no flat spot."""
        if self.output == "identity":
            return self
        return Loss(self.squared, self.log + offset * self.squared)


#: name -> the loss of the sigmoid output units.
LOSSES = {
    "squared_error": Loss(squared=1.0, log=0.0),
    "log_loss": Loss(squared=0.0, log=1.0),
}

#: The squared error of a linear output unit: a regressor's, on its targets.
LINEAR_SQUARED_ERROR = Loss(squared=1.0, log=0.0, output="identity")

#: ADALINE's loss: the squared error of a linear unit against classes coded
#: -1/+1 (Widrow and Hoff, 1960).
SIGNED_SQUARED_ERROR = Loss(squared=1.0, log=0.0, output="identity", signed=True)


def as_loss(loss):
    """The :class:`Loss` record of ``loss``, a record or a name in :data:`LOSSES`."""
    return LOSSES[loss] if isinstance(loss, str) else loss


def forward(X, coefs, intercepts, xp=np):
    """Inputs of every layer and the margins of the output layer.

    Layer ``l`` computes ``z = a_l @ coefs[l] + intercepts[l]``; each hidden
    layer passes ``sigmoid(z)`` on. A single layer is one unit per output.

    Returns
    -------
    layer_inputs : list of array
        ``X``, then the outputs of each hidden layer.
    margins : array of shape (n_samples, n_outputs)
        The output layer's margins.
    """
    layer_inputs = [X]
    for coef, intercept in zip(coefs[:-1], intercepts[:-1], strict=True):
        margins = layer_inputs[-1] @ coef
        margins += intercept
        layer_inputs.append(hidden_sigmoid(margins, xp=xp))
    # The biases added in place: one array of margins, not two, at the peak.
    margins = layer_inputs[-1] @ coefs[-1]
    margins += intercepts[-1]
    return layer_inputs, margins


def backpropagate(X, targets, sample_share, coefs, intercepts, loss, scale=1.0):
    """Mean loss and the delta rule's directions for every layer.

    The output units' error terms are ``LOSSES[loss].delta``; each hidden layer's
    are :func:`hidden_delta` of the layer above. A weight's direction is its
    error term times its input, averaged over the samples: minus the gradient
    of the mean loss. With one layer this is the delta rule of a single neuron.

    Parameters
    ----------
    X : array of shape (n_samples, n_features)
        Inputs.
    targets : array of shape (n_samples, n_outputs)
        Targets of the output units: in [0, 1] for sigmoid outputs, any
        values for linear ones.
    sample_share : array of shape (n_samples, 1)
        Each sample's share of the mean (its weight over the total weight).
    coefs, intercepts : list of array
        Weights ``(n_inputs, n_units)`` and biases ``(n_units,)`` of each layer.
    loss : Loss or str
        The output units' loss, or its name in :data:`LOSSES`.
    scale : float, default=1.0
        Largest magnitude of ``X``. The first layer's direction is divided by
        ``scale ** 2``, which is the delta rule on ``X / scale`` written for
        the raw weights, so the step suits inputs of any magnitude.

    Returns
    -------
    loss : float
        Mean loss, summed over the output units.
    coef_directions, intercept_directions : list of array
        Minus the gradient of ``loss`` for each layer's weights and biases.
    """
    layer_inputs, margins = forward(X, coefs, intercepts)
    unit_loss = as_loss(loss)
    outputs = unit_loss.outputs(margins)
    mean_loss = float((sample_share * unit_loss.value(targets, margins, outputs)).sum())
    delta = unit_loss.delta(targets, outputs) * sample_share
    coef_directions, intercept_directions = [], []
    for layer in reversed(range(len(coefs))):
        if layer == 0:
            # Dividing the error term by scale (not X.T @ delta) keeps every
            # product of order one, whatever the magnitude of X.
            coef_directions.append((X.T @ (delta / scale)) / scale)
        else:
            coef_directions.append(layer_inputs[layer].T @ delta)
        intercept_directions.append(delta.sum(axis=0))
        if layer > 0:
            delta = hidden_delta(layer_inputs[layer], delta, coefs[layer])
    return mean_loss, coef_directions[::-1], intercept_directions[::-1]


def two_loop(changes, gradient_changes, inverse_curvatures, descent, step):
    """L-BFGS's direction: the inverse Hessian estimate times ``descent``, by
    the two-loop recursion of Nocedal (1980).

    Row ``k`` of ``changes`` and ``gradient_changes`` is the ``k``-th oldest
    pair kept (a step, and the gradient's change along it, negated),
    ``inverse_curvatures[k]`` the inverse of their product; ``step`` scales
    the estimate's start, the identity.
    """
    direction = descent.copy()
    coefficients = np.empty(len(inverse_curvatures))
    for pair in reversed(range(len(inverse_curvatures))):
        coefficient = inverse_curvatures[pair] * (changes[pair] @ direction)
        coefficients[pair] = coefficient
        direction -= coefficient * gradient_changes[pair]
    direction *= step
    for pair in range(len(inverse_curvatures)):
        correction = inverse_curvatures[pair] * (gradient_changes[pair] @ direction)
        direction += (coefficients[pair] - correction) * changes[pair]
    return direction


def resilient_step(weight, direction, step, signs, move, bounds, rates, loss_rose):
    """One iRprop+ move of one array, in place (see ``ResilientDescent``).

    Each step grows by ``rates[0]`` while the sign of ``direction`` stays and
    shrinks by ``rates[1]`` when it flips, within ``bounds``; a flipped weight
    waits an epoch (its sign is forgotten), after undoing its last move if the
    loss rose. ``signs`` and ``move`` keep the last signs and moves.
    """
    increase, decrease = rates
    new_signs = np.sign(direction)
    agreement = new_signs * signs
    flipped = agreement < 0
    step[agreement > 0] *= increase
    step[flipped] *= decrease
    np.clip(step, *bounds, out=step)
    new_signs[flipped] = 0
    move[...] = np.where(flipped, -move if loss_rose else 0.0, new_signs * step)
    weight += move
    signs[...] = new_signs


def unit_accuracy(margins, targets, multiclass, sample_weight):
    """Weighted share of the samples whose every unit is right (subset accuracy)."""
    if multiclass:
        correct = np.argmax(margins, axis=1) == np.argmax(targets, axis=1)
    else:
        correct = ((margins > 0) == (targets > 0)).all(axis=1)
    # np.average's checks cost as much as the rest on a small table, whose
    # pocket scores every epoch.
    return float(np.dot(correct, sample_weight) / sample_weight.sum())


def _held_out_log_loss(margins, targets, multiclass):
    """Each row's negative log-likelihood of ``predict_proba``: of its class
    among the normalised unit outputs (multiclass), or summed over the units
    (one for a binary target, one per label)."""
    if multiclass:
        return -(targets * normalized_log_sigmoid(margins)).sum(axis=1)
    return log_loss(targets, margins, None).sum(axis=1)


def _held_out_squared_error(margins, targets, multiclass):
    """Each row's squared error of the unit outputs, averaged over the units."""
    return ((targets - sigmoid(margins)) ** 2).mean(axis=1)


def _held_out_linear_squared_error(margins, targets, multiclass):
    """Each row's squared error of linear outputs, averaged over the units."""
    return ((targets - margins) ** 2).mean(axis=1)


def _held_out_signed_squared_error(margins, targets, multiclass):
    """ADALINE's: the squared error of linear outputs against classes coded
    -1/+1, averaged over the units."""
    return ((2 * targets - 1 - margins) ** 2).mean(axis=1)


def _held_out_perceptron_loss(margins, targets, multiclass):
    """Each row's perceptron criterion, averaged over the units (as the
    training loss is)."""
    return perceptron_loss(targets, margins).mean(axis=1)


#: name -> each row's loss for ``validation_loss_curve_``.
HELD_OUT_LOSSES = {
    "log_loss": _held_out_log_loss,
    "squared_error": _held_out_squared_error,
    "perceptron": _held_out_perceptron_loss,
    "linear_squared_error": _held_out_linear_squared_error,
    "signed_squared_error": _held_out_signed_squared_error,
}


def held_out_loss(name, margins, targets, multiclass, sample_weight):
    """The loss ``name`` of :data:`HELD_OUT_LOSSES` of output margins against
    the units' targets, averaged over the rows with ``sample_weight``.

    These are the metrics a user computes on held-out rows, without the
    training objective's penalty or its factor 1/2: ``"log_loss"`` is
    :func:`sklearn.metrics.log_loss` of ``predict_proba`` (without its
    clipping, from the margins) for a binary or multiclass target, and the
    binary log losses summed over the labels for a multilabel one;
    ``"squared_error"`` is :func:`sklearn.metrics.mean_squared_error` of the
    unit outputs.
    """
    rows = HELD_OUT_LOSSES[name](margins, targets, multiclass)
    return float(np.dot(rows, sample_weight) / sample_weight.sum())


def layer_accuracy(X, targets, coef, intercept, multiclass, sample_weight):
    """:func:`unit_accuracy` of one layer of units with weights ``coef`` and
    ``intercept`` on ``X``."""
    return unit_accuracy(X @ coef + intercept, targets, multiclass, sample_weight)


def slope_derivatives(slope, margins, targets, multiclass):
    """First and second derivatives in ``slope`` of the summed cross-entropy of
    ``link(slope * margins)`` against ``targets``.

    The link is the sigmoid of each unit, or with ``multiclass`` the softmax
    over the units of a row. The cross-entropy is convex in ``slope``: the
    second derivative is a sum of variances of the margins.
    """
    scaled = slope * margins
    if multiclass:
        outputs = np.exp(log_softmax(scaled))
        mean_margins = (outputs * margins).sum(axis=1)
        curvature = np.vdot(outputs, margins**2) - mean_margins @ mean_margins
    else:
        outputs = sigmoid(scaled)
        curvature = np.vdot(outputs * (1 - outputs), margins**2)
    return float(np.vdot(outputs - targets, margins)), float(curvature)


def perceptron_epoch(
    X, targets, order, sample_rates, sample_share, coef, intercept, scale,
    averaging=None,
):  # fmt: skip
    """One epoch of Rosenblatt's perceptron rule over the rows ``order`` of ``X``.

    For each sample in turn, each unit that fires wrongly moves its weights by
    ``sample_rates[i] * (t - o) * x`` (on ``X / scale``, written for the raw weights)
    and its bias by ``sample_rates[i] * (t - o)``; a right unit changes nothing.
    Updates ``coef`` (n_features, n_units) and, unless it is None,
    ``intercept`` in place. With ``averaging``, a
    :class:`~sksigmoid._engine._averaging.RunningAverage`, each update is also
    added to its sums, times the samples of positive weight visited before it.
    Sparse X (CSR) is read and updated on each row's stored values only.

    Returns
    -------
    loss : float
        The epoch's perceptron loss, weighted by ``sample_share`` and averaged
        over the units, each sample measured before its update.
    mistakes : int
        The samples that caused an update.
    """
    bias = 0.0 if intercept is None else intercept
    mistakes = 0
    total_loss = 0.0
    for i in order:
        if sample_rates[i] == 0:
            continue
        columns, values = _row_entries(X, i)
        margins = values @ coef[columns] + bias
        total_loss += sample_share[i] * perceptron_loss(targets[i], margins).sum()
        errors = targets[i] - heaviside(margins)
        if errors.any():
            mistakes += 1
            update = (sample_rates[i] / scale) * np.outer(values / scale, errors)
            coef[columns] += update
            if averaging is not None:
                averaging.coef_sums[columns] += averaging.visits * update
            if intercept is not None:
                intercept[...] += sample_rates[i] * errors
                if averaging is not None:
                    averaging.intercept_sums += (
                        averaging.visits * sample_rates[i] * errors
                    )
        if averaging is not None:
            averaging.visits += 1
    return total_loss / coef.shape[1], mistakes


def _row_entries(X, i):
    """The columns and values of row ``i`` of X: every column of a dense row,
    the stored ones of a CSR row."""
    if sparse.issparse(X):
        start, stop = X.indptr[i], X.indptr[i + 1]
        return X.indices[start:stop], X.data[start:stop]
    return slice(None), X[i]
