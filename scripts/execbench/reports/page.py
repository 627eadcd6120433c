"""One self-contained HTML page of a run: what a reader opens first
(scripts/report; docs/reporting.md).

The page needs nothing beside it: no script, no stylesheet or font to fetch,
every chart inline as a PNG data URI. Its title names the run from its
context (date, machine, commit), never a folder. Its first screen answers:
one table, a row per workload saying how to run it here, with how many
workers, how much it gains over Serial with the interval, why and what to
avoid (tables/answers.py), beside the summary figure of the whole run
(charts/summary.py); above them, one line on the run (repetitions, how
many benchmarks never settled or were taken on a noisy machine, failures,
flags changed). Everything else is evidence, folded (<details>): per
workload its answer in a sentence, its near ties, its speedup and executors
charts, its table with intervals and the timelines of the batches that show
the advice (analysis/reasons.py); the METG figure and table; the other
benchmarks; the benchmarks that never settled; the noisy-machine notes with
what to do; the machine and the context.
"""

import datetime

from execbench import charts
from execbench import formatting
from execbench.analysis import advice as advice_model
from execbench.analysis import metg
from execbench.analysis import reasons
from execbench.analysis import speedups
from execbench.charts import figure
from execbench.charts import subjects
from execbench.charts import writing
from execbench.reports import advice as advice_report
from execbench.reports import html
from execbench.tables import answers
from execbench.tables import grid
from execbench.tables import metg as metg_table
from execbench.tables import noisy_machine
from execbench.tables import others

REPORT_NAME = "report.html"
PERFETTO_URL = "https://ui.perfetto.dev"
ANSWERS_HEADER = ("Workload", "Use", "Speedup over Serial", "Why", "Avoid")
# The charts of the page, by kind (the first part of their stems), and how
# each is drawn: the summary at a paper column's size, shown pixel for
# pixel beside the answers; the evidence smaller.
_SUMMARY = "summary"
_EVIDENCE_KINDS = ("speedup", "executors", "timeline", "metg")
_SUMMARY_DRAWING = (150, "column")
_EVIDENCE_DRAWING = (100, figure.DEFAULT_SIZE)
_STYLE = """
body { font: 15px/1.35 "DejaVu Sans", sans-serif; margin: 0.6rem 1rem;
       color: #222; max-width: 1400px; }
h1 { font-size: 1.3rem; margin: 0.2rem 0; }
h2 { font-size: 1.1rem; margin: 1rem 0 0.4rem; }
h3 { font-size: 1rem; margin: 0.8rem 0 0.3rem; }
p.run { margin: 0.2rem 0 0.6rem; color: #444; font-size: 0.9rem; }
.first { display: flex; gap: 1rem; align-items: flex-start; }
.first > div { flex: 1 1 auto; min-width: 0; }
.first figure { flex: 0 0 auto; margin: 0; }
table { border-collapse: collapse; margin: 0.3rem 0 0.6rem; }
th, td { padding: 0.2rem 0.45rem; border-bottom: 1px solid #ddd;
         vertical-align: top; text-align: left; }
th { border-bottom: 2px solid #444; }
td.number { text-align: right; font-variant-numeric: tabular-nums;
            white-space: nowrap; }
table.answers { font-size: 0.82rem; line-height: 1.25; }
table.answers td:first-child { font-weight: bold; }
table.answers td:nth-child(3) { white-space: nowrap; }
table.evidence { font-size: 0.8rem; }
small { color: #666; }
.caption, figcaption { color: #555; font-size: 0.8rem; }
details { margin: 0.25rem 0; }
summary { cursor: pointer; padding: 0.15rem 0; }
details > :not(summary) { margin-left: 1.1rem; }
.charts { display: flex; flex-wrap: wrap; gap: 0.5rem; }
.charts img { max-width: 640px; width: 100%; height: auto; }
ul.names { columns: 3 22rem; font-size: 0.8rem; }
code { background: #f3f3f3; padding: 0 0.2rem; }
"""


def render_report(results, spans_file=None, processes=None) -> str:
    """The page's HTML for the results (and the spans file of their run,
    for the timelines, or None); draws its charts in `processes` processes
    (by default one per core)."""
    context = results.context
    advice = advice_model.advise(results)
    run = subjects.Run(
        points=speedups.summarize(results), context=context,
        spans_file=spans_file, curves=tuple(metg.curves(results)),
        advice=tuple(advice), batch_names=reasons.evidence_names(advice))
    pngs = _draw_charts(run, processes)
    sections = [f"<h1>{html.escape(title(context))}</h1>",
                _run_line(results),
                _first_screen(advice, pngs.get(_SUMMARY)),
                "<h2>Evidence</h2>"]
    grid_rows = grid.table_rows(run.points)
    sections += [_workload_section(item, grid_rows, pngs, context)
                 for item in advice]
    sections += _other_sections(results, run, pngs)
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
            "<meta charset=\"utf-8\">\n"
            f"<title>{html.escape(title(context))}</title>\n"
            f"<style>{_STYLE}</style>\n</head>\n<body>\n"
            + "\n".join(section for section in sections if section)
            + "\n</body>\n</html>\n")


