"""partial_fit: one epoch over a chunk, for streaming and out-of-core training."""

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.datasets import make_classification
from sklearn.exceptions import NotFittedError
from sklearn.preprocessing import StandardScaler

from sksigmoid import SigmoidNeuronClassifier, ThresholdUnit, logic_gate
from sksigmoid._engine._math import sigmoid
from sksigmoid.datasets import make_truth_table


def _split_data(n_classes=2):
    X, y = make_classification(
        3000,
        10,
        n_informative=6,
        n_classes=n_classes,
        random_state=1,
    )
    X = StandardScaler().fit_transform(X)
    return X[:2400], y[:2400], X[2400:], y[2400:]


def _stream(estimator, X, y, *, n_passes, chunk_size, classes):
    for _ in range(n_passes):
        for start in range(0, len(X), chunk_size):
            estimator.partial_fit(
                X[start : start + chunk_size],
                y[start : start + chunk_size],
                classes=classes,
            )
    return estimator


@pytest.mark.parametrize("n_classes", [2, 4])
@pytest.mark.parametrize("loss", ["squared_error", "log_loss"])
def test_streaming_chunks_reaches_the_accuracy_of_fit(n_classes, loss):
    """Check that 5 passes over chunks of 400 rows come within 1.5 points (9
    of the 600 held-out rows) of fit's held-out accuracy with the default
    parameters."""
    X, y, X_test, y_test = _split_data(n_classes)
    fitted = SigmoidNeuronClassifier(loss=loss, random_state=0).fit(X, y)
    streamed = _stream(
        SigmoidNeuronClassifier(loss=loss, random_state=0),
        X,
        y,
        n_passes=5,
        chunk_size=400,
        classes=np.unique(y),
    )
    assert streamed.n_iter_ == 5 * 6 and len(streamed.loss_curve_) == 30
    assert streamed.score(X_test, y_test) >= fitted.score(X_test, y_test) - 0.015


def test_threshold_unit_streaming_learns_a_separable_set():
    """Check that the perceptron rule, streamed in chunks of 2 rows, learns AND."""
    X, y = make_truth_table("and", n_inputs=3, return_X_y=True)
    unit = _stream(
        ThresholdUnit(random_state=0),
        X,
        y,
        n_passes=20,
        chunk_size=2,
        classes=[0, 1],
    )
    assert unit.score(X, y) == 1.0
    proba = unit.predict_proba(X)
    assert_allclose(proba.sum(axis=1), 1.0)
    assert (np.argmax(proba, axis=1) == unit.predict(X)).all()


