"""Tests of the bench binary itself: its command line and its output files.

They run the real $EXECBENCH_BUILD_DIR/bench (ctest sets the variable; the
default is <repo>/build) on small workloads.
"""

import json
import os
import pathlib
import re
import subprocess

import pytest

from execbench.inputs import bench_json
from execbench.inputs import sizes

REPO = pathlib.Path(__file__).resolve().parents[2]
BENCH = pathlib.Path(os.environ.get("EXECBENCH_BUILD_DIR",
                                    REPO / "build")) / "bench"

pytestmark = pytest.mark.skipif(
    not BENCH.exists(),
    reason=f"{BENCH} is not built (build it, or set EXECBENCH_BUILD_DIR)")

# The counters batch_counters.h documents.
COUNTERS = ("tasks", "workers", "tasks_per_s", "startup_s", "shutdown_s",
            "task_s_mean", "task_s_max", "concurrency", "utilization",
            "cpu_per_wall")
CONTEXT_KEYS = ("execbench_commit", "execbench_commit_dirty",
                "execbench_build_type", "execbench_compiler",
                "execbench_cpu_model", "execbench_profile",
                "execbench_benchmark_version")
QUICK = ("--benchmark_min_time=0.01", "--benchmark_repetitions=1",
         "--warmup_batches=0")


def run_bench(*args: str) -> subprocess.CompletedProcess:
    """Runs bench with `args`; returns its exit code, stdout and stderr."""
    return subprocess.run([str(BENCH), *args], capture_output=True, text=True,
                          timeout=300, check=False)


def run_to_json(out_dir: pathlib.Path, *args: str) -> dict:
    """Runs bench with `args`; returns its Google Benchmark JSON results."""
    results_path = out_dir / "results.json"
    completed = run_bench(*QUICK, f"--benchmark_out={results_path}",
                          "--benchmark_out_format=json", *args)
    assert completed.returncode == 0, completed.stderr
    return json.loads(results_path.read_text(encoding="utf-8"))


def counters_by_name(document: dict) -> dict:
    """Benchmark name -> its result row (the runs have one repetition)."""
    return {row["name"]: row for row in document["benchmarks"]}


@pytest.mark.parametrize("argument, named, unknown", [
    ("--nope=1", "--nope=1", True),
    ("--workers=0", "--workers", False),
    ("--workers=a,b", "--workers", False),
    ("--cpu_iterations=-3", "--cpu_iterations", False),
    ("--arg_bytes=-1", "--arg_bytes", False),
    ("--result_bytes=1MB", "--result_bytes", False),
    ("--arg_bytes=4294967296", "--arg_bytes", False),
    ("--profile=fast", "--profile", False),
    ("--workers", "--workers", False),
    ("--spans_out", "--spans_out", False),
    ("--noop_tasks", "--noop_tasks", False),
    ("extra", "extra", False),
    ("--benchmark_repetitions=abc", "--benchmark_repetitions", False),
])
def test_bad_argument_exits_2_with_one_line_naming_it(argument, named,
                                                      unknown):
    completed = run_bench("--benchmark_filter=^Noop/Serial", argument)
    assert completed.returncode == 2, completed.stderr
    lines = completed.stderr.splitlines()
    assert len(lines) == 1, completed.stderr
    assert named in lines[0]
    # A known flag with a bad or missing value is not called unknown.
    assert ("unknown flag" in lines[0]) == unknown, lines[0]
    value = argument.partition("=")[2]
    assert value in lines[0]
    assert completed.stdout == ""


def test_help_lists_the_suite_and_google_benchmark_flags():
    completed = run_bench("--help")
    assert completed.returncode == 0, completed.stderr
    for flag in ("--workers=", "--cpu_iterations=", "--noop_tasks=",
                 "--spans_out=", "--trace_out=", "--spans_cap=",
                 "--profile=", "--benchmark_filter=",
                 "--benchmark_repetitions="):
        assert flag in completed.stdout, flag


