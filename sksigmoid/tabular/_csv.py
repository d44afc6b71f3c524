"""A CSV file as it comes: read once, its encoding, separator and decimal mark
found, its lines named in messages.

Every problem with a file is raised as a ``ValueError`` (or an ``OSError``) whose
message names the file and fits on one line, as ``sksigmoid`` prints it.
"""

import collections
import contextlib
import csv
import io
import itertools
import re
import stat
import sys
import threading
import warnings
from pathlib import Path

import pandas as pd

from sksigmoid._output import FILE_KINDS

#: Data file names that mean standard input.
STDIN_NAMES = ("-", "/dev/stdin")


def existing_file(path):
    """``path`` as a Path if it can be read as a data or model file: a regular
    file, or a pipe (a FIFO, or ``<(command)``'s ``/dev/fd/63``), which is read
    once; else an OSError with a one-line message naming it.

    A directory, a socket and a device are refused: a device such as
    ``/dev/zero`` would be read forever.
    """
    path = Path(path)
    try:
        mode = path.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        raise FileNotFoundError(f"{path}: no such file") from None
    if stat.S_ISREG(mode) or stat.S_ISFIFO(mode):
        return path
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(f"{path} is a directory, not a file")
    kind = FILE_KINDS.get(stat.S_IFMT(mode), "a special file")
    raise OSError(f"{path} is {kind}, not a file or a pipe")


def _physical_lines(text):
    """The lines of ``text``, ends kept, one at a time: csv.reader reads only as
    many as it needs (a StringIO of the whole text would cost its size)."""
    return (match[0] for match in _LINE.finditer(text))


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")

# The csv module's cell limit is the whole process's: raised by one of ours at a time.
_CELL_LIMIT_LOCK = threading.RLock()


@contextlib.contextmanager
def _cells_as_long_as(text):
    """Let csv.reader read cells as long as ``text`` while the block runs.

    Its limit, 131,072 characters unless set, keeps a reader from taking a
    whole stream into one cell; here the text is in memory already, and pandas
    reads a longer cell, which is legal CSV. The limit is left alone when it
    suffices, and else put back after, unless another caller changed it
    meanwhile: it is not this package's.
    """
    with _CELL_LIMIT_LOCK:
        previous = csv.field_size_limit()
        # A C long: 32 bits on Windows.
        needed = min(len(text) + 1, 2**31 - 1)
        if needed <= previous:
            yield
            return
        csv.field_size_limit(needed)
        try:
            yield
        finally:
            if csv.field_size_limit() == needed:
                csv.field_size_limit(previous)


def _rows(text, separator):
    """csv.reader over the lines of ``text``; to iterate under
    :func:`_cells_as_long_as`."""
    return csv.reader(_physical_lines(text), delimiter=separator)


def _is_blank(row):
    # pandas skips empty and whitespace-only lines (skip_blank_lines=True).
    return not row or (len(row) == 1 and not row[0].strip())


def _is_filled(row):
    return not _is_blank(row)


#: The separators detected, preferred in this order when several fit.
SEPARATORS = (",", ";", "\t", "|")

# The lines a separator is judged on: the header and the first rows.
_SNIFFED_LINES = 20


def detect_separator(text):
    r"""Find the separator of a CSV file's text, as ``sksigmoid fit`` does.

    Of a comma, a semicolon, a tab and a vertical bar, the one that splits the
    header and the first 20 rows into the same number of cells, the most
    cells; a comma if none does.

    Parameters
    ----------
    text : str
        The file's text.

    Returns
    -------
    separator : str

    Examples
    --------
    >>> from sksigmoid.tabular import detect_separator
    >>> detect_separator("gpa;tuce;grade\n2,66;20;0\n2,89;22;1\n")
    ';'
    >>> detect_separator("a,b\n1,2\n")
    ','
    """
    best, best_width = ",", 1
    for separator in SEPARATORS:
        rows = filter(_is_filled, _rows(text, separator))
        with _cells_as_long_as(text):
            widths = {len(row) for row in itertools.islice(rows, _SNIFFED_LINES)}
        if len(widths) == 1 and (width := widths.pop()) > best_width:
            best, best_width = separator, width
    return best


