"""``trace``: each sample's step adds up to the estimator's own update."""

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression

from sksigmoid import (
    SigmoidNetworkClassifier,
    SigmoidNeuronClassifier,
    ThresholdUnit,
    trace,
)
from sksigmoid.datasets import make_truth_table

X_GFG = np.array([[0, 1, 1], [1, 0, 0], [1, 0, 1]])
Y_GFG = np.array([1, 0, 1])


def gfg_neuron(**params):
    return SigmoidNeuronClassifier(
        learning_rate=3.0, alpha=0, fit_intercept=False, random_state=1, tol=None,
        **params,
    )  # fmt: skip


def change_sums(frame):
    """Each column's sum of the weight or bias changes, by column name."""
    return {
        name: frame[name].sum()
        for name in frame.columns
        if name.startswith(("delta_w", "delta_b"))
    }


def test_first_rows_are_the_tutorials_loop_by_hand():
    """Check epoch 1 against the GeeksforGeeks loop written out: the start
    2 * random_sample - 1, o = sigmoid(x @ w), delta = (t - o) o (1 - o), and
    each row's change delta * x (the tutorial's sum: learning_rate = n)."""
    frame = trace(gfg_neuron(), X_GFG, Y_GFG, n_epochs=1)
    weights = 2 * np.random.RandomState(1).random_sample(3) - 1
    for row, (x, t) in enumerate(zip(X_GFG, Y_GFG, strict=True)):
        output = 1 / (1 + np.exp(-(x @ weights)))
        delta = (t - output) * output * (1 - output)
        assert frame.loc[row, "o"] == pytest.approx(output, abs=1e-15)
        assert frame.loc[row, "delta"] == pytest.approx(delta, abs=1e-15)
        changes = frame.loc[row, ["delta_w1", "delta_w2", "delta_w3"]].to_numpy()
        np.testing.assert_allclose(changes, delta * x, rtol=0, atol=1e-15)
    assert list(frame["sample"]) == [0, 1, 2] and "delta_b" not in frame


def test_neuron_changes_add_up_to_its_fit():
    frame = trace(gfg_neuron(), X_GFG, Y_GFG, n_epochs=3)
    assert len(frame) == 9 and list(frame["epoch"]) == [1, 1, 1, 2, 2, 2, 3, 3, 3]
    start = 2 * np.random.RandomState(1).random_sample(3) - 1
    fitted = gfg_neuron(n_iter=3).fit(X_GFG, Y_GFG)
    sums = change_sums(frame)
    np.testing.assert_allclose(
        [sums[f"delta_w{i}"] for i in (1, 2, 3)],
        fitted.coef_.ravel() - start,
        rtol=0,
        atol=1e-12,
    )


@pytest.mark.parametrize("loss", ["squared_error", "log_loss"])
def test_multiclass_changes_on_scaled_data_add_up_between_two_fits(loss):
    """Check the rows of epochs 2-4 against the change of coef_ between fits
    of 1 and 4 epochs, on data whose scale is not 1, with biases and class
    weights."""
    X, y = make_classification(30, 3, n_informative=3, n_redundant=0, n_classes=3,
                               random_state=0)  # fmt: skip
    make = lambda n_iter: SigmoidNeuronClassifier(  # noqa: E731
        loss=loss, learning_rate=0.7, alpha=0, tol=None, n_iter=n_iter,
        class_weight="balanced", random_state=0,
    )  # fmt: skip
    frame = trace(make(4), 10 * X, y, n_epochs=4)
    sums = change_sums(frame[frame["epoch"] > 1])
    first, last = make(1).fit(10 * X, y), make(4).fit(10 * X, y)
    for unit in range(3):
        for i in range(3):
            change = last.coef_[unit, i] - first.coef_[unit, i]
            assert sums[f"delta_w{i + 1}_{unit + 1}"] == pytest.approx(
                change, abs=1e-12
            )
        change = last.intercept_[unit] - first.intercept_[unit]
        assert sums[f"delta_b_{unit + 1}"] == pytest.approx(change, abs=1e-12)


