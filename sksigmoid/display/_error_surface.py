"""ErrorSurfaceDisplay: the loss of one unit over a plane of two of its weights."""

import numpy as np
from sklearn.utils._optional_dependencies import check_matplotlib_support
from sklearn.utils.validation import check_is_fitted

from sksigmoid._engine._math import perceptron_loss
from sksigmoid._threshold_unit import ThresholdUnit
from sksigmoid.display._epochs import record_epochs

_TAKES = (
    "a fitted single unit with one output: a binary SigmoidNeuronClassifier, "
    "ThresholdUnit or AdalineClassifier, or a LinearUnitRegressor of a 1-D target"
)


def _checked_unit(estimator):
    """The weights ``(w, b)`` of a single unit with one output, or a ValueError."""
    check_is_fitted(estimator)
    name = type(estimator).__name__
    if hasattr(estimator, "coefs_") or not hasattr(estimator, "coef_"):
        raise ValueError(f"ErrorSurfaceDisplay takes {_TAKES}; got a {name}.")
    coef = np.atleast_2d(np.asarray(estimator.coef_, dtype=float))
    classes = getattr(estimator, "classes_", None)
    if coef.shape[0] != 1 or (classes is not None and len(classes) != 2):
        raise ValueError(
            f"ErrorSurfaceDisplay takes {_TAKES}; got a {name} with "
            f"{coef.shape[0]} output units."
        )
    intercept = float(np.ravel(np.asarray(estimator.intercept_, dtype=float))[0])
    return coef[0].copy(), intercept


def _unit_targets(estimator, y):
    """The targets the unit learns: 1 for the second class, else 0 (a
    regressor's as given)."""
    y = np.asarray(y)
    classes = getattr(estimator, "classes_", None)
    if classes is None:
        return y.astype(float).ravel()
    return (y == classes[1]).astype(float)


def _mean_losses(estimator, targets, margins):
    """The mean loss of the unit for each column of ``margins`` (one column
    per grid point), without the penalty."""
    targets = targets[:, np.newaxis]
    if isinstance(estimator, ThresholdUnit):
        return perceptron_loss(targets, margins).mean(axis=0)
    loss = estimator._output_loss()
    return loss.value(targets, margins, loss.outputs(margins)).mean(axis=0)


def _grid_axis(values, margin, grid_resolution):
    """``grid_resolution`` points spanning ``values`` and ``margin`` times
    their range on each side (1 when they all agree)."""
    low, high = float(np.min(values)), float(np.max(values))
    pad = margin * (high - low) if high > low else 1.0
    return np.linspace(low - pad, high + pad, grid_resolution)


