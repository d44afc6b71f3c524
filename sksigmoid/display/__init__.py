"""Pictures of the package's models, as scikit-learn's Display classes draw them.

:class:`UnitDiagramDisplay` draws a fitted estimator as a feed-forward diagram
(its units, their thresholds or biases, and a line per weight);
:class:`TrainingDisplay` refits a clone and draws its decision boundary after
chosen epochs beside its loss curve, and animates every epoch;
:class:`ErrorSurfaceDisplay` draws a single unit's loss over a plane of two of
its weights, with the path its fit took.

All follow scikit-learn's convention (``ConfusionMatrixDisplay``,
``DecisionBoundaryDisplay``): ``__init__`` stores the data, ``plot`` draws and
keeps the artists in attributes ending in ``_``, and ``from_estimator`` builds
the data from an estimator. matplotlib is imported only when something is
drawn: it is an optional dependency.
"""

from sksigmoid.display._diagram import UnitDiagramDisplay
from sksigmoid.display._error_surface import ErrorSurfaceDisplay
from sksigmoid.display._training import TrainingDisplay

__all__ = ["ErrorSurfaceDisplay", "TrainingDisplay", "UnitDiagramDisplay"]
