"""The table of the benchmarks outside the grid ("Other benchmarks"), such
as the suite's check of its own HTTP server: their median wall time and
median delay_ratio counter ("--" without one). The Granularity sweep has a
table of its own (metg.py)."""

import statistics

from execbench import formatting
from execbench.analysis import metg
from execbench.inputs import bench_json
from execbench.tables import markup

TITLE = "Other benchmarks"
HEADER = ("Benchmark", "Median wall time", "Median delay_ratio")
_DELAY_RATIO = "delay_ratio"


def render(results, fmt: str) -> str:
    """The table as "md" or "tex"; "" when every benchmark is in the grid or
    the sweep."""
    rows = other_rows(results)
    if not rows:
        return ""
    if fmt == "md":
        lines = [f"**{TITLE}**", ""] + markup.markdown_table(
            HEADER, (markup.LEFT, markup.RIGHT, markup.RIGHT), rows)
    else:
        lines = [f"% {TITLE}"] + markup.latex_tabular(HEADER, "lrr", [rows])
    return "\n".join(lines) + "\n"


def other_rows(results) -> list:
    """The cells of each benchmark outside the grid, as HEADER orders.

    Benchmarks come in the order of their names, numbers by value
    (concurrent_clients:16 before concurrent_clients:256), whatever the order
    of the file.
    """
    errors = results.errors()
    times_s = results.samples()
    delay_ratios = results.samples(_DELAY_RATIO)
    rows = []
    for name in sorted({run.base_name for run in results.runs
                        if not run.in_grid and run.workload != metg.WORKLOAD},
                       key=bench_json.name_order):
        if name in errors:
            rows.append((name, markup.ERROR, markup.ERROR))
            continue
        delay_ratio = (formatting.format_number(statistics.median(
            delay_ratios[name])) if name in delay_ratios else markup.MISSING)
        rows.append((name, formatting.format_seconds(statistics.median(
            times_s[name])), delay_ratio))
    return rows
