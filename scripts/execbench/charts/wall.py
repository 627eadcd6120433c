"""wall-WORKLOAD: median wall time per batch against workers, a line per
executor, Serial as a dashed baseline, ideal scaling (Serial / min(workers,
cores)) dotted, the 95% intervals of the medians as error bars."""

from matplotlib import figure as mpl_figure

from execbench import formatting
from execbench.analysis import speedups
from execbench.charts import figure
from execbench.charts import scaling


ABOUT = ("Median wall time per batch against workers, a line per executor; "
         "error bars: 95% intervals of the medians; dashed: Serial at 1 "
         "worker; dotted: the ideal, Serial / min(workers, cores).")


def jobs(workload):
    """The chart of a subjects.Workload."""
    yield figure.job("wall", (workload.name,), ABOUT, workload.context, draw,
                     workload)


def draw(workload) -> mpl_figure.Figure:
    """Median wall time per batch against workers, a line per executor.

    Error bars are the medians' 95% intervals; the ideal is Serial divided
    by min(workers, cores).
    """
    unit, seconds_per_unit = formatting.time_unit(
        [point.median_s for point in workload.measured])
    baseline = workload.baseline_median_s
    cores = speedups.core_count(workload.context)
    return scaling.scaling_figure(
        workload,
        value=lambda point: point.median_s / seconds_per_unit,
        interval=lambda point: _scaled_interval(point.median_interval_s,
                                                seconds_per_unit),
        ylabel=f"Median wall time per batch ({unit})",
        title=f"{workload.name}: wall time against workers",
        baseline=None if baseline is None else baseline / seconds_per_unit,
        ideal=(None if baseline is None else
               lambda workers: baseline / seconds_per_unit
               / speedups.useful_workers(workers, cores)),
        ideal_label="ideal")


def _scaled_interval(interval, seconds_per_unit: float):
    """(low, high) of a statistics.Interval in the unit; None stays None."""
    if interval is None:
        return None
    return interval.low / seconds_per_unit, interval.high / seconds_per_unit
