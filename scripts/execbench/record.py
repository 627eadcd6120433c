"""Runs the benchmarks and stores the results as a record of this commit.

Usage: scripts/record [--label TEXT] [GOOGLE-BENCHMARK-FLAGS...]

Runs scripts/setup (which installs what is missing and builds build/bench),
then build/bench with --benchmark_repetitions=5
--benchmark_enable_random_interleaving=true unless the flags given override
them, and stores its JSON output as a new record of the checked-out commit
on this machine (see record_store.py for where, and for records of trees
with uncommitted changes), then prints the record's path. Earlier records of
the commit are kept.

The record is plain Google Benchmark JSON. Besides what bench puts in its
context (execbench_commit, execbench_commit_dirty, execbench_build_type,
execbench_compiler, execbench_cpu_model, and Google Benchmark's num_cpus),
the context gets execbench_machine_id, execbench_memory_bytes (physical
memory), execbench_record_flags (the flags given to record for bench, as one
shell-quoted line, "" for none) and, with --label, execbench_label.

Environment: EXECBENCH_BENCH=/path/to/executable runs that instead of
build/bench, without running scripts/setup first.
"""

import json
import os
import pathlib
import shlex
import subprocess
import sys
import tempfile

from execbench import atomic_file
from execbench import command_line
from execbench import record_store
from execbench import results

PROG = "record"
DEFAULT_FLAGS = ("--benchmark_repetitions=5",
                 "--benchmark_enable_random_interleaving=true")
_OUTPUT_FLAGS = ("--benchmark_out", "--benchmark_out_format")


def _flag_name(argument: str) -> str:
    return argument.split("=", 1)[0]


def check_user_flags(user_flags: list[str]) -> None:
    """Raises InputError when the user sets the output file or format."""
    for flag in user_flags:
        if _flag_name(flag) in _OUTPUT_FLAGS:
            raise results.InputError(
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
        raise results.InputError(
            f"{bench} reports commit {built_from or '(none)'} but HEAD is "
            f"{head}; rebuild it with scripts/setup and record again")


def run(command: list, **options) -> None:
    """Runs a command with its output on stderr, since stdout is for the
    record's path.

    Raises:
      subprocess.CalledProcessError: when the command fails.
      results.InputError: when it cannot be started.
    """
    try:
        subprocess.run(command, stdout=sys.stderr, check=True, **options)
    except OSError as error:
        raise results.InputError(
            f"cannot run {command[0]}: {error.strerror}; check "
            "EXECBENCH_BENCH, or run scripts/setup") from None


def run_bench(bench: str, user_flags: list[str], root: pathlib.Path) -> dict:
    """Runs bench and returns its JSON output, checked to be readable.

    Raises:
      subprocess.CalledProcessError: when bench fails.
      results.InputError: when its output is not Google Benchmark JSON.
    """
    with tempfile.TemporaryDirectory(prefix="execbench-record-") as folder:
        output = pathlib.Path(folder) / "bench.json"
        run([bench, *bench_arguments(user_flags, output)], cwd=root)
        results.load_results(str(output))
        return json.loads(output.read_text(encoding="utf-8"))


def main(argv: list[str] | None = None) -> int:
    """The command line; see the module docstring. Returns the exit code."""
    parser = command_line.ArgumentParser(
        prog=PROG,
        description="Run the benchmarks and store the JSON as a new record of "
                    "the checked-out commit under results/history/.",
        epilog="Other arguments are Google Benchmark flags for bench, e.g. "
               "--benchmark_filter=Cpu --benchmark_repetitions=9.")
    parser.add_argument("--label", help="free text stored with the record")
    args, bench_flags = parser.parse_known_args(argv)
    root = record_store.PROJECT_ROOT
    bench = os.environ.get("EXECBENCH_BENCH")
    try:
        check_user_flags(bench_flags)
        head = record_store.resolve_commit(root, "HEAD")
        if head is None:
            raise results.InputError(
                f"{root} has no commit to name the record after; commit first")
        if bench is None:
            run([root / "scripts" / "setup"])
            bench = str(root / "build" / "bench")
        document = run_bench(bench, bench_flags, root)
        context = document["context"]
        check_commit(context, head, bench)
        machine = record_store.machine_id()
        context["execbench_machine_id"] = machine
        context["execbench_memory_bytes"] = memory_bytes()
        context["execbench_record_flags"] = shlex.join(bench_flags)
        if args.label is not None:
            context["execbench_label"] = args.label
        path = record_store.record_path(root, machine, head,
                                        dirty=is_dirty(context))
        atomic_file.write_atomically(
            path, (json.dumps(document, indent=2) + "\n").encode("utf-8"))
    except results.InputError as error:
        return command_line.report_bad_input(PROG, error)
    except subprocess.CalledProcessError as error:
        print(f"{PROG}: {error.cmd[0]} failed with exit code "
              f"{error.returncode}; nothing recorded", file=sys.stderr)
        return error.returncode if error.returncode > 0 else 1
    except OSError as error:
        return command_line.report_bad_input(
            PROG, f"cannot write the record: {error.strerror}; check that "
            f"{record_store.history_dir(root)} is writable")
    print(path)
    return 0
