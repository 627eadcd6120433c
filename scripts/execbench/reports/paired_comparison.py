"""A comparison of scripts/ab (analysis/paired_verdicts.py) as text for a
terminal, Markdown for a pull-request comment, or JSON for programs and for
deciding again offline (docs/regressions.md).

Each starts with the warnings, names BASE and NEW, and states the rule with
its parameters. Every row and workload summary has its verdict (slower,
faster, same, undecided), its change with its interval, the rounds it used
(screening + confirmation), the pairs dropped as noisy, and, when same or
undecided, the smallest change its rounds could have detected. Text gives
them all; Markdown gives the changes first, then one line for the rest
("312 same (each states what it could detect), 3 undecided: A, B, C") and
the full table folded; JSON gives every row, every parameter and the
measurement with every round. The undecided are named in all three.
"""

import json
import math

from execbench.analysis import paired_verdicts
from execbench.inputs import paired_rounds
from execbench.tables import markup

Verdict = paired_verdicts.Verdict
_CHANGES = (Verdict.SLOWER, Verdict.FASTER)
NOISY = "Dropped as taken on a noisy machine"


def _percent(value: float | None) -> str:
    if value is None or math.isnan(value):
        return "-"
    if math.isinf(value):
        return "+inf" if value > 0 else "-inf"
    return f"{value:+.1%}"


def _interval(outcome: paired_verdicts.Outcome) -> str:
    if math.isnan(outcome.change):
        return "-"
    return f"[{_percent(outcome.low)}, {_percent(outcome.high)}]"


def _rounds(outcome: paired_verdicts.Outcome) -> str:
    if outcome.stage == paired_verdicts.CONFIRMATION:
        return f"{outcome.screening_rounds}+{outcome.confirmation_rounds}"
    return str(outcome.screening_rounds)


def _detectable(outcome: paired_verdicts.Outcome) -> str:
    if outcome.detectable is None:
        return ""
    if math.isinf(outcome.detectable):
        return "-"
    return f"{outcome.detectable:.1%}"


def _name(outcome: paired_verdicts.Outcome) -> str:
    return f"{outcome.name} (workload)" if outcome.summary else outcome.name


def describe_side(side: paired_rounds.Side) -> str:
    description = side.argument
    commit = side.commit or side.context.get("execbench_commit")
    if commit and commit != "unknown":
        description += f" (commit {commit[:12]}"
        if side.context.get("execbench_commit_dirty") in (True, "true"):
            description += ", dirty tree"
        description += ")"
    if side.flags:
        description += f", with {' '.join(side.flags)}"
    return description


def rule(decision: paired_verdicts.Decision,
         measurement: paired_rounds.Measurement) -> str:
    """The rule and its parameters, and the rounds run, in two sentences."""
    parameters = decision.parameters
    repetitions = parameters.repetitions
    if not measurement.interleaved:
        return _rule_at_once(decision)
    return (
        f"Paired rounds of fresh processes, {repetitions} repetition"
        f"{'s' if repetitions != 1 else ''} of each row per process, the "
        f"sides in random order (seed {measurement.seed}); screening by "
        f"the Wilcoxon signed-rank test at {parameters.alpha_screen:g} from "
        f"round {parameters.first_look} to {parameters.max_rounds}, then "
        f"{decision.candidates} candidate"
        f"{'s' if decision.candidates != 1 else ''} confirmed in up to "
        f"{parameters.max_confirm_rounds} fresh rounds at family-wise "
        f"{parameters.alpha:g} (Holm); changes below {parameters.floor:.1%} "
        f"or {parameters.margin_sigmas:g} sigma of one process are the "
        f"same; intervals at {parameters.confidence:.0%}, what a row could "
        f"detect at {parameters.power:.0%} power. "
        f"{decision.screening_rounds + decision.confirmation_rounds} rounds "
        f"({decision.screening_rounds} screening, "
        f"{decision.confirmation_rounds} confirmation) in "
        f"{measurement.seconds / 60:.1f} min.")


