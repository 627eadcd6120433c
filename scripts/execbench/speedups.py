"""Median wall time of each benchmark of the grid, and its speedup over Serial.

The grid's benchmarks are named <Workload>/<Executor>/workers:<W>. The
baseline of a workload is its Serial executor at workers:1. Over the
repetitions of each benchmark: speedup = median(baseline) / median(benchmark)
and efficiency = speedup / workers, so that 1.0 is perfect scaling.
"""

import dataclasses
import statistics

from execbench import style

BASELINE_EXECUTOR = "Serial"


@dataclasses.dataclass(frozen=True)
class Point:
    """One benchmark: a workload on an executor with some workers."""

    base_name: str
    workload: str
    executor: str
    workers: int
    samples_s: tuple  # Wall time per batch over repetitions; () if errored.
    error: str | None
    baseline_median_s: float | None  # None when the workload has no Serial.

    @property
    def median_s(self) -> float:
        return statistics.median(self.samples_s)

    @property
    def speedup(self) -> float | None:
        if self.error or self.baseline_median_s is None:
            return None
        return self.baseline_median_s / self.median_s

    @property
    def efficiency(self) -> float | None:
        speedup = self.speedup
        return None if speedup is None else speedup / self.workers


def summarize(results, baseline_results=None) -> list:
    """Points of every grid benchmark in the Results, errored ones included.

    Benchmarks named otherwise than <Workload>/<Executor>/workers:<W> run no
    workload on an executor, so they get no Point. Ordered by workload name,
    executor (see style.sort_executors), then workers, whatever the order of
    the file (random interleaving shuffles it).

    Args:
      results: the benchmarks to summarize.
      baseline_results: where the Serial baselines come from, when not from
        `results` (e.g. the unfiltered results of filtered ones).
    """
    errors = results.errors()
    samples = results.samples()
    first_runs = {name: run for name, run in _first_runs(results).items()
                  if run.in_grid}
    baselines = _baseline_medians(baseline_results or results)
    workloads = sorted({run.workload for run in first_runs.values()})
    executors = style.sort_executors(
        run.executor for run in first_runs.values())
    runs = sorted(first_runs.values(), key=lambda run: (
        workloads.index(run.workload), executors.index(run.executor),
        run.workers))
    return [
        Point(base_name=run.base_name, workload=run.workload,
              executor=run.executor, workers=run.workers,
              samples_s=(() if run.base_name in errors
                         else tuple(samples[run.base_name])),
              error=errors.get(run.base_name),
              baseline_median_s=baselines.get(run.workload))
        for run in runs]


def by_workload(points: list) -> dict:
    """workload -> its points, keeping their order."""
    groups = {}
    for point in points:
        groups.setdefault(point.workload, []).append(point)
    return groups


def _first_runs(results) -> dict:
    """base_name -> its first run, in the order of the file."""
    first_runs = {}
    for run in results.runs:
        first_runs.setdefault(run.base_name, run)
    return first_runs


def _baseline_medians(results) -> dict:
    """workload -> median wall time of its Serial at workers:1, if measured."""
    samples = results.samples()
    return {run.workload: statistics.median(samples[name])
            for name, run in _first_runs(results).items()
            if (run.executor == BASELINE_EXECUTOR and run.workers == 1
                and name in samples and name not in results.errors())}
