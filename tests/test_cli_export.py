"""``sksigmoid export``: the command line's pipelines in onnxruntime, fed one
input per feature column, against ``sksigmoid predict --proba`` on the same
file; and the command's error contract (exit 2, one line, no file)."""

import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from test_cli_commands import run

from sksigmoid.tabular._dates import DATE_FORMATS, example_date, read_dates

REASON = "needs the optional onnx extra: pip install 'sksigmoid[onnx]'"
onnxruntime = pytest.importorskip("onnxruntime", reason=REASON)
pytest.importorskip("skl2onnx", reason=REASON)

DATA = Path(__file__).resolve().parents[1] / "sksigmoid" / "data"


def exported(tmp_path, data, *fit_options):
    """Fit on ``data``, export the model: (model file, onnxruntime session)."""
    model, onnx_file = tmp_path / "model.skops", tmp_path / "model.onnx"
    status, _, err = run(["fit", data, "--cv", "0", "-o", model, *fit_options])
    assert status == 0, err
    status, out, err = run(["export", model, "--output", onnx_file])
    assert (status, err) == (0, ""), err
    assert out.startswith(f"Wrote {onnx_file}")
    session = onnxruntime.InferenceSession(
        onnx_file.read_bytes(), providers=["CPUExecutionProvider"]
    )
    return model, session


def predicted(model, data, tmp_path, *options):
    """``sksigmoid predict --proba``'s table of ``data``."""
    output = tmp_path / "predictions.csv"
    status, _, err = run(["predict", model, data, "--proba", "-o", output, *options])
    assert status == 0, err
    return pd.read_csv(output)


def feeds(session, table):
    """One array per graph input, from the column of the same name: doubles
    with NaN for an empty cell, or the cells' text with "" for an empty one."""
    arrays = {}
    for graph_input in session.get_inputs():
        column = table[graph_input.name]
        assert graph_input.shape[1] == 1
        if graph_input.type == "tensor(string)":
            cells = column.astype(object).where(column.notna(), "").astype(str)
            arrays[graph_input.name] = cells.to_numpy(object).reshape(-1, 1)
        else:
            assert graph_input.type == "tensor(double)"
            arrays[graph_input.name] = column.to_numpy(np.float64).reshape(-1, 1)
    return arrays


def assert_same_predictions(session, table, expected, target):
    labels, probabilities = session.run(None, feeds(session, table))
    np.testing.assert_array_equal(labels, expected[target].astype(str))
    columns = [c for c in expected.columns if c.startswith("proba_")]
    np.testing.assert_allclose(probabilities, expected[columns], rtol=0, atol=1e-12)


def test_an_exported_pipeline_predicts_as_the_command_line(tmp_path):
    train, test = DATA / "penguins_train.csv", DATA / "penguins_test.csv"
    model, session = exported(tmp_path, train, "--target", "species", "--id", "id")
    table = pd.read_csv(test)
    assert {i.name: i.type for i in session.get_inputs()} == {
        **{
            name: "tensor(double)"
            for name in ["bill_length_mm", "bill_depth_mm", "flipper_length_mm"]
            + ["body_mass_g", "year"]
        },
        "island": "tensor(string)",
        "sex": "tensor(string)",
    }
    assert [o.name for o in session.get_outputs()] == ["label", "probabilities"]
    expected = predicted(model, test, tmp_path, "--id", "id")
    assert_same_predictions(session, table, expected, "species")


@pytest.mark.parametrize("model_name", ["neuron", "threshold", "adaline", "network"])
def test_empty_cells_are_imputed_and_categories_in_the_graph(tmp_path, model_name):
    """Check the raw penguin file, with its empty numeric and text cells, its
    date column and column names that are not identifiers, in each model."""
    data = DATA / "penguins_raw.csv"
    options = ["--target", "Species", "--na", "NA", "--id", "Individual ID"]
    model, session = exported(tmp_path, data, *options, "--model", model_name)
    table = pd.read_csv(data, keep_default_na=False, na_values=["", "NA"])
    types = {i.name: i.type for i in session.get_inputs()}
    assert types["Culmen Length (mm)"] == "tensor(double)"
    assert types["Date Egg"] == "tensor(string)"
    assert table["Culmen Length (mm)"].isna().any() and table["Sex"].isna().any()
    expected = predicted(model, data, tmp_path, "--na", "NA")
    assert_same_predictions(session, table, expected, "Species")


