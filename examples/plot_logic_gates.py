"""
Logic gates: fixed, learned, and the one a single unit cannot learn
===================================================================

McCulloch and Pitts wired logic gates by hand: each input gets weight +1 or -1 and
the unit fires when the weighted sum reaches a threshold. Rosenblatt's perceptron
rule learns such weights from the truth table. Either way the unit fires on one
side of a line, ``w1 x1 + w2 x2 + b = 0``, so neither can compute XOR, whose true
rows cannot be separated from its false rows by one line.
"""

# %%
# The truth tables
# ----------------
# :func:`~sksigmoid.datasets.make_truth_table` gives every row of a gate's
# table, as arrays or as a DataFrame whose last column is the gate's output.
from sksigmoid.datasets import make_truth_table

GATES = ["and", "or", "nand", "nor", "xor"]
table = make_truth_table("and", n_inputs=2, as_frame=True).frame
for name in GATES[1:]:
    table[name] = make_truth_table(name, n_inputs=2, return_X_y=True)[1]
print(table.to_string(index=False))

# %%
# The fixed McCulloch-Pitts gates reproduce their tables
# ------------------------------------------------------
# :func:`~sksigmoid.logic_gate` returns a ready-to-use
# :class:`~sksigmoid.ThresholdUnit` whose threshold lies half-way between two
# attainable sums. XOR has no such weights, and asking for it says so.
from sksigmoid import ThresholdUnit, logic_gate

fixed = {}
for name in GATES[:-1] + ["not"]:
    n_inputs = 1 if name == "not" else 2
    X, y = make_truth_table(name, n_inputs, return_X_y=True)
    gate = logic_gate(name, n_inputs)
    fixed[name] = gate
    print(
        f"{name:>4}: weights {gate.coef_[0]}, threshold {-gate.intercept_[0]:+.1f},",
        f"outputs {gate.predict(X)} (table {y})",
    )
try:
    logic_gate("xor")
except ValueError as error:
    print(f" xor: {error}")

# %%
# Learned threshold units: every separable table, and XOR wrong
# -------------------------------------------------------------
# The perceptron rule finds weights for each separable table in a few epochs.
# On XOR it never stops making mistakes. The unit keeps the weights of its best
# epoch (the pocket): here zero weights, as at its start, right on two
# corners of four. No line gets more than three right.
learned = {}
for name in GATES:
    X, y = make_truth_table(name, n_inputs=2, return_X_y=True)
    unit = ThresholdUnit(random_state=0).fit(X, y)
    learned[name] = unit
    print(
        f"{name:>4}: weights {unit.coef_[0]}, bias {unit.intercept_[0]:+.1f}, "
        f"accuracy {unit.score(X, y):.2f} after {unit.n_iter_} epochs"
    )

# %%
# Each unit's line over the four corners
# --------------------------------------
# The shaded side of each line is where the unit fires. Filled corners are the
# table's 1s, hollow corners its 0s, and a red ring marks a wrong output. The
# unit fires when the weighted sum is above 0, not at 0: the perceptron rule
# stops at the first weights that make no mistake, and their line often runs
# through the corners on its silent side, where the fixed gates leave a margin.
import matplotlib.pyplot as plt
import numpy as np

grid = np.linspace(-0.5, 1.5, 201)
x1, x2 = np.meshgrid(grid, grid)
plane = np.column_stack([x1.ravel(), x2.ravel()])


def draw_unit(ax, unit, X, y):
    decision = unit.decision_function(plane).reshape(x1.shape)
    ax.contourf(x1, x2, decision > 0, levels=[0.5, 1.5], colors="C0", alpha=0.25)
    if decision.min() < 0 < decision.max():
        ax.contour(x1, x2, decision, levels=[0], colors="C0", linewidths=2)
    else:
        ax.text(0.5, 0.5, "w = 0: no line", ha="center", va="center")
    ax.scatter(*X[y == 1].T, s=90, color="k", zorder=3)
    ax.scatter(*X[y == 0].T, s=90, facecolor="w", edgecolor="k", zorder=3)
    wrong = unit.predict(X) != y
    ax.scatter(*X[wrong].T, s=300, facecolor="none", edgecolor="r", lw=2, zorder=3)
    ax.set(xticks=[0, 1], yticks=[0, 1], aspect="equal")


fig, axes = plt.subplots(2, len(GATES), figsize=(12, 5.6), sharex=True, sharey=True)
for column, name in enumerate(GATES):
    X, y = make_truth_table(name, n_inputs=2, return_X_y=True)
    if name in fixed:
        draw_unit(axes[0, column], fixed[name], X, y)
    else:
        axes[0, column].text(0.5, 0.5, "no such\nweights", ha="center", va="center")
    axes[0, column].set_title(f"{name.upper()}, fixed")
    draw_unit(axes[1, column], learned[name], X, y)
    axes[1, column].set_title(
        f"{name.upper()}, learned: {learned[name].score(X, y):.0%}"
    )
for ax in axes[:, 0]:
    ax.set_ylabel("x2")
for ax in axes[1]:
    ax.set_xlabel("x1")
fig.suptitle(
    "McCulloch-Pitts gates (top) and ThresholdUnit trained by the perceptron rule"
)
fig.tight_layout()
plt.show()
