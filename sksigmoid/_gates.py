"""Logic gates as threshold units with the textbook fixed weights."""

from numbers import Integral

import numpy as np
from sklearn.utils._param_validation import Interval, StrOptions, validate_params

from sksigmoid._slope import probability_slope
from sksigmoid._threshold_unit import ThresholdUnit
from sksigmoid.datasets import MAX_INPUTS, check_n_inputs, make_truth_table

#: name -> (weight of every input, McCulloch-Pitts threshold for n inputs): the
#: gate fires when the weighted sum of its inputs reaches the threshold.
GATE_WEIGHTS = {
    "and": (1, lambda n: n),
    "or": (1, lambda n: 1),
    "not": (-1, lambda n: 0),
    "nand": (-1, lambda n: 1 - n),
    "nor": (-1, lambda n: 0),
    "majority": (1, lambda n: n // 2 + 1),
}

NOT_SEPARABLE = {"xor", "xnor", "parity"}


def gate_layer(name, n_inputs):
    """The weights ``(n_inputs, 1)`` and bias ``(1,)`` of gate ``name``'s unit:
    its threshold half-way between attainable sums, ``-(threshold - 0.5)``."""
    weight, threshold = GATE_WEIGHTS[name]
    return np.full((n_inputs, 1), float(weight)), np.array([0.5 - threshold(n_inputs)])


@validate_params(
    {
        "name": [StrOptions(set(GATE_WEIGHTS) | NOT_SEPARABLE)],
        "n_inputs": [Interval(Integral, 1, MAX_INPUTS, closed="both")],
    },
    prefer_skip_nested_validation=True,
)
def logic_gate(name, n_inputs=2):
    """A ready-to-use :class:`ThresholdUnit` computing a logic gate, untrained.

    The McCulloch-Pitts construction: every input has weight +1 (AND, OR,
    majority) or -1 (NOT, NAND, NOR), and the unit fires when the weighted sum
    reaches an integer threshold. The unit's ``intercept_`` puts the threshold
    half-way between attainable sums, ``-(threshold - 0.5)``, so that its
    ``decision_function`` is never 0 on 0/1 inputs.

    Parameters
    ----------
    name : {"and", "or", "not", "nand", "nor", "majority"}
        The gate. ``"not"`` takes one input. ``"xor"``, ``"xnor"`` and
        ``"parity"`` raise a ValueError: no single threshold unit computes
        them (:func:`~sksigmoid.logic_circuit` builds their networks).
    n_inputs : int, default=2
        Number of inputs.

    Returns
    -------
    gate : ThresholdUnit
        A fitted unit with ``coef_``, ``intercept_`` and ``classes_ = [0, 1]``;
        ``probability_slope_`` is fitted on the gate's truth table.

    Examples
    --------
    >>> from sksigmoid import logic_gate
    >>> gate = logic_gate("and", n_inputs=2)
    >>> gate.coef_, gate.intercept_
    (array([[1., 1.]]), array([-1.5]))
    >>> gate.predict([[0, 0], [0, 1], [1, 0], [1, 1]])
    array([0, 0, 0, 1])
    """
    if name in NOT_SEPARABLE:
        raise ValueError(
            f"A single threshold unit cannot compute {name!r}: its true and false "
            "rows are not linearly separable (Minsky and Papert, 1969). It takes "
            "a network of units, such as NAND and OR feeding an AND: "
            f"sksigmoid.logic_circuit({name!r}, n_inputs) builds it."
        )
    check_n_inputs(name, n_inputs)
    coef, intercept = gate_layer(name, n_inputs)
    gate = ThresholdUnit()
    gate.classes_ = np.array([0, 1])
    gate.coef_ = np.ascontiguousarray(coef.T)
    gate.intercept_ = intercept
    gate.n_features_in_ = n_inputs
    gate.n_iter_ = 0
    gate.loss_curve_ = []
    gate.mistakes_ = []
    gate._target_type = "binary"
    X, y = make_truth_table(name, n_inputs, return_X_y=True)
    gate.probability_slope_ = probability_slope(
        gate.decision_function(X), y.astype(float)
    )
    return gate
