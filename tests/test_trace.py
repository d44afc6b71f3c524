"""``trace``: each sample's step adds up to the estimator's own update."""

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression

from sksigmoid import (
    AdalineClassifier,
    LinearUnitRegressor,
    SigmoidNetworkClassifier,
    SigmoidNetworkRegressor,
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


def online(estimator_class, learning_rate, **params):
    """``estimator_class`` running the classic online rule, row by row."""
    return estimator_class(
        solver="gd", batch_size=1, learning_rate=learning_rate, alpha=0, tol=None,
        **params,
    )  # fmt: skip


def test_adaline_rows_are_widrow_and_hoffs_loop_by_hand():
    """Check 3 epochs against the LMS rule written out (the start 2 *
    random_sample - 1, then a permutation of the rows each epoch; t = -1/+1,
    o = x @ w + b, w += eta (t - o) x), and its last weights against a fit of
    3 epochs."""
    X, y = make_truth_table("and", 2, return_X_y=True)
    adaline = online(AdalineClassifier, 0.2, random_state=3, n_iter=3)
    frame = trace(adaline, X, y, n_epochs=3)
    draws = np.random.RandomState(3)
    weights, bias = 2 * draws.random_sample(2) - 1, 0.0
    position = 0
    for _ in range(3):
        for row in draws.permutation(4):
            x, t = X[row], 2 * y[row] - 1
            output = x @ weights + bias
            step = frame.loc[position]
            assert step["sample"] == row and step["t"] == t
            assert step["net"] == step["o"] == pytest.approx(output, abs=1e-15)
            assert step["error"] == pytest.approx(t - output, abs=1e-15)
            np.testing.assert_allclose(
                step[["delta_w1", "delta_w2", "delta_b"]].to_numpy(float),
                [*(0.2 * (t - output) * x), 0.2 * (t - output)],
                rtol=0,
                atol=1e-15,
            )
            weights = weights + 0.2 * (t - output) * x
            bias += 0.2 * (t - output)
            position += 1
    assert "delta" not in frame and len(frame) == position
    fitted = clone(adaline).fit(X, y)
    np.testing.assert_allclose(fitted.coef_.ravel(), weights, rtol=0, atol=1e-12)
    assert fitted.intercept_[0] == pytest.approx(bias, abs=1e-12)


@pytest.mark.parametrize(
    "make, batch_size, n_outputs",
    [
        (LinearUnitRegressor, 1, 1),
        (lambda **params: SigmoidNetworkRegressor(hidden_layer_sizes=(), **params),
         "auto", 2),
    ],
    ids=["LinearUnitRegressor, online", "SigmoidNetworkRegressor, full batch"],
)  # fmt: skip
def test_regressor_rows_are_the_lms_rule_in_the_targets_units(
    make, batch_size, n_outputs
):
    """Check that t is y, each row is the LMS rule on the raw targets and X (the
    weights' changes divided by X's largest magnitude squared), the first row's
    output that of the start drawn for standardized targets, mapped to y's
    units, and that start plus the changes is the fit."""
    rng = np.random.RandomState(0)
    X = 5 * rng.normal(size=(12, 2))
    y = np.c_[40 + 3 * X[:, 0] - 2 * X[:, 1], -7 + X[:, 1]][:, :n_outputs]
    y = y + rng.normal(size=y.shape)
    y = y.ravel() if n_outputs == 1 else y
    regressor = make(
        solver="gd", batch_size=batch_size, learning_rate=0.3, alpha=0, tol=None,
        n_iter=4, random_state=0,
    )  # fmt: skip
    frame = trace(regressor, X, y, n_epochs=4)
    scale = np.abs(X).max()
    share = 1.0 if batch_size == 1 else 1 / len(X)
    targets = y.reshape(len(X), -1)
    start = (2 * np.random.RandomState(0).random_sample((2, n_outputs)) - 1) / scale
    start = start * targets.std(axis=0)
    first = frame.loc[0]
    fitted = clone(regressor).fit(X, y)
    coef = np.atleast_2d(fitted.coef_).T if n_outputs == 1 else fitted.coefs_[0]
    intercept = fitted.intercept_ if n_outputs == 1 else fitted.intercepts_[0]
    for unit in range(n_outputs):
        end = "" if n_outputs == 1 else f"_{unit + 1}"
        x = frame[["x1", "x2"]].to_numpy()
        np.testing.assert_array_equal(frame[f"t{end}"], targets[frame["sample"], unit])
        np.testing.assert_array_equal(frame[f"net{end}"], frame[f"o{end}"])
        error = frame[f"t{end}"] - frame[f"o{end}"]
        np.testing.assert_allclose(frame[f"error{end}"], error, rtol=1e-12)
        for i in range(2):
            np.testing.assert_allclose(
                frame[f"delta_w{i + 1}{end}"],
                0.3 * share * error * x[:, i] / scale**2,
                rtol=1e-12,
                atol=1e-15,
            )
        np.testing.assert_allclose(frame[f"delta_b{end}"], 0.3 * share * error)
        output = first[["x1", "x2"]].to_numpy(float) @ start[:, unit]
        output += targets[:, unit].mean()
        assert first[f"o{end}"] == pytest.approx(output, rel=1e-12)
        changes = [frame[f"delta_w{i + 1}{end}"].sum() for i in range(2)]
        np.testing.assert_allclose(start[:, unit] + changes, coef[:, unit], rtol=1e-10)
        assert targets[:, unit].mean() + frame[f"delta_b{end}"].sum() == (
            pytest.approx(intercept[unit], rel=1e-10)
        )


@pytest.mark.parametrize(
    "estimator",
    [
        AdalineClassifier(solver="gd", learning_rate=0.5, alpha=0, tol=None),
        online(AdalineClassifier, 0.05),
        online(SigmoidNeuronClassifier, 2.0),
    ],
    ids=["ADALINE, full batch", "ADALINE, online", "neuron, online"],
)
def test_multiclass_changes_of_a_rule_add_up_between_two_fits(estimator):
    """Check the rows of epochs 2-4 against the change of coef_ between fits
    of 1 and 4 epochs, on data whose scale is not 1, with class weights (by
    row a batch of one row takes a whole step whatever its weight)."""
    X, y = make_classification(30, 3, n_informative=3, n_redundant=0, n_classes=3,
                               random_state=0)  # fmt: skip
    estimator = clone(estimator).set_params(class_weight="balanced", random_state=0)
    frame = trace(estimator, 10 * X, y, n_epochs=4)
    sums = change_sums(frame[frame["epoch"] > 1])
    first = clone(estimator).set_params(n_iter=1).fit(10 * X, y)
    last = clone(estimator).set_params(n_iter=4).fit(10 * X, y)
    for unit in range(3):
        for i in range(3):
            change = last.coef_[unit, i] - first.coef_[unit, i]
            assert sums[f"delta_w{i + 1}_{unit + 1}"] == pytest.approx(
                change, abs=1e-12
            )
        change = last.intercept_[unit] - first.intercept_[unit]
        assert sums[f"delta_b_{unit + 1}"] == pytest.approx(change, abs=1e-12)
    assert set(frame.loc[frame["epoch"] == 2, "sample"]) == set(range(30))


@pytest.mark.parametrize(
    "estimator, message",
    [
        (SigmoidNeuronClassifier(), "float learning_rate"),
        (AdalineClassifier(), "float learning_rate"),
        (LinearUnitRegressor(learning_rate=0.1), "alpha=0"),
        (
            AdalineClassifier(learning_rate=0.1, alpha=0, batch_size=3),
            "batch_size='auto' or 1",
        ),
        (
            SigmoidNetworkClassifier(
                hidden_layer_sizes=(2,), learning_rate=1.0, alpha=0, batch_size=1
            ),
            "network's full batch",
        ),
        (
            SigmoidNetworkRegressor(
                hidden_layer_sizes=(2,), learning_rate=0.1, alpha=0
            ),
            "hidden_layer_sizes=()",
        ),
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
