"""Which step rule trains the sigmoid units: the one choice, made once.

:func:`plan_training` turns the estimator's ``solver``, ``learning_rate``,
``batch_size`` and ``tol`` and the size of the data into a
:class:`TrainingPlan`: the rule (one of :data:`SOLVERS`), the loss offset it
descends, the rows of each update, the stopping tolerance and the step. It is
the only place that reads ``learning_rate == "auto"``, as ``MLPClassifier``
branches on its ``solver`` in one place; the estimators build the rule the plan
names (``_optimizers``) and ``trace`` reads the plan to know whether it can
follow a fit. A new rule is a name here, a branch of :func:`plan_training` and
a class in ``_optimizers``.
"""

from dataclasses import dataclass, replace

#: The step rules of the sigmoid units, by the name ``solver`` takes: the
#: tutorials' constant step ("gd": full batch, mini-batches or online),
#: L-BFGS, iRprop+ and Adam.
SOLVERS = ("gd", "lbfgs", "rprop", "adam")

#: The rules that update on the full batch only.
FULL_BATCH_SOLVERS = ("lbfgs", "rprop")

#: Rows per update of ``partial_fit`` and of Adam with ``batch_size="auto"``,
#: as ``MLPClassifier``'s.
AUTO_BATCH_SIZE = 200

#: Rows above which ``solver="auto"`` trains a network by Adam on mini-batches:
#: one of its batches. Up to there an epoch makes one of Adam's updates, no
#: more than the full batch's one, and Adam's tolerance stops on the plateaus
#: of XOR and parity (up to 7 inputs: 128 rows), which iRprop+ crosses. Above,
#: iRprop+ drove the training loss on to its minimum: on 266 rows of 5 classes
#: it ran 1,291 epochs (3 times ``MLPClassifier``'s time) and scored 5 points
#: below it in cross-validation, where Adam stops after about 100 epochs,
#: 1.5 points below it.
FULL_BATCH_MAX_ROWS = AUTO_BATCH_SIZE

#: Rows above which ``solver="auto"`` trains a regression network by Adam: on
#: fewer, iRprop+ to the penalised minimum of ``alpha="auto"`` is 3-15 points
#: of R^2 above Adam's early stop (cars' MPG 0.752 against 0.710, star98
#: 0.234 against -0.146), in a third to a tenth of ``MLPRegressor``'s time;
#: on 1,000 rows Adam is within 0.01 of ``MLPRegressor`` in a tenth of its
#: time, where iRprop+ takes half of it.
REGRESSION_FULL_BATCH_MAX_ROWS = 1000

#: ``alpha="auto"`` (the regression network's): for the full-batch rules,
#: ``1 / n_samples`` (the penalty ``MLPRegressor`` would add with
#: ``alpha=1`` on its summed loss), which fades as the rows grow; a rule that
#: descends to the penalised minimum of a network of 100 units overfits a
#: small table without it (diabetes: R^2 -0.79 at 1e-5, 0.46 at 1 / 353).
#: Over the tables of ``benchmarks/regression.py``, 1 / n keeps every one
#: within 0.01 of ``MLPRegressor``; 0.5 / n lost diabetes and star98, 2 / n
#: stackloss's 17 rows. For Adam, whose tolerance stops it first, the
#: classifier's 1e-5.
AUTO_ALPHA = {"full batch": 1.0, "other": 1e-5}

#: Fahlman's flat-spot offset, by the number of layers: the share of
#: cross-entropy added to the squared error by the full-batch adaptive rules,
#: so that a unit saturated on the wrong side, where ``o (1 - o)`` and the
#: squared error's gradient vanish, still has a way back. A network takes
#: Fahlman's own 0.1: the output units of parity's networks sit on the flat
#: spot for hundreds of epochs, and 0.01 left them there.
FLAT_SPOT_OFFSETS = {"one layer": 0.01, "network": 0.1}

#: ``tol="auto"``: for Adam, three times ``MLPClassifier``'s 1e-4, as its
#: steps are five to ten times ``MLPClassifier``'s: an epoch of such steps
#: lowers the loss by 1e-4 long after the held-out accuracy has stopped rising
#: (on 6,000 rows of 5 classes it ran 455 epochs, 1.4 times
#: ``MLPClassifier``'s time, for the accuracy of its first 200), and 5e-4
#: stopped digits' squared error half a point below ``MLPClassifier``. For
#: L-BFGS on one layer, 1e-6 or 5e-4 of the loss, whichever is larger
#: (``(absolute, relative)``): where classes overlap, the loss stays high and
#: crept down by 1e-5 an epoch for tens of epochs (569 x 30 with 5 classes: 65
#: epochs under 1e-6 alone, 29 now), while the separable truth tables of 2-8
#: inputs, whose last row to learn is a small share of a small loss, were all
#: learned on 20 seeds (``train-tables``); an absolute 1e-5 left 8 of those
#: 700 fits a row short, a relative 1e-3 one (NOR of 7 inputs, seed 13, on a
#: plateau of its 4th-6th epochs). The other rules need the finer one to cross
#: XOR's and parity's plateaus, where the loss falls by 1e-6 to 1e-5 an epoch
#: before it drops.
AUTO_TOLERANCES = {
    "adam": 3e-4,
    "lbfgs, one layer": (1e-6, 5e-4),
    "other": 1e-6,
}

