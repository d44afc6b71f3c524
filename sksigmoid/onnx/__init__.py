"""Export the package's estimators, and pipelines holding them, to ONNX.

Needs the ``onnx`` extra (``pip install "sksigmoid[onnx]"``: skl2onnx, onnx and
onnxruntime). Importing this module registers the estimators' converters with
skl2onnx, so that ``skl2onnx.to_onnx`` converts them, bare or inside a
``Pipeline`` or ``ColumnTransformer``. :func:`tabular_to_onnx` converts the
pipelines of ``sksigmoid fit`` (and of :mod:`sksigmoid.tabular`), date columns
and imputed cells included, with one input per column.
"""

try:
    import skl2onnx  # noqa: F401
except ImportError as error:  # pragma: no cover - the extra is installed in CI
    raise ImportError(
        "sksigmoid.onnx needs skl2onnx, onnx and onnxruntime: install them with "
        'pip install "sksigmoid[onnx]"'
    ) from error

from sksigmoid.onnx._converters import register
from sksigmoid.onnx._export import to_onnx
from sksigmoid.onnx._tabular import tabular_to_onnx

register()

__all__ = ["register", "tabular_to_onnx", "to_onnx"]
