"""What the exact mode of scripts/ab counted: per row and side, the task
bodies' instructions and tasks of each run under callgrind, as
running/callgrind_runs.py takes them and ab's JSON keeps them
(docs/regressions.md).
"""

import dataclasses
import fractions

from execbench.inputs import paired_rounds


@dataclasses.dataclass(frozen=True)
class Count:
    """One run of one row on one side, a process of its own."""

    instructions: int  # Of the task bodies, summed over the tasks.
    tasks: int  # The task bodies that ran.

    def per_task(self) -> fractions.Fraction | None:
        """Instructions per task, exactly; None when no task ran."""
        return (fractions.Fraction(self.instructions, self.tasks)
                if self.tasks else None)

    def as_json(self) -> list:
        return [self.instructions, self.tasks]


@dataclasses.dataclass(frozen=True)
class Measurement:
    """Everything an exact comparison counted."""

    base: paired_rounds.Side
    new: paired_rounds.Side
    bench_flags: tuple  # Given to both sides, after the grid's sizes.
    runs_per_side: int  # Runs of each row on each side.
    rows: tuple  # Listed by both sides and kept by the filter, in order.
    only_in_base: tuple
    only_in_new: tuple
    uncountable: dict  # Row -> why it cannot be counted; not run.
    # Row -> {"base": (Count, ...), "new": (Count, ...)}, a Count a run.
    counts: dict
    errors: dict  # Row -> why a run of it failed.
    warnings: tuple  # Lines that every output starts with.
    seconds: float  # How long the runs took.

    def as_json(self) -> dict:
        return {"base": self.base.as_json(), "new": self.new.as_json(),
                "bench_flags": list(self.bench_flags),
                "runs_per_side": self.runs_per_side, "rows": list(self.rows),
                "only_in_base": list(self.only_in_base),
                "only_in_new": list(self.only_in_new),
                "uncountable": dict(self.uncountable),
                "counts": {row: {side: [count.as_json() for count in runs]
                                 for side, runs in sides.items()}
                           for row, sides in self.counts.items()},
                "errors": dict(self.errors),
                "warnings": list(self.warnings),
                "seconds": round(self.seconds, 3)}
