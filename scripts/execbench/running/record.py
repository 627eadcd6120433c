"""Makes a record of the checked-out commit: rounds of fresh processes of
bench, for scripts/record (commands/record.py) and for the NEW side of
scripts/ab RECORD NEW (docs/regressions.md).

bench first lists the rows that the grid's sizes (running/grid_flags.py)
and the flags given select; then each round runs it once, a fresh process
over all of them, with REPETITIONS repetition of each row
(running/one_process.py). The rounds are as many as the rule needs
(paired_verdicts.fewest_rounds: the fewest with which its Holm steps over
the rows and over the workloads can call a change, even with one round
against it; 25 for the default grid), or as many as asked. On stderr, a line per round:
how far it is, the time taken, and from the first round on, about how long
the rest will take.

The record (inputs/record_file.py) has the context of the first process,
completed with execbench_machine_id, execbench_memory_bytes and, with a
label, execbench_label. Where it goes is inputs/records.py's; that it can
go there is checked before anything runs. A stop signal reaches
scripts/setup and bench and their children (interruption.run_child), and
leaves nothing behind: the rounds are kept in a temporary folder that goes
with them.
"""

import os
import pathlib
import subprocess
import sys
import tempfile
import time

from execbench import atomic_file
from execbench import interruption
from execbench.analysis import paired_verdicts
from execbench.inputs import bench_json
from execbench.inputs import record_file
from execbench.inputs import records
from execbench.running import ab_rounds
from execbench.running import grid_flags
from execbench.running import one_process

PROG = "record"
# Repetitions of each row per process: the noise is mostly between
# processes (analysis/paired_verdicts.py's REPETITIONS).
REPETITIONS = paired_verdicts.REPETITIONS


def check_user_flags(user_flags: list[str]) -> None:
    """Raises InputError for an argument that is no bench flag, or one the
    rounds set themselves."""
    for flag in user_flags:
        name = flag.split("=", 1)[0]
        if not flag.startswith("-"):
            raise bench_json.InputError(
                f"unexpected argument {flag!r}: record takes options and "
                "bench flags (see --help)")
        if name in one_process.RESERVED_FLAGS:
            raise bench_json.InputError(
                f"{name} is set by record itself; leave it out (--rounds "
                "sets how many fresh processes run, --out where the record "
                "goes)")


def memory_bytes() -> int:
    """This machine's physical memory in bytes."""
    return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")


def is_dirty(context: dict) -> bool:
    """Whether bench says it was built from a tree with uncommitted changes."""
    return str(context.get("execbench_commit_dirty", "")).lower() in (
        "true", "1", "yes")


def check_commit(context: dict, head: str, bench: str) -> None:
    """Raises InputError when bench was built from another commit than HEAD."""
    built_from = str(context.get("execbench_commit", ""))
    if not built_from or not head.startswith(built_from):
        raise bench_json.InputError(
            f"{bench} reports commit {built_from or '(none)'} but HEAD is "
            f"{head}; rebuild it with scripts/setup and record again")


def run_setup(root: pathlib.Path) -> None:
    """Runs scripts/setup with its output on stderr, since stdout is for
    the record's path; a stop signal reaches it and its children.

    Raises:
      subprocess.CalledProcessError: when it fails.
      bench_json.InputError: when it cannot be started.
    """
    command = [str(root / "scripts" / "setup")]
    try:
        code = interruption.run_child(command, stdout=sys.stderr)
    except OSError as error:
        raise bench_json.InputError(
            f"cannot run {command[0]}: {error.strerror}") from None
    if code != 0:
        raise subprocess.CalledProcessError(code, command)


def measure(bench: str, flags: list, *, rounds: int | None,
            repetitions: int = REPETITIONS, rows: tuple | None = None,
            prog: str = PROG, check_context=lambda context: None) -> tuple:
    """(rows, [record_file.Process], context of the first process): rounds
    of fresh processes of bench over the rows the flags select (or these of
    them), as many as asked or as the rule needs.

    Args:
      bench, flags: what runs, the grid's sizes first.
      rounds: how many, or None for what the rule needs.
      repetitions: of each row per process.
      rows: the rows to run of those the flags select, or None for all.
      prog: the command that names itself in the progress lines.
      check_context: called with the first process's context, to stop
        early (by raising) when it shows that the rest is of no use.

    Raises:
      bench_json.InputError: when the flags select no row, or what
        check_context raises.
      rounds.BenchFailed: when bench exits 2 or writes no results.
    """
    listed = one_process.list_rows(bench, "bench", flags)
    names = sorted(listed if rows is None else set(rows) & listed.keys(),
                   key=bench_json.name_order)
    if not names:
        raise bench_json.InputError(
            f"bench lists no benchmark for the flags given ("
            f"{' '.join(flags)}); check --benchmark_filter")
    needed = paired_verdicts.fewest_rounds(names)
    if rounds is not None and rounds < needed:
        _say(prog, f"note: with {rounds} rounds no row can be called slower or "
             f"faster: {needed} are the fewest the rule needs for "
             f"{len(names)} rows")
    count = rounds or needed
    processes, context = [], None
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="execbench-record-") as scratch:
        for number in range(1, count + 1):
            process, its_context = one_process.run(
                bench, flags, repetitions=repetitions,
                names=None if rows is None else [listed[name]
                                                 for name in names],
                out=pathlib.Path(scratch) / f"round{number}.json")
            processes.append(process)
            if context is None:
                check_context(its_context)
                context = its_context
            elapsed = time.monotonic() - started
            _say(prog, f"round {number}/{count} of {len(names)} rows: "
                 f"{ab_rounds.duration(elapsed)} so far, about "
                 f"{ab_rounds.duration(elapsed / number * (count - number))}"
                 " more")
    return tuple(names), processes, context


def make_record(root: pathlib.Path, bench: str | None, bench_flags: list[str],
                label: str | None, *, rounds: int | None,
                out: pathlib.Path | None) -> record_file.Record:
    """Runs the rounds (scripts/setup and build/bench first when bench is
    None) and returns the record, its context completed.

    Raises:
      bench_json.InputError: on flags record sets itself, without a commit
        to name the record after, when bench cannot run or was built from
        another commit, or when its output is not Google Benchmark JSON.
      OSError: when the record could not be written where it goes; found
        before anything runs.
      subprocess.CalledProcessError: when scripts/setup fails.
      rounds.BenchFailed: when bench fails.
    """
    check_user_flags(bench_flags)
    head = records.resolve_commit(root, "HEAD")
    if head is None:
        raise bench_json.InputError(
            f"{root} has no commit to name the record after; commit first")
    machine = records.machine_id()
    atomic_file.check_writable(out.parent if out is not None
                               else records.history_dir(root) / machine)
    if bench is None:
        run_setup(root)
        bench = str(root / "build" / "bench")
    started = time.monotonic()
    rows, processes, context = measure(
        bench, [*grid_flags.GRID_FLAGS, *bench_flags], rounds=rounds,
        check_context=lambda context: check_commit(context, head, bench))
    context["execbench_machine_id"] = machine
    context["execbench_memory_bytes"] = memory_bytes()
    if label is not None:
        context["execbench_label"] = label
    return record_file.Record(
        commit=head, dirty=is_dirty(context), label=label, machine=machine,
        bench=bench, grid_flags=grid_flags.GRID_FLAGS,
        bench_flags=tuple(bench_flags), repetitions=REPETITIONS, rows=rows,
        context=context, rounds=tuple(processes),
        seconds=time.monotonic() - started)


def _say(prog: str, message: str) -> None:
    print(f"{prog}: {message}", file=sys.stderr)
