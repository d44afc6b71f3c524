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


def mean_and_spread(values):
    """Cross-validated scores as ``"mean +/- standard deviation"``."""
    return f"{np.mean(values):.3f} +/- {np.std(values):.3f}"
