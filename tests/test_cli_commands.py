"""The commands on a user's CSV file: fit, evaluate, predict, info, and bad input.

The expected numbers come from the same pipeline built by hand with scikit-learn
(a ColumnTransformer, then the estimator), never from the command's own output.
"""

import functools
import io
import json
import os
import re
import subprocess
import sys
import threading
import warnings
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import skops.io
from sklearn.compose import make_column_transformer
from sklearn.datasets import load_wine
from sklearn.metrics import accuracy_score, log_loss
from sklearn.model_selection import StratifiedKFold, cross_validate
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

import sksigmoid.cli._commands
from sksigmoid import (
    AdalineClassifier,
    SigmoidNetworkClassifier,
    SigmoidNeuronClassifier,
    ThresholdUnit,
)
from sksigmoid.cli import main
from sksigmoid.cli._files import MODELS, RECORD_ENTRY, TRUSTED_TYPES, load_model
from sksigmoid.cli._progress import ProgressBar

WINE_NAMES = {0: "barolo", 1: "grignolino", 2: "barbera"}


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    """Wine with string labels and a text column, split into train/test/new files."""
    folder = tmp_path_factory.mktemp("wine")
    frame = load_wine(as_frame=True).frame.sample(frac=1.0, random_state=5)
    frame = frame.rename(columns={"target": "cultivar"})
    frame["cultivar"] = frame["cultivar"].map(WINE_NAMES)
    frame["cellar"] = np.where(np.arange(len(frame)) % 2, "north", "south")
    frame.iloc[:125].to_csv(folder / "train.csv", index=False)
    frame.iloc[125:].to_csv(folder / "test.csv", index=False)
    new = frame.iloc[125:].drop(columns="cultivar")
    new.insert(0, "id", [f"w{i:03d}" for i in range(len(new))])
    new.to_csv(folder / "new.csv", index=False)
    return folder


