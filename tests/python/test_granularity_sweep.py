"""Tests of bench's Granularity sweep: its names, its flags, its batches, and
one tiny sweep through the METG table.

They run the real $EXECBENCH_BUILD_DIR/bench (see test_bench_cli.py) with
batches of a few milliseconds.
"""

import json
import math
import re

import pytest

from execbench.analysis import metg
from execbench.tables import metg as metg_table
from execbench.inputs import bench_json
from test_bench_cli import BENCH, run_bench, run_to_json

pytestmark = pytest.mark.skipif(
    not BENCH.exists(),
    reason=f"{BENCH} is not built (build it, or set EXECBENCH_BUILD_DIR)")

SUFFIX = "/manual_time"


def listed(*args: str) -> list:
    """The benchmark names bench --benchmark_list_tests prints."""
    completed = run_bench("--benchmark_list_tests", *args)
    assert completed.returncode == 0, completed.stderr
    return completed.stdout.split()


def grid_cells(*args: str) -> list:
    """(executor, workers) of every Cpu benchmark of the grid."""
    cells = []
    for name in listed("--benchmark_filter=^Cpu/", *args):
        _, executor, workers = name.removesuffix(SUFFIX).split("/")
        cells.append((executor, int(workers.removeprefix("workers:"))))
    return cells


def test_sweep_has_every_executor_and_worker_count_of_the_grid_at_each_t():
    names = listed("--benchmark_filter=^Granularity/", "--workers=1,3",
                   "--granularity_task_us=2000,0.5,10")
    expected = [f"Granularity/{executor}/workers:{workers}/task_us:{task_us}"
                f"{SUFFIX}"
                for executor, workers in grid_cells("--workers=1,3")
                for task_us in ("2000", "0.5", "10")]
    assert sorted(names) == sorted(expected)
    assert len(names) == len(set(names))
    assert {executor for executor, _ in grid_cells()} >= {
        "Serial", "Threads", "Processes"}


def test_granularity_workers_replaces_the_workers_list():
    names = listed("--benchmark_filter=^Granularity/Threads/",
                   "--workers=1,2,4", "--granularity_workers=3",
                   "--granularity_task_us=1")
    assert names == [f"Granularity/Threads/workers:3/task_us:1{SUFFIX}"]


def test_default_sweep_runs_t_from_10_ns_to_10_ms():
    names = listed("--benchmark_filter=^Granularity/Serial/")
    assert [name.removesuffix(SUFFIX).rsplit("task_us:", 1)[1]
            for name in names] == [
        "0.01", "0.02", "0.05", "0.1", "0.2", "0.5", "1", "2", "5", "10",
        "20", "50", "100", "200", "500", "1000", "2000", "5000", "10000"]


@pytest.mark.parametrize("argument, flag", [
    ("--granularity_task_us=0", "granularity_task_us"),
    ("--granularity_task_us=-1", "granularity_task_us"),
    ("--granularity_task_us=1e3", "granularity_task_us"),
    ("--granularity_task_us=.5", "granularity_task_us"),
    ("--granularity_task_us=1,,2", "granularity_task_us"),
    ("--granularity_task_us=2,1,2", "granularity_task_us"),
    ("--granularity_task_us=", "granularity_task_us"),
    ("--granularity_work_ms=0", "granularity_work_ms"),
    ("--granularity_work_ms=ten", "granularity_work_ms"),
    ("--granularity_workers=0", "granularity_workers"),
    ("--granularity_max_tasks=0", "granularity_max_tasks"),
])
def test_bad_sweep_flag_exits_2_with_one_line(argument, flag):
    completed = run_bench("--benchmark_list_tests", argument)
    assert completed.returncode == 2
    assert completed.stdout == ""
    lines = completed.stderr.splitlines()
    assert len(lines) == 1, completed.stderr
    assert f"--{flag}" in lines[0]


def expected_tasks(work_ms: float, workers: int, cores: int, task_us: float,
                   max_tasks: int) -> int:
    """round(work_ms x 1000 x min(W, cores) / T), within [1, max_tasks]."""
    return min(max_tasks, max(1, round(work_ms * 1000 * min(workers, cores)
                                       / task_us)))


def test_tasks_per_batch_hold_the_same_work_per_core_within_the_cap(
        tmp_path):
    document = run_to_json(
        tmp_path, "--benchmark_filter=^Granularity/(Serial|Threads)/",
        "--granularity_workers=2", "--granularity_work_ms=1.5",
        "--granularity_task_us=5000,100,2", "--granularity_max_tasks=1000")
    cores = document["context"]["num_cpus"]
    rows = {row["name"].removesuffix(SUFFIX): row
            for row in document["benchmarks"]}
    assert len(rows) == 6
    for name, row in rows.items():
        assert "error_occurred" not in row, row
        workers = int(name.split("/")[2].removeprefix("workers:"))
        task_us = float(name.rsplit("task_us:", 1)[1])
        assert row["tasks"] == expected_tasks(1.5, workers, cores, task_us,
                                              1000), name
        assert row["task_us"] == task_us
        ns_per_iteration = row["calibrated_ns_per_iteration"]
        assert ns_per_iteration > 0
        assert row["cpu_iterations"] == max(
            1, round(task_us * 1000 / ns_per_iteration))
    # One calibration per process.
    assert len({row["calibrated_ns_per_iteration"]
                for row in rows.values()}) == 1
    assert rows["Granularity/Serial/workers:1/task_us:2"]["tasks"] == 750
    assert rows["Granularity/Serial/workers:1/task_us:5000"]["tasks"] == 1
    assert rows["Granularity/Threads/workers:2/task_us:2"]["tasks"] == 1000


def test_tiny_sweep_gives_a_metg_row_per_executor_and_workers(tmp_path):
    document = run_to_json(
        tmp_path, "--benchmark_filter=^Granularity/",
        "--granularity_workers=2", "--granularity_work_ms=2",
        "--granularity_task_us=1000,10,0.1")
    path = tmp_path / "results.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    loaded = bench_json.load_results(str(path))
    curves = {curve.name: curve for curve in metg.curves(loaded)}
    assert {"Serial/workers:1", "Threads/workers:2",
            "Processes/workers:2"} <= set(curves)
    for curve in curves.values():
        assert [point.task_us for point in curve.points] == [1000, 10, 0.1]
        assert all(math.isfinite(point.efficiency) for point in curve.points)
    rows = {(row[0], row[1]): row
            for row in metg_table.metg_rows(list(curves.values()))}
    assert ("Threads", "2") in rows and ("Processes", "2") in rows
    for row in rows.values():
        assert row[2] == metg_table.INVALID or re.fullmatch(
            r"[0-9.]+ (ns|µs|ms|s)", row[2]), row
    assert "| Threads | 2 |" in metg_table.render(loaded, "md")
