"""sksigmoid.tabular: tables read, planned and encoded as ``sksigmoid fit`` does,
checked on hand-made files whose values are known."""

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from numpy.testing import assert_allclose, assert_array_equal

from sksigmoid.tabular import (
    ColumnPlan,
    DateFeatures,
    detect_separator,
    make_preprocessor,
    plan_columns,
    plan_table,
    read_csv,
    split_target,
)
from sksigmoid.tabular._scores import check_folds
from sksigmoid.tabular._target import target_task

PENGUINS = Path(__file__).parents[1] / "sksigmoid" / "data" / "penguins_train.csv"


def test_read_csv_reads_semicolons_and_decimal_commas(tmp_path):
    path = tmp_path / "grades.csv"
    path.write_text("gpa;tuce;grade\n2,66;20;0\n2,89;22;1\n\n3,28;24;0\n")
    frame, source = read_csv(path, return_source=True)
    assert (source.separator, source.decimal, source.encoding) == (";", ",", "utf-8")
    assert list(frame.columns) == ["gpa", "tuce", "grade"]
    assert_allclose(frame["gpa"], [2.66, 2.89, 3.28])
    assert_array_equal(frame["tuce"], [20, 22, 24])
    # The third row is on line 5: a blank line comes before it.
    assert source.line(2) == 5


