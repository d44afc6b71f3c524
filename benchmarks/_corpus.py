"""Debian's package descriptions for the benchmarks, parsed once and cached.

The parser lives in one place, the gallery example
``examples/plot_package_descriptions.py``: a gallery script must stand alone
when a reader downloads it, and the benchmarks may not reach into the library's
private modules for data. This module takes the example's ``read_packages`` and
``largest_sections`` (and the imports above them) out of the script's syntax
tree, without running its cells, and caches what ``read_packages`` returns.
Should the loader move into ``sksigmoid.datasets``, both import it from there
and this module keeps only the cache.
"""

import ast
import gzip
import hashlib
import json
import os
from pathlib import Path

EXAMPLE = (
    Path(__file__).resolve().parents[1] / "examples" / "plot_package_descriptions.py"
)
LOADER = ("read_packages", "largest_sections")
#: What ``apt-cache dumpavail`` reads: the package lists and dpkg's status.
APT_STATE = [Path("/var/lib/apt/lists"), Path("/var/lib/dpkg/status")]


def _example_functions():
    """The example's loader functions, with the imports that precede them."""
    tree = ast.parse(EXAMPLE.read_text(), str(EXAMPLE))
    last = max(
        node.lineno
        for node in tree.body
        if isinstance(node, ast.FunctionDef) and node.name in LOADER
    )
    kept = [
        node
        for node in tree.body
        if (isinstance(node, ast.Import | ast.ImportFrom) and node.lineno < last)
        or (isinstance(node, ast.FunctionDef) and node.name in LOADER)
    ]
    namespace = {}
    exec(compile(ast.Module(kept, type_ignores=[]), str(EXAMPLE), "exec"), namespace)
    return [namespace[name] for name in LOADER]


read_packages, largest_sections = _example_functions()


def _state_key():
    """A digest of the names, sizes and times of the files apt-cache reads."""
    digest = hashlib.sha256()
    for root in APT_STATE:
        paths = sorted(root.rglob("*")) if root.is_dir() else [root]
        for path in paths:
            if path.is_file():
                stat = path.stat()
                digest.update(f"{path} {stat.st_size} {stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:16]


def cache_dir():
    """``$XDG_CACHE_HOME/sksigmoid-bench``, by default ``~/.cache/sksigmoid-bench``."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "sksigmoid-bench"


def load_packages():
    """``read_packages()``, from the cache while the package lists are unchanged.

    Returns the packages and whether they came from the cache.
    """
    path = cache_dir() / f"debian-packages-{_state_key()}.json.gz"
    if path.exists():
        with gzip.open(path, "rt") as file:
            return [tuple(package) for package in json.load(file)], True
    packages = read_packages()
    path.parent.mkdir(parents=True, exist_ok=True)
    for stale in path.parent.glob("debian-packages-*.json.gz"):
        stale.unlink()
    with gzip.open(path, "wt") as file:
        json.dump(packages, file)
    return packages, False
