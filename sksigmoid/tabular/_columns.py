"""A table's columns planned as ``sksigmoid fit`` plans them, and the
preprocessing that encodes them.

Each feature column gets one kind (:func:`plan_columns`). Columns pandas typed
as numbers are numeric; a text column is too if most of its cells are numbers
(the others are refused); a text column whose cells are all dates in one format
is a date column; the rest are categorical. Numeric columns have their empty
cells imputed and are standardized, date columns become year, month, day of
year and day of week, and categorical ones are one-hot encoded (an empty cell
is a category of its own), by a ``ColumnTransformer``
(:func:`make_preprocessor`) that becomes the first step of ``fit``'s pipeline,
so that ``predict`` repeats every choice ``fit`` made.
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

from sksigmoid.tabular._csv import SEPARATORS
from sksigmoid.tabular._dates import (
    DATE_FORMATS,
    DateFeatures,
    date_formats,
    first_non_date,
    read_dates,
)
from sksigmoid.tabular._quoting import separator_name, shell_word

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


def split_target(frame, target, *, id_column=None, source="DataFrame"):
    """Split a table into its feature columns and its class labels, as
    ``sksigmoid fit`` does.

    Labels are typed as pandas would read them (``"True"`` and ``"False"`` as
    booleans, numbers as numbers); a continuous target, or one of a single
    class, is refused with a ``ValueError``.

    Parameters
    ----------
    frame : pandas.DataFrame
        The table as read.
    target : str
        The column to predict: class labels, at least two. Rows where it is
        empty are left out.
    id_column : str, default=None
        A column that names the rows: left out of the features.
    source : str or CsvSource, default="DataFrame"
        The table's name in the error messages; a :class:`CsvSource` names
        the file's lines too.

    Returns
    -------
    X : pandas.DataFrame
        The rows with a target; the index keeps their positions in ``frame``.
    y : pandas.Series
        Their labels.

    Examples
    --------
    >>> import pandas as pd
    >>> from sksigmoid.tabular import split_target
    >>> frame = pd.DataFrame(
    ...     {"id": ["a", "b", "c"], "x": [1.0, 2.0, 3.0], "y": ["no", None, "yes"]}
    ... )
    >>> X, y = split_target(frame, "y", id_column="id")
    >>> X
         x
    0  1.0
    2  3.0
    >>> y.tolist()
    ['no', 'yes']
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
    """The kind of each feature column of a table, as :func:`plan_columns`
    decides it, and the columns it leaves out.

    Attributes
    ----------
    numeric : list of str
        Numbers: imputed, standardized.
    categorical : list of str
        One-hot encoded.
    dates : dict
        Date column -> the format its cells are read in (``"ISO8601"``,
        ``"%d/%m/%Y"``...): year, month, day of year and day of week.
    ambiguous_dates : list of str
        The columns of dates whose day and month could be read either way:
        dates read month first if given as ``dates``, else one-hot encoded.
    row_numbers : dict
        Left out: column -> why it was taken for row numbers.
    empty : list of str
        Left out: the columns without a filled cell.

    Examples
    --------
    >>> from sksigmoid.tabular import ColumnPlan
    >>> plan = ColumnPlan(numeric=["age"], categorical=["town"], empty=["note"])
    >>> plan.columns
    ['age', 'town']
    >>> plan.left_out
    {'note': 'empty on every row'}
    """

    numeric: list = field(default_factory=list)
    categorical: list = field(default_factory=list)
    dates: dict = field(default_factory=dict)
    ambiguous_dates: list = field(default_factory=list)
    row_numbers: dict = field(default_factory=dict)
    empty: list = field(default_factory=list)

    @property
    def columns(self):
        """The feature columns, in the order the preprocessor reads them."""
        return [*self.numeric, *self.dates, *self.categorical]

    @property
    def left_out(self):
        """Column -> why it is no feature, as a model file records it."""
        return {
            **{name: f"row numbers: {why}" for name, why in self.row_numbers.items()},
            **dict.fromkeys(self.empty, "empty on every row"),
        }


def _is_mostly_numbers(column):
    filled = column.notna().sum()
    return parsed_numbers(column).notna().sum() > filled / 2


