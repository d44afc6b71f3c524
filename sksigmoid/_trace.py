"""Worked-example traces: each sample's step of the classic update, as a table."""

from functools import partial
from numbers import Integral

import numpy as np
import pandas as pd
from sklearn.base import clone
from sklearn.utils import check_random_state
from sklearn.utils._param_validation import Interval, validate_params

from sksigmoid._engine._data import training_data
from sksigmoid._engine._layers import Layers
from sksigmoid._engine._math import (
    LOSSES,
    forward,
    heaviside,
    hidden_delta,
    sigmoid,
)
from sksigmoid._engine._shuffle import shuffle_rows
from sksigmoid._sigmoid_units import _SigmoidUnits
from sksigmoid._threshold_unit import ThresholdUnit


@validate_params(
    {
        "estimator": [ThresholdUnit, _SigmoidUnits],
        "X": ["array-like"],
        "y": ["array-like"],
        "n_epochs": [Interval(Integral, 1, None, closed="left")],
    },
    prefer_skip_nested_validation=True,
)
def trace(estimator, X, y, n_epochs=1):
    """The classic update an estimator runs, one row per sample and epoch.

    The estimator is not fitted: the trace starts from the start a ``fit``
    with its ``random_state`` draws and follows its rule, in the tutorials'
    notation (the Kite tutorial's equations 5-7, the GeeksforGeeks loop):

    - :class:`~sksigmoid.ThresholdUnit` (online, in the order its ``fit``
      visits the rows): net input ``net = x @ w + b``, output ``o = [net > 0]``,
      error ``t - o``, and the changes ``delta_w = eta * (t - o) * x``,
      ``delta_b = eta * (t - o)``, applied before the next row;
    - :class:`~sksigmoid.SigmoidNeuronClassifier` (batch): ``o = sigmoid(net)``,
      the error term ``delta = (t - o) * o * (1 - o)`` (``t - o`` for
      ``loss="log_loss"``) and each row's share of the epoch's update,
      ``delta_w = eta * delta * x / n``: the weights change by the sum of an
      epoch's rows, after it. The tutorials sum the rows' changes, which is
      ``learning_rate = n`` here;
    - :class:`~sksigmoid.SigmoidNetworkClassifier` with one hidden layer
      (batch): the same for the output layer, fed by the hidden outputs, and
      backpropagation's error terms ``o (1 - o) sum_k delta_k w_jk`` for the
      hidden units.

    With ``X`` not of 0/1 values the rule is the package's, on ``X`` divided by
    its largest magnitude ``s``: ``x`` above is the raw row and the weights'
    changes are divided by ``s ** 2`` (1 for a truth table). Sample weights are
    those of ``class_weight``. The trace runs ``n_epochs`` epochs whatever the
    stopping rules would decide.

    Parameters
    ----------
    estimator : ThresholdUnit, SigmoidNeuronClassifier or \
SigmoidNetworkClassifier
        The estimator whose ``fit`` to follow. A sigmoid unit needs a float
        ``learning_rate``, the full batch and ``alpha=0`` (the tutorials'
        rule); none may use ``early_stopping``.
    X : array-like of shape (n_samples, n_features)
        Training data.
    y : array-like of shape (n_samples,)
        Labels (binary, multiclass or a multilabel indicator matrix).
    n_epochs : int, default=1
        Number of epochs to trace.

    Returns
    -------
    trace : DataFrame of shape (n_samples * n_epochs, n_columns)
        In the order the fit visits the rows: ``epoch`` (from 1), ``sample``
        (the row of ``X``), the inputs ``x1, x2, ...``, then per unit ``net``,
        ``o``, ``t``, ``error`` and, for the sigmoid units, ``delta``, then the
        changes ``delta_w1, delta_w2, ...`` and ``delta_b``. With several output
        units each of these ends in the unit's number (``o_2``,
        ``delta_w1_2``: input 1 to unit 2); a network's columns start with
        their layer (``layer1_``, the hidden layer, and ``layer2_``). A
        ``ThresholdUnit(average=True)`` adds ``avg_w1, avg_w2, ...`` and
        ``avg_b``: the average of the weights after every sample visited so
        far, the weights it predicts with (on the raw inputs).

    Examples
    --------
    >>> import numpy as np
    >>> from sksigmoid import SigmoidNeuronClassifier, trace
    >>> X = np.array([[0, 1, 1], [1, 0, 0], [1, 0, 1]])
    >>> y = np.array([1, 0, 1])
    >>> neuron = SigmoidNeuronClassifier(
    ...     learning_rate=3.0, alpha=0, fit_intercept=False, random_state=1
    ... )
    >>> steps = trace(neuron, X, y, n_epochs=2)
    >>> steps[["epoch", "sample", "o", "t", "delta", "delta_w1"]].round(4)
       epoch  sample       o    t   delta  delta_w1
    0      1       0  0.3638  1.0  0.1473    0.0000
    1      1       1  0.4586  0.0 -0.1139   -0.1139
    2      1       2  0.2376  1.0  0.1381    0.1381
    3      2       0  0.4684  1.0  0.1324    0.0000
    4      2       1  0.4646  0.0 -0.1156   -0.1156
    5      2       2  0.2982  1.0  0.1469    0.1469
    """
    estimator = clone(estimator)
    threshold = isinstance(estimator, ThresholdUnit)
    if estimator.early_stopping:
        raise ValueError(
            "trace follows the training rows: set early_stopping=False (the "
            "held-out rows would take no step)."
        )
    data, encoder = training_data(estimator, X, y, None, reset=True)
    random_state = check_random_state(estimator.random_state)
    sizes = estimator._layer_sizes(data.n_features, encoder.n_units)
    if not threshold:
        _check_traceable(estimator, estimator._plan(data, len(sizes) - 1, False))
    if len(sizes) > 3:
        raise ValueError(
            "trace follows networks of one hidden layer; hidden_layer_sizes="
            f"{estimator.hidden_layer_sizes!r} has {len(sizes) - 2}."
        )
    layers = Layers.start(
        sizes, partial(estimator._initial_weights, random_state), data.dtype
    )
    scale = data.input_scale()
    layers = layers.scaled_start(scale, data.dtype)
    names = _ColumnNames(len(sizes) - 1, estimator.fit_intercept)
    inputs = {f"x{i + 1}": data.X[:, i] for i in range(data.n_features)}
    if threshold:
        frames = _online_epochs(estimator, data, layers, scale, random_state, names)
    else:
        frames = _batch_epochs(estimator, data, layers, scale, names)
    rows = []
    for epoch, (order, columns) in enumerate(frames, start=1):
        if epoch > n_epochs:
            break
        frame = {"epoch": epoch, "sample": order}
        frame.update({name: values[order] for name, values in inputs.items()})
        frame.update(columns)
        rows.append(pd.DataFrame(frame))
    return pd.concat(rows, ignore_index=True)


