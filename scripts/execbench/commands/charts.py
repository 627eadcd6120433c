"""scripts/charts: draws the charts of a run (docs/reporting.md).

Usage: scripts/charts RESULTS.json [--spans SPANS.json] [--filter REGEX]
                      [--formats png,svg,pdf] [--size screen|column|page]
                      [--all_batches] --out DIR

Writes every chart of charts/__init__.py as DIR/NAME.png (150 dpi), and with
--formats also (or instead) DIR/NAME.svg and DIR/NAME.pdf, each with its
caption in DIR/NAME.caption.txt, and prints the paths written: summary, the
whole run in one figure; per workload wall-WORKLOAD, speedup-WORKLOAD,
efficiency-WORKLOAD and executors-WORKLOAD; with --spans,
timeline-WORKLOAD-EXECUTOR-wWORKERS and lanes-WORKLOAD-EXECUTOR-wWORKERS of
the batches that show the advice (per workload: Serial, the advised choice,
the fastest and the first to avoid; analysis/reasons.py), or of every batch
with --all_batches; with a Granularity sweep, metg. --size draws them for a
screen (6.4 in wide, the default) or a paper's column (3.5 in) or page (7
in). It draws the charts on every core available to it, one at a time per
core.

Characters of NAME other than letters, digits, '-', '_' and '.' become '_'.
The speedup and efficiency charts need the workload's Serial at workers:1.
Benchmarks not named <Workload>/<Executor>/workers:<W> (such as the suite's
check of its own HTTP server) are no workload on an executor and get no chart.
Errored benchmarks are left out, with one warning line each on stderr.
"""

import argparse
import sys

from execbench import charts
from execbench import command_line
from execbench.analysis import advice
from execbench.analysis import metg
from execbench.analysis import reasons
from execbench.analysis import speedups
from execbench.charts import figure
from execbench.charts import subjects
from execbench.charts import writing
from execbench.inputs import bench_json
from execbench.inputs import spans
from execbench.inputs.bench_json import InputError

PROG = "charts"


def main(argv=None) -> int:
    """The command line; see the module docstring. Returns the exit code."""
    parser = command_line.ArgumentParser(
        prog=PROG, description="Draws charts of execbench results.")
    parser.add_argument("results", help="Google Benchmark JSON of bench")
    parser.add_argument("--spans", help="spans file of bench --spans_out")
    parser.add_argument("--filter", help="only benchmarks matching this regex")
    parser.add_argument("--formats", type=parse_formats,
                        default=writing.DEFAULT_FORMATS,
                        help="comma-separated file formats among "
                             f"{','.join(figure.FORMATS)} (default: png)")
    parser.add_argument("--size", choices=tuple(figure.SIZES),
                        default=figure.DEFAULT_SIZE,
                        help="screen (6.4 in wide, the default), or a "
                        "paper's column (3.5 in) or page (7 in)")
    parser.add_argument("--all_batches", action="store_true",
                        help="the timeline and lanes of every batch of "
                        "--spans, not only those that show the advice")
    parser.add_argument("--out", required=True, help="directory to write to")
    args = parser.parse_args(argv)
    try:
        all_results = bench_json.load_results(args.results)
        results = _selected(all_results, args.filter)
        spans_file = spans.load_spans(args.spans) if args.spans else None
        if spans_file and args.filter is not None:
            spans_file = spans_file.filtered(args.filter)
        advised = tuple(advice.advise(results, baseline_results=all_results))
        run = subjects.Run(
            points=speedups.summarize(results, baseline_results=all_results),
            context=results.context, spans_file=spans_file,
            curves=tuple(metg.curves(results)), advice=advised,
            batch_names=(None if args.all_batches
                         else reasons.evidence_names(advised)))
        _warn_about_left_out(run)
        written = writing.write_charts(charts.chart_jobs(run), args.out,
                                       args.formats, size=args.size)
    except InputError as error:
        return command_line.report_bad_input(PROG, error)
    print("\n".join(written))
    return 0


def parse_formats(text: str) -> tuple:
    """The --formats value: a comma-separated subset of figure.FORMATS, in
    the order given, without repeats."""
    formats = tuple(dict.fromkeys(part.strip() for part in text.split(",")))
    unknown = [name for name in formats if name not in figure.FORMATS]
    if unknown or not formats:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a comma-separated list of "
            f"{', '.join(figure.FORMATS)} (e.g. png,svg)")
    return formats


def _selected(results, regex: str | None):
    """The results matching --filter; InputError if none was measured."""
    if regex is not None:
        results = results.filtered(regex)
        if not results.runs:
            raise InputError(
                f"no benchmark in {results.path} matches --filter {regex!r}; "
                "run without --filter to see them all")
    if not results.ok_runs():
        raise InputError(
            f"every benchmark in {results.path} failed, so there is nothing "
            "to chart; see their error_message and re-run bench")
    if (not any(run.in_grid for run in results.ok_runs())
            and not metg.has_granularity(results)):
        raise InputError(
            f"{results.path} has no measured <Workload>/<Executor>/workers:<W> "
            "benchmark to chart (nor a Granularity sweep); scripts/tables "
            "lists the other benchmarks")
    return results


def _warn_about_left_out(run: subjects.Run) -> None:
    """One warning line per errored benchmark and per chart not drawn."""
    for point in run.points:
        if point.error:
            _warn(f"leaving out {point.base_name}, which failed: "
                  f"{point.error}")
    for workload in subjects.workloads(run):
        if workload.baseline_median_s is None:
            _warn(f"no speedup or efficiency chart for {workload.name}: it "
                  f"has no {speedups.BASELINE_EXECUTOR}/workers:1 result")


def _warn(message: str) -> None:
    print(f"{PROG}: warning: {message}", file=sys.stderr)
