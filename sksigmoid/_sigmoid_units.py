"""_SigmoidUnits: units trained by descent on the delta rule.

The training that the sigmoid neuron, the networks and the linear unit share:
descent along the backpropagated delta rule of ``_engine._math`` (a sigmoid
output's, or a linear one's), full-batch or in mini-batches, by the step rule
``_engine._solvers`` plans, with the penalty of ``alpha`` and the adaptive step.
"""

from dataclasses import replace
from numbers import Integral, Real

import numpy as np
from sklearn.utils._param_validation import Interval, StrOptions

from sksigmoid._base import _BaseUnit
from sksigmoid._engine._layers import trained_arrays
from sksigmoid._engine._math import LOSSES
from sksigmoid._engine._optimizers import (
    AdamDescent,
    FullBatchDescent,
    MiniBatchDescent,
    QuasiNewtonDescent,
    ResilientDescent,
)
from sksigmoid._engine._solvers import FULL_BATCH_MAX_ROWS, SOLVERS, plan_training
from sksigmoid._engine._stats import InputStatistics, stable_step


class _SigmoidUnits(_BaseUnit):
    """Layers of sigmoid units trained by descent on the delta rule, by the
    step rule of ``solver`` (see ``_engine._solvers``)."""

    _parameter_constraints = {
        **_BaseUnit._parameter_constraints,
        "loss": [StrOptions(set(LOSSES))],
        "solver": [StrOptions({"auto", *SOLVERS})],
        "learning_rate": [
            Interval(Real, 0, None, closed="neither"),
            StrOptions({"auto"}),
        ],
        "tol": [*_BaseUnit._parameter_constraints["tol"], StrOptions({"auto"})],
        "alpha": [Interval(Real, 0, None, closed="left")],
        "batch_size": [
            Interval(Integral, 1, None, closed="left"),
            StrOptions({"auto"}),
        ],
    }

    # tol=None runs exactly n_iter epochs, as documented, also past the
    # minimum where L-BFGS stops updating. A step too long for the loss's
    # curvature multiplies the loss many times within a few epochs (3e19
    # weights after 6 epochs for learning_rate=0.1, alpha=1e5); a stable one,
    # or mini-batch noise, is far from 1e4 times.
    _stopping_settings = {"stop_without_update": False, "max_loss_growth": 1e4}

    #: The rows up to which ``solver="auto"`` trains a network on the full
    #: batch (see ``_engine._solvers``).
    _full_batch_max_rows = FULL_BATCH_MAX_ROWS

    def __setstate__(self, state):
        # Models saved by 0.1.0 predate solver; "auto" is what they ran.
        state.setdefault("solver", "auto")
        super().__setstate__(state)

    def _plan(self, data, n_layers, incremental):
        return plan_training(
            solver=self.solver,
            learning_rate=self.learning_rate,
            batch_size=self.batch_size,
            tol=self.tol,
            loss=self._loss_name(),
            alpha=self.alpha,
            weighted_rows=data.weighted_rows,
            full_batch_max_rows=self._full_batch_max_rows,
            n_layers=n_layers,
            n_samples=data.n_samples,
            in_memory=data.in_memory,
            incremental=incremental,
        )

    def _loss_name(self):
        """The name of the output units' loss: ``loss``'s."""
        return self.loss

    def _output_loss(self):
        """The output units' :class:`~sksigmoid._engine._math.Loss`."""
        return LOSSES[self._loss_name()]

    def _held_out_loss_name(self):
        return self._loss_name()

    def _unused_inputs(self, data):
        """The columns of X that are zero on every row of positive weight.

        Their weights change no output on the training rows: the penalty's
        minimum sets them to zero, and a random start there would only add
        noise to predictions on rows where those columns are not zero. On
        hashed text most columns are such (a random start over 2**18 columns
        left the penalty of unused weights to dominate the loss).
        """
        return data.column_nonzero_shares() == 0

    def _input_statistics(self, data, layers, plan, stored=None):
        """The scale, the mean square of a value of ``X / scale`` (how large the
        first layer's inputs typically are, against 1 for the bias input and a
        hidden input), the biases' gain and, where the plan's rule takes its
        step from the data, the stable step."""
        if stored is None:
            scale = data.input_scale()
            # An X of zeros (on the rows of positive weight) has no typical
            # input size; its units are the bias input's, 1: an intercept-only
            # model.
            mean_square = data.mean_square(scale) or 1.0
            # Inputs far smaller than the bias input would leave an adaptive
            # rule's weights learning many times slower than the biases; the
            # first layer's biases move as if their input had the inputs'
            # typical size.
            adaptive_gain = plan.adaptive and self.fit_intercept
            intercept_gain = mean_square if adaptive_gain else 1.0
            statistics = InputStatistics(
                scale,
                mean_square,
                intercept_gain,
                nonzero_share=float(data.column_nonzero_shares().mean()) or 1.0,
            )
        else:
            statistics = InputStatistics.from_stored(stored)
        if plan.learning_rate is None and statistics.learning_rate is None:
            step = stable_step(
                data.sample_moments(statistics.scale),
                intercept_gain=statistics.intercept_gain,
                fit_intercept=self.fit_intercept,
                hidden_layer_inputs=[coef.shape[0] for coef in layers.coefs[1:]],
                curvature_bound=self._output_loss().curvature_bound,
            )
            statistics = replace(statistics, learning_rate=step)
        return statistics

    def _check_cluster_fit(self):
        """A fit on dask collections is full-batch descent, each epoch's sums
        computed block by block on the cluster (see ``_engine._dask``)."""
        if self.early_stopping:
            raise ValueError(
                "early_stopping is not supported for a fit on dask collections: "
                "hold out a validation set yourself and compare scores, or fit "
                "in memory."
            )
        if self.batch_size != "auto":
            raise ValueError(
                "A fit on dask collections is full-batch and needs "
                f"batch_size='auto'; got batch_size={self.batch_size!r}. For "
                "mini-batches, stream the blocks through partial_fit (for "
                "example with dask_ml.wrappers.Incremental)."
            )

    def _after_training(self, data, plan):
        self.solver_ = plan.solver

    def _first_layer_penalty(self, alpha, statistics, n_layers):
        """The penalty's factor for the first layer's weights of ``X / scale``.

        ``alpha`` for the weights of X divided by a root mean square value (the
        raw weights for standardized X), so that a model does not depend on the
        units of X. A single layer of units, a linear model, takes the root
        mean square of X's non-zero values: over all values, the typical value
        of a TF-IDF matrix is a few thousandths of a word's, and the penalty a
        few thousand times too weak (72% against ``LogisticRegression``'s 79%
        on Debian's package descriptions; 80.5% measured so). A network's
        hidden layer keeps the mean over all values: on 0/1 truth tables, the
        stronger penalty of non-zero values stops iRprop+ short of 8-input
        parity in the demo.
        """
        penalty = alpha * statistics.mean_square
        if n_layers == 1:
            penalty /= statistics.nonzero_share
        return penalty

    def _penalized(self, alpha, statistics, intercepts, n_layers):
        """``loss_and_direction(weights, gradient)``: a gradient pass's loss and
        directions, with the penalty of ``alpha`` and the biases' gain.

        ``gradient(layer_coefs, layer_intercepts) -> (loss, coef_directions,
        intercept_directions)`` is the pass over the rows of an update: all of
        them, a mini-batch, or the blocks of a dask array.
        """
        # The first layer trains raw weights along directions of X / scale
        # (divided by scale ** 2): its weights for X / scale are coef * scale.
        weight_factors = [statistics.scale] + [1.0] * (n_layers - 1)
        penalty_factors = [self._first_layer_penalty(alpha, statistics, n_layers)]
        penalty_factors += [alpha] * (n_layers - 1)

        def loss_and_direction(weights, gradient):
            layer_coefs = weights[:n_layers]
            layer_intercepts = weights[n_layers:] if self.fit_intercept else intercepts
            loss, coef_directions, intercept_directions = gradient(
                layer_coefs, layer_intercepts
            )
            if alpha:
                for coef, direction, penalty, factor in zip(
                    layer_coefs,
                    coef_directions,
                    penalty_factors,
                    weight_factors,
                    strict=True,
                ):
                    scaled = coef * factor
                    loss += 0.5 * penalty * float(np.vdot(scaled, scaled))
                    direction -= penalty * coef
            intercept_directions[0] *= statistics.intercept_gain
            return loss, trained_arrays(
                coef_directions, intercept_directions, self.fit_intercept
            )

        return loss_and_direction

    def _make_epoch(self, data, layers, statistics, plan, random_state):
        """The epoch of the plan's rule (see ``_engine._optimizers``)."""
        n_layers = len(layers.coefs)
        loss = self._output_loss()
        if plan.flat_spot_offset:
            loss = loss.with_flat_spot_offset(plan.flat_spot_offset)
        penalized = self._penalized(plan.alpha, statistics, layers.intercepts, n_layers)
        weights = layers.trained(self.fit_intercept)
        learning_rate = plan.learning_rate
        if learning_rate is None:
            learning_rate = statistics.learning_rate
        if plan.full_batch:
            gradient = data.gradient(loss, statistics.scale, n_layers)

            def loss_and_direction(weights):
                return penalized(weights, gradient)

            if plan.solver == "gd":
                return FullBatchDescent(
                    weights, loss_and_direction, learning_rate=learning_rate
                )
            if plan.solver == "rprop":
                return ResilientDescent(
                    weights,
                    loss_and_direction,
                    learning_rate=learning_rate,
                    factors=self._adaptive_factors(statistics, n_layers),
                )
            return self._quasi_newton(
                weights, loss_and_direction, data, statistics, learning_rate,
                n_layers, plan.alpha,
            )  # fmt: skip

        def batch_loss_and_direction(weights, rows):
            batch = data.rows(rows)
            return penalized(weights, batch.gradient(loss, statistics.scale, n_layers))

        batches = dict(
            sample_weight=data.sample_weight,
            batch_size=plan.batch_size,
            learning_rate=learning_rate,
            random_state=random_state,
        )
        if plan.solver == "adam":
            return AdamDescent(
                weights,
                batch_loss_and_direction,
                factors=self._adaptive_factors(statistics, n_layers),
                **batches,
            )
        return MiniBatchDescent(weights, batch_loss_and_direction, **batches)

    def _adaptive_factors(self, statistics, n_layers):
        """The factors of iRprop+'s and Adam's steps, array by array: the first
        layer's weights for X divided by its root mean square value (the raw
        weights of standardized X), then the raw weights and biases, so that
        a model does not depend on the units of X."""
        first_layer = float(np.sqrt(statistics.mean_square)) * statistics.scale
        return trained_arrays(
            [first_layer] + [1.0] * (n_layers - 1),
            [1.0] * n_layers,
            self.fit_intercept,
        )

    def _quasi_newton(
        self, weights, loss_and_direction, data, statistics, learning_rate,
        n_layers, alpha,
    ):  # fmt: skip
        """L-BFGS, each first-layer weight measured for its column of X divided
        by the column's root mean square (times the typical size of a value),
        and the first layer's biases' directions multiplied by
        ``intercept_gain``."""
        column_factors = _column_factors(
            data,
            statistics,
            self._first_layer_penalty(alpha, statistics, n_layers)
            / self._output_loss().curvature_bound,
        )
        direction_factors = (statistics.scale / column_factors) ** 2

        def evened_loss_and_direction(weights):
            loss, directions = loss_and_direction(weights)
            directions[0] *= direction_factors
            return loss, directions

        factors = trained_arrays(
            [column_factors] + [1.0] * (n_layers - 1),
            [statistics.intercept_gain**-0.5] + [1.0] * (n_layers - 1),
            self.fit_intercept,
        )
        return QuasiNewtonDescent(
            weights,
            evened_loss_and_direction,
            learning_rate=learning_rate,
            factors=factors,
        )


