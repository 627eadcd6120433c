"""Tests of the advice (analysis/advice.py, scripts/advise) on synthetic
results whose answer is known."""

import json
import re
import subprocess

import pytest

import leftovers
from conftest import SCRIPTS, benchmark_document
from execbench.analysis import advice
from execbench.inputs import bench_json

SEVEN = 7  # Repetitions: enough for 95% intervals of the medians.


def spread(center_ms: float, step_ms: float) -> list:
    """Seven wall times around center_ms, step_ms apart."""
    return [center_ms + step_ms * (index - 3) for index in range(SEVEN)]


# Workload -> benchmark -> (wall times in ms, cpu_per_wall).
PLAN = {
    # A clear winner: nothing overlaps Threads/2, nothing else within 5%.
    "Cpu": {"Serial/workers:1": (spread(100.0, 0.5), 1.0),
            "Threads/workers:1": (spread(101.0, 0.5), 1.0),
            "Threads/workers:2": (spread(50.0, 0.2), 1.9)},
    # A tie: Processes/8's interval overlaps Threads/8's, and it burns
    # less CPU for the same workers, so it is the cheapest.
    "Api": {"Serial/workers:1": (spread(800.0, 1.0), 0.1),
            "Threads/workers:8": (spread(100.0, 1.0), 0.6),
            "Processes/workers:8": (spread(101.0, 1.0), 0.3)},
    # A cheaper near-tie: Threads/2 is slower than Threads/4 beyond doubt,
    # but by 3%, with half the workers.
    "Dot": {"Serial/workers:1": (spread(40.0, 0.1), 1.0),
            "Threads/workers:2": (spread(10.3, 0.01), 2.0),
            "Threads/workers:4": (spread(10.0, 0.01), 2.0)},
}


@pytest.fixture(name="results_path")
def fixture_results_path(tmp_path):
    samples = {f"{workload}/{name}": times
               for workload, benchmarks in PLAN.items()
               for name, (times, _) in benchmarks.items()}
    document = benchmark_document(samples)
    for row in document["benchmarks"]:
        workload, executor, workers = row["run_name"].split("/")[:3]
        times, cpu_per_wall = PLAN[workload][f"{executor}/{workers}"]
        row.update(cpu_per_wall=cpu_per_wall, utilization=0.9,
                   startup_s=row["real_time"] * 1e-3 / 10)
    path = tmp_path / "bench.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def advice_of(path) -> dict:
    return {item.workload: item
            for item in advice.advise(bench_json.load_results(str(path)))}


def labels(choices) -> list:
    return [choice.label for choice in choices]


def test_clear_winner(results_path):
    cpu = advice_of(results_path)["Cpu"]
    assert cpu.fastest.label == "Threads with 2 workers"
    assert cpu.as_fast == [] and cpu.cannot_tell == []
    assert cpu.cheapest is cpu.fastest


def test_tie_lists_the_indistinguishable_and_the_cheaper(results_path):
    api = advice_of(results_path)["Api"]
    assert api.fastest.label == "Threads with 8 workers"
    assert labels(api.as_fast) == ["Processes with 8 workers"]
    assert api.cheapest.label == "Processes with 8 workers"


def test_cheaper_near_tie_with_fewer_workers(results_path):
    dot = advice_of(results_path)["Dot"]
    assert dot.fastest.label == "Threads with 4 workers"
    assert dot.as_fast == []
    assert dot.cheapest.label == "Threads with 2 workers"


def test_why_is_built_from_the_runs_own_numbers(results_path):
    dot = advice_of(results_path)["Dot"]
    line = advice.why(dot.cheapest, dot.fastest)
    assert line.startswith("median 10.3 ms [10.3 ms, 10.3 ms]")
    assert "+3.0% against the fastest" in line
    assert "speedup 3.88 over Serial" in line
    assert "workers busy 90% of the batch" in line
    assert "start-up 10% of the wall time" in line
    assert "2.00 CPU s per wall s, 20.6 ms CPU per batch" in line


def test_too_few_repetitions_cannot_tell(write_record):
    path = write_record("bench.json", {"Cpu/Serial/workers:1": [10.0] * 3,
                                       "Cpu/Threads/workers:2": [6.0] * 3})
    cpu = advice_of(path)["Cpu"]
    assert cpu.fastest.label == "Threads with 2 workers"
    assert labels(cpu.cannot_tell) == ["Serial with 1 worker"]
    assert "no 95% interval" in advice.why(cpu.fastest, cpu.fastest)


def run_advise(*args) -> subprocess.CompletedProcess:
    return leftovers.run(["/usr/bin/python3", SCRIPTS / "advise", *args])


def test_command_line_reads_a_run_folder_in_both_formats(results_path):
    text = run_advise(str(results_path.parent))
    assert text.returncode == 0, text.stderr
    assert text.stdout.startswith(
        "Api:\n  fastest: Threads with 8 workers: median ")
    assert ("  cheapest within 5%: Threads with 2 workers (median 10.3 ms"
            in text.stdout)
    markdown = run_advise(str(results_path), "--format", "md")
    assert markdown.returncode == 0, markdown.stderr
    assert "### Cpu\n\n- **Fastest**: Threads with 2 workers: median" in (
        markdown.stdout)


@pytest.mark.parametrize("content, complaint", [
    (None, "No such file or directory"),
    ("{", "not valid JSON"),
    (json.dumps(benchmark_document({"ApiServer/concurrent_clients:16": [1]})),
     "no measured <Workload>/<Executor>/workers:<W>"),
])
def test_bad_input_exits_2_with_one_line(tmp_path, content, complaint):
    path = tmp_path / "bench.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    completed = run_advise(str(path))
    assert completed.returncode == 2
    assert completed.stderr.count("\n") == 1
    assert completed.stderr.startswith("advise: ") and complaint in (
        completed.stderr)
    assert completed.stdout == ""


def test_advises_only_worker_counts_that_were_measured(write_record):
    # A 6-core machine's default grid, 1, 2, 4, 6, 8, still getting faster
    # at 8 workers, where 16 was asked for too but failed: the advice names
    # measured counts only, never one past them nor the failed one.
    measured = (1, 2, 4, 6, 8)
    samples = {"Cpu/Serial/workers:1": spread(96.0, 0.1)}
    samples.update({f"Cpu/Threads/workers:{workers}": spread(96.0 / workers,
                                                             0.01)
                    for workers in measured})
    path = write_record(
        "bench.json", samples, context={"num_cpus": 6},
        errors={"Cpu/Threads/workers:16": "worker 9 was killed by signal 9"})
    cpu = advice_of(path)["Cpu"]
    advised = [cpu.fastest, cpu.cheapest, *cpu.as_fast, *cpu.cannot_tell]
    assert {choice.point.workers for choice in advised} <= set(measured)
    assert cpu.fastest.label == "Threads with 8 workers"
    for fmt in ("text", "md"):
        completed = run_advise(str(path), "--format", fmt)
        assert completed.returncode == 0, completed.stderr
        named = {int(count) for count in
                 re.findall(r"with (\d+) workers?", completed.stdout)}
        assert named and named <= set(measured), completed.stdout
