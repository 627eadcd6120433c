"""Minimum effective task granularity, METG(50%), from the Granularity sweep.

The sweep runs `Granularity/<Executor>/workers:<W>/task_us:<T>`: batches of
the same total work cut into tasks of nominal length T microseconds, T from
10 ms down to 0.1 us. METG(50%) answers "how short may my tasks be before
this executor wastes half the machine?" (Task Bench: Slaughter et al., SC'20,
and its scripts/chart_metg.py, whose rules this module follows).

For each point (executor, W, T), over its repetitions without error:
  wall        = median wall time of a batch;
  tasks       = the `tasks` counter (median; it is the same in every batch);
  granularity = wall x W / tasks: the wall time each worker spends per task;
  rate        = tasks x T / wall: microseconds of nominal work per second;
  peak        = min(W, cores) x the rate of Granularity/Serial/workers:1 at
                its largest T (cores: the context's num_cpus); a run without
                Serial uses the executor's own workers:1 at its largest T,
                and says so;
  efficiency  = rate / peak.

METG(50%) of a curve (executor, W) is where its efficiency first falls
below 50%, going from large tasks to small: from the first point at 50% or
more, the last point before the first one below 50% (the METG point), and
the finer point after it. When the finer point has a smaller granularity,
the METG is interpolated between the two to an efficiency of exactly 50%,
linearly in granularity (not in its log), as chart_metg.py does with
numpy.interp; else it is the METG point's granularity. On a smooth curve
this is Task Bench's "smallest granularity at 50% or more"; on a jagged one
it does not jump to a later, lucky point past a dip below 50%.

Each point has the 95% interval of its efficiency from the repetitions:
the efficiency at the ends of the 95% interval of the median wall time
(statistics.py), the peak taken as exact.

A curve is valid, as in Task Bench, when some point reaches 50% and a later
one falls below it, no point reaches 150% efficiency (a timing or peak
error), and the finer point after the METG point has at least as many
repetitions (else the sweep was cut short). Here a curve with a failed
point is invalid too. An invalid curve gets the reason, never a number.
"""

import dataclasses
import re
import statistics

from execbench import formatting
from execbench.analysis import speedups
from execbench.analysis import statistics as execbench_statistics

WORKLOAD = "Granularity"
BASELINE_EXECUTOR = "Serial"
THRESHOLD = 0.5
# Task Bench rejects a curve with an efficiency of 150% or more.
MAX_EFFICIENCY = 1.5
_TASKS = "tasks"
# A task length as the sweep's names write it: 0.1, 2, 10000.
_TASK_US_VALUE = re.compile(r"\d+(?:\.\d+)?")


@dataclasses.dataclass(frozen=True)
class Point:
    """One task length T of a curve, summarized over its repetitions."""

    task_us: float  # Nominal task length T.
    wall_s: float  # Median wall time of a batch.
    tasks: float  # Tasks per batch.
    repetitions: int  # Repetitions without error.
    granularity_s: float  # wall x W / tasks.
    rate: float  # tasks x T / wall, in us of nominal work per second.
    efficiency: float | None  # rate / peak; None when the peak is unknown.
    # (low, high) 95% interval of the efficiency; None without an efficiency
    # or with too few repetitions.
    efficiency_interval: tuple | None = None


@dataclasses.dataclass(frozen=True)
class Metg:
    """The METG of a curve, or why it has none."""

    granularity_s: float | None  # None when invalid.
    efficiency: float | None  # Efficiency at the METG: THRESHOLD if
    #                           interpolated, else the METG point's.
    interpolated: bool
    invalid: str | None  # Why there is no METG, for the user; None if valid.


@dataclasses.dataclass(frozen=True)
class Curve:
    """The points of one executor at one worker count, and their METG."""

    executor: str
    workers: int
    points: tuple  # Point, largest task_us first; failed points left out.
    peak_source: str | None  # "Serial/workers:1 at task_us:10000", or None.
    peak_fallback: bool  # Whether the peak is not Serial's (no Serial).
    metg: Metg

    @property
    def name(self) -> str:
        return f"{self.executor}/workers:{self.workers}"