@pytest.mark.parametrize(
    "fit_options",
    [["--no-scale"], ["--missing", "drop"], ["--categorical", "year"]],
    ids=["no-scale", "no-imputer", "numbers-as-categories"],
)
def test_every_kind_of_command_line_pipeline_is_exported(tmp_path, fit_options):
    train, test = DATA / "penguins_train.csv", DATA / "penguins_test.csv"
    options = ["--target", "species", "--id", "id", *fit_options]
    model, session = exported(tmp_path, train, *options)
    expected = predicted(model, test, tmp_path)
    table = pd.read_csv(test, dtype={"year": str} if "year" in fit_options else None)
    assert_same_predictions(session, table, expected, "species")


@pytest.mark.parametrize("model_name", ["network", "linear"])
def test_an_exported_regression_predicts_as_the_command_line(tmp_path, model_name):
    """Check a quantity learned from numbers with empty cells, dates, a category
    and words: one input per column, one output ``prediction`` of one value per
    row, equal to ``predict``'s to 1e-12 of its largest value; and a feature
    named ``prediction`` takes the output's name."""
    rng = np.random.default_rng(0)
    n_rows = 60
    size = rng.uniform(50, 200, n_rows)
    table = pd.DataFrame(
        {
            "size": np.where(np.arange(n_rows) % 7 == 3, np.nan, size.round(1)),
            "sold": [
                f"2024-{m:02d}-{d:02d}" for m, d in rng.integers(1, 13, (n_rows, 2))
            ],
            "town": rng.choice(["north", "south"], n_rows),
            "notes": rng.choice(
                ["quiet street near the park", "big garden", ""], n_rows
            ),
            "prediction": rng.normal(size=n_rows),
            "price": (1000 * size + rng.normal(0, 5000, n_rows)).round(),
        }
    )
    data = tmp_path / "houses.csv"
    table.to_csv(data, index=False)
    options = ["--target", "price", "--words", "notes", "--model", model_name]
    model, session = exported(tmp_path, data, *options)
    assert {i.name: i.type for i in session.get_inputs()} == {
        "size": "tensor(double)",
        "prediction": "tensor(double)",
        **dict.fromkeys(["sold", "town", "notes"], "tensor(string)"),
    }
    assert [o.name for o in session.get_outputs()] == ["prediction_"]
    status, _, err = run(["predict", model, data, "-o", tmp_path / "p.csv"])
    assert status == 0, err
    expected = pd.read_csv(tmp_path / "p.csv")["price"].to_numpy()
    [predictions] = session.run(None, feeds(session, pd.read_csv(data)))
    assert predictions.shape == (n_rows,)
    difference = np.abs(predictions - expected).max()
    assert difference <= 1e-12 * np.abs(expected).max()


def test_info_lists_the_graph_inputs(tmp_path):
    model, _ = exported(
        tmp_path, DATA / "penguins_train.csv", "--target", "species", "--id", "id"
    )
    status, out, _ = run(["info", model])
    assert status == 0
    line = next(line for line in out.splitlines() if line.startswith("onnx inputs"))
    assert line.split(None, 2)[2] == (
        "bill_length_mm, bill_depth_mm, flipper_length_mm, body_mass_g, year: "
        "double (N, 1); island, sex: string (N, 1)"
    )


#: Feature columns named as the graph's outputs, as skl2onnx's and the
#: converters' inner names, and names that are not identifiers.
AWKWARD_NAMES = [
    ["label"],
    ["probabilities"],
    ["label", "label_", "probabilities"],
    ["cast", "variable", "variable1", "scalar"],
    ["not_a_date_in_visit day", "text", "classes"],
    ["visit.day", "a b", "a_b"],
    ["café", "日本語", "x²"],
    [" ", "  "],
    ["-", "0", "[1]"],
]


