"""The commands on a user's CSV file: fit, evaluate, predict, info, and bad input.

The expected numbers come from the same pipeline built by hand with scikit-learn
(a ColumnTransformer, then the estimator), never from the command's own output.
"""

import functools
import io
import json
import re
import subprocess
import sys
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

import sksigmoid.cli._main
from sksigmoid import SigmoidNetworkClassifier, SigmoidNeuronClassifier, ThresholdUnit
from sksigmoid.cli import main
from sksigmoid.cli._files import RECORD_ENTRY, TRUSTED_TYPES
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
    assert pipeline[0].transformers[0][1] == "passthrough"


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


def with_record(model, path, **changes):
    """The model file with ``changes`` made to its record (None removes a key)."""

    def changed(data):
        record = json.loads(data) | changes
        return json.dumps({k: v for k, v in record.items() if v is not None})

    return rewritten(model, path, RECORD_ENTRY, changed)


def test_model_from_another_major_version_loads_with_a_warning(files, fitted, tmp_path):
    model, _ = fitted
    old = with_record(model, tmp_path / "old.skops", versions={"sksigmoid": "99.1.0"})
    status, out, err = run(["predict", old, files / "test.csv"])
    assert status == 0 and len(pd.read_csv(io.StringIO(out))) == 53
    [warning] = err.splitlines()
    assert "saved by sksigmoid 99.1.0" in warning and "major version" in warning


def bad_files(folder):
    """name -> (file content or None, for the cases that are not CSV text)."""
    train = pd.read_csv(folder / "train.csv")
    garbage = train.astype({"alcohol": object})
    garbage.loc[3, "alcohol"] = "n/a?"
    blank = train.copy()
    blank.loc[[7, 9], "hue"] = np.nan
    unlabelled = train.copy()
    unlabelled.loc[2, "cultivar"] = np.nan
    return {
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
    "continuous target": (
        ["fit", "{train.csv}", "--target", "alcohol"],
        "target column 'alcohol' holds continuous numbers",
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
    "empty numeric cells": (
        ["fit", "{blank.csv}", "--target", "cultivar"],
        "column 'hue' is empty on 2 rows (first on line 9)",
    ),
    "empty target cell": (
        ["fit", "{unlabelled.csv}", "--target", "cultivar"],
        "target column 'cultivar' is empty on 1 rows (first on line 4)",
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
        "has no id column 'code'",
    ),
    "missing evaluation target": (
        ["evaluate", "{model.skops}", "{new.csv}"],
        "has no column 'cultivar'; its columns are id, alcohol,",
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
    skops.io.dump(SigmoidNeuronClassifier(), tmp_path / "no_record.skops")
    output = tmp_path / "out.any"
    argv = [re.sub(r"\{(.+)\}", rf"{tmp_path}/\1", arg) for arg in command]
    writes = command[0] in ("fit", "predict") and "-o" not in command
    status, out, err = run(argv + (["--output", output] if writes else []))
    assert status == 2
    assert err.count("\n") == 1 and err.startswith(f"sksigmoid {command[0]}: error:")
    assert message in err
    assert "Traceback" not in out + err
    assert not output.exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


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
        sksigmoid.cli._main, "ProgressBar", functools.partial(ProgressBar, delay=0)
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
