"""The commands on CSV files as they come: gaps, empty targets, dates, index
columns, integer codes, other separators, and a start that does not wait for
scikit-learn.

Each expected value is computed independently of the command: the median with
NumPy, the date features with ``pd.to_datetime``, the model with the pipeline
built by hand from scikit-learn's classes.
"""

import json
import subprocess
import sys
import zipfile

import numpy as np
import pandas as pd
import pytest
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from test_cli_commands import run

from sksigmoid import SigmoidNeuronClassifier
from sksigmoid.cli._files import RECORD_ENTRY, load_model
from sksigmoid.tabular import detect_separator
from sksigmoid.tabular._dates import DateFeatures, date_formats


def measurements(n, seed):
    """Two numbers, a colour and a label that the numbers separate with a margin."""
    rng = np.random.default_rng(seed)
    x_a, x_b = rng.normal(size=(2, 4 * n))
    score = x_a + x_b
    keep = np.abs(score) > 0.3
    return pd.DataFrame(
        {
            "x_a": x_a[keep][:n].round(3),
            "x_b": (10 + 3 * x_b[keep][:n]).round(2),
            "colour": rng.choice(["red", "green", "blue"], size=n),
            "label": np.where(score[keep][:n] > 0, "big", "small"),
        }
    )


@pytest.fixture(scope="module")
def gaps(tmp_path_factory):
    """A training file with 9 empty x_b cells, 4 empty x_a cells and 3 empty
    colours, and a new file with gaps in each column."""
    folder = tmp_path_factory.mktemp("gaps")
    train, new = measurements(120, 0), measurements(40, 1)
    train.loc[[3, 8, 15, 16, 23, 42, 57, 88, 101], "x_b"] = np.nan
    train.loc[[5, 15, 60, 99], "x_a"] = np.nan
    train.loc[[7, 8, 70], "colour"] = np.nan
    new.loc[[0, 5], "x_b"] = np.nan
    new.loc[[1, 5], "x_a"] = np.nan
    new.loc[[2], "colour"] = np.nan
    train.to_csv(folder / "train.csv", index=False)
    new.to_csv(folder / "new.csv", index=False)
    return folder, train, new


def features(frame):
    return frame.drop(columns="label")


def imputing_pipeline():
    """What ``fit`` builds for numbers and a text column with gaps, by hand."""
    numbers = make_pipeline(
        SimpleImputer(strategy="median", add_indicator=True), StandardScaler()
    )
    encoding = ColumnTransformer(
        [
            ("numeric", numbers, ["x_a", "x_b"]),
            ("categorical", OneHotEncoder(handle_unknown="ignore"), ["colour"]),
        ]
    )
    return make_pipeline(encoding, SigmoidNeuronClassifier(random_state=0))


def test_fit_imputes_the_median_and_says_so_per_column(gaps, tmp_path):
    folder, train, new = gaps
    model = tmp_path / "model.skops"
    status, out, err = run(
        ["fit", folder / "train.csv", "--target", "label", "--cv", "0", "-o", model]
    )
    assert status == 0 and err == ""
    for name, count in [("x_a", 4), ("x_b", 9)]:
        median = np.nanmedian(train[name])
        assert (
            f"Imputed column {name!r}: {count} empty cells are filled with its "
            f"median, {median:g}, and a column marks them"
        ) in out
    assert "Column 'colour': 3 empty cells are a category of their own" in out
    status, out, _ = run(["predict", model, folder / "new.csv", "--proba"])
    assert status == 0
    written = pd.read_csv(pd.io.common.StringIO(out))
    assert len(written) == len(new)
    expected = imputing_pipeline().fit(features(train), train["label"])
    np.testing.assert_allclose(
        written[["proba_big", "proba_small"]], expected.predict_proba(features(new))
    )
    np.testing.assert_array_equal(written["label"], expected.predict(features(new)))


