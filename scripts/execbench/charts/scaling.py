"""What the charts of a workload against workers share (wall, speedup,
efficiency, the summary's panels): a line per executor on a log2 axis of
workers, in the executor's colour, marker and line style; the baseline
dashed black, the ideal dotted grey, the measured parallel ceiling a grey
band (style.REFERENCE_STYLES), and error bars where intervals are given."""

from matplotlib import figure as mpl_figure
from matplotlib import ticker

from execbench import formatting
from execbench.analysis import speedups
from execbench.charts import figure
from execbench.charts import style

_HEIGHT_IN = 3.6
# The ceiling's band is at least this high, in speedup, to be seen.
_MIN_CEILING_BAND = 0.04
CEILING_LABEL = "measured ceiling"
_CEILING_KEYS = ("execbench_parallel_ceiling_start",
                 "execbench_parallel_ceiling_end")


def scaling_figure(workload, *, value, ylabel, title, baseline, ideal,
                   ideal_label, interval=None,
                   cores=None) -> mpl_figure.Figure:
    """A line per executor of value(point) against workers, log2 x axis,
    the legend beside the axes.

    The baseline executor is not a line but, when `baseline` is given, a
    dashed horizontal line at that height; `ideal` maps workers to the
    dotted ideal line, which also passes through `cores` when that lies
    between the worker counts; `interval` maps a point to the (low, high)
    of its error bar, or None for none.

    Args:
      workload: the subjects.Workload to draw.
    """
    fig = figure.new_figure(_HEIGHT_IN)
    axes = fig.add_subplot()
    measured = workload.measured
    if baseline is not None:
        axes.axhline(baseline, label=f"{speedups.BASELINE_EXECUTOR}, 1 worker",
                     **style.REFERENCE_STYLES["baseline"])
    if ideal is not None:
        draw_ideal(axes, measured, ideal, ideal_label, cores)
    draw_executor_lines(axes, measured, value, interval)
    set_workers_axis(axes, measured)
    axes.set_xlabel("Workers (log2 scale)"
                    + ("; error bars: 95% intervals" if interval else ""))
    axes.set_ylabel(ylabel)
    axes.set_title(title)
    figure.legend_beside(axes)
    return fig


def draw_executor_lines(axes, measured: list, value, interval=None,
                        markersize: float = 6) -> None:
    """A line of value(point) against workers per executor but the
    baseline, labelled with the executor, with error bars from interval."""
    for executor in formatting.sort_executors(
            point.executor for point in measured):
        if executor == speedups.BASELINE_EXECUTOR:
            continue
        mine = [point for point in measured if point.executor == executor]
        looks = style.executor_style(executor)
        axes.plot([point.workers for point in mine],
                  [value(point) for point in mine], label=executor,
                  color=looks.colour, marker=looks.marker,
                  linestyle=looks.linestyle, markersize=markersize)
        bounded = [(point, interval(point)) for point in mine
                   if interval is not None and interval(point) is not None]
        if bounded:
            axes.errorbar(
                [point.workers for point, _ in bounded],
                [value(point) for point, _ in bounded],
                yerr=[[value(point) - low for point, (low, _) in bounded],
                      [high - value(point) for point, (_, high) in bounded]],
                fmt="none", ecolor=looks.colour, capsize=3, linewidth=0.8,
                label="_nolegend_")


def draw_ideal(axes, measured: list, ideal, label: str, cores) -> None:
    """The dotted ideal line over the worker counts, through the core count
    when it lies between them."""
    worker_counts = sorted({point.workers for point in measured})
    counts = sorted(set(worker_counts) | (
        {cores} if cores and worker_counts[0] < cores < worker_counts[-1]
        else set()))
    axes.plot(counts, [ideal(count) for count in counts], label=label,
              **style.REFERENCE_STYLES["ideal"])


def draw_ceiling(axes, context: dict) -> str | None:
    """The machine's measured parallel ceiling (the speedup of one busy
    thread per core, at the start and end of the run) as a grey band from
    the lower to the higher; returns its label, or None when the run has
    none."""
    ceilings = [number for number in (_context_number(context, key)
                                      for key in _CEILING_KEYS)
                if number is not None]
    if not ceilings:
        return None
    low, high = min(ceilings), max(ceilings)
    pad = max(0.0, _MIN_CEILING_BAND - (high - low)) / 2
    label = (f"{CEILING_LABEL} "
             + "-".join(dict.fromkeys(formatting.format_ratio(number)
                                      for number in (low, high))))
    axes.axhspan(low - pad, high + pad, label=label,
                 **style.REFERENCE_STYLES["ceiling"])
    return label


def set_workers_axis(axes, measured: list) -> None:
    """A log2 axis of the measured worker counts, and y from 0."""
    worker_counts = sorted({point.workers for point in measured})
    axes.set_xscale("log", base=2)
    axes.set_xticks(worker_counts, [str(count) for count in worker_counts])
    axes.xaxis.set_minor_locator(ticker.NullLocator())
    axes.set_ylim(bottom=0)


def _context_number(context: dict, key: str) -> float | None:
    """The context's value as a positive number; None if absent or not one."""
    try:
        number = float(context[key])
    except (KeyError, TypeError, ValueError):
        return None
    return number if number > 0 else None
