"""Tests that a stop signal (SIGINT, SIGTERM, SIGHUP) ends every script
cleanly: what it started ends too (bench and its fork server, with its
listening socket), nothing is left behind (leftovers.py), one line on
stderr says so, and the exit code is 128 + the signal's number.

Each script runs on a copy of scripts/ in a scratch repository. run and
record are stopped mid-bench (a fake bench that measures until it is
stopped, fake_bench.py); the others while they read their input, a FIFO
that nothing is written to, and charts also while it draws.
"""

import json
import os
import pathlib
import shutil
import signal
import time

import pytest

import fake_bench
import leftovers
from conftest import SCRIPTS, benchmark_document
from execbench import interruption
from execbench.inputs import records

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
SAMPLES_MS = {"Cpu/Serial/workers:1": [20.0, 20.2, 19.8],
              "Cpu/Threads/workers:2": [10.5, 10.4, 10.6]}
MACHINE = "box-1"
# A bound on waiting for a stopped script to end, beyond which it hangs.
STOPS_WITHIN_S = 120
RECORD = "20260304T050607Z-{commit}-20260305T010203Z.json"
# Where the kernel says a process sleeps in read(2) on a pipe or FIFO
# (/proc/PID/wchan: anon_pipe_read, or pipe_read in older kernels).
PIPE_READ = "pipe_read"


@pytest.fixture(name="project")
def fixture_project(git_repo):
    """A committed repository with a copy of scripts/ and a scripts/setup
    that does nothing."""
    shutil.copytree(SCRIPTS, git_repo.path / "scripts",
                    ignore=shutil.ignore_patterns("__pycache__"))
    (git_repo.path / "scripts" / "setup").write_text("#!/bin/sh\n")
    (git_repo.path / ".gitignore").write_text("results/\n")
    git_repo.commit("first", date="2026-03-04T05:06:07Z")
    return git_repo


def start(project, script: str, *argv, **environment) -> leftovers.Watched:
    return leftovers.Watched(
        [project.path / "scripts" / script, *argv], cwd=project.path,
        env={"PATH": "/usr/bin:/bin", **environment},
        outputs=[project.path / "results"])


def stop(watched: leftovers.Watched, number: int, sent_to: str):
    """Sends the signal to the script, or to every process of its session
    at once; returns how the script ended."""
    if sent_to == "script":
        watched.process.send_signal(number)
    else:
        watched.signal_session(number)
    return watched.finish(within_s=STOPS_WITHIN_S)


def assert_interrupted(completed, script: str, number: int) -> None:
    assert completed.stderr == (
        f"{script}: interrupted by {signal.Signals(number).name}\n")
    assert completed.returncode == 128 + number
    assert completed.stdout == ""


@pytest.mark.parametrize("sent_to", ["script", "session"])
@pytest.mark.parametrize("number", STOP_SIGNALS,
                         ids=lambda number: signal.Signals(number).name)
@pytest.mark.parametrize("script", ["run", "record"])
def test_a_stop_signal_mid_bench_stops_bench_and_keeps_nothing(
        project, tmp_path, script, number, sent_to):
    bench = fake_bench.install(tmp_path / "fake", SAMPLES_MS, linger=True)
    watched = start(project, script, EXECBENCH_BENCH=str(bench))
    server = fake_bench.wait_until_started(bench, watched.process)

    completed = stop(watched, number, sent_to)

    assert_interrupted(completed, script, number)
    assert server["port"] not in leftovers.listening_ports()
    assert not list((project.path / "results").rglob("*"))


@pytest.fixture(name="blocked_inputs")
def fixture_blocked_inputs(project, tmp_path):
    """For each script, its arguments when its input is a FIFO that nothing
    is written to: it waits there until stopped. Returns (script -> its
    arguments, the FIFO of each)."""
    good = tmp_path / "good.json"
    good.write_text(json.dumps(benchmark_document(SAMPLES_MS)))
    fifo = tmp_path / "bench.json"
    os.mkfifo(fifo)
    run_folder = tmp_path / "run"
    run_folder.mkdir()
    os.mkfifo(run_folder / "bench.json")
    head = project.git("rev-parse", "HEAD")
    record = (records.history_dir(project.path) / MACHINE
              / RECORD.format(commit=head[:12]))
    record.parent.mkdir(parents=True)
    os.mkfifo(record)
    return ({"tables": ([fifo, "--format", "md"], fifo),
             "charts": ([fifo, "--out", tmp_path / "charts"], fifo),
             "advise": ([fifo], fifo),
             "report": ([run_folder], run_folder / "bench.json"),
             "compare": (["HEAD", good], record),
             "history": (["--machine", MACHINE, "--out",
                          tmp_path / "history"], record)})


def block_reading(fifo, script) -> int:
    """Opens the FIFO for writing once the script opens it to read, and
    waits until the script sleeps in read(2) on it; returns the descriptor,
    which keeps the script waiting for data until closed.

    Only a signal that arrives during read(2) interrupts it: one that comes
    between the script's last check for signals and the call is seen by its
    handler only at the next signal, as for any Python program."""
    while True:
        assert script.poll() is None, "the script ended before reading"
        try:
            writer = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
            break
        except OSError:  # ENXIO: no reader yet.
            time.sleep(0.02)
    wchan = pathlib.Path(f"/proc/{script.pid}/wchan")
    while not wchan.read_text().endswith(PIPE_READ):
        assert script.poll() is None, "the script ended before reading"
        time.sleep(0.02)
    return writer


