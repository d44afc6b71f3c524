"""Model files saved by an earlier release still load and predict the same.

The files in ``tests/data/models`` were written by sksigmoid as released before
the package's modules were reorganised (``make_model_files.py`` there says how),
together with what that release predicted for a few rows. skops records each
object's module path, so these tests fail if an estimator class moves.
"""

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import skops.io
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.datasets import load_breast_cancer

from sksigmoid.cli import TRUSTED_TYPES, main

MODELS = Path(__file__).parent / "data" / "models"
EXPECTED = json.loads((MODELS / "expected.json").read_text())
PACKAGE_DATA = Path(__file__).parents[1] / "sksigmoid" / "data"


def load(name):
    return skops.io.load(MODELS / f"{name}.skops", trusted=TRUSTED_TYPES)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_saved_model_predicts_as_the_release_that_saved_it(name):
    model = load(name)
    expected = EXPECTED[name]
    X = np.array(expected["X"])
    predictions = model.predict(X)
    assert_array_equal(predictions, np.array(expected["predict"], dtype=object))
    assert_allclose(model.predict_proba(X), expected["predict_proba"], rtol=1e-12)


def test_saved_partial_fit_model_continues_as_before():
    """Check that partial_fit on a loaded model takes the next chunk as the
    release that saved it would have (same statistics and row order)."""
    model = load("neuron_partial_fit")
    X, y = load_breast_cancer(return_X_y=True)
    model.partial_fit(X[400:500], y[400:500])
    expected = EXPECTED["neuron_partial_fit"]["coef_after_next_chunk"]
    assert_allclose(model.coef_, expected, rtol=1e-10)


def test_saved_command_line_pipeline_predicts_as_before(tmp_path, capsys):
    output = tmp_path / "predictions.csv"
    status = main(
        [
            "predict",
            str(MODELS / "penguins_cli.skops"),
            str(PACKAGE_DATA / "penguins_test.csv"),
            "-o",
            str(output),
        ]
    )
    assert status == 0
    expected = pd.read_csv(MODELS / "penguins_cli_predictions.csv")
    pd.testing.assert_frame_equal(pd.read_csv(output), expected)
