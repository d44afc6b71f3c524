"""
Learning curves: the step size, and the delta rule against the log loss
=======================================================================

``loss_curve_`` holds the training loss after each epoch. Here it shows two
things the classic tutorials leave out:

- how the learning rate sets the pace, and what ``learning_rate="auto"`` (the
  default, an adaptive step) does instead of a fixed one;
- why the delta rule (``loss="squared_error"``, the tutorials' update
  ``(T - O) * O * (1 - O)``) with a constant step gets stuck where the log loss
  (``loss="log_loss"``, update ``T - O``) does not: on a unit that is
  confidently wrong, the factor ``O * (1 - O)`` is close to 0. The adaptive
  step adds 0.01 to that factor (Fahlman's flat-spot offset), and recovers.
"""

# %%
# A standardized real data set
# ----------------------------
# The Wisconsin breast cancer data: 569 tumours, 30 measurements each.
from sklearn.datasets import load_breast_cancer
from sklearn.preprocessing import StandardScaler

X, y = load_breast_cancer(return_X_y=True)
X = StandardScaler().fit_transform(X)

# %%
# One curve per learning rate
# ---------------------------
# A constant step runs all 300 epochs (``tol=None``). Too small, and the loss
# barely moves; too large, and it overshoots and rises again. The adaptive
# step needs no tuning and stops once the loss no longer improves.
import matplotlib.pyplot as plt

from sksigmoid import SigmoidNeuronClassifier

LOSSES = {"squared_error": "delta rule (squared error)", "log_loss": "log loss"}
fig, axes = plt.subplots(1, 2, figsize=(11, 4.2), sharex=True)
for ax, (loss, title) in zip(axes, LOSSES.items(), strict=True):
    for learning_rate in [0.1, 1.0, 10.0, 100.0, "auto"]:
        neuron = SigmoidNeuronClassifier(
            loss=loss,
            learning_rate=learning_rate,
            n_iter=300,
            tol=None if learning_rate != "auto" else 1e-6,
            random_state=0,
        ).fit(X, y)
        ax.plot(
            neuron.loss_curve_,
            label=f"{learning_rate}: accuracy {neuron.score(X, y):.3f}",
            lw=3 if learning_rate == "auto" else 1.5,
            color="k" if learning_rate == "auto" else None,
        )
        print(f"{loss}, learning_rate={learning_rate}: {neuron.n_iter_} epochs")
    ax.set(yscale="log", xlabel="epoch", ylabel="training loss", title=title)
    ax.legend(title="learning_rate", fontsize=9, loc="upper right")
fig.tight_layout()

# %%
# From a confidently wrong start
# ------------------------------
# First the neuron learns the opposite labels, so that it is sure and wrong
# about every tumour. ``warm_start=True`` then continues from those weights on
# the true labels, with each loss. ``loss_curve_`` goes on from the first fit,
# so the new epochs are its tail; each is drawn relative to its first value.
#
# The delta rule's error term is ``(T - O) * O * (1 - O)``. With ``O`` near 0
# where ``T`` is 1, it is near 0 too: with a constant step the unit hardly
# moves, whatever its error, and stays on that plateau for all 300 epochs
# (accuracy 0.04). The log loss's error term ``T - O`` is then near 1, and
# training recovers. The adaptive step (L-BFGS) adds 0.01 to ``O * (1 - O)``,
# a hundredth of the log loss's pull, which is enough for its long steps:
# both losses relearn the tumours (accuracy above 0.99 within 300 epochs).
import numpy as np

fig, ax = plt.subplots(figsize=(7, 4.2))
for learning_rate, style in [(10.0, "-"), ("auto", "--")]:
    for loss, title in LOSSES.items():
        neuron = SigmoidNeuronClassifier(alpha=0, warm_start=True, random_state=0)
        neuron.fit(X, 1 - y)
        wrong_epochs, wrong_accuracy = neuron.n_iter_, neuron.score(X, y)
        neuron.set_params(loss=loss, learning_rate=learning_rate, n_iter=300, tol=None)
        neuron.fit(X, y)
        curve = np.array(neuron.loss_curve_[wrong_epochs:])
        ax.plot(
            curve / curve[0],
            style,
            color="C0" if loss == "squared_error" else "C1",
            label=f"{title}, learning_rate={learning_rate}",
        )
        print(
            f"{loss}, learning_rate={learning_rate}: accuracy {wrong_accuracy:.3f}"
            f" -> {neuron.score(X, y):.3f} in 300 epochs"
        )
ax.set(
    yscale="log",
    xlabel="epoch after the warm start",
    ylabel="training loss / its first value",
    title="Relearning from a saturated, wrong unit",
)
ax.legend(fontsize=9)
fig.tight_layout()
plt.show()
