"""Whether two classes are linearly separable, decided by linear programs."""

import numpy as np
from scipy.optimize import linprog
from sklearn.utils import Bunch, check_X_y
from sklearn.utils.multiclass import unique_labels


def linear_separability(X, y):
    """Decide whether a hyperplane separates the two classes of ``X``, with proof.

    Two finite point sets are strictly separable by a hyperplane exactly when
    their convex hulls do not meet. A first linear program looks for a point of
    both hulls: convex weights ``lambda`` on one class's rows and ``mu`` on the
    other's with ``sum(lambda_i x_i) = sum(mu_j x_j)``. Such weights are the
    proof that no hyperplane separates the classes: a hyperplane with every
    row of one class on its positive side has every convex combination of them
    there too. When there is none, a second program finds a separating
    hyperplane: it maximises ``t`` subject to ``s_i (x_i @ w + b) >= t`` for the
    signs ``s_i`` of the classes and ``-1 <= w_j <= 1``.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        The points.
    y : array-like of shape (n_samples,)
        Their labels, of exactly two classes.

    Returns
    -------
    result : :class:`~sklearn.utils.Bunch`
        ``separable`` : bool
            Whether a hyperplane separates the classes.
        ``margin`` : float
            With ``separable``, the distance from the hyperplane found to the
            nearest row, in ``X``'s units (> 0); not necessarily the largest
            margin, which a hard-margin SVM would find. Else 0.
        ``coef``, ``intercept`` : ndarray of shape (n_features,), float
            With ``separable``: a row ``x`` of the second class of
            ``classes`` has ``x @ coef + intercept > 0``, one of the first
            ``< 0``.
        ``certificate`` : Bunch
            Without ``separable``: ``weights`` of shape (n_samples,), convex
            weights of each class's rows (non-negative, summing to 1 over each
            class), and ``point``, the point both weighted sums are: it lies in
            both classes' convex hulls.
        ``classes`` : ndarray of shape (2,)
            The two labels, in sorted order.

    Examples
    --------
    >>> from sksigmoid import linear_separability
    >>> from sksigmoid.datasets import make_truth_table
    >>> X, y = make_truth_table("and", return_X_y=True)
    >>> result = linear_separability(X, y)
    >>> bool(result.separable), round(result.margin, 4)
    (True, 0.3536)
    >>> X, y = make_truth_table("xor", return_X_y=True)
    >>> result = linear_separability(X, y)
    >>> bool(result.separable)
    False
    >>> result.certificate.point  # the centre of the square, in both hulls
    array([0.5, 0.5])
    """
    X, y = check_X_y(X, y, dtype=np.float64)
    classes = unique_labels(y)
    if len(classes) != 2:
        raise ValueError(
            f"linear_separability takes exactly two classes; y has {len(classes)}. "
            "Test each class against the rest for more."
        )
    positive = y == classes[1]
    # The programs run on each column mapped onto [-1/2, 1/2]: an affine map of
    # each column keeps which hulls meet, and the solver's tolerances (1e-7)
    # are then tolerances on the data's spread, not on its magnitude (rows
    # 1e8 and 1e8 + 1 apart by 1e-8 of their size are a unit apart).
    low, high = X.min(axis=0), X.max(axis=0)
    center = (low + high) / 2
    spread = np.where(high > low, high - low, 1.0)
    Z = (X - center) / spread
    certificate = _common_hull_point(Z, positive)
    if certificate is not None:
        certificate.point = certificate.weights[positive] @ X[positive]
        return Bunch(
            separable=False, margin=0.0, certificate=certificate, classes=classes
        )
    scaled_coef, scaled_intercept = _separating_hyperplane(Z, positive)
    coef = scaled_coef / spread
    intercept = float(scaled_intercept - center @ coef)
    signs = np.where(positive, 1.0, -1.0)
    margin = float(np.min(signs * (X @ coef + intercept)) / np.linalg.norm(coef))
    return Bunch(
        separable=True, margin=margin, coef=coef, intercept=intercept, classes=classes
    )


#: The largest difference, as a share of each column's spread, between the two
#: hull points of a certificate, and the smallest margin (of the scaled data) of
#: a separating hyperplane, that this module returns rather than raises on.
VERIFICATION_TOLERANCE = 1e-9

#: The solver's feasibility tolerances: HiGHS' smallest, so that a certificate
#: meets :data:`VERIFICATION_TOLERANCE` (its default 1e-7 would not).
_SOLVER_OPTIONS = {
    "primal_feasibility_tolerance": 1e-10,
    "dual_feasibility_tolerance": 1e-10,
}


def _undecided(what):
    return ValueError(
        f"linear_separability could not verify its {what} in floating point: the "
        "classes come within 1e-9 of the data's spread of each other, closer "
        "than the linear programs can decide."
    )


def _common_hull_point(X, positive):
    """The certificate of a point in both classes' hulls (its convex weights),
    or None if none is, for X of columns of spread at most 1."""
    n_samples, n_features = X.shape
    # Columns: the rows' convex weights, signed so that the hull points'
    # difference is A @ weights = 0; then one sum-to-one row per class.
    signs = np.where(positive, 1.0, -1.0)
    equalities = np.vstack([X.T * signs, positive, ~positive]).astype(float)
    targets = np.concatenate([np.zeros(n_features), [1.0, 1.0]])
    result = linprog(
        np.zeros(n_samples),
        A_eq=equalities,
        b_eq=targets,
        bounds=(0, None),
        method="highs",
        options=_SOLVER_OPTIONS,
    )
    if result.status != 0:
        return None
    weights = np.clip(result.x, 0.0, None)
    for side in (positive, ~positive):
        weights[side] /= weights[side].sum()
    # The proof is returned only if it holds: both weighted sums one point.
    gap = np.max(
        np.abs(weights[positive] @ X[positive] - weights[~positive] @ X[~positive]),
        initial=0.0,
    )
    if gap > VERIFICATION_TOLERANCE:
        raise _undecided("certificate (a point in both classes' hulls)")
    return Bunch(weights=weights)


def _separating_hyperplane(X, positive):
    """``(coef, intercept)`` maximising the smallest signed margin, |coef_j| <= 1."""
    n_samples, n_features = X.shape
    signs = np.where(positive, 1.0, -1.0)[:, np.newaxis]
    # Variables: coef, intercept, t; minimise -t subject to
    # t - s_i (x_i @ coef + intercept) <= 0.
    constraints = np.hstack([-signs * X, -signs, np.ones((n_samples, 1))])
    cost = np.zeros(n_features + 2)
    cost[-1] = -1.0
    result = linprog(
        cost,
        A_ub=constraints,
        b_ub=np.zeros(n_samples),
        bounds=[(-1, 1)] * n_features + [(None, None), (None, 1)],
        method="highs",
        options=_SOLVER_OPTIONS,
    )
    coef, intercept = result.x[:n_features], float(result.x[n_features])
    # The hyperplane is returned only if every row is on its class's side.
    if np.min(signs[:, 0] * (X @ coef + intercept)) <= VERIFICATION_TOLERANCE:
        raise _undecided("separating hyperplane")
    return coef, intercept
