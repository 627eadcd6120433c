"""Two records compared (scripts/compare, history, and scripts/ab RECORD
NEW): the rows both have, their rounds paired by index, the guard of the
environment, and the verdicts of analysis/paired_verdicts.py in its
non-sequential form (decide_at_once), since no fresh round can confirm
what rounds taken before found (docs/regressions.md).

The pairs are not interleaved in time: each side's rounds ran in a run of
their own, so a change of the machine between the runs (another load,
another clock, a warmer room) looks like a change of the code. Every
output says so (NOT_INTERLEAVED); scripts/ab BASE NEW, whose rounds run both
sides one after the other, rules that out. When the records hold different
numbers of rounds, the first rounds of each, as many as the shorter has,
are paired: the rule is a paired test, and pairing by index is as good as
any pairing of rounds that ran apart.
"""

from execbench.analysis import paired_verdicts
from execbench.inputs import bench_json
from execbench.inputs import paired_rounds
from execbench.inputs import record_file

NOT_INTERLEAVED = (
    "NOTE: BASE's and NEW's rounds ran in separate runs, NOT INTERLEAVED IN "
    "TIME: a change of the machine between the runs looks like a change of "
    "the code, which scripts/ab's interleaved rounds of both sides rule "
    "out")
HOW_TO_FIX = ("compare records made on one machine with one toolchain "
              "(record BASE again there)")


def _side(label: str, argument: str, record: record_file.Record,
          flags: tuple) -> paired_rounds.Side:
    return paired_rounds.Side(label=label, argument=argument,
                              commit=record.commit, bench=record.bench,
                              flags=flags, context=record.context)


def measurement(base: record_file.Record, new: record_file.Record, *,
                arguments: tuple, regex: str | None,
                allow_different_environment: bool, new_flags: tuple = ()
                ) -> paired_rounds.Measurement:
    """The rounds of two records paired, over the rows both have that the
    filter keeps, as a measurement that scripts/ab's renderings show.

    Args:
      base, new: the records.
      arguments: BASE and NEW as given, to name them.
      regex: --filter, or None.
      allow_different_environment: whether a different environment is
        compared, with a warning, rather than refused.
      new_flags: bench flags that NEW alone ran with (ab's --new-flag),
        which every output warns about.

    Raises:
      environment.DifferentEnvironment: when the environments differ and
        that is not allowed.
      bench_json.InputError: when no row is left to compare.
    """
    sides = [_side(label, argument, record, flags)
             for label, argument, record, flags in zip(
                 ("BASE", "NEW"), arguments, (base, new), ((), new_flags))]
    warnings = paired_rounds.side_warnings(
        *sides, allow_different_environment, how_to_fix=HOW_TO_FIX)
    pattern = bench_json.compile_filter(regex) if regex is not None else None

    def kept(record: record_file.Record) -> set:
        return {name for name in record.rows
                if pattern is None or pattern.search(name)}

    def in_order(names: set) -> tuple:
        return tuple(sorted(names, key=bench_json.name_order))

    rows = in_order(kept(base) & kept(new))
    if not rows:
        scope = f" matching --filter {regex!r}" if regex is not None else ""
        raise bench_json.InputError(
            f"BASE and NEW have no benchmark{scope} in common; compare "
            "records of the same suite, or widen --filter")
    counts = (len(base.rounds), len(new.rounds))
    notes = [NOT_INTERLEAVED]
    if counts[0] != counts[1]:
        notes.append(f"NOTE: BASE has {counts[0]} rounds and NEW "
                     f"{counts[1]}: the first {min(counts)} of each are "
                     "paired")
    return paired_rounds.Measurement(
        base=sides[0], new=sides[1], bench_flags=base.bench_flags, seed=None,
        rows=rows, only_in_base=in_order(kept(base) - kept(new)),
        only_in_new=in_order(kept(new) - kept(base)),
        rounds=record_file.paired(base, new, rows),
        warnings=(*warnings, *notes), seconds=base.seconds + new.seconds,
        interleaved=False)


def decide(measured: paired_rounds.Measurement,
           parameters: paired_verdicts.Parameters = paired_verdicts.Parameters()
           ) -> paired_verdicts.Decision:
    """The verdicts of a measurement: scripts/ab's sequential rule for
    interleaved rounds, its non-sequential form for records'."""
    rounds = list(measured.rounds)
    if measured.interleaved:
        return paired_verdicts.decide(rounds, parameters)
    return paired_verdicts.decide_at_once(rounds, parameters)
