"""Marks results taken while the machine was not the benchmark's alone.

On a shared VM, a benchmark also measures its neighbours: the hypervisor
steals CPU time, other processes preempt the workers, and fewer cores are
really available than num_cpus says. bench records the evidence (counters
`steal_share` and `involuntary_switches` per benchmark; the context's
`execbench_parallel_ceiling_start` and `_end`, the speedup of one busy thread
per core over one, measured before and after the run). This module turns it
into short notes for tables and comparisons. A key absent from older files,
or a value that is not a number, is unknown and gives no note.
"""

import math
import statistics

from execbench.inputs import bench_json

# A repetition with more than this share of the machine's CPU time stolen
# marks its row.
HEAVY_STEAL_SHARE = 0.10
# A ceiling below this share of the cores marks the run.
LOW_CEILING_SHARE = 0.75
# A ceiling at the end below this share of the one at the start marks it.
DROPPED_CEILING_SHARE = 0.9
# A repetition's involuntary switches this many times the median of the
# other repetitions' (and at least _MIN_EXTRA_SWITCHES more) mark its row.
SWITCHES_FACTOR = 5.0
_MIN_EXTRA_SWITCHES = 50
_CEILING_START = "execbench_parallel_ceiling_start"
_CEILING_END = "execbench_parallel_ceiling_end"


def row_notes(repetitions: list) -> list:
    """Why one benchmark row may have measured a noisy machine, one note per
    kind: heavy steal ("steal up to 35% of CPU in 4 of 5 repetitions"), and
    the repetition with the most involuntary switches among those far above
    the median of the others' ("2600 involuntary switches, against 100
    usually"). The run's own notes, which concern every row, are run_notes'.

    Args:
      repetitions: the counters (BenchmarkRun.counters) of each repetition
        of the benchmark.
    """
    notes = []
    steals = [steal for steal in (_number(counters.get("steal_share"))
                                  for counters in repetitions)
              if steal is not None and steal > HEAVY_STEAL_SHARE]
    if steals:
        up_to = "up to " if len(steals) > 1 else ""
        notes.append(f"steal {up_to}{max(steals):.0%} of CPU in "
                     f"{len(steals)} of {len(repetitions)} repetitions")
    switches = [_number(counters.get("involuntary_switches"))
                for counters in repetitions]
    far_above = []
    for index, mine in enumerate(switches):
        others = [value for value in switches[:index] + switches[index + 1:]
                  if value is not None]
        if mine is None or not others:
            continue
        usual = statistics.median(others)
        if (mine > SWITCHES_FACTOR * usual
                and mine - usual >= _MIN_EXTRA_SWITCHES):
            far_above.append((mine, usual))
    if far_above:
        worst, usual = max(far_above)
        notes.append(f"{worst:.0f} involuntary switches, against "
                     f"{usual:.0f} usually")
    return notes


def noisy_benchmarks(loaded: bench_json.Results) -> dict:
    """base_name -> the row_notes of its repetitions, for the benchmarks that
    have any, in name order."""
    by_name = {}
    for run in loaded.ok_runs():
        by_name.setdefault(run.base_name, []).append(run.counters)
    noisy = {}
    for name in sorted(by_name, key=bench_json.name_order):
        if notes := row_notes(by_name[name]):
            noisy[name] = notes
    return noisy


def run_notes(context: dict) -> list:
    """Why a whole run may have measured a noisy machine.

    A parallel ceiling below LOW_CEILING_SHARE of the cores, at the start or
    the end ("parallel ceiling 1.20 of 2 cores at the start"), and one that
    dropped during the run.
    """
    cores = _number(context.get("num_cpus"))
    ceilings = {"start": _number(context.get(_CEILING_START)),
                "end": _number(context.get(_CEILING_END))}
    notes = []
    for when, ceiling in ceilings.items():
        if (cores is not None and ceiling is not None
                and ceiling < LOW_CEILING_SHARE * cores):
            notes.append(f"parallel ceiling {ceiling:.2f} of {cores:.0f} "
                         f"cores at the {when}")
    start, end = ceilings["start"], ceilings["end"]
    if start is not None and end is not None and (
            end < DROPPED_CEILING_SHARE * start):
        notes.append(f"parallel ceiling dropped from {start:.2f} to "
                     f"{end:.2f} during the run")
    return notes


def _number(value) -> float | None:
    """The value as a float (context values are strings); None unless a
    finite number."""
    if isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None