class CsvSource:
    r"""A CSV file's name and text, to name the file and its lines in messages.

    :func:`read_csv` returns one with ``return_source=True``; the functions
    that plan a table's columns take it as their ``source``, to say on which
    line of the file a wrong cell is.

    Parameters
    ----------
    name : str
        The file as the user named it (``<stdin>`` for standard input).
    text : str
        The file's whole text.
    na : sequence of str, default=()
        Cell values that mark a missing value, besides the empty cell.
    separator : str, default=","
        The character between cells.
    decimal : str, default="."
        The decimal mark of its numbers.
    encoding : str, default="utf-8"
        How its bytes were decoded.

    Attributes
    ----------
    thousands : dict
        Column -> the mark between its thousands, for the columns
        :func:`read_csv` read as numbers without them (:func:`thousands_columns`).

    Examples
    --------
    >>> from sksigmoid.tabular import CsvSource
    >>> source = CsvSource("plants.csv", "height;kind\n\n1,5;tree\n")
    >>> str(source)
    'plants.csv'
    >>> source.separator = ";"
    >>> source.line(0)  # the first data row, after a blank line
    3
    """

    def __init__(self, name, text, na=(), separator=",", decimal=".", encoding="utf-8"):
        self.name = name
        self.text = text
        self.na = tuple(na)
        self.separator = separator
        self.decimal = decimal
        self.encoding = encoding
        self.columns = []
        self.thousands = {}
        self._lines = None

    def __str__(self):
        return self.name

    def line(self, position):
        """The physical line of the file on which data row ``position`` starts.

        pandas skips blank lines and a quoted cell may span lines, so the row's
        position alone does not give its line. The map is computed at the first
        call, when an error needs it: clean files never pay for it.
        """
        if self._lines is None:
            reader = _rows(self.text, self.separator)
            self._lines, previous, header = [], 0, False
            with _cells_as_long_as(self.text):
                for row in reader:
                    if not _is_blank(row):
                        if header:
                            self._lines.append(previous + 1)
                        header = True
                    previous = reader.line_num
        return self._lines[int(position)]

    def cell(self, column, position):
        """The text of one cell, as the file spells it (``1e400``, not inf).

        The column is read again as text, at an error's cost only.
        """
        cells = self._read(usecols=[self.columns.index(column)], dtype=str)
        return cells.iloc[int(position), 0]

    def _read(self, **options):
        return pd.read_csv(
            # A StringIO of the text costs 3 times the parse; bytes cost nothing.
            io.BytesIO(self.text.encode()),
            sep=self.separator,
            decimal=self.decimal,
            index_col=False,
            keep_default_na=False,
            na_values=["", *self.na],
            **options,
        )


def _read_text(path):
    """(name, text, encoding) of a data file, or of standard input, read once.

    UTF-8 (with or without a byte order mark) first; else Windows-1252, in
    which spreadsheets on Western European systems save CSV files (``café``
    is then the byte 0xE9, not valid UTF-8).
    """
    if str(path) in STDIN_NAMES:
        name = "<stdin>"
        stream = getattr(sys.stdin, "buffer", None)
        data = stream.read() if stream is not None else sys.stdin.read()
    else:
        name = str(path)
        data = existing_file(path).read_bytes()
    encoding = "utf-8"
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                data, encoding = data.decode("cp1252"), "cp1252"
            except UnicodeDecodeError:
                raise ValueError(f"{name} is not a text CSV file") from None
    if "\x00" in data:
        raise ValueError(f"{name} is not a text CSV file")
    return name, data, encoding


def _unclosed_quote_line(source):
    """The line on which the quote opens that pandas found no end to ("EOF
    inside string"): that of the last cell csv.reader reads, which then runs
    to the end of the file."""
    reader = _rows(source.text, source.separator)
    with _cells_as_long_as(source.text):
        last_rows = collections.deque(reader, maxlen=1)
    cell = last_rows[0][-1] if last_rows and last_rows[0] else ""
    # The cell's line breaks, but one that ends the file, are lines it spans.
    if cell.endswith(("\n", "\r")):
        cell = cell[:-1].removesuffix("\r")
    return reader.line_num - len(_LINE_BREAK.findall(cell))


def _header(source):
    """The header's names; refused if one appears twice (pandas would rename it)."""
    with _cells_as_long_as(source.text):
        row = next(filter(_is_filled, _rows(source.text, source.separator)), [])
    named = [name for name in row if name]
    repeated = sorted({name for name in named if named.count(name) > 1})
    if repeated:
        raise ValueError(
            f"{source}: the header names {', '.join(map(repr, repeated))} more "
            "than once; give every column its own name"
        )
    return row


