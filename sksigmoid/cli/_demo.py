"""The truth-table demo that ``python -m sksigmoid`` prints.

The separable gates learned by the threshold unit and the sigmoid neuron, XOR
learned only by a network (a linear program proves no single unit can), the
McCulloch-Pitts gates and circuits with fixed weights, and the GeeksforGeeks
tutorial's printed numbers reproduced, with the first steps of its update.
"""

import numpy as np

from sksigmoid._circuits import logic_circuit
from sksigmoid._gates import GATE_WEIGHTS, logic_gate
from sksigmoid._network import SigmoidNetworkClassifier
from sksigmoid._separability import linear_separability
from sksigmoid._sigmoid_neuron import SigmoidNeuronClassifier
from sksigmoid._threshold_unit import ThresholdUnit
from sksigmoid._trace import trace
from sksigmoid.cli._text import format_table
from sksigmoid.datasets import make_truth_table

#: Tables the demo trains on: the separable gates, then the two that no unit learns.
DEMO_TABLES = ("and", "or", "nand", "nor", "majority", "xor", "xnor")

#: The GeeksforGeeks tutorial: its 3 examples, its query and its printed outputs.
TUTORIAL_X = np.array([[0, 1, 1], [1, 0, 0], [1, 0, 1]])
TUTORIAL_Y = np.array([1, 0, 1])
TUTORIAL_QUERY = np.array([[1, 0, 1]])
TUTORIAL_PRINTED = {10: 0.65980921, 100: 0.87680541, 10000: 0.9897704}


def _weights(unit):
    if isinstance(unit, SigmoidNetworkClassifier):
        return f"{unit.coefs_[0].shape[1]} hidden units"
    return "[" + ", ".join(f"{w:+.2f}" for w in unit.coef_[0]) + "]"


def _threshold(unit):
    if isinstance(unit, SigmoidNetworkClassifier):
        return "-"
    # + 0.0 turns the -0.0 of a zero intercept into 0.0.
    return f"{-unit.intercept_[0] + 0.0:+.2f}"


def truth_table_report(n_inputs, random_state):
    """One row per (truth table, estimator): learned weights, threshold, accuracy.

    The tables no single unit can learn, as :func:`linear_separability`
    proves, get a third row: a network of sigmoid units with one hidden layer,
    at its defaults but for the step rule: iRprop+, which ``solver="auto"``
    picks for up to 200 rows, also on the 256 rows of 8 inputs, where Adam's
    tolerance would stop on parity's plateau.
    """
    units = {
        "ThresholdUnit": ThresholdUnit(random_state=random_state),
        "SigmoidNeuron": SigmoidNeuronClassifier(random_state=random_state),
    }
    network = {
        "SigmoidNetwork": SigmoidNetworkClassifier(
            solver="rprop", random_state=random_state
        )
    }
    rows = []
    for name in DEMO_TABLES:
        X, y = make_truth_table(name, n_inputs, return_X_y=True)
        separable = linear_separability(X, y).separable
        estimators = units if separable else units | network
        for label, estimator in estimators.items():
            estimator.fit(X, y)
            accuracy = estimator.score(X, y)
            if accuracy == 1:
                verdict = "learned"
            elif not separable and label in units:
                verdict = "FAILS: not linearly separable"
            else:
                verdict = "not learned"
            rows.append(
                [
                    name.upper(),
                    label,
                    _weights(estimator),
                    _threshold(estimator),
                    f"{accuracy:.2f}",
                    estimator.n_iter_,
                    verdict,
                ]
            )
    header = ["gate", "estimator", "weights", "threshold", "accuracy", "epochs", ""]
    return format_table(header, rows)