def test_missing_drop_trains_on_the_complete_rows(gaps, tmp_path):
    folder, train, _ = gaps
    model = tmp_path / "model.skops"
    status, out, _ = run(
        ["fit", folder / "train.csv", "--target", "label", "--missing", "drop"]
        + ["--cv", "0", "-o", model]
    )
    complete = train.dropna()
    dropped = len(train) - len(complete)
    assert status == 0 and dropped == 14
    assert f"Left out {dropped} rows with empty cells (--missing drop)" in out
    assert f"{len(complete)} rows; target 'label'" in out
    pipeline, record = load_model(model)
    assert record["training_rows"] == len(complete)
    assert record["rows_left_out"] == {"empty cells": dropped}
    by_hand = make_pipeline(
        ColumnTransformer(
            [
                ("numeric", StandardScaler(), ["x_a", "x_b"]),
                ("categorical", OneHotEncoder(handle_unknown="ignore"), ["colour"]),
            ]
        ),
        SigmoidNeuronClassifier(random_state=0),
    ).fit(features(complete), complete["label"])
    np.testing.assert_allclose(
        pipeline.predict_proba(features(complete)),
        by_hand.predict_proba(features(complete)),
    )


def test_a_model_fitted_without_imputing_refuses_gaps_at_predict(gaps, tmp_path):
    folder, _, _ = gaps
    model = tmp_path / "model.skops"
    run(
        ["fit", folder / "train.csv", "--target", "label", "--missing", "drop"]
        + ["--cv", "0", "-o", model]
    )
    status, out, err = run(["predict", model, folder / "new.csv"])
    assert status == 2 and out == ""
    assert "column 'x_a' is empty on 2 rows (first on line 3)" in err
    assert "fitted with --missing impute fills them" in err


def test_missing_error_refuses_with_the_first_empty_cell(gaps, tmp_path):
    folder, _, _ = gaps
    model = tmp_path / "model.skops"
    status, out, err = run(
        ["fit", folder / "train.csv", "--target", "label", "--missing", "error"]
        + ["-o", model]
    )
    # Row 5 is the first with an empty x_a: line 7 of the file.
    assert status == 2 and len(err.splitlines()) == 1
    assert "column 'x_a' is empty on 4 rows (first on line 7)" in err
    assert not model.exists()


def test_rows_with_an_empty_target_are_left_out_of_fit_and_evaluate(tmp_path):
    train, test = measurements(100, 2), measurements(30, 3)
    train.loc[[4, 50, 77], "label"] = np.nan
    test.loc[[0, 9], "label"] = np.nan
    train.to_csv(tmp_path / "train.csv", index=False)
    test.to_csv(tmp_path / "test.csv", index=False)
    model = tmp_path / "model.skops"
    status, out, _ = run(
        ["fit", tmp_path / "train.csv", "--target", "label", "--cv", "0", "-o", model]
    )
    assert status == 0
    assert "Left out 3 rows whose target 'label' is empty (first on line 6)" in out
    pipeline, record = load_model(model)
    assert record["training_rows"] == 97
    labelled = train.dropna(subset=["label"])
    by_hand = imputing_pipeline().fit(features(labelled), labelled["label"])
    np.testing.assert_allclose(
        pipeline.predict_proba(features(labelled)),
        by_hand.predict_proba(features(labelled)),
    )
    status, out, _ = run(["evaluate", model, tmp_path / "test.csv"])
    scored = test.dropna(subset=["label"])
    accuracy = (by_hand.predict(features(scored)) == scored["label"]).mean()
    assert status == 0
    assert "Left out 2 rows whose target 'label' is empty" in out
    assert f"28 rows\naccuracy  {accuracy:.4f}" in out


@pytest.fixture(scope="module")
def dated(tmp_path_factory):
    """400 days from 2021-01-01 and the next 100, labelled by the half-year."""
    folder = tmp_path_factory.mktemp("dated")
    days = pd.date_range("2021-01-01", periods=500, freq="D")
    rng = np.random.default_rng(4)
    frame = pd.DataFrame(
        {
            "day": days.strftime("%Y-%m-%d"),
            "noise": rng.normal(size=500).round(3),
            "half": np.where(days.month <= 6, "H1", "H2"),
        }
    )
    frame.loc[[10, 20], "day"] = np.nan
    frame.iloc[:400].to_csv(folder / "train.csv", index=False)
    frame.iloc[400:].to_csv(folder / "new.csv", index=False)
    model = folder / "model.skops"
    status, out, _ = run(
        ["fit", folder / "train.csv", "--target", "half", "--cv", "0", "-o", model]
    )
    assert status == 0
    return folder, frame, model, out


