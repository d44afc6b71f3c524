"""The command line's arguments.

This module imports nothing heavy: ``sksigmoid --help``, ``sksigmoid fit --help``
and a mistyped option are answered before NumPy, pandas or scikit-learn load
(importing them takes about a second).
"""

import argparse
import ast

#: ``fit --model`` choices; ``sksigmoid.cli._record.MODELS`` maps each to its
#: class for each task it learns.
MODEL_NAMES = ("neuron", "threshold", "adaline", "network", "linear")

#: ``fit --task`` choices: class labels, or a quantity.
TASK_NAMES = ("classify", "regress")

#: ``--missing`` choices: what ``fit`` does with empty feature cells.
MISSING_POLICIES = ("impute", "drop", "error")

#: Separators ``--sep`` may name in words, as a shell makes typing a tab awkward.
SEPARATOR_NAMES = {
    "tab": "\t",
    "\\t": "\t",
    "comma": ",",
    "semicolon": ";",
    "pipe": "|",
}

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


def _separator(text):
    """``--sep``: one character, or a word for it (``tab``, ``\\t``...)."""
    separator = SEPARATOR_NAMES.get(text.lower(), text)
    if len(separator) != 1 or separator in '\r\n"' or separator.isalnum():
        raise argparse.ArgumentTypeError(
            f"expected one character such as , ; | or the word tab, got {text!r}"
        )
    return separator


def _folds(text):
    folds = int(text)
    if folds == 1 or folds < 0:
        raise argparse.ArgumentTypeError("K must be 0 (no cross-validation) or >= 2")
    return folds


