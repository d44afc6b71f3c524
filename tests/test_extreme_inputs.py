"""Valid input at the edges: X without signal, wider than long, of mixed
scales or near the float maximum, weights whose sum overflows, labels never
seen, a refit that diverges. Each test is named after the answer it pins."""

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from scipy import sparse
from sklearn.datasets import load_iris, make_blobs
from sklearn.linear_model import LogisticRegression

from sksigmoid import SigmoidNetworkClassifier, SigmoidNeuronClassifier, ThresholdUnit

ESTIMATORS = [SigmoidNeuronClassifier, SigmoidNetworkClassifier, ThresholdUnit]
SIGMOID_UNITS = [SigmoidNeuronClassifier, SigmoidNetworkClassifier]


@pytest.mark.parametrize("Estimator", SIGMOID_UNITS)
@pytest.mark.parametrize("columns", ["zeros", "constant"])
def test_x_without_signal_gives_the_intercept_only_model(Estimator, columns):
    """Check that an all-zero X or constant columns give LogisticRegression's
    intercept-only answer, the class shares 0.3 / 0.7."""
    y = np.array([0, 0, 0, 1, 1, 1, 1, 1, 1, 1])
    X = np.zeros((10, 2)) if columns == "zeros" else np.tile([3.0, -2.0], (10, 1))
    model = Estimator(random_state=0).fit(X, y)
    reference = LogisticRegression().fit(X, y)
    assert_allclose(model.predict_proba(X[:1]), [[0.3, 0.7]], atol=2e-3)
    assert_allclose(reference.predict_proba(X[:1]), [[0.3, 0.7]], atol=2e-3)


@pytest.mark.parametrize("Estimator", ESTIMATORS)
def test_partial_fit_on_zeros_trains_the_biases(Estimator):
    """Check that partial_fit on an all-zero X trains the biases alone, which
    move the prediction towards the majority class."""
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
def test_wide_x_fits_through_the_gram_matrix(Estimator, monkeypatch):
    """Check that X of fewer rows than features fits and learns its rows, the
    adaptive rule's first step taken from the rows' Gram matrix (20 x 20 here)
    rather than the features' second moment (a 6,001 x 6,001 eigendecomposition
    on 6,000 features). 100 features take the same path as 6,000:
    ``stable_step`` compares the rows with the features plus the bias."""
    eigenvalue_inputs = []
    eigvalsh = np.linalg.eigvalsh

    def recording_eigvalsh(matrix, *args, **kwargs):
        eigenvalue_inputs.append(matrix.shape)
        return eigvalsh(matrix, *args, **kwargs)

    monkeypatch.setattr(np.linalg, "eigvalsh", recording_eigvalsh)
    X = np.random.RandomState(0).rand(20, 100)
    y = np.array([0, 1] * 10)
    assert Estimator(random_state=0).fit(X, y).score(X, y) == 1.0
    if Estimator is SigmoidNeuronClassifier:
        assert eigenvalue_inputs == [(20, 20)]
    else:
        # The threshold unit takes no step from the data, nor does the
        # network's iRprop+: no eigenvalue is computed at all.
        assert eigenvalue_inputs == []


def _mixed_scale_data():
    rng = np.random.RandomState(23)
    X = rng.randn(60, 4) * np.array([10.0, 1.0, 0.1, 1.0])
    return X, rng.randint(0, 3, 60)


@pytest.mark.parametrize("loss", ["log_loss", "squared_error"])
def test_fine_tol_converges_whatever_the_column_order(loss):
    """Check that tol=1e-10 fits of X and of X with its columns permuted agree
    with each other and with a fit run to its minimum, on columns of sizes 10,
    1 and 0.1, along which the loss falls by a tiny amount an epoch near its
    minimum."""
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


@pytest.mark.parametrize("Estimator", ESTIMATORS)
def test_predict_is_the_argmax_of_predict_proba_far_from_the_data(Estimator):
    """Check argmax(predict_proba) == predict on points far from three blobs,
    where the neuron's one-vs-rest sigmoids saturate (at (20, 30) they would
    tie at [0, .5, .5] while the largest margin is class 2's)."""
    X, y = make_blobs(n_samples=150, centers=[(0, 0), (4, 0), (0, 4)], random_state=0)
    model = Estimator(random_state=0).fit(X, y)
    far = (
        np.random.RandomState(0).uniform(-1, 1, size=(2000, 2))
        * np.logspace(0, 6, 2000)[:, np.newaxis]
    )
    points = np.vstack([[[20.0, 30.0]], far, X])
    probabilities = model.predict_proba(points)
    assert_array_equal(
        model.classes_[np.argmax(probabilities, axis=1)], model.predict(points)
    )