def _rule_at_once(decision: paired_verdicts.Decision) -> str:
    """The rule of records' rounds, decided all at once, in two
    sentences."""
    parameters = decision.parameters
    rounds = decision.screening_rounds
    return (
        f"Rounds of fresh processes of each side from separate runs, paired "
        f"by index ({rounds} pairs); the Wilcoxon signed-rank test of every "
        f"row and workload, Holm's procedure over all "
        f"{len(decision.outcomes())} at family-wise {parameters.alpha:g}; "
        f"changes below {parameters.floor:.1%} or "
        f"{parameters.margin_sigmas:g} sigma of one process are the same; "
        f"intervals at {parameters.confidence:.0%}, what a row could detect "
        f"at {parameters.power:.0%} power. "
        f"{decision.candidates} significant after Holm.")


def summary(outcomes, *, code: bool = False) -> str:
    """The verdicts of these outcomes in one line: the changes and the
    undecided by name, the same by count ("312 same (each states what it
    could detect)"), and the pairs dropped."""

    def named(verdict: Verdict) -> list:
        return [f"`{_name(outcome)}`" if code else _name(outcome)
                for outcome in outcomes if outcome.verdict is verdict]

    parts = [f"{len(found)} {verdict.value}: {', '.join(found)}"
             for verdict in _CHANGES if (found := named(verdict))]
    if same := named(Verdict.SAME):
        parts.append(f"{len(same)} same (each states what it could detect)")
    if undecided := named(Verdict.UNDECIDED):
        parts.append(f"{len(undecided)} undecided: {', '.join(undecided)}")
    dropped = sum(outcome.dropped for outcome in outcomes
                  if not outcome.summary)
    if dropped:
        parts.append(f"{dropped} pairs dropped as taken on a noisy machine")
    return "; ".join(parts) or "no benchmark compared"


def _table(outcomes: list, *, code: bool = False) -> tuple:
    """Headers and rows (lists of cells) of a table of outcomes."""
    headers = ["Benchmark", "Verdict", "Change", "Interval", "Rounds",
               "Dropped", "Could detect"]
    rows = [[f"`{_name(outcome)}`" if code else _name(outcome),
             outcome.verdict.value, _percent(outcome.change),
             _interval(outcome), _rounds(outcome), str(outcome.dropped),
             _detectable(outcome)] for outcome in outcomes]
    return headers, rows


def _lists(decision: paired_verdicts.Decision,
           measurement: paired_rounds.Measurement) -> list:
    """(title, [line]) of the non-empty lists after the table: rows on one
    side only, rows that failed, and rounds and pairs dropped as taken on a
    noisy machine, with why."""
    noisy = [f"round {number} ({one.stage}): {'; '.join(one.notes)}"
             for number, one in enumerate(measurement.rounds, 1)
             if one.notes]
    noisy += [f"{name} in round {number}: {'; '.join(pair.notes)}"
              for number, one in enumerate(measurement.rounds, 1)
              if not one.notes
              for name, pair in one.pairs.items() if pair.notes]
    lists = [("Only in BASE", list(measurement.only_in_base)),
             ("Only in NEW", list(measurement.only_in_new)),
             ("Errored", [f"{name} {message}"
                          for name, message in decision.errors.items()]),
             (NOISY, noisy)]
    return [(title, items) for title, items in lists if items]


def text_report(measurement, rule_text: str, table: tuple, lists: list,
                summary_text: str) -> str:
    """A comparison for a terminal: warnings, the sides, the rule, the
    table (headers, rows), the titled lists and the summary."""
    lines = [*measurement.warnings,
             f"BASE: {describe_side(measurement.base)}",
             f"NEW:  {describe_side(measurement.new)}", rule_text, ""]
    lines += markup.aligned_lines(*table, {0, 1})
    for title, items in lists:
        lines += ["", f"{title} ({len(items)}):"]
        lines += [f"  {item}" for item in items]
    lines += ["", f"Summary: {summary_text}."]
    return "\n".join(lines) + "\n"


def format_text(decision: paired_verdicts.Decision,
                measurement: paired_rounds.Measurement) -> str:
    """Every row and workload summary as an aligned table."""
    return text_report(measurement, rule(decision, measurement),
                       _table(list(decision.outcomes())),
                       _lists(decision, measurement),
                       summary(decision.outcomes()))


