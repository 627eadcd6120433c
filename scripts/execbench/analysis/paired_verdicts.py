"""The decision rule of scripts/ab: from rounds of paired measurements of
BASE and NEW, which benchmarks got slower or faster, which stayed the same,
and which the rounds could not tell (docs/regressions.md).

A round runs each side once, each in a fresh process; a benchmark row's
value on a side is the median of its repetitions there. Per row, the
rule works on the paired log-ratios d_i = ln(new_i / base_i) of the rounds
whose pair was kept: a pair is dropped, both sides together, when either
process measured the row, or the whole round, on a noisy machine (the notes
of analysis/machine_health.py). Per workload (the first part of the names)
with two rows or more, a summary series has in each round the weighted
median of d_i over the workload's kept rows, each row weighted by its
precision, 1 / s_r^2, where s_r is the median of |d| over the row's kept
pairs (of the screening rounds so far; confirmation keeps screening's
weights): rows that vary little between processes count more than rows
that vary by 10%. It is decided like a row, and has the power to see a
change that shifts every row of the workload a little. The median of |d|,
unlike a spread about the center, does not change when a round's pairs
swap sides, so the summary's sign does exactly when its rows' do, and its
exact tests stay exact when the weights come from the same rounds (as in
decide_at_once).

Screening (sequential): from FIRST_LOOK kept pairs on, at every round,
  a series whose two-sided exact Wilcoxon signed-rank p < ALPHA_SCREEN is a
    candidate (its direction the sign of the Hodges-Lehmann estimate) and
    leaves screening;
  a series whose 90% Hodges-Lehmann interval lies inside (-E, +E) is the
    same and leaves screening; E = max(FLOOR, MDE(MAX_ROUNDS)), where
    MDE(n) = (z(1 - ALPHA_SCREEN/2) + z(POWER)) sigma / sqrt(n 3/pi) is the
    smallest change the test detects with POWER at n pairs, and sigma is
    the series' robust standard deviation of d (Qn);
  the others run on; at MAX_ROUNDS rounds they are undecided.
  A row runs while it or its workload's summary is still being screened.
Confirmation: a candidate's fresh pairs are those of the rounds after the
  one that made it a candidate: the screening rounds that still run for the
  others (each also runs the candidates' rows), then rounds of only the
  candidates' rows. Candidates form two families, the workload summaries and
  the rows, each with its share of ALPHA (SUMMARY_SHARE for summaries, the
  rest for rows; a family alone has all of ALPHA). Each candidate needs the
  pairs that give POWER against its screening estimate at one-sided level
  a/k (a its family's share, k the family's candidates), at least the fewest
  with which the exact test can reach a/k with TOLERATED_OUTLIERS of the
  largest against it, from at most MAX_CONFIRM_ROUNDS rounds that ran its
  rows after it became one. Once screening and confirmation are over, on
  those fresh pairs only, a candidate whose one-sided p in its direction
  passes Holm's procedure over its family's k at the family's share of
  ALPHA, and whose |estimate| is at least its MARGIN = max(FLOOR,
  MARGIN_SIGMAS sigma / sqrt 2) (the noise of one process's value), is
  slower or faster; else the same if its 90% interval lies inside (-E,
  +E); else undecided.

All at once (decide_at_once), for rounds that ran before the comparison:
  two records' rounds (inputs/record_file.py), where no fresh round can
  confirm. Every series gets its two-sided exact Wilcoxon signed-rank p
  over all its kept pairs; Holm's procedure within each family (rows,
  summaries) at its share of ALPHA; a series it rejects whose |estimate| is
  at least its MARGIN is slower or faster; else the same if its interval
  lies inside (-E, +E), E computed as above with MAX_ROUNDS the rounds
  there are; else undecided. Under fewest_rounds(rows) rounds, some
  series cannot be called slower or faster.

decide() is a pure function of the rounds and the parameters, so that
saved rounds (the JSON of scripts/ab, inputs/paired_rounds.py) can be
decided again offline with other parameters; next_round() tells scripts/ab
which rows to run next.
Replayed with other parameters, the rule sees only what was measured: a
series that would need rounds that were not run ends undecided.
"""

