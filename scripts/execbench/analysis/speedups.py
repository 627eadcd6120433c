"""Median wall time of each benchmark of the grid, and its speedup over Serial.

The grid's benchmarks are named <Workload>/<Executor>/workers:<W>. The
baseline of a workload is its Serial executor at workers:1. Over the
repetitions of each benchmark: speedup = median(baseline) / median(benchmark)
and efficiency = speedup / min(workers, cores), so that 1.0 is perfect
scaling: with more workers than cores (the context's num_cpus), no executor
can go faster than one worker per core. Without num_cpus, cores are taken
as unbounded (efficiency = speedup / workers).

Intervals. Each median has its 95% confidence interval (statistics.py). The
speedup's interval is conservative and needs no resampling: from the
97.5% intervals of both medians, [baseline low / benchmark high, baseline
high / benchmark low]. Whenever both intervals cover their true medians,
this one covers the true ratio; by Bonferroni's inequality that happens with
probability >= 1 - 0.025 - 0.025 = 95%, whatever the dependence between the
two. It is wider than a bootstrap interval, but a bootstrap of 5 to 15
repetitions is itself unreliable, and this one is reproducible to the byte
and honest with few samples. Below 7 samples on either side no 97.5%
interval exists, and the speedup has none. The baseline's own speedup is 1
by definition and has no interval.
"""

import dataclasses
import statistics

from execbench import formatting
from execbench.analysis import statistics as execbench_statistics

# Per median, so that the speedup's interval covers >= 95% (Bonferroni).
SPEEDUP_MEDIAN_CONFIDENCE = 0.975

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
    baseline_samples_s: tuple  # Of the workload's Serial; () when none.
    cores: int | None = None  # The machine's num_cpus; None if unknown.

    @property
    def median_s(self) -> float:
        return statistics.median(self.samples_s)

    @property
    def baseline_median_s(self) -> float | None:
        """The Serial median; None when the workload has no Serial."""
        if not self.baseline_samples_s:
            return None
        return statistics.median(self.baseline_samples_s)

    @property
    def is_baseline(self) -> bool:
        return self.executor == BASELINE_EXECUTOR and self.workers == 1

    @property
    def median_interval_s(self):
        """The 95% interval of median_s; None if errored or too few samples."""
        return execbench_statistics.median_interval(self.samples_s)

    @property
    def speedup(self) -> float | None:
        if self.error or self.baseline_median_s is None:
            return None
        return self.baseline_median_s / self.median_s

    @property
    def speedup_interval(self) -> tuple | None:
        """(low, high) of the speedup, >= 95%; see the module docstring."""
        if self.speedup is None or self.is_baseline:
            return None
        baseline = execbench_statistics.median_interval(
            self.baseline_samples_s, SPEEDUP_MEDIAN_CONFIDENCE)
        mine = execbench_statistics.median_interval(
            self.samples_s, SPEEDUP_MEDIAN_CONFIDENCE)
        if baseline is None or mine is None or mine.low <= 0:
            return None
        return baseline.low / mine.high, baseline.high / mine.low

    @property
    def useful_workers(self) -> int:
        return useful_workers(self.workers, self.cores)

    @property
    def efficiency(self) -> float | None:
        speedup = self.speedup
        return None if speedup is None else speedup / self.useful_workers


def useful_workers(workers: int, cores: int | None) -> int:
    """min(workers, cores), the most workers that can run at once; workers
    when the core count is unknown."""
    return workers if cores is None else min(workers, cores)


def core_count(context: dict) -> int | None:
    """The context's num_cpus as a positive int; None if absent or bad."""
    try:
        cores = int(context.get("num_cpus"))
    except (TypeError, ValueError):
        return None
    return cores if cores > 0 else None


def summarize(results, baseline_results=None) -> list:
    """Points of every grid benchmark in the Results, errored ones included.

    Benchmarks named otherwise than <Workload>/<Executor>/workers:<W> run no
    workload on an executor, so they get no Point. Ordered by workload name,
    executor (see formatting.sort_executors), then workers, whatever the
    order of the file (random interleaving shuffles it).

    Args:
      results: the benchmarks to summarize.
      baseline_results: where the Serial baselines come from, when not from
        `results` (e.g. the unfiltered results of filtered ones).
    """
    errors = results.errors()
    samples = results.samples()
    first_runs = {name: run for name, run in _first_runs(results).items()
                  if run.in_grid}
    baselines = _baseline_samples(baseline_results or results)
    cores = core_count(results.context)
    workloads = sorted({run.workload for run in first_runs.values()})
    executors = formatting.sort_executors(
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
              baseline_samples_s=baselines.get(run.workload, ()),
              cores=cores)
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


def _baseline_samples(results) -> dict:
    """workload -> wall times of its Serial at workers:1, if measured."""
    samples = results.samples()
    return {run.workload: tuple(samples[name])
            for name, run in _first_runs(results).items()
            if (run.executor == BASELINE_EXECUTOR and run.workers == 1
                and name in samples and name not in results.errors())}
