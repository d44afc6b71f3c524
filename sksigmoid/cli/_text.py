"""Plain-text tables for the command line's output."""


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