def title(context: dict) -> str:
    """The run named by its context: "execbench run of 2026-11-29 05:27
    UTC on vm, 2 CPUs, Xeon; commit 70e2851cba2a"."""
    return (f"execbench run of {_date(context.get('date'))} on "
            f"{formatting.machine(context)}; commit "
            f"{formatting.commit(context)}")


def _date(value) -> str:
    """The context's ISO date as "2026-11-29 05:27 UTC"; as it is when it is
    no ISO date; "an unknown date" without one."""
    if not value:
        return "an unknown date"
    try:
        moment = datetime.datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    if moment.utcoffset() == datetime.timedelta(0):
        return moment.strftime("%Y-%m-%d %H:%M UTC")
    return moment.strftime("%Y-%m-%d %H:%M %z").rstrip()


def _draw_charts(run: subjects.Run, processes) -> dict:
    """stem -> PNG bytes of the charts the page shows."""
    jobs = [job for job in charts.chart_jobs(run)
            if job.stem.split("-")[0] in (_SUMMARY, *_EVIDENCE_KINDS)]
    pngs = {}
    for (dpi, size), chosen in (
            (_SUMMARY_DRAWING, [job for job in jobs if job.stem == _SUMMARY]),
            (_EVIDENCE_DRAWING, [job for job in jobs
                                 if job.stem != _SUMMARY])):
        pngs.update(zip((job.stem for job in chosen),
                        writing.render_charts(chosen, dpi, processes, size)))
    return pngs


def _run_line(results) -> str:
    """One line on the run: repetitions, unsettled, noisy, failed, flags."""
    context = results.context
    names = {run.base_name for run in results.runs}
    counts = sorted({len(samples) for samples in results.samples().values()})
    parts = [f"{len(names)} benchmarks"]
    if counts:
        parts[0] += (f", {counts[0]}" + (f"-{counts[-1]}" if len(counts) > 1
                                         else "") + " repetitions each")
    unsettled = _unsettled(context)
    if unsettled:
        parts.append(f'<a href="#unsettled">{len(unsettled)} never reached '
                     f"&plusmn;{float(context['execbench_adaptive_target']):.0%}"
                     "</a>")
    noisy = noisy_machine.note_lines(results)
    if noisy:
        parts.append(f'<a href="#noisy">{len(noisy)} noisy-machine '
                     f"note{'s' if len(noisy) != 1 else ''}</a>")
    failed = results.errors()
    if failed:
        parts.append(f'<a href="#failed">{len(failed)} failed</a>')
    changed = context.get("execbench_flags_changed")
    parts.append("flags changed: " + (
        "unknown" if changed is None else html.code(changed) if changed
        else "none"))
    return f'<p class="run">{"; ".join(parts)}.</p>'


def _first_screen(advice: list, summary_png: bytes | None) -> str:
    """The answers table beside the summary figure."""
    rows = [(html.Html(f'<a href="#workload-{html.escape(item.workload)}">'
                       f"{html.escape(item.workload)}</a>"),
             _use_cell(item), _speedup_cell(item.answer.point),
             answers.why_cell(item), answers.avoid_cell(item))
            for item in advice]
    table = html.table(ANSWERS_HEADER, rows, numeric=(2,),
                       css_class="answers")
    figure_html = ""
    if summary_png is not None:
        figure_html = (
            "<figure>" + html.image(summary_png, "speedup over Serial "
                                    "against workers, per workload")
            + "<figcaption>Speedup over Serial against workers; ring: the "
            "answer. As a PDF for a paper: <code>scripts/charts bench.json "
            "--out charts --formats pdf --size column</code>."
            "</figcaption></figure>")
    return (f'<div class="first"><div><h2>{answers.TITLE}</h2>{table}'
            f'<p class="caption">{html.escape(answers.RULE)}</p></div>'
            f"{figure_html}</div>")


def _use_cell(item) -> html.Html:
    """The answer's executor and workers, the others as good below."""
    text = html.escape(item.answer.label)
    alternatives = [choice.point.executor for choice in item.alternatives()]
    if alternatives:
        text += f"<br><small>or {html.escape(', '.join(alternatives))}</small>"
    return html.Html(text)


def _speedup_cell(point) -> html.Html:
    """"1.93x" over its interval, small."""
    interval = grid.speedup_interval_cell(point)
    return html.Html(f"{html.escape(answers.speedup_cell(point))} "
                     f"<small>{html.escape(interval)}</small>")


