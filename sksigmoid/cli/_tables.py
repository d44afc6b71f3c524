"""From a user's table to a pipeline's input: the target, the feature columns, encoding.

Each feature column gets one kind (:func:`plan_columns`). Columns pandas typed
as numbers are numeric; a text column is too if most of its cells are numbers
(the others are refused); a text column whose cells are all dates in one format
is a date column; the rest are categorical. Numeric columns have their empty
cells imputed and are standardized, date columns become year, month, day of
year and day of week, and categorical ones are one-hot encoded (an empty cell
is a category of its own), by a ``ColumnTransformer`` that becomes the first
step of the saved pipeline: ``predict`` repeats every choice ``fit`` made.
Values that would be encoded silently wrong (a word or an infinite number in a
column of numbers, a word in a column of dates) are refused with the column and
the CSV line that hold them.
"""

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from sklearn.utils.multiclass import type_of_target

from sksigmoid.cli._csv import SEPARATORS, separator_name
from sksigmoid.cli._dates import (
    DATE_FORMATS,
    DateFeatures,
    date_formats,
    first_non_date,
    read_dates,
)
from sksigmoid.cli._text import NA_WORDS, shell_word

#: The words pandas reads as booleans; a column of them is numeric (0 and 1).
TRUE_WORDS = ("True", "TRUE", "true")
FALSE_WORDS = ("False", "FALSE", "false")


def _line(source, row):
    """The CSV file's line of data row ``row`` (its index label: rows left out
    keep the others' numbers), physical if ``source`` knows its text (blank
    lines and quoted newlines counted); else line 1 is the header."""
    line = getattr(source, "line", None)
    return line(row) if line is not None else int(row) + 2


def _first(mask):
    """The index label of the first True of a boolean Series."""
    return mask.index[np.flatnonzero(mask.to_numpy())[0]]


def _booleans(column):
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


def separator_hint(frame, source):
    """The end of a missing column's error when the header, read as one column,
    holds another separator (the usual reason a named column is not found):
    ``"; its header is one column, which ';' separates: pass --sep ';'"``; else
    ``""``."""
    if frame.shape[1] != 1:
        return ""
    header = str(frame.columns[0])
    used = getattr(source, "separator", ",")
    # A space is not detected (text cells hold spaces), but may be the one.
    for separator in (*SEPARATORS, " "):
        if separator != used and separator in header:
            return (
                f"; its header is one column, which {separator_name(separator)} "
                f"separates: pass --sep {separator_name(separator)}"
            )
    return ""


def missing_column_error(frame, column, source, purpose=""):
    """The ValueError for a ``column`` that ``frame`` lacks, with its columns,
    and the column meant if the header names it in quotes (``'vote'``)."""
    quoted = [
        name
        for name in frame.columns
        if str(name) != column and str(name).strip("'\" ") == column
    ]
    hint = separator_hint(frame, source)
    if quoted:
        hint = (
            f"; the header names it with its quotes, {quoted[0]}: write "
            f"{shell_word(quoted[0])}"
        )
    return ValueError(
        f"{source} has no column {column!r}{purpose}; its columns are "
        f"{', '.join(map(str, frame.columns))}{hint}"
    )


def target_column(frame, target, *, source):
    """The filled cells of the ``target`` column of ``frame``, as labels.

    Rows whose target is empty cannot be trained or scored on; they are left
    out, and the caller says how many (the index keeps the others' rows).
    """
    if target not in frame.columns:
        raise missing_column_error(frame, target, source)
    y = frame[target]
    if y.isna().all():
        raise ValueError(f"{source}: the target column {target!r} is empty")
    return as_labels(y[y.notna()])


def split_target(frame, target, *, id_column=None, source):
    """The feature columns and the target column of ``frame``, to fit on.

    Parameters
    ----------
    frame : pandas.DataFrame
        The table as read.
    target : str
        The column to predict: class labels, at least two. Rows where it is
        empty are left out.
    id_column : str, default=None
        A column that names the rows: left out of the features.
    source : str
        The file's name, for the error messages.

    Returns
    -------
    X : pandas.DataFrame
        The rows with a target; the index keeps their positions in ``frame``.
    y : pandas.Series
    """
    y = target_column(frame, target, source=source)
    if id_column is not None and id_column not in frame.columns:
        raise missing_column_error(frame, id_column, source)
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
    X = frame.loc[y.index].drop(
        columns=[c for c in (target, id_column) if c is not None]
    )
    if X.shape[1] == 0:
        raise ValueError(f"{source} has no feature columns besides {target!r}")
    return X, y


