"""A table's target column, split from its features as ``sksigmoid fit`` does."""

from sklearn.utils.multiclass import type_of_target

from sksigmoid.tabular._cells import as_labels
from sksigmoid.tabular._csv import SEPARATORS
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
    id_column : str or list of str, default=None
        A column that names the rows, or several (``sksigmoid fit --id``, and
        the columns ``--drop`` leaves out): left out of the features.
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
    ids = [id_column] if isinstance(id_column, str) else list(id_column or [])
    for name in ids:
        if name not in frame.columns:
            raise missing_column_error(frame, name, source)
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
    X = frame.loc[y.index].drop(columns=[target, *ids])
    if X.shape[1] == 0:
        besides = ", ".join(map(repr, dict.fromkeys([target, *ids])))
        raise ValueError(f"{source} has no feature columns besides {besides}")
    return X, y
