"""What a chart is of: a workload of the grid, a batch of the spans file, or
an executor of the granularity sweep; and which of them a run has to chart.

A chart family (charts/__init__.py lists them) draws one chart per subject
of one kind. A workload is charted when some benchmark of it was measured; a
batch when its benchmark did not fail, it has spans and it is no point of a
sweep (the METG chart draws those, and a chart per task length would swell
every run); an executor of the sweep when one of its curves has an
efficiency to draw.
"""

import dataclasses

from execbench.analysis import speedups


@dataclasses.dataclass(frozen=True)
class Run:
    """What the charts of a run are drawn from."""

    points: list  # speedups.summarize() of the results to chart.
    context: dict  # The results' context, for the captions.
    # A spans.SpansFile for the timelines and lanes, or None; its context
    # takes precedence over `context` in theirs.
    spans_file: object = None
    curves: tuple = ()  # metg.curves() of the results, for the METG charts.


@dataclasses.dataclass(frozen=True)
class Workload:
    """A workload of the grid, with its points in summarize()'s order."""

    name: str
    points: list  # speedups.Point, errored ones included.
    context: dict

    @property
    def measured(self) -> list:
        """The points without an error."""
        return [point for point in self.points if not point.error]

    @property
    def baseline_median_s(self) -> float | None:
        """The median of the workload's Serial at workers:1; None without."""
        return self.points[0].baseline_median_s

    @property
    def has_speedups(self) -> bool:
        """Whether it has speedups to chart: a baseline, and a measured
        executor other than the baseline's."""
        return self.baseline_median_s is not None and any(
            point.executor != speedups.BASELINE_EXECUTOR
            for point in self.measured)


@dataclasses.dataclass(frozen=True)
class Batch:
    """The last batch of one benchmark, from the spans file."""

    batch: object  # spans.Batch.
    context: dict

    @property
    def name_parts(self) -> tuple:
        """What names its charts: workload, executor, w<workers>."""
        return (self.batch.workload, self.batch.executor,
                f"w{self.batch.workers}")


@dataclasses.dataclass(frozen=True)
class SweepExecutor:
    """An executor of the granularity sweep, with its curves."""

    executor: str
    curves: list  # metg.Curve, one per worker count.
    context: dict


def workloads(run: Run) -> list:
    """The workloads of the run's points with a measured benchmark."""
    return [Workload(name, mine, run.context)
            for name, mine in speedups.by_workload(run.points).items()
            if any(not point.error for point in mine)]


def batches(run: Run) -> list:
    """The batches of the spans file to chart, in the order of the file."""
    if run.spans_file is None:
        return []
    errored = {point.base_name for point in run.points if point.error}
    # The spans file's context may lack what Google Benchmark adds (num_cpus).
    context = {**run.context, **run.spans_file.context}
    return [Batch(batch, context) for batch in run.spans_file.batches
            if batch.base_name not in errored and batch.spans
            and not batch.params]


def sweep_executors(run: Run) -> list:
    """The executors of the sweep with an efficiency to draw."""
    by_executor = {}
    for curve in run.curves:
        by_executor.setdefault(curve.executor, []).append(curve)
    return [SweepExecutor(executor, curves, run.context)
            for executor, curves in by_executor.items()
            if any(point.efficiency is not None
                   for curve in curves for point in curve.points)]
