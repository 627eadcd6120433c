"""Tests of METG (analysis/metg.py), its chart and its table on synthetic
sweeps.

Every sweep runs on CORES cores; the Serial baseline does one core's worth of
nominal work per second (PEAK_RATE), so that on W <= CORES workers a point of
efficiency e at task length T has a granularity of W x T / (min(W, CORES)
x e) microseconds: T / e when W = CORES.
"""

import json
import pathlib

import pytest

from conftest import benchmark_document
from execbench import charts
from execbench.analysis import metg
from execbench.charts import subjects
from execbench.charts import writing
from execbench.commands import charts as charts_command
from execbench.commands import tables as tables_command
from execbench.inputs import bench_json
from execbench.tables import metg as metg_table

CORES = 2
TASKS = 100
LARGEST_US = 1000
PEAK_RATE = 1e6  # Microseconds of work per second: one core.
FIXTURES = pathlib.Path(__file__).resolve().parents[1] / "fixtures"


def wall_ms(task_us: float, workers: int, efficiency: float) -> float:
    """The wall time of a batch of TASKS tasks at that efficiency."""
    peak = metg.peak_rate(PEAK_RATE, workers, CORES)
    return TASKS * task_us / (efficiency * peak) * 1e3


def sweep_name(executor: str, workers: int, task_us: float) -> str:
    return f"Granularity/{executor}/workers:{workers}/task_us:{task_us:g}"


def write_sweep(path: pathlib.Path, efficiencies: dict, *, serial=True,
                repetitions=None, context=None, errors=None) -> str:
    """Writes a Granularity sweep as Google Benchmark JSON; returns its path.

    Args:
      efficiencies: (executor, workers) -> {task_us: efficiency}.
      serial: whether to add Serial at workers:1 and LARGEST_US (PEAK_RATE).
      repetitions: benchmark base name -> repetitions (default 3).
      context: entries added to the context (num_cpus is CORES).
      errors: benchmark base name -> error message.
    """
    if serial:
        efficiencies = {("Serial", 1): {LARGEST_US: 1.0}, **efficiencies}
    samples_ms = {}
    for (executor, workers), curve in efficiencies.items():
        for task_us, efficiency in curve.items():
            name = sweep_name(executor, workers, task_us)
            samples_ms[name] = [wall_ms(task_us, workers, efficiency)] * (
                (repetitions or {}).get(name, 3))
    document = benchmark_document(
        samples_ms, context={"num_cpus": CORES, **(context or {})},
        errors=errors)
    for row in document["benchmarks"]:
        if not row.get("error_occurred"):
            row["tasks"] = TASKS
    path.write_text(json.dumps(document), encoding="utf-8")
    return str(path)


def load_curves(path: str) -> dict:
    return {curve.name: curve
            for curve in metg.curves(bench_json.load_results(path))}


@pytest.fixture(name="sweep")
def fixture_sweep(tmp_path):
    """write_sweep into tmp_path, then its curves by name."""

    def sweep(efficiencies: dict, **options) -> dict:
        return load_curves(write_sweep(tmp_path / "bench.json", efficiencies,
                                       **options))

    return sweep


def test_granularity_is_wall_times_workers_over_tasks():
    assert metg.granularity_s(0.5, 4, 100) == pytest.approx(0.02)


def test_granularity_of_a_point_from_its_median_wall_time(tmp_path):
    name = sweep_name("Threads", 4, 10)
    path = write_sweep(tmp_path / "bench.json",
                       {("Threads", 4): {10: 0.5}})
    document = json.loads(pathlib.Path(path).read_text(encoding="utf-8"))
    walls_ms = [2.0, 1.0, 7.0]  # Median 2 ms.
    rows = [row for row in document["benchmarks"]
            if row["run_name"] == f"{name}/manual_time"
            and row["run_type"] == "iteration"]
    for row, wall in zip(rows, walls_ms):
        row["real_time"] = wall
    pathlib.Path(path).write_text(json.dumps(document), encoding="utf-8")
    (point,) = load_curves(path)["Threads/workers:4"].points
    assert point.wall_s == pytest.approx(2e-3)
    assert point.granularity_s == pytest.approx(2e-3 * 4 / TASKS)