#: The epochs without improvement that stop L-BFGS on one layer with
#: ``tol="auto"``: its full-batch epochs are not noisy, and SciPy's L-BFGS
#: (``LogisticRegression``'s and ``MLPClassifier``'s) stops at the first.
#: Two stopped the date features of the command line's half-year test at a
#: plateau of 17 epochs, before the steps that make its model extrapolate to
#: the next year's days (85 % of them right, against 100 % after 25 epochs
#: with three).
LBFGS_PATIENCE = 3

#: The steps of ``learning_rate="auto"`` that the data do not set, in the
#: units of weights of X divided by its root mean square value: Adam's by
#: loss (``MLPClassifier``'s 1e-3 took 600 epochs on digits with the log
#: loss), iRprop+'s first step (Igel and Huesken's 0.0125).
AUTO_STEPS = {
    "adam": {"squared_error": 5e-3, "log_loss": 1e-2},
    "rprop": 0.0125,
}


@dataclass(frozen=True)
class TrainingPlan:
    """How a fit of sigmoid units trains: what :func:`plan_training` chose."""

    #: The rule, one of :data:`SOLVERS`.
    solver: str
    #: Rows per update; None for the full batch.
    batch_size: int | None
    #: Fahlman's flat-spot offset of the loss the rule descends (0: the loss).
    flat_spot_offset: float
    #: The stopping rule's tolerance.
    tol: float | None
    #: The constant step of "gd", the first step of L-BFGS and iRprop+, or
    #: Adam's step; None for the stable step the data set (see
    #: ``_stats.stable_step``).
    learning_rate: float | None
    #: Whether the step adapts to the data (``learning_rate="auto"``): the
    #: first layer's biases then move as if their input had the inputs'
    #: typical size.
    adaptive: bool
    #: The stopping rule's tolerance relative to the best loss (see
    #: ``StoppingRule``; 0 for none).
    relative_tol: float = 0.0
    #: The epochs without improvement that stop the fit, where the rule sets
    #: them (None: the estimator's ``n_iter_no_change``).
    n_iter_no_change: int | None = None
    #: The penalty's strength (``alpha``, or what ``"auto"`` resolved to).
    alpha: float = 0.0

    @property
    def full_batch(self):
        """Whether each update reads every row."""
        return self.batch_size is None

    def loss_stopping(self, stopping):
        """``stopping`` (a ``StoppingRule`` on the training loss) with the
        rule's own relative tolerance and patience, where it sets them."""
        return replace(
            stopping,
            relative_tol=self.relative_tol,
            n_iter_no_change=self.n_iter_no_change or stopping.n_iter_no_change,
        )


