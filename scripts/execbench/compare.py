"""Compares two benchmark records and says, with statistics, what got slower.

Usage: scripts/compare BASE NEW [--metric NAME] [--alpha 0.05] [--noise 0.05]
                       [--format text|md] [--filter REGEX]

BASE and NEW are each a Google Benchmark JSON file or a commit (anything
`git rev-parse` resolves) with a record under results/history/*/ (see
record_store.py). For every benchmark in both, the medians over repetitions,
their relative change, the two-sided Mann-Whitney U p-value and a verdict
are shown (see statistics.py for how the verdict is reached). Benchmarks on
one side only and benchmarks that errored are listed after the table.

Exit code: 0 when nothing got slower, 1 when something did, 2 on bad input.
"""

import argparse
import dataclasses
import math
import pathlib
import sys

from execbench import command_line
from execbench import record_store
from execbench import results
from execbench import statistics
from execbench import style

WALL_TIME = "real_time_s"
PROG = "compare"


@dataclasses.dataclass(frozen=True)
class Report:
    """The comparison of every benchmark of two records."""

    metric: str
    alpha: float
    noise: float
    comparisons: dict  # base_name -> statistics.Comparison, in name order.
    only_in_base: list  # base_names, in name order.
    only_in_new: list
    errors: list  # (base_name, "BASE" or "NEW", message), sorted.

    def with_verdict(self, verdict: statistics.Verdict) -> list:
        """The names of the benchmarks that got this verdict."""
        return [name for name, comparison in self.comparisons.items()
                if comparison.verdict is verdict]


def compare_results(base: results.Results, new: results.Results, *,
                    metric: str = WALL_TIME, alpha: float = 0.05,
                    noise: float = 0.05) -> Report:
    """Compares every benchmark that both records measured without error."""
    errored = {(name, side, message)
               for side, record in (("BASE", base), ("NEW", new))
               for name, message in record.errors().items()}
    errored_names = {name for name, _, _ in errored}
    base_samples = _without(base.samples(metric), errored_names)
    new_samples = _without(new.samples(metric), errored_names)
    higher_better = statistics.higher_is_better(metric)
    comparisons = {
        name: statistics.compare_samples(
            base_samples[name], new_samples[name], alpha=alpha, noise=noise,
            higher_better=higher_better)
        for name in sorted(base_samples.keys() & new_samples.keys(),
                           key=results.name_order)}
    return Report(metric=metric, alpha=alpha, noise=noise,
                  comparisons=comparisons,
                  only_in_base=sorted(base_samples.keys() - new_samples.keys(),
                                      key=results.name_order),
                  only_in_new=sorted(new_samples.keys() - base_samples.keys(),
                                     key=results.name_order),
                  errors=sorted(errored))


def _without(samples: dict, names: set) -> dict:
    return {name: values for name, values in samples.items()
            if name not in names}


def resolve_record(root: pathlib.Path, side: str, text: str) -> pathlib.Path:
    """The record a BASE or NEW argument names: a file, or a commit's record.

    Raises:
      results.InputError: when it names neither, or a commit without exactly
        one record.
    """
    path = pathlib.Path(text)
    if path.is_file():
        return path
    commit = record_store.resolve_commit(root, text)
    if commit is None:
        raise results.InputError(
            f"{side} {text!r} is neither a file nor a commit of {root}; "
            "pass a record JSON file or a commit recorded with scripts/record")
    records = record_store.commit_records(root, commit)
    if not records:
        raise results.InputError(
            f"{side} {text!r} is commit {commit[:12]}, which has no record "
            f"under {record_store.history_dir(root)}; check it out and run "
            "scripts/record, or pass a record JSON file")
    if len(records) > 1:
        machine_list = ", ".join(record.parent.name for record in records)
        raise results.InputError(
            f"{side} {text!r} is commit {commit[:12]}, which has records from "
            f"several machines ({machine_list}); pass the two files to "
            f"compare instead, e.g. {records[0]}")
    return records[0]


