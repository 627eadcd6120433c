"""How often scripts/ab's rule calls something, from one long run: its
false-alarm rate when both sides are one build (A/A), its detection rate
when NEW has a known change, without running a comparison per trial
(docs/regressions.md).

The run is of fixed design: every row in every screening round (scripts/ab
--first-look N --max-rounds N --max-confirm-rounds 1 --format json). Its
pool is the screening rounds that ran every row (rows that failed in any
round are left out of every trial); pairs dropped as noisy stay dropped.
Each trial draws a random order of the pool, without replacement, and
feeds it to the rule as scripts/ab would have asked for it: the next round
is the next of the pool, restricted to the rows of paired_verdicts.
next_round()'s plan and relabelled with the plan's stage, until the rule
is decided or the pool is exhausted (the trial ran out: the rule decides
with what it has, and rows it still wanted end undecided, as ab --replay
treats them), or, with a budget, until the next round would end past it as
scripts/ab --budget estimates it (the trial stopped at its budget, its
rows that wanted more undecided, as in ab). Then paired_verdicts.decide().

A fed round's seconds are the file's round's, scaled by the share of that
round's time its rows took (paired_rounds.Round.time_share()): an
estimate of how long the trial would have taken.
Trials share the pool's rounds, so they are not independent; the rates'
intervals assume they are.

Shifts (scripts/ab --resample --shift REGEX=PERCENT) multiply NEW's values
of the rows a pattern searches by a known factor before the trials: on the
noise of an A/A file, exactly the change asked for, in every round, which
a flag that slows the code cannot always give (a slowdown injected per
task moves a row's time by less than its share when the batch's time is
not all tasks', and by more when the injection's own cost is not small
beside the task's).
"""

import dataclasses
import math
import random
import re
import statistics

from execbench.analysis import paired_verdicts
from execbench.analysis import statistics as execbench_statistics
from execbench.inputs import bench_json
from execbench.inputs import paired_rounds

Verdict = paired_verdicts.Verdict
# Above this share of trials that ran out, every output warns that the rates
# are biased towards fewer verdicts.
RAN_OUT_WARNING = 0.05
HOW_TO_MAKE = ("make one with scripts/ab BASE NEW --first-look N --max-rounds "
               "N --max-confirm-rounds 1 --format json --out FILE")


@dataclasses.dataclass(frozen=True)
class Shift:
    """A known change put on NEW's measured values: each value of a row
    whose name the pattern searches, times 1 + percent / 100."""

    pattern: str
    percent: float

    @property
    def factor(self) -> float:
        return 1 + self.percent / 100

    @classmethod
    def parse(cls, text: str) -> "Shift":
        """From REGEX=PERCENT, as '^Noop/=10' or 'Cpu=-2.5'.

        Raises:
          bench_json.InputError: for text of another form, a pattern that is
            no regular expression, or a percent that is no finite number
            above -100.
        """
        pattern, equals, percent = text.rpartition("=")
        if not equals or not pattern:
            raise bench_json.InputError(
                f"--shift {text!r} is not REGEX=PERCENT, as '^Noop/=10'")
        try:
            re.compile(pattern)
        except re.error as error:
            raise bench_json.InputError(
                f"--shift {text!r}: {pattern!r} is no regular expression: "
                f"{error}") from None
        try:
            value = float(percent)
        except ValueError:
            value = math.nan
        if not math.isfinite(value) or value <= -100:
            raise bench_json.InputError(
                f"--shift {text!r}: {percent!r} is not a percent above -100")
        return cls(pattern, value)


def narrowed(measurement: paired_rounds.Measurement,
             pattern: re.Pattern) -> paired_rounds.Measurement:
    """The measurement of only the rows whose names the pattern searches,
    as if scripts/ab --filter had chosen them: each round's seconds scaled
    by the share of its time that its rows left took.

    Raises:
      bench_json.InputError: when the pattern searches no row.
    """
    rows = tuple(name for name in measurement.rows if pattern.search(name))
    if not rows:
        raise bench_json.InputError(
            f"--filter {pattern.pattern!r} matches no row of the file")
    kept = set(rows)

    def narrow(one: paired_rounds.Round) -> paired_rounds.Round:
        pairs = {name: pair for name, pair in one.pairs.items()
                 if name in kept}
        errors = {name: error for name, error in one.errors.items()
                  if name in kept}
        return dataclasses.replace(
            one, pairs=pairs, errors=errors,
            seconds=one.seconds * one.time_share(pairs.keys()
                                                 | errors.keys()))

    return dataclasses.replace(
        measurement, rows=rows,
        rounds=tuple(narrow(one) for one in measurement.rounds))


