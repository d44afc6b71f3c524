"""Validation of X: scikit-learn's ``validate_data`` with floats kept at 32 or
64 bits, and its finiteness test, run the way a fit or a prediction needs."""

import math

import numpy as np
from sklearn.utils import assert_all_finite
from sklearn.utils.validation import validate_data

from sksigmoid._engine._backend import is_sparse, largest_magnitude

#: The dtypes X is kept in.
FLOAT_DTYPES = (np.float64, np.float32)


def validate(estimator, X, y="no_validation", **check_params):
    """scikit-learn's validate_data, floats kept at 32 or 64 bits.

    Sparse X (a SciPy matrix or array, CSR or CSC) comes back as CSR of the
    same kind, its duplicates summed and its indices sorted, the form every
    row pass reads (as ``Perceptron`` converts it); CSC costs one copy of it.

    X is not tested for NaN and infinity here: each caller tests it in the way
    that suits what it does next (:func:`finite_largest_magnitude` in a fit,
    :func:`assert_finite` or the compiled margins in a prediction).

    A float ndarray of rows, and labels in an ndarray of integers or strings
    of its length, are what ``check_array`` would return unchanged: for them
    only the number and names of the features are checked, by validate_data
    itself (``skip_check_array``), which cut a single-row prediction's time by
    two fifths.
    """
    if _needs_no_conversion(X, y, check_params.get("y_numeric", False)):
        return validate_data(
            estimator, X, y, reset=check_params.get("reset", True),
            skip_check_array=True,
        )  # fmt: skip
    validated = validate_data(
        estimator,
        X,
        y,
        accept_sparse="csr",
        dtype=list(FLOAT_DTYPES),
        ensure_all_finite=False,
        **check_params,
    )
    X = validated[0] if isinstance(validated, tuple) else validated
    if is_sparse(X) and not X.has_canonical_format:
        # A copy: the caller's matrix is not changed in place.
        canonical = X.copy()
        canonical.sum_duplicates()
        return (
            (canonical, *validated[1:]) if isinstance(validated, tuple) else canonical
        )
    return validated


#: Values of X below which :func:`assert_finite` tests them all at once before
#: calling scikit-learn's test: 2 us for a row, where scikit-learn's takes 25
#: (a fifth of a single-row prediction).
ELEMENTWISE_FINITE_MAX_SIZE = 10_000


def _needs_no_conversion(X, y, y_numeric=False):
    """Whether ``check_array`` (and ``check_X_y``) would return ``X`` (and
    ``y``) as they are, with nothing to report: a regressor's float ``y``
    (``y_numeric``) too, once found finite (a third of a small fit's time
    went to checking it)."""
    if not (
        type(X) is np.ndarray and X.dtype in FLOAT_DTYPES and X.ndim == 2 and X.size > 0
    ):
        return False
    if isinstance(y, str) and y == "no_validation":
        return True
    if not (type(y) is np.ndarray and y.shape[:1] == X.shape[:1]):
        return False
    if y_numeric:
        return (
            y.dtype in FLOAT_DTYPES
            and (y.ndim == 1 or (y.ndim == 2 and y.shape[1] > 1))
            and bool(np.isfinite(y).all())
        )
    return y.ndim == 1 and y.dtype.kind in "biuU"


def assert_finite(estimator, X):
    """scikit-learn's test that X holds no NaN and no infinity, with its messages.

    Its first test sums X, which for finite values near the float limit is
    inf - inf; the element-wise test that follows decides, so the spurious
    RuntimeWarning of that sum is silenced. A small X that is all finite
    passes without it.
    """
    values = X.data if is_sparse(X) else X
    if values.size <= ELEMENTWISE_FINITE_MAX_SIZE and np.isfinite(values).all():
        return
    with np.errstate(over="ignore", invalid="ignore"):
        assert_all_finite(X, input_name="X", estimator_name=type(estimator).__name__)


def finite_largest_magnitude(estimator, X):
    """X's largest magnitude, once scikit-learn's test has found X finite.

    A large X takes one compiled pass for both: scikit-learn's test sums X on
    one thread, about three times as long, and NaN's bits are above
    infinity's, so a NaN or an infinity makes the largest magnitude infinite or
    NaN; scikit-learn's test then names it.
    """
    largest = largest_magnitude(X)
    if not math.isfinite(largest):
        assert_finite(estimator, X)
    return largest
