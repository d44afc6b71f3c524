"""``sksigmoid fit --words``: free text learned as TF-IDF, sparse to the
estimator, and the line that suggests it for a column that looks like free text.

The expected numbers come from the pipeline built by hand with scikit-learn
(``TfidfVectorizer`` in a ``ColumnTransformer``, then the estimator), on the
numpy and pandas docstrings shipped in ``sksigmoid/data``.
"""

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
import skops.io
from sklearn.compose import make_column_transformer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import accuracy_score
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from test_cli_commands import run

from sksigmoid import SigmoidNeuronClassifier
from sksigmoid.cli._files import TRUSTED_TYPES, load_model
from sksigmoid.tabular._hints import free_text

DATA = Path(__file__).resolve().parents[1] / "sksigmoid" / "data"

#: Rows of the test file whose text is emptied: no words.
EMPTIED = [3, 40]


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    """The docstrings with a numeric column, the length of the text; the test
    file with two empty texts."""
    folder = tmp_path_factory.mktemp("docstrings")
    for part in ("train", "test"):
        frame = pd.read_csv(DATA / f"docstrings_{part}.csv")
        frame["length"] = frame["description"].str.len()
        if part == "test":
            frame.loc[EMPTIED, "description"] = np.nan
        frame.to_csv(folder / f"{part}.csv", index=False)
    return folder


def by_hand(files):
    """The pipeline ``fit --words description`` builds, written out, and its data."""
    train = pd.read_csv(files / "train.csv")
    X, y = train[["length", "description"]], train["library"]
    pipeline = make_pipeline(
        make_column_transformer(
            (StandardScaler(), ["length"]),
            (TfidfVectorizer(), "description"),
            sparse_threshold=1,
        ),
        SigmoidNeuronClassifier(random_state=0),
    )
    return pipeline, X, y


def held_out(files):
    test = pd.read_csv(files / "test.csv")
    return test[["length", "description"]].fillna(""), test["library"]


@pytest.fixture(scope="module")
def fitted(files):
    """A model fitted with --words description and 3 folds, and what fit printed."""
    model = files / "words.skops"
    status, out, err = run(
        ["fit", files / "train.csv", "--target", "library", "--id", "name"]
        + ["--words", "description", "--cv", "3", "-o", model]
    )
    assert status == 0 and err == ""
    return model, out


def test_fit_prints_the_scores_of_the_pipeline_built_by_hand(files, fitted):
    _, out = fitted
    pipeline, X, y = by_hand(files)
    folds = StratifiedKFold(3, shuffle=True, random_state=0)
    accuracy = cross_val_score(pipeline, X, y, cv=folds).mean()
    assert f"3-fold cross-validation: accuracy {accuracy:.3f} +/- " in out
    assert (
        "390 rows; target 'library' with 2 classes; 1 numeric columns "
        "(standardized), 0 one-hot encoded, 1 of words (TF-IDF)"
    ) in out
    # A column named by --words gets no suggestion to name it.
    assert "looks like free text" not in out


def test_saved_model_is_the_pipeline_built_by_hand(files, fitted):
    model, _ = fitted
    loaded = skops.io.load(model, trusted=TRUSTED_TYPES)
    pipeline, X, y = by_hand(files)
    pipeline.fit(X, y)
    test, _ = held_out(files)
    np.testing.assert_array_equal(loaded.predict(test), pipeline.predict(test))
    np.testing.assert_allclose(
        loaded.predict_proba(test), pipeline.predict_proba(test), rtol=0, atol=1e-12
    )


def test_the_words_reach_the_estimator_sparse(files, fitted):
    """Check that the features are a CSR matrix, the vectorizer's columns
    stored sparse beside the standardized length."""
    pipeline, record = load_model(fitted[0])
    assert record.word_columns == ("description",)
    test, _ = held_out(files)
    features = pipeline[0].transform(test)
    assert sp.issparse(features) and features.format == "csr"
    vocabulary = pipeline[0].named_transformers_["words0"].vocabulary_
    assert features.shape == (len(test), 1 + len(vocabulary))
    assert features.nnz < 0.05 * np.prod(features.shape)


def test_evaluate_and_predict_read_the_words_and_empty_texts(files, fitted):
    model, _ = fitted
    pipeline, X, y = by_hand(files)
    pipeline.fit(X, y)
    test, labels = held_out(files)
    expected = pipeline.predict(test)
    status, out, err = run(["evaluate", model, files / "test.csv"])
    assert status == 0 and err == ""
    accuracy = accuracy_score(labels, expected)
    assert f"accuracy  {accuracy:.4f}" in out and accuracy > 0.9
    output = files / "predictions.csv"
    status, _, err = run(["predict", model, files / "test.csv", "-o", output])
    assert status == 0 and err == ""
    written = pd.read_csv(output)["library"]
    assert len(written) == len(test)
    np.testing.assert_array_equal(written, expected)


