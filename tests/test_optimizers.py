"""The step rules of ``_engine._optimizers``, each on its own, on quadratics
whose every step can be computed by hand (as scikit-learn tests MLP's
optimizers in ``test_stochastic_optimizers.py``)."""

import math
from itertools import pairwise

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.neural_network._stochastic_optimizers import AdamOptimizer

from sksigmoid._engine._optimizers import (
    AdamDescent,
    FullBatchDescent,
    MiniBatchDescent,
    QuasiNewtonDescent,
    ResilientDescent,
)


def quadratic(curvature, target=0.0):
    """``loss_and_direction`` of ``curvature / 2 * ||w - target||^2``."""

    def loss_and_direction(weights):
        deviation = weights[0] - target
        return 0.5 * curvature * float(deviation @ deviation), [-curvature * deviation]

    return loss_and_direction


def test_constant_rule_steps_along_the_direction_and_returns_the_start_loss():
    weights = [np.array([2.0, -4.0])]
    descent = FullBatchDescent(weights, quadratic(1.0), learning_rate=0.25)
    loss, n_updates = descent()
    # The loss of the weights the epoch started from; w <- w - 0.25 w.
    assert loss == pytest.approx(0.5 * (4 + 16)) and n_updates is None
    assert_allclose(weights[0], [1.5, -3.0])
    descent()
    assert_allclose(weights[0], [1.125, -2.25])


def quadratic_bowl(curvatures):
    """``loss_and_direction`` of ``sum_k curvatures[k] / 2 * w_k^2`` on one array."""
    curvatures = np.asarray(curvatures, dtype=float)

    def loss_and_direction(weights):
        w = weights[0]
        return 0.5 * float(curvatures @ w**2), [-curvatures * w]

    return loss_and_direction


def test_quasi_newton_reaches_the_minimum_of_a_quadratic():
    """Check that L-BFGS, unlike a fixed step, finds the minimum of a quadratic
    whose curvatures differ 100-fold in a few epochs, never raising the loss."""
    weights = [np.array([1.0, 1.0, 1.0])]
    descent = QuasiNewtonDescent(
        weights, quadratic_bowl([0.01, 0.1, 1.0]), learning_rate=1.0
    )
    losses = [descent()[0] for _ in range(12)]
    assert all(later <= earlier for earlier, later in pairwise(losses))
    assert_allclose(weights[0], 0.0, atol=1e-8)


def test_quasi_newton_first_step_is_the_learning_rate_along_the_direction():
    weights = [np.array([2.0])]
    descent = QuasiNewtonDescent(weights, quadratic(1.0), learning_rate=0.25)
    loss, n_updates = descent()
    assert loss == pytest.approx(2.0) and n_updates is None
    assert_allclose(weights[0], [1.5])


def test_quasi_newton_caps_the_change_of_a_weight():
    """Check that one epoch moves no weight by more than max_change, or by more
    than the largest weight's size when that is larger."""
    weights = [np.array([0.0])]
    descent = QuasiNewtonDescent(
        weights, lambda w: (-float(w[0][0]), [np.array([1.0])]), learning_rate=100.0
    )
    descent()
    assert_allclose(weights[0], [QuasiNewtonDescent.max_change])
    weights = [np.array([1000.0])]
    descent = QuasiNewtonDescent(
        weights, lambda w: (-float(w[0][0]), [np.array([1.0])]), learning_rate=1e6
    )
    descent()
    assert_allclose(weights[0], [2000.0])


def test_quasi_newton_undoes_an_overflowing_step():
    def overflowing(weights):
        loss = math.inf if abs(weights[0][0]) > 1.5 else float(weights[0][0] ** 2)
        return loss, [-2 * weights[0]]

    weights = [np.array([1.0])]
    descent = QuasiNewtonDescent(weights, overflowing, learning_rate=1.5)
    loss, _ = descent()
    # A step of 1.5 * 2 lands at -2 (an overflow); halved, -0.5, is kept.
    assert loss == 1.0
    assert_allclose(weights[0], [-0.5])


def test_quasi_newton_reports_no_update_at_a_minimum():
    weights = [np.array([0.0, 0.0])]
    descent = QuasiNewtonDescent(weights, quadratic(1.0), learning_rate=1.0)
    assert descent() == (0.0, 0)
    # A loss that no step lowers (a flat one) gives no update either.
    flat = QuasiNewtonDescent(
        [np.array([1.0])], lambda w: (1.0, [np.array([1.0])]), learning_rate=1.0
    )
    assert flat()[1] == 0


def test_quasi_newton_measures_steps_in_the_given_units():
    """Check that the rule runs on the weights times their units: with the
    direction scaled as ``loss_and_direction`` scales it, a weight in
    thousandths reaches the same minimum as in its own units."""
    unit = 1e-3

    def loss_and_direction(weights):
        scaled = weights[0] * unit
        return 0.5 * float(scaled @ scaled), [-scaled / unit]

    weights = [np.array([1.0, -2.0]) / unit]
    descent = QuasiNewtonDescent(
        weights, loss_and_direction, learning_rate=0.5, factors=[unit]
    )
    for _ in range(4):
        descent()
    assert_allclose(weights[0] * unit, 0.0, atol=1e-10)


def mean_quadratic(X, weights_of_rows, batches=None):
    """``loss_and_direction(weights, rows)`` of the weighted mean of
    ``||w - x_i||^2 / 2`` over the given rows; each call's rows are appended to
    ``batches`` if given."""

    def loss_and_direction(weights, rows):
        if batches is not None:
            batches.append(rows.copy())
        share = weights_of_rows[rows] / weights_of_rows[rows].sum()
        deviations = weights[0] - X[rows]
        loss = float(share @ (0.5 * (deviations**2).sum(axis=1)))
        return loss, [-(share @ deviations)]

    return loss_and_direction


