"""executors-WORKLOAD: median wall time as bars grouped by workers, one bar
per executor, min-max over repetitions as error bars."""

from matplotlib import figure as mpl_figure

from execbench import formatting
from execbench.charts import figure
from execbench.charts import style


ABOUT = ("Median wall time per batch, bars grouped by workers, one bar per "
         "executor; error bars: min to max over repetitions.")


def jobs(workload):
    """The chart of a subjects.Workload."""
    yield figure.job("executors", (workload.name,), ABOUT, workload.context,
                     draw, workload)


def draw(workload) -> mpl_figure.Figure:
    """Median wall time as bars grouped by workers, one bar per executor.

    Each executor's bars are one container of the figure's axes, labelled
    with the executor; with repetitions, error bars span their min to max.
    """
    measured = workload.measured
    unit, seconds_per_unit = formatting.time_unit(
        [point.median_s for point in measured])
    worker_counts = sorted({point.workers for point in measured})
    executors = formatting.sort_executors(point.executor for point in measured)
    repeated = any(len(point.samples_s) > 1 for point in measured)
    width = 0.8 / len(executors)
    fig = figure.new_figure(3.6)
    axes = fig.add_subplot()
    for index, executor in enumerate(executors):
        mine = [point for point in measured if point.executor == executor]
        medians = [point.median_s / seconds_per_unit for point in mine]
        axes.bar(
            [worker_counts.index(point.workers)
             + (index - (len(executors) - 1) / 2) * width for point in mine],
            medians, width, label=executor,
            color=style.executor_style(executor).colour,
            hatch=style.executor_style(executor).hatch,
            yerr=[[median - min(point.samples_s) / seconds_per_unit
                   for point, median in zip(mine, medians)],
                  [max(point.samples_s) / seconds_per_unit - median
                   for point, median in zip(mine, medians)]]
            if repeated else None,
            capsize=3, error_kw={"linewidth": 0.8})
    axes.set_ylabel(f"Median wall time per batch ({unit})"
                    + ("\nerror bars: min to max over repetitions"
                       if repeated else ""))
    axes.set_xticks(range(len(worker_counts)),
                    [str(count) for count in worker_counts])
    axes.set_xlabel("Workers")
    axes.grid(axis="x", visible=False)
    figure.legend_beside(axes)
    axes.set_title(f"{workload.name}: executors side by side")
    return fig