def granularity_s(wall_s: float, workers: int, tasks: float) -> float:
    """The wall time each of the workers spends per task, in seconds."""
    return wall_s * workers / tasks


def achieved_rate(tasks: float, task_us: float, wall_s: float) -> float:
    """Microseconds of nominal work done per second of wall time."""
    return tasks * task_us / wall_s


def peak_rate(baseline_rate: float, workers: int, cores: int) -> float:
    """The rate of the baseline on each of the min(workers, cores) cores."""
    return min(workers, cores) * baseline_rate


def find_metg(points: list, threshold: float = THRESHOLD) -> Metg:
    """The METG of points ordered from the largest task_us to the smallest.

    Every point needs an efficiency; see the module docstring for the rules.
    """
    efficiencies = [point.efficiency for point in points]
    if not points or max(efficiencies) < threshold:
        best = f"; best {max(efficiencies):.0%}" if points else ""
        return _invalid(f"never reaches {threshold:.0%}{best}: sweep to "
                        "larger task_us, or the machine was too busy")
    too_high = max(points, key=lambda point: point.efficiency)
    if too_high.efficiency >= MAX_EFFICIENCY:
        return _invalid(
            f"efficiency {too_high.efficiency:.0%} at "
            f"task_us:{format_task_us(too_high.task_us)} is "
            f"{MAX_EFFICIENCY:.0%} or more: check the timing and the peak")
    first = efficiencies.index(next(
        efficiency for efficiency in efficiencies if efficiency >= threshold))
    below = next((index for index in range(first + 1, len(points))
                  if points[index].efficiency < threshold), None)
    if below is None:
        return _invalid(f"never below {threshold:.0%}: sweep to smaller "
                        "task_us")
    at, finer = points[below - 1], points[below]
    if finer.repetitions < at.repetitions:
        return _invalid(
            f"fewer repetitions after the METG point "
            f"(task_us:{format_task_us(at.task_us)} has {at.repetitions}, "
            f"task_us:{format_task_us(finer.task_us)} {finer.repetitions}): "
            "the sweep was cut short")
    if finer.granularity_s >= at.granularity_s:
        return Metg(granularity_s=at.granularity_s, efficiency=at.efficiency,
                    interpolated=False, invalid=None)
    share = (threshold - finer.efficiency) / (at.efficiency - finer.efficiency)
    return Metg(
        granularity_s=finer.granularity_s
        + share * (at.granularity_s - finer.granularity_s),
        efficiency=threshold, interpolated=True, invalid=None)


def has_granularity(results) -> bool:
    """Whether the results hold any Granularity row."""
    return any(_is_granularity(run) for run in results.runs)


def curves(results) -> list:
    """The Curve of every executor and worker count of the Granularity sweep.

    Ordered by executor (formatting.sort_executors), then workers; [] when the
    results have no Granularity row.
    """
    by_curve = _measurements(results)
    serial = by_curve.get((BASELINE_EXECUTOR, 1))
    cores = speedups.core_count(results.context)
    found = []
    executors = formatting.sort_executors(executor for executor, _ in by_curve)
    for executor, workers in sorted(by_curve, key=lambda key: (
            executors.index(key[0]), key[1])):
        baseline = serial or by_curve.get((executor, 1))
        found.append(_curve(executor, workers, by_curve[(executor, workers)],
                            baseline, serial is None, cores))
    return found


def format_task_us(task_us: float) -> str:
    """T as the benchmark names write it: 0.1, 2, 10000."""
    return f"{task_us:g}"


