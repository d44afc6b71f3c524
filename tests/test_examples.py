"""Every script in examples/ runs to the end."""

import runpy
from pathlib import Path

import pytest

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "examples").glob("*.py"))


@pytest.mark.parametrize("script", EXAMPLES, ids=lambda path: path.name)
def test_example_runs(script, capsys):
    if "dask" in script.stem:
        pytest.importorskip("dask.distributed", reason="needs the dask extra")
        pytest.importorskip("dask_ml", reason="needs the dask extra")
    runpy.run_path(str(script), run_name="__main__")
    assert capsys.readouterr().out
