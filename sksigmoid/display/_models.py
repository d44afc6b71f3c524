"""What the displays read of an estimator: its layers, its kind of unit and
the names of its outputs; and a copy of it with other weights."""

import copy

import numpy as np
from sklearn.utils.validation import check_is_fitted

from sksigmoid._threshold_unit import ThresholdUnit


def _estimator_layers(estimator):
    """The fitted layers of ``estimator`` as ``(coefs, intercepts)``, copied, in
    ``MLPClassifier``'s layout: ``coefs[i]`` of shape (inputs, units)."""
    check_is_fitted(estimator)
    if hasattr(estimator, "coefs_") and hasattr(estimator, "intercepts_"):
        coefs = [np.array(coef, dtype=float) for coef in estimator.coefs_]
        intercepts = [
            np.array(intercept, dtype=float).reshape(-1)
            for intercept in estimator.intercepts_
        ]
        return coefs, intercepts
    if hasattr(estimator, "coef_") and hasattr(estimator, "intercept_"):
        coef = np.atleast_2d(np.asarray(estimator.coef_, dtype=float))
        # fit_intercept=False may leave a scalar 0.0, as in scikit-learn.
        intercept = np.asarray(estimator.intercept_, dtype=float).reshape(-1)
        intercept = np.broadcast_to(intercept, (coef.shape[0],))
        return [coef.T.copy()], [intercept.copy()]
    raise TypeError(
        f"{type(estimator).__name__} has neither coefs_ and intercepts_ (layers "
        "of units) nor coef_ and intercept_ (one layer): there is no unit to draw."
    )


def _has_threshold_units(estimator):
    # LogicCircuit is matched by name: it is a network of threshold units that
    # this module must draw without importing it.
    return (
        isinstance(estimator, ThresholdUnit)
        or type(estimator).__name__ == "LogicCircuit"
    )


def _has_linear_outputs(estimator):
    """Whether the output units are linear, their output their margin: ADALINE's
    and a regressor's."""
    output_loss = getattr(estimator, "_output_loss", None)
    return output_loss is not None and output_loss().output == "identity"


def _output_names(estimator, n_outputs):
    """Names of the output units from ``classes_``, or None."""
    classes = getattr(estimator, "classes_", None)
    if classes is None:
        return None
    classes = list(classes)
    if n_outputs == 1 and len(classes) == 2:
        # A binary target has one unit, the probability of the second class.
        return [str(classes[1])]
    if n_outputs == len(classes):
        return [str(label) for label in classes]
    return None


def _with_weights(estimator, coefs, intercepts):
    """A shallow copy of ``estimator`` whose weights are ``coefs, intercepts``."""
    model = copy.copy(estimator)
    if hasattr(estimator, "coefs_"):
        model.coefs_ = [np.array(coef) for coef in coefs]
        model.intercepts_ = [np.array(intercept) for intercept in intercepts]
    else:
        # In the estimator's own shape: a regressor's coef_ is 1-D for a 1-D y.
        coef = np.ascontiguousarray(coefs[0].T)
        model.coef_ = coef.reshape(np.shape(estimator.coef_))
        model.intercept_ = np.array(intercepts[0])
    return model


def _format(value, values_format):
    """``value`` formatted by ``values_format``; None rounds it to 2 decimals
    and drops the trailing zeros (1.5, 0.31, 12.11)."""
    value = float(value)
    if values_format is None:
        value, values_format = round(value, 2), "g"
    # Adding 0.0 turns -0.0 into 0.0, which would print as "-0".
    return format(value + 0.0, values_format)
