"""The command line's parser and its commands: the demo, fit, evaluate, predict
and info."""

import argparse
import ast
import contextlib
import os
import sys
import time
import warnings
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
from sklearn.metrics import (
    accuracy_score,
    classification_report,
    confusion_matrix,
    log_loss,
)
from sklearn.model_selection import StratifiedKFold, cross_validate
from sklearn.pipeline import make_pipeline

from sksigmoid.cli._demo import demo_report
from sksigmoid.cli._files import (
    MODELS,
    check_not_an_input,
    check_writable,
    load_model,
    package_versions,
    read_csv,
    save_model,
    write_atomically,
)
from sksigmoid.cli._progress import ProgressBar
from sksigmoid.cli._tables import (
    as_numeric,
    check_folds,
    feature_columns,
    identifier_hints,
    make_preprocessor,
    numeric_and_categorical,
    row_numbers,
    split_target,
    target_column,
)
from sksigmoid.cli._text import format_table

DATA_HELP = "a header line, then one row per sample; - reads standard input"


class _OneLineParser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line on stderr, exit status 2."""

    def error(self, message):
        self.exit(2, f"{self.prog}: error: {message}\n")


def _parameter(text):
    """``NAME=VALUE`` -> (name, value); the value as a Python literal if it is one."""
    name, equals, value = text.partition("=")
    if not equals or not name.isidentifier():
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {text!r}")
    try:
        return name, ast.literal_eval(value)
    except (ValueError, SyntaxError):
        return name, value


def _folds(text):
    folds = int(text)
    if folds == 1 or folds < 0:
        raise argparse.ArgumentTypeError("K must be 0 (no cross-validation) or >= 2")
    return folds


def _build_parser():
    parser = _OneLineParser(
        prog="sksigmoid",
        description=(
            "Without a command: fit the sigmoid neuron and the threshold unit on "
            "the truth tables (and a network of sigmoid units on the tables no "
            "single unit learns), show the McCulloch-Pitts logic gates, and "
            "reproduce the classic sigmoid-neuron tutorial. With a command: "
            "train and use a model on your own CSV file."
        ),
    )
    parser.add_argument(
        "--n-inputs",
        type=int,
        default=2,
        choices=range(2, 9),
        metavar="{2..8}",
        help="demo: number of inputs of each truth table (default: 2)",
    )
    parser.add_argument(
        "--random-state",
        type=int,
        default=0,
        help="demo: seed of the initial weights and sample order (default: 0)",
    )
    commands = parser.add_subparsers(
        dest="command",
        title="commands on a CSV file (none: the demo)",
        metavar="COMMAND",
    )

    fit = commands.add_parser(
        "fit",
        help="cross-validate a model on a CSV file and save it",
        description=(
            "Read DATA.csv, one-hot encode its text columns and standardize its "
            "numeric ones, cross-validate the model, fit it on all rows and save "
            "the whole pipeline as a skops file."
        ),
    )
    fit.add_argument("data", metavar="DATA.csv", help=DATA_HELP)
    fit.add_argument("--target", required=True, metavar="COLUMN", help="the labels")
    fit.add_argument(
        "--model",
        choices=MODELS,
        default="neuron",
        help="neuron: SigmoidNeuronClassifier, threshold: ThresholdUnit, network: "
        "SigmoidNetworkClassifier (default: neuron)",
    )
    fit.add_argument(
        "--set",
        dest="parameters",
        type=_parameter,
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="an estimator parameter, e.g. --set learning_rate=0.5 (repeatable); "
        "random_state is 0 unless set",
    )
    fit.add_argument(
        "--scale",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="standardize the numeric columns (default: yes)",
    )
    fit.add_argument(
        "--cv",
        type=_folds,
        default=5,
        metavar="K",
        help="folds of stratified cross-validation, 0 for none (default: 5)",
    )
    fit.add_argument(
        "--id", metavar="COLUMN", help="a column naming the rows: not a feature"
    )
    fit.add_argument(
        "--keep",
        action="append",
        default=[],
        metavar="COLUMN",
        help="a feature that looks like row numbers (an unnamed first column, or "
        "0, 1, 2, ...) and is one: fit leaves those out unless kept (repeatable)",
    )
    _add_na(fit)
    fit.add_argument(
        "--output", "-o", required=True, metavar="MODEL.skops", help="the model file"
    )
    fit.add_argument("--quiet", "-q", action="store_true", help="no progress bar")

    evaluate = commands.add_parser(
        "evaluate",
        help="score a saved model on labelled rows",
        description="Accuracy, confusion matrix and per-class report on DATA.csv.",
    )
    evaluate.add_argument("model", metavar="MODEL.skops")
    evaluate.add_argument("data", metavar="DATA.csv", help=DATA_HELP)
    evaluate.add_argument(
        "--target", metavar="COLUMN", help="the labels (default: the model's target)"
    )
    _add_na(evaluate)

    predict = commands.add_parser(
        "predict",
        help="predict the rows of a CSV file with a saved model",
        description="Write one prediction per row of DATA.csv, as CSV.",
    )
    predict.add_argument("model", metavar="MODEL.skops")
    predict.add_argument("data", metavar="DATA.csv", help=DATA_HELP)
    predict.add_argument("--proba", action="store_true", help="add class probabilities")
    predict.add_argument("--id", metavar="COLUMN", help="copy this column first")
    predict.add_argument("--output", "-o", metavar="OUT.csv", help="(default: stdout)")
    _add_na(predict)

    info = commands.add_parser(
        "info",
        help="describe a saved model",
        description="The model, its parameters, classes, features and versions.",
    )
    info.add_argument("model", metavar="MODEL.skops")
    return parser


def _add_na(command):
    command.add_argument(
        "--na",
        action="append",
        default=[],
        metavar="VALUE",
        help="a cell value that marks a missing value, besides the empty cell "
        "(repeatable); NA, N/A, null... are values unless given here",
    )


def _mean_and_spread(values):
    return f"{np.mean(values):.3f} +/- {np.std(values):.3f}"


def _estimator(model, parameters):
    """The ``--model`` estimator, seeded with 0, its ``--set`` parameters checked."""
    estimator = MODELS[model](random_state=0)
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


def _cross_validation(pipeline, X, y, folds):
    """Stratified K-fold accuracy and log-loss of each fold, and the fit time."""
    scores = cross_validate(
        pipeline,
        X,
        y,
        cv=StratifiedKFold(folds, shuffle=True, random_state=0),
        scoring={"accuracy": "accuracy", "log_loss": "neg_log_loss"},
        error_score="raise",
    )
    return {
        "folds": folds,
        "accuracy": scores["test_accuracy"].tolist(),
        "log_loss": (-scores["test_log_loss"]).tolist(),
        "seconds_per_fit": float(np.mean(scores["fit_time"])),
    }


def _fit(args, out):
    check_writable(args.output)
    check_not_an_input(args.output, [args.data])
    estimator = _estimator(args.model, dict(args.parameters))
    frame, source = read_csv(args.data, na=args.na)
    missing = [name for name in args.keep if name not in frame.columns]
    if missing:
        raise ValueError(f"{source} has no column {missing[0]!r} to --keep")
    X, y = split_target(frame, args.target, id_column=args.id, source=source)
    numeric, categorical = numeric_and_categorical(X)
    numbering = row_numbers(X, numeric, first_column=frame.columns[0], keep=args.keep)
    for name, reason in numbering.items():
        out.write(
            f"Left out column {name!r}, which numbers the rows ({reason}); "
            f"--keep {name!r} makes it a feature\n"
        )
    if numbering:
        X = X.drop(columns=list(numbering))
        if X.shape[1] == 0:
            raise ValueError(f"{source} has no feature columns besides row numbers")
        # Each column's kind is its own: the others keep theirs.
        numeric = [name for name in numeric if name not in numbering]
        categorical = [name for name in categorical if name not in numbering]
    # Said now, before a long cross-validation, rather than with the warnings
    # collected during the fit.
    for hint in identifier_hints(X, numeric, categorical):
        sys.stderr.write(f"sksigmoid fit: warning: {hint}\n")
    X = as_numeric(X, numeric, source=source)
    if args.cv:
        check_folds(y, args.cv, source=source)
    pipeline = make_pipeline(
        make_preprocessor(numeric, categorical, scale=args.scale), estimator
    )
    out.write(
        f"{source}: {len(X)} rows; target {args.target!r} with "
        f"{y.nunique()} classes; {len(numeric)} numeric columns"
        f"{' (standardized)' if args.scale and numeric else ''}, "
        f"{len(categorical)} one-hot encoded\n{estimator!r}\n"
    )
    out.flush()
    record = {
        "model": args.model,
        "estimator": repr(estimator),
        "target": args.target,
        "numeric_columns": numeric,
        "categorical_columns": categorical,
        "training_file": Path(source.name).name,
        "training_rows": len(X),
        "saved_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }
    n_fits = args.cv + 1 if args.cv else 1
    show_progress = not args.quiet and sys.stderr.isatty()
    with ProgressBar(n_fits, sys.stderr) if show_progress else contextlib.nullcontext():
        if args.cv:
            record["cross_validation"] = _cross_validation(pipeline, X, y, args.cv)
        started = time.perf_counter()
        pipeline.fit(X, y)
        seconds = time.perf_counter() - started
    if args.cv:
        cv = record["cross_validation"]
        out.write(
            f"{args.cv}-fold cross-validation: accuracy "
            f"{_mean_and_spread(cv['accuracy'])}, log-loss "
            f"{_mean_and_spread(cv['log_loss'])} (fit {cv['seconds_per_fit']:.2f} s "
            "per fold)\n"
        )
    out.write(
        f"Fitted on all {len(X)} rows in {seconds:.2f} s ({estimator.n_iter_} epochs)\n"
    )
    save_model(pipeline, args.output, record)
    out.write(f"Saved the pipeline to {args.output}\n")


def _model_inputs(frame, pipeline, record, source):
    return feature_columns(
        frame,
        list(pipeline.feature_names_in_),
        record["numeric_columns"],
        source=source,
    )


def _evaluate(args, out):
    pipeline, record = load_model(args.model)
    frame, source = read_csv(
        args.data, na=args.na, text_columns=record["categorical_columns"]
    )
    y = target_column(frame, args.target or record["target"], source=source)
    X = _model_inputs(frame, pipeline, record, source)
    predictions = pipeline.predict(X)
    classes = pipeline.classes_
    labels = list(classes) + sorted(set(y) - set(classes), key=str)
    out.write(f"{source}: {len(y)} rows\n")
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
    # The id is copied as the file spells it (007 stays 007).
    text = record["categorical_columns"] + ([args.id] if args.id else [])
    frame, source = read_csv(args.data, na=args.na, text_columns=text)
    if args.id is not None and args.id not in frame.columns:
        raise ValueError(f"{source} has no id column {args.id!r}")
    X = _model_inputs(frame, pipeline, record, source)
    predictions = frame[[args.id]].copy() if args.id is not None else frame.iloc[:, :0]
    predictions[record["target"]] = pipeline.predict(X)
    if args.proba:
        probabilities = pipeline.predict_proba(X)
        for label, column in zip(pipeline.classes_, probabilities.T, strict=True):
            predictions[f"proba_{label}"] = column
    if args.output is None:
        predictions.to_csv(out, index=False)
    else:
        write_atomically(
            args.output, lambda path: predictions.to_csv(path, index=False)
        )
        out.write(f"Wrote {len(predictions)} predictions to {args.output}\n")


def _info(args, out):
    pipeline, record = load_model(args.model)
    estimator = pipeline[-1]
    numeric, categorical = record["numeric_columns"], record["categorical_columns"]
    saved_with = record["versions"]
    here = package_versions()
    rows = [
        ["estimator", f"{type(estimator).__name__} (--model {record['model']})"],
        *[[f"  {name}", repr(value)] for name, value in estimator.get_params().items()],
        ["target", record["target"]],
        ["classes", ", ".join(map(str, pipeline.classes_))],
        ["numeric features", ", ".join(numeric) or "-"],
        ["one-hot features", ", ".join(categorical) or "-"],
        ["trained on", f"{record['training_file']}, {record['training_rows']} rows"],
        ["saved at", record["saved_at"]],
    ]
    if "cross_validation" in record:
        cv = record["cross_validation"]
        rows.append(
            [
                "cross-validation",
                f"{cv['folds']} folds, accuracy {_mean_and_spread(cv['accuracy'])}",
            ]
        )
    for name, saved in saved_with.items():
        note = "" if here.get(name) == saved else f" (here: {here.get(name)})"
        rows.append([f"saved with {name}", saved + note])
    out.write(f"{args.model}\n\n{format_table(None, rows)}\n")


COMMANDS = {"fit": _fit, "evaluate": _evaluate, "predict": _predict, "info": _info}


def _one_line(error):
    return " ".join(str(error).split())


def main(argv=None):
    """Run the demo, or one of the commands on CSV files; return the exit status.

    Parameters
    ----------
    argv : list of str, default=None
        Arguments without the program name; ``None`` reads ``sys.argv``.

    Returns
    -------
    status : int
        0 on success. Bad arguments, unreadable files, bad data and model files
        that are not this package's (or were tampered with) exit with status 2
        and one line on stderr; warnings (a fit that did not converge, a model
        saved by another major version) print one line each.

    Examples
    --------
    >>> from sksigmoid.cli import main
    >>> main(["--n-inputs", "3"])  # doctest: +ELLIPSIS
    Truth tables with 3 inputs...
    0
    """
    args = _build_parser().parse_args(argv)
    if args.command is None:
        sys.stdout.write(demo_report(args.n_inputs, args.random_state))
        return 0
    prefix = f"sksigmoid {args.command}"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            COMMANDS[args.command](args, sys.stdout)
        except BrokenPipeError:
            # The reader (``| head``) has gone: stop quietly, as Python's
            # documentation advises, without a second error at exit.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 1
        except KeyboardInterrupt:
            sys.stderr.write(f"\n{prefix}: interrupted; no file was written\n")
            return 130
        except (OSError, ValueError, TypeError) as error:
            sys.stdout.flush()
            sys.stderr.write(f"{prefix}: error: {_one_line(error)}\n")
            return 2
    for message in dict.fromkeys(_one_line(warning.message) for warning in caught):
        sys.stderr.write(f"{prefix}: warning: {message}\n")
    return 0
