""":class:`~sksigmoid.tabular.DateFeatures` as ONNX nodes: a column of dates
written as text becomes year, month, day of year and day of week (Monday 0),
as ``pandas.to_datetime`` reads them, in UTC.

ONNX has no date type. ``RegexFullMatch`` (opset 20) checks that a cell is
written as pandas reads it in the column's format: for ``ISO8601``, the forms
of pandas' own parser, from the year alone (``2024``, ``-44``) through
``2024-03``, ``20240301`` and ``2024.3.1`` to times with fractions and UTC
offsets (``2024-03-01 10:00:00.5 +01:30``), spaces around them included; for
the other formats, what ``strptime`` reads (``3/ 1/2024``). onnxruntime's
``Tokenizer`` (the one word columns use) then cuts the cell's digits two at a
time: pandas reads each field of one or two digits greedily, so that, whatever
the separators, the year is the first two pieces (fewer for the short years a
leading ``-`` allows), then come month, day, hour and minute, and a UTC offset
is the last one or two. The calendar is arithmetic on doubles over day numbers
(Hinnant's): an offset moves the day as ``fit`` read it in UTC, and a day past
the end of its month (``2023-02-29``) is not a date.

A filled cell that is not a date in the format makes onnxruntime fail in the
node named ``not_a_date_in_<column>``, as ``sksigmoid predict`` refuses it; an
empty cell (``""``) gives NaN features, for the imputer after them. pandas
also reads ``today`` and ``now`` (the clock's time), and digits of other
scripts in the year of ``strptime``'s formats: ``fit`` and ``predict`` take
neither for a date (:func:`~sksigmoid.tabular._dates.read_dates`), nor does
the graph. It reads one kind of cell they refuse: a time with more than six
decimals of a second outside 1677-2262, where pandas' nanoseconds end.
"""

import re
from dataclasses import dataclass, replace

import numpy as np
from onnx import TensorProto
from skl2onnx.common.data_types import DoubleTensorType

from sksigmoid.onnx._graph import GraphBuilder
from sksigmoid.tabular._dates import DATE_PARTS, example_date

#: The first opset with the string operators the graph needs.
STRING_OPSET = 20

#: C's ``isspace``, which pandas' ISO 8601 parser skips around a date.
_SPACE = r"[\t\n\x0b\x0c\r ]"
_YEAR = "[0-9]{4}"
# A field of one or two digits is read greedily: one digit only before a
# non-digit, which the pattern around it then requires.
_MONTH = "(0[1-9]|1[0-2]|[1-9])"
_DAY = "(0[1-9]|[12][0-9]|3[01]|[1-9])"
_HOUR = "([01][0-9]|2[0-3])"
_SIXTY = "([0-5][0-9]|[0-9])"
_FRACTION = r"(\.[0-9]{0,18})?"
#: ISO 8601's time of day: the hour alone (two digits), or with minutes and
#: seconds after colons (one or two digits each), or without (two each).
_TIME = (
    f"({_HOUR}"
    f"|({_HOUR}|[0-9]):{_SIXTY}(:{_SIXTY}{_FRACTION})?"
    f"|{_HOUR}[0-5][0-9]([0-5][0-9]{_FRACTION})?)"
)
#: A UTC offset: hours of one or two digits, then minutes (after a colon, or
#: two digits without one) and spaces; pandas takes no spaces after hours.
_OFFSET = f"[+-]({_HOUR}(:?{_SIXTY}{_SPACE}*)?|[0-9](:{_SIXTY}{_SPACE}*)?)"
#: What ``strptime``'s ``%d`` and ``%m`` read (its ``%d`` takes " 1" for 1).
_STRPTIME_FIELDS = {
    "Y": _YEAR,
    "m": "(1[0-2]|0[1-9]|[1-9])",
    "d": "(3[01]|[12][0-9]|0[1-9]|[1-9]| [1-9])",
}


def _year(separator, spaces):
    """The years pandas' ISO 8601 parser reads before ``separator``: in a cell
    that starts with ``-``, negative, of one to four digits; else four digits,
    or none at all (year 0) before a separator it cannot take for a sign or a
    space to skip. With ``spaces`` (no format given), spaces may come first,
    then a ``-`` that changes nothing."""
    years = ["-[0-9]{1,4}", _YEAR]
    if separator not in "- ":
        years.append("")
    if spaces:
        years += [f"{_SPACE}+-?{_YEAR}", f"{_SPACE}+-"]
        if separator not in "- ":
            years.append(f"{_SPACE}+")
    return "(" + "|".join(years) + ")"


