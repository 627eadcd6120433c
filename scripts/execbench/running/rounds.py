"""Rounds of repetitions: runs bench until each benchmark's median is known,
for scripts/run (commands/rounds.py; docs/running.md, docs/noise.md).

Round 1 runs bench with `repetitions` interleaved repetitions of every
benchmark the flags select. After each round, the unsettled benchmarks
(analysis/repetitions.py) are run again, with a --benchmark_filter that
matches exactly their names, adding `repetitions` more (fewer if that would
pass `max_repetitions`). Rounds go on until none is unsettled or the
unsettled ones reach `max_repetitions`. Benchmarks that failed are not
repeated. The rounds' flags come after the given bench flags, so they win;
among them --failed_exit_code=1, so that bench's exit code tells failed
benchmarks from a bad flag (2) or a crash whatever code the user asked for:
that one is the rounds' own exit code when a benchmark failed. bench runs in
a process group of its own that every stop signal reaches
(interruption.run_child).

Every round's rows are merged into one Google Benchmark JSON file (see
analysis/repetitions.py), whose context gets execbench_adaptive_target,
execbench_adaptive_max_repetitions, execbench_adaptive_rounds and
execbench_unsettled (space-separated names of the benchmarks that never
reached the target, "" when none), all strings. The spans and trace files
are round 1's, the only round that runs every benchmark; later rounds do
not write them. Progress goes to stderr, under the name of scripts/run, a
line per round; bench's own lines, one per benchmark, go to stdout.
"""

import json
import pathlib
import subprocess
import sys
import tempfile

from execbench import atomic_file
from execbench import interruption
from execbench.analysis import repetitions as repetition_statistics
from execbench.inputs import bench_json

# The command whose rounds these are, which names itself in messages.
PROG = "run"
DEFAULT_REPETITIONS = 5
DEFAULT_TARGET = 0.05
DEFAULT_MAX_REPETITIONS = 15
# Flags that the rounds set themselves, which the user may not give.
RESERVED_FLAGS = ("--benchmark_repetitions", "--benchmark_out",
                  "--benchmark_out_format", "--spans_out", "--trace_out")
# Characters that POSIX extended and ECMAScript regular expressions (both
# used by Google Benchmark's --benchmark_filter) treat as special.
_REGEX_SPECIALS = frozenset(".[]()*+?{}|^$\\")
_BENCH_BAD_INPUT = 2
# bench's exit code when some benchmark failed, which the rounds set
# (--failed_exit_code), so that they tell it from a bad flag or a crash.
SOME_FAILED = 1


class BenchFailed(Exception):
    """bench ended without usable results; exit_code is run's exit code."""

    def __init__(self, message: str, exit_code: int):
        super().__init__(message)
        self.exit_code = exit_code


def exact_filter(names) -> str:
    """A --benchmark_filter regex that matches exactly these names."""
    escaped = ["".join("\\" + character if character in _REGEX_SPECIALS
                       else character for character in name)
               for name in names]
    return "^(" + "|".join(escaped) + ")$"


