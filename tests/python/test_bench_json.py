"""Tests of inputs/bench_json.py, the loader of Google Benchmark JSON."""

import json
import pathlib

import pytest

from execbench.inputs import bench_json

FIXTURES = pathlib.Path(__file__).resolve().parents[1] / "fixtures"
BENCH_1_7 = str(FIXTURES / "bench-1.7.json")
BENCH_1_9 = str(FIXTURES / "bench-1.9.json")
AGGREGATES_ONLY = str(FIXTURES / "bench-aggregates.json")
WITH_ERRORS = str(FIXTURES / "bench-errors.json")


def raw_rows(path: str) -> list:
    with open(path, encoding="utf-8") as file:
        return json.load(file)["benchmarks"]


def seconds(row: dict) -> float:
    return row["real_time"] * bench_json.SECONDS_PER_TIME_UNIT[row["time_unit"]]


def write_document(tmp_path, rows, context=None) -> str:
    """Writes Google Benchmark JSON with these rows; returns its path."""
    path = tmp_path / "bench.json"
    path.write_text(json.dumps({"context": context or {}, "benchmarks": rows}),
                    encoding="utf-8")
    return str(path)


def test_keeps_every_iteration_row_and_drops_aggregates():
    rows = raw_rows(BENCH_1_7)
    iterations = [row for row in rows if row["run_type"] == "iteration"]
    loaded = bench_json.load_results(BENCH_1_7)
    assert [run.name for run in loaded.runs] == [row["name"]
                                                 for row in iterations]
    assert len(iterations) < len(rows)


def test_splits_names_into_workload_executor_and_workers():
    loaded = bench_json.load_results(BENCH_1_7)
    runs = [run for run in loaded.runs
            if run.name == "Cpu/Threads/workers:2/manual_time"]
    assert [run.repetition_index for run in runs] == [0, 1, 2]
    assert {(run.base_name, run.workload, run.executor, run.workers)
            for run in runs} == {("Cpu/Threads/workers:2", "Cpu", "Threads", 2)}


@pytest.mark.parametrize("name, parts", [
    ("Cpu/Threads/workers:2/manual_time",
     ("Cpu/Threads/workers:2", "Cpu", "Threads", 2, {}, True, True)),
    ("Granularity/Threads/workers:2/task_us:0.5/manual_time",
     ("Granularity/Threads/workers:2/task_us:0.5", "Granularity", "Threads",
      2, {"task_us": "0.5"}, True, False)),
    ("Granularity/EventLoop/workers:16/task_us:10000",
     ("Granularity/EventLoop/workers:16/task_us:10000", "Granularity",
      "EventLoop", 16, {"task_us": "10000"}, True, False)),
    ("ApiServer/concurrent_clients:16/manual_time",
     ("ApiServer/concurrent_clients:16", "ApiServer",
      "concurrent_clients:16", 1, {}, False, False)),
    ("Custom", ("Custom", "Custom", "", 1, {}, False, False)),
    ("A/B/workers:2/odd", ("A/B/workers:2/odd", "A", "B", 2, {}, False,
                           False)),
])
def test_parse_benchmark_name_splits_every_part(name, parts):
    parsed = bench_json.parse_benchmark_name(name)
    assert (parsed.base_name, parsed.workload, parsed.executor,
            parsed.workers, parsed.params, parsed.on_executor,
            parsed.in_grid) == parts


def test_sweep_rows_are_parsed_not_dropped(tmp_path):
    rows = [{"name": f"Granularity/Threads/workers:2/task_us:{task_us}"
                     "/manual_time", "run_type": "iteration",
             "real_time": 2.0, "time_unit": "ms"}
            for task_us in ("0.1", "10")]
    loaded = bench_json.load_results(write_document(tmp_path, rows))
    assert [(run.workload, run.executor, run.workers, run.params)
            for run in loaded.runs] == [
        ("Granularity", "Threads", 2, {"task_us": "0.1"}),
        ("Granularity", "Threads", 2, {"task_us": "10"})]
    assert sorted(loaded.samples()) == [
        "Granularity/Threads/workers:2/task_us:0.1",
        "Granularity/Threads/workers:2/task_us:10"]


