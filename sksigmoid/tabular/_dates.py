"""Date columns: which text columns hold dates, and the features a model reads.

A date is not a category: one-hot encoded, a column of 1,000 days becomes 1,000
columns, none of which a new day will ever fill. :class:`DateFeatures` turns it
into four numbers a linear unit can use (year, month, day of year, day of week),
and :func:`date_formats` finds the format a column's cells are written in, so
that ``predict`` reads new files with the format ``fit`` chose rather than guess
again.
"""

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

#: The forms a text column is recognised in, tried in this order: ISO 8601 (with
#: or without a time), then the slashed, dotted and dashed forms with the day
#: first or the month first. A column whose cells read both ways (no day above
#: 12) is ambiguous; pandas reads such dates month first, and so does ``--date``.
DATE_FORMATS = (
    "ISO8601",
    "%Y/%m/%d",
    "%m/%d/%Y",
    "%d/%m/%Y",
    "%d.%m.%Y",
    "%m-%d-%Y",
    "%d-%m-%Y",
)

#: The features of one date column, in the order :class:`DateFeatures` writes them.
DATE_PARTS = ("year", "month", "day_of_year", "day_of_week")

# Enough cells to rule most formats out before reading a whole column.
_PROBE = 64


def read_dates(cells, date_format):
    """``cells`` (a Series) as UTC timestamps, NaT where a cell is not a date
    in ``date_format``, or not one a file holds: pandas reads ``today`` and
    ``now`` as the clock's time (another day at each run), and digits of any
    script in a ``strptime`` year (``01/03/٢٠٢٤``), which the ONNX graph of
    :mod:`sksigmoid.onnx` does not read."""
    fixed = cells.map(
        lambda cell: (
            not isinstance(cell, str)
            or (cell.isascii() and cell not in ("today", "now"))
        )
    )
    return pd.to_datetime(
        cells.where(fixed), format=date_format, errors="coerce", utc=True
    )


def example_date(date_format):
    """A date written in ``date_format``: 2000-01-31 in it."""
    iso = date_format == "ISO8601"
    return pd.Timestamp(2000, 1, 31).strftime("%Y-%m-%d" if iso else date_format)


def date_formats(column, share=1.0):
    """The formats of :data:`DATE_FORMATS` in which every filled cell is a date
    (or at least a ``share`` of the distinct ones).

    Parameters
    ----------
    column : pandas.Series
        Text cells; missing ones are skipped.
    share : float, default=1.0
        The part of the distinct filled cells a format must read.

    Returns
    -------
    formats : list of str
        Empty if the column is not dates (or is empty); more than one if they
        read different days (the day and the month cannot be told apart). Of
        the forms that read the same days, the first.

    Examples
    --------
    >>> import pandas as pd
    >>> from sksigmoid.tabular._dates import date_formats
    >>> date_formats(pd.Series(["2024-03-01", "2024-12-31", None]))
    ['ISO8601']
    >>> date_formats(pd.Series(["31/01/2024", "01/02/2024"]))
    ['%d/%m/%Y']
    >>> date_formats(pd.Series(["red", "green"]))
    []
    """
    cells = pd.Series(column.dropna().unique()).astype(str)
    if cells.empty or pd.api.types.is_numeric_dtype(column):
        return []
    formats, readings = [], []
    for date_format in DATE_FORMATS:
        # A few cells first: most text columns fail here at once.
        if read_dates(cells[:_PROBE], date_format).notna().mean() < share:
            continue
        dates = read_dates(cells, date_format)
        # Two forms that read the same days (ISO 8601 reads 2012/01/31 as
        # %Y/%m/%d does) are one reading, not an ambiguity.
        if dates.notna().mean() >= share and not any(
            dates.equals(other) for other in readings
        ):
            formats.append(date_format)
            readings.append(dates)
    return formats


def first_non_date(column, date_format):
    """The position of the first filled cell of ``column`` that ``date_format``
    does not read, or None."""
    return _first_non_date(column, read_dates(column, date_format))


def _first_non_date(cells, dates):
    """The position of the first filled cell of ``cells`` whose reading in
    ``dates`` failed, or None."""
    wrong = np.flatnonzero(cells.notna().to_numpy() & dates.isna().to_numpy())
    return int(wrong[0]) if len(wrong) else None