def _workload_section(item, grid_rows: list, pngs: dict,
                      context: dict) -> str:
    """A workload's evidence, folded."""
    workload = item.workload
    summary = html.Html(f"<strong>{html.escape(workload)}</strong>: "
                        f"{html.escape(item.answer.label)}")
    body = [f"<p>{html.escape(advice_report.headline(item))}</p>",
            "<h3>Near ties of the fastest</h3>",
            html.table(advice_report.TIES_HEADER,
                       advice_report.ties_rows(item),
                       numeric=(1, 2, 3, 4, 5), css_class="evidence"),
            _charts([(stem, pngs.get(stem)) for stem in (
                figure.stem("speedup", workload),
                figure.stem("executors", workload))])]
    timelines = [(figure.stem("timeline", workload, choice.point.executor,
                              f"w{choice.point.workers}"), choice)
                 for choice in reasons.evidence(item)]
    drawn = [(stem, pngs[stem]) for stem, _ in timelines if stem in pngs]
    if drawn:
        body += ["<h3>When each task ran</h3>", _charts(drawn)]
    body += ["<h3>Every executor and worker count</h3>",
             html.table(grid.HEADER[1:], [row[1:] for row in grid_rows
                                          if row[0] == workload],
                        numeric=(1, 2, 3, 4, 5, 6), css_class="evidence"),
             f'<p class="caption">{html.escape(grid.table_caption(context))}'
             "</p>"]
    return html.details(summary, "\n".join(body), anchor=f"workload-{workload}")


def _charts(stems_and_pngs: list) -> str:
    images = [html.image(png, stem) for stem, png in stems_and_pngs
              if png is not None]
    return f'<div class="charts">{"".join(images)}</div>' if images else ""


def _other_sections(results, run: subjects.Run, pngs: dict) -> list:
    """The METG, the other benchmarks, the failed, the unsettled, the
    noisy-machine notes, the context and the trace, each folded."""
    context = results.context
    sections = ["<h2>The run</h2>"]
    if run.curves:
        sections.append(html.details(
            metg_table.TITLE + " (METG)",
            _charts([("metg", pngs.get("metg"))])
            + html.table(metg_table.HEADER, metg_table.metg_rows(run.curves),
                         numeric=(1, 2), css_class="evidence")
            + f'<p class="caption">'
            f"{html.escape(metg_table.metg_caption(run.curves, context))}</p>",
            anchor="metg"))
    other_rows = others.other_rows(results)
    if other_rows:
        sections.append(html.details(others.TITLE, html.table(
            others.HEADER, other_rows, numeric=(1, 2), css_class="evidence")))
    failed = results.errors()
    if failed:
        sections.append(html.details(
            f"{len(failed)} failed", html.items(
                html.Html(f"{html.code(name)}: {html.escape(message)}")
                for name, message in failed.items()), anchor="failed"))
    unsettled = _unsettled(context)
    if unsettled:
        sections.append(html.details(
            f"{len(unsettled)} benchmarks never reached the target interval",
            f"<p>Their medians' 95% intervals stayed wider than "
            f"&plusmn;{float(context['execbench_adaptive_target']):.0%} "
            f"after {html.escape(context['execbench_adaptive_max_repetitions'])}"
            " repetitions; their rows still hold their intervals.</p>"
            + html.items(map(html.code, unsettled)).replace(
                "<ul>", '<ul class="names">', 1), anchor="unsettled"))
    notes = noisy_machine.note_lines(results)
    if notes:
        sections.append(html.details(
            noisy_machine.TITLE,
            f"<p>{html.escape(noisy_machine.summary(results))}</p>"
            + html.items(notes).replace("<ul>", '<ul class="names">', 1),
            anchor="noisy"))
    sections.append(html.details("Machine and context", html.table(
        ("Key", "Value"), [(str(key), _context_value(value))
                           for key, value in sorted(context.items())],
        css_class="evidence")))
    sections.append(
        '<p class="caption">The drawn batches\' tasks, worker by worker '
        '(every batch\'s with scripts/run --all_batches): open '
        '<a href="trace.json">trace.json</a> of this run folder in '
        f'<a href="{PERFETTO_URL}">{PERFETTO_URL}</a>; spans.json has the '
        "same spans as data.</p>")
    return sections


def _unsettled(context: dict) -> list:
    """The benchmarks that never reached the target interval."""
    if "execbench_adaptive_target" not in context:
        return []
    return str(context.get("execbench_unsettled", "")).split()


def _context_value(value) -> str:
    if isinstance(value, (dict, list)):
        return ", ".join(str(item) for item in value)
    return str(value)
