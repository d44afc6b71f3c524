"""CSV files as other programs hand them over: a spreadsheet's amounts with
thousands separators, R's row names and ``NA`` labels, a cell longer than the
csv module's limit or a quote never closed, and a shell's pipes.

Each expected value is written by hand or computed from the same table written
plainly, never taken from the command's output.
"""

import contextlib
import csv
import os
import re
import shutil
import socket
import subprocess
import sys
import threading

import numpy as np
import pandas as pd
import pytest
import skops.io
from numpy.testing import assert_allclose, assert_array_equal
from test_cli_commands import run
from test_cli_messy import features, measurements

from sksigmoid.cli._files import TRUSTED_TYPES, load_model
from sksigmoid.tabular import plan_columns, read_csv

# Thousands separators -------------------------------------------------------


@pytest.mark.parametrize(
    "text, separator, thousands, expected",
    [
        pytest.param(
            'amount,y\n"2,744.07",a\n"-1,234",b\n12.5,a\n"1,234,567.8",b\n',
            ",",
            ",",
            [2744.07, -1234.0, 12.5, 1234567.8],
            id="comma thousands, decimal points, quoted in a comma file",
        ),
        pytest.param(
            "amount;y\n2.744,07;a\n-1.234;b\n12,5;a\n1.234.567,8;b\n",
            ";",
            ".",
            [2744.07, -1234.0, 12.5, 1234567.8],
            id="dot thousands, decimal commas, in a semicolon file",
        ),
        pytest.param(
            'amount,y\n"1,234",a\n"+56,789",b\n7,a\n',
            ",",
            ",",
            [1234, 56789, 7],
            id="whole amounts, comma thousands",
        ),
        pytest.param(
            "amount;y\n1.234;a\n-56.789;b\n7,5;a\n",
            ";",
            ".",
            [1234, -56789, 7.5],
            id="whole amounts, dot thousands",
        ),
        pytest.param(
            "amount;y\n2,744.07;a\n-1,234.5;b\n",
            ";",
            ",",
            [2744.07, -1234.5],
            id="comma thousands, decimal points, in a semicolon file",
        ),
        pytest.param(
            'amount,y\n"2.744,07",a\n"-1.234,5",b\n',
            ",",
            ".",
            [2744.07, -1234.5],
            id="dot thousands, decimal commas, quoted in a comma file",
        ),
    ],
)
def test_amounts_with_thousands_separators_are_read_as_numbers(
    tmp_path, text, separator, thousands, expected
):
    """Check that a column of amounts with their thousands separated, as
    spreadsheets export them, is read as the numbers written."""
    path = tmp_path / "amounts.csv"
    path.write_text(text)
    frame, source = read_csv(path, return_source=True)
    assert source.separator == separator
    assert source.thousands == {"amount": thousands}
    assert pd.api.types.is_numeric_dtype(frame["amount"])
    assert_allclose(frame["amount"], expected)


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param(
            'amount,y\n"1,234",a\n"5,678",b\n',
            [1234.0, 5678.0],
            id="a comma file's decimal mark is a point: 1,234 is 1234",
        ),
        pytest.param(
            "amount;y\n1,234;a\n5,678;b\n",
            [1.234, 5.678],
            id="a semicolon file of decimal commas: 1,234 is 1.234",
        ),
        pytest.param(
            "amount;x;y\n1,234;2,5;a\n5.678;3;b\n",
            [1.234, 5678.0],
            id="a column read either way: the file's decimal mark decides",
        ),
    ],
)
def test_a_comma_before_three_digits_follows_the_files_decimal_mark(
    tmp_path, text, expected
):
    path = tmp_path / "amounts.csv"
    path.write_text(text)
    assert_allclose(read_csv(path)["amount"], expected)


@pytest.mark.parametrize(
    "cells",
    [
        ["2,744.07", "n/a", "1,234.5"],  # a word among amounts
        ["2,744.07", "1,5", "1,234.5"],  # a comma that groups no thousands
        ["2,744.07", "2.744,07"],  # two ways in one column
        ["$2,744.07", "$1,234.50"],  # a currency
        ["1,2", "3,4"],  # pandas' thousands=',' would read 12 and 34
        ["12,34,567", "1,234"],  # grouped by twos and threes
    ],
)
def test_a_column_with_a_cell_that_is_no_amount_stays_text(tmp_path, cells):
    path = tmp_path / "amounts.csv"
    pd.DataFrame({"amount": cells, "y": "a"}).to_csv(path, index=False)
    frame, source = read_csv(path, return_source=True)
    assert source.thousands == {}
    assert frame["amount"].tolist() == cells


