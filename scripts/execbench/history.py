"""Charts each benchmark's wall time over the recorded commits of a machine.

Usage: scripts/history [--filter REGEX] [--machine ID] [--out DIR]
                       [--allow-different-sizes]

For every benchmark whose name matches REGEX (all by default), one chart
in PNG and SVG, DIR/<name>.png and .svg with '/' and ':' of the name as '_'
and '-': the median wall time over repetitions in each record of the
machine, in commit order (by commit date), with the min-max range of the
repetitions as a band. Where the benchmark got slower than in the previous
record, as scripts/compare decides with its default alpha and noise floor,
an upward vermillion triangle marks the commit; where it got faster, a
downward bluish-green one. Records of trees with uncommitted changes are
left out. Prints the paths written.

Several records of one commit are pooled (their repetitions together) when
they measured the same sizes (see sizes.py). Records that measured different
sizes, of one commit or of consecutive ones (passing over records of unknown
sizes), are refused with the flags that differ, unless
--allow-different-sizes is given: then each record of such a commit is
charted apart, and every chart says in red, as stderr does, which sizes
differ.

--machine defaults to this machine when it has records, else to the only
machine that has any. --out defaults to results/history-charts/<machine>/.
"""

import collections.abc
import dataclasses
import functools
import itertools
import pathlib
import re
import sys

from matplotlib import figure

from execbench import charts
from execbench import command_line
from execbench import compare
from execbench import record_store
from execbench import results
from execbench import sizes
from execbench import statistics
from execbench import style

PROG = "history"
FORMATS = ("png", "svg")
_SKY_BLUE, _BLUISH_GREEN, _BLUE, _VERMILLION = (
    style.OKABE_ITO[index] for index in (2, 3, 5, 6))


@dataclasses.dataclass(frozen=True)
class Point:
    """One benchmark in one record."""

    position: int  # Index of the record in commit order.
    median_s: float
    minimum_s: float
    maximum_s: float
    verdict: statistics.Verdict | None  # Against the previous record.


@dataclasses.dataclass(frozen=True)
class Commit:
    """The commit of one record, for the horizontal axis."""

    date: str  # YYYYMMDDTHHMMSSZ.
    short_hash: str

    def label(self) -> str:
        """The short hash over the day, e.g. "1a2b3c4" over "2026-11-27"."""
        day = f"{self.date[:4]}-{self.date[4:6]}-{self.date[6:8]}"
        return f"{self.short_hash[:7]}\n{day}"


def benchmark_histories(records: list[results.Results]) -> dict:
    """base_name -> [Point], from records in commit order, in name order
    (results.name_order)."""
    histories = {}
    previous = None
    for position, record in enumerate(records):
        verdicts = {}
        if previous is not None:
            report = compare.compare_results(previous, record)
            verdicts = {name: comparison.verdict
                        for name, comparison in report.comparisons.items()}
        for name, samples in record.samples().items():
            histories.setdefault(name, []).append(Point(
                position=position, median_s=statistics.median(samples),
                minimum_s=min(samples), maximum_s=max(samples),
                verdict=verdicts.get(name)))
        previous = record
    return {name: histories[name]
            for name in sorted(histories, key=results.name_order)}


def plot_history(name: str, points: list[Point], commits: list[Commit],
                 machine: str, warnings: tuple = ()) -> figure.Figure:
    """The chart of one benchmark's history; see the module docstring."""
    unit, scale = style.time_unit([point.minimum_s for point in points])
    positions = [point.position for point in points]
    chart = figure.Figure(figsize=(max(6.4, 0.6 * len(commits) + 2), 4.2),
                          layout="constrained")
    axes = chart.add_subplot()
    axes.fill_between(positions, [point.minimum_s / scale for point in points],
                      [point.maximum_s / scale for point in points],
                      color=_SKY_BLUE, alpha=0.35, linewidth=0,
                      label="min-max of repetitions")
    axes.plot(positions, [point.median_s / scale for point in points],
              color=_BLUE, marker="o", markersize=4, label="median")
    for verdict, marker, color in (
            (statistics.Verdict.SLOWER, "^", _VERMILLION),
            (statistics.Verdict.FASTER, "v", _BLUISH_GREEN)):
        marked = [point for point in points if point.verdict is verdict]
        if marked:
            axes.scatter([point.position for point in marked],
                         [point.median_s / scale for point in marked],
                         marker=marker, s=90, color=color, zorder=3,
                         label=f"{verdict.value} than the previous record")
    axes.set_xticks(range(len(commits)),
                    [commit.label() for commit in commits], fontsize=8)
    axes.set_xlim(-0.5, len(commits) - 0.5)
    axes.set_ylim(bottom=0)
    axes.set_xlabel("commit (oldest to newest, by commit date)")
    axes.set_ylabel(f"wall time per batch ({unit})")
    axes.set_title(f"{name} on {machine}")
    axes.legend(loc="best")
    if warnings:
        chart.suptitle("\n".join(warnings), color=_VERMILLION,
                       fontsize="small", fontweight="bold")
    return chart


