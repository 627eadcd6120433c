"""One fresh process of bench, the unit of scripts/ab's and scripts/record's
rounds (running/ab_rounds.py, running/record.py): the rows a bench lists,
and what one process of it measured over some rows.

A process runs

  bench FLAGS --benchmark_repetitions=R
        --benchmark_enable_random_interleaving=true
        [--benchmark_filter=^(NAMES)$] --benchmark_out=... (JSON)

and a row's value there is the median wall time over its R repetitions,
with why its repetitions show a noisy machine, and why the whole process
does (analysis/machine_health.py).
"""

import pathlib
import statistics
import subprocess
import sys
import time

from execbench import command_line
from execbench.analysis import machine_health
from execbench.inputs import bench_json
from execbench.inputs import record_file
from execbench.running import rounds

# Flags that a process sets itself, which the user may not give.
RESERVED_FLAGS = ("--benchmark_repetitions", "--benchmark_out",
                  "--benchmark_out_format",
                  "--benchmark_enable_random_interleaving",
                  "--benchmark_list_tests")


def list_rows(bench: str, label: str, flags: list) -> dict:
    """Row name -> full name (with /manual_time) of what bench lists.

    Raises:
      rounds.BenchFailed: when bench cannot list them.
    """
    command = [bench, *flags, "--benchmark_list_tests=true"]
    try:
        listing = subprocess.run(command, capture_output=True, text=True,
                                 check=False)
    except OSError as error:
        raise rounds.BenchFailed(
            f"cannot run {label}'s {bench}: {error.strerror}",
            command_line.BAD_INPUT) from None
    if listing.returncode != 0:
        sys.stderr.write(listing.stderr)
        raise rounds.BenchFailed("", command_line.BAD_INPUT)
    return {bench_json.strip_timing_suffix(name): name
            for name in listing.stdout.split()}


def run(bench: str, flags: list, *, repetitions: int, names: list | None,
        out: pathlib.Path) -> tuple:
    """(record_file.Process, context) of one process over the rows of these
    full names (every row the flags select when None), writing its JSON to
    out.

    Raises:
      rounds.BenchFailed: when bench exits 2 or writes no results.
    """
    started = time.monotonic()
    chosen = ([] if names is None
              else [f"--benchmark_filter={rounds.exact_filter(names)}"])
    rounds.run_bench(bench, [
        *flags, f"--benchmark_repetitions={repetitions}",
        "--benchmark_enable_random_interleaving=true", *chosen,
        f"--benchmark_out={out}", "--benchmark_out_format=json"], out,
                     quiet=True)
    results = bench_json.load_results(str(out))
    row_notes = {}
    for run_of_row in results.ok_runs():
        row_notes.setdefault(run_of_row.base_name, []).append(
            run_of_row.counters)
    process = record_file.Process(
        values={name: statistics.median(samples)
                for name, samples in results.samples().items()},
        row_notes={name: tuple(notes) for name, counters in row_notes.items()
                   if (notes := machine_health.row_notes(counters))},
        notes=tuple(machine_health.run_notes(results.context)),
        errors=results.errors(), seconds=time.monotonic() - started)
    return process, results.context
