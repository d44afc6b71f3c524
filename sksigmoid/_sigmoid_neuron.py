"""SigmoidNeuronClassifier: sigmoid units trained by the delta rule.

The training of sigmoid units, shared with the network, is :class:`_SigmoidUnits`:
descent along the backpropagated delta rule of ``_engine._math``, full-batch or
in mini-batches, with the penalty of ``alpha`` and the adaptive step.
"""

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
from sksigmoid._engine._stats import InputStatistics, first_step


def _weight_units(scale, n_layers):
    """Each layer's factor from raw weights to the units they are measured in.

    The first layer trains raw weights along directions of X / scale (divided
    by scale ** 2): its weights in the units of X / scale are coef * scale.
    The penalty and the L-BFGS rule measure them there.
    """
    return [scale] + [1.0] * (n_layers - 1)


class _SigmoidUnits(_BaseUnit):
    """Layers of sigmoid units trained by descent on the delta rule."""

    _parameter_constraints = {
        **_BaseUnit._parameter_constraints,
        "loss": [StrOptions(set(LOSSES))],
        "learning_rate": [
            Interval(Real, 0, None, closed="neither"),
            StrOptions({"auto"}),
        ],
        "alpha": [Interval(Real, 0, None, closed="left")],
        "batch_size": [
            Interval(Integral, 1, None, closed="left"),
            StrOptions({"auto"}),
        ],
    }

    # tol=None runs exactly n_iter epochs, as documented, also past the
    # minimum where quasi-Newton descent stops updating.
    _stops_without_update = False

    #: Rows per update of ``partial_fit`` with ``batch_size="auto"``, as
    #: MLPClassifier's.
    _partial_fit_auto_batch_size = 200

    #: Rows above which ``learning_rate="auto"`` trains a network by Adam on
    #: mini-batches: two of its batches. On fewer rows an epoch makes one or two
    #: of Adam's updates, no more than the full batch's one, and Adam's tol
    #: stops on the plateaus of XOR (parity of 8 inputs, 256 rows: learned on
    #: 0 of 20 seeds by Adam, 18 and 19 by iRprop+, squared error and log loss).
    _full_batch_max_rows = 2 * _partial_fit_auto_batch_size

    #: Fahlman's flat-spot offset of ``learning_rate="auto"``: the share of
    #: cross-entropy added to the squared error, so that a unit saturated on
    #: the wrong side, where ``o (1 - o)`` and the squared error's gradient
    #: vanish (1e-130 on the flipped breast_cancer labels), still has a way back.
    _flat_spot_offset = 0.01

    #: The offset of a network with hidden layers: Fahlman's own 0.1. The
    #: output units of parity's networks sit on the flat spot for hundreds of
    #: epochs; with 0.01, iRprop+ learned parity of 7 and 8 inputs on 16 and 0
    #: of 20 seeds, with 0.1 on 20 and 18 (2 to 6 inputs: 20 of 20).
    _network_flat_spot_offset = 0.1

    #: ``tol="auto"``: MLPClassifier's tol for Adam, whose epochs of many
    #: updates lower the loss for long after the held-out accuracy has stopped
    #: rising (1e-6 ran 1,000-1,700 epochs on digits, for no better accuracy);
    #: the full-batch rules need the finer one to cross XOR's and parity's
    #: plateaus, where the loss falls by 1e-6 to 1e-5 an epoch for tens of
    #: epochs before it drops (1e-4 stopped parity-5 there on 20 of 20 seeds).
    _mini_batch_auto_tol = 1e-4
    _full_batch_auto_tol = 1e-6

    #: Adam's step by loss, in the units of weights of X divided by its root
    #: mean square value (standardized X: the raw weights). MLPClassifier's
    #: 1e-3 took 600 epochs on digits with the log loss. Measured on digits and
    #: 20,000 x 20 x 5 (benchmarks/train_speed.py): the log loss at 5e-3 ran
    #: 480 epochs on the latter (1.3x MLPClassifier's time), 290 at 1e-2; the
    #: squared error at 1e-2 stopped after 76 epochs on digits, 0.44 points
    #: below MLPClassifier, and at 5e-3 after 110, 0.09 below.
    _adam_learning_rates = {"squared_error": 5e-3, "log_loss": 1e-2}

    #: iRprop+'s first step, in the same units (Igel and Huesken's 0.0125).
    _resilient_first_step = 0.0125

    # A step too long for the loss's curvature multiplies the loss many times
    # within a few epochs (3e19 weights after 6 epochs for learning_rate=0.1,
    # alpha=1e5); a stable one, or mini-batch noise, is far from 1e4 times.
    _max_loss_growth = 1e4

    def _training_loss(self, full_batch, n_layers):
        """The loss the updates descend: ``loss``, with the flat-spot offset
        for the adaptive full-batch rule (a constant step is the tutorials'
        rule, and mini-batches keep it)."""
        loss = LOSSES[self.loss]
        if full_batch and self.learning_rate == "auto":
            offset = (
                self._network_flat_spot_offset
                if n_layers > 1
                else self._flat_spot_offset
            )
            return loss.with_flat_spot_offset(offset)
        return loss

    def _held_out_loss_name(self):
        return self.loss

    def _rows_per_update(self, data, n_layers, incremental):
        """Rows of each update, by ``batch_size``; None for the full batch."""
        if self.batch_size != "auto":
            if self.batch_size >= data.n_samples and not incremental:
                # A batch of every row is the full batch, and takes its rule.
                return None
            return min(self.batch_size, data.n_samples)
        if incremental or self._trains_by_adam(data, n_layers):
            return min(self._partial_fit_auto_batch_size, data.n_samples)
        return None

    def _trains_by_adam(self, data, n_layers):
        """Whether ``fit`` trains by Adam on mini-batches: the adaptive rule of a
        network on more rows in memory than two of MLPClassifier's batches."""
        return (
            n_layers > 1
            and self.learning_rate == "auto"
            and self.batch_size == "auto"
            and data.in_memory
            and data.n_samples > self._full_batch_max_rows
        )

    def _stopping_tolerance(self, data, n_layers):
        if self.tol != "auto":
            return self.tol
        if self._trains_by_adam(data, n_layers):
            return self._mini_batch_auto_tol
        return self._full_batch_auto_tol

    def _input_statistics(self, data, scale, layers):
        """The scale, the mean square of a value of ``X / scale`` (how large the
        first layer's inputs typically are, against 1 for the bias input and a
        hidden input), the biases' gain and the first step."""
        # An X of zeros (on the rows of positive weight) has no typical input
        # size; its units are the bias input's, 1: an intercept-only model.
        mean_square = data.mean_square(scale) or 1.0
        adaptive = self.learning_rate == "auto"
        # Inputs far smaller than the bias input would leave the adaptive rule's
        # weights learning many times slower than the biases; the first layer's
        # biases move as if their input had the inputs' typical size.
        intercept_gain = mean_square if adaptive and self.fit_intercept else 1.0
        step = self.learning_rate
        if adaptive:
            sample, sample_weight = data.sample()
            step = first_step(
                sample,
                sample_weight,
                scale,
                intercept_gain=intercept_gain,
                fit_intercept=self.fit_intercept,
                hidden_layer_inputs=[coef.shape[0] for coef in layers.coefs[1:]],
                curvature_bound=LOSSES[self.loss].curvature_bound,
                one_thread=data.compiled,
            )
        return InputStatistics(scale, mean_square, intercept_gain, step)

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

    def _penalized(self, statistics, intercepts, n_layers):
        """``loss_and_direction(weights, gradient)``: a gradient pass's loss and
        directions, with the penalty of ``alpha`` and the biases' gain.

        ``gradient(layer_coefs, layer_intercepts) -> (loss, coef_directions,
        intercept_directions)`` is the pass over the rows of an update: all of
        them, a mini-batch, or the blocks of a dask array.
        """
        weight_units = _weight_units(statistics.scale, n_layers)
        # The penalty is alpha / 2 ||W||^2 for the weights of X divided by its
        # root mean square value (the raw weights for standardized X), so a
        # model does not depend on the units of X.
        penalty_factors = [self.alpha * statistics.mean_square]
        penalty_factors += [self.alpha] * (n_layers - 1)

        def loss_and_direction(weights, gradient):
            layer_coefs = weights[:n_layers]
            layer_intercepts = weights[n_layers:] if self.fit_intercept else intercepts
            loss, coef_directions, intercept_directions = gradient(
                layer_coefs, layer_intercepts
            )
            if self.alpha:
                for coef, direction, factor, unit in zip(
                    layer_coefs,
                    coef_directions,
                    penalty_factors,
                    weight_units,
                    strict=True,
                ):
                    scaled = coef * unit
                    loss += 0.5 * factor * float(np.vdot(scaled, scaled))
                    direction -= factor * coef
            intercept_directions[0] *= statistics.intercept_gain
            return loss, trained_arrays(
                coef_directions, intercept_directions, self.fit_intercept
            )

        return loss_and_direction

    def _make_epoch(self, data, layers, statistics, *, random_state, incremental):
        n_layers = len(layers.coefs)
        batch_size = self._rows_per_update(data, n_layers, incremental)
        loss = self._training_loss(batch_size is None, n_layers)
        if batch_size is None:
            gradient = data.gradient(loss, statistics.scale, n_layers)
            return self._full_batch_descent(gradient, layers, statistics, data)
        penalized = self._penalized(statistics, layers.intercepts, n_layers)

        def batch_loss_and_direction(weights, rows):
            batch = data.rows(rows)
            return penalized(weights, batch.gradient(loss, statistics.scale, n_layers))

        rule = dict(
            sample_weight=data.sample_weight,
            batch_size=batch_size,
            random_state=random_state,
        )
        if not incremental and self._trains_by_adam(data, n_layers):
            return AdamDescent(
                layers.trained(self.fit_intercept),
                batch_loss_and_direction,
                units=self._network_units(statistics, n_layers),
                learning_rate=self._adam_learning_rates[self.loss],
                **rule,
            )
        return MiniBatchDescent(
            layers.trained(self.fit_intercept),
            batch_loss_and_direction,
            learning_rate=statistics.first_step,
            **rule,
        )

    def _network_units(self, statistics, n_layers):
        """The units of a network's adaptive rules, array by array: the first
        layer's weights for X divided by its root mean square value (the raw
        weights of standardized X), then the raw weights and biases, so that
        a model does not depend on the units of X."""
        first_layer = float(np.sqrt(statistics.mean_square)) * statistics.scale
        return trained_arrays(
            [first_layer] + [1.0] * (n_layers - 1),
            [1.0] * n_layers,
            self.fit_intercept,
        )

    def _full_batch_descent(self, gradient, layers, statistics, data):
        """Epochs of full-batch descent along ``gradient`` (see ``_penalized``):
        the constant step of a float ``learning_rate``; for ``"auto"``, L-BFGS
        for one layer and iRprop+ for a network."""
        n_layers = len(layers.coefs)
        penalized = self._penalized(statistics, layers.intercepts, n_layers)
        weights = layers.trained(self.fit_intercept)
        if self.learning_rate != "auto":
            return FullBatchDescent(
                weights,
                lambda weights: penalized(weights, gradient),
                learning_rate=statistics.first_step,
            )
        if n_layers > 1:
            # L-BFGS learns parity too, but magnifies rounding: on
            # scikit-learn's sample-weight check (15 rows, 100 hidden units)
            # weights and repeated rows parted by 2e-6 in predict_proba (the
            # check allows 1e-7); iRprop+'s moves ignore the gradient's size.
            return ResilientDescent(
                weights,
                lambda weights: penalized(weights, gradient),
                first_step=self._resilient_first_step,
                units=self._network_units(statistics, n_layers),
            )
        # One layer: each weight measured for its column of X divided by the
        # column's root mean square (times the typical size of a value), and
        # the biases' directions multiplied by intercept_gain.
        column_units = _column_units(data, statistics)
        direction_factors = (statistics.scale / column_units) ** 2

        def loss_and_direction(weights):
            loss, directions = penalized(weights, gradient)
            directions[0] *= direction_factors
            return loss, directions

        units = trained_arrays(
            [column_units], [statistics.intercept_gain**-0.5], self.fit_intercept
        )
        return QuasiNewtonDescent(
            weights,
            loss_and_direction,
            learning_rate=statistics.first_step,
            units=units,
        )


