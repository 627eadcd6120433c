"""What the exact mode of scripts/ab counted: per row and side, the task
bodies' instructions and tasks of each run under callgrind, as
running/callgrind_runs.py takes them and ab's JSON keeps them
(docs/regressions.md).
"""

import dataclasses
import fractions

from execbench.inputs import bench_json
from execbench.inputs import paired_rounds

MODE = "instructions"  # The "mode" of ab's JSON that holds such counts.
_HOW_TO_MAKE = "write it with scripts/ab --instructions --format json"


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

    @classmethod
    def from_json(cls, values: list) -> "Count":
        instructions, tasks = values
        return cls(instructions=int(instructions), tasks=int(tasks))


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

    @classmethod
    def from_json(cls, document: dict) -> "Measurement":
        return cls(
            base=paired_rounds.Side.from_json(document["base"]),
            new=paired_rounds.Side.from_json(document["new"]),
            bench_flags=tuple(document["bench_flags"]),
            runs_per_side=int(document["runs_per_side"]),
            rows=tuple(document["rows"]),
            only_in_base=tuple(document["only_in_base"]),
            only_in_new=tuple(document["only_in_new"]),
            uncountable=dict(document["uncountable"]),
            counts={row: {side: tuple(Count.from_json(values)
                                      for values in runs)
                          for side, runs in sides.items()}
                    for row, sides in document["counts"].items()},
            errors=dict(document["errors"]),
            warnings=tuple(document["warnings"]),
            seconds=float(document["seconds"]))


def holds_counts(path: str) -> bool:
    """Whether a JSON of scripts/ab holds instruction counts.

    Raises:
      bench_json.InputError: when the file is no JSON.
    """
    document = bench_json.read_json(path,
                                    "write it with scripts/ab --format json")
    return isinstance(document, dict) and document.get("mode") == MODE


def load(path: str) -> Measurement:
    """The Measurement of the JSON of scripts/ab --instructions.

    Raises:
      bench_json.InputError: when the file is no such JSON.
    """
    document = bench_json.read_json(path, _HOW_TO_MAKE)
    try:
        return Measurement.from_json(document["measurement"])
    except (KeyError, TypeError, ValueError, AttributeError):
        raise bench_json.InputError(
            f"{path} is not the JSON of scripts/ab --instructions (it needs "
            f"its \"measurement\"); {_HOW_TO_MAKE}") from None