def plan_columns(
    X, *, categorical=(), dates=(), keep=(), first_column=None, source="DataFrame"
):
    """Decide the kind of each column of ``X`` as ``sksigmoid fit`` does, and
    which columns to leave out.

    A text column in which most filled cells are numbers is numeric: its other
    cells are mistakes for :func:`as_numeric` to report, not categories. So is
    a column of boolean words, as pandas would have typed them. A text column
    whose filled cells are all dates in one of the formats of
    ``ISO8601``, ``%Y/%m/%d``, ``%m/%d/%Y``, ``%d/%m/%Y``, ``%d.%m.%Y``,
    ``%m-%d-%Y`` or ``%d-%m-%Y`` (and only one: ``01/02/2024``
    throughout could be either day first or month first) is a date column, and
    so is one in which most distinct cells are dates in one format (the others
    are mistakes for :func:`check_dates` to report). The
    ``categorical`` columns (``--categorical``) are one-hot encoded whatever they
    hold; the ``dates`` ones (``--date``, read as text) must be dates, read
    month first when day and month cannot be told apart, as pandas reads them.

    Columns that number the rows are left out (:func:`row_numbers`): as a
    feature, a row's number would leak the order of the rows (a file sorted by
    class, say) into the model. So are columns without a filled cell.

    Parameters
    ----------
    X : pandas.DataFrame
        The feature columns, as :func:`read_csv` reads them: every row, for
        row numbers to count the whole table.
    categorical : sequence of str, default=()
        Columns to one-hot encode whatever they hold.
    dates : sequence of str, default=()
        Columns that must be dates.
    keep : sequence of str, default=()
        Columns to keep as features even if they number the rows.
    first_column : str, default=None
        The table's first column, left out if unnamed (a written index); by
        default the first column of ``X``.
    source : str or CsvSource, default="DataFrame"
        The table's name in the error messages.

    Returns
    -------
    plan : ColumnPlan

    Raises
    ------
    ValueError
        If a ``dates`` column has a cell that no format reads as a date.

    Examples
    --------
    >>> import pandas as pd
    >>> from sksigmoid.tabular import plan_columns
    >>> X = pd.DataFrame(
    ...     {
    ...         "n": [1, 2, 3],
    ...         "mass": ["3,5", "4.1", "2"],
    ...         "day": ["2024-01-31", "2024-02-29", None],
    ...         "town": ["Oslo", "Rome", "Oslo"],
    ...     }
    ... )
    >>> plan = plan_columns(X)
    >>> plan.numeric, plan.dates, plan.categorical
    (['mass'], {'day': 'ISO8601'}, ['town'])
    >>> plan.left_out
    {'n': 'row numbers: it counts the rows 1 to 3'}
    """
    plan = _kinds(X, categorical, dates, source)
    if first_column is None and len(X.columns):
        first_column = X.columns[0]
    plan.row_numbers = row_numbers(
        X, plan.numeric, first_column=first_column, keep=keep
    )
    left_out = plan.left_out
    plan.numeric = [n for n in plan.numeric if n not in left_out]
    plan.categorical = [n for n in plan.categorical if n not in left_out]
    plan.dates = {n: f for n, f in plan.dates.items() if n not in left_out}
    plan.ambiguous_dates = [n for n in plan.ambiguous_dates if n not in left_out]
    return plan


