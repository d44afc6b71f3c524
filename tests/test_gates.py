"""The fixed-weight logic gates and the truth tables they are checked against."""

import itertools

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_array_equal

from sksigmoid import logic_gate
from sksigmoid.datasets import make_truth_table

# Each gate written as plain Python over one row of inputs.
BY_DEFINITION = {
    "and": all,
    "or": any,
    "nand": lambda row: not all(row),
    "nor": lambda row: not any(row),
    "majority": lambda row: sum(row) > len(row) / 2,
    "xor": lambda row: sum(row) % 2 == 1,
    "parity": lambda row: sum(row) % 2 == 1,
    "xnor": lambda row: sum(row) % 2 == 0,
    "not": lambda row: not row[0],
}


@pytest.mark.parametrize("name", sorted(BY_DEFINITION))
def test_truth_table_matches_the_definition(name):
    for n_inputs in [1] if name == "not" else [2, 3, 4]:
        X, y = make_truth_table(name, n_inputs=n_inputs, return_X_y=True)
        rows = list(itertools.product([0, 1], repeat=n_inputs))
        assert_array_equal(X, rows)
        assert_array_equal(y, [int(BY_DEFINITION[name](row)) for row in rows])


def test_truth_table_bunch_and_frame():
    bunch = make_truth_table("majority", n_inputs=3)
    assert bunch.feature_names == ["x1", "x2", "x3"]
    assert bunch.frame is None and "MAJORITY" in bunch.DESCR
    assert_array_equal(bunch.target_names, ["0", "1"])
    framed = make_truth_table("majority", n_inputs=3, as_frame=True)
    assert isinstance(framed.data, pd.DataFrame) and isinstance(
        framed.target, pd.Series
    )
    assert list(framed.frame.columns) == ["x1", "x2", "x3", "majority"]
    assert_array_equal(
        framed.frame.to_numpy(), np.column_stack([bunch.data, bunch.target])
    )
    X, y = make_truth_table("or", n_inputs=2, return_X_y=True, as_frame=True)
    assert isinstance(X, pd.DataFrame) and isinstance(y, pd.Series)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"name": "implies"}, "'name' parameter"),
        ({"name": "and", "n_inputs": 0}, "'n_inputs' parameter"),
        ({"name": "and", "n_inputs": 21}, "'n_inputs' parameter"),
        ({"name": "not", "n_inputs": 2}, "'not' takes exactly one input"),
        ({"name": "and", "n_inputs": 1}, "takes at least two inputs"),
    ],
)
def test_truth_table_rejects_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        make_truth_table(**kwargs)


@pytest.mark.parametrize("name", ["and", "or", "not", "nand", "nor", "majority"])
def test_logic_gate_reproduces_its_truth_table(name):
    for n_inputs in [1] if name == "not" else [2, 3, 4, 5]:
        X, y = make_truth_table(name, n_inputs=n_inputs, return_X_y=True)
        gate = logic_gate(name, n_inputs=n_inputs)
        assert_array_equal(gate.predict(X), y)
        # The threshold sits half-way between attainable sums: no margin is 0.
        assert np.all(np.abs(gate.decision_function(X)) >= 0.5)
        assert_array_equal(gate.predict_proba(X).argmax(axis=1), y)
        assert gate.n_iter_ == 0


def test_logic_gate_textbook_weights():
    """Check the McCulloch-Pitts weights and thresholds of the Kite tutorial."""
    and_gate, or_gate, not_gate = (
        logic_gate("and"),
        logic_gate("or"),
        logic_gate("not", 1),
    )
    assert_array_equal(and_gate.coef_, [[1, 1]]) and and_gate.intercept_[0] == -1.5
    assert_array_equal(or_gate.coef_, [[1, 1]]) and or_gate.intercept_[0] == -0.5
    assert_array_equal(not_gate.coef_, [[-1]]) and not_gate.intercept_[0] == 0.5


@pytest.mark.parametrize("name", ["xor", "xnor", "parity"])
def test_logic_gate_refuses_what_one_unit_cannot_compute(name):
    with pytest.raises(ValueError, match="single threshold unit cannot compute"):
        logic_gate(name)


def test_logic_gate_checks_feature_count():
    with pytest.raises(ValueError, match="3 features"):
        logic_gate("and", n_inputs=2).predict([[0, 1, 1]])
