"""What scripts/ab measured: the two sides and their rounds of paired
values, as running/ab_rounds.py takes them and as ab's JSON keeps them, so
that analysis/paired_verdicts.py can decide them again offline
(docs/regressions.md).

A round runs each side once, each in a fresh process; per benchmark row, a
side's value is the median wall time (seconds) over its repetitions in that
process. The JSON keeps every round compactly: its stage, the order the
sides ran in, how long it took, why either process ran on a noisy machine,
the rows that failed, and per row [base, new], or [base, new, notes] when
either side measured the row on a noisy machine.
"""

import dataclasses
import math
import statistics

from execbench.inputs import bench_json
from execbench.inputs import environment
from execbench.inputs import sizes

SCREENING = "screening"
CONFIRMATION = "confirmation"
# The rounds of two records (inputs/record_file.py), paired by index: not
# interleaved in time, decided all at once.
RECORDED = "recorded"
_HOW_TO_MAKE = "write it with scripts/ab --format json"


@dataclasses.dataclass(frozen=True)
class Pair:
    """One row's values in one round: each side's median over its
    repetitions (seconds), and why either side's process measured the row
    on a noisy machine (empty when neither did)."""

    base: float
    new: float
    notes: tuple = ()


@dataclasses.dataclass(frozen=True)
class Round:
    """One round: each side run once, in a fresh process."""

    stage: str  # SCREENING or CONFIRMATION.
    pairs: dict  # Row name -> Pair, for the rows both processes measured.
    # Why either process ran on a noisy machine as a whole; every pair of
    # the round is then dropped.
    notes: tuple = ()
    errors: dict = dataclasses.field(default_factory=dict)  # Row -> message.
    order: tuple = ()  # The sides in the order they ran: ("new", "base").
    seconds: float = 0.0  # How long the round took.

    def time_share(self, rows) -> float:
        """The share of this round's time that these rows take: each row in
        proportion to the time of its batches on both sides here (its
        warm-up batch is as long), a row that failed or did not run as long
        as the mean of the others."""
        costs = {name: cost for name, pair in self.pairs.items()
                 if math.isfinite(cost := pair.base + pair.new) and cost > 0}
        mean = statistics.mean(costs.values()) if costs else 1.0
        total = sum(costs.get(name, mean)
                    for name in self.pairs.keys() | self.errors.keys())
        return sum(costs.get(name, mean) for name in rows) / total

    def as_json(self) -> dict:
        return {"stage": self.stage, "order": list(self.order),
                "seconds": round(self.seconds, 3), "notes": list(self.notes),
                "errors": dict(self.errors),
                "pairs": {name: [pair.base, pair.new,
                                 *([list(pair.notes)] if pair.notes else [])]
                          for name, pair in self.pairs.items()}}

    @classmethod
    def from_json(cls, document: dict) -> "Round":
        return cls(stage=document["stage"],
                   pairs={name: Pair(float(values[0]), float(values[1]),
                                     tuple(values[2]) if len(values) > 2
                                     else ())
                          for name, values in document["pairs"].items()},
                   notes=tuple(document.get("notes", ())),
                   errors=dict(document.get("errors", {})),
                   order=tuple(document.get("order", ())),
                   seconds=float(document.get("seconds", 0.0)))


@dataclasses.dataclass(frozen=True)
class Side:
    """BASE or NEW: what was given, and what ran."""

    label: str  # "BASE" or "NEW".
    argument: str  # As given: a revision or a path.
    commit: str | None  # The full hash, when a revision was given.
    bench: str  # The executable that ran.
    flags: tuple  # Bench flags for this side only (ab's --new-flag).
    context: dict  # The JSON context of its first process.

    def as_json(self) -> dict:
        return dataclasses.asdict(self) | {"flags": list(self.flags)}

    @classmethod
    def from_json(cls, document: dict) -> "Side":
        return cls(**document | {"flags": tuple(document["flags"])})


@dataclasses.dataclass(frozen=True)
class Measurement:
    """Everything a comparison of scripts/ab measured."""

    base: Side
    new: Side
    bench_flags: tuple  # Given to both sides, after the grid's sizes.
    seed: int | None  # Of the random order of the sides; None unless
    # interleaved.
    rows: tuple  # The rows compared: listed by both sides, in name order.
    only_in_base: tuple
    only_in_new: tuple
    rounds: tuple  # Round, in the order they ran.
    warnings: tuple  # Lines that every output starts with.
    seconds: float  # How long the rounds took.
    # Whether each round ran both sides, one after the other (scripts/ab),
    # or the sides' rounds come from separate runs (records).
    interleaved: bool = True

    def as_json(self) -> dict:
        return {"base": self.base.as_json(), "new": self.new.as_json(),
                "bench_flags": list(self.bench_flags), "seed": self.seed,
                "rows": list(self.rows),
                "only_in_base": list(self.only_in_base),
                "only_in_new": list(self.only_in_new),
                "warnings": list(self.warnings),
                "seconds": round(self.seconds, 3),
                "interleaved": self.interleaved,
                "rounds": [one.as_json() for one in self.rounds]}

    @classmethod
    def from_json(cls, document: dict) -> "Measurement":
        return cls(base=Side.from_json(document["base"]),
                   new=Side.from_json(document["new"]),
                   bench_flags=tuple(document["bench_flags"]),
                   seed=(None if document["seed"] is None
                         else int(document["seed"])),
                   rows=tuple(document["rows"]),
                   only_in_base=tuple(document["only_in_base"]),
                   only_in_new=tuple(document["only_in_new"]),
                   rounds=tuple(Round.from_json(one)
                                for one in document["rounds"]),
                   warnings=tuple(document["warnings"]),
                   seconds=float(document["seconds"]),
                   interleaved=bool(document.get("interleaved", True)))


def side_warnings(base: Side, new: Side, allowed: bool, *,
                  how_to_fix: str) -> tuple:
    """The warnings of a comparison, from its sides' contexts.

    Args:
      base, new: the sides.
      allowed: whether --allow-different-environment was given.
      how_to_fix: how to get sides of one environment, for the complaint.

    Raises:
      environment.DifferentEnvironment: when the environments differ and
        that is not allowed.
    """
    warnings = [environment.check(base.context, new.context,
                                  what="BASE and NEW", how_to_fix=how_to_fix,
                                  allowed=allowed)]
    if new.flags:
        warnings.append(
            f"WARNING: NEW ran with {' '.join(new.flags)} (--new-flag, for "
            "calibration and tests): its changes are not the code's")
    given = {flag.lstrip("-").split("=", 1)[0] for flag in new.flags}
    different = [found for found in sizes.differences(base.context,
                                                      new.context)
                 if found[0] not in given]
    if different:
        warnings.append(
            f"WARNING: BASE and NEW ran DIFFERENT SIZES "
            f"({sizes.describe(different)}): NEW changed their defaults, so "
            "their changes are not regressions or improvements of the code")
    return tuple(filter(None, warnings))


def load(path: str) -> tuple:
    """(Measurement, parameters as saved) from the JSON of scripts/ab.

    Raises:
      bench_json.InputError: when the file is no such JSON.
    """
    document = bench_json.read_json(path, _HOW_TO_MAKE)
    try:
        return (Measurement.from_json(document["measurement"]),
                dict(document["parameters"]))
    except (KeyError, TypeError, ValueError, IndexError, AttributeError):
        raise bench_json.InputError(
            f"{path} is not the JSON of scripts/ab (it needs its "
            f"\"measurement\" and \"parameters\"); {_HOW_TO_MAKE}") from None