def run(argv):
    """``main(argv)`` in-process: (status, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sys, "stdout", out)
        patch.setattr(sys, "stderr", err)
        try:
            status = main([str(arg) for arg in argv])
        except SystemExit as exit:  # argparse's errors
            status = exit.code
    return status, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def fitted(files):
    """A model file fitted with 3-fold cross-validation, and what fit printed."""
    model = files / "model.skops"
    status, out, err = run(
        ["fit", files / "train.csv", "--target", "cultivar", "--cv", "3", "-o", model]
    )
    assert status == 0 and err == ""
    return model, out


def by_hand(files, estimator=None):
    """The pipeline ``fit`` builds, written out with scikit-learn, and its data."""
    train = pd.read_csv(files / "train.csv")
    X, y = train.drop(columns="cultivar"), train["cultivar"]
    numeric = [c for c in X.columns if c != "cellar"]
    pipeline = make_pipeline(
        make_column_transformer(
            (StandardScaler(), numeric),
            (OneHotEncoder(handle_unknown="ignore"), ["cellar"]),
        ),
        estimator or SigmoidNeuronClassifier(random_state=0),
    )
    return pipeline, X, y


def test_fit_prints_the_scores_of_the_pipeline_built_by_hand(files, fitted):
    _, out = fitted
    pipeline, X, y = by_hand(files)
    scores = cross_validate(
        pipeline,
        X,
        y,
        cv=StratifiedKFold(3, shuffle=True, random_state=0),
        scoring=["accuracy", "neg_log_loss"],
    )
    accuracy = np.mean(scores["test_accuracy"])
    loss = -np.mean(scores["test_neg_log_loss"])
    assert f"3-fold cross-validation: accuracy {accuracy:.3f} +/- " in out
    assert f"log-loss {loss:.3f} +/- " in out
    assert "125 rows; target 'cultivar' with 3 classes" in out
    assert "13 numeric columns (standardized), 1 one-hot encoded" in out
    epochs = pipeline.fit(X, y)[-1].n_iter_
    assert re.search(rf"Fitted on all 125 rows in \d+\.\d\d s \({epochs} epochs\)", out)


def test_saved_model_is_the_pipeline_built_by_hand(files, fitted):
    model, _ = fitted
    loaded = skops.io.load(model, trusted=TRUSTED_TYPES)
    pipeline, X, y = by_hand(files)
    pipeline.fit(X, y)
    test = pd.read_csv(files / "test.csv").drop(columns="cultivar")
    np.testing.assert_array_equal(loaded.predict(test), pipeline.predict(test))
    np.testing.assert_allclose(
        loaded.predict_proba(test), pipeline.predict_proba(test), rtol=0, atol=1e-12
    )


def test_model_file_records_target_columns_and_versions(fitted):
    model, _ = fitted
    with zipfile.ZipFile(model) as archive:
        record = json.loads(archive.read(RECORD_ENTRY))
    assert record["target"] == "cultivar"
    assert record["categorical_columns"] == ["cellar"]
    assert len(record["numeric_columns"]) == 13
    assert set(record["versions"]) >= {"sksigmoid", "scikit-learn", "skops"}
    assert len(record["cross_validation"]["accuracy"]) == 3


def test_evaluate_reports_accuracy_confusion_matrix_and_classes(files, fitted):
    model, _ = fitted
    status, out, err = run(["evaluate", model, files / "test.csv"])
    assert status == 0 and err == ""
    pipeline, X, y = by_hand(files)
    pipeline.fit(X, y)
    test = pd.read_csv(files / "test.csv")
    truth, X_test = test["cultivar"], test.drop(columns="cultivar")
    assert f"accuracy  {accuracy_score(truth, pipeline.predict(X_test)):.4f}" in out
    loss = log_loss(truth, pipeline.predict_proba(X_test), labels=pipeline.classes_)
    assert f"log-loss  {loss:.4f}" in out
    matrix = out.split("Confusion matrix")[1].split("\n\n")[1].splitlines()[2:]
    counts = pd.crosstab(truth, pipeline.predict(X_test))
    for line in matrix:
        label, *cells = line.split()
        assert [int(c) for c in cells] == [
            counts.loc[label].get(predicted, 0) for predicted in pipeline.classes_
        ]
    for label in WINE_NAMES.values():
        assert re.search(rf"^\s+{label}\s+\d\.\d\d", out, re.M)


def test_predict_writes_ids_labels_and_probabilities(files, fitted):
    model, _ = fitted
    output = files / "predictions.csv"
    status, out, err = run(
        ["predict", model, files / "new.csv", "--proba", "--id", "id", "-o", output]
    )
    assert status == 0 and err == "" and "Wrote 53 predictions" in out
    written = pd.read_csv(output)
    new = pd.read_csv(files / "new.csv")
    pipeline, X, y = by_hand(files)
    pipeline.fit(X, y)
    expected_columns = ["id", "cultivar"] + [f"proba_{c}" for c in pipeline.classes_]
    assert list(written.columns) == expected_columns
    assert written["id"].tolist() == new["id"].tolist()
    features = new.drop(columns="id")
    np.testing.assert_array_equal(written["cultivar"], pipeline.predict(features))
    np.testing.assert_allclose(
        written.iloc[:, 2:], pipeline.predict_proba(features), rtol=1e-12, atol=1e-15
    )


def test_predict_without_output_writes_csv_to_stdout(files, fitted):
    model, _ = fitted
    status, out, _ = run(["predict", model, files / "test.csv"])
    assert status == 0
    written = pd.read_csv(io.StringIO(out))
    assert list(written.columns) == ["cultivar"] and len(written) == 53


def test_info_shows_model_parameters_classes_features_and_versions(fitted):
    model, _ = fitted
    status, out, _ = run(["info", model])
    assert status == 0
    assert "SigmoidNeuronClassifier (--model neuron)" in out
    assert re.search(r"^  learning_rate\s+'auto'$", out, re.M)
    assert re.search(r"^classes\s+barbera, barolo, grignolino$", out, re.M)
    assert re.search(r"^one-hot features\s+cellar$", out, re.M)
    assert re.search(r"^numeric features\s+alcohol, malic_acid, ", out, re.M)
    assert re.search(r"^saved with scikit-learn\s+\d+\.\d+", out, re.M)
    assert re.search(r"^cross-validation\s+3 folds, accuracy 0\.\d{3}", out, re.M)


@pytest.mark.parametrize(
    "options, model_class, parameters",
    [
        (["--model", "threshold"], ThresholdUnit, {}),
        (["--model", "adaline"], AdalineClassifier, {}),
        (
            ["--model", "network", "--set", "hidden_layer_sizes=(4,)"],
            SigmoidNetworkClassifier,
            {"hidden_layer_sizes": (4,)},
        ),
        (
            ["--set", "loss=log_loss", "--set", "tol=None", "--set", "n_iter=50"],
            SigmoidNeuronClassifier,
            {"loss": "log_loss", "tol": None, "n_iter": 50},
        ),
        (["--set", "random_state=7"], SigmoidNeuronClassifier, {"random_state": 7}),
    ],
)
def test_fit_model_and_set_choose_the_estimator(
    files, options, model_class, parameters
):
    model = files / "options.skops"
    status, _, _ = run(
        ["fit", files / "train.csv", "--target", "cultivar", "--cv", "0", "-o", model]
        + options
    )
    assert status == 0
    estimator = skops.io.load(model, trusted=TRUSTED_TYPES)[-1]
    assert type(estimator) is model_class
    expected = {"random_state": 0} | parameters
    assert {name: estimator.get_params()[name] for name in expected} == expected


def test_fit_no_scale_and_id_change_the_features(files, tmp_path):
    model = tmp_path / "model.skops"
    status, out, _ = run(
        ["fit", files / "new.csv", "--target", "cellar", "--id", "id", "--no-scale"]
        + ["--cv", "0", "-o", model]
    )
    assert status == 0 and "cross-validation" not in out
    pipeline = skops.io.load(model, trusted=TRUSTED_TYPES)
    assert "id" not in pipeline.feature_names_in_
    # Without scaling, the numbers only have their empty cells imputed.
    [(_, numeric, _)] = pipeline[0].transformers
    assert [type(step).__name__ for step in numeric] == ["SimpleImputer"]


def keyed(files, folder):
    """new.csv with two key columns (a code spelled with leading zeros, a
    second id) and a free-text note, all three no feature."""
    new = pd.read_csv(files / "new.csv")
    new.insert(1, "code", [f"{i:04d}" for i in range(len(new))])
    new["note"] = np.where(np.arange(len(new)) % 3, "checked", "to check")
    new.to_csv(folder / "keyed.csv", index=False)
    return new


def test_fit_repeated_id_and_drop_leave_every_column_out(files, tmp_path):
    """Check that each --id and --drop column is no feature (before, a second
    --id replaced the first, which became a feature): the model is the one
    fitted on the file without them."""
    new = keyed(files, tmp_path)
    fit = ["--target", "cellar", "--cv", "0"]
    status, _, err = run(
        ["fit", tmp_path / "keyed.csv", *fit, "--id", "id", "--id", "code"]
        + ["--drop", "note", "-o", tmp_path / "keyed.skops"]
    )
    assert status == 0 and err == ""
    new.drop(columns=["id", "code", "note"]).to_csv(tmp_path / "bare.csv", index=False)
    run(["fit", tmp_path / "bare.csv", *fit, "-o", tmp_path / "bare.skops"])
    pipeline, record = load_model(tmp_path / "keyed.skops")
    bare, _ = load_model(tmp_path / "bare.skops")
    assert list(pipeline.feature_names_in_) == list(bare.feature_names_in_)
    features = new[bare.feature_names_in_]
    np.testing.assert_array_equal(
        pipeline.predict_proba(features), bare.predict_proba(features)
    )
    assert record.left_out_columns == {"id": "--id", "code": "--id", "note": "--drop"}


def test_predict_repeated_id_writes_every_key_first(files, fitted, tmp_path):
    """Check that ``--id id --id code`` writes both columns, in that order and
    as the file spells them (0007), then the predictions."""
    model, _ = fitted
    new = keyed(files, tmp_path)
    status, out, _ = run(
        ["predict", model, tmp_path / "keyed.csv", "--id", "id", "--id", "code"]
    )
    assert status == 0
    written = pd.read_csv(io.StringIO(out), dtype=str)
    assert list(written.columns) == ["id", "code", "cultivar"]
    assert written["code"].tolist() == new["code"].tolist()
    assert written["code"][7] == "0007"
    assert written["id"].tolist() == new["id"].tolist()


@pytest.mark.parametrize(
    "options, message",
    [
        (["--id", "cellar"], "column 'cellar' is given to both --target and --id"),
        (["--drop", "cellar"], "column 'cellar' is given to both --target and --drop"),
        (
            ["--id", "hue", "--drop", "hue"],
            "column 'hue' is given to both --id and --drop",
        ),
        (
            ["--id", "id", "--id", "hue", "--categorical", "hue"],
            "column 'hue' is given to both --id and --categorical",
        ),
        (
            ["--drop", "hue", "--words", "hue"],
            "column 'hue' is given to both --drop and --words",
        ),
        (
            ["--keep", "hue", "--drop", "hue"],
            "column 'hue' is given to both --drop and --keep",
        ),
        (
            ["--words", "hue", "--date", "hue"],
            "column 'hue' is given to both --date and --words",
        ),
    ],
)
def test_a_column_given_conflicting_roles_is_refused_before_reading(
    tmp_path, options, message
):
    """Check the one-line refusal, before the file is read: it does not
    exist."""
    argv = ["fit", tmp_path / "nope.csv", "--target", "cellar", *options]
    status, out, err = run([*argv, "-o", tmp_path / "m.skops"])
    assert status == 2 and out == ""
    assert err == f"sksigmoid fit: error: {message}; choose one\n"


@pytest.mark.parametrize("option", ["--id", "--drop"])
def test_an_id_or_drop_of_no_column_is_refused(files, tmp_path, option):
    status, _, err = run(
        ["fit", files / "new.csv", "--target", "cellar", option, "nope"]
        + ["-o", tmp_path / "m.skops"]
    )
    assert status == 2
    assert f"new.csv has no column 'nope' to {option}; its columns are id," in err


def test_old_model_predicts_with_repeated_ids(tmp_path):
    """Check that a model saved before --id was repeatable copies two keys."""
    models = Path(__file__).parent / "data" / "models"
    data = Path(__file__).parents[1] / "sksigmoid" / "data" / "penguins_test.csv"
    status, out, _ = run(
        ["predict", models / "penguins_cli.skops", data, "--id", "id", "--id", "year"]
    )
    assert status == 0
    written = pd.read_csv(io.StringIO(out))
    expected = pd.read_csv(models / "penguins_cli_predictions.csv")
    assert list(written.columns) == ["id", "year", "species"]
    assert written["species"].tolist() == expected["species"].tolist()


def test_a_model_too_large_for_memory_is_one_line_naming_its_parameters(
    files, tmp_path, monkeypatch
):
    """Check that a MemoryError in the fit (``--set
    hidden_layer_sizes=(100000,100000)`` asks 75 GiB of the first layer) is one
    line naming the --set parameters, exit 2 (before: a traceback, exit 1).
    The allocation is stood in for: a real one could succeed, and swap."""

    def too_large(self, X, y):
        raise MemoryError(
            "Unable to allocate 74.5 GiB for an array with shape (100000, 100000) "
            "and data type float64"
        )

    monkeypatch.setattr(SigmoidNetworkClassifier, "fit", too_large)
    argv = ["fit", files / "train.csv", "--target", "cultivar", "--model", "network"]
    argv += ["-o", tmp_path / "m.skops"]
    big = ["--set", "hidden_layer_sizes=(100000,100000)", "--set", "alpha=0.1"]
    status, _, err = run([*argv, *big])
    assert status == 2 and "Traceback" not in err
    assert err == (
        "sksigmoid fit: error: fitting SigmoidNetworkClassifier with --set "
        "hidden_layer_sizes=(100000, 100000) --set alpha=0.1 needs more memory "
        "than there is (Unable to allocate 74.5 GiB for an array with shape "
        "(100000, 100000) and data type float64); choose smaller values\n"
    )
    status, _, err = run(argv)
    assert status == 2
    assert err.startswith(
        "sksigmoid fit: error: fitting SigmoidNetworkClassifier on 125 rows of 14 "
        "columns needs more memory than there is (Unable to allocate"
    )
    assert list(tmp_path.iterdir()) == []


def test_fit_warns_once_per_message_without_failing(files, tmp_path):
    """Check that a ConvergenceWarning from every fold prints one line."""
    status, _, err = run(
        ["fit", files / "train.csv", "--target", "cultivar", "--set", "n_iter=3"]
        + ["-o", tmp_path / "model.skops"]
    )
    assert status == 0
    assert err.splitlines() == [
        "sksigmoid fit: warning: Maximum number of epochs (3) reached before "
        "convergence. Consider increasing n_iter to improve the fit."
    ]


def test_fit_warns_about_a_column_that_identifies_the_rows(files, tmp_path):
    status, _, err = run(
        ["fit", files / "new.csv", "--target", "cellar", "--cv", "0"]
        + ["-o", tmp_path / "model.skops"]
    )
    assert status == 0
    assert "column 'id' has a different value on every row" in err
    assert "--id id" in err


def rewritten(model, path, entry, change):
    """A copy of the model file at ``path``, ``change(bytes) -> bytes`` applied to
    its zip entry ``entry``."""
    with zipfile.ZipFile(model) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(item, change(data) if item.filename == entry else data)
    return path


def tampered(model, path):
    """The model file with its pipeline's type replaced by os.system."""

    def to_os_system(schema):
        schema = schema.replace(b'"sklearn.pipeline"', b'"os"', 1)
        return schema.replace(b'"Pipeline"', b'"system"', 1)

    return rewritten(model, path, "schema.json", to_os_system)


