"""The rounds of scripts/ab: BASE and NEW measured in turn, round after
round, until analysis/paired_verdicts.py has decided (docs/regressions.md).

First each side lists its benchmarks (--benchmark_list_tests); the rows
compared are those both list that match the filter. Then each round runs
both sides once, in an order drawn at random (seeded: the seed is kept), each
a fresh process, over the rows that paired_verdicts.next_round() names,
with an anchored --benchmark_filter of exactly their names:

  bench GRID_FLAGS BENCH-FLAGS SIDE-FLAGS --benchmark_repetitions=R
        --benchmark_enable_random_interleaving=true --benchmark_filter=...

(GRID_FLAGS, the sizes scripts/run measures: grid_flags.py; SIDE-FLAGS:
ab's --new-flag, for NEW only). A side's value of a row in a round is the
median wall time over its R repetitions. A pair carries notes when either
side's repetitions of the row show a noisy machine, and a round when
either process does (analysis/machine_health.py); the rule drops those.

After the first round, the sides' contexts must record one environment
(inputs/environment.py), unless that is allowed; flags given to NEW alone,
and sizes that differ between the builds, are warned about. On stderr, the
seed, then a line per round that tells how far it is.
"""

import dataclasses
import pathlib
import random
import sys
import tempfile
import time

from execbench.analysis import paired_verdicts
from execbench.inputs import bench_json
from execbench.inputs import paired_rounds
from execbench.inputs import record_file
from execbench.running import grid_flags
from execbench.running import one_process

PROG = "ab"
# Flags that the rounds set themselves, which the user may not give.
RESERVED_FLAGS = (*one_process.RESERVED_FLAGS, "--benchmark_filter")
SIDES = ("base", "new")
# How to fix builds that ran in different environments.
HOW_TO_FIX = ("compare builds made here with one toolchain (a build cached "
               "before the toolchain changed is rebuilt once its folder "
               "under the cache is deleted)")


def measure(base: paired_rounds.Side, new: paired_rounds.Side,
            bench_flags: tuple, parameters: paired_verdicts.Parameters, *,
            regex: str | None, seed: int, allow_different_environment: bool,
            budget_s: float | None = None) -> paired_rounds.Measurement:
    """Lists the rows, runs the rounds until decided, or until the next
    round would end past `budget_s` seconds from the start (then rows that
    wanted more end undecided, and a warning says so); returns what they
    measured, the sides' contexts those of their first process.

    Raises:
      bench_json.InputError: when the filter selects no row both sides
        list, or the environments differ and that is not allowed.
      rounds.BenchFailed: when bench exits 2 or writes no results.
    """
    sides = {"base": base, "new": new}
    selection = select_rows(base, new, bench_flags, regex)
    rows = selection.rows
    generator = random.Random(seed)
    taken, warnings = [], ()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="execbench-ab-") as scratch:
        while plan := paired_verdicts.next_round(taken, parameters, rows):
            if budget_s is not None and taken and (
                    time.monotonic() - started
                    + plan.estimated_seconds(taken[-1]) > budget_s):
                warnings = (*warnings, _over_budget(budget_s, len(taken)))
                break
            order = tuple(generator.sample(SIDES, 2))
            one_round, contexts = _run_round(
                sides, plan, order, bench_flags,
                [selection.full_names[name] for name in plan.rows],
                parameters,
                scratch)
            taken.append(one_round)
            if len(taken) == 1:
                sides = {key: dataclasses.replace(side, context=contexts[key])
                         for key, side in sides.items()}
                warnings = paired_rounds.side_warnings(
                    sides["base"], sides["new"], allow_different_environment,
                    how_to_fix=HOW_TO_FIX)
                print(f"{PROG}: seed {seed} (--seed {seed} draws the same "
                      "order)", file=sys.stderr)
            _progress(taken, parameters, rows, time.monotonic() - started)
    return paired_rounds.Measurement(
        base=sides["base"], new=sides["new"], bench_flags=tuple(bench_flags),
        seed=seed, rows=rows, only_in_base=selection.only_in_base,
        only_in_new=selection.only_in_new, rounds=tuple(taken), warnings=warnings,
        seconds=time.monotonic() - started)


@dataclasses.dataclass(frozen=True)
class Selection:
    """The rows that BASE and NEW both list and the filter keeps, in name
    order, and those that only one lists."""

    rows: tuple
    only_in_base: tuple
    only_in_new: tuple
    full_names: dict  # Row name -> its name with /manual_time, for filters.


