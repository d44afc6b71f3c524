"""The scores of a model of a table's target, as ``sksigmoid fit`` and
``evaluate`` report them: a classifier's accuracy and log-loss, a regression's
R^2, mean absolute error and root mean squared error (``MLPRegressor``'s
``score`` and scikit-learn's two errors in the target's units), cross-validated
in folds stratified by class, or plain shuffled K-fold for a quantity, whose
values are too many to stratify."""

import numpy as np
from sklearn.metrics import mean_absolute_error, r2_score, root_mean_squared_error
from sklearn.model_selection import KFold, StratifiedKFold, cross_validate

from sksigmoid.tabular._cells import NA_WORDS
from sksigmoid.tabular._quoting import shell_word

#: Each task's scores, by the names a model file records them under, with
#: scikit-learn's scorer of each (``neg_``: negated, as higher is better there).
SCORERS = {
    "classify": {"accuracy": "accuracy", "log_loss": "neg_log_loss"},
    "regress": {
        "r2": "r2",
        "mae": "neg_mean_absolute_error",
        "rmse": "neg_root_mean_squared_error",
    },
}

#: The most classes a message lists.
_LISTED = 10


def check_folds(y, folds, task, *, source):
    """Refuse ``folds``-fold cross-validation of the target ``y`` when a test
    fold would miss a class (a class has fewer rows than folds), or, for a
    quantity, when there are fewer rows than folds."""
    if task == "regress":
        if len(y) < folds:
            advice = f"--cv {len(y)} or --cv 0" if len(y) >= 2 else "--cv 0"
            raise ValueError(
                f"{source}: {folds}-fold cross-validation needs at least {folds} "
                f"rows, but there are {len(y)}; use {advice}"
            )
        return
    counts = y.value_counts()
    few = counts[counts < folds]
    if len(few):
        largest = int(counts.min())
        advice = f"--cv {largest} or --cv 0" if largest >= 2 else "--cv 0"
        markers = [label for label in few.index if str(label).strip() in NA_WORDS]
        if markers:
            marker = shell_word(markers[0])
            advice += f" (or, if {markers[0]!r} marks a missing label, --na {marker})"
        classes = ", ".join(
            f"{label!r} ({count})" for label, count in few.iloc[:_LISTED].items()
        )
        if len(few) > _LISTED:
            classes += f" and {len(few) - _LISTED} more"
        raise ValueError(
            f"{source}: {folds}-fold cross-validation needs at least {folds} rows "
            f"of each class, but the class(es) {classes} have fewer; use {advice}"
        )


def cross_validated_scores(pipeline, X, y, folds, task):
    """The scores of each of ``folds`` folds (shuffled with seed 0, stratified
    by class for ``task="classify"``), by :data:`SCORERS`' names, losses and
    errors as positive numbers; and ``"seconds_per_fit"``, the mean fit time."""
    splitter = StratifiedKFold if task == "classify" else KFold
    scorers = SCORERS[task]
    scores = cross_validate(
        pipeline,
        X,
        y,
        cv=splitter(folds, shuffle=True, random_state=0),
        scoring=scorers,
        error_score="raise",
    )
    result = {"seconds_per_fit": float(np.mean(scores["fit_time"]))}
    for name, scorer in scorers.items():
        values = scores[f"test_{name}"]
        result[name] = tuple(
            (-values if scorer.startswith("neg_") else values).tolist()
        )
    return result


def regression_scores(y, predictions):
    """R^2, the mean absolute error and the root mean squared error of
    ``predictions`` of the quantities ``y``, by :data:`SCORERS`' names."""
    return {
        "r2": float(r2_score(y, predictions)),
        "mae": float(mean_absolute_error(y, predictions)),
        "rmse": float(root_mean_squared_error(y, predictions)),
    }


def residual_summary(y, predictions):
    """The residuals ``y - predictions``: their smallest, quartiles, largest
    and mean (R's ``summary(lm)`` shows the first five)."""
    residuals = np.asarray(y, dtype=np.float64) - predictions
    quantiles = np.quantile(residuals, [0.0, 0.25, 0.5, 0.75, 1.0])
    names = ("min", "25%", "median", "75%", "max")
    summary = dict(zip(names, quantiles.tolist(), strict=True))
    return {**summary, "mean": float(residuals.mean())}
