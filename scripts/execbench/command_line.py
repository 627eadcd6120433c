"""Command-line conventions shared by the execbench scripts.

Bad input ends a script with exactly one line on stderr saying what is wrong
and how to fix it, and exit code 2; never a traceback or a usage dump. A
reader that stops early (`scripts/charts ... | head`) ends a script quietly.
"""

import argparse
import os
import signal
import sys
from typing import Callable, NoReturn

BAD_INPUT = 2
# The exit code of a process that the shell saw killed by SIGPIPE.
BROKEN_PIPE = 128 + signal.SIGPIPE


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
    """Exits with main()'s exit code, or BROKEN_PIPE if stdout's reader left.

    The output that the reader no longer wants is dropped without a
    traceback.
    """
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:
        # Python flushes stdout once more on exit, which would fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = BROKEN_PIPE
    sys.exit(code)