@dataclasses.dataclass(frozen=True)
class _Measurement:
    """One benchmark of the sweep, before the peak is known."""

    task_us: float
    wall_s: float | None  # None when failed.
    tasks: float | None  # None when failed or without a tasks counter.
    repetitions: int
    error: str | None  # What is wrong: "failed: ...", "has no tasks ...".
    wall_interval: object = None  # statistics.Interval of wall_s, or None.

    @property
    def rate(self) -> float:
        return achieved_rate(self.tasks, self.task_us, self.wall_s)


def _measurements(results) -> dict:
    """(executor, workers) -> _Measurement of each T, largest T first."""
    errors = results.errors()
    walls_s = results.samples()
    tasks = results.samples(_TASKS)
    by_curve = {}
    seen = set()
    for run in results.runs:
        task_us = _task_us(run) if _is_granularity(run) else None
        if task_us is None or run.base_name in seen:
            continue
        seen.add(run.base_name)
        name = run.base_name
        error = None
        if name in errors:
            error = f"failed: {errors[name]}"
        elif name not in tasks:
            error = "has no tasks counter"
        by_curve.setdefault((run.executor, run.workers), []).append(
            _Measurement(
                task_us=task_us,
                wall_s=None if error else statistics.median(walls_s[name]),
                tasks=None if error else statistics.median(tasks[name]),
                repetitions=len(walls_s.get(name, ())), error=error,
                wall_interval=None if error else
                execbench_statistics.median_interval(walls_s[name])))
    return {key: sorted(mine, key=lambda item: -item.task_us)
            for key, mine in by_curve.items()}


def _curve(executor, workers, measurements, baseline, fallback,
           cores) -> Curve:
    """The Curve of one executor and worker count; see curves()."""
    peak = next((item for item in baseline or () if not item.error), None)
    peak_source = None
    if peak is not None:
        peak_source = (f"{BASELINE_EXECUTOR if not fallback else executor}"
                       f"/workers:1 at task_us:{format_task_us(peak.task_us)}")
    points = tuple(
        _point(item, workers, None if peak is None or cores is None else
               peak_rate(peak.rate, workers, cores))
        for item in measurements if not item.error)
    failed = [item for item in measurements if item.error]
    if failed:
        metg = _invalid(f"task_us:{format_task_us(failed[0].task_us)} "
                        f"{failed[0].error}")
    elif peak is None:
        metg = _invalid(f"no peak: the run has no measured "
                        f"{WORKLOAD}/{BASELINE_EXECUTOR}/workers:1 nor "
                        f"{WORKLOAD}/{executor}/workers:1")
    elif cores is None:
        metg = _invalid("no peak: the context has no num_cpus")
    else:
        metg = find_metg(list(points))
    return Curve(executor=executor, workers=workers, points=points,
                 peak_source=peak_source, peak_fallback=fallback, metg=metg)


def _point(item: _Measurement, workers: int, peak: float | None) -> Point:
    """The Point of a measurement, its efficiency against peak (None for
    none) with the efficiency's interval from the wall time's."""
    efficiency = None if peak is None else item.rate / peak
    interval = None
    if efficiency is not None and item.wall_interval is not None:
        interval = (efficiency * item.wall_s / item.wall_interval.high,
                    efficiency * item.wall_s / item.wall_interval.low)
    return Point(task_us=item.task_us, wall_s=item.wall_s, tasks=item.tasks,
                 repetitions=item.repetitions,
                 granularity_s=granularity_s(item.wall_s, workers, item.tasks),
                 rate=item.rate, efficiency=efficiency,
                 efficiency_interval=interval)


def _invalid(reason: str) -> Metg:
    return Metg(granularity_s=None, efficiency=None, interpolated=False,
                invalid=reason)


def _is_granularity(run) -> bool:
    return run.workload == WORKLOAD


def _task_us(run) -> float | None:
    """T from the run's task_us:<T> part (BenchmarkRun.params); None without
    one, or when T is no such number."""
    value = run.params.get("task_us", "")
    return float(value) if _TASK_US_VALUE.fullmatch(value) else None
