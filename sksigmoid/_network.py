"""SigmoidNetworkClassifier and SigmoidNetworkRegressor: hidden layers of
sigmoid units, trained by backpropagation over the same math as the single
neuron, before sigmoid output units (classes) or linear ones (quantities)."""

from numbers import Integral, Real

import numpy as np
from sklearn.base import _fit_context
from sklearn.utils._param_validation import Interval, StrOptions
from sklearn.utils.validation import check_is_fitted

from sksigmoid._engine._layers import Layers, network_start
from sksigmoid._engine._math import LINEAR_SQUARED_ERROR, forward
from sksigmoid._engine._validation import assert_finite, validate
from sksigmoid._sigmoid_units import _SigmoidUnits
from sksigmoid._tasks import _ClassifierUnits, _refuses_class_weight, _RegressorUnits


def _checked_hidden_layer_sizes(hidden_layer_sizes):
    """``hidden_layer_sizes`` as a list of positive ints, or a ValueError."""
    sizes = (
        [hidden_layer_sizes]
        if isinstance(hidden_layer_sizes, Integral)
        else list(hidden_layer_sizes)
    )
    for size in sizes:
        if isinstance(size, bool | np.bool_) or not isinstance(size, Integral):
            raise ValueError(
                "hidden_layer_sizes must hold integers (the number of units of "
                f"each hidden layer); got {hidden_layer_sizes!r}."
            )
        if size < 1:
            raise ValueError(
                "hidden_layer_sizes must hold positive integers (every hidden "
                f"layer has at least one unit); got {hidden_layer_sizes!r}."
            )
    return [int(size) for size in sizes]


class _NetworkLayers(_SigmoidUnits):
    """Hidden layers of sigmoid units before the output layer: their sizes,
    their start and the fitted ``coefs_`` and ``intercepts_``."""

    _parameter_constraints = {
        **_SigmoidUnits._parameter_constraints,
        "hidden_layer_sizes": [
            "array-like",
            Interval(Integral, 1, None, closed="left"),
        ],
    }

    @_fit_context(prefer_skip_nested_validation=True)
    def fit(self, X, y, sample_weight=None, *, coefs_init=None, intercepts_init=None):
        """Train the network on ``X`` and ``y``.

        Parameters
        ----------
        X : {array-like, DataFrame} of shape (n_samples, n_features)
            Training data.
        y : array-like of shape (n_samples,) or (n_samples, n_outputs)
            Class labels, or a binary indicator matrix for multilabel targets;
            a regressor's target values.
        sample_weight : array-like of shape (n_samples,), default=None
            Weight of each sample in the loss and the updates (multiplied by
            the ``class_weight`` of its class). None gives every sample weight 1.
        coefs_init : list of array-like, default=None
            The weights to start from, in ``coefs_``'s layout: element ``i`` of
            shape ``(n_inputs, n_units)`` of layer ``i`` (a regressor's output
            layer in its targets' units). The fit then draws no
            random start and trains them as a ``warm_start`` would, from the
            first epoch (``loss_curve_`` starts anew); ``warm_start`` is
            ignored.
        intercepts_init : list of array-like, default=None
            The biases to start from, in ``intercepts_``'s layout (zeros if
            only ``coefs_init`` is given). Must be zero with
            ``fit_intercept=False``.

        Returns
        -------
        self : object
            The fitted network.
        """
        return self._fit(
            X,
            y,
            sample_weight,
            incremental=False,
            given=(coefs_init, intercepts_init),
        )

    def hidden_activations(self, X):
        """The outputs of every hidden unit for ``X``: what each layer passes on.

        Parameters
        ----------
        X : {array-like, sparse matrix, DataFrame} of shape (n_samples, n_features)
            Input samples.

        Returns
        -------
        activations : list of ndarray
            One array of shape (n_samples, n_units of the layer) per hidden
            layer, from the input on: ``A_{l+1} = sigmoid(A_l @ coefs_[l] +
            intercepts_[l])`` with ``A_0 = X`` (an empty list without hidden
            layers).

        Examples
        --------
        >>> from sksigmoid import SigmoidNetworkClassifier
        >>> from sksigmoid.datasets import make_truth_table
        >>> X, y = make_truth_table("xor", n_inputs=2, return_X_y=True)
        >>> net = SigmoidNetworkClassifier(hidden_layer_sizes=(4,), random_state=0)
        >>> [layer.shape for layer in net.fit(X, y).hidden_activations(X)]
        [(4, 4)]
        """
        check_is_fitted(self)
        X = validate(self, X, reset=False)
        assert_finite(self, X)
        layer_inputs, _ = forward(X, self.coefs_, self.intercepts_)
        return layer_inputs[1:]

    def _starting_weights(self, coefs_init, intercepts_init, sizes, dtype):
        return network_start(
            coefs_init, intercepts_init, sizes, dtype, fit_intercept=self.fit_intercept
        )

    def _layer_sizes(self, n_features, n_outputs):
        hidden = _checked_hidden_layer_sizes(self.hidden_layer_sizes)
        return [n_features, *hidden, n_outputs]

    def _fitted_layers(self):
        return Layers(self.coefs_, self.intercepts_)

    def _set_fitted_layers(self, layers):
        self.coefs_ = layers.coefs
        self.intercepts_ = layers.intercepts
        self.n_layers_ = len(layers.coefs) + 1
        self.n_outputs_ = layers.coefs[-1].shape[1]


