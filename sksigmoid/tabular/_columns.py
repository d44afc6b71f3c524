"""A table's columns planned as ``sksigmoid fit`` plans them, and the
preprocessing that encodes them.

Each feature column gets one kind (:func:`plan_columns`). Columns pandas typed
as numbers are numeric; a text column is too if most of its cells are numbers
(the others are refused); a text column whose cells are all dates in one format
is a date column; the rest are categorical, unless named as words. Numeric
columns have their empty cells imputed and are standardized, date columns
become year, month, day of year and day of week, categorical ones are one-hot
encoded (an empty cell is a category of its own), and columns of words become
the TF-IDF of their words, by a ``ColumnTransformer``
(:func:`make_preprocessor`) that becomes the first step of ``fit``'s pipeline,
so that ``predict`` repeats every choice ``fit`` made. Values that would be
encoded silently wrong are refused by ``_cells``' checks.
"""

from dataclasses import dataclass, field

import numpy as np
from sklearn.compose import ColumnTransformer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.impute import SimpleImputer
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

from sksigmoid.tabular._cells import (
    as_numeric,
    as_text,
    check_dates,
    check_words,
    csv_line,
    first_label,
    parsed_numbers,
)
from sksigmoid.tabular._dates import (
    DATE_FORMATS,
    DateFeatures,
    date_formats,
    read_dates,
)
from sksigmoid.tabular._target import separator_hint, split_target


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
    words : list of str
        Free text: the TF-IDF of its words (``TfidfVectorizer``), an empty cell
        being no words.
    row_numbers : dict
        Left out: column -> why it was taken for row numbers.
    empty : list of str
        Left out: the columns without a filled cell.

    Examples
    --------
    >>> from sksigmoid.tabular import ColumnPlan
    >>> plan = ColumnPlan(
    ...     numeric=["age"], categorical=["town"], words=["review"], empty=["note"]
    ... )
    >>> plan.columns
    ['age', 'town', 'review']
    >>> plan.left_out
    {'note': 'empty on every row'}
    """

    numeric: list = field(default_factory=list)
    categorical: list = field(default_factory=list)
    dates: dict = field(default_factory=dict)
    ambiguous_dates: list = field(default_factory=list)
    words: list = field(default_factory=list)
    row_numbers: dict = field(default_factory=dict)
    empty: list = field(default_factory=list)

    @property
    def columns(self):
        """The feature columns, in the order the preprocessor reads them."""
        return [*self.numeric, *self.dates, *self.categorical, *self.words]

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
    X,
    *,
    categorical=(),
    dates=(),
    words=(),
    keep=(),
    first_column=None,
    source="DataFrame",
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
    month first when day and month cannot be told apart, as pandas reads them;
    the ``words`` ones (``--words``) are free text, learned as the TF-IDF of
    their words. No column is taken for words unless named: a text column of
    sentences is one-hot encoded, one category a sentence.

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
    words : sequence of str, default=()
        Columns of free text, learned as the TF-IDF of their words.
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
    plan = _kinds(X, categorical, dates, words, source)
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
    plan.words = [n for n in plan.words if n not in left_out]
    return plan


def _kinds(X, categorical, dates, words, source):
    """The kind of each column of ``X``; the empty ones in ``empty``."""
    plan = ColumnPlan()
    for name, column in X.items():
        if column.isna().all():
            plan.empty.append(name)
        elif name in words:
            plan.words.append(name)
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
        row = first_label(unreadable)
        problem = "which is not a date (write dates as 2024-03-31, 31/03/2024...)"
    else:
        commonest = max(read, key=lambda form: read[form].sum())
        row = first_label(column.notna() & ~read[commonest])
        problem = f"not in the form ({commonest}) of most of its dates"
    return ValueError(
        f"{source}: --date {name}: line {csv_line(source, row)} has "
        f"{column[row]!r}, {problem}"
    )


#: Headers of R's row names written as a column: Rdatasets' CSV files, and
#: tibble's ``rownames_to_column()``. (``write.csv`` leaves it unnamed.)
ROW_NAME_HEADERS = ("rownames", "rowname")

#: From this many rows, whole numbers that increase on every row are taken for
#: row numbers (a subset of a numbered file): fewer, and a measurement might.
MIN_ROWS_INCREASING = 10


def row_numbers(X, numeric, *, first_column, keep=()):
    """The columns of ``X`` that name or number the rows: to leave out of the
    features.

    An unnamed first column (``df.to_csv()`` writes the index there, and pandas
    reads it back as ``Unnamed: 0``), a column of distinct cells headed as R
    heads row names (:data:`ROW_NAME_HEADERS`), a numeric column holding 0 to
    n - 1 or 1 to n in order, and one of whole numbers that increase on every
    row (from :data:`MIN_ROWS_INCREASING` rows: the row numbers of a part of a
    numbered file, say its training rows). As a feature, such a column would
    leak the order of the rows (a file sorted by class, say) into the model,
    and a model would require it of every file. The ``keep`` columns stay
    features.

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
        column = X[name]
        if name == first_column and unnamed:
            numbering[name] = "it is the unnamed first column"
        elif str(name).lower() in ROW_NAME_HEADERS and column.is_unique:
            numbering[name] = "its header is R's for row names"
        elif name in numeric and len(X) > 1:
            numbers = parsed_numbers(column).to_numpy()
            if any(np.array_equal(numbers, count) for count in counting):
                numbering[name] = (
                    f"it counts the rows {numbers[0]:.0f} to {numbers[-1]:.0f}"
                )
            elif len(X) >= MIN_ROWS_INCREASING and _increasing_integers(numbers):
                numbering[name] = (
                    f"its whole numbers increase on every row, {numbers[0]:.0f} "
                    f"to {numbers[-1]:.0f}"
                )
    return numbering


