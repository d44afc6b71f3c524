"""Classic neurons as scikit-learn estimators: the sigmoid neuron trained by the
delta rule and the McCulloch-Pitts / Rosenblatt threshold unit."""

from importlib.metadata import PackageNotFoundError, version

from sksigmoid._gates import logic_gate
from sksigmoid._sigmoid_neuron import SigmoidNeuronClassifier
from sksigmoid._threshold_unit import ThresholdUnit

try:
    __version__ = version("sksigmoid")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"

__all__ = ["SigmoidNeuronClassifier", "ThresholdUnit", "logic_gate", "__version__"]
