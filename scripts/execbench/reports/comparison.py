"""A comparison of two records (analysis/comparison.py) as scripts/compare
writes it (docs/regressions.md): an aligned table for a terminal, Markdown
(e.g. for a pull-request comment), or JSON for programs.

Each starts with the caveats' warnings, names BASE and NEW and the test's
settings, then gives a row per compared benchmark (medians, change,
p-value, verdict), the lists of benchmarks only on one side, errored, or
taken on a noisy machine, and a summary: the count of each verdict and the
geometric mean of the NEW / BASE ratios of the medians, as Google
Benchmark's compare.py gives it (OVERALL_GEOMEAN).
"""

import json
import math

from execbench import formatting
from execbench.analysis import comparison
from execbench.analysis import statistics
from execbench.inputs import bench_json
from execbench.tables import markup


def format_value(value: float, metric: str) -> str:
    """A metric value for display: times with a unit, counters plainly."""
    if metric != comparison.WALL_TIME:
        return formatting.format_number(value)
    return formatting.format_seconds(value)


def _describe_metric(metric: str) -> str:
    if metric == comparison.WALL_TIME:
        return "wall time"
    direction = "higher" if statistics.higher_is_better(metric) else "lower"
    return f"counter {metric} ({direction} is better)"


def _describe_record(record: bench_json.Results) -> str:
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


def _summary(report: comparison.Report) -> str:
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


def _table(report: comparison.Report) -> tuple[list, list]:
    """Headers and rows (lists of cells) of the comparison table."""
    headers = ["Benchmark", "Base", "New", "Change", "p", "Verdict"]
    rows = [[name,
             format_value(compared.base_median, report.metric),
             format_value(compared.new_median, report.metric),
             f"{compared.change:+.1%}",
             "-" if compared.p_value is None else f"{compared.p_value:.3g}",
             compared.describe_verdict()]
            for name, compared in report.comparisons.items()]
    return headers, rows


def _lists(report: comparison.Report, caveats: comparison.Caveats) -> list:
    """(title, [(name, note)]) for the non-empty lists after the table."""
    lists = [("Only in BASE", [(name, "") for name in report.only_in_base]),
             ("Only in NEW", [(name, "") for name in report.only_in_new]),
             ("Errored", [(name, f" in {side}: {message}")
                          for name, side, message in report.errors]),
             ("Taken on a noisy machine", [
                 (name, f" in {side}: {'; '.join(notes)}")
                 for name, side, notes in caveats.noisy])]
    return [(title, items) for title, items in lists if items]


def _settings(report: comparison.Report) -> str:
    return (f"Metric: {_describe_metric(report.metric)}; medians over "
            f"repetitions; two-sided Mann-Whitney U test, alpha "
            f"{report.alpha:g}; noise floor {report.noise:.1%}.")


def format_text(report: comparison.Report, caveats: comparison.Caveats,
                base: bench_json.Results, new: bench_json.Results) -> str:
    """The report as an aligned table for a terminal."""
    headers, rows = _table(report)
    lines = [*caveats.warnings,
             f"BASE: {_describe_record(base)}",
             f"NEW:  {_describe_record(new)}",
             _settings(report), ""]
    lines += markup.aligned_lines(headers, rows, {0, len(headers) - 1})
    for title, items in _lists(report, caveats):
        lines += ["", f"{title} ({len(items)}):"]
        lines += [f"  {name}{note}" for name, note in items]
    lines += ["", f"Summary: {_summary(report)}."]
    return "\n".join(lines) + "\n"


def format_markdown(report: comparison.Report, caveats: comparison.Caveats,
                    base: bench_json.Results, new: bench_json.Results) -> str:
    """The report as Markdown, e.g. for a pull-request comment."""
    headers, rows = _table(report)
    slower = set(report.with_verdict(statistics.Verdict.SLOWER))

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
    lines += [markup.markdown_line(headers), "|:--|--:|--:|--:|--:|:--|"]
    lines += [markup.markdown_line(emphasized(row)) for row in rows]
    for title, items in _lists(report, caveats):
        lines += ["", f"**{title} ({len(items)}):**", ""]
        lines += [f"- `{name}`{note}" for name, note in items]
    return "\n".join(lines) + "\n"


def format_json(report: comparison.Report, caveats: comparison.Caveats,
                base: bench_json.Results, new: bench_json.Results) -> str:
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
            {"name": name, "base_median": number(compared.base_median),
             "new_median": number(compared.new_median),
             "change": number(compared.change),
             "p_value": compared.p_value,
             "verdict": compared.verdict.value,
             "base_repetitions": compared.base_count,
             "new_repetitions": compared.new_count}
            for name, compared in report.comparisons.items()],
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
