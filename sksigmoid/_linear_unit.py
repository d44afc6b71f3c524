"""Widrow and Hoff's linear unit (ADALINE): LinearUnitRegressor and
AdalineClassifier.

The unit between Rosenblatt's perceptron and the sigmoid neuron: a linear
output ``o = x @ w + b`` trained by the least-mean-squares rule
``w += eta (t - o) x``, the delta rule of a unit whose slope is 1. It is
trained as the sigmoid units are (``_sigmoid_units._SigmoidUnits``: the
same step rules, start, penalty and stopping), with the squared error of a
linear output: on standardized quantities as a regressor, on classes coded
-1/+1 as a classifier, which then thresholds the output at 0.
"""

import numpy as np
from sklearn.utils._param_validation import StrOptions

from sksigmoid._engine._layers import Layers
from sksigmoid._engine._math import LINEAR_SQUARED_ERROR, SIGNED_SQUARED_ERROR
from sksigmoid._sigmoid_units import _SigmoidUnits
from sksigmoid._slope import _SlopeProbabilities
from sksigmoid._tasks import _ClassifierUnits, _refuses_class_weight, _RegressorUnits

_COMMON_PARAMETERS = """
    solver : {"auto", "gd", "lbfgs", "rprop", "adam"}, default="auto"
        The step rule: ``"gd"`` is Widrow and Hoff's rule with the constant
        step ``learning_rate``, on the full batch, mini-batches of
        ``batch_size`` rows, or row by row (``batch_size=1``: the LMS rule
        as Widrow and Hoff ran it); ``"lbfgs"`` L-BFGS and ``"rprop"``
        iRprop+ on the full batch; ``"adam"`` Adam on mini-batches.
        ``"auto"`` takes L-BFGS on the full batch (the squared error of a
        linear unit is a quadratic, which L-BFGS descends in tens of
        epochs, where the constant step needs thousands on correlated
        columns), and ``"gd"`` for a float ``learning_rate``, an int
        ``batch_size`` or ``partial_fit``. The rule that ran is ``solver_``.
    learning_rate : float or "auto", default="auto"
        A float is the rule's constant step ``eta`` (or the first step of
        L-BFGS, iRprop+ or Adam). ``"auto"`` is the stable step the data
        set, the inverse of the largest eigenvalue of the inputs' second
        moments (Widrow and Hoff's bound on the LMS step).
    alpha : float, default=1e-4
        Strength of the L2 penalty on the weights (not the bias), added to
        the mean loss as ``SGDRegressor``'s, for X divided by its root mean
        square value. ``0`` is the classic unpenalised rule.
    batch_size : int or "auto", default="auto"
        Rows per update: ``"auto"`` is the full batch in ``fit`` and
        mini-batches of ``min(200, n_samples)`` rows in ``partial_fit``; an
        int takes mini-batches of that many rows in an order shuffled by
        ``random_state`` every epoch, with a constant step; ``1`` is the
        online LMS rule.
    n_iter : int, default=1000
        Maximum number of epochs, as ``SGDRegressor``'s ``max_iter``.
    tol : float, "auto" or None, default="auto"
        Training stops when the training loss (or the held-out score with
        ``early_stopping``) has not improved by more than ``tol`` for
        ``n_iter_no_change`` epochs in a row. ``"auto"`` is the sigmoid
        neuron's (1e-6 or 5e-4 of the loss for L-BFGS, after 3 epochs).
        ``None`` runs exactly ``n_iter`` epochs.
    n_iter_no_change : int or np.inf, default=5
        Number of epochs without improvement tolerated before stopping.
    early_stopping : bool, default=False
        Hold out ``validation_fraction`` of the training data, stop when its
        score stops improving, and keep the weights that scored best on it.
    validation_fraction : float, default=0.1
        Share of the training data held out for early stopping.
    fit_intercept : bool, default=True
        Whether the unit has a bias."""