@pytest.mark.parametrize("names", AWKWARD_NAMES, ids=" | ".join)
def test_any_column_name_exports_and_the_outputs_give_way(tmp_path, names):
    """Check that columns of any name export (a column named label or
    probabilities made the graph fail to load: "Duplicate definition of
    name"), each an input of its own name, and that the graph predicts as the
    command line on the training rows; an output named as a column takes
    underscores, as the export's message and info say."""
    rng = np.random.default_rng(0)
    n_rows = 40
    x = rng.normal(size=n_rows)
    kinds = [
        lambda: x + rng.normal(scale=0.5, size=n_rows),
        lambda: rng.choice(["red", "green"], n_rows),
        lambda: [f"2024-{month:02d}" for month in rng.integers(1, 13, n_rows)],
    ]
    table = pd.DataFrame(
        {name: kinds[i % 3]() for i, name in enumerate(names)}
        | {"visit day": rng.choice(["2024-01-31", "2024-02-29"], n_rows)}
        | {"y": np.where(x > 0, "yes", "no")}
    )
    data = tmp_path / "names.csv"
    table.to_csv(data, index=False)
    model, onnx_file = tmp_path / "model.skops", tmp_path / "model.onnx"
    status, _, err = run(["fit", data, "--target", "y", "--cv", "0", "-o", model])
    assert status == 0, err
    status, out, err = run(["export", model, "--output", onnx_file])
    assert (status, err) == (0, ""), err
    session = onnxruntime.InferenceSession(
        onnx_file.read_bytes(), providers=["CPUExecutionProvider"]
    )
    features = [*names, "visit day"]
    assert sorted(i.name for i in session.get_inputs()) == sorted(features)
    # Underscores appended while a column has the name, by hand.
    outputs = [
        "label" + "_" * sum(f"label{'_' * k}" in features for k in range(4)),
        "probabilities" + "_" * ("probabilities" in features),
    ]
    assert [o.name for o in session.get_outputs()] == outputs
    assert out.rstrip("\n").endswith(
        f"and the outputs {outputs[0]} and {outputs[1]}"
    ) == (outputs == ["label", "probabilities"])
    assert " and ".join(outputs) in out and len(out.splitlines()) == 1
    info = run(["info", model])[1]
    assert re.search(rf"^onnx outputs +{re.escape(', '.join(outputs))}$", info, re.M)
    expected = predicted(model, data, tmp_path)
    table = pd.read_csv(data, dtype={name: str for name in features[1::3]})
    assert_same_predictions(session, table, expected, "y")


def test_inner_names_give_way_to_the_columns_and_outputs():
    """Check the renaming on a graph whose inner tensor and output have the
    names the columns and the outputs take (skl2onnx avoids its inputs' names,
    but not the columns' own, which may differ)."""
    from onnx import TensorProto, helper

    from sksigmoid.onnx._tabular import _name_inputs_and_outputs

    double = TensorProto.DOUBLE
    graph = helper.make_graph(
        [
            helper.make_node("Neg", ["a_b"], ["t b"]),
            helper.make_node("Add", ["t b", "label"], ["sum"]),
            helper.make_node("Identity", ["t b"], ["label_"]),
        ],
        "g",
        [helper.make_tensor_value_info(n, double, [None, 1]) for n in ("a_b", "label")],
        [
            helper.make_tensor_value_info(n, double, [None, 1])
            for n in ("sum", "label_")
        ],
    )
    onnx_model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 20)])
    _name_inputs_and_outputs(onnx_model, ["t b", "label_"], ["label", "probabilities"])
    session = onnxruntime.InferenceSession(
        onnx_model.SerializeToString(), providers=["CPUExecutionProvider"]
    )
    assert [i.name for i in session.get_inputs()] == ["t b", "label_"]
    assert [o.name for o in session.get_outputs()] == ["label", "probabilities"]
    column, other = np.array([[1.0], [2.0]]), np.array([[10.0], [20.0]])
    total, negated = session.run(None, {"t b": column, "label_": other})
    np.testing.assert_array_equal(total, other - column)
    np.testing.assert_array_equal(negated, -column)