@dataclass(frozen=True)
class DateGrammar:
    """How pandas reads the cells of one date format, as regular expressions
    for RE2 (onnxruntime's engine: no back-references) and the pieces of two
    digits each field is cut into.

    Attributes
    ----------
    pattern : str
        What a cell must match whole to be a date without a UTC offset.
    offset_pattern : str or None
        What it matches when it ends in a UTC offset (ISO 8601 only).
    positions : dict
        Field (``"Y"``, ``"m"``, ``"d"``, ``"H"``, ``"M"``) -> the index of its
        first two-digit piece; the year takes two pieces.
    signed : bool
        Whether a cell that starts with ``-`` has a negative year (of one to
        four digits, for pandas' ISO 8601 parser).
    first_year : int or None
        The first year ``strptime`` reads (1), for cells its ISO 8601 parser
        does not read; None if the format is ISO 8601's alone.
    iso_pattern : str or None
        Of a format that starts with the year, the cells pandas reads with its
        ISO 8601 parser (which reads the years before 1).
    """

    pattern: str
    offset_pattern: str | None
    positions: dict
    signed: bool
    first_year: int | None
    iso_pattern: str | None = None


def date_grammar(date_format):
    """The :class:`DateGrammar` of ``date_format``, or None for a format the
    graph does not read: ``"ISO8601"``, and ``%Y``, ``%m`` and ``%d`` joined
    by one separator (``-``, ``.`` or ``/``) each, with the year first or last,
    as :data:`~sksigmoid.tabular._dates.DATE_FORMATS` holds them."""
    if date_format == "ISO8601":
        return _iso_grammar()
    order = "".join(re.findall(r"%([Ymd])", date_format))
    separators = re.sub(r"%[Ymd]", "", date_format)
    if (
        order not in ("Ymd", "dmY", "mdY")
        or len(separators) != 2
        or separators[0] != separators[1]
        or separators[0] not in "-./"
    ):
        return None
    separator = f"[{separators[0]}]"
    strptime = separator.join(_STRPTIME_FIELDS[field] for field in order)
    grammar = DateGrammar(
        pattern=strptime,
        offset_pattern=None,
        positions=_positions(order),
        signed=False,
        first_year=1,
    )
    if order != "Ymd":
        return grammar
    # pandas reads a format that starts with the year with its ISO 8601
    # parser first (a sign allowed, years from 0), then with strptime.
    year = _year(separators[0], spaces=False)
    iso = f"{year}{separator}{_MONTH}{separator}{_DAY}"
    return replace(grammar, pattern=f"{iso}|{strptime}", signed=True, iso_pattern=iso)


def _iso_grammar():
    """pandas' own ISO 8601 parser: the year, then the month and day after the
    same separator (or two digits each without one), then a time after ``T``
    or a space, then spaces, ``Z`` or a UTC offset."""
    separators = "-./\\ "
    month = "|".join(
        f"{_year(sep, spaces=True)}[{re.escape(sep)}]{_MONTH}" for sep in separators
    )
    day = "|".join(
        [
            *(
                f"{_year(sep, spaces=True)}[{re.escape(sep)}]{_MONTH}"
                f"[{re.escape(sep)}]{_DAY}"
                for sep in separators
            ),
            f"{_SPACE}*-?{_YEAR}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])",
        ]
    )
    year = f"-[0-9]{{1,4}}|{_SPACE}*-?{_YEAR}"
    time = f"[T ]{_TIME}{_SPACE}*"
    return DateGrammar(
        pattern=f"{year}|{month}|({day})({time}(Z{_SPACE}*)?)?",
        offset_pattern=f"({day}){time}{_OFFSET}",
        positions=_positions("YmdHM"),
        signed=True,
        first_year=None,
    )


def _positions(order):
    positions, position = {}, 0
    for field in order:
        positions[field] = position
        position += 2 if field == "Y" else 1
    return positions


def date_features_output_shape(operator):
    """Four double features per date column."""
    n_rows = operator.inputs[0].get_first_dimension()
    width = len(DATE_PARTS) * operator.raw_operator.n_features_in_
    operator.outputs[0].type = DoubleTensorType([n_rows, width])


