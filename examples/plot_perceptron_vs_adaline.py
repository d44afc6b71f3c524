"""
The perceptron and ADALINE: the first separating line, and the least-squares one
================================================================================

Rosenblatt's perceptron (1958) and Widrow and Hoff's ADALINE (1960) are the
same unit, ``x @ w + b`` thresholded at 0, trained by rules that read alike,
``w += eta (t - o) x``, and they learn different lines:

- the perceptron's ``o`` is the thresholded output, 0 or 1: a sample on its
  side of the line gives ``t - o = 0`` and no change, so the rule stops at the
  first line that separates the classes, wherever it falls (Novikoff's theorem
  says when, not where);
- ADALINE's ``o`` is the linear output before the threshold, and its ``t`` is
  -1 or +1: every sample pulls the line, right or wrong, until the mean
  squared error ``(t - o)^2 / 2`` is least. Widrow and Hoff's LMS rule ends at
  the least-squares line, the same from any start, and settles whether or
  not the classes can be separated.

This example fits :class:`~sksigmoid.ThresholdUnit` and
:class:`~sksigmoid.AdalineClassifier` (the LMS rule row by row,
``solver="gd", batch_size=1``) on one separable data set, draws their lines
and their training with :class:`~sksigmoid.display.TrainingDisplay`, writes
the LMS rule's first steps with :func:`~sksigmoid.trace`, and ends with what
least squares costs.
"""

# %%
# One separable data set, two rules
# ---------------------------------
# Two clouds of 20 points with a gap between them. The perceptron starts at
# zero and stops after its first epoch without a mistake; ADALINE starts from
# small random weights and steps ``learning_rate`` times its error on every
# row, until its loss stops falling.
import numpy as np
from sklearn.datasets import make_blobs

from sksigmoid import AdalineClassifier, ThresholdUnit, linear_separability

X, y = make_blobs(
    n_samples=40, centers=[[-1.5, -1.0], [1.5, 1.0]], cluster_std=0.7, random_state=4
)
print(f"separable: {bool(linear_separability(X, y).separable)}")

perceptron = ThresholdUnit(random_state=0).fit(X, y)
adaline = AdalineClassifier(
    solver="gd", batch_size=1, learning_rate=0.02, alpha=0, random_state=0
).fit(X, y)


def margin(model, X, y):
    """The distance from the line to the nearest point, signed: negative when
    a point is on the wrong side."""
    weights, bias = model.coef_.ravel(), model.intercept_[0]
    signs = np.where(y == 1, 1, -1)
    return (signs * (X @ weights + bias)).min() / np.linalg.norm(weights)


for name, model in [("perceptron", perceptron), ("ADALINE", adaline)]:
    print(
        f"{name:10}: {model.n_iter_:2} epochs, accuracy {model.score(X, y):.2f}, "
        f"nearest point {margin(model, X, y):.2f} from the line"
    )

# %%
# The two lines
# -------------
# The least-squares line, dashed, solves ``[X, 1] @ (w, b) = t`` for the
# targets -1/+1 by ``np.linalg.lstsq``: ADALINE's online rule, with its
# constant step, ends within a hair of it. The perceptron's line separates
# the classes too, but passes close to the points that made its last
# mistakes.
import matplotlib.pyplot as plt


def draw_line(ax, weights, bias, **style):
    """The line ``weights @ x + bias = 0`` across the axes' x range."""
    x1 = np.array(ax.get_xlim())
    ax.plot(x1, -(weights[0] * x1 + bias) / weights[1], **style)


def draw_points(ax, X, y):
    ax.scatter(*X.T, c=y, cmap="RdBu", vmin=-0.5, vmax=1.5, edgecolors="k", zorder=3)
    ax.set(xlabel="$x_1$", ylabel="$x_2$")
    ax.set_xlim(ax.get_xlim())
    ax.set_ylim(ax.get_ylim())


targets = np.where(y == 1, 1.0, -1.0)
least_squares = np.linalg.lstsq(np.c_[X, np.ones(len(X))], targets, rcond=None)[0]

fig, ax = plt.subplots(figsize=(6, 5))
draw_points(ax, X, y)
draw_line(ax, perceptron.coef_[0], perceptron.intercept_[0], color="C1", lw=2,
          label="perceptron (ThresholdUnit)")  # fmt: skip
draw_line(ax, adaline.coef_[0], adaline.intercept_[0], color="C2", lw=2,
          label="ADALINE, LMS rule online")  # fmt: skip
