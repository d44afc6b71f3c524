"""Sparse X: every estimator fits and predicts on SciPy's sparse matrices and
arrays as on the same data dense, without densifying it."""

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from scipy import sparse
from sklearn.base import clone

import sksigmoid._engine._backend
from sksigmoid import SigmoidNetworkClassifier, SigmoidNeuronClassifier, ThresholdUnit
from sksigmoid._engine._stats import SPARSE_SECOND_MAX_FEATURES, sample_moments

# Short fits, stopped by n_iter: the models are compared, not their convergence.
pytestmark = pytest.mark.filterwarnings("ignore::sklearn.exceptions.ConvergenceWarning")

SPARSE_FORMATS = [sparse.csr_matrix, sparse.csc_matrix, sparse.csr_array]

ESTIMATORS = [
    SigmoidNeuronClassifier(random_state=0),
    SigmoidNeuronClassifier(loss="log_loss", random_state=0),
    SigmoidNeuronClassifier(learning_rate=0.5, tol=None, n_iter=40, random_state=0),
    SigmoidNeuronClassifier(solver="adam", n_iter=30, random_state=0),
    ThresholdUnit(random_state=0),
    ThresholdUnit(average=True, random_state=0),
    ThresholdUnit(fit_intercept=False, random_state=0),
    SigmoidNetworkClassifier(hidden_layer_sizes=(5,), random_state=0),
]


def weights_of(estimator):
    return estimator.coef_ if hasattr(estimator, "coef_") else estimator.coefs_[0]


def mostly_zero_data(n_samples=120, n_features=40, seed=0):
    """Dense X with 85% zeros, a binary and a three-class target, and weights."""
    X = sparse.random(
        n_samples, n_features, density=0.15, random_state=seed, format="csr"
    ).toarray()
    X *= 3
    scores = X[:, :5].sum(axis=1)
    binary = (scores > np.median(scores)).astype(int)
    three = np.arange(n_samples) % 3
    weights = np.random.RandomState(seed).randint(1, 4, n_samples).astype(float)
    return X, binary, three, weights


def assert_same_model(dense_fit, sparse_fit, X):
    assert_allclose(weights_of(sparse_fit), weights_of(dense_fit), rtol=0, atol=1e-8)
    assert_allclose(
        sparse_fit.predict_proba(sparse.csr_matrix(X)),
        dense_fit.predict_proba(X),
        rtol=0,
        atol=1e-8,
    )


@pytest.mark.parametrize("sparse_format", SPARSE_FORMATS)
@pytest.mark.parametrize("estimator", ESTIMATORS, ids=repr)
@pytest.mark.parametrize("n_classes", [2, 3])
def test_sparse_fit_equals_dense_fit(estimator, sparse_format, n_classes):
    X, binary, three, weights = mostly_zero_data()
    y = binary if n_classes == 2 else three
    dense_fit = clone(estimator).fit(X, y, sample_weight=weights)
    sparse_fit = clone(estimator).fit(sparse_format(X), y, sample_weight=weights)
    assert dense_fit.n_iter_ == sparse_fit.n_iter_
    assert_same_model(dense_fit, sparse_fit, X)
    assert_array_equal(sparse_fit.predict(sparse_format(X)), dense_fit.predict(X))
    assert_allclose(
        sparse_fit.decision_function(sparse_format(X)),
        dense_fit.decision_function(X),
        atol=1e-8,
    )
    assert sparse_fit.score(sparse_format(X), y) == dense_fit.score(X, y)


@pytest.mark.parametrize("estimator", ESTIMATORS[::2], ids=repr)
def test_sparse_fit_equals_dense_fit_with_early_stopping(estimator):
    X, binary, _, _ = mostly_zero_data(200)
    estimator = clone(estimator).set_params(early_stopping=True, n_iter=30)
    dense_fit = clone(estimator).fit(X, binary)
    sparse_fit = clone(estimator).fit(sparse.csr_matrix(X), binary)
    assert sparse_fit.validation_scores_ == dense_fit.validation_scores_
    assert_same_model(dense_fit, sparse_fit, X)


