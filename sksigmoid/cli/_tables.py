"""From a user's table to a pipeline's input: the target, the feature columns, encoding.

Numeric columns are standardized and the others one-hot encoded, by a
``ColumnTransformer`` that becomes the first step of the saved pipeline. Values
that would be encoded silently wrong (a word in a column of numbers, an empty
cell) are refused with the column and the CSV line that hold them.
"""

import warnings

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from sklearn.utils.multiclass import type_of_target


def _line(position):
    """The CSV file's line number of a row position: line 1 is the header."""
    return int(position) + 2


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
            f"rows (first on line {_line(np.flatnonzero(y.isna())[0])})"
        )
    return y


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


def _parsed_numbers(column):
    return pd.to_numeric(column, errors="coerce")


def numeric_and_categorical(X):
    """Split the columns of ``X`` into numeric ones and categorical ones.

    A text column in which most filled cells are numbers is numeric: its other
    cells are mistakes for :func:`as_numeric` to report, not categories.
    """
    numeric, categorical = [], []
    for name, column in X.items():
        if pd.api.types.is_numeric_dtype(column):
            numeric.append(name)
        elif _parsed_numbers(column).notna().sum() > column.notna().sum() / 2:
            numeric.append(name)
        else:
            categorical.append(name)
            if column.nunique() == len(column) > 10:
                warnings.warn(
                    f"column {name!r} has a different value on every row, so it "
                    f"cannot help predict new rows; leave it out with --id {name}",
                    UserWarning,
                    stacklevel=2,
                )
    return numeric, categorical


def as_numeric(X, numeric, *, source):
    """``X`` with its ``numeric`` columns as numbers, none of them empty.

    Raises
    ------
    ValueError
        Naming the column and the line of the first cell that is not a number,
        or of the first empty cell.
    """
    X = X.copy()
    for name in numeric:
        column = X[name]
        numbers = (
            column if pd.api.types.is_numeric_dtype(column) else _parsed_numbers(column)
        )
        not_numbers = numbers.isna() & column.notna()
        if not_numbers.any():
            position = np.flatnonzero(not_numbers)[0]
            raise ValueError(
                f"{source}: column {name!r} holds numbers, but line "
                f"{_line(position)} has {column.iloc[position]!r}"
            )
        if numbers.isna().any():
            raise ValueError(
                f"{source}: column {name!r} is empty on {numbers.isna().sum()} rows "
                f"(first on line {_line(np.flatnonzero(numbers.isna())[0])}); "
                "fill those cells or drop the rows"
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
