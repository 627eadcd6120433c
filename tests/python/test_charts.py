"""Tests of the charts of a run (charts/, scripts/charts): what the charts
show, and the files written."""

import dataclasses
import json
import os
import pathlib
import re
import statistics
import subprocess

import pytest
from matplotlib import colors
from matplotlib.backends import backend_agg
from matplotlib import container as container_module

import leftovers
from conftest import SCRIPTS
from conftest import raw_medians_s
from execbench import charts
from execbench import command_line
from execbench import formatting
from execbench.analysis import advice
from execbench.analysis import speedups
from execbench.charts import efficiency
from execbench.charts import executors
from execbench.charts import figure as figure_module
from execbench.charts import lanes
from execbench.charts import speedup
from execbench.charts import style
from execbench.charts import subjects
from execbench.charts import timelines
from execbench.charts import wall
from execbench.inputs import bench_json
from execbench.inputs import spans

FIXTURES = pathlib.Path(__file__).resolve().parents[1] / "fixtures"
BENCH_1_7 = str(FIXTURES / "bench-1.7.json")
WITH_ERRORS = str(FIXTURES / "bench-errors.json")
SPANS = str(FIXTURES / "spans.json")
# Keeps the command-line runs fast: one benchmark besides the baseline.
ONE_BENCHMARK = "Cpu/Threads/workers:2"


def workload_points(path: str, workload: str) -> list:
    return speedups.by_workload(
        speedups.summarize(bench_json.load_results(path)))[workload]


def draw(family, workload: str, points: list, context: dict):
    """The family's chart of the workload's points."""
    return family.draw(subjects.Workload(workload, points, context))


def chart_jobs(points: list, context: dict, spans_file=None) -> list:
    """The figure.Job of every chart of the points (and spans)."""
    return list(charts.chart_jobs(subjects.Run(points, context, spans_file)))


def chart_stems(points: list, context: dict, spans_file=None) -> list:
    """The file name stems of every chart of the points (and spans)."""
    return [job.stem for job in chart_jobs(points, context, spans_file)]


def line(axes, label: str):
    (found,) = [line for line in axes.get_lines() if line.get_label() == label]
    return found


def run_charts(*args: str) -> subprocess.CompletedProcess:
    return leftovers.run(["/usr/bin/python3", SCRIPTS / "charts", *args])


@pytest.fixture(name="spans_file", scope="module")
def fixture_spans_file():
    return spans.load_spans(SPANS)


def batch_named(spans_file, base_name: str):
    (batch,) = [batch for batch in spans_file.batches
                if batch.base_name == base_name]
    return batch


def seconds_per_unit(axes) -> float:
    """The seconds per unit of the time axis, from its label."""
    unit = re.search(r"\((\w+)\)$", axes.get_xlabel())[1]
    return {"s": 1.0, "ms": 1e-3, "µs": 1e-6}[unit]


def test_timeline_has_one_bar_per_task_from_start_to_stop(spans_file):
    batch = batch_named(spans_file, "Cpu/Processes/workers:2")
    axes = timelines.draw(batch).axes[0]
    bars = axes.containers[0]
    assert len(bars) == len(batch.spans) == batch.tasks
    assert axes.get_xlabel() == "Time since the batch started (ms)"
    for bar, span in zip(bars, batch.spans):
        assert bar.get_x() == pytest.approx(span.start_s * 1e3)
        assert bar.get_width() == pytest.approx(
            (span.stop_s - span.start_s) * 1e3)
        assert bar.get_y() + bar.get_height() / 2 == span.task
        assert colors.to_hex(bar.get_facecolor()) == style.worker_colours(
            batch.workers)[span.worker]
    assert axes.get_ylabel() == "Task"


def test_timeline_ticks_only_tasks_with_the_first_at_the_top(spans_file):
    batch = batch_named(spans_file, "Cpu/Processes/workers:2")
    figure = timelines.draw(batch)
    figure.canvas.draw()
    axes = figure.axes[0]
    tasks = {span.task for span in batch.spans}
    bottom, top = axes.get_ylim()
    shown = [tick for tick in axes.get_yticks() if top <= tick <= bottom]
    assert shown and set(shown) <= tasks
    assert (top, bottom) == (min(tasks) - 0.5, max(tasks) + 0.5)