def shifted(measurement: paired_rounds.Measurement,
            shifts: tuple) -> tuple:
    """(the measurement with NEW's values shifted, rows per shift): each
    row takes the first shift whose pattern searches its name.

    Raises:
      bench_json.InputError: when a shift's pattern searches no row.
    """
    if not shifts:
        return measurement, ()
    factors, counts = {}, []
    for shift in shifts:
        taken = [name for name in measurement.rows if name not in factors
                 and re.search(shift.pattern, name)]
        if not taken:
            raise bench_json.InputError(
                f"--shift {shift.pattern}={shift.percent:g}: "
                f"{shift.pattern!r} matches no row of the file"
                + (" that an earlier --shift did not take"
                   if any(re.search(shift.pattern, name)
                          for name in measurement.rows) else ""))
        factors.update((name, shift.factor) for name in taken)
        counts.append(len(taken))

    def moved(one: paired_rounds.Round) -> paired_rounds.Round:
        return dataclasses.replace(one, pairs={
            name: dataclasses.replace(pair, new=pair.new * factors[name])
            if name in factors else pair
            for name, pair in one.pairs.items()})

    return (dataclasses.replace(
        measurement, rounds=tuple(moved(one) for one in measurement.rounds)),
        tuple(counts))


@dataclasses.dataclass(frozen=True)
class Trial:
    """One sub-experiment: the rounds fed to the rule, and its decision."""

    rounds: tuple  # paired_rounds.Round as fed: the plan's rows and stage.
    ran_out: bool  # The rule still wanted a round when the pool ended.
    decision: paired_verdicts.Decision
    # The rule still wanted a round that would have ended past the budget.
    over_budget: bool = False

    @property
    def seconds(self) -> float:
        """Estimated from the file's rounds (module docstring)."""
        return sum(one.seconds for one in self.rounds)

    def called(self, verdict: Verdict) -> list:
        """The rows and workload summaries called so, rows first."""
        return self.decision.with_verdict(verdict)

    def stage_rounds(self, stage: str) -> int:
        return sum(one.stage == stage for one in self.rounds)


@dataclasses.dataclass(frozen=True)
class Workload:
    """How often one workload was called, over the trials."""

    name: str
    has_summary: bool  # Two rows or more.
    summary_slower: int  # Trials that called its summary slower.
    summary_faster: int
    row_slower: int  # Trials that called any of its rows slower.
    row_faster: int


@dataclasses.dataclass(frozen=True)
class Resampling:
    """The trials of one file, and what they add up to."""

    parameters: paired_verdicts.Parameters
    seed: int
    pool: int  # Rounds that ran every row.
    rows: tuple  # Rows compared, in name order.
    left_out: tuple  # Rows that failed in the file.
    trials: tuple  # Trial, in the order drawn.
    # (Shift, rows it took), put on NEW's values before the trials.
    shifts: tuple = ()
    # The --filter that chose the rows, and the rows of the file.
    filter: str | None = None
    file_rows: int = 0
    budget_s: float | None = None  # Each trial's, as ab --budget's.

    def rate(self, *verdicts: Verdict) -> execbench_statistics.Rate:
        """Trials that called anything with one of these verdicts."""
        return execbench_statistics.binomial_rate(
            sum(any(trial.called(verdict) for verdict in verdicts)
                for trial in self.trials), len(self.trials))

    def mean_called(self, verdict: Verdict) -> float:
        """Rows and workload summaries called so, per trial."""
        return statistics.mean(len(trial.called(verdict))
                               for trial in self.trials)

    def ran_out(self) -> int:
        return sum(trial.ran_out for trial in self.trials)

    def over_budget(self) -> int:
        return sum(trial.over_budget for trial in self.trials)

    def biased(self) -> bool:
        """Whether so many trials ran out that the rates are too low."""
        return self.ran_out() > RAN_OUT_WARNING * len(self.trials)

    def workloads(self) -> list:
        """Workload per workload of the rows, in name order."""
        names = sorted({paired_verdicts.workload_of(row)
                        for row in self.rows})
        return [self._workload(name) for name in names]

    def _workload(self, name: str) -> Workload:

        def trials_calling(verdict: Verdict, summary: bool) -> int:
            return sum(any(outcome.summary == summary and (
                outcome.name == name if summary
                else paired_verdicts.workload_of(outcome.name) == name)
                           for outcome in trial.called(verdict))
                       for trial in self.trials)

        return Workload(
            name=name,
            has_summary=sum(paired_verdicts.workload_of(row) == name
                            for row in self.rows) > 1,
            summary_slower=trials_calling(Verdict.SLOWER, True),
            summary_faster=trials_calling(Verdict.FASTER, True),
            row_slower=trials_calling(Verdict.SLOWER, False),
            row_faster=trials_calling(Verdict.FASTER, False))


