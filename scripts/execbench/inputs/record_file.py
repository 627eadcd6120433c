"""A record: one JSON file that holds everything scripts/compare, history
and ab need to judge a build against another, so that a CI job can carry it
from the machine that made it (docs/regressions.md).

scripts/record (running/record.py) runs N rounds, each a fresh process of
bench over the same rows. The file keeps, besides its format name and
version:

  the commit (and whether its tree was dirty), the label, the machine id;
  the bench flags given (after the grid's sizes, which are kept too), the
    repetitions of each row per process, the rows (in name order);
  the context of the first process, and the environment fields of it that
    the guard of every comparison checks (inputs/environment.py);
  per round: how long it took, why its process ran on a noisy machine
    (notes: the rule drops the whole round), the rows that failed, and per
    row its median wall time in seconds over its repetitions, or
    [median, notes] when its repetitions showed a noisy machine (the rule
    drops that row's pair).

Records of older formats (the Google Benchmark JSON of one run) are
refused: they hold no rounds of fresh processes, which the rule needs.
paired() pairs two records' rounds by index, as analysis/paired_verdicts.py
decides them.
"""

import dataclasses
import math

from execbench.inputs import bench_json
from execbench.inputs import environment
from execbench.inputs import paired_rounds

FORMAT = "execbench-record"
VERSION = 2
HOW_TO_MAKE = "make one with scripts/record (or scripts/record --out FILE)"


@dataclasses.dataclass(frozen=True)
class Process:
    """One round of a record: one fresh process of bench."""

    values: dict  # Row -> median wall time over its repetitions (seconds).
    row_notes: dict  # Row -> why its repetitions show a noisy machine.
    notes: tuple = ()  # Why the whole process ran on a noisy machine.
    errors: dict = dataclasses.field(default_factory=dict)  # Row -> message.
    seconds: float = 0.0

    def as_json(self) -> dict:
        return {"seconds": round(self.seconds, 3), "notes": list(self.notes),
                "errors": dict(self.errors),
                "values": {name: ([value, list(self.row_notes[name])]
                                  if self.row_notes.get(name) else value)
                           for name, value in self.values.items()}}

    @classmethod
    def from_json(cls, document: dict) -> "Process":
        values, row_notes = {}, {}
        for name, value in document["values"].items():
            if isinstance(value, list):
                value, row_notes[name] = value[0], tuple(value[1])
            if not bench_json.is_number(value) or not math.isfinite(value):
                raise ValueError(name)
            values[name] = float(value)
        return cls(values=values, row_notes=row_notes,
                   notes=tuple(document["notes"]),
                   errors=dict(document["errors"]),
                   seconds=float(document["seconds"]))


@dataclasses.dataclass(frozen=True)
class Record:
    """Everything a record file holds; see the module docstring."""

    commit: str | None
    dirty: bool
    label: str | None
    machine: str
    bench: str  # The executable that ran.
    grid_flags: tuple  # The grid's sizes, before the flags given.
    bench_flags: tuple  # The bench flags given.
    repetitions: int  # Of each row, per process.
    rows: tuple  # Every row the flags select, in name order.
    context: dict  # The first process's.
    rounds: tuple  # Process, in the order they ran.
    seconds: float
    path: str = ""  # The file it was read from; "" until written.

    @property
    def environment(self) -> dict:
        return environment.environment(self.context)

    def as_json(self) -> dict:
        return {"format": FORMAT, "version": VERSION,
                "commit": self.commit, "dirty": self.dirty,
                "label": self.label, "machine": self.machine,
                "bench": self.bench, "grid_flags": list(self.grid_flags),
                "bench_flags": list(self.bench_flags),
                "repetitions": self.repetitions, "rows": list(self.rows),
                "environment": self.environment, "context": self.context,
                "seconds": round(self.seconds, 3),
                "rounds": [one.as_json() for one in self.rounds]}

    @classmethod
    def from_json(cls, document: dict, path: str) -> "Record":
        return cls(commit=document["commit"], dirty=bool(document["dirty"]),
                   label=document["label"], machine=str(document["machine"]),
                   bench=str(document["bench"]),
                   grid_flags=tuple(document["grid_flags"]),
                   bench_flags=tuple(document["bench_flags"]),
                   repetitions=int(document["repetitions"]),
                   rows=tuple(document["rows"]),
                   context=dict(document["context"]),
                   rounds=tuple(Process.from_json(one)
                                for one in document["rounds"]),
                   seconds=float(document["seconds"]), path=path)


def load(path: str) -> Record:
    """The record in a file.

    Raises:
      bench_json.InputError: one line, when the file is missing, unreadable,
        truncated, of another kind or of an older format.
    """
    document = bench_json.read_json(path, HOW_TO_MAKE)
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        if isinstance(document, dict) and "benchmarks" in document:
            raise bench_json.InputError(
                f"{path} is a record of an older format (one run of bench, "
                "without rounds of fresh processes); record the commit again "
                "with scripts/record")
        raise bench_json.InputError(
            f"{path} is not a record of scripts/record; {HOW_TO_MAKE}")
    if document.get("version") != VERSION:
        raise bench_json.InputError(
            f"{path} is a record of format version "
            f"{document.get('version')!r}, this execbench reads version "
            f"{VERSION}; record the commit again with scripts/record")
    try:
        record = Record.from_json(document, path)
    except (KeyError, TypeError, ValueError, IndexError, AttributeError):
        raise bench_json.InputError(
            f"{path} is a damaged record (a field is missing or not a "
            f"number); {HOW_TO_MAKE}") from None
    if not record.rounds:
        raise bench_json.InputError(f"{path} is a record without rounds; "
                                    f"{HOW_TO_MAKE}")
    return record


def pair_processes(base: Process, new: Process, rows: tuple,
                   stage: str) -> paired_rounds.Round:
    """A round of two processes, one of each side, over these rows: a row
    that failed on either side is an error, one that both measured a pair
    with the notes of both sides' row; the round has the notes of both
    processes."""
    sides = (("BASE", base), ("NEW", new))
    errors = {}
    for name in rows:
        messages = [f"in {label}: {one.errors[name]}" for label, one in sides
                    if name in one.errors]
        if messages:
            errors[name] = "; ".join(messages)
    pairs = {name: paired_rounds.Pair(
        base.values[name], new.values[name],
        tuple(f"{label}: {note}" for label, one in sides
              for note in one.row_notes.get(name, ())))
             for name in rows if name not in errors
             and name in base.values and name in new.values}
    return paired_rounds.Round(
        stage=stage, pairs=pairs, errors=errors,
        notes=tuple(f"{label}: {note}" for label, one in sides
                    for note in one.notes),
        seconds=base.seconds + new.seconds)


def paired(base: Record, new: Record, rows: tuple) -> tuple:
    """The rounds of two records paired by index, over these rows: the
    first min(len) rounds of each (a round of one with no partner is left
    out)."""
    return tuple(pair_processes(base_round, new_round, rows,
                                paired_rounds.RECORDED)
                 for base_round, new_round in zip(base.rounds, new.rounds))
