"""The commands on a user's CSV file: fit, evaluate, predict, info and export.

Each command takes the parsed arguments and the stream to print to; a problem
with the input is raised as a ``ValueError`` (or an ``OSError``) with a one-line
message, which :func:`sksigmoid.cli.main` prints. ``fit`` prints every choice it
makes for the user (a column imputed, read as dates, left out; rows left out)
and records it in the model file, and the other commands repeat those choices
from the model file rather than guess them again on a new file. What they decide
about a table is :mod:`sksigmoid.tabular`'s.
"""

import contextlib
import itertools
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

from sklearn.metrics import (
    accuracy_score,
    classification_report,
    confusion_matrix,
    log_loss,
)
from sklearn.pipeline import make_pipeline

from sksigmoid._export_names import OUTPUTS
from sksigmoid._output import check_writable, os_errors_named, write_output
from sksigmoid.cli._files import (
    MODELS,
    check_not_an_input,
    load_model,
    package_versions,
    save_model,
)
from sksigmoid.cli._info import info
from sksigmoid.cli._progress import ProgressBar
from sksigmoid.cli._record import CrossValidation, ModelRecord
from sksigmoid.cli._text import (
    SCORE_NAMES,
    format_table,
    quantity,
    rows_text,
    scores_text,
)
from sksigmoid.tabular._cells import (
    as_numeric,
    as_text,
    check_dates,
    check_filled,
    check_words,
    empty_cells,
)
from sksigmoid.tabular._columns import (
    check_features,
    feature_columns,
    make_preprocessor,
    plan_columns,
)
from sksigmoid.tabular._csv import NUMBER_MARKS, STDIN_NAMES, read_csv
from sksigmoid.tabular._dates import DATE_PARTS
from sksigmoid.tabular._hints import (
    code_hints,
    free_text_hints,
    identifier_hints,
    marker_hints,
    regression_hint,
    target_marker_hints,
    unseen_categories,
)
from sksigmoid.tabular._quoting import separator_name, shell_word
from sksigmoid.tabular._scores import (
    SCORERS,
    check_folds,
    cross_validated_scores,
    regression_scores,
    residual_summary,
)
from sksigmoid.tabular._target import (
    missing_column_error,
    split_target,
    target_column,
    target_task,
)

#: What each task's models fit, in the messages that refuse a model.
_LEARNS = {"classify": "class labels", "regress": "a quantity"}


def _estimator(model, task, parameters, target):
    """The ``--model`` estimator of the task, seeded with 0, its ``--set``
    parameters checked; refused if the model does not learn the task."""
    if task not in MODELS[model]:
        [(other, kind)] = MODELS[model].items()
        *others, last = [name for name, tasks in MODELS.items() if task in tasks]
        raise ValueError(
            f"--model {model} ({kind.__name__}) fits {_LEARNS[other]}, but the "
            f"target {target!r} holds {_LEARNS[task]} (--task {task}); fit it with "
            f"--model {', '.join(others)} or {last}, or give --task {other}"
        )
    estimator = MODELS[model][task](random_state=0)
    unknown = sorted(set(parameters) - set(estimator.get_params()))
    if unknown:
        raise ValueError(
            f"{type(estimator).__name__} has no parameter {', '.join(unknown)}; its "
            f"parameters are {', '.join(estimator.get_params())}"
        )
    estimator.set_params(**parameters)
    # Checked here, or the first error would come out of cross_validate, which
    # renames the estimator in scikit-learn's message to itself.
    estimator._validate_params()
    return estimator


def _out_of_memory(error, estimator, parameters, X):
    """The MemoryError of a fit, saying which ``--set`` parameters may be too
    large (a network's layers, say), or else the data's size."""
    reason = " ".join(str(error).split()) or "out of memory"
    name = type(estimator).__name__
    if parameters:
        given = " ".join(f"--set {key}={value!r}" for key, value in parameters)
        return MemoryError(
            f"fitting {name} with {given} needs more memory than there is "
            f"({reason}); choose smaller values"
        )
    return MemoryError(
        f"fitting {name} on {len(X)} rows of {X.shape[1]} columns needs more memory "
        f"than there is ({reason}); fit on fewer rows or columns"
    )


