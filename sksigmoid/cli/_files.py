"""The command line's model files, and outputs written whole.

Every problem with a file is raised as a ``ValueError`` (or an ``OSError``) whose
message names the file and fits on one line, for the command line to print.
Model files are skops files, loaded with the types this package trusts by name,
never with pickle; the package's own record (versions, target, columns) sits
beside the skops schema as ``sksigmoid.json`` in the same zip file.
"""

import io
import json
import os
import platform
import warnings
import zipfile
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.feature_extraction.text import TfidfTransformer, TfidfVectorizer
from sklearn.impute import MissingIndicator, SimpleImputer
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

from sksigmoid._output import os_errors_named, write_output
from sksigmoid.cli._record import MODELS, ModelRecord
from sksigmoid.tabular._csv import STDIN_NAMES, existing_file
from sksigmoid.tabular._dates import DateFeatures, example_date

#: The only types a model file may name beyond skops' defaults (NumPy and
#: scikit-learn types it knows to be safe): this package's estimators and the
#: scikit-learn classes ``sksigmoid fit`` builds its pipeline from (with the
#: TfidfTransformer a TfidfVectorizer holds), and NumPy's dtype objects, which
#: SimpleImputer keeps (a type of data, no code).
#: DateFeatures is trusted by the path earlier model files name too, from which
#: :mod:`sksigmoid.cli._dates` imports it.
TRUSTED_TYPES = sorted(
    [
        *(
            f"{cls.__module__}.{cls.__qualname__}"
            for cls in (
                *(cls for tasks in MODELS.values() for cls in tasks.values()),
                Pipeline,
                ColumnTransformer,
                StandardScaler,
                OneHotEncoder,
                SimpleImputer,
                MissingIndicator,
                TfidfVectorizer,
                TfidfTransformer,
                DateFeatures,
            )
        ),
        "numpy.dtype",
        "sksigmoid.cli._dates.DateFeatures",
    ]
)

#: The zip entry that holds the package's record of a model.
RECORD_ENTRY = "sksigmoid.json"

#: Packages whose versions a model file records.
RECORDED_PACKAGES = ("sksigmoid", "scikit-learn", "numpy", "pandas", "skops")


def check_not_an_input(output, inputs):
    """Refuse an output that is one of the ``inputs``: writing it would destroy
    the user's data or model (through a hard link or a symbolic link too)."""
    output = Path(output)
    for name in inputs:
        if str(name) in STDIN_NAMES:
            continue
        with os_errors_named(f"cannot compare the output {output} with {name}"):
            same = (
                os.path.samefile(output, name)
                if output.exists() and Path(name).exists()
                else output.resolve() == Path(name).resolve()
            )
        if same:
            raise ValueError(
                f"the output {output} is the input file {name}; writing it would "
                "destroy it, so choose another output"
            )


def package_versions():
    """The versions of :data:`RECORDED_PACKAGES` installed here, and Python's."""
    versions = {}
    for name in RECORDED_PACKAGES:
        try:
            versions[name] = version(name)
        except PackageNotFoundError:  # a source tree that is not installed
            versions[name] = "unknown"
    versions["python"] = platform.python_version()
    return versions


def save_model(pipeline, path, record):
    """Write ``pipeline`` as a skops file with its ``record`` (a ModelRecord)."""
    # skops is imported where it is used: its import takes 0.4 s, which the demo
    # would pay on every start.
    import skops.io

    def write(file):
        skops.io.dump(pipeline, file)
        with zipfile.ZipFile(file, "a") as archive:
            archive.writestr(RECORD_ENTRY, json.dumps(record.to_dict(), indent=2))

    write_output(path, write)