def with_record(original, path, **changes):
    """The model file with ``changes`` made to its record (None removes a key)."""

    def changed(data):
        record = json.loads(data) | changes
        return json.dumps({k: v for k, v in record.items() if v is not None})

    return rewritten(original, path, RECORD_ENTRY, changed)


def test_model_from_another_major_version_loads_with_a_warning(files, fitted, tmp_path):
    model, _ = fitted
    old = with_record(model, tmp_path / "old.skops", versions={"sksigmoid": "99.1.0"})
    status, out, err = run(["predict", old, files / "test.csv"])
    assert status == 0 and len(pd.read_csv(io.StringIO(out))) == 53
    [warning] = err.splitlines()
    assert "saved by sksigmoid 99.1.0" in warning and "major version" in warning


def deep_json(record):
    """A JSON value nested 100,000 deep: it exhausts the JSON parser's stack."""
    return b"[" * 100_000 + b"]" * 100_000


def renamed_coef(schema):
    """The skops schema with the estimator's coef_ attribute renamed."""
    assert schema.count(b'"coef_"') == 1
    return schema.replace(b'"coef_"', b'"coeff_"')


def bad_files(folder):
    """name -> (file content or None, for the cases that are not CSV text)."""
    train = pd.read_csv(folder / "train.csv")
    garbage = train.astype({"alcohol": object})
    garbage.loc[3, "alcohol"] = "n/a?"
    blank = train.copy()
    blank.loc[[7, 9], "hue"] = np.nan
    unlabelled = train.copy()
    unlabelled["cultivar"] = np.nan
    infinite = {}
    for cell in ["1e400", "inf", "nan"]:
        frame = train.astype({"alcohol": object})
        frame.loc[4, "alcohol"] = cell
        infinite[f"{cell}.csv"] = frame.to_csv(index=False)
    marked = train.astype({"hue": object})
    marked.loc[6, "hue"] = "NA"
    rare = train.copy()
    rare.loc[rare.index[[10, 20]], "cultivar"] = "rare"
    return {
        **infinite,
        "marked.csv": marked.to_csv(index=False),
        "rare.csv": rare.to_csv(index=False),
        "duplicates.csv": "x,y,x,cultivar\n1,2,3,a\n2,3,4,b\n",
        "empty.csv": "",
        "header_only.csv": "a,b,cultivar\n",
        "ragged.csv": "a,b,cultivar\n1,2,x\n3,4,5,6\n",
        "one_class.csv": train.assign(cultivar="barolo").to_csv(index=False),
        "garbage.csv": garbage.to_csv(index=False),
        "blank.csv": blank.to_csv(index=False),
        "unlabelled.csv": unlabelled.to_csv(index=False),
        "few_columns.csv": train.drop(columns=["alcohol", "hue"]).to_csv(index=False),
        "not_a_model.skops": "PK\x03\x04 this is not a model",
        "binary.csv": "\x00\xff\xfe\x80\x81",
    }


