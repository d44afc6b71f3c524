"""Errors as the command line says them: one line that names what failed.

An OSError from the system says ``[Errno 27] File too large``, and often not
which file; here it becomes ``cannot write model.skops: File too large``,
whether the file is an input or an output. This module imports nothing
heavy, for ``main`` to use before a command is imported.
"""

import contextlib


def named_os_error(error, doing):
    """``error`` as one line that starts with ``doing`` and says what went
    wrong, if the system raised it (it has an errno): ``cannot write
    model.skops: File too large``; else ``error``, which names its file.

    The new error is a plain OSError with the errno: a BrokenPipeError from
    writing a named pipe is not standard output's reader gone.
    """
    if error.errno is None:
        return error
    named = OSError(f"{doing}: {error.strerror or error}")
    named.errno = error.errno
    return named


@contextlib.contextmanager
def os_errors_named(doing):
    """A context in which OSErrors are raised as :func:`named_os_error` says."""
    try:
        yield
    except OSError as error:
        named = named_os_error(error, doing)
        if named is error:
            raise
        raise named from error
