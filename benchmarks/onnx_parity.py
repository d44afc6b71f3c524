"""ONNX parity: onnxruntime's outputs against ``predict`` and ``predict_proba``,
with skl2onnx's export of ``LogisticRegression`` and ``MLPClassifier`` measured
in the same run for comparison.

For each estimator, target kind and dtype, on 300 rows x 5 features
(``make_classification``, and ``make_multilabel_classification``), prints the
share of labels equal to ``predict`` and the largest ``|probability difference|``,
on the training rows and on the same rows times 1000 (far outside the training
range), and the versions used. Needs the ``onnx`` extra.

    python benchmarks/onnx_parity.py
"""

import platform
import warnings
from importlib.metadata import version

import numpy as np
import onnxruntime
from sklearn.datasets import make_classification, make_multilabel_classification
from sklearn.linear_model import LogisticRegression
from sklearn.neural_network import MLPClassifier

from sksigmoid import SigmoidNetworkClassifier, SigmoidNeuronClassifier, ThresholdUnit
from sksigmoid.onnx import to_onnx

ESTIMATORS = {
    "neuron": lambda: SigmoidNeuronClassifier(random_state=0),
    "neuron log_loss": lambda: SigmoidNeuronClassifier(loss="log_loss", random_state=0),
    "threshold": lambda: ThresholdUnit(random_state=0),
    "network(8,)": lambda: SigmoidNetworkClassifier(
        hidden_layer_sizes=(8,), random_state=0
    ),
    "network(8,) log_loss": lambda: SigmoidNetworkClassifier(
        hidden_layer_sizes=(8,), loss="log_loss", random_state=0
    ),
    # scikit-learn's peers, converted by skl2onnx's own converters.
    "LogisticRegression": lambda: LogisticRegression(),
    "MLPClassifier logistic": lambda: MLPClassifier(
        (8,), activation="logistic", max_iter=2000, random_state=0
    ),
}


def data():
    X_binary, y_binary = make_classification(
        300, 5, n_informative=3, n_redundant=1, random_state=0
    )
    X_multi, y_multi = make_classification(
        300, 5, n_informative=3, n_redundant=1, n_classes=3,
        n_clusters_per_class=1, random_state=1,
    )  # fmt: skip
    X_labels, Y_labels = make_multilabel_classification(
        300, 5, n_classes=3, random_state=2
    )
    names = np.array(["adelie", "chinstrap", "gentoo"])
    return {
        "binary": (X_binary, y_binary),
        "multiclass": (X_multi, names[y_multi]),
        "multilabel": (X_labels.astype(np.float64), Y_labels),
    }


def compare(model, X):
    graph = onnxruntime.InferenceSession(
        to_onnx(model, X[:1]).SerializeToString(), providers=["CPUExecutionProvider"]
    )
    labels, probabilities = graph.run(None, {graph.get_inputs()[0].name: X})
    expected = model.predict(X)
    same = (labels.reshape(expected.shape) == expected).reshape(len(X), -1).all(1)
    gap = np.abs(probabilities - model.predict_proba(X)).max()
    return same.mean(), float(gap), bool(np.isfinite(probabilities).all())


onnxruntime.set_default_logger_severity(3)  # the peers' graphs warn


def main():
    print(
        f"python {platform.python_version()}, numpy {np.__version__}, "
        + ", ".join(
            f"{name} {version(name)}"
            for name in ("scikit-learn", "skl2onnx", "onnx", "onnxruntime")
        )
    )
    header = f"{'estimator':<24}{'target':<12}{'dtype':<9}"
    print(f"{header}{'labels':>8}{'|dp| near':>11}{'labels far':>12}{'|dp| far':>10}")
    for name, make in ESTIMATORS.items():
        for kind, (X, y) in data().items():
            if name == "LogisticRegression" and kind == "multilabel":
                continue  # scikit-learn's LogisticRegression takes one label
            for dtype in (np.float64, np.float32):
                rows = X.astype(dtype)
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")  # convergence, far overflow
                    model = make().fit(rows, y)
                    try:
                        near = compare(model, rows)
                        far = compare(model, rows * dtype(1e3))
                    except Exception as error:  # a peer's graph may not load
                        reason = " ".join(str(error).split())[-60:]
                        print(
                            f"{name:<24}{kind:<12}{dtype.__name__:<9}  fails: {reason}"
                        )
                        continue
                finite = "" if near[2] and far[2] else "  NOT FINITE"
                print(
                    f"{name:<24}{kind:<12}{dtype.__name__:<9}{near[0]:>8.0%}"
                    f"{near[1]:>11.1e}{far[0]:>12.0%}{far[1]:>10.1e}{finite}"
                )


if __name__ == "__main__":
    main()
