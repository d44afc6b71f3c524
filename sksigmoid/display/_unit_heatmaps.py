"""A small heatmap per hidden unit, drawn inside its node of a diagram: the
unit's output over a grid spanning two input features, as TensorFlow
Playground draws its neurons."""

import numpy as np


def heatmap_grid(X, grid_resolution):
    """The grid of the heatmaps: ``grid_resolution`` points from the smallest
    to the largest value of each of ``X``'s two features, as the two arrays
    of ``np.meshgrid`` (rows along the second feature)."""
    X = np.asarray(X, dtype=float)
    if X.ndim != 2 or X.shape[1] != 2:
        raise ValueError(
            "A heatmap per hidden unit spans two input features; X has "
            f"shape {X.shape}."
        )
    low, high = X.min(axis=0), X.max(axis=0)
    return np.meshgrid(
        np.linspace(low[0], high[0], grid_resolution),
        np.linspace(low[1], high[1], grid_resolution),
    )


def draw_hidden_heatmaps(display, estimator, X, *, grid_resolution=25, cmap="RdBu_r"):
    """Draw each hidden unit's ``hidden_activations`` over :func:`heatmap_grid`
    inside its node of ``display``, a drawn :class:`UnitDiagramDisplay`.

    Returns
    -------
    images : list of list of matplotlib AxesImage
        ``images[i][j]`` fills unit ``display.shown_nodes_[i + 1][j]`` of
        hidden layer ``i``; its array is that unit's output on the grid,
        ``array[r, c]`` at ``(xx0[r, c], xx1[r, c])``.
    """
    if not hasattr(estimator, "hidden_activations"):
        raise ValueError(
            f"{type(estimator).__name__} has no hidden units to draw a heatmap "
            "of: X is for a SigmoidNetworkClassifier or SigmoidNetworkRegressor."
        )
    xx0, xx1 = heatmap_grid(X, grid_resolution)
    rows = np.c_[xx0.ravel(), xx1.ravel()]
    names = getattr(estimator, "feature_names_in_", None)
    if names is not None:
        import pandas as pd

        rows = pd.DataFrame(rows, columns=names)
    limits = display.ax_.get_xlim(), display.ax_.get_ylim()
    images = []
    for layer, outputs in enumerate(estimator.hidden_activations(rows)):
        layer_images = []
        for unit, node in zip(
            display.shown_nodes_[layer + 1], display.unit_artists_[layer], strict=True
        ):
            (x, y), radius = node.center, node.radius
            image = display.ax_.imshow(
                outputs[:, unit].reshape(xx0.shape),
                extent=(x - radius, x + radius, y - radius, y + radius),
                origin="lower",
                cmap=cmap,
                vmin=0,
                vmax=1,
                alpha=0.85,
                # Over the node's face, under its bias.
                zorder=node.get_zorder() + 0.5,
            )
            image.set_clip_path(node)
            layer_images.append(image)
        images.append(layer_images)
    # imshow may fit the limits to its images: the diagram's are kept.
    display.ax_.set(xlim=limits[0], ylim=limits[1])
    return images
