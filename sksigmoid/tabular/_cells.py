"""How ``sksigmoid fit`` reads a table's cells: numbers, booleans and labels
from text, and the checks that refuse a cell that would be encoded silently
wrong, naming its column and CSV line."""

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer

from sksigmoid.tabular._csv import with_thousands
from sksigmoid.tabular._dates import (
    first_non_date,
)
from sksigmoid.tabular._quoting import shell_word

#: Cells that often mark a missing value (pandas' default markers, and a few
#: spreadsheet ones), which are values unless given with ``--na``.
NA_WORDS = frozenset(
    ["NA", "N/A", "n/a", "NaN", "nan", "null", "NULL", "None", "none", "?", "-"]
)

#: The words pandas reads as booleans; a column of them is numeric (0 and 1).
TRUE_WORDS = ("True", "TRUE", "true")
FALSE_WORDS = ("False", "FALSE", "false")


def csv_line(source, row):
    """The CSV file's line of data row ``row`` (its index label: rows left out
    keep the others' numbers), physical if ``source`` knows its text (blank
    lines and quoted newlines counted); else line 1 is the header."""
    line = getattr(source, "line", None)
    return line(row) if line is not None else int(row) + 2


def first_label(mask):
    """The index label of the first True of a boolean Series."""
    return mask.index[np.flatnonzero(mask.to_numpy())[0]]


def boolean_numbers(column):
    """``column`` as 1.0 and 0.0 if its filled cells are all boolean words, else
    None."""
    filled = column.dropna()
    if len(filled) and filled.isin(TRUE_WORDS + FALSE_WORDS).all():
        return column.map(lambda cell: float(cell in TRUE_WORDS), na_action="ignore")
    return None


def parsed_numbers(column):
    """The cells of a text column as float numbers, NaN where not a number."""
    if pd.api.types.is_numeric_dtype(column):
        return column.astype(float)
    booleans = boolean_numbers(column)
    if booleans is not None:
        return booleans.astype(float)
    return pd.to_numeric(column, errors="coerce").astype(float)


def as_labels(column):
    """Class labels typed as pandas would read them: integers, booleans, floats
    (a continuous target, refused later) or text."""
    booleans = boolean_numbers(column)
    if booleans is not None and column.notna().all():
        return booleans.astype(bool)
    numbers = pd.to_numeric(column, errors="coerce")
    if numbers.notna().all() and np.isfinite(numbers).all():
        return numbers
    return column


def empty_cells(X, columns):
    """Column -> its number of empty cells, for the ``columns`` that have some."""
    counts = X[list(columns)].isna().sum()
    return {name: int(count) for name, count in counts.items() if count}


def as_numeric(X, numeric, *, source, refuse_empty=None):
    """``X`` with its ``numeric`` columns as float numbers (NaN where empty).

    Raises
    ------
    ValueError
        Naming the column and the line of the first cell that is not a finite
        number, or, if ``refuse_empty`` (``"fit"`` or ``"model"``: whose
        advice :data:`FILL_OR_IMPUTE` gives), of the first empty cell.
    """
    X = X.copy()
    for name in numeric:
        column = X[name]
        numbers = parsed_numbers(column)
        wrong = (numbers.isna() | np.isinf(numbers)) & column.notna()
        if wrong.any():
            # Amounts (2,744.07) are not numbers here only because another
            # cell kept read_csv from reading them as numbers: name that one.
            words = wrong & ~with_thousands(column)
            row = first_label(words if words.any() else wrong)
            cell = column[row]
            if not isinstance(cell, str) and hasattr(source, "cell"):
                cell = source.cell(name, row)  # "1e400" rather than inf
            # nan, inf and 1e400 parse, but a model cannot use them.
            not_finite = np.isinf(numbers[row]) or str(cell).strip().lstrip(
                "+-"
            ).lower() in ("nan", "inf", "infinity")
            if not_finite:
                problem = "not a finite number"
            else:
                # A word among numbers usually marks a missing value (R writes NA).
                marker = shell_word(cell)
                problem = f"not a number (if it marks a missing value: --na {marker})"
            raise ValueError(
                f"{source}: column {name!r} holds numbers, but line "
                f"{csv_line(source, row)} has {cell!r}, which is {problem}"
            )
        if refuse_empty:
            check_filled(column, name, source=source, advice=refuse_empty)
        X[name] = numbers
    return X


def as_text(X, words):
    """``X`` with its ``words`` columns as text, an empty cell as ``""`` (no
    words): ``TfidfVectorizer`` takes nothing else."""
    if not words:
        return X
    X = X.copy()
    for name in words:
        X[name] = X[name].astype(object).where(X[name].notna(), "").astype(str)
    return X


def check_words(X, words, *, source):
    """Refuse a ``words`` column without a word (of two letters or more, as
    ``TfidfVectorizer`` finds them) in any cell: it would teach nothing, and
    scikit-learn's error ("empty vocabulary") would not name it."""
    find_words = TfidfVectorizer().build_analyzer()
    for name in words:
        if not any(find_words(cell) for cell in X[name]):
            raise ValueError(
                f"{source}: column {name!r} holds no word of two letters or more, "
                "so --words learns nothing from it"
            )


#: What to do about empty cells that a fit refuses, or that a model cannot fill.
FILL_OR_IMPUTE = {
    "fit": "fill those cells, or fit with --missing impute or --missing drop",
    "model": "fill those cells; the model was fitted without imputing (a model "
    "fitted with --missing impute fills them)",
}


def check_filled(column, name, *, source, advice="fit"):
    """Refuse a column with an empty cell, naming the first one's line."""
    if column.isna().any():
        raise ValueError(
            f"{source}: column {name!r} is empty on {column.isna().sum()} rows "
            f"(first on line {csv_line(source, first_label(column.isna()))}); "
            f"{FILL_OR_IMPUTE[advice]}"
        )


def check_dates(X, dates, *, source, refuse_empty=None):
    """Refuse a filled cell of a date column that is not a date in its format
    (or, if ``refuse_empty``, an empty one, as :func:`as_numeric`), naming its
    line."""
    for name, date_format in dates.items():
        column = X[name]
        position = first_non_date(column, date_format)
        if position is not None:
            row = column.index[position]
            marker = shell_word(column[row])
            raise ValueError(
                f"{source}: column {name!r} holds dates ({date_format}), but line "
                f"{csv_line(source, row)} has {column[row]!r}, which is not one (if "
                f"it marks a missing value: --na {marker}; to one-hot encode the "
                f"column: --text {shell_word(name)})"
            )
        if refuse_empty:
            check_filled(column, name, source=source, advice=refuse_empty)
