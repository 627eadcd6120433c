"""The rounds of repetitions of scripts/run (running/rounds.py says how
rounds go; docs/running.md).

Usage: python3 -m execbench.commands rounds --bench PATH --out FILE
           [--spans_out FILE] [--trace_out FILE] [--repetitions 5]
           [--target 0.05] [--max_repetitions 15] [--failed_exit_code 1]
           [BENCH-FLAGS...]

(scripts/run calls it.) Runs bench in rounds of --repetitions interleaved
repetitions until every benchmark's median has a 95% interval within
+-target of it, or --max_repetitions is reached, and writes every round's
rows merged into --out; --spans_out and --trace_out are round 1's.
BENCH-FLAGS go to bench after the grid's sizes (running/grid_flags.py),
which they override, and before the flags of the rounds.

Exit code: 0; --failed_exit_code (default 1, never 2) when some benchmark
failed (--out is still written, the rest is valid); 1 when bench wrote no
readable results; 2 on bad flags, or when bench exits 2 (a bad flag, or a
filter that matches nothing): its message is then the only one, and
nothing is written."""

import pathlib
import sys

from execbench import command_line
from execbench.running import grid_flags
from execbench.running import rounds

PROG = rounds.PROG
_LARGEST_EXIT_CODE = 255


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
        return rounds.run_rounds(
            args.bench, [*grid_flags.GRID_FLAGS, *bench_flags],
            out=pathlib.Path(args.out),
            spans_out=args.spans_out, trace_out=args.trace_out,
            repetitions=args.repetitions, target=args.target,
            max_repetitions=args.max_repetitions,
            failed_exit_code=args.failed_exit_code)
    except rounds.BenchFailed as error:
        if str(error):
            print(f"{PROG}: {error}", file=sys.stderr)
        return error.exit_code
    except OSError as error:
        return command_line.report_bad_input(
            PROG, f"cannot write {args.out}: {error.strerror}")


def add_round_flags(parser) -> None:
    """The flags that shape the rounds, as scripts/run documents them."""
    parser.add_argument(
        "--repetitions", type=int, default=rounds.DEFAULT_REPETITIONS,
        help="repetitions of round 1, and added by each later round "
        f"(default {rounds.DEFAULT_REPETITIONS})")
    parser.add_argument(
        "--target", type=float, default=rounds.DEFAULT_TARGET,
        help="largest half-width of the median's 95%% interval, as a share "
        f"of the median (default {rounds.DEFAULT_TARGET})")
    parser.add_argument(
        "--max_repetitions", type=int, default=rounds.DEFAULT_MAX_REPETITIONS,
        help=f"cap on each benchmark's repetitions (default "
        f"{rounds.DEFAULT_MAX_REPETITIONS})")
    parser.add_argument(
        "--failed_exit_code", type=int, default=rounds.SOME_FAILED,
        help="exit code when a benchmark failed (default "
        f"{rounds.SOME_FAILED}); bench itself gets {rounds.SOME_FAILED}")


def check_round_flags(args, bench_flags: list) -> str | None:
    """What is wrong with the flags, or None."""
    if args.repetitions < 1:
        return f"--repetitions must be at least 1, not {args.repetitions}"
    if args.max_repetitions < args.repetitions:
        return (f"--max_repetitions ({args.max_repetitions}) must be at least "
                f"--repetitions ({args.repetitions})")
    if not args.target > 0:
        return f"--target must be a share above 0, e.g. 0.05, not {args.target}"
    if (not 0 <= args.failed_exit_code <= _LARGEST_EXIT_CODE
            or args.failed_exit_code == command_line.BAD_INPUT):
        return (f"--failed_exit_code must be an exit code from 0 to "
                f"{_LARGEST_EXIT_CODE} other than {command_line.BAD_INPUT}, "
                f"which says a flag was bad, not {args.failed_exit_code}")
    for flag in bench_flags:
        if flag.split("=", 1)[0] in rounds.RESERVED_FLAGS:
            return (f"{flag.split('=', 1)[0]} is set by run itself; use "
                    "--repetitions, --max_repetitions and --target instead")
    return None

