"""scripts/tables: tabulates a run's results in Markdown or LaTeX (booktabs)
(docs/reporting.md).

Usage: scripts/tables RESULTS.json --format md|tex [--out FILE]

Writes every table of tables/__init__.py, a blank line apart: the grid, one
row per workload x executor x workers, with medians, speedups and their 95%
intervals (tables/grid.py); the benchmarks outside the grid; the METG(50%)
of the Granularity sweep; and "Taken on a noisy machine", when anything says
the machine was not the run's alone. Writes to stdout, or to FILE.
"""

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
    parser.add_argument("--out", help="file to write instead of stdout")
    args = parser.parse_args(argv)
    try:
        results = bench_json.load_results(args.results)
    except bench_json.InputError as error:
        return command_line.report_bad_input(PROG, error)
    text = tables.render(results, args.format)
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
