"""Charts of execbench results: PNG for the README, SVG and PDF for papers.

Usage: scripts/charts RESULTS.json [--spans SPANS.json] [--filter REGEX]
                      [--formats png,svg,pdf] --out DIR

Writes every chart as DIR/NAME.png (150 dpi), and with --formats also (or
instead) DIR/NAME.svg and DIR/NAME.pdf, and prints the paths written. It
draws the charts on every core available to it, one at a time per core.
NAME is one of:

  wall-WORKLOAD        median wall time per batch against workers, a line per
                       executor, Serial as a dashed baseline, ideal scaling
                       (Serial / min(workers, cores)) dotted, 95% intervals
                       of the medians as error bars.
  speedup-WORKLOAD     speedup over Serial against workers, its intervals as
                       error bars; the ideal rises to the core count
                       (num_cpus) and runs flat beyond; the measured
                       parallel ceiling when the run has it.
  efficiency-WORKLOAD  speedup / min(workers, cores) against workers, ideal 1.
  executors-WORKLOAD   median wall time as bars grouped by workers, one bar
                       per executor, min-max over repetitions as error bars.
  timeline-WORKLOAD-EXECUTOR-wWORKERS  (with --spans) one bar per task of the
                       benchmark's last batch, from its start to its stop,
                       coloured by worker.
  lanes-WORKLOAD-EXECUTOR-wWORKERS     (with --spans) one lane per worker with
                       the tasks it ran, coloured by worker (as in the
                       timeline), numbered by task.

A sweep's batches (Granularity/.../task_us:T) get no timeline or lanes: the
METG chart draws them, and a chart per task length would swell every run.
In the timeline and lanes the time unit (s, ms, µs) suits the batch, the
axis starts at the batch start, every worker has its own colour and a legend
entry, and tasks too short to see are drawn a little wider.
  metg-EXECUTOR        (with a Granularity sweep) efficiency against task
                       granularity, METG(50%) marked: see metg_chart.py.

Characters of NAME other than letters, digits, '-', '_' and '.' become '_'.
The speedup and efficiency charts need the workload's Serial at workers:1.
Benchmarks not named <Workload>/<Executor>/workers:<W> (such as the suite's
check of its own HTTP server) are no workload on an executor and get no chart.
Errored benchmarks are left out, with one warning line each on stderr. Every
chart carries a caption naming the machine, the execbench commit and the
suite flags that differed from their defaults.
"""

import argparse
import functools
import io
import multiprocessing
import os
import pathlib
import re
import sys

import matplotlib
from matplotlib import figure as mpl_figure
from matplotlib import layout_engine
from matplotlib import patches
from matplotlib import ticker

from execbench import atomic_file
from execbench import command_line
# metg_chart uses this module's figure helpers, at call time only.
from execbench import metg  # pylint: disable=cyclic-import
from execbench import metg_chart  # pylint: disable=cyclic-import
from execbench import speedups
from execbench import style
from execbench.results import InputError, load_results
from execbench.spans import load_spans

PROG = "charts"
FORMATS = ("png", "svg", "pdf")
DEFAULT_FORMATS = ("png",)
_CAPTION_HEIGHT_IN = 0.3
_WIDTH_IN = 6.4
_IDEAL_STYLE = {"color": "0.45", "linestyle": ":", "linewidth": 1.2}
_BASELINE_STYLE = {"color": style.OKABE_ITO[0], "linestyle": "--",
                   "linewidth": 1.2}
_MAX_LABELLED_TASKS = 40
# Bars narrower than this share of the time axis are too thin for a label.
_MIN_LABELLED_SHARE = 0.03
# Bars are drawn at least this share of the time axis wide (about 1.5 pixels
# of a PNG), so that the shortest tasks still show.
_MIN_BAR_SHARE = 0.002


def new_figure(context: dict, height_in: float) -> mpl_figure.Figure:
    """An empty figure with the caption (machine, commit, flags changed) at
    its foot."""
    caption = style.caption(context)
    caption_share = (_CAPTION_HEIGHT_IN * (caption.count("\n") + 1)
                     / height_in)
    fig = mpl_figure.Figure(
        figsize=(_WIDTH_IN, height_in),
        layout=layout_engine.ConstrainedLayoutEngine(
            rect=(0, caption_share, 1, 1 - caption_share)))
    fig.text(0.5, 0.01, caption, ha="center", va="bottom",
             fontsize="small", color="0.3")
    return fig


