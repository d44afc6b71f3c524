"""From a user's table to a pipeline's input: the target, the feature columns, encoding.

Columns pandas typed as numbers are numeric; a text column is too if most of
its cells are numbers (the others are refused). Numeric columns are
standardized and the others one-hot encoded, by a
``ColumnTransformer`` that becomes the first step of the saved pipeline. Values
that would be encoded silently wrong (a word or an infinite number in a column
of numbers, an empty cell) are refused with the column and the CSV line that
hold them.
"""

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from sklearn.utils.multiclass import type_of_target

#: The words pandas reads as booleans; a column of them is numeric (0 and 1).
TRUE_WORDS = ("True", "TRUE", "true")
FALSE_WORDS = ("False", "FALSE", "false")


def _line(source, position):
    """The CSV file's line of a row position, physical if ``source`` knows its
    text (blank lines and quoted newlines counted); else line 1 is the header."""
    line = getattr(source, "line", None)
    return line(position) if line is not None else int(position) + 2


def _booleans(column):
    """``column`` as 1.0 and 0.0 if its filled cells are all boolean words, else
    None."""
    filled = column.dropna()
    if len(filled) and filled.isin(TRUE_WORDS + FALSE_WORDS).all():
        return column.map(lambda cell: float(cell in TRUE_WORDS), na_action="ignore")
    return None


def _parsed_numbers(column):
    """The cells of a text column as float numbers, NaN where not a number."""
    if pd.api.types.is_numeric_dtype(column):
        return column.astype(float)
    booleans = _booleans(column)
    if booleans is not None:
        return booleans.astype(float)
    return pd.to_numeric(column, errors="coerce").astype(float)


def as_labels(column):
    """Class labels typed as pandas would read them: integers, booleans, floats
    (a continuous target, refused later) or text."""
    booleans = _booleans(column)
    if booleans is not None and column.notna().all():
        return booleans.astype(bool)
    numbers = pd.to_numeric(column, errors="coerce")
    if numbers.notna().all() and np.isfinite(numbers).all():
        return numbers
    return column


def _missing_column_error(frame, column, source):
    return ValueError(
        f"{source} has no column {column!r}; its columns are "
        f"{', '.join(map(str, frame.columns))}"
    )


def target_column(frame, target, *, source):
    """The ``target`` column of ``frame``, refused if absent or with empty cells."""
    if target not in frame.columns:
        raise _missing_column_error(frame, target, source)
    y = frame[target]
    if y.isna().any():
        raise ValueError(
            f"{source}: the target column {target!r} is empty on {y.isna().sum()} "
            f"rows (first on line {_line(source, np.flatnonzero(y.isna())[0])})"
        )
    return as_labels(y)


def split_target(frame, target, *, id_column=None, source):
    """The feature columns and the target column of ``frame``, to fit on.

    Parameters
    ----------
    frame : pandas.DataFrame
        The table as read.
    target : str
        The column to predict: class labels, at least two, no empty cell.
    id_column : str, default=None
        A column that names the rows: left out of the features.
    source : str
        The file's name, for the error messages.

    Returns
    -------
    X : pandas.DataFrame
    y : pandas.Series
    """
    y = target_column(frame, target, source=source)
    if id_column is not None and id_column not in frame.columns:
        raise _missing_column_error(frame, id_column, source)
    if type_of_target(y) == "continuous":
        raise ValueError(
            f"{source}: the target column {target!r} holds continuous numbers "
            f"({y.nunique()} distinct values in {len(y)} rows); the estimators are "
            "classifiers and need class labels"
        )
    if y.nunique() < 2:
        raise ValueError(
            f"{source}: the target column {target!r} holds a single class "
            f"({y.iloc[0]!r}); a classifier needs at least two"
        )
    X = frame.drop(columns=[c for c in (target, id_column) if c is not None])
    if X.shape[1] == 0:
        raise ValueError(f"{source} has no feature columns besides {target!r}")
    return X, y


def numeric_and_categorical(X):
    """Split the columns of ``X`` into numeric ones and categorical ones.

    A text column in which most filled cells are numbers is numeric: its other
    cells are mistakes for :func:`as_numeric` to report, not categories. So is
    a column of boolean words, and an empty column (refused by
    :func:`as_numeric`), as pandas would have typed them.
    """
    numeric, categorical = [], []
    for name, column in X.items():
        filled = column.notna().sum()
        if _parsed_numbers(column).notna().sum() > filled / 2 or filled == 0:
            numeric.append(name)
        else:
            categorical.append(name)
    return numeric, categorical