def _check_traceable(estimator, plan):
    """Raise the ValueError of sigmoid units whose planned rule no trace
    follows: the constant step of a float ``learning_rate`` on the full batch,
    without a penalty."""
    if plan.adaptive:
        raise ValueError(
            "trace follows the classic rule with a constant step: set a float "
            "learning_rate (learning_rate='auto' is L-BFGS, iRprop+ or Adam, "
            "whose steps are not a sum over the samples)."
        )
    if plan.solver != "gd":
        raise ValueError(
            "trace follows the classic rule with a constant step: set "
            f"solver='gd' or 'auto' (solver={plan.solver!r} takes steps that are "
            "not a sum over the samples)."
        )
    if estimator.alpha != 0:
        raise ValueError(
            "trace follows the tutorials' rule without a penalty: set alpha=0 "
            f"(got alpha={estimator.alpha!r})."
        )
    if not plan.full_batch:
        raise ValueError(
            "trace follows the full batch: set batch_size='auto' (got "
            f"batch_size={estimator.batch_size!r})."
        )


class _ColumnNames:
    """The trace's column names, by layer and unit (see ``trace``)."""

    def __init__(self, n_layers, fit_intercept):
        self.n_layers = n_layers
        self.fit_intercept = fit_intercept

    def _prefix(self, layer):
        return "" if self.n_layers == 1 else f"layer{layer + 1}_"

    def unit_columns(self, layer, name, values):
        """``name`` of each unit of ``layer``: ``values`` (n_rows, n_units)."""
        prefix = self._prefix(layer)
        if values.shape[1] == 1:
            return {f"{prefix}{name}": values[:, 0]}
        return {
            f"{prefix}{name}_{unit + 1}": values[:, unit]
            for unit in range(values.shape[1])
        }

    def change_columns(self, layer, weight_changes, bias_changes):
        """``delta_w{i}`` (``_{unit}``) and ``delta_b`` of each row: changes of
        shape (n_rows, n_inputs, n_units) and (n_rows, n_units)."""
        prefix = self._prefix(layer)
        n_inputs, n_units = weight_changes.shape[1:]
        # + 0.0 turns the -0.0 of a zero input times a negative error into 0.0.
        weight_changes, bias_changes = weight_changes + 0.0, bias_changes + 0.0
        unit = (lambda k: "") if n_units == 1 else (lambda k: f"_{k + 1}")
        columns = {
            f"{prefix}delta_w{i + 1}{unit(k)}": weight_changes[:, i, k]
            for k in range(n_units)
            for i in range(n_inputs)
        }
        if self.fit_intercept:
            columns.update(
                {
                    f"{prefix}delta_b{unit(k)}": bias_changes[:, k]
                    for k in range(n_units)
                }
            )
        return columns

    def average_columns(self, averages):
        """``avg_w{i}`` (``_{unit}``) and ``avg_b`` of each row: the averaged
        weights, shape (n_rows, n_inputs + 1, n_units), the biases last."""
        n_units = averages.shape[2]
        unit = (lambda k: "") if n_units == 1 else (lambda k: f"_{k + 1}")
        columns = {
            f"avg_w{i + 1}{unit(k)}": averages[:, i, k]
            for k in range(n_units)
            for i in range(averages.shape[1] - 1)
        }
        if self.fit_intercept:
            columns.update(
                {f"avg_b{unit(k)}": averages[:, -1, k] for k in range(n_units)}
            )
        return columns


