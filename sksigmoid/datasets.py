"""Truth tables of the logic functions, and TensorFlow Playground's four data
sets, as scikit-learn style data sets."""

import itertools
from numbers import Integral, Real

import numpy as np
from sklearn.utils import Bunch, check_random_state
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
    descr = (
        f"Truth table of {name.upper()} with {n_inputs} input(s): all "
        f"{2**n_inputs} rows of 0/1 inputs in binary counting order, and the "
        "function's output (1 = true)."
    )
    return _data_set(data, target, feature_names, name, descr, as_frame, return_X_y)


def _data_set(data, target, feature_names, target_name, descr, as_frame, return_X_y):
    """``(data, target)``, or the Bunch of a data set, as arrays or frames."""
    frame = None
    if as_frame:
        import pandas as pd

        data = pd.DataFrame(data, columns=feature_names)
        target = pd.Series(target, name=target_name)
        frame = pd.concat([data, target], axis=1)
    if return_X_y:
        return data, target
    return Bunch(
        data=data,
        target=target,
        feature_names=feature_names,
        target_names=np.array(["0", "1"]),
        frame=frame,
        DESCR=descr,
    )


#: TensorFlow Playground's radius of its data sets: the points lie in
#: [-RADIUS, RADIUS] squared, and its noise of 0 to 0.5 moves a point by up to
#: ``noise * RADIUS`` along each axis.
RADIUS = 5.0


def _circle(n_samples, noise, random_state):
    """Half the points within half the radius (class 1), half in a ring from
    0.7 to 1 radius (class 0)."""
    n_inner = n_samples // 2
    radii = np.concatenate(
        [
            random_state.uniform(0, 0.5 * RADIUS, n_inner),
            random_state.uniform(0.7 * RADIUS, RADIUS, n_samples - n_inner),
        ]
    )
    angles = random_state.uniform(0, 2 * np.pi, n_samples)
    X = np.column_stack([radii * np.sin(angles), radii * np.cos(angles)])
    y = (np.arange(n_samples) < n_inner).astype(np.int64)
    return X + _jitter(n_samples, noise, random_state), y


def _xor(n_samples, noise, random_state):
    """Points in the four quadrants, kept 0.3 from the axes: class 1 where
    ``x1 * x2 > 0``."""
    X = random_state.uniform(-RADIUS, RADIUS, (n_samples, 2))
    X += np.where(X > 0, 0.3, -0.3)
    y = (X[:, 0] * X[:, 1] > 0).astype(np.int64)
    return X + _jitter(n_samples, noise, random_state), y


def _gauss(n_samples, noise, random_state):
    """Two Gaussian blobs centred on (2, 2) (class 1) and (-2, -2) (class 0),
    of variance 0.5 without noise and 4 at a noise of 0.5."""
    variance = 0.5 + 7 * noise
    n_first = n_samples // 2
    centres = np.where(np.arange(n_samples)[:, np.newaxis] < n_first, 2.0, -2.0)
    X = random_state.normal(centres, np.sqrt(variance), (n_samples, 2))
    y = (np.arange(n_samples) < n_first).astype(np.int64)
    return X, y


def _spiral(n_samples, noise, random_state):
    """Two interleaved spirals of 1.75 turns out to the radius, class 1 and
    class 0 half a turn apart."""
    n_first = n_samples // 2
    parts = []
    for label, n_points, shift in ((1, n_first, 0.0), (0, n_samples - n_first, np.pi)):
        progress = np.arange(n_points) / n_points
        radius, angle = RADIUS * progress, 1.75 * 2 * np.pi * progress + shift
        points = np.column_stack([radius * np.sin(angle), radius * np.cos(angle)])
        points += random_state.uniform(-1, 1, (n_points, 2)) * noise
        parts.append((points, np.full(n_points, label, dtype=np.int64)))
    return np.concatenate([parts[0][0], parts[1][0]]), np.concatenate(
        [parts[0][1], parts[1][1]]
    )