def timeline_figure(batch, context: dict) -> mpl_figure.Figure:
    """One horizontal bar per task of the batch: when it ran, coloured by the
    worker that ran it.

    The bars are the first container of the figure's axes, in task order,
    in the time unit of the x axis label; a bar too thin to see is widened
    to a minimum width.
    """
    fig = new_figure(context, _height_for_rows(len(batch.spans), 0.12))
    axes = fig.add_subplot()
    scale = _BatchTimeScale(batch)
    worker_colours = style.worker_colours(batch.workers)
    axes.barh([span.task for span in batch.spans],
              [scale.width(span) for span in batch.spans],
              left=[scale.start(span) for span in batch.spans], height=0.8,
              color=[worker_colours[span.worker] for span in batch.spans],
              linewidth=0)
    axes.axvline(batch.startup_s / scale.seconds_per_unit, color="0.45",
                 linestyle=":", label="all workers ready")
    if not batch.capped:  # Else the end is far beyond the tasks shown.
        axes.axvline(batch.wall_s / scale.seconds_per_unit, color="0.45",
                     linestyle="--", label="batch end")
    _worker_legend(axes, worker_colours)
    scale.set_limits(axes)
    axes.set_xlabel(scale.label)
    axes.set_ylabel("Task")
    axes.yaxis.set_major_locator(ticker.MaxNLocator(integer=True))
    tasks = [span.task for span in batch.spans]
    # From the first task at the top to the last, with no tick beyond them.
    axes.set_ylim(max(tasks) + 0.5, min(tasks) - 0.5)
    axes.set_title(f"{batch.base_name}: when each task ran"
                   + _capped_note(batch))
    return fig


def lanes_figure(batch, context: dict) -> mpl_figure.Figure:
    """One lane per worker with the tasks it ran, coloured by the worker, as
    in the timeline.

    The bars are the first container of the figure's axes, in task order,
    in the time unit of the x axis label; a bar too thin to see is widened
    to a minimum width. Bars wide enough have white edges, which part a
    worker's consecutive tasks, and with few enough tasks, their task number.
    """
    fig = new_figure(context, _height_for_rows(batch.workers, 0.35))
    axes = fig.add_subplot()
    scale = _BatchTimeScale(batch)
    worker_colours = style.worker_colours(batch.workers)
    wide = [span.duration_s / scale.seconds_per_unit
            >= _MIN_LABELLED_SHARE * scale.axis_span for span in batch.spans]
    bars = axes.barh(
        [span.worker for span in batch.spans],
        [scale.width(span) for span in batch.spans],
        left=[scale.start(span) for span in batch.spans], height=0.7,
        color=[worker_colours[span.worker] for span in batch.spans],
        edgecolor="white", linewidth=[0.5 if edged else 0 for edged in wide])
    scale.set_limits(axes)
    if len(batch.spans) <= _MAX_LABELLED_TASKS:
        axes.bar_label(
            bars, label_type="center", fontsize="x-small",
            labels=[str(span.task) if labelled else ""
                    for span, labelled in zip(batch.spans, wide)])
    _worker_legend(axes, worker_colours)
    _label_lanes(axes, batch)
    axes.set_ylim(batch.workers - 0.5, -0.5)
    axes.grid(axis="y", visible=False)
    axes.set_xlabel(scale.label)
    axes.set_title(f"{batch.base_name}: tasks on each worker"
                   + _capped_note(batch))
    return fig


