"""scripts/ab: says whether NEW is slower or faster than BASE, benchmark by
benchmark, from paired rounds of both (docs/regressions.md).

Usage: scripts/ab BASE NEW [--filter REGEX] [--format text|md|json]
                  [--out FILE] [--max-rounds N] [--budget MINUTES |
                  --instructions]
                  [--allow-different-environment] [--new-flag=FLAG ...]
                  [BENCH-FLAGS...]
       scripts/ab RECORD NEW [--filter REGEX] [--format ...] [--out FILE]
                  [--allow-different-environment] [--new-flag=FLAG ...]
       scripts/ab --replay FILE [--format ...] [--out FILE] [RULE-FLAGS...]
       scripts/ab --resample FILE [--trials T] [--seed S] [--filter REGEX]
                  [--shift REGEX=PERCENT ...] [--budget MINUTES]
                  [--format text|json] [--out FILE] [RULE-FLAGS...]

BASE and NEW are each a commit (anything `git rev-parse` resolves), built
once into build-ab/<hash>/ (or $EXECBENCH_AB_CACHE/<hash>/) and reused
later (running/builds.py), or the path of a bench executable. Then rounds
run both, each round each side once in a fresh process, in random order,
until the rule of analysis/paired_verdicts.py has decided every row and
workload summary: slower, faster, same (with the smallest change it could
have detected) or undecided (running/ab_rounds.py). A line per round on
stderr tells how far it is; the seed of the order is printed there and kept
in the JSON.

--budget MINUTES starts no round that would end past that time from the
start (a round's time is estimated as the share of the last one's that its
rows took there, each row in proportion to its batches' times): the
rows that wanted more rounds end undecided, and every output warns first.

--filter keeps the benchmarks whose name matches (Python re.search);
BENCH-FLAGS go to both sides, after the grid's sizes of scripts/run, so
they win; --new-flag=FLAG (repeatable) gives a bench flag to NEW only, for
calibration and tests (--new-flag=--task_slowdown=0.02 makes NEW's tasks
2% slower), which every output warns about. BASE and NEW must have run in
the same environment (CPU model, core count, kernel, compiler, library
versions, build type: inputs/environment.py), unless
--allow-different-environment, which puts a warning first in every output.

When BASE is a record file of scripts/record (a file that is no
executable), NEW is built as above and runs for the record's rounds, each a
fresh process, with the record's flags (the grid's sizes and the BENCH-FLAGS
given to record: other BENCH-FLAGS are refused; --filter narrows the rows);
its rounds are then paired with the record's by index and decided by the
rule all at once, as scripts/compare decides two records
(analysis/record_comparison.py). Such pairs are not interleaved in time,
which is weaker than the rounds above: every output says so first.

--format text (default) gives every row; md the changes first, then one
line for the rest, for a pull-request comment; json every row, every
parameter and every round's values, which --replay FILE decides again,
with the rule's flags changed or not, without running anything. --out
writes the output to FILE, whole or not at all, instead of stdout.

--instructions counts instructions instead of timing
(running/callgrind_runs.py): each countable row of each side runs twice
under valgrind's callgrind, which counts the instructions of its task bodies
per task; any difference in a deterministic count is a change, given with
its exact ratio (analysis/exact_verdicts.py); rows that cannot be counted
honestly are listed with the reason (analysis/countable_rows.py). The
rule's flags do not apply; --replay FILE formats the counts of a JSON
output again.

--resample FILE measures the rule itself, from a JSON output of a run of
fixed design, in which every row ran in every screening round (--first-look
N --max-rounds N --max-confirm-rounds 1): T trials (default 200), each a
random order of those rounds (drawn from --seed) fed to the rule, with its
flags, as the rounds would have asked for them
(analysis/resampled_trials.py); it says how often the trials called
anything, something slower (exit 1) or faster, with exact intervals, per
workload too, and how many rounds and how long a trial took
(reports/resampled_trials.py). For a build compared with itself, that is
the rule's false-alarm rate; with a known slowdown of NEW, its detection
rate. --shift REGEX=PERCENT (repeatable) multiplies NEW's values of the
rows REGEX searches by 1 + PERCENT/100 first: on an A/A file, the rule's
detection of exactly that change, on this machine's measured noise.
--filter REGEX keeps the rows it searches, as if ab --filter had chosen
them: one run of the whole grid gives the rates of any part of it;
--budget MINUTES stops each trial where ab --budget would have. It exits 0
unless the input is bad.

Exit code: 0 when nothing got slower, 1 when something did, 2 on bad input
(an unknown commit, a filter that selects nothing, a bad flag, a commit
that does not build, a bench that fails to run).
"""