import collections
import dataclasses
import enum
import math
import statistics

import numpy

from execbench.analysis import paired_statistics
from execbench.inputs import bench_json
from execbench.inputs import paired_rounds

# Every parameter of the rule, in one place (Parameters below carries them;
# scripts/ab overrides them with its advanced flags for experiments).
#
# The family-wise false-alarm rate: the chance that a comparison of a build
# with itself calls anything slower or faster.
ALPHA = 0.05
# The share of ALPHA spent on workload summaries, the rest on rows: two
# families, each with Holm's procedure at its share (Bonferroni between
# them, so that the family-wise rate stays at ALPHA). A change that slows
# every task of a workload a little, the commonest regression, is then
# confirmed at ALPHA / 2 over the few summaries that are candidates rather
# than at ALPHA over every candidate row as well: with +2% on every task of
# Cpu and Api, 24 rounds of 35 rows resampled, Api's was confirmed in 20 of
# 20 trials against 11 of 20 with one family (2026-12-07, when summaries
# were plain medians). With
# summaries only, or rows only, that family has all of ALPHA.
SUMMARY_SHARE = 0.5
# The two-sided level of the screening test at each look. Higher screens
# more rows into confirmation (more rounds, more power); it does not change
# the false-alarm rate, which confirmation holds to ALPHA.
ALPHA_SCREEN = 0.05
# The smallest relative change that counts as one, and the smallest
# equivalence bound: 0.5%, below which a change means nothing for this
# suite's question.
FLOOR = 0.005
# A confirmed change must be at least this many standard deviations of one
# process's value: a significant change far inside the noise of a single
# run is reported as the same.
MARGIN_SIGMAS = 0.2
# Repetitions of each row in each process (R). The noise is mostly between
# processes, so one repetition and more rounds is the better use of time.
REPETITIONS = 1
# The first look: the kept pairs a series needs before screening decides it.
FIRST_LOOK = 6
# Screening rounds at most; the series still running then are undecided.
MAX_ROUNDS = 12
# The rounds at most that confirm a candidate: those that ran its rows
# after the round that made it one.
MAX_CONFIRM_ROUNDS = 12
# Confirmation runs at least the rounds with which the exact test reaches
# its level even when this many pairs, the largest, go against the change:
# then one whole-process outlier (a round where a side ran 30% off) cannot
# hide a change by itself. 0 is the fewest rounds that can reach the level
# at all (with 6 rounds at 2.5%, a single pair against is enough to miss).
TOLERATED_OUTLIERS = 1
# The power that the smallest detectable change and the confirmation's
# rounds are computed for.
POWER = 0.90
# The confidence of the Hodges-Lehmann intervals.
CONFIDENCE = 0.90

# A row's spread below which its weight in its workload's summary grows
# no more, in log units (0.01%).
_SMALLEST_SPREAD = 1e-4
# A row's spread in its weight is pooled with the workload's typical one
# (the median over its rows) as if that had been seen in this many rounds:
# from the few rounds of a first look, a row's own spread alone is noisy
# enough to hand a workload's summary to a row that happened to look quiet
# (with rows of equal noise, 6 rounds of it alone confirmed +2% in 5 of 20
# simulated comparisons, against 13 of 20 pooled).
_PRIOR_ROUNDS = 6

SCREENING = paired_rounds.SCREENING
CONFIRMATION = paired_rounds.CONFIRMATION


class Verdict(enum.Enum):
    SLOWER = "slower"
    FASTER = "faster"
    SAME = "same"
    UNDECIDED = "undecided"


# Where a series stands in screening.
_RUNNING = "running"
_SAME = "same"
_CANDIDATE = "candidate"
_UNDECIDED = "undecided"


@dataclasses.dataclass(frozen=True)
class Parameters:
    """The rule's parameters; the defaults are the constants above."""

    alpha: float = ALPHA
    alpha_screen: float = ALPHA_SCREEN
    summary_share: float = SUMMARY_SHARE
    floor: float = FLOOR
    margin_sigmas: float = MARGIN_SIGMAS
    repetitions: int = REPETITIONS
    first_look: int = FIRST_LOOK
    max_rounds: int = MAX_ROUNDS
    max_confirm_rounds: int = MAX_CONFIRM_ROUNDS
    tolerated_outliers: int = TOLERATED_OUTLIERS
    power: float = POWER
    confidence: float = CONFIDENCE

    def as_json(self) -> dict:
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, document: dict) -> "Parameters":
        """The parameters of as_json(); missing ones take their default."""
        names = {field.name for field in dataclasses.fields(cls)}
        return cls(**{key: value for key, value in document.items()
                      if key in names})