def convert_date_features(scope, operator, container):
    """The graph of ``DateFeatures.transform``, column by column; a format
    without a graph is refused with a ``ValueError`` naming the column."""
    if container.target_opset < STRING_OPSET:
        raise ValueError(
            f"date columns need ONNX opset {STRING_OPSET} or later (its string "
            f"operators), not {container.target_opset}"
        )
    transformer = operator.raw_operator
    columns = [variable.full_name for variable in operator.inputs]
    names = getattr(transformer, "feature_names_in_", columns)
    grammar = date_grammar(transformer.date_format)
    if grammar is None:
        raise ValueError(
            f"column {names[0]!r} holds dates in the format "
            f"{transformer.date_format!r}, which its ONNX graph does not read "
            "(it reads ISO8601, and %Y, %m and %d joined by -, . or /, the year "
            "first or last), so it is not exported"
        )
    graph = GraphBuilder(scope, container, np.float64)
    placeholder = example_date(transformer.date_format)
    features = [
        _date_column_features(graph, cell, grammar, placeholder, name)
        for cell, name in zip(columns, names, strict=True)
    ]
    output = operator.outputs[0].full_name
    if len(features) == 1:
        graph.node("Identity", features[0], output=output)
    else:
        graph.node("Concat", *features, output=output, axis=1)


def _text(graph, value):
    return graph.constant(np.array(value, dtype=object), TensorProto.STRING, "text")


def _matches(graph, cells, pattern):
    return graph.node("RegexFullMatch", cells, pattern=pattern)


def _date_column_features(graph, cells, grammar, placeholder, name):
    """(N, 4) doubles from one (N, 1) column of strings."""
    empty = graph.node("Equal", cells, _text(graph, ""))
    wellformed = _matches(graph, cells, grammar.pattern)
    if grammar.offset_pattern is not None:
        with_offset = _matches(graph, cells, grammar.offset_pattern)
        wellformed = graph.node("Or", wellformed, with_offset)
    # Empty and malformed cells are read as a date, the first to give NaN
    # features, the others to fail below, in the node that names the column.
    readable = graph.node("Where", wellformed, cells, _text(graph, placeholder))
    pieces, n_pieces = _two_digit_pieces(graph, readable)
    offset, n_offset_pieces = _utc_offset(graph, readable, pieces, n_pieces, grammar)
    n_local = graph.node("Sub", n_pieces, n_offset_pieces)

    year, month, day, hour, minute = _fields(graph, readable, pieces, n_local, grammar)
    first_of_month = _days_from_civil(graph, year, month)
    days = graph.node("Add", first_of_month, graph.node("Sub", day, graph.scalar(1.0)))
    next_month = graph.node("Add", month, graph.scalar(1.0))
    in_month = graph.node("Less", days, _days_from_civil(graph, year, next_month))
    if grammar.first_year is not None:
        from_first_year = graph.node(
            "GreaterOrEqual", year, graph.scalar(float(grammar.first_year))
        )
        if grammar.iso_pattern is not None:
            iso = _matches(graph, readable, grammar.iso_pattern)
            from_first_year = graph.node("Or", from_first_year, iso)
        in_month = graph.node("And", in_month, from_first_year)
    if offset is not None:
        # pandas reads the time in UTC: the offset may move it to another day.
        minutes = graph.node(
            "Add",
            graph.node("Mul", hour, graph.scalar(60.0)),
            minute,
        )
        utc = graph.node("Sub", minutes, offset)
        days = graph.node("Add", days, _floor_division(graph, utc, 1440))
    date = graph.node("Or", graph.node("And", wellformed, in_month), empty)
    # onnxruntime's error names the failing node: let it name the column. Its
    # zeros join the year, as onnxruntime runs only what an output needs.
    check = graph.node(
        "Cast",
        graph.node("Where", date, _text(graph, "0"), _text(graph, "not a date")),
        to=TensorProto.DOUBLE,
        name=f"not_a_date_in_{name}",
    )
    utc_year, utc_month = _civil_from_days(graph, days)
    new_year = _days_from_civil(graph, utc_year, graph.scalar(1.0))
    day_of_year = graph.node(
        "Add", graph.node("Sub", days, new_year), graph.scalar(1.0)
    )
    # Day 0, 1970-01-01, was a Thursday: 3 counting from Monday.
    day_of_week = _remainder(graph, graph.node("Add", days, graph.scalar(3.0)), 7)
    features = graph.node(
        "Concat",
        graph.node("Add", utc_year, check),
        utc_month,
        day_of_year,
        day_of_week,
        axis=1,
    )
    return graph.node("Where", empty, graph.scalar(float("nan")), features)


