"""The doctests of ``sksigmoid.onnx`` import skl2onnx: they run only where the
optional ``onnx`` extra is installed, as ``tests/test_onnx.py`` does."""

import importlib.util

ONNX_EXTRA = ("skl2onnx", "onnx", "onnxruntime")

collect_ignore = (
    []
    if all(importlib.util.find_spec(name) for name in ONNX_EXTRA)
    else ["sksigmoid/onnx"]
)