def test_info_lists_the_words_and_their_vocabulary(files, fitted):
    pipeline, X, y = by_hand(files)
    vectorizer = pipeline[0].fit(X).named_transformers_["tfidfvectorizer"]
    words = len(vectorizer.vocabulary_)
    status, out, _ = run(["info", fitted[0]])
    info = {line[:25].strip(): line[25:] for line in out.splitlines()[2:]}
    assert status == 0
    assert info["word features"] == f"description (TF-IDF of {words} words)"
    assert info["one-hot features"] == "-"
    assert info["onnx inputs"] == "length: double (N, 1); description: string (N, 1)"


def test_empty_texts_in_fit_are_texts_without_words(files, tmp_path):
    train = pd.read_csv(files / "train.csv")
    train.loc[[0, 5], "description"] = np.nan
    train.to_csv(tmp_path / "gaps.csv", index=False)
    model = tmp_path / "model.skops"
    status, out, err = run(
        ["fit", tmp_path / "gaps.csv", "--target", "library", "--id", "name"]
        + ["--words", "description", "--cv", "0", "-o", model]
    )
    assert status == 0 and err == ""
    assert "Column 'description': 2 empty cells are read as text without words" in out
    _, record = load_model(model)
    assert record.imputed_columns == {}
    status, _, err = run(
        ["fit", tmp_path / "gaps.csv", "--target", "library", "--id", "name"]
        + ["--words", "description", "--missing", "error", "-o", model]
    )
    assert status == 2 and "column 'description' is empty on 2 rows" in err


def test_words_without_a_word_are_refused_in_one_line(tmp_path):
    frame = pd.DataFrame({"note": ["a b", "c", None] * 4, "y": [0, 1] * 6})
    frame.to_csv(tmp_path / "letters.csv", index=False)
    status, out, err = run(
        ["fit", tmp_path / "letters.csv", "--target", "y", "--words", "note"]
        + ["-o", tmp_path / "m"]
    )
    assert status == 2 and len(err.splitlines()) == 1
    assert "column 'note' holds no word of two letters or more" in err
    assert list(tmp_path.iterdir()) == [tmp_path / "letters.csv"]


def test_a_column_that_looks_like_free_text_gets_one_line_suggesting_words(
    files, tmp_path
):
    """Check the line, and that the column stays one-hot encoded (a hint
    changes nothing) without the warning of a column of identifiers."""
    model = tmp_path / "model.skops"
    status, out, err = run(
        ["fit", files / "train.csv", "--target", "library", "--id", "name"]
        + ["--cv", "0", "-o", model]
    )
    assert status == 0 and err == ""
    train = pd.read_csv(files / "train.csv")
    words = train["description"].str.split().str.len().mean()
    hints = [line for line in out.splitlines() if "--words" in line]
    assert hints == [
        f"Column 'description' looks like free text (390 distinct cells of 390, "
        f"{words:.1f} words on average), one-hot encoded one category a sentence; "
        "--words description learns its words"
    ]
    _, record = load_model(model)
    assert record.categorical_columns == ("description",)
    assert record.word_columns == ()


def test_no_suggestion_for_categorical_given_columns(files, tmp_path):
    status, out, _ = run(
        ["fit", files / "train.csv", "--target", "library", "--id", "name"]
        + ["--categorical", "description", "--cv", "0", "-o", tmp_path / "m"]
    )
    assert status == 0 and "--words" not in out


@pytest.mark.parametrize(
    "cells, expected",
    [
        # 12 distinct sentences of 4 words: free text.
        ([f"the {n}th row here" for n in range(12)], (12, 12, 4.0)),
        # Half distinct is enough; the empty cells do not count.
        ([f"a b c {n % 6}" for n in range(12)] + [None] * 5, (6, 12, 4.0)),
        # Under half distinct: answers from a list, however long.
        ([f"a b c {n % 5}" for n in range(12)], None),
        # Distinct names of two words: identifiers, not text.
        ([f"Ada Lovelace{n}" for n in range(12)], None),
        # Ten cells are too few to tell.
        ([f"the {n}th row here" for n in range(10)], None),
    ],
    ids=["sentences", "half-distinct", "repeated", "names", "few"],
)
def test_free_text_is_mostly_distinct_cells_of_several_words(cells, expected):
    got = free_text(pd.Series(cells, dtype=object))
    assert (got and (got[0], got[1], round(got[2], 6))) == expected


def test_a_column_of_distinct_names_still_gets_the_identifier_warning(tmp_path):
    frame = pd.DataFrame(
        {
            "who": [f"Ada Lovelace{n}" for n in range(20)],
            "x": np.linspace(0, 1, 20) ** 2,
            "y": [0, 1] * 10,
        }
    )
    frame.to_csv(tmp_path / "names.csv", index=False)
    status, out, err = run(
        ["fit", tmp_path / "names.csv", "--target", "y", "--cv", "0"]
        + ["-o", tmp_path / "m"]
    )
    assert status == 0 and "--words" not in out
    assert re.search(r"column 'who' has a different value on every row", err)
