"""A table's target column, split from its features as ``sksigmoid fit`` does,
and the task it makes: class labels to classify, or a quantity to regress."""

import numpy as np

from sksigmoid.tabular._cells import NA_WORDS, as_labels, as_numeric, parsed_numbers
from sksigmoid.tabular._csv import SEPARATORS
from sksigmoid.tabular._hints import MAX_CODES
from sksigmoid.tabular._quoting import separator_name, shell_word


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


def target_task(y):
    """The task a target's cells make, as ``sksigmoid fit`` decides it without
    ``--task``: ``"regress"`` for numbers that are not a handful of codes (a
    number with a fraction, or more than :data:`~sksigmoid.tabular._hints.MAX_CODES`
    distinct whole numbers, the bound of the feature columns that may be
    codes), else ``"classify"`` (text, booleans, a few whole numbers).

    Examples
    --------
    >>> import pandas as pd
    >>> from sksigmoid.tabular._target import target_task
    >>> target_task(pd.Series([0, 1, 2, 3, 0])), target_task(pd.Series([1.5, 2.0]))
    ('classify', 'regress')
    >>> target_task(pd.Series(range(11))), target_task(pd.Series(["a", "b"]))
    ('regress', 'classify')
    """
    if y.dtype.kind not in "iuf":
        return "classify"
    whole = bool((y % 1 == 0).all())
    return "regress" if not whole or y.nunique() > MAX_CODES else "classify"


def _numbers_and_markers(y):
    """Whether the text cells ``y`` are a quantity but for words that often mark
    a missing value (R's ``NA``): a regression that ``--na`` would make."""
    numbers = parsed_numbers(y)
    words = y[numbers.isna()].astype(str).str.strip()
    return (
        numbers.notna().any()
        and words.isin(NA_WORDS).all()
        and target_task(numbers.dropna()) == "regress"
    )


def target_column(frame, target, *, task=None, source):
    """The filled cells of the ``target`` column of ``frame``: class labels
    (``task="classify"``), float numbers (``task="regress"``), or labels as
    read (``None``: the task is not decided yet).

    Rows whose target is empty cannot be trained or scored on; they are left
    out, and the caller says how many (the index keeps the others' rows). A
    quantity is refused with a ``ValueError`` if a cell is not a finite
    number, naming its line; so is, without a task, a column of numbers
    beside a word that marks a missing value (``NA``), for ``--na``.
    """
    if target not in frame.columns:
        raise missing_column_error(frame, target, source)
    y = frame[target]
    if y.isna().all():
        raise ValueError(f"{source}: the target column {target!r} is empty")
    y = as_labels(y[y.notna()])
    if task == "classify" or y.dtype.kind in "biuf":
        return y.astype(np.float64) if task == "regress" else y
    if task == "regress" and parsed_numbers(y).isna().all():
        raise ValueError(
            f"{source}: the target column {target!r} holds text, such as "
            f"{y.iloc[0]!r}; --task regress needs numbers (a quantity)"
        )
    if task == "regress" or _numbers_and_markers(y):
        # Refused, naming the line of the first cell that is not a number.
        return as_numeric(y.to_frame(), [target], source=source)[target]
    return y


def _plain(value):
    """A NumPy scalar as the Python number it holds: ``3.5``, not
    ``np.float64(3.5)``, in a message."""
    return value.item() if isinstance(value, np.generic) else value


def split_target(frame, target, *, id_column=None, task=None, source="DataFrame"):
    """Split a table into its feature columns and its target, as ``sksigmoid
    fit`` does.

    Labels are typed as pandas would read them (``"True"`` and ``"False"`` as
    booleans, numbers as numbers); a target of one class or value is refused
    with a ``ValueError``. Without a ``task``, a target of numbers that are not
    a handful of codes is a quantity (:func:`target_task`).

    Parameters
    ----------
    frame : pandas.DataFrame
        The table as read.
    target : str
        The column to predict: class labels, at least two, or a quantity.
        Rows where it is empty are left out.
    id_column : str or list of str, default=None
        A column that names the rows, or several (``sksigmoid fit --id``, and
        the columns ``--drop`` leaves out): left out of the features.
    task : {"classify", "regress"}, default=None
        ``sksigmoid fit --task``: the target's cells as class labels, or as a
        quantity (float numbers); ``None`` decides by :func:`target_task`.
    source : str or CsvSource, default="DataFrame"
        The table's name in the error messages; a :class:`CsvSource` names
        the file's lines too.

    Returns
    -------
    X : pandas.DataFrame
        The rows with a target; the index keeps their positions in ``frame``.
    y : pandas.Series
        Their labels, or their quantities as float numbers.

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
    >>> split_target(frame, "x", id_column="id", task="regress")[1].tolist()
    [1.0, 2.0, 3.0]
    """
    y = target_column(frame, target, task=task, source=source)
    ids = [id_column] if isinstance(id_column, str) else list(id_column or [])
    for name in ids:
        if name not in frame.columns:
            raise missing_column_error(frame, name, source)
    if y.nunique() < 2:
        kind, learner = ("class", "a classifier")
        if (task or target_task(y)) == "regress":
            kind, learner = ("value", "a regression")
        raise ValueError(
            f"{source}: the target column {target!r} holds a single {kind} "
            f"({_plain(y.iloc[0])!r}); {learner} needs at least two"
        )
    X = frame.loc[y.index].drop(columns=[target, *ids])
    if X.shape[1] == 0:
        besides = ", ".join(map(repr, dict.fromkeys([target, *ids])))
        raise ValueError(f"{source} has no feature columns besides {besides}")
    return X, y