draw_line(ax, least_squares[:2], least_squares[2], color="k", ls="--", lw=1,
          label="least squares (np.linalg.lstsq)")  # fmt: skip
ax.legend(loc="upper left", fontsize=8)
ax.set_title("The first separating line, and the least-squares one")
fig.tight_layout()

# %%
# Their training, side by side
# ----------------------------
# :class:`~sksigmoid.display.TrainingDisplay` refits each estimator and draws
# its boundary after chosen epochs beside its loss curve. The perceptron's
# loss, its criterion ``max(0, -(2t - 1) z)``, drops to zero with its last
# mistake, and training stops there. ADALINE's squared error falls fast, then
# flattens at the least-squares minimum, around which the constant step of the
# online rule keeps the line trembling.
from sksigmoid.display import TrainingDisplay

fig = plt.figure(figsize=(11, 6), layout="constrained")
top, bottom = fig.subfigures(2, 1)
perceptron_epochs = [1, perceptron.n_iter_]
TrainingDisplay.from_estimator(
    ThresholdUnit(random_state=0),
    X,
    y,
    epochs=perceptron_epochs,
    ax=top.subplots(1, len(perceptron_epochs) + 1),
)
top.suptitle(f"ThresholdUnit: {perceptron.n_iter_} epochs")
adaline_epochs = [1, 3, adaline.n_iter_]
TrainingDisplay.from_estimator(
    adaline, X, y, epochs=adaline_epochs, ax=bottom.subplots(1, len(adaline_epochs) + 1)
)
bottom.suptitle(f"AdalineClassifier, LMS rule online: {adaline.n_iter_} epochs")

# %%
# The LMS rule, row by row
# ------------------------
# :func:`~sksigmoid.trace` writes the rule out as ADALINE's fit runs it: each
# row's net input, its output ``o = net`` (linear), the target ``t`` coded
# -1/+1, the error ``t - o`` and the changes, applied before the next row, in
# the order the fit's first epoch drew. The package trains on ``X`` divided by
# its largest magnitude ``s``, so the weights change by ``eta (t - o) x / s^2``
# and the bias by ``eta (t - o)``.
from sksigmoid import trace

steps = trace(adaline, X, y, n_epochs=adaline.n_iter_)
columns = ["sample", "x1", "x2", "o", "t", "error", "delta_w1", "delta_w2", "delta_b"]
print(steps[columns].head(5).round(4).to_string(index=False))
scale = np.abs(X).max()
first = steps.iloc[0]
print(
    f"row {int(first['sample'])}: 0.02 * {first['error']:.4f} * {first['x1']:.4f} / "
    f"{scale:.4f}^2 = {0.02 * first['error'] * first['x1'] / scale**2:.6f}"
)

# %%
# What least squares costs
# ------------------------
# Least squares asks every output to be -1 or +1, not merely on the right
# side. Eight points of class 1 far on its side are right, yet their outputs,
# well above +1, count as errors, and they turn the line to face them: the
# least-squares line now runs through both near clouds, with six points on
# its wrong side, though a separating line exists and the perceptron finds
# one. The sigmoid neuron
# (:class:`~sksigmoid.SigmoidNeuronClassifier`), whose outputs saturate, and
# logistic regression do not pay this price. Here ADALINE runs its default
# solver, L-BFGS, which lands on the least-squares line in a few epochs.
far = np.array([7.0, 8.0]) + 0.5 * np.random.RandomState(0).normal(size=(8, 2))
X_far, y_far = np.r_[X, far], np.r_[y, np.ones(len(far), dtype=int)]
print(f"separable: {bool(linear_separability(X_far, y_far).separable)}")

perceptron_far = ThresholdUnit(random_state=0).fit(X_far, y_far)
adaline_far = AdalineClassifier(alpha=0, random_state=0).fit(X_far, y_far)
fig, ax = plt.subplots(figsize=(6, 5))
draw_points(ax, X_far, y_far)
for name, model, colour in [
    ("perceptron", perceptron_far, "C1"),
    ("ADALINE", adaline_far, "C2"),
]:
    accuracy = model.score(X_far, y_far)
    wrong = int((model.predict(X_far) != y_far).sum())
    print(f"{name:10}: accuracy {accuracy:.3f}, {wrong} points on the wrong side")
    draw_line(ax, model.coef_[0], model.intercept_[0], color=colour, lw=2,
              label=f"{name}: accuracy {accuracy:.2f}")  # fmt: skip
ax.legend(loc="lower right", fontsize=8)
ax.set_title("Far points of class 1 pull the least-squares line")
fig.tight_layout()
plt.show()
