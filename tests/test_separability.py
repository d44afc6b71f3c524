"""``linear_separability``: its verdicts, their proofs, and the perceptron."""

import numpy as np
import pytest
from sklearn.utils import Bunch

from sksigmoid import ThresholdUnit, linear_separability
from sksigmoid.datasets import make_truth_table

SEPARABLE = ["and", "or", "nand", "nor", "majority"]
NOT_SEPARABLE = ["xor", "xnor", "parity"]


def assert_certificate_holds(X, y, result):
    """Check the certificate as a reader would: convex weights on each class
    whose weighted sums are the same point."""
    weights, point = result.certificate.weights, result.certificate.point
    positive = y == result.classes[1]
    assert (weights >= 0).all()
    np.testing.assert_allclose(weights[positive].sum(), 1)
    np.testing.assert_allclose(weights[~positive].sum(), 1)
    np.testing.assert_allclose(weights[positive] @ X[positive], point, atol=1e-9)
    np.testing.assert_allclose(weights[~positive] @ X[~positive], point, atol=1e-9)


def assert_hyperplane_separates(X, y, result):
    positive = y == result.classes[1]
    margins = X @ result.coef + result.intercept
    assert (margins[positive] > 0).all() and (margins[~positive] < 0).all()
    distances = np.abs(margins) / np.linalg.norm(result.coef)
    np.testing.assert_allclose(result.margin, distances.min())


@pytest.mark.parametrize("n_inputs", range(1, 9))
@pytest.mark.parametrize("name", SEPARABLE + NOT_SEPARABLE)
def test_truth_tables(name, n_inputs):
    if n_inputs == 1:
        name = "not"
    X, y = make_truth_table(name, n_inputs, return_X_y=True)
    result = linear_separability(X, y)
    if name in NOT_SEPARABLE:
        assert not result.separable and result.margin == 0
        assert_certificate_holds(X, y, result)
    else:
        assert result.separable and result.margin > 0
        assert_hyperplane_separates(X, y, result)


def test_and_of_two_inputs_has_the_largest_margin_by_hand():
    """The best line for AND is x1 + x2 = 1.5, at sqrt(2) / 4 of (1, 1)."""
    X, y = make_truth_table("and", 2, return_X_y=True)
    assert linear_separability(X, y).margin == pytest.approx(np.sqrt(2) / 4)


def test_xor_certificate_is_the_centre_of_the_square():
    X, y = make_truth_table("xor", 2, return_X_y=True)
    np.testing.assert_allclose(linear_separability(X, y).certificate.point, [0.5, 0.5])


def _random_sets(random_state):
    rng = np.random.RandomState(random_state)
    sets = []
    while len(sets) < 6:
        n_features = 2 + len(sets) % 3
        coef, intercept = rng.randn(n_features), 0.3 * rng.randn()
        points = rng.uniform(-1, 1, (200, n_features))
        distances = (points @ coef + intercept) / np.linalg.norm(coef)
        keep = np.abs(distances) > 0.1
        points, labels = points[keep][:40], (distances[keep] > 0).astype(int)[:40]
        if 5 <= labels.sum() <= len(labels) - 5:
            sets.append((points, labels, True))
    for i in range(6):
        n_features = 2 + i % 3
        corners = np.zeros((4, n_features))
        corners[:, :2] = [[1, 1], [-1, -1], [1, -1], [-1, 1]]
        which = rng.randint(4, size=36)
        points = np.vstack(
            [corners, corners[which] + rng.normal(0, 0.3, (36, n_features))]
        )
        labels = np.concatenate([[1, 1, 0, 0], (which < 2).astype(int)])
        sets.append((points, labels, False))
    return sets


@pytest.mark.parametrize("index", range(12))
def test_agrees_with_the_perceptron_on_random_sets(index):
    """Check the verdict against the perceptron: on a separable set it reaches
    an epoch without a mistake within its convergence bound (R / gamma) ** 2 of
    updates; on a set whose hulls meet, never."""
    X, y, separable = _random_sets(0)[index]
    result = linear_separability(X, y)
    assert result.separable == separable
    unit = ThresholdUnit(n_iter=2000, tol=None, random_state=0).fit(X, y)
    if separable:
        assert_hyperplane_separates(X, y, result)
        assert unit.mistakes_[-1] == 0
        # The bound on X / scale, the unit's training units, with the bias
        # as a weight of a constant input 1.
        scale = np.abs(X).max()
        augmented = np.hstack([X / scale, np.ones((len(X), 1))])
        normal = np.append(result.coef * scale, result.intercept)
        signs = np.where(y == 1, 1, -1)
        gamma = (signs * (augmented @ normal)).min() / np.linalg.norm(normal)
        radius = np.linalg.norm(augmented, axis=1).max()
        assert sum(unit.mistakes_) <= (radius / gamma) ** 2
    else:
        assert_certificate_holds(X, y, result)
        assert min(unit.mistakes_) > 0


def test_duplicate_rows_with_both_labels_are_their_own_certificate():
    X = np.array([[0.0, 1.0], [0.0, 1.0], [2.0, 2.0]])
    result = linear_separability(X, [0, 1, 1])
    assert not result.separable
    assert_certificate_holds(X, np.array([0, 1, 1]), result)


def test_one_or_three_classes_are_refused():
    X = np.eye(3)
    with pytest.raises(ValueError, match="exactly two classes; y has 3"):
        linear_separability(X, [0, 1, 2])
    with pytest.raises(ValueError, match="exactly two classes; y has 1"):
        linear_separability(X, [1, 1, 1])


@pytest.mark.parametrize(
    "X, y, separable",
    [
        ([[1e8], [1e8 + 1]], [0, 1], True),
        (make_truth_table("or", return_X_y=True)[0] * 1e-7, [0, 1, 1, 1], True),
        (make_truth_table("and", 3, return_X_y=True)[0] + 1e9, [0] * 7 + [1], True),
        (make_truth_table("xor", return_X_y=True)[0] * 1e-7 + 1e8, [0, 1, 1, 0], False),
    ],
    ids=["two rows near 1e8", "OR times 1e-7", "AND of 3 plus 1e9", "XOR at 1e8"],
)
def test_far_from_origin_or_tiny_data_gets_a_verified_answer(X, y, separable):
    """Regression: [[1e8], [1e8 + 1]] was 'not separable', with a certificate
    whose two hull points differed by 1.0 (a false proof); so was OR * 1e-7."""
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    result = linear_separability(X, y)
    assert result.separable == separable
    positive = y == result.classes[1]
    if separable:
        signs = np.where(positive, 1.0, -1.0)
        assert np.all(signs * (X @ result.coef + result.intercept) > 0)
    else:
        # Both hull points one point, to 1e-9 of each column's spread.
        weights = result.certificate.weights
        scaled = (X - X.min(axis=0)) / np.ptp(X, axis=0)
        gap = (
            weights[positive] @ scaled[positive]
            - weights[~positive] @ scaled[~positive]
        )
        assert np.all(np.abs(gap) <= 1e-9)


def test_a_certificate_that_does_not_verify_raises(monkeypatch):
    """A solver's answer that is not a proof is never returned as one."""
    import sksigmoid._separability as separability

    def wrong_solver(cost, **kwargs):
        # Weights that put all of each class on its first row: not a common point.
        weights = np.zeros(len(cost))
        weights[[0, 3]] = 1.0
        return Bunch(status=0, x=weights)

    monkeypatch.setattr(separability, "linprog", wrong_solver)
    X, y = make_truth_table("and", return_X_y=True)
    with pytest.raises(ValueError, match="could not verify its certificate"):
        linear_separability(X, y)