@dataclasses.dataclass(frozen=True)
class Plan:
    """The next round: its stage and the rows it runs, in name order."""

    stage: str
    rows: tuple

    def estimated_seconds(self, last: paired_rounds.Round) -> float:
        """How long this round will take: the share of the last round's
        time that its rows took there (a row that did not run there as
        long as the mean)."""
        return last.seconds * last.time_share(self.rows)


@dataclasses.dataclass(frozen=True)
class Outcome:
    """The verdict on one row or workload summary, and what it rests on."""

    name: str  # The row's name, or the workload's for a summary.
    summary: bool
    verdict: Verdict
    stage: str  # SCREENING or CONFIRMATION: the data the verdict rests on.
    change: float  # exp(Hodges-Lehmann estimate) - 1; NaN without data.
    low: float  # The CONFIDENCE interval of the change.
    high: float
    p_value: float  # Screening's two-sided p, or confirmation's one-sided.
    screening_rounds: int  # Rounds that ran the row (all of the workload's).
    confirmation_rounds: int
    dropped: int  # Pairs dropped as noisy, in both stages.
    # The smallest change its rounds could detect with POWER, for the same
    # and undecided; None for the others.
    detectable: float | None
    base_median: float | None  # Of the kept pairs, seconds; rows only.
    new_median: float | None


@dataclasses.dataclass(frozen=True)
class Decision:
    """The outcome of every row and workload summary of a comparison."""

    parameters: Parameters
    rows: tuple  # Outcome per row measured by both sides, in name order.
    summaries: tuple  # Outcome per workload summary, in name order.
    errors: dict  # Row -> message, for rows that failed on either side.
    candidates: int  # k, the series that screening sent to confirmation.
    screening_rounds: int
    confirmation_rounds: int

    def outcomes(self) -> tuple:
        return self.rows + self.summaries

    def with_verdict(self, verdict: Verdict) -> list:
        """The outcomes with this verdict, rows first."""
        return [outcome for outcome in self.outcomes()
                if outcome.verdict is verdict]


@dataclasses.dataclass
class _Series:
    """A row or a workload summary, as the rounds go."""

    name: str
    summary: bool
    rows: tuple  # Its rows: itself, or the workload's.
    differences: list = dataclasses.field(default_factory=list)
    # A summary's kept rows' differences per round it kept (row -> d), and
    # the rows' weights its differences were computed with.
    kept_rows: list = dataclasses.field(default_factory=list)
    weights: dict = dataclasses.field(default_factory=dict)
    fixed_weights: bool = False  # Confirmation's: screening's weights.
    selected_at: int = -1  # A candidate's: the index of its round.
    measured: int = 0
    dropped: int = 0
    status: str = _RUNNING
    # The statistics of its differences at its last look.
    p_value: float = math.nan
    estimate: float = math.nan
    low: float = -math.inf
    high: float = math.inf
    sigma: float = math.nan


def workload_of(name: str) -> str:
    """The workload of a row: the first part of its name."""
    return bench_json.parse_benchmark_name(name).workload


def rows_of(rounds: list) -> list:
    """The rows a comparison compares: those of its first round, measured or
    failed, in name order."""
    if not rounds:
        return []
    first = rounds[0]
    return sorted(first.pairs.keys() | first.errors.keys(),
                  key=bench_json.name_order)


def _series_of(rows: list) -> dict:
    """("row", name) or ("summary", workload) -> _Series, for every row and
    every workload of at least two rows."""
    series = {("row", name): _Series(name, False, (name,)) for name in rows}
    by_workload = {}
    for name in rows:
        by_workload.setdefault(workload_of(name), []).append(name)
    for workload, names in sorted(by_workload.items()):
        if len(names) > 1:
            series[("summary", workload)] = _Series(workload, True,
                                                    tuple(names))
    return series


