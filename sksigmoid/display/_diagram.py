"""UnitDiagramDisplay: a fitted estimator drawn as units and connections."""

import numpy as np
from sklearn.utils._optional_dependencies import check_matplotlib_support

from sksigmoid.display._models import (
    _estimator_layers,
    _format,
    _has_linear_outputs,
    _has_threshold_units,
    _output_names,
)
from sksigmoid.display._unit_heatmaps import draw_hidden_heatmaps


class UnitDiagramDisplay:
    """Feed-forward diagram of a network of units: its weights, biases, thresholds.

    A column of input nodes, then one column per layer of units. Every
    connection is a line whose width grows with the weight's magnitude (scaled
    by the largest magnitude of the diagram) and whose colour is its sign;
    every unit shows its threshold ``θ = -b`` (threshold units, which fire
    when the weighted sum of their inputs reaches ``θ``) or its bias ``b``
    (sigmoid units, and linear output units, drawn as squares: ADALINE's, a
    regressor's). A small diagram writes every weight on its line.

    It is recommended to use :meth:`UnitDiagramDisplay.from_estimator` to
    create a display. All parameters are stored as attributes.

    Parameters
    ----------
    coefs : list of ndarray
        ``coefs[i]``, of shape (n_inputs of layer i, n_units of layer i), holds
        the weights into the units of layer ``i``, laid out as
        ``MLPClassifier.coefs_``; layer 0 takes the features.
    intercepts : list of ndarray
        ``intercepts[i]``, of shape (n_units of layer i,), holds the biases of
        the units of layer ``i``.
    threshold_units : bool
        Whether the units are threshold units (each shows its threshold
        ``θ = -b``) or sigmoid units (each shows its bias ``b``).
    feature_names : list of str, default=None
        Names of the input nodes. None names them ``x1``, ``x2``, ...
    output_names : list of str, default=None
        Names of the output units. None names them ``y1``, ``y2``, ... (``y``
        for one output).
    linear_outputs : bool, default=False
        Whether the output units are linear, their output their net input
        (Widrow and Hoff's ADALINE, a regressor's outputs): they are drawn as
        squares, show their bias ``b`` and their column is titled "linear
        output".

    Attributes
    ----------
    shown_nodes_ : list of ndarray of int
        ``shown_nodes_[c]`` holds the indices of the nodes drawn in column
        ``c`` (0: the inputs, then one column per layer): all of them, or for
        a column of more than ``max_nodes`` nodes the first and the last
        ``max_nodes // 2``, with a mark between them that counts the others.
    input_artists_ : list of matplotlib Circle
        The input nodes drawn: ``input_artists_[k]`` is input
        ``shown_nodes_[0][k]``.
    unit_artists_ : list of list of matplotlib Circle or Rectangle
        ``unit_artists_[i][j]`` is unit ``shown_nodes_[i + 1][j]`` of layer
        ``i`` (unit ``j`` when every unit is drawn): a square for a linear
        output unit.
    connection_artists_ : list of list of list of matplotlib Line2D
        ``connection_artists_[i][k][j]`` is the line of weight
        ``coefs[i][shown_nodes_[i][k], shown_nodes_[i + 1][j]]``: from input
        ``k`` of layer ``i`` to its unit ``j`` when every node is drawn.
    text_artists_ : dict of matplotlib Text
        ``"inputs"``: the feature names (a list); ``"units"``: the threshold or
        bias of each unit (a list per layer); ``"weights"``: a list per layer
        of 2-D lists as ``connection_artists_``, or None where the weights are
        not written; ``"outputs"``: the output names; ``"layers"``: the
        column titles; ``"omitted"``: the marks of the nodes not drawn, one
        per summarised column.
    heatmap_artists_ : list of list of matplotlib AxesImage or None
        Set by :meth:`from_estimator`: a heatmap per hidden unit drawn, given
        ``X``, else None.
    ax_ : matplotlib Axes
        Axes with the diagram.
    figure_ : matplotlib Figure
        Figure containing the diagram.

    See Also
    --------
    UnitDiagramDisplay.from_estimator : Draw a fitted estimator.
    TrainingDisplay : The decision boundary and the loss along a fit.

    Notes
    -----
    A unit of layer ``i`` computes ``f(sum_k coefs[i][k, j] * a_k + b_j)`` from
    the outputs ``a_k`` of the previous column: ``f`` is the step
    ``[z >= 0]`` for a threshold unit, so that it fires when the weighted sum
    reaches ``θ_j = -b_j``, the sigmoid ``1 / (1 + exp(-z))`` for a
    sigmoid unit, and the identity ``z`` for a linear output unit (ADALINE
    predicts the second class where ``z > 0``).

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> import numpy as np
    >>> from sksigmoid.display import UnitDiagramDisplay
    >>> display = UnitDiagramDisplay(
    ...     [np.array([[1.0], [1.0]])], [np.array([-1.5])], threshold_units=True
    ... ).plot()
    >>> display.text_artists_["units"][0][0].get_text()
    'θ=1.5'
    >>> plt.close(display.figure_)
    """

    def __init__(
        self,
        coefs,
        intercepts,
        *,
        threshold_units,
        feature_names=None,
        output_names=None,
        linear_outputs=False,
    ):
        self.coefs = coefs
        self.intercepts = intercepts
        self.threshold_units = threshold_units
        self.feature_names = feature_names
        self.output_names = output_names
        self.linear_outputs = linear_outputs

    def plot(
        self,
        ax=None,
        *,
        positive_color="tab:blue",
        negative_color="tab:red",
        max_linewidth=6.0,
        show_weights="auto",
        values_format=None,
        max_nodes=16,
    ):
        """Draw the diagram.

        Parameters
        ----------
        ax : matplotlib Axes, default=None
            Axes to draw on. None creates a figure sized to the diagram.
        positive_color, negative_color : color, default="tab:blue", "tab:red"
            Colours of the positive and negative weights (zero weights are
            light grey).
        max_linewidth : float, default=6.0
            Width of the line of the largest weight magnitude; the others are
            drawn from 0.5 upward in proportion to their magnitude.
        show_weights : bool or "auto", default="auto"
            Whether to write each weight on its line. ``"auto"`` writes them
            when the diagram has at most 30 connections.
        values_format : str, default=None
            Format specification of the weights, thresholds and biases. None
            rounds them to 2 decimals and drops trailing zeros.
        max_nodes : int, default=16
            Largest column drawn whole. A larger one (a layer of 100 units,
            64 pixels) is drawn summarised: its first and last
            ``max_nodes // 2`` nodes and, between them, a mark counting the
            others, whose lines are not drawn. The diagram of 500 hidden units
            then draws in a fraction of a second and stays legible.

        Returns
        -------
        display : UnitDiagramDisplay
            The display, its artists stored.
        """
        check_matplotlib_support("UnitDiagramDisplay.plot")
        import matplotlib.pyplot as plt
        from matplotlib.patches import Circle, Rectangle

        coefs, intercepts = _checked_layers(self.coefs, self.intercepts)
        n_features = coefs[0].shape[0]
        sizes = [n_features] + [coef.shape[1] for coef in coefs]
        if int(max_nodes) < 2:
            raise ValueError(f"max_nodes must be at least 2; got {max_nodes}.")
        feature_names = (
            [f"x{k}" for k in range(1, n_features + 1)]
            if self.feature_names is None
            else [str(name) for name in self.feature_names]
        )
        output_names = self.output_names
        if output_names is None:
            output_names = (
                ["y"] if sizes[-1] == 1 else [f"y{j}" for j in range(1, sizes[-1] + 1)]
            )
        if len(feature_names) != n_features or len(output_names) != sizes[-1]:
            raise ValueError(
                f"The diagram has {n_features} inputs and {sizes[-1]} outputs; got "
                f"{len(feature_names)} feature names and {len(output_names)} "
                "output names."
            )
        # Each column's slots: the index of the node drawn there, or -1 for
        # the mark of the nodes left out.
        slots = [_column_slots(size, int(max_nodes)) for size in sizes]
        self.shown_nodes_ = [column[column >= 0] for column in slots]
        n_connections = sum(
            len(self.shown_nodes_[i]) * len(self.shown_nodes_[i + 1])
            for i in range(len(coefs))
        )
        if show_weights == "auto":
            show_weights = n_connections <= 30
        largest = max(float(np.abs(coef).max(initial=0.0)) for coef in coefs)

        layout = _DiagramLayout(
            [len(column) for column in slots],
            left_chars=max(len(feature_names[k]) for k in self.shown_nodes_[0]),
            right_chars=max(len(str(output_names[j])) for j in self.shown_nodes_[-1]),
            font_size=plt.rcParams["font.size"],
        )
        if ax is None:
            figure = plt.figure(figsize=layout.figsize())
            # The whole figure: the layout already leaves room around it.
            ax = figure.add_axes((0, 0, 1, 1))
        # Text is sized to the circles as drawn, in points per data unit.
        figure_width, figure_height = ax.figure.get_size_inches()
        box = ax.get_position()
        points = 72 * min(
            box.width * figure_width / layout.width,
            box.height * figure_height / layout.height,
        )
        small = float(np.clip(points * 0.36 * layout.unit_radius, 4.5, 9))

        texts = {
            "inputs": [],
            "units": [],
            "weights": [],
            "outputs": [],
            "layers": [],
            "omitted": [],
        }
        for column, column_slots in enumerate(slots):
            for (x, y), node in zip(layout.centres(column), column_slots, strict=True):
                if node < 0:
                    n_omitted = sizes[column] - len(self.shown_nodes_[column])
                    texts["omitted"].append(
                        ax.text(
                            x,
                            y,
                            f"⋮\n{n_omitted} more",
                            ha="center",
                            va="center",
                            fontsize=small,
                            linespacing=0.9,
                        )  # fmt: skip
                    )
        self.input_artists_ = []
        for (x, y), name in zip(
            _shown(layout.centres(0), slots[0]),
            [feature_names[k] for k in self.shown_nodes_[0]],
            strict=True,
        ):
            node = Circle((x, y), layout.input_radius, fc="white", ec="0.35", zorder=2)
            self.input_artists_.append(ax.add_patch(node))
            texts["inputs"].append(
                ax.text(
                    x - layout.input_radius - 0.15, y, name, ha="right", va="center"
                )
            )

        def weight_color(weight):
            if weight == 0:
                return "0.8"
            return positive_color if weight > 0 else negative_color

        self.unit_artists_, self.connection_artists_ = [], []
        for layer, (coef, intercept) in enumerate(
            zip(coefs, intercepts, strict=True), start=1
        ):
            sources = _shown(layout.centres(layer - 1), slots[layer - 1])
            targets = _shown(layout.centres(layer), slots[layer])
            lines, labels = [], []
            for k, source in zip(self.shown_nodes_[layer - 1], sources, strict=True):
                row_lines, row_labels = [], []
                for position, (j, target) in enumerate(
                    zip(self.shown_nodes_[layer], targets, strict=True)
                ):
                    weight = coef[k, j]
                    start, end = layout.segment(layer, source, target)
                    share = abs(weight) / largest if largest > 0 else 0.0
                    (line,) = ax.plot(
                        [start[0], end[0]],
                        [start[1], end[1]],
                        color=weight_color(weight),
                        lw=0.5 + (max_linewidth - 0.5) * share,
                        solid_capstyle="butt",
                        zorder=1,
                    )
                    row_lines.append(line)
                    if show_weights:
                        # Staggered along the lines of one source, so that
                        # labels of lines that fan out do not overlap.
                        along = 0.25 + 0.2 * position / max(len(targets) - 1, 1)
                        row_labels.append(
                            ax.text(
                                *(start + along * (end - start)),
                                _format(weight, values_format),
                                ha="center",
                                va="center",
                                fontsize=small - 1,
                                zorder=3,
                                bbox={
                                    "boxstyle": "round,pad=0.15",
                                    "fc": "white",
                                    "ec": "none",
                                    "alpha": 0.85,
                                },
                            )
                        )
                lines.append(row_lines)
                labels.append(row_labels)
            self.connection_artists_.append(lines)
            texts["weights"].append(labels if show_weights else None)

            circles, unit_texts = [], []
            linear = self.linear_outputs and layer == len(coefs)
            radius = layout.unit_radius
            for (x, y), bias in zip(
                targets, intercept[self.shown_nodes_[layer]], strict=True
            ):
                node = dict(fc="0.95", ec="k", lw=1.2, zorder=2)
                # A square around the circle: the lines end under it.
                shape = (
                    Rectangle((x - radius, y - radius), 2 * radius, 2 * radius, **node)
                    if linear
                    else Circle((x, y), radius, **node)
                )
                circles.append(ax.add_patch(shape))
                label = (
                    f"θ={_format(-bias, values_format)}"
                    if self.threshold_units and not linear
                    else f"b={_format(bias, values_format)}"
                )
                unit_texts.append(
                    ax.text(
                        x, y, label, ha="center", va="center", fontsize=small, zorder=3
                    )
                )
            self.unit_artists_.append(circles)
            texts["units"].append(unit_texts)

        last = len(sizes) - 1
        for (x, y), name in zip(
            targets, [output_names[j] for j in self.shown_nodes_[last]], strict=True
        ):
            texts["outputs"].append(
                ax.text(
                    x + layout.unit_radius + 0.15,
                    y,
                    f"→ {name}",
                    ha="left",
                    va="center",
                )
            )
        for column in range(len(sizes)):
            title = "inputs" if column == 0 else f"hidden {column}"
            if column == last:
                title = "output" if sizes[last] == 1 else "outputs"
                if self.linear_outputs:
                    title = f"linear {title}"
            texts["layers"].append(
                ax.text(
                    column * layout.gap, layout.top, title, ha="center", va="bottom"
                )
            )
        self.text_artists_ = texts

        ax.set_xlim(*layout.xlim)
        ax.set_ylim(*layout.ylim)
        ax.set_aspect("equal")
        ax.set_axis_off()
        self.ax_ = ax
        self.figure_ = ax.figure
        return self

    @classmethod
    def from_estimator(
        cls, estimator, *, feature_names=None, X=None, ax=None, **kwargs
    ):
        """Draw the diagram of a fitted estimator, and with ``X`` a heatmap
        in each hidden unit.

        Parameters
        ----------
        estimator : estimator
            A fitted estimator of the package: one with ``coefs_`` and
            ``intercepts_`` (:class:`~sksigmoid.SigmoidNetworkClassifier`,
            :class:`~sksigmoid.SigmoidNetworkRegressor`, a ``LogicCircuit``)
            or with ``coef_`` and ``intercept_``
            (:class:`~sksigmoid.SigmoidNeuronClassifier`,
            :class:`~sksigmoid.ThresholdUnit`, :func:`~sksigmoid.logic_gate`,
            :class:`~sksigmoid.AdalineClassifier`,
            :class:`~sksigmoid.LinearUnitRegressor`). A
            :class:`~sksigmoid.ThresholdUnit` or a ``LogicCircuit`` shows
            thresholds, the others biases; the linear output units of ADALINE
            and of the regressors are squares.
        feature_names : list of str, default=None
            Names of the inputs. None takes ``feature_names_in_`` when the
            estimator was fitted on a DataFrame, else ``x1``, ``x2``, ...
        X : array-like of shape (n_samples, 2), default=None
            Given, each hidden unit of a network holds a heatmap of its output
            (``hidden_activations``) over 25 x 25 points spanning ``X``'s two
            features, in ``heatmap_artists_`` (``[i][j]`` in unit
            ``shown_nodes_[i + 1][j]``); else ``heatmap_artists_`` is None.
        ax : matplotlib Axes, default=None
            Axes to draw on. None creates a figure.
        **kwargs
            Passed to :meth:`plot`.

        Returns
        -------
        display : UnitDiagramDisplay
            The display, drawn.

        Raises
        ------
        NotFittedError
            If the estimator is not fitted.

        Examples
        --------
        >>> import matplotlib.pyplot as plt
        >>> from sksigmoid import logic_gate
        >>> from sksigmoid.display import UnitDiagramDisplay
        >>> display = UnitDiagramDisplay.from_estimator(logic_gate("or", n_inputs=3))
        >>> len(display.unit_artists_[0]), len(display.connection_artists_[0])
        (1, 3)
        >>> plt.close(display.figure_)
        """
        check_matplotlib_support("UnitDiagramDisplay.from_estimator")
        coefs, intercepts = _estimator_layers(estimator)
        if feature_names is None and hasattr(estimator, "feature_names_in_"):
            feature_names = list(estimator.feature_names_in_)
        display = cls(
            coefs,
            intercepts,
            threshold_units=_has_threshold_units(estimator),
            feature_names=feature_names,
            output_names=_output_names(estimator, coefs[-1].shape[1]),
            linear_outputs=_has_linear_outputs(estimator),
        ).plot(ax=ax, **kwargs)
        display.heatmap_artists_ = (
            None if X is None else draw_hidden_heatmaps(display, estimator, X)
        )
        return display