BAD_INPUTS = {
    "missing file": (["fit", "{nope.csv}", "--target", "cultivar"], "no such file"),
    "empty file": (["fit", "{empty.csv}", "--target", "cultivar"], "is empty"),
    "header only": (["fit", "{header_only.csv}", "--target", "cultivar"], "no rows"),
    "ragged rows": (
        ["fit", "{ragged.csv}", "--target", "cultivar"],
        "Expected 3 fields in line 3, saw 4",
    ),
    "missing target": (
        ["fit", "{train.csv}", "--target", "colour"],
        "has no column 'colour'; its columns are alcohol,",
    ),
    "text target to regress": (
        ["fit", "{train.csv}", "--target", "cultivar", "--task", "regress"],
        "the target column 'cultivar' holds text, such as 'barolo'; --task "
        "regress needs numbers (a quantity)",
    ),
    "threshold unit on a quantity": (
        ["fit", "{train.csv}", "--target", "alcohol", "--model", "threshold"],
        "--model threshold (ThresholdUnit) fits class labels, but the target "
        "'alcohol' holds a quantity (--task regress); fit it with --model network "
        "or linear, or give --task classify",
    ),
    "linear unit on classes": (
        ["fit", "{train.csv}", "--target", "cultivar", "--model", "linear"],
        "fit it with --model neuron, threshold, adaline or network, or give "
        "--task regress",
    ),
    "output in a missing folder": (
        ["fit", "{train.csv}", "--target", "cultivar", "-o", "{nowhere/m.skops}"],
        "there is no folder",
    ),
    "one class": (
        ["fit", "{one_class.csv}", "--target", "cultivar"],
        "holds a single class ('barolo')",
    ),
    "word in a numeric column": (
        ["fit", "{garbage.csv}", "--target", "cultivar"],
        "column 'alcohol' holds numbers, but line 5 has 'n/a?'",
    ),
    "empty numeric cells, --missing error": (
        ["fit", "{blank.csv}", "--target", "cultivar", "--missing", "error"],
        "column 'hue' is empty on 2 rows (first on line 9); fill those cells, or "
        "fit with --missing impute or --missing drop",
    ),
    "empty target column": (
        ["fit", "{unlabelled.csv}", "--target", "cultivar"],
        "the target column 'cultivar' is empty",
    ),
    "not text": (["fit", "{binary.csv}", "--target", "cultivar"], "not a text"),
    "bad parameter value": (
        ["fit", "{train.csv}", "--target", "cultivar", "--set", "learning_rate=-1"],
        "The 'learning_rate' parameter of SigmoidNeuronClassifier must be",
    ),
    "unknown parameter": (
        ["fit", "{train.csv}", "--target", "cultivar", "--set", "rate=1"],
        "SigmoidNeuronClassifier has no parameter rate; its parameters are",
    ),
    "parameter without value": (
        ["fit", "{train.csv}", "--target", "cultivar", "--set", "rate"],
        "expected NAME=VALUE, got 'rate'",
    ),
    "one fold": (
        ["fit", "{train.csv}", "--target", "cultivar", "--cv", "1"],
        "K must be 0 (no cross-validation) or >= 2",
    ),
    "bad hidden layers": (
        ["fit", "{train.csv}", "--target", "cultivar", "--model", "network"]
        + ["--set", "hidden_layer_sizes=(0,)"],
        "hidden_layer_sizes",
    ),
    "not a model": (["predict", "{not_a_model.skops}", "{new.csv}"], "not a zip file"),
    "csv as a model": (["info", "{train.csv}"], "not a model file"),
    "model without record": (
        ["predict", "{no_record.skops}", "{new.csv}"],
        "not a model file written by 'sksigmoid fit'",
    ),
    "damaged record": (
        ["info", "{damaged_record.skops}"],
        "has a damaged sksigmoid.json",
    ),
    "tampered model": (
        ["predict", "{tampered.skops}", "{new.csv}"],
        "does not trust, so nothing in it was loaded",
    ),
    "missing features": (
        ["predict", "{model.skops}", "{few_columns.csv}"],
        "lacks 2 of the model's feature columns: alcohol, hue",
    ),
    "word at predict time": (
        ["predict", "{model.skops}", "{garbage.csv}"],
        "column 'alcohol' holds numbers, but line 5 has 'n/a?'",
    ),
    "missing id column": (
        ["predict", "{model.skops}", "{test.csv}", "--id", "code"],
        "has no column 'code' to copy as --id",
    ),
    "missing evaluation target": (
        ["evaluate", "{model.skops}", "{new.csv}"],
        "has no column 'cultivar'; its columns are id, alcohol,",
    ),
    # Nothing lost, nothing silently wrong.
    "fit output is the data": (
        ["fit", "{train.csv}", "--target", "cultivar", "-o", "{train.csv}"],
        "train.csv is the input file",
    ),
    "predict output is the data": (
        ["predict", "{model.skops}", "{new.csv}", "-o", "{new.csv}"],
        "new.csv is the input file",
    ),
    "predict output is the model": (
        ["predict", "{model.skops}", "{new.csv}", "-o", "{model.skops}"],
        "model.skops is the input file",
    ),
    "overflowing number": (
        ["fit", "{1e400.csv}", "--target", "cultivar"],
        "column 'alcohol' holds numbers, but line 6 has '1e400', which is not a "
        "finite number",
    ),
    "infinity": (
        ["predict", "{model.skops}", "{inf.csv}"],
        "line 6 has 'inf', which is not a finite number",
    ),
    "nan text": (
        ["evaluate", "{model.skops}", "{nan.csv}"],
        "line 6 has 'nan', which is not a finite number",
    ),
    "NA is a word": (
        ["fit", "{marked.csv}", "--target", "cultivar"],
        "column 'hue' holds numbers, but line 8 has 'NA', which is not a number",
    ),
    "NA marked missing": (
        ["fit", "{marked.csv}", "--target", "cultivar", "--na", "NA"]
        + ["--missing", "error"],
        "column 'hue' is empty on 1 rows (first on line 8)",
    ),
    "class rarer than the folds": (
        ["fit", "{rare.csv}", "--target", "cultivar"],
        "5-fold cross-validation needs at least 5 rows of each class, but the "
        "class(es) 'rare' (2) have fewer; use --cv 2 or --cv 0",
    ),
    "duplicated header names": (
        ["fit", "{duplicates.csv}", "--target", "cultivar"],
        "the header names 'x' more than once",
    ),
    "directory as data": (
        ["evaluate", "{model.skops}", "{folder}"],
        "folder is a directory, not a file",
    ),
    "directory as model": (["info", "{folder}"], "folder is a directory"),
    "output is a directory": (
        ["fit", "{train.csv}", "--target", "cultivar", "-o", "{folder}"],
        "folder: it is a directory",
    ),
    "empty output": (
        ["predict", "{model.skops}", "{new.csv}", "-o", ""],
        "the output path is empty",
    ),
    "record without saved_at": (
        ["info", "{no_saved_at.skops}"],
        "has a damaged sksigmoid.json: it has no 'saved_at'",
    ),
    "record nested 100,000 deep": (
        ["predict", "{deep.skops}", "{new.csv}"],
        "has a damaged sksigmoid.json: it is not JSON",
    ),
    "numeric_columns a string": (
        ["predict", "{string_columns.skops}", "{new.csv}"],
        "its 'numeric_columns' is not valid",
    ),
    "cross_validation damaged": (
        ["info", "{bad_folds.skops}"],
        "its cross_validation 'folds' is not valid",
    ),
    "coef_ renamed in the schema": (
        ["info", "{renamed.skops}"],
        "is not a readable model file: its pipeline cannot predict (AttributeError",
    ),
    "record names another estimator": (
        ["info", "{other_model.skops}"],
        "holds a SigmoidNeuronClassifier, but its sksigmoid.json says --model "
        "threshold",
    ),
    "record names other columns": (
        ["predict", "{other_columns.skops}", "{new.csv}"],
        "holds a pipeline of the columns alcohol,",
    ),
}