class SigmoidNetworkClassifier(_ClassifierUnits, _NetworkLayers):
    """Layers of sigmoid units trained by backpropagation (the generalised delta rule).

    A multilayer perceptron of the sigmoid neurons of
    :class:`SigmoidNeuronClassifier`: every hidden unit feeds the units of the
    next layer, and the output layer has one unit per output, as the neuron
    has (one for a binary target, one per class, one per label). A network of
    such units learns what a single one cannot, such as XOR. With
    ``hidden_layer_sizes=()`` it is exactly ``SigmoidNeuronClassifier``.

    Parameters
    ----------
    hidden_layer_sizes : array-like of int or int, default=(100,)
        Number of units of each hidden layer, from the input to the output, as
        in ``MLPClassifier``. An int is one hidden layer.
    loss : {"squared_error", "log_loss"}, default="squared_error"
        Loss of the output units. ``"squared_error"`` gives the tutorial's
        output error ``O (1 - O) (T - O)``; ``"log_loss"`` gives ``T - O``.
    solver : {"auto", "gd", "lbfgs", "rprop", "adam"}, default="auto"
        The step rule, as :class:`SigmoidNeuronClassifier`'s: ``"gd"`` the
        constant step of ``learning_rate`` (full batch or mini-batches),
        ``"lbfgs"`` L-BFGS and ``"rprop"`` iRprop+ on the full batch,
        ``"adam"`` Adam on mini-batches. ``"auto"`` picks ``"gd"`` for a float
        ``learning_rate``, an int ``batch_size`` smaller than the data and
        ``partial_fit``, else the rule ``learning_rate="auto"`` describes
        (``"rprop"`` or ``"adam"`` by the data's size). The rule that ran is
        ``solver_``; pinning it gives the same fit as ``"auto"`` where
        ``"auto"`` picks it. ``partial_fit`` runs ``"gd"`` only.
    learning_rate : float or "auto", default="auto"
        A float is the constant step of the delta rule (or the first step of
        L-BFGS, iRprop+ or Adam). ``"auto"`` needs no
        tuning and picks its rule by the data's size. On up to 200 rows (one
        of ``MLPClassifier``'s batches) it is iRprop+ on the full batch (Igel
        and Huesken, 2000): each weight has its own step, which grows by 1.2
        while its gradient keeps its sign and halves when the sign flips, so
        the plateaus of XOR and parity, where the gradient is small but
        steady, cannot shrink it; for ``squared_error`` the output units' error
        term adds Fahlman's flat-spot offset of 0.1 to their slope
        ``O (1 - O)`` (the neuron's is 0.01). On more rows it is Adam on mini-batches
        of 200 rows (Kingma and Ba, 2015; ``MLPClassifier``'s solver), with a
        step of 5e-3 for ``squared_error`` and 1e-2 for ``log_loss``
        (``MLPClassifier``'s is 1e-3). Both measure the first
        layer's weights for X divided by its root mean square value, so a
        model does not depend on the units of X. Dask collections, and an int
        ``batch_size`` of at least ``n_samples``, take the full-batch rule.
    alpha : float, default=1e-5
        Strength of the L2 penalty (weight decay) on the weights of every
        layer (not the biases), as :class:`SigmoidNeuronClassifier`'s: the
        training loss adds ``alpha / 2`` times their sum of squares, the first
        layer's taken for X divided by its root mean square value. The penalty
        is added to the mean loss, as in ``SGDClassifier``; ``MLPClassifier``
        adds its ``alpha`` to the summed loss, so ours equals its ``alpha``
        divided by ``n_samples``. ``0`` is the tutorial's unpenalised
        backpropagation.
    batch_size : int or "auto", default="auto"
        Rows per update. ``"auto"`` trains ``fit`` by the rule of
        ``learning_rate`` (for ``"auto"``: the full batch up to 200 rows,
        mini-batches of 200 above) and ``partial_fit`` on mini-batches of
        ``min(200, n_samples)`` rows, as ``MLPClassifier`` does. An int makes
        both take mini-batches of that many rows, in an order shuffled by
        ``random_state`` every epoch, with a constant step (``learning_rate``,
        or for ``"auto"`` its first step); ``1`` is the online delta rule. In
        ``fit``, a batch of every row is the full batch, with its rule.
    n_iter : int, default=5000
        Maximum number of epochs (full passes over the training data).
    tol : float, "auto" or None, default="auto"
        Training stops when the monitored value (the mean training loss, or
        the held-out accuracy with ``early_stopping``) has not improved by more
        than ``tol`` for ``n_iter_no_change`` epochs in a row. ``"auto"`` is
        3e-4 for Adam's epochs of many updates (``MLPClassifier``'s 1e-4
        for steps a fifth to a tenth of ours), and 1e-6
        for the full-batch rules, whose one update an epoch lowers the loss
        by 1e-6 to 1e-5 an epoch on parity's plateau before it drops (1e-4
        stopped them there). ``None`` runs exactly ``n_iter`` epochs. A fit
        that ``n_iter`` ends first warns with a ``ConvergenceWarning``.
    n_iter_no_change : int or np.inf, default=10
        Number of epochs without improvement tolerated before stopping (an
        unchanged value is no improvement), ``MLPClassifier``'s default;
        ``np.inf`` never stops for it.
    early_stopping : bool, default=False
        Hold out ``validation_fraction`` of the training data (stratified),
        stop when its accuracy stops improving, and keep the weights of the
        epoch that scored best on it.
    validation_fraction : float, default=0.1
        Share of the training data held out for early stopping.
    fit_intercept : bool, default=True
        Whether every unit, hidden or output, has a bias.
    class_weight : dict, "balanced" or None, default=None
        Weights of the classes, ``{label: weight}``, multiplied into
        ``sample_weight``. ``"balanced"`` uses
        ``n_samples / (n_classes * np.bincount(y))``.
    warm_start : bool, default=False
        Start a new ``fit`` from the weights of the previous one (the adaptive
        rule starts afresh), extending ``loss_curve_``; the classes and the
        layer sizes must not change.
    verbose : int, default=0
        Print the epoch, the training loss and the held-out score on epochs
        1-9, 10, 20, ..., 100, 200, ...; every epoch for ``verbose >= 2``.
    random_state : int, RandomState instance or None, default=None
        Seeds the initial weights, then the early-stopping split and, from
        the same state, the order of the rows in the epochs of mini-batches
        (``partial_fit``, Adam's ``fit``, or one with an int ``batch_size``):
        the epochs of an early-stopping fit are those of a fit on its
        training rows.

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
        Class labels (``arange(n_labels)`` for a multilabel target).
    coefs_ : list of ndarray
        ``coefs_[i]``, of shape (n_units of layer i, n_units of layer i + 1),
        holds the weights from layer ``i`` (layer 0 is the input) to the next,
        laid out as in ``MLPClassifier``.
    intercepts_ : list of ndarray
        ``intercepts_[i]`` holds the biases of the units of layer ``i + 1``
        (zeros when ``fit_intercept=False``).
    n_layers_ : int
        Number of layers, the input and the output layers included.
    n_outputs_ : int
        Number of output units.
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
    SigmoidNeuronClassifier : The single layer of sigmoid units.
    sklearn.neural_network.MLPClassifier : A multilayer perceptron trained by
        stochastic optimisers, with a softmax output for multiclass targets.

    Notes
    -----
    With ``A_0 = X``, layer ``l`` computes ``A_{l+1} = sigmoid(A_l W_l + b_l)``;
    the last layer's outputs ``O`` are the predictions. One epoch sends the
    error terms back from the outputs (Rumelhart et al., 1986; the Kite
    tutorial's equations):

    .. math::

        \\Delta_{out} = (T - O) \\odot O \\odot (1 - O) \\quad
        \\text{(squared error)}, \\qquad \\Delta_{out} = T - O \\quad
        \\text{(log loss)}

        \\Delta_l = A_{l+1} \\odot (1 - A_{l+1}) \\odot
        (\\Delta_{l+1} W_{l+1}^\\top)

        W_l \\leftarrow W_l + \\frac{\\eta}{n} A_l^\\top \\Delta_l, \\qquad
        b_l \\leftarrow b_l + \\frac{\\eta}{n} \\sum_i \\Delta_{l,i}

    With a float ``learning_rate`` every error term is computed from the
    weights before the epoch's update, so each epoch is one gradient-descent
    step on the mean loss; the update is a weighted mean with
    ``sample_weight``. The error terms, the sigmoid and the losses are the ones
    of :class:`SigmoidNeuronClassifier`, computed by the same code, and so is
    the penalty of ``alpha``; ``learning_rate="auto"`` steps by iRprop+ [3]_
    or, on more than 200 rows, by Adam [4]_.

    All weights start uniform in [-1, 1], the tutorials' start, drawn layer by
    layer from the input; biases start at 0. As for the neuron, training runs
    on ``X / scale`` (the largest magnitude in ``X``), which divides the
    first layer's start by ``scale`` and its step by ``scale ** 2``.

    References
    ----------
    .. [1] P. Bhagwat, "Introduction to Artificial Neural Networks in Python",
       Kite blog.
    .. [2] D. E. Rumelhart, G. E. Hinton and R. J. Williams, "Learning
       representations by back-propagating errors", Nature, 1986.
    .. [3] C. Igel and M. Huesken, "Improving the Rprop learning algorithm",
       Proceedings of the Second International ICSC Symposium on Neural
       Computation, 2000.
    .. [4] D. P. Kingma and J. Ba, "Adam: A method for stochastic
       optimization", ICLR, 2015.

    Examples
    --------
    A single sigmoid unit cannot learn XOR; four hidden units can:

    >>> from sksigmoid import SigmoidNetworkClassifier, SigmoidNeuronClassifier
    >>> from sksigmoid.datasets import make_truth_table
    >>> X, y = make_truth_table("xor", n_inputs=2, return_X_y=True)
    >>> SigmoidNeuronClassifier(random_state=0).fit(X, y).score(X, y) < 1
    True
    >>> net = SigmoidNetworkClassifier(hidden_layer_sizes=(4,), random_state=0)
    >>> net.fit(X, y).predict(X)
    array([0, 1, 1, 0])
    >>> [coef.shape for coef in net.coefs_]
    [(2, 4), (4, 1)]
    """

    def __init__(
        self,
        *,
        hidden_layer_sizes=(100,),
        loss="squared_error",
        solver="auto",
        learning_rate="auto",
        alpha=1e-5,
        batch_size="auto",
        n_iter=5000,
        tol="auto",
        n_iter_no_change=10,
        early_stopping=False,
        validation_fraction=0.1,
        fit_intercept=True,
        class_weight=None,
        warm_start=False,
        verbose=0,
        random_state=None,
    ):
        self.hidden_layer_sizes = hidden_layer_sizes
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


