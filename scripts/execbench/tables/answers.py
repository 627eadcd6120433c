"""The answers: one row per workload saying how to run it on the measured
machine (analysis/advice.py), why, and what to avoid (analysis/reasons.py).

Each row: the workload; the executor to use, with the others as good as it
in brackets; its worker count; its speedup over Serial with the speedup's
interval of at least 95% (analysis/speedups.py); why, in a few words from
the run's counters; what to avoid. When nothing is shown faster than
Serial, the answer is Serial and the why starts "parallelism does not pay".
This is the table a reader pastes into a note; the report opens with it.
"""

from execbench import formatting
from execbench.analysis import advice as advice_model
from execbench.analysis import reasons
from execbench.tables import grid
from execbench.tables import markup

HEADER = ("Workload", "Use", "Workers", "Speedup over Serial", "95% CI",
          "Why", "Avoid")
TITLE = "How to run each workload here"
DOES_NOT_PAY = "parallelism does not pay"
RULE = (f"Use: the cheapest choice (fewest workers, then least CPU) as fast "
        f"as the fastest (95% intervals of the medians overlap and medians "
        f"within {advice_model.TOLERANCE:.0%}) and shown faster than Serial "
        f"(its speedup's interval of at least 95% above 1, and a gain of "
        f"{advice_model.TOLERANCE:.0%} or more); Serial when none is. In "
        f"brackets: others as good.")


def render(results, fmt: str) -> str:
    """The table of the results' answers, then its caption, as "md" or
    "tex"; "" when the results have no grid benchmark measured."""
    advice = advice_model.advise(results)
    if not advice:
        return ""
    rows = [answer_row(item) for item in advice]
    caption = table_caption(results.context)
    if fmt == "md":
        lines = [f"**{TITLE}**", ""] + markup.markdown_table(
            HEADER, (markup.LEFT, markup.LEFT, markup.RIGHT, markup.RIGHT,
                     markup.RIGHT, markup.LEFT, markup.LEFT), rows)
        lines += ["", caption]
    else:
        lines = [f"% {TITLE}", f"% {markup.latex_escape(caption)}"]
        lines += markup.latex_tabular(
            HEADER, "llrrrp{0.3\\linewidth}p{0.25\\linewidth}", [rows])
    return "\n".join(lines) + "\n"


def answer_row(item) -> tuple:
    """The cells of one advice.Advice, in the order of HEADER."""
    answer = item.answer
    point = answer.point
    use = point.executor
    alternatives = [choice.point.executor for choice in item.alternatives()]
    if alternatives:
        use += f" (or {', '.join(alternatives)})"
    return (item.workload, use, str(point.workers),
            speedup_cell(point), grid.speedup_interval_cell(point),
            why_cell(item), avoid_cell(item))


def speedup_cell(point) -> str:
    """"1.93x"; "--" without Serial."""
    if point.speedup is None:
        return markup.MISSING
    return f"{formatting.format_ratio(point.speedup)}x"


def why_cell(item) -> str:
    """Why, prefixed with DOES_NOT_PAY for a Serial answer."""
    why = reasons.why(item)
    return why if item.pays else f"{DOES_NOT_PAY}: {why}"


def avoid_cell(item) -> str:
    """What to avoid, each in a few words, "; " apart; "--" for nothing."""
    return "; ".join(avoided.text for avoided in reasons.avoid(item)) or (
        markup.MISSING)


def table_caption(context: dict) -> str:
    """How the answers are chosen, and where they were measured."""
    return f"{RULE} {formatting.caption(context)}."