@dataclass
class ColumnPlan:
    """The kind of each feature column, as :func:`plan_columns` decided it.

    Attributes
    ----------
    numeric : list of str
        Numbers: imputed, standardized.
    categorical : list of str
        One-hot encoded.
    dates : dict
        Date column -> the format of :data:`~sksigmoid.cli._dates.DATE_FORMATS`
        its cells are read in.
    ambiguous_dates : list of str
        The date columns whose day and month could be read either way.
    empty : list of str
        Columns without a filled cell: no feature at all.
    """

    numeric: list = field(default_factory=list)
    categorical: list = field(default_factory=list)
    dates: dict = field(default_factory=dict)
    ambiguous_dates: list = field(default_factory=list)
    empty: list = field(default_factory=list)

    @property
    def columns(self):
        """The feature columns, in the order the preprocessor reads them."""
        return [*self.numeric, *self.dates, *self.categorical]

    def without(self, names):
        """The plan with the columns ``names`` left out."""
        return ColumnPlan(
            numeric=[n for n in self.numeric if n not in names],
            categorical=[n for n in self.categorical if n not in names],
            dates={n: f for n, f in self.dates.items() if n not in names},
            ambiguous_dates=[n for n in self.ambiguous_dates if n not in names],
            empty=[n for n in self.empty if n not in names],
        )


def _is_mostly_numbers(column):
    filled = column.notna().sum()
    return parsed_numbers(column).notna().sum() > filled / 2


def plan_columns(X, *, categorical=(), dates=(), source):
    """Decide the kind of each column of ``X``.

    A text column in which most filled cells are numbers is numeric: its other
    cells are mistakes for :func:`as_numeric` to report, not categories. So is
    a column of boolean words, as pandas would have typed them. A text column
    whose filled cells are all dates in one of the formats of
    :data:`~sksigmoid.cli._dates.DATE_FORMATS` (and only one: ``01/02/2024``
    throughout could be either day first or month first) is a date column, and
    so is one in which most distinct cells are dates in one format (the others
    are mistakes for :func:`check_dates` to report). The
    ``categorical`` columns (``--categorical``) are one-hot encoded whatever they
    hold; the ``dates`` ones (``--date``, read as text) must be dates, read
    month first when day and month cannot be told apart, as pandas reads them.

    Raises
    ------
    ValueError
        If a ``dates`` column has a cell that no format reads as a date.
    """
    plan = ColumnPlan()
    for name, column in X.items():
        if column.isna().all():
            plan.empty.append(name)
        elif name in categorical:
            plan.categorical.append(name)
        elif name in dates:  # read as text, whatever it holds
            formats = date_formats(column)
            if not formats:
                raise _not_dates_error(column, name, source)
            plan.dates[name] = formats[0]
            if len(formats) > 1:
                plan.ambiguous_dates.append(name)
        elif _is_mostly_numbers(column):
            plan.numeric.append(name)
        else:
            formats = date_formats(column)
            if len(formats) == 1:
                plan.dates[name] = formats[0]
            elif formats:
                plan.ambiguous_dates.append(name)
                plan.categorical.append(name)
            elif mostly := date_formats(column, share=0.5):
                # As for numbers: the other cells are mistakes for check_dates
                # to report, not 1,000 categories of one day each.
                plan.dates[name] = mostly[0]
            else:
                plan.categorical.append(name)
    return plan


def _not_dates_error(column, name, source):
    """The error for a ``--date`` column: its first cell that no format reads,
    or, if each reads in some format, the first one the commonest misses."""
    read = {form: read_dates(column, form).notna() for form in DATE_FORMATS}
    unreadable = column.notna() & ~np.logical_or.reduce(list(read.values()))
    if unreadable.any():
        row = _first(unreadable)
        problem = "which is not a date (write dates as 2024-03-31, 31/03/2024...)"
    else:
        commonest = max(read, key=lambda form: read[form].sum())
        row = _first(column.notna() & ~read[commonest])
        problem = f"not in the form ({commonest}) of most of its dates"
    return ValueError(
        f"{source}: --date {name}: line {_line(source, row)} has "
        f"{column[row]!r}, {problem}"
    )


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
            numbers = parsed_numbers(X[name]).to_numpy()
            if any(np.array_equal(numbers, count) for count in counting):
                numbering[name] = (
                    f"it counts the rows {numbers[0]:g} to {numbers[-1]:g}"
                )
    return numbering


