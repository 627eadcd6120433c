"""metg: efficiency against task granularity in the granularity sweep, every
executor in one figure, as Task Bench draws one METG figure per system
(docs/granularity.md).

The efficiency of each point (linear, in % of the peak) against its
granularity (log scale, inverted, so that large tasks are on the left and
tasks shrink to the right), a line per executor and worker count in the
executor's colour, marker and line style, the 95% interval of each point's
efficiency as an error bar, a dashed line at 50%, and each valid curve's
METG(50%) starred where the curve first falls below 50% (see
analysis/metg.py). The legend, beside the axes, gives each curve's METG, or
"no METG" (the table says why).
"""

from matplotlib import figure as mpl_figure

from execbench import formatting
from execbench.analysis import metg
from execbench.charts import figure
from execbench.charts import style

ABOUT = ("Efficiency (achieved rate of nominal work over the peak, "
         "min(workers, cores) x Serial's rate at the largest tasks) against "
         "task granularity (wall time x workers / tasks, log scale, large "
         "tasks on the left), a line per executor and worker count; error "
         "bars: 95% intervals from the repetitions; stars: METG(50%), where "
         "efficiency first falls below 50%.")
_HEIGHT_IN = 3.8
_THRESHOLD_STYLE = {"color": "0.45", "linestyle": "--", "linewidth": 1.2}
_METG_STYLE = {"marker": "*", "markersize": 13, "markeredgecolor": "black",
               "markeredgewidth": 0.6, "linestyle": "none"}


def jobs(sweep):
    """The chart of a subjects.Sweep."""
    yield figure.job("metg", (), ABOUT, sweep.context, draw, sweep.curves)


def draw(curves: list) -> mpl_figure.Figure:
    """Efficiency against granularity of the curves with efficiencies.

    Each is the line labelled "<Executor> <W>: METG ..." or "...: no
    METG"; the METG stars follow the lines, the first labelled "METG(50%)".
    """
    fig = figure.new_figure(_HEIGHT_IN)
    axes = fig.add_subplot()
    axes.axhline(metg.THRESHOLD * 100, label=f"{metg.THRESHOLD:.0%}",
                 **_THRESHOLD_STYLE)
    drawn = [curve for curve in curves
             if any(point.efficiency is not None for point in curve.points)]
    for curve in drawn:
        looks = style.executor_style(curve.executor)
        granularities = [point.granularity_s * 1e6 for point in curve.points]
        efficiencies = [point.efficiency * 100 for point in curve.points]
        axes.plot(granularities, efficiencies, color=looks.colour,
                  marker=looks.marker, linestyle=looks.linestyle,
                  markersize=4, label=curve_label(curve))
        bounded = [(x, y, point.efficiency_interval) for x, y, point in zip(
            granularities, efficiencies, curve.points)
                   if point.efficiency_interval is not None]
        if bounded:
            axes.errorbar(
                [x for x, _, _ in bounded], [y for _, y, _ in bounded],
                yerr=[[y - low * 100 for _, y, (low, _) in bounded],
                      [high * 100 - y for _, y, (_, high) in bounded]],
                fmt="none", ecolor=looks.colour, elinewidth=0.7, capsize=2,
                label="_nolegend_")
    starred = [curve for curve in drawn if curve.metg.granularity_s is not None]
    for order, curve in enumerate(starred):
        axes.plot([curve.metg.granularity_s * 1e6],
                  [curve.metg.efficiency * 100],
                  color=style.executor_style(curve.executor).colour,
                  label="METG(50%)" if order == 0 else "_nolegend_",
                  **_METG_STYLE)
    axes.set_xscale("log")
    axes.invert_xaxis()
    axes.set_ylim(bottom=0)
    axes.set_xlabel("Task granularity: wall time x workers / tasks "
                    "(µs, log scale)\n← larger tasks · smaller tasks →")
    axes.set_ylabel("Efficiency (% of peak)")
    axes.set_title("Efficiency against task granularity" + _peak_note(drawn),
                   fontsize="medium")
    figure.legend_beside(axes)
    return fig


def curve_label(curve) -> str:
    """"Threads 2: METG 8.75 µs", or "Threads 2: no METG"."""
    name = f"{curve.executor} {curve.workers}"
    found = curve.metg
    if found.granularity_s is None:
        return f"{name}: no METG"
    return f"{name}: METG {formatting.format_seconds(found.granularity_s)}"


def _peak_note(curves: list) -> str:
    """The second title line naming the peak, or "" when unknown."""
    source = next((curve for curve in curves if curve.peak_source), None)
    if source is None:
        return ""
    note = (f"\npeak: min(workers, cores) x the rate of "
            f"{source.peak_source}")
    if source.peak_fallback:
        note += f"\n(the run has no {metg.BASELINE_EXECUTOR})"
    return note
