"""Sphinx configuration of the sksigmoid documentation.

Build from the repository root, warnings as errors::

    .venv/bin/sphinx-build -W --keep-going -b html docs docs/_build/html
"""

import argparse
import os
import re
import sys
from importlib.metadata import version as _version
from pathlib import Path

# The gallery draws with matplotlib: never open a window, also when it runs on a
# machine with a display.
os.environ["MPLBACKEND"] = "agg"
import matplotlib  # noqa: E402

matplotlib.use("agg")


import sksigmoid.cli._demo  # noqa: E402
import sksigmoid.cli._parser  # noqa: E402

# -- Project -------------------------------------------------------------------

project = "sksigmoid"
author = "the sksigmoid developers"
copyright = "the sksigmoid developers"
release = _version("sksigmoid")
version = release

# -- General -------------------------------------------------------------------

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    # No latex/dvipng on the build machine, so no imgmath: MathJax renders the
    # math, served from the site rather than a CDN so that the pages read offline.
    # sphinx-mathjax-offline points mathjax_path at its copy of MathJax 3.2.2 and
    # copies it into _static/mathjax/ (leave mathjax4_config unset: MathJax 3
    # does not read it).
    "sphinx.ext.mathjax",
    "sphinx-mathjax-offline",
    "numpydoc",
    "sphinx_gallery.gen_gallery",
]

templates_path = ["_templates"]
exclude_patterns = [
    "_build",
    "_generated",
    "Thumbs.db",
    ".DS_Store",
    # What sphinx-gallery writes next to the pages: downloads, not documents.
    "auto_examples/*.ipynb",
    "auto_examples/*.py",
    "auto_examples/*.zip",
    "auto_examples/*.json",
    "auto_examples/*.md5",
]
default_role = "literal"

# -- autodoc / autosummary / numpydoc -------------------------------------------

autosummary_generate = True
autodoc_typehints = "none"
autodoc_default_options = {"member-order": "alphabetical"}

numpydoc_show_class_members = False
numpydoc_class_members_toctree = False
numpydoc_xref_param_type = False

# -- sphinx-gallery --------------------------------------------------------------

# The gallery is also the package's tour: _gallery_order.py sets its order.
sys.path.insert(0, str(Path(__file__).parent))

sphinx_gallery_conf = {
    "examples_dirs": "../examples",
    "gallery_dirs": "auto_examples",
    "filename_pattern": r"/plot_",
    "within_subsection_order": "_gallery_order.TourOrder",
    "matplotlib_animations": False,
    "remove_config_comments": True,
    "image_scrapers": ("matplotlib",),
    "abort_on_example_error": True,
    # Nothing fetched from the network: no links into other projects' docs.
    "reference_url": {},
    "backreferences_dir": None,
    "doc_module": (),
}

# -- HTML ------------------------------------------------------------------------

html_theme = "alabaster"
html_title = f"sksigmoid {release}"
html_static_path = []
html_theme_options = {
    "description": "Classic neurons as scikit-learn estimators",
    "fixed_sidebar": True,
    # Room for the gallery's 88-column code.
    "page_width": "1180px",
}

# -- The command line's --help, written at build time ----------------------------

_GENERATED = Path(__file__).parent / "_generated"


def _write_cli_help():
    """Write ``sksigmoid --help`` and each command's ``--help`` into _generated/.

    argparse wraps the help to the terminal's width (``COLUMNS``): fix it, so the
    page is the same wherever it is built.
    """
    previous = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = "88"
    try:
        parser = sksigmoid.cli._parser.build_parser()
        helps = {"main": parser.format_help()}
        (subparsers,) = (
            action
            for action in parser._actions
            if isinstance(action, argparse._SubParsersAction)
        )
        for name, subparser in subparsers.choices.items():
            helps[name] = subparser.format_help()
    finally:
        if previous is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = previous
    for name, text in helps.items():
        _write_generated(f"cli_help_{name}.txt", text)


def _write_generated(name, text):
    _GENERATED.mkdir(exist_ok=True)
    path = _GENERATED / name
    # Rewrite only on change, so an unchanged text does not rebuild the page.
    if not path.exists() or path.read_text() != text:
        path.write_text(text)


_write_cli_help()
# What ``sksigmoid`` prints without a command (about 2 s: it trains every unit).
_write_generated("cli_demo.txt", sksigmoid.cli._demo.demo_report(2, 0))

# -- scikit-learn's inherited docstrings ------------------------------------------

# The class pages document the methods the estimators inherit from scikit-learn
# (score, get_params, set_params, the metadata-routing methods). Their docstrings
# link to labels and glossary terms of scikit-learn's own site (:ref:`accuracy
# <accuracy_score>`, :term:`meta-estimator`), which this build cannot resolve
# without intersphinx: keep the text of those links, drop the link.
_SITE_REFERENCE = re.compile(r":(?:ref|term):`(?P<text>[^`<]*?)\s*(?:<[^`>]*>)?`")


def _unlink_scikit_learn_references(app, what, name, obj, options, lines):
    module = getattr(obj, "__module__", None) or ""
    if module.split(".")[0] != "sklearn":
        return
    lines[:] = [
        _SITE_REFERENCE.sub(lambda match: match["text"], line) for line in lines
    ]


def setup(app):
    app.connect("autodoc-process-docstring", _unlink_scikit_learn_references)
