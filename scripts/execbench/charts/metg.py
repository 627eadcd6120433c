"""metg-EXECUTOR: efficiency against task granularity in the granularity
sweep (docs/granularity.md).

One chart per executor of the sweep, as Task Bench draws them: the
efficiency of each point (linear, in % of the peak) against its granularity
(log scale, inverted, so that large tasks are on the left and tasks shrink to
the right), a line per worker count, a dashed line at 50%, and each valid
curve's METG(50%) marked with a star where the curve crosses 50% (see
analysis/metg.py). The legend gives each curve's METG, or why it has none.
"""

import textwrap

from matplotlib import figure as mpl_figure

from execbench import formatting
from execbench.analysis import metg
from execbench.charts import figure
from execbench.charts import style

_HEIGHT_IN = 3.8
_LEGEND_WIDTH_CHARACTERS = 34
_THRESHOLD_STYLE = {"color": "0.45", "linestyle": "--", "linewidth": 1.2}
_METG_STYLE = {"marker": "*", "markersize": 13, "markeredgecolor": "black",
               "markeredgewidth": 0.6, "linestyle": "none"}


def jobs(sweep_executor):
    """The chart of a subjects.SweepExecutor."""
    yield figure.job("metg", (sweep_executor.executor,), draw,
                     sweep_executor.executor, sweep_executor.curves,
                     sweep_executor.context)


def draw(executor: str, curves: list, context: dict) -> mpl_figure.Figure:
    """Efficiency against granularity of one executor's curves.

    Each curve with efficiencies is the line labelled "<W> worker(s): ...";
    the METG stars follow the lines, the first labelled "METG(50%)".
    """
    fig = figure.new_figure(context, _HEIGHT_IN)
    axes = fig.add_subplot()
    axes.axhline(metg.THRESHOLD * 100, label=f"{metg.THRESHOLD:.0%}",
                 **_THRESHOLD_STYLE)
    drawn = [curve for curve in curves
             if any(point.efficiency is not None for point in curve.points)]
    colours = style.worker_colours(len(drawn))
    for index, curve in enumerate(drawn):
        axes.plot([point.granularity_s * 1e6 for point in curve.points],
                  [point.efficiency * 100 for point in curve.points],
                  color=colours[index],
                  marker=style.executor_style(curve.executor).marker,
                  markersize=4,
                  label=_curve_label(curve))
    stars = [(index, curve) for index, curve in enumerate(drawn)
             if curve.metg.granularity_s is not None]
    for order, (index, curve) in enumerate(stars):
        axes.plot([curve.metg.granularity_s * 1e6],
                  [curve.metg.efficiency * 100],
                  color=colours[index],
                  label="METG(50%)" if order == 0 else "_nolegend_",
                  **_METG_STYLE)
    axes.set_xscale("log")
    axes.invert_xaxis()
    axes.set_ylim(bottom=0)
    axes.set_xlabel("Task granularity: wall time x workers / tasks "
                    "(µs, log scale)\n← larger tasks · smaller tasks →")
    axes.set_ylabel("Efficiency (% of peak)")
    axes.set_title(f"{executor}: efficiency against task granularity"
                   + _peak_note(drawn), fontsize="medium")
    axes.legend(loc="upper left", bbox_to_anchor=(1, 1), fontsize="small")
    return fig


def _curve_label(curve) -> str:
    """"2 workers: METG 8.75 µs", or the reason there is none, wrapped."""
    workers = f"{curve.workers} worker{'s' if curve.workers != 1 else ''}"
    found = curve.metg
    if found.granularity_s is None:
        text = f"{workers}: no METG, {found.invalid}"
    else:
        text = (f"{workers}: METG "
                f"{formatting.format_number(found.granularity_s * 1e6)} µs")
    return textwrap.fill(text, _LEGEND_WIDTH_CHARACTERS,
                         subsequent_indent="  ")


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
