"""Compares two benchmark records and says, with statistics, what got slower.

Usage: scripts/compare BASE NEW [--metric NAME] [--alpha 0.05] [--noise 0.05]
                       [--format text|md|json] [--filter REGEX]
                       [--allow-different-sizes]

BASE and NEW are each a Google Benchmark JSON file, a run folder of
scripts/run (its bench.json), or a commit (anything `git rev-parse`
resolves) with records under results/history/*/ (see record_store.py).
Several records of the commit on one machine are pooled when they measured
the same sizes; otherwise pick one by its path or as COMMIT@LABEL or
COMMIT@RECORDED (its label, or the time stamp in its file name).

For every benchmark in both, the medians over repetitions, their relative
change, the two-sided Mann-Whitney U p-value and a verdict are shown (see
statistics.py for how the verdict is reached). Benchmarks on one side only,
benchmarks that errored, and compared benchmarks whose repetitions show a
noisy machine on either side (heavy steal, involuntary switches far above
the others'; see machine_health.py), with why, are listed after the table.
The summary counts the verdicts and gives the geometric mean of the NEW /
BASE ratios of the medians, as Google Benchmark's compare.py does
(OVERALL_GEOMEAN). Every output starts with a warning for each sign that a
side's whole run was taken on a noisy machine (a parallel ceiling low at the
start or the end, or dropping during the run).

BASE and NEW must have measured the same sizes (the execbench_flag_* of
their contexts, see sizes.py): otherwise compare names the flags that differ
and exits 2, unless --allow-different-sizes is given, in which case every
output starts with a warning naming them. Records without those flags (made
before bench reported them) are compared with a warning that their sizes
are unknown.

Exit code: 0 when nothing got slower, 1 when something did, 2 on bad input.
"""

import argparse
import dataclasses
import json
import math
import pathlib
import sys

from execbench import command_line
from execbench import machine_health
from execbench import record_store
from execbench import results
from execbench import sizes
from execbench import statistics
from execbench import style

WALL_TIME = "real_time_s"
PROG = "compare"
RUN_FOLDER_FILE = "bench.json"


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

    def geometric_mean_ratio(self) -> float | None:
        """The geometric mean over benchmarks of NEW median / BASE median,
        of those where both are positive; None when there is none."""
        logs = [math.log(comparison.new_median / comparison.base_median)
                for comparison in self.comparisons.values()
                if comparison.base_median > 0 and comparison.new_median > 0]
        return math.exp(sum(logs) / len(logs)) if logs else None


@dataclasses.dataclass(frozen=True)
class Caveats:
    """What a comparison is to be read with."""

    warnings: tuple  # Lines that every output starts with.
    # (base_name, "BASE" or "NEW", [note]) of compared benchmarks whose
    # repetitions show a noisy machine (machine_health.noisy_benchmarks).
    noisy: list


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


def resolve_records(root: pathlib.Path, side: str,
                    text: str) -> list[pathlib.Path]:
    """The records a BASE or NEW argument names: a file, a run folder's
    bench.json, or the records of a commit (REV or REV@SELECTOR) on one
    machine.

    Raises:
      results.InputError: when it names none of these, or a commit without
        records, or with records from several machines.
    """
    path = pathlib.Path(text)
    if path.is_file():
        return [path]
    if path.is_dir():
        if not (path / RUN_FOLDER_FILE).is_file():
            raise results.InputError(
                f"{side} {text!r} is a folder without {RUN_FOLDER_FILE}; pass "
                "a run folder of scripts/run, a record JSON file or a commit")
        return [path / RUN_FOLDER_FILE]
    revision, selector = text, None
    commit = record_store.resolve_commit(root, text)
    if commit is None and "@" in text:
        revision, selector = text.rsplit("@", 1)
        commit = record_store.resolve_commit(root, revision)
    if commit is None:
        raise results.InputError(
            f"{side} {text!r} is neither a file, a run folder nor a commit of "
            f"{root}; pass a record JSON file, a results/<run>/ folder or a "
            "commit recorded with scripts/record")
    records = record_store.commit_records(root, commit)
    if not records:
        raise results.InputError(
            f"{side} {text!r} is commit {commit[:12]}, which has no record "
            f"under {record_store.history_dir(root)}; check it out and run "
            "scripts/record, or pass a record JSON file")
    machines = sorted({record.parent.name for record in records})
    if len(machines) > 1:
        raise results.InputError(
            f"{side} {text!r} is commit {commit[:12]}, which has records from "
            f"several machines ({', '.join(machines)}); pass the two files to "
            f"compare instead, e.g. {records[0]}")
    if selector is None:
        return records
    selected = record_store.select_records(records, selector)
    if not selected:
        choices = ", ".join(record_store.recorded_at(record) or str(record)
                            for record in records)
        raise results.InputError(
            f"{side} {text!r}: no record of commit {commit[:12]} has the "
            f"label or time stamp {selector!r}; its records: {choices}")
    return selected