def test_efficiency_is_rate_over_min_of_workers_and_cores_serial_rates(
        sweep):
    # 100 tasks of 10 us in 0.5 ms: 2e6 us of work per second, which is
    # 2 cores x Serial's 1e6 at 4 workers on 2 cores, and 2 x 1 core's at 2.
    assert metg.achieved_rate(100, 10, 0.5e-3) == pytest.approx(2e6)
    assert metg.peak_rate(1e6, 4, 2) == 2e6
    assert metg.peak_rate(1e6, 1, 2) == 1e6
    curves = sweep({("Threads", 4): {10: 1.0, 1: 0.25},
                    ("Threads", 1): {10: 0.5}})
    (point_10, point_1) = curves["Threads/workers:4"].points
    assert point_10.wall_s == pytest.approx(0.5e-3)
    assert point_10.rate == pytest.approx(2e6)
    assert point_10.efficiency == pytest.approx(1.0)
    assert point_1.efficiency == pytest.approx(0.25)
    assert curves["Threads/workers:1"].points[0].efficiency == pytest.approx(
        0.5)
    assert curves["Threads/workers:4"].peak_source == (
        "Serial/workers:1 at task_us:1000")
    assert not curves["Threads/workers:4"].peak_fallback


def test_metg_is_the_smallest_efficient_granularity(sweep):
    # Granularities T / e: 1053, 111, 16.7 (60%), then 50 us at 10%: the
    # finer point is coarser, so no interpolation.
    curve = sweep({("Threads", 2): {1000: 0.95, 100: 0.9, 10: 0.6,
                                    5: 0.1}})["Threads/workers:2"]
    assert curve.metg.invalid is None
    assert curve.metg.granularity_s == pytest.approx(10 / 0.6 * 1e-6)
    assert curve.metg.efficiency == pytest.approx(0.6)
    assert not curve.metg.interpolated


def test_metg_is_the_first_fall_below_50_percent_not_a_later_one(sweep):
    # A jagged curve: 62% at 3 us, 46% at 1 us, then 55% at 0.5 us before
    # falling for good. The METG is where it first falls below 50%, between
    # 3 and 1 us, not at the lucky 0.5 us point past the dip.
    curve = sweep({("Threads", 2): {1000: 0.95, 3: 0.62, 1: 0.46, 0.5: 0.55,
                                    0.1: 0.2}})["Threads/workers:2"]
    at, finer = (3 / 0.62, 1 / 0.46)  # Granularities T / e, in us.
    share = (0.5 - 0.46) / (0.62 - 0.46)
    assert curve.metg.granularity_s == pytest.approx(
        (finer + share * (at - finer)) * 1e-6)
    assert curve.metg.interpolated


def test_metg_starts_from_the_first_point_at_50_percent(sweep):
    # Below 50% at the largest tasks (a busy machine), then above: the
    # first fall below 50% counts from the first point above it.
    curve = sweep({("Threads", 2): {1000: 0.4, 100: 0.9, 10: 0.8,
                                    1: 0.2}})["Threads/workers:2"]
    assert curve.metg.granularity_s == pytest.approx(8.75e-6)


