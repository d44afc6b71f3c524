"""``sksigmoid``: the demo without a command, else one of the commands on CSV files.

The commands' modules import pandas and scikit-learn, and are imported only
when a command runs: the parser answers ``--help`` and bad arguments first.
"""

import os
import sys
import warnings

from sksigmoid.cli._parser import build_parser


def _one_line(error):
    return " ".join(str(error).split())


def main(argv=None):
    """Run the demo, or one of the commands on CSV files; return the exit status.

    Parameters
    ----------
    argv : list of str, default=None
        Arguments without the program name; ``None`` reads ``sys.argv``.

    Returns
    -------
    status : int
        0 on success. Bad arguments, unreadable files, bad data and model files
        that are not this package's (or were tampered with) exit with status 2
        and one line on stderr; warnings (a fit that did not converge, a model
        saved by another major version) print one line each.

    Examples
    --------
    >>> from sksigmoid.cli import main
    >>> main(["--n-inputs", "3"])  # doctest: +ELLIPSIS
    Truth tables with 3 inputs...
    0
    """
    args = build_parser().parse_args(argv)
    if args.command is None:
        from sksigmoid.cli._demo import demo_report

        sys.stdout.write(demo_report(args.n_inputs, args.random_state))
        return 0
    prefix = f"sksigmoid {args.command}"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            from sksigmoid.cli._commands import COMMANDS

            COMMANDS[args.command](args, sys.stdout)
        except BrokenPipeError:
            # The reader (``| head``) has gone: stop quietly, as Python's
            # documentation advises, without a second error at exit.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 1
        except KeyboardInterrupt:
            sys.stderr.write(f"\n{prefix}: interrupted; no file was written\n")
            return 130
        except (OSError, ValueError, TypeError) as error:
            sys.stdout.flush()
            sys.stderr.write(f"{prefix}: error: {_one_line(error)}\n")
            return 2
    for message in dict.fromkeys(_one_line(warning.message) for warning in caught):
        sys.stderr.write(f"{prefix}: warning: {message}\n")
    return 0
