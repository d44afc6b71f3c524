"""
The error surface: the delta rule's flat spot and the log loss's bowl
=====================================================================

A sigmoid neuron trained by the delta rule descends the squared error
``mean((t - o)**2) / 2`` of its output ``o = sigmoid(x @ w + b)``; with the
log loss it descends ``mean(-t log o - (1 - t) log(1 - o))``. Both have the
same minimum on a separable truth table, but not the same landscape: where
the unit is saturated on the wrong side, ``o`` barely moves with the weights,
the squared error is a plateau and its gradient, which carries the slope
``o (1 - o)``, all but vanishes. The log loss keeps a slope there: it is
a bowl, steep where the unit is confidently wrong.

:class:`~sksigmoid.display.ErrorSurfaceDisplay` draws the mean loss over a
grid of two weights, the other weights and the bias at their fitted values,
and the path the fit took, the two weights after each epoch.
"""

# %%
# Two fits from the same saturated start
# --------------------------------------
# On OR, both neurons start at ``w = (-6, -6), b = 3``: the unit says 1 for
# ``(0, 0)`` and 0 for ``(1, 1)``, both with confidence. Each runs 100 epochs
# of full-batch gradient descent (``solver="gd"``, the tutorials' rule) with
# the same step and no penalty.
import matplotlib.pyplot as plt

from sksigmoid import SigmoidNeuronClassifier
from sksigmoid.datasets import make_truth_table
from sksigmoid.display import ErrorSurfaceDisplay

X, y = make_truth_table("or", n_inputs=2, return_X_y=True)
start = {"coef_init": [[-6.0, -6.0]], "intercept_init": [3.0]}

fits = {}
for loss in ("squared_error", "log_loss"):
    neuron = SigmoidNeuronClassifier(
        loss=loss,
        solver="gd",
        learning_rate=1.0,
        n_iter=100,
        tol=None,
        alpha=0,
        random_state=0,
    )
    fits[loss] = neuron.fit(X, y, **start)
    print(
        f"{loss:>13}: w = {neuron.coef_.ravel().round(2)}, "
        f"b = {neuron.intercept_.round(2)}, accuracy {neuron.score(X, y):.2f}"
    )

# %%
# The surfaces and the paths
# --------------------------
# The refit that records the path starts from the same weights
# (``fit_params``), so its last point is the fitted one. On the squared error
# the path crawls across the plateau and ends still misclassifying; on the
# log loss the same steps carry the weights across to the other side.
fig, axes = plt.subplots(1, 2, figsize=(9, 3.8), layout="constrained")
for ax, (loss, neuron) in zip(axes, fits.items(), strict=True):
    display = ErrorSurfaceDisplay.from_estimator(
        neuron, X, y, weights=(0, 1), fit_params=start, ax=ax
    )
    ax.set_title(f"{loss}: {len(display.path_)} epochs")
plt.show()

# %%
# Where the plateau comes from
# ----------------------------
# Seen wider, the squared error levels off at its ceiling of 1/2 towards the
# lower left, where every row is wrong with confidence and adds ``1 / 2``
# whatever the weights: a plateau whose gradient vanishes. The log loss grows
# without bound there, linearly: ``-log o`` has slope 1 for a confidently
# wrong unit.
# README's "Fahlman's flat-spot offset" explains the remedy the package adds
# for ``"lbfgs"`` and ``"rprop"``.
wide = ErrorSurfaceDisplay.from_estimator(
    fits["squared_error"], X, y, margin=2, fit_params=start
)
wide.ax_.set_title("squared_error, a wider view: the plateau")
plt.show()