def load_side(root: pathlib.Path, side: str, text: str,
              regex: str | None) -> results.Results:
    """Loads (pooling) the records a BASE or NEW argument names, filtered by
    regex."""
    records = resolve_records(root, side, text)
    revision = text.rsplit("@", 1)[0] if "@" in text else text
    example = record_store.recorded_at(records[0]) or "LABEL"
    record = record_store.load_pooled(
        records, what=f"{side} {text!r}",
        how_to_pick=(f"pick one by its path, or as {revision}@LABEL or "
                     f"{revision}@RECORDED, e.g. {revision}@{example}"))
    return record.filtered(regex) if regex is not None else record


def collect_caveats(base: results.Results, new: results.Results,
                    report: Report, *,
                    allow_different_sizes: bool) -> Caveats:
    """The warnings of different or unknown sizes (size_warnings) and of a
    noisy machine during a whole run (machine_health.run_notes), and the
    compared benchmarks of the report whose repetitions show a noisy
    machine.

    Raises:
      results.InputError: when the sizes differ and that is not allowed.
    """
    sides = (("BASE", base), ("NEW", new))
    warnings = size_warnings(base, new, allow_different=allow_different_sizes)
    warnings += [f"{side} was taken on a noisy machine: {note}"
                 for side, record in sides
                 for note in machine_health.run_notes(record.context)]
    noisy = [(name, side, notes) for side, record in sides
             for name, notes in machine_health.noisy_benchmarks(record).items()
             if name in report.comparisons]
    return Caveats(warnings=tuple(warnings), noisy=noisy)


def size_warnings(base: results.Results, new: results.Results, *,
                  allow_different: bool) -> list:
    """The warnings about the sizes BASE and NEW measured.

    Raises:
      results.InputError: when the sizes differ and that is not allowed.
    """
    different = sizes.check(
        [base, new], what="BASE and NEW ran",
        how_to_fix=("compare records made with the same flags, or pass "
                    "--allow-different-sizes"),
        allowed=allow_different)
    warnings = [different] if different else []
    unknown = [side for side, record in (("BASE", base), ("NEW", new))
               if sizes.size_flags(record.context) is None]
    if unknown:
        warnings.append(
            f"Warning: the sizes of {' and '.join(unknown)} are unknown "
            f"(no {sizes.FLAG_PREFIX}* in the context: recorded before bench "
            "reported its flags); check that both ran the same flags")
    return warnings


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
    ratio = report.geometric_mean_ratio()
    if ratio is not None:
        summary += (f"; geometric mean of NEW / BASE medians {ratio:.3f} "
                    f"({ratio - 1:+.1%})")
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


def _lists(report: Report, caveats: Caveats) -> list:
    """(title, [(name, note)]) for the non-empty lists after the table."""
    lists = [("Only in BASE", [(name, "") for name in report.only_in_base]),
             ("Only in NEW", [(name, "") for name in report.only_in_new]),
             ("Errored", [(name, f" in {side}: {message}")
                          for name, side, message in report.errors]),
             ("Taken on a noisy machine", [
                 (name, f" in {side}: {'; '.join(notes)}")
                 for name, side, notes in caveats.noisy])]
    return [(title, items) for title, items in lists if items]


def _settings(report: Report) -> str:
    return (f"Metric: {_describe_metric(report.metric)}; medians over "
            f"repetitions; two-sided Mann-Whitney U test, alpha "
            f"{report.alpha:g}; noise floor {report.noise:.1%}.")


