"""Every gallery script in examples/ runs to the end and draws a figure."""

import runpy
from pathlib import Path

import pytest

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "examples").glob("*.py"))


def test_gallery_has_the_six_examples_and_more():
    """Check the gallery scripts follow sphinx-gallery's naming, and are there."""
    assert len(EXAMPLES) >= 6
    assert all(script.name.startswith("plot_") for script in EXAMPLES)


@pytest.mark.parametrize("script", EXAMPLES, ids=lambda path: path.name)
def test_example_saves_a_figure_with_data(script, tmp_path, monkeypatch):
    """Check the script runs headless and every figure it shows has plotted data,
    saved as a PNG of more than 5000 bytes (a figure without axes is about 2400)."""
    pytest.importorskip("matplotlib").use("Agg")
    import matplotlib.pyplot as plt

    if "dask" in script.stem:
        pytest.importorskip("dask.distributed", reason="needs the dask extra")
        pytest.importorskip("dask_ml", reason="needs the dask extra")
    if "onnx" in script.stem:
        for module in ("skl2onnx", "onnx", "onnxruntime"):
            pytest.importorskip(module, reason="needs the onnx extra")
    saved = []

    def save_open_figures(*args, **kwargs):
        for number in plt.get_fignums():
            figure = plt.figure(number)
            assert any(ax.has_data() for ax in figure.axes), f"figure {number} empty"
            path = tmp_path / f"figure-{len(saved)}.png"
            figure.savefig(path)
            saved.append(path)
        plt.close("all")

    plt.close("all")
    monkeypatch.setattr(plt, "show", save_open_figures)
    monkeypatch.chdir(tmp_path)
    runpy.run_path(str(script), run_name="__main__")
    save_open_figures()
    assert saved, "the script drew no figure"
    assert min(path.stat().st_size for path in saved) > 5000