def _column_factors(data, statistics, penalty=0.0):
    """L-BFGS's factor of each first-layer weight, shape (n_features, 1).

    A weight of column ``j`` is measured times ``scale * sqrt((m_j + p) / m)``,
    with ``m_j`` the mean square of column ``j`` of ``X / scale`` (on the sample
    of rows the stable step reads), ``m`` their mean and ``p`` the penalty's
    curvature in the same units (``penalty``): the weights of columns rescaled
    to one typical size. The loss is unchanged; its curvature along the
    weights is evened out: with columns of sizes 10, 1 and 0.1, L-BFGS took
    150-440 epochs to converge where the rescaled columns took 13. ``p`` keeps
    a column of tiny values (a hashed word seen once) from a factor near zero,
    along which the penalty alone would be thousands of times steeper than the
    step allows. Columns of one size, such as a truth table's, keep about the
    factor ``scale``; a column of zeros in the sample keeps it exactly.
    """
    # In float64: float32 X's moments are float32, and scale times a ratio
    # above 1 can pass float32's largest value (3.4e38).
    column_squares = data.sample_moments(statistics.scale).column_squares
    column_squares = column_squares.astype(np.float64)
    mean = column_squares.mean()
    ratios = np.where(
        column_squares > 0, (column_squares + penalty) / (mean or 1.0), 1.0
    )
    # Any positive factor leaves the loss as it is: for X of magnitude near
    # float64's largest, the ratio is capped below overflow (with room for the
    # product's rounding).
    largest_ratio = (
        0.5 * np.finfo(np.float64).max / statistics.scale
        if statistics.scale > 1
        else np.inf
    )
    return (statistics.scale * np.minimum(np.sqrt(ratios), largest_ratio))[
        :, np.newaxis
    ]