def test_each_point_has_the_95_percent_interval_of_its_efficiency(tmp_path):
    name = sweep_name("Threads", 2, 10)
    path = write_sweep(tmp_path / "bench.json", {("Threads", 2): {10: 0.5}},
                       repetitions={name: 7})
    document = json.loads(pathlib.Path(path).read_text(encoding="utf-8"))
    rows = [row for row in document["benchmarks"]
            if row["run_name"] == f"{name}/manual_time"
            and row["run_type"] == "iteration"]
    walls_ms = [1.0, 0.9, 1.1, 1.0, 0.8, 1.25, 1.0]  # Median 1 ms.
    for row, wall in zip(rows, walls_ms):
        row["real_time"] = wall
    pathlib.Path(path).write_text(json.dumps(document), encoding="utf-8")
    (point,) = load_curves(path)["Threads/workers:2"].points
    # 7 repetitions: the interval of the median wall is [min, max].
    assert point.efficiency_interval == pytest.approx(
        (point.efficiency * 1.0 / 1.25, point.efficiency * 1.0 / 0.8))
    few = load_curves(write_sweep(tmp_path / "few.json",
                                  {("Threads", 2): {10: 0.5}}))
    assert few["Threads/workers:2"].points[0].efficiency_interval is None


def test_metg_interpolates_linearly_to_the_finer_point(sweep):
    # 10 us at 80% (12.5 us) and 1 us at 20% (5 us): 50% is halfway,
    # 8.75 us linearly (the log-space interpolation would give 7.9 us).
    curve = sweep({("Threads", 2): {1000: 0.95, 100: 0.9, 10: 0.8,
                                    1: 0.2}})["Threads/workers:2"]
    assert curve.metg.invalid is None
    assert curve.metg.granularity_s == pytest.approx(8.75e-6)
    assert curve.metg.efficiency == metg.THRESHOLD
    assert curve.metg.interpolated


def test_metg_follows_the_order_of_task_lengths_not_of_the_file(tmp_path):
    path = write_sweep(tmp_path / "bench.json", {
        ("Threads", 2): {1: 0.2, 1000: 0.95, 10: 0.8, 100: 0.9}})
    curve = load_curves(path)["Threads/workers:2"]
    assert [point.task_us for point in curve.points] == [1000, 100, 10, 1]
    assert curve.metg.granularity_s == pytest.approx(8.75e-6)


@pytest.mark.parametrize("efficiencies, reason", [
    ({1000: 1.0, 100: 0.9, 10: 0.6}, "never below 50%: sweep to smaller"),
    ({1000: 0.45, 10: 0.1}, "never reaches 50%; best 45%: sweep to larger"),
    ({1000: 0.9, 100: 1.6, 10: 0.2},
     "efficiency 160% at task_us:100 is 150% or more"),
    ({1000: 0.3, 100: 0.9, 10: 0.6}, "never below 50%: sweep to smaller"),
])
def test_invalid_curves_say_why_and_give_no_number(sweep, efficiencies,
                                                   reason):
    curve = sweep({("Threads", 2): efficiencies})["Threads/workers:2"]
    assert reason in curve.metg.invalid
    assert curve.metg.granularity_s is None


def test_fewer_repetitions_after_the_metg_point_is_invalid(sweep):
    efficiencies = {("Threads", 2): {1000: 0.95, 10: 0.8, 1: 0.2}}
    curve = sweep(efficiencies, repetitions={
        sweep_name("Threads", 2, 1): 2})["Threads/workers:2"]
    assert curve.metg.invalid == (
        "fewer repetitions after the METG point (task_us:10 has 3, "
        "task_us:1 2): the sweep was cut short")
    more = sweep(efficiencies, repetitions={
        sweep_name("Threads", 2, 1): 5})["Threads/workers:2"]
    assert more.metg.granularity_s == pytest.approx(8.75e-6)


def test_without_serial_the_peak_is_the_executors_own_one_worker(sweep):
    curves = sweep({("Threads", 1): {1000: 1.0, 1: 0.2},
                    ("Threads", 2): {1000: 0.95, 10: 0.8, 1: 0.2}},
                   serial=False)
    curve = curves["Threads/workers:2"]
    assert curve.peak_fallback
    assert curve.peak_source == "Threads/workers:1 at task_us:1000"
    assert curve.metg.granularity_s == pytest.approx(8.75e-6)


