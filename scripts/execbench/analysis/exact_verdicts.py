"""The decision rule of scripts/ab --instructions: instruction counts per task
are exact, so any difference is a change (docs/regressions.md).

A row is decided when each side's runs (each a fresh process, the same
binary) counted the same instructions per task: then NEW is slower when it
executes more per task, faster when fewer, the same when equal, and its
ratio NEW / BASE is exact. A row whose count differs between runs of one
side is not deterministic: it joins the uncountable rows, with the reason
and without numbers, as does a row whose runs ran no task body.
"""

import dataclasses
import fractions

from execbench.analysis import paired_verdicts
from execbench.inputs import instruction_counts

Verdict = paired_verdicts.Verdict


@dataclasses.dataclass(frozen=True)
class Outcome:
    """The verdict of one counted row."""

    name: str
    verdict: Verdict
    base: fractions.Fraction  # Instructions per task.
    new: fractions.Fraction

    @property
    def ratio(self) -> fractions.Fraction:
        """NEW's count over BASE's, exactly."""
        return self.new / self.base


@dataclasses.dataclass(frozen=True)
class Decision:
    """The outcomes of the counted rows, and why the others have none."""

    outcomes: tuple  # Outcome, in row order.
    uncountable: dict  # Row -> reason, listed rather than counted.
    errors: dict  # Row -> why a run failed.

    def with_verdict(self, verdict: Verdict) -> list:
        return [outcome for outcome in self.outcomes
                if outcome.verdict is verdict]


def decide(measurement: instruction_counts.Measurement) -> Decision:
    """The verdict of every row that both sides counted deterministically."""
    outcomes, uncountable = [], {}
    for row in measurement.rows:
        if row in measurement.errors:
            continue
        if row in measurement.uncountable:
            uncountable[row] = measurement.uncountable[row]
            continue
        per_side, reasons = {}, []
        for side, label in (("base", "BASE"), ("new", "NEW")):
            counts = {count.per_task() for count in
                      measurement.counts[row][side]}
            if None in counts or 0 in counts:
                reasons.append(
                    f"no task body ran in {label} (no instruction counted "
                    "in a RunTask called by TaskRunner::Run)")
            elif len(counts) > 1:
                reasons.append(
                    f"its count differs between "
                    f"{len(measurement.counts[row][side])} runs of {label} "
                    "(the same binary): not deterministic")
            else:
                per_side[side] = counts.pop()
        if reasons:
            uncountable[row] = "; ".join(reasons)
            continue
        base, new = per_side["base"], per_side["new"]
        verdict = (Verdict.SLOWER if new > base else
                   Verdict.FASTER if new < base else Verdict.SAME)
        outcomes.append(Outcome(name=row, verdict=verdict, base=base,
                                new=new))
    return Decision(outcomes=tuple(outcomes), uncountable=uncountable,
                    errors=dict(measurement.errors))
