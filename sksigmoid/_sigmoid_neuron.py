"""SigmoidNeuronClassifier: sigmoid units trained by the delta rule.

The training of sigmoid units, shared with the network, is :class:`_SigmoidUnits`:
descent along the backpropagated delta rule of ``_engine._math``, full-batch or
in mini-batches, with the penalty of ``alpha`` and the adaptive step.
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
from sksigmoid._tasks import _ClassifierUnits


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


class SigmoidNeuronClassifier(_ClassifierUnits, _SigmoidUnits):
    """Sigmoid neuron trained by full-batch gradient descent (the delta rule).

    One sigmoid unit per output: one for a binary target, one per class for a
    multiclass target (one-vs-rest, probabilities normalised), one per label for
    a multilabel indicator matrix. It is the neuron of the classic "neural network
    from scratch" tutorials, as a scikit-learn classifier.

    Parameters
    ----------
    loss : {"squared_error", "log_loss"}, default="squared_error"
        ``"squared_error"`` is the tutorials' delta rule; ``"log_loss"`` drops the
        slope ``o (1 - o)`` from the error term, which turns the unit into
        logistic regression trained by gradient descent.
    solver : {"auto", "gd", "lbfgs", "rprop", "adam"}, default="auto"
        The step rule. ``"gd"`` is the tutorials' gradient descent with a
        constant step (``learning_rate``), on the full batch or on
        mini-batches of ``batch_size``; ``"lbfgs"`` L-BFGS and ``"rprop"``
        iRprop+, both on the full batch; ``"adam"`` Adam on mini-batches (of
        ``min(200, n_samples)`` rows for ``batch_size="auto"``). ``"auto"``
        picks ``"gd"`` for a float ``learning_rate``, an int ``batch_size``
        smaller than the data and ``partial_fit``, else ``"lbfgs"``. The rule
        that ran is ``solver_``; pinning it gives the same fit as ``"auto"``
        where ``"auto"`` picks it. ``partial_fit`` runs ``"gd"`` only.
    learning_rate : float or "auto", default="auto"
        A float is the constant step of the tutorials' delta rule (see Notes),
        or the first step of L-BFGS, iRprop+ or Adam.
        ``"auto"`` needs no tuning: each epoch is one iteration of L-BFGS
        (a quasi-Newton step with a backtracking line search, so the loss
        never rises), starting at ``1 / (c * lambda)``, the largest step that
        the loss's curvature bound ``c`` (1/4 for ``log_loss``, about 0.077 for
        ``squared_error``) guarantees to be stable, with ``lambda`` the largest
        eigenvalue of the inputs' second moment. With ``squared_error`` it
        descends the squared error plus a hundredth of the log loss (Fahlman's
        flat-spot offset), so that a unit saturated on the wrong side can
        still learn (see Notes).
    alpha : float, default=1e-5
        Strength of the L2 penalty (weight decay): training minimises the mean
        loss plus ``alpha / 2`` times the sum of the squared weights (not the
        biases), weights taken for X divided by the root mean square of its
        non-zero values, so for standardized X the weights themselves, as
        ``SGDClassifier``'s ``alpha`` (and ``LogisticRegression`` with ``C = 1
        / (alpha * n_samples)`` for ``loss="log_loss"``), and for TF-IDF or
        one-hot columns the weights of a word's or a category's typical value.
        It keeps the fit from growing its weights without end on data it
        separates. ``0`` is the tutorials' unpenalised rule. The default is
        small enough for the squared error's minimum to keep a lone positive
        row of 256 (AND of 8 inputs; with ``4e-5`` the penalised minimum gives
        it up). Weights of columns that are zero on every training row start
        at zero (the penalised minimum's value for them).
    batch_size : int or "auto", default="auto"
        Rows per update. ``"auto"`` trains ``fit`` on all rows at once (the
        full-batch rule above) and ``partial_fit`` on mini-batches of
        ``min(200, n_samples)`` rows, as ``MLPClassifier`` does. An int makes
        both take mini-batches of that many rows, in an order shuffled by
        ``random_state`` every epoch, with a constant step (``learning_rate``,
        or for ``"auto"`` its first step); ``1`` is the online delta rule.
    n_iter : int, default=5000
        Maximum number of epochs (full passes over the training data).
    tol : float, "auto" or None, default="auto"
        Training stops when the monitored value (the mean training loss, or
        the held-out accuracy with ``early_stopping``) has not improved by more
        than ``tol`` for ``n_iter_no_change`` epochs in a row. ``"auto"`` is,
        for L-BFGS, 1e-6 or 5e-4 of the best loss, whichever is
        larger, for 3 epochs in a row (its full-batch epochs are not noisy;
        SciPy's L-BFGS stops at the first); 3e-4 for Adam (``MLPClassifier``'s
        1e-4 is for its smaller steps); and 1e-6 for the constant step and
        iRprop+, whose epochs lower the loss little at a time. ``None`` runs
        exactly ``n_iter`` epochs. A fit that ``n_iter`` ends first warns with
        a ``ConvergenceWarning``.
    n_iter_no_change : int or np.inf, default=5
        Number of epochs without improvement tolerated before stopping (an
        unchanged value is no improvement); ``np.inf`` never stops for it.
        L-BFGS with ``tol="auto"`` on the training loss takes 3 (see ``tol``).
    early_stopping : bool, default=False
        Hold out ``validation_fraction`` of the training data (stratified),
        stop when its accuracy stops improving, and keep the weights of the
        epoch that scored best on it.
    validation_fraction : float, default=0.1
        Share of the training data held out for early stopping.
    fit_intercept : bool, default=True
        Whether each unit has a bias ``b``. The tutorials' neuron has none.
    class_weight : dict, "balanced" or None, default=None
        Weights of the classes, ``{label: weight}``, multiplied into
        ``sample_weight``. ``"balanced"`` uses
        ``n_samples / (n_classes * np.bincount(y))``.
    warm_start : bool, default=False
        Start a new ``fit`` from the weights of the previous one (the adaptive
        rule starts afresh), extending ``loss_curve_``; the classes must not
        change.
    verbose : int, default=0
        Print the epoch, the training loss and the held-out score on epochs
        1-9, 10, 20, ..., 100, 200, ...; every epoch for ``verbose >= 2``.
    random_state : int, RandomState instance or None, default=None
        Seeds the initial weights, then the early-stopping split and, from
        the same state, the order of the rows in the epochs of mini-batches
        (``partial_fit``, or ``fit`` with an int ``batch_size``): the epochs
        of an early-stopping fit are those of a fit on its training rows.

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
        Class labels (``arange(n_labels)`` for a multilabel target).
    coef_ : ndarray of shape (n_units, n_features)
        Weights of each unit; one unit for a binary target.
    intercept_ : ndarray of shape (n_units,)
        Bias of each unit (zeros when ``fit_intercept=False``).
    solver_ : str
        The step rule of the last fit or ``partial_fit`` call: ``"gd"``,
        ``"lbfgs"``, ``"rprop"`` or ``"adam"`` (see ``solver``).
    n_iter_ : int
        Number of epochs run, over all warm-started fits.
    loss_curve_ : list of float
        Mean training loss (weighted by ``sample_weight``), plus the penalty of
        ``alpha``, of the weights at the start of each epoch.
    validation_scores_ : list of float or None
        Held-out accuracy after each epoch with ``early_stopping``, else None.
    best_validation_score_ : float or None
        Held-out accuracy of the weights kept with ``early_stopping``, else None.
    validation_loss_curve_ : list of float or None
        Held-out loss after each epoch with ``early_stopping``, else None: for
        ``loss="log_loss"`` scikit-learn's ``log_loss`` of ``predict_proba``
        (summed over the labels of a multilabel target), for
        ``loss="squared_error"`` the mean squared error of the unit outputs,
        weighted by ``sample_weight``; the metric, without the penalty.
    n_features_in_ : int
        Number of features seen during fit.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Names of the features seen during fit, when ``X`` has string column names.

    See Also
    --------
    ThresholdUnit : The McCulloch-Pitts / Rosenblatt unit with a step activation.
    sklearn.linear_model.LogisticRegression : The same model as
        ``loss="log_loss"``, fitted by a second-order solver with a penalty.

    Notes
    -----
    With inputs ``X`` (n_samples rows), targets ``T`` in {0, 1} and weights ``W``,
    one epoch computes

    .. math::

        O = \\sigma(X W + b), \\qquad \\sigma(z) = \\frac{1}{1 + e^{-z}}

        \\Delta = (T - O) \\odot O \\odot (1 - O) \\quad \\text{(squared error)},
        \\qquad \\Delta = T - O \\quad \\text{(log loss)}

        W \\leftarrow W + \\frac{\\eta}{n} X^\\top \\Delta, \\qquad
        b \\leftarrow b + \\frac{\\eta}{n} \\sum_i \\Delta_i

    ``Delta`` is minus the derivative of the loss with respect to the margin, so
    each epoch is one gradient-descent step on the mean loss. The update is
    averaged over the samples (a weighted mean with ``sample_weight``) so that
    one ``learning_rate`` serves any data size; the tutorials sum it, which is
    ``learning_rate = n_samples`` here.

    With ``alpha > 0`` the direction also carries minus the gradient of the
    penalty, ``- alpha * W`` (for X of root mean square 1).

    With ``learning_rate="auto"`` each epoch is one iteration of L-BFGS
    (Nocedal, 1980; what ``LogisticRegression``'s and ``MLPClassifier``'s
    ``solver="lbfgs"`` run through SciPy, here an epoch at a time): the step
    direction comes from the last 10 changes of the weights and of the
    gradient, scaled by the last change's curvature, and a backtracking line
    search halves the step until the loss falls by Armijo's condition, so the
    loss never rises and an overflowing step is undone. No weight moves by more
    than 4 (or the largest weight's size) in one epoch, measured as below, so
    that a long step cannot throw a unit into saturation. The first epoch's
    step is ``eta_0 = 1 / (c * lambda)``, with ``lambda`` the largest
    eigenvalue of the mean of ``z z^T`` (computed on evenly spaced rows, about
    260,000 values, of a large X), and the biases' directions are multiplied
    by ``g``, the mean square of a value of ``X / scale`` (below), as if the
    bias input had the inputs' typical size ``sqrt(g)`` rather than 1; ``z`` is
    ``x / scale`` followed by ``sqrt(g)``. The rule measures the weights
    multiplied by ``scale`` and the biases divided by ``sqrt(g)``. A fit also
    stops, without a warning, at an epoch where no step lowers the loss by
    more than its rounding: a minimum.

    The squared error is flat where a unit is saturated: ``o (1 - o)``, and
    with it the gradient, is near zero whether the unit is right or wrong.
    Gradient descent crawls there (the AND of 3-8 inputs once stalled with
    its weights near 0), and a unit confidently wrong (margins in the
    hundreds) has a gradient of 1e-130, from which no gradient rule returns.
    ``"auto"`` therefore adds ``0.01`` to ``o (1 - o)`` in the error term
    (Fahlman, 1988), which is descending the squared error plus 0.01 times the
    log loss; ``loss_curve_`` records that sum. A float ``learning_rate`` and
    mini-batches keep the tutorials' squared error as it is.
    The README's table (``benchmarks/defaults_accuracy.py``) compares these
    defaults with ``LogisticRegression`` on real data.

    Weights start as ``2 * random_sample((n_features, n_units)) - 1``, drawn first
    from ``random_state``, and the training runs on ``X / scale`` where ``scale``
    is the largest magnitude in ``X``; the weights are mapped back to the raw
    features afterwards. For inputs in [-1, 1] with a 1 among them, such as
    truth tables, ``scale`` is 1 and the rule above is followed literally. On
    other data it is the same rule with the start divided by ``scale`` and the
    step by ``scale ** 2``, so the units do not start saturated (where
    ``o (1 - o)`` is about 0 and the delta rule stalls) and nothing overflows.
    The sigmoid and the losses are computed as ``exp(-logaddexp(0, -z))`` and
    ``logaddexp(0, z) - t z``, finite for every finite margin.

    References
    ----------
    .. [1] V. Pal, "Implementing Artificial Neural Network training process in
       Python", GeeksforGeeks.
    .. [2] P. Bhagwat, "Introduction to Artificial Neural Networks in Python",
       Kite blog.
    .. [3] D. E. Rumelhart, G. E. Hinton and R. J. Williams, "Learning
       representations by back-propagating errors", Nature, 1986.
    .. [4] J. Nocedal, "Updating quasi-Newton matrices with limited storage",
       Mathematics of Computation, 1980.
    .. [5] S. E. Fahlman, "An empirical study of learning speed in
       back-propagation networks", Carnegie Mellon University, 1988.

    Examples
    --------
    >>> from sksigmoid import SigmoidNeuronClassifier
    >>> from sksigmoid.datasets import make_truth_table
    >>> X, y = make_truth_table("or", n_inputs=2, return_X_y=True)
    >>> clf = SigmoidNeuronClassifier(random_state=0).fit(X, y)
    >>> clf.predict(X)
    array([0, 1, 1, 1])
    >>> clf.predict_proba([[0, 0], [1, 1]]).round(2)
    array([[0.98, 0.02],
           [0.  , 1.  ]])
    """

    def __init__(
        self,
        *,
        loss="squared_error",
        solver="auto",
        learning_rate="auto",
        alpha=1e-5,
        batch_size="auto",
        n_iter=5000,
        tol="auto",
        n_iter_no_change=5,
        early_stopping=False,
        validation_fraction=0.1,
        fit_intercept=True,
        class_weight=None,
        warm_start=False,
        verbose=0,
        random_state=None,
    ):
        self.loss = loss
        self.solver = solver
        self.learning_rate = learning_rate
        self.alpha = alpha
        self.batch_size = batch_size
        self.n_iter = n_iter
        self.tol = tol
        self.n_iter_no_change = n_iter_no_change
        self.early_stopping = early_stopping
        self.validation_fraction = validation_fraction
        self.fit_intercept = fit_intercept
        self.class_weight = class_weight
        self.warm_start = warm_start
        self.verbose = verbose
        self.random_state = random_state
