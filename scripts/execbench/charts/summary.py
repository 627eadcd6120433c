"""summary: the whole run in one figure, for the report's first screen and for
papers: speedup over Serial against workers, one small panel per workload,
a line per executor, the advised choice ringed (analysis/advice.py).

Each panel has Serial's 1 dashed, the ideal dotted (min(workers, cores)),
the measured parallel ceiling as a grey band, and the advised choice ringed
in black with its speedup's interval; its title names the workload and the
choice. One legend for every panel sits in a row of its own above them, so
it covers no data. Panels are about 1.6 in wide, at least three to a row,
so that a narrow figure (one column of a paper) has fewer per row.
"""

import math

import matplotlib
from matplotlib import figure as mpl_figure

from execbench import formatting
from execbench.analysis import speedups
from execbench.charts import figure
from execbench.charts import scaling
from execbench.charts import style

ABOUT = ("Speedup over Serial at 1 worker (median / median) against workers, "
         "one panel per workload, a line per executor; ring and error bar: "
         "the advised executor and worker count, with its speedup's interval "
         "of at least 95% (Serial when nothing is shown faster); dotted: the "
         "ideal, min(workers, cores); grey band: the parallel ceiling measured "
         "at the start and end of the run; dashed: Serial.")
_PANEL_WIDTH_IN = 1.6
_MIN_COLUMNS = 3
_PANEL_ASPECT = 0.85  # Height over width.
_MIN_PANEL_HEIGHT_IN = 1.1
_LEGEND_ROW_IN = 0.17
_LEGEND_PAD_IN = 0.2
# Narrower figures than this put the advised choice on a title line of
# its own, and fewer legend entries on a row.
_NARROW_IN = 5.0
_RING_STYLE = {"marker": "o", "markersize": 11, "markerfacecolor": "none",
               "markeredgecolor": "black", "markeredgewidth": 1.3,
               "linestyle": "none"}
_HEADROOM = 1.12
# The x axis reaches this factor beyond the worker counts, for the rings.
_X_MARGIN = 1.35
ADVISED = "advised"
# The labels of the lines every panel has; in the legend, after the
# executors', then the ceiling's and the ring's.
_REFERENCE_LABELS = ("Serial", "ideal")


def jobs(summary):
    """The chart of a subjects.Summary."""
    yield figure.job("summary", (), ABOUT, summary.context, draw, summary)


def draw(summary) -> mpl_figure.Figure:
    """One panel per workload of the summary; see the module docstring.

    Each panel's title starts with the workload's name; the ring is the
    line labelled ADVISED.
    """
    width = matplotlib.rcParams["figure.figsize"][0]
    narrow = width < _NARROW_IN
    columns = max(_MIN_COLUMNS, round(width / _PANEL_WIDTH_IN))
    rows = math.ceil(len(summary.workloads) / columns)
    panel_height = max(width / columns * _PANEL_ASPECT, _MIN_PANEL_HEIGHT_IN)
    legend_columns = columns if narrow else columns + 1
    legend_height = _LEGEND_PAD_IN + _LEGEND_ROW_IN * math.ceil(
        len(_legend_labels(summary.workloads)) / legend_columns)
    fig = figure.new_figure(rows * panel_height + legend_height,
                            scaled=False)
    grid = fig.add_gridspec(rows + 1, columns, height_ratios=[
        legend_height] + [panel_height] * rows)
    cores = speedups.core_count(summary.context)
    handles = {}
    for index, workload in enumerate(summary.workloads):
        axes = fig.add_subplot(grid[1 + index // columns, index % columns])
        _draw_panel(axes, workload, summary.advice.get(workload.name), cores,
                    narrow)
        for handle, label in zip(*axes.get_legend_handles_labels()):
            handles.setdefault(label, handle)
    references = [label for label in handles
                  if label in _REFERENCE_LABELS or label == ADVISED
                  or label.startswith(scaling.CEILING_LABEL)]
    labels = formatting.sort_executors(
        label for label in handles if label not in references) + sorted(
            references, key=lambda label: label == ADVISED)
    legend_axes = fig.add_subplot(grid[0, :])
    legend_axes.axis("off")
    legend_axes.legend([handles[label] for label in labels], labels,
                       loc="center", ncols=legend_columns, fontsize="small",
                       handlelength=2.5, columnspacing=1.0)
    fig.supxlabel("Workers (log2 scale)", fontsize="medium")
    fig.supylabel("Speedup over Serial", fontsize="medium")
    return fig


def _legend_labels(workloads: list) -> set:
    """The labels the legend may have: the executors drawn as lines, the
    references and the ring."""
    executors = {point.executor for workload in workloads
                 for point in workload.measured
                 if point.executor != speedups.BASELINE_EXECUTOR}
    return executors | {*_REFERENCE_LABELS, ADVISED, scaling.CEILING_LABEL}


def _draw_panel(axes, workload, advice, cores, narrow: bool) -> None:
    """The speedup panel of one workload, with its advised choice."""
    measured = workload.measured
    axes.axhline(1.0, label=_REFERENCE_LABELS[0],
                 **style.REFERENCE_STYLES["baseline"])
    scaling.draw_ideal(axes, measured, lambda workers: (
        speedups.useful_workers(workers, cores)), _REFERENCE_LABELS[1], cores)
    scaling.draw_ceiling(axes, workload.context)
    scaling.draw_executor_lines(axes, measured, lambda point: point.speedup,
                                markersize=3.5)
    title = workload.name
    if advice is not None:
        point = advice.answer.point
        axes.plot([point.workers], [point.speedup], label=ADVISED,
                  **_RING_STYLE)
        interval = point.speedup_interval
        if interval is not None:
            axes.errorbar([point.workers], [point.speedup],
                          yerr=[[point.speedup - interval[0]],
                                [interval[1] - point.speedup]],
                          fmt="none", ecolor="black", capsize=2,
                          linewidth=1.0, label="_nolegend_")
        title += ("\n" if narrow else ": ") + advice.answer.short_label
    scaling.set_workers_axis(axes, measured)
    counts = [point.workers for point in measured]
    axes.set_xlim(min(counts) / _X_MARGIN, max(counts) * _X_MARGIN)
    top = max([point.speedup for point in measured]
              + [speedups.useful_workers(max(
                  point.workers for point in measured), cores), 1.0])
    axes.set_ylim(0, top * _HEADROOM)
    axes.set_title(title, fontsize="small", loc="left")
    axes.tick_params(labelsize="x-small")
