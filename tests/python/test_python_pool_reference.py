"""Tests of scripts/python_pool_reference: Python's ProcessPoolExecutor and
bench's PyCpu on Processes, each against serial, side by side."""

import re
import subprocess

from test_bench_cli import BENCH, REPO

SCRIPT = REPO / "scripts" / "python_pool_reference"
TINY = ("--rounds=1", "--repetitions=3", "--tasks=2", "--iterations=1000")


def run_script(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(SCRIPT), *args], capture_output=True,
                          text=True, timeout=300, check=False)


def test_both_sides_give_medians_and_a_speedup():
    result = run_script(f"--bench={BENCH}", *TINY)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("2 tasks of 1000 iterations, 2 workers, "
                               "1 rounds of 3")
    number = r"[0-9.e+-]+ s \[n/a\]"
    for line, side in zip(lines[1:], ("Python ProcessPoolExecutor",
                                      "bench PyCpu Processes")):
        assert re.fullmatch(
            rf"{side} +serial {number}  pool {number}  speedup "
            r"[0-9.]+x \[n/a\]", line), line
    assert len(lines) == 3


def test_a_bench_that_fails_is_one_line_and_exit_code_2():
    result = run_script(f"--bench={BENCH}", *TINY, "--workers=100000")
    assert result.returncode == 2
    assert re.fullmatch(r"python_pool_reference: bench exited with code 2: "
                        r"bench: bad value for --workers: .*\n",
                        result.stderr), result.stderr


def test_a_missing_bench_is_one_line_and_exit_code_2(tmp_path):
    result = run_script(f"--bench={tmp_path / 'none'}", *TINY)
    assert result.returncode == 2
    assert result.stderr.startswith("python_pool_reference: ")
    assert result.stderr.count("\n") == 1
