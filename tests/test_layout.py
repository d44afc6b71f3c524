"""The package's layout: dependencies point one way, command line -> estimators
-> engine, with no import cycle, counting imports inside functions."""

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parents[1] / "sksigmoid"
ESTIMATORS = {
    "sksigmoid",
    "sksigmoid._base",
    "sksigmoid._sigmoid_neuron",
    "sksigmoid._threshold_unit",
    "sksigmoid._network",
    "sksigmoid._gates",
}


def module_name(path):
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in PACKAGE.rglob("*.py")}


def imported_modules(name):
    """The package's modules that module ``name`` imports, anywhere in it."""
    found = set()
    for node in ast.walk(ast.parse(MODULES[name].read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            assert node.level == 0, f"{name} has a relative import"
            for alias in node.names:
                child = f"{node.module}.{alias.name}"
                found.add(child if child in MODULES else node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {module for module in found if module in MODULES} - {name}


GRAPH = {name: imported_modules(name) for name in MODULES}


def reachable(start):
    seen, stack = set(), list(GRAPH[start])
    while stack:
        module = stack.pop()
        if module not in seen:
            seen.add(module)
            stack.extend(GRAPH[module])
    return seen


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_module_imports_itself_through_others(name):
    assert name not in reachable(name)


@pytest.mark.parametrize("name", sorted(m for m in MODULES if "._engine" in m))
def test_the_engine_imports_no_estimator_and_no_command_line(name):
    outside = {m for m in reachable(name) if "._engine" not in m}
    assert not outside, f"{name} reaches {sorted(outside)}"


def test_only_the_command_line_and_main_import_the_command_line():
    importers = {
        name
        for name, imports in GRAPH.items()
        if any(m.startswith("sksigmoid.cli") for m in imports)
    }
    assert {m for m in importers if not m.startswith("sksigmoid.cli")} == {
        "sksigmoid.__main__"
    }


def test_only_the_backend_imports_the_compiled_kernels():
    kernels = {"sksigmoid._engine._kernels", "sksigmoid._engine._perceptron_kernels"}
    importers = {
        n for n, imports in GRAPH.items() if n not in kernels and kernels & imports
    }
    assert importers == {"sksigmoid._engine._backend"}


def test_the_estimators_do_not_reach_the_command_line():
    for name in ESTIMATORS - {"sksigmoid"}:
        assert not any(m.startswith("sksigmoid.cli") for m in reachable(name))


def test_only_the_plan_chooses_the_step_rule():
    """Check that ``learning_rate == "auto"`` is read in one place, the plan of
    ``_engine._solvers``, as MLPClassifier branches on its solver in one."""
    pattern = re.compile(r"""learning_rate\s*[!=]=\s*["']auto["']""")
    readers = {
        name for name, path in MODULES.items() if pattern.search(path.read_text())
    }
    assert readers == {"sksigmoid._engine._solvers"}


ONNX_PACKAGES = {"onnx", "skl2onnx", "onnxruntime"}


def third_party_imports(name):
    """The top-level packages outside sksigmoid that module ``name`` imports,
    anywhere in it."""
    found = set()
    for node in ast.walk(ast.parse(MODULES[name].read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module.split(".")[0])
        elif isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
    return found - {"sksigmoid"}


@pytest.mark.parametrize("name", sorted(m for m in MODULES if ".tabular" in m))
def test_the_tables_reach_neither_the_command_line_nor_onnx(name):
    reached = {name, *reachable(name)}
    assert not any(m.startswith(("sksigmoid.cli", "sksigmoid.onnx")) for m in reached)
    assert not set().union(*map(third_party_imports, reached)) & ONNX_PACKAGES


@pytest.mark.parametrize("name", sorted(m for m in MODULES if ".onnx" in m))
def test_onnx_does_not_reach_the_command_line(name):
    assert not any(m.startswith("sksigmoid.cli") for m in reachable(name))


@pytest.mark.parametrize("name", sorted(m for m in MODULES if ".cli" in m))
def test_the_command_line_imports_no_onnx_package(name):
    """Check that exporting goes through sksigmoid.onnx: the command line
    imports none of the onnx extra's packages itself, even in a function."""
    assert not third_party_imports(name) & ONNX_PACKAGES


def test_the_package_imports_no_onnx_package():
    """Check that ``import sksigmoid`` (and the command line's and the tables'
    modules) load without the onnx extra."""
    code = (
        "import sys, sksigmoid, sksigmoid.tabular, sksigmoid.cli._commands; "
        "print(sorted({'onnx', 'skl2onnx', 'onnxruntime'} & set(sys.modules)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
