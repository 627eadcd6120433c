"""The METG(50%) table: one row per executor and worker count of the sweep
(docs/granularity.md).

Each row gives the curve's METG(50%) in a unit that suits it (see
analysis/metg.py), or "invalid" and why (e.g. "never below 50%: sweep to
smaller task_us"). The note says when the METG was interpolated between two
points, and when the peak is not Serial's.
"""

from execbench import formatting
from execbench.analysis import metg
from execbench.tables import markup

HEADER = ("Executor", "Workers", "METG(50%)", "Note")
INVALID = "invalid"
INTERPOLATED = "interpolated"
TITLE = "Minimum effective task granularity"


def render(results, fmt: str) -> str:
    """The METG table of the results as "md" or "tex"; "" without a sweep."""
    curves = metg.curves(results)
    if not curves:
        return ""
    rows = metg_rows(curves)
    caption = metg_caption(curves, results.context)
    if fmt == "md":
        lines = [f"**{TITLE}**", ""] + markup.markdown_table(
            HEADER, (markup.LEFT, markup.RIGHT, markup.RIGHT, markup.LEFT),
            rows) + ["", caption]
    else:
        lines = [f"% {TITLE}", f"% {markup.latex_escape(caption)}"]
        lines += markup.latex_tabular(HEADER, "lrrl", [rows])
    return "\n".join(lines) + "\n"


def metg_rows(curves: list) -> list:
    """The cells of each curve, as text, in the order of HEADER."""
    rows = []
    for curve in curves:
        found = curve.metg
        notes = ([found.invalid] if found.invalid else
                 [INTERPOLATED] if found.interpolated else [])
        if curve.peak_fallback and curve.peak_source:
            notes.append(f"peak: {curve.peak_source}, the run has no "
                         f"{metg.BASELINE_EXECUTOR}")
        value = (INVALID if found.granularity_s is None else
                 formatting.format_seconds(found.granularity_s))
        rows.append((curve.executor, str(curve.workers), value,
                     "; ".join(notes)))
    return rows


def metg_caption(curves: list, context: dict) -> str:
    """What METG is here, which peak, and where it was measured."""
    serial_peak = next((curve.peak_source for curve in curves
                        if curve.peak_source and not curve.peak_fallback),
                       None)
    peak = (f"; peak = min(workers, cores) x the rate of "
            f"{metg.WORKLOAD}/{serial_peak}" if serial_peak else "")
    return (f"METG(50%): the granularity (median wall time x workers / "
            f"tasks) at which efficiency (tasks x task_us / wall, over the "
            f"peak) first falls below 50%, going from large tasks to small, "
            f"as in Task Bench{peak}. "
            f"{formatting.caption(context)}.")
