"""The history of a benchmark: its median wall time over the recorded
commits of a machine, drawn by scripts/history (docs/regressions.md).

The median over the rounds of each record, in commit order (by commit
date), with the min-max range of the rounds as a band; an upward
vermillion triangle where it got slower than in the previous record, a
downward bluish-green one where it got faster (analysis/history.py). The
warnings of the comparisons (a different environment allowed, different
sizes), if any, head the chart in red. A chart of
records, not of a run: the charts command's families do not list it.
"""

import functools

from matplotlib import figure as mpl_figure

from execbench import formatting
from execbench.analysis import paired_verdicts
from execbench.charts import figure
from execbench.charts import style

_SKY_BLUE, _BLUISH_GREEN, _BLUE, _VERMILLION = (
    style.OKABE_ITO[index] for index in (2, 3, 5, 6))


def jobs(histories: dict, commits: list, machine: str, warnings: tuple = ()):
    """Yields (benchmark name, function drawing its chart) per benchmark.

    Args:
      histories: analysis.history.benchmark_histories() of the records.
      commits: records.Commit of each record, in the records' order.
      machine: the machine's id, for the titles.
      warnings: lines that head every chart.
    """
    for name, points in histories.items():
        yield name, functools.partial(draw, name, points, commits, machine,
                                      warnings)


def draw(name: str, points: list, commits: list, machine: str,
         warnings: tuple = ()) -> mpl_figure.Figure:
    """The chart of one benchmark's history; see the module docstring."""
    unit, scale = formatting.time_unit([point.minimum_s for point in points])
    positions = [point.position for point in points]
    chart = mpl_figure.Figure(figsize=(max(6.4, 0.6 * len(commits) + 2), 4.2),
                              layout="constrained")
    axes = chart.add_subplot()
    axes.fill_between(positions, [point.minimum_s / scale for point in points],
                      [point.maximum_s / scale for point in points],
                      color=_SKY_BLUE, alpha=0.35, linewidth=0,
                      label="min-max of rounds")
    axes.plot(positions, [point.median_s / scale for point in points],
              color=_BLUE, marker="o", markersize=4, label="median")
    for verdict, marker, color in (
            (paired_verdicts.Verdict.SLOWER, "^", _VERMILLION),
            (paired_verdicts.Verdict.FASTER, "v", _BLUISH_GREEN)):
        marked = [point for point in points if point.verdict is verdict]
        if marked:
            axes.scatter([point.position for point in marked],
                         [point.median_s / scale for point in marked],
                         marker=marker, s=90, color=color, zorder=3,
                         label=f"{verdict.value} than the previous record")
    axes.set_xticks(range(len(commits)),
                    [_commit_label(commit) for commit in commits], fontsize=8)
    axes.set_xlim(-0.5, len(commits) - 0.5)
    axes.set_ylim(bottom=0)
    axes.set_xlabel("commit (oldest to newest, by commit date)")
    axes.set_ylabel(f"wall time per batch ({unit})")
    axes.set_title(f"{name} on {machine}")
    axes.legend(loc="best")
    if warnings:
        chart.suptitle("\n".join(warnings), color=_VERMILLION,
                       fontsize="small", fontweight="bold")
    return chart


def chart_file_stem(name: str) -> str:
    """A file name for a benchmark's chart: "Cpu/Threads/workers:2" gives
    "Cpu_Threads_workers-2"."""
    return figure.stem(name.replace(":", "-"))


def _commit_label(commit) -> str:
    """The short hash over the day, e.g. "1a2b3c4" over "2026-11-27"."""
    day = f"{commit.date[:4]}-{commit.date[4:6]}-{commit.date[6:8]}"
    return f"{commit.short_hash[:7]}\n{day}"
