"""The playground: train a unit or a small network step by step, in a browser.

``Playground`` is the Python core every front end drives; ``sksigmoid
playground`` serves a page that drives it (:mod:`sksigmoid.playground._server`).
Nothing here is imported by ``import sksigmoid``.
"""

from sksigmoid.playground._core import Playground

__all__ = ["Playground"]