def load_side(root: pathlib.Path, side: str, text: str,
              regex: str | None) -> results.Results:
    """Loads the record a BASE or NEW argument names, filtered by regex."""
    record = results.load_results(str(resolve_record(root, side, text)))
    return record.filtered(regex) if regex is not None else record


def check_metric(record: results.Results, side: str, metric: str) -> None:
    """Raises InputError unless the record has the metric for some benchmark."""
    if metric == WALL_TIME or record.samples(metric) or not record.ok_runs():
        return
    counters = sorted({counter for run in record.ok_runs()
                       for counter in run.counters})
    raise results.InputError(
        f"{side} {record.path} has no counter {metric!r}; use --metric with "
        f"one of: {', '.join([WALL_TIME, *counters])}")


def format_value(value: float, metric: str) -> str:
    """A metric value for display: times with a unit, counters plainly."""
    if metric != WALL_TIME:
        return style.format_number(value)
    return style.format_seconds(value)


def _describe_metric(metric: str) -> str:
    if metric == WALL_TIME:
        return "wall time"
    direction = "higher" if statistics.higher_is_better(metric) else "lower"
    return f"counter {metric} ({direction} is better)"


def _describe_record(record: results.Results) -> str:
    commit = record.context.get("execbench_commit")
    description = record.path
    if isinstance(commit, str) and commit:
        description += f" (commit {commit[:12]}"
        if record.context.get("execbench_commit_dirty") in (True, "true"):
            description += ", dirty tree"
        description += ")"
    label = record.context.get("execbench_label")
    if label:
        description += f" label {label!r}"
    return description


def _summary(report: Report) -> str:
    counts = [f"{len(names)} {verdict.value}"
              for verdict in statistics.Verdict
              if (names := report.with_verdict(verdict))]
    summary = ", ".join(counts) or "no benchmark compared"
    if report.with_verdict(statistics.Verdict.TOO_FEW_REPETITIONS):
        needed = statistics.repetitions_needed(report.alpha)
        summary += (f". With alpha {report.alpha:g} the test needs at least "
                    f"{needed} repetitions per side; record with "
                    f"--benchmark_repetitions={needed} or more")
    return summary


def _table(report: Report) -> tuple[list, list]:
    """Headers and rows (lists of cells) of the comparison table."""
    headers = ["Benchmark", "Base", "New", "Change", "p", "Verdict"]
    rows = [[name,
             format_value(comparison.base_median, report.metric),
             format_value(comparison.new_median, report.metric),
             f"{comparison.change:+.1%}",
             "-" if comparison.p_value is None else f"{comparison.p_value:.3g}",
             comparison.describe_verdict()]
            for name, comparison in report.comparisons.items()]
    return headers, rows


def _lists(report: Report) -> list:
    """(title, [(name, note)]) for the non-empty lists after the table."""
    lists = [("Only in BASE", [(name, "") for name in report.only_in_base]),
             ("Only in NEW", [(name, "") for name in report.only_in_new]),
             ("Errored", [(name, f" in {side}: {message}")
                          for name, side, message in report.errors])]
    return [(title, items) for title, items in lists if items]


def _settings(report: Report) -> str:
    return (f"Metric: {_describe_metric(report.metric)}; medians over "
            f"repetitions; two-sided Mann-Whitney U test, alpha "
            f"{report.alpha:g}; noise floor {report.noise:.1%}.")


def format_text(report: Report, base: results.Results,
                new: results.Results) -> str:
    """The report as an aligned table for a terminal."""
    headers, rows = _table(report)
    widths = [max(len(cell) for cell in column)
              for column in zip(headers, *rows)]
    left_aligned = {0, len(headers) - 1}

    def line(cells):
        return "  ".join(
            cell.ljust(width) if index in left_aligned else cell.rjust(width)
            for index, (cell, width) in enumerate(zip(cells, widths))).rstrip()

    lines = [f"BASE: {_describe_record(base)}",
             f"NEW:  {_describe_record(new)}",
             _settings(report), ""]
    lines += [line(headers), line(["-" * width for width in widths])]
    lines += [line(row) for row in rows]
    for title, items in _lists(report):
        lines += ["", f"{title} ({len(items)}):"]
        lines += [f"  {name}{note}" for name, note in items]
    lines += ["", f"Summary: {_summary(report)}."]
    return "\n".join(lines) + "\n"


