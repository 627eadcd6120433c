"""Tables of execbench results, in Markdown or LaTeX (booktabs).

Usage: scripts/tables RESULTS.json --format md|tex [--out FILE]

One row per workload x executor x workers: the number of repetitions, the
median wall time per batch over them, in a unit chosen per workload, with
its 95% confidence interval, and the speedup over the workload's Serial at
workers:1 with its interval (see statistics.py and speedups.py for how each
interval is computed). Errored benchmarks show "error"; speedups without a
Serial baseline show "--"; an interval that too few repetitions cannot give
shows "n/a", never a narrower one. A caption line says so and names the
machine and the execbench commit.

Benchmarks not named <Workload>/<Executor>/workers:<W> (such as the suite's
check of its own HTTP server) follow in a short table "Other benchmarks":
their median wall time and median delay_ratio counter ("--" without one).
The Granularity sweep gets its own table last, METG(50%) per executor and
workers (metg_table.py). After the tables, "Taken on a noisy machine" lists
why the whole run or a benchmark's repetitions may have measured a machine
that was not theirs alone (machine_health.py), when anything says so.
Writes to stdout, or to FILE.
"""

import pathlib
import statistics
import sys

from execbench import atomic_file
from execbench import command_line
from execbench import machine_health
# metg_table uses this module's line helpers, at call time only.
from execbench import metg  # pylint: disable=cyclic-import
from execbench import metg_table  # pylint: disable=cyclic-import
from execbench import speedups
from execbench import statistics as execbench_statistics
from execbench import style
from execbench.results import InputError, load_results, name_order

PROG = "tables"
HEADER = ("Workload", "Executor", "Workers", "Repetitions",
          "Median wall time", "95% CI of median", "Speedup over Serial",
          "95% CI of speedup")
OTHER_TITLE = "Other benchmarks"
OTHER_HEADER = ("Benchmark", "Median wall time", "Median delay_ratio")
ERROR = "error"
MISSING = "--"
UNAVAILABLE = "n/a"
_DELAY_RATIO = "delay_ratio"
_LATEX_SPECIALS = {
    "\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$",
    "#": r"\#", "_": r"\_", "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}", "µ": r"$\mu$",
}


def table_rows(points: list) -> list:
    """The cells of each point, as text, in the order of HEADER."""
    rows = []
    for points_of_workload in speedups.by_workload(points).values():
        measured = [point.median_s for point in points_of_workload
                    if not point.error]
        unit, seconds_per_unit = (style.time_unit(measured) if measured
                                  else ("s", 1.0))
        for point in points_of_workload:
            cells = (point.workload, point.executor, str(point.workers))
            if point.error:
                rows.append(cells + (ERROR,) * (len(HEADER) - len(cells)))
                continue
            interval = point.median_interval_s
            rows.append(cells + (
                str(len(point.samples_s)),
                style.format_number(point.median_s / seconds_per_unit) + " "
                + unit,
                UNAVAILABLE if interval is None else format_interval(
                    interval.low / seconds_per_unit,
                    interval.high / seconds_per_unit, style.format_number)
                + " " + unit,
                MISSING if point.speedup is None
                else style.format_ratio(point.speedup),
                _speedup_interval_cell(point)))
    return rows


def format_interval(low: float, high: float, format_value) -> str:
    """"[low, high]", each formatted by format_value."""
    return f"[{format_value(low)}, {format_value(high)}]"


def _speedup_interval_cell(point) -> str:
    if point.speedup is None or point.is_baseline:
        return MISSING
    interval = point.speedup_interval
    if interval is None:
        return UNAVAILABLE
    return format_interval(*interval, style.format_ratio)