@pytest.mark.parametrize("command, message", BAD_INPUTS.values(), ids=BAD_INPUTS)
def test_bad_input_exits_2_with_one_line_and_no_output(
    files, fitted, tmp_path, command, message
):
    for name, content in bad_files(files).items():
        (tmp_path / name).write_bytes(content.encode("latin-1"))
    for name in ["train.csv", "test.csv", "new.csv"]:
        (tmp_path / name).write_bytes((files / name).read_bytes())
    model, _ = fitted
    (tmp_path / "model.skops").write_bytes(model.read_bytes())
    tampered(model, tmp_path / "tampered.skops")
    with_record(model, tmp_path / "damaged_record.skops", target=None)
    with_record(model, tmp_path / "no_saved_at.skops", saved_at=None)
    rewritten(model, tmp_path / "deep.skops", RECORD_ENTRY, deep_json)
    with_record(model, tmp_path / "string_columns.skops", numeric_columns="hue")
    with_record(model, tmp_path / "bad_folds.skops", cross_validation={"folds": "3"})
    rewritten(model, tmp_path / "renamed.skops", "schema.json", renamed_coef)
    with_record(model, tmp_path / "other_model.skops", model="threshold")
    with_record(model, tmp_path / "other_columns.skops", categorical_columns=["id"])
    (tmp_path / "folder").mkdir()
    skops.io.dump(SigmoidNeuronClassifier(), tmp_path / "no_record.skops")
    output = tmp_path / "out.any"
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    argv = [re.sub(r"\{(.+)\}", rf"{tmp_path}/\1", arg) for arg in command]
    writes = command[0] in ("fit", "predict") and "-o" not in command
    status, out, err = run(argv + (["--output", output] if writes else []))
    assert status == 2
    assert err.count("\n") == 1 and err.startswith(f"sksigmoid {command[0]}: error:")
    assert message in err
    assert "Traceback" not in out + err
    assert not output.exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
    after = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    assert after == before


