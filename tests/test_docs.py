"""The documentation's hand-written pages: their examples run as printed."""

import doctest
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[1] / "docs"


@pytest.mark.parametrize("page", ["index.rst", "user_guide.rst", "onnx.rst"])
def test_page_examples_print_what_the_page_shows(page):
    """Check each ``>>>`` example of the page, as doctest runs a docstring."""
    if page == "onnx.rst":
        pytest.importorskip("onnxruntime", reason="needs the onnx extra")
    result = doctest.testfile(
        str(DOCS / page), module_relative=False, optionflags=doctest.ELLIPSIS
    )
    assert result.attempted > 0
    assert result.failed == 0