def _fields(graph, cells, pieces, n_local, grammar):
    """Year, month, day, hour and minute (N, 1) of each cell from its
    ``n_local`` pieces before any UTC offset; month and day are 1, hour and
    minute 0, where the cell stops before them (or the format has none)."""
    at = grammar.positions["Y"]
    first, second = (
        graph.node(
            "Gather",
            pieces,
            graph.constant([position], TensorProto.INT64, "piece"),
            axis=1,
        )
        for position in (at, at + 1)
    )
    year = graph.node("Add", graph.node("Mul", first, graph.scalar(100.0)), second)
    shift = None
    if grammar.signed:
        # pandas' ISO 8601 parser reads years of four digits, of one to three
        # after a "-" that starts the cell (of one or two: one piece, and the
        # pieces after it come one early), and none (year 0, two early).
        tens = graph.node("Add", graph.node("Mul", first, graph.scalar(10.0)), second)
        three_digits = _matches(graph, cells, "-[0-9]{3}([^0-9].*)?")
        year = graph.node("Where", three_digits, tens, year)
        one_piece = _matches(graph, cells, "-[0-9]{1,2}([^0-9].*)?")
        year = graph.node("Where", one_piece, first, year)
        no_digits = _matches(graph, cells, f"{_SPACE}*[./\\\\].*|{_SPACE}+-[^0-9].*")
        year = graph.node("Where", no_digits, graph.scalar(0.0), year)
        negative = _matches(graph, cells, "-.*")
        year = graph.node("Where", negative, graph.node("Neg", year), year)
        shift = graph.node(
            "Neg",
            graph.cast(
                graph.node(
                    "Add",
                    graph.cast(one_piece),
                    graph.node("Mul", graph.cast(no_digits), graph.scalar(2.0)),
                ),
                TensorProto.INT64,
            ),
        )

    def field(name, default):
        """The field's piece, or ``default`` where the cell stops before it."""
        if name not in grammar.positions:
            return graph.scalar(float(default))
        position = graph.constant([grammar.positions[name]], TensorProto.INT64, "piece")
        if shift is None:
            value = graph.node("Gather", pieces, position, axis=1)
            index = graph.cast(position)
        else:
            index = graph.node("Add", shift, position)
            value = graph.node("GatherElements", pieces, index, axis=1)
            index = graph.cast(index)
        written = graph.node("Less", index, n_local)
        return graph.node("Where", written, value, graph.scalar(float(default)))

    return year, field("m", 1), field("d", 1), field("H", 0), field("M", 0)


def _two_digit_pieces(graph, cells):
    """The digits of each cell, two at a time (``2024-3-01`` gives 20, 24, 3,
    1), as doubles (N, K), then -1 to at least six columns more than the
    longest cell takes; and their number (N, 1)."""
    # "-1" is no piece of digits, and the string Cast reads without a Where.
    tokens = graph.node(
        "Tokenizer",
        cells,
        op_domain="com.microsoft",
        op_version=1,
        mark=0,
        mincharnum=1,
        pad_value="-1",
        tokenexp="[0-9]{1,2}",
    )
    # (N, 1, K) to (N, K); Flatten also takes the (0, 0) of no rows.
    pieces = graph.cast(graph.node("Flatten", tokens, axis=1))
    padding = graph.node(
        "Expand", graph.constant(np.full((1, 6), -1.0)), graph.node("Shape", cells)
    )
    pieces = graph.node("Concat", pieces, padding, axis=1)
    written = graph.cast(graph.node("GreaterOrEqual", pieces, graph.scalar(0.0)))
    axes = graph.constant([1], TensorProto.INT64, "axes")
    return pieces, graph.node("ReduceSum", written, axes, keepdims=1)


