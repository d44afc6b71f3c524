"""What ``fit``, ``predict`` and ``evaluate`` point out about a table: columns
that cannot help (an id), may be codes, are free text, or hold a word that
usually marks a missing value, and categories a model never saw. Each is one
line for the user, never a change to the data: the line says which option makes
the change.
"""

from sksigmoid.tabular._cells import NA_WORDS, parsed_numbers
from sksigmoid.tabular._quoting import shell_word

#: An integer column with at most this many distinct values may be a code (a
#: party id, an occupation): ``fit`` suggests ``--categorical`` for it.
MAX_CODES = 10

#: A text column of more than 10 filled cells, at least this share of them
#: distinct...
FREE_TEXT_DISTINCT = 0.5
#: ...and this many words long on average, is free text: ``fit`` suggests
#: ``--words`` for it. (Names, towns and product codes are a word or two.)
FREE_TEXT_WORDS = 3


def free_text(column):
    """``(distinct cells, filled cells, mean words a cell)`` of a text column
    that looks like free text, else None."""
    filled = column.dropna().astype(str)
    if len(filled) <= 10:
        return None
    distinct, words = filled.nunique(), filled.str.split().str.len().mean()
    if distinct >= FREE_TEXT_DISTINCT * len(filled) and words >= FREE_TEXT_WORDS:
        return distinct, len(filled), words
    return None


def identifier_hints(X, numeric, categorical):
    """One message per column with a different value on every row (more than 10).

    A categorical column, or a numeric one of whole numbers (codes, ids):
    neither can help predict new rows. Numbers with a fraction are
    measurements, and dates are four numbers each: both are usually all
    distinct, and say nothing. Free text is distinct too, but its words can
    help: :func:`free_text_hints` speaks for it.
    """
    hints = []
    for name in [*numeric, *categorical]:
        column = X[name]
        if not column.nunique() == len(column) > 10:
            continue
        if name in categorical and free_text(column):
            continue
        if name in numeric:
            numbers = parsed_numbers(column)
            if not (numbers.notna().all() and (numbers % 1 == 0).all()):
                continue
        hints.append(
            f"column {name!r} has a different value on every row, so it "
            f"cannot help predict new rows; leave it out with --id "
            f"{shell_word(name)}"
        )
    return hints


def unseen_categories(preprocessor, X):
    """One message per one-hot encoded column of ``X`` with categories the
    fitted ``preprocessor`` never saw: they encode as no known category
    (``handle_unknown="ignore"``), which a user should know."""
    encoder = preprocessor.named_transformers_.get("categorical")
    if encoder is None:
        return []
    messages = []
    for name, known in zip(encoder.feature_names_in_, encoder.categories_, strict=True):
        column = X[name]
        unseen = column.notna() & ~column.isin(known)
        if unseen.any():
            values = column[unseen].unique()
            listed = ", ".join(map(repr, values[:3])) + (
                ", ..." if len(values) > 3 else ""
            )
            messages.append(
                f"column {name!r} has {unseen.sum()} cells of categories fit never "
                f"saw ({listed}): they encode as none of the known ones"
            )
    return messages


def code_hints(X, numeric):
    """A message naming the numeric columns of 3 to :data:`MAX_CODES` distinct
    whole numbers (none if there are none): standardized as an amount, a code
    such as a party id 1-6 can only push its classes apart in the order of the
    codes. (Two values, 0 and 1 say, are the same feature either way.) One
    message for all of them, so that a survey of 20 coded answers is one line.
    """
    codes = {}
    for name in numeric:
        numbers = parsed_numbers(X[name]).dropna()
        if 3 <= numbers.nunique() <= MAX_CODES and (numbers % 1 == 0).all():
            codes[name] = sorted(numbers.unique())
    if len(codes) == 1:
        [(name, values)] = codes.items()
        listed = ", ".join(f"{value:g}" for value in values)
        return [
            f"Column {name!r} holds {len(values)} whole numbers ({listed}), "
            f"standardized as amounts; if they are codes, --categorical "
            f"{shell_word(name)} one-hot encodes them"
        ]
    if codes:
        listed = ", ".join(f"{name!r} ({len(v)})" for name, v in codes.items())
        return [
            f"Columns {listed} hold few whole numbers each, standardized as "
            "amounts; if some are codes, --categorical COLUMN one-hot encodes "
            f"one (repeatable), e.g. --categorical {shell_word(next(iter(codes)))}"
        ]
    return []


def regression_hint(y):
    """The line that says why the target ``y`` is a quantity when no
    ``--task`` says so (:func:`~sksigmoid.tabular._target.target_task`), and
    how to fit its values as classes instead."""
    whole = (y % 1 == 0).all()
    held = (
        f"{y.nunique()} distinct whole numbers" if whole else "numbers with fractions"
    )
    return (
        f"Target {y.name!r} holds {held} ({y.min():g} to {y.max():g}): a quantity, "
        "fitted as a regression; --task classify fits its values as classes"
    )


def free_text_hints(X, categorical):
    """A message per one-hot encoded column that looks like free text
    (:func:`free_text`): one category a sentence, seldom seen again, where
    ``--words`` would learn the words the sentences share."""
    hints = []
    for name in categorical:
        described = free_text(X[name])
        if described:
            distinct, filled, words = described
            hints.append(
                f"Column {name!r} looks like free text ({distinct} distinct cells "
                f"of {filled}, {words:.1f} words on average), one-hot encoded one "
                f"category a sentence; --words {shell_word(name)} learns its words"
            )
    return hints


def _markers(column):
    """Cell -> count, for the cells of ``column`` that often mark a missing
    value (``NA``, ``null``...: :data:`NA_WORDS`)."""
    counts = column.value_counts()
    return {
        cell: counts[cell] for cell in counts.index if str(cell).strip() in NA_WORDS
    }


def _marker_hint(name, cell, count, kind):
    return (
        f"Column {name!r} has {count} cells {cell!r}, a {kind} of their own; if "
        f"they mark missing values, --na {shell_word(cell)}"
    )


def marker_hints(X, categorical):
    """A message per categorical column holding a word that often marks a
    missing value (``NA``, ``null``...): without ``--na`` it is a category."""
    return [
        _marker_hint(name, cell, count, "category")
        for name in categorical
        for cell, count in _markers(X[name]).items()
    ]


def target_marker_hints(y):
    """A message per label of the target ``y`` that often marks a missing value
    (R writes ``NA``): without ``--na`` it is a class, and with it the rows are
    left out. Only where the other labels are two classes or more: ``-`` beside
    ``+`` is a class."""
    markers = _markers(y)
    if y.nunique() - len(markers) < 2:
        return []
    return [
        _marker_hint(y.name, cell, count, "class") for cell, count in markers.items()
    ]