def format_markdown(report: Report, base: results.Results,
                    new: results.Results) -> str:
    """The report as Markdown, e.g. for a pull-request comment."""
    headers, rows = _table(report)
    slower = set(report.with_verdict(statistics.Verdict.SLOWER))

    def line(cells):
        return "| " + " | ".join(cell.replace("|", r"\|")
                                 for cell in cells) + " |"

    def emphasized(row):
        name, *values, verdict = row
        if name in slower:
            verdict = f"**{verdict}**"
        return [f"`{name}`", *values, verdict]

    lines = ["### Benchmark comparison", "",
             f"- Base: `{_describe_record(base)}`",
             f"- New: `{_describe_record(new)}`", "",
             _settings(report), "",
             f"**Summary:** {_summary(report)}.", ""]
    lines += [line(headers), "|:--|--:|--:|--:|--:|:--|"]
    lines += [line(emphasized(row)) for row in rows]
    for title, items in _lists(report):
        lines += ["", f"**{title} ({len(items)}):**", ""]
        lines += [f"- `{name}`{note}" for name, note in items]
    return "\n".join(lines) + "\n"


def _fraction(*, zero_allowed: bool):
    """An argparse type for a number in [0, 1), or (0, 1) without zero."""
    lowest = "from 0" if zero_allowed else "above 0"

    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            value = math.nan
        if not 0 <= value < 1 or (value == 0 and not zero_allowed):
            raise argparse.ArgumentTypeError(
                f"{text!r} is not a number {lowest} and below 1 (e.g. 0.05)")
        return value

    return parse


def _parser() -> command_line.ArgumentParser:
    parser = command_line.ArgumentParser(
        prog=PROG,
        description="Compare two benchmark records and say what got slower "
                    "(exit code 1), with a Mann-Whitney U test.")
    parser.add_argument("base", metavar="BASE",
                        help="record JSON file, or commit with a record")
    parser.add_argument("new", metavar="NEW",
                        help="record JSON file, or commit with a record")
    parser.add_argument("--metric", default=WALL_TIME,
                        help="what to compare: real_time_s (wall time, the "
                             "default) or a counter such as tasks_per_s; "
                             "counters ending in _per_s are higher-is-better")
    parser.add_argument("--alpha", type=_fraction(zero_allowed=False),
                        default=0.05,
                        help="significance level of the test (default 0.05)")
    parser.add_argument("--noise", type=_fraction(zero_allowed=True),
                        default=0.05,
                        help="relative changes up to this are noise "
                             "(default 0.05, i.e. 5%%)")
    parser.add_argument("--format", choices=("text", "md"), default="text",
                        help="text for a terminal (default), md for Markdown")
    parser.add_argument("--filter", metavar="REGEX",
                        help="only benchmarks whose name matches (re.search)")
    return parser


def main(argv: list[str] | None = None) -> int:
    """The command line; see the module docstring. Returns the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    root = record_store.PROJECT_ROOT
    try:
        base = load_side(root, "BASE", args.base, args.filter)
        new = load_side(root, "NEW", args.new, args.filter)
        check_metric(base, "BASE", args.metric)
        check_metric(new, "NEW", args.metric)
        report = compare_results(base, new, metric=args.metric,
                                 alpha=args.alpha, noise=args.noise)
        if not report.comparisons and not report.errors:
            scope = f" matching --filter {args.filter!r}" if args.filter else ""
            raise results.InputError(
                f"BASE and NEW have no benchmark{scope} in common; compare "
                "records of the same suite, or widen --filter")
    except results.InputError as error:
        return command_line.report_bad_input(PROG, error)
    formatter = format_markdown if args.format == "md" else format_text
    sys.stdout.write(formatter(report, base, new))
    return 1 if report.with_verdict(statistics.Verdict.SLOWER) else 0