@pytest.mark.filterwarnings("error")
@pytest.mark.parametrize(
    "separator, decimal, thousands, decimals",
    [(",", ".", ",", 2), (";", ",", ".", 2), (",", ".", ",", 0)],
)
def test_fit_on_amounts_with_thousands_separators_is_fit_on_their_numbers(
    tmp_path, separator, decimal, thousands, decimals
):
    """Check that amounts as a spreadsheet exports them train the model the
    same numbers written plainly train, with one line saying how they were
    read, and no warning to leave them out with --id (whole amounts are all
    distinct too)."""
    frame = measurements(80, 30)
    # 10,000s to 50,000s, each its own
    frame["x_b"] = (frame["x_b"] * 2999.7 + np.arange(80)).round(decimals)
    assert frame["x_b"].is_unique
    frame.to_csv(tmp_path / "plain.csv", index=False)
    written = frame.assign(
        x_b=[
            f"{value:,.{decimals}f}".translate(str.maketrans(",.", thousands + decimal))
            for value in frame["x_b"]
        ]
    )
    written.to_csv(tmp_path / "amounts.csv", index=False, sep=separator)
    assert re.search(r"\d[.,]\d{3}\b", (tmp_path / "amounts.csv").read_text())
    models = {name: tmp_path / f"{name}.skops" for name in ["plain", "amounts"]}
    for name, model in models.items():
        status, out, err = run(
            ["fit", tmp_path / f"{name}.csv", "--target", "label", "--cv", "0"]
            + ["-o", model]
        )
        assert status == 0
    assert err == ""
    example = f"1{thousands}234{decimal}5 is 1234.5"
    assert (
        f"Read column 'x_b' as numbers with {thousands!r} between thousands ({example})"
    ) in out
    assert "2 numeric columns (standardized), 1 one-hot encoded" in out
    plain = load_model(models["plain"])[0]
    status, out, _ = run(["predict", models["amounts"], tmp_path / "amounts.csv"])
    predicted = pd.read_csv(pd.io.common.StringIO(out), sep=separator)
    assert_array_equal(predicted["label"], plain.predict(features(frame)))
    assert_allclose(
        load_model(models["amounts"])[0].predict_proba(features(frame)),
        plain.predict_proba(features(frame)),
    )


def test_a_word_among_amounts_at_predict_is_named_with_its_line(tmp_path):
    """Check that a new file whose amounts hold a word is refused for the word,
    not for the first amount, which that word kept from being read, and that
    the --na the message gives reads the file."""
    train = pd.DataFrame(
        {"amount": ["2,744.07", "1,234.50", "5,000", "3,100.25"], "y": list("abab")}
    )
    train.to_csv(tmp_path / "train.csv", index=False)
    model = tmp_path / "model.skops"
    fit = ["fit", tmp_path / "train.csv", "--target", "y", "--cv", "0", "-o", model]
    assert run(fit)[0] == 0
    new = pd.DataFrame({"amount": ["1,234.50", "2,000", "n/a"]})
    new.to_csv(tmp_path / "new.csv", index=False)
    status, out, err = run(["predict", model, tmp_path / "new.csv"])
    assert status == 2 and out == ""
    assert (
        "column 'amount' holds numbers, but line 4 has 'n/a', which is not a "
        "number (if it marks a missing value: --na n/a)"
    ) in err
    status, out, _ = run(["predict", model, tmp_path / "new.csv", "--na", "n/a"])
    assert status == 0 and len(out.splitlines()) == 4


# Row identifiers ------------------------------------------------------------