def _online_epochs(unit, data, layers, scale, random_state, names):
    """The perceptron's epochs, as ``fit`` runs them: ``(order, columns)``."""
    coef, intercept = layers.coefs[0], layers.intercepts[0]
    sample_rates = unit.learning_rate * data.sample_weight
    order = np.arange(data.n_samples)
    # The draw ThresholdUnit's fit makes for the orders of its epochs.
    seed = int(random_state.randint(np.iinfo(np.int64).max))
    epoch = 0
    visits = 0
    weight_sum = np.zeros((data.n_features + 1, coef.shape[1]))
    while True:
        shuffle_rows(order, seed, epoch)
        epoch += 1
        n_units = coef.shape[1]
        net = np.empty((data.n_samples, n_units))
        outputs = np.empty_like(net)
        weight_changes = np.zeros((data.n_samples, data.n_features, n_units))
        bias_changes = np.zeros_like(net)
        averages = np.zeros((data.n_samples, data.n_features + 1, n_units))
        for position, row in enumerate(order):
            net[position] = data.X[row] @ coef + (
                intercept if unit.fit_intercept else 0
            )
            outputs[position] = heaviside(net[position])
            if sample_rates[row] == 0:
                continue
            errors = data.targets[row] - outputs[position]
            weight_changes[position] = (sample_rates[row] / scale) * np.outer(
                data.X[row] / scale, errors
            )
            bias_changes[position] = sample_rates[row] * errors
            coef += weight_changes[position]
            if unit.fit_intercept:
                intercept += bias_changes[position]
            # The running average over the visited samples: the definition
            # that the fit's lazy sums compute.
            visits += 1
            weight_sum[:-1] += coef
            weight_sum[-1] += intercept
            averages[position] = weight_sum / visits
        targets = data.targets[order].astype(float)
        columns = {}
        for name, values in [("net", net), ("o", outputs), ("t", targets)]:
            columns.update(names.unit_columns(0, name, values))
        columns.update(names.unit_columns(0, "error", targets - outputs))
        columns.update(names.change_columns(0, weight_changes, bias_changes))
        if unit.average:
            columns.update(names.average_columns(averages))
        yield order.copy(), columns


def _batch_epochs(units, data, layers, scale, names):
    """The delta rule's full-batch epochs: ``(order, columns)``, each row's
    share of the epoch's change, applied after the epoch."""
    loss = LOSSES[units.loss]
    shares = data.sample_share[:, np.newaxis]
    order = np.arange(data.n_samples)
    targets = data.targets.astype(float)
    while True:
        layer_inputs, margins = forward(data.X, layers.coefs, layers.intercepts)
        outputs = sigmoid(margins)
        deltas = [loss.delta(targets, outputs)]
        for layer in range(len(layers.coefs) - 1, 0, -1):
            deltas.insert(
                0, hidden_delta(layer_inputs[layer], deltas[0], layers.coefs[layer])
            )
        layer_outputs = [*layer_inputs[1:], outputs]
        columns = {}
        changes = []
        for layer, (inputs, delta) in enumerate(zip(layer_inputs, deltas, strict=True)):
            # The first layer trains on X / scale (its change divided by
            # scale ** 2); the tutorials' X of 0/1 values has scale 1.
            unit_scale = scale**2 if layer == 0 else 1.0
            weighted = units.learning_rate * shares * delta
            weight_changes = inputs[:, :, np.newaxis] * weighted[:, np.newaxis, :]
            changes.append(
                (weight_changes.sum(axis=0) / unit_scale, weighted.sum(axis=0))
            )
            net = inputs @ layers.coefs[layer] + layers.intercepts[layer]
            output = layer_outputs[layer]
            columns.update(names.unit_columns(layer, "net", net))
            columns.update(names.unit_columns(layer, "o", output))
            if layer == len(layers.coefs) - 1:
                columns.update(names.unit_columns(layer, "t", targets))
                columns.update(names.unit_columns(layer, "error", targets - output))
            columns.update(names.unit_columns(layer, "delta", delta))
            columns.update(
                names.change_columns(layer, weight_changes / unit_scale, weighted)
            )
        yield order, columns
        for layer, (weight_change, bias_change) in enumerate(changes):
            layers.coefs[layer] += weight_change
            if units.fit_intercept:
                layers.intercepts[layer] += bias_change
