"""Tests of `bench --py_task`, the user's Python function in the grid, from
the command line: bad modules, functions, signatures and argument
generators get one line and exit code 2 before any benchmark runs; without
--py_task there is no PyTask row; and the preloaded fork servers that
Python workloads' workers are forked from end with bench, whether it exits
or is killed, leaving no process behind; and bench runs the user's
generator once to check its flags and count the tasks.
"""

import ctypes
import json
import os
import signal
import subprocess
import time

import pytest

from test_bench_cli import BENCH, QUICK, REPO, run_bench
from test_bench_limits import (PR_SET_CHILD_SUBREAPER, children_of,
                               _reap_until_no_child_is_left)

FIXTURES = REPO / "tests" / "fixtures" / "python"
PATH = f"--py_path={FIXTURES}"


@pytest.mark.parametrize("flags,message", [
    (["--py_task=execbench_no_such_module:f"],
     "--py_task=execbench_no_such_module:f: cannot import module "
     "execbench_no_such_module (ModuleNotFoundError: No module named "
     "'execbench_no_such_module')"),
    (["--py_task=user_tasks:missing", PATH],
     "--py_task=user_tasks:missing: module user_tasks has no missing"),
    (["--py_task=user_tasks:two_arguments", PATH],
     "--py_task=user_tasks:two_arguments: user_tasks:two_arguments does not "
     "take 1 argument (TypeError: missing a required argument: 'second')"),
    (["--py_task=user_tasks", PATH],
     "--py_task=user_tasks: 'user_tasks' is not MODULE:FUNCTION"),
    (["--py_task=user_tasks:size", "--py_args=user_tasks:not_iterable", PATH],
     "--py_args=user_tasks:not_iterable: the arguments' function returned a "
     "int, which is not iterable"),
    (["--py_task=user_tasks:size", "--py_args=user_tasks:no_items", PATH],
     "--py_args=user_tasks:no_items: it yields no items"),
    (["--py_args=user_tasks:words"],
     "--py_args needs --py_task=MODULE:FUNCTION"),
])
def test_a_bad_function_is_one_line_and_exit_code_2(flags, message):
    result = run_bench(*QUICK, "--benchmark_filter=^PyTask/", *flags)
    assert result.returncode == 2
    assert result.stderr == f"bench: {message}\n"
    assert result.stdout == ""


def test_without_py_task_there_is_no_py_task_row():
    result = run_bench("--benchmark_list_tests=true")
    assert result.returncode == 0
    assert "PyCpu/Serial/workers:1" in result.stdout
    assert "PyTask/" not in result.stdout


def test_the_generators_items_make_the_tasks():
    result = run_bench(*QUICK, "--benchmark_filter=^PyTask/Serial/",
                       "--py_task=user_tasks:size",
                       "--py_args=user_tasks:words", PATH,
                       "--benchmark_format=json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)["benchmarks"]
    assert [row["tasks"] for row in rows] == [4]


@pytest.mark.parametrize("run,runs", [
    # Checking the flags counts the tasks: the generator runs once.
    (["--benchmark_list_tests=true"], 1),
    # Then Serial prepares the workload in bench's process, outside the
    # timed region, which takes the generator's items again.
    ([*QUICK, "--benchmark_filter=^PyTask/Serial/"], 2),
])
def test_bench_runs_the_generator_once_for_the_flags(tmp_path, monkeypatch,
                                                     run, runs):
    log = tmp_path / "generator-runs"
    monkeypatch.setenv("EXECBENCH_GENERATOR_LOG", str(log))
    result = run_bench(*run, "--py_task=user_tasks:size",
                       "--py_args=user_tasks:logged_words", PATH)
    assert result.returncode == 0, result.stderr
    assert "PyTask/Serial/workers:1" in result.stdout
    assert len(log.read_text(encoding="ascii").splitlines()) == runs


@pytest.fixture(name="subreaper")
def fixture_subreaper():
    """bench's orphans become this process's children while the test runs."""
    libc = ctypes.CDLL(None, use_errno=True)
    assert libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
    yield
    libc.prctl(PR_SET_CHILD_SUBREAPER, 0, 0, 0, 0)


def _grandchildren(pid: int) -> list[int]:
    return [grandchild for child in children_of(pid)
            for grandchild in children_of(child)]


@pytest.mark.usefixtures("subreaper")
@pytest.mark.parametrize("ending", ["exit", signal.SIGKILL])
def test_preloaded_servers_end_with_bench(ending):
    """The preloaded servers (children of the fork servers) and their
    workers are gone once bench has exited, or been killed in a batch."""
    long_batches = ending != "exit"
    bench = subprocess.Popen(
        [str(BENCH), "--benchmark_filter=^PyCpu/Processes/", "--workers=2",
         "--py_cpu_tasks=4",
         f"--py_cpu_iterations={50_000_000 if long_batches else 1000}",
         *(["--benchmark_min_time=60"] if long_batches else QUICK)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if long_batches:
        deadline = time.monotonic() + 60
        # In a batch: the preloaded servers have forked workers.
        while not any(children_of(server)
                      for server in _grandchildren(bench.pid)):
            assert time.monotonic() < deadline, "no batch ran"
            time.sleep(0.01)
        os.kill(bench.pid, ending)
        assert bench.wait(timeout=60) == -ending
    else:
        assert bench.wait(timeout=120) == 0
    assert _reap_until_no_child_is_left(10) == []
