"""The playground's Python core: a unit's training, one step at a time.

Every state is the package's own: the model after ``k`` epochs is the fit with
``n_iter=k, tol=None`` from the same start (a fit of ``k`` epochs is the model a
longer fit has after ``k``), and the weights part way through an online epoch
are those after the last whole epoch plus the changes of the rows visited since,
as :func:`sksigmoid.trace` writes them. The playground computes no update of
its own.
"""

import copy
import warnings

import numpy as np
from sklearn.base import clone
from sklearn.exceptions import ConvergenceWarning
from sklearn.metrics import log_loss, zero_one_loss

from sksigmoid._threshold_unit import ThresholdUnit
from sksigmoid._trace import trace


class Playground:
    """Train a unit or a small network step by step, as a class watches.

    The front ends (the page served by ``sksigmoid playground``, a notebook)
    drive this object: each action refits the estimator from the same start
    for the epochs reached, so that every state equals a fit of the package.

    Parameters
    ----------
    estimator : estimator
        An unfitted :class:`~sksigmoid.ThresholdUnit`,
        :class:`~sksigmoid.AdalineClassifier`,
        :class:`~sksigmoid.SigmoidNeuronClassifier` or
        :class:`~sksigmoid.SigmoidNetworkClassifier`, for binary targets. Its
        ``n_iter`` and ``tol`` are set by the playground (``tol=None``: the
        playground, not a stopping rule, decides when training stops).
    X : array-like of shape (n_samples, 2)
        Training data (two features, to draw; more are accepted).
    y : array-like of shape (n_samples,)
        Binary training labels.
    X_test, y_test : array-like, default=None
        Held-out data, scored after every step beside the training data (for
        example the second part of ``train_test_split``).

    Attributes
    ----------
    estimator_ : estimator or None
        The model at the current state: a fitted estimator whose weights are
        those reached. None at epoch 0 when the start cannot be read (a
        network, or a unit whose rule ``trace`` does not follow).
    epoch_ : int
        Whole epochs trained since the start.
    sample_ : int
        Rows of the current epoch visited by :meth:`step_sample` (0 after a
        whole epoch).
    loss_curve_ : list of float
        The fit's own ``loss_curve_`` (training loss after each epoch).
    scores_ : list of dict
        After each action: ``epoch`` (fractional part way through an epoch),
        ``train`` and ``test`` losses (log loss of ``predict_proba``, or the
        error rate of a unit without probabilities), ``test`` None without
        held-out data.
    last_step_ : dict or None
        The trace row of the last sample visited by :meth:`step_sample`.
    message_ : str or None
        What the last action could not do as asked (a full-batch rule's
        sample step is a whole epoch).

    Examples
    --------
    >>> from sksigmoid import ThresholdUnit
    >>> from sksigmoid.datasets import make_playground
    >>> from sksigmoid.playground import Playground
    >>> X, y = make_playground("gauss", n_samples=40, random_state=0, return_X_y=True)
    >>> playground = Playground(ThresholdUnit(random_state=0), X, y)
    >>> playground.step_sample().step_epoch().epoch_
    1
    >>> playground.run(4).epoch_
    5
    """

    def __init__(self, estimator, X, y, *, X_test=None, y_test=None):
        self.estimator = estimator
        self.X = np.asarray(X, dtype=float)
        self.y = np.asarray(y)
        self.X_test = None if X_test is None else np.asarray(X_test, dtype=float)
        self.y_test = None if y_test is None else np.asarray(y_test)
        self._given_start = None
        self.reset()

    @property
    def is_network(self):
        """Whether the estimator has hidden layers (no weights to type)."""
        return bool(getattr(self.estimator, "hidden_layer_sizes", ()))

    @property
    def is_online(self):
        """Whether the rule updates after each row (a sample step is a row)."""
        return isinstance(self.estimator, ThresholdUnit) or (
            not self.is_network and self.estimator.get_params().get("batch_size") == 1
        )

    def reset(self):
        """Go back to the estimator's own start (its ``random_state``'s draw).

        Returns
        -------
        self : Playground
        """
        self._given_start = None
        return self._restart()

    def set_weights(self, coef, intercept=0.0):
        """Start again from typed weights (a single unit only).

        Later epochs continue from them: the fits get ``coef_init`` and
        ``intercept_init``.

        Parameters
        ----------
        coef : array-like of shape (n_features,)
            The weights to start from.
        intercept : float, default=0.0
            The bias to start from.

        Returns
        -------
        self : Playground
        """
        if self.is_network:
            raise ValueError(
                "the playground types the weights of a single unit; a network "
                "starts from its random_state's draw."
            )
        coef = np.asarray(coef, dtype=float).reshape(-1)
        if coef.shape[0] != self.X.shape[1]:
            raise ValueError(
                f"coef has {coef.shape[0]} weights; X has {self.X.shape[1]} features."
            )
        self._given_start = (coef, float(intercept))
        return self._restart()

    def step_sample(self):
        """Visit one row with the online rule, as ``trace`` writes it.

        A full-batch rule (or one ``trace`` does not follow) updates once an
        epoch: its sample step is the whole epoch, and ``message_`` says so.
        After typed weights, a sample step of an online rule is refused:
        ``trace`` follows the estimator's own start.

        Returns
        -------
        self : Playground
        """
        traced = self._given_start is not None or self._start_weights() is not None
        if not (self.is_online and traced):
            self.step_epoch()
            self.message_ = (
                "this rule updates once per epoch (the full batch), or trace does "
                "not follow it: one sample step is the whole epoch."
            )
            return self
        if self._given_start is not None:
            raise ValueError(
                "a sample step follows trace, which starts from the estimator's "
                "own start: press Reset, or step whole epochs from typed weights."
            )
        n_samples = self.X.shape[0]
        rows = self._trace_rows(self.epoch_ + 1)
        position = self.epoch_ * n_samples + self.sample_
        coef, intercept = self._start_weights()
        changes = rows.iloc[: position + 1]
        coef = coef + changes[self._delta_columns()].to_numpy().sum(axis=0)
        if "delta_b" in changes:
            intercept = intercept + float(changes["delta_b"].sum())
        self.sample_ += 1
        self.last_step_ = {
            name: int(value) if name in ("epoch", "sample") else float(value)
            for name, value in rows.iloc[position].items()
        }
        self.message_ = None
        if self.sample_ == n_samples:
            # The epoch's last row: the state is the fit's, with its loss curve.
            return self._go_to_epoch(self.epoch_ + 1, keep_last_step=True)
        self.estimator_ = self._with_weights(self._template(), coef, intercept)
        self._score()
        return self

    def step_epoch(self):
        """Finish the current epoch (or train a whole one).

        Returns
        -------
        self : Playground
        """
        return self.run(1)

    def run(self, n_epochs):
        """Train ``n_epochs`` more epochs (the rest of the current one first).

        Parameters
        ----------
        n_epochs : int
            Epochs to train.

        Returns
        -------
        self : Playground
        """
        if n_epochs < 1:
            raise ValueError(f"n_epochs must be at least 1; got {n_epochs}.")
        self.message_ = None
        return self._go_to_epoch(self.epoch_ + n_epochs)

    def state(self):
        """The current state, ready for JSON: what the front ends draw.

        Returns
        -------
        state : dict
            ``estimator`` (its repr), ``epoch``, ``sample``, ``n_samples``,
            ``online``, ``network``, ``coefs`` and ``intercepts`` (one list per
            layer, in scikit-learn's ``coefs_`` layout: inputs by units; None
            before the first epoch when the start cannot be read),
            ``loss_curve``, ``scores``, ``last_step``, ``message`` and
            ``misclassified`` (the training rows the model gets wrong).
        """
        model = self.estimator_
        coefs = intercepts = misclassified = None
        if model is not None:
            if hasattr(model, "coefs_"):
                coefs, intercepts = model.coefs_, model.intercepts_
            else:
                coefs, intercepts = [model.coef_.T], [np.ravel(model.intercept_)]
            coefs = [np.asarray(c).tolist() for c in coefs]
            intercepts = [np.asarray(b).tolist() for b in intercepts]
            misclassified = (model.predict(self.X) != self.y).tolist()
        return {
            "estimator": repr(self.estimator),
            "epoch": self.epoch_,
            "sample": self.sample_,
            "n_samples": int(self.X.shape[0]),
            "online": self.is_online,
            "network": self.is_network,
            "coefs": coefs,
            "intercepts": intercepts,
            "loss_curve": [float(v) for v in self.loss_curve_],
            "scores": list(self.scores_),
            "last_step": self.last_step_,
            "message": self.message_,
            "misclassified": misclassified,
        }

    def surface(self, grid_resolution=40):
        """The model's probability of the second class over a grid of the two
        features, and each hidden unit's activation there (a network).

        Parameters
        ----------
        grid_resolution : int, default=40
            Points along each axis.

        Returns
        -------
        surface : dict
            ``x1`` and ``x2`` (the axes), ``proba`` (``proba[i][j]`` at
            ``(x1[j], x2[i])``, a row per ``x2``) and ``hidden`` (per hidden
            layer, per unit, a grid alike); ``proba`` None without a model.
        """
        low = self.X.min(axis=0) - 0.5
        high = self.X.max(axis=0) + 0.5
        x1 = np.linspace(low[0], high[0], grid_resolution)
        x2 = np.linspace(low[1], high[1], grid_resolution)
        grid_x1, grid_x2 = np.meshgrid(x1, x2)
        points = np.column_stack([grid_x1.ravel(), grid_x2.ravel()])
        shape = (grid_resolution, grid_resolution)
        surface = {"x1": x1.tolist(), "x2": x2.tolist(), "proba": None, "hidden": []}
        model = self.estimator_
        if model is None:
            return surface
        if hasattr(model, "predict_proba"):
            values = model.predict_proba(points)[:, 1]
        else:
            values = model.predict(points) == model.classes_[1]
        surface["proba"] = np.asarray(values, dtype=float).reshape(shape).tolist()
        if self.is_network:
            surface["hidden"] = [
                [
                    layer[:, unit].reshape(shape).tolist()
                    for unit in range(layer.shape[1])
                ]
                for layer in model.hidden_activations(points)
            ]
        return surface

    def _restart(self):
        self.epoch_ = 0
        self.sample_ = 0
        self.loss_curve_ = []
        self.scores_ = []
        self.last_step_ = None
        self.message_ = None
        self._trace_cache = None
        self._one_epoch_fit = None
        start = self._start_weights()
        self.estimator_ = None
        if start is not None:
            self.estimator_ = self._with_weights(self._template(), *start)
            self._score()
        return self

    def _fit(self, n_epochs):
        """The package's fit of ``n_epochs`` epochs from the start."""
        model = clone(self.estimator).set_params(n_iter=n_epochs, tol=None)
        given = {}
        if self._given_start is not None:
            coef, intercept = self._given_start
            given = {"coef_init": coef, "intercept_init": [intercept]}
        with warnings.catch_warnings():
            # The playground stops the fit on purpose, at the epoch reached.
            warnings.simplefilter("ignore", ConvergenceWarning)
            return model.fit(self.X, self.y, **given)

    def _template(self):
        """A fitted model to copy weights into (the one-epoch fit, cached)."""
        if self._one_epoch_fit is None:
            self._one_epoch_fit = self._fit(1)
        return self._one_epoch_fit

    def _go_to_epoch(self, epoch, keep_last_step=False):
        self.estimator_ = self._fit(epoch)
        self.epoch_, self.sample_ = epoch, 0
        self.loss_curve_ = list(self.estimator_.loss_curve_)
        if not keep_last_step:
            self.last_step_ = None
        self._score()
        return self

    def _trace_rows(self, n_epochs):
        """The trace of the estimator's fit, cached and extended as needed."""
        cached = self._trace_cache
        if cached is None or cached["epoch"].iloc[-1] < n_epochs:
            # Ahead by a few epochs: each trace starts again from the start.
            cached = trace(self.estimator, self.X, self.y, n_epochs=n_epochs + 4)
            self._trace_cache = cached
        return cached

    def _delta_columns(self):
        return [f"delta_w{i + 1}" for i in range(self.X.shape[1])]

    def _start_weights(self):
        """The start's weights and bias: typed, or read back from the trace
        (the one-epoch fit less the first epoch's changes); None if no trace
        follows the rule."""
        if self._given_start is not None:
            return self._given_start
        if self.is_network:
            return None
        try:
            rows = self._trace_rows(1)
        except ValueError:
            return None
        first_epoch = rows[rows["epoch"] == 1]
        fitted = self._template()
        coef = (
            fitted.coef_.ravel() - first_epoch[self._delta_columns()].sum().to_numpy()
        )
        intercept = float(np.ravel(fitted.intercept_)[0])
        if "delta_b" in first_epoch:
            intercept -= float(first_epoch["delta_b"].sum())
        return coef, intercept

    @staticmethod
    def _with_weights(fitted, coef, intercept):
        """A copy of a fitted single unit with the given weights."""
        model = copy.deepcopy(fitted)
        model.coef_ = np.asarray(coef, dtype=float).reshape(1, -1)
        model.intercept_ = np.array([float(intercept)])
        return model

    def _loss(self, X, y):
        model = self.estimator_
        if hasattr(model, "predict_proba"):
            return float(log_loss(y, model.predict_proba(X), labels=model.classes_))
        return float(zero_one_loss(y, model.predict(X)))

    def _score(self):
        test = None
        if self.X_test is not None:
            test = self._loss(self.X_test, self.y_test)
        self.scores_.append(
            {
                "epoch": self.epoch_ + self.sample_ / self.X.shape[0],
                "train": self._loss(self.X, self.y),
                "test": test,
            }
        )
