"""The advice (analysis/advice.py) as scripts/advise writes it, plain text
or Markdown: per workload, the answer first in one sentence, then the
choices the run cannot tell apart from the fastest as one compact table.

The sentence says what to use, its speedup over Serial with the interval,
why, and what to avoid (analysis/reasons.py); when nothing is shown faster
than Serial, that parallelism does not pay here. The table has a row per
near tie: its median with the 95% interval, how far it is from the fastest,
its speedup with the interval, and the verdict ("as fast": intervals overlap
and the medians are within the tolerance; "cannot tell": intervals overlap
but the medians are farther apart, or no interval).
"""

from execbench import formatting
from execbench.analysis import advice as advice_model
from execbench.analysis import reasons
from execbench.tables import answers
from execbench.tables import grid
from execbench.tables import markup

FORMATS = ("text", "md")
TIES_HEADER = ("Choice", "Median", "95% CI", "Against the fastest",
               "Speedup over Serial", "95% CI of speedup", "Verdict")
_TIES_ALIGNMENTS = (markup.LEFT, markup.RIGHT, markup.RIGHT, markup.RIGHT,
                    markup.RIGHT, markup.RIGHT, markup.LEFT)


def render(advice: list, fmt: str) -> str:
    """The advice of every workload in "text" or "md"."""
    sections = []
    for item in advice:
        rows = ties_rows(item)
        if fmt == "md":
            lines = [f"### {item.workload}", "", headline(item), "",
                     *markup.markdown_table(TIES_HEADER, _TIES_ALIGNMENTS,
                                            rows)]
        else:
            lines = [headline(item), *("  " + line for line in plain_table(
                TIES_HEADER, _TIES_ALIGNMENTS, rows))]
        sections.append("\n".join(lines))
    caption = (f"Near ties: the choices whose 95% interval of the median "
               f"overlaps the fastest's; as fast when their medians are also "
               f"within {advice_model.TOLERANCE:.0%}, else cannot tell.")
    return "\n\n".join(sections + [caption]) + "\n"


def headline(item) -> str:
    """The answer for one advice.Advice, in one sentence."""
    answer = item.answer
    avoid = reasons.avoid(item)
    avoided = (" Avoid " + "; ".join(entry.text for entry in avoid) + "."
               if avoid else "")
    if not item.pays:
        return (f"{item.workload}: run it serially, "
                f"{answers.DOES_NOT_PAY} here: {reasons.why(item)}.{avoided}")
    alternatives = [choice.point.executor for choice in item.alternatives()]
    also = f" (or {', '.join(alternatives)})" if alternatives else ""
    speedup = ""
    if answer.point.speedup is not None:
        interval = grid.speedup_interval_cell(answer.point)
        speedup = (f", {answers.speedup_cell(answer.point)} as fast as "
                   f"Serial {interval}")
    return (f"{item.workload}: use {answer.label}{also}{speedup}: "
            f"{reasons.why(item)}.{avoided}")


def ties_rows(item) -> list:
    """The cells of each near tie of one advice.Advice, as TIES_HEADER."""
    rows = []
    fastest = item.fastest.point.median_s
    for choice in item.near_ties():
        point = choice.point
        interval = point.median_interval_s
        rows.append((
            choice.label, formatting.format_seconds(point.median_s),
            markup.UNAVAILABLE if interval is None else (
                f"[{formatting.format_seconds(interval.low)}, "
                f"{formatting.format_seconds(interval.high)}]"),
            "fastest" if choice is item.fastest
            else f"{point.median_s / fastest - 1:+.1%}",
            answers.speedup_cell(point), grid.speedup_interval_cell(point),
            item.verdict(choice).value))
    return rows


def plain_table(header, alignments, rows) -> list:
    """The lines of a table in plain text, columns padded to line up."""
    table = [tuple(header), *rows]
    widths = [max(len(row[column]) for row in table)
              for column in range(len(header))]
    return ["  ".join(cell.rjust(width) if alignment == markup.RIGHT
                      else cell.ljust(width)
                      for cell, width, alignment in zip(row, widths,
                                                        alignments)).rstrip()
            for row in table]
