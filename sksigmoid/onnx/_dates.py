""":class:`~sksigmoid.tabular.DateFeatures` as ONNX nodes: a column of dates
written as text becomes year, month, day of year and day of week (Monday 0),
as ``pandas.to_datetime`` reads them.

ONNX has no date type; opset 20's string operators take the cell apart
(``RegexFullMatch`` checks its form, ``StringSplit`` cuts it at the format's
separator, ``Cast`` reads the numbers) and the calendar is arithmetic on
doubles. A filled cell that is not a date in the format makes onnxruntime fail
in the node named ``not_a_date_in_<column>``, as ``sksigmoid predict`` refuses
it; an empty cell gives NaN features, for the imputer after them.
"""

import re

import numpy as np
from onnx import TensorProto
from skl2onnx.common.data_types import DoubleTensorType

from sksigmoid.onnx._graph import GraphBuilder
from sksigmoid.tabular._dates import DATE_PARTS

#: The first opset with the string operators the graph needs.
STRING_OPSET = 20

_MONTH = r"(0?[1-9]|1[0-2])"
_DAY = r"(0?[1-9]|[12][0-9]|3[01])"
_YEAR = r"[0-9]{4}"
#: A time of day after an ISO 8601 date, without a UTC offset: the features
#: do not use it, and an offset would move the date ``fit`` read (in UTC).
_TIME = r"([T ][0-9]{1,2}(:[0-9]{2}(:[0-9]{2}([.,][0-9]+)?)?)?Z?)?"

#: Days before each month in a common year, and Sakamoto's month offsets for
#: the day of the week.
_DAYS_BEFORE_MONTH = np.cumsum([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30])
_WEEKDAY_OFFSETS = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4]


def date_layout(date_format):
    """``(pattern, separators, order)`` of a date format of
    :data:`~sksigmoid.tabular._dates.DATE_FORMATS`: the regular expression a cell
    must match whole, the separators between its three numbers (ISO 8601
    reads ``2012/01/31`` too) and their order, as ``"Ymd"``."""
    if date_format == "ISO8601":
        # RE2, onnxruntime's engine, has no back-references: one branch each.
        dashes, slashes = (f"{_YEAR}{sep}{_MONTH}{sep}{_DAY}" for sep in "-/")
        return f"({dashes}|{slashes}){_TIME}", "-/", "Ymd"
    fields = {"Y": _YEAR, "m": _MONTH, "d": _DAY}
    order = "".join(re.findall(r"%([Ymd])", date_format))
    separator = re.sub(r"%[Ymd]", "", date_format)[0]
    pattern = re.escape(separator).join(fields[field] for field in order)
    return pattern, separator, order


def date_features_output_shape(operator):
    """Four double features per date column."""
    n_rows = operator.inputs[0].get_first_dimension()
    width = len(DATE_PARTS) * operator.raw_operator.n_features_in_
    operator.outputs[0].type = DoubleTensorType([n_rows, width])


def convert_date_features(scope, operator, container):
    """The graph of ``DateFeatures.transform``, column by column."""
    if container.target_opset < STRING_OPSET:
        raise ValueError(
            f"date columns need ONNX opset {STRING_OPSET} or later (its string "
            f"operators), not {container.target_opset}"
        )
    graph = GraphBuilder(scope, container, np.float64)
    transformer = operator.raw_operator
    columns = [variable.full_name for variable in operator.inputs]
    names = getattr(transformer, "feature_names_in_", columns)
    features = [
        _date_column_features(graph, cell, transformer.date_format, name)
        for cell, name in zip(columns, names, strict=True)
    ]
    output = operator.outputs[0].full_name
    if len(features) == 1:
        graph.node("Identity", features[0], output=output)
    else:
        graph.node("Concat", *features, output=output, axis=1)


def _text(graph, value):
    return graph.constant(np.array(value, dtype=object), TensorProto.STRING, "text")