def row_numbers(X, numeric, *, first_column, keep=()):
    """The columns of ``X`` that number the rows: to leave out of the features.

    An unnamed first column (``df.to_csv()`` writes the index there, and pandas
    reads it back as ``Unnamed: 0``), or a numeric column holding 0 to n - 1 or
    1 to n in order: as a feature it would leak the order of the rows (a file
    sorted by class, say) into the model. The ``keep`` columns stay features.

    Returns
    -------
    numbering : dict
        Column name -> why it was taken for row numbers.
    """
    numbering = {}
    counting = [np.arange(len(X)), np.arange(1, len(X) + 1)]
    for name in X.columns:
        if name in keep:
            continue
        if name == first_column and (name == "" or name.startswith("Unnamed: ")):
            numbering[name] = "it is the unnamed first column"
        elif name in numeric and len(X) > 1:
            numbers = _parsed_numbers(X[name]).to_numpy()
            if any(np.array_equal(numbers, count) for count in counting):
                numbering[name] = (
                    f"it counts the rows {numbers[0]:g} to {numbers[-1]:g}"
                )
    return numbering


def identifier_hints(X, numeric, categorical):
    """One message per column with a different value on every row (more than 10).

    A text column, or a numeric one of whole numbers (codes, ids): neither can
    help predict new rows. Numbers with a fraction are measurements, which are
    usually all distinct, and say nothing.
    """
    hints = []
    for name in X.columns:
        column = X[name]
        if not column.nunique() == len(column) > 10:
            continue
        if name in numeric:
            numbers = _parsed_numbers(column)
            if not (numbers.notna().all() and (numbers % 1 == 0).all()):
                continue
        hints.append(
            f"column {name!r} has a different value on every row, so it "
            f"cannot help predict new rows; leave it out with --id {name}"
        )
    return hints


def check_folds(y, folds, *, source):
    """Refuse ``folds``-fold stratified cross-validation when a class has fewer
    rows than folds: a test fold would miss it."""
    counts = y.value_counts()
    few = counts[counts < folds]
    if len(few):
        largest = int(counts.min())
        advice = f"--cv {largest} or --cv 0" if largest >= 2 else "--cv 0"
        classes = ", ".join(f"{label!r} ({count})" for label, count in few.items())
        raise ValueError(
            f"{source}: {folds}-fold cross-validation needs at least {folds} rows "
            f"of each class, but the class(es) {classes} have fewer; use {advice}"
        )


def as_numeric(X, numeric, *, source):
    """``X`` with its ``numeric`` columns as float numbers, none of them empty.

    Raises
    ------
    ValueError
        Naming the column and the line of the first cell that is not a finite
        number, or of the first empty cell.
    """
    X = X.copy()
    for name in numeric:
        column = X[name]
        numbers = _parsed_numbers(column)
        wrong = (numbers.isna() | np.isinf(numbers)) & column.notna()
        if wrong.any():
            position = np.flatnonzero(wrong)[0]
            cell = column.iloc[position]
            if not isinstance(cell, str) and hasattr(source, "cell"):
                cell = source.cell(name, position)  # "1e400" rather than inf
            # nan, inf and 1e400 parse, but a model cannot use them.
            not_finite = np.isinf(numbers.iloc[position]) or str(cell).strip().lstrip(
                "+-"
            ).lower() in ("nan", "inf", "infinity")
            problem = "not a finite number" if not_finite else "not a number"
            raise ValueError(
                f"{source}: column {name!r} holds numbers, but line "
                f"{_line(source, position)} has {cell!r}, which is {problem}"
            )
        if numbers.isna().any():
            raise ValueError(
                f"{source}: column {name!r} is empty on {numbers.isna().sum()} rows "
                f"(first on line {_line(source, np.flatnonzero(numbers.isna())[0])});"
                " fill those cells or drop the rows"
            )
        X[name] = numbers
    return X


def feature_columns(frame, columns, numeric, *, source):
    """The ``columns`` of ``frame`` a fitted model reads, its ``numeric`` ones as
    numbers; other columns (an id, the target) are left out."""
    missing = [name for name in columns if name not in frame.columns]
    if missing:
        raise ValueError(
            f"{source} lacks {len(missing)} of the model's feature columns: "
            f"{', '.join(missing)}"
        )
    return as_numeric(frame[list(columns)], numeric, source=source)


def make_preprocessor(numeric, categorical, *, scale=True):
    """A ``ColumnTransformer``: numeric columns standardized (or passed through
    with ``scale=False``), categorical ones one-hot encoded.

    Categories first seen at predict time encode as all zeros, as scikit-learn's
    ``handle_unknown="ignore"`` does, rather than fail. The output is always
    dense (``sparse_threshold=0``): the estimators take dense arrays only.
    """
    transformers = []
    if numeric:
        scaler = StandardScaler() if scale else "passthrough"
        transformers.append(("numeric", scaler, numeric))
    if categorical:
        encoder = OneHotEncoder(handle_unknown="ignore")
        transformers.append(("categorical", encoder, categorical))
    return ColumnTransformer(transformers, sparse_threshold=0)
