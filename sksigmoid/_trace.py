"""Worked-example traces: each sample's step of the classic update, as a table."""

from functools import partial
from numbers import Integral

import numpy as np
import pandas as pd
from sklearn.base import clone
from sklearn.utils import check_array, check_random_state
from sklearn.utils._param_validation import Interval, validate_params

from sksigmoid._engine._data import training_data
from sksigmoid._engine._layers import Layers
from sksigmoid._engine._math import forward, heaviside, hidden_delta
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
      hidden units;
    - :class:`~sksigmoid.AdalineClassifier` and
      :class:`~sksigmoid.LinearUnitRegressor` (or
      ``SigmoidNetworkRegressor(hidden_layer_sizes=())``), Widrow and Hoff's
      linear unit: ``o = net``, the error ``t - o`` is the error term, and
      with ``batch_size=1`` the LMS rule ``delta_w = eta * (t - o) * x``,
      ``delta_b = eta * (t - o)``, applied before the next row, in the order
      the fit's epoch draws; on the full batch, each row's share as above.
      ADALINE's ``t`` is its class coded -1/+1. A regressor's rows are in
      the targets' units (``t`` is ``y``): its fit runs the rule on
      standardized targets, from a start drawn there, and the rule, linear
      in the targets, takes the same steps mapped to their units, so the
      changes add up to those of ``coef_`` and ``intercept_``.

    A sigmoid unit with ``batch_size=1`` runs the same online rule with its
    error term ``delta``. With ``X`` not of 0/1 values the rule is the
    package's, on ``X`` divided by its largest magnitude ``s``: ``x`` above is
    the raw row and the weights' changes are divided by ``s ** 2`` (1 for a
    truth table). Sample weights are those of ``class_weight``: they weigh
    each row's share of a full batch; row by row, as in the fit's batches of
    one row, a row of weight 0 takes no step and any other a whole one. The
    trace runs ``n_epochs`` epochs whatever the stopping rules would decide.

    Parameters
    ----------
    estimator : ThresholdUnit, SigmoidNeuronClassifier, \