def _column_units(data, statistics):
    """L-BFGS's unit of each first-layer weight, shape (n_features, 1).

    A weight of column ``j`` is measured times ``scale * sqrt(m_j / m)``, with
    ``m_j`` the mean square of column ``j`` of ``X / scale`` (on the sample of
    rows the first step reads) and ``m`` their mean: the weights of columns
    rescaled to one typical size. The loss is unchanged; its curvature along
    the weights is evened out. With columns of sizes 10, 1 and 0.1, L-BFGS took
    150-440 epochs to converge where the rescaled columns took 13, and
    ``tol=1e-10`` stopped it with probabilities 1e-4 from the minimum. Columns
    of one size, such as a truth table's, keep the unit ``scale``; a column of
    zeros in the sample keeps it too.
    """
    sample, sample_weight = data.sample()
    column_squares = np.average(
        (sample / statistics.scale) ** 2, axis=0, weights=sample_weight
    )
    mean = column_squares.mean()
    ratios = np.where(column_squares > 0, column_squares / (mean or 1.0), 1.0)
    return (statistics.scale * np.sqrt(ratios))[:, np.newaxis]


class SigmoidNeuronClassifier(_SigmoidUnits):
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
    learning_rate : float or "auto", default="auto"
        A float is the constant step of the tutorials' delta rule (see Notes).
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
        biases), weights taken for X divided by its root mean square value, so
        for standardized X the weights themselves, as ``SGDClassifier``'s
        ``alpha`` (and ``LogisticRegression`` with ``C = 1 / (alpha *
        n_samples)`` for ``loss="log_loss"``). It keeps the fit from growing
        its weights without end on data it separates. ``0`` is the tutorials'
        unpenalised rule. The default is small enough for the squared error's
        minimum to keep a lone positive row of 256 (AND of 8 inputs; with
        ``1e-4`` the penalised minimum gives it up).
    batch_size : int or "auto", default="auto"
        Rows per update. ``"auto"`` trains ``fit`` on all rows at once (the
        full-batch rule above) and ``partial_fit`` on mini-batches of
        ``min(200, n_samples)`` rows, as ``MLPClassifier`` does. An int makes
        both take mini-batches of that many rows, in an order shuffled by
        ``random_state`` every epoch, with a constant step (``learning_rate``,
        or for ``"auto"`` its first step); ``1`` is the online delta rule.
    n_iter : int, default=5000
        Maximum number of epochs (full passes over the training data).
    tol : float or None, default=1e-6
        Training stops when the monitored value (the mean training loss, or
        the held-out accuracy with ``early_stopping``) has not improved by more
        than ``tol`` for ``n_iter_no_change`` epochs in a row. ``None`` runs
        exactly ``n_iter`` epochs. A fit that ``n_iter`` ends first warns with
        a ``ConvergenceWarning``.
    n_iter_no_change : int or np.inf, default=5
        Number of epochs without improvement tolerated before stopping (an
        unchanged value is no improvement); ``np.inf`` never stops for it.
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
    than 4 (or the largest weight's size) in one epoch, in the units below, so
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
    array([[0.99, 0.01],
           [0.  , 1.  ]])
    """

    def __init__(
        self,
        *,
        loss="squared_error",
        learning_rate="auto",
        alpha=1e-5,
        batch_size="auto",
        n_iter=5000,
        tol=1e-6,
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
