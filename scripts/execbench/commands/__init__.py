"""The command line of each script under scripts/: its argparse parser and
main(), which parses, calls the library, writes the output and returns the
exit code (command_line.py states the rules they share). Each module's
docstring is the command's manual; scripts/<name> runs commands/<name>.py
through run(), and scripts/run runs rounds.py for its rounds of repetitions
and keep_run.py for the folder it leaves, as `python3 -m execbench.commands
NAME ARGS...` (__main__.py).
"""

import importlib
from typing import NoReturn

from execbench import command_line


def run(name: str) -> NoReturn:
    """Runs commands/<name>.py's main() as a script (command_line.run),
    importing it once the stop signals are caught, so that a Ctrl-C during
    its imports ends it as cleanly as one later."""
    command_line.run(
        lambda: importlib.import_module(f"{__name__}.{name}").main())