def _difference(pair: paired_rounds.Pair, round_notes: tuple) -> float | None:
    """The pair's log-ratio, or None when it is dropped."""
    if round_notes or pair.notes or not (pair.base > 0 and pair.new > 0):
        return None
    return math.log(pair.new / pair.base)


def _differences(one_round: paired_rounds.Round, errored: set) -> dict:
    """Row -> its log-ratio in the round, None when its pair is dropped, for
    the rows the round measured that did not fail."""
    return {name: _difference(pair, one_round.notes)
            for name, pair in one_round.pairs.items() if name not in errored}


def _add(series: _Series, differences: dict) -> float | dict | None:
    """Counts a round in the series' rounds and dropped pairs when it ran
    the series' rows; returns the series' value there (a summary's: its
    kept rows' differences, row -> d), None when dropped or not measured."""
    if not series.summary:
        if series.name not in differences:
            return None
        value = differences[series.name]
    else:
        present = {name: differences[name] for name in series.rows
                   if name in differences}
        if not present:
            return None
        value = {name: difference for name, difference in present.items()
                 if difference is not None} or None
    series.measured += 1
    series.dropped += value is None
    return value


def _append(series: _Series, value: float | dict) -> None:
    """Adds a kept value of _add() to the series' differences; a summary's
    weights, unless fixed (confirmation's), follow its kept rounds."""
    if not series.summary:
        series.differences.append(value)
        return
    series.kept_rows.append(value)
    if series.fixed_weights:
        series.differences.append(_weighted_median(value, series.weights))
        return
    series.weights = _row_weights(series.kept_rows)
    series.differences = [_weighted_median(kept, series.weights)
                          for kept in series.kept_rows]


def _row_weights(kept_rows: list) -> dict:
    """Row -> its precision, 1 / s^2: s^2 pools the square of the median
    of |d| over the n rounds that kept the row (a spread that a round's
    pairs swapping sides leaves alone) with that of the workload's typical
    row, weighted n to _PRIOR_ROUNDS; no spread counts below
    _SMALLEST_SPREAD."""
    by_row = collections.defaultdict(list)
    for kept in kept_rows:
        for name, difference in kept.items():
            by_row[name].append(abs(difference))
    spreads = {name: max(statistics.median(values), _SMALLEST_SPREAD)
               for name, values in by_row.items()}
    typical = statistics.median(spreads.values())
    return {name: (len(by_row[name]) + _PRIOR_ROUNDS) / (
        len(by_row[name]) * spread ** 2 + _PRIOR_ROUNDS * typical ** 2)
            for name, spread in spreads.items()}


def _weighted_median(values: dict, weights: dict) -> float:
    """The weighted median of row -> value; rows without a weight get the
    smallest there is. An odd function of the values (negating them all
    negates it): when the cumulative weight reaches exactly half, the
    middle of the two values there."""
    lightest = min(weights.values(), default=1.0)
    ordered = sorted((value, weights.get(name, lightest))
                     for name, value in values.items())
    half = sum(weight for _, weight in ordered) / 2
    total = 0.0
    for index, (value, weight) in enumerate(ordered):
        total += weight
        if math.isclose(total, half, rel_tol=1e-12):
            return (value + ordered[index + 1][0]) / 2
        if total > half:
            return value
    return ordered[-1][0]


def _equivalence_bound(sigma: float, parameters: Parameters) -> float:
    """E, in log units: the floor, or the smallest change detectable at the
    screening cap."""
    return max(math.log1p(parameters.floor),
               paired_statistics.minimum_detectable_shift(
                   sigma, parameters.max_rounds, parameters.alpha_screen,
                   parameters.power))


def _margin(sigma: float, parameters: Parameters) -> float:
    """The smallest confirmed change, in log units."""
    single = sigma / math.sqrt(2) if not math.isnan(sigma) else 0.0
    return max(math.log1p(parameters.floor), parameters.margin_sigmas * single)


