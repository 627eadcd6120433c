"""scripts/python_pool_reference: bench's PyCpu on Processes beside Python's
own ProcessPoolExecutor, on this machine, in one run.

Usage: scripts/python_pool_reference [--bench PATH] [--rounds N]
           [--repetitions N] [--workers W] [--tasks N] [--iterations N]

Each round runs bench's PyCpu Serial and Processes at W workers,
--benchmark_repetitions=--repetitions, interleaved; then times, with this
interpreter (/usr/bin/python3), the study's CPU loop (study_tasks.cpu_task)
--tasks times serially and on ProcessPoolExecutor(W) created inside the
timed region, as the study did, alternating, --repetitions times each. It
prints, for Python and for bench, the median seconds per batch of each with
its 95% interval over every round's repetitions, and the pool's speedup
over serial: the ratio of the medians, within [serial low / pool high,
serial high / pool low]. Use odd counts; a quiet machine. Defaults: 3
rounds of 5, 8 tasks of 2,000,000 iterations, 2 workers. bench failing, or
a bad flag, gets one line on stderr and exit code 2.
"""

import pathlib
import statistics

from execbench import command_line
from execbench.analysis import statistics as execbench_statistics
from execbench.running import python_pool

PROG = "python_pool_reference"
DEFAULT_BENCH = str(pathlib.Path(__file__).resolve().parents[3] / "build" /
                    "bench")


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise ValueError(text)
    return value


def _median_text(samples: list) -> str:
    """"1.234 s [1.2, 1.3]", the interval "n/a" with too few samples."""
    interval = execbench_statistics.median_interval(samples)
    bounds = (f"[{interval.low:.4g}, {interval.high:.4g}]"
              if interval else "[n/a]")
    return f"{statistics.median(samples):.4g} s {bounds}"


def _speedup_text(seconds: dict) -> str:
    serial, pool = seconds[python_pool.SERIAL], seconds[python_pool.POOL]
    ratio = statistics.median(serial) / statistics.median(pool)
    serial_interval = execbench_statistics.median_interval(serial)
    pool_interval = execbench_statistics.median_interval(pool)
    if serial_interval is None or pool_interval is None:
        return f"{ratio:.2f}x [n/a]"
    return (f"{ratio:.2f}x [{serial_interval.low / pool_interval.high:.2f}, "
            f"{serial_interval.high / pool_interval.low:.2f}]")


def main(argv=None) -> int:
    """The command line; see the module docstring. Returns the exit code."""
    parser = command_line.ArgumentParser(
        prog=PROG, description="Times Python's ProcessPoolExecutor and "
        "bench's PyCpu on Processes, each against serial, side by side.")
    parser.add_argument("--bench", default=DEFAULT_BENCH,
                        help="the bench binary (default: build/bench)")
    for flag, default in (("rounds", 3), ("repetitions", 5), ("workers", 2),
                          ("tasks", 8), ("iterations", 2_000_000)):
        parser.add_argument(f"--{flag}", type=_positive, default=default,
                            help=f"default {default}")
    args = parser.parse_args(argv)
    sizes = {"tasks": args.tasks, "iterations": args.iterations,
             "workers": args.workers, "repetitions": args.repetitions}
    sides = {"Python ProcessPoolExecutor": {python_pool.SERIAL: [],
                                            python_pool.POOL: []},
             "bench PyCpu Processes": {python_pool.SERIAL: [],
                                       python_pool.POOL: []}}
    python_side, bench_side = sides.values()
    for _ in range(args.rounds):
        try:
            # bench first: it refuses sizes this machine cannot take.
            rounds = (python_pool.bench_round(args.bench, **sizes),
                      python_pool.python_round(**sizes))
        except (OSError, RuntimeError) as error:
            return command_line.report_bad_input(PROG, error)
        for side, seconds in zip((bench_side, python_side), rounds):
            for kind, samples in seconds.items():
                side[kind].extend(samples)
    if not all(bench_side.values()):
        return command_line.report_bad_input(
            PROG, "bench's results lack PyCpu Serial or Processes rows")
    print(f"{args.tasks} tasks of {args.iterations} iterations, "
          f"{args.workers} workers, {args.rounds} rounds of "
          f"{args.repetitions}: median seconds per batch [95% interval]")
    for name, seconds in sides.items():
        print(f"{name:28} serial {_median_text(seconds[python_pool.SERIAL])}"
              f"  pool {_median_text(seconds[python_pool.POOL])}"
              f"  speedup {_speedup_text(seconds)}")
    return 0