def build_parser():
    """The ``sksigmoid`` parser: the demo's options and one sub-parser a command."""
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
    _add_debug(parser, default=False)
    commands = parser.add_subparsers(
        dest="command",
        title="commands on a CSV file (none: the demo)",
        metavar="COMMAND",
    )

    fit = commands.add_parser(
        "fit",
        help="cross-validate a model on a CSV file and save it",
        description=(
            "Read DATA.csv, impute its empty cells, turn its date columns into "
            "year, month, day of year and day of week, one-hot encode its text "
            "columns (or learn their words, with --words) and standardize its "
            "numeric ones (each choice is printed), "
            "cross-validate the model, fit it on all rows and save the whole "
            "pipeline as a skops file."
        ),
    )
    fit.add_argument("data", metavar="DATA.csv", help=DATA_HELP)
    fit.add_argument(
        "--target", required=True, metavar="COLUMN", help="the labels, or a quantity"
    )
    fit.add_argument(
        "--task",
        choices=TASK_NAMES,
        help="fit class labels or a quantity (default: regress for numbers with a "
        "fraction or more than 10 distinct whole numbers, else classify)",
    )
    fit.add_argument(
        "--model",
        choices=MODEL_NAMES,
        help="classes: neuron (SigmoidNeuronClassifier, the default), threshold "
        "(ThresholdUnit), adaline (AdalineClassifier) or network "
        "(SigmoidNetworkClassifier); a quantity: network (SigmoidNetworkRegressor, "
        "the default) or linear (LinearUnitRegressor)",
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
        help="folds of cross-validation (stratified for classes), 0 for none "
        "(default: 5)",
    )
    fit.add_argument(
        "--id",
        action="append",
        default=[],
        metavar="COLUMN",
        help="a column naming the rows: not a feature (repeatable)",
    )
    fit.add_argument(
        "--drop",
        action="append",
        default=[],
        metavar="COLUMN",
        help="a column to leave out of the features (repeatable)",
    )
    fit.add_argument(
        "--keep",
        action="append",
        default=[],
        metavar="COLUMN",
        help="a feature that looks like row numbers (an unnamed first column, R's "
        "rownames, 0, 1, 2, ... or whole numbers rising on every row) and is one: "
        "fit leaves those out unless kept (repeatable)",
    )
    fit.add_argument(
        "--categorical",
        "--text",
        dest="categorical",
        action="append",
        default=[],
        metavar="COLUMN",
        help="one-hot encode this column, even if it holds numbers (a code such as "
        "1-6) or dates (repeatable)",
    )
    fit.add_argument(
        "--date",
        dest="dates",
        action="append",
        default=[],
        metavar="COLUMN",
        help="read this column as dates: year, month, day of year and day of week "
        "(text columns whose cells all read as dates are, without it; repeatable)",
    )
    fit.add_argument(
        "--words",
        action="append",
        default=[],
        metavar="COLUMN",
        help="learn this column of free text as the TF-IDF of its words, rather "
        "than one-hot encode its sentences (repeatable)",
    )
    fit.add_argument(
        "--missing",
        choices=MISSING_POLICIES,
        default="impute",
        help="empty feature cells: impute (numbers: the median, plus a column "
        "marking the cell; text: a category of its own), drop the rows, or error "
        "(default: impute)",
    )
    _add_na(fit)
    _add_separator(fit, "(default: detected from the first lines)")
    fit.add_argument(
        "--output", "-o", required=True, metavar="MODEL.skops", help="the model file"
    )
    fit.add_argument("--quiet", "-q", action="store_true", help="no progress bar")

    evaluate = _model_command(
        commands,
        "evaluate",
        help="score a saved model on labelled rows",
        description="Accuracy, confusion matrix and per-class report on DATA.csv; "
        "for a quantity, R^2, MAE, RMSE and the residuals.",
    )
    evaluate.add_argument(
        "--target", metavar="COLUMN", help="the labels (default: the model's target)"
    )

    predict = _model_command(
        commands,
        "predict",
        help="predict the rows of a CSV file with a saved model",
        description="Write one prediction per row of DATA.csv, as CSV.",
    )
    predict.add_argument(
        "--proba", action="store_true", help="add class probabilities (classes only)"
    )
    predict.add_argument(
        "--id",
        action="append",
        default=[],
        metavar="COLUMN",
        help="copy this column first (repeatable: the columns in this order)",
    )
    predict.add_argument("--output", "-o", metavar="OUT.csv", help="(default: stdout)")

    info = commands.add_parser(
        "info",
        help="describe a saved model",
        description="The model, its parameters, classes, features and versions.",
    )
    info.add_argument("model", metavar="MODEL.skops")

    playground = commands.add_parser(
        "playground", help="train a unit step by step in the browser (127.0.0.1)"
    )
    playground.add_argument("--port", type=int, default=0, help="(default: any free)")
    playground.add_argument("--no-browser", dest="open", action="store_false")

    export = commands.add_parser(
        "export",
        help="write a saved model as an ONNX model",
        description=(
            "Write the pipeline of MODEL.skops as an ONNX model, for onnxruntime "
            "and the other ONNX runtimes (needs the onnx extra). The graph takes "
            "one input per feature column, named after it, of shape (N, 1): "
            "doubles for numeric columns (NaN for an empty cell), strings for "
            "one-hot encoded ones; its outputs are label and probabilities, or a "
            "quantity's prediction. "
            "sksigmoid info lists the inputs."
        ),
    )
    export.add_argument("model", metavar="MODEL.skops")
    export.add_argument(
        "--output", "-o", required=True, metavar="MODEL.onnx", help="the ONNX file"
    )
    for command in commands.choices.values():
        # Also after the command, where users add it when a run fails; absent
        # there, it leaves the value given before the command.
        _add_debug(command, default=argparse.SUPPRESS)
    return parser


def _add_debug(parser, default):
    parser.add_argument(
        "--debug",
        action="store_true",
        default=default,
        help="print the traceback of an error, besides its line (as "
        "SKSIGMOID_DEBUG=1 does)",
    )


def _model_command(commands, name, **texts):
    """A command that reads a saved model, then a data file as the model's
    training file was read (its markers of missing values, its separator)."""
    command = commands.add_parser(name, **texts)
    command.add_argument("model", metavar="MODEL.skops")
    command.add_argument("data", metavar="DATA.csv", help=DATA_HELP)
    _add_na(command, "the empty cell and the model's markers")
    _add_separator(command, "(default: the training file's)")
    return command


def _add_separator(command, default):
    command.add_argument(
        "--sep",
        type=_separator,
        metavar="SEP",
        help=f"the separator of the cells: , ; | tab or ' ' {default}",
    )


def _add_na(command, besides="the empty cell"):
    command.add_argument(
        "--na",
        action="append",
        default=[],
        metavar="VALUE",
        help=f"a cell value that marks a missing value, besides {besides} "
        "(repeatable); NA, N/A, null... are values unless given",
    )
