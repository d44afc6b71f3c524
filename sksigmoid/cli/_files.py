"""The command line's model files, and outputs written whole.

Every problem with a file is raised as a ``ValueError`` (or an ``OSError``) whose
message names the file and fits on one line, for the command line to print.
Model files are skops files, loaded with the types this package trusts by name,
never with pickle; the package's own record (versions, target, columns) sits
beside the skops schema as ``sksigmoid.json`` in the same zip file.
"""

import errno
import io
import json
import os
import platform
import secrets
import stat
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

from sksigmoid._network import SigmoidNetworkClassifier
from sksigmoid._sigmoid_neuron import SigmoidNeuronClassifier
from sksigmoid._threshold_unit import ThresholdUnit
from sksigmoid.cli._errors import os_errors_named
from sksigmoid.cli._record import MODELS, ModelRecord
from sksigmoid.cli._signals import signals_unwind
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
                SigmoidNeuronClassifier,
                ThresholdUnit,
                SigmoidNetworkClassifier,
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


#: What an existing output that is not a regular file is, for the messages.
_FILE_KINDS = {
    stat.S_IFSOCK: "a socket",
    stat.S_IFBLK: "a block device (a disk)",
}


def _name_max(folder):
    """The longest file name, in bytes, that ``folder``'s file system takes."""
    try:
        return os.pathconf(folder, "PC_NAME_MAX")
    except (AttributeError, OSError, ValueError):  # no pathconf on Windows
        return 255


def _how_to_write(path):
    """``("in place", path)`` or ``("replace", file)``: how :func:`write_output`
    writes the output ``path``; a one-line error if it cannot.

    A regular file, new or not, is written beside and renamed, through any
    symbolic links (the link stays, its target is replaced). A character
    device (``/dev/null``) or a named pipe is written in place, as ``cp`` and
    ``tee`` write them: a rename would put a file where it was. Anything else
    that exists (a directory, a socket, a block device) is refused.
    """
    if str(path) == "":
        raise ValueError("the output path is empty")
    path = Path(path)
    cannot = f"cannot write {path}"
    with os_errors_named(cannot):
        mode, too_long = None, None
        try:
            mode = os.stat(path).st_mode
        except FileNotFoundError:
            pass  # a new file, or a link to one
        except OSError as error:
            if error.errno != errno.ENAMETOOLONG:
                raise
            too_long = error  # said below with the lengths, if the name is
        if mode is not None and (stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)):
            if not os.access(path, os.W_OK):
                raise PermissionError(f"{cannot}: it is not writable")
            return "in place", path
        if mode is not None and stat.S_ISDIR(mode):
            raise IsADirectoryError(f"{cannot}: it is a directory")
        if mode is not None and not stat.S_ISREG(mode):
            kind = _FILE_KINDS.get(stat.S_IFMT(mode), "not a regular file")
            raise OSError(f"{cannot}: it is {kind}, not a file; choose a file name")
        target = Path(os.path.realpath(path))
        # The folder as the user wrote it, unless a link leads elsewhere.
        folder = target.parent if os.path.islink(path) else path.parent
        if not target.parent.is_dir():
            raise FileNotFoundError(f"{cannot}: there is no folder {folder}")
        if not os.access(target.parent, os.W_OK):
            raise PermissionError(f"{cannot}: the folder {folder} is not writable")
        length, longest = len(os.fsencode(target.name)), _name_max(target.parent)
        if length > longest:
            raise OSError(
                f"{cannot}: its name is {length} bytes long, and the file system "
                f"of its folder takes at most {longest}; choose a shorter name"
            )
        if too_long is not None:  # the whole path, not the name
            raise too_long
    return "replace", target


def check_writable(path):
    """Refuse an output path that cannot be written now, not after a long fit.

    See :func:`write_output` for what is written how.
    """
    _how_to_write(path)


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


def _temporary_name(target):
    """A hidden name beside ``target``, random, that its file system takes:
    ``target``'s name is shortened to leave room for the rest."""
    rest = f".{secrets.token_hex(8)}.tmp"
    room = _name_max(target.parent) - len(rest) - 1
    name = target.name
    while len(os.fsencode(name)) > room:
        name = name[:-1]
    return target.with_name(f".{name}{rest}")


def write_output(path, write):
    """Call ``write(file)`` with a binary file (seekable, readable) whose bytes,
    once it returns, become the output ``path``.

    A regular file (new, or existing, through symbolic links) is written as a
    temporary file beside it, then renamed over it, with the permissions the
    existing one had. A failure, or a signal that ends the process (SIGTERM,
    SIGINT, SIGHUP), leaves no file at ``path`` (nor a half-written one), and
    an existing file there is replaced only by a complete one. Each call writes
    its own temporary file, so concurrent writers of one ``path`` (threads or
    processes) each leave a whole file, the last one renamed winning.

    A character device (``/dev/null``) or a named pipe is written in place,
    once ``write`` has returned; other outputs that are not regular files are
    refused (:func:`check_writable`). Every OSError names ``path``.
    """
    how, target = _how_to_write(path)
    with os_errors_named(f"cannot write {path}"):
        if how == "in place":
            _write_in_place(target, write)
        else:
            _write_and_rename(target, write)


def _write_in_place(target, write):
    data = io.BytesIO()  # the writers seek; a pipe cannot
    write(data)
    # Without O_CREAT: a device removed meanwhile is an error, not a new file.
    descriptor = os.open(target, os.O_WRONLY | getattr(os, "O_NOCTTY", 0))
    with open(descriptor, "wb") as output:
        mode = os.fstat(descriptor).st_mode
        if not (stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)):
            raise OSError(f"cannot write {target}: it changed while sksigmoid ran")
        output.write(data.getbuffer())


def _write_and_rename(target, write):
    try:
        previous_mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        previous_mode = None
    with signals_unwind():
        temporary = None
        try:
            while temporary is None:
                temporary = _temporary_name(target)
                try:
                    # Mode 0o666, as the umask allows: tempfile.mkstemp's
                    # 0o600 would stay on the renamed file.
                    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL
                    descriptor = os.open(temporary, flags, 0o666)
                except FileExistsError:  # pragma: no cover - 64 random bits
                    temporary = None  # another's file
            with open(descriptor, "w+b") as file:
                write(file)
            if previous_mode is not None:
                os.chmod(temporary, previous_mode)
            os.replace(temporary, target)
        finally:
            # Also when a signal came between the name and the file.
            if temporary is not None:
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
    if type(estimator) is not MODELS[record.model]:
        raise ValueError(
            f"{path} holds a {type(estimator).__name__}, but its {RECORD_ENTRY} "
            f"says --model {record.model}"
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
    try:
        probabilities = pipeline.predict_proba(row)
    except Exception as error:
        raise ValueError(
            f"{path} is not a readable model file: its pipeline cannot predict "
            f"({type(error).__name__}: {error})"
        ) from None
    if np.shape(probabilities) != (1, len(estimator.classes_)):
        raise ValueError(
            f"{path} is not a readable model file: its pipeline "
            "does not predict one probability per class"
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