def test_read_csv_returns_the_frame_alone_by_default(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("a|b\n1|x\n")
    frame = read_csv(path)
    assert isinstance(frame, pd.DataFrame)
    assert frame.to_dict("list") == {"a": [1], "b": ["x"]}


def test_read_csv_keeps_na_words_as_text_unless_given(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("label,x\nNA,1\nyes,\n")
    frame = read_csv(path)
    assert frame["label"].tolist() == ["NA", "yes"]
    assert np.isnan(frame["x"][1])
    assert read_csv(path, na_values=["NA"])["label"].isna().tolist() == [True, False]


def test_read_csv_reads_windows_1252(tmp_path):
    path = tmp_path / "t.csv"
    path.write_bytes("place,y\ncafé,1\n".encode("cp1252"))
    frame, source = read_csv(path, return_source=True)
    assert source.encoding == "cp1252"
    assert frame["place"].tolist() == ["café"]


def test_read_csv_refuses_a_ragged_file_naming_it(tmp_path):
    path = tmp_path / "ragged.csv"
    path.write_text("a,b\n1,2\n3,4,5\n")
    with pytest.raises(ValueError, match=re.escape(f"{path} is not a well-formed")):
        read_csv(path)


def test_detect_separator_prefers_the_one_that_splits_rows_evenly():
    assert detect_separator("a\tb\tc\n1\t2\t3\n") == "\t"
    assert detect_separator("a;b\n1,5;2\n") == ";"
    assert detect_separator("only\n1\n") == ","


def test_plan_columns_decides_each_kind_and_leaves_out_row_numbers():
    X = pd.DataFrame(
        {
            "Unnamed: 0": [0, 1, 2, 3],
            "height": ["1.5", "2", "x", "3"],  # mostly numbers: numeric
            "day": ["31/01/2024", "13/02/2024", None, "01/03/2024"],
            "ambiguous": ["01/02/2024", "03/04/2024", "05/06/2024", "07/08/2024"],
            "town": ["Oslo", "Rome", "Oslo", "Pisa"],
            "blank": [None, None, None, None],
        }
    )
    plan = plan_columns(X)
    assert plan.numeric == ["height"]
    assert plan.dates == {"day": "%d/%m/%Y"}
    assert plan.categorical == ["ambiguous", "town"]
    assert plan.ambiguous_dates == ["ambiguous"]
    assert plan.left_out == {
        "Unnamed: 0": "row numbers: it is the unnamed first column",
        "blank": "empty on every row",
    }
    assert plan.columns == ["height", "day", "ambiguous", "town"]
    kept = plan_columns(X, keep=["Unnamed: 0"], dates=["ambiguous"])
    assert kept.numeric == ["Unnamed: 0", "height"]
    assert kept.dates == {"day": "%d/%m/%Y", "ambiguous": "%m/%d/%Y"}


def test_split_target_types_labels_and_leaves_out_empty_targets():
    frame = pd.DataFrame({"x": [1, 2, 3, 4], "y": ["True", None, "False", "True"]})
    X, y = split_target(frame, "y")
    assert X.index.tolist() == [0, 2, 3]
    assert y.tolist() == [True, False, True]
    with pytest.raises(ValueError, match="DataFrame has no column 'z'"):
        split_target(frame, "z")


@pytest.mark.parametrize(
    "values, task",
    [
        (list(range(10)) * 2, "classify"),  # 10 whole numbers: codes
        (list(range(11)) * 2, "regress"),  # 11: a quantity
        ([float(v) for v in range(10)], "classify"),  # whole, written 1.0
        ([0.0, 0.5, 1.0, 0.0], "regress"),  # a fraction
        (["1", "2", "x"], "classify"),
        ([True, False, True], "classify"),
    ],
)
def test_target_task_regresses_numbers_that_are_not_a_handful_of_codes(values, task):
    frame = pd.DataFrame({"x": range(len(values)), "y": values})
    _, y = split_target(frame, "y")
    assert target_task(y) == task


def test_split_target_types_the_target_for_its_task():
    frame = pd.DataFrame({"x": [1, 2, 3, 4], "y": [1, 2, 1, None]})
    _, y = split_target(frame, "y", task="regress")
    assert y.dtype == np.float64 and y.tolist() == [1.0, 2.0, 1.0]
    _, y = split_target(frame, "y")
    assert y.tolist() == [1, 2, 1]
    frame["y"] = [2.5, 2.5, 2.5, 2.5]
    with pytest.raises(
        ValueError, match=r"holds a single value \(2\.5\); a regression"
    ):
        split_target(frame, "y")
    frame["y"] = ["a", "b", "a", "b"]
    with pytest.raises(ValueError, match="holds text, such as 'a'; --task regress"):
        split_target(frame, "y", task="regress")


def test_check_folds_lists_ten_rare_classes_and_counts_the_others():
    """Check that a target of many classes, each rarer than the folds, is one
    short line (it listed every class), with the advice at its end."""
    y = pd.Series(np.repeat(np.arange(200), 2))
    with pytest.raises(ValueError) as error:
        check_folds(y, 5, "classify", source="t.csv")
    message = str(error.value)
    assert message.count("(2)") == 10 and "and 190 more have fewer" in message
    assert message.endswith("use --cv 2 or --cv 0") and len(message) < 250
    check_folds(y, 5, "regress", source="t.csv")  # 400 rows: 5 folds hold


def test_plan_table_refuses_a_word_among_numbers_with_its_line(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("x,y\n1,a\n2,b\n3,a\nn/a,b\n5,a\n")
    frame, source = read_csv(path, return_source=True)
    message = (
        f"{path}: column 'x' holds numbers, but line 5 has 'n/a', which is not a "
        "number (if it marks a missing value: --na n/a)"
    )
    with pytest.raises(ValueError, match=re.escape(message)):
        plan_table(frame, "y", source=source)


def test_plan_table_gives_what_fit_records(tmp_path, capsys):
    """Check that the API plans the penguins as the saved model's record says
    ``sksigmoid fit`` did."""
    from sksigmoid.cli import main
    from sksigmoid.cli._files import load_model

    model = tmp_path / "m.skops"
    status = main(
        ["fit", str(PENGUINS), "--target", "species", "--id", "id", "--cv", "0"]
        + ["-o", str(model), "--quiet"]
    )
    assert status == 0
    _, record = load_model(model)
    X, y, plan = plan_table(read_csv(PENGUINS), "species", id_column="id")
    assert (
        plan.numeric
        == record["numeric_columns"]
        == [
            "bill_length_mm",
            "bill_depth_mm",
            "flipper_length_mm",
            "body_mass_g",
            "year",
        ]
    )
    assert plan.categorical == record["categorical_columns"] == ["island", "sex"]
    assert X.shape == (249, 7) and len(y) == 249


def test_make_preprocessor_imputes_scales_and_encodes():
    X = pd.DataFrame({"age": [10.0, None, 30.0, 40.0], "town": ["a", "b", None, "a"]})
    out = make_preprocessor(ColumnPlan(numeric=["age"], categorical=["town"]))
    encoded = out.fit_transform(X)
    # The median 30 fills the gap: 10, 30, 30, 40 standardized by hand.
    ages = np.array([10.0, 30.0, 30.0, 40.0])
    marks = np.array([0.0, 1.0, 0.0, 0.0])
    expected = np.column_stack(
        [
            (ages - 27.5) / np.sqrt(118.75),
            (marks - 0.25) / np.sqrt(0.1875),
            [1, 0, 0, 1],  # a
            [0, 1, 0, 0],  # b
            [0, 0, 1, 0],  # the empty cell, a category of its own
        ]
    )
    assert_allclose(encoded, expected)
    plain = make_preprocessor(ColumnPlan(numeric=["age"]), scale=False, impute=False)
    assert_allclose(plain.fit_transform(X[["age"]].fillna(0)), [[10], [0], [30], [40]])


def test_plan_columns_takes_words_only_as_named():
    X = pd.DataFrame(
        {
            "note": ["a red fox", None, "the red hen", "a fox"],
            "code": ["1", "2", "3", "4"],  # numbers, but named as words
            "blank": [None, None, None, None],
        }
    )
    assert plan_columns(X).categorical == ["note"]
    plan = plan_columns(X, words=["note", "code", "blank"])
    assert plan.words == ["note", "code"] and plan.columns == ["note", "code"]
    assert plan.left_out == {"blank": "empty on every row"}


def test_plan_table_gives_words_as_text_an_empty_cell_as_no_words():
    frame = pd.DataFrame({"note": ["a red fox", None, 7], "y": [0, 1, 0]})
    X, _, plan = plan_table(frame, "y", words=["note"])
    assert plan.words == ["note"]
    assert X["note"].tolist() == ["a red fox", "", "7"]
    letters = frame.assign(note=["a", None, "b c"])
    message = "DataFrame: column 'note' holds no word of two letters or more"
    with pytest.raises(ValueError, match=message):
        plan_table(letters, "y", words=["note"])


def test_make_preprocessor_stacks_the_tf_idf_of_words_sparse():
    """Check the TF-IDF against its formula: each count times the smoothed
    idf ``ln((1 + n) / (1 + df)) + 1``, each row of unit length."""
    X = pd.DataFrame(
        {"age": [10.0, 20.0, 30.0], "note": ["red fox", "red red hen", ""]}
    )
    out = make_preprocessor(ColumnPlan(numeric=["age"], words=["note"]))
    encoded = out.fit_transform(X)
    assert sp.issparse(encoded) and encoded.format == "csr"
    idf = {word: np.log(4 / (1 + df)) + 1 for word, df in [("fox", 1), ("hen", 1)]}
    idf["red"] = np.log(4 / 3) + 1
    # The columns are the words in alphabetical order: fox, hen, red.
    counts = np.array([[1, 0, 1], [0, 1, 2], [0, 0, 0]], dtype=float)
    tf_idf = counts * [idf["fox"], idf["hen"], idf["red"]]
    norms = np.linalg.norm(tf_idf, axis=1, keepdims=True)
    tf_idf = np.divide(tf_idf, norms, out=np.zeros_like(tf_idf), where=norms > 0)
    ages = (np.array([10.0, 20.0, 30.0]) - 20) / np.sqrt(200 / 3)
    assert_allclose(encoded.toarray(), np.column_stack([ages, tf_idf]))
    # Without words, the output stays a dense array.
    dense = make_preprocessor(ColumnPlan(numeric=["age"])).fit_transform(X)
    assert isinstance(dense, np.ndarray)


def test_date_features_are_the_calendars():
    visits = pd.DataFrame({"visit": ["29/02/2024", "01/01/2023", None]})
    features = DateFeatures("%d/%m/%Y").fit_transform(visits)
    # 29 February 2024 was a Thursday (3), day 31 + 29 of its year; 1 January
    # 2023 a Sunday (6).
    assert_array_equal(features[:2], [[2024, 2, 60, 3], [2023, 1, 1, 6]])
    assert np.isnan(features[2]).all()