def test_no_peak_without_serial_nor_one_worker(sweep):
    curve = sweep({("Threads", 2): {1000: 0.95, 1: 0.2}},
                  serial=False)["Threads/workers:2"]
    assert curve.metg.invalid.startswith("no peak: the run has no measured "
                                         "Granularity/Serial/workers:1")
    assert [point.efficiency for point in curve.points] == [None, None]


def test_no_peak_without_num_cpus(sweep):
    curve = sweep({("Threads", 2): {1000: 0.95, 1: 0.2}},
                  context={"num_cpus": None})["Threads/workers:2"]
    assert curve.metg.invalid == "no peak: the context has no num_cpus"


def test_a_failed_point_makes_its_curve_invalid(sweep):
    curves = sweep({("Threads", 2): {1000: 0.95, 10: 0.8, 1: 0.2}},
                   errors={sweep_name("Threads", 2, 0.5): "worker died"})
    curve = curves["Threads/workers:2"]
    assert curve.metg.invalid == "task_us:0.5 failed: worker died"
    assert [point.task_us for point in curve.points] == [1000, 10, 1]


def test_a_point_without_tasks_counter_makes_its_curve_invalid(tmp_path):
    path = write_sweep(tmp_path / "bench.json",
                       {("Threads", 2): {1000: 0.95, 10: 0.8, 1: 0.2}})
    document = json.loads(pathlib.Path(path).read_text(encoding="utf-8"))
    for row in document["benchmarks"]:
        if row["run_name"].startswith(sweep_name("Threads", 2, 10) + "/"):
            del row["tasks"]
    pathlib.Path(path).write_text(json.dumps(document), encoding="utf-8")
    curve = load_curves(path)["Threads/workers:2"]
    assert curve.metg.invalid == "task_us:10 has no tasks counter"


def test_curves_in_executor_then_worker_order(sweep):
    curves = sweep({("Processes", 1): {1000: 0.9}, ("Threads", 2): {10: 0.6},
                    ("Threads", 1): {10: 0.6}, ("Tbb", 1): {10: 0.6}})
    assert list(curves) == ["Serial/workers:1", "Threads/workers:1",
                            "Threads/workers:2", "Processes/workers:1",
                            "Tbb/workers:1"]


def test_results_without_the_sweep_have_no_curves():
    grid = bench_json.load_results(str(FIXTURES / "bench-1.7.json"))
    assert not metg.has_granularity(grid)
    assert metg.curves(grid) == []


def test_table_gives_metg_in_microseconds_or_why_not(tmp_path):
    path = write_sweep(tmp_path / "bench.json", {
        ("Threads", 2): {1000: 0.95, 10: 0.8, 1: 0.2},
        ("Processes", 2): {1000: 0.95, 100: 0.9, 10: 0.6, 5: 0.1},
        ("Processes", 8): {1000: 0.9, 100: 0.8}})
    text = metg_table.render(bench_json.load_results(path), "md")
    title, blank, header, rule, *rows, blank_too, caption = (
        text.splitlines())
    assert (title, blank, blank_too) == (f"**{metg_table.TITLE}**", "", "")
    assert header == "| Executor | Workers | METG(50%) | Note |"
    assert rule == "| :-- | --: | --: | :-- |"
    assert rows == [
        "| Serial | 1 | invalid | never below 50%: sweep to smaller "
        "task_us |",
        "| Threads | 2 | 8.75 µs | interpolated |",
        "| Processes | 2 | 16.7 µs |  |",
        "| Processes | 8 | invalid | never below 50%: sweep to smaller "
        "task_us |"]
    assert "peak = min(workers, cores) x the rate of " \
        "Granularity/Serial/workers:1 at task_us:1000" in caption
    assert caption.endswith("testhost, 2 CPUs, Test CPU @ 2.40GHz; "
                            "execbench 000000000000.")