SigmoidNetworkClassifier, AdalineClassifier, LinearUnitRegressor or \
SigmoidNetworkRegressor
        The estimator whose ``fit`` to follow. A sigmoid or linear unit needs
        a float ``learning_rate``, ``solver="gd"`` (or ``"auto"``),
        ``alpha=0`` (the tutorials' rule) and the full batch or, for a single
        layer, ``batch_size=1``; a network the full batch, a regression
        network no hidden layer; none may use ``early_stopping``.
    X : array-like of shape (n_samples, n_features)
        Training data.
    y : array-like of shape (n_samples,) or (n_samples, n_outputs)
        Labels (binary, multiclass or a multilabel indicator matrix), or a
        regressor's target values.
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

    Widrow and Hoff's LMS rule, row by row, on ADALINE's targets coded -1/+1:

    >>> from sksigmoid import AdalineClassifier
    >>> from sksigmoid.datasets import make_truth_table
    >>> X, y = make_truth_table("and", n_inputs=2, return_X_y=True)
    >>> adaline = AdalineClassifier(
    ...     solver="gd", batch_size=1, learning_rate=0.2, alpha=0, random_state=0
    ... )
    >>> steps = trace(adaline, X, y)
    >>> steps[["sample", "o", "t", "error", "delta_w1", "delta_b"]].round(4)
       sample       o    t   error  delta_w1  delta_b
    0       0  0.0000 -1.0 -1.0000    0.0000  -0.2000
    1       2 -0.1024 -1.0 -0.8976   -0.1795  -0.1795
    2       1  0.0509 -1.0 -1.0509    0.0000  -0.2102
    3       3 -0.4514  1.0  1.4514    0.2903   0.2903
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
    n_layers = len(sizes) - 1
    plan = None
    if not threshold:
        plan = estimator._plan(data, n_layers, False)
        _check_traceable(estimator, plan, n_layers)
    if n_layers > 2:
        raise ValueError(
            "trace follows networks of one hidden layer; hidden_layer_sizes="
            f"{estimator.hidden_layer_sizes!r} has {n_layers - 1}."
        )
    if estimator._learns_quantities and n_layers > 1:
        raise ValueError(
            "trace follows a regressor's linear units in the targets' units, "
            "where a hidden layer's error terms would read differently: set "
            f"hidden_layer_sizes=() (got {estimator.hidden_layer_sizes!r})."
        )
    layers = Layers.start(
        sizes, partial(estimator._initial_weights, random_state), data.dtype
    )
    scale = data.input_scale()
    layers = layers.scaled_start(scale, data.dtype)
    targets = data.targets
    if estimator._learns_quantities:
        # The LMS rule is linear in the targets: on the raw ones, from the
        # start mapped to their units, it takes the fit's steps mapped alike.
        layers = encoder.in_target_units(layers)
        # y as given (training_data validated it), not its standardized copy
        # mapped back: t is y to the last digit.
        targets = check_array(y, ensure_2d=False, dtype=np.float64)
        targets = targets.reshape(data.n_samples, -1)
    names = _ColumnNames(n_layers, estimator.fit_intercept)
    inputs = {f"x{i + 1}": data.X[:, i] for i in range(data.n_features)}
    if threshold:
        frames = _online_epochs(estimator, data, layers, scale, random_state, names)
    elif plan.full_batch:
        frames = _batch_epochs(estimator, data, targets, layers, scale, names)
    else:
        frames = _online_delta_epochs(
            estimator, data, targets, layers, scale, random_state, names
        )
    rows = []
    for epoch, (order, columns) in enumerate(frames, start=1):
        if epoch > n_epochs:
            break
        frame = {"epoch": epoch, "sample": order}
        frame.update({name: values[order] for name, values in inputs.items()})
        frame.update(columns)
        rows.append(pd.DataFrame(frame))
    return pd.concat(rows, ignore_index=True)


def _check_traceable(estimator, plan, n_layers):
    """Raise the ValueError of sigmoid or linear units whose planned rule no
    trace follows: the constant step of a float ``learning_rate``, without a
    penalty, on the full batch or (a single layer) row by row."""
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
    online = plan.batch_size == 1 and n_layers == 1
    if not (plan.full_batch or online):
        if n_layers == 1:
            raise ValueError(
                "trace follows the full batch or the online rule: set "
                f"batch_size='auto' or 1 (got batch_size={estimator.batch_size!r})."
            )
        raise ValueError(
            "trace follows a network's full batch: set batch_size='auto' (got "
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


def _output_columns(names, layer, loss, net, outputs, targets, delta):
    """The output units' ``net``, ``o``, ``t`` (as the units learn it: -1/+1
    for ADALINE), ``error`` and, for sigmoid units, ``delta``: a linear
    unit's error term is its error."""
    targets = loss.coded_targets(targets)
    columns = {}
    for name, values in [
        ("net", net),
        ("o", outputs),
        ("t", targets),
        ("error", targets - outputs),
    ]:
        columns.update(names.unit_columns(layer, name, values))
    if loss.output != "identity":
        columns.update(names.unit_columns(layer, "delta", delta))
    return columns


def _online_delta_epochs(units, data, targets, layers, scale, random_state, names):
    """The delta rule row by row (``batch_size=1``: Widrow and Hoff's LMS rule
    for linear units), as the fit's mini-batches of one row run it:
    ``(order, columns)``, each change applied before the next row."""
    loss = units._output_loss()
    coef, intercept = layers.coefs[0], layers.intercepts[0]
    targets = targets.astype(float)
    n_units = coef.shape[1]
    while True:
        # The fit's order: a permutation drawn each epoch after the start.
        order = random_state.permutation(data.n_samples)
        net = np.empty((data.n_samples, n_units))
        outputs, deltas = np.empty_like(net), np.zeros_like(net)
        weight_changes = np.zeros((data.n_samples, data.n_features, n_units))
        bias_changes = np.zeros_like(net)
        for position, row in enumerate(order):
            net[position] = data.X[row] @ coef + intercept
            outputs[position] = loss.outputs(net[position])
            deltas[position] = loss.delta(targets[row], outputs[position])
            # A batch of one row weighs 1 whatever its weight; of weight 0,
            # the fit skips it.
            if data.sample_weight[row] == 0:
                continue
            # The first layer trains on X / scale: its change is divided by
            # scale ** 2 (1 for a truth table), as the fit's pass divides it.
            weight_changes[position] = units.learning_rate * (
                np.outer(data.X[row], deltas[position] / scale) / scale
            )
            bias_changes[position] = units.learning_rate * deltas[position]
            coef += weight_changes[position]
            if units.fit_intercept:
                intercept += bias_changes[position]
        columns = _output_columns(names, 0, loss, net, outputs, targets[order], deltas)
        columns.update(names.change_columns(0, weight_changes, bias_changes))
        yield order, columns


def _batch_epochs(units, data, targets, layers, scale, names):
    """The delta rule's full-batch epochs: ``(order, columns)``, each row's
    share of the epoch's change, applied after the epoch."""
    loss = units._output_loss()
    shares = data.sample_share[:, np.newaxis]
    order = np.arange(data.n_samples)
    targets = targets.astype(float)
    last = len(layers.coefs) - 1
    while True:
        layer_inputs, margins = forward(data.X, layers.coefs, layers.intercepts)
        outputs = loss.outputs(margins)
        deltas = [loss.delta(targets, outputs)]
        for layer in range(last, 0, -1):
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
            if layer == last:
                columns.update(
                    _output_columns(names, layer, loss, net, output, targets, delta)
                )
            else:
                columns.update(names.unit_columns(layer, "net", net))
                columns.update(names.unit_columns(layer, "o", output))
                columns.update(names.unit_columns(layer, "delta", delta))
            columns.update(
                names.change_columns(layer, weight_changes / unit_scale, weighted)
            )
        yield order, columns
        for layer, (weight_change, bias_change) in enumerate(changes):
            layers.coefs[layer] += weight_change
            if units.fit_intercept:
                layers.intercepts[layer] += bias_change