def test_default_worker_counts_follow_this_machines_cores():
    # Powers of two up to the first above the cores, and the core count
    # (benchmarks/cli/default_worker_counts.h), counted as Google Benchmark
    # counts num_cpus: the online CPUs.
    cores = os.cpu_count()
    completed = run_bench("--help")
    assert completed.returncode == 0, completed.stderr
    default = re.search(r"^  --workers=(\S+)$", completed.stdout,
                        re.MULTILINE)[1]
    past = 1
    while past <= cores:
        past *= 2
    powers = [2 ** exponent for exponent in range(past.bit_length())]
    assert [int(count) for count in default.split(",")] == sorted(
        {*powers, cores})


class SmallRun:
    """One run of Cpu and Noop on 1 and 2 workers, with every output file.

    Cpu's 4 tasks fit under --spans_cap; Noop's 50 do not.
    """
    cpu_tasks = 4
    noop_tasks = 50
    spans_cap = 10

    def __init__(self, out_dir: pathlib.Path):
        self.spans_path = out_dir / "spans.json"
        self.trace_path = out_dir / "trace.json"
        self.results = run_to_json(
            out_dir, "--benchmark_filter=^(Cpu|Noop)/(Serial|Processes|Threads)/",
            "--cpu_iterations=20000", f"--cpu_tasks={self.cpu_tasks}",
            f"--noop_tasks={self.noop_tasks}", "--workers=1,2",
            f"--spans_cap={self.spans_cap}", f"--spans_out={self.spans_path}",
            f"--trace_out={self.trace_path}")
        self.spans = json.loads(self.spans_path.read_text(encoding="utf-8"))
        self.trace = json.loads(self.trace_path.read_text(encoding="utf-8"))

    def tasks(self, workload: str) -> int:
        """The tasks per batch the run asked of `workload`."""
        return {"Cpu": self.cpu_tasks, "Noop": self.noop_tasks}[workload]


@pytest.fixture(name="small_run", scope="module")
def fixture_small_run(tmp_path_factory) -> SmallRun:
    return SmallRun(tmp_path_factory.mktemp("small_run"))


def test_benchmarks_are_named_workload_executor_workers(small_run):
    names = [row["name"] for row in small_run.results["benchmarks"]]
    expected = [f"{workload}/{executor}/workers:{workers}/manual_time"
                for workload in ("Cpu", "Noop")
                # Single-worker executors (the baseline) first, then by name.
                for executor, counts in (("Serial", (1,)),
                                         ("Processes", (1, 2)),
                                         ("Threads", (1, 2)))
                for workers in counts]
    assert names == expected
    for row in small_run.results["benchmarks"]:
        assert row["run_type"] == "iteration"
        assert not row.get("error_occurred"), row.get("error_message")


def test_every_counter_is_reported_and_consistent(small_run):
    for name, row in counters_by_name(small_run.results).items():
        parsed = bench_json.parse_benchmark_name(name)
        assert parsed.in_grid and name.endswith("/manual_time"), name
        assert set(COUNTERS) <= row.keys(), name
        assert row["tasks"] == small_run.tasks(parsed.workload), name
        assert row["workers"] == parsed.workers, name
        assert row["utilization"] == pytest.approx(
            row["concurrency"] / row["workers"], rel=1e-12), name
        # real_time is the mean wall time of a batch, and tasks_per_s is
        # every task over every batch's wall time: the same batches.
        assert row["time_unit"] == "ms"
        assert row["tasks_per_s"] == pytest.approx(
            row["tasks"] / (row["real_time"] / 1e3), rel=1e-9), name
        # A worker runs one task at a time, within the batch.
        assert 0 <= row["utilization"] <= 1, name
        assert 0 <= row["task_s_mean"] <= row["task_s_max"], name
        for counter in ("startup_s", "shutdown_s", "cpu_per_wall"):
            assert row[counter] >= 0, (name, counter)