def _date_column_features(graph, cells, date_format, name):
    """(N, 4) doubles from one (N, 1) column of strings."""
    pattern, separators, order = date_layout(date_format)
    empty = graph.node("Equal", cells, _text(graph, ""))
    wellformed = graph.node("RegexFullMatch", cells, pattern=pattern)
    # Empty cells read as a date first (their features become NaN at the end);
    # a cell of the wrong form becomes one that Cast cannot read.
    placeholder = separators[0].join(
        {"Y": "2000", "m": "1", "d": "1"}[f] for f in order
    )
    cells = graph.node(
        "Where",
        empty,
        _text(graph, placeholder),
        graph.node("Where", wellformed, cells, _text(graph, "not a date")),
    )
    parts = _three_parts(graph, cells, separators[0])
    for separator in separators[1:]:
        uses = graph.node(
            "RegexFullMatch", cells, pattern=f"[^{separator}]+\\{separator}.*"
        )
        parts = graph.node("Where", uses, _three_parts(graph, cells, separator), parts)
    # onnxruntime's error names the failing node: let it name the column.
    numbers = graph.node(
        "Cast", parts, to=TensorProto.DOUBLE, name=f"not_a_date_in_{name}"
    )
    year, month, day = (
        graph.node(
            "Gather",
            numbers,
            graph.constant([order.index(field)], TensorProto.INT64, "field"),
            axis=1,
        )
        for field in "Ymd"
    )
    month_index = graph.cast(
        graph.node("Sub", month, graph.scalar(1.0)), TensorProto.INT64
    )
    features = graph.node(
        "Concat",
        year,
        month,
        _day_of_year(graph, year, month, day, month_index),
        _day_of_week(graph, year, month, day, month_index),
        axis=1,
    )
    nan = graph.scalar(float("nan"))
    return graph.node("Where", empty, nan, features)


def _three_parts(graph, cells, separator):
    """The first three pieces of each cell cut at ``separator``, shape (N, 3);
    two separators appended first make every cell at least three pieces, so
    that a cell of another form fails in Cast, not in a Slice."""
    padded = graph.node("StringConcat", cells, _text(graph, separator * 2))
    pieces = graph.node("StringSplit", padded, delimiter=separator, n_outputs=2)
    first_three = graph.node(
        "Slice",
        pieces,
        graph.constant([0], TensorProto.INT64, "start"),
        graph.constant([3], TensorProto.INT64, "end"),
        graph.constant([2], TensorProto.INT64, "axis"),
    )
    return graph.node(
        "Reshape", first_three, graph.constant([-1, 3], TensorProto.INT64, "shape")
    )


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


def _divisible(graph, year, divisor):
    return graph.node("Equal", _remainder(graph, year, divisor), graph.scalar(0.0))


def _day_of_year(graph, year, month, day, month_index):
    """Days before the month, plus the day, plus one after February of a leap
    year (divisible by 4, and by 400 if by 100)."""
    leap = graph.node(
        "And",
        _divisible(graph, year, 4),
        graph.node(
            "Or",
            graph.node("Not", _divisible(graph, year, 100)),
            _divisible(graph, year, 400),
        ),
    )
    after_february = graph.node("Greater", month, graph.scalar(2.0))
    leap_day = graph.cast(graph.node("And", leap, after_february))
    before = graph.node(
        "Gather", graph.constant(_DAYS_BEFORE_MONTH), month_index, axis=0
    )
    return graph.node("Add", graph.node("Add", before, day), leap_day)


def _day_of_week(graph, year, month, day, month_index):
    """Sakamoto's rule, shifted so that Monday is 0, as pandas counts."""
    january_or_february = graph.cast(graph.node("Less", month, graph.scalar(3.0)))
    shifted = graph.node("Sub", year, january_or_february)
    total = graph.node(
        "Add",
        graph.node(
            "Sub",
            graph.node("Add", shifted, _floor_division(graph, shifted, 4)),
            _floor_division(graph, shifted, 100),
        ),
        _floor_division(graph, shifted, 400),
    )
    offset = graph.node("Gather", graph.constant(_WEEKDAY_OFFSETS), month_index, axis=0)
    total = graph.node("Add", graph.node("Add", total, offset), day)
    sunday_first = _remainder(graph, total, 7)
    return _remainder(graph, graph.node("Add", sunday_first, graph.scalar(6.0)), 7)
