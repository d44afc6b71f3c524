"""The weights a fit trains: layers of units, each a weight matrix and biases."""

from dataclasses import dataclass
from itertools import pairwise

import numpy as np


def trained_arrays(coefs, intercepts, fit_intercept):
    """What training updates, in order: each layer's weights, then its biases if
    fitted. Also the layout of the matching update directions and units."""
    return list(coefs) + list(intercepts) if fit_intercept else list(coefs)


@dataclass
class Layers:
    """Weights ``(n_inputs, n_units)`` and biases ``(n_units,)`` of each layer,
    from the input to the output; one layer for a single layer of units."""

    coefs: list
    intercepts: list

    @classmethod
    def start(cls, sizes, initial_weights, dtype):
        """Layers of the given sizes (inputs, then the units of each layer):
        weights from ``initial_weights(n_inputs, n_units)``, layer by layer
        from the input, and zero biases."""
        coefs = [
            initial_weights(n_inputs, n_units) for n_inputs, n_units in pairwise(sizes)
        ]
        intercepts = [np.zeros(n_units, dtype=dtype) for n_units in sizes[1:]]
        return cls(coefs, intercepts)

    @property
    def sizes(self):
        """The number of inputs, then of units of each layer."""
        return [self.coefs[0].shape[0]] + [coef.shape[1] for coef in self.coefs]

    def continued(self, sizes, dtype):
        """A copy of the layers in ``dtype``, to continue training them (a warm
        start), after checking that they have the ``sizes`` the data need."""
        if self.sizes != sizes:
            raise ValueError(
                "warm_start can only continue a fit with the same layer sizes: "
                f"the previous fit has {self.sizes}, this one needs {sizes}. Set "
                "warm_start=False to fit from scratch."
            )
        return Layers(
            [coef.astype(dtype) for coef in self.coefs],
            [intercept.astype(dtype) for intercept in self.intercepts],
        )

    def scaled_start(self, scale, dtype):
        """The start for training on ``X / scale``, in X's dtype: the first
        layer's weights divided by ``scale``."""
        coefs = [self.coefs[0] / scale, *self.coefs[1:]]
        return Layers(
            [coef.astype(dtype, copy=False) for coef in coefs],
            [intercept.astype(dtype, copy=False) for intercept in self.intercepts],
        )

    def trained(self, fit_intercept):
        """The arrays that training updates in place (see :func:`trained_arrays`)."""
        return trained_arrays(self.coefs, self.intercepts, fit_intercept)