def test_threshold_unit_changes_add_up_to_its_weights():
    """Check the online rule's rows (zero start) against coef_ and intercept_
    of a fit that learns the table, in the order its fit visits the rows."""
    X, y = make_truth_table("and", 3, return_X_y=True)
    unit = ThresholdUnit(random_state=0, n_iter=15, tol=None)
    frame = trace(unit, X, y, n_epochs=15)
    fitted = clone(unit).fit(X, y)
    sums = change_sums(frame)
    np.testing.assert_allclose(
        [sums[f"delta_w{i}"] for i in (1, 2, 3)], fitted.coef_.ravel(), atol=1e-12
    )
    assert sums["delta_b"] == pytest.approx(fitted.intercept_[0], abs=1e-12)
    # The rows of an epoch with a change are its mistakes.
    changed = (frame.filter(like="delta_").abs().sum(axis=1) > 0).groupby(
        frame["epoch"]
    )
    np.testing.assert_array_equal(
        changed.sum().to_numpy()[: fitted.n_iter_], fitted.mistakes_
    )
    assert sorted(frame.loc[frame["epoch"] == 1, "sample"]) == list(range(8))


def test_network_changes_add_up_between_two_fits():
    X, y = make_truth_table("xor", 2, return_X_y=True)
    make = lambda n_iter: SigmoidNetworkClassifier(  # noqa: E731
        hidden_layer_sizes=(3,), learning_rate=2.0, alpha=0, tol=None,
        n_iter=n_iter, random_state=0,
    )  # fmt: skip
    frame = trace(make(5), X, y, n_epochs=5)
    first, last = make(1).fit(X, y), make(5).fit(X, y)
    coef_changes = [b - a for a, b in zip(first.coefs_, last.coefs_, strict=True)]
    bias_changes = [
        b - a for a, b in zip(first.intercepts_, last.intercepts_, strict=True)
    ]
    for j in range(3):
        for i in range(2):
            got = frame.loc[frame["epoch"] > 1, f"layer1_delta_w{i + 1}_{j + 1}"].sum()
            assert got == pytest.approx(coef_changes[0][i, j], abs=1e-12)
        got = frame.loc[frame["epoch"] > 1, f"layer1_delta_b_{j + 1}"].sum()
        assert got == pytest.approx(bias_changes[0][j], abs=1e-12)
        got = frame.loc[frame["epoch"] > 1, f"layer2_delta_w{j + 1}"].sum()
        assert got == pytest.approx(coef_changes[1][j, 0], abs=1e-12)
    assert isinstance(frame, pd.DataFrame) and len(frame) == 4 * 5


@pytest.mark.parametrize(
    "estimator, message",
    [
        (SigmoidNeuronClassifier(), "float learning_rate"),
        (SigmoidNeuronClassifier(learning_rate=1.0), "alpha=0"),
        (
            SigmoidNeuronClassifier(learning_rate=1.0, alpha=0, batch_size=2),
            "full batch",
        ),
        (ThresholdUnit(early_stopping=True), "early_stopping=False"),
        (
            SigmoidNetworkClassifier(
                hidden_layer_sizes=(2, 2), learning_rate=1.0, alpha=0
            ),
            "one hidden layer",
        ),
    ],
)
def test_rules_without_a_trace_are_refused(estimator, message):
    X, y = make_truth_table("or", 2, return_X_y=True)
    with pytest.raises(ValueError, match=message):
        trace(estimator, X, y)


def test_other_estimators_and_bad_epochs_are_refused():
    X, y = make_truth_table("or", 2, return_X_y=True)
    with pytest.raises(ValueError, match="estimator"):
        trace(LogisticRegression(), X, y)
    with pytest.raises(ValueError, match="n_epochs"):
        trace(ThresholdUnit(), X, y, n_epochs=0)
