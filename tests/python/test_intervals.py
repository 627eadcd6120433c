"""Tests of the confidence intervals of medians and speedups, and their tables.

The ranks are those of Le Boudec, "Performance Evaluation of Computer and
Communication Systems" (2010), Table A.1 (median, 95%): none for n <= 5,
(1, 6) for n = 6, (2, 9) for n = 10, (6, 15) for n = 20, (10, 21) for
n = 30, (18, 33) for n = 50, (40, 61) for n = 100.
"""

import math

import pytest
from matplotlib import container as container_module

from conftest import SCRIPTS  # pylint: disable=unused-import
from execbench.analysis import speedups
from execbench.analysis import statistics
from execbench.charts import efficiency
from execbench.charts import speedup
from execbench.charts import subjects
from execbench.charts import wall
from execbench.inputs import bench_json
from execbench.tables import grid


@pytest.mark.parametrize("count, ranks", [
    (6, (1, 6)), (7, (1, 7)), (10, (2, 9)), (20, (6, 15)), (30, (10, 21)),
    (50, (18, 33)), (100, (40, 61))])
def test_median_interval_ranks_match_le_boudec(count, ranks):
    assert statistics.median_interval_ranks(count) == ranks


def test_coverage_is_exact_binomial():
    # n = 10, ranks (2, 9): 1 - 2 * (C(10,0) + C(10,1)) / 2^10.
    interval = statistics.median_interval([float(x) for x in range(10, 0, -1)])
    assert interval.ranks == (2, 9)
    assert (interval.low, interval.high) == (2.0, 9.0)
    assert interval.coverage == pytest.approx(1 - 2 * 11 / 1024)
    # Ranks one step narrower would cover less than 95%.
    assert 1 - 2 * (1 + 10 + 45) / 1024 < 0.95


@pytest.mark.parametrize("count", [0, 1, 2, 3, 4, 5])
def test_no_95_percent_interval_below_six_samples(count):
    assert statistics.median_interval([1.0] * count) is None
    assert statistics.minimum_count_for_interval() == 6


def test_relative_half_width():
    interval = statistics.median_interval([9.0, 9.5, 10.0, 10.0, 10.5, 11.0])
    assert (interval.low, interval.high) == (9.0, 11.0)
    assert interval.relative_half_width(10.0) == pytest.approx(0.1)
    assert math.isinf(statistics.Interval(0.0, 1.0, (1, 6), 0.97)
                      .relative_half_width(0.0))


def test_speedup_interval_is_conservative_from_975_percent_intervals(
        write_record):
    serial = [100.0 + index for index in range(7)]  # ms; 97.5%: min, max.
    threads = [50.0 + index for index in range(7)]
    path = write_record("bench.json", {"Cpu/Serial/workers:1": serial,
                                       "Cpu/Threads/workers:2": threads})
    points = speedups.summarize(bench_json.load_results(str(path)))
    threads_point = points[1]
    assert threads_point.speedup == pytest.approx(103.0 / 53.0)
    low, high = threads_point.speedup_interval
    assert low == pytest.approx(100.0 / 56.0)
    assert high == pytest.approx(106.0 / 50.0)
    assert points[0].speedup_interval is None  # The baseline itself.


def test_speedup_interval_unavailable_with_six_repetitions(write_record):
    path = write_record("bench.json", {
        "Cpu/Serial/workers:1": [100.0] * 6,
        "Cpu/Threads/workers:2": [50.0] * 6})
    threads_point = speedups.summarize(bench_json.load_results(str(path)))[1]
    assert threads_point.median_interval_s is not None  # 95% exists at 6.
    assert threads_point.speedup_interval is None  # 97.5% needs 7.


def test_efficiency_counts_at_most_one_worker_per_core(write_record):
    path = write_record("bench.json", {
        "Cpu/Serial/workers:1": [100.0], "Cpu/Threads/workers:8": [50.0]},
        context={"num_cpus": 2})
    point = speedups.summarize(bench_json.load_results(str(path)))[1]
    assert point.useful_workers == 2
    assert point.efficiency == pytest.approx(2.0 / 2)