def _look(looked: list, parameters: Parameters) -> None:
    """Screens the series that just got a value, all at once."""
    by_size = {}
    for series in looked:
        by_size.setdefault(len(series.differences), []).append(series)
    for group in by_size.values():
        samples = numpy.array([series.differences for series in group])
        p_values = paired_statistics.signed_rank_p(samples)
        estimates, lows, highs = paired_statistics.hodges_lehmann(
            samples, parameters.confidence)
        sigmas = paired_statistics.robust_sd(samples)
        for series, p_value, estimate, low, high, sigma in zip(
                group, p_values, estimates, lows, highs, sigmas):
            series.p_value, series.estimate = float(p_value), float(estimate)
            series.low, series.high = float(low), float(high)
            series.sigma = float(sigma)
            bound = _equivalence_bound(series.sigma, parameters)
            if p_value < parameters.alpha_screen and estimate != 0:
                series.status = _CANDIDATE
            elif -bound < low and high < bound:
                series.status = _SAME


def _screen(rounds: list, parameters: Parameters, rows: list) -> tuple:
    """(series, errored rows, screening rounds, the index in `rounds` of
    the last) after the screening rounds there are, up to the cap or until
    no series is screened; series still screened have status _RUNNING until
    the cap, then _UNDECIDED; a candidate knows the index of the round that
    made it one. A series that is the same or undecided counts every round
    that ran its rows, also after it left screening; a candidate's later
    rounds are its confirmation's."""
    series = _series_of(rows)
    errored = set()
    screened, last = 0, -1
    for position, one_round in enumerate(rounds):
        if one_round.stage != SCREENING:
            continue
        if screened >= parameters.max_rounds or not any(
                one.status == _RUNNING for one in series.values()):
            break
        screened, last = screened + 1, position
        errored |= one_round.errors.keys()
        differences = _differences(one_round, errored)
        looked = []
        for one in series.values():
            if one.status == _CANDIDATE:
                continue
            value = _add(one, differences)
            if value is not None and one.status == _RUNNING:
                _append(one, value)
                if len(one.differences) >= parameters.first_look:
                    looked.append(one)
        _look(looked, parameters)
        for one in looked:
            if one.status == _CANDIDATE:
                one.selected_at = position
    if screened >= parameters.max_rounds:
        for one in series.values():
            if one.status == _RUNNING:
                one.status = _UNDECIDED
    return series, errored, screened, last


def _rows_to_screen(series: dict, errored: set) -> list:
    """The rows a next screening round runs: those of running series."""
    needed = {name for one in series.values() if one.status == _RUNNING
              for name in one.rows}
    return sorted(needed - errored, key=bench_json.name_order)


def _family_alphas(keys, parameters: Parameters) -> dict:
    """(summary?) -> the family-wise level of the family of summaries
    (True) and of rows (False) among these (summary, name) keys."""
    kinds = {summary for summary, _ in keys}
    if len(kinds) < 2:
        return {kind: parameters.alpha for kind in kinds}
    return {True: parameters.alpha * parameters.summary_share,
            False: parameters.alpha * (1 - parameters.summary_share)}


def _first_levels(keys, parameters: Parameters) -> dict:
    """(summary?) -> the level of Holm's first step in each family: its
    family-wise level over its size."""
    sizes = collections.Counter(summary for summary, _ in keys)
    return {kind: alpha / sizes[kind]
            for kind, alpha in _family_alphas(keys, parameters).items()}


def _needed_pairs(candidates: list, parameters: Parameters) -> dict:
    """Candidate name and kind -> the fresh pairs its confirmation needs."""
    levels = _first_levels([(one.summary, one.name) for one in candidates],
                           parameters)
    fewest = {kind: paired_statistics.fewest_pairs(
        level, parameters.tolerated_outliers)
        for kind, level in levels.items()}
    needed = {}
    for one in candidates:
        level = levels[one.summary]
        for_power = paired_statistics.pairs_for_power(
            one.estimate, one.sigma, level, parameters.power)
        wanted = max(fewest[one.summary], math.ceil(for_power) if math.isfinite(
            for_power) else parameters.max_confirm_rounds)
        needed[(one.summary, one.name)] = min(wanted,
                                              parameters.max_confirm_rounds)
    return needed