def test_a_date_column_is_four_numbers_not_one_hot(dated):
    folder, frame, model, out = dated
    assert (
        "Read column 'day' as dates (ISO8601): year, month, day of year, day of week"
    ) in out
    pipeline, record = load_model(model)
    assert record["date_columns"] == {"day": "ISO8601"}
    assert record["categorical_columns"] == []
    train = frame.iloc[:400]
    dates = pd.to_datetime(train["day"])
    expected = np.column_stack(
        [dates.dt.year, dates.dt.month, dates.dt.day_of_year, dates.dt.day_of_week]
    )
    [date_steps] = [t for name, t, _ in pipeline[0].transformers_ if name == "date0"]
    np.testing.assert_array_equal(date_steps[0].transform(train[["day"]]), expected)
    # The medians of the training dates fill the two empty cells.
    np.testing.assert_array_equal(
        date_steps[1].statistics_, np.nanmedian(expected, axis=0)
    )
    with zipfile.ZipFile(model) as archive:
        blob = b"".join(archive.read(name) for name in archive.namelist())
    assert not any(day.encode() in blob for day in train["day"].dropna())


def test_new_days_are_predicted_from_their_date_features(dated):
    folder, frame, model, _ = dated
    status, out, _ = run(["predict", model, folder / "new.csv"])
    assert status == 0
    written = pd.read_csv(pd.io.common.StringIO(out))
    accuracy = (written["half"] == frame["half"].iloc[400:].to_numpy()).mean()
    assert accuracy >= 0.9


def test_a_cell_that_is_not_a_date_is_refused_at_predict(dated, tmp_path):
    folder, frame, model, _ = dated
    new = frame.iloc[400:].copy()
    new.iloc[3, 0] = "soon"
    new.to_csv(tmp_path / "new.csv", index=False)
    status, out, err = run(["predict", model, tmp_path / "new.csv"])
    assert status == 2 and out == ""
    assert "column 'day' holds dates (ISO8601), but line 5 has 'soon'" in err


@pytest.mark.parametrize(
    "cells, formats",
    [
        (["2024-01-31", "2024-02-01 10:30"], ["ISO8601"]),
        # ISO 8601 and %Y/%m/%d read these alike: one reading, not two.
        (["2012/01/31", "2012/02/01"], ["ISO8601"]),
        (["31/01/2024", "01/02/2024"], ["%d/%m/%Y"]),
        (["01/31/2024", "02/01/2024"], ["%m/%d/%Y"]),
        (["31.01.2024", "1.2.2024"], ["%d.%m.%Y"]),
        (["01/02/2024", "03/04/2024"], ["%m/%d/%Y", "%d/%m/%Y"]),
        (["red", "2024-01-31"], []),
        (["2024-01-31", "2024-02-30"], []),
    ],
)
def test_date_formats_are_the_forms_that_read_every_cell(cells, formats):
    assert date_formats(pd.Series(cells + [None])) == formats


def test_date_features_read_day_first_dates_as_pandas_does():
    cells = pd.DataFrame({"d": ["31/01/2024", "01/02/2024", None]})
    dates = pd.to_datetime(cells["d"], dayfirst=True)
    got = DateFeatures("%d/%m/%Y").fit_transform(cells)
    expected = np.column_stack(
        [dates.dt.year, dates.dt.month, dates.dt.day_of_year, dates.dt.day_of_week]
    )
    np.testing.assert_array_equal(got, expected)


