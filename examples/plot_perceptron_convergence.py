"""
Separability with a proof, and the perceptron's convergence theorem
====================================================================

Rosenblatt's perceptron rule finds a separating line whenever one exists, after
at most :math:`(R / \\gamma)^2` mistakes (Novikoff, 1962), where :math:`R` is
the largest input's length and :math:`\\gamma` the margin of a separating
hyperplane. Where none exists it never settles. This example

- decides separability by a linear program, with
  :func:`~sksigmoid.linear_separability`, which returns a separating hyperplane
  or a certificate: a point in both classes' convex hulls;
- sets the bound beside the mistakes ``ThresholdUnit`` makes (``mistakes_``,
  one count per epoch);
- traces the rule sample by sample with :func:`~sksigmoid.trace`.
"""

# %%
# Which truth tables one unit can compute
# ---------------------------------------
# A linear program decides it for every table; the margin is the distance from
# the hyperplane found to the nearest corner of the cube.
from sksigmoid import linear_separability
from sksigmoid.datasets import make_truth_table

for name in ["and", "or", "majority", "xor", "parity"]:
    verdicts = []
    for n_inputs in range(2, 7):
        X, y = make_truth_table(name, n_inputs, return_X_y=True)
        result = linear_separability(X, y)
        verdicts.append(f"{result.margin:.3f}" if result.separable else "no")
    print(f"{name:9} margins for 2-6 inputs: {', '.join(verdicts)}")

# %%
# The certificate that XOR is not separable
# -----------------------------------------
# The certificate gives each class's rows convex weights whose weighted sums are
# the same point: here the centre of the square, on both diagonals. Every line
# with both 1s of XOR on its positive side has that point there too, and so
# cannot have both 0s on its negative side.
import matplotlib.pyplot as plt
import numpy as np

X, y = make_truth_table("xor", 2, return_X_y=True)
result = linear_separability(X, y)
certificate = result.certificate
fig, ax = plt.subplots(figsize=(4.5, 4.5))
for label, colour in [(0, "C0"), (1, "C1")]:
    rows = X[y == label]
    ax.plot(
        rows[:, 0], rows[:, 1], "-", color=colour, lw=2, label=f"hull of the {label}s"
    )
    ax.scatter(rows[:, 0], rows[:, 1], s=150, color=colour, zorder=3)
for row, weight in zip(X, certificate.weights, strict=True):
    ax.annotate(f"{weight:.2f}", row, xytext=(8, 8), textcoords="offset points")
ax.scatter(*certificate.point, marker="*", s=300, color="k", zorder=4, label="in both")
ax.set(xlabel="$x_1$", ylabel="$x_2$", xlim=(-0.3, 1.4), ylim=(-0.3, 1.4))
ax.set_title("XOR: the certificate's weights")
ax.legend(loc="center right", fontsize=8)
fig.tight_layout()

# %%
# Mistakes against the bound
# --------------------------
# The unit trains on ``X`` divided by its largest magnitude, with its bias as
# the weight of a constant input 1; the bound is computed there, with the
# hyperplane the linear program found (any separating hyperplane gives a valid
# bound; the widest margin, the tightest). On every separable table the unit
# stops after an epoch without a mistake, well inside the bound.
from sksigmoid import ThresholdUnit


def convergence_bound(X, y, result):
    scale = np.abs(X).max()
    augmented = np.hstack([X / scale, np.ones((len(X), 1))])
    normal = np.append(result.coef * scale, result.intercept)
    signs = np.where(y == result.classes[1], 1, -1)
    gamma = (signs * (augmented @ normal)).min() / np.linalg.norm(normal)
    return (np.linalg.norm(augmented, axis=1).max() / gamma) ** 2


labels, made, bounds = [], [], []
for name in ["and", "or", "majority"]:
    for n_inputs in [2, 4, 6, 8]:
        X, y = make_truth_table(name, n_inputs, return_X_y=True)
        unit = ThresholdUnit(random_state=0).fit(X, y)
        labels.append(f"{name} {n_inputs}")
        made.append(sum(unit.mistakes_))
        bounds.append(convergence_bound(X, y, linear_separability(X, y)))

fig, ax = plt.subplots(figsize=(8, 4))
positions = np.arange(len(labels))
ax.bar(positions - 0.2, made, width=0.4, label="mistakes made (sum of mistakes_)")
ax.bar(positions + 0.2, bounds, width=0.4, label="bound $(R/\\gamma)^2$")
ax.set_xticks(positions, labels, rotation=45)
ax.set(yscale="log", ylabel="updates")
ax.set_title("The perceptron's mistakes on separable truth tables")
ax.legend()
fig.tight_layout()

# %%
# Where no line exists
# --------------------
# On XOR the unit makes mistakes in every epoch, however long it trains:
# ``mistakes_`` never reaches 0, and the pocket keeps the best weights it saw.
X, y = make_truth_table("xor", 2, return_X_y=True)
unit = ThresholdUnit(n_iter=50, tol=None, random_state=0).fit(X, y)
fig, ax = plt.subplots(figsize=(7, 3.5))
ax.plot(range(1, unit.n_iter_ + 1), unit.mistakes_, "o-", label="XOR, 2 inputs")
X, y = make_truth_table("and", 6, return_X_y=True)
unit = ThresholdUnit(random_state=0).fit(X, y)
ax.plot(range(1, unit.n_iter_ + 1), unit.mistakes_, "s-", label="AND, 6 inputs")
ax.set(xlabel="epoch", ylabel="mistakes in the epoch")
ax.legend()
fig.tight_layout()

# %%
# The rule, sample by sample
# --------------------------
# :func:`~sksigmoid.trace` writes the epochs out: each row's net input, output,
# error and changes, applied before the next row, in the order the fit visits
# the rows. The unit starts at zero, so the changes of the epochs its fit ran
# add up to its weights.
from sksigmoid import trace

X, y = make_truth_table("and", 2, return_X_y=True)
fitted = ThresholdUnit(random_state=0).fit(X, y)
steps = trace(ThresholdUnit(random_state=0), X, y, n_epochs=fitted.n_iter_)
print(steps.head(8).to_string(index=False))
sums = steps[["delta_w1", "delta_w2", "delta_b"]].sum().to_numpy()
print(f"over {fitted.n_iter_} epochs, the changes add up to {sums}")
print(f"the fit's coef_ {fitted.coef_.ravel()} and intercept_ {fitted.intercept_}")
plt.show()