def check_folds(y, folds, *, source):
    """Refuse ``folds``-fold stratified cross-validation when a class has fewer
    rows than folds: a test fold would miss it."""
    counts = y.value_counts()
    few = counts[counts < folds]
    if len(few):
        largest = int(counts.min())
        advice = f"--cv {largest} or --cv 0" if largest >= 2 else "--cv 0"
        markers = [label for label in few.index if str(label).strip() in NA_WORDS]
        if markers:
            marker = shell_word(markers[0])
            advice += f" (or, if {markers[0]!r} marks a missing label, --na {marker})"
        classes = ", ".join(f"{label!r} ({count})" for label, count in few.items())
        raise ValueError(
            f"{source}: {folds}-fold cross-validation needs at least {folds} rows "
            f"of each class, but the class(es) {classes} have fewer; use {advice}"
        )


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
            row = _first(wrong)
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
                f"{_line(source, row)} has {cell!r}, which is {problem}"
            )
        if refuse_empty:
            check_filled(column, name, source=source, advice=refuse_empty)
        X[name] = numbers
    return X


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
            f"(first on line {_line(source, _first(column.isna()))}); "
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
                f"{_line(source, row)} has {column[row]!r}, which is not one (if "
                f"it marks a missing value: --na {marker}; to one-hot encode the "
                f"column: --text {shell_word(name)})"
            )
        if refuse_empty:
            check_filled(column, name, source=source, advice=refuse_empty)


def feature_columns(frame, columns, plan, *, source, imputes):
    """The ``columns`` of ``frame`` a fitted model reads, numeric ones as
    numbers; other columns (an id, the target) are left out.

    Parameters
    ----------
    frame : pandas.DataFrame
        The table as read.
    columns : list of str
        The model's feature columns, in the order it was fitted on.
    plan : ColumnPlan
        The kinds of the model's feature columns.
    source : CsvSource
        The file, for the error messages.
    imputes : bool
        Whether the model imputes empty cells; if not, they are refused.
    """
    missing = [name for name in columns if name not in frame.columns]
    if missing:
        raise ValueError(
            f"{source} lacks {len(missing)} of the model's feature columns: "
            f"{', '.join(missing)}{separator_hint(frame, source)}"
        )
    X = frame[list(columns)]
    refuse_empty = None if imputes else "model"
    check_dates(X, plan.dates, source=source, refuse_empty=refuse_empty)
    return as_numeric(X, plan.numeric, source=source, refuse_empty=refuse_empty)


def make_preprocessor(plan, *, scale=True, impute=True):
    """A ``ColumnTransformer`` of the columns of ``plan``.

    Numeric columns: the median of each fills its empty cells, and a column of
    0/1 marks the cells filled, for each column that had some during fit (as
    ``SimpleImputer(add_indicator=True)`` does); then standardized (or passed
    through with ``scale=False``). Date columns: their four features
    (:class:`~sksigmoid.cli._dates.DateFeatures`), then the same. Categorical
    ones: one-hot encoded, an empty cell being a category of its own, and
    categories first seen at predict time encoding as all zeros, as
    scikit-learn's ``handle_unknown="ignore"`` does, rather than fail. Without
    ``impute``, nothing fills empty cells: the command line refuses them first.
    The output is always dense (``sparse_threshold=0``): the estimators take
    dense arrays only.
    """

    def numbers(*steps):
        if impute:
            steps += (SimpleImputer(strategy="median", add_indicator=True),)
        if scale:
            steps += (StandardScaler(),)
        return make_pipeline(*steps) if steps else "passthrough"

    transformers = []
    if plan.numeric:
        transformers.append(("numeric", numbers(), plan.numeric))
    for i, (name, date_format) in enumerate(plan.dates.items()):
        transformers.append((f"date{i}", numbers(DateFeatures(date_format)), [name]))
    if plan.categorical:
        encoder = OneHotEncoder(handle_unknown="ignore")
        transformers.append(("categorical", encoder, plan.categorical))
    return ColumnTransformer(transformers, sparse_threshold=0)
