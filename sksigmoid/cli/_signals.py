"""Signals that end the process, turned into an exception while a temporary
file exists, so that it is removed as it is on an error.

By default SIGTERM (``kill``, a CI timeout) and SIGHUP (a closed terminal) end
a Python process at once, without running its ``finally`` clauses; SIGINT
raises KeyboardInterrupt, which runs them. Within :func:`signals_unwind`,
those of the three that would end the process at once raise
:class:`Terminated` instead; once the program has unwound, :func:`die_of`
ends it by the same signal, as coreutils' ``sort`` does after removing its
temporary files, so the shell sees the usual status (128 + the signal's
number). This module imports nothing heavy: ``main`` catches
:class:`Terminated` before any command is imported.
"""

import contextlib
import signal
import threading

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