def _column_options(args):
    """``fit``'s options that name columns -> the columns each names."""
    return {
        "--target": [args.target],
        "--id": args.id,
        "--drop": args.drop,
        "--keep": args.keep,
        "--categorical": args.categorical,
        "--date": args.dates,
        "--words": args.words,
    }


#: The options that may name the same column: a column kept although it looks
#: like row numbers is a feature of any kind.
_COMPATIBLE_OPTIONS = {
    frozenset({"--keep", kind}) for kind in ("--categorical", "--date", "--words")
}


def _check_column_roles(args):
    """Refuse a column that two of ``fit``'s options give conflicting roles (the
    target and anything else, a feature and no feature, two kinds), before any
    file is read."""
    options = _column_options(args).items()
    for (one, names), (other, others) in itertools.combinations(options, 2):
        both = sorted(set(names) & set(others))
        if both and frozenset({one, other}) not in _COMPATIBLE_OPTIONS:
            raise ValueError(
                f"column {both[0]!r} is given to both {one} and {other}; choose one"
            )


def _check_option_columns(frame, args, source):
    """Refuse a column that an option of ``fit`` names but the file lacks (the
    target's own error is :func:`split_target`'s)."""
    for option, names in _column_options(args).items():
        for name in names if option != "--target" else ():
            if name not in frame.columns:
                raise missing_column_error(frame, name, source, f" to {option}")


def _plan_features(frame, X, args, source, out):
    """The kinds of the feature columns, row-number and empty columns left out,
    each choice printed."""
    plan = plan_columns(
        frame[X.columns],  # every row: row numbers count the whole file
        categorical=args.categorical,
        dates=args.dates,
        words=args.words,
        keep=args.keep,
        first_column=frame.columns[0],
        source=source,
    )
    for name, reason in plan.row_numbers.items():
        out.write(
            f"Left out column {name!r}, which numbers the rows ({reason}); "
            f"--keep {shell_word(name)} makes it a feature\n"
        )
    for name in plan.empty:
        out.write(f"Left out column {name!r}, which is empty on every row\n")
    check_features(plan, source=source)
    for name, date_format in plan.dates.items():
        how = (
            ", month first, as pandas reads them: no day is above 12"
            if name in plan.ambiguous_dates
            else ""
        )
        out.write(
            f"Read column {name!r} as dates ({date_format}{how}): "
            f"{', '.join(DATE_PARTS).replace('_', ' ')}\n"
        )
    for name in plan.ambiguous_dates:
        if name in plan.categorical:
            out.write(
                f"Column {name!r} looks like dates, but its days and months read "
                f"either way (no day is above 12), so it is one-hot encoded; "
                f"--date {shell_word(name)} reads it month first\n"
            )
    return plan


def _handle_missing(X, y, plan, policy, source, out):
    """``X`` and ``y`` after the ``--missing`` policy: incomplete rows dropped
    (``drop``), or each column to impute printed with its count (``impute``);
    or refused (``error``). Also returns the counts."""
    counts = empty_cells(X, plan.columns)
    if policy == "error":
        for name in counts:
            check_filled(X[name], name, source=source)
    if policy == "drop" and counts:
        incomplete = X[plan.columns].isna().any(axis=1)
        out.write(
            f"Left out {rows_text(int(incomplete.sum()))} with empty cells "
            f"(--missing drop), in {', '.join(map(repr, counts))}\n"
        )
        X, y = X[~incomplete], y[~incomplete]
        if y.nunique() < 2:
            raise ValueError(
                f"{source}: the rows without empty cells hold a single class; "
                "use --missing impute"
            )
        return X, y, {}
    for name, count in counts.items():
        cells = "1 empty cell is" if count == 1 else f"{count} empty cells are"
        if name in plan.categorical:
            own = "its" if count == 1 else "their"
            out.write(f"Column {name!r}: {cells} a category of {own} own\n")
        elif name in plan.words:
            out.write(f"Column {name!r}: {cells} read as text without words\n")
        elif policy == "impute":
            median = (
                f"its median, {X[name].median():g}"
                if name in plan.numeric
                else "the median of each date feature"
            )
            out.write(
                f"Imputed column {name!r}: {cells} filled with {median}, and a "
                "column marks them\n"
            )
    return X, y, counts


