"""ONNX export: onnxruntime's labels and probabilities against ``predict`` and
``predict_proba`` (a regressor's values against ``predict``), for every
estimator, target kind, loss, dtype and ``fit_intercept``, bare and inside
pipelines; and the errors of a bad export."""

import copy

import numpy as np
import pytest

REASON = "needs the optional onnx extra: pip install 'sksigmoid[onnx]'"
for _module in ("skl2onnx", "onnx", "onnxruntime"):
    pytest.importorskip(_module, reason=REASON)

import onnxruntime  # noqa: E402
import skl2onnx  # noqa: E402
from sklearn.datasets import (  # noqa: E402
    make_classification,
    make_multilabel_classification,
    make_regression,
)
from sklearn.exceptions import NotFittedError  # noqa: E402
from sklearn.pipeline import make_pipeline  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402

from sksigmoid import (  # noqa: E402
    AdalineClassifier,
    LinearUnitRegressor,
    SigmoidNetworkClassifier,
    SigmoidNetworkRegressor,
    SigmoidNeuronClassifier,
    ThresholdUnit,
    logic_gate,
)
from sksigmoid.datasets import make_truth_table  # noqa: E402
from sksigmoid.onnx import to_onnx  # noqa: E402

TOLERANCE = {np.float64: 1e-6, np.float32: 1e-5}

#: Networks train a fixed number of epochs: their weights, not convergence,
#: are under test here.
NETWORK = {"hidden_layer_sizes": (8,), "n_iter": 300, "tol": None, "random_state": 0}

ESTIMATORS = {
    "neuron": lambda **kw: SigmoidNeuronClassifier(random_state=0, **kw),
    "neuron-log_loss": lambda **kw: SigmoidNeuronClassifier(
        loss="log_loss", random_state=0, **kw
    ),
    "threshold": lambda **kw: ThresholdUnit(random_state=0, **kw),
    "adaline": lambda **kw: AdalineClassifier(random_state=0, **kw),
    "network": lambda **kw: SigmoidNetworkClassifier(**NETWORK, **kw),
    "network-log_loss": lambda **kw: SigmoidNetworkClassifier(
        loss="log_loss", **NETWORK, **kw
    ),
}


def target_kinds():
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
        "multiclass-strings": (X_multi, names[y_multi]),
        "multiclass-integers": (X_multi, y_multi),
        "multilabel": (X_labels.astype(np.float64), Y_labels),
    }


KINDS = target_kinds()

REGRESSORS = {
    "network": lambda **kw: SigmoidNetworkRegressor(**NETWORK, **kw),
    "linear": lambda **kw: LinearUnitRegressor(random_state=0, **kw),
}

#: The largest difference from ``predict``, relative to its largest magnitude.
REGRESSION_TOLERANCE = {np.float64: 1e-12, np.float32: 1e-6}


def quantities():
    """A y of one dimension and one of two, in the thousands (the output layer
    maps the standardized targets back to them)."""
    X, Y = make_regression(300, 5, n_informative=4, n_targets=2, random_state=3)
    Y = 5000 + 100 * Y
    return {"one output": (X, Y[:, 0]), "two outputs": (X, Y)}


QUANTITIES = quantities()


def session(onnx_model):
    return onnxruntime.InferenceSession(
        onnx_model.SerializeToString(), providers=["CPUExecutionProvider"]
    )


def run_graph(onnx_model, X):
    """onnxruntime's (label, probabilities) on one numeric input."""
    graph = session(onnx_model)
    outputs = graph.run(None, {graph.get_inputs()[0].name: X})
    names = [output.name for output in graph.get_outputs()]
    assert names == ["label", "probabilities"]
    return outputs


def evaluation_rows(X, n_inputs):
    """The training rows, the same rows 1000 times larger (far outside the
    training range, where the sigmoids saturate), and a truth table."""
    table = make_truth_table("and", n_inputs, return_X_y=True)[0].astype(X.dtype)
    return np.vstack([X, X * X.dtype.type(1e3), table])


def assert_matches(model, onnx_model, X):
    """Check that onnxruntime's labels equal ``predict`` on every row and its
    probabilities equal ``predict_proba`` to the dtype's tolerance, finite."""
    labels, probabilities = run_graph(onnx_model, X)
    np.testing.assert_array_equal(labels, model.predict(X))
    # Integer inputs compute in float64, as the estimators do.
    dtype = np.float32 if X.dtype == np.float32 else np.float64
    assert probabilities.dtype == dtype
    assert np.isfinite(probabilities).all()
    np.testing.assert_allclose(
        probabilities, model.predict_proba(X), rtol=0, atol=TOLERANCE[dtype]
    )


@pytest.mark.parametrize("dtype", [np.float64, np.float32], ids=["f64", "f32"])
@pytest.mark.parametrize("fit_intercept", [True, False], ids=["bias", "no-bias"])
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("name", ESTIMATORS)
def test_onnxruntime_matches_predict_and_predict_proba(
    name, kind, fit_intercept, dtype
):
    X, y = KINDS[kind]
    X = X.astype(dtype)
    model = ESTIMATORS[name](fit_intercept=fit_intercept).fit(X, y)
    assert_matches(model, to_onnx(model, X[:1]), evaluation_rows(X, 5))