def test_converts_every_time_unit_to_seconds(tmp_path):
    rows = [{"name": "Cpu/Serial/workers:1/manual_time",
             "run_type": "iteration", "repetition_index": index,
             "real_time": 1.5, "time_unit": unit}
            for index, unit in enumerate(("ns", "us", "ms", "s"))]
    loaded = bench_json.load_results(write_document(tmp_path, rows))
    assert [run.real_time_s for run in loaded.runs] == pytest.approx(
        [1.5e-9, 1.5e-6, 1.5e-3, 1.5], rel=1e-12)


def test_real_time_is_converted_from_the_files_unit():
    rows = [row for row in raw_rows(BENCH_1_7)
            if row["run_type"] == "iteration"]
    loaded = bench_json.load_results(BENCH_1_7)
    assert [run.real_time_s for run in loaded.runs] == pytest.approx(
        [seconds(row) for row in rows], rel=1e-12)


def test_counters_are_the_numeric_keys_that_are_not_the_librarys():
    counters = {
        "ApiServer/concurrent_clients:256/manual_time": (
            "delay_ratio", "delay_s_median", "delay_s_p99", "total_s_median",
            "total_s_p99"),
        "Cpu/Serial/workers:1/manual_time": (
            "concurrency", "cpu_per_wall", "shutdown_s", "startup_s",
            "task_s_max", "task_s_mean", "tasks", "tasks_per_s",
            "utilization", "workers")}
    rows = [row for row in raw_rows(BENCH_1_7)
            if row["run_type"] == "iteration"]
    for row, run in zip(rows, bench_json.load_results(BENCH_1_7).runs):
        if run.name in counters:
            assert run.counters == {key: row[key]
                                    for key in counters[run.name]}, run.name


def test_samples_are_per_repetition_values_of_a_metric():
    rows = [row for row in raw_rows(BENCH_1_7)
            if row["run_name"] == "Noop/Processes/workers:2/manual_time"
            and row["run_type"] == "iteration"]
    loaded = bench_json.load_results(BENCH_1_7)
    name = "Noop/Processes/workers:2"
    assert loaded.samples()[name] == pytest.approx(
        [seconds(row) for row in rows])
    assert loaded.samples("tasks_per_s")[name] == [
        row["tasks_per_s"] for row in rows]
    assert not loaded.samples("no_such_counter")


def test_filtered_keeps_the_runs_whose_base_name_matches():
    filtered = bench_json.load_results(BENCH_1_7).filtered("Threads/workers:2$")
    assert {run.base_name for run in filtered.runs} == {
        "Cpu/Threads/workers:2", "Noop/Threads/workers:2"}
    assert filtered.context == bench_json.load_results(BENCH_1_7).context


def test_filtered_rejects_an_invalid_regex():
    with pytest.raises(bench_json.InputError,
                       match="invalid regular expression"):
        bench_json.load_results(BENCH_1_7).filtered("Cpu(")


def test_aggregates_only_file_gives_each_benchmark_its_median():
    medians = {row["run_name"]: seconds(row)
               for row in raw_rows(AGGREGATES_ONLY)
               if row["aggregate_name"] == "median"}
    loaded = bench_json.load_results(AGGREGATES_ONLY)
    assert [run.name for run in loaded.runs] == list(medians)
    assert [run.real_time_s for run in loaded.runs] == pytest.approx(
        list(medians.values()))
    assert {run.base_name for run in loaded.runs} == set(
        bench_json.load_results(BENCH_1_7).samples())
    assert all(len(samples) == 1 for samples in loaded.samples().values())