def other_rows(results) -> list:
    """The cells of each benchmark outside the grid, as OTHER_HEADER orders.

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
                       key=name_order):
        if name in errors:
            rows.append((name, ERROR, ERROR))
            continue
        delay_ratio = (style.format_number(statistics.median(
            delay_ratios[name])) if name in delay_ratios else MISSING)
        rows.append((name, style.format_seconds(statistics.median(
            times_s[name])), delay_ratio))
    return rows


def table_caption(context: dict) -> str:
    """What the numbers are, and where they were measured."""
    minimum_median = execbench_statistics.minimum_count_for_interval()
    minimum_speedup = execbench_statistics.minimum_count_for_interval(
        speedups.SPEEDUP_MEDIAN_CONFIDENCE)
    return ("Median over repetitions of the wall time per batch, with its "
            "95% confidence interval from order statistics; speedup = "
            f"median of {speedups.BASELINE_EXECUTOR} at 1 worker / median, "
            "with a conservative interval of at least 95% from both medians' "
            f"97.5% intervals; {UNAVAILABLE}: too few repetitions for an "
            f"interval ({minimum_median} for a median, {minimum_speedup} on "
            f"each side for a speedup). {style.caption(context)}.")


def markdown_table(points: list, context: dict, others=()) -> str:
    """A Markdown table of the points, then its caption.

    Args:
      points: speedups.summarize() of the results.
      context: the results' context, for the caption.
      others: other_rows() of the results, tabulated after the caption.
    """
    lines = [_markdown_line(HEADER),
             "| :-- | :-- " + "| --: " * (len(HEADER) - 2) + "|"]
    lines += [_markdown_line(row) for row in table_rows(points)]
    lines += ["", table_caption(context)]
    if others:
        lines += ["", f"**{OTHER_TITLE}**", "", _markdown_line(OTHER_HEADER),
                  "| :-- | --: | --: |"]
        lines += [_markdown_line(row) for row in others]
    return "\n".join(lines) + "\n"


def latex_table(points: list, context: dict, others=()) -> str:
    """A booktabs tabular of the points, with the caption as a comment.

    A \\midrule separates workloads. The arguments are markdown_table's;
    the others get a tabular of their own.
    """
    lines = [f"% {latex_escape(table_caption(context))}",
             r"\begin{tabular}{ll" + "r" * (len(HEADER) - 2) + "}",
             r"\toprule", _latex_line(HEADER),
             r"\midrule"]
    previous_workload = None
    for row in table_rows(points):
        if previous_workload not in (None, row[0]):
            lines.append(r"\midrule")
        previous_workload = row[0]
        lines.append(_latex_line(row))
    lines += [r"\bottomrule", r"\end{tabular}"]
    if others:
        lines += ["", f"% {OTHER_TITLE}", r"\begin{tabular}{lrr}",
                  r"\toprule", _latex_line(OTHER_HEADER), r"\midrule"]
        lines += [_latex_line(row) for row in others]
        lines += [r"\bottomrule", r"\end{tabular}"]
    return "\n".join(lines) + "\n"


def noisy_machine_notes(results, fmt: str) -> str:
    """What says the machine was not the run's alone (machine_health), as a
    list after the tables, or "" when nothing does."""
    lines = [f"the whole run: {note}"
             for note in machine_health.run_notes(results.context)]
    lines += [f"{name}: {'; '.join(notes)}" for name, notes in
              machine_health.noisy_benchmarks(results).items()]
    if not lines:
        return ""
    title = "Taken on a noisy machine"
    if fmt == "md":
        return f"\n{title}:\n\n" + "".join(f"- {line}\n" for line in lines)
    return (f"\n\\paragraph{{{title}}}\n" + "".join(
        f"{latex_escape(line)}\\\\\n" for line in lines))


def latex_escape(text: str) -> str:
    """The text with LaTeX's special characters escaped."""
    return "".join(_LATEX_SPECIALS.get(character, character)
                   for character in text)


def main(argv=None) -> int:
    """The command line; see the module docstring. Returns the exit code."""
    parser = command_line.ArgumentParser(
        prog=PROG, description="Tabulates execbench results.")
    parser.add_argument("results", help="Google Benchmark JSON of bench")
    parser.add_argument("--format", required=True, choices=("md", "tex"),
                        help="Markdown or LaTeX (booktabs)")
    parser.add_argument("--out", help="file to write instead of stdout")
    args = parser.parse_args(argv)
    try:
        results = load_results(args.results)
    except InputError as error:
        return command_line.report_bad_input(PROG, error)
    render = markdown_table if args.format == "md" else latex_table
    text = render(speedups.summarize(results), results.context,
                  other_rows(results))
    if metg_text := metg_table.metg_table(results, args.format):
        text += "\n" + metg_text
    text += noisy_machine_notes(results, args.format)
    if not args.out:
        sys.stdout.write(text)
        return 0
    try:
        atomic_file.write_atomically(pathlib.Path(args.out),
                                     text.encode("utf-8"))
    except OSError as error:
        return command_line.report_bad_input(
            PROG, f"cannot write {args.out}: {error.strerror}; choose a "
            "writable --out file")
    return 0


def _markdown_line(cells) -> str:
    return "| " + " | ".join(cell.replace("|", r"\|") for cell in cells) + " |"


def _latex_line(cells) -> str:
    return " & ".join(latex_escape(cell) for cell in cells) + r" \\"