def _say_how_it_was_read(source, separator_given, out):
    """One line for what was detected in reading ``source``, if not the usual
    (UTF-8, commas, decimal points), and one for columns of numbers whose
    thousands are separated."""
    read = []
    if source.encoding != "utf-8":
        read.append("the file as Windows-1252 text (it is not UTF-8)")
    if source.separator != "," and separator_given is None:
        separator = separator_name(source.separator)
        read.append(f"the cells as separated by {separator} (--sep sets it)")
    if source.decimal == ",":
        read.append("',' as the decimal mark (2,5 is 2.5)")
    if read:
        out.write(f"Read {' and '.join(read)}\n")
    for thousands, decimal in NUMBER_MARKS:
        names = [name for name, mark in source.thousands.items() if mark == thousands]
        if names:
            example = f"1{thousands}234{decimal}5"
            out.write(
                f"Read column{'s' if len(names) > 1 else ''} "
                f"{', '.join(map(repr, names))} as numbers with {thousands!r} "
                f"between thousands ({example} is 1234.5)\n"
            )


def _read_data(path, **options):
    """:func:`read_csv` with its source; an error of the system names the file."""
    name = "standard input" if str(path) in STDIN_NAMES else path
    with os_errors_named(f"cannot read {name}"):
        return read_csv(path, return_source=True, **options)


def _fit(args, out):
    _check_column_roles(args)
    check_writable(args.output)
    check_not_an_input(args.output, [args.data])
    frame, source = _read_data(
        args.data,
        na_values=args.na,
        sep=args.sep,
        text_columns=args.categorical + args.dates + args.words,
    )
    _check_option_columns(frame, args, source)
    # Neither the row keys nor the columns dropped are features.
    no_features = [*args.id, *args.drop]
    X, y = split_target(
        frame, args.target, id_column=no_features, task=args.task, source=source
    )
    task = args.task or target_task(y)
    # A neuron's output is a probability; its counterpart for a quantity, as
    # MLPRegressor is MLPClassifier's, is the network with linear outputs.
    model = args.model or ("neuron" if task == "classify" else "network")
    estimator = _estimator(model, task, dict(args.parameters), args.target)
    _say_how_it_was_read(source, args.sep, out)
    plan = _plan_features(frame, X, args, source, out)
    X = X[[name for name in X.columns if name not in plan.left_out]]
    rows_left_out = {}
    if len(y) < len(frame):
        empty = frame[args.target].isna()
        rows_left_out["empty target"] = int(empty.sum())
        out.write(
            f"Left out {rows_text(int(empty.sum()))} whose target {args.target!r} is "
            f"empty (first on line {source.line(empty.idxmax())})\n"
        )
    check_dates(X, plan.dates, source=source)
    X = as_numeric(X, plan.numeric, source=source)
    before = len(X)
    X, y, imputed = _handle_missing(X, y, plan, args.missing, source, out)
    if len(X) < before:
        rows_left_out["empty cells"] = before - len(X)
    # Said now, before a long cross-validation, rather than with the warnings
    # collected during the fit. Numbers written with thousands separators are
    # amounts, however many distinct whole ones: no identifiers.
    possible_ids = [name for name in plan.numeric if name not in source.thousands]
    for hint in identifier_hints(X, possible_ids, plan.categorical):
        sys.stderr.write(f"sksigmoid fit: warning: {hint}\n")
    hints = [
        *code_hints(X, plan.numeric),
        *free_text_hints(X, [n for n in plan.categorical if n not in args.categorical]),
        *marker_hints(X, plan.categorical),
        *target_marker_hints(y),
        *([regression_hint(y)] if task == "regress" and not args.task else []),
    ]
    for hint in hints:
        out.write(hint + "\n")
    X = as_text(X, plan.words)
    check_words(X, plan.words, source=source)
    impute = args.missing == "impute"
    if args.cv:
        check_folds(y, args.cv, task, source=source)
    pipeline = make_pipeline(
        make_preprocessor(plan, scale=args.scale, impute=impute), estimator
    )
    dates = f"{len(plan.dates)} of dates, " if plan.dates else ""
    words = f", {len(plan.words)} of words (TF-IDF)" if plan.words else ""
    target = f"with {y.nunique()} classes"
    if task == "regress":
        target = (
            f"to regress (mean {quantity(y.mean())}, standard deviation "
            f"{quantity(y.std(ddof=0))})"
        )
    out.write(
        f"{source}: {len(X)} rows; target {args.target!r} {target}; "
        f"{len(plan.numeric)} numeric columns"
        f"{' (standardized)' if args.scale and plan.numeric else ''}, {dates}"
        f"{len(plan.categorical)} one-hot encoded{words}\n{estimator!r}\n"
    )
    out.flush()
    n_fits = args.cv + 1 if args.cv else 1
    show_progress = not args.quiet and sys.stderr.isatty()
    progress = (
        ProgressBar(n_fits, sys.stderr) if show_progress else contextlib.nullcontext()
    )
    cv = None
    try:
        with progress:
            if args.cv:
                scores = cross_validated_scores(pipeline, X, y, args.cv, task)
                cv = CrossValidation(folds=args.cv, **scores)
            started = time.perf_counter()
            pipeline.fit(X, y)
            seconds = time.perf_counter() - started
    except MemoryError as error:
        raise _out_of_memory(error, estimator, args.parameters, X) from error
    if cv is not None:
        out.write(
            f"{args.cv}-fold cross-validation: {scores_text(cv, SCORERS[task])} "
            f"(fit {cv.seconds_per_fit:.2f} s per fold)\n"
        )
    out.write(
        f"Fitted on all {len(X)} rows in {seconds:.2f} s ({estimator.n_iter_} epochs)\n"
    )
    record = ModelRecord(
        model=model,
        task=task,
        estimator=repr(estimator),
        target=args.target,
        numeric_columns=tuple(plan.numeric),
        categorical_columns=tuple(plan.categorical),
        training_file=Path(source.name).name,
        training_rows=len(X),
        saved_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        versions=package_versions(),
        cross_validation=cv,
        date_columns=plan.dates,
        missing=args.missing,
        # Categories and words hold their empty cells: nothing is imputed there.
        imputed_columns={
            name: count
            for name, count in imputed.items()
            if name not in plan.categorical and name not in plan.words
        },
        word_columns=tuple(plan.words),
        left_out_columns={
            **dict.fromkeys(args.id, "--id"),
            **dict.fromkeys(args.drop, "--drop"),
            **plan.left_out,
        },
        rows_left_out=rows_left_out,
        separator=source.separator,
        decimal=source.decimal,
        na=source.na,
    )
    save_model(pipeline, args.output, record)
    out.write(f"Saved the pipeline to {args.output}\n")