#: The two ways spreadsheets write a number's marks: (thousands, decimal).
NUMBER_MARKS = ((",", "."), (".", ","))


def _number_pattern(thousands, decimal):
    """A number written with ``decimal`` as its decimal mark, its whole part
    grouped by threes with ``thousands`` or not grouped: ``-1,234.5``,
    ``1234.5``, ``.5``..."""
    whole = rf"\d{{1,3}}(?:{re.escape(thousands)}\d{{3}})+|\d+"
    return re.compile(
        rf"[+-]?(?:(?:{whole})(?:{re.escape(decimal)}\d+)?|{re.escape(decimal)}\d+)"
    )


_NUMBERS = {marks: _number_pattern(*marks) for marks in NUMBER_MARKS}


# Digits and marks: the cells a column of numbers might hold, in either way.
_NUMBER_LIKE = re.compile(r"[+-]?[\d.,]+")


def _text_cells(column):
    """The filled cells of a text column, stripped, unless they are numbers
    already or, from the first 100, words: None then."""
    if pd.api.types.is_numeric_dtype(column):
        return None
    # Most text columns are words, which their first cells tell: checking every
    # cell made a 14 MB file of four text columns 3.5 times as long to read.
    first = column.iloc[:100].dropna().astype(str).str.strip()
    if not first.str.fullmatch(_NUMBER_LIKE).all():
        return None
    return column.dropna().astype(str).str.strip()


def _written_with(cells, thousands, decimal):
    """Whether the ``cells`` are all numbers written with these marks."""
    return bool(len(cells) and cells.str.fullmatch(_NUMBERS[thousands, decimal]).all())


def decimal_comma_columns(frame):
    """The text columns of ``frame`` whose cells are all numbers, some with a
    decimal comma (``2,66``, ``1.234,5``): numbers as a spreadsheet writes them
    where the comma is the decimal mark, and cells are separated by
    semicolons."""
    return [
        name
        for name, column in frame.items()
        if (cells := _text_cells(column)) is not None
        and _written_with(cells, ".", ",")
        and cells.str.contains(",", regex=False).any()
    ]


def thousands_columns(frame, decimal):
    """Column -> its thousands separator, for the text columns of ``frame``
    whose filled cells are all numbers, some with their thousands separated
    (``2,744.07``, ``-1,234``, ``2.744,07``): as pandas' ``thousands=`` reads
    them, but only in groups of three (pandas reads ``1,2`` as 12).

    A comma separates thousands where a point is the decimal mark, and a point
    where a comma is. The cells of a column decide which; if they read either
    way (``1,234`` alone, or beside ``5.678``), the file's ``decimal`` mark
    does. So ``1,234`` is 1234 in a comma-separated file: pandas reads its
    numbers with decimal points, and a spreadsheet writing decimal commas
    separates cells by semicolons. In a file whose decimal mark is a comma
    (a semicolon file that writes ``2,5``), ``1,234`` is 1.234, as pandas reads
    it. A column with a cell that neither way reads (``n/a``, or ``1,5`` among
    ``2,744.07``) is left as it is; so is one with a currency (``$1,234``).
    """
    columns = {}
    for name, column in frame.items():
        cells = _text_cells(column)
        if cells is None:
            continue
        marks = [m for m in NUMBER_MARKS if _written_with(cells, *m)]
        if len(marks) == 2:
            marks = [m for m in marks if m[1] == decimal]
        if marks and cells.str.contains(marks[0][0], regex=False).any():
            columns[name] = marks[0][0]
    return columns


def with_thousands(column):
    """Whether each cell of ``column`` is a number whose thousands are
    separated, in either way (``2,744.07``, ``-1.234``, ``2.744,07``)."""
    cells = column.astype(str).str.strip()
    comma, point = (
        cells.str.fullmatch(_NUMBERS[marks]) & cells.str.contains(marks[0], regex=False)
        for marks in NUMBER_MARKS
    )
    return comma | point


def _as_numbers(column, thousands):
    """A text column of numbers whose thousands are separated by ``thousands``,
    as pandas would have typed it without them (integers if all are)."""
    decimal = dict(NUMBER_MARKS)[thousands]
    cells = column.str.strip().str.replace(thousands, "", regex=False)
    return pd.to_numeric(cells.str.replace(decimal, ".", regex=False))


