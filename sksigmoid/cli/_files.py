"""The command line's files: data read from CSV, model files, outputs written whole.

Every problem with a file is raised as a ``ValueError`` (or an ``OSError``) whose
message names the file and fits on one line, for the command line to print.
Model files are skops files, loaded with the types this package trusts by name,
never with pickle; the package's own record (versions, target, columns) sits
beside the skops schema as ``sksigmoid.json`` in the same zip file.
"""

import json
import os
import platform
import warnings
import zipfile
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

from sksigmoid._network import SigmoidNetworkClassifier
from sksigmoid._sigmoid_neuron import SigmoidNeuronClassifier
from sksigmoid._threshold_unit import ThresholdUnit

#: The only types a model file may name beyond skops' defaults (NumPy and
#: scikit-learn types it knows to be safe): this package's estimators and the
#: scikit-learn classes ``sksigmoid fit`` builds its pipeline from.
TRUSTED_TYPES = sorted(
    f"{cls.__module__}.{cls.__qualname__}"
    for cls in (
        SigmoidNeuronClassifier,
        ThresholdUnit,
        SigmoidNetworkClassifier,
        Pipeline,
        ColumnTransformer,
        StandardScaler,
        OneHotEncoder,
    )
)

#: The zip entry that holds the package's record of a model.
RECORD_ENTRY = "sksigmoid.json"

#: What every record holds; a record without one of them is damaged.
RECORD_KEYS = ("model", "target", "numeric_columns", "categorical_columns", "versions")

#: Packages whose versions a model file records.
RECORDED_PACKAGES = ("sksigmoid", "scikit-learn", "numpy", "pandas", "skops")


def _existing_file(path):
    """``path`` as a Path; a FileNotFoundError with a one-line message if absent."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such file")
    return path


def read_csv(path):
    """Read a CSV file into a DataFrame, refusing empty and ragged files.

    Parameters
    ----------
    path : str or path-like
        The file to read.

    Returns
    -------
    frame : pandas.DataFrame
        At least one column and one row.
    """
    path = _existing_file(path)
    try:
        with warnings.catch_warnings():
            # A row longer than the header is a ParserWarning with
            # index_col=False; it would drop values silently.
            warnings.simplefilter("error", pd.errors.ParserWarning)
            frame = pd.read_csv(path, index_col=False)
    except pd.errors.EmptyDataError:
        raise ValueError(f"{path} is empty: expected a header line and rows") from None
    except (pd.errors.ParserError, pd.errors.ParserWarning) as error:
        reason = " ".join(str(error).split()).removeprefix(
            "Error tokenizing data. C error: "
        )
        raise ValueError(f"{path} is not a well-formed CSV file: {reason}") from None
    except UnicodeDecodeError:
        raise ValueError(f"{path} is not a text (UTF-8) CSV file") from None
    if frame.empty:
        raise ValueError(f"{path} has a header but no rows")
    return frame


def check_writable(path):
    """Refuse an output path in a missing folder now, not after a long fit."""
    folder = Path(path).parent
    if not folder.is_dir():
        raise FileNotFoundError(f"cannot write {path}: there is no folder {folder}")


def write_atomically(path, write):
    """Call ``write(temporary_path)``, then rename the result to ``path``.

    A failure leaves no file at ``path`` (nor a half-written one), and an
    existing file there is replaced only by a complete one.
    """
    path = Path(path)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        write(temporary)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


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
    """Write ``pipeline`` as a skops file with ``record`` (a JSON-able dict) inside."""
    # skops is imported where it is used: its import takes 0.4 s, which the demo
    # would pay on every start.
    import skops.io

    record = {**record, "versions": package_versions()}

    def write(temporary):
        skops.io.dump(pipeline, temporary)
        with zipfile.ZipFile(temporary, "a") as archive:
            archive.writestr(RECORD_ENTRY, json.dumps(record, indent=2))

    write_atomically(path, write)


def load_model(path):
    """Load a model file written by :func:`save_model`.

    The file is refused, before any object in it is built, when its schema names
    a type outside skops' defaults and :data:`TRUSTED_TYPES`. A model written by
    another major version of sksigmoid loads with a ``UserWarning``.

    Returns
    -------
    pipeline : sklearn.pipeline.Pipeline
        The fitted pipeline.
    record : dict
        What :func:`save_model` recorded: target, columns, scores, versions.
    """
    import skops.io
    from skops.io.exceptions import UntrustedTypesFoundException

    path = _existing_file(path)
    try:
        with zipfile.ZipFile(path) as archive:
            record = json.loads(archive.read(RECORD_ENTRY))
    except zipfile.BadZipFile:
        raise ValueError(f"{path} is not a model file (not a zip file)") from None
    except KeyError:
        raise ValueError(
            f"{path} is not a model file written by 'sksigmoid fit' "
            f"(it has no {RECORD_ENTRY})"
        ) from None
    except (ValueError, UnicodeDecodeError):
        raise ValueError(f"{path} has a damaged {RECORD_ENTRY}") from None
    if (
        not isinstance(record, dict)
        or any(key not in record for key in RECORD_KEYS)
        or not isinstance(record["versions"], dict)
    ):
        raise ValueError(f"{path} has a damaged {RECORD_ENTRY}")
    try:
        pipeline = skops.io.load(path, trusted=TRUSTED_TYPES)
    except UntrustedTypesFoundException as error:
        raise ValueError(
            f"{path} names types sksigmoid does not trust, so nothing in it was "
            f"loaded (was it tampered with?): {error}"
        ) from None
    except Exception as error:  # skops raises many kinds on a damaged file
        raise ValueError(f"{path} is not a readable model file: {error}") from None
    if not isinstance(pipeline, Pipeline):
        raise ValueError(f"{path} holds a {type(pipeline).__name__}, not a pipeline")
    _warn_on_other_major_version(path, record)
    return pipeline, record


def _warn_on_other_major_version(path, record):
    saved = str(record["versions"].get("sksigmoid", "unknown"))
    current = package_versions()["sksigmoid"]
    if saved.split(".")[0] != current.split(".")[0]:
        warnings.warn(
            f"{path} was saved by sksigmoid {saved} and is read by sksigmoid "
            f"{current}, another major version: its predictions may differ",
            UserWarning,
            stacklevel=3,
        )