@pytest.mark.parametrize("estimator", ESTIMATORS, ids=repr)
def test_sparse_warm_start_and_partial_fit_equal_dense(estimator):
    X, _, three, _ = mostly_zero_data()
    warm = clone(estimator).set_params(warm_start=True, n_iter=5, tol=None)
    dense_fit = clone(warm).fit(X, three).fit(X, three)
    sparse_fit = clone(warm).fit(sparse.csr_matrix(X), three)
    sparse_fit.fit(sparse.csr_matrix(X), three)
    assert_same_model(dense_fit, sparse_fit, X)

    if getattr(estimator, "solver", None) == "adam":
        return  # adam keeps its moments within one fit: no partial_fit
    dense_chunks, sparse_chunks = clone(estimator), clone(estimator)
    for rows in np.array_split(np.arange(len(X)), 4):
        dense_chunks.partial_fit(X[rows], three[rows], classes=[0, 1, 2])
        sparse_chunks.partial_fit(
            sparse.csr_matrix(X[rows]), three[rows], classes=[0, 1, 2]
        )
    assert_same_model(dense_chunks, sparse_chunks, X)


@pytest.mark.parametrize("estimator", ESTIMATORS[::2], ids=repr)
def test_float32_sparse_input_is_kept_float32(estimator):
    X, binary, _, _ = mostly_zero_data()
    X32 = sparse.csr_matrix(X.astype(np.float32))
    fitted = clone(estimator).fit(X32, binary)
    assert weights_of(fitted).dtype == np.float32
    assert fitted.predict_proba(X32).dtype == np.float32
    assert fitted.decision_function(X32).dtype == np.float32


@pytest.mark.parametrize(
    "estimator",
    [ThresholdUnit(random_state=0), ThresholdUnit(average=True, random_state=0)],
    ids=repr,
)
@pytest.mark.parametrize("n_classes", [2, 3])
def test_compiled_sparse_epoch_equals_numpy_epoch(monkeypatch, estimator, n_classes):
    X, binary, three, weights = mostly_zero_data()
    y = binary if n_classes == 2 else three
    X = sparse.csr_matrix(X)
    monkeypatch.setattr(sksigmoid._engine._backend, "COMPILED_EPOCHS", False)
    reference = clone(estimator).fit(X, y, sample_weight=weights)
    monkeypatch.setattr(sksigmoid._engine._backend, "COMPILED_EPOCHS", True)
    compiled = clone(estimator).fit(X, y, sample_weight=weights)
    assert compiled.mistakes_ == reference.mistakes_
    assert_allclose(compiled.coef_, reference.coef_, rtol=1e-12, atol=1e-12)
    assert_allclose(compiled.intercept_, reference.intercept_, rtol=1e-12)


def test_duplicate_entries_are_summed_without_changing_the_callers_matrix():
    X, binary, _, _ = mostly_zero_data()
    rows, columns = np.nonzero(X)
    values = X[rows, columns]
    # Every stored value split in two halves, stored twice.
    doubled = sparse.csr_matrix(
        (
            np.concatenate([values / 2, values / 2]),
            (np.concatenate([rows, rows]), np.concatenate([columns, columns])),
        ),
        shape=X.shape,
    )
    doubled.has_canonical_format = False
    stored_before = doubled.nnz
    dense_fit = ThresholdUnit(random_state=0).fit(X, binary)
    sparse_fit = ThresholdUnit(random_state=0).fit(doubled, binary)
    assert_allclose(sparse_fit.coef_, dense_fit.coef_, atol=1e-12)
    assert doubled.nnz == stored_before


def test_wide_sparse_moments_give_the_dense_eigenvalue():
    """Above SPARSE_SECOND_MAX_FEATURES the stable step's eigenvalue comes from
    Lanczos' method on the rows: it must be the dense second moment's."""
    rng = np.random.RandomState(0)
    n_features = SPARSE_SECOND_MAX_FEATURES + 88
    X = sparse.random(300, n_features, density=0.02, random_state=0, format="csr")
    weights = rng.uniform(0.5, 2, 300)
    from_rows = sample_moments(X, weights, 2.0)
    assert from_rows.second is None
    dense = sample_moments(X.toarray(), weights, 2.0)
    for bias_input in (0.0, 1.0):
        assert from_rows.largest_eigenvalue(bias_input) == pytest.approx(
            dense.largest_eigenvalue(bias_input), rel=1e-9
        )
    assert_allclose(from_rows.mean, dense.mean, rtol=1e-12)
    assert_allclose(from_rows.column_squares, dense.column_squares, rtol=1e-12)


def test_sparse_nan_is_refused_by_name():
    X, binary, _, _ = mostly_zero_data()
    X = sparse.csr_matrix(X)
    X.data[3] = np.nan
    for estimator in (SigmoidNeuronClassifier(), ThresholdUnit()):
        with pytest.raises(ValueError, match="NaN"):
            estimator.fit(X, binary)
    fitted = ThresholdUnit(random_state=0).fit(np.nan_to_num(X.toarray()), binary)
    with pytest.raises(ValueError, match="NaN"):
        fitted.predict(X)


