"""The averaged perceptron's running state: the average of the weights after
every sample visited, kept in O(nonzeros) per update.

Freund and Schapire (1999) vote with every intermediate weight vector; Collins
(2002) averages them, which is what ``SGDClassifier(average=True)`` keeps. The
average of ``T`` weight vectors ``w_1 .. w_T``, where the update ``d_s`` came
with sample ``s``, is ``w_T - sum_s (s - 1) d_s / T``: the epoch adds each
update, times the samples visited before it, to :attr:`RunningAverage.coef_sums`,
so no step touches the weights an update leaves alone (the usual lazy trick).
"""

from dataclasses import dataclass

import numpy as np


@dataclass
class RunningAverage:
    """The running weights of an averaged perceptron and the sums of its lazy
    average; a ``partial_fit`` or a warm start continues them."""

    #: The running (not averaged) weights, shape (n_features, n_units).
    coef: np.ndarray
    #: The running biases, shape (n_units,).
    intercept: np.ndarray
    #: Each update times the samples visited before it, summed, shape
    #: (n_features, n_units).
    coef_sums: np.ndarray
    #: The same sums for the biases, shape (n_units,).
    intercept_sums: np.ndarray
    #: The samples of positive weight visited so far.
    visits: int = 0

    @classmethod
    def start(cls, coef, intercept):
        """The state of a new average whose running weights start at ``coef``
        and ``intercept`` (copied)."""
        return cls(
            coef.copy(),
            intercept.copy(),
            np.zeros_like(coef),
            np.zeros_like(intercept),
        )

    def fits(self, coef):
        """Whether this state continues a layer of ``coef``'s shape and dtype."""
        return self.coef.shape == coef.shape and self.coef.dtype == coef.dtype

    def write_average(self, coef, intercept):
        """Write the average of the weights after every visited sample into
        ``coef`` and ``intercept`` (the running weights before any visit)."""
        visits = max(self.visits, 1)
        np.subtract(self.coef, self.coef_sums / visits, out=coef)
        np.subtract(self.intercept, self.intercept_sums / visits, out=intercept)
