"""Adaptive repetitions: repeats each benchmark until its median is known.

Usage: python3 -m execbench.adaptive --bench PATH --out FILE
           [--spans_out FILE] [--trace_out FILE] [--repetitions 5]
           [--target 0.05] [--max_repetitions 15] [BENCH-FLAGS...]

(scripts/run calls it.) Round 1 runs bench with --repetitions interleaved
repetitions of every benchmark the flags select. After each round, every
benchmark whose 95% confidence interval of the median (statistics.py) is
unavailable or has a half-width above --target times its median is
unsettled; the next round runs only those, with a --benchmark_filter that
matches exactly their names, adding --repetitions more (fewer if that would
pass --max_repetitions). Rounds go on until none is unsettled or the
unsettled ones reach --max_repetitions. Benchmarks that failed are not
repeated. Later rounds' flags come after BENCH-FLAGS, so they win.

Every round's iteration rows are merged into one Google Benchmark JSON file,
--out: per benchmark, its rows from every round, renumbered 0..n-1, then its
mean, median, stddev (n - 1 denominator) and cv aggregates recomputed over
them all, as Google Benchmark writes them (the median here is the true one,
also for even n). Its context is round 1's, plus execbench_adaptive_target,
execbench_adaptive_max_repetitions, execbench_adaptive_rounds and
execbench_unsettled (space-separated names of the benchmarks that never
reached the target, "" when none), all strings. The spans and trace files
are round 1's, the only round that runs every benchmark; later rounds do
not write them.

Exit code: 0; 1 when some benchmark failed (--out is still written, the
rest is valid) or bench wrote no readable results; 2 on bad flags, or when
bench exits 2 (a bad flag, or a filter that matches nothing): its message
is then the only one, and nothing is written.
"""

import json
import pathlib
import statistics
import subprocess
import sys
import tempfile

from execbench import atomic_file
from execbench import command_line
from execbench import results
from execbench import statistics as execbench_statistics

PROG = "run"
DEFAULT_REPETITIONS = 5
DEFAULT_TARGET = 0.05
DEFAULT_MAX_REPETITIONS = 15
# Flags that the rounds set themselves, which the user may not give.
RESERVED_FLAGS = ("--benchmark_repetitions", "--benchmark_out",
                  "--benchmark_out_format", "--spans_out", "--trace_out")
# Numeric keys of a row that describe it rather than measure it.
_NOT_AGGREGATED = frozenset({
    "family_index", "per_family_instance_index", "repetitions",
    "repetition_index", "threads", "iterations"})
# Characters that POSIX extended and ECMAScript regular expressions (both
# used by Google Benchmark's --benchmark_filter) treat as special.
_REGEX_SPECIALS = frozenset(".[]()*+?{}|^$\\")
_BENCH_BAD_INPUT = 2
_BENCH_SOME_FAILED = 1


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


def relative_half_width(samples) -> float:
    """Half the width of the median's 95% interval over the median; infinite
    when too few samples give no interval."""
    interval = execbench_statistics.median_interval(samples)
    if interval is None:
        return float("inf")
    return interval.relative_half_width(statistics.median(samples))


def unsettled_names(loaded: results.Results, target: float) -> list:
    """Names (as in the JSON) of the benchmarks measured without error whose
    median's interval is unavailable or wider than target, in file order."""
    errors = loaded.errors()
    samples = loaded.samples()
    names = {}
    for run in loaded.runs:
        if (run.base_name not in errors
                and relative_half_width(samples[run.base_name]) > target):
            names.setdefault(run.name, None)
    return list(names)


def merge_rounds(documents: list) -> dict:
    """One Google Benchmark document of every round's iteration rows.

    Benchmarks come in the order they first appear; see the module docstring.
    """
    rows_by_name = {}
    for document in documents:
        for row in document["benchmarks"]:
            if row.get("run_type") != "aggregate":
                name = row.get("run_name", row["name"])
                rows_by_name.setdefault(name, []).append(row)
    merged_rows = []
    for name, rows in rows_by_name.items():
        count = len(rows)
        for index, row in enumerate(rows):
            merged_rows.append({**row, "repetition_index": index,
                                "repetitions": count})
        measured = [row for row in rows if not results.is_failed_row(row)]
        if len(measured) > 1:
            merged_rows += _aggregate_rows(name, measured, count)
    return {"context": dict(documents[0]["context"]),
            "benchmarks": merged_rows}


