"""The input statistics a fit trains in: the scale of X and the stable step.

Training runs on ``X / scale``, so the start and the step suit inputs of any
magnitude, and nothing in a pass can overflow. Truth tables and the tutorials'
0/1 inputs have scale 1 and are trained exactly as the classic rules say. The
sigmoid units add the mean square of the inputs and, where the rule's step
comes from the data, the stable step of their second moment. ``partial_fit``
keeps the statistics of its first call, so every chunk is trained alike.
"""

from contextlib import nullcontext
from dataclasses import asdict, dataclass

import numpy as np
from threadpoolctl import threadpool_limits

from sksigmoid._engine._backend import largest_magnitude


@dataclass(frozen=True)
class InputStatistics:
    """What the units of a fit's training are set by.

    Estimators store it as a plain dict (:meth:`as_stored`), which skops saves
    with no type of this package to trust; :meth:`from_stored` reads that dict
    back, also from model files of earlier releases (whose step is stored as
    ``first_step``).
    """

    #: The largest magnitude in X (1.0 for an all-zero X): training divides X by it.
    scale: float
    #: The mean square of a value of ``X / scale``.
    mean_square: float = 1.0
    #: The factor of the first layer's biases' directions.
    intercept_gain: float = 1.0
    #: The step the data set for a rule of ``learning_rate="auto"`` that takes
    #: one (see :func:`stable_step`), or the constant step of a float
    #: ``learning_rate``; None where the rule's step is not the data's.
    learning_rate: float | None = None

    def as_stored(self):
        """The statistics as a dict of floats."""
        return asdict(self)

    @classmethod
    def from_stored(cls, stored):
        """The statistics from :meth:`as_stored`'s dict."""
        stored = dict(stored)
        if "first_step" in stored:
            stored["learning_rate"] = stored.pop("first_step")
        return cls(**stored)


def input_scale(X, sample_weight=None, largest=None):
    """Largest magnitude in the rows of ``X`` of positive weight, checked by
    :func:`checked_scale`.

    Rows of zero weight are left out, so that they change nothing in the fit.
    ``largest``, X's largest magnitude when the caller has it, saves a pass.
    """
    return checked_scale(weighted_largest_magnitude(X, sample_weight, largest), X.dtype)


def weighted_largest_magnitude(X, sample_weight=None, largest=None):
    """Largest magnitude in the rows of ``X`` of positive weight (0.0 for none).

    ``largest``, the largest magnitude in all of ``X`` when the caller has it,
    is the answer when every weight is positive.
    """
    if sample_weight is not None and not (sample_weight > 0).all():
        X = X[sample_weight > 0]
        largest = None
    if not X.size:
        return 0.0
    if largest is None:
        largest = largest_magnitude(X)
    return largest


def checked_scale(largest, dtype):
    """The input scale for X of largest magnitude ``largest`` (1.0 for 0), or a
    ValueError when ``dtype`` cannot hold a model of such X."""
    if largest == 0:
        return 1.0
    # Raw weights are the scaled ones divided by the scale; leave them room to
    # reach 1e6 without overflowing the dtype.
    if largest < 1e6 / np.finfo(dtype).max:
        raise ValueError(
            f"The largest magnitude in X is {largest:.3g}, too close to zero for "
            f"{dtype} weights to represent a model of it. Multiply X by a "
            "constant or scale it with StandardScaler."
        )
    return largest


def evenly_spaced_rows(X, max_values=1 << 18):
    """The slice ``::stride`` of rows of X that hold about ``max_values`` values.

    A deterministic sample for statistics that an estimate serves, such as the
    first step of an adaptive rule: it draws no random numbers, and a copy of
    its rows is small whatever the size of X.
    """
    return slice(None, None, max(1, -(-X.size // max_values)))


def stable_step(
    sample,
    weights,
    scale,
    *,
    intercept_gain,
    fit_intercept,
    hidden_layer_inputs,
    curvature_bound,
    one_thread=False,
):
    """The stable step of the data, ``1 / (c * lambda)``: L-BFGS's first step
    and the constant step of ``solver="gd"`` with ``learning_rate="auto"``.

    ``c`` is the curvature bound of the loss and ``lambda`` the largest
    eigenvalue of the mean of ``z z^T``, where ``z`` is a first-layer input
    ``x / scale`` followed by the bias input as the adaptive rule sees it,
    ``sqrt(intercept_gain)`` (0 without biases); as a sigmoid output is below 1,
    a hidden layer's ``lambda`` is at most its number of inputs plus its bias.
    For one layer this is the largest step that the bound makes stable.

    Parameters
    ----------
    sample : ndarray of shape (n_rows, n_features)
        Rows of X (evenly spaced rows of a large X).
    weights : ndarray of shape (n_rows,)
        Their sample weights.
    scale : float
        The input scale.
    intercept_gain : float
        The biases' gain (see :class:`InputStatistics`).
    fit_intercept : bool
        Whether the units have biases.
    hidden_layer_inputs : list of int
        The number of inputs of each layer after the first.
    curvature_bound : float
        The loss's bound on its second derivative.
    one_thread : bool, default=False
        Whether to make the BLAS calls on one thread: BLAS's threads spin for
        a while after a call, taking a core from the compiled passes that
        follow (their first two took 50-75 ms instead of 20 on 400k x 100).
        The matrices are small; limiting the threads costs 3 ms, kept off
        small fits.
    """
    inputs = np.empty((sample.shape[0], sample.shape[1] + 1))
    inputs[:, :-1] = sample
    inputs[:, :-1] /= scale
    inputs[:, -1] = np.sqrt(intercept_gain) if fit_intercept else 0.0
    sample_share = weights / weights.sum()
    limit = threadpool_limits(1, user_api="blas") if one_thread else nullcontext()
    with limit:
        if inputs.shape[0] >= inputs.shape[1]:
            second_moment = inputs.T @ (inputs * sample_share[:, np.newaxis])
        else:
            # Fewer rows than inputs: the nonzero eigenvalues of the second
            # moment are those of the rows' weighted Gram matrix, milliseconds
            # for 20 x 6,000 instead of 12 s and 290 MB for 6,001 x 6,001.
            rows = inputs * np.sqrt(sample_share)[:, np.newaxis]
            second_moment = rows @ rows.T
        # eigvalsh of the small second moment: a tenth of an SVD of the rows.
        largest_eigenvalue = np.linalg.eigvalsh(second_moment)[-1]
    curvatures = [largest_eigenvalue] + [
        n_inputs + fit_intercept for n_inputs in hidden_layer_inputs
    ]
    # Inputs and biases all zero (no intercept, X of zeros) move nothing: any
    # step will do.
    return 1 / (curvature_bound * (max(curvatures) or 1.0))
