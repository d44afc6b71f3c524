"""The step rules of ``_engine._optimizers``, each on its own, on quadratics
whose every step can be computed by hand (as scikit-learn tests MLP's
optimizers in ``test_stochastic_optimizers.py``)."""

import math

import numpy as np
import pytest
from numpy.testing import assert_allclose

from sksigmoid._engine._optimizers import STEP_RULES, FullBatchDescent, MiniBatchDescent


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


def test_momentum_rule_grows_the_step_and_carries_the_last_one():
    weights = [np.array([8.0])]
    descent = FullBatchDescent(
        weights, quadratic(1.0), learning_rate=0.1, rule="momentum"
    )
    descent()
    # First step: 0.1 * 8 toward 0, then the step grows by 5%.
    assert_allclose(weights[0], [7.2])
    assert descent.step_size == pytest.approx(0.105)
    descent()
    # Second: 0.105 * 7.2 plus 0.9 times the first step, -0.8.
    assert_allclose(weights[0], [7.2 - 0.105 * 7.2 - 0.9 * 0.8])


@pytest.mark.parametrize("rule", ["momentum", "secant"])
def test_adaptive_rules_undo_and_halve_a_step_that_raises_the_loss(rule):
    """Check that a step past the far side of the valley is undone: with
    curvature 1, a step of 3 would take w from 1 to -2, raising the loss."""
    weights = [np.array([1.0])]
    descent = FullBatchDescent(weights, quadratic(1.0), learning_rate=3.0, rule=rule)
    loss, _ = descent()
    assert loss == pytest.approx(0.5)
    assert_allclose(weights[0], [1.0])
    assert descent.step_size == pytest.approx(1.5) and descent.velocity is None
    descent()
    # A step of 1.5 lands at -0.5, lower: kept.
    assert_allclose(weights[0], [-0.5])


def test_adaptive_rule_undoes_an_overflowing_step():
    def overflowing(weights):
        loss = math.inf if abs(weights[0][0]) > 10 else float(weights[0][0] ** 2)
        return loss, [-2 * weights[0]]

    weights = [np.array([1.0])]
    descent = FullBatchDescent(weights, overflowing, learning_rate=100.0, rule="secant")
    descent()
    assert_allclose(weights[0], [1.0])
    assert descent.step_size == 50.0


def test_secant_step_is_the_inverse_curvature_of_a_quadratic():
    """Check that after one kept step the secant rule's next step is
    ``1 / curvature`` (rounded to a quarter power of two), the step that
    reaches the minimum of a quadratic."""
    for curvature in [0.5, 2.0, 8.0]:
        descent = FullBatchDescent(
            [np.array([1.0, 3.0])],
            quadratic(curvature),
            learning_rate=0.25 / curvature,
            rule="secant",
        )
        descent()
        assert descent.step_size == pytest.approx(1 / curvature)


def test_secant_ratio_is_kept_within_its_range():
    # A direction that does not change (a flat loss) gives the largest factor.
    descent = FullBatchDescent(
        [np.array([1.0])],
        lambda weights: (-float(weights[0][0]), [np.array([1.0])]),
        learning_rate=1.0,
        rule="secant",
    )
    descent()
    assert descent.step_size == FullBatchDescent.secant_range[1]


def test_state_continues_an_adaptive_run():
    first = FullBatchDescent(
        [np.array([5.0])], quadratic(1.0), learning_rate=0.1, rule="momentum"
    )
    for _ in range(3):
        first()
    continued = FullBatchDescent(
        [np.array([5.0])],
        quadratic(1.0),
        learning_rate=0.1,
        rule="momentum",
        state=first.state,
    )
    assert continued.step_size == first.step_size
    assert continued.velocity is first.velocity


def test_unknown_rule_is_refused():
    with pytest.raises(ValueError, match="rule must be one of"):
        FullBatchDescent([np.zeros(1)], quadratic(1.0), learning_rate=1, rule="adam")
    assert STEP_RULES == ("constant", "momentum", "secant")


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


def test_secant_rule_follows_the_steepest_curvature_in_the_given_units():
    """Check the secant rule on ``||v_a||^2 / 2 + 2 ||v_b||^2``, where the
    weights ``a`` are in thousandths (``v_a = a / 1000``) as the first layer's
    weights are in units of 1 / scale: measured in the units given, the step
    after the first is ``1 / 4``, which suits the steeper ``b``; measured in
    raw units, ``a``'s larger numbers would set it to 1, too long for ``b``."""
    unit = 1e-3
    curvatures = [1.0, 4.0]
    weights = [np.array([1.0]) / unit, np.array([1.0])]

    def loss_and_direction(weights):
        scaled = [weights[0] * unit, weights[1]]
        loss = sum(0.5 * c * v @ v for c, v in zip(curvatures, scaled, strict=True))
        # Minus the gradient in the scaled units, sent back as the neuron does.
        return loss, [-curvatures[0] * scaled[0] / unit, -curvatures[1] * scaled[1]]

    for units, second_step in [([unit, 1.0], 0.25), ([1.0, 1.0], 1.0)]:
        start = [weight.copy() for weight in weights]
        descent = FullBatchDescent(
            start, loss_and_direction, learning_rate=0.125, rule="secant", units=units
        )
        descent()
        assert descent.step_size == pytest.approx(second_step)
