"""Fixtures shared by the test modules: the estimator classes to test."""

from functools import partial

import pytest

from sksigmoid import SigmoidNetworkClassifier, SigmoidNeuronClassifier, ThresholdUnit

#: A small network keeps the tests fast; the default one runs the common checks.
SMALL_NETWORK = partial(SigmoidNetworkClassifier, hidden_layer_sizes=(8,))


@pytest.fixture(
    params=[SigmoidNeuronClassifier, ThresholdUnit, SMALL_NETWORK],
    ids=["SigmoidNeuronClassifier", "ThresholdUnit", "network"],
)
def Estimator(request):
    """Each estimator, to be called with a test's parameters."""
    return request.param


@pytest.fixture(
    params=[SigmoidNeuronClassifier, SMALL_NETWORK],
    ids=["SigmoidNeuronClassifier", "network"],
)
def SigmoidEstimator(request):
    """Each estimator trained by the delta rule, to be called with parameters."""
    return request.param