def _read_for_model(args, record, extra_text=()):
    """Read ``args.data`` as the model's training file was read: its separator
    (unless ``--sep``), decimal mark and ``--na`` markers (and those given
    now), its categorical, date and word columns as text."""
    text = [
        *record.categorical_columns,
        *record.date_columns,
        *record.word_columns,
        *extra_text,
    ]
    return _read_data(
        args.data,
        na_values=[*record.na, *args.na],
        sep=args.sep or record.separator,
        decimal=record.decimal,
        text_columns=text,
    )


def _model_inputs(frame, pipeline, record, source, command):
    """The model's feature columns of ``frame``, checked as ``fit`` checked its
    own; a warning on stderr for each column with categories fit never saw."""
    X = feature_columns(
        frame,
        list(pipeline.feature_names_in_),
        record.plan,
        source=source,
        imputes=record.imputes,
    )
    for message in unseen_categories(pipeline[0], X):
        sys.stderr.write(f"sksigmoid {command}: warning: {message}\n")
    return X


def _evaluate(args, out):
    pipeline, record = load_model(args.model)
    frame, source = _read_for_model(args, record)
    target = args.target or record.target
    y = target_column(frame, target, task=record.task, source=source)
    if len(y) < len(frame):
        out.write(
            f"Left out {rows_text(len(frame) - len(y))} whose target {target!r} "
            "is empty\n"
        )
    X = _model_inputs(frame.loc[y.index], pipeline, record, source, "evaluate")
    predictions = pipeline.predict(X)
    out.write(f"{source}: {len(y)} rows\n")
    if record.task == "regress":
        scores = regression_scores(y, predictions)
        out.write(f"R^2   {scores['r2']:.4f}\n")
        for name in ("mae", "rmse"):
            out.write(f"{SCORE_NAMES[name]:<6}{quantity(scores[name])}\n")
        residuals = residual_summary(y, predictions)
        out.write("\nResiduals (true - predicted)\n\n")
        values = [[quantity(value) for value in residuals.values()]]
        out.write(format_table(list(residuals), values) + "\n")
        return
    classes = pipeline.classes_
    labels = list(classes) + sorted(set(y) - set(classes), key=str)
    out.write(f"accuracy  {accuracy_score(y, predictions):.4f}\n")
    if set(y) <= set(classes):
        probabilities = pipeline.predict_proba(X)
        out.write(f"log-loss  {log_loss(y, probabilities, labels=classes):.4f}\n")
    else:
        unseen = ", ".join(map(str, labels[len(classes) :]))
        out.write(f"log-loss  - (labels the model never saw: {unseen})\n")
    matrix = confusion_matrix(y, predictions, labels=labels)
    out.write("\nConfusion matrix (rows: true labels, columns: predicted)\n\n")
    header = ["true \\ predicted"] + [str(label) for label in labels]
    rows = [[str(label), *counts] for label, counts in zip(labels, matrix, strict=True)]
    out.write(format_table(header, rows) + "\n\n")
    out.write(classification_report(y, predictions, labels=labels, zero_division=0))


