"""Classic neurons as scikit-learn estimators: the sigmoid neuron trained by the
delta rule, the McCulloch-Pitts / Rosenblatt threshold unit, and networks of
sigmoid units trained by backpropagation."""

from importlib.metadata import PackageNotFoundError, version

from sksigmoid._gates import logic_gate
from sksigmoid._network import SigmoidNetworkClassifier
from sksigmoid._sigmoid_neuron import SigmoidNeuronClassifier
from sksigmoid._threshold_unit import ThresholdUnit

try:
    __version__ = version("sksigmoid")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"

__all__ = [
    "SigmoidNetworkClassifier",
    "SigmoidNeuronClassifier",
    "ThresholdUnit",
    "logic_gate",
    "__version__",
]