def test_reads_the_google_benchmark_1_9_layout_like_1_7():
    old = bench_json.load_results(BENCH_1_7)
    new = bench_json.load_results(BENCH_1_9)
    assert new.context["library_version"] == "v1.9.1"
    assert new.samples() == old.samples()
    assert new.errors() == {
        "Api/Threads/workers:2": "skipped: no API server: pass --api_url=URL"}


def test_errored_rows_are_loaded_and_reported():
    loaded = bench_json.load_results(WITH_ERRORS)
    failed = "Cpu/Processes/workers:2"
    assert loaded.errors() == {
        failed: "fork failed: Resource temporarily unavailable"}
    assert [run.repetition_index for run in loaded.runs
            if run.base_name == failed] == [0, 1, 2]
    assert failed not in {run.base_name for run in loaded.ok_runs()}
    assert failed not in loaded.samples()
    assert "Cpu/Threads/workers:2" in loaded.samples()


def test_loads_names_outside_the_suites_pattern(tmp_path):
    rows = [{"name": name, "run_type": "iteration", "real_time": 2.0,
             "time_unit": "s"}
            for name in ("Custom/manual_time", "A/B/threads:4/real_time",
                         "A/B/workers:x")]
    loaded = bench_json.load_results(write_document(tmp_path, rows))
    assert [(run.base_name, run.workload, run.executor, run.workers,
             run.repetition_index, run.real_time_s) for run in loaded.runs] == [
        ("Custom", "Custom", "", 1, 0, 2.0),
        ("A/B/threads:4", "A", "B", 1, 0, 2.0),
        ("A/B/workers:x", "A", "B", 1, 0, 2.0)]
    assert not any(run.in_grid for run in loaded.runs)


def test_in_grid_tells_workload_executor_workers_names_apart():
    loaded = bench_json.load_results(BENCH_1_7)
    assert {run.base_name for run in loaded.runs if not run.in_grid} == {
        "ApiServer/concurrent_clients:256"}
    assert {(run.workload, run.workers) for run in loaded.runs
            if run.in_grid} == {(workload, workers) for workload in
                                ("Cpu", "Noop") for workers in (1, 2)}


GOOD_ROW = {"name": "Cpu/Serial/workers:1/manual_time",
            "run_type": "iteration", "real_time": 1.0, "time_unit": "ms"}


@pytest.mark.parametrize("content, complaint", [
    ("", "is empty"),
    ("  \n", "is empty"),
    ('{"context": {}, "benchmarks": [{"name": "Cpu/Se', "not valid JSON"),
    ("[1, 2]", "not Google Benchmark JSON"),
    ('{"format": "execbench-spans", "version": 1, "benchmarks": []}',
     "not Google Benchmark JSON"),
    ('{"context": {}, "benchmarks": []}', "has no benchmark results"),
    (json.dumps({"context": {}, "benchmarks": [{"real_time": 1}]}),
     'has no "name"'),
    (json.dumps({"context": {}, "benchmarks": [
        {**GOOD_ROW, "real_time": "fast"}]}), 'no numeric "real_time"'),
    (json.dumps({"context": {}, "benchmarks": [
        {**GOOD_ROW, "time_unit": "fortnight"}]}), "time_unit 'fortnight'"),
    (json.dumps({"context": {}, "benchmarks": [
        {**GOOD_ROW, "repetition_index": "first"}]}),
     'non-numeric "repetition_index"'),
])
def test_bad_files_raise_one_line_input_errors(tmp_path, content, complaint):
    path = tmp_path / "bench.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(bench_json.InputError) as raised:
        bench_json.load_results(str(path))
    message = str(raised.value)
    assert complaint in message
    assert str(path) in message
    assert "\n" not in message


def test_missing_file_raises_input_error(tmp_path):
    path = str(tmp_path / "missing.json")
    with pytest.raises(bench_json.InputError,
                       match="cannot read .*No such file or directory"):
        bench_json.load_results(path)