def _predict(args, out):
    if args.output is not None:
        check_writable(args.output)
        check_not_an_input(args.output, [args.model, args.data])
    pipeline, record = load_model(args.model)
    if args.proba and record.task == "regress":
        raise ValueError(
            f"{args.model} predicts a quantity (--task regress), which has no "
            "class probabilities; leave out --proba"
        )
    ids = list(dict.fromkeys(args.id))
    # The ids are copied as the file spells them (007 stays 007).
    frame, source = _read_for_model(args, record, ids)
    for name in ids:
        if name not in frame.columns:
            raise missing_column_error(frame, name, source, " to copy as --id")
    X = _model_inputs(frame, pipeline, record, source, "predict")
    predictions = frame[ids].copy()
    predictions[record.target] = pipeline.predict(X)
    if args.proba:
        probabilities = pipeline.predict_proba(X)
        for label, column in zip(pipeline.classes_, probabilities.T, strict=True):
            predictions[f"proba_{label}"] = column

    def write(file):
        # As the input is written: the tools that wrote it read that form.
        predictions.to_csv(
            file, index=False, sep=source.separator, decimal=source.decimal
        )

    if args.output is None:
        write(out)
    else:
        write_output(args.output, write)
        out.write(f"Wrote {len(predictions)} predictions to {args.output}\n")


def _export(args, out):
    """Write the pipeline of ``args.model`` as the ONNX model ``args.output``:
    one input per feature column, named as it is, and the outputs ``label``
    and ``probabilities`` (a regression's ``prediction``), but for one a
    column names (then ``label_``..., which the line written says)."""
    check_writable(args.output)
    check_not_an_input(args.output, [args.model])
    pipeline, record = load_model(args.model)
    try:
        from sksigmoid.onnx import tabular_to_onnx

        onnx_model = tabular_to_onnx(pipeline, record.plan)
    except ImportError:
        raise ValueError(
            "exporting to ONNX needs skl2onnx, onnx and onnxruntime: "
            'pip install "sksigmoid[onnx]"'
        ) from None
    write_output(args.output, lambda file: file.write(onnx_model.SerializeToString()))
    outputs = [output.name for output in onnx_model.graph.output]
    # The inputs keep the columns' names; an output a column names gives way.
    taken = [
        name
        for name, given in zip(OUTPUTS[record.task], outputs, strict=True)
        if name != given
    ]
    because = ""
    if len(taken) == 1:
        because = f" (a feature column takes the name {taken[0]})"
    elif taken:
        because = f" (feature columns take the names {' and '.join(taken)})"
    out.write(
        f"Wrote {args.output}: {len(record.plan.columns)} inputs, one per feature "
        f"column (see sksigmoid info), and the output{'s' if len(outputs) > 1 else ''} "
        f"{' and '.join(outputs)}{because}\n"
    )


#: The ``sksigmoid COMMAND`` functions.
COMMANDS = {
    "fit": _fit,
    "evaluate": _evaluate,
    "predict": _predict,
    "info": info,
    "export": _export,
}
