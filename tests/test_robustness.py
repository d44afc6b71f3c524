"""Regression tests of issue 26 [robust]: inputs a hostile but realistic user
tries, each named after the failure it pins (what the estimators did before is
in the test's docstring)."""

import numpy as np
import pytest
from numpy.testing import assert_allclose
from sklearn.linear_model import LogisticRegression

from sksigmoid import SigmoidNetworkClassifier, SigmoidNeuronClassifier, ThresholdUnit

ESTIMATORS = [SigmoidNeuronClassifier, SigmoidNetworkClassifier, ThresholdUnit]
SIGMOID_UNITS = [SigmoidNeuronClassifier, SigmoidNetworkClassifier]


@pytest.mark.parametrize("Estimator", SIGMOID_UNITS)
@pytest.mark.parametrize("columns", ["zeros", "constant"])
def test_x_without_signal_gives_the_intercept_only_model(Estimator, columns):
    """Check that an all-zero X (before: ZeroDivisionError after a RuntimeWarning)
    or constant columns give LogisticRegression's intercept-only answer, the
    class shares 0.3 / 0.7."""
    y = np.array([0, 0, 0, 1, 1, 1, 1, 1, 1, 1])
    X = np.zeros((10, 2)) if columns == "zeros" else np.tile([3.0, -2.0], (10, 1))
    model = Estimator(random_state=0).fit(X, y)
    reference = LogisticRegression().fit(X, y)
    assert_allclose(model.predict_proba(X[:1]), [[0.3, 0.7]], atol=2e-3)
    assert_allclose(reference.predict_proba(X[:1]), [[0.3, 0.7]], atol=2e-3)


@pytest.mark.parametrize("Estimator", ESTIMATORS)
def test_partial_fit_on_zeros_trains_the_biases(Estimator):
    """Check that partial_fit on an all-zero X (before, for the neuron: "weights
    diverged") moves the prediction towards the majority class."""
    y = np.array([0, 0, 0, 1, 1, 1, 1, 1, 1, 1])
    model = Estimator(random_state=0)
    for _ in range(30):
        model.partial_fit(np.zeros((10, 2)), y, classes=[0, 1])
    assert model.predict_proba(np.zeros((1, 2)))[0, 1] > 0.5


def test_fit_without_intercept_on_zeros_stays_at_one_half():
    """Check that a neuron without bias on an all-zero X, which can express
    nothing but 1/2, gives 1/2 rather than an error."""
    model = SigmoidNeuronClassifier(fit_intercept=False, random_state=0)
    model.fit(np.zeros((6, 2)), [0, 1, 1, 1, 0, 1])
    assert_allclose(model.predict_proba(np.zeros((1, 2))), [[0.5, 0.5]])


@pytest.mark.parametrize("Estimator", ESTIMATORS)
def test_wide_x_fits_through_the_gram_matrix(Estimator):
    """Check that 20 rows of 6,000 features (before: 12-15 s and 290 MB in an
    eigendecomposition of a 6,001 x 6,001 matrix) fit and learn their rows."""
    X = np.random.RandomState(0).rand(20, 6000)
    y = np.array([0, 1] * 10)
    assert Estimator(random_state=0).fit(X, y).score(X, y) == 1.0


def _mixed_scale_data():
    rng = np.random.RandomState(23)
    X = rng.randn(60, 4) * np.array([10.0, 1.0, 0.1, 1.0])
    return X, rng.randint(0, 3, 60)


@pytest.mark.parametrize("loss", ["log_loss", "squared_error"])
def test_fine_tol_converges_whatever_the_column_order(loss):
    """Check that tol=1e-10 fits of X and of X with its columns permuted agree
    with each other and with a fit run to its minimum. Before, with columns of
    sizes 10, 1 and 0.1, L-BFGS crawled (150-440 epochs, loss falling by 1e-10
    an epoch) and stopped up to 2e-4 away from the minimum in probability."""
    X, y = _mixed_scale_data()
    permutation = [2, 0, 3, 1]
    fine = dict(loss=loss, tol=1e-10, n_iter=100_000)
    model = SigmoidNeuronClassifier(**fine, random_state=0).fit(X, y)
    permuted = SigmoidNeuronClassifier(**fine, random_state=1)
    permuted.fit(X[:, permutation], y)
    converged = SigmoidNeuronClassifier(
        loss=loss, tol=0, n_iter_no_change=50, n_iter=100_000, random_state=2
    ).fit(X, y)
    probabilities = model.predict_proba(X)
    assert_allclose(permuted.predict_proba(X[:, permutation]), probabilities, atol=1e-6)
    assert_allclose(converged.predict_proba(X), probabilities, atol=1e-6)
