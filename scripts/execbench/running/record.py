"""Makes a record of the checked-out commit: runs bench and completes the
context of its JSON, for scripts/record (commands/record.py;
docs/regressions.md).

bench runs with --benchmark_repetitions=5
--benchmark_enable_random_interleaving=true unless the flags given override
them. The record is plain Google Benchmark JSON. Besides what bench puts in
its context (execbench_commit, execbench_commit_dirty, execbench_build_type,
execbench_compiler, execbench_cpu_model, and Google Benchmark's num_cpus),
the context gets execbench_machine_id, execbench_memory_bytes (physical
memory), execbench_record_flags (the flags given to record for bench, as one
shell-quoted line, "" for none) and, with a label, execbench_label. Where a
record goes is inputs/records.py's; that it can go there is checked before
anything runs. A stop signal reaches scripts/setup and bench and their
children (interruption.run_child), and leaves nothing behind.
"""

import json
import os
import pathlib
import shlex
import subprocess
import sys
import tempfile
from typing import Iterator

from execbench import atomic_file
from execbench import interruption
from execbench.inputs import bench_json
from execbench.inputs import records

DEFAULT_FLAGS = ("--benchmark_repetitions=5",
                 "--benchmark_enable_random_interleaving=true")
_OUTPUT_FLAGS = ("--benchmark_out", "--benchmark_out_format")


def _flag_name(argument: str) -> str:
    return argument.split("=", 1)[0]


def check_user_flags(user_flags: list[str]) -> None:
    """Raises InputError when the user sets the output file or format."""
    for flag in user_flags:
        if _flag_name(flag) in _OUTPUT_FLAGS:
            raise bench_json.InputError(
                f"{_flag_name(flag)} is set by record itself; leave it out "
                "(the record's path is printed at the end)")


def bench_arguments(user_flags: list[str], output: pathlib.Path) -> list[str]:
    """The arguments for bench: defaults the user did not override, the
    user's flags, then the JSON output file."""
    overridden = {_flag_name(flag) for flag in user_flags}
    defaults = [flag for flag in DEFAULT_FLAGS
                if _flag_name(flag) not in overridden]
    return [*defaults, *user_flags, f"--benchmark_out={output}",
            "--benchmark_out_format=json"]


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


def run(command: list, **options) -> None:
    """Runs a command with its output on stderr, since stdout is for the
    record's path; a stop signal reaches it and its children
    (interruption.run_child).

    Raises:
      subprocess.CalledProcessError: when the command fails.
      bench_json.InputError: when it cannot be started.
    """
    try:
        code = interruption.run_child(command, stdout=sys.stderr, **options)
    except OSError as error:
        raise bench_json.InputError(
            f"cannot run {command[0]}: {error.strerror}; check "
            "EXECBENCH_BENCH, or run scripts/setup") from None
    if code != 0:
        raise subprocess.CalledProcessError(code, command)


def run_bench(bench: str, user_flags: list[str], root: pathlib.Path) -> dict:
    """Runs bench and returns its JSON output, checked to be readable.

    Raises:
      subprocess.CalledProcessError: when bench fails.
      bench_json.InputError: when its output is not Google Benchmark JSON.
    """
    with tempfile.TemporaryDirectory(prefix="execbench-record-") as folder:
        output = pathlib.Path(folder) / "bench.json"
        run([bench, *bench_arguments(user_flags, output)], cwd=root)
        bench_json.load_results(str(output))
        return json.loads(output.read_text(encoding="utf-8"))


def make_record(root: pathlib.Path, bench: str | None, bench_flags: list[str],
                label: str | None) -> tuple[Iterator, dict]:
    """Runs bench (scripts/setup and build/bench when bench is None) and
    returns the paths its record may take (records.record_paths) and the
    record, its context completed.

    Raises:
      bench_json.InputError: on flags record sets itself, without a commit
        to name the record after, when bench cannot run or was built from
        another commit, or when its output is not Google Benchmark JSON.
      OSError: when the record could not be written where it goes; found
        before anything runs.
      subprocess.CalledProcessError: when scripts/setup or bench fails.
    """
    check_user_flags(bench_flags)
    head = records.resolve_commit(root, "HEAD")
    if head is None:
        raise bench_json.InputError(
            f"{root} has no commit to name the record after; commit first")
    machine = records.machine_id()
    atomic_file.check_writable(records.history_dir(root) / machine)
    if bench is None:
        run([root / "scripts" / "setup"])
        bench = str(root / "build" / "bench")
    document = run_bench(bench, bench_flags, root)
    context = document["context"]
    check_commit(context, head, bench)
    context["execbench_machine_id"] = machine
    context["execbench_memory_bytes"] = memory_bytes()
    context["execbench_record_flags"] = shlex.join(bench_flags)
    if label is not None:
        context["execbench_label"] = label
    paths = records.record_paths(root, machine, head, dirty=is_dirty(context))
    return paths, document
