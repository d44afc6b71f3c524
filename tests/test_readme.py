"""The README stays true: its commands, its CI, its examples."""

import doctest
import re
import shlex
import shutil
from pathlib import Path

import numpy as np
import pytest

from sksigmoid.cli import main

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text()


def quick_start_commands():
    section = re.search(r"^## Quick start$(.*?)^```\w*\n(.*?)^```", README, re.M | re.S)
    return [line for line in section.group(2).splitlines() if line.strip()]


def test_quick_start_holds_the_demo_then_the_tests():
    demo, tests = quick_start_commands()
    assert demo.endswith("python -m sksigmoid")
    assert tests.endswith("python -m pytest")


def test_ci_runs_the_readme_test_command():
    ci_lines = (ROOT / ".ci" / "run").read_text().splitlines()
    assert quick_start_commands()[1] in ci_lines


def test_readme_examples_run_as_shown():
    """Run every >>> example of the README and compare the outputs shown."""
    parser, runner = doctest.DocTestParser(), doctest.DocTestRunner()
    blocks = re.findall(r"^```python\n(.*?)^```", README, re.M | re.S)
    assert len(blocks) >= 3
    namespace = {}
    for number, block in enumerate(blocks):
        test = parser.get_doctest(block, namespace, f"README block {number}", None, 0)
        runner.run(test, clear_globs=False)
        namespace.update(test.globs)  # the blocks build on each other
    assert runner.summarize(verbose=False).failed == 0


def console_session(number=0):
    """The README's console session ``number``: [command, lines it shows] pairs."""
    block = re.findall(r"^```console\n(.*?)^```", README, re.M | re.S)[number]
    session = []
    for line in block.splitlines():
        if line.startswith("$ "):
            session.append([line[2:], []])
        else:
            session[-1][1].append(line)
    return session


NUMBER = re.compile(r"\d+(?:\.\d+)?(?:e[-+]\d+)?")
TIMING = re.compile(r"\d+\.\d+ s\b")


def assert_same_lines(shown, got):
    """Equal text, equal numbers to 1e-6 relative; timings may differ."""
    assert len(got) == len(shown), "\n".join(got)
    for shown_line, got_line in zip(shown, got, strict=True):
        shown_line, got_line = (
            TIMING.sub("T s", shown_line),
            TIMING.sub("T s", got_line),
        )
        assert NUMBER.split(got_line) == NUMBER.split(shown_line), got_line
        shown_numbers = [float(n) for n in NUMBER.findall(shown_line)]
        got_numbers = [float(n) for n in NUMBER.findall(got_line)]
        np.testing.assert_allclose(got_numbers, shown_numbers, rtol=1e-6, atol=1e-12)


@pytest.mark.parametrize(
    "number, commands",
    [
        (0, ["source", "fit", "evaluate", "predict", "head"]),
        (1, ["fit", "export"]),
        (2, ["fit", "fit", "evaluate", "predict", "head", "export"]),
        (3, ["fit", "evaluate", "predict", "head", "export"]),
    ],
    ids=["clean file", "messy file", "free text", "quantity"],
)
def test_readme_command_line_session_runs_as_shown(
    tmp_path, monkeypatch, capsys, number, commands
):
    """Run the sessions' sksigmoid commands in-process and compare their output."""
    shutil.copytree(ROOT / "sksigmoid" / "data", tmp_path / "sksigmoid" / "data")
    monkeypatch.chdir(tmp_path)
    ran = []
    for command, shown in console_session(number):
        words = shlex.split(command)
        ran.append(words[0] if words[0] != "sksigmoid" else words[1])
        if words[0] == "source":
            continue
        if words[1:2] == ["export"]:
            pytest.importorskip("skl2onnx", reason="export needs the onnx extra")
        if words[0] == "head":
            got = Path(words[2]).read_text().splitlines()[: int(words[1][1:])]
        else:
            assert words[0] == "sksigmoid" and main(words[1:]) == 0
            got = capsys.readouterr().out.splitlines()
        assert_same_lines(shown, got)
    assert ran == commands


def test_user_guide_shows_the_readme_session():
    """docs/cli.rst repeats the README's session, which the test above runs."""
    guide = (ROOT / "docs" / "cli.rst").read_text()
    block = re.search(
        r"^\.\. code-block:: console\n\n(.*?)\n\n(?! )", guide, re.M | re.S
    )
    shown = [line.removeprefix("   ") for line in block.group(1).splitlines()]
    readme = re.findall(r"^```console\n(.*?)^```", README, re.M | re.S)[0]
    assert shown == readme.splitlines()