def wall_figure(workload: str, points: list,
                context: dict) -> mpl_figure.Figure:
    """Median wall time per batch against workers, a line per executor.

    Error bars are the medians' 95% intervals; the ideal is Serial divided
    by min(workers, cores).
    """
    unit, seconds_per_unit = style.time_unit(
        [point.median_s for point in _measured(points)])
    baseline = _baseline_median_s(points)
    cores = speedups.core_count(context)
    return _scaling_figure(
        workload, points, context,
        value=lambda point: point.median_s / seconds_per_unit,
        interval=lambda point: _scaled_interval(point.median_interval_s,
                                                seconds_per_unit),
        ylabel=f"Median wall time per batch ({unit})",
        title=f"{workload}: wall time against workers",
        baseline=None if baseline is None else baseline / seconds_per_unit,
        ideal=(None if baseline is None else
               lambda workers: baseline / seconds_per_unit
               / speedups.useful_workers(workers, cores)),
        ideal_label=("ideal (Serial / workers)" if cores is None else
                     f"ideal (Serial / min(workers, {cores} cores))"))


def speedup_figure(workload: str, points: list,
                   context: dict) -> mpl_figure.Figure:
    """Speedup over Serial against workers, with the ideal and the ceiling.

    The ideal rises with the workers up to the core count (num_cpus) and
    runs flat beyond it; without num_cpus it is y = x. The machine's
    measured ceiling (execbench_parallel_ceiling_start/end), when the run
    has it, is drawn too. Error bars are the speedups' intervals
    (speedups.py).
    """
    cores = speedups.core_count(context)
    figure = _scaling_figure(
        workload, points, context, value=lambda point: point.speedup,
        interval=lambda point: point.speedup_interval,
        ylabel="Speedup over Serial (median / median)",
        title=f"{workload}: speedup over Serial",
        baseline=1.0,
        ideal=lambda workers: speedups.useful_workers(workers, cores),
        ideal_label=("ideal (y = x)" if cores is None else
                     f"ideal (min(workers, {cores} cores))"),
        cores=cores)
    axes = figure.axes[0]
    for when, linestyle in (("start", "-."), ("end", (0, (1, 3)))):
        ceiling = _context_number(
            context, f"execbench_parallel_ceiling_{when}")
        if ceiling is not None:
            axes.axhline(ceiling, color="0.3", linestyle=linestyle,
                         linewidth=1.0,
                         label=f"measured ceiling, {when} of run "
                         f"({style.format_ratio(ceiling)})")
    axes.legend(fontsize="small")
    return figure


def efficiency_figure(workload: str, points: list,
                      context: dict) -> mpl_figure.Figure:
    """Speedup / min(workers, cores) against workers, with the ideal 1."""
    return _scaling_figure(
        workload, points, context, value=lambda point: point.efficiency,
        ylabel=("Efficiency (speedup / workers)"
                if speedups.core_count(context) is None else
                "Efficiency (speedup / min(workers, cores))"),
        title=f"{workload}: parallel efficiency",
        baseline=None, ideal=lambda workers: 1.0, ideal_label="ideal (1)")


def executors_figure(workload: str, points: list,
                     context: dict) -> mpl_figure.Figure:
    """Median wall time as bars grouped by workers, one bar per executor.

    Each executor's bars are one container of the figure's axes, labelled
    with the executor; with repetitions, error bars span their min to max.
    """
    measured = _measured(points)
    unit, seconds_per_unit = style.time_unit(
        [point.median_s for point in measured])
    worker_counts = sorted({point.workers for point in measured})
    executors = style.sort_executors(point.executor for point in measured)
    repeated = any(len(point.samples_s) > 1 for point in measured)
    width = 0.8 / len(executors)
    fig = new_figure(context, 3.6)
    axes = fig.add_subplot()
    for index, executor in enumerate(executors):
        mine = [point for point in measured if point.executor == executor]
        medians = [point.median_s / seconds_per_unit for point in mine]
        axes.bar(
            [worker_counts.index(point.workers)
             + (index - (len(executors) - 1) / 2) * width for point in mine],
            medians, width, label=executor,
            color=style.executor_style(executor).colour,
            yerr=[[median - min(point.samples_s) / seconds_per_unit
                   for point, median in zip(mine, medians)],
                  [max(point.samples_s) / seconds_per_unit - median
                   for point, median in zip(mine, medians)]]
            if repeated else None,
            capsize=3, error_kw={"linewidth": 0.8})
    axes.set_ylabel(f"Median wall time per batch ({unit})"
                    + ("\nerror bars: min to max over repetitions"
                       if repeated else ""))
    axes.set_xticks(range(len(worker_counts)),
                    [str(count) for count in worker_counts])
    axes.set_xlabel("Workers")
    axes.grid(axis="x", visible=False)
    axes.legend(fontsize="small")
    axes.set_title(f"{workload}: executors side by side")
    return fig