def _checked_layers(coefs, intercepts):
    """``coefs`` and ``intercepts`` as 2-D and 1-D float arrays, or a
    ValueError naming the first layer that does not fit its neighbours."""
    coefs = [np.atleast_2d(np.asarray(coef, dtype=float)) for coef in coefs]
    intercepts = [
        np.asarray(intercept, dtype=float).reshape(-1) for intercept in intercepts
    ]
    if not coefs or len(coefs) != len(intercepts):
        raise ValueError(
            "coefs and intercepts must be lists of the same positive length "
            f"(one entry per layer); got {len(coefs)} and {len(intercepts)}."
        )
    for i, (coef, intercept) in enumerate(zip(coefs, intercepts, strict=True)):
        if coef.ndim != 2 or intercept.shape != (coef.shape[1],):
            raise ValueError(
                f"Layer {i}: coefs[{i}] of shape {coef.shape} needs "
                f"intercepts[{i}] of shape ({coef.shape[1]},); got "
                f"{intercept.shape}."
            )
        if i and coef.shape[0] != coefs[i - 1].shape[1]:
            raise ValueError(
                f"Layer {i} takes {coef.shape[0]} inputs, but layer {i - 1} "
                f"has {coefs[i - 1].shape[1]} units."
            )
    return coefs, intercepts