def plan_training(
    *,
    solver,
    learning_rate,
    batch_size,
    tol,
    loss,
    n_layers,
    n_samples,
    in_memory,
    incremental,
    alpha=0.0,
    weighted_rows=None,
    full_batch_max_rows=FULL_BATCH_MAX_ROWS,
):
    """The :class:`TrainingPlan` of a fit or a ``partial_fit`` call.

    ``solver="auto"`` picks: the constant step ("gd") for a float
    ``learning_rate``, mini-batches of an int ``batch_size`` or ``partial_fit``;
    else L-BFGS for one layer, and for a network iRprop+ on up to
    :data:`FULL_BATCH_MAX_ROWS` rows (or data on a cluster, or an int
    ``batch_size`` of every row) and Adam on mini-batches above. A rule that
    cannot serve the call raises a ValueError naming the one that can.

    Parameters
    ----------
    solver : {"auto", "gd", "lbfgs", "rprop", "adam"}
        The estimator's ``solver``.
    learning_rate : float or "auto"
        The estimator's ``learning_rate``.
    batch_size : int or "auto"
        The estimator's ``batch_size``.
    tol : float, "auto" or None
        The estimator's ``tol``.
    loss : str
        The name of the output units' loss.
    n_layers : int
        Number of layers of weights (1 for a single layer of units).
    n_samples : int
        Rows of the training data.
    in_memory : bool
        Whether the rows can be read in mini-batches (False on a dask cluster).
    incremental : bool
        True for ``partial_fit``'s single epoch.
    alpha : float or "auto", default=0.0
        The estimator's ``alpha`` (see :data:`AUTO_ALPHA`).
    weighted_rows : float or None, default=None
        The rows' total sample weight, for ``alpha="auto"`` (None: n_samples).
    full_batch_max_rows : int, default=FULL_BATCH_MAX_ROWS
        Rows up to which ``"auto"`` trains a network on the full batch.
    """
    rows = _rows_per_update(batch_size, n_samples, incremental)
    adaptive = learning_rate == "auto"
    chosen = solver
    if solver == "auto":
        chosen = "gd"
        if adaptive and rows is None:
            chosen = _adaptive_solver(
                n_layers, n_samples, in_memory, batch_size, full_batch_max_rows
            )
    _check_solver_serves(chosen, solver, rows, incremental, in_memory)
    if chosen == "adam" and rows is None:
        # Adam's batches: batch_size's, or MLPClassifier's for "auto".
        batch = AUTO_BATCH_SIZE if batch_size == "auto" else batch_size
        rows = min(batch, n_samples)
    offset = 0.0
    if chosen in FULL_BATCH_SOLVERS:
        offset = FLAT_SPOT_OFFSETS["network" if n_layers > 1 else "one layer"]
    tol, relative_tol, patience = _tolerance(tol, chosen, n_layers)
    step = None if adaptive else float(learning_rate)
    if adaptive and chosen in AUTO_STEPS:
        step = AUTO_STEPS[chosen][loss] if chosen == "adam" else AUTO_STEPS[chosen]
    if alpha == "auto":
        rows_weight = n_samples if weighted_rows is None else weighted_rows
        alpha = AUTO_ALPHA["other"]
        if chosen in FULL_BATCH_SOLVERS:
            alpha = AUTO_ALPHA["full batch"] / rows_weight
    return TrainingPlan(
        chosen, rows, offset, tol, step, adaptive, relative_tol, patience, alpha
    )


def _tolerance(tol, solver, n_layers):
    """``(tol, relative_tol, patience)`` of the stopping rule: ``tol``'s, or
    for ``"auto"`` :data:`AUTO_TOLERANCES`'s of the rule (patience None: the
    estimator's ``n_iter_no_change``)."""
    if tol != "auto":
        return tol, 0.0, None
    if solver == "adam":
        return AUTO_TOLERANCES["adam"], 0.0, None
    if solver == "lbfgs" and n_layers == 1:
        return (*AUTO_TOLERANCES["lbfgs, one layer"], LBFGS_PATIENCE)
    return AUTO_TOLERANCES["other"], 0.0, None


def _rows_per_update(batch_size, n_samples, incremental):
    """Rows of each update by ``batch_size`` alone; None for the full batch."""
    if batch_size == "auto":
        return min(AUTO_BATCH_SIZE, n_samples) if incremental else None
    if batch_size >= n_samples and not incremental:
        # A batch of every row is the full batch, and takes its rule.
        return None
    return min(batch_size, n_samples)


def _adaptive_solver(n_layers, n_samples, in_memory, batch_size, full_batch_max_rows):
    """The full-batch adaptive rule of ``solver="auto"``, or Adam for a network
    on many rows in memory whose ``batch_size`` is left to the rule."""
    if n_layers == 1:
        return "lbfgs"
    if in_memory and batch_size == "auto" and n_samples > full_batch_max_rows:
        return "adam"
    return "rprop"


def _check_solver_serves(chosen, solver, rows, incremental, in_memory):
    """Raise the ValueError of a pinned ``solver`` that cannot serve the call."""
    if chosen in FULL_BATCH_SOLVERS and rows is not None:
        call = "partial_fit" if incremental else f"batch_size={rows}"
        raise ValueError(
            f"solver={solver!r} updates on the full batch and cannot serve "
            f"{call}: use solver='gd' (or 'adam' for mini-batches in fit), or "
            "solver='auto'."
        )
    if chosen == "adam" and incremental:
        raise ValueError(
            "solver='adam' keeps its moments within one fit and cannot serve "
            "partial_fit: use solver='gd' (or 'auto')."
        )
    if chosen == "adam" and not in_memory:
        raise ValueError(
            "solver='adam' reads mini-batches and cannot serve a fit on dask "
            "collections: use solver='gd', 'lbfgs' or 'rprop' (or 'auto'), or "
            "stream the blocks through partial_fit."
        )