def test_ambiguous_dates_are_a_category_unless_given_to_date(tmp_path):
    frame = measurements(60, 5)
    days = pd.Series(pd.date_range("2024-01-01", periods=60, freq="7D"))
    frame["day"] = days.dt.strftime("%m/%d/%Y").where(days.dt.day <= 12, "")
    frame["day"] = frame["day"].replace("", "01/01/2024")
    frame.to_csv(tmp_path / "data.csv", index=False)
    model = tmp_path / "model.skops"
    status, out, _ = run(
        ["fit", tmp_path / "data.csv", "--target", "label", "--cv", "0", "-o", model]
    )
    assert status == 0
    assert "Column 'day' looks like dates, but its days and months read" in out
    assert load_model(model)[1]["categorical_columns"] == ["colour", "day"]
    status, out, _ = run(
        ["fit", tmp_path / "data.csv", "--target", "label", "--date", "day"]
        + ["--cv", "0", "-o", model]
    )
    assert status == 0
    assert "as dates (%m/%d/%Y, month first, as pandas reads them" in out
    assert load_model(model)[1]["date_columns"] == {"day": "%m/%d/%Y"}


def test_categorical_one_hot_encodes_an_integer_code(tmp_path):
    rng = np.random.default_rng(6)
    party = rng.integers(1, 7, size=300)
    frame = pd.DataFrame(
        {
            "party": party,
            "x": rng.normal(size=300).round(3),
            "side": np.where(np.isin(party, [1, 2, 5]), "left", "right"),
        }
    )
    frame.to_csv(tmp_path / "data.csv", index=False)
    model = tmp_path / "model.skops"
    status, out, _ = run(
        ["fit", tmp_path / "data.csv", "--target", "side", "--cv", "0", "-o", model]
    )
    assert status == 0
    assert (
        "Column 'party' holds 6 whole numbers (1, 2, 3, 4, 5, 6), standardized as "
        "amounts; if they are codes, --categorical party one-hot encodes them"
    ) in out
    status, out, _ = run(
        ["fit", tmp_path / "data.csv", "--target", "side", "--categorical", "party"]
        + ["--cv", "0", "-o", model]
    )
    assert status == 0 and "--categorical party" not in out
    pipeline, record = load_model(model)
    assert record["categorical_columns"] == ["party"]
    encoder = dict((name, t) for name, t, _ in pipeline[0].transformers_)
    assert list(encoder["categorical"].categories_[0]) == list("123456")
    status, out, _ = run(["info", model])
    assert "one-hot features         party" in out
    assert pipeline.score(frame[["party", "x"]].astype({"party": str}), frame["side"])


def test_no_code_hint_for_two_values_or_many(tmp_path):
    rng = np.random.default_rng(7)
    frame = pd.DataFrame(
        {
            "flag": rng.integers(0, 2, size=80),
            "count": rng.integers(0, 40, size=80),
            "label": rng.choice(["a", "b"], size=80),
        }
    )
    frame.to_csv(tmp_path / "data.csv", index=False)
    status, out, _ = run(
        ["fit", tmp_path / "data.csv", "--target", "label", "--cv", "0"]
        + ["-o", tmp_path / "model.skops"]
    )
    assert status == 0 and "--categorical" not in out


@pytest.mark.parametrize(
    "separator, word", [(";", ";"), ("\t", "tab"), ("|", "|"), (",", ",")]
)
def test_separator_is_detected_and_kept_for_predict(tmp_path, separator, word):
    train, new = measurements(80, 8), measurements(20, 9)
    train.to_csv(tmp_path / "train.csv", sep=separator, index=False)
    new.to_csv(tmp_path / "new.csv", sep=separator, index=False)
    assert detect_separator((tmp_path / "train.csv").read_text()) == separator
    model = tmp_path / "model.skops"
    for options in ([], ["--sep", word]):
        status, _, err = run(
            ["fit", tmp_path / "train.csv", "--target", "label", "--cv", "0"]
            + [*options, "-o", model]
        )
        assert status == 0 and err == ""
        pipeline, record = load_model(model)
        assert record["separator"] == separator
        by_hand = imputing_pipeline().fit(features(train), train["label"])
        np.testing.assert_allclose(
            pipeline.predict_proba(features(new)), by_hand.predict_proba(features(new))
        )
    status, out, _ = run(["predict", model, tmp_path / "new.csv", "--proba"])
    assert status == 0
    written = pd.read_csv(pd.io.common.StringIO(out), sep=separator)
    np.testing.assert_array_equal(written["label"], by_hand.predict(features(new)))


