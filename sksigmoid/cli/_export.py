"""``sksigmoid export``: a saved pipeline as an ONNX model, with one input per
feature column.

skl2onnx is imported only when a model is exported: it belongs to the optional
``onnx`` extra, and ``info`` lists the inputs without it.
"""

import copy
from pathlib import Path

import numpy as np
import pandas as pd

from sksigmoid.cli._dates import DateFeatures
from sksigmoid.cli._files import (
    check_not_an_input,
    check_writable,
    load_model,
    write_atomically,
)

#: ONNX element type of each kind of feature column, as ``info`` lists them.
INPUT_TYPES = {"numeric": "double", "text": "string"}


def onnx_inputs(record):
    """The exported graph's inputs, ``[(column, kind)]``, one per feature
    column: numeric columns are doubles (NaN for an empty cell), date and
    one-hot encoded columns strings as the file spells them ("" for an empty
    cell). ONNX feeds inputs by name, so their order is the record's."""
    numeric = [(name, "numeric") for name in record["numeric_columns"]]
    dates = [(name, "text") for name in record.get("date_columns", {})]
    text = [(name, "text") for name in record["categorical_columns"]]
    return numeric + dates + text


def describe_onnx_inputs(record):
    """One line for ``info``: the inputs of ``sksigmoid export``'s graph."""
    groups = {}
    for name, kind in onnx_inputs(record):
        groups.setdefault(INPUT_TYPES[kind], []).append(name)
    return "; ".join(
        f"{', '.join(names)}: {kind} (N, 1)" for kind, names in groups.items()
    )


def export(args, out):
    """Write the pipeline of ``args.model`` as the ONNX model ``args.output``."""
    check_writable(args.output)
    check_not_an_input(args.output, [args.model])
    pipeline, record = load_model(args.model)
    onnx_model = _convert(pipeline, record)
    write_atomically(
        args.output, lambda path: Path(path).write_bytes(onnx_model.SerializeToString())
    )
    inputs = onnx_inputs(record)
    out.write(
        f"Wrote {args.output}: {len(inputs)} inputs, one per feature column "
        "(see sksigmoid info), and the outputs label and probabilities\n"
    )


def _convert(pipeline, record):
    """The ONNX model of ``pipeline``, its inputs those of :func:`onnx_inputs`."""
    try:
        import onnxruntime  # noqa: F401
        import skl2onnx  # noqa: F401
    except ImportError:
        raise ValueError(
            "exporting to ONNX needs skl2onnx, onnx and onnxruntime: "
            'pip install "sksigmoid[onnx]"'
        ) from None
    from skl2onnx.common.data_types import DoubleTensorType, StringTensorType

    tensor_types = {"numeric": DoubleTensorType, "text": StringTensorType}
    initial_types = [
        (name, tensor_types[kind]([None, 1])) for name, kind in onnx_inputs(record)
    ]
    pipeline = _empty_cells_as_empty_strings(pipeline)
    return convert_steps(
        pipeline, initial_types, options={id(pipeline): {"zipmap": False}}
    )


def convert_steps(model, initial_types, options=None):
    """skl2onnx's ONNX model of ``model``, a pipeline of the command line's
    steps (or one of them), its inputs named as the columns of
    ``initial_types``; refused unless onnxruntime loads it."""
    import skl2onnx
    from sklearn.impute import SimpleImputer

    import sksigmoid.onnx
    from sksigmoid.cli._export_dates import (
        convert_date_features,
        date_features_output_shape,
    )

    sksigmoid.onnx.register()
    onnx_model = skl2onnx.convert_sklearn(
        model,
        initial_types=initial_types,
        options=options,
        # skl2onnx's SimpleImputer computes in float32 and drops the
        # indicator columns; this one keeps both the doubles and the columns.
        custom_shape_calculators={
            SimpleImputer: _imputer_output_shape,
            DateFeatures: date_features_output_shape,
        },
        custom_conversion_functions={
            SimpleImputer: _convert_imputer,
            DateFeatures: convert_date_features,
        },
    )
    _name_inputs_as_columns(onnx_model, [name for name, _ in initial_types])
    _check_loads(onnx_model)
    return onnx_model


def _check_loads(onnx_model):
    """Refuse a graph onnxruntime cannot run: a file is written only if it
    serves."""
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.log_severity_level = 4  # the error below says it in one line
    try:
        onnxruntime.InferenceSession(
            onnx_model.SerializeToString(),
            options,
            providers=["CPUExecutionProvider"],
        )
    except Exception as error:  # onnxruntime raises its own kinds
        raise ValueError(
            f"the ONNX graph of this model does not load in onnxruntime: {error}"
        ) from None


def _empty_cells_as_empty_strings(pipeline):
    """A copy of ``pipeline`` whose one-hot encoder spells the category of the
    empty cell (NaN) as ``""``: an ONNX string tensor holds no NaN, and
    skl2onnx would write it as the text ``"nan"``, which a file may hold."""
    pipeline = copy.deepcopy(pipeline)
    for name, encoder, _ in pipeline[0].transformers_:
        if name == "categorical":
            encoder.categories_ = [
                np.array(["" if pd.isna(c) else c for c in categories], dtype=object)
                for categories in encoder.categories_
            ]
    return pipeline


def _name_inputs_as_columns(onnx_model, columns):
    """Rename the graph's inputs to the columns' own names.

    skl2onnx writes ``Culmen Length (mm)`` as ``Culmen_Length__mm_``; a caller
    feeds a table's columns by their names, and ONNX and onnxruntime take any
    string as a name.
    """
    graph = onnx_model.graph
    renamed = {
        graph_input.name: column
        for graph_input, column in zip(graph.input, columns, strict=True)
    }
    for graph_input in graph.input:
        graph_input.name = renamed[graph_input.name]
    for node in graph.node:
        for position, name in enumerate(node.input):
            node.input[position] = renamed.get(name, name)


def _imputer_output_shape(operator):
    """A SimpleImputer of doubles: its columns, then one indicator column per
    column that had empty cells during fit."""
    from skl2onnx.common.data_types import DoubleTensorType

    imputer = operator.raw_operator
    n_rows = operator.inputs[0].get_first_dimension()
    n_indicators = len(imputer.indicator_.features_) if imputer.add_indicator else 0
    width = imputer.n_features_in_ + n_indicators
    operator.outputs[0].type = DoubleTensorType([n_rows, width])


def _convert_imputer(scope, operator, container):
    """Each NaN replaced by its column's statistic, in double precision, and the
    0/1 indicator columns of ``add_indicator=True`` after them."""
    from onnx import TensorProto

    from sksigmoid.onnx._graph import GraphBuilder

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
