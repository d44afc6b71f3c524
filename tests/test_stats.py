"""The input statistics of ``_engine._stats``."""

import numpy as np
import pytest
from numpy.testing import assert_allclose

from sksigmoid._engine._stats import (
    InputStatistics,
    checked_scale,
    evenly_spaced_rows,
    input_scale,
    sample_moments,
    stable_step,
)


def test_statistics_are_stored_as_a_plain_dict_and_read_back():
    statistics = InputStatistics(2.0, 0.5, 0.5, 0.125, nonzero_share=0.25)
    stored = statistics.as_stored()
    assert stored == {
        "scale": 2.0,
        "mean_square": 0.5,
        "intercept_gain": 0.5,
        "learning_rate": 0.125,
        "nonzero_share": 0.25,
    }
    assert InputStatistics.from_stored(stored) == statistics


def test_statistics_of_an_earlier_sigmoid_unit_file_read_back():
    # The sigmoid units' files of release 0.1.0 name the step first_step, and
    # those before sparse input hold no share of non-zero values: all count.
    stored = {"scale": 2.0, "mean_square": 0.5, "intercept_gain": 1.0, "first_step": 3}
    read = InputStatistics.from_stored(stored)
    assert read == InputStatistics(2.0, 0.5, 1.0, 3)
    assert read.nonzero_share == 1.0


def test_statistics_of_an_earlier_threshold_unit_file_read_back():
    # The threshold unit's files of release 0.1.0 hold only the scale.
    assert InputStatistics.from_stored({"scale": 3.0}) == InputStatistics(3.0)


def test_input_scale_leaves_out_rows_of_zero_weight():
    X = np.array([[1.0, -2.0], [0.5, 40.0], [-3.0, 0.0]])
    assert input_scale(X) == 40.0
    assert input_scale(X, np.array([1.0, 0.0, 1.0])) == 3.0
    assert input_scale(np.zeros((2, 2))) == 1.0


def test_a_scale_too_small_for_the_dtype_is_refused():
    with pytest.raises(ValueError, match="too close to zero"):
        checked_scale(1e-40, np.float32)
    assert checked_scale(1e-40, np.float64) == 1e-40


def test_evenly_spaced_rows_hold_about_the_values_asked():
    X = np.empty((10_000, 100))
    rows = evenly_spaced_rows(X, max_values=50_000)
    assert rows.step == 20 and X[rows].size == 50_000
    assert evenly_spaced_rows(X[:10]).step == 1


@pytest.mark.parametrize("fit_intercept", [True, False])
@pytest.mark.parametrize("n_rows", [4, 30])
def test_stable_step_is_the_inverse_of_the_largest_eigenvalue(n_rows, fit_intercept):
    """Check ``1 / (c * lambda_max)`` against the eigenvalues of the inputs'
    weighted second moment (13 x 13), on 4 rows (fewer than the 12 features
    and the bias: the step comes from the rows' 4 x 4 Gram matrix) and on 30."""
    rng = np.random.RandomState(0)
    sample = rng.normal(size=(n_rows, 12)) + 0.5
    weights = rng.uniform(0.5, 2, size=n_rows)
    scale, gain = 3.0, 0.25
    bias = np.full(n_rows, np.sqrt(gain) if fit_intercept else 0.0)
    inputs = np.column_stack([sample / scale, bias])
    moment = (inputs * (weights / weights.sum())[:, np.newaxis]).T @ inputs
    largest = np.linalg.eigvalsh(moment)[-1]
    step = stable_step(
        sample_moments(sample, weights, scale),
        intercept_gain=gain,
        fit_intercept=fit_intercept,
        hidden_layer_inputs=[],
        curvature_bound=0.5,
    )
    assert step == pytest.approx(1 / (0.5 * largest), rel=1e-12)
    # A hidden layer's curvature, its inputs plus its bias, bounds it further.
    with_hidden = stable_step(
        sample_moments(sample, weights, scale),
        intercept_gain=gain,
        fit_intercept=fit_intercept,
        hidden_layer_inputs=[8],
        curvature_bound=0.5,
    )
    assert with_hidden == pytest.approx(1 / (0.5 * (8 + fit_intercept)))


@pytest.mark.parametrize("n_rows", [4, 30, 5000])
def test_sample_moments_are_the_weighted_moments_of_the_scaled_rows(n_rows):
    """Check the blocked moments (5,000 rows span several blocks) and the
    column squares of a wide sample against the scaled rows' moments."""
    rng = np.random.RandomState(0)
    sample = rng.normal(size=(n_rows, 12)) + 0.5
    weights = rng.uniform(0.5, 2, size=n_rows)
    share = weights / weights.sum()
    scaled = sample / 3.0
    moments = sample_moments(sample, weights, 3.0)
    assert_allclose(moments.mean, share @ scaled, rtol=1e-12)
    assert_allclose(moments.column_squares, share @ scaled**2, rtol=1e-12)
    if n_rows > 12:
        assert_allclose(
            moments.second, (scaled * share[:, np.newaxis]).T @ scaled, rtol=1e-12
        )