def test_online_delta_rule_by_hand():
    """Check batch_size=1 against the delta rule computed by hand: one row per
    call, so the shuffling cannot change the order."""
    X, y = make_truth_table("or", n_inputs=2, return_X_y=True)
    neuron = SigmoidNeuronClassifier(learning_rate=0.5, alpha=0, batch_size=1)
    neuron.set_params(random_state=3)
    weights = 2 * np.random.RandomState(3).random_sample((2, 1)) - 1
    bias = 0.0
    for row in [3, 0, 1, 2, 0]:
        neuron.partial_fit(X[row : row + 1], y[row : row + 1], classes=[0, 1])
        output = sigmoid(X[row] @ weights[:, 0] + bias)
        delta = (y[row] - output) * output * (1 - output)
        weights[:, 0] += 0.5 * delta * X[row]
        bias += 0.5 * delta
        assert_allclose(neuron.coef_, weights.T, rtol=1e-12)
        assert_allclose(neuron.intercept_, [bias], rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("learning_rate", [0.5, "auto"])
def test_a_batch_of_every_row_is_the_full_batch(learning_rate, SigmoidEstimator):
    """Check that ``batch_size`` of at least ``n_samples`` trains ``fit`` by the
    full-batch rule, the one of ``batch_size="auto"`` on up to 200 rows."""
    X, y, _, _ = _split_data()
    X, y = X[:150], y[:150]
    params = dict(learning_rate=learning_rate, n_iter=30, tol=None, random_state=0)
    full = SigmoidEstimator(**params).fit(X, y)
    for batch_size in [len(X), 10 * len(X)]:
        one_batch = SigmoidEstimator(batch_size=batch_size, **params).fit(X, y)
        for a, b in zip(
            one_batch._fitted_layers().coefs, full._fitted_layers().coefs, strict=True
        ):
            assert_array_equal(a, b)
        assert one_batch.loss_curve_ == full.loss_curve_
    shuffled = SigmoidEstimator(batch_size=len(X) - 1, **params).fit(X, y)
    assert shuffled.loss_curve_ != full.loss_curve_


def test_fit_with_mini_batches_makes_many_updates_per_epoch():
    """Check that an int batch_size trains fit in mini-batches: one epoch of
    batches of 50 gets further than one full-batch epoch."""
    X, y, X_test, y_test = _split_data()
    params = dict(n_iter=1, tol=None, random_state=0)
    batches = SigmoidNeuronClassifier(batch_size=50, **params).fit(X, y)
    full = SigmoidNeuronClassifier(**params).fit(X, y)
    assert batches.n_iter_ == full.n_iter_ == 1
    assert batches.score(X_test, y_test) > full.score(X_test, y_test) + 0.02


def test_partial_fit_continues_fit():
    """Check that partial_fit after fit starts from the fitted weights, in the
    fit's units, and extends the loss curve."""
    X, y, _, _ = _split_data()
    neuron = SigmoidNeuronClassifier(random_state=0).fit(X, y)
    coef, n_iter = neuron.coef_.copy(), neuron.n_iter_
    statistics = neuron._training_statistics
    neuron.partial_fit(X[:200], y[:200])
    assert neuron.n_iter_ == n_iter + 1 and len(neuron.loss_curve_) == n_iter + 1
    assert neuron._training_statistics == statistics
    assert 0 < np.abs(neuron.coef_ - coef).max() < 0.5 * np.abs(coef).max()


def test_a_chunk_may_lack_classes(Estimator):
    """Check that chunks of one class train every unit of all classes."""
    X, y, X_test, y_test = _split_data(n_classes=3)
    estimator = Estimator(random_state=0)
    order = np.argsort(y, kind="stable")
    estimator.partial_fit(X[order[:100]], y[order[:100]], classes=[0, 1, 2])
    assert (y[order[:100]] == 0).all()
    estimator.partial_fit(X, y)
    assert estimator.coef_.shape == (3, 10) if hasattr(estimator, "coef_") else True
    assert estimator.predict_proba(X_test).shape == (len(X_test), 3)


def test_multilabel_partial_fit():
    """Check a multilabel target: classes is arange(n_labels)."""
    rng = np.random.RandomState(0)
    X = rng.normal(size=(400, 4))
    Y = np.column_stack([X[:, 0] > 0, X[:, 1] + X[:, 2] > 0]).astype(int)
    neuron = SigmoidNeuronClassifier(random_state=0)
    for _ in range(5):
        neuron.partial_fit(X, Y, classes=[0, 1])
    assert neuron.predict(X).shape == Y.shape
    assert (neuron.predict(X) == Y).mean() > 0.9
    with pytest.raises(ValueError, match=r"needs classes=arange\(2\)"):
        SigmoidNeuronClassifier().partial_fit(X, Y, classes=[1, 2])


def test_classes_required_on_first_call(Estimator):
    """Check scikit-learn's messages for classes on the first and later calls."""
    X, y = make_truth_table("and", n_inputs=2, return_X_y=True)
    estimator = Estimator()
    with pytest.raises(ValueError, match="classes must be passed on the first call"):
        estimator.partial_fit(X, y)
    estimator.partial_fit(X, y, classes=[0, 1])
    estimator.partial_fit(X, y)
    estimator.partial_fit(X, y, classes=np.array([1, 0]))
    with pytest.raises(ValueError, match="is not the same as on last call"):
        estimator.partial_fit(X, y, classes=[0, 1, 2])


def test_unseen_labels_are_refused(Estimator):
    """Check that a label outside classes_ raises, naming it."""
    X, y = make_truth_table("and", n_inputs=2, return_X_y=True)
    estimator = Estimator().partial_fit(X, y, classes=[0, 1])
    with pytest.raises(ValueError, match=r"y contains labels \[2\] that are not in"):
        estimator.partial_fit(X, np.where(y == 1, 2, y), classes=None)
    with pytest.raises(ValueError, match=r"y contains labels \[5\]"):
        Estimator().partial_fit(X, np.array([0, 1, 5, 1]), classes=[0, 1])
    with pytest.raises(ValueError, match="at least 2 classes"):
        Estimator().partial_fit(X, np.zeros(4), classes=[0])
    with pytest.raises(ValueError, match="Unknown label type"):
        Estimator().partial_fit(X, np.array([0.1, 0.2, 0.3, 0.4]), classes=[0, 1])


def test_changed_features_are_refused(Estimator):
    """Check scikit-learn's errors for a changed feature count or names."""
    X, y = make_truth_table("and", n_inputs=2, return_X_y=True)
    estimator = Estimator().partial_fit(X, y, classes=[0, 1])
    with pytest.raises(ValueError, match="X has 3 features, but .* is expecting 2"):
        estimator.partial_fit(np.ones((4, 3)), y)
    frame = pd.DataFrame(X, columns=["a", "b"])
    named = Estimator().partial_fit(frame, y, classes=[0, 1])
    assert named.feature_names_in_.tolist() == ["a", "b"]
    with pytest.raises(ValueError, match="feature names should match"):
        named.partial_fit(frame.rename(columns={"b": "c"}), y)


def test_balanced_class_weight_is_refused_and_dict_applied(Estimator):
    """Check that 'balanced' (which a chunk cannot compute) raises, and that
    rows of a class of weight 0 change nothing."""
    X, y = make_truth_table("and", n_inputs=3, return_X_y=True)
    with pytest.raises(ValueError, match="'balanced' is not supported for partial"):
        Estimator(class_weight="balanced").partial_fit(X, y, classes=[0, 1])
    params = dict(class_weight={0: 0.0, 1: 1.0}, random_state=0)
    weighted = Estimator(**params).partial_fit(X, y, classes=[0, 1])
    positives = Estimator(**params).partial_fit(X[y == 1], y[y == 1], classes=[0, 1])
    for a, b in zip(
        weighted._fitted_layers().coefs, positives._fitted_layers().coefs, strict=True
    ):
        assert_allclose(a, b, rtol=1e-12)


def test_partial_fit_reproducible_from_random_state(SigmoidEstimator):
    """Check that equal random_state and chunks give equal models."""
    X, y, _, _ = _split_data()
    models = [
        _stream(
            SigmoidEstimator(random_state=4),
            X,
            y,
            n_passes=2,
            chunk_size=600,
            classes=[0, 1],
        )
        for _ in range(2)
    ]
    for a, b in zip(
        models[0]._fitted_layers().coefs, models[1]._fitted_layers().coefs, strict=True
    ):
        assert_allclose(a, b, rtol=0)


def test_partial_fit_continues_a_fixed_logic_gate():
    """Regression: a gate has weights but no training statistics, and
    partial_fit raised AttributeError on it; it continues from its weights."""
    X, y = make_truth_table("and", n_inputs=2, return_X_y=True)
    gate = logic_gate("and")
    gate.partial_fit(X, y)
    # The textbook weights make no mistake, so the perceptron rule keeps them.
    assert_array_equal(gate.coef_, [[1.0, 1.0]])
    assert gate.n_iter_ == 1 and gate.score(X, y) == 1.0


def test_class_weight_dict_serves_a_chunk_without_some_classes():
    """Regression: a chunk of classes {2} with class_weight={0: 1, 1: 2} raised
    scikit-learn's "classes [2] are not in class_weight"; the weights are those
    of all classes, so class 2 weighs 1, as in fit."""
    X, y, _, _ = _split_data(n_classes=3)
    weights = {0: 1.0, 1: 2.0}
    chunked = SigmoidNeuronClassifier(class_weight=weights, random_state=0)
    chunked.partial_fit(X[y != 2], y[y != 2], classes=[0, 1, 2])
    chunked.partial_fit(X[y == 2], y[y == 2])
    explicit = SigmoidNeuronClassifier(random_state=0)
    explicit.partial_fit(
        X[y != 2], y[y != 2], classes=[0, 1, 2], sample_weight=1.0 + (y[y != 2] == 1)
    )
    explicit.partial_fit(X[y == 2], y[y == 2])
    assert_allclose(chunked.coef_, explicit.coef_, rtol=1e-12)


def test_a_failed_refit_leaves_the_fitted_estimator_as_it_was(Estimator):
    """Check that a refit that raises after validation has reset the feature
    count (all samples weighted zero) keeps the previous fit whole."""
    X, y, _, _ = _split_data(n_classes=3)
    estimator = Estimator(random_state=0).fit(X, y)
    predictions = estimator.predict(X)
    estimator.set_params(class_weight={0: 0, 1: 0, 2: 0})
    before = dict(estimator.__dict__)
    with pytest.raises(ValueError, match="all zero"):
        estimator.fit(X[:, :3], y)
    assert estimator.__dict__.keys() == before.keys()
    assert all(estimator.__dict__[key] is before[key] for key in before)
    assert estimator.n_features_in_ == X.shape[1]
    assert_array_equal(estimator.set_params(class_weight=None).predict(X), predictions)


def test_a_failed_first_partial_fit_leaves_the_estimator_unfitted(Estimator):
    """Check that scikit-learn's partial_fit classes check, which sets
    classes_ first, leaves nothing behind when the chunk is then refused."""
    X, y, _, _ = _split_data(n_classes=3)
    estimator = Estimator()
    with pytest.raises(ValueError, match="not in classes"):
        estimator.partial_fit(X, y, classes=[0, 1])
    assert not hasattr(estimator, "classes_")
    assert not hasattr(estimator, "n_features_in_")
    with pytest.raises(NotFittedError):
        estimator.predict(X)