_LAST_PARAMETERS = """
    warm_start : bool, default=False
        Start a new ``fit`` from the weights of the previous one.
    verbose : int, default=0
        Print the epoch, the training loss and the held-out score.
    random_state : int, RandomState instance or None, default=None
        Seeds the initial weights (uniform in [-1, 1], divided by X's largest
        magnitude), the early-stopping split and the order of the rows of
        mini-batches."""


class _LinearUnit(_SigmoidUnits):
    """The linear unit's parameters and start: a single layer trained by the
    delta rule of a linear output."""

    _parameter_constraints = {
        name: rule
        for name, rule in _SigmoidUnits._parameter_constraints.items()
        if name != "loss"
    }

    def _loss_name(self):
        return "squared_error"


class LinearUnitRegressor(_RegressorUnits, _LinearUnit):
    __doc__ = (
        """Widrow and Hoff's linear unit (ADALINE) as a regressor: the LMS rule.

    One linear unit per output, ``o = x @ w + b``, trained on the squared
    error by the least-mean-squares rule ``w += eta (t - o) x`` (Widrow and
    Hoff, 1960), online, in mini-batches or on the full batch, or by L-BFGS
    on the same loss (the default). The targets are standardized for
    training and ``coef_`` and ``intercept_`` mapped back to their units, so
    ``predict(X) == X @ coef_.T + intercept_``. It is
    ``SigmoidNetworkRegressor(hidden_layer_sizes=())`` with ADALINE's
    defaults.

    Parameters
    ----------"""
        + _COMMON_PARAMETERS
        + _LAST_PARAMETERS
        + """

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,) or (n_outputs, n_features)
        The weights, in the targets' units.
    intercept_ : ndarray of shape (1,) or (n_outputs,)
        The biases, in the targets' units.
    solver_ : str
        The step rule of the last fit or ``partial_fit`` call.
    n_iter_ : int
        Number of epochs run, over all warm-started fits.
    loss_curve_ : list of float
        Mean training loss of the standardized targets, plus the penalty, at
        the start of each epoch.
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
    AdalineClassifier : The same unit on classes coded -1/+1.
    SigmoidNetworkRegressor : Hidden sigmoid layers before linear outputs.
    sklearn.linear_model.SGDRegressor : The LMS rule among other losses.

    References
    ----------
    .. [1] B. Widrow and M. E. Hoff, "Adaptive switching circuits", IRE
       WESCON Convention Record, 1960.

    Examples
    --------
    >>> import numpy as np
    >>> from sksigmoid import LinearUnitRegressor
    >>> X = np.array([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [2.0, 1.0]])
    >>> y = 3 * X[:, 0] - 2 * X[:, 1] + 1
    >>> reg = LinearUnitRegressor(alpha=0, random_state=0).fit(X, y)
    >>> reg.coef_.round(3), reg.intercept_.round(3)
    (array([ 3., -2.]), array([1.]))
    """
    )

    _parameter_constraints = {
        **_refuses_class_weight(_LinearUnit._parameter_constraints),
        "loss": [StrOptions({"squared_error"})],
    }

    def __init__(
        self,
        *,
        loss="squared_error",
        solver="auto",
        learning_rate="auto",
        alpha=1e-4,
        batch_size="auto",
        n_iter=1000,
        tol="auto",
        n_iter_no_change=5,
        early_stopping=False,
        validation_fraction=0.1,
        fit_intercept=True,
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
        self.warm_start = warm_start
        self.verbose = verbose
        self.random_state = random_state

    def _output_loss(self):
        return LINEAR_SQUARED_ERROR

    def _fitted_layers(self):
        return Layers([np.atleast_2d(self.coef_).T], [self.intercept_])

    def _set_fitted_layers(self, layers):
        super()._set_fitted_layers(layers)
        if self._target_type == "continuous":
            # One output: one weight per feature, as SGDRegressor's coef_.
            self.coef_ = self.coef_.ravel()


class AdalineClassifier(_SlopeProbabilities, _ClassifierUnits, _LinearUnit):
    __doc__ = (
        """Widrow and Hoff's ADALINE: a linear unit trained on classes coded
    -1/+1 by the LMS rule, thresholded at 0.

    Where Rosenblatt's :class:`ThresholdUnit` learns from the thresholded
    output and stops at the first line that separates the classes, ADALINE
    learns from the linear output ``o = x @ w + b`` itself, by the
    least-mean-squares rule ``w += eta (t - o) x`` with ``t`` = -1 or +1,
    and converges to the least-squares line, separable data or not (Widrow
    and Hoff, 1960). A binary target has one unit, predicting the second
    class where ``o > 0``; a multiclass one has a unit per class (one
    against the rest) and predicts the largest output; a multilabel one a
    unit per label. ``predict_proba`` is :class:`ThresholdUnit`'s: the
    sigmoid (softmax for several classes) of the outputs times a slope
    fitted after training, so ``argmax(predict_proba) == predict``.

    Parameters
    ----------"""
        + _COMMON_PARAMETERS
        + """
    class_weight : dict, "balanced" or None, default=None
        Weights of the classes, ``{label: weight}``, multiplied into
        ``sample_weight``; ``"balanced"`` uses
        ``n_samples / (n_classes * np.bincount(y))``."""
        + _LAST_PARAMETERS
        + """

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
        Class labels (``arange(n_labels)`` for a multilabel target).
    coef_ : ndarray of shape (n_units, n_features)
        The weights: one row for a binary target, one per class or label.
    intercept_ : ndarray of shape (n_units,)
        The biases.
    probability_slope_ : float or ndarray of shape (n_labels,)
        The slope of ``predict_proba``'s link (one per label for a
        multilabel target).
    solver_ : str
        The step rule of the last fit or ``partial_fit`` call.
    n_iter_ : int
        Number of epochs run, over all warm-started fits.
    loss_curve_ : list of float
        Mean training loss ``(t - o) ** 2 / 2`` plus the penalty, at the start
        of each epoch.
    validation_scores_ : list of float or None
        Held-out accuracy after each epoch with ``early_stopping``, else None.
    best_validation_score_ : float or None
        Held-out accuracy of the weights kept with ``early_stopping``, else
        None.
    validation_loss_curve_ : list of float or None
        Held-out mean squared error of the outputs against -1/+1 after each
        epoch with ``early_stopping``, else None.
    n_features_in_ : int
        Number of features seen during fit.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Names of the features seen during fit, when ``X`` has string column
        names.

    See Also
    --------
    ThresholdUnit : Rosenblatt's perceptron rule on the thresholded output.
    LinearUnitRegressor : The same unit on quantities.
    sklearn.linear_model.RidgeClassifier : The least-squares classifier in
        closed form.

    References
    ----------
    .. [1] B. Widrow and M. E. Hoff, "Adaptive switching circuits", IRE
       WESCON Convention Record, 1960.

    Examples
    --------
    >>> from sksigmoid import AdalineClassifier
    >>> from sksigmoid.datasets import make_truth_table
    >>> X, y = make_truth_table("and", n_inputs=2, return_X_y=True)
    >>> clf = AdalineClassifier(random_state=0).fit(X, y)
    >>> clf.predict(X)
    array([0, 0, 0, 1])
    """
    )

    def __init__(
        self,
        *,
        solver="auto",
        learning_rate="auto",
        alpha=1e-4,
        batch_size="auto",
        n_iter=1000,
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

    def _output_loss(self):
        return SIGNED_SQUARED_ERROR

    def _held_out_loss_name(self):
        return "signed_squared_error"

    def _check_cluster_fit(self):
        raise TypeError(
            f"{type(self).__name__} cannot fit a dask collection in one call: "
            "its probability slope is fitted on rows in memory. Stream the "
            "blocks through partial_fit, for example with "
            "dask_ml.wrappers.Incremental."
        )

    def _after_training(self, data, plan):
        super()._after_training(data, plan)
        self._fit_probability_slope(data)
