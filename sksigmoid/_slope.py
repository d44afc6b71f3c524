"""Probabilities of units that fire by a threshold: a fitted slope.

A threshold unit (and ADALINE, thresholded at 0) has a margin, not a
probability. Its probabilities are the link of its margins times one slope,
fitted after training by the cross-entropy against Platt's smoothed targets
(:func:`probability_slope`), so that ``argmax(predict_proba) == predict``.
"""

import numpy as np

from sksigmoid._engine._backend import threshold_unit_passes
from sksigmoid._engine._math import log_softmax, slope_derivatives
from sksigmoid._engine._stats import evenly_spaced_rows


def smoothed_targets(targets, multiclass):
    """Platt's targets: 0/1 moved inward by one pseudo-count per class.

    A positive of a binary unit becomes ``(n_pos + 1) / (n_pos + 2)`` and a
    negative ``1 / (n_neg + 2)`` (Platt, 1999), counted per unit. For one-hot
    multiclass rows of class ``k`` the same rule gives ``(n_k + 1) / (n_k + K)``
    on the class and ``1 / (n_k + K)`` elsewhere, which reduces to Platt's for
    ``K = 2`` and keeps each row summing to one.
    """
    if multiclass:
        n_classes = targets.shape[1]
        # Each row's class's count, without a copy of the targets as integers.
        class_counts = targets.sum(axis=0)
        own_class_counts = class_counts[targets.argmax(axis=1)][:, np.newaxis]
        # In place: one array of the targets' shape, not three.
        smoothed = np.multiply(targets, own_class_counts, dtype=np.float64)
        smoothed += 1
        smoothed /= own_class_counts + n_classes
        return smoothed
    n_positive = targets.sum(axis=0)
    n_negative = targets.shape[0] - n_positive
    return np.where(
        targets > 0, (n_positive + 1) / (n_positive + 2), 1 / (n_negative + 2)
    )


def probability_slope(margins, targets, multiclass=False, derivatives=None):
    """Slope ``a`` of the probabilities ``link(a * margins)`` that best fits targets.

    The link is the sigmoid of each unit (binary, multilabel) or the softmax over
    the units (multiclass). This is Platt's scaling with its intercept fixed at
    0, or temperature scaling for the softmax, so the probabilities keep the
    order of the margins and ``argmax(predict_proba) == predict``. The targets
    are Platt's smoothed ones (:func:`smoothed_targets`), which keep the slope
    finite on separable data. The cross-entropy is convex in ``a``, so its
    derivative is increasing; Newton's method on it, kept inside a bracket of
    the zero (halved on a log scale where a Newton step would leave it), finds
    the slope in a few passes over the margins. ``derivatives`` computes them
    (:func:`~sksigmoid._engine._math.slope_derivatives`, or its compiled form).
    ``margins``, a float array of the caller's own, is divided in place by its
    largest magnitude.
    """
    if derivatives is None:
        derivatives = slope_derivatives
    largest = max(float(margins.max()), -float(margins.min()))
    if largest == 0:
        return 1.0
    # In place, as every caller passes margins of its own: no second copy.
    unit_margins = np.divide(margins, largest, out=margins)
    smoothed = smoothed_targets(targets, multiclass)
    # On unit margins, slopes beyond [e^-7, e^7] change no probability that
    # matters; the lower end keeps a unit that is worse than chance monotone.
    # An end is evaluated only when the zero may lie past it.
    low, high = np.exp(-7.0), np.exp(7.0)
    ends_to_check = {"low", "high"}
    slope = float(
        np.clip(_newton_step_from_zero(unit_margins, smoothed, multiclass), low, high)
    )
    for _ in range(100):
        gradient, curvature = derivatives(slope, unit_margins, smoothed, multiclass)
        if gradient < 0:
            low = slope
            ends_to_check.discard("low")
        else:
            high = slope
            ends_to_check.discard("high")
        newton = slope - gradient / curvature if curvature > 0 else np.nan
        # Newton's steps shrink quadratically: after a step of a relative 1e-6,
        # the next is far finer than a probability needs.
        if abs(newton - slope) <= 1e-6 * slope:
            return float(newton / largest)
        if not low < newton < high:
            end, side = (low, "low") if gradient >= 0 else (high, "high")
            if side in ends_to_check:
                ends_to_check.discard(side)
                end_gradient = derivatives(end, unit_margins, smoothed, multiclass)[0]
                if (end_gradient >= 0) == (gradient >= 0):
                    return float(end / largest)
            newton = np.sqrt(low * high)
        slope = newton
    return float(slope / largest)


def _newton_step_from_zero(margins, targets, multiclass):
    """Newton's first step for :func:`probability_slope` from a slope of 0, where
    every link is flat (outputs 1/2, or 1/K of a softmax): no exponential needed.
    For the sigmoid, whose slope is largest at 0, the step stays below the zero."""
    # Sums of products, without a temporary of the margins' shape.
    if multiclass:
        n_units = margins.shape[1]
        gradient = margins.sum() / n_units - np.vdot(targets, margins)
        row_sums = margins.sum(axis=1)
        curvature = (
            np.vdot(margins, margins) - np.vdot(row_sums, row_sums) / n_units
        ) / n_units
    else:
        gradient = 0.5 * margins.sum() - np.vdot(targets, margins)
        curvature = 0.25 * np.vdot(margins, margins)
    return -gradient / curvature if curvature > 0 else 1.0


class _SlopeProbabilities:
    """``predict_proba`` by the link of the margins times the fitted
    ``probability_slope_``: the sigmoid of each binary or multilabel unit, the
    softmax over a multiclass target's units."""

    def _fit_probability_slope(self, data):
        """Fit ``probability_slope_`` to the trained units' margins on
        ``data``."""
        multiclass = self._target_type == "multiclass"
        # The slope is one number: evenly spaced rows of at most 2**18 margins
        # fit it as all rows do, in bounded memory where all rows' margins
        # took n_samples x n_units (three times a text corpus's CSR matrix).
        rows = evenly_spaced_rows(data.targets)
        margins, targets = self._margins(data.X[rows]), data.targets[rows]
        derivatives = threshold_unit_passes(data.X).slope_derivatives
        if self._target_type == "multilabel-indicator":
            # Each label is its own unit's binary problem, with its own slope.
            self.probability_slope_ = np.array(
                [
                    probability_slope(
                        margins[:, [label]],
                        targets[:, [label]],
                        derivatives=derivatives,
                    )
                    for label in range(margins.shape[1])
                ]
            )
        else:
            self.probability_slope_ = probability_slope(
                margins, targets, multiclass, derivatives=derivatives
            )

    def _probability_margins(self, margins):
        return self.probability_slope_ * margins

    def _multiclass_log_proba(self, margins):
        # A softmax, unlike normalised sigmoids, does not saturate into ties far
        # from the data: its largest entry stays the predicted class.
        return log_softmax(margins)