def test_table_names_the_peak_of_a_run_without_serial(tmp_path):
    path = write_sweep(tmp_path / "bench.json", {
        ("Threads", 1): {1000: 1.0, 10: 0.8, 1: 0.2}}, serial=False)
    text = metg_table.render(bench_json.load_results(path), "md")
    assert ("| Threads | 1 | 8.75 µs | interpolated; peak: Threads/workers:1 "
            "at task_us:1000, the run has no Serial |") in text


def test_latex_table_is_booktabs_with_escaped_cells(tmp_path):
    path = write_sweep(tmp_path / "bench.json", {
        ("Threads", 2): {1000: 0.95, 10: 0.8, 1: 0.2}})
    lines = metg_table.render(bench_json.load_results(path),
                                  "tex").splitlines()
    assert lines[0] == f"% {metg_table.TITLE}"
    assert r"50\%" in lines[1]
    assert lines[2:6] == [r"\begin{tabular}{lrrl}", r"\toprule",
                          r"Executor & Workers & METG(50\%) & Note \\",
                          r"\midrule"]
    assert r"Threads & 2 & 8.75 $\mu$s & interpolated \\" in lines
    assert lines[-2:] == [r"\bottomrule", r"\end{tabular}"]


def test_no_table_without_the_sweep():
    grid = bench_json.load_results(str(FIXTURES / "bench-1.7.json"))
    assert metg_table.render(grid, "md") == ""
    assert metg_table.render(grid, "tex") == ""


def line_labelled(axes, prefix: str):
    """The line whose label, unwrapped, starts with prefix."""
    (found,) = [line for line in axes.get_lines()
                if " ".join(line.get_label().split()).startswith(prefix)]
    return found


def metg_chart_jobs(results) -> list:
    """The figure.Job of the METG charts of the results."""
    return list(charts.chart_jobs(subjects.Run(
        points=[], context=results.context, curves=metg.curves(results))))


def test_chart_draws_efficiency_against_inverted_log_granularity(tmp_path):
    path = write_sweep(tmp_path / "bench.json", {
        ("Threads", 2): {1000: 0.95, 10: 0.8, 1: 0.2},
        ("Threads", 8): {1000: 0.9, 100: 0.8}})
    loaded = bench_json.load_results(path)
    figures = {job.stem: job.draw() for job in metg_chart_jobs(loaded)}
    assert list(figures) == ["metg"]  # Every executor in one figure.
    axes = figures["metg"].axes[0]
    assert axes.get_xscale() == "log"
    left, right = axes.get_xlim()
    assert left > right  # Large tasks on the left.
    assert list(line_labelled(axes, "50%").get_ydata()) == [50, 50]
    assert line_labelled(axes, "Serial 1: no METG")
    two = line_labelled(axes, "Threads 2: METG 8.75 µs")
    assert list(two.get_xdata()) == pytest.approx([1000 / 0.95, 12.5, 5])
    assert list(two.get_ydata()) == pytest.approx([95, 80, 20])
    eight = line_labelled(axes, "Threads 8: no METG")
    assert list(eight.get_ydata()) == pytest.approx([90, 80])
    star = line_labelled(axes, "METG(50%)")
    assert list(star.get_xdata()) == pytest.approx([8.75])
    assert list(star.get_ydata()) == pytest.approx([50])
    assert axes.get_title().endswith(
        "the rate of Serial/workers:1 at task_us:1000")


def test_chart_files_are_written_in_each_format_and_reproducible(tmp_path):
    path = write_sweep(tmp_path / "bench.json", {
        ("Threads", 2): {1000: 0.95, 10: 0.8, 1: 0.2}})
    loaded = bench_json.load_results(path)
    # Drawn in this process, then shared out to two: the same files in the
    # same order.
    first = writing.write_charts(metg_chart_jobs(loaded),
                                str(tmp_path / "a"), ("png", "svg"),
                                processes=1)
    again = writing.write_charts(metg_chart_jobs(loaded),
                                str(tmp_path / "b"), ("png", "svg"),
                                processes=2)
    assert first == [str(tmp_path / "a" / name) for name in (
        "metg.png", "metg.svg", "metg.caption.txt")]
    assert [pathlib.Path(name).name for name in again] == [
        pathlib.Path(name).name for name in first]
    for one, other in zip(first, again):
        assert pathlib.Path(one).read_bytes() == pathlib.Path(
            other).read_bytes()
    assert pathlib.Path(first[0]).read_bytes().startswith(b"\x89PNG")
    assert len(list((tmp_path / "a").iterdir())) == len(first)


