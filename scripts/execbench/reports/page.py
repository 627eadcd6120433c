"""One self-contained HTML page of a run: what a reader opens first
(scripts/report; docs/reporting.md).

The page needs nothing beside it: no script, no stylesheet or font to fetch,
every chart inline as a base64 PNG data URI. It holds, in order: the machine
and the run's context, the suite flags changed from their defaults, how many
repetitions the run made and which benchmarks never reached the target
interval (running/rounds.py), failed benchmarks, the advice
(analysis/advice.py), then per workload its table with 95% intervals
(tables/grid.py) and its wall, speedup, efficiency and executors charts
(charts/), then the benchmarks outside the grid, and a pointer to trace.json
for ui.perfetto.dev.
"""

import base64
import html
import pathlib

from execbench import charts
from execbench import formatting
from execbench.analysis import advice as advice_model
from execbench.analysis import speedups
from execbench.charts import figure
from execbench.charts import subjects
from execbench.tables import grid
from execbench.tables import others

REPORT_NAME = "report.html"
PERFETTO_URL = "https://ui.perfetto.dev"
_STYLE = """
body { font-family: "DejaVu Sans", sans-serif; max-width: 62rem;
       margin: 1rem auto; padding: 0 1rem; color: #222; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; }
th, td { padding: 0.15rem 0.6rem; border-bottom: 1px solid #ccc; }
th { text-align: left; border-bottom: 2px solid #444; }
td.number { text-align: right; font-variant-numeric: tabular-nums; }
img { max-width: 100%; height: auto; display: block; margin: 0.5rem 0; }
code { background: #f3f3f3; padding: 0 0.2rem; }
.caption { color: #555; font-size: 0.9rem; }
"""
# Table columns that hold numbers, aligned right.
_FIRST_NUMBER_COLUMN = 2


def render_report(results, results_dir: pathlib.Path) -> str:
    """The page's HTML for the results of the run in results_dir."""
    context = results.context
    points = speedups.summarize(results)
    sections = [
        f"<h1>execbench run {_escape(results_dir.name)}</h1>",
        f'<p class="caption">{_escape(formatting.caption(context))}</p>',
        _run_section(results),
        _advice_section(advice_model.advise(results)),
    ]
    rows = grid.table_rows(points)
    for workload, mine in speedups.by_workload(points).items():
        images = [(stem, _png_data_uri(draw()))
                  for stem, draw in charts.chart_jobs(
                      subjects.Run(points=mine, context=context))]
        sections.append(_workload_section(
            workload, [row for row in rows if row[0] == workload], images,
            context))
    other_rows = others.other_rows(results)
    if other_rows:
        sections.append(f"<h2>{others.TITLE}</h2>"
                        + _table(others.HEADER, other_rows))
    sections.append(_context_section(context))
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
            "<meta charset=\"utf-8\">\n"
            f"<title>execbench {_escape(results_dir.name)}</title>\n"
            f"<style>{_STYLE}</style>\n</head>\n<body>\n"
            + "\n".join(sections) + "\n</body>\n</html>\n")


def _run_section(results) -> str:
    """Flags changed, repetitions, unsettled and failed benchmarks, trace."""
    context = results.context
    items = []
    changed = context.get("execbench_flags_changed")
    if changed is None:
        items.append("Suite flags changed from their defaults: unknown "
                     "(this bench does not record them).")
    else:
        items.append("Suite flags changed from their defaults: "
                     + (_code(changed) if changed else "none") + ".")
    if "execbench_adaptive_target" in context:
        target = float(context["execbench_adaptive_target"])
        unsettled = context.get("execbench_unsettled", "").split()
        items.append(
            f"Repetitions: added in {context.get('execbench_adaptive_rounds')}"
            f" rounds until each median's 95% interval was within "
            f"&plusmn;{target:.0%} of it, at most "
            f"{_escape(context['execbench_adaptive_max_repetitions'])}. "
            + ("Never within it: " + ", ".join(map(_code, unsettled)) + "."
               if unsettled else "Every benchmark reached it."))
    for name, message in results.errors().items():
        items.append(f"Failed: {_code(name)}: {_escape(message)}")
    items.append('Every batch\'s tasks, worker by worker: open '
                 '<a href="trace.json">trace.json</a> in '
                 f'<a href="{PERFETTO_URL}">{PERFETTO_URL}</a> '
                 '(spans.json has the same spans as data).')
    return "<h2>This run</h2>\n<ul>\n" + "\n".join(
        f"<li>{item}</li>" for item in items) + "\n</ul>"


def _advice_section(advice: list) -> str:
    """What to use per workload, with why; see analysis/advice.py."""
    parts = ["<h2>Advice</h2>"]
    for item in advice:
        lines = [f"<li><strong>{_escape(heading)}</strong>"
                 f"{_escape(qualifier)}: {_escape(text)}</li>"
                 for heading, qualifier, text in advice_model.entries(item)]
        parts.append(f"<h3>{_escape(item.workload)}</h3>\n<ul>\n"
                     + "\n".join(lines) + "\n</ul>")
    return "\n".join(parts)


def _workload_section(workload: str, rows: list, images: list,
                      context: dict) -> str:
    parts = [f'<section id="workload-{_escape(workload)}">',
             f"<h2>{_escape(workload)}</h2>",
             _table(grid.HEADER, rows),
             f'<p class="caption">{_escape(grid.table_caption(context))}'
             "</p>"]
    parts += [f'<img alt="{_escape(stem)}" src="{uri}">'
              for stem, uri in images]
    parts.append("</section>")
    return "\n".join(parts)


def _context_section(context: dict) -> str:
    rows = [(str(key), _context_value(value))
            for key, value in sorted(context.items())]
    return "<h2>Machine and context</h2>\n" + _table(("Key", "Value"), rows)


def _table(header, rows) -> str:
    head = "".join(f"<th>{_escape(cell)}</th>" for cell in header)
    body = "\n".join(
        "<tr>" + "".join(
            f'<td class="number">{_escape(cell)}</td>'
            if index >= _FIRST_NUMBER_COLUMN and len(header) > 2
            else f"<td>{_escape(cell)}</td>"
            for index, cell in enumerate(row)) + "</tr>" for row in rows)
    return (f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n"
            "</tbody>\n</table>")


def _png_data_uri(fig) -> str:
    return "data:image/png;base64," + base64.b64encode(
        figure.file_content(fig, "png")).decode("ascii")


def _context_value(value) -> str:
    if isinstance(value, (dict, list)):
        return ", ".join(str(item) for item in value)
    return str(value)


def _code(text: str) -> str:
    return f"<code>{_escape(text)}</code>"


def _escape(text) -> str:
    return html.escape(str(text))