def _jitter(n_samples, noise, random_state):
    """Each point's move: uniform up to ``noise * RADIUS`` along each axis."""
    return random_state.uniform(-RADIUS, RADIUS, (n_samples, 2)) * noise


#: name -> its generator ``(n_samples, noise, random_state) -> (X, y)``.
PLAYGROUND_DATA = {"circle": _circle, "xor": _xor, "gauss": _gauss, "spiral": _spiral}


@validate_params(
    {
        "name": [StrOptions(set(PLAYGROUND_DATA))],
        "n_samples": [Interval(Integral, 2, None, closed="left")],
        "noise": [Interval(Real, 0, None, closed="left")],
        "random_state": ["random_state"],
        "as_frame": ["boolean"],
        "return_X_y": ["boolean"],
    },
    prefer_skip_nested_validation=True,
)
def make_playground(
    name, n_samples=200, *, noise=0.0, random_state=None, as_frame=False,
    return_X_y=False,
):  # fmt: skip
    """TensorFlow Playground's data sets: two features, two classes.

    The four data sets of TensorFlow Playground (Smilkov and Carter, 2016),
    drawn as its ``dataset.ts`` draws them, in its units (points within
    [-5, 5] squared):

    - ``"circle"``: class 1 within half the radius, class 0 in a ring from 0.7
      to 1 radius: a circle separates them, no line does;
    - ``"xor"``: points in the four quadrants, class 1 where ``x1 * x2 > 0``;
    - ``"gauss"``: two Gaussian blobs around (2, 2) and (-2, -2), which a line
      separates;
    - ``"spiral"``: two interleaved spirals.

    Parameters
    ----------
    name : {"circle", "xor", "gauss", "spiral"}
        The data set.
    n_samples : int, default=200
        Number of points: half of each class (class 1 the first half), but for
        ``"xor"``, whose points fall in the quadrants as drawn.
    noise : float, default=0.0
        TensorFlow Playground's noise, 0 to 0.5 in its interface: for
        ``"circle"`` and ``"xor"`` each point moves by up to ``5 * noise``
        along each axis and keeps its label (TensorFlow Playground keeps the
        point and labels the moved one; moving the point, as scikit-learn's
        ``make_circles`` does, makes the noise visible), for ``"spiral"`` by
        up to ``noise``, and for ``"gauss"`` the blobs' variance grows from
        0.5 to 4 at 0.5.
    random_state : int, RandomState instance or None, default=None
        Seeds the points.
    as_frame : bool, default=False
        Return the data as a DataFrame (columns ``x1``, ``x2``) and the target
        as a Series.
    return_X_y : bool, default=False
        Return ``(data, target)`` instead of a Bunch.

    Returns
    -------
    data : :class:`~sklearn.utils.Bunch`
        With ``data`` (n_samples, 2), ``target`` (0/1), ``feature_names``,
        ``target_names``, ``frame`` (with ``as_frame=True``) and ``DESCR``.
    (data, target) : tuple if ``return_X_y`` is True

    See Also
    --------
    sklearn.model_selection.train_test_split : The held-out points of a
        playground: ``train_test_split(X, y, test_size=0.5, stratify=y)``, as
        TensorFlow Playground's "ratio of training to test data" of 50%.

    Examples
    --------
    >>> from sksigmoid import linear_separability
    >>> from sksigmoid.datasets import make_playground
    >>> X, y = make_playground("xor", n_samples=100, random_state=0, return_X_y=True)
    >>> X.shape, sorted(set(y.tolist()))
    ((100, 2), [0, 1])
    >>> bool(((X[:, 0] * X[:, 1] > 0) == (y == 1)).all())
    True
    >>> linear_separability(X, y).separable
    False
    """
    random_state = check_random_state(random_state)
    data, target = PLAYGROUND_DATA[name](n_samples, float(noise), random_state)
    descr = (
        f"TensorFlow Playground's {name!r} data set: {n_samples} points of two "
        f"features, two classes, noise {noise}."
    )
    return _data_set(data, target, ["x1", "x2"], name, descr, as_frame, return_X_y)
