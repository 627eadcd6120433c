"""Command-line conventions shared by the execbench scripts.

Bad input ends a script with exactly one line on stderr saying what is wrong
and how to fix it, and exit code 2; never a traceback or a usage dump.
"""

import argparse
import sys

BAD_INPUT = 2


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