@pytest.mark.parametrize("dtype", [np.float64, np.float32], ids=["f64", "f32"])
@pytest.mark.parametrize("fit_intercept", [True, False], ids=["bias", "no-bias"])
@pytest.mark.parametrize("kind", QUANTITIES)
@pytest.mark.parametrize("name", REGRESSORS)
def test_onnxruntime_matches_the_predictions_of_a_regressor(
    name, kind, fit_intercept, dtype
):
    """Check the one output, ``variable``, of the shape ``predict`` returns (1-D
    for a y of one dimension), within the dtype's relative tolerance on the
    training rows and on rows 1000 times larger."""
    X, y = QUANTITIES[kind]
    X = X.astype(dtype)
    model = REGRESSORS[name](fit_intercept=fit_intercept).fit(X, y)
    rows = evaluation_rows(X, 5)
    graph = session(to_onnx(model, X[:1]))
    assert [output.name for output in graph.get_outputs()] == ["variable"]
    [predictions] = graph.run(None, {graph.get_inputs()[0].name: rows})
    expected = model.predict(rows)
    assert predictions.dtype == dtype and predictions.shape == expected.shape
    difference = np.abs(predictions - expected).max()
    assert difference <= REGRESSION_TOLERANCE[dtype] * np.abs(expected).max()


@pytest.mark.parametrize("n_inputs", range(1, 9))
def test_logic_gates_and_a_neuron_on_truth_tables_match(n_inputs):
    """Check every fixed gate, and a neuron fitted on AND (NOT for one input),
    on the truth tables of 1-8 inputs, given as integers."""
    names = ["not"] if n_inputs == 1 else ["and", "or", "nand", "nor", "majority"]
    for name in names:
        X, y = make_truth_table(name, n_inputs, return_X_y=True)
        gate = logic_gate(name, n_inputs)
        assert_matches(gate, to_onnx(gate, X[:1]), X)
    X, y = make_truth_table(names[0], n_inputs, return_X_y=True)
    neuron = SigmoidNeuronClassifier(random_state=0).fit(X, y)
    assert_matches(neuron, to_onnx(neuron, X[:1]), X)


def test_every_hidden_layer_of_a_deeper_network_is_exported():
    X, y = KINDS["multiclass-strings"]
    deeper = {**NETWORK, "hidden_layer_sizes": (6, 4, 3)}
    network = SigmoidNetworkClassifier(**deeper).fit(X, y)
    assert_matches(network, to_onnx(network, X[:1]), evaluation_rows(X, 5))


def test_saturated_multiclass_sigmoids_tie_and_the_first_class_wins():
    """Check that the graph breaks the ties of saturated one-vs-rest units as
    ``predict`` does, on margins stepping through saturation (36 and above:
    sigmoid(z) rounds to 1). Rows whose largest probabilities differ only in
    the last bit of an exp or a log1p (onnxruntime's and NumPy's round
    differently there) may pick either of those classes, never another."""
    X, y = KINDS["multiclass-integers"]
    neuron = SigmoidNeuronClassifier(random_state=0).fit(X, y)
    neuron.coef_, neuron.intercept_ = np.eye(3, 5), np.zeros(3)
    grid = np.arange(30, 45.25, 0.25)
    margins = np.array(np.meshgrid(grid, [-1.75, 36.0, 40.0], grid)).reshape(3, -1).T
    X_ties = np.hstack([margins, np.zeros((len(margins), 2))])
    labels, probabilities = run_graph(to_onnx(neuron, X_ties[:1]), X_ties)
    expected = neuron.predict_proba(X_ties)
    np.testing.assert_allclose(probabilities, expected, rtol=0, atol=1e-15)
    top = expected.max(axis=1, keepdims=True)
    within_rounding = expected >= top * (1 - 4 * np.finfo(np.float64).eps)
    differs = labels != neuron.predict(X_ties)
    assert within_rounding[np.arange(len(labels)), labels].all()
    assert differs.mean() < 0.02


def test_a_regression_pipeline_with_a_scaler_is_exported_whole():
    X, y = QUANTITIES["one output"]
    pipeline = make_pipeline(StandardScaler(), REGRESSORS["network"]()).fit(X, y)
    graph = session(skl2onnx.to_onnx(pipeline, X[:1]))
    [predictions] = graph.run(None, {graph.get_inputs()[0].name: X})
    np.testing.assert_allclose(predictions, pipeline.predict(X), rtol=1e-12)


@pytest.mark.parametrize("name", ["neuron", "network"])
def test_a_pipeline_with_a_scaler_is_exported_whole(name):
    X, y = KINDS["multiclass-strings"]
    pipeline = make_pipeline(StandardScaler(), ESTIMATORS[name]()).fit(X, y)
    onnx_model = skl2onnx.to_onnx(
        pipeline, X[:1], options={id(pipeline): {"zipmap": False}}
    )
    assert_matches(pipeline, onnx_model, evaluation_rows(X, 5))