def run_rounds(bench: str, bench_flags: list, *, out: pathlib.Path,
               spans_out: str | None = None, trace_out: str | None = None,
               repetitions: int = DEFAULT_REPETITIONS,
               target: float = DEFAULT_TARGET,
               max_repetitions: int = DEFAULT_MAX_REPETITIONS,
               failed_exit_code: int = SOME_FAILED) -> int:
    """Runs the rounds and writes the merged file; returns the exit code:
    failed_exit_code when some benchmark failed.

    Raises:
      BenchFailed: when bench exits 2 or leaves no readable bench_json.
    """
    documents = []
    names = None  # Every benchmark the flags select.
    done = 0
    with tempfile.TemporaryDirectory(prefix="execbench-rounds-") as scratch:
        while True:
            count = min(repetitions, max_repetitions - done)
            round_out = (pathlib.Path(scratch)
                         / f"round{len(documents) + 1}.json")
            flags = [*bench_flags, f"--failed_exit_code={SOME_FAILED}",
                     f"--benchmark_repetitions={count}",
                     "--benchmark_enable_random_interleaving=true",
                     f"--benchmark_out={round_out}",
                     "--benchmark_out_format=json"]
            if names is None:
                flags += [f"--{name}={path}" for name, path in (
                    ("spans_out", spans_out), ("trace_out", trace_out))
                          if path]
            else:
                flags.append(f"--benchmark_filter={exact_filter(names)}")
            documents.append(run_bench(bench, flags, round_out))
            done += count
            merged = repetition_statistics.merge_rounds(documents)
            merged_path = pathlib.Path(scratch) / "merged.json"
            merged_path.write_text(json.dumps(merged), encoding="utf-8")
            loaded = bench_json.load_results(str(merged_path))
            names = repetition_statistics.unsettled_names(loaded, target)
            if not names or done >= max_repetitions:
                break
            _say(f"round {len(documents) + 1}: {len(names)} "
                 f"benchmark{'s' if len(names) != 1 else ''} with a 95% "
                 f"interval of the median wider than +-{target:.0%} (or "
                 f"none yet) after {done} repetitions get "
                 f"{min(repetitions, max_repetitions - done)} more")
    unsettled = [bench_json.strip_timing_suffix(name) for name in names]
    merged["context"].update({
        "execbench_adaptive_target": f"{target:g}",
        "execbench_adaptive_max_repetitions": str(max_repetitions),
        "execbench_adaptive_rounds": str(len(documents)),
        "execbench_unsettled": " ".join(unsettled)})
    atomic_file.write_atomically(
        out, (json.dumps(merged, indent=2) + "\n").encode("utf-8"))
    if unsettled:
        _say(f"{len(unsettled)} benchmark{'s' if len(unsettled) != 1 else ''}"
             f" never reached a 95% interval within +-{target:.0%} of the "
             f"median in {max_repetitions} repetitions (report.html lists "
             "them)")
    else:
        _say(f"every benchmark's 95% interval of the median is within "
             f"+-{target:.0%} ({len(documents)} rounds)")
    failed = loaded.errors()
    for name, message in failed.items():
        _say(f"{name} failed: {message}")
    return failed_exit_code if failed else 0


def run_bench(bench: str, flags: list, round_out: pathlib.Path, *,
              quiet: bool = False) -> dict:
    """Runs one round; returns its document.

    Args:
      bench: the executable.
      flags: its flags, which write round_out.
      round_out: the --benchmark_out of the flags.
      quiet: whether bench's console output is dropped, and its stderr
        shown only when it fails.

    Raises:
      BenchFailed: on exit code 2 (bench has said why), or when bench left
        no readable bench_json.
    """
    # Kept in a file, not a pipe: nobody reads a pipe while bench runs.
    with tempfile.TemporaryFile("w+") as errors:
        try:
            code = interruption.run_child(
                [bench, *flags], stdout=subprocess.DEVNULL if quiet else None,
                stderr=errors if quiet else None)
        except OSError as error:
            raise BenchFailed(f"cannot run {bench}: {error.strerror}; build "
                              "it with scripts/setup", 1) from None
        if quiet and code not in (0, SOME_FAILED):
            errors.seek(0)
            sys.stderr.write(errors.read())
    if code == _BENCH_BAD_INPUT:
        raise BenchFailed("", _BENCH_BAD_INPUT)
    if code not in (0, SOME_FAILED):
        raise BenchFailed(f"{bench} {interruption.ended(code)}; "
                          "no results written", 1)
    try:
        bench_json.load_results(str(round_out))
    except bench_json.InputError as error:
        raise BenchFailed(f"{bench} exited {code} without usable results "
                          f"({error})", 1) from None
    return json.loads(round_out.read_text(encoding="utf-8"))


def _say(message: str) -> None:
    print(f"{PROG}: {message}", file=sys.stderr)

