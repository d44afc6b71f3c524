"""``to_onnx``: skl2onnx's conversion with the package's converters registered
and a classifier's outputs as plain tensors."""

import skl2onnx
from sklearn.base import is_classifier

from sksigmoid.onnx._converters import register


def to_onnx(model, X_sample, *, zipmap=False, target_opset=None, options=None):
    """Convert a fitted estimator of the package, or a pipeline ending in one,
    to an ONNX model.

    Parameters
    ----------
    model : estimator or Pipeline
        A fitted estimator of the package (a classifier, a logic gate or a
        regressor), or a Pipeline or ColumnTransformer holding one.
    X_sample : array-like or DataFrame
        A few rows of input, from which skl2onnx takes the input's type and
        width: a float32 array gives a float graph, a float64 array a double
        graph, and a DataFrame one input per column, named after it.
    zipmap : bool or "columns", default=False
        skl2onnx's option of the final classifier. ``False`` gives the outputs
        ``label`` (N,) (an (N, L) int64 indicator for a multilabel target) and
        ``probabilities`` (N, n_classes), as ``predict`` and ``predict_proba``
        return them; ``True`` gives ``output_label`` and a list of dicts
        ``output_probability``, one per row, keyed by class label. A
        regressor has one output, ``variable``, as ``predict`` returns it:
        (N,) for a y of one dimension, else (N, n_outputs).
    target_opset : int, default=None
        The ONNX opset; skl2onnx's latest by default.
    options : dict, default=None
        Further skl2onnx options, keyed by ``id(step)`` or by class.

    Returns
    -------
    onx : onnx.ModelProto
        The model, for ``onnxruntime.InferenceSession(onx.SerializeToString())``.

    Examples
    --------
    >>> import numpy as np
    >>> import onnxruntime
    >>> from sksigmoid import SigmoidNeuronClassifier
    >>> from sksigmoid.datasets import make_truth_table
    >>> from sksigmoid.onnx import to_onnx
    >>> X, y = make_truth_table("or", 2, return_X_y=True)
    >>> neuron = SigmoidNeuronClassifier(random_state=0).fit(X, y)
    >>> onx = to_onnx(neuron, X[:1].astype(np.float64))
    >>> session = onnxruntime.InferenceSession(onx.SerializeToString())
    >>> labels, proba = session.run(None, {"X": X.astype(np.float64)})
    >>> labels.tolist()
    [0, 1, 1, 1]
    >>> bool(np.allclose(proba, neuron.predict_proba(X), rtol=0, atol=1e-12))
    True
    """
    register()
    options = dict(options or {})
    if is_classifier(model):
        options[id(model)] = {"zipmap": zipmap, **options.get(id(model), {})}
    return skl2onnx.to_onnx(model, X_sample, target_opset=target_opset, options=options)
