"""
Watching units learn: diagrams, decision boundaries and an animation
====================================================================

``sksigmoid.display`` draws the package's models the way scikit-learn's
Display classes draw theirs, from an estimator with ``from_estimator``:

- :class:`~sksigmoid.display.UnitDiagramDisplay` draws a fitted unit or
  network as the textbooks do: one circle per unit with its bias (or a
  threshold unit's threshold), and one line per weight, as wide as the weight
  is large, blue when it excites and red when it inhibits;
- :class:`~sksigmoid.display.TrainingDisplay` refits a clone, keeps the model
  after every epoch (through scikit-learn's callbacks, scikit-learn 1.9 or
  later), and draws the decision boundary at a few epochs beside the loss
  curve; its ``animate()`` plays every epoch.
"""

# %%
# A neuron and a network, as diagrams
# -----------------------------------
# One sigmoid neuron learns OR: two equal positive weights and a negative
# bias, so that one input is enough to push the weighted sum above 0. A
# network with a hidden layer of three units learns XOR, which no single unit
# can: each hidden unit draws one line across the plane, and the output unit
# combines them.
import matplotlib.pyplot as plt

from sksigmoid import SigmoidNetworkClassifier, SigmoidNeuronClassifier
from sksigmoid.datasets import make_truth_table
from sksigmoid.display import TrainingDisplay, UnitDiagramDisplay

X_or, y_or = make_truth_table("or", n_inputs=2, return_X_y=True)
X_xor, y_xor = make_truth_table("xor", n_inputs=2, return_X_y=True)
neuron = SigmoidNeuronClassifier(random_state=0).fit(X_or, y_or)
network = SigmoidNetworkClassifier(hidden_layer_sizes=(3,), random_state=0)
network.fit(X_xor, y_xor)
print(f"OR: accuracy {neuron.score(X_or, y_or):.2f} after {neuron.n_iter_} epochs")
print(f"XOR: accuracy {network.score(X_xor, y_xor):.2f} after {network.n_iter_} epochs")

fig, (neuron_ax, network_ax) = plt.subplots(
    1, 2, figsize=(11, 3.6), width_ratios=[2, 3], layout="constrained"
)
UnitDiagramDisplay.from_estimator(neuron, ax=neuron_ax)
UnitDiagramDisplay.from_estimator(network, ax=network_ax)
neuron_ax.set_title("SigmoidNeuronClassifier on OR")
network_ax.set_title("SigmoidNetworkClassifier(hidden_layer_sizes=(3,)) on XOR")

# %%
# A threshold unit shows its threshold
# ------------------------------------
# ``logic_gate`` returns a :class:`~sksigmoid.ThresholdUnit` with the
# textbook weights. A threshold unit fires when the weighted sum of its inputs
# reaches its threshold ``θ = -intercept_``: here 2.5, half-way between the
# sums of two and three inputs on, so that the unit computes 3-input AND.
from sksigmoid import logic_gate

gate = UnitDiagramDisplay.from_estimator(logic_gate("and", n_inputs=3))
gate.ax_.set_title("logic_gate('and', n_inputs=3)")

# %%
# The neuron learning OR, epoch by epoch
# --------------------------------------
# ``from_estimator`` refits a clone of the estimator (the one given is left
# as it is) and draws the probability of 1 after a few epochs, spread from
# the first to the last, with the 0.5 contour, the boundary, once the
# probability crosses 0.5 on the plane. The last panel is the loss curve, the
# drawn epochs marked.
or_training = TrainingDisplay.from_estimator(
    SigmoidNeuronClassifier(random_state=0), X_or, y_or
)
print("OR, the epochs drawn:", or_training.epochs)

# %%
# The network learning XOR
# ------------------------
# The network spends its first epochs on a plateau, where the loss hardly
# moves and the model is no better than chance, before the hidden units
# find their lines and the loss drops. Five epochs evenly spread over the
# fit show the plateau and the drop.
import numpy as np

xor_training = TrainingDisplay.from_estimator(
    SigmoidNetworkClassifier(hidden_layer_sizes=(3,), random_state=0),
    X_xor,
    y_xor,
    epochs=np.linspace(1, network.n_iter_, 5).round().astype(int),
)

# %%
# Every epoch, as an animation
# ----------------------------
# ``animate()`` returns a matplotlib ``FuncAnimation``: the boundary is
# redrawn at each recorded epoch and a marker moves along the loss curve
# (``max_frames``, 60 by default, thins long fits evenly). ``to_jshtml()``
# turns it into an HTML page with playback controls; it needs no ffmpeg,
# since matplotlib's ``HTMLWriter`` embeds the frames as PNG images. In a
# notebook, ``IPython.display.HTML(animation.to_jshtml())`` shows it.
import tempfile
from pathlib import Path

animation = xor_training.animate(interval=150, max_frames=30)
with tempfile.TemporaryDirectory() as folder:
    page = Path(folder) / "xor_training.html"
    page.write_text(animation.to_jshtml(), encoding="utf-8")
    print(f"{page.name}: {page.stat().st_size / 1e6:.1f} MB")
plt.show()