def test_the_message_says_which_column_took_an_output_name(tmp_path):
    data = tmp_path / "label.csv"
    rng = np.random.default_rng(1)
    x = rng.normal(size=30)
    pd.DataFrame({"label": x, "y": np.where(x > 0, "a", "b")}).to_csv(data, index=False)
    model, onnx_file = tmp_path / "model.skops", tmp_path / "model.onnx"
    assert run(["fit", data, "--target", "y", "--cv", "0", "-o", model])[0] == 0
    status, out, _ = run(["export", model, "--output", onnx_file])
    assert status == 0
    assert out == (
        f"Wrote {onnx_file}: 1 inputs, one per feature column (see sksigmoid info), "
        "and the outputs label_ and probabilities (a feature column takes the name "
        "label)\n"
    )


def test_a_column_named_empty_is_refused_in_python_naming_the_reason():
    """Check ``tabular_to_onnx``'s refusal of a column named "" (which ONNX
    takes for an input left out; a CSV file names it Unnamed: 0)."""
    from sklearn.pipeline import make_pipeline

    from sksigmoid import SigmoidNeuronClassifier
    from sksigmoid.onnx import tabular_to_onnx
    from sksigmoid.tabular import make_preprocessor, plan_table

    frame = pd.DataFrame(
        {"x": [0.5, 1.0, 0.0, 3.0], "": [0.0, 1.0, 2.0, 1.5], "y": list("abab")}
    )
    X, y, plan = plan_table(frame, "y")
    model = make_pipeline(make_preprocessor(plan), SigmoidNeuronClassifier())
    with pytest.raises(ValueError, match="^a feature column is named '', which ONNX"):
        tabular_to_onnx(model.fit(X, y), plan)


def test_a_file_that_is_not_a_model_exits_2_with_one_line_and_no_file(tmp_path):
    bad, output = tmp_path / "bad.skops", tmp_path / "out.onnx"
    bad.write_bytes(b"PK\x03\x04 this is not a model")
    status, out, err = run(["export", bad, "--output", output])
    assert status == 2 and out == ""
    assert len(err.splitlines()) == 1 and "is not a model file" in err
    assert not output.exists()


def test_export_does_not_overwrite_its_model(tmp_path):
    model, _ = exported(
        tmp_path, DATA / "penguins_train.csv", "--target", "species", "--id", "id"
    )
    before = model.read_bytes()
    status, _, err = run(["export", model, "--output", model])
    assert status == 2 and len(err.splitlines()) == 1
    assert model.read_bytes() == before


def test_without_the_extra_export_says_what_to_install(tmp_path, monkeypatch):
    model, _ = exported(
        tmp_path, DATA / "penguins_train.csv", "--target", "species", "--id", "id"
    )
    monkeypatch.setitem(sys.modules, "skl2onnx", None)  # import fails
    output = tmp_path / "again.onnx"
    status, _, err = run(["export", model, "--output", output])
    assert status == 2 and 'pip install "sksigmoid[onnx]"' in err
    assert not output.exists()


def date_graph(date_format, cells):
    """DateFeatures fitted on ``cells``, as the graph export writes for it."""
    from skl2onnx.common.data_types import StringTensorType

    from sksigmoid.onnx._tabular import convert_steps
    from sksigmoid.tabular import DateFeatures

    frame = pd.DataFrame({"visit day": cells})
    features = DateFeatures(date_format).fit(frame)
    onnx_model = convert_steps(features, [("visit day", StringTensorType([None, 1]))])
    graph = onnxruntime.InferenceSession(
        onnx_model.SerializeToString(), providers=["CPUExecutionProvider"]
    )
    return features, graph


#: The forms of ISO 8601 a file may write, as pandas reads them: the year
#: alone, with the month, in any of the separators or none, times with and
#: without colons, fractions, ``Z`` and UTC offsets (with spaces around them).
ISO_FORMS = [
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%HZ",
    "%Y-%m",
    "%Y",
    "%Y%m%d",
    "%Y.%m.%d",
    "%Y %m %d",
    "%Y\\%m\\%d",
    "%Y%m%dT%H%M%S.%f",
    "%Y-%m-%d %H:%M:%S.%f Z ",
    "%Y-%m-%dT%H:%M+05:30",
    "%Y-%m-%dT%H:%M:%S-0800",
    "%Y-%m-%d %H -3",
    " %Y-%m-%dT%H:%M +14:00 ",
]