def test_lanes_put_each_task_on_its_workers_lane(spans_file):
    batch = batch_named(spans_file, "Cpu/Threads/workers:2")
    axes = lanes.draw(batch).axes[0]
    bars = axes.containers[0]
    assert len(bars) == len(batch.spans)
    scale = seconds_per_unit(axes)
    for bar, span in zip(bars, batch.spans):
        assert bar.get_y() + bar.get_height() / 2 == span.worker
        assert bar.get_x() == pytest.approx(span.start_s / scale)
        assert bar.get_width() == pytest.approx(
            (span.stop_s - span.start_s) / scale)
        # Colour means the worker, as in the timeline.
        assert colors.to_hex(bar.get_facecolor()) == style.worker_colours(
            batch.workers)[span.worker]
    labels = [text.get_text() for text in axes.texts]
    assert labels == [str(span.task) for span in batch.spans]
    assert {span.worker for span in batch.spans} == {0, 1}


def test_lanes_of_workers_on_hosts_name_the_host(spans_file):
    # Files without hosts (every worker here) read as before.
    assert batch_named(spans_file, "Cpu/Threads/workers:2").hosts == ()
    batch = dataclasses.replace(
        batch_named(spans_file, "Cpu/Threads/workers:2"),
        hosts=("node-a", "node-b"))
    figure = lanes.draw(batch)
    figure.canvas.draw()
    labels = [label.get_text() for label in figure.axes[0].get_yticklabels()]
    assert labels == ["0 (node-a)", "1 (node-b)"]


def test_capped_batches_say_how_many_tasks_are_shown(spans_file):
    batch = batch_named(spans_file, "Noop/Processes/workers:2")
    assert batch.capped
    for build in (timelines.draw, lanes.draw):
        axes = build(batch).axes[0]
        assert (f"first {len(batch.spans)} of {batch.tasks} tasks"
                in axes.get_title())
        left_s, right_s = (limit * seconds_per_unit(axes)
                           for limit in axes.get_xlim())
        assert left_s == 0
        assert batch.spans[-1].stop_s < right_s
        assert right_s < batch.wall_s  # The kept tasks fill the axis.


def test_speedup_is_median_serial_over_median_with_ideal_line():
    medians = raw_medians_s(BENCH_1_7)
    serial = medians["Cpu/Serial/workers:1"]
    figure = draw(speedup, "Cpu", workload_points(BENCH_1_7, "Cpu"),
                                   {})
    axes = figure.axes[0]
    for executor in ("Threads", "Processes"):
        curve = line(axes, executor)
        assert list(curve.get_xdata()) == [1, 2]
        assert list(curve.get_ydata()) == pytest.approx(
            [serial / medians[f"Cpu/{executor}/workers:{workers}"]
             for workers in (1, 2)])
    ideal = line(axes, "ideal (y = x)")
    assert list(ideal.get_xdata()) == list(ideal.get_ydata()) == [1, 2]
    assert axes.get_xscale() == "log"
    assert "Serial" not in [curve.get_label() for curve in axes.get_lines()
                            if curve.get_linestyle() == "-"]


def test_efficiency_is_speedup_over_workers():
    medians = raw_medians_s(BENCH_1_7)
    serial = medians["Noop/Serial/workers:1"]
    axes = draw(
        efficiency, "Noop", workload_points(BENCH_1_7, "Noop"), {}).axes[0]
    assert list(line(axes, "Processes").get_ydata()) == pytest.approx(
        [serial / medians[f"Noop/Processes/workers:{workers}"] / workers
         for workers in (1, 2)])
    assert list(line(axes, "ideal (1)").get_ydata()) == [1.0, 1.0]