def format_text(report: Report, caveats: Caveats,
                base: results.Results, new: results.Results) -> str:
    """The report as an aligned table for a terminal."""
    headers, rows = _table(report)
    widths = [max(len(cell) for cell in column)
              for column in zip(headers, *rows)]
    left_aligned = {0, len(headers) - 1}

    def line(cells):
        return "  ".join(
            cell.ljust(width) if index in left_aligned else cell.rjust(width)
            for index, (cell, width) in enumerate(zip(cells, widths))).rstrip()

    lines = [*caveats.warnings,
             f"BASE: {_describe_record(base)}",
             f"NEW:  {_describe_record(new)}",
             _settings(report), ""]
    lines += [line(headers), line(["-" * width for width in widths])]
    lines += [line(row) for row in rows]
    for title, items in _lists(report, caveats):
        lines += ["", f"{title} ({len(items)}):"]
        lines += [f"  {name}{note}" for name, note in items]
    lines += ["", f"Summary: {_summary(report)}."]
    return "\n".join(lines) + "\n"


def format_markdown(report: Report, caveats: Caveats,
                    base: results.Results, new: results.Results) -> str:
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

    lines = [*(f"> **{warning}**\n" for warning in caveats.warnings),
             "### Benchmark comparison", "",
             f"- Base: `{_describe_record(base)}`",
             f"- New: `{_describe_record(new)}`", "",
             _settings(report), "",
             f"**Summary:** {_summary(report)}.", ""]
    lines += [line(headers), "|:--|--:|--:|--:|--:|:--|"]
    lines += [line(emphasized(row)) for row in rows]
    for title, items in _lists(report, caveats):
        lines += ["", f"**{title} ({len(items)}):**", ""]
        lines += [f"- `{name}`{note}" for name, note in items]
    return "\n".join(lines) + "\n"


def format_json(report: Report, caveats: Caveats,
                base: results.Results, new: results.Results) -> str:
    """The report as JSON, for programs: every row and the summary."""

    def number(value: float | None) -> float | None:
        return value if value is not None and math.isfinite(value) else None

    document = {
        "warnings": list(caveats.warnings),
        "base": {"path": base.path, "context": base.context},
        "new": {"path": new.path, "context": new.context},
        "metric": report.metric, "alpha": report.alpha,
        "noise": report.noise,
        "benchmarks": [
            {"name": name, "base_median": number(comparison.base_median),
             "new_median": number(comparison.new_median),
             "change": number(comparison.change),
             "p_value": comparison.p_value,
             "verdict": comparison.verdict.value,
             "base_repetitions": comparison.base_count,
             "new_repetitions": comparison.new_count}
            for name, comparison in report.comparisons.items()],
        "only_in_base": report.only_in_base,
        "only_in_new": report.only_in_new,
        "errors": [{"name": name, "side": side, "message": message}
                   for name, side, message in report.errors],
        "noisy": [{"name": name, "side": side, "notes": notes}
                  for name, side, notes in caveats.noisy],
        "summary": {
            "verdicts": {verdict.value: len(report.with_verdict(verdict))
                         for verdict in statistics.Verdict},
            "geometric_mean_ratio": number(report.geometric_mean_ratio()),
            "text": _summary(report)},
    }
    return json.dumps(document, indent=2) + "\n"


FORMATTERS = {"text": format_text, "md": format_markdown, "json": format_json}


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
    for side in ("base", "new"):
        parser.add_argument(
            side, metavar=side.upper(),
            help="record JSON file, results/<run>/ folder, or commit with "
                 "records (COMMIT@LABEL or COMMIT@RECORDED picks one)")
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
    parser.add_argument("--format", choices=tuple(FORMATTERS), default="text",
                        help="text for a terminal (default), md for "
                             "Markdown, json for programs")
    parser.add_argument("--filter", metavar="REGEX",
                        help="only benchmarks whose name matches (re.search)")
    parser.add_argument("--allow-different-sizes", action="store_true",
                        help="compare even when BASE and NEW ran different "
                             "sizes (execbench_flag_*), with a warning")
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
        caveats = collect_caveats(
            base, new, report,
            allow_different_sizes=args.allow_different_sizes)
        if not report.comparisons and not report.errors:
            scope = f" matching --filter {args.filter!r}" if args.filter else ""
            raise results.InputError(
                f"BASE and NEW have no benchmark{scope} in common; compare "
                "records of the same suite, or widen --filter")
    except results.InputError as error:
        return command_line.report_bad_input(PROG, error)
    sys.stdout.write(FORMATTERS[args.format](report, caveats, base, new))
    return 1 if report.with_verdict(statistics.Verdict.SLOWER) else 0
