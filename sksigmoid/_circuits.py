"""McCulloch-Pitts networks: threshold units wired by hand into logic circuits."""

from numbers import Integral

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils._param_validation import Interval, StrOptions, validate_params
from sklearn.utils.validation import check_is_fitted

from sksigmoid._engine._math import heaviside, sigmoid
from sksigmoid._engine._validation import assert_finite, validate
from sksigmoid._gates import GATE_WEIGHTS, NOT_SEPARABLE, gate_layer
from sksigmoid._slope import probability_slope
from sksigmoid.datasets import MAX_INPUTS, check_n_inputs, make_truth_table


def _circuit_layers(name, n_inputs):
    """The textbook weights of ``name``: lists of weights and biases per layer."""
    if name not in NOT_SEPARABLE:
        coef, intercept = gate_layer(name, n_inputs)
        return [coef], [intercept]
    if n_inputs == 2 and name in ("xor", "xnor"):
        # XOR = AND(NAND, OR); XNOR = OR(AND, NOR): two hidden gates and one more.
        hidden_gates, output_gate = (
            (("nand", "or"), "and") if name == "xor" else (("and", "nor"), "or")
        )
        hidden = [gate_layer(gate, 2) for gate in hidden_gates]
        output_coef, output_intercept = gate_layer(output_gate, 2)
        return (
            [np.hstack([coef for coef, _ in hidden]), output_coef],
            [np.concatenate([bias for _, bias in hidden]), output_intercept],
        )
    # Parity: hidden unit k fires when at least k inputs are on; the output adds
    # them with alternating signs, which is 1 for an odd count and 0 for an even
    # one (XNOR, even parity, negates the signs and the threshold).
    at_least = np.arange(1, n_inputs + 1)
    hidden_coef = np.ones((n_inputs, n_inputs))
    hidden_intercept = 0.5 - at_least.astype(float)
    signs = np.where(at_least % 2 == 1, 1.0, -1.0)
    odd = name != "xnor"
    output_coef = (signs if odd else -signs)[:, np.newaxis]
    output_intercept = np.array([-0.5 if odd else 0.5])
    return [hidden_coef, output_coef], [hidden_intercept, output_intercept]