def test_failed_command_leaves_an_existing_output_untouched(files, fitted, tmp_path):
    model, _ = fitted
    output = tmp_path / "predictions.csv"
    output.write_text("earlier results\n")
    few = pd.read_csv(files / "test.csv").drop(columns="alcohol")
    few.to_csv(tmp_path / "few.csv", index=False)
    status, _, _ = run(["predict", model, tmp_path / "few.csv", "-o", output])
    assert status == 2 and output.read_text() == "earlier results\n"


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_bar_follows_the_epochs_of_every_fit():
    X, y = load_wine(return_X_y=True)
    X = StandardScaler().fit_transform(X)
    stream = Terminal()
    neuron = SigmoidNeuronClassifier(n_iter=30, tol=None, random_state=0)
    with ProgressBar(2, stream, delay=0, interval=0):
        neuron.fit(X, y)
        neuron.fit(X, y)
    frames = stream.getvalue().split("\r")
    assert "fit 1/2, epoch 1/30" in frames[1] and "   1% " in frames[1]
    assert any(
        "[" + "#" * 15 + "." * 15 + "]  50%  fit 1/2, epoch 30/30" in f for f in frames
    )
    assert "100%  fit 2/2, epoch 30/30" in frames[-3]
    # The last frame erases the bar.
    assert frames[-2].strip() == "" and frames[-1] == ""
    neuron.fit(X, y)  # outside the block, nothing more is drawn
    assert stream.getvalue().split("\r") == frames


@pytest.mark.parametrize(
    "quiet, terminal", [(False, True), (True, True), (False, False)]
)
def test_fit_draws_progress_only_on_a_terminal_without_quiet(
    files, tmp_path, monkeypatch, quiet, terminal
):
    monkeypatch.setattr(
        sksigmoid.cli._commands, "ProgressBar", functools.partial(ProgressBar, delay=0)
    )
    stderr = Terminal() if terminal else io.StringIO()
    monkeypatch.setattr(sys, "stderr", stderr)
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    argv = ["fit", files / "train.csv", "--target", "cultivar", "--cv", "2"]
    argv += ["-o", tmp_path / "model.skops"] + (["--quiet"] if quiet else [])
    assert main([str(arg) for arg in argv]) == 0
    drawn = "fit 3/3" in stderr.getvalue()
    assert drawn == (terminal and not quiet)