import dataclasses
import os
import pathlib
import random
import time

from execbench import atomic_file
from execbench import command_line
from execbench.analysis import exact_verdicts
from execbench.analysis import paired_verdicts
from execbench.analysis import record_comparison
from execbench.analysis import resampled_trials
from execbench.inputs import bench_json
from execbench.inputs import environment
from execbench.inputs import instruction_counts
from execbench.inputs import paired_rounds
from execbench.inputs import record_file
from execbench.inputs import records
from execbench.reports import exact_comparison
from execbench.reports import paired_comparison
from execbench.reports import resampled_trials as resampled_report
from execbench.running import ab_rounds
from execbench.running import builds
from execbench.running import callgrind_runs
from execbench.running import record
from execbench.running import rounds

PROG = ab_rounds.PROG
# The rule's flags: parameter name -> (type, lowest allowed, whether the
# lowest itself is allowed, help).
_RULE_FLAGS = {
    "alpha": (float, 0, False, "family-wise false-alarm rate"),
    "alpha_screen": (float, 0, False, "level of the screening test"),
    "summary_share": (float, 0, False, "share of --alpha spent on workload "
                      "summaries, the rest on rows"),
    "floor": (float, 0, True, "smallest relative change that counts"),
    "margin_sigmas": (float, 0, True, "smallest confirmed change, in sigmas "
                      "of one process's value"),
    "repetitions": (int, 1, True, "repetitions of each row per process"),
    "first_look": (int, 1, True, "kept pairs before screening decides"),
    "max_rounds": (int, 1, True, "screening rounds at most"),
    "max_confirm_rounds": (int, 1, True, "confirmation rounds at most"),
    "tolerated_outliers": (int, 0, True, "pairs against a change that "
                           "confirmation's rounds can outweigh"),
    "power": (float, 0, False, "power of the detectable change and of "
              "confirmation's rounds"),
    "confidence": (float, 0, False, "confidence of the intervals"),
}
_BELOW_ONE = ("alpha", "alpha_screen", "summary_share", "floor", "power",
              "confidence")
# The rule's flags that only rounds run one after the other use: a record's
# rounds are all there, and are decided at once.
_SEQUENTIAL_RULE_FLAGS = ("repetitions", "first_look", "max_rounds",
                          "max_confirm_rounds", "tolerated_outliers")
_TRIALS = 200


def _flag(name: str) -> str:
    return "--" + name.replace("_", "-")


def _parser() -> command_line.ArgumentParser:
    parser = command_line.ArgumentParser(
        prog=PROG, usage="%(prog)s BASE NEW [options] [BENCH-FLAGS...]",
        description="Say whether NEW is slower than BASE (exit code 1), "
                    "from paired rounds of both.")
    parser.add_argument("base", metavar="BASE", nargs="?",
                        help="commit, path of a bench executable, or a "
                             "record file of scripts/record")
    parser.add_argument("new", metavar="NEW", nargs="?",
                        help="commit, or path of a bench executable")
    parser.add_argument("--filter", metavar="REGEX",
                        help="only benchmarks whose name matches (re.search)")
    parser.add_argument("--format",
                        choices=tuple(paired_comparison.FORMATTERS),
                        default="text",
                        help="text for a terminal (default), md for a "
                             "pull-request comment, json for programs")
    parser.add_argument("--out", metavar="FILE",
                        help="write the output to FILE instead of stdout")
    parser.add_argument(environment.ALLOW_FLAG, action="store_true",
                        help="compare even when BASE and NEW ran in "
                             "different environments, with a warning")
    parser.add_argument("--budget", metavar="MINUTES", type=float,
                        help="start no round that would end past this many "
                             "minutes from the start; rows that wanted more "
                             "rounds end undecided (default: no budget)")
    parser.add_argument("--instructions", action="store_true",
                        help="compare instructions per task, counted by "
                             "valgrind's callgrind, instead of times: exact, "
                             "for the CPU-bound rows of in-process executors")
    parser.add_argument("--new-flag", metavar="FLAG", action="append",
                        default=[],
                        help="a bench flag for NEW only, for calibration and "
                             "tests, as --new-flag=--task_slowdown=0.02; "
                             "repeatable")
    advanced = parser.add_argument_group(
        "advanced", "the rule's parameters (defaults in "
        "analysis/paired_verdicts.py), for experiments; and deciding saved "
        "rounds again")
    for name, (kind, _, _, description) in _RULE_FLAGS.items():
        default = getattr(paired_verdicts.Parameters(), name)
        group = parser if name == "max_rounds" else advanced
        group.add_argument(_flag(name), dest=name, type=kind, metavar="N",
                           help=f"{description} (default {default})")
    advanced.add_argument("--seed", type=int,
                          help="seed of the sides' order (default: drawn)")
    advanced.add_argument("--replay", metavar="FILE",
                          help="decide the rounds of a JSON output of ab "
                               "again, instead of running")
    advanced.add_argument("--resample", metavar="FILE",
                          help="how often the rule calls something, from "
                               "trials resampled from a JSON output of ab "
                               "whose rows all ran in every round")
    advanced.add_argument("--trials", metavar="T", type=int,
                          help="trials of --resample (default "
                               f"{_TRIALS})")
    advanced.add_argument("--shift", metavar="REGEX=PERCENT",
                          action="append", default=[],
                          help="--resample only: NEW's values of the rows "
                               "REGEX searches times 1 + PERCENT/100 before "
                               "the trials, a known change on measured "
                               "noise; repeatable, the first that matches "
                               "a row applies")
    return parser


