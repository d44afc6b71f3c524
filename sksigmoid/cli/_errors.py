"""Errors as the command line says them: one line that names what failed.

An OSError from the system says ``[Errno 27] File too large``, and often not
which file; here it becomes ``cannot write model.skops: File too large``,
whether the file is an input, an output or standard output. This module
imports nothing heavy, for ``main`` to use before a command is imported.
"""

import contextlib
from importlib.metadata import PackageNotFoundError, metadata

from sksigmoid._output import named_os_error


class StandardOutput:
    """A text stream that writes to ``stream`` (standard output), its errors
    named as standard output's; BrokenPipeError, a reader gone, stays as it
    is, for ``main`` to stop quietly.

    ``failed`` says whether a write failed: the text still buffered would fail
    again at exit. Not an ``io`` class: those flush when collected, which
    would fail again.
    """

    def __init__(self, stream):
        self.stream = stream
        self.failed = False

    def write(self, text):
        with self._named():
            return self.stream.write(text)

    def flush(self):
        with self._named():
            self.stream.flush()

    def isatty(self):
        return self.stream.isatty()

    def fileno(self):
        return self.stream.fileno()

    @contextlib.contextmanager
    def _named(self):
        try:
            yield
        except BrokenPipeError:
            raise
        except OSError as error:
            self.failed = True
            raise named_os_error(error, "cannot write standard output") from error


#: The labels of a project URL that is its issue tracker, in its metadata.
_TRACKER_LABELS = ("issues", "issue tracker", "bug tracker", "bugs", "tracker")


def where_to_report():
    """Where to report a bug: the issue tracker the package's metadata names
    (``[project.urls]`` in pyproject.toml), else its maintainers."""
    try:
        urls = metadata("sksigmoid").get_all("Project-URL") or []
    except PackageNotFoundError:  # a source tree that is not installed
        urls = []
    for entry in urls:
        label, _, url = entry.partition(",")
        if label.strip().lower() in _TRACKER_LABELS:
            return f"please report it at {url.strip()} with the command you ran"
    return "please report it to the sksigmoid maintainers with the command you ran"