def test_a_network_saturates_on_huge_inputs_with_finite_probabilities():
    """Check that a network's hidden units, which saturate, give finite
    probabilities that sum to one on inputs near the float maximum."""
    X, y = load_iris(return_X_y=True)
    model = SigmoidNetworkClassifier(random_state=0).fit(X, y)
    probabilities = model.predict_proba([[-1e308, 1e308, -1e308, 1e308]])
    assert np.isfinite(probabilities).all()
    assert_allclose(probabilities.sum(axis=1), 1.0)


@pytest.mark.parametrize("Estimator", SIGMOID_UNITS)
def test_a_refit_that_diverges_keeps_the_previous_classes_and_weights(Estimator):
    """Check that a fit on labels 0, 1, 2, then a diverging refit on 'a', 'b',
    'c', leaves classes_ and the weights of the first fit (a half-stored refit
    would predict the new labels with the old weights)."""
    X, y = load_iris(return_X_y=True)
    model = Estimator(random_state=0).fit(X, y)
    predictions = model.predict(X)
    with pytest.raises(ValueError, match="diverged"):
        model.set_params(learning_rate=1e300).fit(X, np.array(list("abc"))[y])
    assert_array_equal(model.classes_, [0, 1, 2])
    assert_array_equal(model.predict(X), predictions)


def test_threshold_unit_label_never_seen_in_training_is_improbable():
    """Check that a multilabel ThresholdUnit gives a label that never occurs in
    training Platt's 1 / (n + 2) on every row, not 1/2, predicts it
    nowhere, and keeps each other label's decisions and own slope."""
    rng = np.random.RandomState(0)
    X = rng.randn(40, 3)
    Y = np.column_stack([X[:, 0] > 0, X[:, 1] > 0, np.zeros(40, dtype=bool)])
    model = ThresholdUnit(random_state=0).fit(X, Y.astype(int))
    probabilities = model.predict_proba(rng.randn(200, 3) * 10)
    assert_allclose(probabilities[:, 2], 1 / 42, rtol=1e-3)
    assert not model.predict(X)[:, 2].any()
    assert model.probability_slope_.shape == (3,)
    for label in range(2):
        binary = ThresholdUnit(random_state=0).fit(X, Y[:, label].astype(int))
        assert_array_equal(model.predict(X)[:, label], binary.predict(X))
        assert model.probability_slope_[label] == pytest.approx(
            binary.probability_slope_
        )


@pytest.mark.parametrize("Estimator", ESTIMATORS)
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_sample_weights_whose_total_overflows_give_the_unweighted_model(
    Estimator, dtype
):
    """Check that 40 weights of 1e307, whose sum is infinite, give exactly the
    unweighted model."""
    rng = np.random.RandomState(0)
    X = rng.randn(40, 3).astype(dtype)
    y = (X[:, 0] > 0).astype(int)
    weighted = Estimator(random_state=0).fit(X, y, sample_weight=np.full(40, 1e307))
    unweighted = Estimator(random_state=0).fit(X, y)
    assert_array_equal(weighted.predict_proba(X), unweighted.predict_proba(X))


@pytest.mark.filterwarnings("error::RuntimeWarning")
@pytest.mark.parametrize("Estimator", ESTIMATORS)
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("as_sparse", [False, True], ids=["dense", "sparse"])
def test_inputs_near_the_dtypes_largest_value_fit_without_a_warning(
    Estimator, dtype, as_sparse
):
    """Regression: float32 X near 3.4e38 overflowed in L-BFGS's column factors
    (scale times a ratio above 1, computed in float32)."""
    rng = np.random.RandomState(0)
    X = (rng.uniform(-1, 1, (60, 3)) * np.finfo(dtype).max).astype(dtype)
    y = np.arange(60) % 3
    X = sparse.csr_matrix(X) if as_sparse else X
    model = Estimator(random_state=0, n_iter=20, tol=None).fit(X, y)
    assert np.isfinite(model.predict_proba(X)).all()