def _confirm(rounds: list, parameters: Parameters, series: dict,
             errored: set, screening_ended: int) -> tuple:
    """(candidates, fresh series by (summary, name), needed pairs,
    confirmation rounds): each candidate's fresh values from the rounds
    after the one that made it a candidate (screening's, up to
    screening_ended, the index of its last, then confirmation's), up to the
    pairs it needs, from at most MAX_CONFIRM_ROUNDS rounds that ran its
    rows."""
    candidates = [one for one in series.values() if one.status == _CANDIDATE]
    needed = _needed_pairs(candidates, parameters)
    fresh = {(one.summary, one.name): (one.selected_at, _Series(
        one.name, one.summary, one.rows, weights=one.weights,
        fixed_weights=True)) for one in candidates}
    for position, one_round in enumerate(rounds):
        if one_round.stage == CONFIRMATION:
            errored |= one_round.errors.keys()
        elif position > screening_ended:
            continue
        differences = _differences(one_round, errored)
        for key, (selected_at, one) in fresh.items():
            if (position <= selected_at
                    or one.measured >= parameters.max_confirm_rounds):
                continue
            value = _add(one, differences)
            if value is not None and len(one.differences) < needed[key]:
                _append(one, value)
    return (candidates, {key: one for key, (_, one) in fresh.items()},
            needed, sum(one_round.stage == CONFIRMATION
                        for one_round in rounds))


def next_round(rounds: list, parameters: Parameters,
               rows: list) -> Plan | None:
    """The round to run after these, or None when the comparison is decided.

    Args:
      rounds: the rounds run so far.
      parameters: the rule's.
      rows: every row compared (what the first round runs).
    """
    series, errored, screened, ended = _screen(rounds, parameters, rows)
    to_screen = _rows_to_screen(series, errored)
    _, fresh, needed, _ = _confirm(rounds, parameters, series, errored,
                                   ended)
    to_confirm = {name for key, one in fresh.items()
                  if len(one.differences) < needed[key]
                  and one.measured < parameters.max_confirm_rounds
                  for name in one.rows} - errored
    if to_screen and screened < parameters.max_rounds:
        return Plan(SCREENING, tuple(sorted(
            set(to_screen) | to_confirm, key=bench_json.name_order)))
    if not to_confirm:
        return None
    return Plan(CONFIRMATION,
                tuple(sorted(to_confirm, key=bench_json.name_order)))


@dataclasses.dataclass(frozen=True)
class Progress:
    """Where screening has put the rows (not the summaries) so far."""

    undecided: int  # Still screened, or left undecided at the cap.
    same: int
    candidates: int


def progress(rounds: list, parameters: Parameters, rows: list) -> Progress:
    """Where screening has put the rows so far: for progress lines."""
    series, errored, _, _ = _screen(rounds, parameters, rows)
    statuses = [one.status for one in series.values()
                if not one.summary and one.name not in errored]
    return Progress(
        undecided=statuses.count(_RUNNING) + statuses.count(_UNDECIDED),
        same=statuses.count(_SAME), candidates=statuses.count(_CANDIDATE))


def _relative(log_ratio: float) -> float:
    return math.expm1(log_ratio)


def _medians(rounds: list, stage_names: set, name: str) -> tuple:
    """Each side's median over the row's kept pairs in those stages."""
    kept = [one_round.pairs[name] for one_round in rounds
            if one_round.stage in stage_names and name in one_round.pairs
            and _difference(one_round.pairs[name], one_round.notes)
            is not None]
    if not kept:
        return None, None
    return (statistics.median(pair.base for pair in kept),
            statistics.median(pair.new for pair in kept))


def _summarize(sample: list, parameters: Parameters,
               alternative: str) -> tuple:
    """(p, estimate, low, high) of a sample; NaNs for an empty one."""
    if not sample:
        return 1.0, math.nan, -math.inf, math.inf
    samples = numpy.array([sample])
    p_value = paired_statistics.signed_rank_p(samples, alternative)[0]
    estimate, low, high = (float(values[0]) for values in
                           paired_statistics.hodges_lehmann(
                               samples, parameters.confidence))
    return float(p_value), estimate, low, high