def read_csv(
    filepath,
    *,
    sep=None,
    decimal=None,
    na_values=(),
    text_columns=(),
    return_source=False,
):
    """Read a CSV file into a DataFrame as ``sksigmoid fit`` reads it.

    The text is UTF-8 (with or without a byte order mark), else Windows-1252.
    The separator is detected (:func:`detect_separator`), and so is a decimal
    comma. A text column of numbers whose thousands are separated, as
    spreadsheets export amounts (``"2,744.07"``, ``2.744,07``), is read as
    those numbers (:func:`thousands_columns`). Only empty cells (and the
    ``na_values``) are missing: pandas' other markers (``NA``, ``null``,
    ``nan``...) stay text, so a label such as ``NA`` stays a label, and a
    column that holds one is a text column, for :func:`plan_table` to refuse
    with its line. Empty, ragged and binary files, a quote never closed (by
    its line) and headers that name a column twice are refused with a
    ``ValueError`` whose message names the file. A cell may be of any length.

    Parameters
    ----------
    filepath : str or path-like
        The file to read, or a pipe (``<(command)``), read once; ``-`` or
        ``/dev/stdin`` reads standard input.
    sep : str, default=None
        The character between cells; None detects it.
    decimal : str, default=None
        The decimal mark; None takes a comma if the separator is not one and
        some column's numbers are written with decimal commas (``2,66``), else
        a point.
    na_values : sequence of str, default=()
        Cell values that mark a missing value, besides the empty cell.
    text_columns : sequence of str, default=()
        Columns to read as text even if they hold numbers (codes to one-hot
        encode, dates, amounts with thousands separators).
    return_source : bool, default=False
        Whether to return the :class:`CsvSource` too, for messages that name a
        line or a cell of the file.

    Returns
    -------
    frame : pandas.DataFrame
        At least one column and one row.
    source : CsvSource
        The file's name, text, separator, decimal mark, encoding and the
        columns read without thousands separators; only with
        ``return_source=True``.

    See Also
    --------
    plan_table : What ``sksigmoid fit`` decides about the table.

    Examples
    --------
    >>> from importlib.resources import files
    >>> from sksigmoid.tabular import read_csv
    >>> penguins = files("sksigmoid") / "data" / "penguins_train.csv"
    >>> frame, source = read_csv(penguins, return_source=True)
    >>> frame.shape
    (249, 9)
    >>> frame[["species", "bill_length_mm"]].head(2)
      species  bill_length_mm
    0  Adelie            39.1
    1  Adelie            39.5
    >>> source.separator, source.decimal, source.encoding
    (',', '.', 'utf-8')
    """
    # Columns of numbers are typed by pandas' parser: reading every cell as
    # text, then converting, takes 7 times as long on a 40 MB file.
    frame, source = _read_frame(filepath, sep, decimal, na_values, text_columns)
    return (frame, source) if return_source else frame


def _read_frame(path, separator, decimal, na, text_columns):
    name, text, encoding = _read_text(path)
    if separator is None:
        separator = detect_separator(text)
    source = CsvSource(
        name,
        text,
        na=na,
        separator=separator,
        decimal=decimal or ".",
        encoding=encoding,
    )
    header = _header(source)
    text_types = {name: str for name in text_columns if name in header}
    try:
        with warnings.catch_warnings():
            # A row longer than the header is a ParserWarning with
            # index_col=False; it would drop values silently.
            warnings.simplefilter("error", pd.errors.ParserWarning)
            frame = source._read(dtype=text_types)
            if decimal is None and separator != "," and decimal_comma_columns(frame):
                source.decimal = ","
                frame = source._read(dtype=text_types)
    except pd.errors.EmptyDataError:
        raise ValueError(
            f"{source} is empty: expected a header line and rows"
        ) from None
    except (pd.errors.ParserError, pd.errors.ParserWarning) as error:
        reason = " ".join(str(error).split()).removeprefix(
            "Error tokenizing data. C error: "
        )
        if reason.startswith("EOF inside string"):
            # pandas counts rows from 0, blank lines in: say the line instead.
            reason = (
                f"the quote that opens on line {_unclosed_quote_line(source)} is "
                "never closed, so the rest of the file would be one cell; close "
                "it or remove it"
            )
        raise ValueError(f"{source} is not a well-formed CSV file: {reason}") from None
    if frame.empty:
        raise ValueError(f"{source} has a header but no rows")
    source.thousands = thousands_columns(
        frame.drop(columns=list(text_types)), source.decimal
    )
    for name, thousands in source.thousands.items():
        frame[name] = _as_numbers(frame[name], thousands)
    source.columns = list(frame.columns)
    return frame, source
