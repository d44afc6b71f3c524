"""``sksigmoid info``: what a model file holds, from its record and pipeline."""

from sksigmoid._export_names import output_names
from sksigmoid.cli._files import load_model, package_versions
from sksigmoid.cli._text import format_table, rows_text, scores_text
from sksigmoid.tabular._dates import DATE_PARTS
from sksigmoid.tabular._quoting import separator_name
from sksigmoid.tabular._scores import SCORERS


def _described(mapping, describe):
    return "; ".join(describe(name, value) for name, value in mapping.items()) or "-"


def _onnx_inputs(plan):
    """One line for ``info``: the inputs of ``sksigmoid export``'s graph, one per
    feature column, numbers as doubles and dates, categories and words as
    strings."""
    strings = [*plan.dates, *plan.categorical, *plan.words]
    groups = {"double": plan.numeric, "string": strings}
    return "; ".join(
        f"{', '.join(names)}: {kind} (N, 1)" for kind, names in groups.items() if names
    )


def _word_features(pipeline, record):
    """The columns learned as words, each with the size of its vocabulary."""
    vocabularies = {
        columns: len(transformer.vocabulary_)
        for _, transformer, columns in pipeline[0].transformers_
        if isinstance(columns, str)  # a column of words: its name alone
    }
    return _described(
        {name: vocabularies[name] for name in record.word_columns},
        lambda name, size: f"{name} (TF-IDF of {size} words)",
    )


def info(args, out):
    """``sksigmoid info``: the model file's estimator, columns, scores and versions."""
    pipeline, record = load_model(args.model)
    estimator = pipeline[-1]
    regresses = record.task == "regress"
    here = package_versions()
    parts = ", ".join(DATE_PARTS).replace("_", " ")
    rows = [
        ["estimator", f"{type(estimator).__name__} (--model {record.model})"],
        *[[f"  {name}", repr(value)] for name, value in estimator.get_params().items()],
        ["target", record.target],
        ["task", f"{record.task} (a quantity)" if regresses else record.task],
        *([] if regresses else [["classes", ", ".join(map(str, pipeline.classes_))]]),
        ["numeric features", ", ".join(record.numeric_columns) or "-"],
        [
            "date features",
            _described(record.date_columns, lambda n, f: f"{n} ({f}: {parts})"),
        ],
        ["one-hot features", ", ".join(record.categorical_columns) or "-"],
        ["word features", _word_features(pipeline, record)],
        ["onnx inputs", _onnx_inputs(record.plan)],
        ["onnx outputs", ", ".join(output_names(record.plan.columns, record.task))],
    ]
    if record.missing is not None:
        imputed = record.imputed_columns
        rows += [
            ["empty cells", f"--missing {record.missing}"],
            ["imputed", _described(imputed, lambda n, c: f"{n} ({c} cells)")],
            ["left out", _described(record.left_out_columns, "{} ({})".format)],
            ["separator", separator_name(record.separator)],
            ["decimal mark", repr(record.decimal)],
            ["missing markers", ", ".join(map(repr, record.na)) or "-"],
        ]
    trained = f"{record.training_file}, {record.training_rows} rows"
    if record.rows_left_out:
        described = _described(
            record.rows_left_out, lambda why, n: f"{rows_text(n)} left out: {why}"
        )
        trained += f" ({described})"
    rows += [["trained on", trained], ["saved at", record.saved_at]]
    if record.cross_validation is not None:
        cv = record.cross_validation
        scores = scores_text(cv, SCORERS[record.task])
        rows.append(["cross-validation", f"{cv.folds} folds, {scores}"])
    for name, saved in record.versions.items():
        note = "" if here.get(name) == saved else f" (here: {here.get(name)})"
        rows.append([f"saved with {name}", saved + note])
    out.write(f"{args.model}\n\n{format_table(None, rows)}\n")