def _kinds(X, categorical, dates, source):
    """The kind of each column of ``X``; the empty ones in ``empty``."""
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
        unnamed = isinstance(name, str) and (name == "" or name.startswith("Unnamed: "))
        if name == first_column and unnamed:
            numbering[name] = "it is the unnamed first column"
        elif name in numeric and len(X) > 1:
            numbers = parsed_numbers(X[name]).to_numpy()
            if any(np.array_equal(numbers, count) for count in counting):
                numbering[name] = (
                    f"it counts the rows {numbers[0]:g} to {numbers[-1]:g}"
                )
    return numbering


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
    """The ``ColumnTransformer`` that ``sksigmoid fit`` puts before its
    estimator, for the columns of ``plan``.

    Numeric columns: the median of each fills its empty cells, and a column of
    0/1 marks the cells filled, for each column that had some during fit (as
    ``SimpleImputer(add_indicator=True)`` does); then standardized (or passed
    through with ``scale=False``). Date columns: their four features
    (:class:`DateFeatures`), then the same. Categorical
    ones: one-hot encoded, an empty cell being a category of its own, and
    categories first seen at predict time encoding as all zeros, as
    scikit-learn's ``handle_unknown="ignore"`` does, rather than fail. Without
    ``impute``, nothing fills empty cells: the command line refuses them first.
    The output is always dense (``sparse_threshold=0``): the estimators take
    dense arrays only.

    Parameters
    ----------
    plan : ColumnPlan
        The kinds of the columns, as :func:`plan_columns` decides them.
    scale : bool, default=True
        Whether to standardize the numbers (``sksigmoid fit --no-scale``).
    impute : bool, default=True
        Whether to fill empty cells (``sksigmoid fit --missing impute``).

    Returns
    -------
    preprocessor : sklearn.compose.ColumnTransformer
        Not fitted; its transformers are named ``numeric``, ``date0``,
        ``date1``... and ``categorical``. Below, ``age`` standardized, the
        column that marks its imputed cell (standardized too), then ``town``'s
        categories: Oslo, Rome and the empty cell.

    Examples
    --------
    >>> import pandas as pd
    >>> from sksigmoid.tabular import ColumnPlan, make_preprocessor
    >>> X = pd.DataFrame({"age": [20.0, None, 40.0], "town": ["Oslo", "Rome", None]})
    >>> preprocessor = make_preprocessor(
    ...     ColumnPlan(numeric=["age"], categorical=["town"])
    ... )
    >>> preprocessor.fit_transform(X).round(3)
    array([[-1.225, -0.707,  1.   ,  0.   ,  0.   ],
           [ 0.   ,  1.414,  0.   ,  1.   ,  0.   ],
           [ 1.225, -0.707,  0.   ,  0.   ,  1.   ]])
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


def check_features(plan, *, source="DataFrame"):
    """Refuse a plan that leaves no feature column."""
    if not plan.columns:
        raise ValueError(
            f"{source} has no feature columns besides the ones left out "
            f"({', '.join(plan.left_out)})"
        )


def plan_table(
    frame,
    target,
    *,
    id_column=None,
    categorical=(),
    dates=(),
    keep=(),
    source="DataFrame",
):
    """The features, labels and column plan ``sksigmoid fit`` makes of a table.

    The rows with a target (:func:`split_target`), the kinds of their columns
    and the columns left out (:func:`plan_columns`), the numeric columns as
    float numbers; a cell that would be encoded silently wrong (a word or an
    infinite number among numbers, a word among dates) is refused with a
    ``ValueError`` that names its column, and its line if ``source`` is a
    :class:`CsvSource`. Empty cells stay, for :func:`make_preprocessor` to
    fill.

    Parameters
    ----------
    frame : pandas.DataFrame
        The table, as :func:`read_csv` reads it.
    target : str
        The column of class labels.
    id_column : str, default=None
        A column that names the rows: no feature.
    categorical : sequence of str, default=()
        Columns to one-hot encode whatever they hold
        (``sksigmoid fit --categorical``).
    dates : sequence of str, default=()
        Columns that must be dates (``--date``).
    keep : sequence of str, default=()
        Columns to keep as features even if they number the rows (``--keep``).
    source : str or CsvSource, default="DataFrame"
        The table's name in the error messages.

    Returns
    -------
    X : pandas.DataFrame
        The feature columns of the rows with a target, the columns left out
        dropped.
    y : pandas.Series
        Their labels.
    plan : ColumnPlan
        The kinds of the columns of ``X``, for :func:`make_preprocessor`.

    Examples
    --------
    >>> from importlib.resources import files
    >>> from sklearn.pipeline import make_pipeline
    >>> from sksigmoid import SigmoidNeuronClassifier
    >>> from sksigmoid.tabular import make_preprocessor, plan_table, read_csv
    >>> frame = read_csv(files("sksigmoid") / "data" / "penguins_train.csv")
    >>> X, y, plan = plan_table(frame, "species", id_column="id")
    >>> plan.numeric
    ['bill_length_mm', 'bill_depth_mm', 'flipper_length_mm', 'body_mass_g', 'year']
    >>> plan.categorical
    ['island', 'sex']
    >>> model = make_pipeline(
    ...     make_preprocessor(plan), SigmoidNeuronClassifier(random_state=0)
    ... ).fit(X, y)
    >>> model.predict(X.iloc[:3]).tolist()
    ['Adelie', 'Adelie', 'Adelie']
    """
    X, y = split_target(frame, target, id_column=id_column, source=source)
    plan = plan_columns(
        frame[X.columns],
        categorical=categorical,
        dates=dates,
        keep=keep,
        first_column=frame.columns[0],
        source=source,
    )
    check_features(plan, source=source)
    X = X[[name for name in X.columns if name not in plan.left_out]]
    check_dates(X, plan.dates, source=source)
    return as_numeric(X, plan.numeric, source=source), y, plan
