"""scripts/record: measures the checked-out commit in rounds of fresh
processes and stores them as one record file, which scripts/compare,
scripts/history and scripts/ab RECORD NEW judge it by (docs/regressions.md).

Usage: scripts/record [--out FILE] [--rounds N] [--label TEXT]
                      [BENCH-FLAGS...]

Runs scripts/setup (which installs what is missing and builds build/bench),
then the rounds of running/record.py: each a fresh process of build/bench
over every row that the grid's sizes of scripts/run and the flags given
select (--benchmark_filter=Cpu keeps Cpu's rows), as many rounds as the
rule of analysis/paired_verdicts.py needs to call a change among those rows
(25 for the whole grid, about 2 minutes each on 2 cores), or N. A line
per round on stderr says how far it is and about how long the rest will
take.

The record is one JSON file (inputs/record_file.py): every round's value of
every row, the notes of noisy rounds and rows, the context and environment,
the flags, the label and the commit. It goes to results/history/<machine>/
under a new name (inputs/records.py), or to FILE with --out, whole or not
at all; its path is printed. A record that is interrupted leaves nothing.

Environment: EXECBENCH_BENCH=/path/to/executable runs that instead of
build/bench, without running scripts/setup first; EXECBENCH_PROJECT=DIR
records DIR's commit under DIR/results/history/ (inputs/records.py).

Exit code: 0 once recorded, 2 on bad input (a bad flag, a bench that fails
or was built from another commit), or scripts/setup's when it fails.
"""

import argparse
import json
import os
import pathlib
import subprocess
import sys

from execbench import atomic_file
from execbench import command_line
from execbench.inputs import bench_json
from execbench.inputs import records
from execbench.running import record
from execbench.running import rounds

PROG = record.PROG


def _count(text: str) -> int:
    """--rounds: a whole number from 2."""
    if not text.isdigit() or int(text) < 2:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a whole number from 2")
    return int(text)


def main(argv: list[str] | None = None) -> int:
    """The command line; see the module docstring. Returns the exit code."""
    parser = command_line.ArgumentParser(
        prog=PROG, usage="%(prog)s [options] [BENCH-FLAGS...]",
        description="Measure the checked-out commit in rounds of fresh "
                    "processes and store them as one record file.",
        epilog="Other arguments are bench flags, e.g. "
               "--benchmark_filter=Cpu.")
    parser.add_argument("--out", metavar="FILE", type=pathlib.Path,
                        help="write the record to FILE (default: a new file "
                             "under results/history/<machine>/)")
    parser.add_argument("--rounds", metavar="N", type=_count,
                        help="fresh processes to run (default: the fewest "
                             "with which the rule can call a change)")
    parser.add_argument("--label", help="free text stored with the record")
    args, bench_flags = parser.parse_known_args(argv)
    root = records.PROJECT_ROOT
    try:
        made = record.make_record(
            root, os.environ.get("EXECBENCH_BENCH"), bench_flags, args.label,
            rounds=args.rounds, out=args.out)
        content = (json.dumps(made.as_json(), indent=2) + "\n").encode(
            "utf-8")
        if args.out is not None:
            atomic_file.write_atomically(args.out, content)
            path = args.out
        else:
            path = atomic_file.write_new(records.record_paths(
                root, made.machine, made.commit, dirty=made.dirty), content)
    except bench_json.InputError as error:
        return command_line.report_bad_input(PROG, error)
    except rounds.BenchFailed as error:
        return command_line.report_bad_input(PROG, error) if str(
            error) else command_line.BAD_INPUT
    except subprocess.CalledProcessError as error:
        print(f"{PROG}: {error.cmd[0]} failed with exit code "
              f"{error.returncode}; nothing recorded", file=sys.stderr)
        return error.returncode if error.returncode > 0 else 1
    except OSError as error:
        where = args.out or records.history_dir(root)
        return command_line.report_bad_input(
            PROG, f"cannot write the record: {error.strerror}; check that "
            f"{where} is writable")
    print(path)
    return 0
