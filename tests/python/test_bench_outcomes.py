"""Tests of what bench tells about a run beyond its numbers: its exit codes,
the commit it was built from, every flag's value, the machine's state, and
that nothing it started outlives it. They run the real bench (see
test_bench_cli.py) on tiny workloads, and ./bench at the repository's root.
"""

import ctypes
import json
import os
import pathlib
import re
import subprocess

import pytest

from test_bench_cli import BENCH, QUICK, REPO, run_bench, run_to_json

pytestmark = pytest.mark.skipif(
    not BENCH.exists(),
    reason=f"{BENCH} is not built (build it, or set EXECBENCH_BUILD_DIR)")

BUILD_COMMIT = BENCH.parent / "benchmarks" / "execbench_build_commit.cc"
PR_SET_CHILD_SUBREAPER = 36


@pytest.mark.parametrize("filter_, says", [
    ("cpu", "selects no benchmark"),
    ("(", "is not a valid regular expression"),
])
def test_a_filter_that_selects_nothing_exits_2_with_one_line(filter_, says):
    completed = run_bench(f"--benchmark_filter={filter_}")
    assert completed.returncode == 2
    lines = completed.stderr.strip().splitlines()
    assert len(lines) == 1 and says in lines[0], completed.stderr
    assert completed.stdout == ""


def test_a_failed_benchmark_exits_1_unless_asked_for_0(tmp_path):
    failing = (*QUICK, "--benchmark_filter=^Api/Serial/",
               "--api_url=http://127.0.0.1:1/{task}", "--api_timeout_ms=2000")
    completed = run_bench(*failing)
    assert completed.returncode == 1
    assert "1 benchmark run(s) failed" in completed.stderr
    assert run_bench(*failing, "--failed_exit_code=0").returncode == 0
    assert run_bench(*QUICK, "--benchmark_filter=^Noop/Serial/").returncode == 0


def test_the_commit_is_the_one_built_from_not_the_trees(tmp_path):
    built = re.search(r'kBuildCommit\[\] = "([^"]*)"',
                      BUILD_COMMIT.read_text(encoding="utf-8"))[1]
    # A git on PATH that names another commit must change nothing.
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "git").write_text("#!/bin/sh\necho " + "f" * 40 + "\n",
                              encoding="utf-8")
    (fake / "git").chmod(0o755)
    out = tmp_path / "results.json"
    completed = subprocess.run(
        [str(BENCH), *QUICK, "--benchmark_filter=^Noop/Serial/",
         f"--benchmark_out={out}"], capture_output=True, text=True,
        timeout=120, check=False, cwd=tmp_path,
        env={**os.environ, "PATH": f"{fake}:{os.environ['PATH']}"})
    assert completed.returncode == 0, completed.stderr
    context = json.loads(out.read_text(encoding="utf-8"))["context"]
    assert context["execbench_commit"] == built != "f" * 40
    assert context["execbench_commit_dirty"] in ("true", "false", "unknown")


def test_context_has_every_flag_and_the_changed_ones(tmp_path):
    document = run_to_json(tmp_path, "--benchmark_filter=^Noop/Serial/",
                           "--noop_tasks=7")
    context = document["context"]
    assert context["execbench_flag_noop_tasks"] == "7"
    assert context["execbench_flag_cpu_iterations"] == "10000000"
    changed = context["execbench_flags_changed"].split()
    assert "noop_tasks=7" in changed
    assert not [flag for flag in changed if flag.startswith("cpu_")]


def test_steal_switches_ceiling_and_instrument_are_recorded_and_sane(tmp_path):
    document = run_to_json(tmp_path, "--benchmark_filter=^Cpu/Threads/",
                           "--workers=2", "--cpu_iterations=100000")
    context = document["context"]
    cores = context["num_cpus"]
    for key in ("execbench_parallel_ceiling_start",
                "execbench_parallel_ceiling_end"):
        assert 0 < float(context[key]) <= 1.5 * cores, key
    assert 0 <= float(context["execbench_instrument_ns_per_task"]) < 10_000
    for row in document["benchmarks"]:
        assert 0 <= row["steal_share"] <= 1
        assert row["involuntary_switches"] >= 0


def test_nothing_bench_started_outlives_it(tmp_path):
    # Orphans of bench (its fork server, workers) would become children of
    # this process, which makes itself their subreaper.
    libc = ctypes.CDLL(None, use_errno=True)
    assert libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
    try:
        for filter_ in ("^Noop/Processes/", "^Cpu/Processes/", "nothing"):
            run_bench(*QUICK, f"--benchmark_filter={filter_}",
                      "--cpu_iterations=1000")
            with pytest.raises(ChildProcessError):
                os.waitpid(-1, os.WNOHANG)
    finally:
        libc.prctl(PR_SET_CHILD_SUBREAPER, 0, 0, 0, 0)


def test_bench_at_the_root_hands_every_argument_to_the_built_bench():
    arguments = ("--benchmark_list_tests", "--benchmark_filter=^Cpu/Serial/")
    at_root = subprocess.run([str(REPO / "bench"), *arguments],
                             capture_output=True, text=True, timeout=600,
                             check=False, cwd=REPO)
    assert at_root.returncode == 0, at_root.stderr
    assert at_root.stdout == run_bench(*arguments).stdout
    assert at_root.stdout.split() == ["Cpu/Serial/workers:1/manual_time"]
