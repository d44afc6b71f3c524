"""The README stays true: its commands, its CI, its examples."""

import doctest
import re
from pathlib import Path

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