def test_wall_chart_plots_medians_with_serial_as_dashed_baseline():
    medians = raw_medians_s(BENCH_1_7)
    axes = draw(wall, "Cpu", workload_points(BENCH_1_7, "Cpu"),
                              {}).axes[0]
    assert axes.get_ylabel() == "Median wall time per batch (ms)"
    assert list(line(axes, "Threads").get_ydata()) == pytest.approx(
        [medians[f"Cpu/Threads/workers:{workers}"] * 1e3
         for workers in (1, 2)])
    baseline = line(axes, "Serial, 1 worker")
    assert baseline.get_linestyle() == "--"
    assert list(baseline.get_ydata()) == pytest.approx(
        [medians["Cpu/Serial/workers:1"] * 1e3] * 2)


def test_executor_bars_are_medians_with_min_max_error_bars():
    with open(BENCH_1_7, encoding="utf-8") as file:
        rows = json.load(file)["benchmarks"]
    threads_2 = [row["real_time"] * 1e3 for row in rows  # ms to µs.
                 if row["run_name"] == "Noop/Threads/workers:2/manual_time"
                 and row["run_type"] == "iteration"]
    axes = draw(
        executors, "Noop", workload_points(BENCH_1_7, "Noop"), {}).axes[0]
    assert "min to max over repetitions" in axes.get_ylabel()
    assert "(µs)" in axes.get_ylabel()  # Noop's batches take under 1 ms.
    bars = {container.get_label(): container for container in axes.containers
            if isinstance(container, container_module.BarContainer)}
    assert list(bars) == ["Serial", "Threads", "Processes"]
    assert len(bars["Serial"]) == 1 and len(bars["Threads"]) == 2
    assert bars["Threads"][1].get_height() == pytest.approx(
        statistics.median(threads_2))
    segments = bars["Threads"].errorbar.lines[2][0].get_segments()
    assert [segments[1][0][1], segments[1][1][1]] == pytest.approx(
        [min(threads_2), max(threads_2)])
    assert [colors.to_hex(bars[name][0].get_facecolor()) for name in bars] == [
        "#000000", "#0072b2", "#d55e00"]


def test_single_samples_get_no_error_bars():
    points = workload_points(str(FIXTURES / "bench-aggregates.json"), "Cpu")
    axes = draw(executors, "Cpu", points, {}).axes[0]
    assert axes.get_ylabel() == "Median wall time per batch (ms)"
    assert all(container.errorbar is None for container in axes.containers)


def test_every_chart_job_has_a_caption_and_no_chart_bakes_it_in(spans_file):
    loaded = bench_json.load_results(BENCH_1_7)
    points = speedups.summarize(loaded)
    jobs = chart_jobs(points, loaded.context, spans_file)
    assert {job.stem.split("-")[0] for job in jobs} == {
        "summary", "wall", "speedup", "efficiency", "executors", "timeline",
        "lanes"}
    for job in jobs:
        about, machine = job.caption.splitlines()
        assert about.endswith(".") and len(about) > 60
        assert machine == "vm, 2 CPUs, AMD EPYC; execbench cf8b0dbb1039+dirty"
        figure = job.draw()
        # No caption under the chart.
        assert not [text for text in figure.texts
                    if "execbench" in text.get_text()], job.stem
        if job.stem.startswith(("timeline-", "lanes-", "summary")):
            continue
        for axes in figure.axes:
            assert axes.get_xlabel() and axes.get_ylabel()


def test_caption_names_machine_and_short_commit_marked_dirty():
    assert formatting.caption({
        "host_name": "lab", "num_cpus": 8, "execbench_cpu_model": "Xeon",
        "execbench_commit": "3f2c9a1b7d4e5f60718293a4b5c6d7e8f9012345",
        "execbench_commit_dirty": "true"}) == (
            "lab, 8 CPUs, Xeon; execbench 3f2c9a1b7d4e+dirty")
    assert formatting.caption({"host_name": "lab", "execbench_commit": "abc",
                          "execbench_commit_dirty": "false"}) == (
                              "lab; execbench abc")


