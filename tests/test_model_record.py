"""The model record: one typed schema, read from the files of every release, and
the date transformer's old module path still loading.

``data/models/visits_cli.skops`` was saved by ``sksigmoid fit
visits_train.csv --target outcome --missing impute`` before DateFeatures moved
from ``sksigmoid.cli._dates`` to ``sksigmoid.tabular._dates``, with
``visits_cli_predictions.csv`` what ``predict --proba`` then wrote for
``visits_test.csv``.
"""

import json
import zipfile
from pathlib import Path

import pandas as pd
import pytest
import skops.io
from pandas.testing import assert_frame_equal

from sksigmoid.cli import TRUSTED_TYPES, main
from sksigmoid.cli._files import RECORD_ENTRY, load_model
from sksigmoid.cli._record import ModelRecord
from sksigmoid.tabular import DateFeatures

MODELS = Path(__file__).parent / "data" / "models"
VISITS = MODELS / "visits_cli.skops"


def entry(path, name):
    with zipfile.ZipFile(path) as archive:
        return archive.read(name).decode()


def test_the_old_date_model_names_the_old_module():
    """Check that the file tests what it should: it names the old path."""
    assert '"sksigmoid.cli._dates"' in entry(VISITS, "schema.json")


def test_a_model_saved_before_the_move_predicts_as_it_did(tmp_path, capsys):
    output = tmp_path / "predictions.csv"
    status = main(
        ["predict", str(VISITS), str(MODELS / "visits_test.csv"), "--proba"]
        + ["-o", str(output)]
    )
    assert status == 0, capsys.readouterr().err
    expected = pd.read_csv(MODELS / "visits_cli_predictions.csv")
    assert_frame_equal(pd.read_csv(output), expected, rtol=1e-12)


def test_skops_loads_the_old_date_model_with_the_trusted_types():
    pipeline = skops.io.load(VISITS, trusted=TRUSTED_TYPES)
    transformer = pipeline[0].named_transformers_["date0"][0]
    assert isinstance(transformer, DateFeatures)
    assert transformer.date_format == "%d/%m/%Y"


def test_a_new_model_names_the_new_module(tmp_path, capsys):
    model = tmp_path / "m.skops"
    status = main(
        ["fit", str(MODELS / "visits_train.csv"), "--target", "outcome"]
        + ["--cv", "0", "-o", str(model), "--quiet"]
    )
    assert status == 0
    schema = entry(model, "schema.json")
    assert '"sksigmoid.tabular._dates"' in schema
    assert "sksigmoid.cli" not in schema


@pytest.mark.parametrize("name", ["penguins_cli", "visits_cli"])
def test_record_reads_and_writes_back_the_same_json(name):
    """Check that a record keeps every value it read; one of 0.1.0 is written
    back with the defaults of the fields it lacked."""
    values = json.loads(entry(MODELS / f"{name}.skops", RECORD_ENTRY))
    written = ModelRecord.from_dict(values, "damaged").to_dict()
    assert {key: written[key] for key in values} == values
    assert written.get("missing") == values.get("missing")


def test_record_of_0_1_0_has_the_defaults_of_its_time():
    """Check that a record written before --missing reads as a model that
    refuses empty cells and reads commas."""
    _, record = load_model(MODELS / "penguins_cli.skops")
    assert record.missing is None and not record.imputes
    assert (record.separator, record.decimal, record.na) == (",", ".", ())
    assert record.date_columns == {} and record.cross_validation.folds == 5
    assert record.plan.numeric == [
        "bill_length_mm",
        "bill_depth_mm",
        "flipper_length_mm",
        "body_mass_g",
        "year",
    ]


def test_record_is_frozen():
    values = json.loads(entry(VISITS, RECORD_ENTRY))
    record = ModelRecord.from_dict(values, "damaged")
    with pytest.raises(AttributeError):
        record.target = "other"


@pytest.mark.parametrize(
    "change, message",
    [
        ({"training_rows": True}, "its 'training_rows' is not valid"),
        ({"training_rows": 0}, "its 'training_rows' is not valid"),
        ({"model": "forest"}, "its 'model' is not valid"),
        ({"numeric_columns": ["a", 1]}, "its 'numeric_columns' is not valid"),
        ({"date_columns": {"d": "%Y"}}, "its 'date_columns' is not valid"),
        ({"missing": None}, "its 'missing' is not valid"),
        ({"separator": ";;"}, "its 'separator' is not valid"),
        ({"imputed_columns": {"x": 0}}, "its 'imputed_columns' is not valid"),
        ({"cross_validation": []}, "cross_validation is not a JSON object"),
        (
            {"cross_validation": {"folds": 1}},
            "its cross_validation 'folds' is not valid",
        ),
        (
            {"cross_validation": {"folds": 3, "accuracy": [1.0]}},
            "it has no cross_validation 'seconds_per_fit'",
        ),
        (
            {"cross_validation": {"folds": 3, "accuracy": [1.0], "seconds_per_fit": 1}},
            "it has no cross_validation 'log_loss'",
        ),
        (
            {
                "task": "regress",
                "cross_validation": {"folds": 3, "r2": [0.5], "seconds_per_fit": 1},
            },
            "it has no cross_validation 'mae'",
        ),
        ({"task": "forecast"}, "its 'task' is not valid"),
    ],
)
def test_record_refuses_a_value_of_the_wrong_type(change, message):
    values = json.loads(entry(VISITS, RECORD_ENTRY)) | change
    with pytest.raises(ValueError, match=f"^damaged: {message}$"):
        ModelRecord.from_dict(values, "damaged")


def test_record_refuses_a_missing_field_naming_the_first():
    values = json.loads(entry(VISITS, RECORD_ENTRY))
    del values["target"], values["versions"]
    with pytest.raises(ValueError, match="^damaged: it has no 'target'$"):
        ModelRecord.from_dict(values, "damaged")