def chart_file_stem(name: str) -> str:
    """A file name for a benchmark's chart: "Cpu/Threads/workers:2" gives
    "Cpu_Threads_workers-2"."""
    return re.sub(r"[^A-Za-z0-9_.-]", "_", name.replace(":", "-"))


def choose_machine(root: pathlib.Path, requested: str | None) -> str:
    """The machine whose records to chart; see the module docstring."""
    available = record_store.machines(root)
    if not available:
        raise results.InputError(
            f"no records under {record_store.history_dir(root)}; make some "
            "with scripts/record")
    if requested is not None:
        if requested not in available:
            raise results.InputError(
                f"machine {requested!r} has no records; --machine takes one "
                f"of: {', '.join(available)}")
        return requested
    if record_store.machine_id() in available:
        return record_store.machine_id()
    if len(available) == 1:
        return available[0]
    raise results.InputError(
        "this machine has no records and several machines do; choose one "
        f"with --machine: {', '.join(available)}")


def load_history(root: pathlib.Path, machine: str, *,
                 allow_different_sizes: bool = False) -> tuple:
    """(records, commits, warnings) of a machine, oldest commit first: the
    records of one commit pooled, or apart when their sizes differ and that
    is allowed; see the module docstring.

    Raises:
      results.InputError: when sizes differ and that is not allowed.
    """
    how_to_pick = (f"move the records you do not want out of "
                   f"{record_store.history_dir(root) / machine}, or pass "
                   "--allow-different-sizes to chart each apart")
    records, commits = [], []
    paths = record_store.machine_records(root, machine)
    for commit, group in itertools.groupby(paths, key=record_store.commit_of):
        group = list(group)
        try:
            pooled = [record_store.load_pooled(
                group, what=f"commit {commit[1]}", how_to_pick=how_to_pick)]
        except sizes.DifferentSizes:
            if not allow_different_sizes:
                raise
            # Charted each apart; the check of neighbors below warns.
            pooled = [record_store.load_record(path) for path in group]
        records += pooled
        commits += [Commit(*commit)] * len(pooled)
    # Records of unknown sizes are passed over, or A, unknown, B would pass.
    known = [record for record in records
             if sizes.size_flags(record.context) is not None]
    warnings = (sizes.check([previous, record],
                            what=f"{previous.path} and {record.path} ran",
                            how_to_fix=how_to_pick,
                            allowed=allow_different_sizes)
                for previous, record in zip(known, known[1:]))
    return records, commits, tuple(filter(None, warnings))


def chart_jobs(root: pathlib.Path, machine: str, regex: str | None, *,
               allow_different_sizes: bool = False) -> collections.abc.Iterator:
    """(benchmark name, function drawing its chart) for each benchmark of a
    machine's records."""
    records, commits, warnings = load_history(
        root, machine, allow_different_sizes=allow_different_sizes)
    for warning in warnings:
        print(f"{PROG}: {warning}", file=sys.stderr)
    if regex is not None:
        records = [record.filtered(regex) for record in records]
    histories = benchmark_histories(records)
    if not histories:
        selection = "" if regex is None else f" matching --filter {regex!r}"
        raise results.InputError(
            f"no benchmark{selection} ran without error in the records of "
            f"machine {machine}; widen --filter or record again")
    for name, points in histories.items():
        yield name, functools.partial(plot_history, name, points, commits,
                                      machine, warnings)


def write_charts(root: pathlib.Path, machine: str, regex: str | None,
                 out: pathlib.Path, *,
                 allow_different_sizes: bool = False) -> list[str]:
    """Writes the charts of a machine's records (charts.write_charts);
    returns their paths.

    Raises:
      results.InputError: when there is nothing to chart or a file cannot be
        written.
    """
    return charts.write_charts(
        [(chart_file_stem(name), draw) for name, draw in chart_jobs(
            root, machine, regex, allow_different_sizes=allow_different_sizes)],
        str(out), FORMATS)


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
    parser.add_argument("--allow-different-sizes", action="store_true",
                        help="chart records that ran different sizes "
                             "(execbench_flag_*) too, with a warning")
    args = parser.parse_args(argv)
    root = record_store.PROJECT_ROOT
    try:
        machine = choose_machine(root, args.machine)
        out = args.out or root / "results" / "history-charts" / machine
        written = write_charts(
            root, machine, args.filter, out,
            allow_different_sizes=args.allow_different_sizes)
    except results.InputError as error:
        return command_line.report_bad_input(PROG, error)
    print("\n".join(written))
    return 0