def test_console_script_runs_in_a_subprocess(files, fitted):
    model, _ = fitted
    script = Path(sys.executable).parent / "sksigmoid"
    result = subprocess.run(
        [script, "predict", model, files / "new.csv", "--id", "id"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "id,cultivar"
    bad = subprocess.run([script, "info", files / "nope.skops"], capture_output=True)
    assert bad.returncode == 2 and bad.stderr.count(b"\n") == 1


# The cases that need more than one bad input and one message.


def test_output_linked_to_an_input_is_refused_before_any_work(files, fitted, tmp_path):
    """Check that an output that is the data file or the model through a hard
    link or a symbolic link is refused, and the inputs are left as they were."""
    model, _ = fitted
    data = tmp_path / "new.csv"
    data.write_bytes((files / "new.csv").read_bytes())
    (tmp_path / "hard.csv").hardlink_to(data)
    (tmp_path / "soft.skops").symlink_to(model)
    (tmp_path / "link").symlink_to(tmp_path)
    content, model_content = data.read_bytes(), model.read_bytes()
    for argv in [
        ["predict", model, data, "-o", tmp_path / "hard.csv"],
        ["predict", model, data, "-o", tmp_path / "soft.skops"],
        ["predict", model, data, "-o", tmp_path / "link" / "new.csv"],
        ["fit", tmp_path / "hard.csv", "--target", "cellar", "-o", data],
    ]:
        status, out, err = run(argv)
        assert status == 2 and out == "" and "is the input file" in err
    assert data.read_bytes() == content and model.read_bytes() == model_content


def test_concurrent_fits_to_one_output_leave_one_whole_model(
    files, tmp_path, monkeypatch
):
    """Check that two threads fitting different models to the same output each
    succeed and leave a whole model file: the last one renamed."""
    output = tmp_path / "model.skops"
    results = []
    # Both threads write at the same time, not only when the scheduler says.
    together = threading.Barrier(2, timeout=10)
    dump = skops.io.dump

    def dump_together(*args, **kwargs):
        together.wait()
        dump(*args, **kwargs)

    monkeypatch.setattr(skops.io, "dump", dump_together)

    def fit(model):
        argv = ["fit", files / "train.csv", "--target", "cultivar", "--cv", "0"]
        argv += ["--model", model, "-q", "-o", output]
        results.append(main([str(arg) for arg in argv]))

    # main() swaps the warning filters of the process; put them back after.
    with warnings.catch_warnings(), pytest.MonkeyPatch.context() as patch:
        patch.setattr(sys, "stdout", io.StringIO())
        patch.setattr(sys, "stderr", io.StringIO())
        for _ in range(10):
            threads = [
                threading.Thread(target=fit, args=(model,))
                for model in ("neuron", "threshold")
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            pipeline, record = load_model(output)
            assert type(pipeline[-1]) is MODELS[record["model"]]["classify"]
            assert sorted(p.name for p in tmp_path.iterdir()) == ["model.skops"]
    assert results == [0] * 20


def test_model_file_is_read_once(files, fitted, tmp_path, monkeypatch):
    """Check that a model file replaced by another while it loads gives the
    record and the pipeline of the same model, the one first read."""
    model, _ = fitted
    other = tmp_path / "threshold.skops"
    status, _, _ = run(
        ["fit", files / "train.csv", "--target", "cultivar", "--cv", "0"]
        + ["--model", "threshold", "-o", other]
    )
    target = tmp_path / "model.skops"
    target.write_bytes(model.read_bytes())
    for name in ["load", "loads"]:
        real = getattr(skops.io, name)

        def replaced_first(*args, real=real, **kwargs):
            target.write_bytes(other.read_bytes())  # another process, meanwhile
            return real(*args, **kwargs)

        monkeypatch.setattr(skops.io, name, replaced_first)
    status, out, _ = run(["info", target])
    assert status == 0
    assert "SigmoidNeuronClassifier (--model neuron)" in out


def sorted_by_class(n_rows=200, seed=0):
    """Noise features, the rows sorted by class: only the row order predicts."""
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame(rng.normal(size=(n_rows, 2)), columns=["u", "v"])
    frame["label"] = np.repeat(["no", "yes"], n_rows // 2)
    return frame


def cv_accuracy(out):
    return float(re.search(r"cross-validation: accuracy (\d\.\d+)", out)[1])


def test_fit_leaves_out_a_pandas_index(tmp_path):
    """Check that the index df.to_csv() writes is no feature: the scores are
    those of the file without it, which are chance on noise."""
    frame = sorted_by_class()
    frame.to_csv(tmp_path / "indexed.csv")
    frame.to_csv(tmp_path / "plain.csv", index=False)
    fit = ["--target", "label", "-o", tmp_path / "model.skops"]
    status, indexed, _ = run(["fit", tmp_path / "indexed.csv", *fit])
    assert status == 0
    assert "Left out column 'Unnamed: 0', which numbers the rows" in indexed
    features = skops.io.load(tmp_path / "model.skops", trusted=TRUSTED_TYPES)
    assert list(features.feature_names_in_) == ["u", "v"]
    _, plain, _ = run(["fit", tmp_path / "plain.csv", *fit])
    assert cv_accuracy(indexed) == cv_accuracy(plain) < 0.7
    _, kept, _ = run(["fit", tmp_path / "indexed.csv", "--keep", "Unnamed: 0", *fit])
    assert cv_accuracy(kept) > 0.9  # what the index leaked


@pytest.mark.parametrize("start", [0, 1])
def test_fit_leaves_out_a_named_column_counting_the_rows(tmp_path, start):
    frame = sorted_by_class()
    frame.insert(1, "row", np.arange(start, start + len(frame)))
    frame.to_csv(tmp_path / "rows.csv", index=False)
    fit = ["fit", tmp_path / "rows.csv", "--target", "label", "--cv", "0"]
    status, out, _ = run([*fit, "-o", tmp_path / "model.skops"])
    assert status == 0
    assert "Left out column 'row', which numbers the rows (it counts the rows " in out
    assert f"{start} to {start + len(frame) - 1})" in out
    model = skops.io.load(tmp_path / "model.skops", trusted=TRUSTED_TYPES)
    assert list(model.feature_names_in_) == ["u", "v"]
    run([*fit, "--keep", "row", "-o", tmp_path / "kept.skops"])
    kept = skops.io.load(tmp_path / "kept.skops", trusted=TRUSTED_TYPES)
    assert list(kept.feature_names_in_) == ["u", "row", "v"]


class Shared(io.StringIO):
    """One stream for stdout and stderr, to see the order of their lines."""


def test_fit_hints_at_identifier_columns_before_cross_validation(
    files, tmp_path, monkeypatch
):
    """Check that a text id and a numeric code with a different value on every
    row are named before the cross-validation runs; a measurement is not."""
    frame = pd.read_csv(files / "train.csv")
    rng = np.random.default_rng(0)
    frame["code"] = rng.permutation(len(frame)) + 1000
    frame["name"] = [f"wine {i}" for i in rng.permutation(len(frame))]
    frame["weight"] = rng.normal(size=len(frame))
    frame.to_csv(tmp_path / "coded.csv", index=False)
    stream = Shared()
    monkeypatch.setattr(sys, "stdout", stream)
    monkeypatch.setattr(sys, "stderr", stream)
    argv = ["fit", tmp_path / "coded.csv", "--target", "cultivar", "--cv", "2"]
    assert main([str(a) for a in argv + ["-o", tmp_path / "m.skops"]]) == 0
    lines = stream.getvalue().splitlines()
    hints = [i for i, line in enumerate(lines) if "different value on every" in line]
    assert [lines[i].split("'")[1] for i in hints] == ["code", "name"]
    [cross_validation] = [i for i, line in enumerate(lines) if "cross-valid" in line]
    assert max(hints) < cross_validation


def test_na_is_a_label_unless_given_as_missing(tmp_path):
    """Check that a class 'NA' (North America) is a class, as the same pipeline
    fitted on the file read with keep_default_na=False finds."""
    rng = np.random.default_rng(0)
    frame = pd.DataFrame(
        {"x": np.r_[rng.normal(0, 1, 30), rng.normal(3, 1, 30)]}
    ).assign(region=np.repeat(["EU", "NA"], 30))
    frame.to_csv(tmp_path / "regions.csv", index=False)
    model = tmp_path / "model.skops"
    status, out, _ = run(
        ["fit", tmp_path / "regions.csv", "--target", "region", "-o", model]
    )
    assert status == 0 and "target 'region' with 2 classes" in out
    status, out, _ = run(["predict", model, tmp_path / "regions.csv"])
    truth = pd.read_csv(tmp_path / "regions.csv", keep_default_na=False)
    pipeline = make_pipeline(StandardScaler(), SigmoidNeuronClassifier(random_state=0))
    pipeline.fit(truth[["x"]], truth["region"])
    written = pd.read_csv(io.StringIO(out), keep_default_na=False)
    np.testing.assert_array_equal(written["region"], pipeline.predict(truth[["x"]]))
    assert set(written["region"]) == {"EU", "NA"}
    status, _, err = run(
        ["fit", tmp_path / "regions.csv", "--target", "region", "--na", "NA"]
        + ["-o", model]
    )
    assert status == 2 and "'region' holds a single class ('EU')" in err


def test_clean_file_is_typed_as_pandas_types_it(tmp_path):
    """Check that integers, floats and booleans are numeric columns and words
    categorical ones, as pandas' own type inference has them."""
    frame = pd.DataFrame(
        {
            "count": [3, 1, 4, 1, 5, 9, 2, 6],
            "size": [0.5, 1.5, 2.25, 0.125, 3.0, 1e-3, 2.0, 4.5],
            "flag": [True, False, True, True, False, False, True, False],
            "colour": ["red", "blue"] * 4,
            "label": [1, 0, 1, 0, 1, 0, 1, 0],
        }
    )
    frame.to_csv(tmp_path / "typed.csv", index=False)
    model = tmp_path / "model.skops"
    status, _, _ = run(
        ["fit", tmp_path / "typed.csv", "--target", "label", "--cv", "0", "-o", model]
    )
    assert status == 0
    pipeline, record = load_model(model)
    read = pd.read_csv(tmp_path / "typed.csv")
    numeric = [c for c in read.columns[:-1] if pd.api.types.is_numeric_dtype(read[c])]
    assert record["numeric_columns"] == numeric == ["count", "size", "flag"]
    assert record["categorical_columns"] == ["colour"]
    by_hand = make_pipeline(
        make_column_transformer(
            (StandardScaler(), numeric), (OneHotEncoder(), ["colour"])
        ),
        SigmoidNeuronClassifier(random_state=0),
    ).fit(read.drop(columns="label"), read["label"])
    features = read.drop(columns="label")
    np.testing.assert_allclose(
        pipeline.predict_proba(features), by_hand.predict_proba(features), rtol=1e-12
    )
    np.testing.assert_array_equal(pipeline.classes_, [0, 1])


def test_error_names_the_physical_line_after_blank_lines_and_quoted_newlines(
    files, tmp_path
):
    """Check that a bad cell after blank lines and a cell spanning lines is
    reported on the line a text editor shows it on."""
    frame = pd.read_csv(files / "train.csv").astype({"alcohol": object})
    frame["cellar"] = frame["cellar"].astype(object)
    frame.loc[3, "cellar"] = "north\nwing"
    frame.loc[40, "cellar"] = 'south\n\nwing,\n"b"'
    frame.loc[60, "alcohol"] = "oops"
    lines = frame.to_csv(index=False).splitlines()
    lines[10:10] = ["", "   "]
    lines[30:30] = [""]
    text = "\n".join(lines) + "\n\n"
    (tmp_path / "lines.csv").write_text(text)
    expected = next(i for i, line in enumerate(lines, 1) if line.startswith("oops,"))
    status, _, err = run(
        ["fit", tmp_path / "lines.csv", "--target", "cultivar", "-o", tmp_path / "m"]
    )
    assert status == 2
    assert f"line {expected} has 'oops'" in err


def test_predict_reads_numbers_in_a_text_column_as_text(files, fitted, tmp_path):
    """Check that a column one-hot encoded in training that holds numbers in the
    new file is encoded as the words it holds (unknown: zeros), as the pipeline
    does on the same strings."""
    model, _ = fitted
    new = pd.read_csv(files / "new.csv")
    new["cellar"] = np.where(np.arange(len(new)) % 3, "1", "2")
    new.to_csv(tmp_path / "numbers.csv", index=False)
    status, out, err = run(["predict", model, tmp_path / "numbers.csv", "--proba"])
    assert status == 0
    assert f"column 'cellar' has {len(new)} cells of categories fit never saw" in err
    pipeline = skops.io.load(model, trusted=TRUSTED_TYPES)
    features = new.drop(columns="id").astype({"cellar": object})
    written = pd.read_csv(io.StringIO(out))
    np.testing.assert_array_equal(written["cultivar"], pipeline.predict(features))
    np.testing.assert_allclose(
        written.iloc[:, 1:], pipeline.predict_proba(features), rtol=1e-12
    )


def test_unwritable_output_folder_is_refused_before_reading(
    files, fitted, tmp_path, monkeypatch
):
    """Check that a folder the user may not write to is refused at once (the
    test may run as root, for whom every folder is writable: os.access is
    replaced)."""
    folder = tmp_path / "locked"
    folder.mkdir()
    real = os.access
    monkeypatch.setattr(
        os, "access", lambda path, mode: real(path, mode) and Path(path) != folder
    )
    for argv in [
        ["fit", files / "train.csv", "--target", "cultivar", "-o", folder / "m.skops"],
        ["predict", fitted[0], files / "new.csv", "-o", folder / "p.csv"],
    ]:
        status, out, err = run(argv)
        assert status == 2 and out == ""
        assert f"cannot write {folder}/" in err and "is not writable" in err
    assert list(folder.iterdir()) == []


def test_commands_read_standard_input_piped_by_a_shell(
    files, fitted, tmp_path, monkeypatch
):
    """Check that predict reads a CSV file piped to ``-`` in a subprocess, and fit
    one given as standard input in-process, and do as on the file itself."""
    model, _ = fitted
    out = subprocess.run(
        [sys.executable, "-m", "sksigmoid", "predict", str(model), "-", "--id", "id"],
        input=(files / "new.csv").read_bytes(),
        capture_output=True,
        check=True,
    ).stdout.decode()
    _, from_file, _ = run(["predict", model, files / "new.csv", "--id", "id"])
    assert out == from_file
    data = (files / "train.csv").read_bytes()
    stdin = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    fit = ["fit", "-", "--target", "cultivar", "--cv", "0", "-o", tmp_path / "m.skops"]
    status, out, _ = run(fit)
    assert status == 0
    assert out.startswith("<stdin>: 125 rows; target 'cultivar' with 3 classes")
    pipeline, record = load_model(tmp_path / "m.skops")
    assert record["training_file"] == "<stdin>"
    expected, X, y = by_hand(files)
    np.testing.assert_array_equal(pipeline.predict(X), expected.fit(X, y).predict(X))


@pytest.mark.parametrize("name", ["-", "/dev/stdin"])
@pytest.mark.parametrize("command", ["evaluate", "predict"])
def test_commands_read_standard_input_once(files, fitted, monkeypatch, name, command):
    """Check that ``-`` and ``/dev/stdin`` read the text of standard input, as
    the file itself reads (in-process: sys.stdin replaced)."""
    model, _ = fitted
    data = files / "test.csv"
    stdin = io.TextIOWrapper(io.BytesIO(data.read_bytes()), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    status, out, err = run([command, model, name])
    assert status == 0 and err == ""
    _, from_file, _ = run([command, model, data])
    assert out == from_file.replace(str(data), "<stdin>")
    assert stdin.buffer.read() == b""


def test_fit_on_features_without_signal_saves_the_intercept_only_model(tmp_path):
    """Check that a file whose features are all zero fits, and predicts the
    class shares."""
    data = tmp_path / "zeros.csv"
    pd.DataFrame({"a": 0, "b": 0, "t": ["x"] * 3 + ["y"] * 7}).to_csv(data, index=False)
    model = tmp_path / "zeros.skops"
    assert main(["fit", str(data), "--target", "t", "--cv", "2", "-o", str(model)]) == 0
    pipeline, _ = load_model(model)
    probabilities = pipeline.predict_proba(pd.read_csv(data)[["a", "b"]])
    np.testing.assert_allclose(probabilities[0], [0.3, 0.7], atol=2e-3)