def chart_jobs(points: list, context: dict, spans_file=None):
    """Yields (file name stem, function drawing the figure) for every chart of
    the module docstring, so that figures can be drawn where and when they are
    saved.

    Args:
      points: speedups.summarize() of the results to chart.
      context: the results' context, for the captions; for the timelines
        and lanes, the spans file's context takes precedence.
      spans_file: a SpansFile for the timelines and lanes, or None.
    """
    for workload, mine in speedups.by_workload(points).items():
        if not _measured(mine):
            continue
        yield _stem("wall", workload), functools.partial(
            wall_figure, workload, mine, context)
        if _baseline_median_s(mine) is not None and _scaled(mine):
            yield _stem("speedup", workload), functools.partial(
                speedup_figure, workload, mine, context)
            yield _stem("efficiency", workload), functools.partial(
                efficiency_figure, workload, mine, context)
        yield _stem("executors", workload), functools.partial(
            executors_figure, workload, mine, context)
    errored = {point.base_name for point in points if point.error}
    # The spans file's context may lack what Google Benchmark adds (num_cpus).
    spans_context = {**context, **(spans_file.context if spans_file else {})}
    for batch in spans_file.batches if spans_file else ():
        if batch.base_name in errored or not batch.spans or batch.params:
            continue
        suffix = (batch.workload, batch.executor, f"w{batch.workers}")
        yield _stem("timeline", *suffix), functools.partial(
            timeline_figure, batch, spans_context)
        yield _stem("lanes", *suffix), functools.partial(
            lanes_figure, batch, spans_context)


def build_charts(points: list, context: dict, spans_file=None):
    """Yields (file name stem, figure) for every chart of chart_jobs(), one
    figure at a time, so that each can be looked at and dropped."""
    for stem, draw in chart_jobs(points, context, spans_file):
        yield stem, draw()


# The charts that write_charts() hands out, inherited by its forked workers.
_pending_jobs = None


def write_charts(jobs, out_dir: str, formats=DEFAULT_FORMATS,
                 processes=None) -> list:
    """Draws each (stem, function drawing the figure) of jobs and saves it in
    each of the formats under out_dir, in `processes` processes at once (by
    default one per core this process may run on: a default run draws some
    450 charts), each taking the next chart when done with one.

    Returns:
      The paths written, in the order of jobs.

    Raises:
      InputError: when a file cannot be written.
    """
    global _pending_jobs  # pylint: disable=global-statement
    jobs = list(jobs)
    processes = min(processes or len(os.sched_getaffinity(0)), len(jobs))
    write = functools.partial(_write_pending_job, out_dir, formats)
    _pending_jobs = jobs
    try:
        if processes <= 1:
            written = [write(index) for index in range(len(jobs))]
        else:
            with multiprocessing.get_context("fork").Pool(processes) as pool:
                written = pool.map(write, range(len(jobs)), chunksize=1)
    finally:
        _pending_jobs = None
    return [path for paths in written for path in paths]


def _write_pending_job(out_dir, formats, index) -> list:
    """Draws _pending_jobs[index] and saves it in each of the formats under
    out_dir; returns the paths."""
    stem, draw = _pending_jobs[index]
    paths = []
    with matplotlib.rc_context(style.RC_PARAMS):
        fig = draw()
        for file_format in formats:
            content = io.BytesIO()
            fig.savefig(content, format=file_format, dpi=style.PNG_DPI,
                        metadata=style.FILE_METADATA[file_format])
            path = os.path.join(out_dir, f"{stem}.{file_format}")
            try:
                atomic_file.write_atomically(pathlib.Path(path),
                                             content.getvalue())
            except OSError as error:
                raise InputError(
                    f"cannot write {path}: {error.strerror}; choose a "
                    "writable --out directory") from None
            paths.append(path)
    return paths


