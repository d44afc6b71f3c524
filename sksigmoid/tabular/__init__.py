"""Tables as ``sksigmoid fit`` reads and encodes them, for Python users.

What the command line decides about a CSV file is made here: how the file is
read (:func:`read_csv`: its encoding, separator and decimal mark detected),
which column is the target and which are features (:func:`split_target`: its
class labels, or a quantity to regress),
the kind of each feature column and the columns left out
(:func:`plan_columns`, or :func:`plan_table` for all of it at once), and the
``ColumnTransformer`` that encodes them (:func:`make_preprocessor`, with
:class:`DateFeatures` for columns of dates, and scikit-learn's
``TfidfVectorizer`` for columns of words, whose output stays sparse). A
problem with the table is a ``ValueError`` whose message names the column, and
the line of the file when the table came with its :class:`CsvSource`.

Examples
--------
>>> from importlib.resources import files
>>> from sksigmoid.tabular import make_preprocessor, plan_table, read_csv
>>> frame = read_csv(files("sksigmoid") / "data" / "penguins_train.csv")
>>> X, y, plan = plan_table(frame, "species", id_column="id")
>>> preprocessor = make_preprocessor(plan).fit(X)
>>> preprocessor.transform(X).shape  # 5 numbers, 3 islands, 2 sexes
(249, 10)
"""

from sksigmoid.tabular._columns import (
    ColumnPlan,
    make_preprocessor,
    plan_columns,
    plan_table,
)
from sksigmoid.tabular._csv import CsvSource, detect_separator, read_csv
from sksigmoid.tabular._dates import DateFeatures
from sksigmoid.tabular._target import split_target

__all__ = [
    "ColumnPlan",
    "CsvSource",
    "DateFeatures",
    "detect_separator",
    "make_preprocessor",
    "plan_columns",
    "plan_table",
    "read_csv",
    "split_target",
]
