"""Outputs written whole: a user's file is replaced only by a complete one,
and never where it is not a regular file.

A regular file is written beside its target and renamed over it (through
symbolic links); a character device such as ``/dev/null`` or a named pipe is
written in place, as ``cp`` and ``tee`` write them. Signals that end the
process (SIGTERM from ``kill`` or a CI timeout, SIGHUP from a closed terminal)
are turned into an exception while a temporary file exists, so that it is
removed as it is on an error; :func:`die_of` then ends the process by the same
signal, as coreutils' ``sort`` does, so the shell sees the usual status. An
OSError from the system says ``[Errno 27] File too large``, often without the
file: here it says ``cannot write model.skops: File too large``. The command
line writes its models and predictions through this module, which imports
nothing heavy, for ``main`` to use before a command is imported.
"""

import contextlib
import errno
import io
import os
import secrets
import signal
import stat
import threading
from pathlib import Path

#: The signals that end a process unless handled, and that users and
#: schedulers send to stop one.
ENDING_SIGNALS = tuple(
    getattr(signal, name)
    for name in ("SIGINT", "SIGTERM", "SIGHUP")
    if hasattr(signal, name)  # Windows has no SIGHUP
)


class Terminated(BaseException):
    """A signal that ends the process arrived.

    A BaseException, as KeyboardInterrupt is, so that no ``except Exception``
    stops it on its way up.
    """

    def __init__(self, signum):
        super().__init__(signum)
        self.signum = signum

    def __str__(self):
        return f"terminated by {signal.Signals(self.signum).name}"


@contextlib.contextmanager
def signals_unwind():
    """Within the block, the :data:`ENDING_SIGNALS` whose handler is the
    system's default raise :class:`Terminated`; their handlers are restored
    after.

    A handler the program set, or an ignored signal (``nohup``), is left as it
    is. Only the main thread may set handlers; elsewhere the block runs as it
    is. A second signal while the first unwinds is not raised again: it would
    interrupt the ``finally`` clause that removes the file.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    arrived = []

    def raise_terminated(signum, frame):
        if not arrived:
            arrived.append(signum)
            raise Terminated(signum)

    previous = {}
    try:
        for signum in ENDING_SIGNALS:
            if signal.getsignal(signum) == signal.SIG_DFL:
                previous[signum] = signal.signal(signum, raise_terminated)
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def die_of(terminated):
    """End the process by the signal of ``terminated``, now that its handler is
    the default again; return the exit status if the process survives it (a
    handler set meanwhile)."""
    signal.raise_signal(terminated.signum)
    return 128 + terminated.signum


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


#: What a path that is neither a regular file nor a directory is, for the
#: messages about inputs and outputs alike.
FILE_KINDS = {
    stat.S_IFSOCK: "a socket",
    stat.S_IFBLK: "a block device (a disk)",
    stat.S_IFCHR: "a character device",
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
            kind = FILE_KINDS.get(stat.S_IFMT(mode), "not a regular file")
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