def run_rounds(bench: str, bench_flags: list, *, out: pathlib.Path,
               spans_out: str | None = None, trace_out: str | None = None,
               repetitions: int = DEFAULT_REPETITIONS,
               target: float = DEFAULT_TARGET,
               max_repetitions: int = DEFAULT_MAX_REPETITIONS) -> int:
    """Runs the rounds and writes the merged file; returns the exit code.

    Raises:
      BenchFailed: when bench exits 2 or leaves no readable results.
    """
    documents = []
    names = None  # Every benchmark the flags select.
    done = 0
    with tempfile.TemporaryDirectory(prefix="execbench-rounds-") as scratch:
        while True:
            count = min(repetitions, max_repetitions - done)
            round_out = pathlib.Path(scratch) / f"round{len(documents) + 1}.json"
            flags = [*bench_flags, f"--benchmark_repetitions={count}",
                     "--benchmark_enable_random_interleaving=true",
                     f"--benchmark_out={round_out}",
                     "--benchmark_out_format=json"]
            if names is None:
                flags += [f"--{name}={path}" for name, path in (
                    ("spans_out", spans_out), ("trace_out", trace_out))
                          if path]
            else:
                flags.append(f"--benchmark_filter={exact_filter(names)}")
            documents.append(_run_bench(bench, flags, round_out))
            done += count
            merged = merge_rounds(documents)
            merged_path = pathlib.Path(scratch) / "merged.json"
            merged_path.write_text(json.dumps(merged), encoding="utf-8")
            loaded = results.load_results(str(merged_path))
            names = unsettled_names(loaded, target)
            if not names or done >= max_repetitions:
                break
            _say(f"round {len(documents) + 1}: {len(names)} "
                 f"benchmark{'s' if len(names) != 1 else ''} with a 95% "
                 f"interval of the median wider than +-{target:.0%} (or "
                 f"none yet), {done} repetitions so far: "
                 + " ".join(results.strip_timing_suffix(name)
                            for name in names))
    unsettled = [results.strip_timing_suffix(name) for name in names]
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
             f"median in {max_repetitions} repetitions: "
             + " ".join(unsettled))
    else:
        _say(f"every benchmark's 95% interval of the median is within "
             f"+-{target:.0%} ({len(documents)} rounds)")
    failed = loaded.errors()
    for name, message in failed.items():
        _say(f"{name} failed: {message}")
    return _BENCH_SOME_FAILED if failed else 0


def main(argv=None) -> int:
    """The command line; see the module docstring. Returns the exit code."""
    parser = command_line.ArgumentParser(
        prog=PROG, description="Runs bench in rounds of repetitions until "
        "every median is known within the target.")
    parser.add_argument("--bench", required=True, help="the bench executable")
    parser.add_argument("--out", required=True, help="merged JSON to write")
    parser.add_argument("--spans_out", help="round 1's spans file")
    parser.add_argument("--trace_out", help="round 1's trace file")
    add_round_flags(parser)
    args, bench_flags = parser.parse_known_args(argv)
    message = check_round_flags(args, bench_flags)
    if message:
        return command_line.report_bad_input(PROG, message)
    try:
        return run_rounds(
            args.bench, bench_flags, out=pathlib.Path(args.out),
            spans_out=args.spans_out, trace_out=args.trace_out,
            repetitions=args.repetitions, target=args.target,
            max_repetitions=args.max_repetitions)
    except BenchFailed as error:
        if str(error):
            print(f"{PROG}: {error}", file=sys.stderr)
        return error.exit_code
    except OSError as error:
        return command_line.report_bad_input(
            PROG, f"cannot write {args.out}: {error.strerror}")