def parse_formats(text: str) -> tuple:
    """The --formats value: a comma-separated subset of FORMATS, in the
    order given, without repeats."""
    formats = tuple(dict.fromkeys(part.strip() for part in text.split(",")))
    unknown = [name for name in formats if name not in FORMATS]
    if unknown or not formats:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a comma-separated list of {', '.join(FORMATS)} "
            "(e.g. png,svg)")
    return formats


def main(argv=None) -> int:
    """The command line; see the module docstring. Returns the exit code."""
    parser = command_line.ArgumentParser(
        prog=PROG, description="Draws charts of execbench results.")
    parser.add_argument("results", help="Google Benchmark JSON of bench")
    parser.add_argument("--spans", help="spans file of bench --spans_out")
    parser.add_argument("--filter", help="only benchmarks matching this regex")
    parser.add_argument("--formats", type=parse_formats,
                        default=DEFAULT_FORMATS,
                        help="comma-separated file formats among "
                             f"{','.join(FORMATS)} (default: png)")
    parser.add_argument("--out", required=True, help="directory to write to")
    args = parser.parse_args(argv)
    try:
        all_results = load_results(args.results)
        results = _selected(all_results, args.filter)
        spans_file = load_spans(args.spans) if args.spans else None
        if spans_file and args.filter is not None:
            spans_file = spans_file.filtered(args.filter)
        points = speedups.summarize(results, baseline_results=all_results)
        _warn_about_left_out(points)
        written = write_charts(
            [*chart_jobs(points, results.context, spans_file),
             *metg_chart.metg_chart_jobs(results)],
            args.out, args.formats)
    except InputError as error:
        return command_line.report_bad_input(PROG, error)
    print("\n".join(written))
    return 0


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


def _warn_about_left_out(points: list) -> None:
    """One warning line per errored benchmark and per chart not drawn."""
    for point in points:
        if point.error:
            _warn(f"leaving out {point.base_name}, which failed: "
                  f"{point.error}")
    for workload, mine in speedups.by_workload(points).items():
        if _measured(mine) and _baseline_median_s(mine) is None:
            _warn(f"no speedup or efficiency chart for {workload}: it has no "
                  f"{speedups.BASELINE_EXECUTOR}/workers:1 result")


def _warn(message: str) -> None:
    print(f"{PROG}: warning: {message}", file=sys.stderr)


def _scaling_figure(workload, points, context, *, value, ylabel, title,
                    baseline, ideal, ideal_label, interval=None,
                    cores=None) -> mpl_figure.Figure:
    """A line per executor of value(point) against workers, log2 x axis.

    The baseline executor is not a line but, when `baseline` is given, a
    dashed horizontal line at that height; `ideal` maps workers to the
    dotted ideal line, which also passes through `cores` when that lies
    between the worker counts; `interval` maps a point to the (low, high)
    of its error bar, or None for none.
    """
    fig = new_figure(context, 3.6)
    axes = fig.add_subplot()
    measured = _measured(points)
    worker_counts = sorted({point.workers for point in measured})
    executors = style.sort_executors(point.executor for point in measured)
    if baseline is not None:
        axes.axhline(baseline, label=f"{speedups.BASELINE_EXECUTOR}, 1 worker",
                     **_BASELINE_STYLE)
    if ideal is not None:
        ideal_counts = sorted(set(worker_counts) | (
            {cores} if cores and worker_counts[0] < cores < worker_counts[-1]
            else set()))
        axes.plot(ideal_counts, [ideal(count) for count in ideal_counts],
                  label=ideal_label, **_IDEAL_STYLE)
    for executor in executors:
        if executor == speedups.BASELINE_EXECUTOR:
            continue
        mine = [point for point in measured if point.executor == executor]
        axes.plot([point.workers for point in mine],
                  [value(point) for point in mine], label=executor,
                  color=style.executor_style(executor).colour,
                  marker=style.executor_style(executor).marker)
        bounded = [(point, interval(point)) for point in mine
                   if interval is not None and interval(point) is not None]
        if bounded:
            axes.errorbar(
                [point.workers for point, _ in bounded],
                [value(point) for point, _ in bounded],
                yerr=[[value(point) - low for point, (low, _) in bounded],
                      [high - value(point) for point, (_, high) in bounded]],
                fmt="none", ecolor=style.executor_style(executor).colour,
                capsize=3, linewidth=0.8, label="_nolegend_")
    axes.set_xscale("log", base=2)
    axes.set_xticks(worker_counts, [str(count) for count in worker_counts])
    axes.xaxis.set_minor_locator(ticker.NullLocator())
    axes.set_ylim(bottom=0)
    axes.set_xlabel("Workers (log2 scale)"
                    + ("; error bars: 95% intervals" if interval else ""))
    axes.set_ylabel(ylabel)
    axes.set_title(title)
    axes.legend(fontsize="small")
    return fig


