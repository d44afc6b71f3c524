"""ThresholdUnit: the McCulloch-Pitts / Rosenblatt unit and the perceptron rule."""

from functools import partial
from numbers import Real

import numpy as np
from sklearn.utils._param_validation import Interval

from sksigmoid._base import _BaseUnit
from sksigmoid._engine._averaging import RunningAverage
from sksigmoid._engine._backend import threshold_unit_passes
from sksigmoid._slope import _SlopeProbabilities
from sksigmoid._tasks import _ClassifierUnits


class ThresholdUnit(_SlopeProbabilities, _ClassifierUnits, _BaseUnit):
    """McCulloch-Pitts / Rosenblatt threshold unit trained by the perceptron rule.

    Each unit outputs 1 when its margin ``x @ w + b`` is positive, else 0. A
    binary target has one unit; a multiclass target one unit per class
    (predicting the class with the largest margin); a multilabel target one unit
    per label. Use :func:`sksigmoid.logic_gate` for units with the textbook
    fixed weights of the logic gates.

    Parameters
    ----------
    learning_rate : float, default=1.0
        Step of the perceptron rule (see Notes). From the zero start it only
        scales the weights: the unit's decisions do not depend on it.
    n_iter : int, default=1000
        Maximum number of epochs (passes over the training data).
    tol : float or None, default=1e-3
        Training stops when the monitored value (the mean perceptron loss of
        the units, or the held-out accuracy with ``early_stopping``) has not
        improved by more than ``tol`` for ``n_iter_no_change`` epochs in a row,
        as in scikit-learn's ``Perceptron``. It always stops after an epoch without a
        mistake. ``None`` disables the first rule. A fit that ``n_iter`` ends
        first warns with a ``ConvergenceWarning``.
    n_iter_no_change : int or np.inf, default=5
        Number of epochs without improvement tolerated before stopping, as in
        ``Perceptron`` (``np.inf`` never stops for it); those epochs must also
        hold at least 200 updates. The convergence theorem bounds the
        perceptron's updates, not its epochs, and a small table makes a few
        updates an epoch while its loss jumps up and down until it drops to
        zero: on the separable truth tables of 2 to 8 inputs, 5 epochs alone
        stopped the unit short on 1,034 of 3,500 seeded runs, 5 epochs with
        100 updates on 6 (AND and NAND of 6 to 8 inputs), with 200 on none
        (``benchmarks/threshold_unit_patience.py``; none of 10,500 more).
    early_stopping : bool, default=False
        Hold out ``validation_fraction`` of the training data (stratified),
        stop when its accuracy stops improving, and keep the weights of the
        epoch that scored best on it.
    validation_fraction : float, default=0.1
        Share of the training data held out for early stopping.
    fit_intercept : bool, default=True
        Whether each unit has a bias ``b`` (minus its threshold).
    average : bool, default=False
        The averaged perceptron: ``coef_`` and ``intercept_`` are the average
        of the weights after every sample visited (of positive weight), over
        every epoch of the fit and every ``partial_fit`` call, as
        ``SGDClassifier(average=True)`` keeps them (see Notes). The pocket and
        the early-stopping score judge the averaged weights.
    class_weight : dict, "balanced" or None, default=None
        Weights of the classes, ``{label: weight}``, multiplied into
        ``sample_weight``. ``"balanced"`` uses
        ``n_samples / (n_classes * np.bincount(y))``.
    warm_start : bool, default=False
        Start a new ``fit`` from the weights of the previous one, extending
        ``loss_curve_``; the classes must not change. With ``average`` it
        continues the running weights and their average.
    verbose : int, default=0
        Print the epoch, the loss and the accuracy kept track of on epochs 1-9,
        10, 20, ..., 100, 200, ...; every epoch for ``verbose >= 2``.
    random_state : int, RandomState instance or None, default=None
        Seeds the early-stopping split and, from the same state, the order of
        the samples in each epoch: the epochs of an early-stopping fit are
        those of a fit on its training rows.

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
        Class labels (``arange(n_labels)`` for a multilabel target).
    coef_ : ndarray of shape (n_units, n_features)
        Weights of each unit.
    intercept_ : ndarray of shape (n_units,)
        Bias of each unit; the unit fires when ``x @ w > -intercept_``.
    probability_slope_ : float or ndarray of shape (n_labels,)
        Slope ``a`` that ``predict_proba`` applies to the margins (see Notes);
        one per label for a multilabel target.
    n_iter_ : int
        Number of epochs run, over all warm-started fits.
    loss_curve_ : list of float
        Mean perceptron loss ``max(0, -(2 t - 1) z)`` over each epoch (weighted
        by ``sample_weight``), averaged over the units.
    mistakes_ : list of int
        Number of samples the unit got wrong (and so updated on) in each
        epoch, over all warm-started fits and ``partial_fit`` calls: the
        updates the perceptron convergence theorem bounds.
    validation_scores_ : list of float or None
        Held-out accuracy after each epoch with ``early_stopping``, else None.
    best_validation_score_ : float or None
        Held-out accuracy of the weights kept with ``early_stopping``, else None.
    validation_loss_curve_ : list of float or None
        Held-out mean perceptron loss after each epoch with
        ``early_stopping`` (averaged over the units, weighted by
        ``sample_weight``), else None.
    n_features_in_ : int
        Number of features seen during fit.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Names of the features seen during fit, when ``X`` has string column names.

    See Also
    --------
    SigmoidNeuronClassifier : The same unit with a sigmoid, trained by the delta
        rule.
    logic_gate : Threshold units with fixed weights for AND, OR, NOT and others.
    sklearn.linear_model.Perceptron : scikit-learn's perceptron, trained by SGD.

    Notes
    -----
    The unit computes :math:`o = [x^\\top w + b > 0]`. For each sample in an order
    shuffled by ``random_state`` every epoch, the perceptron rule updates

    .. math::

        w \\leftarrow w + \\eta (t - o) x, \\qquad b \\leftarrow b + \\eta (t - o)

    which changes nothing when the unit is right; with ``sample_weight`` the
    step of a sample is multiplied by its weight, as in scikit-learn's SGD. The
    McCulloch-Pitts form "fire when the weighted sum reaches the threshold" is
    the same unit with the threshold ``-b`` placed between attainable sums. As
    for :class:`SigmoidNeuronClassifier`, training runs on ``X`` divided by its
    largest magnitude (the literal rule for 0/1 inputs). The weights start at
    zero, as Rosenblatt's and scikit-learn's ``Perceptron`` do.

    With ``average=True`` the rule runs unchanged, and the unit predicts with
    the average :math:`\\bar w = \\frac{1}{T} \\sum_{t=1}^{T} w_t` of the
    weights after each of the :math:`T` samples visited (Freund and Schapire's
    voted perceptron made cheap; Collins, 2002), which is steadier than the last
    weights on data no hyperplane separates. An update :math:`d_s` made at
    sample :math:`s` is also added, times :math:`s - 1`, to a running sum, and
    :math:`\\bar w = w_T - \\frac{1}{T} \\sum_s (s - 1) d_s`: the average costs
    one more pass over the stored values of each updating row, O(nonzeros) an
    epoch for sparse X.

    Sparse X (CSR or CSC, converted to CSR once) is trained on its stored
    values: no row is densified, and the scale (the largest magnitude) keeps
    the zeros zero.

    On data that no hyperplane separates the rule never settles, and the last
    weights are as good as chance makes them. The unit therefore keeps in its
    "pocket" the weights of the epoch with the highest training accuracy
    (Gallant, 1990), or with ``early_stopping`` the highest held-out accuracy.
    On separable data the pocket holds the weights of the epoch without a
    mistake.

    The unit's output is a step and carries no probability, so ``predict_proba``
    passes the margins through the logistic link with a fitted slope ``a > 0``:
    ``sigmoid(a * margin)`` for a binary or multilabel unit, and the softmax of
    ``a * margins`` over the units of a multiclass target. ``a`` maximises the
    likelihood of the training labels (Platt scaling with the intercept fixed
    at 0 and Platt's smoothed targets; temperature scaling for the softmax; on
    evenly spaced rows holding at most 2**18 margins, for large data),
    one slope per label of a multilabel target. A binary or multilabel unit
    that never fired in training (a label that never occurs) gets the bias
    ``-learning_rate``, so its probability is Platt's ``1 / (n + 2)`` rather
    than 1/2.
    The probabilities are monotone in the margin and
    ``argmax(predict_proba) == predict``, even far from the training data. For
    calibrated probabilities, wrap the unit in
    :class:`~sklearn.calibration.CalibratedClassifierCV`.

    References
    ----------
    .. [1] W. S. McCulloch and W. Pitts, "A logical calculus of the ideas immanent
       in nervous activity", 1943.
    .. [2] F. Rosenblatt, "The perceptron: a probabilistic model for information
       storage and organization in the brain", 1958.
    .. [3] J. Platt, "Probabilistic outputs for support vector machines", 1999.
    .. [4] S. I. Gallant, "Perceptron-based learning algorithms", IEEE
       Transactions on Neural Networks, 1990.
    .. [5] P. Bhagwat, "Introduction to Artificial Neural Networks in Python",
       Kite blog.
    .. [6] Y. Freund and R. E. Schapire, "Large margin classification using the
       perceptron algorithm", Machine Learning, 1999.
    .. [7] M. Collins, "Discriminative training methods for hidden Markov
       models: theory and experiments with perceptron algorithms", EMNLP, 2002.

    Examples
    --------
    >>> from sksigmoid import ThresholdUnit
    >>> from sksigmoid.datasets import make_truth_table
    >>> X, y = make_truth_table("and", n_inputs=2, return_X_y=True)
    >>> unit = ThresholdUnit(random_state=0).fit(X, y)
    >>> unit.predict(X)
    array([0, 0, 0, 1])
    >>> X, y = make_truth_table("xor", n_inputs=2, return_X_y=True)
    >>> float(ThresholdUnit(random_state=0).fit(X, y).score(X, y)) < 1
    True
    """

    _parameter_constraints = {
        **_BaseUnit._parameter_constraints,
        "learning_rate": [Interval(Real, 0, None, closed="neither")],
        "average": ["boolean"],
    }

    def __init__(
        self,
        *,
        learning_rate=1.0,
        n_iter=1000,
        tol=1e-3,
        n_iter_no_change=5,
        early_stopping=False,
        validation_fraction=0.1,
        fit_intercept=True,
        average=False,
        class_weight=None,
        warm_start=False,
        verbose=0,
        random_state=None,
    ):
        self.learning_rate = learning_rate
        self.n_iter = n_iter
        self.tol = tol
        self.n_iter_no_change = n_iter_no_change
        self.early_stopping = early_stopping
        self.validation_fraction = validation_fraction
        self.fit_intercept = fit_intercept
        self.average = average
        self.class_weight = class_weight
        self.warm_start = warm_start
        self.verbose = verbose
        self.random_state = random_state

    _keeps_best_training_weights = True
    _updates_attribute = "mistakes_"
    # The convergence theorem bounds the perceptron's updates, not its epochs:
    # a plateau of a few epochs of a small table is no evidence of a stop.
    _stopping_settings = {"min_updates": 200}

    def _initial_weights(self, random_state, n_inputs, n_units):
        # Rosenblatt's zero start: the weights are then a sum of updates, and
        # the unit's decisions do not depend on learning_rate.
        return np.zeros((n_inputs, n_units))

    def _starting_layers(self, continuing, *args):
        if not continuing:
            # A fit that starts anew starts a new average.
            self._running_average = None
        return super()._starting_layers(continuing, *args)

    def _make_epoch(self, data, layers, statistics, plan, random_state):
        passes = threshold_unit_passes(data.X)
        sample_rates = plan.learning_rate * data.sample_weight
        coef, intercept = layers.coefs[0], layers.intercepts[0]
        averaging = None
        if self.average:
            averaging = getattr(self, "_running_average", None)
            if averaging is None or not averaging.fits(coef):
                averaging = RunningAverage.start(coef, intercept)
            self._running_average = averaging
            # The rule updates the running weights; the layers hold the average.
            coef, intercept = averaging.coef, averaging.intercept
        order = np.arange(data.n_samples)
        # One draw of random_state seeds the orders of this fit's epochs.
        seed = int(random_state.randint(np.iinfo(np.int64).max))
        epochs_run = 0

        def one_epoch():
            nonlocal epochs_run
            passes.shuffle_rows(order, seed, epochs_run)
            epochs_run += 1
            loss_and_mistakes = passes.perceptron_epoch(
                data.X,
                data.targets,
                order,
                sample_rates,
                data.sample_share,
                coef,
                intercept if self.fit_intercept else None,
                statistics.scale,
                averaging,
            )
            if averaging is not None:
                averaging.write_average(layers.coefs[0], layers.intercepts[0])
            return loss_and_mistakes

        return one_epoch

    def _score_of(self, rows, layers, *, multiclass):
        # The epochs' kind of pass, NumPy or compiled: the pocket scores every
        # epoch.
        return partial(
            threshold_unit_passes(rows.X).layer_accuracy,
            rows.X,
            rows.targets,
            layers.coefs[0],
            layers.intercepts[0],
            multiclass,
            rows.sample_weight,
        )

    def _check_cluster_fit(self):
        raise TypeError(
            f"{type(self).__name__} trains one sample at a time and cannot fit a "
            "dask collection in one call. Stream its blocks through partial_fit, "
            "for example with dask_ml.wrappers.Incremental."
        )

    def _after_training(self, data, plan):
        multiclass = self._target_type == "multiclass"
        if not multiclass and self.fit_intercept:
            # A unit that never fired in training (its weights still at the
            # zero start: a label that never occurs) predicts 0 from margins
            # of 0, on its threshold, where the link gives 1/2 on every row.
            # One negative update's bias puts its margins on the side of its
            # decisions, which it does not change (a lone unit fires above 0).
            silent = ~self.coef_.any(axis=1) & (self.intercept_ == 0)
            self.intercept_[silent] = -self.learning_rate
        self._fit_probability_slope(data)
