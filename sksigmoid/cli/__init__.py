"""Command line: the truth-table demo, and fit / evaluate / predict / info / export
on CSV files.

``sksigmoid`` (or ``python -m sksigmoid``) alone prints the demo. The commands
work on a user's own CSV file: ``fit`` cross-validates and saves a pipeline
(encoding, then one of the package's estimators) as a skops file, ``evaluate``
scores it on new labelled rows, ``predict`` writes its predictions as CSV,
``info`` describes it and ``export`` writes it as ONNX. A problem with the input
exits with status 2 and one line on stderr, and leaves no output file behind.
"""

from sksigmoid.cli._main import main

__all__ = ["TRUSTED_TYPES", "main"]


def __getattr__(name):
    # TRUSTED_TYPES names classes, so it imports scikit-learn: only on demand.
    if name == "TRUSTED_TYPES":
        from sksigmoid.cli._files import TRUSTED_TYPES

        return TRUSTED_TYPES
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
