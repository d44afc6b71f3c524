"""``sksigmoid export``: the command line's pipelines in onnxruntime, fed one
input per feature column, against ``sksigmoid predict --proba`` on the same
file; and the command's error contract (exit 2, one line, no file)."""

import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from test_cli_commands import run

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


@pytest.mark.parametrize("model_name", ["neuron", "threshold", "network"])
def test_empty_cells_are_imputed_and_categories_in_the_graph(tmp_path, model_name):
    """Check the raw penguin file, with its empty numeric and text cells and
    column names that are not identifiers, in each model (its date column left
    out: export refuses dates)."""
    raw = pd.read_csv(DATA / "penguins_raw.csv", keep_default_na=False, dtype=str)
    data = tmp_path / "raw.csv"
    raw.drop(columns="Date Egg").to_csv(data, index=False)
    options = ["--target", "Species", "--na", "NA", "--id", "Individual ID"]
    model, session = exported(tmp_path, data, *options, "--model", model_name)
    table = pd.read_csv(data, keep_default_na=False, na_values=["", "NA"])
    assert "Culmen Length (mm)" in {i.name for i in session.get_inputs()}
    assert table["Culmen Length (mm)"].isna().any() and table["Sex"].isna().any()
    expected = predicted(model, data, tmp_path, "--na", "NA")
    assert_same_predictions(session, table, expected, "Species")


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


def test_a_file_that_is_not_a_model_exits_2_with_one_line_and_no_file(tmp_path):
    bad, output = tmp_path / "bad.skops", tmp_path / "out.onnx"
    bad.write_bytes(b"PK\x03\x04 this is not a model")
    status, out, err = run(["export", bad, "--output", output])
    assert status == 2 and out == ""
    assert len(err.splitlines()) == 1 and "is not a model file" in err
    assert not output.exists()


def test_a_model_with_date_columns_is_refused_naming_them(tmp_path):
    model, output = tmp_path / "raw.skops", tmp_path / "raw.onnx"
    options = ["--target", "Species", "--na", "NA", "--id", "Individual ID"]
    status, _, err = run(
        ["fit", DATA / "penguins_raw.csv", "--cv", "0", "-o", model, *options]
    )
    assert status == 0, err
    status, _, err = run(["export", model, "--output", output])
    assert status == 2 and len(err.splitlines()) == 1
    assert "reads the dates of Date Egg" in err and not output.exists()


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
