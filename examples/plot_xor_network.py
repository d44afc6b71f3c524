"""
XOR, solved by a network of sigmoid units
=========================================

No single unit computes XOR: its true corners, ``(0, 1)`` and ``(1, 0)``, lie on
either side of the false ones, and one line cannot separate them (Minsky and
Papert, 1969). Two lines can. A hidden layer of two sigmoid units draws them,
each unit firing on one side of its own line, and an output unit combines the
two, as NAND and OR feeding an AND would. Backpropagation (Rumelhart, Hinton
and Williams, 1986) learns all three units' weights from the truth table.
"""

# %%
# A 2-2-1 network learns the table
# --------------------------------
from sksigmoid import SigmoidNetworkClassifier, SigmoidNeuronClassifier
from sksigmoid.datasets import make_truth_table

X, y = make_truth_table("xor", n_inputs=2, return_X_y=True)
network = SigmoidNetworkClassifier(hidden_layer_sizes=(2,), random_state=1).fit(X, y)
neuron = SigmoidNeuronClassifier(random_state=1).fit(X, y)
print(f"network: accuracy {network.score(X, y):.2f} in {network.n_iter_} epochs")
print(f"single neuron: accuracy {neuron.score(X, y):.2f}")
print("P(xor = 1) at the corners:", network.predict_proba(X)[:, 1].round(3))

# %%
# The hidden units' lines, and the network's output
# -------------------------------------------------
# Left: the probability the network gives to 1 over the plane, and the line
# ``w . x + b = 0`` of each hidden unit. Between the two lines lie the true
# corners. Right: the same four corners as the hidden layer sees them, the
# outputs ``(h1, h2)`` of its two units. There they are separable, and the
# output unit's line separates them.
import matplotlib.pyplot as plt
import numpy as np
from scipy.special import expit
from sklearn.inspection import DecisionBoundaryDisplay

hidden_weights, output_weights = network.coefs_
hidden_bias, output_bias = network.intercepts_
hidden = expit(X @ hidden_weights + hidden_bias)
print("the corners in the hidden layer:\n", hidden.round(3))

fig, (input_ax, hidden_ax) = plt.subplots(1, 2, figsize=(11, 5.4))
surface = DecisionBoundaryDisplay.from_estimator(
    network,
    X,
    response_method="predict_proba",
    plot_method="pcolormesh",
    grid_resolution=200,
    eps=0.5,
    cmap="RdBu_r",
    vmin=0,
    vmax=1,
    alpha=0.6,
    ax=input_ax,
)
fig.colorbar(surface.surface_, ax=input_ax, label="P(xor = 1)", shrink=0.8)
edge = np.array([-0.5, 1.5])
for unit, color in enumerate(["C2", "C4"]):
    (w1, w2), b = hidden_weights[:, unit], hidden_bias[unit]
    input_ax.plot(
        edge,
        -(w1 * edge + b) / w2,
        color=color,
        lw=2.5,
        label=f"hidden unit h{unit + 1}",
    )


def draw_corners(ax, points):
    ax.scatter(*points[y == 1].T, s=110, color="k", zorder=3, label="xor = 1")
    ax.scatter(*points[y == 0].T, s=110, fc="w", ec="k", zorder=3, label="xor = 0")


draw_corners(input_ax, X)
input_ax.set(
    xlim=edge, ylim=edge, xlabel="x1", ylabel="x2", title="Input space", aspect="equal"
)
input_ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=2, fontsize=9)

# The output unit fires where v1 h1 + v2 h2 + c > 0.
(v1, v2), c = output_weights[:, 0], output_bias[0]
h1, h2 = np.meshgrid(np.linspace(-0.05, 1.05, 111), np.linspace(-0.05, 1.05, 111))
hidden_ax.contourf(
    h1, h2, v1 * h1 + v2 * h2 + c > 0, levels=[0.5, 1.5], colors="C3", alpha=0.25
)
hidden_ax.contour(h1, h2, v1 * h1 + v2 * h2 + c, levels=[0], colors="C3")
hidden_ax.plot([], [], color="C3", label="output unit's line")
draw_corners(hidden_ax, hidden)
# The two true corners land on the same point of the hidden layer.
labels = {}
for corner, point in zip(X, hidden, strict=True):
    labels.setdefault(tuple(point.round(2)), []).append(f"({corner[0]}, {corner[1]})")
for point, corners in labels.items():
    hidden_ax.annotate(
        " and ".join(corners), point, textcoords="offset points", xytext=(10, 8)
    )
hidden_ax.set(
    xlim=(-0.05, 1.05),
    ylim=(-0.05, 1.05),
    xlabel="h1",
    ylabel="h2",
    title="Hidden-layer space",
    aspect="equal",
)
hidden_ax.legend(loc="upper right", fontsize=9)
fig.tight_layout()

# %%
# How often backpropagation finds it
# ----------------------------------
# With two hidden units, some starting weights lead to a local minimum
# instead, where the network answers about 0.5 for two of the corners. More
# hidden units than needed make the search reliable; the default has 100.
sizes = [1, 2, 3, 4, 8]
seeds = range(20)
solved = [
    np.mean(
        [
            SigmoidNetworkClassifier(hidden_layer_sizes=(size,), random_state=seed)
            .fit(X, y)
            .score(X, y)
            == 1
            for seed in seeds
        ]
    )
    for size in sizes
]
for size, share in zip(sizes, solved, strict=True):
    print(f"{size} hidden units: XOR learned from {share:.0%} of 20 starts")

fig, ax = plt.subplots(figsize=(6, 3.6))
ax.bar([str(size) for size in sizes], solved, color="C0")
ax.set(
    xlabel="hidden units",
    ylabel="share of 20 random starts",
    ylim=(0, 1.05),
    title="XOR learned to 100% accuracy",
)
fig.tight_layout()
plt.show()