@pytest.mark.parametrize("number", STOP_SIGNALS,
                         ids=lambda number: signal.Signals(number).name)
@pytest.mark.parametrize("script", ["compare", "history", "charts", "tables",
                                    "advise", "report"])
def test_a_stop_signal_while_reading_ends_a_script_in_one_line(
        project, blocked_inputs, script, number):
    argv, fifo = blocked_inputs[script]
    watched = start(project, script, *argv)
    writer = block_reading(fifo, watched.process)
    try:
        completed = stop(watched, number, "script")
    finally:
        os.close(writer)

    assert_interrupted(completed, script, number)


def start_drawing(project, tmp_path) -> tuple:
    """Starts charts on results of 12 workloads, 4 charts each: far more
    than are drawn by the time the first is written, which it waits for;
    returns (the charts script, watched, and its output folder)."""
    results = tmp_path / "bench.json"
    results.write_text(json.dumps(benchmark_document(
        {f"W{index}/{executor}/workers:{workers}": [10.0, 10.1, 9.9]
         for index in range(12)
         for executor, workers in (("Serial", 1), ("Threads", 2))})))
    out = tmp_path / "charts"
    watched = leftovers.Watched(
        [project.path / "scripts" / "charts", results, "--out", out],
        outputs=[out])
    while not out.is_dir() or not any(out.glob("*.png")):
        assert watched.process.poll() is None, "charts ended first"
        time.sleep(0.02)
    return watched, out


@pytest.mark.parametrize("sent_to", ["script", "session"])
def test_charts_stopped_while_drawing_leave_only_whole_files(project,
                                                             tmp_path,
                                                             sent_to):
    watched, out = start_drawing(project, tmp_path)

    completed = stop(watched, signal.SIGTERM, sent_to)

    assert_interrupted(completed, "charts", signal.SIGTERM)
    for written in out.iterdir():
        content = written.read_bytes()
        if written.suffix == ".png":
            assert content.startswith(b"\x89PNG") and content.endswith(
                b"IEND\xaeB`\x82"), written.name
        else:  # a caption
            assert written.name.endswith(".caption.txt"), written.name
            assert content.endswith(b"\n"), written.name


@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2,
                    reason="charts draws in one process on one core")
def test_a_process_drawing_charts_that_is_killed_ends_charts_in_one_line(
        project, tmp_path):
    watched, _ = start_drawing(project, tmp_path)
    drawers = set(leftovers.session_processes(watched.process.pid)) - {
        watched.process.pid}

    os.kill(min(drawers), signal.SIGKILL)
    completed = watched.finish(within_s=STOPS_WITHIN_S)

    assert completed.stderr == (
        "charts: a process drawing charts ended early: killed by SIGKILL\n")
    assert completed.returncode == 2


# A script whose stop signal is taken by another thread, so that its main
# thread, waiting for a child, is not woken by it: the handler runs only
# when the main thread returns to Python, as after a signal that arrives
# just before the wait blocks.
SIGNAL_BESIDE_THE_WAIT = """
import os, pathlib, signal, sys, threading, time
from execbench import command_line, interruption
started = pathlib.Path(sys.argv[1])
child = [sys.executable, "-c", "import pathlib, signal, sys, time; "
         "signal.pthread_sigmask(signal.SIG_SETMASK, []); "
         "pathlib.Path(sys.argv[1]).touch(); time.sleep(600)", str(started)]
def send_once_the_child_runs():
    signal.pthread_sigmask(signal.SIG_UNBLOCK, interruption.STOP_SIGNALS)
    while not started.exists():
        time.sleep(0.01)
    os.kill(os.getpid(), signal.SIGTERM)
def main():
    signal.pthread_sigmask(signal.SIG_BLOCK, interruption.STOP_SIGNALS)
    threading.Thread(target=send_once_the_child_runs).start()
    return interruption.run_child(child)
command_line.run(main)
"""


def test_a_signal_that_does_not_wake_the_wait_still_stops_the_child(
        tmp_path):
    watched = leftovers.Watched(
        ["/usr/bin/python3", "-c", SIGNAL_BESIDE_THE_WAIT,
         tmp_path / "started"],
        env={**os.environ, "PYTHONPATH": str(SCRIPTS)})

    completed = watched.finish(within_s=STOPS_WITHIN_S)

    assert_interrupted(completed, "-c", signal.SIGTERM)


def test_a_child_ended_by_a_stop_signal_sent_to_it_alone_is_a_failure():
    # This process gets no signal of its own: the child's end is its own.
    code = interruption.run_child(["sh", "-c", "kill -TERM $$"])

    assert code == -signal.SIGTERM
    assert interruption.ended(code) == "was killed by SIGTERM"
    assert interruption.ended(3) == "exited with code 3"
