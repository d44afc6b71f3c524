"""scikit-learn's ``SimpleImputer`` as ONNX nodes, in double precision and with
its indicator columns.

skl2onnx's own converter computes in float32 and drops the columns that
``add_indicator=True`` appends: the pipelines of ``sksigmoid fit`` need both
the doubles and the columns.
"""

import numpy as np
from onnx import TensorProto
from skl2onnx.common.data_types import DoubleTensorType

from sksigmoid.onnx._graph import GraphBuilder


def imputer_output_shape(operator):
    """A SimpleImputer of doubles: its columns, then one indicator column per
    column that had empty cells during fit."""
    imputer = operator.raw_operator
    n_rows = operator.inputs[0].get_first_dimension()
    n_indicators = len(imputer.indicator_.features_) if imputer.add_indicator else 0
    width = imputer.n_features_in_ + n_indicators
    operator.outputs[0].type = DoubleTensorType([n_rows, width])


def convert_imputer(scope, operator, container):
    """Each NaN replaced by its column's statistic, in double precision, and the
    0/1 indicator columns of ``add_indicator=True`` after them."""
    imputer = operator.raw_operator
    graph = GraphBuilder(scope, container, np.float64)
    columns = [graph.cast(variable.full_name) for variable in operator.inputs]
    X = columns[0] if len(columns) == 1 else graph.node("Concat", *columns, axis=1)
    empty = graph.node("IsNaN", X)
    filled = graph.node("Where", empty, graph.constant(imputer.statistics_), X)
    output = operator.outputs[0].full_name
    if not (imputer.add_indicator and len(imputer.indicator_.features_)):
        graph.node("Identity", filled, output=output)
        return
    features = graph.constant(imputer.indicator_.features_, TensorProto.INT64, "marked")
    marked = graph.cast(graph.node("Gather", empty, features, axis=1))
    graph.node("Concat", filled, marked, output=output, axis=1)
