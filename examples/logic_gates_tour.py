"""
Logic gates: fixed, learned, and the one a single unit cannot learn
===================================================================

McCulloch and Pitts wired logic gates by hand: each input gets weight +1 or -1 and
the unit fires when the weighted sum reaches a threshold. Rosenblatt's perceptron
rule learns such weights from the truth table. Neither can compute XOR, whose
true rows cannot be separated from its false rows by one line.
"""

# %%
# The fixed gates reproduce their truth tables
# --------------------------------------------
from sksigmoid import SigmoidNeuronClassifier, ThresholdUnit, logic_gate
from sksigmoid.datasets import make_truth_table

for name in ["and", "or", "nand", "nor"]:
    X, y = make_truth_table(name, n_inputs=2, return_X_y=True)
    gate = logic_gate(name)
    print(
        f"{name:>4}: weights {gate.coef_[0]}, threshold {-gate.intercept_[0]:+.1f},",
        f"outputs {gate.predict(X)} (table {y})",
    )

# %%
# Learned units get every separable table right, and XOR wrong
# -------------------------------------------------------------
for name in ["and", "or", "majority", "xor"]:
    X, y = make_truth_table(name, n_inputs=3, return_X_y=True)
    unit = ThresholdUnit(random_state=0).fit(X, y)
    neuron = SigmoidNeuronClassifier(random_state=0).fit(X, y)
    print(
        f"{name:>8}: threshold unit {unit.score(X, y):.2f} in {unit.n_iter_} epochs,",
        f"sigmoid neuron {neuron.score(X, y):.2f} in {neuron.n_iter_} epochs",
    )