def written(moments, date_format):
    """``moments`` as a file writes them: ISO 8601's forms, days and months
    with and without their leading zero."""
    if date_format != "ISO8601":
        # Every other cell without leading zeros, as %d and %m also read.
        return [
            moment.strftime(date_format)
            if i % 2
            else date_format.replace("%Y", str(moment.year))
            .replace("%m", str(moment.month))
            .replace("%d", str(moment.day))
            for i, moment in enumerate(moments)
        ]
    return [m.strftime(ISO_FORMS[i % len(ISO_FORMS)]) for i, m in enumerate(moments)]


@pytest.mark.parametrize("date_format", DATE_FORMATS)
def test_date_features_in_the_graph_are_those_pandas_reads(date_format):
    """Check year, month, day of year and day of week against pandas on 2,000
    random moments of 1600-2400, the leap days and century years among them,
    in UTC where the cell has an offset, and empty cells as NaN."""
    rng = np.random.default_rng(0)
    moments = pd.to_datetime("1600-01-01") + pd.to_timedelta(
        rng.integers(0, 292_000 * 86_400, 2000), unit="s"
    )
    edges = pd.to_datetime(
        ["1900-02-28", "1900-03-01", "2000-02-29", "2000-03-01", "2100-12-31",
         "2024-01-01", "2024-12-31", "1999-12-31"]
    )  # fmt: skip
    cells = [*written(moments.append(edges), date_format), None, None]
    features, graph = date_graph(date_format, cells)
    expected = features.transform(pd.DataFrame({"visit day": cells}))
    # An empty cell is fed as "", as the documentation says.
    feed = np.array([cell or "" for cell in cells], dtype=object).reshape(-1, 1)
    (found,) = graph.run(None, {"visit day": feed})
    np.testing.assert_array_equal(found, expected)
    assert np.isnan(found[-2:]).all() and not np.isnan(found[:-2]).any()


#: Cells pandas reads in ISO 8601, or not, beyond the forms above: years of
#: fewer digits after a "-" that starts the cell, or of none before a
#: separator (year 0), spaces around, the greedy one- and two-digit fields,
#: fractions of up to 18 digits, offsets' hours and minutes.
ISO_EDGES = [
    "-0044-03-15", "-268", "-5-3-1", "-20240301", "-2680101", " -2024-03-01",
    ".10", " .10.5 10:00", " --10-1", " - 10", "  10", "-.10", "268", "02024",
    "202403", "2024-3", "2024-03-1T1:2:3", "2024-03-01T1", "2024-03-01T10:0:5",
    "2024-03-01T1000", "2024-03-01T10:00:60", "2024-03-01T24", "2024-03-01 ",
    "2024-03-01T10:00:00." + "1" * 18, "2024-03-01T10:00:00." + "1" * 19,
    "2024-03-01T10:00:00,5", "2024-03-01T10Z", "2024-03-01T10ZZ",
    "2024-03-01T10:00+015", "2024-03-01T10:00+150", "2024-03-01T10:00+1:5",
    "2024-03-01T10:00+24", "2024-03-01T10:00 +6 ", "2024-03-01T10:00 +06:00 ",
    "2024-03-01T10:00+23:60", "2024-03-01Z", "2024-03-01t10", "\x0b2024",
    "\x1c2024", "2023-02-29", "2024-02-29", "1900-02-29", "0000-02-29",
    "2024/03/ 1", "9999-12-31T23:59-0001", "today",
]  # fmt: skip


def near_dates(date_format, rng, n):
    """``n`` cells a little off (or not) the dates of ``date_format``: written
    dates with a character inserted, removed or replaced."""
    # Within 1677-2262, where pandas reads fractions of any length.
    moments = pd.to_datetime("1700-01-01") + pd.to_timedelta(
        rng.integers(0, 200_000 * 86_400, n), unit="s"
    )
    alphabet = list("0123456789-./\\ T:Z+\t")
    cells = []
    for cell in written(moments, date_format):
        cell, at = list(cell), rng.integers(0, len(cell) + 1)
        change = rng.integers(0, 4)
        if change == 1:
            cell.insert(at, rng.choice(alphabet))
        elif change == 2 and at < len(cell):
            del cell[at]
        elif change == 3 and at < len(cell):
            cell[at] = rng.choice(alphabet)
        cells.append("".join(cell))
    return cells


