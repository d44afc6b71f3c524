"""Truth tables of the logic functions, as scikit-learn style data sets."""

import itertools
from numbers import Integral

import numpy as np
from sklearn.utils import Bunch
from sklearn.utils._param_validation import Interval, StrOptions, validate_params

#: name -> output as a function of (number of inputs that are 1, number of inputs).
#: Every function here is symmetric, so the count of ones decides the output.
TRUTH_FUNCTIONS = {
    "and": lambda ones, n: ones == n,
    "or": lambda ones, n: ones > 0,
    "nand": lambda ones, n: ones < n,
    "nor": lambda ones, n: ones == 0,
    "xor": lambda ones, n: ones % 2 == 1,
    "xnor": lambda ones, n: ones % 2 == 0,
    "majority": lambda ones, n: 2 * ones > n,
    "parity": lambda ones, n: ones % 2 == 1,
    "not": lambda ones, n: ones == 0,
}

#: Largest table offered: 2 ** 20 rows.
MAX_INPUTS = 20


def check_n_inputs(name, n_inputs):
    """Raise a ValueError if ``name`` is not defined for ``n_inputs`` inputs."""
    if name == "not" and n_inputs != 1:
        raise ValueError(f"'not' takes exactly one input; got n_inputs={n_inputs}.")
    if name != "not" and n_inputs < 2:
        raise ValueError(
            f"{name!r} takes at least two inputs; got n_inputs={n_inputs}."
        )


@validate_params(
    {
        "name": [StrOptions(set(TRUTH_FUNCTIONS))],
        "n_inputs": [Interval(Integral, 1, MAX_INPUTS, closed="both")],
        "return_X_y": ["boolean"],
        "as_frame": ["boolean"],
    },
    prefer_skip_nested_validation=True,
)
def make_truth_table(name, n_inputs=2, *, return_X_y=False, as_frame=False):
    """Truth table of a logic function: every 0/1 input row and its output.

    Parameters
    ----------
    name : {"and", "or", "nand", "nor", "xor", "xnor", "majority", "parity", "not"}
        The logic function. ``"xor"`` and ``"parity"`` are 1 for an odd number of
        ones, ``"xnor"`` for an even number, ``"majority"`` when more than half of
        the inputs are 1. ``"not"`` takes exactly one input.
    n_inputs : int, default=2
        Number of inputs, from 2 to 20 (1 for ``"not"``).
    return_X_y : bool, default=False
        Return ``(data, target)`` instead of a Bunch.
    as_frame : bool, default=False
        Return the data as a pandas DataFrame and the target as a Series.

    Returns
    -------
    data : :class:`~sklearn.utils.Bunch`
        Dictionary-like object with attributes ``data`` (ndarray of shape
        (2 ** n_inputs, n_inputs) or DataFrame), ``target`` (ndarray or Series of
        0/1), ``feature_names`` (``x1``, ``x2``, ...), ``target_names``
        (``["0", "1"]``), ``frame`` (DataFrame of data and target when
        ``as_frame=True``, else None) and ``DESCR``.
    (data, target) : tuple if ``return_X_y`` is True
        The rows in binary counting order and their outputs.

    Examples
    --------
    >>> from sksigmoid.datasets import make_truth_table
    >>> X, y = make_truth_table("and", n_inputs=2, return_X_y=True)
    >>> X
    array([[0, 0],
           [0, 1],
           [1, 0],
           [1, 1]])
    >>> y
    array([0, 0, 0, 1])
    >>> make_truth_table("majority", n_inputs=3, as_frame=True).frame.shape
    (8, 4)
    """
    check_n_inputs(name, n_inputs)
    data = np.array(list(itertools.product([0, 1], repeat=n_inputs)), dtype=np.int64)
    target = TRUTH_FUNCTIONS[name](data.sum(axis=1), n_inputs).astype(np.int64)
    feature_names = [f"x{i}" for i in range(1, n_inputs + 1)]
    frame = None
    if as_frame:
        import pandas as pd

        data = pd.DataFrame(data, columns=feature_names)
        target = pd.Series(target, name=name)
        frame = pd.concat([data, target], axis=1)
    if return_X_y:
        return data, target
    descr = (
        f"Truth table of {name.upper()} with {n_inputs} input(s): all "
        f"{2**n_inputs} rows of 0/1 inputs in binary counting order, and the "
        "function's output (1 = true)."
    )
    return Bunch(
        data=data,
        target=target,
        feature_names=feature_names,
        target_names=np.array(["0", "1"]),
        frame=frame,
        DESCR=descr,
    )