def logic_gate_report(n_inputs):
    """The fixed-weight gates and whether each reproduces its truth table."""
    rows = []
    for name in GATE_WEIGHTS:
        k = 1 if name == "not" else n_inputs
        gate = logic_gate(name, k)
        X, y = make_truth_table(name, k, return_X_y=True)
        exact = np.array_equal(gate.predict(X), y)
        outputs = "".join(str(v) for v in gate.predict(X))
        rows.append(
            [
                name.upper(),
                k,
                _weights(gate),
                _threshold(gate),
                outputs,
                "truth table reproduced" if exact else "WRONG",
            ]
        )
    for name in ("xor", "xnor", "parity"):
        circuit = logic_circuit(name, n_inputs)
        X, y = make_truth_table(name, n_inputs, return_X_y=True)
        exact = np.array_equal(circuit.predict(X), y)
        rows.append(
            [
                f"{name.upper()} circuit",
                n_inputs,
                f"{circuit.coefs_[0].shape[1]} hidden units",
                "-",
                "".join(str(v) for v in circuit.predict(X)),
                "truth table reproduced" if exact else "WRONG",
            ]
        )
    header = ["gate", "inputs", "weights", "threshold", "outputs", ""]
    return format_table(header, rows)


def tutorial_neuron(n_iter):
    """The GeeksforGeeks tutorial's neuron after ``n_iter`` epochs of its loop.

    ``learning_rate`` equal to the number of samples turns the averaged update
    into the tutorial's sum; the tutorial has no bias and no weight decay.
    """
    return SigmoidNeuronClassifier(
        n_iter=n_iter,
        learning_rate=3.0,
        alpha=0,
        fit_intercept=False,
        random_state=1,
        tol=None,
    ).fit(TUTORIAL_X, TUTORIAL_Y)


def tutorial_report():
    """The GeeksforGeeks sigmoid neuron, reproduced: P(1 | [1, 0, 1]) after N epochs."""
    rows = []
    for n_iter, printed in TUTORIAL_PRINTED.items():
        ours = tutorial_neuron(n_iter).predict_proba(TUTORIAL_QUERY)[0, 1]
        rows.append([n_iter, f"{ours:.8f}", f"{printed:.8f}"])
    return format_table(["iterations", "sksigmoid", "tutorial printed"], rows)


def tutorial_trace_report(n_epochs=1):
    """The tutorial's first epochs, one row per sample: its loop written out."""
    frame = trace(tutorial_neuron(1), TUTORIAL_X, TUTORIAL_Y, n_epochs=n_epochs)
    columns = ["epoch", "sample", "x1", "x2", "x3", "net", "o", "t", "delta"]
    columns += ["delta_w1", "delta_w2", "delta_w3"]
    rows = [
        [int(row["epoch"]), int(row["sample"])]
        + [f"{row[name]:.0f}" for name in ("x1", "x2", "x3")]
        + [f"{row['net']:+.4f}", f"{row['o']:.4f}", f"{row['t']:.0f}"]
        + [f"{row[name] + 0.0:+.4f}" for name in columns[8:]]
        for _, row in frame[columns].iterrows()
    ]
    return format_table(columns, rows)


def demo_report(n_inputs, random_state):
    """The whole demo: the trained tables, the fixed gates and the tutorial."""
    return (
        f"Truth tables with {n_inputs} inputs, each unit trained with "
        f"random_state={random_state}\n\n"
        f"{truth_table_report(n_inputs, random_state)}\n\n"
        "McCulloch-Pitts logic gates and circuits (fixed weights, no training)\n\n"
        f"{logic_gate_report(n_inputs)}\n\n"
        "GeeksforGeeks sigmoid neuron: SigmoidNeuronClassifier(learning_rate=3.0,\n"
        "alpha=0, fit_intercept=False, random_state=1, tol=None), P(1 | [1, 0, 1])\n\n"
        f"{tutorial_report()}\n\n"
        "Its first epoch, sample by sample (sksigmoid.trace): o = sigmoid(net),\n"
        "delta = (t - o) o (1 - o), delta_w = delta x, summed over the epoch\n\n"
        f"{tutorial_trace_report()}\n"
    )