def _column_slots(size, max_nodes):
    """The nodes a column of ``size`` drawn in at most ``max_nodes + 1`` slots:
    every node, or the first and last ``max_nodes // 2`` with -1 (the mark of
    the others) between them."""
    if size <= max_nodes:
        return np.arange(size)
    half = max_nodes // 2
    return np.concatenate([np.arange(half), [-1], np.arange(size - half, size)])


def _shown(centres, column_slots):
    """The centres of a column's slots that hold a node."""
    return [
        centre for centre, node in zip(centres, column_slots, strict=True) if node >= 0
    ]


class _DiagramLayout:
    """Where the nodes of a diagram of columns of ``sizes`` nodes go.

    The tallest column has its nodes one unit apart; every other column spreads
    its nodes over the same height, as the classic drawings of networks do,
    and the columns move apart as they grow taller, so that lines stay legible.
    """

    input_radius = 0.2
    #: Largest figure drawn, in inches, and its largest scale, in inches per
    #: unit (the distance between two nodes of the tallest column).
    max_width, max_height, max_scale = 14.0, 12.0, 0.75

    def __init__(self, sizes, left_chars=0, right_chars=0, font_size=10.0):
        self.sizes = sizes
        self.span = max(sizes) - 1
        # Units spread far apart (few units beside many inputs) get larger
        # circles, up to twice the size, to hold their text; a lone unit as
        # if two units shared the height.
        steps = [self.span / (n - 1) for n in sizes[1:] if n > 1]
        step = min(steps, default=self.span / 2)
        self.unit_radius = 0.42 * float(np.clip(step, 1, 2))
        self.gap = max(2.6, 0.3 * self.span)
        largest = max(self.input_radius, self.unit_radius)
        self.top = self.span / 2 + largest + 0.25
        self.ylim = (-self.span / 2 - largest - 0.25, self.top + 0.55)
        self.height = self.ylim[1] - self.ylim[0]
        # The names beside the first and last columns need room that depends
        # on the scale, which depends on the width: a few rounds settle it.
        self.scale = self.max_scale
        for _ in range(3):
            # A character is about 0.6 of the font size wide.
            per_char = 0.6 * font_size / (72 * self.scale)
            left = self.input_radius + 0.45 + per_char * left_chars
            right = self.unit_radius + 0.45 + per_char * (right_chars + 2)
            self.xlim = (-left, (len(sizes) - 1) * self.gap + right)
            self.width = self.xlim[1] - self.xlim[0]
            self.scale = min(
                self.max_scale,
                self.max_width / self.width,
                self.max_height / self.height,
            )

    def figsize(self):
        """A figure size that holds the diagram at its aspect ratio."""
        return (self.width * self.scale, self.height * self.scale)

    def centres(self, column):
        n = self.sizes[column]
        step = self.span / (n - 1) if n > 1 else 0.0
        return [(column * self.gap, self.span / 2 - row * step) for row in range(n)]

    def segment(self, layer, source, target):
        """The ends of the line into ``layer`` from ``source`` to ``target``,
        on the circles' rims, so that no line runs under a unit's text."""
        source, target = np.asarray(source, float), np.asarray(target, float)
        direction = (target - source) / np.linalg.norm(target - source)
        source_radius = self.input_radius if layer == 1 else self.unit_radius
        return (
            source + source_radius * direction,
            target - self.unit_radius * direction,
        )
