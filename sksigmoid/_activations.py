"""The math of the units, written once: activations, losses and error terms.

Functions that call into an array library take its namespace ``xp`` (NumPy by
default) and use only operations of the Array API standard, so other array
libraries can be plugged in without rewriting the math.
"""

import numpy as np


def sigmoid(z, xp=np):
    """Logistic function ``1 / (1 + exp(-z))`` without overflow for any finite z."""
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


def perceptron_loss(targets, margins, xp=np):
    """Rosenblatt's criterion ``max(0, -(2t - 1) z)``: how far a unit is on the wrong
    side of its threshold (zero when it fires correctly)."""
    return xp.maximum(0.0, (1 - 2 * targets) * margins)


#: name -> per-unit loss of the sigmoid unit, ``f(targets, margins, outputs)``.
LOSSES = {"squared_error": squared_error, "log_loss": log_loss}

#: name -> error term ``delta = -d loss / d margin``, ``f(targets, outputs)``.
DELTAS = {"squared_error": squared_error_delta, "log_loss": log_loss_delta}

#: name -> bound on ``|d^2 loss / d margin^2|`` over all margins and targets in [0, 1]:
#: the curvature that sets the largest safe gradient step.
CURVATURE_BOUNDS = {
    # max of o^2 (1 - o)(2 - 3 o) over o in (0, 1), found numerically.
    "squared_error": 0.0771,
    "log_loss": 0.25,
}
