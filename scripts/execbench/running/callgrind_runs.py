"""The runs of scripts/ab --instructions: each countable row of BASE and NEW
run under callgrind, RUNS_PER_SIDE times a side, each run a fresh process
of one batch with no warm-up (docs/regressions.md).

  valgrind --tool=callgrind --collect-atstart=no
           --toggle-collect='*::<Workload>::RunTask(int)'
           bench GRID_FLAGS EXACT_FLAGS BENCH-FLAGS SIDE-FLAGS
           --benchmark_filter=^<row>$

Only the workload's RunTask is collected, and only its calls from
TaskRunner::Run count (inputs/callgrind_file.py): the executor's own
instructions are not counted, only each task's. Instructions per task do
not depend on the number of tasks, so EXACT_FLAGS runs few tasks per batch
to keep callgrind's runs short (about 50 times slower than native). The
rows analysis/countable_rows.py cannot count are listed, not run. On
stderr, a line per row.
"""

import dataclasses
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

from execbench import interruption
from execbench.analysis import countable_rows
from execbench.inputs import bench_json
from execbench.inputs import callgrind_file
from execbench.inputs import instruction_counts
from execbench.inputs import paired_rounds
from execbench.running import ab_rounds
from execbench.running import grid_flags
from execbench.running import rounds

# Two runs of each side tell a deterministic count from one that is not.
RUNS_PER_SIDE = 2
# One batch of few tasks, no warm-up: counts per task are the same with
# more tasks or batches, the runs much shorter.
EXACT_FLAGS = ("--warmup_batches=0", "--benchmark_min_time=0",
               "--add_tasks=2", "--cpu_tasks=2", "--image_tasks=2",
               "--noop_tasks=100", "--py_cpu_tasks=2", "--py_image_tasks=2")
# What makes a task body's count depend on the run rather than the code:
# Python's string hashing is seeded at random unless told; OpenMP's idle
# threads spin (outside task bodies, but slowly under valgrind).
_ENVIRONMENT = {"PYTHONHASHSEED": "0", "OMP_WAIT_POLICY": "passive"}


def measure(base: paired_rounds.Side, new: paired_rounds.Side,
            bench_flags: tuple, *, regex: str | None,
            allow_different_environment: bool
            ) -> instruction_counts.Measurement:
    """Lists the rows, counts every countable one on both sides.

    Raises:
      bench_json.InputError: when valgrind is missing, the filter selects
        no row both sides list, or the environments differ and that is not
        allowed.
      rounds.BenchFailed: when bench cannot list its rows.
    """
    if shutil.which("valgrind") is None:
        raise bench_json.InputError(
            "--instructions counts with valgrind's callgrind, which is not "
            "installed; install valgrind (scripts/setup does)")
    flags = (*EXACT_FLAGS, *bench_flags)
    selection = ab_rounds.select_rows(base, new, flags, regex)
    uncountable = {row: reason for row in selection.rows
                   if (reason := countable_rows.uncountable_reason(row))}
    countable = [row for row in selection.rows if row not in uncountable]
    sides = {"base": base, "new": new}
    counts, errors, warnings = {}, {}, None
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="execbench-ab-") as scratch:
        for number, row in enumerate(countable, 1):
            try:
                counts[row] = _count_row(sides, row,
                                         selection.full_names[row], flags,
                                         pathlib.Path(scratch))
            except _RunFailed as failure:
                errors[row] = str(failure)
            if warnings is None and all(side.context
                                        for side in sides.values()):
                warnings = paired_rounds.side_warnings(
                    sides["base"], sides["new"], allow_different_environment,
                    how_to_fix=ab_rounds.HOW_TO_FIX)
            _progress(number, len(countable), row, errors.get(row),
                      time.monotonic() - started)
    return instruction_counts.Measurement(
        base=sides["base"], new=sides["new"], bench_flags=tuple(bench_flags),
        runs_per_side=RUNS_PER_SIDE, rows=selection.rows,
        only_in_base=selection.only_in_base,
        only_in_new=selection.only_in_new, uncountable=uncountable,
        counts=counts, errors=errors, warnings=warnings or (),
        seconds=time.monotonic() - started)


class _RunFailed(Exception):
    """A run of a row failed; str(e) says on which side and why."""


def _count_row(sides: dict, row: str, full_name: str, flags: tuple,
               scratch: pathlib.Path) -> dict:
    """{"base": (Count, ...), "new": (Count, ...)} of a row's runs, the
    sides taking turns; a side's context is set by its first run.

    Raises:
      _RunFailed: when a run fails.
    """
    runs = {key: [] for key in sides}
    for _ in range(RUNS_PER_SIDE):
        for key, side in sides.items():
            count, context, error = _count(side, row, full_name, flags,
                                           scratch)
            if error is not None:
                raise _RunFailed(f"in {side.label}: {error}")
            runs[key].append(count)
            if not side.context:
                sides[key] = dataclasses.replace(side, context=context)
    return {key: tuple(counted) for key, counted in runs.items()}


def _count(side: paired_rounds.Side, row: str, full_name: str, flags: tuple,
           scratch: pathlib.Path) -> tuple:
    """(Count, context, None) of one run of a row under callgrind, or
    (None, None, why it failed)."""
    out = scratch / "bench.json"
    workload = bench_json.parse_benchmark_name(row).workload
    callee = f"::{workload}::RunTask(int)"
    command = [
        "valgrind", "--quiet", "--tool=callgrind", "--collect-atstart=no",
        f"--toggle-collect=*{callee}",
        f"--callgrind-out-file={scratch}/callgrind.%p", side.bench,
        *grid_flags.GRID_FLAGS, *flags, *side.flags,
        f"--benchmark_filter={rounds.exact_filter([full_name])}",
        f"--benchmark_out={out}", "--benchmark_out_format=json"]
    stderr_path = scratch / "stderr"
    children = []
    try:
        # A stop signal reaches valgrind and bench's whole group at once
        # (interruption.py), rather than after the row's run.
        with open(stderr_path, "w", encoding="utf-8") as stderr:
            code = interruption.run_child(
                command, started=children.append, stdout=subprocess.DEVNULL,
                stderr=stderr, env={**os.environ, **_ENVIRONMENT})
        try:
            results = bench_json.load_results(str(out))
        except bench_json.InputError:
            lines = (stderr_path.read_text(encoding="utf-8",
                                           errors="replace").strip()
                     .splitlines() or ["no message"])
            return None, None, (f"bench under valgrind "
                                f"{interruption.ended(code)}: {lines[-1]}")
        if row in results.errors():
            return None, None, results.errors()[row]
        # Processes that bench forks write files of their own pid; the
        # count is bench's, whose pid was valgrind's.
        counted = callgrind_file.task_instructions(
            str(scratch / f"callgrind.{children[0].pid}"), callee)
    except bench_json.InputError as error:
        return None, None, str(error)
    finally:
        for path in scratch.iterdir():
            path.unlink()
    return (instruction_counts.Count(instructions=counted.instructions,
                                     tasks=counted.calls),
            results.context, None)


def _progress(number: int, total: int, row: str, error: str | None,
              elapsed: float) -> None:
    """The line of a row on stderr: which, how it went, and the time taken
    and left, at the pace so far."""
    left = elapsed / number * (total - number)
    print(f"{ab_rounds.PROG}: counted {number}/{total} {row}"
          f"{' (failed)' if error else ''}; "
          f"{ab_rounds.duration(elapsed)} so far, about "
          f"{ab_rounds.duration(left)} more", file=sys.stderr)
