"""The weights a fit trains: layers of units, each a weight matrix and biases."""

from dataclasses import dataclass
from itertools import pairwise

import numpy as np
from sklearn.utils import check_array


def checked_start(value, name, shape, dtype, *, layout, vector=False, zero=False):
    """``value``, weights given to start a fit from, as an array of ``shape``.

    Raises the ValueError of scikit-learn's validation for values that are not
    finite numbers, and one naming the expected shape (with ``layout``, what
    its axes are) for another shape. ``vector`` accepts a 1-D array for a
    matrix of one row; ``zero`` requires zeros (biases that are not trained).
    """
    array = check_array(
        value, ensure_2d=False, dtype=dtype, input_name=name, ensure_min_samples=0
    )
    if vector and array.ndim == 1 and len(shape) == 2 and shape[0] == 1:
        array = array.reshape(shape)
    if array.shape != shape:
        raise ValueError(
            f"{name} has shape {array.shape}, but this fit needs {shape} ({layout})."
        )
    if zero and array.any():
        raise ValueError(
            f"{name} must be zero (or None) with fit_intercept=False: the biases "
            "are not trained."
        )
    return np.array(array, dtype=dtype, order="C")


def trained_arrays(coefs, intercepts, fit_intercept):
    """What training updates, in order: each layer's weights, then its biases if
    fitted. Also the layout of the matching update directions and units."""
    return list(coefs) + list(intercepts) if fit_intercept else list(coefs)


def single_layer_start(coef_init, intercept_init, sizes, dtype, *, fit_intercept):
    """``fit``'s ``coef_init`` (n_units, n_features) and ``intercept_init``
    (n_units,), in ``coef_``'s layout, checked against the layer ``sizes``: the
    lists of the layers' weights and biases (each None if not given)."""
    n_features, n_units = sizes
    coefs = intercepts = None
    if coef_init is not None:
        coef = checked_start(
            coef_init,
            "coef_init",
            (n_units, n_features),
            dtype,
            layout="one row per unit, one column per feature",
            vector=n_units == 1,
        )
        coefs = [np.ascontiguousarray(coef.T)]
    if intercept_init is not None:
        intercepts = [
            checked_start(
                intercept_init,
                "intercept_init",
                (n_units,),
                dtype,
                layout="one bias per unit",
                zero=not fit_intercept,
            )
        ]
    return coefs, intercepts


def network_start(coefs_init, intercepts_init, sizes, dtype, *, fit_intercept):
    """A network's ``coefs_init`` and ``intercepts_init``, one array per layer in
    ``coefs_``'s and ``intercepts_``'s layout, checked against the layer
    ``sizes`` (each None if not given)."""
    shapes = list(pairwise(sizes))
    coefs = intercepts = None
    if coefs_init is not None:
        coefs = _checked_per_layer(
            coefs_init,
            "coefs_init",
            shapes,
            dtype,
            layout="the inputs and units of the layer",
        )
    if intercepts_init is not None:
        intercepts = _checked_per_layer(
            intercepts_init,
            "intercepts_init",
            [(n_units,) for _, n_units in shapes],
            dtype,
            layout="the units of the layer",
            zero=not fit_intercept,
        )
    return coefs, intercepts


def _checked_per_layer(values, name, shapes, dtype, *, layout, zero=False):
    """One array per layer, each checked by :func:`checked_start`."""
    if isinstance(values, np.ndarray) or len(values) != len(shapes):
        given = (
            "an array" if isinstance(values, np.ndarray) else f"{len(values)} arrays"
        )
        raise ValueError(
            f"{name} must be a list of {len(shapes)} arrays, one per layer, of "
            f"shapes {shapes}; got {given}."
        )
    return [
        checked_start(value, f"{name}[{layer}]", shape, dtype, layout=layout, zero=zero)
        for layer, (value, shape) in enumerate(zip(values, shapes, strict=True))
    ]


@dataclass
class Layers:
    """Weights ``(n_inputs, n_units)`` and biases ``(n_units,)`` of each layer,
    from the input to the output; one layer for a single layer of units."""

    coefs: list
    intercepts: list

    @classmethod
    def start(cls, sizes, initial_weights, dtype):
        """Layers of the given sizes (inputs, then the units of each layer):
        weights from ``initial_weights(n_inputs, n_units)``, layer by layer
        from the input, and zero biases."""
        coefs = [
            initial_weights(n_inputs, n_units) for n_inputs, n_units in pairwise(sizes)
        ]
        intercepts = [np.zeros(n_units, dtype=dtype) for n_units in sizes[1:]]
        return cls(coefs, intercepts)

    @classmethod
    def given(cls, coefs, sizes, dtype):
        """Layers of the weights ``coefs``, of the ``sizes`` already checked,
        and zero biases."""
        return cls(
            list(coefs), [np.zeros(n_units, dtype=dtype) for n_units in sizes[1:]]
        )

    @property
    def sizes(self):
        """The number of inputs, then of units of each layer."""
        return [self.coefs[0].shape[0]] + [coef.shape[1] for coef in self.coefs]

    def continued(self, sizes, dtype):
        """A copy of the layers in ``dtype``, to continue training them (a warm
        start), after checking that they have the ``sizes`` the data need."""
        if self.sizes != sizes:
            raise ValueError(
                "warm_start can only continue a fit with the same layer sizes: "
                f"the previous fit has {self.sizes}, this one needs {sizes}. Set "
                "warm_start=False to fit from scratch."
            )
        # C order, as a fresh start's: the fitted coef_.T is in Fortran order,
        # which would compile the kernels once more for a layout of their own.
        return Layers(
            [np.array(coef, dtype=dtype, order="C") for coef in self.coefs],
            [intercept.astype(dtype) for intercept in self.intercepts],
        )

    def scaled_start(self, scale, dtype, unused_inputs=None):
        """The start for training on ``X / scale``, in X's dtype: the first
        layer's weights divided by ``scale``, and zero for the inputs of the
        boolean mask ``unused_inputs``."""
        coefs = [self.coefs[0] / scale, *self.coefs[1:]]
        if unused_inputs is not None:
            coefs[0][unused_inputs] = 0
        return Layers(
            [coef.astype(dtype, copy=False) for coef in coefs],
            [intercept.astype(dtype, copy=False) for intercept in self.intercepts],
        )

    def with_trained(self, arrays, fit_intercept):
        """A copy of the layers whose trained arrays are copies of ``arrays``
        (in the order of :func:`trained_arrays`)."""
        n_layers = len(self.coefs)
        coefs = arrays[:n_layers]
        intercepts = arrays[n_layers:] if fit_intercept else self.intercepts
        return Layers(
            [coef.copy() for coef in coefs],
            [intercept.copy() for intercept in intercepts],
        )

    def trained(self, fit_intercept):
        """The arrays that training updates in place (see :func:`trained_arrays`)."""
        return trained_arrays(self.coefs, self.intercepts, fit_intercept)