def _detectable(sigma: float, count: int, parameters: Parameters) -> float:
    return _relative(paired_statistics.minimum_detectable_shift(
        sigma, count, parameters.alpha_screen, parameters.power))


def _sigma(sample: list) -> float:
    if len(sample) < 2:
        return math.nan
    return float(paired_statistics.robust_sd(numpy.array([sample]))[0])


def decide(rounds: list, parameters: Parameters = Parameters()) -> Decision:
    """Every row's and workload summary's verdict from the rounds; see the
    module docstring."""
    rows = rows_of(rounds)
    series, errored, screened, ended = _screen(rounds, parameters, rows)
    candidates, fresh, _, confirmed = _confirm(rounds, parameters, series,
                                               errored, ended)
    directions = {(one.summary, one.name): "greater" if one.estimate > 0
                  else "less" for one in candidates}
    confirmed_p = {key: _summarize(one.differences, parameters,
                                   directions[key])[0]
                   for key, one in fresh.items()}
    significant = _holm_by_family(confirmed_p, parameters)
    outcomes = {}
    for key, one in series.items():
        kind, name = key
        if kind == "row" and name in errored:
            continue
        summary_key = (one.summary, one.name)
        if one.status == _CANDIDATE:
            outcome = _confirmed_outcome(
                one, fresh[summary_key], directions[summary_key],
                summary_key in significant, parameters)
        else:
            outcome = _screened_outcome(one, parameters)
        base_median, new_median = (None, None) if one.summary else _medians(
            rounds, {SCREENING, CONFIRMATION}, name)
        outcomes[key] = dataclasses.replace(
            outcome, base_median=base_median, new_median=new_median)
    return _decision(parameters, outcomes, rounds, candidates=len(candidates),
                     screening_rounds=screened, confirmation_rounds=confirmed)


def _decision(parameters: Parameters, outcomes: dict, rounds: list,
              **counts) -> Decision:
    """The Decision of outcomes by ("row" or "summary", name), with the
    errors of the rounds and the counts of candidates and rounds."""
    return Decision(
        parameters=parameters,
        rows=tuple(outcome for (kind, _), outcome in outcomes.items()
                   if kind == "row"),
        summaries=tuple(outcome for (kind, _), outcome in outcomes.items()
                        if kind == "summary"),
        errors={name: message for one_round in rounds
                for name, message in one_round.errors.items()},
        **counts)


def fewest_rounds(rows: list, parameters: Parameters = Parameters()) -> int:
    """The fewest rounds with which decide_at_once() can call every series
    of a comparison of these rows slower or faster, even with
    TOLERATED_OUTLIERS pairs against the change: Holm's first step tests at
    its family's level over the family's size, two-sided."""
    levels = _first_levels([(one.summary, one.name)
                            for one in _series_of(rows).values()], parameters)
    return paired_statistics.fewest_pairs(min(levels.values()) / 2,
                                          parameters.tolerated_outliers)


def decide_at_once(rounds: list,
                   parameters: Parameters = Parameters()) -> Decision:
    """Every row's and workload summary's verdict from rounds that all ran
    before (records); see the module docstring."""
    rows = rows_of(rounds)
    series = _series_of(rows)
    parameters = dataclasses.replace(parameters, max_rounds=len(rounds))
    errored = set()
    for one_round in rounds:
        errored |= one_round.errors.keys()
        differences = _differences(one_round, errored)
        for one in series.values():
            value = _add(one, differences)
            if value is not None:
                _append(one, value)
    tested = {key: _summarize(one.differences, parameters, "two-sided")
              for key, one in series.items()
              if not (key[0] == "row" and key[1] in errored)}
    by_family_key = {key: (series[key].summary, series[key].name)
                     for key in tested}
    rejected = _holm_by_family({by_family_key[key]: values[0]
                                for key, values in tested.items()},
                               parameters)
    significant = {key for key in tested if by_family_key[key] in rejected}
    outcomes = {}
    for key, (p_value, estimate, low, high) in tested.items():
        one = series[key]
        sigma = _sigma(one.differences)
        verdict = _verdict(key in significant, estimate, low, high, sigma,
                           parameters)
        base_median, new_median = (None, None) if one.summary else _medians(
            rounds, {paired_rounds.RECORDED}, one.name)
        outcomes[key] = Outcome(
            name=one.name, summary=one.summary, verdict=verdict,
            stage=paired_rounds.RECORDED, change=_relative(estimate),
            low=_relative(low), high=_relative(high), p_value=p_value,
            screening_rounds=one.measured, confirmation_rounds=0,
            dropped=one.dropped,
            detectable=(None if verdict in (Verdict.SLOWER, Verdict.FASTER)
                        else _detectable(sigma, len(one.differences),
                                         parameters)),
            base_median=base_median, new_median=new_median)
    return _decision(parameters, outcomes, rounds,
                     candidates=len(significant), screening_rounds=len(rounds),
                     confirmation_rounds=0)


