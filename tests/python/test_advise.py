"""Tests of the advice (analysis/advice.py, analysis/reasons.py,
reports/advice.py, scripts/advise) on synthetic runs whose answer is known."""

import json
import re
import subprocess

import pytest

import leftovers
from conftest import SCRIPTS, benchmark_document
from execbench.analysis import advice
from execbench.analysis import reasons
from execbench.inputs import bench_json
from execbench.reports import advice as advice_report

SEVEN = 7  # Repetitions: enough for every interval, speedups' included.


def spread(center_ms: float, step_ms: float) -> list:
    """Seven wall times around center_ms, step_ms apart."""
    return [center_ms + step_ms * (index - 3) for index in range(SEVEN)]


def counters(cpu_per_wall: float, startup_share: float = 0.0,
             utilization: float = 0.95, move_share: float | None = None) -> dict:
    return {"cpu_per_wall": cpu_per_wall, "startup_share": startup_share,
            "utilization": utilization, "move_share": move_share}


# Bytes each task of Noop moves (bench --arg_bytes=1048576
# --result_bytes=1048576), and its tasks per batch.
MOVED_PER_TASK = 2 * 1048576
NOOP_TASKS = 100


# Workload -> benchmark -> (wall times in ms, counters).
PLAN = {
    # Cpu-like: every executor at 2 workers ties with the fastest; the
    # cheapest (2 workers, least CPU) leads, not the fastest (8 workers).
    "Cpu": {"Serial/workers:1": (spread(200.0, 1.0), counters(1.0)),
            "Threads/workers:2": (spread(101.0, 1.0), counters(1.96)),
            "Tbb/workers:2": (spread(101.5, 1.0), counters(1.94)),
            "Threads/workers:8": (spread(100.0, 1.0), counters(1.99)),
            "Processes/workers:2": (spread(160.0, 1.0),
                                    counters(1.9, startup_share=0.3))},
    # Dot-like: the library already runs on both cores; nothing beats
    # Serial beyond noise, although OpenMp/8's median is a hair lower.
    "Dot": {"Serial/workers:1": (spread(240.0, 20.0), counters(1.99)),
            "OpenMp/workers:8": (spread(238.0, 20.0), counters(1.98)),
            "Threads/workers:2": (spread(250.0, 20.0), counters(1.97))},
    # PyImage-like: Serial's interval is wide and overlaps Tbb/2's, but its
    # median is 55% slower: it cannot be told, and is never as fast.
    "PyImage": {"Serial/workers:1": ([150.0, 152.0, 154.0, 155.0, 156.0,
                                      158.0, 240.0], counters(1.0)),
                "Tbb/workers:2": ([100.0, 110.0, 115.0, 120.0, 125.0, 130.0,
                                   150.0], counters(1.9)),
                "Threads/workers:2": ([70.0, 95.0, 98.0, 100.0, 102.0, 105.0,
                                       160.0], counters(1.9))},
    # Waiting: 8 workers overlap the waits; threads use little CPU.
    "Api": {"Serial/workers:1": (spread(800.0, 1.0), counters(0.05)),
            "Threads/workers:8": (spread(100.0, 1.0), counters(0.4)),
            "Processes/workers:8": (spread(130.0, 1.0),
                                    counters(0.9, startup_share=0.25))},
    # The GIL: threads run one task at a time; processes pay start-up; the
    # best gain is within noise, so Serial.
    "PyCpu": {"Serial/workers:1": (spread(200.0, 30.0), counters(1.0)),
              "Threads/workers:2": (spread(198.0, 1.0), counters(1.01)),
              "Processes/workers:2": (spread(150.0, 30.0),
                                      counters(1.9, startup_share=0.4))},
    # Payloads: every choice moves 2 MiB per task; Processes spends 60% of
    # its batch's CPU time copying them through its channel.
    "Noop": {"Serial/workers:1": (spread(100.0, 1.0),
                                  counters(1.0, move_share=0.1)),
             "Threads/workers:2": (spread(55.0, 1.0),
                                   counters(1.9, move_share=0.35)),
             "Processes/workers:2": (spread(150.0, 1.0),
                                     counters(1.9, move_share=0.6))},
    # More workers than cores make the answer's executor slower.
    "Add": {"Serial/workers:1": (spread(300.0, 1.0), counters(1.0)),
            "Threads/workers:2": (spread(160.0, 1.0), counters(1.9)),
            "Threads/workers:8": (spread(200.0, 1.0), counters(1.9))},
}