def test_context_says_what_produced_the_results(small_run):
    context = small_run.results["context"]
    for key in CONTEXT_KEYS:
        assert context.get(key), key
    assert re.fullmatch(r"[0-9a-f]{40}|unknown", context["execbench_commit"])
    assert context["execbench_commit_dirty"] in ("true", "false", "unknown")
    assert context["execbench_profile"] == "default"


def test_spans_file_has_each_benchmarks_last_batch(small_run):
    spans = small_run.spans
    assert spans["format"] == "execbench-spans"
    assert spans["version"] == 1
    assert spans["context"] == {
        key: value for key, value in small_run.results["context"].items()
        if key.startswith("execbench_")}
    assert ([entry["name"] for entry in spans["benchmarks"]] ==
            [row["name"] for row in small_run.results["benchmarks"]])
    for entry in spans["benchmarks"]:
        parsed = bench_json.parse_benchmark_name(entry["name"])
        assert (entry["workload"], entry["executor"], entry["workers"]) == (
            parsed.workload, parsed.executor, parsed.workers)
        assert entry["tasks"] == small_run.tasks(entry["workload"])
        kept = min(entry["tasks"], small_run.spans_cap)
        assert entry["spans_kept"] == kept == len(entry["spans"])
        assert entry["spans_capped"] == (kept < entry["tasks"])
        assert 0 <= entry["startup_s"] <= entry["wall_s"]
        assert 0 <= entry["shutdown_s"] <= entry["wall_s"]
        for index, span in enumerate(entry["spans"]):
            assert span["task"] == index
            assert 0 <= span["start_s"] <= span["stop_s"] <= entry["wall_s"]
            assert span["worker"] in range(entry["workers"])
            # Read only for long tasks (see executors/task_runner.h).
            assert span["cpu_s"] is None or span["cpu_s"] >= 0


def test_only_noop_is_capped_at_spans_cap(small_run):
    capped = {entry["workload"]: entry["spans_capped"]
              for entry in small_run.spans["benchmarks"]}
    assert capped == {"Cpu": False, "Noop": True}


def test_trace_file_has_a_process_per_benchmark_and_an_event_per_span(
        small_run):
    events = small_run.trace["traceEvents"]
    assert {event["ph"] for event in events} == {"X", "M"}
    for event in events:
        assert event["pid"] >= 1
        assert event.get("tid", 1) >= 1
    process_names = {event["pid"]: event["args"]["name"] for event in events
                     if event["name"] == "process_name"}
    entries = small_run.spans["benchmarks"]
    assert sorted(process_names) == list(range(1, len(entries) + 1))
    for pid, entry in enumerate(entries, start=1):
        suffix = (f" (first {small_run.spans_cap} of {entry['tasks']} tasks)"
                  if entry["spans_capped"] else "")
        assert process_names[pid] == entry["name"] + suffix
        tasks = sorted((event for event in events
                        if event["ph"] == "X" and event["pid"] == pid),
                       key=lambda event: event["args"]["task"])
        assert len(tasks) == len(entry["spans"])
        for event, span in zip(tasks, entry["spans"]):
            assert event["args"]["worker"] == span["worker"]
            assert event["ts"] == pytest.approx(span["start_s"] * 1e6,
                                                abs=1e-6)
            assert event["dur"] == pytest.approx(
                (span["stop_s"] - span["start_s"]) * 1e6, abs=1e-6)


def test_profile_seed_sets_only_the_flags_not_given(tmp_path):
    # Seed asks 10 Cpu tasks: the explicit 3 must win.
    explicit = run_to_json(
        tmp_path, "--profile=seed", "--benchmark_filter=^(Cpu|Noop)/Serial",
        "--cpu_iterations=1000", "--cpu_tasks=3", "--noop_tasks=5")
    assert explicit["context"]["execbench_profile"] == "seed"
    rows = counters_by_name(explicit)
    assert rows["Cpu/Serial/workers:1/manual_time"]["tasks"] == 3
    assert rows["Noop/Serial/workers:1/manual_time"]["tasks"] == 5
    # Seed asks 20 Add tasks (the default is 10) of n = 20000, which would
    # take gigabytes: run only once explicit flags are known to win.
    add = run_to_json(tmp_path, "--profile=seed",
                      "--benchmark_filter=^Add/Serial", "--add_n=8")
    assert add["context"]["execbench_profile"] == "seed"
    assert counters_by_name(add)["Add/Serial/workers:1/manual_time"][
        "tasks"] == 20


