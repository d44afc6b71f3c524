"""Saved the model files of this folder with sksigmoid 0.1.0 as released before
the [design] layout (commit dfaed5b); kept to show how they were made, not run
by the tests, which check that the files still load and predict the same."""

import json

import numpy as np
import skops.io
from sklearn.datasets import (
    load_breast_cancer,
    load_iris,
    make_multilabel_classification,
)
from sklearn.preprocessing import StandardScaler

from sksigmoid import SigmoidNetworkClassifier, SigmoidNeuronClassifier, ThresholdUnit
from sksigmoid.cli import TRUSTED_TYPES


def main():

    out = "tests/data/models"
    X, y = load_iris(return_X_y=True)
    X = StandardScaler().fit_transform(X)
    labels = np.array(["setosa", "versicolor", "virginica"])[y]
    XL, YL = make_multilabel_classification(60, 4, n_classes=3, random_state=0)
    XL = XL / XL.max()
    models = {
        "neuron_multiclass": (SigmoidNeuronClassifier(random_state=0), X, labels),
        "neuron_binary_log_loss": (
            SigmoidNeuronClassifier(loss="log_loss", random_state=0),
            X,
            y == 2,
        ),
        "threshold_multiclass": (ThresholdUnit(random_state=0), X, labels),
        "threshold_multilabel": (ThresholdUnit(random_state=0), XL, YL),
        "network_multiclass": (
            SigmoidNetworkClassifier(hidden_layer_sizes=(5,), random_state=0),
            X,
            labels,
        ),
    }
    rows = X[::10]
    expected = {}
    for name, (model, Xf, yf) in models.items():
        if name == "threshold_multilabel":
            model.fit(Xf, yf)
            probe = Xf[::6]
        else:
            # partial_fit after fit stores the state a continued fit needs
            model.fit(Xf, yf)
            probe = rows
        skops.io.dump(model, f"{out}/{name}.skops")
        expected[name] = {
            "X": probe.tolist(),
            "predict": model.predict(probe).tolist(),
            "predict_proba": model.predict_proba(probe).tolist(),
        }
        assert set(skops.io.get_untrusted_types(file=f"{out}/{name}.skops")) <= set(
            TRUSTED_TYPES
        ), skops.io.get_untrusted_types(file=f"{out}/{name}.skops")
    with open(f"{out}/expected.json", "w") as f:
        json.dump(expected, f, indent=None)
    print("saved", list(expected))

    # A partial_fit neuron (stores the statistics and the random state of its chunks)
    Xb, yb = load_breast_cancer(return_X_y=True)
    pf = SigmoidNeuronClassifier(random_state=0)
    for start in range(0, 400, 100):
        pf.partial_fit(Xb[start : start + 100], yb[start : start + 100], classes=[0, 1])
    skops.io.dump(pf, f"{out}/neuron_partial_fit.skops")
    probe = Xb[400::20]
    expected["neuron_partial_fit"] = {
        "X": probe.tolist(),
        "predict": pf.predict(probe).tolist(),
        "predict_proba": pf.predict_proba(probe).tolist(),
    }
    # what partial_fit on the next chunk gives, after the file is loaded
    pf.partial_fit(Xb[400:500], yb[400:500])
    expected["neuron_partial_fit"]["coef_after_next_chunk"] = pf.coef_.tolist()
    with open(f"{out}/expected.json", "w") as f:
        json.dump(expected, f, indent=None)

    # The command line's pipeline on the shipped penguins file
    from sksigmoid.cli import main as cli

    status = cli(
        [
            "fit",
            "sksigmoid/data/penguins_train.csv",
            "--target",
            "species",
            "-o",
            f"{out}/penguins_cli.skops",
            "--quiet",
        ]
    )
    assert status == 0
    print("cli saved")


if __name__ == "__main__":
    main()
