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

from execbench import results

# Above this share of the machine's CPU time stolen, a row is marked.
HEAVY_STEAL_SHARE = 0.10
# A ceiling below this share of the cores marks the run.
LOW_CEILING_SHARE = 0.75
# A ceiling at the end below this share of the one at the start marks it.
DROPPED_CEILING_SHARE = 0.9
# Involuntary switches this many times the median of the peers' (and at
# least _MIN_EXTRA_SWITCHES more) mark a row.
SWITCHES_FACTOR = 5.0
_MIN_EXTRA_SWITCHES = 50
_CEILING_START = "execbench_parallel_ceiling_start"
_CEILING_END = "execbench_parallel_ceiling_end"


def row_notes(row_counters: dict, peers=()) -> list:
    """Why one benchmark row may have measured a noisy machine: heavy steal,
    involuntary switches far above the peers'. The run's own notes, which
    concern every row, are run_notes'.

    Args:
      row_counters: the row's counters (BenchmarkRun.counters).
      peers: counters of rows doing the same work (e.g. the benchmark's
        other repetitions), for "involuntary switches far above the others".
    """
    notes = []
    steal = _number(row_counters.get("steal_share"))
    if steal is not None and steal > HEAVY_STEAL_SHARE:
        notes.append(f"steal {steal:.0%} of CPU")
    switches = _number(row_counters.get("involuntary_switches"))
    peer_switches = [value for value in (
        _number(peer.get("involuntary_switches")) for peer in peers)
                     if value is not None]
    if switches is not None and peer_switches:
        usual = statistics.median(peer_switches)
        if (switches > SWITCHES_FACTOR * usual
                and switches - usual >= _MIN_EXTRA_SWITCHES):
            notes.append(f"{switches:.0f} involuntary switches, against "
                         f"{usual:.0f} usually")
    return notes


def noisy_benchmarks(loaded: results.Results) -> dict:
    """base_name -> the notes of its own repetitions (steal, switches against
    its other repetitions), for the benchmarks that have any, in name order."""
    by_name = {}
    for run in loaded.ok_runs():
        by_name.setdefault(run.base_name, []).append(run)
    noisy = {}
    for name in sorted(by_name, key=results.name_order):
        runs = by_name[name]
        notes = []
        for run in runs:
            peers = [other.counters for other in runs if other is not run]
            for note in row_notes(run.counters, peers):
                if note not in notes:
                    notes.append(note)
        if notes:
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