def test_skl2onnx_converts_after_importing_sksigmoid_onnx():
    """Check that ``skl2onnx.to_onnx`` alone works once the module registered
    the converters, with skl2onnx's default ZipMap: a dict per row."""
    X, y = KINDS["multiclass-strings"]
    X = X.astype(np.float32)  # onnxruntime's ZipMap takes floats only
    neuron = SigmoidNeuronClassifier(random_state=0).fit(X, y)
    graph = session(skl2onnx.to_onnx(neuron, X[:1]))
    labels, rows = graph.run(None, {graph.get_inputs()[0].name: X})
    np.testing.assert_array_equal(labels, neuron.predict(X))
    expected = neuron.predict_proba(X)
    assert [list(row) for row in rows[:1]] == [list(neuron.classes_)]
    found = np.array([[row[c] for c in neuron.classes_] for row in rows])
    np.testing.assert_allclose(found, expected, rtol=0, atol=1e-5)


def test_a_zipmap_of_doubles_is_refused_with_the_way_out():
    """Check the refusal of a graph onnxruntime would not load (its ZipMap
    takes float32 only; skl2onnx's own classifiers make that graph)."""
    X, y = KINDS["binary"]
    neuron = SigmoidNeuronClassifier(random_state=0).fit(X, y)
    with pytest.raises(ValueError, match="zipmap=False .* or a float32 sample"):
        to_onnx(neuron, X[:1], zipmap=True)


def test_classifier_options_nocl_and_output_class_labels():
    X, y = KINDS["multiclass-strings"]
    neuron = SigmoidNeuronClassifier(random_state=0).fit(X, y)
    onnx_model = to_onnx(neuron, X[:1], options={id(neuron): {"nocl": True}})
    indices, _ = run_graph(onnx_model, X)
    np.testing.assert_array_equal(
        indices, np.searchsorted(neuron.classes_, neuron.predict(X))
    )
    options = {id(neuron): {"zipmap": False, "output_class_labels": True}}
    graph = session(skl2onnx.to_onnx(neuron, X[:1], options=options))
    *_, class_labels = graph.run(None, {graph.get_inputs()[0].name: X})
    np.testing.assert_array_equal(class_labels, neuron.classes_)


def test_multilabel_labels_are_an_int64_indicator_matrix():
    X, Y = KINDS["multilabel"]
    network = ESTIMATORS["network"]().fit(X, Y)
    labels, probabilities = run_graph(to_onnx(network, X[:1]), X)
    assert labels.dtype == np.int64 and labels.shape == Y.shape
    assert probabilities.shape == Y.shape


@pytest.mark.parametrize(
    "make", [*ESTIMATORS.values(), *REGRESSORS.values()], ids=[*ESTIMATORS, *REGRESSORS]
)
def test_an_unfitted_estimator_is_refused_with_a_call_to_fit(make):
    X, _ = KINDS["binary"]
    for model in (make(), make_pipeline(make())):
        with pytest.raises(NotFittedError, match="Call 'fit'"):
            to_onnx(model, X[:1])


def test_a_sample_with_the_wrong_number_of_features_is_refused():
    X, y = KINDS["binary"]
    neuron = SigmoidNeuronClassifier(random_state=0).fit(X, y)
    with pytest.raises(ValueError, match="X_sample has 3 features, but .* 5"):
        to_onnx(neuron, X[:1, :3])


def test_the_graph_computes_in_the_dtype_of_its_input():
    """Check that a model fitted in float64 exports a float graph for a float32
    sample, its probabilities float32 and within float32's tolerance."""
    X, y = KINDS["binary"]
    neuron = SigmoidNeuronClassifier(random_state=0).fit(X, y)
    X32 = X.astype(np.float32)
    _, probabilities = run_graph(to_onnx(neuron, X32[:1]), X32)
    assert probabilities.dtype == np.float32
    np.testing.assert_allclose(probabilities, neuron.predict_proba(X), atol=1e-5)


def test_the_estimator_is_not_changed_by_its_export():
    X, y = KINDS["multilabel"]
    unit = ThresholdUnit(random_state=0).fit(X, y)
    before = copy.deepcopy(unit.__dict__)
    to_onnx(unit, X[:1])
    for name, value in before.items():
        np.testing.assert_array_equal(getattr(unit, name), value)


def test_a_text_input_is_refused_naming_the_types_taken():
    from skl2onnx.common.data_types import StringTensorType

    X, y = KINDS["binary"]
    neuron = SigmoidNeuronClassifier(random_state=0).fit(X, y)
    with pytest.raises(TypeError, match="takes a numeric tensor .* StringTensorType"):
        skl2onnx.convert_sklearn(
            neuron,
            initial_types=[("X", StringTensorType([None, 5]))],
            options={id(neuron): {"zipmap": False}},
        )
