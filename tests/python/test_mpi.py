"""Tests of the Mpi executor as users launch it: bench with and without
mpirun, a rank killed in the middle of a batch, and no rank left behind.

They run the real $EXECBENCH_BUILD_DIR/bench and tests/mpi_test under
scripts/mpirun-local (3 ranks on this machine); those that need mpirun skip
without it.
"""

import json
import os
import pathlib
import shutil
import subprocess

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
BUILD = pathlib.Path(os.environ.get("EXECBENCH_BUILD_DIR", REPO / "build"))
BENCH = BUILD / "bench"
MPI_TEST = BUILD / "tests" / "mpi_test"
MPIRUN_LOCAL = REPO / "scripts" / "mpirun-local"

pytestmark = pytest.mark.skipif(
    not BENCH.exists(),
    reason=f"{BENCH} is not built (build it, or set EXECBENCH_BUILD_DIR)")
needs_mpirun = pytest.mark.skipif(shutil.which("mpirun") is None,
                                  reason="Open MPI's mpirun is not installed")


def _processes_of(binary: pathlib.Path) -> list[int]:
    """Pids of the live (not zombie) processes running `binary`."""
    pids = []
    for proc in pathlib.Path("/proc").iterdir():
        try:
            exe = os.readlink(proc / "exe")
            state = (proc / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            continue
        if exe == str(binary) and state not in ("Z", "X"):
            pids.append(int(proc.name))
    return pids


def _mpirun(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(MPIRUN_LOCAL), "-n", "3", *args],
                          capture_output=True, text=True, timeout=120,
                          check=False)


def test_mpi_rows_without_mpirun_get_one_line_and_exit_2():
    result = subprocess.run([str(BENCH), "--benchmark_filter=/Mpi/"],
                            capture_output=True, text=True, timeout=60,
                            check=False)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Mpi needs mpirun: mpirun -n 3" in lines[0]


def test_bench_without_mpirun_lists_no_mpi_rows_and_says_how_to_get_them():
    listed = subprocess.run([str(BENCH), "--benchmark_list_tests"],
                            capture_output=True, text=True, timeout=60,
                            check=True).stdout
    assert "/Processes/" in listed and "/Mpi/" not in listed
    help_text = subprocess.run([str(BENCH), "--help"], capture_output=True,
                               text=True, timeout=60, check=False).stdout
    assert "mpirun -n 3 build/bench" in help_text


@needs_mpirun
def test_bench_under_mpirun_runs_mpi_rows_and_leaves_no_rank(tmp_path):
    spans = tmp_path / "spans.json"
    result = _mpirun(str(BENCH), "--benchmark_filter=^Noop/Mpi/",
                     "--noop_tasks=50", "--benchmark_min_time=0.001",
                     "--workers=1,2,4", f"--spans_out={spans}",
                     "--benchmark_format=json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    names = [row["name"] for row in report["benchmarks"]]
    # 3 ranks: 2 workers at most.
    assert names == ["Noop/Mpi/workers:1/manual_time",
                     "Noop/Mpi/workers:2/manual_time"]
    context = report["context"]
    assert context["mpi_ranks"] == "3"
    assert len(context["mpi_clock_offset_ns"].split(",")) == 3
    written = json.loads(spans.read_text())
    assert "mpi_clock_offset_end_ns" in written["context"]
    hosts = context["mpi_hosts"].split(",")
    for batch in written["benchmarks"]:
        assert batch["hosts"] == hosts[1:batch["workers"] + 1]
    assert _processes_of(BENCH.resolve()) == []


@needs_mpirun
def test_killed_rank_fails_the_batch_naming_rank_host_and_task():
    result = _mpirun(str(MPI_TEST), "--gtest_also_run_disabled_tests",
                     "--gtest_filter=*KilledRankEndsTheJob")
    assert result.returncode != 0
    broken = [line for line in result.stderr.splitlines()
              if line.startswith("Mpi batch broken: ")]
    assert len(broken) == 1, result.stderr
    host = os.uname().nodename
    assert f"(host {host}, pid " in broken[0]
    assert "died running task 6" in broken[0]
    assert _processes_of(MPI_TEST.resolve()) == []
