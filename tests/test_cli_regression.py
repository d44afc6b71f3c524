"""The commands on a quantity: the task chosen (and overridden), the regressors,
the cross-validated R^2, MAE and RMSE, evaluate's residuals, predict's values,
info and the model file's task.

The expected numbers come from the pipeline built by hand with scikit-learn's
ColumnTransformer, KFold and metrics, never from the command's own output.
"""

import json
import re
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import skops.io
from sklearn.compose import make_column_transformer
from sklearn.metrics import mean_absolute_error, r2_score, root_mean_squared_error
from sklearn.model_selection import KFold, cross_validate
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from test_cli_commands import run

from sksigmoid import LinearUnitRegressor, SigmoidNetworkRegressor
from sksigmoid.cli._files import RECORD_ENTRY, TRUSTED_TYPES, load_model

MODELS = Path(__file__).parent / "data" / "models"
SMALL_NETWORK = ["--set", "hidden_layer_sizes=(8,)"]


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    """Houses: a price of 90 distinct whole numbers, from a size, a number of
    rooms (1-5, a code) and a town; split 80/20 into train and test files."""
    folder = tmp_path_factory.mktemp("houses")
    rng = np.random.RandomState(0)
    n_rows = 100
    frame = pd.DataFrame(
        {
            "size": rng.uniform(50, 200, n_rows).round(1),
            "rooms": rng.randint(1, 6, n_rows),
            "town": rng.choice(["north", "south", "east"], n_rows),
        }
    )
    frame["price"] = (
        1000 * frame["size"]
        + 5000 * frame["rooms"]
        + frame["town"].map({"north": 20000, "south": 0, "east": 10000})
        + rng.normal(0, 5000, n_rows)
    ).round()
    frame.iloc[:80].to_csv(folder / "train.csv", index=False)
    frame.iloc[80:].to_csv(folder / "test.csv", index=False)
    return folder


@pytest.fixture(scope="module")
def fitted(files):
    """A regression fitted with 3-fold cross-validation, and what fit printed."""
    model = files / "model.skops"
    status, out, err = run(
        ["fit", files / "train.csv", "--target", "price", "--cv", "3", "-o", model]
        + SMALL_NETWORK
    )
    assert status == 0, err
    return model, out


def by_hand(files, name="train.csv"):
    """The pipeline ``fit`` builds for the houses, written out with
    scikit-learn, and the table's features and prices."""
    table = pd.read_csv(files / name)
    pipeline = make_pipeline(
        make_column_transformer(
            (StandardScaler(), ["size", "rooms"]),
            (OneHotEncoder(handle_unknown="ignore"), ["town"]),
        ),
        SigmoidNetworkRegressor(hidden_layer_sizes=(8,), random_state=0),
    )
    return pipeline, table.drop(columns="price"), table["price"]


def test_fit_regresses_a_quantity_and_says_why_in_one_line(files, fitted):
    _, out = fitted
    train = pd.read_csv(files / "train.csv")
    n_prices, low, high = train.price.nunique(), train.price.min(), train.price.max()
    [line] = [line for line in out.splitlines() if "regression" in line]
    assert line == (
        f"Target 'price' holds {n_prices} distinct whole numbers ({low:g} to "
        f"{high:g}): a quantity, fitted as a regression; --task classify fits its "
        "values as classes"
    )
    mean, deviation = train.price.mean(), train.price.std(ddof=0)
    summary = re.search(
        r"80 rows; target 'price' to regress \(mean (\S+), standard deviation "
        r"(\S+)\); 2 numeric columns \(standardized\), 1 one-hot encoded",
        out,
    )
    np.testing.assert_allclose(
        [float(summary[1]), float(summary[2])], [mean, deviation], rtol=5e-4
    )


