"""scripts/record: runs the benchmarks and stores the results as a record of
this commit (docs/regressions.md).

Usage: scripts/record [--label TEXT] [GOOGLE-BENCHMARK-FLAGS...]

Runs scripts/setup (which installs what is missing and builds build/bench),
then build/bench with --benchmark_repetitions=5
--benchmark_enable_random_interleaving=true unless the flags given override
them, and stores its JSON output as a new record of the checked-out commit
on this machine (see inputs/records.py for where, and for records of trees
with uncommitted changes), then prints the record's path. Earlier records of
the commit are kept. What a record holds: running/record.py.

Environment: EXECBENCH_BENCH=/path/to/executable runs that instead of
build/bench, without running scripts/setup first; EXECBENCH_PROJECT=DIR
records DIR's commit under DIR/results/history/ (inputs/records.py).
"""

import json
import os
import subprocess
import sys

from execbench import atomic_file
from execbench import command_line
from execbench.inputs import bench_json
from execbench.inputs import records
from execbench.running import record

PROG = "record"


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
    root = records.PROJECT_ROOT
    try:
        paths, document = record.make_record(
            root, os.environ.get("EXECBENCH_BENCH"), bench_flags, args.label)
        path = atomic_file.write_new(
            paths, (json.dumps(document, indent=2) + "\n").encode("utf-8"))
    except bench_json.InputError as error:
        return command_line.report_bad_input(PROG, error)
    except subprocess.CalledProcessError as error:
        print(f"{PROG}: {error.cmd[0]} failed with exit code "
              f"{error.returncode}; nothing recorded", file=sys.stderr)
        return error.returncode if error.returncode > 0 else 1
    except OSError as error:
        return command_line.report_bad_input(
            PROG, f"cannot write the record: {error.strerror}; check that "
            f"{records.history_dir(root)} is writable")
    print(path)
    return 0
