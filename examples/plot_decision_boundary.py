"""
The sigmoid neuron's decision boundary and probability surface
===============================================================

A sigmoid neuron computes ``P(y = 1 | x) = sigmoid(w . x + b)``. Its probability
is constant along lines parallel to ``w . x + b = 0`` and climbs across them,
from 0 to 1, over a width of about ``4 / |w|``; the decision boundary is the line
where it crosses 0.5. With several classes there is one unit per class, and each
point goes to the unit that fires the most, so the boundaries are straight
pieces between the regions of the classes.

scikit-learn's :class:`~sklearn.inspection.DecisionBoundaryDisplay` draws
both from any fitted classifier.
"""

# %%
# Two overlapping classes
# -----------------------
# Two Gaussian blobs that overlap, so that the probability has a visible slope.
from sklearn.datasets import make_blobs

from sksigmoid import SigmoidNeuronClassifier

X, y = make_blobs(
    n_samples=300, centers=[[-1, -1], [1.5, 1]], cluster_std=1.2, random_state=0
)
neuron = SigmoidNeuronClassifier(random_state=0).fit(X, y)
weights, bias = neuron.coef_[0], neuron.intercept_[0]
print(f"w = {weights.round(3)}, b = {bias:.3f}, training accuracy {neuron.score(X, y)}")

# %%
# The probability surface, and the line where it is 0.5
# -----------------------------------------------------
# ``response_method="predict_proba"`` colours each point of the plane by the
# probability of class 1; ``"decision_function"`` with ``levels=[0]`` draws the
# line ``w . x + b = 0``, on which that probability is exactly 0.5.
import matplotlib.pyplot as plt
from sklearn.inspection import DecisionBoundaryDisplay

fig, proba_ax = plt.subplots(figsize=(6.5, 4.5))
surface = DecisionBoundaryDisplay.from_estimator(
    neuron,
    X,
    response_method="predict_proba",
    plot_method="pcolormesh",
    cmap="RdBu_r",
    vmin=0,
    vmax=1,
    alpha=0.8,
    ax=proba_ax,
)
fig.colorbar(surface.surface_, ax=proba_ax, label="P(y = 1 | x)")
DecisionBoundaryDisplay.from_estimator(
    neuron,
    X,
    response_method="decision_function",
    plot_method="contour",
    levels=[0],
    colors="k",
    ax=proba_ax,
)
proba_ax.scatter(*X.T, c=y, cmap="RdBu_r", edgecolor="k", s=20)
proba_ax.set_title("predict_proba, and the line w . x + b = 0")
fig.tight_layout()

# %%
# Where the probability is 0.5, the prediction changes: the ``"predict"``
# surface is the same line. The dotted lines are where the neuron's output is
# 0.1 and 0.9, at ``w . x + b = -+ln 9``: the band where it is unsure.
import numpy as np

fig, class_ax = plt.subplots(figsize=(5.5, 4.5))
DecisionBoundaryDisplay.from_estimator(
    neuron, X, response_method="predict", cmap="RdBu_r", alpha=0.3, ax=class_ax
)
DecisionBoundaryDisplay.from_estimator(
    neuron,
    X,
    response_method="decision_function",
    plot_method="contour",
    levels=[-np.log(9), np.log(9)],
    colors="k",
    linestyles=":",
    ax=class_ax,
)
class_ax.scatter(*X.T, c=y, cmap="RdBu_r", edgecolor="k", s=20)
class_ax.set_title("predict, and the band 0.1 < P(y = 1 | x) < 0.9")
fig.tight_layout()

# %%
# Three classes, from a DataFrame
# -------------------------------
# On the iris petals, one unit per class. Fitted on a DataFrame, the neuron
# keeps the column names, and the display labels its axes with them.
from sklearn.datasets import load_iris

iris = load_iris(as_frame=True)
petals = iris.frame[["petal length (cm)", "petal width (cm)"]]
three_units = SigmoidNeuronClassifier(random_state=0).fit(petals, iris.target)
print(f"iris petals: training accuracy {three_units.score(petals, iris.target):.3f}")

fig, ax = plt.subplots(figsize=(6, 4.5))
DecisionBoundaryDisplay.from_estimator(
    three_units,
    petals,
    response_method="predict",
    multiclass_colors="viridis",
    alpha=0.3,
    ax=ax,
)
scatter = ax.scatter(
    petals.iloc[:, 0], petals.iloc[:, 1], c=iris.target, edgecolor="k", s=20
)
ax.legend(
    scatter.legend_elements()[0], iris.target_names, title="species", loc="upper left"
)
ax.set_title("One sigmoid unit per class: straight boundaries")
fig.tight_layout()
plt.show()