@pytest.mark.parametrize("date_format", [*DATE_FORMATS, "%Y-%m-%d", "%Y.%m.%d"])
def test_the_date_graph_reads_the_cells_pandas_reads_and_only_those(date_format):
    """Check each cell alone: onnxruntime answers with pandas' features on
    the cells pandas reads as dates, and fails naming the column on the
    others, for 400 cells near the format's dates (and the edges of ISO
    8601): read_dates' reading, which takes "today" for no date, as the graph."""
    cells = near_dates(date_format, np.random.default_rng(1), 400)
    cells = [*cells, *(ISO_EDGES if date_format == "ISO8601" else [])]
    _, graph = date_graph(date_format, [example_date(date_format)])
    read = 0
    for cell in cells:
        if cell == "":
            continue
        moment = read_dates(pd.Series([cell]), date_format)[0]
        feed = {"visit day": np.array([[cell]], dtype=object)}
        if pd.isna(moment):
            with pytest.raises(Exception, match="not_a_date_in_visit_day"):
                graph.run(None, feed)
            continue
        read += 1
        (found,) = graph.run(None, feed)
        expected = [[moment.year, moment.month, moment.day_of_year, moment.day_of_week]]
        np.testing.assert_array_equal(found, expected, err_msg=repr(cell))
    assert read > 100


def _negative(moment):
    """A negative year of one to four digits, as ``-44-3-15``."""
    return f"-{moment.year % 1000}-{moment.month}-{moment.day}"


#: How a file may write its dates, each as ``fit`` reads it: (writer, the
#: options of fit, the format it detects). Between them, every format of
#: DATE_FORMATS, and every form of ISO 8601.
DATE_FORMS = {
    "YYYY-MM": ("%Y-%m", [], "ISO8601"),
    "YYYY-MM-DD": ("%Y-%m-%d", [], "ISO8601"),
    "YYYY/M/D": (lambda m: f"{m.year}/{m.month}/{m.day}", [], "ISO8601"),
    "YYYY.MM.DD": ("%Y.%m.%d", [], "ISO8601"),
    "YYYY MM DD": ("%Y %m %d", [], "ISO8601"),
    "YYYY": ("%Y", ["--date", "day"], "ISO8601"),
    "YYYYMMDD": ("%Y%m%d", ["--date", "day"], "ISO8601"),
    "negative years": (_negative, [], "ISO8601"),
    "with times": ("%Y-%m-%dT%H:%M:%S", [], "ISO8601"),
    "with fractions and Z": (" %Y-%m-%d %H:%M:%S.%f Z", [], "ISO8601"),
    "compact times": ("%Y%m%dT%H%M", [], "ISO8601"),
    "UTC offsets east": ("%Y-%m-%dT%H:%M+09:30", [], "ISO8601"),
    "UTC offsets west": ("%Y-%m-%d %H -11", [], "ISO8601"),
    "YYYY/MM/ D": (lambda m: f"{m:%Y/%m}/{m.day:2d}", [], "%Y/%m/%d"),
    "month first": ("%m/%d/%Y", [], "%m/%d/%Y"),
    "day first": ("%d/%m/%Y", [], "%d/%m/%Y"),
    "day first, spaced": (lambda m: f"{m.day:2d}/{m.month}/{m.year}", [], "%d/%m/%Y"),
    "dotted": ("%d.%m.%Y", [], "%d.%m.%Y"),
    "dashed, month first": ("%m-%d-%Y", [], "%m-%d-%Y"),
    "dashed, day first": ("%d-%m-%Y", [], "%d-%m-%Y"),
    "either way, --date": (
        lambda m: f"{m.month:02d}/{m.month % 12 + 1:02d}/{m.year}",
        ["--date", "day"],
        "%m/%d/%Y",
    ),
}


def test_the_date_forms_cover_every_format_fit_detects():
    assert {detected for *_, detected in DATE_FORMS.values()} == set(DATE_FORMATS)


