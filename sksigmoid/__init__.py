"""Classic neurons as scikit-learn estimators: the sigmoid neuron trained by the
delta rule, the McCulloch-Pitts / Rosenblatt threshold unit, and networks of
sigmoid units trained by backpropagation."""

import importlib
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("sksigmoid")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"

#: Public name -> the module that defines it. They are imported at first use
#: (PEP 562), as scikit-learn imports its submodules: importing scikit-learn
#: takes a second, which ``sksigmoid --help`` and a mistyped option need not pay.
_LAZY = {
    "SigmoidNetworkClassifier": "sksigmoid._network",
    "SigmoidNetworkRegressor": "sksigmoid._network",
    "LinearUnitRegressor": "sksigmoid._linear_unit",
    "AdalineClassifier": "sksigmoid._linear_unit",
    "SigmoidNeuronClassifier": "sksigmoid._sigmoid_neuron",
    "ThresholdUnit": "sksigmoid._threshold_unit",
    "logic_gate": "sksigmoid._gates",
    "LogicCircuit": "sksigmoid._circuits",
    "logic_circuit": "sksigmoid._circuits",
    "linear_separability": "sksigmoid._separability",
    "trace": "sksigmoid._trace",
    "UnitDiagramDisplay": "sksigmoid.display",
    "TrainingDisplay": "sksigmoid.display",
}

__all__ = [*_LAZY, "__version__"]


def __getattr__(name):
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value  # the next lookup is an ordinary one
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted([*globals(), *_LAZY])