def load_model(path):
    """Load a model file written by :func:`save_model`.

    The file is read once: its record and its pipeline come from the same
    bytes, even if another process replaces the file meanwhile. It is refused,
    before any object in it is built, when its schema names a type outside
    skops' defaults and :data:`TRUSTED_TYPES`; and after, unless the pipeline is
    the fitted one its record describes. A model written by another major
    version of sksigmoid loads with a ``UserWarning``.

    Returns
    -------
    pipeline : sklearn.pipeline.Pipeline
        The fitted pipeline.
    record : ModelRecord
        What :func:`save_model` recorded: target, columns, scores, versions.
    """
    import skops.io
    from skops.io.exceptions import UntrustedTypesFoundException

    path = existing_file(path)
    with os_errors_named(f"cannot read {path}"):
        data = path.read_bytes()
    record = _read_record(path, data)
    try:
        pipeline = skops.io.loads(data, trusted=TRUSTED_TYPES)
    except UntrustedTypesFoundException as error:
        raise ValueError(
            f"{path} names types sksigmoid does not trust, so nothing in it was "
            f"loaded (was it tampered with?): {error}"
        ) from None
    except Exception as error:  # skops raises many kinds on a damaged file
        raise ValueError(
            f"{path} is not a readable model file: {type(error).__name__}: {error}"
        ) from None
    _check_pipeline(path, pipeline, record)
    _warn_on_other_major_version(path, record)
    return pipeline, record


def _read_record(path, data):
    """The record in a model file's bytes, every key and type checked."""
    damaged = f"{path} has a damaged {RECORD_ENTRY}"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            text = archive.read(RECORD_ENTRY)
    except zipfile.BadZipFile:
        raise ValueError(f"{path} is not a model file (not a zip file)") from None
    except KeyError:
        raise ValueError(
            f"{path} is not a model file written by 'sksigmoid fit' "
            f"(it has no {RECORD_ENTRY})"
        ) from None
    try:
        record = json.loads(text)
    # A deeply nested value exhausts the parser's stack.
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise ValueError(f"{damaged}: it is not JSON") from None
    if not isinstance(record, dict):
        raise ValueError(f"{damaged}: it is not a JSON object")
    return ModelRecord.from_dict(record, damaged)


def _check_pipeline(path, pipeline, record):
    """Refuse a loaded pipeline that is not the fitted one ``record`` describes."""
    from sklearn.exceptions import NotFittedError
    from sklearn.utils.validation import check_is_fitted

    if not isinstance(pipeline, Pipeline) or len(pipeline) < 2:
        raise ValueError(f"{path} holds a {type(pipeline).__name__}, not a pipeline")
    estimator = pipeline[-1]
    if type(estimator) is not record.estimator_class:
        raise ValueError(
            f"{path} holds a {type(estimator).__name__}, but its {RECORD_ENTRY} "
            f"says --model {record.model} --task {record.task}"
        )
    dates = record.date_columns
    columns = [*record.numeric_columns, *record.categorical_columns, *dates]
    columns += record.word_columns
    try:
        check_is_fitted(pipeline)
        names = list(pipeline.feature_names_in_)
    except (NotFittedError, AttributeError):
        raise ValueError(f"{path} holds a pipeline that is not fitted") from None
    if sorted(names) != sorted(columns):
        raise ValueError(
            f"{path} holds a pipeline of the columns {', '.join(names)}, but its "
            f"{RECORD_ENTRY} names {', '.join(columns)}"
        )
    # One row through the whole pipeline: a fitted attribute renamed or
    # removed in the file fails here, in any of many ways, rather than on the
    # user's data with an AttributeError or a KeyError.
    row = pd.DataFrame(
        {
            name: [0.0]
            if name in record.numeric_columns
            else [example_date(dates[name])]
            if name in dates
            else [""]
            for name in names
        }
    )
    regresses = record.task == "regress"
    try:
        outputs = (pipeline.predict if regresses else pipeline.predict_proba)(row)
    except Exception as error:
        raise ValueError(
            f"{path} is not a readable model file: its pipeline cannot predict "
            f"({type(error).__name__}: {error})"
        ) from None
    if np.shape(outputs) != ((1,) if regresses else (1, len(estimator.classes_))):
        what = "one value" if regresses else "one probability per class"
        raise ValueError(
            f"{path} is not a readable model file: its pipeline does not predict {what}"
        )


def _warn_on_other_major_version(path, record):
    saved = str(record.versions.get("sksigmoid", "unknown"))
    current = package_versions()["sksigmoid"]
    if saved.split(".")[0] != current.split(".")[0]:
        warnings.warn(
            f"{path} was saved by sksigmoid {saved} and is read by sksigmoid "
            f"{current}, another major version: its predictions may differ",
            UserWarning,
            stacklevel=3,
        )