def test_mini_batches_take_one_step_per_batch_in_a_shuffled_order():
    X = np.arange(10.0).reshape(5, 2)
    row_weights = np.ones(5)
    weights = [np.zeros(2)]
    batches = []
    descent = MiniBatchDescent(
        weights,
        mean_quadratic(X, row_weights, batches),
        sample_weight=row_weights,
        batch_size=2,
        learning_rate=0.5,
        random_state=np.random.RandomState(0),
    )
    descent()
    order = np.random.RandomState(0).permutation(5)
    assert [list(rows) for rows in batches] == [
        list(order[:2]),
        list(order[2:4]),
        list(order[4:]),
    ]
    # Replay the three constant steps by hand.
    expected = np.zeros(2)
    for rows in batches:
        expected += 0.5 * (X[rows].mean(axis=0) - expected)
    assert_allclose(weights[0], expected)


def test_one_mini_batch_of_all_rows_is_the_constant_full_batch_rule():
    rng = np.random.RandomState(0)
    X = rng.normal(size=(20, 3))
    row_weights = rng.uniform(0.5, 2.0, size=20)
    batch = [np.zeros(3)]
    loss_and_direction = mean_quadratic(X, row_weights)
    MiniBatchDescent(
        batch,
        loss_and_direction,
        sample_weight=row_weights,
        batch_size=20,
        learning_rate=0.3,
        random_state=np.random.RandomState(1),
    )()
    full = [np.zeros(3)]
    rows = np.arange(20)
    FullBatchDescent(
        full, lambda weights: loss_and_direction(weights, rows), learning_rate=0.3
    )()
    assert_allclose(batch[0], full[0], rtol=1e-12)


def test_a_mini_batch_of_zero_weight_is_skipped():
    X = np.array([[1.0], [100.0], [3.0]])
    row_weights = np.array([1.0, 0.0, 1.0])
    calls = []
    descent = MiniBatchDescent(
        [np.zeros(1)],
        mean_quadratic(X, row_weights, calls),
        sample_weight=row_weights,
        batch_size=1,
        learning_rate=1.0,
        random_state=np.random.RandomState(0),
    )
    loss, _ = descent()
    assert sorted(int(rows[0]) for rows in calls) == [0, 2]
    assert np.isfinite(loss)


def test_resilient_rule_grows_the_step_while_the_sign_stays():
    weights = [np.array([8.0])]
    descent = ResilientDescent(
        weights, quadratic(1.0), learning_rate=0.5, factors=[1.0]
    )
    descent()
    # No previous sign: the first step, against the gradient.
    assert_allclose(weights[0], [7.5])
    descent()
    # Same sign: the step grows by 1.2.
    assert_allclose(weights[0], [7.5 - 0.6])


def test_resilient_rule_undoes_a_move_across_the_minimum_that_raised_the_loss():
    weights = [np.array([0.2])]
    descent = ResilientDescent(
        weights, quadratic(1.0), learning_rate=0.5, factors=[1.0]
    )
    descent()
    assert_allclose(weights[0], [-0.3])
    descent()
    # The sign flipped and the loss rose (0.045 > 0.02): back to 0.2, step halved.
    assert_allclose(weights[0], [0.2])
    descent()
    # The flipped sign was forgotten: a plain step of 0.25 along the gradient.
    assert_allclose(weights[0], [-0.05])


def test_resilient_rule_moves_alike_for_gradients_of_any_size():
    """Check that only the gradient's signs steer the rule: two fits whose
    gradients differ by a factor make the same moves, bit for bit."""
    trajectories = []
    for curvature in [1.0, 3.7e-5]:
        weights = [np.array([3.0, -2.0])]
        descent = ResilientDescent(
            weights, quadratic(curvature, target=0.4), learning_rate=0.1, factors=[2.0]
        )
        for _ in range(60):
            descent()
        trajectories.append(weights[0].copy())
    assert_array_equal(trajectories[0], trajectories[1])
    assert_allclose(trajectories[0], 0.4, atol=1e-3)


def test_adam_rule_matches_scikit_learns_adam_optimizer():
    X = np.random.RandomState(0).normal(size=(30, 3))
    row_weights = np.ones(30)
    ours = [np.zeros(3)]
    descent = AdamDescent(
        ours,
        mean_quadratic(X, row_weights),
        factors=[1.0],
        sample_weight=row_weights,
        batch_size=30,
        learning_rate=0.01,
        random_state=np.random.RandomState(0),
    )
    theirs = [np.zeros(3)]
    reference = AdamOptimizer(theirs, learning_rate_init=0.01)
    for _ in range(25):
        loss_and_direction = mean_quadratic(X, row_weights)
        _, directions = loss_and_direction(theirs, np.arange(30))
        # scikit-learn's optimizer takes gradients: minus our directions.
        reference.update_params(theirs, [-direction for direction in directions])
        descent()
    assert_allclose(ours[0], theirs[0], rtol=1e-12)


def test_adam_rule_steps_in_the_units_of_each_array():
    weights = [np.array([8.0]), np.array([8.0])]

    def loss_and_direction(weights, rows):
        return 0.0, [-weights[0].copy(), -weights[1].copy()]

    AdamDescent(
        weights,
        loss_and_direction,
        factors=[1.0, 4.0],
        sample_weight=np.ones(1),
        batch_size=1,
        learning_rate=0.1,
        random_state=np.random.RandomState(0),
    )()
    # Adam's first step is the learning rate against the gradient's sign.
    assert_allclose([weights[0][0], weights[1][0]], [7.9, 8.0 - 0.1 / 4], rtol=1e-6)
