"""The table of the grid: one row per workload x executor x workers.

Each row has the number of repetitions, the median wall time per batch over
them, in a unit chosen per workload, with its 95% confidence interval, and
the speedup over the workload's Serial at workers:1 with its interval (see
analysis/statistics.py and analysis/speedups.py for how each interval is
computed). Errored benchmarks show "error"; speedups without a Serial
baseline show "--"; an interval that too few repetitions cannot give shows
"n/a", never a narrower one. A caption line says so and names the machine
and the execbench commit.
"""

import itertools

from execbench import formatting
from execbench.analysis import speedups
from execbench.analysis import statistics
from execbench.tables import markup

HEADER = ("Workload", "Executor", "Workers", "Repetitions",
          "Median wall time", "95% CI of median", "Speedup over Serial",
          "95% CI of speedup")


def render(results, fmt: str) -> str:
    """The table of the results' grid, then its caption, as "md" or "tex"."""
    points = speedups.summarize(results)
    if fmt == "md":
        return markdown_table(points, results.context)
    return latex_table(points, results.context)


def markdown_table(points: list, context: dict) -> str:
    """A Markdown table of the points, then its caption.

    Args:
      points: speedups.summarize() of the results.
      context: the results' context, for the caption.
    """
    lines = markup.markdown_table(
        HEADER, (markup.LEFT, markup.LEFT,
                 *(markup.RIGHT,) * (len(HEADER) - 2)), table_rows(points))
    lines += ["", table_caption(context)]
    return "\n".join(lines) + "\n"


def latex_table(points: list, context: dict) -> str:
    """A booktabs tabular of the points, with the caption as a comment.

    A \\midrule separates workloads. The arguments are markdown_table's.
    """
    lines = [f"% {markup.latex_escape(table_caption(context))}"]
    lines += markup.latex_tabular(
        HEADER, "ll" + "r" * (len(HEADER) - 2),
        [list(rows) for _, rows in itertools.groupby(
            table_rows(points), key=lambda row: row[0])])
    return "\n".join(lines) + "\n"


def table_rows(points: list) -> list:
    """The cells of each point, as text, in the order of HEADER."""
    rows = []
    for points_of_workload in speedups.by_workload(points).values():
        measured = [point.median_s for point in points_of_workload
                    if not point.error]
        unit, seconds_per_unit = (formatting.time_unit(measured) if measured
                                  else ("s", 1.0))
        for point in points_of_workload:
            cells = (point.workload, point.executor, str(point.workers))
            if point.error:
                rows.append(
                    cells + (markup.ERROR,) * (len(HEADER) - len(cells)))
                continue
            interval = point.median_interval_s
            rows.append(cells + (
                str(len(point.samples_s)),
                formatting.format_number(point.median_s / seconds_per_unit)
                + " " + unit,
                markup.UNAVAILABLE if interval is None else format_interval(
                    interval.low / seconds_per_unit,
                    interval.high / seconds_per_unit,
                    formatting.format_number) + " " + unit,
                markup.MISSING if point.speedup is None
                else formatting.format_ratio(point.speedup),
                speedup_interval_cell(point)))
    return rows


def format_interval(low: float, high: float, format_value) -> str:
    """"[low, high]", each formatted by format_value."""
    return f"[{format_value(low)}, {format_value(high)}]"


def table_caption(context: dict) -> str:
    """What the numbers are, and where they were measured."""
    minimum_median = statistics.minimum_count_for_interval()
    minimum_speedup = statistics.minimum_count_for_interval(
        speedups.SPEEDUP_MEDIAN_CONFIDENCE)
    return ("Median over repetitions of the wall time per batch, with its "
            "95% confidence interval from order statistics; speedup = "
            f"median of {speedups.BASELINE_EXECUTOR} at 1 worker / median, "
            "with a conservative interval of at least 95% from both medians' "
            f"97.5% intervals; {markup.UNAVAILABLE}: too few repetitions for "
            f"an interval ({minimum_median} for a median, {minimum_speedup} on "
            f"each side for a speedup). {formatting.caption(context)}.")


def speedup_interval_cell(point) -> str:
    """"[1.77, 2.03]"; "--" for Serial itself or without it; "n/a" when
    too few repetitions give no interval."""
    if point.speedup is None or point.is_baseline:
        return markup.MISSING
    interval = point.speedup_interval
    if interval is None:
        return markup.UNAVAILABLE
    return format_interval(*interval, formatting.format_ratio)