@pytest.mark.parametrize("where", ["missing_folder", "existing_folder"])
def test_unwritable_spans_out_fails_with_one_line_and_no_file(tmp_path,
                                                               where):
    # The temporary file would go beside the path: in tmp_path for an
    # existing folder, which must keep its one (empty) folder.
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    spans_out = {"missing_folder": out_dir / "missing" / "spans.json",
                 "existing_folder": out_dir}[where]
    # JSON on stdout: the console format would print its header on stderr.
    completed = run_bench(*QUICK, "--benchmark_filter=^Noop/Serial",
                          "--benchmark_format=json", "--noop_tasks=5",
                          f"--spans_out={spans_out}")
    assert completed.returncode != 0
    lines = completed.stderr.splitlines()
    assert len(lines) == 1, completed.stderr
    assert str(spans_out) in lines[0]
    assert list(tmp_path.iterdir()) == [out_dir]
    assert not list(out_dir.iterdir())



@pytest.mark.parametrize("workload", ["Io", "PyIo", "Image", "PyImage"])
def test_scratch_folders_are_removed_at_exit(tmp_path, workload):
    """The private folders of the workloads that write files or read inputs
    they made are gone when bench exits, on every executor."""
    parent = tmp_path / "scratch"
    parent.mkdir()
    document = run_to_json(
        tmp_path, f"--io_dir={parent}", f"--benchmark_filter=^{workload}/",
        "--workers=2", "--io_bytes=1000", "--io_tasks=3",
        "--py_io_bytes=1000", "--py_io_tasks=3", "--image_tasks=3",
        "--py_image_tasks=3", "--image_size=32")
    rows = document["benchmarks"]
    assert {bench_json.parse_benchmark_name(row["name"]).executor
            for row in rows} >= {
        "Serial", "Threads", "Processes"}
    assert not [row for row in rows if row.get("error_occurred")], rows
    assert not list(parent.iterdir())


def test_payloads_are_counted_recorded_and_read_by_the_scripts(tmp_path):
    """With --arg_bytes and --result_bytes every row reports bytes_moved
    (tasks x both sizes) and move_s, the context records the sizes (so runs
    of other sizes are refused as different), and the tables and the advice
    read the file; without them no row has either counter."""
    filter_flags = ("--benchmark_filter=^Noop/(Serial|Threads|Processes)/",
                    "--workers=2", "--noop_tasks=20")
    moved = run_to_json(tmp_path, *filter_flags, "--arg_bytes=4096",
                        "--result_bytes=100")
    rows = counters_by_name(moved)
    assert len(rows) == 3
    for name, row in rows.items():
        assert row["bytes_moved"] == 20 * (4096 + 100), name
        assert row["move_s"] > 0, name
    assert moved["context"]["execbench_flag_arg_bytes"] == "4096"
    assert moved["context"]["execbench_flag_result_bytes"] == "100"
    (tmp_path / "plain").mkdir()
    plain = run_to_json(tmp_path / "plain", *filter_flags)
    for name, row in counters_by_name(plain).items():
        assert "bytes_moved" not in row and "move_s" not in row, name
    assert ("arg_bytes", "0", "4096") in sizes.differences(
        plain["context"], moved["context"])

    path = tmp_path / "moved.json"
    path.write_text(json.dumps(moved), encoding="utf-8")
    for script in (("tables", "--format=md"), ("advise",)):
        completed = subprocess.run(
            ["/usr/bin/python3", str(REPO / "scripts" / script[0]),
             *script[1:], str(path)],
            capture_output=True, text=True, timeout=120, check=False)
        assert completed.returncode == 0, completed.stderr
        assert "Noop" in completed.stdout, script
