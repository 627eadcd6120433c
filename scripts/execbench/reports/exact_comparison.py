"""An exact comparison of scripts/ab --instructions
(analysis/exact_verdicts.py) as text, Markdown or JSON, in the shapes of
reports/paired_comparison.py (docs/regressions.md).

Each starts with the warnings, names BASE and NEW, and states how the counts
were taken. Counted rows give their verdict, the exact ratio NEW / BASE and
each side's instructions per task; the rows that could not be counted are
listed with the reason, never with a number.
"""

from execbench.analysis import exact_verdicts
from execbench.inputs import instruction_counts
from execbench.reports import paired_comparison
from execbench.tables import markup

Verdict = exact_verdicts.Verdict
_CHANGES = (Verdict.SLOWER, Verdict.FASTER)
UNCOUNTED = "Not counted"


def rule(measurement: instruction_counts.Measurement) -> str:
    """How the counts were taken and decided, in two sentences."""
    return (
        "Instructions per task counted by valgrind's callgrind in the task "
        "bodies only (each workload's RunTask as TaskRunner::Run calls it; "
        "the executor's own instructions are not counted), each row in "
        f"{measurement.runs_per_side} fresh processes a side, one batch, "
        "no warm-up; a row whose runs of one side differ is not "
        "deterministic and not counted. Any difference in a deterministic "
        f"count is a change. {measurement.seconds / 60:.1f} min.")


def _ratio(outcome: exact_verdicts.Outcome) -> str:
    return f"{float(outcome.ratio):.6f}"


def _per_task(value) -> str:
    return f"{float(value):,.1f}"


def _table(outcomes, *, code: bool = False) -> tuple:
    headers = ["Benchmark", "Verdict", "Ratio", "BASE per task",
               "NEW per task"]
    rows = [[f"`{outcome.name}`" if code else outcome.name,
             outcome.verdict.value, _ratio(outcome),
             _per_task(outcome.base), _per_task(outcome.new)]
            for outcome in outcomes]
    return headers, rows


def summary(decision: exact_verdicts.Decision) -> str:
    """The changes by name with their ratio, the same by count, and how many
    rows were not counted."""
    parts = [f"{len(found)} {verdict.value}: "
             + ", ".join(f"{outcome.name} ({_ratio(outcome)})"
                         for outcome in found)
             for verdict in _CHANGES
             if (found := decision.with_verdict(verdict))]
    if same := decision.with_verdict(Verdict.SAME):
        parts.append(f"{len(same)} same")
    if decision.uncountable:
        parts.append(f"{len(decision.uncountable)} not counted")
    if decision.errors:
        parts.append(f"{len(decision.errors)} errored")
    return "; ".join(parts) or "no benchmark compared"


def _lists(decision: exact_verdicts.Decision,
           measurement: instruction_counts.Measurement) -> list:
    lists = [("Only in BASE", list(measurement.only_in_base)),
             ("Only in NEW", list(measurement.only_in_new)),
             (UNCOUNTED, [f"{row}: {reason}" for row, reason
                          in decision.uncountable.items()]),
             ("Errored", [f"{row} {message}" for row, message
                          in decision.errors.items()])]
    return [(title, items) for title, items in lists if items]


def format_text(decision: exact_verdicts.Decision,
                measurement: instruction_counts.Measurement) -> str:
    """Every counted row as an aligned table, then the lists."""
    return paired_comparison.text_report(
        measurement, rule(measurement), _table(decision.outcomes),
        _lists(decision, measurement), summary(decision))


def format_markdown(decision: exact_verdicts.Decision,
                    measurement: instruction_counts.Measurement) -> str:
    """The changes first, then the summary, then every row folded."""
    alignment = "|:--|:--|--:|--:|--:|"
    changes = [outcome for verdict in _CHANGES
               for outcome in decision.with_verdict(verdict)]
    lines = paired_comparison.markdown_head("Instruction counts",
                                            measurement)
    if changes:
        headers, rows = _table(changes, code=True)
        lines += [markup.markdown_line(headers), alignment]
        lines += [markup.markdown_line(row) for row in rows]
    else:
        lines.append("No benchmark executes more or fewer instructions.")
    lines += ["", f"**Summary:** {summary(decision)}.", ""]
    for title, items in _lists(decision, measurement):
        lines += [f"**{title} ({len(items)}):**", ""]
        lines += [f"- `{item}`" for item in items]
        lines.append("")
    headers, rows = _table(decision.outcomes, code=True)
    lines += ["<details><summary>Every counted benchmark</summary>", "",
              markup.markdown_line(headers), alignment]
    lines += [markup.markdown_line(row) for row in rows]
    lines += ["", "</details>", "", rule(measurement)]
    return "\n".join(lines) + "\n"


def format_json(decision: exact_verdicts.Decision,
                measurement: instruction_counts.Measurement) -> str:
    """Every counted row with its exact ratio, the uncounted with their
    reason, and every run's counts."""
    document = {
        "warnings": list(measurement.warnings),
        "mode": instruction_counts.MODE,
        "base": paired_comparison.describe_side(measurement.base),
        "new": paired_comparison.describe_side(measurement.new),
        "summary": {
            "verdicts": {verdict.value: len(decision.with_verdict(verdict))
                         for verdict in (*_CHANGES, Verdict.SAME)},
            "text": summary(decision)},
        "rows": [{"name": outcome.name, "verdict": outcome.verdict.value,
                  "ratio": float(outcome.ratio),
                  "ratio_exact": str(outcome.ratio),
                  "base_per_task": float(outcome.base),
                  "new_per_task": float(outcome.new)}
                 for outcome in decision.outcomes],
        "uncountable": dict(decision.uncountable),
    }
    return paired_comparison.json_report(document, decision.errors,
                                         measurement)


FORMATTERS = {"text": format_text, "md": format_markdown, "json": format_json}
