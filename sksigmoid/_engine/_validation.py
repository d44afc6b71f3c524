"""Validation of X: scikit-learn's ``validate_data`` with floats kept at 32 or
64 bits, and its finiteness test, run the way a fit or a prediction needs."""

import math

import numpy as np
from sklearn.utils import assert_all_finite
from sklearn.utils.validation import validate_data

from sksigmoid._engine._backend import largest_magnitude


def validate(estimator, X, y="no_validation", **check_params):
    """scikit-learn's validate_data, floats kept at 32 or 64 bits.

    X is not tested for NaN and infinity here: each caller tests it in the way
    that suits what it does next (:func:`finite_largest_magnitude` in a fit,
    :func:`assert_finite` or the compiled margins in a prediction).
    """
    return validate_data(
        estimator,
        X,
        y,
        dtype=[np.float64, np.float32],
        ensure_all_finite=False,
        **check_params,
    )


def assert_finite(estimator, X):
    """scikit-learn's test that X holds no NaN and no infinity, with its messages.

    Its first test sums X, which for finite values near the float limit is
    inf - inf; the element-wise test that follows decides, so the spurious
    RuntimeWarning of that sum is silenced.
    """
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
