"""The skl2onnx parsers, shape calculators and converters of the package's
estimators (classifiers: labels and probabilities; regressors: their linear
outputs), and their registration."""

import numpy as np
from onnx import TensorProto
from skl2onnx import update_registered_converter
from skl2onnx._parse import _parse_sklearn_classifier, _parse_sklearn_simple_model
from skl2onnx.common.data_types import (
    DoubleTensorType,
    FloatTensorType,
    Int64TensorType,
    StringTensorType,
)
from skl2onnx.common.utils import check_input_and_output_numbers
from skl2onnx.common.utils_classifier import get_label_classes
from sklearn.utils.validation import check_is_fitted

from sksigmoid._linear_unit import AdalineClassifier, LinearUnitRegressor
from sksigmoid._network import SigmoidNetworkClassifier, SigmoidNetworkRegressor
from sksigmoid._sigmoid_neuron import SigmoidNeuronClassifier
from sksigmoid._slope import _SlopeProbabilities
from sksigmoid._threshold_unit import ThresholdUnit
from sksigmoid.onnx._graph import (
    GraphBuilder,
    class_indices,
    layer_margins,
    probabilities,
)

#: Classifier -> its skl2onnx alias.
ALIASES = {
    SigmoidNeuronClassifier: "SksigmoidSigmoidNeuronClassifier",
    ThresholdUnit: "SksigmoidThresholdUnit",
    AdalineClassifier: "SksigmoidAdalineClassifier",
    SigmoidNetworkClassifier: "SksigmoidSigmoidNetworkClassifier",
}

#: Regressor -> its skl2onnx alias.
REGRESSOR_ALIASES = {
    SigmoidNetworkRegressor: "SksigmoidSigmoidNetworkRegressor",
    LinearUnitRegressor: "SksigmoidLinearUnitRegressor",
}

#: The classifier options skl2onnx's own classifiers take.
OPTIONS = {
    "zipmap": [True, False, "columns"],
    "nocl": [True, False],
    "output_class_labels": [False, True],
}

INPUT_TYPES = (DoubleTensorType, FloatTensorType, Int64TensorType)


def parse_unit(scope, model, inputs, custom_parsers=None):
    """skl2onnx's classifier parser (the outputs ``label`` and ``probabilities``,
    and the zipmap options), for a fitted estimator only: skl2onnx itself
    would fail on the missing ``classes_`` with an AttributeError."""
    check_is_fitted(model)
    zipmap = scope.get_options(model, {"zipmap": True})["zipmap"]
    if zipmap is not False and _graph_dtype(inputs[0].type) != np.float32:
        raise ValueError(
            "onnxruntime's ZipMap takes float32 probabilities only, and this "
            f"{type(model).__name__} computes in double for a "
            f"{type(inputs[0].type).__name__} input: convert with the option "
            "zipmap=False (sksigmoid.onnx.to_onnx's default) or a float32 sample."
        )
    return _parse_sklearn_classifier(scope, model, inputs, custom_parsers)


def _graph_dtype(input_type):
    """The graph computes in float32 for a float input, else in float64, the
    estimator's own arithmetic for float64 and integer inputs."""
    return np.float32 if isinstance(input_type, FloatTensorType) else np.float64


def parse_regressor(scope, model, inputs, custom_parsers=None):
    """skl2onnx's parser of a regressor (one output, ``variable``), for a fitted
    estimator only, as :func:`parse_unit`."""
    check_is_fitted(model)
    return _parse_sklearn_simple_model(scope, model, inputs, custom_parsers)


def _float_type(input_type):
    """The tensor type of the graph's float outputs for ``input_type``."""
    return {np.float32: FloatTensorType, np.float64: DoubleTensorType}[
        _graph_dtype(input_type)
    ]


def _check_input(operator):
    """Refuse an input that is not a numeric tensor of the model's width."""
    model = operator.raw_operator
    input_type = operator.inputs[0].type
    if not isinstance(input_type, INPUT_TYPES):
        raise TypeError(
            f"{type(model).__name__} takes a numeric tensor (float, double or "
            f"int64), not {type(input_type).__name__}."
        )
    shape = input_type.shape
    n_features = shape[1] if len(shape) == 2 else None
    if isinstance(n_features, int) and n_features != model.n_features_in_:
        raise ValueError(
            f"X_sample has {n_features} features, but {type(model).__name__} is "
            f"expecting {model.n_features_in_} features as input."
        )