def markdown_head(title: str, measurement) -> list:
    """The lines that open a Markdown comparison: the warnings, the title,
    and what BASE and NEW were."""
    return [*(f"> **{warning}**\n" for warning in measurement.warnings),
            f"### {title}", "",
            f"- Base: `{describe_side(measurement.base)}`",
            f"- New: `{describe_side(measurement.new)}`", ""]


def format_markdown(decision: paired_verdicts.Decision,
                    measurement: paired_rounds.Measurement) -> str:
    """The changes first, then one line for the rest, then every row
    folded: a pull-request comment."""
    alignment = "|:--|:--|--:|--:|--:|--:|--:|"
    changes = [outcome for verdict in _CHANGES
               for outcome in decision.with_verdict(verdict)]
    lines = markdown_head("Benchmark comparison", measurement)
    if changes:
        headers, rows = _table(changes, code=True)
        lines += [markup.markdown_line(headers), alignment]
        lines += [markup.markdown_line([name, f"**{verdict}**", *rest])
                  for name, verdict, *rest in rows]
    else:
        lines.append("No benchmark got slower or faster.")
    rest = [outcome for outcome in decision.outcomes()
            if outcome.verdict not in _CHANGES]
    lines += ["", f"**The rest:** {summary(rest, code=True)}.", ""]
    lists = _lists(decision, measurement)
    for title, items in lists:
        if title != NOISY:
            lines += [f"**{title} ({len(items)}):** "
                      + ", ".join(f"`{item}`" for item in items), ""]
    headers, rows = _table(list(decision.outcomes()), code=True)
    lines += ["<details><summary>Every benchmark</summary>", "",
              markup.markdown_line(headers), alignment]
    lines += [markup.markdown_line(row) for row in rows]
    for title, items in lists:
        if title == NOISY:
            lines += ["", f"{title} ({len(items)}):", ""]
            lines += [f"- {item}" for item in items]
    lines += ["", "</details>", "", rule(decision, measurement)]
    return "\n".join(lines) + "\n"


def _number(value: float | None) -> float | None:
    return value if value is not None and math.isfinite(value) else None


def _outcome_json(outcome: paired_verdicts.Outcome) -> dict:
    return {"name": outcome.name,
            "kind": "workload" if outcome.summary else "row",
            "verdict": outcome.verdict.value, "stage": outcome.stage,
            "change": _number(outcome.change),
            "interval": [_number(outcome.low), _number(outcome.high)],
            "p_value": _number(outcome.p_value),
            "screening_rounds": outcome.screening_rounds,
            "confirmation_rounds": outcome.confirmation_rounds,
            "dropped": outcome.dropped,
            "detectable": _number(outcome.detectable),
            "base_median_s": _number(outcome.base_median),
            "new_median_s": _number(outcome.new_median)}


def format_json(decision: paired_verdicts.Decision,
                measurement: paired_rounds.Measurement) -> str:
    """Every row, every parameter and the measurement with its rounds, from
    which inputs/paired_rounds.load() and paired_verdicts.decide() give the
    verdicts again."""
    document = {
        "warnings": list(measurement.warnings),
        "base": describe_side(measurement.base),
        "new": describe_side(measurement.new),
        "parameters": decision.parameters.as_json(),
        "seed": measurement.seed,
        "rule": rule(decision, measurement),
        "summary": {
            "verdicts": {verdict.value: len(decision.with_verdict(verdict))
                         for verdict in Verdict},
            "candidates": decision.candidates,
            "screening_rounds": decision.screening_rounds,
            "confirmation_rounds": decision.confirmation_rounds,
            "text": summary(decision.outcomes())},
        "rows": [_outcome_json(outcome) for outcome in decision.rows],
        "workloads": [_outcome_json(outcome)
                      for outcome in decision.summaries],
    }
    return json_report(document, decision.errors, measurement)


def json_report(document: dict, errors: dict, measurement) -> str:
    """The JSON of a comparison: the document, then the rows that failed,
    those on one side only, and the measurement."""
    document |= {"errors": dict(errors),
                 "only_in_base": list(measurement.only_in_base),
                 "only_in_new": list(measurement.only_in_new),
                 "measurement": measurement.as_json()}
    return json.dumps(document, indent=2) + "\n"


FORMATTERS = {"text": format_text, "md": format_markdown, "json": format_json}
