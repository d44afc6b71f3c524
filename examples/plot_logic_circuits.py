"""
McCulloch-Pitts circuits: XOR and parity by hand-set weights
============================================================

The Kite tutorial's first exercise asks: "Can you build an XOR model by
tweaking the weights and thresholds?" One threshold unit cannot (no line
separates XOR's ones from its zeros), but two layers of them can.
:func:`~sksigmoid.logic_circuit` builds the textbook circuits:

- XOR as NAND and OR feeding AND, XNOR as AND and NOR feeding OR;
- the parity of ``n`` inputs from ``n`` hidden units, unit ``k`` firing when at
  least ``k`` inputs are on, added with alternating signs by the output unit.
"""

# %%
# The XOR circuit
# ---------------
# Each hidden unit is a gate with :func:`~sksigmoid.logic_gate`'s weights; the
# output unit ANDs them. The diagram writes each unit's threshold, and draws a
# connection's width by its weight's size and its colour by its sign.
import matplotlib.pyplot as plt
import numpy as np

from sksigmoid import UnitDiagramDisplay, logic_circuit
from sksigmoid.datasets import make_truth_table

circuit = logic_circuit("xor", n_inputs=2)
X, y = make_truth_table("xor", 2, return_X_y=True)
hidden = (X @ circuit.coefs_[0] + circuit.intercepts_[0] > 0).astype(int)
for row, (nand, or_), output in zip(X, hidden, circuit.predict(X), strict=True):
    print(f"x = {row}: NAND {nand}, OR {or_} -> AND {output}")

fig, ax = plt.subplots(figsize=(6, 4))
UnitDiagramDisplay.from_estimator(circuit, ax=ax)
ax.set_title("XOR = AND(NAND, OR)")
fig.tight_layout()

# %%
# Two lines, one region
# ---------------------
# Each hidden unit draws a line across the square; the output unit fires
# between them. On a grid of inputs, the circuit's decision regions show it.
grid = np.linspace(-0.25, 1.25, 301)
xx, yy = np.meshgrid(grid, grid)
regions = circuit.predict(np.column_stack([xx.ravel(), yy.ravel()]))

fig, ax = plt.subplots(figsize=(4.8, 4.5))
ax.contourf(xx, yy, regions.reshape(xx.shape), levels=[-0.5, 0.5, 1.5], alpha=0.3)
for unit, label in enumerate(["NAND", "OR"]):
    weights, bias = circuit.coefs_[0][:, unit], circuit.intercepts_[0][unit]
    ax.plot(grid, -(weights[0] * grid + bias) / weights[1], "--", label=f"{label} unit")
ax.scatter(X[:, 0], X[:, 1], c=y, s=150, cmap="coolwarm", edgecolor="k", zorder=3)
ax.set(xlim=(-0.25, 1.25), ylim=(-0.25, 1.25), xlabel="$x_1$", ylabel="$x_2$")
ax.set_title("XOR circuit: fires between the lines")
ax.legend(loc="upper right", fontsize=8)
fig.tight_layout()

# %%
# Parity of four inputs
# ---------------------
# Hidden unit ``k`` has every weight 1 and threshold ``k - 1/2``: it fires when
# at least ``k`` inputs are on. With ``s`` inputs on, units 1 to ``s`` fire, and
# the output's weights ``+1, -1, +1, -1`` add up to 1 for an odd ``s`` and to 0
# for an even one.
circuit = logic_circuit("parity", n_inputs=4)
X, y = make_truth_table("parity", 4, return_X_y=True)
print("parity of 4 inputs reproduced:", bool((circuit.predict(X) == y).all()))
print("output weights:", circuit.coefs_[1].ravel())

fig, ax = plt.subplots(figsize=(7, 4.5))
UnitDiagramDisplay.from_estimator(circuit, ax=ax)
ax.set_title("Parity of 4 inputs: 'at least k' units, alternating signs")
fig.tight_layout()

# %%
# Every circuit, 1 to 8 inputs
# ----------------------------
# Each circuit reproduces its truth table for every number of inputs; the
# gates are single units.
names = ["and", "or", "nand", "nor", "majority", "xor", "xnor", "parity"]
correct = np.zeros((len(names), 7))
for i, name in enumerate(names):
    for j, n_inputs in enumerate(range(2, 9)):
        X, y = make_truth_table(name, n_inputs, return_X_y=True)
        correct[i, j] = np.mean(logic_circuit(name, n_inputs).predict(X) == y)

fig, ax = plt.subplots(figsize=(6, 4))
image = ax.imshow(correct, vmin=0, vmax=1, cmap="Greens")
ax.set_xticks(range(7), range(2, 9))
ax.set_yticks(range(len(names)), names)
ax.set(xlabel="inputs", title="Share of truth-table rows reproduced")
fig.colorbar(image, ax=ax)
fig.tight_layout()
plt.show()
