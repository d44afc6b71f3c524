"""
The hidden units made visible
=============================

A network of sigmoid units solves what one unit cannot, the circle and XOR of
TensorFlow Playground, by letting each hidden unit draw one line and the
output unit combine them. ``hidden_activations`` returns what each hidden unit
outputs, and :class:`~sksigmoid.display.UnitDiagramDisplay` draws it as a
small heatmap inside the unit's node, over the range of the two inputs, as
the Playground does. :class:`~sksigmoid.display.TrainingDisplay` then follows
a network in a ``Pipeline`` with its held-out loss, and a multiclass fit,
epoch by epoch.
"""

# %%
# A circle, four hidden units
# ---------------------------
# ``make_playground("circle")`` puts one class inside a ring of the other: no
# line separates them. Four hidden units each draw a line (a heatmap shaded
# by a sigmoid); the output unit adds them up into a closed region.
import matplotlib.pyplot as plt
import numpy as np

from sksigmoid import SigmoidNetworkClassifier
from sksigmoid.datasets import make_playground
from sksigmoid.display import TrainingDisplay, UnitDiagramDisplay

X, y = make_playground(
    "circle", n_samples=200, noise=0.1, random_state=0, return_X_y=True
)
network = SigmoidNetworkClassifier(hidden_layer_sizes=(4,), random_state=0)
network.fit(X, y)
print(f"training accuracy {network.score(X, y):.2f} after {network.n_iter_} epochs")

display = UnitDiagramDisplay.from_estimator(network, X=X)
plt.show()

# %%
# The activations as numbers
# --------------------------
# Each heatmap is a column of ``hidden_activations`` on a grid. On the data,
# the hidden layer's outputs are four new features, in which the output unit
# separates the classes by a plane.
(hidden,) = network.hidden_activations(X)
print("hidden outputs of the first three rows:")
print(hidden[:3].round(2))
inside = y == y[np.argmin(np.hypot(*X.T))]
print("mean output inside the ring:", hidden[inside].mean(axis=0).round(2))
print("mean output outside the ring:", hidden[~inside].mean(axis=0).round(2))

# %%
# XOR in a pipeline, with a held-out loss
# ---------------------------------------
# The same kind of network, behind a ``StandardScaler``, on the noisy XOR of
# the Playground. With ``early_stopping`` the fit holds out a share of the
# rows and records their loss after every epoch (``validation_loss_curve_``):
# the last panel draws it beside the training loss. XOR starts on a plateau,
# where the held-out loss barely moves for a while: a patience of 50 epochs
# (``n_iter_no_change``) lets the fit cross it. The boundaries are drawn
# in the pipeline's input space, the raw features.
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

X_xor, y_xor = make_playground(
    "xor", n_samples=200, noise=0.2, random_state=0, return_X_y=True
)
pipeline = make_pipeline(
    StandardScaler(),
    SigmoidNetworkClassifier(
        hidden_layer_sizes=(4,),
        early_stopping=True,
        validation_fraction=0.2,
        n_iter_no_change=50,
        random_state=0,
    ),
)
TrainingDisplay.from_estimator(pipeline, X_xor, y_xor)
plt.show()

# %%
# Three classes
# -------------
# A multiclass target has an output unit per class; each panel colours the
# class predicted after that epoch, and the lines are where it changes.
from sklearn.datasets import make_blobs

X_three, y_three = make_blobs(n_samples=90, centers=3, random_state=2)
TrainingDisplay.from_estimator(
    SigmoidNetworkClassifier(hidden_layer_sizes=(4,), random_state=0),
    X_three,
    y_three,
)
plt.show()