def test_no_chart_without_the_sweep_or_its_peak(tmp_path):
    grid = bench_json.load_results(str(FIXTURES / "bench-1.7.json"))
    assert writing.write_charts(metg_chart_jobs(grid),
                               str(tmp_path / "out"), ("png",)) == []
    no_peak = write_sweep(tmp_path / "bench.json",
                          {("Threads", 2): {1000: 0.9}}, serial=False)
    assert writing.write_charts(
        metg_chart_jobs(bench_json.load_results(no_peak)),
        str(tmp_path / "out"), ("png",)) == []
    assert not (tmp_path / "out").exists()


def test_chart_in_an_unwritable_folder_is_bad_input(tmp_path):
    path = write_sweep(tmp_path / "bench.json",
                       {("Threads", 2): {1000: 0.95, 10: 0.8, 1: 0.2}})
    (tmp_path / "file").write_text("", encoding="utf-8")
    with pytest.raises(bench_json.InputError, match="is a file, not a folder"):
        writing.write_charts(
            metg_chart_jobs(bench_json.load_results(path)),
            str(tmp_path / "file" / "out"), ("png",))


def grid_and_sweep(tmp_path) -> str:
    """The grid fixture's benchmarks, then a small sweep's; returns a path."""
    sweep = json.loads(pathlib.Path(write_sweep(
        tmp_path / "sweep.json",
        {("Threads", 2): {1000: 0.95, 10: 0.8, 1: 0.2}})).read_text(
            encoding="utf-8"))
    document = json.loads((FIXTURES / "bench-1.7.json").read_text(
        encoding="utf-8"))
    document["context"] = sweep["context"]
    document["benchmarks"] += sweep["benchmarks"]
    path = tmp_path / "bench.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("fmt, title, row", [
    ("md", f"**{metg_table.TITLE}**", "| Threads | 2 | 8.75 µs |"),
    ("tex", f"% {metg_table.TITLE}", r"Threads & 2 & 8.75 $\mu$s &")])
def test_tables_command_ends_with_the_metg_table_alone_listing_the_sweep(
        tmp_path, capsys, fmt, title, row):
    assert tables_command.main([grid_and_sweep(tmp_path), "--format", fmt]) == 0
    grid_part, metg_part = capsys.readouterr().out.split(title)
    assert "Cpu" in grid_part and "Granularity" not in grid_part
    assert row in metg_part


def test_charts_command_draws_metg_charts_beside_the_grid_charts(tmp_path,
                                                                 capsys):
    out = tmp_path / "charts"
    assert charts_command.main([grid_and_sweep(tmp_path), "--formats", "svg",
                        "--out", str(out)]) == 0
    written = capsys.readouterr().out.split()
    stems = {pathlib.Path(path).name for path in written}
    assert {"metg.svg", "metg.caption.txt", "wall-Cpu.svg"} <= stems
    assert not any("Granularity" in stem for stem in stems)
    assert sorted(path.name for path in out.iterdir()) == sorted(stems)


def test_charts_command_draws_a_sweep_without_grid(tmp_path, capsys):
    path = write_sweep(tmp_path / "bench.json", {
        ("Threads", 2): {1000: 0.95, 10: 0.8, 1: 0.2}})
    assert charts_command.main([path, "--formats", "png", "--out",
                        str(tmp_path / "charts")]) == 0
    assert sorted(pathlib.Path(path).name for path in
                  capsys.readouterr().out.split()) == [
        "metg.caption.txt", "metg.png"]