@pytest.fixture(name="results_path")
def fixture_results_path(tmp_path):
    samples = {f"{workload}/{name}": times
               for workload, benchmarks in PLAN.items()
               for name, (times, _) in benchmarks.items()}
    document = benchmark_document(samples)
    for row in document["benchmarks"]:
        workload, executor, workers = row["run_name"].split("/")[:3]
        wanted = PLAN[workload][f"{executor}/{workers}"][1]
        row.update(cpu_per_wall=wanted["cpu_per_wall"],
                   utilization=wanted["utilization"],
                   startup_s=row["real_time"] * 1e-3 * wanted["startup_share"])
        if wanted["move_share"] is not None:
            row.update(tasks=NOOP_TASKS,
                       bytes_moved=NOOP_TASKS * MOVED_PER_TASK,
                       move_s=(row["real_time"] * 1e-3 * wanted["cpu_per_wall"]
                               * wanted["move_share"]))
    path = tmp_path / "bench.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def advice_of(path) -> dict:
    return {item.workload: item
            for item in advice.advise(bench_json.load_results(str(path)))}


def labels(choices) -> list:
    return [choice.label for choice in choices]


def verdicts(item) -> dict:
    return {choice.label: item.verdict(choice).value
            for choice in item.choices}


def test_cpu_like_ties_the_cheapest_leads(results_path):
    cpu = advice_of(results_path)["Cpu"]
    assert cpu.fastest.label == "Threads with 8 workers"
    assert cpu.answer.label == "Tbb with 2 workers"  # Least CPU of the 2s.
    assert labels(cpu.alternatives()) == ["Threads with 2 workers"]
    assert verdicts(cpu)["Processes with 2 workers"] == "slower"
    assert cpu.pays
    assert reasons.why(cpu) == (
        "2 workers keep both cores busy (1.94 CPU s per s)")
    assert [entry.text for entry in reasons.avoid(cpu)] == [
        "Processes: start-up 30% of the batch"]


def test_moving_data_that_decides_is_said(results_path):
    """With payloads, the answer's reason and what to avoid say how much of
    the batch moving the data takes, from move_s against its CPU time."""
    noop = advice_of(results_path)["Noop"]
    assert noop.answer.label == "Threads with 2 workers"
    assert noop.answer.move_share == pytest.approx(0.35)
    assert reasons.why(noop) == (
        "2 workers keep both cores busy (1.90 CPU s per s); moving 2.10 MB "
        "per task takes 35% of the batch's CPU time")
    assert [entry.text for entry in reasons.avoid(noop)] == [
        "Processes: moving 2.10 MB per task takes 60% of the batch's CPU "
        "time"]


def test_without_payloads_moving_data_is_not_said(results_path):
    cpu = advice_of(results_path)["Cpu"]
    assert all(choice.move_share is None for choice in cpu.choices)
    assert "moving" not in reasons.why(cpu)


def test_dot_like_nothing_beats_serial_so_serial(results_path):
    dot = advice_of(results_path)["Dot"]
    assert dot.fastest.label == "OpenMp with 8 workers"  # By a hair.
    assert dot.answer is dot.serial and not dot.pays
    assert reasons.why(dot) == (
        "the library already uses both cores (1.99 CPU s per s)")
    assert advice_report.headline(dot).startswith(
        "Dot: run it serially, parallelism does not pay here: the library")


def test_pyimage_like_wide_interval_55_percent_slower_cannot_tell(
        results_path):
    pyimage = advice_of(results_path)["PyImage"]
    assert pyimage.fastest.label == "Threads with 2 workers"
    serial = pyimage.serial
    interval, fastest = (serial.point.median_interval_s,
                         pyimage.fastest.point.median_interval_s)
    assert interval.low <= fastest.high  # The intervals overlap...
    assert serial.point.median_s > 1.5 * pyimage.fastest.point.median_s
    # ... yet a median this far above is never "as fast".
    assert verdicts(pyimage)["Serial"] == "cannot tell"
    assert verdicts(pyimage)["Tbb with 2 workers"] == "cannot tell"
    rows = advice_report.ties_rows(pyimage)
    assert [(row[0], row[3], row[6]) for row in rows] == [
        ("Threads with 2 workers", "fastest", "as fast"),
        ("Tbb with 2 workers", "+20.0%", "cannot tell"),
        ("Serial", "+55.0%", "cannot tell")]


