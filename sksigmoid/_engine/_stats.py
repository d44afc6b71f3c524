"""The input statistics a fit trains in: the scale of X and the stable step.

Training runs on ``X / scale``, so the start and the step suit inputs of any
magnitude, and nothing in a pass can overflow. Truth tables and the tutorials'
0/1 inputs have scale 1 and are trained exactly as the classic rules say. The
sigmoid units add the mean square of the inputs and, where the rule's step
comes from the data, the stable step of their second moment. ``partial_fit``
keeps the statistics of its first call, so every chunk is trained alike.
"""

from contextlib import nullcontext
from dataclasses import dataclass, fields

import numpy as np
from scipy import sparse
from scipy.sparse.linalg import LinearOperator, eigsh
from threadpoolctl import threadpool_limits

from sksigmoid._engine._backend import largest_magnitude, with_stored_values


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
    #: The weighted share of X's values that are not zero (1.0 in model files
    #: of earlier releases): the penalty measures weights in units of a
    #: non-zero value, of mean square ``mean_square / nonzero_share``.
    nonzero_share: float = 1.0

    def as_stored(self):
        """The statistics as a dict of floats."""
        # Its fields are floats: a shallow dict is the whole of asdict's deep
        # copy, in a tenth of its time (a twentieth of a small fit's).
        return {field.name: getattr(self, field.name) for field in fields(self)}

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


#: Values of X divided by the scale at a time in :func:`sample_moments`: the
#: temporaries stay small (64 KB each) whatever the size of X.
MOMENT_BLOCK_VALUES = 1 << 13


@dataclass(frozen=True)
class SampleMoments:
    """The weighted moments of a sample's rows of ``X / scale``: what the
    stable step and L-BFGS's column factors read."""

    #: Weighted mean of the rows, shape (n_features,).
    mean: np.ndarray
    #: Weighted mean square of each column, shape (n_features,).
    column_squares: np.ndarray
    #: Weighted mean of ``x x^T``, shape (n_features, n_features); None for a
    #: sample of fewer rows than features plus one, kept as ``weighted_rows``.
    second: np.ndarray | None
    #: The rows times the square root of their share of the weight, where
    #: ``second`` is None (sparse for sparse X).
    weighted_rows: np.ndarray | sparse.csr_matrix | None
    #: The square root of each row's share of the weight, where ``second`` is
    #: None.
    root_shares: np.ndarray | None

    def largest_eigenvalue(self, bias_input):
        """The largest eigenvalue of the mean of ``z z^T``, ``z`` a row followed
        by the constant ``bias_input``."""
        if self.second is None and sparse.issparse(self.weighted_rows):
            return _largest_eigenvalue_of_rows(
                self.weighted_rows, self.root_shares * bias_input
            )
        if self.second is None:
            # Fewer rows than inputs: the nonzero eigenvalues of the second
            # moment are those of the rows' weighted Gram matrix, milliseconds
            # for 20 x 6,000 instead of 12 s and 290 MB for 6,001 x 6,001.
            root = self.root_shares * bias_input
            gram = self.weighted_rows @ self.weighted_rows.T + np.outer(root, root)
            return np.linalg.eigvalsh(gram)[-1]
        n_features = self.mean.shape[0]
        second = np.empty((n_features + 1, n_features + 1))
        second[:-1, :-1] = self.second
        second[:-1, -1] = second[-1, :-1] = bias_input * self.mean
        second[-1, -1] = bias_input**2
        # eigvalsh of the small second moment: a tenth of an SVD of the rows.
        return np.linalg.eigvalsh(second)[-1]


def _largest_eigenvalue_of_rows(weighted_rows, bias_column):
    """The largest eigenvalue of ``A^T A``, ``A`` the sparse ``weighted_rows``
    followed by the column ``bias_column``, by Lanczos' method on products
    with A: no matrix of the features' squared size is formed."""
    n_features = weighted_rows.shape[1]

    def product(vector):
        vector = np.ravel(vector)
        rows = weighted_rows @ vector[:-1] + bias_column * vector[-1]
        return np.append(weighted_rows.T @ rows, bias_column @ rows)

    operator = LinearOperator((n_features + 1,) * 2, matvec=product, dtype=float)
    # A fixed start: the same eigenvalue, to rounding, on every call.
    start = np.ones(n_features + 1)
    return float(eigsh(operator, k=1, which="LA", v0=start, tol=1e-10)[0][0])


