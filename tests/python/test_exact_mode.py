"""Tests of scripts/ab --instructions: the callgrind file's task arcs, which
rows are countable, the exact rule, and, with valgrind and the real
$EXECBENCH_BUILD_DIR/bench, that a build against itself is exactly the
same, that 0.1% more work in Cpu's tasks is flagged, and that uncountable
rows are listed without numbers."""

import fractions
import json
import os
import pathlib
import shutil
import signal
import time

import pytest

import leftovers
from conftest import SCRIPTS

from execbench.analysis import countable_rows
from execbench.analysis import exact_verdicts
from execbench.commands import ab
from execbench.inputs import callgrind_file
from execbench.inputs import instruction_counts
from execbench.inputs import paired_rounds

REPO = pathlib.Path(__file__).resolve().parents[2]
BENCH = pathlib.Path(os.environ.get("EXECBENCH_BUILD_DIR",
                                    REPO / "build")) / "bench"
needs_valgrind = pytest.mark.skipif(
    shutil.which("valgrind") is None or not BENCH.exists(),
    reason="needs valgrind (apt install valgrind) and a built bench")
# Small sizes: a Cpu task of 100,000 iterations is 0.8 million instructions.
SMALL = ("--cpu_iterations=100000",)

CALLGRIND_OUTPUT = """\
# callgrind format
positions: line
events: Ir
summary: 5000

fn=(1) execbench::(anonymous namespace)::TimeConcurrentLoops()
cfn=(2) execbench::(anonymous namespace)::Cpu::RunTask(int)
calls=18 0
0 3000

fn=(2)
0 2000

fn=(3) execbench::TaskRunner::Run(int, execbench::TaskSpan&, unsigned long&)
cfn=(2)
calls=2 0
+3 1200
cfn=(4) execbench::MonotonicNowNs()
calls=2 0
0 40

fn=(3)
cfn=(2)
calls=1 0
0 600
"""


def test_only_arcs_from_the_task_runner_to_the_workload_count(tmp_path):
    path = tmp_path / "callgrind.1"
    path.write_text(CALLGRIND_OUTPUT)
    counted = callgrind_file.task_instructions(str(path),
                                               "::Cpu::RunTask(int)")
    assert counted == callgrind_file.TaskInstructions(calls=3,
                                                      instructions=1800)


def test_a_callgrind_file_of_other_events_is_refused(tmp_path):
    path = tmp_path / "callgrind.1"
    path.write_text(CALLGRIND_OUTPUT.replace("events: Ir", "events: Ir Dr"))
    with pytest.raises(Exception, match="Ir as its only event"):
        callgrind_file.task_instructions(str(path), "::Cpu::RunTask(int)")


@pytest.mark.parametrize("row, reason", [
    ("Cpu/Serial/workers:1", None),
    ("Image/Threads/workers:8", None),
    ("Api/Serial/workers:1", "network"),
    ("PyIo/Threads/workers:2", "file system calls"),
    ("Dot/Serial/workers:1", "Eigen's OpenMP"),
    ("Cpu/Processes/workers:2", "other processes"),
    ("Noop/EventLoop/workers:2", "callbacks"),
    ("Granularity/Threads/workers:2/task_us:5", "calibration"),
    ("Cmd/Serial/workers:1", "commands, run in processes of their own"),
    ("PyTask/Serial/workers:1", "not a workload known to be CPU-bound"),
    ("Cpu/Future/workers:2", "not an executor known"),
])
def test_rows_that_cannot_be_counted_say_why(row, reason):
    found = countable_rows.uncountable_reason(row)
    if reason is None:
        assert found is None
    else:
        assert reason in found


def _measurement(counts: dict) -> instruction_counts.Measurement:
    side = paired_rounds.Side(label="BASE", argument="a", commit=None,
                              bench="a", flags=(), context={})

    def runs(values):
        return tuple(instruction_counts.Count(instructions, tasks)
                     for instructions, tasks in values)

    return instruction_counts.Measurement(
        base=side, new=side, bench_flags=(), runs_per_side=2,
        rows=tuple(counts), only_in_base=(), only_in_new=(),
        uncountable={}, errors={},
        counts={row: {"base": runs(base), "new": runs(new)}
                for row, (base, new) in counts.items()},
        warnings=(), seconds=1.0)


def test_any_difference_in_a_deterministic_count_is_a_change():
    decision = exact_verdicts.decide(_measurement({
        "Cpu/Serial/workers:1": ([(1000, 2), (1500, 3)], [(1001, 2)] * 2),
        "Cpu/Threads/workers:2": ([(1000, 2)] * 2, [(999, 2)] * 2),
        "Noop/Serial/workers:1": ([(10, 2)] * 2, [(10, 2)] * 2),
    }))
    verdicts = {outcome.name: (outcome.verdict, outcome.ratio)
                for outcome in decision.outcomes}
    assert verdicts == {
        "Cpu/Serial/workers:1": (exact_verdicts.Verdict.SLOWER,
                                 fractions.Fraction(1001, 1000)),
        "Cpu/Threads/workers:2": (exact_verdicts.Verdict.FASTER,
                                  fractions.Fraction(999, 1000)),
        "Noop/Serial/workers:1": (exact_verdicts.Verdict.SAME, 1)}


