"""What a chart is of: the whole run, a workload of the grid, a batch of the
spans file, or the granularity sweep; and which of them a run has to chart.

A chart family (charts/__init__.py lists them) draws one chart per subject
of one kind. The whole run is charted when a workload has speedups; a
workload when some benchmark of it was measured; a batch when its benchmark
did not fail, it has spans, it is no point of a sweep (the METG chart draws
those, and a chart per task length would swell every run) and, when the run
names the batches to draw, it is one of them; the sweep when one of its
curves has an efficiency to draw.
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
    curves: tuple = ()  # metg.curves() of the results, for the METG chart.
    advice: tuple = ()  # advice.advise() of the results, for the summary.
    # The base names of the batches to draw; None for every batch.
    batch_names: frozenset | None = None


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
class Summary:
    """The whole run: its workloads with speedups, and their advice."""

    workloads: list  # Workload, each with speedups.
    advice: dict  # Workload name -> advice.Advice; may lack some.
    context: dict


@dataclasses.dataclass(frozen=True)
class Sweep:
    """The granularity sweep: its curves."""

    curves: list  # metg.Curve, in metg.curves() order.
    context: dict


def whole_run(run: Run) -> list:
    """The run's Summary, when a workload has speedups to draw."""
    charted = [workload for workload in workloads(run)
               if workload.has_speedups]
    if not charted:
        return []
    return [Summary(charted, {item.workload: item for item in run.advice},
                    run.context)]


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
            and not batch.params
            and (run.batch_names is None
                 or batch.base_name in run.batch_names)]


def sweeps(run: Run) -> list:
    """The sweep, when one of its curves has an efficiency to draw."""
    if not any(point.efficiency is not None
               for curve in run.curves for point in curve.points):
        return []
    return [Sweep(list(run.curves), run.context)]
