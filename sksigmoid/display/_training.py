"""TrainingDisplay: the decision boundary and loss of a fit, epoch by epoch."""

from numbers import Integral

import numpy as np
from sklearn.base import is_regressor
from sklearn.utils._optional_dependencies import check_matplotlib_support

from sksigmoid.display._epochs import (
    _epoch_range,
    final_step,
    record_epochs,
    with_final_step,
)
from sksigmoid.display._models import _with_weights


def _evenly_chosen(values, n):
    """At most ``n`` of ``values``, evenly spaced, the first and last included."""
    values = list(values)
    if len(values) <= n:
        return values
    picks = np.unique(np.linspace(0, len(values) - 1, num=n).round().astype(int))
    return [values[i] for i in picks]


class TrainingDisplay:
    """The decision boundary and the loss of a model along its training.

    For 2 features and a binary target, one small panel per chosen epoch
    shows the probability of the second class after that epoch (filled
    contours, the 0.5 contour, the training points coloured by class), and a
    last panel shows the loss curve with a marker at each chosen epoch, and
    the held-out loss when early stopping recorded it. A multiclass target's
    panels show the predicted class, one colour each, and the lines between
    the classes. A ``Pipeline`` ending in an estimator of the package is drawn
    over its own inputs, its epochs those of its final step. For
    other data the panels are the loss curve and the training accuracy (a
    regressor's R^2) after each recorded epoch. :meth:`animate` plays every
    recorded epoch.

    It is recommended to use :meth:`TrainingDisplay.from_estimator` to create
    a display. All parameters are stored as attributes.

    Parameters
    ----------
    epochs : array-like of int
        The epochs to draw (1 is the model after the first epoch); each must
        be a key of ``coefs_by_epoch``.
    coefs_by_epoch : dict of int to list of ndarray
        The weights after each recorded epoch, per layer in
        ``MLPClassifier.coefs_``'s layout (a single unit's ``coef_.T``).
    intercepts_by_epoch : dict of int to list of ndarray
        The biases after each recorded epoch, per layer.
    loss_curve : array-like of float
        The training loss after each epoch of the whole fit.
    X : array-like of shape (n_samples, n_features)
        Training data.
    y : array-like of shape (n_samples,) or (n_samples, n_outputs)
        Training target.
    estimator : estimator
        A fitted estimator, or a ``Pipeline`` ending in one; the model of an
        epoch is a copy of it with that epoch's weights in its final step.
    validation_loss_curve : array-like of float, default=None
        The held-out loss after each epoch, when early stopping recorded it.

    Attributes
    ----------
    ax_ : ndarray of matplotlib Axes
        The panels: one per chosen epoch and the loss, or the loss and the
        accuracy.
    figure_ : matplotlib Figure
        Figure containing the panels.
    bounding_ax_ : matplotlib Axes or None
        The Axes given to :meth:`plot` and divided into the panels, else None.
    surface_artists_ : list of matplotlib QuadContourSet
        The filled probability contours, one per chosen epoch (empty when no
        boundary is drawn).
    boundary_artists_ : list of matplotlib QuadContourSet or None
        The 0.5 contours, None for an epoch whose probability does not cross
        0.5 on the grid; for a multiclass target, a list per epoch of the
        borders of the classes' regions.
    scatter_artists_ : list of matplotlib PathCollection
        The training points of each boundary panel.
    loss_line_ : matplotlib Line2D
        The loss curve.
    validation_loss_line_ : matplotlib Line2D or None
        The held-out loss, None without ``validation_loss_curve``.
    loss_markers_ : matplotlib Line2D
        The markers of the chosen epochs on the loss curve.
    accuracy_line_ : matplotlib Line2D or None
        The training accuracy (a regressor's R^2) after each recorded epoch,
        when no boundary is drawn.
    animation_figure_ : matplotlib Figure
        The figure of the last :meth:`animate` call.

    See Also
    --------
    TrainingDisplay.from_estimator : Refit an estimator and record its epochs.
    UnitDiagramDisplay : The weights of a fitted estimator as a diagram.
    sklearn.inspection.DecisionBoundaryDisplay : The boundary of a fitted model.

    Notes
    -----
    The model of epoch ``k`` is the one a fit stopped after ``k`` epochs
    returns, which is a fresh fit with ``n_iter=k`` and ``tol=None``. A
    :class:`~sksigmoid.ThresholdUnit`'s or an
    :class:`~sksigmoid.AdalineClassifier`'s probabilities come from its final
    ``probability_slope_``: its 0.5 contour, where the margin is 0, is the
    boundary of each epoch, the shades between are those of the final link.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> from sksigmoid import SigmoidNeuronClassifier
    >>> from sksigmoid.datasets import make_truth_table
    >>> from sksigmoid.display import TrainingDisplay
    >>> X, y = make_truth_table("or", n_inputs=2, return_X_y=True)
    >>> neuron = SigmoidNeuronClassifier(random_state=0)
    >>> display = TrainingDisplay.from_estimator(neuron, X, y, epochs=[1, 5])
    >>> display.ax_.shape
    (3,)
    >>> plt.close(display.figure_)
    """

    def __init__(
        self,
        epochs,
        coefs_by_epoch,
        intercepts_by_epoch,
        loss_curve,
        X,
        y,
        estimator,
        *,
        validation_loss_curve=None,
    ):
        self.validation_loss_curve = validation_loss_curve
        self.epochs = epochs
        self.coefs_by_epoch = coefs_by_epoch
        self.intercepts_by_epoch = intercepts_by_epoch
        self.loss_curve = loss_curve
        self.X = X
        self.y = y
        self.estimator = estimator

    def model_at(self, epoch):
        """The model after ``epoch`` epochs: ``estimator`` with its weights.

        Parameters
        ----------
        epoch : int
            A recorded epoch (a key of ``coefs_by_epoch``).

        Returns
        -------
        model : estimator
            A shallow copy of ``estimator`` with the weights, ``n_iter_`` and
            ``loss_curve_`` of that epoch.
        """
        if epoch not in self.coefs_by_epoch:
            raise ValueError(
                f"Epoch {epoch} is not recorded; the recorded epochs are "
                f"{_epoch_range(self.coefs_by_epoch)}."
            )
        step = _with_weights(
            final_step(self.estimator),
            self.coefs_by_epoch[epoch],
            self.intercepts_by_epoch[epoch],
        )
        if hasattr(step, "n_iter_"):
            step.n_iter_ = int(epoch)
        if hasattr(step, "loss_curve_"):
            step.loss_curve_ = list(self.loss_curve[:epoch])
        return with_final_step(self.estimator, step)

    def _draws_boundary(self):
        classes = getattr(self.estimator, "classes_", ())
        return np.shape(self.X)[1] == 2 and np.ndim(self.y) == 1 and len(classes) >= 2

    def _grid(self, grid_resolution):
        """The grid of the boundary panels: its two coordinate arrays and the
        rows to predict (a DataFrame when the model has feature names)."""
        X = np.asarray(self.X, dtype=float)
        low, high = X.min(axis=0), X.max(axis=0)
        # A quarter of the range around the points (0.5 for a constant
        # feature) leaves the corners of a truth table inside the panel.
        pad = np.where(high > low, (high - low) / 4, 0.5)
        xx0, xx1 = np.meshgrid(
            np.linspace(low[0] - pad[0], high[0] + pad[0], grid_resolution),
            np.linspace(low[1] - pad[1], high[1] + pad[1], grid_resolution),
        )
        rows = np.c_[xx0.ravel(), xx1.ravel()]
        names = getattr(self.estimator, "feature_names_in_", None)
        if names is not None:
            import pandas as pd

            rows = pd.DataFrame(rows, columns=names)
        return xx0, xx1, rows

    def _draw_boundary(self, ax, epoch, grid, cmap):
        """Draw the probability surface of ``epoch`` on ``ax`` (the regions of
        the classes of a multiclass target); return its filled contours and
        its boundary (None if it has none on the grid)."""
        model = self.model_at(epoch)
        if len(model.classes_) > 2:
            surface, boundary = _draw_class_regions(ax, model, grid)
        else:
            surface, boundary = _draw_probability(ax, model, grid, cmap)
        accuracy = model.score(self.X, self.y)
        ax.set_title(f"epoch {epoch}: accuracy {accuracy:.2f}", fontsize=9)
        return surface, boundary

    def _scatter(self, ax, cmap):
        X = np.asarray(self.X, dtype=float)
        classes = self.estimator.classes_
        if len(classes) > 2:
            colours = _class_colours(len(classes))[np.searchsorted(classes, self.y)]
            return ax.scatter(X[:, 0], X[:, 1], c=colours, edgecolors="k", zorder=3)
        positive = np.asarray(self.y) == self.estimator.classes_[1]
        return ax.scatter(
            X[:, 0],
            X[:, 1],
            c=positive.astype(float),
            cmap=cmap,
            vmin=0,
            vmax=1,
            edgecolors="k",
            zorder=3,
        )

    def _score_name(self):
        return "training R²" if is_regressor(self.estimator) else "training accuracy"

    def _accuracies(self):
        recorded = sorted(self.coefs_by_epoch)
        return recorded, [
            self.model_at(epoch).score(self.X, self.y) for epoch in recorded
        ]

    def plot(self, ax=None, *, grid_resolution=50, cmap="RdBu"):
        """Draw the panels.

        Parameters
        ----------
        ax : matplotlib Axes or array-like of Axes, default=None
            None creates a figure with a row of panels. One Axes is divided
            into the panels (it becomes ``bounding_ax_``); an array must hold
            one Axes per panel.
        grid_resolution : int, default=50
            Points along each side of the grid of a boundary panel.
        cmap : str or matplotlib Colormap, default="RdBu"
            Colormap of the probability of the second class and of the
            training points' classes.

        Returns
        -------
        display : TrainingDisplay
            The display, its artists stored.
        """
        check_matplotlib_support("TrainingDisplay.plot")
        import matplotlib.pyplot as plt
        from matplotlib.gridspec import GridSpecFromSubplotSpec

        epochs = [int(epoch) for epoch in np.ravel(self.epochs)]
        boundary = self._draws_boundary()
        n_panels = len(epochs) + 1 if boundary else 2
        self.bounding_ax_ = None
        if ax is None:
            figure, axes = plt.subplots(
                1, n_panels, figsize=(2.8 * n_panels, 3.0), layout="constrained"
            )
            axes = np.ravel(axes)
        elif isinstance(ax, plt.Axes):
            ax.set_axis_off()
            self.bounding_ax_, figure = ax, ax.figure
            spec = GridSpecFromSubplotSpec(
                1, n_panels, subplot_spec=ax.get_subplotspec()
            )
            axes = np.array([figure.add_subplot(cell) for cell in spec], dtype=object)
        else:
            axes = np.asarray(ax, dtype=object).ravel()
            if axes.size != n_panels:
                raise ValueError(
                    f"Expected ax to have {n_panels} axes, got {axes.size}."
                )
            figure = axes[0].figure

        self.surface_artists_, self.boundary_artists_ = [], []
        self.scatter_artists_, self.accuracy_line_ = [], None
        loss = np.asarray(self.loss_curve, dtype=float)
        if boundary:
            grid = self._grid(grid_resolution)
            for panel, epoch in zip(axes[:-1], epochs, strict=True):
                surface, contour = self._draw_boundary(panel, epoch, grid, cmap)
                self.surface_artists_.append(surface)
                self.boundary_artists_.append(contour)
                self.scatter_artists_.append(self._scatter(panel, cmap))
            loss_ax = axes[-1]
        else:
            loss_ax, accuracy_ax = axes
            recorded, accuracies = self._accuracies()
            (self.accuracy_line_,) = accuracy_ax.plot(recorded, accuracies, ".-")
            accuracy_ax.plot(
                epochs,
                [accuracies[recorded.index(e)] for e in epochs],
                "o",
                color="tab:orange",
            )
            accuracy_ax.set(xlabel="epoch", ylabel=self._score_name())
        self.loss_line_, self.validation_loss_line_ = _draw_loss(
            loss_ax, self.loss_curve, self.validation_loss_curve
        )
        (self.loss_markers_,) = loss_ax.plot(
            epochs, loss[np.asarray(epochs, dtype=int) - 1], "o", color="tab:orange"
        )
        self.ax_ = axes
        self.figure_ = figure
        return self

    def animate(self, *, interval=500, max_frames=60, grid_resolution=50, cmap="RdBu"):
        """Animate the recorded epochs in a new figure, one frame per epoch.

        The left panel is the boundary (or the loss), redrawn for the epoch;
        the right one the loss (or the accuracy), with a marker moving along
        it. ``animation.to_jshtml()`` makes an HTML page of it without ffmpeg
        (matplotlib's ``HTMLWriter`` embeds PNG frames).

        Parameters
        ----------
        interval : int, default=500
            Delay between frames, in milliseconds.
        max_frames : int, default=60
            Most frames: more recorded epochs are thinned evenly, the first
            and the last kept.
        grid_resolution : int, default=50
            Points along each side of the boundary's grid.
        cmap : str or matplotlib Colormap, default="RdBu"
            Colormap of the probability and of the training points.

        Returns
        -------
        animation : matplotlib.animation.FuncAnimation
            The animation; keep a reference to it until it is saved or shown.
        """
        check_matplotlib_support("TrainingDisplay.animate")
        import matplotlib.pyplot as plt
        from matplotlib.animation import FuncAnimation

        if not (isinstance(max_frames, Integral) and max_frames >= 1):
            raise ValueError(f"max_frames must be a positive int; got {max_frames!r}.")
        frames = _evenly_chosen(sorted(self.coefs_by_epoch), max_frames)
        loss = np.asarray(self.loss_curve, dtype=float)
        figure, (left, right) = plt.subplots(1, 2, figsize=(7.6, 3.4))
        self.animation_figure_ = figure
        boundary = self._draws_boundary()
        if boundary:
            grid = self._grid(grid_resolution)
            self._scatter(left, cmap)
            loss_ax, accuracy_marker = right, None
        else:
            loss_ax = left
            recorded, accuracies = self._accuracies()
            right.plot(recorded, accuracies, ".-")
            right.set(xlabel="epoch", ylabel=self._score_name())
            (accuracy_marker,) = right.plot([], [], "o", color="tab:orange", ms=9)
        _draw_loss(loss_ax, self.loss_curve, self.validation_loss_curve)
        (loss_marker,) = loss_ax.plot([], [], "o", color="tab:orange", ms=9)
        # The contours of the frame on screen, removed before the next is drawn.
        drawn = []

        def update(epoch):
            for artist in drawn:
                artist.remove()
            drawn.clear()
            if boundary:
                surface, lines = self._draw_boundary(left, epoch, grid, cmap)
                # A multiclass boundary is a list of borders, a binary one
                # None where the probability does not cross 0.5.
                lines = lines if isinstance(lines, list) else [lines]
                drawn.extend([surface, *(line for line in lines if line)])
            else:
                index = recorded.index(epoch)
                accuracy_marker.set_data([epoch], [accuracies[index]])
                loss_ax.set_title(f"epoch {epoch}", fontsize=9)
            loss_marker.set_data([epoch], [loss[epoch - 1]])
            return [*drawn, loss_marker]

        # The first frame drawn now gives tight_layout its titles to fit.
        update(frames[0])
        figure.tight_layout()
        return FuncAnimation(figure, update, frames=frames, interval=interval)

    @classmethod
    def from_estimator(cls, estimator, X, y, *, epochs=None, ax=None, **kwargs):
        """Refit a clone of ``estimator``, record its model after every epoch,
        and draw the chosen epochs.

        With scikit-learn's callbacks (``sklearn.callback``, scikit-learn 1.9
        or later) one fit records every epoch, through a callback that keeps
        the model each epoch's task hands it; other callbacks set on the
        estimator are not called on that refit. Without them, a fit with the
        estimator's parameters gives the loss curve, and a fresh fit with
        ``n_iter=k`` and ``tol=None`` the model of each chosen epoch ``k``
        (only those are recorded and animated).

        Parameters
        ----------
        estimator : estimator
            An estimator of the package, or a ``Pipeline`` ending in one
            (fitted or not); it is not changed.
        X : array-like of shape (n_samples, n_features)
            Training data.
        y : array-like of shape (n_samples,) or (n_samples, n_outputs)
            Training target.
        epochs : array-like of int, default=None
            The epochs to draw, from 1 to the fit's ``n_iter_``. None takes
            about 4, spread geometrically from the first to the last.
        ax : matplotlib Axes or array-like of Axes, default=None
            Where to draw; see :meth:`plot`.
        **kwargs
            Passed to :meth:`plot`.

        Returns
        -------
        display : TrainingDisplay
            The display, drawn.

        Examples
        --------
        >>> import matplotlib.pyplot as plt
        >>> from sksigmoid import ThresholdUnit
        >>> from sksigmoid.datasets import make_truth_table
        >>> from sksigmoid.display import TrainingDisplay
        >>> X, y = make_truth_table("and", n_inputs=2, return_X_y=True)
        >>> unit = ThresholdUnit(random_state=0)
        >>> display = TrainingDisplay.from_estimator(unit, X, y)
        >>> len(display.surface_artists_) == len(display.epochs)
        True
        >>> plt.close(display.figure_)
        """
        check_matplotlib_support("TrainingDisplay.from_estimator")
        model, epochs, coefs_by_epoch, intercepts_by_epoch = record_epochs(
            estimator, X, y, epochs
        )
        step = final_step(model)
        display = cls(
            epochs,
            coefs_by_epoch,
            intercepts_by_epoch,
            list(step.loss_curve_),
            X,
            y,
            model,
            validation_loss_curve=getattr(step, "validation_loss_curve_", None),
        )
        return display.plot(ax=ax, **kwargs)