def test_chart_names_are_predictable(spans_file):
    loaded = bench_json.load_results(BENCH_1_7)
    stems = chart_stems(speedups.summarize(loaded), loaded.context,
                        spans_file)
    per_workload = [f"{kind}-{workload}" for workload in ("Cpu", "Noop")
                    for kind in ("wall", "speedup", "efficiency", "executors")]
    per_batch = [f"{kind}-{batch.workload}-{batch.executor}-w{batch.workers}"
                 for batch in spans_file.batches
                 for kind in ("timeline", "lanes")]
    assert stems == ["summary"] + per_workload + per_batch


def test_benchmarks_outside_the_grid_get_no_chart():
    loaded = bench_json.load_results(BENCH_1_7)
    outside = [run.base_name for run in loaded.runs if not run.in_grid]
    assert outside == ["ApiServer/concurrent_clients:256"] * 3
    points = speedups.summarize(loaded)
    assert len(points) == 10
    assert all(point.workload in ("Cpu", "Noop") for point in points)
    assert not [stem for stem in chart_stems(points, loaded.context)
                if "ApiServer" in stem]


@pytest.fixture(name="two_runs", scope="module")
def fixture_two_runs(tmp_path_factory):
    """The charts command run twice on the same input, at different dates."""
    runs = []
    for epoch in ("1", "2000000000"):
        out = tmp_path_factory.mktemp(f"epoch{epoch}") / "charts"
        completed = subprocess.run(
            ["/usr/bin/python3", str(SCRIPTS / "charts"), BENCH_1_7,
             "--spans", SPANS, "--filter", ONE_BENCHMARK, "--out", str(out),
             "--formats", "png,svg,pdf"],
            capture_output=True, text=True, check=False,
            env={**os.environ, "SOURCE_DATE_EPOCH": epoch})
        runs.append((completed, out))
    return runs