def _parameters(args, saved: dict) -> paired_verdicts.Parameters:
    """The saved parameters, or the defaults, with the flags given.

    Raises:
      bench_json.InputError: for a value out of its range.
    """
    given = {}
    for name, (_, lowest, inclusive, _) in _RULE_FLAGS.items():
        value = getattr(args, name)
        if value is None:
            continue
        too_low = value < lowest or (value == lowest and not inclusive)
        if too_low or (name in _BELOW_ONE and value >= 1):
            bounds = (f"{'from' if inclusive else 'above'} {lowest}"
                      + (" and below 1" if name in _BELOW_ONE else ""))
            raise bench_json.InputError(
                f"{_flag(name)} {value} is out of range: give a number "
                f"{bounds}")
        given[name] = value
    parameters = dataclasses.replace(
        paired_verdicts.Parameters.from_json(saved), **given)
    if parameters.max_rounds < parameters.first_look:
        raise bench_json.InputError(
            f"--max-rounds {parameters.max_rounds} is below --first-look "
            f"{parameters.first_look}: screening would never look")
    return parameters


def _check_bench_flags(bench_flags: list) -> None:
    """Raises InputError for an argument that is no bench flag, or one the
    rounds set themselves."""
    for flag in bench_flags:
        name = flag.split("=", 1)[0]
        if not flag.startswith("-"):
            raise bench_json.InputError(
                f"unexpected argument {flag!r}: ab takes BASE and NEW, then "
                "flags (see --help)")
        if name in ab_rounds.RESERVED_FLAGS:
            raise bench_json.InputError(
                f"{name} is set by ab itself; use --filter to choose "
                "benchmarks and --repetitions for repetitions")


def _check_replay(args, bench_flags: list) -> None:
    """Raises InputError when --replay is given something to run."""
    if (args.base or args.new or bench_flags or args.new_flag
            or args.budget is not None):
        raise bench_json.InputError(
            "--replay runs nothing: give it no BASE, NEW, --budget nor bench "
            "flags")


def _check_resample(args, bench_flags: list) -> None:
    """Raises InputError for what --resample does not take, and for bad
    trials or seeds (_decide refuses --trials without --resample)."""
    given = [flag for flag, value in (
        ("BASE", args.base), ("--replay", args.replay),
        ("--instructions", args.instructions),
        ("--new-flag", args.new_flag), ("--repetitions", args.repetitions),
        (f"--format {args.format}", args.format == "md")) if value]
    if given or bench_flags:
        raise bench_json.InputError(
            f"{given[0] if given else bench_flags[0]} does not apply to "
            "--resample, which runs nothing and decides the file's rounds")
    for flag, value, lowest in (("--trials", args.trials, 1),
                                ("--seed", args.seed, 0)):
        if value is not None and value < lowest:
            raise bench_json.InputError(
                f"{flag} {value} is out of range: give a number from "
                f"{lowest}")


