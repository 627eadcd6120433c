"""scripts/tables: tabulates a run's results in Markdown or LaTeX (booktabs)
(docs/reporting.md).

Usage: scripts/tables RESULTS.json --format md|tex [--tables LIST]
                      [--out FILE]

Writes every table of tables/__init__.py, a blank line apart, or those
--tables names (comma-separated): answers, how to run each workload here
(tables/answers.py); grid, one row per workload x executor x workers, with
medians, speedups and their 95% intervals (tables/grid.py); others, the
benchmarks outside the grid; metg, the METG(50%) of the Granularity sweep;
noisy_machine, "Taken on a noisy machine", when anything says the machine
was not the run's alone. Writes to stdout, or to FILE.
"""

import argparse
import pathlib
import sys

from execbench import atomic_file
from execbench import command_line
from execbench import tables
from execbench.inputs import bench_json

PROG = "tables"


def main(argv=None) -> int:
    """The command line; see the module docstring. Returns the exit code."""
    parser = command_line.ArgumentParser(
        prog=PROG, description="Tabulates execbench results.")
    parser.add_argument("results", help="Google Benchmark JSON of bench")
    parser.add_argument("--format", required=True, choices=tables.FORMATS,
                        help="Markdown or LaTeX (booktabs)")
    parser.add_argument("--tables", type=parse_tables, default=tables.TABLES,
                        help="comma-separated tables among "
                        f"{','.join(tables.names())} (default: all)")
    parser.add_argument("--out", help="file to write instead of stdout")
    args = parser.parse_args(argv)
    try:
        results = bench_json.load_results(args.results)
    except bench_json.InputError as error:
        return command_line.report_bad_input(PROG, error)
    text = tables.render(results, args.format, args.tables)
    if not args.out:
        sys.stdout.write(text)
        return 0
    try:
        atomic_file.write_atomically(pathlib.Path(args.out),
                                     text.encode("utf-8"))
    except OSError as error:
        return command_line.report_bad_input(
            PROG, f"cannot write {args.out}: {error.strerror}; choose a "
            "writable --out file")
    return 0


def parse_tables(text: str) -> tuple:
    """The --tables value: table modules of tables.TABLES by name, in the
    order of TABLES."""
    wanted = {part.strip() for part in text.split(",")}
    unknown = sorted(wanted - set(tables.names()))
    if unknown or not text.strip():
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a comma-separated list of "
            f"{', '.join(tables.names())}")
    return tuple(table for table in tables.TABLES
                 if tables.name(table) in wanted)
