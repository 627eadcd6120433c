"""What the charts of a workload against workers share (wall, speedup,
efficiency): a line per executor on a log2 axis of workers, the baseline
dashed, the ideal dotted, and error bars where intervals are given."""

from matplotlib import figure as mpl_figure
from matplotlib import ticker

from execbench import formatting
from execbench.analysis import speedups
from execbench.charts import figure
from execbench.charts import style

_IDEAL_STYLE = {"color": "0.45", "linestyle": ":", "linewidth": 1.2}
_BASELINE_STYLE = {"color": style.OKABE_ITO[0], "linestyle": "--",
                   "linewidth": 1.2}


def scaling_figure(workload, *, value, ylabel, title, baseline, ideal,
                   ideal_label, interval=None,
                   cores=None) -> mpl_figure.Figure:
    """A line per executor of value(point) against workers, log2 x axis.

    The baseline executor is not a line but, when `baseline` is given, a
    dashed horizontal line at that height; `ideal` maps workers to the
    dotted ideal line, which also passes through `cores` when that lies
    between the worker counts; `interval` maps a point to the (low, high)
    of its error bar, or None for none.

    Args:
      workload: the subjects.Workload to draw.
    """
    fig = figure.new_figure(workload.context, 3.6)
    axes = fig.add_subplot()
    measured = workload.measured
    worker_counts = sorted({point.workers for point in measured})
    executors = formatting.sort_executors(
        point.executor for point in measured)
    if baseline is not None:
        axes.axhline(baseline, label=f"{speedups.BASELINE_EXECUTOR}, 1 worker",
                     **_BASELINE_STYLE)
    if ideal is not None:
        ideal_counts = sorted(set(worker_counts) | (
            {cores} if cores and worker_counts[0] < cores < worker_counts[-1]
            else set()))
        axes.plot(ideal_counts, [ideal(count) for count in ideal_counts],
                  label=ideal_label, **_IDEAL_STYLE)
    for executor in executors:
        if executor == speedups.BASELINE_EXECUTOR:
            continue
        mine = [point for point in measured if point.executor == executor]
        axes.plot([point.workers for point in mine],
                  [value(point) for point in mine], label=executor,
                  color=style.executor_style(executor).colour,
                  marker=style.executor_style(executor).marker)
        bounded = [(point, interval(point)) for point in mine
                   if interval is not None and interval(point) is not None]
        if bounded:
            axes.errorbar(
                [point.workers for point, _ in bounded],
                [value(point) for point, _ in bounded],
                yerr=[[value(point) - low for point, (low, _) in bounded],
                      [high - value(point) for point, (_, high) in bounded]],
                fmt="none", ecolor=style.executor_style(executor).colour,
                capsize=3, linewidth=0.8, label="_nolegend_")
    axes.set_xscale("log", base=2)
    axes.set_xticks(worker_counts, [str(count) for count in worker_counts])
    axes.xaxis.set_minor_locator(ticker.NullLocator())
    axes.set_ylim(bottom=0)
    axes.set_xlabel("Workers (log2 scale)"
                    + ("; error bars: 95% intervals" if interval else ""))
    axes.set_ylabel(ylabel)
    axes.set_title(title)
    axes.legend(fontsize="small")
    return fig