def test_a_wrong_separator_is_named_in_the_error(tmp_path):
    measurements(30, 10).to_csv(tmp_path / "data.csv", sep=";", index=False)
    status, out, err = run(
        ["fit", tmp_path / "data.csv", "--target", "label", "--sep", ","]
        + ["-o", tmp_path / "model.skops"]
    )
    assert status == 2 and len(err.splitlines()) == 1
    assert "data.csv has no column 'label'" in err
    assert "its header is one column, which ';' separates: pass --sep ';'" in err


def test_a_word_in_a_numeric_column_suggests_na(tmp_path):
    frame = measurements(30, 11).astype({"x_b": object})
    frame.loc[4, "x_b"] = "NA"
    frame.to_csv(tmp_path / "data.csv", index=False)
    status, _, err = run(
        ["fit", tmp_path / "data.csv", "--target", "label", "-o", tmp_path / "m"]
    )
    assert status == 2
    assert "line 6 has 'NA', which is not a number (if it marks a missing " in err
    assert "value: --na NA)" in err


def test_info_lists_every_choice_fit_made(tmp_path):
    frame = measurements(100, 12)
    frame.insert(0, "visit", pd.date_range("2024-01-01", periods=100).astype(str))
    frame.loc[[3, 4], "x_b"] = np.nan
    frame.to_csv(tmp_path / "data.csv", sep=";")
    model = tmp_path / "model.skops"
    status, out, _ = run(
        ["fit", tmp_path / "data.csv", "--target", "label", "--cv", "0", "-o", model]
    )
    assert status == 0
    status, out, _ = run(["info", model])
    lines = dict(
        line.split(None, 1) for line in out.splitlines()[2:] if line[:1] != " "
    )
    info = {
        line[:25].strip(): line[25:] for line in out.splitlines()[2:] if line.strip()
    }
    assert info["numeric features"] == "x_a, x_b"
    assert info["date features"] == (
        "visit (ISO8601: year, month, day of year, day of week)"
    )
    assert info["one-hot features"] == "colour"
    assert info["empty cells"] == "--missing impute"
    assert info["imputed"] == "x_b (2 cells)"
    assert (
        info["left out"] == "Unnamed: 0 (row numbers: it is the unnamed first column)"
    )
    assert info["separator"] == "';'"
    assert lines


def test_fit_from_a_file_of_every_kind_round_trips(tmp_path):
    """Gaps, a date, a pandas index, an integer code and semicolons at once:
    fit, then predict and evaluate on a new file with gaps of its own."""
    rng = np.random.default_rng(13)
    frame = measurements(300, 14)
    frame["code"] = rng.integers(1, 5, size=300)
    frame["day"] = pd.date_range("2020-01-01", periods=300).strftime("%d/%m/%Y")
    frame.loc[rng.permutation(300)[:20], "x_a"] = np.nan
    frame.loc[rng.permutation(300)[:10], "day"] = np.nan
    frame.iloc[:200].to_csv(tmp_path / "train.csv", sep=";")
    frame.iloc[200:].to_csv(tmp_path / "test.csv", sep=";", index=False)
    model = tmp_path / "model.skops"
    status, out, err = run(
        ["fit", tmp_path / "train.csv", "--target", "label", "--categorical", "code"]
        + ["--cv", "3", "-o", model]
    )
    assert status == 0 and err == ""
    assert "Left out column 'Unnamed: 0'" in out
    assert "Read column 'day' as dates (%d/%m/%Y)" in out
    _, record = load_model(model)
    assert record["categorical_columns"] == ["colour", "code"]
    status, out, _ = run(["predict", model, tmp_path / "test.csv", "--proba"])
    written = pd.read_csv(pd.io.common.StringIO(out), sep=";")
    assert status == 0 and len(written) == 100
    assert not written.isna().any().any()
    status, out, _ = run(["evaluate", model, tmp_path / "test.csv"])
    accuracy = (written["label"] == frame["label"].iloc[200:].to_numpy()).mean()
    assert status == 0 and f"accuracy  {accuracy:.4f}" in out and accuracy > 0.9