def _draw_probability(ax, model, grid, cmap):
    """The probability of the second class, filled, and its 0.5 contour (None
    if it does not cross 0.5 on the grid)."""
    xx0, xx1, rows = grid
    response = model.predict_proba(rows)[:, 1].reshape(xx0.shape)
    surface = ax.contourf(
        xx0, xx1, response, levels=np.linspace(0, 1, 11), cmap=cmap, alpha=0.75
    )
    boundary = None
    # matplotlib warns when no contour is found at the level asked for.
    if response.min() < 0.5 < response.max():
        boundary = ax.contour(
            xx0, xx1, response, levels=[0.5], colors="k", linewidths=1.5
        )
    return surface, boundary


def _class_colours(n_classes):
    """One RGBA colour per class, from a qualitative colormap."""
    import matplotlib

    colormap = matplotlib.colormaps["tab10" if n_classes <= 10 else "tab20"]
    return colormap(np.arange(n_classes) % colormap.N)


def _draw_class_regions(ax, model, grid):
    """The class of largest probability, one colour each, and the borders of
    each class's region (an empty list if one class wins everywhere)."""
    xx0, xx1, rows = grid
    proba = model.predict_proba(rows)
    index = proba.argmax(axis=1).reshape(xx0.shape)
    surface = ax.contourf(
        xx0,
        xx1,
        index,
        levels=np.arange(proba.shape[1] + 1) - 0.5,
        colors=_class_colours(proba.shape[1]),
        alpha=0.5,
    )
    borders = []
    for k in np.unique(index) if index.min() < index.max() else []:
        # Zero where class k ties with its strongest rival: the border of its
        # region, smooth where the predicted classes are a staircase; the
        # border of two classes is drawn twice, on the same line.
        others = np.delete(proba, k, axis=1).max(axis=1)
        lead = (proba[:, k] - others).reshape(xx0.shape)
        borders.append(
            ax.contour(xx0, xx1, lead, levels=[0.0], colors="k", linewidths=1)
        )
    return surface, borders


def _draw_loss(ax, loss_curve, validation_loss_curve):
    """The training loss after each epoch and, when early stopping recorded
    it, the held-out loss; return their lines (the second None)."""
    loss = np.asarray(loss_curve, dtype=float)
    (line,) = ax.plot(np.arange(1, len(loss) + 1), loss, color="0.3", label="training")
    held_out_line, lowest = None, loss.min() if loss.size else 0
    if validation_loss_curve is not None:
        held_out = np.asarray(validation_loss_curve, dtype=float)
        (held_out_line,) = ax.plot(
            np.arange(1, len(held_out) + 1),
            held_out,
            color="tab:green",
            label="held-out",
        )
        lowest = min(lowest, held_out.min())
        ax.legend(fontsize=8)
    if loss.size and lowest > 0:
        ax.set_yscale("log")
    ax.set(xlabel="epoch", ylabel="loss" if held_out_line else "training loss")
    return line, held_out_line
