"""``sksigmoid``: the demo without a command, else one of the commands on CSV files.

The commands' modules import pandas and scikit-learn, and are imported only
when a command runs: the parser answers ``--help`` and bad arguments first.
"""

import contextlib
import os
import sys
import traceback
import warnings

from sksigmoid._output import Terminated, die_of
from sksigmoid.cli._errors import StandardOutput, where_to_report
from sksigmoid.cli._parser import build_parser


def _one_line(error):
    return " ".join(str(error).split())


def _debugging(args):
    """``--debug``, or ``SKSIGMOID_DEBUG`` set to anything but empty or 0."""
    return getattr(args, "debug", False) or os.environ.get(
        "SKSIGMOID_DEBUG", ""
    ) not in ("", "0")


def _silence_standard_output():
    """Point standard output at the null device: what is still buffered for it
    would fail again when Python flushes it at exit."""
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def main(argv=None):
    """Run the demo, or one of the commands on CSV files; return the exit status.

    Parameters
    ----------
    argv : list of str, default=None
        Arguments without the program name; ``None`` reads ``sys.argv``.

    Returns
    -------
    status : int
        0 on success. Bad arguments, unreadable files, bad data, model files
        that are not this package's (or were tampered with) and a model too
        large for the memory exit with status 2 and one line on stderr;
        warnings (a fit that did not converge, a model saved by another major
        version) print one line each. An unexpected error (a bug) exits with
        status 1 and one line saying where to report it; ``--debug`` (or
        ``SKSIGMOID_DEBUG=1``) prints its traceback too. SIGTERM or SIGHUP
        while an output is written removes its temporary file, then ends the
        process by the same signal.

    Examples
    --------
    >>> from sksigmoid.cli import main
    >>> main(["--n-inputs", "3"])  # doctest: +ELLIPSIS
    Truth tables with 3 inputs...
    0
    """
    args = build_parser().parse_args(argv)
    prefix = "sksigmoid" if args.command is None else f"sksigmoid {args.command}"
    out = StandardOutput(sys.stdout)
    try:
        return _run(args, out, prefix)
    except BrokenPipeError:
        # The reader (``| head``) has gone: stop quietly, as Python's
        # documentation advises, without a second error at exit.
        _silence_standard_output()
        return 1
    except KeyboardInterrupt:
        sys.stderr.write(f"\n{prefix}: interrupted; no file was written\n")
        return 130
    except Terminated as stop:
        # What the command printed is kept: the signal ends the process
        # without Python's flush at exit.
        with contextlib.suppress(OSError, ValueError):
            out.flush()
        sys.stderr.write(f"{prefix}: {stop}; no file was written\n")
        return die_of(stop)
    except (OSError, ValueError, TypeError, MemoryError) as error:
        _say_error(args, out, f"{prefix}: error: {_one_line(error)}")
        return 2
    except Exception as error:
        shown = "" if _debugging(args) else " (--debug shows the traceback)"
        _say_error(
            args,
            out,
            f"{prefix}: internal error: {type(error).__name__}: {_one_line(error)}; "
            f"{where_to_report()}{shown}",
        )
        return 1


def _run(args, out, prefix):
    if args.command is None:
        from sksigmoid.cli._demo import demo_report

        out.write(demo_report(args.n_inputs, args.random_state))
        out.flush()
        return 0
    if args.command == "playground":
        from sksigmoid.playground._server import serve

        return serve(args.port, args.open, stream=out)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        from sksigmoid.cli._commands import COMMANDS

        COMMANDS[args.command](args, out)
        # Here, not at exit: a full disk is then an error, not a traceback.
        out.flush()
    for message in dict.fromkeys(_one_line(warning.message) for warning in caught):
        sys.stderr.write(f"{prefix}: warning: {message}\n")
    return 0


def _say_error(args, out, line):
    """Print ``line`` after what the command printed, and the traceback of the
    error being handled if debugging."""
    if out.failed:
        _silence_standard_output()
    else:
        with contextlib.suppress(OSError):
            out.flush()
    if _debugging(args):
        traceback.print_exc()
    sys.stderr.write(line + "\n")