def test_a_count_that_differs_between_runs_of_one_binary_is_not_counted():
    decision = exact_verdicts.decide(_measurement({
        "PyCpu/Serial/workers:1": ([(1000, 2), (1002, 2)], [(1000, 2)] * 2),
        "Cpu/Serial/workers:1": ([(0, 0)] * 2, [(1000, 2)] * 2)}))
    assert not decision.outcomes
    assert "not deterministic" in decision.uncountable[
        "PyCpu/Serial/workers:1"]
    assert "no task body ran in BASE" in decision.uncountable[
        "Cpu/Serial/workers:1"]


def _ab_json(capsys, *argv) -> tuple:
    code = ab.main([str(BENCH), str(BENCH), "--instructions", "--format",
                    "json", *SMALL, *argv])
    return code, json.loads(capsys.readouterr().out)


@needs_valgrind
def test_a_build_against_itself_is_exactly_the_same_five_times(capsys):
    for _ in range(5):
        code, document = _ab_json(capsys, "--filter", "^Cpu/Serial")
        assert code == 0
        assert [(row["verdict"], row["ratio_exact"])
                for row in document["rows"]] == [("same", "1")]


@needs_valgrind
def test_a_tenth_of_a_percent_more_work_is_flagged(capsys, tmp_path):
    code, document = _ab_json(capsys, "--filter", "^Cpu/Serial",
                              "--new-flag=--cpu_iterations=100100")
    assert code == 1
    assert [(row["verdict"], round(row["ratio"], 6))
            for row in document["rows"]] == [("slower", 1.001)]
    saved = tmp_path / "ab.json"
    saved.write_text(json.dumps(document))
    assert ab.main(["--replay", str(saved)]) == 1
    replayed = [line.split() for line in capsys.readouterr().out.splitlines()
                if line.startswith("Cpu/Serial/workers:1")]
    assert [line[:3] for line in replayed] == [
        ["Cpu/Serial/workers:1", "slower", "1.001000"]]


@needs_valgrind
def test_counts_per_task_do_not_depend_on_the_number_of_tasks(capsys):
    code, document = _ab_json(capsys, "--filter", "^Cpu/Threads/workers:2$",
                              "--new-flag=--cpu_tasks=3")
    assert code == 0
    assert [row["ratio_exact"] for row in document["rows"]] == ["1"]
    runs = document["measurement"]["counts"]["Cpu/Threads/workers:2"]
    assert [tasks for _, tasks in runs["new"]] == [3, 3]


@needs_valgrind
def test_uncountable_rows_are_listed_never_numbered(capsys):
    code = ab.main([str(BENCH), str(BENCH), "--instructions", *SMALL,
                    "--filter", "^(Dot/Serial|Cpu/Processes/workers:2$)"])
    text = capsys.readouterr().out
    assert code == 0
    lines = text[text.index("Not counted (2):"):].splitlines()
    assert lines[1].startswith("  Cpu/Processes/workers:2: its tasks run "
                               "in other processes")
    assert lines[2].startswith("  Dot/Serial/workers:1: each task runs its "
                               "own threads")
    assert "Summary: 2 not counted." in text
    assert not any(character.isdigit() for character in
                   text.split("BASE per task")[-1].split("Not counted")[0])


@pytest.mark.parametrize("argv, complaint", [
    (["--seed", "3"], "--seed does not apply to --instructions"),
    (["--max-rounds", "9"], "--max-rounds does not apply"),
    (["--replay", "x.json"], "--replay runs nothing"),
])
def test_flags_of_the_timing_rule_are_refused(capsys, argv, complaint):
    assert ab.main(["a", "b", "--instructions", *argv]) == 2
    error = capsys.readouterr().err
    assert complaint in error and error.count("\n") == 1


def test_without_valgrind_it_says_how_to_get_it(capsys, monkeypatch,
                                                 tmp_path):
    bench = tmp_path / "bench"
    bench.write_text("#!/bin/sh\n")
    bench.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert ab.main([str(bench), str(bench), "--instructions"]) == 2
    error = capsys.readouterr().err
    assert "install valgrind" in error and error.count("\n") == 1


@needs_valgrind
def test_a_stop_signal_to_ab_ends_the_run_under_valgrind_at_once(tmp_path):
    # Tasks that take minutes under valgrind: ab must not wait for them.
    watched = leftovers.Watched(
        [SCRIPTS / "ab", BENCH, BENCH, "--instructions", "--filter",
         "^Cpu/Serial", "--cpu_iterations=2000000000"], cwd=tmp_path)
    # Signalled once bench has written its context (some 1.5 KB on stderr),
    # so that it no longer stops by itself when ab stops reading its stderr.
    while _bytes_written_under_valgrind(watched.process.pid) < 2000:
        assert watched.process.poll() is None, watched.process.stderr.read()
        time.sleep(0.05)

    watched.process.send_signal(signal.SIGTERM)
    completed = watched.finish(within_s=30)

    assert completed.stderr.endswith("ab: interrupted by SIGTERM\n")
    assert completed.returncode == 128 + signal.SIGTERM


def _bytes_written_under_valgrind(session: int) -> int:
    """The bytes that the first process run under valgrind in the session
    has written, 0 before it runs."""
    pids = sorted(pid for pid, command in
                  leftovers.session_processes(session).items()
                  if "valgrind" in command)
    try:
        io_lines = pathlib.Path(f"/proc/{pids[0]}/io").read_text()
    except (IndexError, OSError):
        return 0
    return next(int(line.split()[1]) for line in io_lines.splitlines()
                if line.startswith("wchar:"))