def training_split(n_rows=200, seed=0):
    """Noise features of a file sorted by class, numbered 1 to n as R numbers
    its rows, and a random three quarters of it in the file's order."""
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame(rng.normal(size=(n_rows, 2)), columns=["u", "v"])
    frame["label"] = np.repeat(["no", "yes"], n_rows // 2)
    frame.insert(0, "rownames", np.arange(1, n_rows + 1))
    return frame.iloc[np.sort(rng.permutation(n_rows)[: 3 * n_rows // 4])]


def cv_accuracy(out):
    return float(re.search(r"cross-validation: accuracy (\d\.\d+)", out)[1])


@pytest.mark.parametrize(
    "header, shuffled, reason",
    [
        ("rownames", False, "its header is R's for row names"),
        ("rownames", True, "its header is R's for row names"),
        ("Unnamed: 0", True, "it is the unnamed first column"),
        ("", True, "it is the unnamed first column"),
        ("case", False, "its whole numbers increase on every row, 1 to 200"),
    ],
)
def test_a_row_identifier_of_a_training_split_is_left_out(
    tmp_path, header, shuffled, reason
):
    """Check that the row names of part of a file sorted by class are no
    feature, however they are headed, sorted or not: the scores are those of
    the features, chance, and the model predicts files without them."""
    rng = np.random.default_rng(1)
    split = training_split().rename(columns={"rownames": header})
    if shuffled:
        split = split.iloc[rng.permutation(len(split))]
    split.to_csv(tmp_path / "train.csv", index=False)
    split.iloc[:, 1:].to_csv(tmp_path / "new.csv", index=False)
    fit = ["fit", tmp_path / "train.csv", "--target", "label", "--cv", "3"]
    status, out, err = run([*fit, "-o", tmp_path / "model.skops"])
    column = header or "Unnamed: 0"
    assert status == 0 and err == ""
    assert (
        f"Left out column {column!r}, which numbers the rows ({reason}); --keep "
    ) in out
    assert cv_accuracy(out) < 0.7
    model = skops.io.load(tmp_path / "model.skops", trusted=TRUSTED_TYPES)
    assert list(model.feature_names_in_) == ["u", "v"]
    status, out, _ = run(["predict", tmp_path / "model.skops", tmp_path / "new.csv"])
    assert status == 0 and len(out.splitlines()) == len(split) + 1
    status, out, _ = run([*fit, "--keep", column, "-o", tmp_path / "kept.skops"])
    assert status == 0 and cv_accuracy(out) > 0.9  # what the row names leaked


def test_row_numbers_leave_a_few_rising_measurements_as_features():
    """Check that under 10 rows, whole numbers that increase on every row are
    a feature (a measurement may), while R's row names are not."""
    X = pd.DataFrame(
        {"rownames": ["a", "b", "c"], "weight": [3, 8, 9], "u": [0.1, 0.5, 0.2]}
    )
    assert plan_columns(X).left_out == {
        "rownames": "row numbers: its header is R's for row names"
    }
    X = pd.DataFrame({"rownames": ["a", "a", "c"], "u": [0.1, 0.5, 0.2]})
    assert plan_columns(X).left_out == {}


# R's NA in the target -------------------------------------------------------


def test_an_na_label_in_the_target_gets_the_na_line(tmp_path):
    """Check that R's NA among the labels is pointed out as among the
    features, and that --na then leaves its rows out."""
    frame = measurements(60, 31)
    frame["vote"] = np.resize(["A", "N", "NA", "U", "Y"], 60)
    frame.to_csv(tmp_path / "votes.csv", index=False)
    fit = ["fit", tmp_path / "votes.csv", "--target", "vote", "--cv", "0"]
    status, out, _ = run([*fit, "-o", tmp_path / "model.skops"])
    assert status == 0
    assert (
        "Column 'vote' has 12 cells 'NA', a class of their own; if they mark "
        "missing values, --na NA"
    ) in out
    status, out, _ = run([*fit, "--na", "NA", "-o", tmp_path / "model.skops"])
    assert status == 0 and "--na NA" not in out
    assert "Left out 12 rows whose target 'vote' is empty (first on line 4)" in out
    assert "48 rows; target 'vote' with 4 classes" in out


def test_a_marker_beside_a_single_other_class_is_a_class(tmp_path):
    """Check that '-' beside '+' gets no line: without it one class is left."""
    frame = measurements(40, 32)
    frame["sign"] = np.where(frame["label"] == "big", "+", "-")
    frame.to_csv(tmp_path / "signs.csv", index=False)
    status, out, _ = run(
        ["fit", tmp_path / "signs.csv", "--target", "sign", "--cv", "0"]
        + ["-o", tmp_path / "model.skops"]
    )
    assert status == 0 and "--na" not in out


# Long cells and unclosed quotes ---------------------------------------------


@pytest.mark.filterwarnings("error")
def test_a_cell_longer_than_the_csv_modules_limit_is_read(tmp_path):
    """Check that a text cell of 200,000 characters, legal CSV, is read, and
    that the csv module's limit is as it was."""
    frame = measurements(30, 33)
    long_cell = "word, " * 40_000
    frame.loc[4, "colour"] = long_cell
    frame.to_csv(tmp_path / "long.csv", index=False)
    limit = csv.field_size_limit()
    read = read_csv(tmp_path / "long.csv")
    assert read.loc[4, "colour"] == long_cell
    status, out, err = run(
        ["fit", tmp_path / "long.csv", "--target", "label", "--cv", "0"]
        + ["-o", tmp_path / "model.skops"]
    )
    assert status == 0 and "30 rows" in out
    assert csv.field_size_limit() == limit


@pytest.mark.parametrize("rows", [5, 8_000])
def test_an_unclosed_quote_is_refused_with_its_line(tmp_path, rows):
    """Check that a quote never closed, in a small file or one over the csv
    module's limit after it, is one line naming the file and the quote's line."""
    lines = ["x,note,y\n"] + [f"{i},some words,{'ab'[i % 2]}\n" for i in range(rows)]
    lines[3] = '2,"some words,a\n'
    lines.insert(2, "\n")  # a blank line: line 5 holds the quote
    path = tmp_path / "unclosed.csv"
    path.write_text("".join(lines))
    status, out, err = run(["fit", path, "--target", "y", "-o", tmp_path / "m"])
    assert status == 2 and out == "" and len(err.splitlines()) == 1
    assert err == (
        f"sksigmoid fit: error: {path} is not a well-formed CSV file: the quote "
        "that opens on line 5 is never closed, so the rest of the file would be "
        "one cell; close it or remove it\n"
    )


def test_the_csv_modules_limit_set_by_another_caller_is_left_alone(tmp_path):
    path = tmp_path / "long.csv"
    path.write_text(f"note,y\n{'x' * 300_000},a\nshort,b\n")
    limit = csv.field_size_limit(1_000_000)
    try:
        assert read_csv(path)["note"].str.len().tolist() == [300_000, 5]
        assert csv.field_size_limit() == 1_000_000
    finally:
        csv.field_size_limit(limit)


# Pipes and other inputs that are no regular file ----------------------------


@contextlib.contextmanager
def fifo(path, data):
    """A named pipe at ``path`` that a thread writes ``data`` to, once."""
    os.mkfifo(path)
    writer = threading.Thread(target=path.write_bytes, args=(data,), daemon=True)
    writer.start()
    try:
        yield path
    finally:
        if writer.is_alive():  # never read: open it, to let the writer end
            os.close(os.open(path, os.O_RDONLY | os.O_NONBLOCK))
        writer.join(timeout=5)


@pytest.fixture(scope="module")
def fitted_model(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pipes")
    measurements(60, 34).to_csv(folder / "train.csv", index=False)
    measurements(20, 35).to_csv(folder / "test.csv", index=False)
    model = folder / "model.skops"
    run(["fit", folder / "train.csv", "--target", "label", "-o", model])
    return folder, model


@pytest.mark.parametrize("command", ["fit", "evaluate", "predict"])
def test_commands_read_a_named_pipe_once(fitted_model, tmp_path, command):
    """Check that a named pipe is read as the file it carries."""
    folder, model = fitted_model
    data = folder / ("train.csv" if command == "fit" else "test.csv")
    arguments = {
        "fit": lambda path: (
            ["fit", path, "--target", "label", "--cv", "0"]
            + ["-o", tmp_path / "m.skops"]
        ),
        "evaluate": lambda path: ["evaluate", model, path],
        "predict": lambda path: ["predict", model, path, "--proba"],
    }[command]
    with fifo(tmp_path / "pipe", data.read_bytes()) as pipe:
        status, from_pipe, err = run(arguments(pipe))
    assert status == 0 and err == ""
    _, from_file, _ = run(arguments(data))

    def untimed(out):
        return re.sub(r"\d+\.\d\d s\b", "- s", out)

    assert untimed(from_pipe) == untimed(from_file.replace(str(data), str(pipe)))


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_process_substitution_is_read(fitted_model):
    """Check ``sksigmoid predict MODEL <(cat new.csv)``: /dev/fd/63, a pipe."""
    folder, model = fitted_model
    command = (
        f'"{sys.executable}" -m sksigmoid predict "{model}" <(cat "{folder}/test.csv")'
    )
    result = subprocess.run(
        ["bash", "-c", command], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0 and result.stderr == ""
    _, from_file, _ = run(["predict", model, folder / "test.csv"])
    assert result.stdout == from_file


@pytest.mark.parametrize(
    "kind, expected",
    [
        ("directory", "is a directory, not a file"),
        ("socket", "is a socket, not a file or a pipe"),
        ("device", "is a character device, not a file or a pipe"),
    ],
)
@pytest.mark.parametrize("command", ["fit", "predict"])
def test_inputs_that_are_no_file_or_pipe_are_refused_in_one_line(
    fitted_model, tmp_path, monkeypatch, kind, expected, command
):
    _, model = fitted_model
    if kind == "device" and not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero")
    path = {"directory": tmp_path, "socket": "s.sock", "device": "/dev/zero"}[kind]
    monkeypatch.chdir(tmp_path)  # a socket's path must be short
    with contextlib.closing(socket.socket(socket.AF_UNIX)) as server:
        server.bind("s.sock")
        argv = {
            "fit": ["fit", path, "--target", "label", "-o", "m.skops"],
            "predict": ["predict", model, path],
        }[command]
        status, out, err = run(argv)
    assert status == 2 and out == ""
    assert err == f"sksigmoid {command}: error: {path} {expected}\n"