def _resample(args, bench_flags: list) -> str:
    """The output of --resample.

    Raises:
      bench_json.InputError: for a bad flag or file.
    """
    _check_resample(args, bench_flags)
    if instruction_counts.holds_counts(args.resample):
        raise bench_json.InputError(
            f"{args.resample} holds instruction counts (ab --instructions), "
            "which are exact: there is no rule to resample")
    shifts = tuple(resampled_trials.Shift.parse(text) for text in args.shift)
    measurement, saved = paired_rounds.load(args.resample)
    # The file's own parameters are its design's (every row in every
    # round); the trials take the rule's defaults, with the flags given.
    parameters = _parameters(args, {
        "repetitions": saved.get("repetitions",
                                 paired_verdicts.REPETITIONS)})
    resampling = resampled_trials.resample(
        measurement, parameters,
        trials=_TRIALS if args.trials is None else args.trials,
        seed=(args.seed if args.seed is not None
              else random.randrange(2 ** 32)), shifts=shifts,
        pattern=(None if args.filter is None
                 else bench_json.compile_filter(args.filter)),
        budget_s=_budget_seconds(args))
    return resampled_report.FORMATTERS[args.format](resampling, measurement)


def _check_sides(args, bench_flags: list) -> None:
    """Raises InputError unless BASE and NEW, and only bench flags, are
    given."""
    if args.new is None:
        raise bench_json.InputError(
            "give BASE and NEW: commits, or paths of bench executables")
    _check_bench_flags([*bench_flags, *args.new_flag])


def _sides(args) -> tuple:
    """BASE and NEW, their benches built when they name commits, once both
    are known to name something.

    Raises:
      bench_json.InputError: when one names no bench nor commit.
      builds.BuildFailed: when a commit does not build.
    """
    root = records.PROJECT_ROOT
    named = [(label, argument, builds.resolve(root, label, argument), flags)
             for label, argument, flags in (("BASE", args.base, ()),
                                            ("NEW", args.new, args.new_flag))]
    return tuple(_built_side(label, argument, bench, commit, flags)
                 for label, argument, (bench, commit), flags in named)


def _built_side(label: str, argument: str, bench: str | None,
                commit: str | None, flags) -> paired_rounds.Side:
    """A side, its bench built when it names a commit.

    Raises:
      builds.BuildFailed: when the commit does not build.
    """
    if commit is not None:
        bench = str(builds.built_bench(records.PROJECT_ROOT, commit, label))
    return paired_rounds.Side(label=label, argument=argument, commit=commit,
                              bench=bench, flags=tuple(flags), context={})


def _is_record(argument: str | None) -> bool:
    """Whether BASE names a record file: a file that is no executable."""
    path = pathlib.Path(argument or "")
    return path.is_file() and not os.access(path, os.X_OK)


def _measure_against_record(args, bench_flags: list
                            ) -> paired_rounds.Measurement:
    """NEW run for the record's rounds and flags, paired with the record's
    rounds by index.

    Raises:
      bench_json.InputError, builds.BuildFailed, rounds.BenchFailed.
    """
    _check_sides(args, bench_flags)
    sequential = [_flag(name) for name in _SEQUENTIAL_RULE_FLAGS
                  if getattr(args, name) is not None]
    sequential += ["--budget"] if args.budget is not None else []
    if bench_flags or args.seed is not None or sequential:
        refused = (bench_flags or sequential or ["--seed"])[0]
        raise bench_json.InputError(
            f"{refused} does not apply when BASE is a record: NEW runs with "
            "the record's flags, for its rounds and repetitions, and they "
            "are decided all at once")
    base = record_file.load(args.base)
    new = _built_side("NEW", args.new,
                      *builds.resolve(records.PROJECT_ROOT, "NEW", args.new),
                      args.new_flag)
    pattern = (bench_json.compile_filter(args.filter)
               if args.filter is not None else None)
    started = time.monotonic()
    rows, processes, context = record.measure(
        new.bench, [*base.grid_flags, *base.bench_flags, *new.flags],
        rounds=len(base.rounds), repetitions=base.repetitions,
        rows=tuple(name for name in base.rows
                   if pattern is None or pattern.search(name)),
        prog=PROG, check_context=lambda context: environment.check(
            base.context, context, what="BASE and NEW",
            how_to_fix=record_comparison.HOW_TO_FIX,
            allowed=args.allow_different_environment))
    new_record = record_file.Record(
        commit=new.commit, dirty=record.is_dirty(context), label=None,
        machine=records.machine_id(), bench=new.bench,
        grid_flags=base.grid_flags, bench_flags=base.bench_flags,
        repetitions=base.repetitions, rows=rows, context=context,
        rounds=tuple(processes), seconds=time.monotonic() - started)
    return record_comparison.measurement(
        base, new_record, arguments=(args.base, args.new), regex=args.filter,
        allow_different_environment=args.allow_different_environment,
        new_flags=new.flags)