@pytest.mark.parametrize("form", DATE_FORMS)
def test_every_date_form_fit_detects_exports_with_parity_on_its_rows(tmp_path, form):
    """Check that ``export`` of a model fitted on dates in each form that
    ``fit`` reads gives onnxruntime's labels and probabilities (to 1e-12) of
    ``predict`` on the training rows (a column of 2024-03 cells made
    onnxruntime fail on every row)."""
    write, options, detected = DATE_FORMS[form]
    rng = np.random.default_rng(0)
    moments = pd.to_datetime("1990-01-01") + pd.to_timedelta(
        rng.integers(0, 40 * 365 * 86_400, 40), unit="s"
    )
    if callable(write):
        days = [write(moment) for moment in moments]
    else:
        days = [moment.strftime(write) for moment in moments]
    x = rng.normal(size=len(days))
    late = moments.month > 6
    table = pd.DataFrame({"day": days, "x": x, "y": np.where(late, "late", "early")})
    data = tmp_path / "dates.csv"
    table.to_csv(data, index=False)
    model, onnx_file = tmp_path / "model.skops", tmp_path / "model.onnx"
    status, out, err = run(
        ["fit", data, "--target", "y", "--cv", "0", "-o", model, *options]
    )
    assert status == 0, err
    assert f"Read column 'day' as dates ({detected}" in out
    status, _, err = run(["export", model, "--output", onnx_file])
    assert status == 0, err
    session = onnxruntime.InferenceSession(
        onnx_file.read_bytes(), providers=["CPUExecutionProvider"]
    )
    expected = predicted(model, data, tmp_path)
    assert_same_predictions(
        session, pd.read_csv(data, dtype={"day": str}), expected, "y"
    )


@pytest.mark.parametrize(
    "dates, odd",
    [
        (["2024-01-05", "2024-02-29"], "today"),
        (["2024-01-05", "2024-02-29"], "now"),
        (["01/13/2024", "02/29/2024"], "03/14/\u0662\u0660\u0662\u0664"),
    ],
    ids=["today", "now", "arabic-indic year"],
)
def test_a_date_no_graph_reads_is_refused_at_fit_naming_its_line(tmp_path, dates, odd):
    """Check that fit refuses the cells pandas reads as dates but a file does
    not hold as one: today and now (the clock's time) and a year in digits of
    another script. fit read them, and onnxruntime failed on their rows."""
    rng = np.random.default_rng(0)
    days = [dates[i % 2] for i in range(20)]
    days[3] = odd
    x = rng.normal(size=len(days))
    data = tmp_path / "odd.csv"
    frame = pd.DataFrame({"day": days, "x": x, "y": np.where(x > 0, "a", "b")})
    frame.to_csv(data, index=False)
    model = tmp_path / "model.skops"
    status, _, err = run(["fit", data, "--target", "y", "--cv", "0", "-o", model])
    assert status == 2 and len(err.splitlines()) == 1 and not model.exists()
    assert "column 'day' holds dates" in err and f"line 5 has {odd!r}" in err


@pytest.mark.parametrize(
    "cell",
    ["2024-13-01", "tomorrow", "2023-02-29", "2024-03-01T10:00,5", "2024-03-01 "],
)
def test_a_cell_the_graph_cannot_read_as_a_date_fails_naming_its_column(cell):
    """Check that onnxruntime fails, in a node named after the column, on a cell
    pandas does not read as a date (in the format, or in the calendar), rather
    than answer."""
    _, graph = date_graph("ISO8601", ["2024-03-01"])
    feed = np.array([["2024-03-02"], [cell]], dtype=object)
    with pytest.raises(Exception, match="not_a_date_in_visit_day"):
        graph.run(None, {"visit day": feed})


@pytest.mark.parametrize("date_format", ["%d %B %Y", "%Y%m%d", "%Y-%m-%d %H:%M"])
def test_a_date_format_without_a_graph_is_refused_naming_its_column(date_format):
    """Check that DateFeatures of a format the graph does not read (a Python
    user's; fit detects none) is refused, not exported to fail or differ."""
    with pytest.raises(ValueError, match="^column 'visit day' holds dates in the"):
        date_graph(date_format, [pd.Timestamp(2024, 3, 1).strftime(date_format)])