def unit_output_shapes(operator):
    """Check the input and declare the outputs: labels of shape (N,) (or the
    (N, L) int64 indicator of a multilabel target), in the type of
    ``classes_``, and probabilities (N, n_classes) in the input's float type."""
    check_input_and_output_numbers(operator, input_count_range=1, output_count_range=2)
    _check_input(operator)
    model = operator.raw_operator
    n_rows = operator.inputs[0].get_first_dimension()
    if model._target_type == "multilabel-indicator":
        label_type = Int64TensorType([n_rows, len(model.classes_)])
    else:
        classes = get_label_classes(operator.scope_inst, model)
        numeric = classes.dtype.kind in "biuf"
        label_type = (Int64TensorType if numeric else StringTensorType)([n_rows])
    operator.outputs[0].type = label_type
    # One column per class, or per label of a multilabel target.
    float_type = _float_type(operator.inputs[0].type)
    operator.outputs[1].type = float_type([n_rows, len(model.classes_)])


def regressor_output_shapes(operator):
    """Check the input and declare the output: the predictions in the input's
    float type, of shape (N,) for a y of one dimension, else (N, n_outputs)."""
    check_input_and_output_numbers(operator, input_count_range=1, output_count_range=1)
    _check_input(operator)
    model = operator.raw_operator
    n_rows = operator.inputs[0].get_first_dimension()
    n_outputs = model._fitted_layers().coefs[-1].shape[1]
    shape = [n_rows] if model._target_type == "continuous" else [n_rows, n_outputs]
    operator.outputs[0].type = _float_type(operator.inputs[0].type)(shape)


def convert_unit(scope, operator, container):
    """The graph of ``predict`` and ``predict_proba``: the layers' margins, the
    probability slope of a threshold unit, the package's stable probabilities,
    and the labels picked from them."""
    model = operator.raw_operator
    graph = GraphBuilder(scope, container, _graph_dtype(operator.inputs[0].type))
    X = graph.cast(operator.inputs[0].full_name)
    layers = model._fitted_layers()
    margins = layer_margins(graph, X, layers.coefs, layers.intercepts)
    scaled, normalisation = margins, "sigmoid"
    if isinstance(model, _SlopeProbabilities):
        # The classes of a threshold unit (and of ADALINE) compete in a softmax
        # of its margins times its slope (no ties far from the data); sigmoid
        # units normalise their outputs.
        slope = graph.constant(model.probability_slope_, name="slope")
        scaled, normalisation = graph.node("Mul", margins, slope), "softmax"
    class_probabilities = probabilities(
        graph, scaled, model._target_type, normalisation
    )
    graph.node("Identity", class_probabilities, output=operator.outputs[1].full_name)
    indices = class_indices(graph, margins, class_probabilities, model._target_type)
    label = operator.outputs[0].full_name
    classes = get_label_classes(scope, model)
    if model._target_type == "multilabel-indicator":
        graph.node("Identity", indices, output=label)
    elif classes.dtype.kind in "biuf":
        # Classifiers take whole numbers as float labels; int64 holds them all.
        labels = graph.constant(classes.astype(np.int64), TensorProto.INT64, "classes")
        graph.node("Gather", labels, indices, output=label, axis=0)
    else:
        labels = graph.constant(
            [str(c).encode("utf-8") for c in classes], TensorProto.STRING, "classes"
        )
        graph.node("Gather", labels, indices, output=label, axis=0)


def convert_regressor(scope, operator, container):
    """The graph of a regressor's ``predict``: its layers' margins, the linear
    outputs already in the targets' units, raveled for a y of one dimension."""
    model = operator.raw_operator
    graph = GraphBuilder(scope, container, _graph_dtype(operator.inputs[0].type))
    layers = model._fitted_layers()
    X = graph.cast(operator.inputs[0].full_name)
    outputs = layer_margins(graph, X, layers.coefs, layers.intercepts)
    name = operator.outputs[0].full_name
    if model._target_type == "continuous":
        flat = graph.constant([-1], TensorProto.INT64, name="flat")
        graph.node("Reshape", outputs, flat, output=name)
    else:
        graph.node("Identity", outputs, output=name)


def register():
    """Register the package's estimators with skl2onnx.

    :func:`sksigmoid.onnx.to_onnx` and ``import sksigmoid.onnx`` call it;
    calling it again changes nothing.

    Examples
    --------
    >>> import numpy as np
    >>> import skl2onnx
    >>> from sksigmoid import logic_gate
    >>> from sksigmoid.onnx import register
    >>> register()
    >>> gate = logic_gate("and")
    >>> options = {id(gate): {"zipmap": False}}
    >>> onx = skl2onnx.to_onnx(gate, np.zeros((1, 2)), options=options)
    >>> [output.name for output in onx.graph.output]
    ['label', 'probabilities']
    """
    for estimator, alias in ALIASES.items():
        update_registered_converter(
            estimator,
            alias,
            unit_output_shapes,
            convert_unit,
            parser=parse_unit,
            options=OPTIONS,
        )
    for estimator, alias in REGRESSOR_ALIASES.items():
        update_registered_converter(
            estimator,
            alias,
            regressor_output_shapes,
            convert_regressor,
            parser=parse_regressor,
        )
