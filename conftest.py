"""The modules that import the ``onnx`` extra (skl2onnx, onnx, onnxruntime) are
collected for their doctests only where it is installed, as
``tests/test_onnx.py`` runs only there."""

import importlib.util

ONNX_EXTRA = ("skl2onnx", "onnx", "onnxruntime")

collect_ignore = (
    []
    if all(importlib.util.find_spec(name) for name in ONNX_EXTRA)
    else ["sksigmoid/onnx"]
)