#: Texts that split or lowercase otherwise outside A to Z, fed to graphs of
#: words A to Z: accents (composed and combining), capitals beyond A to Z,
#: full-width letters, other scripts and digits, marks, tabs, nothing.
UNUSUAL_TEXTS = [
    "Café au lait, ÉTÉ Straße naïve na ve caf array",
    "cafe\u0301 de\u0301ja\u0300 vu of the array",
    "ＡＢＣ full width abc",
    "١٢٣ arabic digits ²³ x² x2",
    "日本語のテキスト data",
    "C++ & a_b 3.14 don't e-mail",
    "tab\there\nnew line",
    "x y",
    "",
]


def test_words_are_exported_and_predict_as_the_command_line(tmp_path):
    """Check the docstrings with their length, each test text and the unusual
    ones: the labels of ``predict``, and its probabilities to 1e-12."""
    for part in ("train", "test"):
        frame = pd.read_csv(DATA / f"docstrings_{part}.csv")
        if part == "test":
            unusual = pd.DataFrame({"description": UNUSUAL_TEXTS})
            frame = pd.concat([frame, unusual.assign(library="numpy")])
        frame["length"] = frame["description"].fillna("").str.len()
        frame.to_csv(tmp_path / f"{part}.csv", index=False)
    model, session = exported(
        tmp_path,
        tmp_path / "train.csv",
        *["--target", "library", "--id", "name", "--words", "description"],
    )
    assert {i.name: i.type for i in session.get_inputs()} == {
        "length": "tensor(double)",
        "description": "tensor(string)",
    }
    table = pd.read_csv(tmp_path / "test.csv")
    assert table["description"].isna().sum() == 1  # the empty text
    expected = predicted(model, tmp_path / "test.csv", tmp_path)
    assert_same_predictions(session, table, expected, "library")


def test_words_beyond_a_to_z_are_refused_in_one_line_naming_the_column(tmp_path):
    frame = pd.read_csv(DATA / "docstrings_train.csv")
    frame.loc[0, "description"] += " Déjà vu."
    frame.to_csv(tmp_path / "accents.csv", index=False)
    options = ["--target", "library", "--id", "name", "--words", "description"]
    model, output = tmp_path / "model.skops", tmp_path / "model.onnx"
    status, _, err = run(
        ["fit", tmp_path / "accents.csv", *options, "--cv", "0", "-o", model]
    )
    assert status == 0, err
    status, out, err = run(["export", model, "--output", output])
    assert status == 2 and out == "" and len(err.splitlines()) == 1
    assert err.startswith(
        "sksigmoid export: error: column 'description' learned 1 words of letters "
        "beyond A to Z (such as 'déjà'), "
    )
    assert not output.exists()


@pytest.mark.parametrize(
    "parameters",
    [
        {},
        {"sublinear_tf": True},
        {"norm": "l1", "smooth_idf": False},
        {"norm": None, "use_idf": False},
        {"min_df": 2, "sublinear_tf": True, "norm": None},
    ],
    ids=["defaults", "sublinear", "l1", "counts", "min_df"],
)
def test_the_tf_idf_in_the_graph_is_scikit_learns(parameters):
    """Check the graph's TF-IDF against ``transform`` to 2 ulp, on the
    docstrings and on the unusual texts, for each setting the converter reads
    (skl2onnx's own takes log(1 + tf) for sublinear_tf, in float32)."""
    from skl2onnx.common.data_types import StringTensorType
    from sklearn.feature_extraction.text import TfidfVectorizer

    from sksigmoid.onnx._tabular import convert_steps

    texts = pd.read_csv(DATA / "docstrings_train.csv")["description"].tolist()
    vectorizer = TfidfVectorizer(**parameters).fit(texts)
    onnx_model = convert_steps(vectorizer, [("text", StringTensorType([None, 1]))])
    graph = onnxruntime.InferenceSession(
        onnx_model.SerializeToString(), providers=["CPUExecutionProvider"]
    )
    rows = texts + UNUSUAL_TEXTS
    (found,) = graph.run(None, {"text": np.array(rows, dtype=object).reshape(-1, 1)})
    assert found.dtype == np.float64
    expected = vectorizer.transform(rows).toarray()
    np.testing.assert_allclose(found, expected, rtol=5e-16, atol=1e-16)
    # Most unusual texts hold words of the vocabulary.
    assert (expected[len(texts) :].sum(axis=1) > 0).sum() >= 5
