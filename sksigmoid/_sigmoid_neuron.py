"""SigmoidNeuronClassifier: sigmoid units trained by the delta rule (their
training, shared with the networks, is ``_sigmoid_units._SigmoidUnits``)."""

from sksigmoid._sigmoid_units import _SigmoidUnits
from sksigmoid._tasks import _ClassifierUnits


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