def test_command_line_writes_png_svg_and_pdf_of_each_chart(two_runs):
    completed, out = two_runs[0]
    assert completed.returncode == 0, completed.stderr
    assert completed.stderr == ""
    stems = ["summary", "wall-Cpu", "speedup-Cpu", "efficiency-Cpu",
             "executors-Cpu", "timeline-Cpu-Threads-w2", "lanes-Cpu-Threads-w2"]
    expected = [str(out / f"{stem}{ext}") for stem in stems
                for ext in (".png", ".svg", ".pdf", ".caption.txt")]
    assert completed.stdout.splitlines() == expected
    assert sorted(os.listdir(out)) == sorted(os.path.basename(path)
                                             for path in expected)
    assert (out / "wall-Cpu.png").read_bytes().startswith(b"\x89PNG")
    assert (out / "wall-Cpu.svg").read_bytes().lstrip().startswith(b"<?xml")
    pdf = (out / "wall-Cpu.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    assert b"/FontFile2" in pdf and b"/Type3" not in pdf  # TrueType fonts.


def test_svg_and_pdf_are_byte_identical_across_runs_and_dates(two_runs):
    (first, first_out), (second, second_out) = two_runs
    assert first.returncode == second.returncode == 0, second.stderr
    vector_files = sorted(path.name for path in first_out.iterdir()
                          if path.suffix in (".svg", ".pdf"))
    assert len(vector_files) == 14
    for name in vector_files:
        assert (first_out / name).read_bytes() == (
            second_out / name).read_bytes(), name


def test_errored_benchmarks_are_left_out_with_one_warning_each(tmp_path):
    completed = run_charts(WITH_ERRORS, "--filter", "Processes",
                           "--out", str(tmp_path))
    assert completed.returncode == 0, completed.stderr
    assert completed.stderr.splitlines() == [
        "charts: warning: leaving out Cpu/Processes/workers:2, which failed: "
        "fork failed: Resource temporarily unavailable"]
    points = speedups.summarize(bench_json.load_results(WITH_ERRORS))
    axes = draw(executors, "Cpu", points, {}).axes[0]
    processes = [container for container in axes.containers
                 if container.get_label() == "Processes"]
    assert len(processes[0]) == 1  # Only workers:1; workers:2 failed.


def write(tmp_path, name: str, content: str) -> str:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("make_args, complaint", [
    (lambda tmp: [str(tmp / "missing.json")], "No such file or directory"),
    (lambda tmp: [write(tmp, "empty.json", "")], "is empty"),
    (lambda tmp: [write(tmp, "cut.json", '{"context": {"date": "20')],
     "not valid JSON"),
    (lambda tmp: [write(tmp, "other.json", '{"results": []}')],
     "not Google Benchmark JSON"),
    (lambda tmp: [BENCH_1_7, "--filter", "NoSuchWorkload"],
     "no benchmark in .* matches --filter 'NoSuchWorkload'"),
    (lambda tmp: [BENCH_1_7, "--filter", "Cpu["], "invalid regular expression"),
    (lambda tmp: [BENCH_1_7, "--filter", "ApiServer"],
     "no measured <Workload>/<Executor>/workers:<W> benchmark to chart"),
    (lambda tmp: [WITH_ERRORS, "--filter", "Processes/workers:2"],
     "every benchmark in .* failed"),
    (lambda tmp: [BENCH_1_7, "--spans", BENCH_1_7],
     "not an execbench spans file"),
    (lambda tmp: [BENCH_1_7, "--spans", write(tmp, "spans.json", "")],
     "is empty"),
    (lambda tmp: [BENCH_1_7, "--spans", write(tmp, "spans.json", json.dumps(
        {"format": "execbench-spans", "version": 2, "benchmarks": []}))],
     "spans format version 2, but this script reads version 1"),
    (lambda tmp: [BENCH_1_7, "--spans", write(tmp, "spans.json", json.dumps(
        {"format": "execbench-spans", "version": 1,
         "benchmarks": [{"name": "Cpu/Serial/workers:1/manual_time"}]}))],
     "malformed benchmark entry"),
])
def test_bad_input_exits_2_with_one_line(tmp_path, make_args, complaint):
    out = tmp_path / "out"
    completed = run_charts(*make_args(tmp_path), "--out", str(out))
    assert completed.returncode == 2
    assert len(completed.stderr.splitlines()) == 1, completed.stderr
    assert completed.stderr.startswith("charts: ")
    assert "Traceback" not in completed.stderr
    assert re.search(complaint, completed.stderr)
    assert completed.stdout == ""
    assert not out.exists()


def test_a_reader_that_stops_early_ends_charts_quietly(tmp_path):
    with subprocess.Popen(
            ["/usr/bin/python3", str(SCRIPTS / "charts"), BENCH_1_7,
             "--filter", ONE_BENCHMARK, "--out", str(tmp_path)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        process.stdout.close()  # As `| head` does once it has enough.
        stderr = process.stderr.read().decode("utf-8")
    assert stderr == ""
    assert process.returncode == command_line.BROKEN_PIPE
    assert (tmp_path / "wall-Cpu.png").exists()


def test_missing_out_argument_exits_2_with_one_line():
    completed = run_charts(BENCH_1_7)
    assert completed.returncode == 2
    assert len(completed.stderr.splitlines()) == 1
    assert "--out" in completed.stderr


def test_charts_are_png_only_by_default_and_formats_chooses(tmp_path):
    def written(*formats: str) -> set:
        out = tmp_path / "-".join(formats or ("default",))
        completed = run_charts(BENCH_1_7, "--filter", "Cpu/Threads/workers:2",
                               "--out", str(out), *formats)
        assert completed.returncode == 0, completed.stderr
        return {path.suffix for path in out.iterdir()}

    assert written() == {".png", ".txt"}  # .txt: NAME.caption.txt.
    assert written("--formats", "pdf,svg") == {".pdf", ".svg", ".txt"}
    completed = run_charts(BENCH_1_7, "--out", str(tmp_path / "x"),
                           "--formats", "png,gif")
    assert completed.returncode == 2
    assert completed.stderr == (
        "charts: argument --formats: 'png,gif' is not a comma-separated list "
        "of png, svg, pdf (e.g. png,svg) (see --help)\n")


def plotted_styles(executors: list) -> dict:
    """executor -> (colour, marker) of its line in a speedup chart of the
    points of these executors (and Serial, the baseline)."""
    points = [point for point in workload_points(BENCH_1_7, "Cpu")
              if point.executor in (*executors, "Serial")]
    axes = draw(speedup, "Cpu", points, {}).axes[0]
    return {line.get_label(): (colors.to_hex(line.get_color()),
                               line.get_marker())
            for line in axes.get_lines() if line.get_label() in executors}


def test_an_executor_looks_the_same_whatever_the_filter():
    both = plotted_styles(["Threads", "Processes"])
    alone = plotted_styles(["Processes"])

    assert alone["Processes"] == both["Processes"]
    assert both["Threads"] != both["Processes"]


def test_every_known_executor_has_its_own_colour_and_marker():
    known = ("Serial", "Threads", "Processes", "Tbb", "OpenMp", "Async",
             "EventLoop", "Mpi")
    # Legends and tables list them in this order, and each has its style.
    assert formatting.EXECUTOR_ORDER == tuple(style.EXECUTOR_STYLES) == known
    styles = [style.executor_style(name) for name in known]
    assert len({entry.colour for entry in styles}) == len(known)
    assert len({entry.marker for entry in styles}) == len(known)
    assert {entry.colour.upper() for entry in styles} == set(style.OKABE_ITO)
    assert style.executor_style("Fibers") == style.executor_style("Fibers")
    assert style.executor_style("Fibers").marker not in {
        entry.marker for entry in styles}


def synthetic_batch(workers: int, tasks: int, task_s: float,
                    name: str = "Api/Threads"):
    """A batch whose tasks of task_s run in rounds over every worker."""
    spans_list = tuple(
        spans.Span(task=task, worker=task % workers,
                   start_s=1e-6 + (task // workers) * task_s,
                   stop_s=1e-6 + (task // workers + 1) * task_s, cpu_s=0)
        for task in range(tasks))
    return spans.Batch(
        name=f"{name}/workers:{workers}/manual_time",
        workload=bench_json.parse_benchmark_name(name).workload,
        executor="Threads",
        workers=workers, tasks=tasks, wall_s=spans_list[-1].stop_s + 1e-6,
        startup_s=1e-6, shutdown_s=1e-6, capped=False, spans=spans_list)


@pytest.mark.parametrize("workers", [2, 8, 16, 64])
def test_no_two_workers_share_a_colour_and_each_has_a_legend_entry(workers):
    batch = synthetic_batch(workers, tasks=2 * workers, task_s=0.05)
    for build in (timelines.draw, lanes.draw):
        axes = build(batch).axes[0]
        colour_of = {}
        for bar, span in zip(axes.containers[0], batch.spans):
            colour_of.setdefault(span.worker, set()).add(
                colors.to_hex(bar.get_facecolor()))
        assert all(len(found) == 1 for found in colour_of.values())
        assert len({found.pop() for found in colour_of.values()}) == workers
        legend = [text.get_text() for text in axes.get_legend().get_texts()]
        assert [f"worker {worker}" for worker in range(workers)] == (
            legend[:workers])
        assert axes.get_legend().get_title().get_text() == "colour: worker"


def test_microsecond_tasks_are_visible_on_an_axis_in_microseconds():
    batch = synthetic_batch(2, tasks=200, task_s=2e-7, name="Noop/Threads")
    for build in (timelines.draw, lanes.draw):
        axes = build(batch).axes[0]
        assert axes.get_xlabel() == "Time since the batch started (µs)"
        left, right = axes.get_xlim()
        assert left == 0
        assert right == pytest.approx(batch.wall_s * 1e6, rel=0.05)
        bars = axes.containers[0]
        # 0.2 us tasks on a 20 us axis: at least a 500th of the axis wide,
        # without white edges that would cover them.
        assert min(bar.get_width() for bar in bars) >= right / 500 * 0.99
        assert all(bar.get_linewidth() == 0 for bar in bars)


def test_caption_names_the_flags_changed_from_their_defaults():
    context = {"host_name": "lab", "execbench_commit": "abc",
               "execbench_flags_changed": "cpu_iterations=100 noop_tasks=5"}

    assert formatting.caption(context) == (
        "lab; execbench abc\nflags changed from their defaults: "
        "cpu_iterations=100 noop_tasks=5")
    assert formatting.caption({**context, "execbench_flags_changed": ""}) == (
        "lab; execbench abc")
    (job,) = timelines.jobs(subjects.Batch(synthetic_batch(2, 4, 0.01),
                                           context))
    assert job.caption.endswith("flags changed from their defaults: "
                                "cpu_iterations=100 noop_tasks=5\n")


def test_sweep_batches_get_no_timeline_of_their_own(spans_file):
    batches = [dataclasses.replace(
        synthetic_batch(2, 4, 0.01, name="Granularity/Threads"),
        name=f"Granularity/Threads/workers:2/task_us:{task_us}/manual_time")
        for task_us in ("0.5", "10")]
    grid = synthetic_batch(2, 4, 0.01, name="Cpu/Threads")
    sweep = dataclasses.replace(spans_file, batches=[*batches, grid])

    stems = chart_stems([], {}, sweep)

    # The METG chart draws the sweep; a timeline per point would multiply the
    # files of a run by the number of task lengths.
    assert stems == ["timeline-Cpu-Threads-w2", "lanes-Cpu-Threads-w2"]


def test_spans_without_cpu_time_load_and_draw(tmp_path):
    # bench reads a task's CPU time only for long tasks, and writes null for
    # the others.
    document = json.loads(pathlib.Path(SPANS).read_text(encoding="utf-8"))
    for entry in document["benchmarks"]:
        for span in entry["spans"]:
            span["cpu_s"] = None
    path = tmp_path / "spans.json"
    path.write_text(json.dumps(document), encoding="utf-8")

    loaded = spans.load_spans(str(path))

    assert all(span.cpu_s is None
               for batch in loaded.batches for span in batch.spans)
    assert timelines.draw(loaded.batches[0])


CEILINGS = {"execbench_parallel_ceiling_start": "1.95",
            "execbench_parallel_ceiling_end": "1.90"}


@pytest.mark.parametrize("family", [wall, speedup, efficiency, executors])
def test_legends_sit_beside_the_axes_never_on_the_data(family):
    figure = draw(family, "Cpu", workload_points(BENCH_1_7, "Cpu"),
                  {"num_cpus": 2, **CEILINGS})
    canvas = backend_agg.FigureCanvasAgg(figure)
    canvas.draw()
    axes = figure.axes[0]
    renderer = canvas.get_renderer()
    legend = axes.get_legend().get_window_extent(renderer)
    assert legend.x0 >= axes.get_window_extent(renderer).x1


def test_ideal_and_measured_ceiling_are_told_apart():
    axes = draw(speedup, "Cpu", workload_points(BENCH_1_7, "Cpu"),
                {"num_cpus": 2, **CEILINGS}).axes[0]
    ideal = line(axes, "ideal (≤ 2 cores)")
    assert ideal.get_linestyle() == ":"
    (ceiling,) = [patch for patch in axes.patches
                  if patch.get_label() == "measured ceiling 1.90-1.95"]
    low, high = sorted({y for _, y in ceiling.get_xy()})
    assert low <= 1.90 and high >= 1.95  # A band, not a dotted line.
    assert not [curve for curve in axes.get_lines()
                if curve.get_label().startswith("measured ceiling")]


def test_every_executor_reads_in_greyscale():
    looks = [style.executor_style(name) for name in formatting.EXECUTOR_ORDER
             if name != "Serial"]  # Serial is the dashed baseline.
    assert len({(entry.marker, str(entry.linestyle)) for entry in looks}) == (
        len(looks))
    assert len({str(entry.linestyle) for entry in looks}) == len(looks)
    assert len({entry.hatch for entry in looks}) == len(looks)


def summary_figure(context: dict):
    loaded = bench_json.load_results(BENCH_1_7)
    run = subjects.Run(speedups.summarize(loaded), {**loaded.context,
                                                    **context},
                       advice=tuple(advice.advise(loaded)))
    (job,) = [job for job in charts.chart_jobs(run) if job.stem == "summary"]
    return job.draw()


def test_summary_has_a_panel_per_workload_with_the_answer_ringed():
    figure = summary_figure({})
    panels = [axes for axes in figure.axes if axes.get_title(loc="left")]
    assert [axes.get_title(loc="left") for axes in panels] == [
        "Cpu: Serial", "Noop: Serial"]
    for axes in panels:
        (ring,) = [curve for curve in axes.get_lines()
                   if curve.get_label() == "advised"]
        assert list(ring.get_xdata()) == [1] and list(ring.get_ydata()) == [1]
        assert {curve.get_label() for curve in axes.get_lines()} >= {
            "Threads", "Processes", "Serial", "ideal"}
    # One legend, in its own row above the panels, covering none of them.
    (legend_axes,) = [axes for axes in figure.axes
                      if axes.get_legend() is not None]
    assert not legend_axes.axison
    assert all(legend_axes.get_position().y0 >= axes.get_position().y1
               for axes in panels)


def test_summary_narrows_to_three_panels_a_row_in_a_column(tmp_path):
    context = {"num_cpus": 2}
    for size, columns in (("screen", 4), ("column", 3)):
        figure = writing_figure(lambda: summary_figure(context), size)
        assert figure.get_figwidth() == figure_module.SIZES[size].width_in
        panels = [axes for axes in figure.axes if axes.get_title(loc="left")]
        assert panels[0].get_subplotspec().get_gridspec().ncols == columns


def writing_figure(draw_figure, size: str):
    return figure_module.draw_in_style(draw_figure, size)


def test_column_and_page_sizes_for_papers_with_fonts_embedded(tmp_path):
    for size, width_pt in (("column", 252), ("page", 504)):
        out = tmp_path / size
        completed = run_charts(BENCH_1_7, "--filter", ONE_BENCHMARK, "--out",
                               str(out), "--formats", "pdf", "--size", size)
        assert completed.returncode == 0, completed.stderr
        pdf = (out / "speedup-Cpu.pdf").read_bytes()
        media_box = re.search(rb"/MediaBox \[ *0 0 ([\d.]+) ", pdf)
        assert float(media_box[1]) == width_pt
        assert b"/FontFile2" in pdf and b"/Type3" not in pdf
    completed = run_charts(BENCH_1_7, "--out", str(tmp_path / "x"),
                           "--size", "poster")
    assert completed.returncode == 2
    assert "invalid choice: 'poster'" in completed.stderr


def test_caption_files_say_what_and_where(two_runs):
    _, out = two_runs[0]
    caption = (out / "speedup-Cpu.caption.txt").read_text(encoding="utf-8")
    about, machine = caption.splitlines()
    assert about == speedup.ABOUT
    assert machine == "vm, 2 CPUs, AMD EPYC; execbench cf8b0dbb1039+dirty"


def test_batches_drawn_are_those_that_show_the_advice_unless_all(tmp_path):
    def timelines_drawn(*flags) -> list:
        out = tmp_path / "-".join(("out", *flags))
        completed = run_charts(BENCH_1_7, "--spans", SPANS, "--out", str(out),
                               *flags)
        assert completed.returncode == 0, completed.stderr
        return sorted(path.name for path in out.glob("timeline-*.png"))

    assert timelines_drawn() == [
        "timeline-Cpu-Processes-w2.png", "timeline-Cpu-Serial-w1.png",
        "timeline-Cpu-Threads-w2.png", "timeline-Noop-Serial-w1.png",
        "timeline-Noop-Threads-w2.png"]
    assert len(timelines_drawn("--all_batches")) == 10
