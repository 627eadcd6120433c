"""Gives a finished run of scripts/run its folder under results/
(docs/running.md).

Usage: python3 -m execbench.commands keep_run SCRATCH FOLDER

(scripts/run calls it.) Renames the folder SCRATCH to FOLDER or, when
another run has taken that name, to FOLDER-2, FOLDER-3, ..., each in one
step that fails if the name is taken, so that runs finishing in the same
second each keep their own folder; then prints the folder's path.

Exit code: 0; 2 when it cannot be renamed, with one line saying why.
"""

import pathlib

from execbench import atomic_file
from execbench import command_line

# The script this is part of, which names itself in messages.
PROG = "run"


def main(argv=None) -> int:
    """The command line; see the module docstring. Returns the exit code."""
    parser = command_line.ArgumentParser(
        prog=PROG, description="Renames a finished run's scratch folder to "
        "the first free one of FOLDER, FOLDER-2, ...")
    parser.add_argument("scratch", type=pathlib.Path,
                        help="the folder the run was written to")
    parser.add_argument("folder", type=pathlib.Path,
                        help="the name it should take")
    args = parser.parse_args(argv)
    try:
        kept = atomic_file.rename_new(
            args.scratch, atomic_file.numbered(args.folder.parent,
                                               args.folder.name))
    except OSError as error:
        return command_line.report_bad_input(
            PROG, f"cannot move {args.scratch} to {args.folder}: "
            f"{error.strerror}")
    print(kept)
    return 0
