"""The units' forward pass as ONNX nodes: the margins of every layer, and the
package's own numerically stable probabilities and labels computed from them.

Each function mirrors the NumPy code in :mod:`sksigmoid._engine._math` that
``predict_proba`` runs, operation for operation where rounding matters, so that
onnxruntime's outputs agree with the estimator's far outside the training range
as well as on it.
"""

import numpy as np
from onnx import TensorProto
from onnx.helper import np_dtype_to_tensor_dtype


class GraphBuilder:
    """Adds nodes and constants of one float type to a skl2onnx container.

    Parameters
    ----------
    scope, container : skl2onnx's Scope and ModelComponentContainer
        Where the nodes go; names come from the scope, so they never clash with
        those of the other steps of a pipeline.
    dtype : {numpy.float32, numpy.float64}
        The type of every tensor the units compute with.
    """

    def __init__(self, scope, container, dtype):
        self.scope = scope
        self.container = container
        self.dtype = np.dtype(dtype)
        self.tensor_type = np_dtype_to_tensor_dtype(self.dtype)
        self._scalars = {}

    def node(self, op_type, *inputs, output=None, name=None, n_outputs=1, **attributes):
        """Add one node and return the name of its first output (the others
        are left unused); ``name`` names the node (by default its type), as
        onnxruntime's errors do."""
        output = output or self.scope.get_unique_variable_name(op_type.lower())
        unused = [
            self.scope.get_unique_variable_name("unused") for _ in range(n_outputs - 1)
        ]
        self.container.add_node(
            op_type,
            list(inputs),
            [output, *unused],
            name=self.scope.get_unique_operator_name(name or op_type),
            **attributes,
        )
        return output

    def constant(self, values, tensor_type=None, name="constant"):
        """Add ``values`` as an initializer (of the builder's float type unless
        ``tensor_type`` says otherwise) and return its name."""
        if tensor_type is None:
            values = np.asarray(values, dtype=self.dtype)
            tensor_type = self.tensor_type
        values = np.asarray(values)
        unique = self.scope.get_unique_variable_name(name)
        flat = values.ravel().tolist()
        self.container.add_initializer(unique, tensor_type, list(values.shape), flat)
        return unique

    def scalar(self, value):
        """The name of a constant scalar of the builder's float type, added the
        first time it is asked for."""
        if value not in self._scalars:
            self._scalars[value] = self.constant(value, name="scalar")
        return self._scalars[value]

    def cast(self, name, tensor_type=None):
        """``name`` converted to ``tensor_type`` (the builder's float type by
        default)."""
        return self.node("Cast", name, to=tensor_type or self.tensor_type)


def layer_margins(graph, X, coefs, intercepts):
    """The output layer's margins, ``a @ coef + intercept`` layer after layer;
    each hidden layer passes on its sigmoid as ``(1 + tanh(z / 2)) / 2``, the
    form :func:`~sksigmoid._engine._math.hidden_sigmoid` computes."""
    activation = X
    for layer, (coef, intercept) in enumerate(zip(coefs, intercepts, strict=True)):
        weights = graph.constant(coef, name=f"coef{layer}")
        bias = graph.constant(intercept, name=f"intercept{layer}")
        margins = graph.node("Add", graph.node("MatMul", activation, weights), bias)
        if layer == len(coefs) - 1:
            return margins
        tanh = graph.node("Tanh", graph.node("Mul", margins, graph.scalar(0.5)))
        activation = graph.node(
            "Mul", graph.node("Add", tanh, graph.scalar(1.0)), graph.scalar(0.5)
        )


def log1p(graph, values):
    """``log(1 + x)`` for ``x >= 0`` to full precision, as ``numpy.log1p``: ONNX
    has no Log1p, and ``Log(1 + x)`` loses every digit of a small ``x``.

    Kahan's form: with ``u = 1 + x`` rounded, ``log(u) * x / (u - 1)`` is
    accurate, and ``x`` itself where ``u`` rounds to 1.
    """
    rounded = graph.node("Add", values, graph.scalar(1.0))
    step = graph.node("Sub", rounded, graph.scalar(1.0))
    kahan = graph.node(
        "Div", graph.node("Mul", graph.node("Log", rounded), values), step
    )
    exact = graph.node("Equal", step, graph.scalar(0.0))
    return graph.node("Where", exact, values, kahan)


def log_sigmoid(graph, margins):
    """``-logaddexp(0, -z) = min(z, 0) - log1p(exp(-|z|))``: finite for every
    finite margin, the form :func:`~sksigmoid._engine._math.log_sigmoid` takes."""
    small = graph.node("Exp", graph.node("Neg", graph.node("Abs", margins)))
    non_positive = graph.node("Min", margins, graph.scalar(0.0))
    return graph.node("Sub", non_positive, log1p(graph, small))


def probabilities(graph, margins, target_type, normalisation):
    """The class probabilities of the units' probability margins, as
    :meth:`~sksigmoid._engine._targets.TargetEncoder.probabilities` has them:
    ``[sigmoid(-z), sigmoid(z)]`` for one unit, each unit's sigmoid for
    multilabel, and for several classes ``"sigmoid"`` (normalised unit outputs,
    ``softmax(log_sigmoid(z))``) or ``"softmax"`` (``softmax(z)``); the
    LogSoftmax subtracts each row's largest entry first, so neither form
    overflows."""
    if target_type == "binary":
        negative = graph.node("Sigmoid", graph.node("Neg", margins))
        return graph.node("Concat", negative, graph.node("Sigmoid", margins), axis=1)
    if target_type == "multilabel-indicator":
        return graph.node("Sigmoid", margins)
    if normalisation == "sigmoid":
        margins = log_sigmoid(graph, margins)
    # exp(log_softmax), as NumPy computes it: a Softmax node rounds otherwise,
    # and a row whose probabilities predict_proba rounds to a tie must tie.
    return graph.node("Exp", graph.node("LogSoftmax", margins, axis=1))


def class_indices(graph, margins, class_probabilities, target_type):
    """The index of each row's predicted class (int64), as ``predict`` picks
    it: a binary unit fires above 0, multilabel units fire independently (an
    (N, L) indicator), and among several classes the first of the largest
    probabilities wins."""
    if target_type == "multiclass":
        return graph.node("ArgMax", class_probabilities, axis=1, keepdims=0)
    fired = graph.node("Greater", margins, graph.scalar(0.0))
    fired = graph.cast(fired, TensorProto.INT64)
    if target_type == "binary":
        flat = graph.constant([-1], TensorProto.INT64, name="flat")
        return graph.node("Reshape", fired, flat)
    return fired