def test_wide_hashed_text_fits_without_densifying():
    """2^18 columns, 20 stored values a row: a dense copy would be 4 GB."""
    rng = np.random.RandomState(0)
    n_samples, per_row = 1000, 20
    X = sparse.csr_matrix(
        (
            rng.rand(n_samples * per_row),
            rng.randint(0, 2**18, n_samples * per_row),
            np.arange(0, n_samples * per_row + 1, per_row),
        ),
        shape=(n_samples, 2**18),
    )
    y = (X @ rng.normal(size=2**18) > 0).astype(int)
    for estimator in (
        ThresholdUnit(random_state=0, n_iter=20),
        ThresholdUnit(average=True, random_state=0, n_iter=20),
        SigmoidNeuronClassifier(loss="log_loss", random_state=0, n_iter=50),
    ):
        assert estimator.fit(X, y).score(X, y) > 0.9


@pytest.mark.parametrize("loss", ["squared_error", "log_loss"])
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_compiled_sparse_delta_rule_pass_equals_numpy_pass(loss, dtype):
    from sksigmoid._engine._kernels import backpropagate_one_layer_in_cache
    from sksigmoid._engine._math import backpropagate

    X, _, three, weights = mostly_zero_data(n_samples=700)
    X = sparse.csr_matrix(X.astype(dtype))
    targets = np.eye(3)[three]
    share = (weights / weights.sum())[:, np.newaxis]
    rng = np.random.RandomState(0)
    coefs, intercepts = [rng.normal(size=(X.shape[1], 3))], [rng.normal(size=3)]
    expected = backpropagate(X, targets, share, coefs, intercepts, loss, 3.0)
    got = backpropagate_one_layer_in_cache(
        X, targets, share, coefs, intercepts, loss, 3.0
    )
    tolerance = 1e-5 if dtype == np.float32 else 1e-12
    assert got[0] == pytest.approx(expected[0], rel=tolerance)
    for got_arrays, expected_arrays in zip(got[1:], expected[1:], strict=True):
        assert_allclose(got_arrays[0], expected_arrays[0], rtol=tolerance, atol=1e-12)


def test_column_nonzero_shares_count_rows_of_positive_weight():
    from sksigmoid._engine._backend import column_nonzero_shares

    X = np.array([[0.0, 2.0, 0.0], [1.0, 0.0, 0.0], [3.0, 5.0, 0.0], [0.0, 0.0, 7.0]])
    weights = np.array([1.0, 2.0, 1.0, 0.0])
    expected = [3 / 4, 2 / 4, 0.0]
    assert_allclose(column_nonzero_shares(X, weights), expected)
    stored_zero = sparse.csr_matrix(X)
    stored_zero.data[0] = 0.0  # an explicit zero is not a non-zero value
    shares = column_nonzero_shares(stored_zero, weights)
    assert_allclose(shares, [3 / 4, 1 / 4, 0.0])


@pytest.mark.parametrize(
    "estimator",
    [SigmoidNeuronClassifier(random_state=0), SigmoidNetworkClassifier(random_state=0)],
    ids=repr,
)
def test_weights_of_columns_unused_by_the_training_rows_start_and_stay_zero(estimator):
    X, binary, _, weights = mostly_zero_data()
    X[:, [7, 9]] = 0.0
    X[weights == 1, 9] = 5.0  # seen only on rows left out below
    weights[weights == 1] = 0.0
    fitted = clone(estimator).fit(sparse.csr_matrix(X), binary, sample_weight=weights)
    coef = weights_of(fitted)
    unused = coef[:, [7, 9]] if hasattr(fitted, "coef_") else coef[[7, 9]]
    assert not np.any(unused)
    assert np.all(np.delete(coef, [7, 9], axis=1 if hasattr(fitted, "coef_") else 0))


def test_neuron_penalty_ignores_columns_of_zeros():
    """The penalty is measured in units of X's non-zero values: padding X with
    columns of zeros (as a wider vocabulary does) leaves the fit as it was."""
    X, binary, _, _ = mostly_zero_data()
    padded = sparse.hstack([sparse.csr_matrix(X), sparse.csr_matrix((120, 400))])
    neuron = SigmoidNeuronClassifier(loss="log_loss", alpha=1e-2, random_state=0)
    narrow = clone(neuron).fit(X, binary)
    wide = clone(neuron).fit(padded.tocsr(), binary)
    assert_allclose(wide.coef_[:, :40], narrow.coef_, atol=2e-3)
    assert not np.any(wide.coef_[:, 40:])