def _utc_offset(graph, cells, pieces, n_pieces, grammar):
    """The UTC offset of each cell in minutes east (N, 1), and the number of
    pieces it takes at the end of the cell (0, 1 or 2); ``(None, 0)`` for a
    format without offsets. Its hours take one piece, its minutes another."""
    if grammar.offset_pattern is None:
        return None, graph.scalar(0.0)
    given = graph.cast(_matches(graph, cells, grammar.offset_pattern))
    hours_only = graph.cast(_matches(graph, cells, ".*[+-][0-9]{1,2}"))
    with_minutes = graph.node(
        "Mul", given, graph.node("Sub", graph.scalar(1.0), hours_only)
    )
    n_offset = graph.node("Add", given, with_minutes)
    first = graph.cast(graph.node("Sub", n_pieces, n_offset), TensorProto.INT64)
    hours, minutes = (
        graph.node("GatherElements", pieces, index, axis=1)
        for index in (
            first,
            graph.node("Add", first, graph.constant([1], TensorProto.INT64, "next")),
        )
    )
    total = graph.node(
        "Add",
        graph.node("Mul", hours, graph.scalar(60.0)),
        graph.node("Mul", minutes, with_minutes),
    )
    east = _matches(graph, cells, r".*\+.*")
    signed = graph.node("Where", east, total, graph.node("Neg", total))
    return graph.node("Mul", signed, given), n_offset


def _floor_division(graph, numerator, denominator):
    return graph.node(
        "Floor", graph.node("Div", numerator, graph.scalar(float(denominator)))
    )


def _remainder(graph, numerator, denominator):
    """``numerator mod denominator`` in [0, denominator), for whole doubles."""
    multiple = graph.node(
        "Mul",
        _floor_division(graph, numerator, denominator),
        graph.scalar(float(denominator)),
    )
    return graph.node("Sub", numerator, multiple)


def _linear(graph, *terms):
    """``sum(factor * value)`` over ``(factor, value)`` terms."""
    total = None
    for factor, value in terms:
        term = value if factor == 1 else graph.node("Mul", value, graph.scalar(factor))
        total = term if total is None else graph.node("Add", total, term)
    return total


def _days_from_civil(graph, year, month):
    """The day number (1970-01-01 is 0) of the first of ``month`` in the
    proleptic Gregorian calendar, any year; month 13 is January of the next
    year. Hinnant's ``days_from_civil``: years start in March, so that the
    leap day ends them."""
    january_or_february = graph.cast(graph.node("Less", month, graph.scalar(3.0)))
    shifted = graph.node("Sub", year, january_or_february)
    era = _floor_division(graph, shifted, 400)
    year_of_era = _linear(graph, (1.0, shifted), (-400.0, era))
    month_from_march = _remainder(
        graph, graph.node("Add", month, graph.scalar(9.0)), 12
    )
    day_of_year = _floor_division(
        graph, _linear(graph, (153.0, month_from_march), (1.0, graph.scalar(2.0))), 5
    )
    return _linear(
        graph,
        (146097.0, era),
        (365.0, year_of_era),
        (1.0, _floor_division(graph, year_of_era, 4)),
        (-1.0, _floor_division(graph, year_of_era, 100)),
        (1.0, day_of_year),
        (1.0, graph.scalar(-719468.0)),
    )


def _civil_from_days(graph, days):
    """The year and month of day number ``days``: Hinnant's
    ``civil_from_days``."""
    days = graph.node("Add", days, graph.scalar(719468.0))
    era = _floor_division(graph, days, 146097)
    day_of_era = _linear(graph, (1.0, days), (-146097.0, era))
    year_of_era = _floor_division(
        graph,
        _linear(
            graph,
            (1.0, day_of_era),
            (-1.0, _floor_division(graph, day_of_era, 1460)),
            (1.0, _floor_division(graph, day_of_era, 36524)),
            (-1.0, _floor_division(graph, day_of_era, 146096)),
        ),
        365,
    )
    day_of_year = _linear(
        graph,
        (1.0, day_of_era),
        (-365.0, year_of_era),
        (-1.0, _floor_division(graph, year_of_era, 4)),
        (1.0, _floor_division(graph, year_of_era, 100)),
    )
    month_from_march = _floor_division(
        graph, _linear(graph, (5.0, day_of_year), (1.0, graph.scalar(2.0))), 153
    )
    before_january = graph.node("Less", month_from_march, graph.scalar(10.0))
    month = graph.node(
        "Where",
        before_january,
        graph.node("Add", month_from_march, graph.scalar(3.0)),
        graph.node("Sub", month_from_march, graph.scalar(9.0)),
    )
    in_next_year = graph.cast(graph.node("Not", before_january))
    year = _linear(graph, (1.0, year_of_era), (400.0, era), (1.0, in_next_year))
    return year, month