def test_fit_prints_the_kfold_scores_of_the_pipeline_built_by_hand(files, fitted):
    """Check R^2, MAE and RMSE against scikit-learn's plain shuffled KFold (a
    stratified split of 78 distinct prices is no split at all)."""
    _, out = fitted
    pipeline, X, y = by_hand(files)
    scores = cross_validate(
        pipeline,
        X,
        y,
        cv=KFold(3, shuffle=True, random_state=0),
        scoring=["r2", "neg_mean_absolute_error", "neg_root_mean_squared_error"],
    )
    printed = re.search(
        r"^3-fold cross-validation: R\^2 (\S+) \+/- (\S+), MAE (\S+) \+/- (\S+), "
        r"RMSE (\S+) \+/- (\S+) \(fit \d+\.\d\d s per fold\)$",
        out,
        re.M,
    )
    expected = []
    for name in ["r2", "neg_mean_absolute_error", "neg_root_mean_squared_error"]:
        folds = scores[f"test_{name}"] * (-1 if name.startswith("neg_") else 1)
        expected += [np.mean(folds), np.std(folds)]
    found = [float(value) for value in printed.groups()]
    np.testing.assert_allclose(found[:2], expected[:2], atol=5e-4)
    np.testing.assert_allclose(found[2:], expected[2:], rtol=5e-4)


def test_saved_regression_is_the_pipeline_built_by_hand(files, fitted):
    model, _ = fitted
    loaded = skops.io.load(model, trusted=TRUSTED_TYPES)
    pipeline, X, y = by_hand(files)
    pipeline.fit(X, y)
    _, X_test, _ = by_hand(files, "test.csv")
    np.testing.assert_allclose(
        loaded.predict(X_test), pipeline.predict(X_test), rtol=1e-12
    )


def test_evaluate_prints_r2_mae_rmse_and_the_residuals(files, fitted):
    model, _ = fitted
    status, out, err = run(["evaluate", model, files / "test.csv"])
    assert status == 0 and err == ""
    pipeline, X, y = by_hand(files)
    _, X_test, truth = by_hand(files, "test.csv")
    predicted = pipeline.fit(X, y).predict(X_test)
    lines = out.splitlines()
    assert lines[0].endswith("test.csv: 20 rows")
    assert lines[1] == f"R^2   {r2_score(truth, predicted):.4f}"
    expected_errors = [
        mean_absolute_error(truth, predicted),
        root_mean_squared_error(truth, predicted),
    ]
    assert [line.split()[0] for line in lines[2:4]] == ["MAE", "RMSE"]
    found = [float(line.split()[1]) for line in lines[2:4]]
    np.testing.assert_allclose(found, expected_errors, rtol=5e-4)
    assert lines[5] == "Residuals (true - predicted)"
    assert lines[7].split() == ["min", "25%", "median", "75%", "max", "mean"]
    residuals = truth - predicted
    expected = [*np.percentile(residuals, [0, 25, 50, 75, 100]), residuals.mean()]
    found = [float(cell) for cell in lines[9].split()]
    np.testing.assert_allclose(found, expected, rtol=5e-4)


def test_predict_writes_one_value_per_row(files, fitted):
    model, _ = fitted
    output = files / "prices.csv"
    status, out, err = run(["predict", model, files / "test.csv", "-o", output])
    assert status == 0 and err == "" and "Wrote 20 predictions" in out
    written = pd.read_csv(output)
    pipeline, X, y = by_hand(files)
    _, X_test, _ = by_hand(files, "test.csv")
    assert list(written.columns) == ["price"]
    np.testing.assert_allclose(
        written["price"], pipeline.fit(X, y).predict(X_test), rtol=1e-12
    )


def test_predict_refuses_probabilities_of_a_quantity(files, fitted, tmp_path):
    model, _ = fitted
    output = tmp_path / "p.csv"
    status, out, err = run(
        ["predict", model, files / "test.csv", "--proba", "-o", output]
    )
    assert (status, out) == (2, "")
    assert err == (
        f"sksigmoid predict: error: {model} predicts a quantity (--task regress), "
        "which has no class probabilities; leave out --proba\n"
    )
    assert not output.exists()


def test_info_and_the_model_file_record_the_task(fitted):
    model, _ = fitted
    with zipfile.ZipFile(model) as archive:
        record = json.loads(archive.read(RECORD_ENTRY))
    assert (record["task"], record["model"]) == ("regress", "network")
    assert set(record["cross_validation"]) == {
        "folds",
        "seconds_per_fit",
        "r2",
        "mae",
        "rmse",
    }
    status, out, _ = run(["info", model])
    assert status == 0
    assert "SigmoidNetworkRegressor (--model network)" in out
    assert re.search(r"^task\s+regress \(a quantity\)$", out, re.M)
    assert not re.search(r"^classes", out, re.M)
    assert re.search(r"^onnx outputs\s+prediction$", out, re.M)
    assert re.search(
        r"^cross-validation\s+3 folds, R\^2 \S+ \+/- \S+, MAE \S+ \+/- \S+, RMSE ",
        out,
        re.M,
    )


