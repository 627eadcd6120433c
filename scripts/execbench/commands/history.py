"""scripts/history: charts each benchmark's wall time over the recorded commits
of a machine (charts/history.py; docs/regressions.md).

Usage: scripts/history [--filter REGEX] [--machine ID] [--out DIR]
                       [--allow-different-environment]

For every benchmark whose name matches REGEX (all by default), one chart
in PNG and SVG, DIR/<name>.png and .svg with '/' and ':' of the name as '_'
and '-': the median wall time over the rounds of each record of the
machine, in commit order (by commit date), with their min-max range as a
band. Where the benchmark got slower than in the previous record, as
scripts/compare decides (ab's rule over the rows that --filter keeps), an
upward vermillion triangle marks the commit; where it got faster, a
downward bluish-green one. Of several records of a commit, the newest is
charted. Records of trees with uncommitted changes are left out, and so are
files not named as scripts/record names records and files that are no
readable record of this format (an older one, a damaged file), each with
one warning line. Prints the paths written.

Consecutive records measured in different environments (CPU model, core
count, kernel, compiler, library versions, build type; see
inputs/environment.py) are refused with the fields that differ, unless
--allow-different-environment is given: then the charts and stderr say so,
as they do for records that measured different sizes.

--machine defaults to this machine when it has records, else to the only
machine that has any. --out defaults to results/history-charts/<machine>/.
"""

import collections.abc
import pathlib
import sys

from execbench import command_line
from execbench.analysis import history
from execbench.analysis import record_comparison
from execbench.charts import figure
from execbench.charts import history as history_charts
from execbench.charts import writing
from execbench.inputs import bench_json
from execbench.inputs import environment
from execbench.inputs import record_selection
from execbench.inputs import records

PROG = "history"
FORMATS = ("png", "svg")


def main(argv: list[str] | None = None) -> int:
    """The command line; see the module docstring. Returns the exit code."""
    parser = command_line.ArgumentParser(
        prog=PROG,
        description="Chart each benchmark's wall time over the recorded "
                    "commits of one machine, with regressions marked.")
    parser.add_argument("--filter", metavar="REGEX",
                        help="only benchmarks whose name matches (re.search)")
    parser.add_argument("--machine", metavar="ID",
                        help="machine id, a folder of results/history/")
    parser.add_argument("--out", metavar="DIR", type=pathlib.Path,
                        help="folder for the charts (default "
                             "results/history-charts/<machine>/)")
    parser.add_argument(environment.ALLOW_FLAG, action="store_true",
                        help="chart records measured in different "
                             "environments (CPU, kernel, compiler, "
                             "libraries) too, with a warning")
    args = parser.parse_args(argv)
    root = records.PROJECT_ROOT
    try:
        machine = record_selection.choose_machine(root, args.machine)
        out = args.out or root / "results" / "history-charts" / machine
        written = write_charts(
            root, machine, args.filter, out,
            allow_different_environment=args.allow_different_environment)
    except bench_json.InputError as error:
        return command_line.report_bad_input(PROG, error)
    print("\n".join(written))
    return 0


def write_charts(root: pathlib.Path, machine: str, regex: str | None,
                 out: pathlib.Path, *,
                 allow_different_environment: bool = False) -> list[str]:
    """Writes the charts of a machine's records; returns their paths.

    Raises:
      bench_json.InputError: when there is nothing to chart or a file cannot
        be written.
    """
    return writing.write_charts(
        [figure.Job(history_charts.chart_file_stem(name), draw)
         for name, draw in chart_jobs(
             root, machine, regex,
             allow_different_environment=allow_different_environment)],
        str(out), FORMATS)


def chart_jobs(root: pathlib.Path, machine: str, regex: str | None, *,
               allow_different_environment: bool = False
               ) -> collections.abc.Iterator:
    """(benchmark name, function drawing its chart) for each benchmark of a
    machine's records; the warnings about their files, environments and
    sizes go to stderr.

    Raises:
      bench_json.InputError: when the environments differ and that is not
        allowed, or when no benchmark is left to chart.
    """
    loaded, commits, skipped = record_selection.load_history(root, machine)
    for path in records.misnamed_files(root, machine):
        print(f"{PROG}: warning: skipping {path}: not named "
              "<commit-date>-<commit>-<recorded>.json as scripts/record "
              "names records", file=sys.stderr)
    for line in skipped:
        print(f"{PROG}: warning: {line}", file=sys.stderr)
    histories, warnings = history.benchmark_histories(
        loaded, regex,
        allow_different_environment=allow_different_environment)
    for warning in warnings:
        print(f"{PROG}: {warning}", file=sys.stderr)
    if not histories:
        selection = "" if regex is None else f" matching --filter {regex!r}"
        raise bench_json.InputError(
            f"no benchmark{selection} ran without error in the readable "
            f"records of machine {machine}; widen --filter or record again")
    yield from history_charts.jobs(
        histories, commits, machine,
        tuple(warning for warning in warnings
              if warning != record_comparison.NOT_INTERLEAVED))