def select_rows(base: paired_rounds.Side, new: paired_rounds.Side,
                bench_flags: tuple, regex: str | None) -> Selection:
    """Lists both sides' rows and keeps those that match the filter.

    Raises:
      bench_json.InputError: when the filter selects no row both sides
        list.
      rounds.BenchFailed: when bench cannot list them.
    """
    listed = {side.label: _listed_rows(side, bench_flags)
              for side in (base, new)}
    pattern = bench_json.compile_filter(regex) if regex is not None else None

    def selected(label: str) -> set:
        return {name for name in listed[label]
                if pattern is None or pattern.search(name)}

    def in_order(names: set) -> tuple:
        return tuple(sorted(names, key=bench_json.name_order))

    rows = in_order(selected("BASE") & selected("NEW"))
    if not rows:
        scope = (f" matching --filter {regex!r}" if regex is not None
                 else "")
        raise bench_json.InputError(
            f"BASE and NEW list no benchmark{scope} in common (BASE lists "
            f"{len(listed['BASE'])}, NEW {len(listed['NEW'])}); widen "
            "--filter (a Python regular expression searched in names such "
            "as Cpu/Serial/workers:1)")
    return Selection(
        rows=rows, only_in_base=in_order(selected("BASE") - selected("NEW")),
        only_in_new=in_order(selected("NEW") - selected("BASE")),
        full_names=listed["BASE"] | listed["NEW"])


def _side_flags(side: paired_rounds.Side, bench_flags: tuple) -> list:
    return [*grid_flags.GRID_FLAGS, *bench_flags, *side.flags]


def _listed_rows(side: paired_rounds.Side, bench_flags: tuple) -> dict:
    """Row name -> full name (with /manual_time) of what the side lists.

    Raises:
      rounds.BenchFailed: when bench cannot list them.
    """
    return one_process.list_rows(side.bench, side.label,
                                 _side_flags(side, bench_flags))


def _run_round(sides: dict, plan: paired_verdicts.Plan, order: tuple,
               bench_flags: tuple, names: list,
               parameters: paired_verdicts.Parameters, scratch: str) -> tuple:
    """(Round, context by side) of one round of both sides."""
    started = time.monotonic()
    processes, contexts = {}, {}
    for key in order:
        side = sides[key]
        processes[key], contexts[key] = one_process.run(
            side.bench, _side_flags(side, bench_flags),
            repetitions=parameters.repetitions, names=names,
            out=pathlib.Path(scratch) / f"{key}.json")
    one_round = record_file.pair_processes(
        processes["base"], processes["new"], plan.rows, plan.stage)
    return dataclasses.replace(one_round, order=order,
                               seconds=time.monotonic() - started), contexts


def _over_budget(budget_s: float, rounds: int) -> str:
    return (f"WARNING: {PROG} stopped at its budget of {duration(budget_s)} after "
            f"{rounds} round{'s' if rounds != 1 else ''}, as the next would "
            "have ended past it: rows that wanted more rounds are undecided")


def _progress(taken: list, parameters: paired_verdicts.Parameters,
              rows: list, elapsed: float) -> None:
    """The line of a round on stderr: where the rows stand, and the time
    taken and at most left in this stage."""
    last = taken[-1]
    in_stage = sum(one.stage == last.stage for one in taken)
    cap = (parameters.max_rounds if last.stage == paired_verdicts.SCREENING
           else parameters.max_confirm_rounds)
    rows_now = paired_verdicts.progress(taken, parameters, rows)
    candidates = rows_now.candidates
    print(f"{PROG}: round {len(taken)} ({last.stage} {in_stage}/{cap}, "
          f"{len(last.pairs) + len(last.errors)} rows run): "
          f"{rows_now.undecided} undecided, {rows_now.same} same, "
          f"{candidates} candidate{'s' if candidates != 1 else ''}; "
          f"{duration(elapsed)} so far, at most about "
          f"{duration((cap - in_stage) * last.seconds)} more in "
          f"{last.stage}", file=sys.stderr)


def duration(seconds: float) -> str:
    minutes, seconds = divmod(round(seconds), 60)
    return f"{minutes} min {seconds} s" if minutes else f"{seconds} s"