def _measure(args, bench_flags: list) -> tuple:
    """(measurement, parameters): run, or read with --replay.

    Raises:
      bench_json.InputError, builds.BuildFailed, rounds.BenchFailed.
    """
    if args.replay is not None:
        measurement, saved = paired_rounds.load(args.replay)
        return measurement, _parameters(args, saved)
    parameters = _parameters(args, {})
    if _is_record(args.base):
        return _measure_against_record(args, bench_flags), parameters
    _check_sides(args, bench_flags)
    budget_s = _budget_seconds(args)
    base, new = _sides(args)
    seed = args.seed if args.seed is not None else random.randrange(2 ** 32)
    measurement = ab_rounds.measure(
        base, new, tuple(bench_flags), parameters, regex=args.filter,
        seed=seed,
        allow_different_environment=args.allow_different_environment,
        budget_s=budget_s)
    return measurement, parameters


def _budget_seconds(args) -> float | None:
    """--budget in seconds, None without one.

    Raises:
      bench_json.InputError: for minutes that are not above 0.
    """
    if args.budget is None:
        return None
    if not args.budget > 0:
        raise bench_json.InputError(
            f"--budget {args.budget} is out of range: give minutes above 0")
    return args.budget * 60


def _check_instruction_flags(args) -> None:
    """Raises InputError for a flag that --instructions does not take."""
    given = [_flag(name) for name in _RULE_FLAGS
             if getattr(args, name) is not None]
    given += ["--seed"] if args.seed is not None else []
    given += ["--budget"] if args.budget is not None else []
    if given:
        raise bench_json.InputError(
            f"{given[0]} does not apply to --instructions, whose counts are "
            "exact: leave it out")


def _decide_instructions(args, bench_flags: list) -> tuple:
    """(output, whether something got slower) of --instructions.

    Raises:
      bench_json.InputError, builds.BuildFailed, rounds.BenchFailed.
    """
    _check_instruction_flags(args)
    if args.replay is not None:
        measurement = instruction_counts.load(args.replay)
    else:
        _check_sides(args, bench_flags)
        base, new = _sides(args)
        measurement = callgrind_runs.measure(
            base, new, tuple(bench_flags), regex=args.filter,
            allow_different_environment=args.allow_different_environment)
    decision = exact_verdicts.decide(measurement)
    return (exact_comparison.FORMATTERS[args.format](decision, measurement),
            bool(decision.with_verdict(exact_verdicts.Verdict.SLOWER)))


def _decide_times(args, bench_flags: list) -> tuple:
    """(output, whether something got slower) of paired rounds of times.

    Raises:
      bench_json.InputError, builds.BuildFailed, rounds.BenchFailed.
    """
    measurement, parameters = _measure(args, bench_flags)
    decision = record_comparison.decide(measurement, parameters)
    return (paired_comparison.FORMATTERS[args.format](decision, measurement),
            bool(decision.with_verdict(paired_verdicts.Verdict.SLOWER)))


def _decide(args, bench_flags: list) -> tuple:
    """(output, whether something got slower) of a comparison run or
    replayed.

    Raises:
      bench_json.InputError, builds.BuildFailed, rounds.BenchFailed.
    """
    if args.trials is not None:
        raise bench_json.InputError("--trials applies to --resample only")
    if args.shift:
        raise bench_json.InputError("--shift applies to --resample only")
    if args.replay is not None:
        _check_replay(args, bench_flags)
    counts = args.instructions or (
        args.replay is not None
        and instruction_counts.holds_counts(args.replay))
    return (_decide_instructions if counts else _decide_times)(args,
                                                               bench_flags)


def main(argv: list[str] | None = None) -> int:
    """The command line; see the module docstring. Returns the exit code."""
    args, bench_flags = _parser().parse_known_args(argv)
    try:
        if args.resample is not None:
            output, slower = _resample(args, bench_flags), False
        else:
            output, slower = _decide(args, bench_flags)
        atomic_file.write_output(
            output, None if args.out is None else pathlib.Path(args.out))
    except (bench_json.InputError, builds.BuildFailed) as error:
        return command_line.report_bad_input(PROG, error)
    except rounds.BenchFailed as error:
        return command_line.report_bad_input(PROG, error) if str(
            error) else command_line.BAD_INPUT
    except OSError as error:
        return command_line.report_bad_input(
            PROG, f"cannot write {args.out}: {error.strerror}")
    return 1 if slower else 0
