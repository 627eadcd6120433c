"""Record files of scripts/record for tests (inputs/record_file.py), with
chosen values per round, so that tests of compare, history and ab control
exactly what each round measured."""

import json
import pathlib
import random

from bench_documents import benchmark_document
from execbench.inputs import record_file

# Four rows of two workloads: Cpu's three make a workload summary.
CPU_ROWS = ("Cpu/Serial/workers:1", "Cpu/Threads/workers:1",
            "Cpu/Threads/workers:2")
NOOP_ROW = "Noop/Serial/workers:1"
ROWS = (*CPU_ROWS, NOOP_ROW)


def drawn_ms(seed: int, rounds: int, *, shift: dict | None = None,
             sd: float = 0.01) -> dict:
    """Row -> its value (ms) in each of the rounds: 10 ms for Cpu's rows,
    0.02 ms for Noop's, times exp(sd * normal noise), seeded; shift: row
    -> a factor for NEW's planted change."""
    generator = random.Random(seed)
    return {name: [(10.0 if name in CPU_ROWS else 0.02)
                   * (shift or {}).get(name, 1.0)
                   * 2.718281828459045 ** (sd * generator.gauss(0, 1))
                   for _ in range(rounds)] for name in ROWS}


def record_document(values_ms: dict, *, context: dict | None = None,
                    commit: str = "0" * 40, label: str | None = None,
                    bench_flags: tuple = (),
                    row_notes: dict | None = None,
                    round_notes: dict | None = None,
                    errors: dict | None = None) -> dict:
    """A record's JSON.

    Args:
      values_ms: row -> its value in each round (ms); every row has as many.
      context: entries added to (or replacing) bench_documents' context.
      commit, label, bench_flags: the record's.
      row_notes: (round index, row) -> notes of a noisy row there.
      round_notes: round index -> notes of a noisy process.
      errors: (round index, row) -> message of a row that failed there.
    """
    count = len(next(iter(values_ms.values())))
    rounds = []
    for index in range(count):
        failed = {name: message for (at, name), message in
                  (errors or {}).items() if at == index}
        rounds.append(record_file.Process(
            values={name: values[index] / 1e3
                    for name, values in values_ms.items()
                    if name not in failed},
            row_notes={name: tuple(notes) for (at, name), notes in
                       (row_notes or {}).items() if at == index},
            notes=tuple((round_notes or {}).get(index, ())),
            errors=failed, seconds=1.0))
    return record_file.Record(
        commit=commit, dirty=False, label=label, machine="box-1",
        bench="build/bench", grid_flags=("--benchmark_min_time=0",),
        bench_flags=bench_flags, repetitions=1, rows=tuple(values_ms),
        context=benchmark_document({}, context=context)["context"],
        rounds=tuple(rounds), seconds=float(count)).as_json()


def write_record(path: pathlib.Path, values_ms: dict, **options
                 ) -> pathlib.Path:
    """Writes record_document(values_ms, **options) to path; returns it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(record_document(values_ms, **options)),
                    encoding="utf-8")
    return path
