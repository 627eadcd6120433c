"""Why the advice (advice.py) answers what it answers, and what to avoid, in
a few words drawn from the run's own counters; and which batches show it.

Why a parallel answer (A):
  tasks wait    A's CPU seconds per wall second (cpu_per_wall) are under
                half its speedup: its workers overlap waiting, not work
                ("tasks wait (0.11 CPU s per s): 8 workers overlap the
                waits"), and when A has the most workers measured, more may
                help.
  CPU-bound     A's cpu_per_wall is at least 75% of the cores it can use:
                "2 workers keep both cores busy (1.96 CPU s per s)".
Why Serial:
  the library   Serial's own cpu_per_wall is at least 75% of the cores, and
                there is more than one: "the library already uses both
                cores".
  no gain       else the best other choice's speedup and its interval, which
                reaches 1 ("within noise"), or that nothing is faster.
Either way, when tasks carry payloads (bench --arg_bytes, --result_bytes)
and the answer spends at least MOVING_SHARE of its batch's CPU time moving
them (advice.Choice.move_share), the reason adds it: "moving 2.10 MB per
task takes 35% of the batch's CPU time".

What to avoid: every executor but the answer's whose fastest choice with two
or more workers does worse than the answer (a median over 1 + TOLERANCE
times the answer's; for a Serial answer, also not shown faster than
Serial), for a reason its counters give, executors of one reason together:
  moving data   it spends at least MOVING_SHARE of its batch's CPU time
                moving payloads: "Processes: moving 2.10 MB per task takes
                60% of the batch's CPU time";
  start-up      start-up is at least 20% of its wall time;
  one at a time under 1.25 CPU s per s with two or more workers, where
                Serial, at 0.8 or more, is CPU-bound (the GIL, for Python);
  idle          its workers busy under half the batch (utilization);
  slower        else slower than the answer beyond doubt (advice.judge).
Then "more workers than cores" when the answer's executor, given more
workers than cores, is slower than the answer beyond doubt.
"""

import dataclasses

from execbench import formatting
from execbench.analysis import advice as advice_model
from execbench.analysis import speedups

# Serial's CPU seconds per wall second, as a share of the cores, from which
# the library it calls runs on them all by itself; and a choice's, as a
# share of the cores it may use, from which it is CPU-bound.
BUSY_CORES_SHARE = 0.75
# A choice whose cpu_per_wall is under this share of its speedup waits.
WAITING_SHARE = 0.5
STARTUP_SHARE = 0.2
# Serial at this cpu_per_wall or more is CPU-bound; workers that then use
# under ONE_AT_A_TIME_CPU run one task at a time.
SERIAL_CPU_BOUND = 0.8
ONE_AT_A_TIME_CPU = 1.25
IDLE_UTILIZATION = 0.5
# A choice that spends this share of its batch's CPU time moving payloads
# is decided by moving data.
MOVING_SHARE = 0.25


@dataclasses.dataclass(frozen=True)
class Avoided:
    """One thing to avoid, and the choice whose batch shows it."""

    text: str  # "Processes: start-up 32% of the batch".
    example: object  # advice.Choice.


def why(item) -> str:
    """Why the advice.Advice answers what it does, in a few words."""
    text = _why_parallel(item) if item.pays else _why_serial(item)
    share = item.answer.move_share
    if share is None or share < MOVING_SHARE:
        return text
    return f"{text}; {_moving_text(item.answer, [share])}"


def _moving_text(choice, shares: list) -> str:
    """"moving 2.10 MB per task takes 35% of the batch's CPU time"."""
    per_task = choice.bytes_moved_per_task
    moved = (f"moving {formatting.format_bytes(per_task)} per task"
             if per_task is not None else "moving data")
    return f"{moved} takes {_range(shares, _percent)} of the batch's CPU time"


def avoid(item) -> list:
    """What to avoid for the advice.Advice, as Avoided, in the order of the
    module docstring."""
    by_reason = {}
    answer = item.answer
    for executor in formatting.sort_executors(
            choice.point.executor for choice in item.choices):
        parallel = [choice for choice in item.choices
                    if choice.point.executor == executor
                    and choice.point.workers >= 2]
        if executor == answer.point.executor or not parallel:
            continue
        best = min(parallel, key=lambda choice: choice.point.median_s)
        worse = best.point.median_s > (
            1 + advice_model.TOLERANCE) * answer.point.median_s or (
                not item.pays and not best.shown_faster_than_serial)
        reason = _diagnosis(best, item.serial, answer) if worse else None
        if reason is not None:
            by_reason.setdefault(reason[0], []).append((best, reason[1]))
    found = [Avoided(_group_text(kind, members), members[0][0])
             for kind, members in sorted(
                 by_reason.items(), key=lambda entry: _KINDS.index(entry[0]))]
    crowded = _more_workers_than_cores(item)
    return found + ([crowded] if crowded else [])


def evidence(item) -> list:
    """The choices whose batches show the advice.Advice: Serial, the answer,
    the fastest and the first to avoid, without repeats."""
    avoided = avoid(item)
    shown = [item.serial, item.answer, item.fastest,
             avoided[0].example if avoided else None]
    return list({id(choice): choice for choice in shown
                 if choice is not None}.values())


def evidence_names(advice) -> frozenset:
    """The base names of the benchmarks whose batches show the advice, of
    every advice.Advice of advice."""
    return frozenset(choice.point.base_name for item in advice
                     for choice in evidence(item))