class SigmoidNetworkRegressor(_RegressorUnits, _NetworkLayers):
    """Hidden layers of sigmoid units and linear output units, trained by
    backpropagation on the squared error.

    The regressor of :class:`SigmoidNetworkClassifier`: the same hidden
    layers, start, step rules and stopping, with one linear output unit per
    output (its output is its margin, as ``MLPRegressor``'s identity output).
    The targets are standardized for training (each output centred and
    divided by its standard deviation) and the output layer mapped back, so
    targets in the thousands need no tuning. With ``hidden_layer_sizes=()``
    it is Widrow and Hoff's linear unit, :class:`LinearUnitRegressor`.

    Parameters
    ----------
    hidden_layer_sizes : array-like of int or int, default=(100,)
        Number of units of each hidden layer, as in ``MLPRegressor``.
    loss : {"squared_error"}, default="squared_error"
        The output units' loss, ``(t - o) ** 2 / 2`` of the standardized
        targets; its error term is the LMS rule's ``t - o``.
    solver : {"auto", "gd", "lbfgs", "rprop", "adam"}, default="auto"
        The step rule, as :class:`SigmoidNetworkClassifier`'s: ``"auto"``
        takes iRprop+ on the full batch up to 1,000 rows (the classifier's
        200: on fewer rows, iRprop+ to the penalised minimum is well above
        Adam's early stop), Adam on mini-batches of 200 above, L-BFGS
        without hidden layers, and ``"gd"`` for a float ``learning_rate``,
        an int ``batch_size`` or ``partial_fit``.
    learning_rate : float or "auto", default="auto"
        A float is the constant step (or the first step of L-BFGS, iRprop+
        or Adam); ``"auto"`` needs no tuning (see ``solver``).
    alpha : float or "auto", default="auto"
        Strength of the L2 penalty on the weights (not the biases), added to
        the mean loss as :class:`SigmoidNetworkClassifier`'s. ``"auto"`` is
        ``1 / n_samples`` for the full-batch rules, which descend to the
        penalised minimum (``MLPRegressor``'s penalty with ``alpha=1`` on
        its summed loss: it fades as the rows grow; without it, 100 hidden
        units fit the noise of a small table), and the classifier's 1e-5 for
        the others, whose tolerance stops them first. It suits noisy tables
        (diabetes, cars' MPG); on a smooth function with little noise a
        smaller ``alpha`` fits closer (a noisy sine on 200 rows: R^2 0.90 at
        ``"auto"``, 0.97 at 1e-3; ``MLPRegressor``'s 0.62).
    batch_size : int or "auto", default="auto"
        Rows per update, as :class:`SigmoidNetworkClassifier`'s; ``1`` is the
        online rule.
    n_iter : int, default=5000
        Maximum number of epochs.
    tol : float, "auto" or None, default="auto"
        Training stops when the training loss (or the held-out R^2 with
        ``early_stopping``) has not improved by more than ``tol`` for
        ``n_iter_no_change`` epochs in a row; ``None`` runs ``n_iter``.
    n_iter_no_change : int or np.inf, default=10
        Number of epochs without improvement tolerated before stopping.
    early_stopping : bool, default=False
        Hold out ``validation_fraction`` of the training data, stop when its
        R^2 stops improving, and keep the weights of the epoch that scored
        best on it.
    validation_fraction : float, default=0.1
        Share of the training data held out for early stopping.
    fit_intercept : bool, default=True
        Whether every unit has a bias (without biases, the targets are
        scaled but not centred).
    warm_start : bool, default=False
        Start a new ``fit`` from the weights of the previous one; the number
        of outputs and the layer sizes must not change.
    verbose : int, default=0
        Print the epoch, the training loss and the held-out score.
    random_state : int, RandomState instance or None, default=None
        Seeds the initial weights, the early-stopping split and the order of
        the rows of mini-batches.

    Attributes
    ----------
    coefs_ : list of ndarray
        ``coefs_[i]``, of shape (n_units of layer i, n_units of layer i + 1),
        the weights from layer ``i`` to the next, as in ``MLPRegressor``; the
        output layer's in the targets' units.
    intercepts_ : list of ndarray
        ``intercepts_[i]``, the biases of the units of layer ``i + 1``.
    n_layers_ : int
        Number of layers, the input and the output layers included.
    n_outputs_ : int
        Number of outputs.
    solver_ : str
        The step rule of the last fit or ``partial_fit`` call.
    n_iter_ : int
        Number of epochs run, over all warm-started fits.
    loss_curve_ : list of float
        Mean training loss of the standardized targets (weighted by
        ``sample_weight``), plus the penalty, at the start of each epoch.
    validation_scores_ : list of float or None
        Held-out R^2 after each epoch with ``early_stopping``, else None.
    best_validation_score_ : float or None
        Held-out R^2 of the weights kept with ``early_stopping``, else None.
    validation_loss_curve_ : list of float or None
        Held-out mean squared error of the standardized targets after each
        epoch with ``early_stopping``, else None.
    n_features_in_ : int
        Number of features seen during fit.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Names of the features seen during fit, when ``X`` has string column
        names.

    See Also
    --------
    LinearUnitRegressor : The linear unit alone (ADALINE).
    SigmoidNetworkClassifier : The network of sigmoid output units.
    sklearn.neural_network.MLPRegressor : A multilayer perceptron regressor.

    Notes
    -----
    With ``A_0 = X``, hidden layer ``l`` computes
    ``A_{l+1} = sigmoid(A_l W_l + b_l)`` and the output layer
    ``O = A_L W_L + b_L``. The output error term is ``T - O`` (the LMS rule),
    sent back through the hidden layers as
    :class:`SigmoidNetworkClassifier`'s, on the standardized targets ``T``.

    Examples
    --------
    >>> from sklearn.datasets import load_diabetes
    >>> from sksigmoid import SigmoidNetworkRegressor
    >>> X, y = load_diabetes(return_X_y=True)
    >>> reg = SigmoidNetworkRegressor(random_state=0).fit(X[:300], y[:300])
    >>> reg.solver_
    'rprop'
    >>> reg.score(X[300:], y[300:]) > 0.45
    True
    >>> reg.predict(X[300:303]).shape
    (3,)
    """

    _parameter_constraints = {
        **_refuses_class_weight(_NetworkLayers._parameter_constraints),
        "loss": [StrOptions({"squared_error"})],
        "alpha": [Interval(Real, 0, None, closed="left"), StrOptions({"auto"})],
    }

    def __init__(
        self,
        *,
        hidden_layer_sizes=(100,),
        loss="squared_error",
        solver="auto",
        learning_rate="auto",
        alpha="auto",
        batch_size="auto",
        n_iter=5000,
        tol="auto",
        n_iter_no_change=10,
        early_stopping=False,
        validation_fraction=0.1,
        fit_intercept=True,
        warm_start=False,
        verbose=0,
        random_state=None,
    ):
        self.hidden_layer_sizes = hidden_layer_sizes
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
        self.warm_start = warm_start
        self.verbose = verbose
        self.random_state = random_state

    def _output_loss(self):
        return LINEAR_SQUARED_ERROR