#: Largest number of features of sparse X whose second moment is formed as a
#: dense matrix (2 MB), as dense X's is; above, the stable step's eigenvalue
#: comes from products with the sample's rows.
SPARSE_SECOND_MAX_FEATURES = 512


def _sparse_sample_moments(sample, share, scale):
    """:func:`sample_moments` of sparse rows: from their stored values."""
    root_share = np.sqrt(share)
    row_factors = np.repeat(root_share / scale, np.diff(sample.indptr))
    weighted_rows = with_stored_values(sample, sample.data * row_factors)
    mean = weighted_rows.T @ root_share
    if sample.shape[1] <= SPARSE_SECOND_MAX_FEATURES:
        second = (weighted_rows.T @ weighted_rows).toarray()
        return SampleMoments(mean, np.diag(second).copy(), second, None, None)
    column_squares = np.bincount(
        weighted_rows.indices,
        weights=np.square(weighted_rows.data),
        minlength=sample.shape[1],
    )
    return SampleMoments(mean, column_squares, None, weighted_rows, root_share)


def sample_moments(sample, weights, scale, *, one_thread=False):
    """The :class:`SampleMoments` of the rows ``sample`` of X with ``weights``.

    One BLAS product a block of rows, each block divided by ``scale`` first so
    that no square overflows; the stable step and L-BFGS's column factors both
    read them, at a tenth of the time and memory of a scaled copy of the rows
    and a product for each. With ``one_thread`` the products run on one BLAS
    thread: BLAS's threads spin for a while after a call, taking a core from
    the compiled passes that follow (their first two took 50-75 ms instead of
    20 on 400k x 100); limiting the threads costs 3 ms, kept off small fits.
    """
    share = weights / weights.sum()
    if sparse.issparse(sample):
        return _sparse_sample_moments(sample, share, scale)
    root_share = np.sqrt(share)
    n_rows, n_features = sample.shape
    if n_rows < n_features + 1:
        scaled = sample / scale
        mean = share @ scaled
        weighted_rows = np.multiply(scaled, root_share[:, np.newaxis], out=scaled)
        column_squares = np.einsum("ij,ij->j", weighted_rows, weighted_rows)
        return SampleMoments(mean, column_squares, None, weighted_rows, root_share)
    mean = np.zeros(n_features)
    second = np.zeros((n_features, n_features))
    block_rows = max(1, MOMENT_BLOCK_VALUES // n_features)
    limit = threadpool_limits(1, user_api="blas") if one_thread else nullcontext()
    with limit:
        for start in range(0, n_rows, block_rows):
            block = sample[start : start + block_rows] / scale
            mean += share[start : start + block_rows] @ block
            # The product of an array with its own transpose is BLAS's syrk,
            # which computes half of the symmetric result: a quarter faster.
            block *= root_share[start : start + block_rows, np.newaxis]
            second += block.T @ block
    return SampleMoments(mean, np.diag(second).copy(), second, None, None)


class SampledRows:
    """The moments of a fit's data's ``sample()`` rows, computed once a fit:
    for :class:`~sksigmoid._engine._data.ArrayData` and the dask blocks."""

    def sample_moments(self, scale):
        """:func:`sample_moments` of ``self.sample()`` for ``scale``."""
        cached = getattr(self, "_moments", None)
        if cached is None or cached[0] != scale:
            moments = sample_moments(*self.sample(), scale, one_thread=self.compiled)
            cached = (scale, moments)
            self._moments = cached
        return cached[1]


def stable_step(
    moments,
    *,
    intercept_gain,
    fit_intercept,
    hidden_layer_inputs,
    curvature_bound,
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
    moments : SampleMoments
        The moments of ``x / scale`` on evenly spaced rows of X.
    intercept_gain : float
        The biases' gain (see :class:`InputStatistics`).
    fit_intercept : bool
        Whether the units have biases.
    hidden_layer_inputs : list of int
        The number of inputs of each layer after the first.
    curvature_bound : float
        The loss's bound on its second derivative.
    """
    bias_input = np.sqrt(intercept_gain) if fit_intercept else 0.0
    largest_eigenvalue = moments.largest_eigenvalue(bias_input)
    curvatures = [largest_eigenvalue] + [
        n_inputs + fit_intercept for n_inputs in hidden_layer_inputs
    ]
    # Inputs and biases all zero (no intercept, X of zeros) move nothing: any
    # step will do.
    return 1 / (curvature_bound * (max(curvatures) or 1.0))
