"""Plain text for the command line's output: tables, counts and scores."""

import numpy as np


def format_table(header, rows):
    """Left-aligned columns, a rule under the header (``header=None``: no header)."""
    cells = [[str(cell) for cell in row] for row in rows]
    if header is not None:
        cells.insert(0, header)
    widths = [max(len(row[i]) for row in cells) for i in range(len(cells[0]))]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True))
        for row in cells
    ]
    if header is not None:
        lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(line.rstrip() for line in lines)


def rows_text(count):
    """``"1 row"``, ``"2 rows"``."""
    return f"{count} row{'' if count == 1 else 's'}"


def quantity(value):
    """A value in a target's units to 4 significant digits, without an
    exponent: ``43.89``, ``0.001234``, ``183200``."""
    return np.format_float_positional(value, precision=4, fractional=False, trim="-")


#: How the command line names the scores of ``fit --cv`` (``_scores.SCORERS``).
SCORE_NAMES = {
    "accuracy": "accuracy",
    "log_loss": "log-loss",
    "r2": "R^2",
    "mae": "MAE",
    "rmse": "RMSE",
}


def mean_and_spread(values, form="{:.3f}".format):
    """Cross-validated scores as ``"mean +/- standard deviation"``."""
    return f"{form(np.mean(values))} +/- {form(np.std(values))}"


def scores_text(cross_validation, names):
    """``"accuracy 0.950 +/- 0.010, log-loss ..."``: the scores ``names`` of a
    record's cross-validation; errors in the target's units as quantities."""
    return ", ".join(
        f"{SCORE_NAMES[name]} "
        + mean_and_spread(
            getattr(cross_validation, name),
            quantity if name in ("mae", "rmse") else "{:.3f}".format,
        )
        for name in names
    )
