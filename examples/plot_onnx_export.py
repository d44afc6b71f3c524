"""
Serving a model with ONNX: export, run in onnxruntime, compare
===============================================================

A model trained here can be served without Python, or without this package:
:func:`sksigmoid.onnx.to_onnx` writes it as an ONNX graph, which onnxruntime runs
from C++, C#, Java, JavaScript or a phone. The graph computes what
``predict_proba`` computes, in the same numerically stable form, so its outputs
agree with the estimator's to rounding, on the training range and far outside it.
This example needs the ``onnx`` extra (``pip install "sksigmoid[onnx]"``).
"""

# %%
# Export a pipeline and run it
# ----------------------------
# A network of sigmoid units after a scaler, on the wine data. ``to_onnx`` takes
# a sample of the input for its type and width: float64 rows give a graph in
# double precision, with the outputs ``label`` and ``probabilities``.
import numpy as np
import onnxruntime
from sklearn.datasets import load_wine
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from sksigmoid import SigmoidNetworkClassifier, SigmoidNeuronClassifier, ThresholdUnit
from sksigmoid.onnx import to_onnx

X, y = load_wine(return_X_y=True)
network = make_pipeline(
    StandardScaler(),
    SigmoidNetworkClassifier(hidden_layer_sizes=(8,), random_state=0),
).fit(X, y)
session = onnxruntime.InferenceSession(to_onnx(network, X[:1]).SerializeToString())
print([(i.name, i.type, i.shape) for i in session.get_inputs()])
print([o.name for o in session.get_outputs()])
labels, probabilities = session.run(None, {"X": X})
print("labels equal predict:", bool((labels == network.predict(X)).all()))
print(
    "largest probability difference:",
    float(np.abs(probabilities - network.predict_proba(X)).max()),
)

# %%
# Every estimator, in float64 and float32, near and far
# ------------------------------------------------------
# The same comparison for each estimator, on the training rows and on the same
# rows a thousand times larger, where the sigmoids saturate and a careless graph
# (``1 / (1 + exp(-z))`` normalised by its sum) would overflow or tie. A float32
# sample gives a float graph, for a model fitted in float32.
models = {
    "neuron": SigmoidNeuronClassifier(random_state=0),
    "neuron (log loss)": SigmoidNeuronClassifier(loss="log_loss", random_state=0),
    "threshold unit": ThresholdUnit(random_state=0),
    "network": SigmoidNetworkClassifier(hidden_layer_sizes=(8,), random_state=0),
}
X_scaled = StandardScaler().fit_transform(X)
differences = {}
for name, model in models.items():
    for dtype in (np.float64, np.float32):
        rows = X_scaled.astype(dtype)
        model.fit(rows, y)
        graph = onnxruntime.InferenceSession(
            to_onnx(model, rows[:1]).SerializeToString()
        )
        for where, data in (("training rows", rows), ("rows x 1000", rows * 1000)):
            labels, probabilities = graph.run(None, {"X": data})
            assert np.isfinite(probabilities).all()
            same = (labels == model.predict(data)).mean()
            gap = float(np.abs(probabilities - model.predict_proba(data)).max())
            differences[name, dtype.__name__, where] = gap
            print(
                f"{name:>18} {dtype.__name__:>7} {where:>13}: labels {same:.0%} "
                f"equal, largest probability difference {gap:.1e}"
            )

# %%
# The differences are rounding: about the dtype's precision (a difference of 0
# is drawn at the bottom of the axis).
import matplotlib.pyplot as plt

fig, ax = plt.subplots(figsize=(8, 4), layout="constrained")
names = list(models)
for offset, (dtype, where) in enumerate(
    [(d, w) for d in ("float64", "float32") for w in ("training rows", "rows x 1000")]
):
    gaps = [max(differences[name, dtype, where], 1e-18) for name in names]
    ax.bar(np.arange(len(names)) + 0.2 * offset - 0.3, gaps, width=0.2,
           label=f"{dtype}, {where}")  # fmt: skip
for precision in (np.finfo(np.float64).eps, 1e-5):
    ax.axhline(precision, color="grey", linestyle=":", linewidth=1)
ax.set_yscale("log")
ax.set_ylim(1e-18, 1e-4)
ax.set_xticks(range(len(names)), names)
ax.set_ylabel("largest |onnxruntime - predict_proba|")
ax.set_title("ONNX graph against the estimator (dotted: float64 eps, 1e-5)")
ax.legend(fontsize="small", ncols=2)
plt.show()

# %%
# The command line's pipelines
# ----------------------------
# ``sksigmoid export`` writes a model file of ``sksigmoid fit`` as ONNX, its
# imputation, date features and one-hot encoding included. The graph takes one
# input per feature column, named after it: doubles (NaN for an empty cell) for
# numeric columns, strings ("" for an empty cell) for date and text columns.
import tempfile
from importlib.resources import files
from pathlib import Path

import pandas as pd

from sksigmoid.cli import main

raw = files("sksigmoid") / "data" / "penguins_raw.csv"
folder = Path(tempfile.mkdtemp())  # the model files go there
model, onnx_file, predictions = (
    folder / n for n in ("raw.skops", "raw.onnx", "raw.csv")
)
main(["fit", str(raw), "--target", "Species", "--na", "NA", "--id", "Individual ID",
      "--cv", "0", "--quiet", "--output", str(model)])  # fmt: skip
main(["export", str(model), "--output", str(onnx_file)])
main(["predict", str(model), str(raw), "--na", "NA", "--proba", "-o", str(predictions)])

session = onnxruntime.InferenceSession(onnx_file)
table = pd.read_csv(raw, keep_default_na=False, na_values=["", "NA"])
feeds = {}
for graph_input in session.get_inputs():
    column = table[graph_input.name]
    if graph_input.type == "tensor(string)":
        column = column.astype(object).where(column.notna(), "").astype(str)
        feeds[graph_input.name] = column.to_numpy(object).reshape(-1, 1)
    else:
        feeds[graph_input.name] = column.to_numpy(np.float64).reshape(-1, 1)
labels, probabilities = session.run(None, feeds)
predicted = pd.read_csv(predictions)
print(f"{len(feeds)} inputs; labels equal sksigmoid predict:",
      bool((labels == predicted["Species"]).all()))  # fmt: skip
proba_columns = [c for c in predicted if c.startswith("proba_")]
print(
    "largest probability difference:",
    float(np.abs(probabilities - predicted[proba_columns]).to_numpy().max()),
)
