"""Tests of bench --cmd_task, the Cmd workload, through the real bench: its
rows appear only with a command, bad values are refused up front, each
executor runs each task's command once per batch with the same checksums,
and a failing or hanging command fails its rows in bounded time, leaving no
process behind.
"""

import collections
import json
import re

import pytest

import leftovers
from test_bench_cli import BENCH, QUICK, run_bench

pytestmark = pytest.mark.skipif(
    not BENCH.exists(),
    reason=f"{BENCH} is not built (build it, or set EXECBENCH_BUILD_DIR)")

# A run of each executor's rows at 1 and 2 workers.
CMD_ROWS = ("--benchmark_filter=^Cmd/", "--workers=1,2")


def listed_executors(workload: str, *args: str) -> set:
    """The executors of `workload`'s rows in bench --benchmark_list_tests."""
    completed = run_bench("--benchmark_list_tests", *args)
    assert completed.returncode == 0, completed.stderr
    return {match.group(1) for match in re.finditer(
        rf"^{workload}/(\w+)/", completed.stdout, re.MULTILINE)}


def errors_by_name(stdout: str) -> dict:
    """Benchmark name -> its error message ("" if it ran) in JSON output."""
    return {row["name"]: row.get("error_message", "")
            for row in json.loads(stdout)["benchmarks"]}


def test_cmd_has_rows_on_every_executor_only_with_a_command():
    assert listed_executors("Cmd") == set()
    executors = listed_executors("Cmd", "--cmd_task=true")
    # Io runs on every executor, EventLoop included, as Cmd must.
    assert executors == listed_executors("Io")
    assert "EventLoop" in executors and "Processes" in executors


@pytest.mark.parametrize("argument, named", [
    ("--cmd_task=", "--cmd_task"),
    ("--cmd_task=  ", "--cmd_task"),
    ("--cmd_task=if true; then echo {task}", "--cmd_task"),
    ("--cmd_task=echo 'unclosed", "--cmd_task"),
    ("--cmd_tasks=0", "--cmd_tasks"),
    ("--cmd_tasks=2000000000", "--cmd_tasks"),
    ("--cmd_timeout_ms=0", "--cmd_timeout_ms"),
    ("--cmd_timeout_ms=3600001", "--cmd_timeout_ms"),
])
def test_a_bad_cmd_flag_is_refused_with_one_line_and_exit_2(argument, named):
    completed = run_bench("--benchmark_filter=^Cmd/Serial/", "--cmd_task=true",
                          argument)
    assert completed.returncode == 2, completed.stderr
    lines = completed.stderr.splitlines()
    assert len(lines) == 1, completed.stderr
    assert named in lines[0] and argument.partition("=")[2] in lines[0]
    assert completed.stdout == ""


def test_each_task_runs_once_per_batch_with_the_same_checksums(tmp_path):
    """bench checks every row's checksums against Serial's: the rows run
    only if each executor's commands printed what Serial's did."""
    log = tmp_path / "ran"
    tasks = 6
    completed = run_bench(*QUICK, *CMD_ROWS, "--benchmark_format=json",
                          f"--cmd_task=echo {{task}} | tee -a {log}",
                          f"--cmd_tasks={tasks}")
    assert completed.returncode == 0, completed.stderr
    errors = errors_by_name(completed.stdout)
    assert len(errors) >= 7 and set(errors.values()) == {""}, errors
    runs = collections.Counter(
        int(line) for line in log.read_text(encoding="utf-8").split())
    assert set(runs) == set(range(tasks))
    assert len(set(runs.values())) == 1, runs


def test_a_failing_command_fails_its_rows_naming_task_status_and_stderr():
    completed = run_bench(
        *QUICK, *CMD_ROWS, "--benchmark_format=json",
        "--cmd_task=echo 'no input {task}' >&2; [ {task} -ne 2 ] || exit 3",
        "--cmd_tasks=4")
    assert completed.returncode == 1, completed.stderr
    for name, error in errors_by_name(completed.stdout).items():
        assert "Cmd: task 2 " in error, name
        assert "exited with status 3" in error, name
        assert "its stderr ends: no input 2" in error, name


def test_a_hanging_command_is_killed_and_leaves_no_process():
    """Each command waits on a sleep of its own: both die at the timeout.
    Watched checks that nothing of bench's session is left running."""
    completed = leftovers.Watched([
        BENCH, *QUICK, *CMD_ROWS, "--benchmark_format=json",
        "--cmd_task=sleep 1000 & wait", "--cmd_timeout_ms=300",
        "--cmd_tasks=3"]).finish(within_s=120)
    assert completed.returncode == 1, completed.stderr
    errors = errors_by_name(completed.stdout)
    assert len(errors) >= 7
    for name, error in errors.items():
        assert re.search(r"Cmd: task \d+ \(sleep 1000 & wait\) ran past its "
                         r"timeout of 300ms", error), (name, error)