class LogicCircuit(ClassifierMixin, BaseEstimator):
    """A McCulloch-Pitts network: threshold units with hand-set weights.

    ``fit`` sets the textbook weights of the logic function ``name``; it learns
    nothing from the data, which only need ``n_inputs`` columns. A function one
    threshold unit computes (AND, OR, NOT, NAND, NOR, majority) is one layer,
    with :func:`~sksigmoid.logic_gate`'s weights. XOR and XNOR of two inputs are
    the classic two-layer circuits: NAND and OR feeding AND, and AND and NOR
    feeding OR. Parity (``"parity"``, and ``"xor"`` of more inputs: an odd
    number of ones; ``"xnor"``: an even number) takes ``n_inputs`` hidden
    units, unit ``k`` firing when at least ``k`` inputs are on, and an output
    unit that adds them with alternating signs ``+1, -1, +1, ...``.

    Parameters
    ----------
    name : {"xor", "xnor", "parity", "and", "or", "not", "nand", "nor", \
"majority"}, default="xor"
        The logic function.
    n_inputs : int, default=2
        Number of inputs (1 for ``"not"``).

    Attributes
    ----------
    coefs_ : list of ndarray
        Weights of each layer, ``coefs_[i]`` of shape (inputs of layer ``i``,
        units of layer ``i``), as ``MLPClassifier`` lays them out.
    intercepts_ : list of ndarray
        Bias of each unit of each layer: minus its threshold, put half-way
        between attainable sums, so no margin is 0 on 0/1 inputs.
    n_layers_ : int
        Number of layers, the inputs included (2 for a gate, 3 for a circuit).
    classes_ : ndarray of shape (2,)
        ``[0, 1]``.
    probability_slope_ : float
        Slope ``a`` of ``predict_proba = sigmoid(a * decision_function)``,
        fitted on the truth table as :class:`~sksigmoid.ThresholdUnit`'s is.
    n_features_in_ : int
        ``n_inputs``.

    See Also
    --------
    logic_circuit : The fitted circuit of a logic function.
    logic_gate : A single threshold unit with a gate's weights.

    References
    ----------
    .. [1] W. S. McCulloch and W. Pitts, "A logical calculus of the ideas
       immanent in nervous activity", 1943.
    .. [2] M. Minsky and S. Papert, "Perceptrons", 1969.

    Examples
    --------
    >>> from sksigmoid import LogicCircuit
    >>> from sksigmoid.datasets import make_truth_table
    >>> X, y = make_truth_table("xor", return_X_y=True)
    >>> circuit = LogicCircuit("xor").fit(X, y)
    >>> circuit.predict(X)
    array([0, 1, 1, 0])
    >>> [coef.shape for coef in circuit.coefs_]
    [(2, 2), (2, 1)]
    """

    _parameter_constraints = {
        "name": [StrOptions(set(GATE_WEIGHTS) | NOT_SEPARABLE)],
        "n_inputs": [Interval(Integral, 1, MAX_INPUTS, closed="both")],
    }

    def __init__(self, name="xor", n_inputs=2):
        self.name = name
        self.n_inputs = n_inputs

    def fit(self, X=None, y=None):
        """Set the circuit's textbook weights; the data teach it nothing.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_inputs), default=None
            Ignored but for its number of columns, which must be ``n_inputs``.
        y : None
            Ignored.

        Returns
        -------
        self : LogicCircuit
            The circuit, ready to predict.
        """
        self._validate_params()
        check_n_inputs(self.name, self.n_inputs)
        if X is None:
            self.n_features_in_ = self.n_inputs
            if hasattr(self, "feature_names_in_"):
                del self.feature_names_in_
        else:
            # Validated as every estimator validates it, so that X's feature
            # names are recorded and a prediction on the same frame is quiet.
            X = validate(self, X)
            assert_finite(self, X)
            if X.shape[1] != self.n_inputs:
                raise ValueError(
                    f"X has {X.shape[1]} columns, but the circuit has "
                    f"n_inputs={self.n_inputs}."
                )
        self.coefs_, self.intercepts_ = _circuit_layers(self.name, self.n_inputs)
        self.n_layers_ = len(self.coefs_) + 1
        self.classes_ = np.array([0, 1])
        table, labels = make_truth_table(self.name, self.n_inputs, return_X_y=True)
        self.probability_slope_ = probability_slope(
            self._output_margins(table.astype(float)), labels.astype(float)
        )
        return self

    def _output_margins(self, X):
        """The output unit's margins, each hidden unit firing by its step."""
        activations = X
        for coef, intercept in zip(
            self.coefs_[:-1], self.intercepts_[:-1], strict=True
        ):
            activations = heaviside(activations @ coef + intercept)
        return (activations @ self.coefs_[-1] + self.intercepts_[-1]).ravel()

    def decision_function(self, X):
        """The output unit's margin: positive where the circuit outputs 1.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_inputs)
            Inputs, 0 or 1 (any numbers are taken as they are).

        Returns
        -------
        margins : ndarray of shape (n_samples,)
            The output unit's weighted sum of its inputs plus its bias.
        """
        check_is_fitted(self)
        X = validate(self, X, reset=False)
        assert_finite(self, X)
        return self._output_margins(X)

    def predict(self, X):
        """The circuit's output, 1 where the output unit fires.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_inputs)
            Inputs.

        Returns
        -------
        y_pred : ndarray of shape (n_samples,)
            0 or 1.
        """
        return (self.decision_function(X) > 0).astype(int)

    def predict_proba(self, X):
        """``[1 - p, p]`` with ``p = sigmoid(probability_slope_ * margin)``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_inputs)
            Inputs.

        Returns
        -------
        proba : ndarray of shape (n_samples, 2)
            Probability of 0 and of 1; its argmax is :meth:`predict`.
        """
        positive = sigmoid(self.probability_slope_ * self.decision_function(X))
        return np.column_stack([1 - positive, positive])

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.requires_fit = True
        return tags


@validate_params(
    LogicCircuit._parameter_constraints, prefer_skip_nested_validation=True
)
def logic_circuit(name, n_inputs=2):
    """The McCulloch-Pitts network of a logic function, with textbook weights.

    The Kite tutorial's first exercise, "Can you build an XOR model by tweaking
    the weights and thresholds?", answered: see :class:`LogicCircuit` for the
    constructions.

    Parameters
    ----------
    name : {"xor", "xnor", "parity", "and", "or", "not", "nand", "nor", \
"majority"}
        The logic function; the gates are one layer.
    n_inputs : int, default=2
        Number of inputs (1 for ``"not"``).

    Returns
    -------
    circuit : LogicCircuit
        The fitted, untrained circuit.

    Examples
    --------
    >>> from sksigmoid import logic_circuit
    >>> from sksigmoid.datasets import make_truth_table
    >>> X, y = make_truth_table("parity", n_inputs=3, return_X_y=True)
    >>> circuit = logic_circuit("parity", n_inputs=3)
    >>> bool((circuit.predict(X) == y).all())
    True
    >>> circuit.coefs_[1].ravel()
    array([ 1., -1.,  1.])
    """
    return LogicCircuit(name, n_inputs).fit()