class ErrorSurfaceDisplay:
    """The mean loss of a single unit over a grid of two of its weights.

    The other weights and the bias stay at their fitted values; the loss is
    the estimator's own, without its penalty, on the raw ``X``: the squared
    error ``mean((t - o)**2) / 2`` or the log loss
    ``mean(logaddexp(0, -(2t - 1) z))`` of a sigmoid unit's output ``o``, the
    squared error ``mean((t - z)**2) / 2`` of a linear unit (ADALINE's ``t``
    coded -1/+1), the perceptron criterion ``mean(max(0, -(2t - 1) z))`` of a
    threshold unit. The squared error is halved as the package's ``loss`` and
    ``loss_curve_`` halve it, so the surface's values are those of the curve.
    The path of the fit, the two weights after each epoch, is drawn on it: on
    the squared error of a sigmoid unit it crosses the flat plateau where the
    unit is saturated, where the log loss is a bowl.

    It is recommended to use :meth:`ErrorSurfaceDisplay.from_estimator` to
    create a display. All parameters are stored as attributes.

    Parameters
    ----------
    weight_grid : tuple of two ndarray
        The values of the two weights along each side of the grid.
    loss : ndarray of shape (len(weight_grid[0]), len(weight_grid[1]))
        ``loss[i, j]`` is the mean loss at ``(weight_grid[0][i],
        weight_grid[1][j])``.
    path : ndarray of shape (n_epochs, 2)
        The two weights after each epoch of the fit.
    fitted_weights : ndarray of shape (2,)
        The two weights of the fitted estimator.
    weights : tuple of two int
        The indices in ``coef_`` of the two weights.
    loss_name : str
        Name of the loss, for the colour bar.

    Attributes
    ----------
    weight_grid_, loss_, path_, fitted_weights_ : as the parameters
    contour_ : matplotlib QuadContourSet
        The filled contours of the loss.
    path_line_ : matplotlib Line2D
        The path of the fit.
    fitted_marker_ : matplotlib Line2D
        The fitted point.
    ax_ : matplotlib Axes
        Axes with the surface.
    figure_ : matplotlib Figure
        Figure containing the surface.

    See Also
    --------
    TrainingDisplay : The boundary and the loss curve along a fit.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> from sksigmoid import SigmoidNeuronClassifier
    >>> from sksigmoid.datasets import make_truth_table
    >>> from sksigmoid.display import ErrorSurfaceDisplay
    >>> X, y = make_truth_table("or", n_inputs=2, return_X_y=True)
    >>> neuron = SigmoidNeuronClassifier(random_state=0).fit(X, y)
    >>> display = ErrorSurfaceDisplay.from_estimator(neuron, X, y, grid_resolution=20)
    >>> display.loss_.shape
    (20, 20)
    >>> bool((display.path_[-1] == neuron.coef_.ravel()[:2]).all())
    True
    >>> plt.close(display.figure_)
    """

    def __init__(self, weight_grid, loss, path, fitted_weights, weights, loss_name):
        self.weight_grid_ = weight_grid
        self.loss_ = loss
        self.path_ = path
        self.fitted_weights_ = fitted_weights
        self.weights = weights
        self.loss_name = loss_name

    def plot(self, ax=None, *, levels=20, cmap="viridis"):
        """Draw the filled contours of the loss, the path and the fitted point.

        Parameters
        ----------
        ax : matplotlib Axes, default=None
            Axes to draw on; None creates a figure.
        levels : int or array-like, default=20
            Contour levels, as ``contourf`` takes them.
        cmap : str or matplotlib Colormap, default="viridis"
            Colormap of the loss.

        Returns
        -------
        display : ErrorSurfaceDisplay
            The display, its artists stored.
        """
        check_matplotlib_support("ErrorSurfaceDisplay.plot")
        import matplotlib.pyplot as plt

        if ax is None:
            _, ax = plt.subplots(figsize=(4.6, 3.8), layout="constrained")
        grid0, grid1 = self.weight_grid_
        # loss_[i, j] is indexed (first weight, second weight): contourf wants
        # rows along the vertical axis, the second weight.
        self.contour_ = ax.contourf(grid0, grid1, self.loss_.T, levels, cmap=cmap)
        ax.figure.colorbar(self.contour_, ax=ax, label=self.loss_name)
        path = np.asarray(self.path_, dtype=float).reshape(-1, 2)
        (self.path_line_,) = ax.plot(
            path[:, 0], path[:, 1], ".-", color="w", lw=1, ms=4, label="path"
        )
        (self.fitted_marker_,) = ax.plot(
            *self.fitted_weights_, "*", color="tab:red", ms=12, label="fitted"
        )
        first, second = self.weights
        ax.set(xlabel=f"coef_[{first}]", ylabel=f"coef_[{second}]")
        ax.legend(loc="upper right", fontsize=8)
        self.ax_ = ax
        self.figure_ = ax.figure
        return self

    @classmethod
    def from_estimator(
        cls,
        estimator,
        X,
        y,
        weights=(0, 1),
        grid_resolution=50,
        *,
        margin=0.5,
        fit_params=None,
        ax=None,
        **kwargs,
    ):
        """Compute the loss surface of a fitted unit and the path of its fit.

        The path comes from one refit of a clone of ``estimator`` on ``X, y``
        with scikit-learn's callbacks (scikit-learn 1.9 or later), which hand
        over the model after every epoch; without them, from a fresh fit with
        ``n_iter=k`` and ``tol=None`` for each ``k`` up to the fit's
        ``n_iter_``. Either way its last point is the fitted weights when the
        estimator's ``random_state`` is fixed and ``fit_params`` are those of
        its fit.

        Parameters
        ----------
        estimator : estimator
            A fitted single unit with one output: a binary
            :class:`~sksigmoid.SigmoidNeuronClassifier`,
            :class:`~sksigmoid.ThresholdUnit` or
            :class:`~sksigmoid.AdalineClassifier`, or a
            :class:`~sksigmoid.LinearUnitRegressor` of a 1-D target.
        X : array-like of shape (n_samples, n_features)
            The data the loss is measured on (the training data, for the path).
        y : array-like of shape (n_samples,)
            Its target.
        weights : tuple of two int, default=(0, 1)
            The indices in ``coef_`` of the two weights that vary.
        grid_resolution : int, default=50
            Points along each side of the grid.
        margin : float, default=0.5
            The grid spans the path and the fitted point and this share of
            their range on each side.
        fit_params : dict, default=None
            Passed to the refit of the path: the ``coef_init`` and
            ``intercept_init`` (or ``sample_weight``) the estimator was fitted
            with.
        ax : matplotlib Axes, default=None
            Axes to draw on; None creates a figure.
        **kwargs
            Passed to :meth:`plot`.

        Returns
        -------
        display : ErrorSurfaceDisplay
            The display, drawn.
        """
        check_matplotlib_support("ErrorSurfaceDisplay.from_estimator")
        coef, intercept = _checked_unit(estimator)
        indices = [int(index) for index in np.ravel(weights)]
        if len(set(indices)) != 2 or not all(0 <= i < coef.size for i in indices):
            raise ValueError(
                "weights must be two different indices of coef_, from 0 to "
                f"{coef.size - 1}; got {weights!r}."
            )
        first, second = indices
        X_values = np.asarray(X, dtype=float)
        targets = _unit_targets(estimator, y)
        _, epochs, coefs_by_epoch, _ = record_epochs(estimator, X, y, "all", fit_params)
        # coefs_by_epoch holds the layers in MLP's layout: (inputs, units).
        path = np.array(
            [coefs_by_epoch[epoch][0][[first, second], 0] for epoch in epochs]
        )
        fitted = coef[[first, second]]
        grid0 = _grid_axis(np.r_[path[:, 0], fitted[0]], margin, grid_resolution)
        grid1 = _grid_axis(np.r_[path[:, 1], fitted[1]], margin, grid_resolution)
        # The margins with both weights at 0, plus each grid point's share.
        rest = coef.copy()
        rest[[first, second]] = 0.0
        base = X_values @ rest + intercept
        w0, w1 = np.meshgrid(grid0, grid1, indexing="ij")
        margins = (
            base[:, np.newaxis]
            + np.outer(X_values[:, first], w0.ravel())
            + np.outer(X_values[:, second], w1.ravel())
        )
        loss = _mean_losses(estimator, targets, margins).reshape(w0.shape)
        if isinstance(estimator, ThresholdUnit):
            loss_name = "perceptron criterion"
        else:
            loss_name = getattr(estimator, "loss", "squared_error")
        display = cls((grid0, grid1), loss, path, fitted, (first, second), loss_name)
        return display.plot(ax=ax, **kwargs)
