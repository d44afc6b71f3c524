"""The step rules' compiled arithmetic: L-BFGS's two-loop recursion and
iRprop+'s move, each over the flat weights of one update.

Called once an epoch, on vectors of the weights' size: NumPy's expressions
there cost a temporary and a call per product, more than the arithmetic on a
small model. Imported, as the other kernel modules, only by ``_backend``.
"""

import numpy as np
from numba import njit


@njit(inline="always")
def _dot(a, b):
    total = 0.0
    for k in range(a.shape[0]):
        total += a[k] * b[k]
    return total


@njit(cache=True)
def _two_loop(changes, gradient_changes, inverse_curvatures, descent, step):
    # Loops in place: NumPy's expressions here made a temporary of the weights'
    # size for each product and update, 4 a pair (190 us a call on 5,800
    # weights with 10 pairs; now about half). Without fast-math: a reassociated
    # dot product sums in an order that depends on the rows' alignment in
    # memory, so two fits of the same data parted by 1e-7 after 60 epochs.
    n_pairs, n_weights = changes.shape[0], descent.shape[0]
    direction = descent.copy()
    coefficients = np.empty(n_pairs)
    for pair in range(n_pairs - 1, -1, -1):
        coefficient = inverse_curvatures[pair] * _dot(changes[pair], direction)
        coefficients[pair] = coefficient
        gradient_change = gradient_changes[pair]
        for k in range(n_weights):
            direction[k] -= coefficient * gradient_change[k]
    for k in range(n_weights):
        direction[k] *= step
    for pair in range(n_pairs):
        correction = inverse_curvatures[pair] * _dot(gradient_changes[pair], direction)
        factor = coefficients[pair] - correction
        change = changes[pair]
        for k in range(n_weights):
            direction[k] += factor * change[k]
    return direction


def two_loop(changes, gradient_changes, inverse_curvatures, descent, step):
    """``_math.two_loop``, compiled: the 20 small products of its loops cost
    a microsecond each from Python, more than the pass of a small table."""
    return _two_loop(changes, gradient_changes, inverse_curvatures, descent, step)


@njit(cache=True)
def _resilient_step(weight, direction, step, signs, move, bounds, rates, loss_rose):
    dtype = step.dtype.type
    smallest, largest = dtype(bounds[0]), dtype(bounds[1])
    increase, decrease = dtype(rates[0]), dtype(rates[1])
    for k in range(weight.shape[0]):
        value = direction[k]
        # np.sign's: NaN stays NaN, so that a diverged fit is seen.
        new_sign = dtype(1) if value > 0 else dtype(-1) if value < 0 else value * 0
        agreement = new_sign * signs[k]
        if agreement > 0:
            step[k] *= increase
        elif agreement < 0:
            step[k] *= decrease
        step[k] = min(max(step[k], smallest), largest)
        if agreement < 0:
            new_sign = dtype(0)
            move[k] = -move[k] if loss_rose else dtype(0)
        else:
            move[k] = new_sign * step[k]
        weight[k] += move[k]
        signs[k] = new_sign


def resilient_step(weight, direction, step, signs, move, bounds, rates, loss_rose):
    """``_math.resilient_step``, compiled, on C-contiguous arrays of one dtype:
    its dozen NumPy calls an array were half a small network's epoch."""
    _resilient_step(
        *(array.reshape(-1) for array in (weight, direction, step, signs, move)),
        bounds,
        rates,
        loss_rose,
    )