def cores_phrase(count: int, cores: int | None) -> str:
    """"both cores", "all 8 cores", "2 of 8 cores"."""
    if cores is None:
        return f"{count} cores"
    if count >= cores:
        return "both cores" if cores == 2 else f"all {cores} cores"
    return f"{count} of {cores} cores"


def _why_parallel(item) -> str:
    answer = item.answer
    point = answer.point
    cpu_per_wall = answer.counters.get("cpu_per_wall")
    if point.speedup is None:
        return "the fastest measured; no Serial to compare with"
    if cpu_per_wall is not None and cpu_per_wall < WAITING_SHARE * (
            point.speedup):
        text = (f"tasks wait ({formatting.format_number(cpu_per_wall)} CPU s "
                f"per s): {point.workers} workers overlap the waits")
        if point.workers == max(choice.point.workers
                                for choice in item.choices):
            text += "; more may help"
        return text
    useful = speedups.useful_workers(point.workers, item.cores)
    if cpu_per_wall is not None and cpu_per_wall >= BUSY_CORES_SHARE * useful:
        return (f"{point.workers} workers keep "
                f"{cores_phrase(useful, item.cores)} busy "
                f"({formatting.format_number(cpu_per_wall)} CPU s per s)")
    return (f"{formatting.format_ratio(point.speedup)}x with {point.workers} "
            "workers, beyond doubt")


def _why_serial(item) -> str:
    serial = item.serial
    cpu_per_wall = serial.counters.get("cpu_per_wall")
    if (cpu_per_wall is not None and item.cores and item.cores > 1
            and cpu_per_wall >= BUSY_CORES_SHARE * item.cores):
        return (f"the library already uses {cores_phrase(item.cores, item.cores)}"
                f" ({formatting.format_number(cpu_per_wall)} CPU s per s)")
    others = [choice for choice in item.choices if choice is not serial]
    if not others:
        return "only Serial was measured"
    best = min(others, key=lambda choice: choice.point.median_s)
    speedup = f"{formatting.format_ratio(best.point.speedup)}x"
    if best.point.median_s >= serial.point.median_s:
        return f"nothing is faster (next: {best.short_label}, {speedup})"
    interval = best.point.speedup_interval
    if interval is None:
        return (f"too few repetitions to tell {best.short_label}'s {speedup} "
                "from 1")
    if interval[0] <= 1:
        return (f"{best.short_label}'s {speedup} "
                f"[{formatting.format_ratio(interval[0])}, "
                f"{formatting.format_ratio(interval[1])}] is within noise")
    return f"{best.short_label} gains only {speedup}"


_KINDS = ("moving data", "start-up", "one at a time", "idle", "slower")


def _diagnosis(choice, serial, answer) -> tuple | None:
    """(kind, value) of why the choice does worse, or None."""
    moving = choice.move_share
    if moving is not None and moving >= MOVING_SHARE:
        return "moving data", moving
    share = choice.startup_share
    if share is not None and share >= STARTUP_SHARE:
        return "start-up", share
    cpu_per_wall = choice.counters.get("cpu_per_wall")
    serial_cpu = None if serial is None else serial.counters.get(
        "cpu_per_wall")
    if (cpu_per_wall is not None and serial_cpu is not None
            and serial_cpu >= SERIAL_CPU_BOUND
            and cpu_per_wall < ONE_AT_A_TIME_CPU):
        return "one at a time", cpu_per_wall
    utilization = choice.counters.get("utilization")
    if utilization is not None and utilization < IDLE_UTILIZATION:
        return "idle", utilization
    if advice_model.judge(choice, answer) is advice_model.Verdict.SLOWER:
        return "slower", choice.point.median_s / answer.point.median_s - 1
    return None


def _group_text(kind: str, members: list) -> str:
    """The words for executors avoided for one reason."""
    names = ", ".join(choice.point.executor for choice, _ in members)
    values = [value for _, value in members]
    if kind == "moving data":
        return f"{names}: {_moving_text(members[0][0], values)}"
    if kind == "start-up":
        return f"{names}: start-up {_range(values, _percent)} of the batch"
    if kind == "one at a time":
        return (f"{names}: tasks run one at a time "
                f"({_range(values, formatting.format_number)} CPU s per s)")
    if kind == "idle":
        return f"{names}: workers busy {_range(values, _percent)} of the batch"
    return f"{names}: {_range(values, _percent)} slower"


def _more_workers_than_cores(item) -> Avoided | None:
    """More workers than cores, when they make the answer's executor slower
    beyond doubt."""
    answer = item.answer
    if not item.pays or item.cores is None or answer.point.workers > item.cores:
        return None
    crowded = [choice for choice in item.choices
               if choice.point.executor == answer.point.executor
               and choice.point.workers > item.cores
               and choice.point.median_s > (
                   1 + advice_model.TOLERANCE) * answer.point.median_s
               and advice_model.judge(choice, answer)
               is advice_model.Verdict.SLOWER]
    if not crowded:
        return None
    worst = max(crowded, key=lambda choice: choice.point.median_s)
    slower = worst.point.median_s / answer.point.median_s - 1
    return Avoided(f"more workers than cores ({worst.short_label}: "
                   f"{_percent(slower)} slower)", worst)


def _range(values: list, render) -> str:
    """"23%", or "23-71%" when the values differ as rendered."""
    low, high = render(min(values)), render(max(values))
    if low == high:
        return low
    unit = "%" if low.endswith("%") and high.endswith("%") else ""
    return f"{low.removesuffix(unit)}-{high}"


def _percent(share: float) -> str:
    return f"{share:.0%}"