def compared_rows(measurement: paired_rounds.Measurement) -> tuple:
    """(rows every trial compares, rows left out as failed in a round)."""
    failed = {name for one in measurement.rounds for name in one.errors}
    return (tuple(name for name in measurement.rows if name not in failed),
            tuple(name for name in measurement.rows if name in failed))


def pool_of(measurement: paired_rounds.Measurement, rows: tuple) -> tuple:
    """The screening rounds that ran every one of these rows."""
    return tuple(one for one in measurement.rounds
                 if one.stage == paired_verdicts.SCREENING
                 and set(rows) <= one.pairs.keys())


def _as_planned(one: paired_rounds.Round,
                plan: paired_verdicts.Plan) -> paired_rounds.Round:
    """The round restricted to the plan's rows, in the plan's stage, its
    seconds scaled by the share of its time that they took."""
    asked = set(plan.rows)
    return dataclasses.replace(
        one, stage=plan.stage,
        pairs={name: pair for name, pair in one.pairs.items()
               if name in asked},
        errors={}, seconds=one.seconds * one.time_share(asked))


def run_trial(ordered: list, rows: tuple,
              parameters: paired_verdicts.Parameters,
              budget_s: float | None = None) -> Trial:
    """The rule fed these rounds, in this order, as it asks for them, none
    that scripts/ab --budget would not have started."""
    fed = []
    remaining = iter(ordered)
    ran_out = over_budget = False
    while plan := paired_verdicts.next_round(fed, parameters, list(rows)):
        if budget_s is not None and fed and (
                sum(one.seconds for one in fed)
                + plan.estimated_seconds(fed[-1]) > budget_s):
            over_budget = True
            break
        one = next(remaining, None)
        if one is None:
            ran_out = True
            break
        fed.append(_as_planned(one, plan))
    return Trial(rounds=tuple(fed), ran_out=ran_out,
                 decision=paired_verdicts.decide(fed, parameters),
                 over_budget=over_budget)


def resample(measurement: paired_rounds.Measurement,
             parameters: paired_verdicts.Parameters, *, trials: int,
             seed: int, shifts: tuple = (),
             pattern: re.Pattern | None = None,
             budget_s: float | None = None) -> Resampling:
    """trials trials of the rule on the measurement's pool, in orders drawn
    from the seed: of the rows the pattern searches, when given, NEW's
    values shifted first by the Shifts given, each trial within the budget
    when given.

    Raises:
      bench_json.InputError: when the pool has fewer rounds than
        parameters.first_look, where screening cannot look at all, or the
        pattern or a shift matches no row.
    """
    file_rows = len(measurement.rows)
    if pattern is not None:
        measurement = narrowed(measurement, pattern)
    measurement, shifted_rows = shifted(measurement, shifts)
    rows, left_out = compared_rows(measurement)
    pool = pool_of(measurement, rows)
    if len(pool) < parameters.first_look or not rows:
        raise bench_json.InputError(
            f"only {len(pool)} of its {len(measurement.rounds)} rounds ran "
            f"every row in screening, fewer than --first-look "
            f"{parameters.first_look}; {HOW_TO_MAKE}")
    generator = random.Random(seed)
    return Resampling(
        parameters=parameters, seed=seed, pool=len(pool), rows=rows,
        left_out=left_out, shifts=tuple(zip(shifts, shifted_rows)),
        filter=None if pattern is None else pattern.pattern,
        file_rows=file_rows,
        budget_s=budget_s,
        trials=tuple(run_trial(generator.sample(pool, len(pool)), rows,
                               parameters, budget_s)
                     for _ in range(trials)))