def _scaled_interval(interval, seconds_per_unit: float):
    """(low, high) of a statistics.Interval in the unit; None stays None."""
    if interval is None:
        return None
    return interval.low / seconds_per_unit, interval.high / seconds_per_unit


def _context_number(context: dict, key: str) -> float | None:
    """The context's value as a positive number; None if absent or not one."""
    try:
        number = float(context[key])
    except (KeyError, TypeError, ValueError):
        return None
    return number if number > 0 else None


def _measured(points: list) -> list:
    return [point for point in points if not point.error]


def _scaled(points: list) -> list:
    """The measured points of executors other than the baseline."""
    return [point for point in _measured(points)
            if point.executor != speedups.BASELINE_EXECUTOR]


def _baseline_median_s(points: list) -> float | None:
    return points[0].baseline_median_s if points else None


def _height_for_rows(rows: int, inches_per_row: float) -> float:
    return min(max(1.6 + inches_per_row * rows, 3.0), 12.0)


class _BatchTimeScale:
    """The time axis of a batch's timeline and lanes: from 0 at the batch
    start to its end (for a capped batch, to the last kept span), in a unit
    chosen from that span (s, ms, µs), with bars at least _MIN_BAR_SHARE of
    the axis wide, so that microsecond tasks stay visible."""

    def __init__(self, batch):
        last_s = max([0.0 if batch.capped else batch.wall_s,
                      *(span.stop_s for span in batch.spans)])
        unit, self.seconds_per_unit = style.time_unit([max(last_s, 1e-9)])
        self.label = f"Time since the batch started ({unit})"
        self.axis_span = last_s / self.seconds_per_unit

    def start(self, span) -> float:
        return span.start_s / self.seconds_per_unit

    def width(self, span) -> float:
        return max(span.duration_s / self.seconds_per_unit,
                   _MIN_BAR_SHARE * self.axis_span)

    def set_limits(self, axes) -> None:
        axes.set_xlim(0, self.axis_span * 1.02)


def _worker_legend(axes, worker_colours: list) -> None:
    """A legend beside the axes: a patch per worker, in columns when there
    are many, then the axes' own labelled lines."""
    handles = [patches.Patch(color=colour, label=f"worker {worker}")
               for worker, colour in enumerate(worker_colours)]
    handles += axes.get_legend_handles_labels()[0]
    axes.legend(handles=handles, loc="upper left", bbox_to_anchor=(1, 1),
                fontsize="x-small" if len(handles) > 12 else "small",
                ncols=1 + len(handles) // 24, title="colour: worker",
                title_fontsize="small")


def _label_lanes(axes, batch) -> None:
    """Names each worker's lane, with its host when the batch ran on hosts,
    and says whether the bars carry task numbers."""
    axes.set_yticks(range(batch.workers))
    on_bars = (" (numbers on bars: tasks)"
               if len(batch.spans) <= _MAX_LABELLED_TASKS else "")
    if len(batch.hosts) == batch.workers:
        axes.set_yticklabels([f"{worker} ({host})"
                              for worker, host in enumerate(batch.hosts)])
        axes.set_ylabel("Worker (host)" + on_bars)
    else:
        axes.set_ylabel("Worker" + on_bars)


def _capped_note(batch) -> str:
    if not batch.capped:
        return ""
    return f"\n(first {len(batch.spans)} of {batch.tasks} tasks)"


def _stem(*parts: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]", "_", "-".join(parts))
