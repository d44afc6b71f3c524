"""The math of the units, written once: activations, losses, error terms, and the
backpropagation that chains them through layers of sigmoid units.

Functions that call into an array library take its namespace ``xp`` (NumPy by
default) and use only operations of the Array API standard, so other array
libraries can be plugged in without rewriting the math.
"""

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from scipy.special import expit


def sigmoid(z, xp=np):
    """Logistic function ``1 / (1 + exp(-z))`` without overflow for any finite z."""
    if xp is np:
        # SciPy's compiled expit is about five times faster than the
        # logaddexp form, which other array libraries get.
        return expit(z)
    return xp.exp(-xp.logaddexp(0.0, -z))


def log_sigmoid(z, xp=np):
    """Logarithm of :func:`sigmoid`, finite for every finite z."""
    return -xp.logaddexp(0.0, -z)


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


def step(z, xp=np):
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
    """Everything the engine needs of an output unit's loss, in one record.

    Adding a loss is adding a record to :data:`LOSSES`: the estimators' ``loss``
    parameter accepts its name, :func:`backpropagate` trains it, and the
    compiled pass, which knows only its own losses, leaves it to NumPy.
    """

    #: ``f(targets, margins, outputs, xp=np)``: the loss of each unit.
    value: Callable
    #: ``f(targets, outputs)``: the error term, minus d loss / d margin.
    delta: Callable
    #: A bound on ``|d^2 loss / d margin^2|`` over all margins and targets in
    #: [0, 1]: the curvature that sets the largest safe gradient step.
    curvature_bound: float


#: name -> the loss of the sigmoid output units.
LOSSES = {
    # Curvature: the max of o^2 (1 - o)(2 - 3 o) over o in (0, 1), found
    # numerically.
    "squared_error": Loss(squared_error, squared_error_delta, 0.0771),
    "log_loss": Loss(log_loss, log_loss_delta, 0.25),
}


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
        layer_inputs.append(sigmoid(layer_inputs[-1] @ coef + intercept, xp=xp))
    return layer_inputs, layer_inputs[-1] @ coefs[-1] + intercepts[-1]


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
        Targets of the output units, in [0, 1].
    sample_share : array of shape (n_samples, 1)
        Each sample's share of the mean (its weight over the total weight).
    coefs, intercepts : list of array
        Weights ``(n_inputs, n_units)`` and biases ``(n_units,)`` of each layer.
    loss : str
        Name of the output units' loss, a key of :data:`LOSSES`.
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
    outputs = sigmoid(margins)
    unit_loss = LOSSES[loss]
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


def unit_accuracy(margins, targets, multiclass, sample_weight):
    """Weighted share of the samples whose every unit is right (subset accuracy)."""
    if multiclass:
        correct = np.argmax(margins, axis=1) == np.argmax(targets, axis=1)
    else:
        correct = ((margins > 0) == (targets > 0)).all(axis=1)
    return float(np.average(correct, weights=sample_weight))


def perceptron_epoch(X, targets, order, steps, sample_share, coef, intercept, scale):
    """One epoch of Rosenblatt's perceptron rule over the rows ``order`` of ``X``.

    For each sample in turn, each unit that fires wrongly moves its weights by
    ``steps[i] * (t - o) * x`` (on ``X / scale``, written for the raw weights)
    and its bias by ``steps[i] * (t - o)``; a right unit changes nothing.
    Updates ``coef`` (n_features, n_units) and, unless it is None,
    ``intercept`` in place.

    Returns
    -------
    loss : float
        The epoch's perceptron loss, weighted by ``sample_share``, each sample
        measured before its update.
    mistakes : int
        The samples that caused an update.
    """
    bias = 0.0 if intercept is None else intercept
    mistakes = 0
    total_loss = 0.0
    for i in order:
        if steps[i] == 0:
            continue
        margins = X[i] @ coef + bias
        total_loss += sample_share[i] * perceptron_loss(targets[i], margins).sum()
        errors = targets[i] - step(margins)
        if errors.any():
            mistakes += 1
            coef[...] += (steps[i] / scale) * np.outer(X[i] / scale, errors)
            if intercept is not None:
                intercept[...] += steps[i] * errors
    return total_loss, mistakes