def test_a_model_file_without_a_task_loads_as_a_classifier():
    """Check a record written before regression: a classifier, as it was."""
    with zipfile.ZipFile(MODELS / "penguins_cli.skops") as archive:
        assert "task" not in json.loads(archive.read(RECORD_ENTRY))
    _, record = load_model(MODELS / "penguins_cli.skops")
    assert record.task == "classify"
    status, out, _ = run(["info", MODELS / "penguins_cli.skops"])
    assert status == 0 and re.search(r"^task\s+classify$", out, re.M)


@pytest.mark.parametrize(
    "target, options, task",
    [
        ("rooms", [], "classify"),  # 5 whole numbers: codes
        ("rooms", ["--task", "regress"], "regress"),
        ("price", ["--task", "classify"], "classify"),
        ("size", [], "regress"),  # numbers with a fraction
    ],
)
def test_task_is_decided_by_the_rule_unless_given(
    files, tmp_path, target, options, task
):
    model = tmp_path / "m.skops"
    status, out, err = run(
        ["fit", files / "train.csv", "--target", target, "--cv", "0", "-o", model]
        + options
    )
    assert status == 0, err
    _, record = load_model(model)
    assert record.task == task
    # The line that says why is for a decision the user did not make.
    says_why = task == "regress" and not options
    assert ("fitted as a regression" in out) == says_why
    assert ("regress" in out) == (task == "regress")


@pytest.mark.parametrize(
    "model_name, model_class",
    [("network", SigmoidNetworkRegressor), ("linear", LinearUnitRegressor)],
)
def test_fit_model_chooses_the_regressor(files, tmp_path, model_name, model_class):
    model = tmp_path / "m.skops"
    status, _, err = run(
        ["fit", files / "train.csv", "--target", "price", "--cv", "0"]
        + ["--model", model_name, "--set", "alpha=0.5", "-o", model]
    )
    assert status == 0, err
    estimator = skops.io.load(model, trusted=TRUSTED_TYPES)[-1]
    assert type(estimator) is model_class
    assert estimator.get_params()["alpha"] == 0.5


def test_rows_with_an_empty_target_are_left_out_of_a_regression(files, tmp_path):
    train = pd.read_csv(files / "train.csv")
    train.loc[[3, 7], "price"] = np.nan
    train.to_csv(tmp_path / "gaps.csv", index=False)
    model = tmp_path / "m.skops"
    status, out, err = run(
        ["fit", tmp_path / "gaps.csv", "--target", "price", "--cv", "0", "-o", model]
    )
    assert status == 0, err
    assert "Left out 2 rows whose target 'price' is empty (first on line 5)" in out
    _, record = load_model(model)
    assert record.rows_left_out == {"empty target": 2}
    assert record.training_rows == 78


def test_a_quantity_beside_a_missing_value_marker_asks_for_na(files, tmp_path):
    """Check that ``NA`` among prices, a value unless given with ``--na``, is
    refused with the line and the option, rather than fitted as 80 classes."""
    train = pd.read_csv(files / "train.csv").astype({"price": object})
    train.loc[4, "price"] = "NA"
    train.to_csv(tmp_path / "marked.csv", index=False)
    argv = ["fit", tmp_path / "marked.csv", "--target", "price", "-o", tmp_path / "m"]
    status, _, err = run(argv)
    assert status == 2
    assert err.endswith(
        "marked.csv: column 'price' holds numbers, but line 6 has 'NA', which is "
        "not a number (if it marks a missing value: --na NA)\n"
    )
    status, out, err = run([*argv, "--na", "NA", "--cv", "0"])
    assert status == 0 and "Left out 1 row whose target 'price' is empty" in out


def test_fewer_rows_than_folds_are_refused_for_a_regression(files, tmp_path):
    pd.read_csv(files / "train.csv").iloc[:3].to_csv(tmp_path / "few.csv", index=False)
    argv = ["fit", tmp_path / "few.csv", "--target", "size", "-o", tmp_path / "m"]
    status, _, err = run(argv)
    assert status == 2
    assert err.endswith(
        "few.csv: 5-fold cross-validation needs at least 5 rows, but there are 3; "
        "use --cv 3 or --cv 0\n"
    )