def add_round_flags(parser) -> None:
    """The flags that shape the rounds, as scripts/run documents them."""
    parser.add_argument(
        "--repetitions", type=int, default=DEFAULT_REPETITIONS,
        help="repetitions of round 1, and added by each later round "
        f"(default {DEFAULT_REPETITIONS})")
    parser.add_argument(
        "--target", type=float, default=DEFAULT_TARGET,
        help="largest half-width of the median's 95%% interval, as a share "
        f"of the median (default {DEFAULT_TARGET})")
    parser.add_argument(
        "--max_repetitions", type=int, default=DEFAULT_MAX_REPETITIONS,
        help=f"cap on each benchmark's repetitions (default "
        f"{DEFAULT_MAX_REPETITIONS})")


def check_round_flags(args, bench_flags: list) -> str | None:
    """What is wrong with the flags, or None."""
    if args.repetitions < 1:
        return f"--repetitions must be at least 1, not {args.repetitions}"
    if args.max_repetitions < args.repetitions:
        return (f"--max_repetitions ({args.max_repetitions}) must be at least "
                f"--repetitions ({args.repetitions})")
    if not args.target > 0:
        return f"--target must be a share above 0, e.g. 0.05, not {args.target}"
    for flag in bench_flags:
        if flag.split("=", 1)[0] in RESERVED_FLAGS:
            return (f"{flag.split('=', 1)[0]} is set by run itself; use "
                    "--repetitions, --max_repetitions and --target instead")
    return None


def _run_bench(bench: str, flags: list, round_out: pathlib.Path) -> dict:
    """Runs one round; returns its document.

    Raises:
      BenchFailed: on exit code 2 (bench has said why), or when bench left
        no readable results.
    """
    try:
        completed = subprocess.run([bench, *flags], check=False)
    except OSError as error:
        raise BenchFailed(f"cannot run {bench}: {error.strerror}; build it "
                          "with scripts/setup", 1) from None
    if completed.returncode == _BENCH_BAD_INPUT:
        raise BenchFailed("", _BENCH_BAD_INPUT)
    if completed.returncode not in (0, _BENCH_SOME_FAILED):
        raise BenchFailed(f"{bench} ended with exit code "
                          f"{completed.returncode}; no results written", 1)
    try:
        results.load_results(str(round_out))
    except results.InputError as error:
        raise BenchFailed(f"{bench} exited {completed.returncode} without "
                          f"usable results ({error})", 1) from None
    return json.loads(round_out.read_text(encoding="utf-8"))


def _aggregate_rows(name: str, rows: list, count: int) -> list:
    """Mean, median, stddev and cv rows of every measured value of rows."""
    keys = [key for key, value in rows[0].items()
            if key not in _NOT_AGGREGATED and results.is_number(value)
            and all(results.is_number(row.get(key)) for row in rows)]
    values = {key: [float(row[key]) for row in rows] for key in keys}
    statistic = {
        "mean": statistics.mean,
        "median": statistics.median,
        "stddev": statistics.stdev,
        "cv": lambda samples: (statistics.stdev(samples)
                               / statistics.mean(samples)
                               if statistics.mean(samples) else 0.0)}
    first = rows[0]
    aggregates = []
    for aggregate, compute in statistic.items():
        row = {"name": f"{name}_{aggregate}",
               "family_index": first.get("family_index", 0),
               "per_family_instance_index": first.get(
                   "per_family_instance_index", 0),
               "run_name": name, "run_type": "aggregate",
               "repetitions": count, "threads": first.get("threads", 1),
               "aggregate_name": aggregate,
               "aggregate_unit": "percentage" if aggregate == "cv" else "time",
               "iterations": len(rows)}
        if "time_unit" in first:
            row["time_unit"] = first["time_unit"]
        row.update({key: compute(samples) for key, samples in values.items()})
        aggregates.append(row)
    return aggregates


def _say(message: str) -> None:
    print(f"{PROG}: {message}", file=sys.stderr)


if __name__ == "__main__":
    command_line.run(main)