def test_best_within_noise_of_serial_answers_serial(results_path):
    pycpu = advice_of(results_path)["PyCpu"]
    best = pycpu.fastest
    assert best.label == "Processes with 2 workers"
    low, high = best.point.speedup_interval
    assert low <= 1 < high and best.point.speedup > 1.2
    assert pycpu.answer is pycpu.serial
    assert reasons.why(pycpu).startswith("Processes 2's 1.33x [")
    assert reasons.why(pycpu).endswith("] is within noise")
    assert [entry.text for entry in reasons.avoid(pycpu)] == [
        "Processes: start-up 40% of the batch",
        "Threads: tasks run one at a time (1.01 CPU s per s)"]


def test_waiting_workers_overlap_the_waits(results_path):
    api = advice_of(results_path)["Api"]
    assert api.answer.label == "Threads with 8 workers"
    assert reasons.why(api) == ("tasks wait (0.40 CPU s per s): 8 workers "
                                "overlap the waits; more may help")
    assert [entry.text for entry in reasons.avoid(api)] == [
        "Processes: start-up 25% of the batch"]


def test_more_workers_than_cores_is_avoided(results_path):
    add = advice_of(results_path)["Add"]
    assert add.answer.label == "Threads with 2 workers"
    (crowded,) = reasons.avoid(add)
    assert crowded.text == "more workers than cores (Threads 8: 25% slower)"
    # Its batch is drawn beside Serial's and the answer's.
    assert labels(reasons.evidence(add)) == [
        "Serial", "Threads with 2 workers", "Threads with 8 workers"]


def test_too_few_repetitions_cannot_tell_so_serial(write_record):
    path = write_record("bench.json", {"Cpu/Serial/workers:1": [10.0] * 3,
                                       "Cpu/Threads/workers:2": [6.0] * 3})
    cpu = advice_of(path)["Cpu"]
    assert cpu.fastest.label == "Threads with 2 workers"
    assert verdicts(cpu)["Serial"] == "cannot tell"
    assert cpu.answer is cpu.serial
    assert reasons.why(cpu) == (
        "too few repetitions to tell Threads 2's 1.67x from 1")


def test_without_serial_the_fastest_cheapest_answers(write_record):
    path = write_record("bench.json", {
        "Cpu/Threads/workers:2": spread(50.0, 0.1),
        "Cpu/Threads/workers:4": spread(49.0, 0.1)})
    cpu = advice_of(path)["Cpu"]
    assert cpu.serial is None and cpu.pays
    assert cpu.answer.label == "Threads with 4 workers"  # 2% apart: slower.
    assert reasons.why(cpu) == (
        "the fastest measured; no Serial to compare with")


def test_near_ties_are_a_compact_table(results_path):
    cpu = advice_of(results_path)["Cpu"]
    rows = advice_report.ties_rows(cpu)
    assert [row[0] for row in rows] == [
        "Threads with 8 workers", "Threads with 2 workers",
        "Tbb with 2 workers"]
    assert rows[0][3] == "fastest" and rows[1][3] == "+1.0%"
    assert rows[1][1:3] == ("101 ms", "[98.0 ms, 104 ms]")
    assert rows[1][4] == "1.98x" and rows[1][6] == "as fast"


def run_advise(*args) -> subprocess.CompletedProcess:
    return leftovers.run(["/usr/bin/python3", SCRIPTS / "advise", *args])


def test_command_line_says_the_answer_first_in_both_formats(results_path):
    text = run_advise(str(results_path.parent))
    assert text.returncode == 0, text.stderr
    first, table_header = text.stdout.splitlines()[:2]
    assert first.startswith("Add: use Threads with 2 workers, 1.88x as fast "
                            "as Serial [")
    assert table_header.split() == [
        "Choice", "Median", "95%", "CI", "Against", "the", "fastest",
        "Speedup", "over", "Serial", "95%", "CI", "of", "speedup", "Verdict"]
    markdown = run_advise(str(results_path), "--format", "md")
    assert markdown.returncode == 0, markdown.stderr
    assert ("### Cpu\n\nCpu: use Tbb with 2 workers (or Threads), 1.97x as "
            "fast as Serial [") in markdown.stdout
    assert "| Choice | Median | 95% CI | Against the fastest |" in (
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
    advised = [cpu.fastest, cpu.answer, *cpu.alternatives(), *cpu.near_ties()]
    assert {choice.point.workers for choice in advised} <= set(measured)
    assert cpu.fastest.label == "Threads with 8 workers"
    for fmt in ("text", "md"):
        completed = run_advise(str(path), "--format", fmt)
        assert completed.returncode == 0, completed.stderr
        named = {int(count) for count in
                 re.findall(r"with (\d+) workers?", completed.stdout)}
        assert named and named <= set(measured), completed.stdout
