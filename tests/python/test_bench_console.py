"""Tests of bench's console (benchmarks/output/console_reporter.*): one line
per benchmark once its repetitions are done, with the run's progress; a
line per repetition on request; Google Benchmark's DEBUG warning explained
where it appears.

They run the real $EXECBENCH_BUILD_DIR/bench (ctest sets the variable; the
default is <repo>/build) on Noop with few tasks.
"""

import os
import pathlib
import re
import subprocess

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
BENCH = pathlib.Path(os.environ.get("EXECBENCH_BUILD_DIR",
                                    REPO / "build")) / "bench"
NOOP = ("--benchmark_filter=^Noop/(Serial|Threads)/", "--noop_tasks=20",
        "--workers=1,2", "--benchmark_min_time=0", "--warmup_batches=0",
        "--benchmark_repetitions=3")
NAMES = ("Noop/Serial/workers:1", "Noop/Threads/workers:1",
         "Noop/Threads/workers:2")
DEBUG_WARNING = "Library was built as DEBUG"

pytestmark = pytest.mark.skipif(
    not BENCH.exists(),
    reason=f"{BENCH} is not built (build it, or set EXECBENCH_BUILD_DIR)")


def run_bench(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(BENCH), *args], capture_output=True, text=True,
                          timeout=300, check=False)


@pytest.fixture(name="console", scope="module")
def fixture_console() -> subprocess.CompletedProcess:
    completed = run_bench(*NOOP)
    assert completed.returncode == 0, completed.stderr
    return completed


def test_one_line_per_benchmark_with_progress_median_and_range(console):
    lines = console.stdout.splitlines()
    assert len(lines) == len(NAMES)
    found = [re.match(r"\[(\d)/3\] (\S+) +median \S+ \w+ \(3 reps, ", line)
             for line in lines]
    assert all(found), lines
    assert [match[1] for match in found] == ["1", "2", "3"]
    assert sorted(match[2] for match in found) == sorted(NAMES)
    assert all("tasks " in line and "cpu/wall " in line for line in lines)


def test_every_repetition_on_request(tmp_path):
    completed = run_bench(*NOOP, "--console_repetitions")
    assert completed.returncode == 0, completed.stderr
    lines = completed.stdout.splitlines()
    # Three repetitions and four aggregates (mean, median, stddev, cv) each.
    assert len(lines) == len(NAMES) * 7
    assert sum(line.split()[0].endswith("/manual_time") for line in lines) == (
        len(NAMES) * 3)


def test_the_header_explains_the_debug_warning_and_skips_every_flag(console):
    header = console.stderr.splitlines()
    assert not [line for line in header
                if line.startswith("execbench_flag_")]
    assert "execbench_flags_changed: noop_tasks=20 warmup_batches=0 " \
        "workers=1,2" in header
    warned = [index for index, line in enumerate(header)
              if DEBUG_WARNING in line]
    if not warned:
        pytest.skip("this libbenchmark was built with NDEBUG: no warning")
    (index,) = warned
    assert header[index + 1].startswith(
        "(That warning concerns only Google Benchmark's own bookkeeping")
