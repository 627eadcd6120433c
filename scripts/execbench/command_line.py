"""Command-line conventions shared by the execbench scripts.

Bad input ends a script with exactly one line on stderr saying what is wrong
and how to fix it, and exit code 2; never a traceback or a usage dump. A
reader that stops early (`scripts/charts ... | head`) ends a script quietly.
A script stopped by SIGINT, SIGTERM or SIGHUP stops what it started, removes
what it had begun to write (interruption.py), says so in one line and exits
with 128 + the signal's number; a script started by another execbench script
(PARENT_SCRIPT is set) leaves that line to it.
"""

import argparse
import os
import signal
import sys
from typing import Callable, NoReturn

from execbench import interruption

BAD_INPUT = 2
# The exit code of a process that the shell saw killed by SIGPIPE.
BROKEN_PIPE = 128 + signal.SIGPIPE
# Set, to its name, by a script for the execbench scripts it starts, since
# it says itself when it was interrupted.
PARENT_SCRIPT = "EXECBENCH_PARENT_SCRIPT"


class ArgumentParser(argparse.ArgumentParser):
    """An argparse parser that reports bad arguments on one line."""

    def __init__(self, **kwargs):
        super().__init__(allow_abbrev=False, **kwargs)

    def error(self, message):
        sys.exit(report_bad_input(self.prog, f"{message} (see --help)"))


def report_bad_input(program: str, message: object) -> int:
    """Prints the one-line complaint about bad input; returns the exit code."""
    print(f"{program}: {message}", file=sys.stderr)
    return BAD_INPUT


def run(main: Callable[[], int]) -> NoReturn:
    """Exits with main()'s exit code; see the module docstring for a reader
    that left (BROKEN_PIPE) and for the stop signals, which are caught from
    here on, and ignored once main() has returned: its work is done.

    The output that the reader no longer wants is dropped without a
    traceback.
    """
    try:
        interruption.catch_stop_signals()
        code = _exit_code(main)
        interruption.ignore_stop_signals()
    except interruption.Interrupted as stop:
        interruption.ignore_stop_signals()
        if not os.environ.get(PARENT_SCRIPT):
            print(f"{os.path.basename(sys.argv[0])}: interrupted by {stop}",
                  file=sys.stderr)
        code = stop.exit_code
    sys.exit(code)


def _exit_code(main: Callable[[], int]) -> int:
    """main()'s exit code, or BROKEN_PIPE if stdout's reader left."""
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:
        # Python flushes stdout once more on exit, which would fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = BROKEN_PIPE
    return code