def _holm_by_family(p_values: dict, parameters: Parameters) -> set:
    """The (summary, name) keys that Holm's procedure rejects within the
    family of summaries and that of rows, each at its share of ALPHA."""
    alphas = _family_alphas(p_values, parameters)
    return set().union(*(
        _holm({key: p for key, p in p_values.items() if key[0] == kind},
              alpha) for kind, alpha in alphas.items()))


def _holm(p_values: dict, alpha: float) -> set:
    """The keys whose p-values Holm's step-down procedure rejects at
    family-wise alpha."""
    ordered = sorted(p_values, key=p_values.__getitem__)
    rejected = set()
    for index, key in enumerate(ordered):
        if p_values[key] >= alpha / (len(ordered) - index):
            break
        rejected.add(key)
    return rejected


def _verdict(significant: bool, estimate: float, low: float, high: float,
             sigma: float, parameters: Parameters) -> Verdict:
    """Slower or faster when significant and at least the margin; else the
    same when the interval lies inside the equivalence bound; else
    undecided."""
    if significant and abs(estimate) >= _margin(sigma, parameters):
        return Verdict.SLOWER if estimate > 0 else Verdict.FASTER
    bound = _equivalence_bound(sigma, parameters)
    if -bound < low and high < bound:
        return Verdict.SAME
    return Verdict.UNDECIDED


def _screened_outcome(series: _Series, parameters: Parameters) -> Outcome:
    """The outcome of a series that screening found the same or left
    undecided (a series still running when the rounds ran out is
    undecided)."""
    sample = series.differences
    if len(sample) >= parameters.first_look:
        p_value, estimate, low, high, sigma = (
            series.p_value, series.estimate, series.low, series.high,
            series.sigma)
    else:
        p_value, estimate, low, high = _summarize(sample, parameters,
                                                  "two-sided")
        sigma = _sigma(sample)
    verdict = Verdict.SAME if series.status == _SAME else Verdict.UNDECIDED
    return Outcome(
        name=series.name, summary=series.summary, verdict=verdict,
        stage=SCREENING, change=_relative(estimate), low=_relative(low),
        high=_relative(high), p_value=p_value,
        screening_rounds=series.measured, confirmation_rounds=0,
        dropped=series.dropped,
        detectable=_detectable(sigma, len(sample), parameters),
        base_median=None, new_median=None)


def _confirmed_outcome(series: _Series, fresh: _Series, direction: str,
                       significant: bool,
                       parameters: Parameters) -> Outcome:
    """The outcome of a candidate, from its fresh pairs only."""
    p_value, estimate, low, high = _summarize(fresh.differences, parameters,
                                              direction)
    sigma = _sigma(series.differences + fresh.differences)
    agrees = (estimate > 0) == (direction == "greater")
    verdict = _verdict(significant and agrees, estimate, low, high, sigma,
                       parameters)
    decided = verdict in (Verdict.SLOWER, Verdict.FASTER)
    return Outcome(
        name=series.name, summary=series.summary, verdict=verdict,
        stage=CONFIRMATION, change=_relative(estimate), low=_relative(low),
        high=_relative(high), p_value=p_value,
        screening_rounds=series.measured,
        confirmation_rounds=fresh.measured,
        dropped=series.dropped + fresh.dropped,
        detectable=None if decided else _detectable(
            sigma, len(fresh.differences), parameters),
        base_median=None, new_median=None)
