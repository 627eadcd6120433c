"""Which executor and worker count to use, per workload, on the measured
machine: the model behind scripts/advise and the report's advice.

For every workload of the grid (<Workload>/<Executor>/workers:<W>), from
its benchmarks measured without error:

  fastest     the lowest median wall time per batch.
  as fast     the others that the run cannot tell apart from it: their 95%
              confidence interval of the median (statistics.py) overlaps the
              fastest's. Overlap is the conservative test: intervals that do
              not overlap always mean a real difference, while overlapping
              ones may still hide a small one, so "as fast" means "not shown
              to be slower". When either side has too few repetitions for an
              interval, the benchmark is listed as "cannot tell".
  cheapest    among all within 5% of the fastest median, the one with the
              fewest workers, then the least CPU time per batch
              (cpu_per_wall x median wall time); often the fastest itself.

Each choice comes with one line of why, built from the run's own medians
and counters: speedup over Serial, utilization, the share of the wall time
spent starting workers (startup_s), and CPU seconds per wall second
(cpu_per_wall). Counters the file lacks are left out. entries() gives those
words in order, for every form of the advice (reports/advice.py, the HTML
page).
"""

import dataclasses
import statistics

from execbench import formatting
from execbench.analysis import speedups
from execbench.inputs import bench_json

NEAR_SHARE = 0.05  # "Within 5% of the fastest" for the cheapest choice.
_COUNTERS = ("cpu_per_wall", "startup_s", "utilization")


@dataclasses.dataclass(frozen=True)
class Choice:
    """One benchmark as a choice, with the medians of its counters."""

    point: object  # speedups.Point.
    counters: dict  # Counter name -> median over repetitions.

    @property
    def label(self) -> str:
        workers = self.point.workers
        return (f"{self.point.executor} with {workers} "
                f"worker{'s' if workers != 1 else ''}")

    @property
    def cpu_s_per_batch(self) -> float | None:
        """cpu_per_wall x median wall time; None without cpu_per_wall."""
        if "cpu_per_wall" not in self.counters:
            return None
        return self.counters["cpu_per_wall"] * self.point.median_s


@dataclasses.dataclass(frozen=True)
class Advice:
    """The advice for one workload."""

    workload: str
    fastest: Choice
    as_fast: list  # Choices whose intervals overlap the fastest's.
    cannot_tell: list  # Choices without an interval on one side or both.
    cheapest: Choice


def advise(results) -> list:
    """Advice for every workload with a measured grid benchmark."""
    counters = {name: results.samples(name) for name in _COUNTERS}
    advice = []
    for workload, points in speedups.by_workload(
            speedups.summarize(results)).items():
        choices = [Choice(point, {name: statistics.median(
            samples[point.base_name]) for name, samples in counters.items()
                                  if point.base_name in samples})
                   for point in points if not point.error]
        if choices:
            advice.append(_advise_workload(workload, choices))
    return advice


def load_advisable(path: str):
    """The results of a JSON file or of a run folder's bench.json, which
    must have measured a benchmark of the grid for advise().

    Raises:
      bench_json.InputError: when the file is bad or has no such benchmark.
    """
    results = bench_json.load_file_or_run(path)
    if not any(run.in_grid for run in results.ok_runs()):
        raise bench_json.InputError(
            f"{results.path} has no measured <Workload>/<Executor>/workers:<W> "
            "benchmark to advise on; run bench without a filter that "
            "excludes them")
    return results


def why(choice: Choice, fastest: Choice) -> str:
    """One line on the choice from its own numbers, against the fastest."""
    point = choice.point
    parts = [f"median {formatting.format_seconds(point.median_s)}"
             + _interval_text(point)]
    if choice is not fastest:
        parts.append(f"{_percent(point.median_s / fastest.point.median_s - 1)}"
                     " against the fastest")
    if point.speedup is not None and not point.is_baseline:
        parts.append(f"speedup {formatting.format_ratio(point.speedup)} over "
                     f"{speedups.BASELINE_EXECUTOR}")
    if "utilization" in choice.counters:
        parts.append(f"workers busy {choice.counters['utilization']:.0%} "
                     "of the batch")
    if "startup_s" in choice.counters and point.median_s > 0:
        startup_share = choice.counters["startup_s"] / point.median_s
        parts.append(f"start-up {startup_share:.0%} of the wall time")
    if choice.cpu_s_per_batch is not None:
        cpu_per_wall = formatting.format_number(choice.counters["cpu_per_wall"])
        cpu_per_batch = formatting.format_seconds(choice.cpu_s_per_batch)
        parts.append(f"{cpu_per_wall} CPU s per wall s, {cpu_per_batch} CPU "
                     "per batch")
    return "; ".join(parts)


def entries(item: Advice) -> list:
    """(heading, qualifier, text) of one workload's advice, in order: the
    fastest, those as fast, those it cannot tell, the cheapest. Every
    output form (text, Markdown, the HTML report) renders these."""
    rows = [("Fastest", "",
             f"{item.fastest.label}: {why(item.fastest, item.fastest)}")]
    rows += [("As fast", " (95% intervals overlap)",
              f"{choice.label}: {why(choice, item.fastest)}")
             for choice in item.as_fast]
    if item.cannot_tell:
        rows.append(("Cannot tell", " (too few repetitions for an interval)",
                     _labels(item.cannot_tell)))
    rows.append((f"Cheapest within {NEAR_SHARE:.0%}", "", cheapest_text(item)))
    return rows


def _advise_workload(workload: str, choices: list) -> Advice:
    fastest = min(choices, key=lambda choice: choice.point.median_s)
    fastest_interval = fastest.point.median_interval_s
    as_fast, cannot_tell = [], []
    for choice in choices:
        if choice is fastest:
            continue
        interval = choice.point.median_interval_s
        if interval is None or fastest_interval is None:
            cannot_tell.append(choice)
        elif interval.low <= fastest_interval.high:
            as_fast.append(choice)
    near = [choice for choice in choices if choice.point.median_s
            <= (1 + NEAR_SHARE) * fastest.point.median_s]
    cheapest = min(near, key=lambda choice: (
        choice.point.workers, choice.cpu_s_per_batch is None,
        choice.cpu_s_per_batch or 0.0, choice.point.median_s))
    return Advice(workload=workload, fastest=fastest, as_fast=as_fast,
                  cannot_tell=cannot_tell, cheapest=cheapest)


def cheapest_text(item: Advice) -> str:
    """The cheapest choice, with why unless it is the fastest itself."""
    if item.cheapest is item.fastest:
        return f"{item.fastest.label}, the fastest itself"
    return f"{item.cheapest.label} ({why(item.cheapest, item.fastest)})"


def _labels(choices: list) -> str:
    return "; ".join(choice.label for choice in choices)


def _interval_text(point) -> str:
    interval = point.median_interval_s
    if interval is None:
        return " (no 95% interval: too few repetitions)"
    return (f" [{formatting.format_seconds(interval.low)}, "
            f"{formatting.format_seconds(interval.high)}]")


def _percent(share: float) -> str:
    return f"{share:+.1%}"