def test_tables_show_both_intervals(write_record):
    path = write_record("bench.json", {
        "Cpu/Serial/workers:1": [100.0 + index for index in range(7)],
        "Cpu/Threads/workers:2": [50.0 + index for index in range(7)]})
    points = speedups.summarize(bench_json.load_results(str(path)))
    rows = dict(((row[1], row) for row in grid.table_rows(points)))
    assert rows["Threads"] == ("Cpu", "Threads", "2", "7", "53.0 ms",
                               "[50.0, 56.0] ms", "1.94", "[1.79, 2.12]")
    assert rows["Serial"][5:] == ("[100, 106] ms", "1.00", "--")
    markdown = grid.markdown_table(points, {})
    assert "| Cpu | Threads | 2 | 7 | 53.0 ms | [50.0, 56.0] ms | 1.94 |" in (
        markdown)
    assert "95% confidence interval" in markdown
    assert r"53.0 ms & [50.0, 56.0] ms & 1.94 & [1.79, 2.12] \\" in (
        grid.latex_table(points, {}))


def chart_points(write_record, context: dict) -> list:
    """Cpu on Serial and Threads at 1, 2, 4, 8 workers, 7 repetitions."""
    samples = {"Cpu/Serial/workers:1": [100.0 + index for index in range(7)]}
    for workers in (1, 2, 4, 8):
        samples[f"Cpu/Threads/workers:{workers}"] = [
            100.0 / min(workers, 2) + index for index in range(7)]
    path = write_record("bench.json", samples, context=context)
    return speedups.summarize(bench_json.load_results(str(path)))


def labelled_line(axes, prefix: str):
    (found,) = [line for line in axes.get_lines()
                if line.get_label().startswith(prefix)]
    return found


def test_speedup_ideal_stops_at_the_cores_and_ceiling_is_drawn(
        write_record):
    context = {"num_cpus": 3, "execbench_parallel_ceiling_start": "1.93",
               "execbench_parallel_ceiling_end": "1.71"}
    axes = speedup.draw(subjects.Workload(
        "Cpu", chart_points(write_record, context), context)).axes[0]
    ideal = labelled_line(axes, "ideal")
    assert ideal.get_label() == "ideal (≤ 3 cores)"
    assert list(ideal.get_xdata()) == [1, 2, 3, 4, 8]
    assert list(ideal.get_ydata()) == [1, 2, 3, 3, 3]
    # The ceiling is a band from its value at the end to that at the start.
    (band,) = [patch for patch in axes.patches
               if patch.get_label() == "measured ceiling 1.71-1.93"]
    assert sorted({y for _, y in band.get_xy()}) == pytest.approx(
        [1.71, 1.93])


def test_speedup_and_wall_charts_carry_intervals_as_error_bars(write_record):
    points = chart_points(write_record, {"num_cpus": 2})
    threads = [point for point in points if point.executor == "Threads"]
    workload = subjects.Workload("Cpu", points, {"num_cpus": 2})
    axes = speedup.draw(workload).axes[0]
    (bars,) = [container for container in axes.containers
               if isinstance(container, container_module.ErrorbarContainer)]
    segments = bars.lines[2][0].get_segments()
    assert [(segment[0][1], segment[1][1]) for segment in segments] == (
        pytest.approx([point.speedup_interval for point in threads]))
    wall_axes = wall.draw(workload).axes[0]
    (wall_bars,) = [container for container in wall_axes.containers
                    if isinstance(container,
                                  container_module.ErrorbarContainer)]
    low_ms = wall_bars.lines[2][0].get_segments()[0][0][1]
    assert low_ms == pytest.approx(threads[0].median_interval_s.low * 1e3)


def test_efficiency_chart_divides_by_min_of_workers_and_cores(write_record):
    points = chart_points(write_record, {"num_cpus": 2})
    axes = efficiency.draw(
        subjects.Workload("Cpu", points, {"num_cpus": 2})).axes[0]
    threads = [point for point in points if point.executor == "Threads"]
    assert list(labelled_line(axes, "Threads").get_ydata()) == pytest.approx(
        [point.speedup / min(point.workers, 2) for point in threads])
    assert "min(workers, cores)" in axes.get_ylabel()