def _increasing_integers(numbers):
    return bool(np.all(numbers % 1 == 0) and np.all(np.diff(numbers) > 0))


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
    X = as_numeric(X, plan.numeric, source=source, refuse_empty=refuse_empty)
    return as_text(X, plan.words)


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
    scikit-learn's ``handle_unknown="ignore"`` does, rather than fail. Columns
    of words: the TF-IDF of each cell's words (scikit-learn's
    ``TfidfVectorizer`` at its defaults: words of two letters or more, lower
    case, each row of unit length), words first seen at predict time left out;
    each cell must be text, ``""`` for an empty one (:func:`plan_table` gives
    them so). Without ``impute``, nothing fills empty cells: the command line
    refuses them first.

    Without words the output is a dense array. With words it is a sparse CSR
    matrix all the way to the estimator (``sparse_threshold=1``): a vocabulary
    is thousands of columns, nearly all zero on each row. The numbers are
    still centred: their few columns are stored whole either way.

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
        ``date1``..., ``categorical``, ``words0``, ``words1``... Below,
        ``age`` standardized, the column that marks its imputed cell
        (standardized too), then ``town``'s categories: Oslo, Rome and the
        empty cell.

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

    With a column of words the output is sparse: ``age`` standardized, then
    the TF-IDF of the words ``cat``, ``dog`` and ``the`` (in every row, so
    weighed least).

    >>> X = pd.DataFrame({"age": [20.0, 40.0], "note": ["The cat", "the dog"]})
    >>> preprocessor = make_preprocessor(ColumnPlan(numeric=["age"], words=["note"]))
    >>> features = preprocessor.fit_transform(X)
    >>> features.format, features.shape
    ('csr', (2, 4))
    >>> features.toarray().round(3)
    array([[-1.   ,  0.815,  0.   ,  0.58 ],
           [ 1.   ,  0.   ,  0.815,  0.58 ]])
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
    for i, name in enumerate(plan.words):
        # The name alone, not a list: the vectorizer reads one text a row.
        transformers.append((f"words{i}", TfidfVectorizer(), name))
    return ColumnTransformer(transformers, sparse_threshold=1 if plan.words else 0)


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
    words=(),
    keep=(),
    task=None,
    source="DataFrame",
):
    """The features, target and column plan ``sksigmoid fit`` makes of a table.

    The rows with a target (:func:`split_target`), the kinds of their columns
    and the columns left out (:func:`plan_columns`), the numeric columns as
    float numbers; a cell that would be encoded silently wrong (a word or an
    infinite number among numbers, a word among dates) is refused with a
    ``ValueError`` that names its column, and its line if ``source`` is a
    :class:`CsvSource`. Empty cells stay, for :func:`make_preprocessor` to
    fill, but in columns of words, where they are ``""``: no words.

    Parameters
    ----------
    frame : pandas.DataFrame
        The table, as :func:`read_csv` reads it.
    target : str
        The column of class labels, or of a quantity.
    id_column : str or list of str, default=None
        A column that names the rows, or several: no feature.
    categorical : sequence of str, default=()
        Columns to one-hot encode whatever they hold
        (``sksigmoid fit --categorical``).
    dates : sequence of str, default=()
        Columns that must be dates (``--date``).
    words : sequence of str, default=()
        Columns of free text, learned as the TF-IDF of their words
        (``--words``).
    keep : sequence of str, default=()
        Columns to keep as features even if they number the rows (``--keep``).
    task : {"classify", "regress"}, default=None
        The target as class labels or as a quantity (``--task``); ``None``
        decides as :func:`split_target` does.
    source : str or CsvSource, default="DataFrame"
        The table's name in the error messages.

    Returns
    -------
    X : pandas.DataFrame
        The feature columns of the rows with a target, the columns left out
        dropped.
    y : pandas.Series
        Their labels, or their quantities.
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
    X, y = split_target(frame, target, id_column=id_column, task=task, source=source)
    plan = plan_columns(
        frame[X.columns],
        categorical=categorical,
        dates=dates,
        words=words,
        keep=keep,
        first_column=frame.columns[0],
        source=source,
    )
    check_features(plan, source=source)
    X = X[[name for name in X.columns if name not in plan.left_out]]
    check_dates(X, plan.dates, source=source)
    X = as_text(as_numeric(X, plan.numeric, source=source), plan.words)
    check_words(X, plan.words, source=source)
    return X, y, plan