class DateFeatures(TransformerMixin, BaseEstimator):
    """Turn columns of dates written as text into year, month, day of year and
    day of week.

    Empty cells give NaN features, for an imputer after it to fill; a filled
    cell that is not a date in ``date_format`` is an error, not a NaN.

    Parameters
    ----------
    date_format : str, default="ISO8601"
        How the cells are written: a ``strftime`` format such as ``"%d/%m/%Y"``,
        or ``"ISO8601"``, as :func:`pandas.to_datetime` takes it.

    Attributes
    ----------
    n_features_in_ : int
        Number of date columns seen during ``fit``.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Their names, when ``X`` was a DataFrame with string column names.

    Examples
    --------
    >>> import pandas as pd
    >>> from sksigmoid.tabular import DateFeatures
    >>> visits = pd.DataFrame({"visit": ["2024-03-01", None, "2024-12-31"]})
    >>> DateFeatures().fit_transform(visits).tolist()
    [[2024.0, 3.0, 61.0, 4.0], [nan, nan, nan, nan], [2024.0, 12.0, 366.0, 1.0]]
    >>> DateFeatures().fit(visits).get_feature_names_out().tolist()
    ['visit_year', 'visit_month', 'visit_day_of_year', 'visit_day_of_week']
    """

    def __init__(self, date_format="ISO8601"):
        self.date_format = date_format

    def fit(self, X, y=None):
        """Check that every filled cell of ``X`` is a date.

        Parameters
        ----------
        X : pandas.DataFrame or array-like of shape (n_samples, n_features)
            Dates written as text.
        y : None
            Ignored.

        Returns
        -------
        self : DateFeatures
        """
        self.fit_transform(X)
        return self

    def fit_transform(self, X, y=None):
        """Check that every filled cell of ``X`` is a date, and return the
        features (each cell is read once).

        Parameters
        ----------
        X : pandas.DataFrame or array-like of shape (n_samples, n_features)
            Dates written as text.
        y : None
            Ignored.

        Returns
        -------
        features : ndarray of shape (n_samples, 4 * n_features)
            As :meth:`transform` returns them.
        """
        frame = self._frame(X)
        self.n_features_in_ = frame.shape[1]
        if hasattr(X, "columns") and all(isinstance(c, str) for c in X.columns):
            self.feature_names_in_ = np.asarray(X.columns, dtype=object)
        elif hasattr(self, "feature_names_in_"):
            del self.feature_names_in_
        return self._features(frame)

    def transform(self, X):
        """The four features of each date column, NaN for an empty cell.

        Parameters
        ----------
        X : pandas.DataFrame or array-like of shape (n_samples, n_features)
            Dates written as text, in the columns seen during ``fit``.

        Returns
        -------
        features : ndarray of shape (n_samples, 4 * n_features)
            Year, month, day of year and day of week (Monday 0) of each column.

        Raises
        ------
        ValueError
            If a filled cell is not a date in ``date_format``.
        """
        check_is_fitted(self, "n_features_in_")
        frame = self._frame(X)
        if frame.shape[1] != self.n_features_in_:
            raise ValueError(
                f"X has {frame.shape[1]} columns, but DateFeatures was fitted on "
                f"{self.n_features_in_}"
            )
        return self._features(frame)

    def get_feature_names_out(self, input_features=None):
        """``<column>_year``, ``<column>_month``, ``<column>_day_of_year`` and
        ``<column>_day_of_week`` for each column.

        Parameters
        ----------
        input_features : array-like of str, default=None
            The input columns' names; by default those seen during ``fit``
            (or ``x0``, ``x1``...).

        Returns
        -------
        feature_names_out : ndarray of str objects
        """
        check_is_fitted(self, "n_features_in_")
        if input_features is None:
            input_features = getattr(
                self,
                "feature_names_in_",
                [f"x{i}" for i in range(self.n_features_in_)],
            )
        names = [f"{name}_{part}" for name in input_features for part in DATE_PARTS]
        return np.asarray(names, dtype=object)

    @staticmethod
    def _frame(X):
        frame = pd.DataFrame(X).reset_index(drop=True)
        return frame.astype(object).where(frame.notna(), None)

    def _features(self, frame):
        features = np.empty((len(frame), 4 * frame.shape[1]))
        for i, (name, cells) in enumerate(frame.items()):
            dates = read_dates(cells, self.date_format)
            wrong = _first_non_date(cells, dates)
            if wrong is not None:
                raise ValueError(
                    f"column {name!r} holds dates ({self.date_format}), but row "
                    f"{wrong} has {cells.iloc[wrong]!r}"
                )
            for j, part in enumerate(DATE_PARTS):
                features[:, 4 * i + j] = getattr(dates.dt, part).astype(float)
        return features