def test_models_saved_before_the_record_had_its_new_entries_still_work(gaps, tmp_path):
    """A record without date_columns, missing, separator...: commas, and gaps
    refused, as such models always did."""
    folder, train, _ = gaps
    complete = train.dropna()
    complete.to_csv(tmp_path / "train.csv", index=False)
    model = tmp_path / "model.skops"
    status, _, _ = run(
        ["fit", tmp_path / "train.csv", "--target", "label", "--missing", "error"]
        + ["--cv", "0", "-o", model]
    )
    assert status == 0
    with zipfile.ZipFile(model) as archive:
        entries = {name: archive.read(name) for name in archive.namelist()}
    record = json.loads(entries[RECORD_ENTRY])
    new_keys = ["date_columns", "missing", "imputed_columns", "left_out_columns"]
    for key in [*new_keys, "rows_left_out", "separator"]:
        del record[key]
    entries[RECORD_ENTRY] = json.dumps(record)
    with zipfile.ZipFile(model, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    status, out, _ = run(["predict", model, tmp_path / "train.csv"])
    assert status == 0 and len(out.splitlines()) == len(complete) + 1
    status, _, err = run(["predict", model, folder / "train.csv"])
    assert status == 2 and "the model was fitted without imputing" in err


BAD_OPTIONS = {
    "unknown --missing": (["--missing", "sometimes"], "invalid choice: 'sometimes'"),
    "--date on words": (["--date", "colour"], "--date colour: line 2 has"),
    "--categorical of no column": (
        ["--categorical", "nosuch"],
        "has no column 'nosuch' to --categorical",
    ),
    "--text of no column": (["--text", "nosuch"], "has no column 'nosuch'"),
    "--date of no column": (["--date", "nosuch"], "has no column 'nosuch' to --date"),
    "categorical and date": (
        ["--date", "colour", "--categorical", "colour"],
        "column 'colour' is given to both --categorical and --date",
    ),
    "--words of no column": (
        ["--words", "nosuch"],
        "has no column 'nosuch' to --words",
    ),
    "categorical and words": (
        ["--words", "colour", "--categorical", "colour"],
        "column 'colour' is given to both --categorical and --words",
    ),
    "date and words": (
        ["--date", "colour", "--words", "colour"],
        "column 'colour' is given to both --date and --words",
    ),
    "two-letter --sep": (["--sep", ";;"], "expected one character"),
    "letter --sep": (["--sep", "a"], "expected one character"),
}


@pytest.mark.parametrize("options, message", BAD_OPTIONS.values(), ids=BAD_OPTIONS)
def test_bad_uses_of_the_new_options_exit_2_with_one_line(
    gaps, tmp_path, options, message
):
    folder, _, _ = gaps
    model = tmp_path / "model.skops"
    status, out, err = run(
        ["fit", folder / "train.csv", "--target", "label", *options, "-o", model]
    )
    assert status == 2 and len(err.splitlines()) == 1 and "Traceback" not in err
    assert message in err
    assert list(tmp_path.iterdir()) == []


def test_help_and_bad_arguments_do_not_import_scikit_learn():
    """The start's cost is the imports: --help, a command's --help and a bad
    argument are answered before pandas and scikit-learn load."""
    code = (
        "import sys\n"
        "from sksigmoid.cli import main\n"
        "for argv in (['--help'], ['fit', '--help'], ['fit', '--nope']):\n"
        "    try:\n"
        "        main(argv)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "heavy = {'sklearn', 'pandas', 'skops', 'scipy'} & set(sys.modules)\n"
        "print(sorted(heavy), file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stderr.splitlines()[-1] == "[]"


def test_decimal_commas_of_a_semicolon_file_are_read_as_numbers(tmp_path):
    """A spreadsheet's ';' file writes 2,66 for 2.66: the model is the one fitted
    on the same numbers written with points, and predict writes commas back."""
    train = measurements(80, 15)
    train.to_csv(tmp_path / "points.csv", index=False)
    train.to_csv(tmp_path / "commas.csv", sep=";", decimal=",", index=False)
    assert "10,6" in (tmp_path / "commas.csv").read_text()
    models = {}
    for name in ["points", "commas"]:
        models[name] = tmp_path / f"{name}.skops"
        status, out, _ = run(
            ["fit", tmp_path / f"{name}.csv", "--target", "label", "--cv", "0"]
            + ["-o", models[name]]
        )
        assert status == 0 and "2 numeric columns" in out
    assert "and ',' as the decimal mark (2,5 is 2.5)" in out
    status, out, _ = run(
        ["predict", models["commas"], tmp_path / "commas.csv", "--proba"]
    )
    written = pd.read_csv(pd.io.common.StringIO(out), sep=";", decimal=",")
    expected = load_model(models["points"])[0].predict_proba(features(train))
    np.testing.assert_allclose(written[["proba_big", "proba_small"]], expected)


def test_a_column_of_dates_with_a_stray_word_is_refused_with_its_line(tmp_path):
    frame = measurements(50, 16)
    frame["day"] = pd.date_range("2024-01-01", periods=50).strftime("%Y-%m-%d")
    frame.loc[7, "day"] = "unknown"
    frame.to_csv(tmp_path / "data.csv", index=False)
    status, out, err = run(
        ["fit", tmp_path / "data.csv", "--target", "label", "-o", tmp_path / "m"]
    )
    assert status == 2 and len(err.splitlines()) == 1
    assert (
        "column 'day' holds dates (ISO8601), but line 9 has 'unknown', which is not "
        "one (if it marks a missing value: --na unknown; to one-hot encode the "
        "column: --text day)"
    ) in err
    status, out, err = run(
        ["fit", tmp_path / "data.csv", "--target", "label", "--na", "unknown"]
        + ["--cv", "0", "-o", tmp_path / "m"]
    )
    assert status == 0 and "Imputed column 'day': 1 empty cell is filled" in out
    # A date on every row is four numbers, not an identifier to warn about.
    assert err == ""


def test_a_column_of_boolean_words_with_gaps_is_imputed_as_numbers(tmp_path):
    rng = np.random.default_rng(17)
    frame = measurements(60, 18).assign(member=rng.choice(["True", "False"], 60))
    frame.loc[[2, 30], "member"] = np.nan
    frame.to_csv(tmp_path / "data.csv", index=False)
    status, out, _ = run(
        ["fit", tmp_path / "data.csv", "--target", "label", "--cv", "0"]
        + ["-o", tmp_path / "model.skops"]
    )
    median = np.nanmedian(frame["member"].map({"True": 1.0, "False": 0.0}))
    assert status == 0
    assert f"'member': 2 empty cells are filled with its median, {median:g}," in out


def test_missing_error_refuses_an_empty_text_cell_too(tmp_path):
    frame = measurements(40, 19)
    frame.loc[6, "colour"] = np.nan
    frame.to_csv(tmp_path / "data.csv", index=False)
    status, _, err = run(
        ["fit", tmp_path / "data.csv", "--target", "label", "--missing", "error"]
        + ["-o", tmp_path / "model.skops"]
    )
    assert status == 2
    assert "column 'colour' is empty on 1 rows (first on line 8)" in err


def test_na_markers_are_remembered_for_predict_and_suggested_for_text(tmp_path):
    train = measurements(60, 20).astype(object)
    train.loc[[3, 9], "x_b"] = "NA"
    train.loc[[5], "colour"] = "NA"
    train.to_csv(tmp_path / "train.csv", index=False)
    model = tmp_path / "model.skops"
    status, out, _ = run(
        ["fit", tmp_path / "train.csv", "--target", "label", "--id", "x_b"]
        + ["--cv", "0", "-o", model]
    )
    assert status == 0
    assert (
        "Column 'colour' has 1 cells 'NA', a category of their own; if they mark "
        "missing values, --na NA"
    ) in out
    status, out, _ = run(
        ["fit", tmp_path / "train.csv", "--target", "label", "--na", "NA"]
        + ["--cv", "0", "-o", model]
    )
    assert status == 0 and "Imputed column 'x_b': 2 empty cells" in out
    assert "Column 'colour': 1 empty cell is a category of its own" in out
    # The model reads NA as missing in new files too, without being told again.
    status, out, _ = run(["predict", model, tmp_path / "train.csv"])
    assert status == 0 and len(out.splitlines()) == 61
    assert "missing markers          'NA'" in run(["info", model])[1]


def test_a_header_with_quoted_names_is_pointed_out(tmp_path):
    measurements(20, 21).to_csv(
        tmp_path / "data.csv", index=False, header=["'x_a'", "'x_b'", "c", "'label'"]
    )
    status, _, err = run(
        ["fit", tmp_path / "data.csv", "--target", "label", "-o", tmp_path / "m"]
    )
    assert status == 2
    assert "the header names it with its quotes, 'label': write \"'label'\"" in err


def test_a_space_separated_file_gets_the_sep_to_pass(tmp_path):
    measurements(20, 22).to_csv(tmp_path / "data.txt", sep=" ", index=False)
    status, _, err = run(
        ["fit", tmp_path / "data.txt", "--target", "label", "-o", tmp_path / "m"]
    )
    assert status == 2
    assert "its header is one column, which ' ' separates: pass --sep ' '" in err
    status, out, _ = run(
        ["fit", tmp_path / "data.txt", "--target", "label", "--sep", " "]
        + ["--cv", "0", "-o", tmp_path / "m"]
    )
    assert status == 0 and "20 rows" in out


def test_many_coded_columns_are_one_line(tmp_path):
    rng = np.random.default_rng(23)
    frame = pd.DataFrame({f"q{i}": rng.integers(1, 6, size=50) for i in range(8)})
    frame["label"] = rng.choice(["yes", "no"], size=50)
    frame.to_csv(tmp_path / "survey.csv", index=False)
    status, out, _ = run(
        ["fit", tmp_path / "survey.csv", "--target", "label", "--cv", "0"]
        + ["-o", tmp_path / "m"]
    )
    hints = [line for line in out.splitlines() if "--categorical" in line]
    assert status == 0 and len(hints) == 1
    assert hints[0].startswith("Columns 'q0' (5), 'q1' (5), ")
    assert "e.g. --categorical q0" in hints[0]


def test_categories_fit_never_saw_are_a_warning_at_predict(gaps, tmp_path):
    folder, train, new = gaps
    model = tmp_path / "model.skops"
    run(["fit", folder / "train.csv", "--target", "label", "--cv", "0", "-o", model])
    new = new.astype({"colour": object})
    new.loc[[4, 9], "colour"] = "mauve"
    new.to_csv(tmp_path / "new.csv", index=False)
    status, out, err = run(["predict", model, tmp_path / "new.csv"])
    assert status == 0 and len(out.splitlines()) == len(new) + 1
    assert err == (
        "sksigmoid predict: warning: column 'colour' has 2 cells of categories fit "
        "never saw ('mauve'): they encode as none of the known ones\n"
    )
    status, _, err = run(["predict", model, folder / "new.csv"])
    assert status == 0 and err == ""


def test_a_spreadsheet_export_round_trips(tmp_path):
    """Windows-1252 text, semicolons and decimal commas, as a spreadsheet on a
    Western European system saves a CSV file: the model is the one fitted on
    the same table written as UTF-8 with commas and points."""
    train = measurements(80, 24)
    train["colour"] = train["colour"].replace("red", "café")
    train.to_csv(tmp_path / "plain.csv", index=False)
    train.to_csv(
        tmp_path / "export.csv", sep=";", decimal=",", index=False, encoding="cp1252"
    )
    assert "café".encode("cp1252") in (tmp_path / "export.csv").read_bytes()
    models = {name: tmp_path / f"{name}.skops" for name in ["plain", "export"]}
    for name, model in models.items():
        status, out, _ = run(
            ["fit", tmp_path / f"{name}.csv", "--target", "label", "--cv", "0"]
            + ["-o", model]
        )
        assert status == 0
    assert (
        "Read the file as Windows-1252 text (it is not UTF-8) and the cells as "
        "separated by ';' (--sep sets it) and ',' as the decimal mark"
    ) in out
    status, out, _ = run(["predict", models["export"], tmp_path / "export.csv"])
    written = pd.read_csv(pd.io.common.StringIO(out), sep=";")
    plain = load_model(models["plain"])[0]
    np.testing.assert_array_equal(written["label"], plain.predict(features(train)))
    pipeline, record = load_model(models["export"])
    assert record["categorical_columns"] == ["colour"]
    encoder = pipeline[0].named_transformers_["categorical"]
    assert "café" in encoder.categories_[0]
