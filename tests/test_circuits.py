"""McCulloch-Pitts circuits (``logic_circuit``) against the truth tables."""

import numpy as np
import pytest

from sksigmoid import LogicCircuit, logic_circuit, logic_gate
from sksigmoid.datasets import make_truth_table

TWO_LAYERS = ["xor", "xnor", "parity"]
ONE_LAYER = ["and", "or", "nand", "nor", "majority"]


@pytest.mark.parametrize("n_inputs", range(2, 9))
@pytest.mark.parametrize("name", TWO_LAYERS + ONE_LAYER)
def test_circuit_reproduces_its_truth_table(name, n_inputs):
    X, y = make_truth_table(name, n_inputs, return_X_y=True)
    circuit = logic_circuit(name, n_inputs)
    np.testing.assert_array_equal(circuit.predict(X), y)
    proba = circuit.predict_proba(X)
    assert proba.shape == (len(y), 2)
    np.testing.assert_array_equal(circuit.classes_[proba.argmax(axis=1)], y)
    np.testing.assert_allclose(proba.sum(axis=1), 1)
    assert len(circuit.coefs_) == (2 if name in TWO_LAYERS else 1)
    sizes = [coef.shape for coef in circuit.coefs_]
    assert sizes[0][0] == n_inputs and sizes[-1][1] == 1
    for coef, intercept in zip(circuit.coefs_, circuit.intercepts_, strict=True):
        assert intercept.shape == (coef.shape[1],)


def test_not_is_one_unit_of_one_input():
    X, y = make_truth_table("not", 1, return_X_y=True)
    circuit = logic_circuit("not", 1)
    np.testing.assert_array_equal(circuit.predict(X), y)
    assert [coef.shape for coef in circuit.coefs_] == [(1, 1)]


def test_two_input_xor_is_nand_and_or_feeding_and():
    """Check the textbook weights: the hidden units are NAND and OR with
    logic_gate's weights, and the output is AND of them."""
    circuit = logic_circuit("xor", 2)
    for unit, gate in enumerate(["nand", "or"]):
        np.testing.assert_array_equal(
            circuit.coefs_[0][:, unit], logic_gate(gate).coef_[0]
        )
        assert circuit.intercepts_[0][unit] == logic_gate(gate).intercept_[0]
    np.testing.assert_array_equal(circuit.coefs_[1][:, 0], logic_gate("and").coef_[0])


def test_parity_counts_with_at_least_k_units():
    """Check the hidden unit k fires exactly when at least k inputs are on."""
    X, _ = make_truth_table("parity", 4, return_X_y=True)
    circuit = logic_circuit("parity", 4)
    hidden = (X @ circuit.coefs_[0] + circuit.intercepts_[0]) > 0
    ones = X.sum(axis=1)
    np.testing.assert_array_equal(hidden, ones[:, None] >= np.arange(1, 5))


@pytest.mark.parametrize("name", TWO_LAYERS)
def test_logic_gate_points_to_logic_circuit(name):
    with pytest.raises(ValueError, match=f"logic_circuit\\('{name}'"):
        logic_gate(name)


def test_circuit_is_an_estimator_that_fit_sets():
    X, y = make_truth_table("xor", 3, return_X_y=True)
    circuit = LogicCircuit("xor", n_inputs=3).fit(X, y)
    assert circuit.score(X, y) == 1.0
    with pytest.raises(ValueError, match="n_inputs=3"):
        LogicCircuit("xor", n_inputs=3).fit(X[:, :2])
    with pytest.raises(ValueError, match="'not' takes exactly one input"):
        LogicCircuit("not", n_inputs=2).fit()
    with pytest.raises(ValueError, match="X has 2 features"):
        circuit.predict(X[:, :2])


@pytest.mark.filterwarnings("error")
@pytest.mark.parametrize(
    "X, match",
    [
        ([[np.nan, 1.0]], "NaN"),
        ([[np.inf, 1.0]], "infinity"),
        ([0.0, 1.0], "Expected 2D array"),
        ([[0.0, 1.0, 1.0]], "3 features"),
    ],
    ids=["nan", "inf", "1-D", "wrong width"],
)
@pytest.mark.parametrize("method", ["predict", "predict_proba", "decision_function"])
def test_circuit_validates_what_it_predicts_on(X, match, method):
    """Regression: logic_circuit("xor").predict([[nan, 1]]) returned [0]."""
    with pytest.raises(ValueError, match=match):
        getattr(logic_circuit("xor"), method)(X)


@pytest.mark.filterwarnings("error")
@pytest.mark.parametrize(
    "X, match",
    [([[np.nan, 1.0]], "NaN"), ([0.0, 1.0], "Expected 2D array")],
    ids=["nan", "1-D"],
)
def test_circuit_validates_what_it_is_fitted_on(X, match):
    with pytest.raises(ValueError, match=match):
        LogicCircuit().fit(X)


@pytest.mark.filterwarnings("error")
def test_circuit_fitted_on_a_frame_predicts_on_it_without_a_warning():
    pd = pytest.importorskip("pandas")
    X = pd.DataFrame(
        make_truth_table("xor", return_X_y=True)[0], columns=["left", "right"]
    )
    circuit = LogicCircuit().fit(X)
    assert list(circuit.feature_names_in_) == ["left", "right"]
    assert circuit.predict(X).tolist() == [0, 1, 1, 0]
    # A new fit without X forgets the names.
    assert not hasattr(circuit.fit(), "feature_names_in_")
