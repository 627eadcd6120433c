"""Statistics of repeated measurements: intervals of medians, comparisons.

Intervals. The 95% confidence interval of a median is nonparametric, from
order statistics, as in Le Boudec, "Performance Evaluation of Computer and
Communication Systems" (2010), Theorem 2.1 and Table A.1, and as
LibSciBench (Hoefler and Belli, SC'15) computes it: with the n samples
sorted, x(1) <= ... <= x(n), the number of samples below the true median is
Binomial(n, 1/2), so [x(j), x(n+1-j)] covers it with probability
1 - 2 P(B <= j-1). We take the exact binomial, not its normal approximation
(ranks around n/2 -+ 1.96 sqrt(n)/2), and the largest j whose coverage is
still at least the level: n=6 gives ranks (1, 6), n=10 (2, 9), n=20 (6, 15),
n=100 (40, 61). With n < 6 even [min, max] covers the median with
probability 1 - 2/2^n < 95%, so there is no 95% interval at all: the result
is None ("unavailable"), never a narrower interval with a false label.

Comparisons. Each side is the list of per-repetition samples of one metric. The medians
give the relative change; a two-sided Mann-Whitney U test over the
repetitions gives the p-value. As in criterion.rs, a change counts only when
it is both statistically significant (p < alpha) and larger than the noise
floor; otherwise it is "no significant change". When the sample sizes are so
small that even perfectly separated samples could not reach p < alpha, the
test is not run and the verdict says so instead of guessing.
"""

import dataclasses
import enum
import functools
import math

import numpy
from scipy import stats


class Verdict(enum.Enum):
    SLOWER = "slower"
    FASTER = "faster"
    UNCHANGED = "no significant change"
    TOO_FEW_REPETITIONS = "too few repetitions"


@dataclasses.dataclass(frozen=True)
class Comparison:
    """The outcome of comparing one benchmark's samples between two runs."""

    base_median: float
    new_median: float
    change: float  # (new - base) / base of the medians.
    p_value: float | None  # None when too few repetitions to test.
    verdict: Verdict
    base_count: int
    new_count: int

    def describe_verdict(self) -> str:
        """The verdict as shown to users, with sample sizes when too few."""
        if self.verdict is not Verdict.TOO_FEW_REPETITIONS:
            return self.verdict.value
        if self.base_count == self.new_count:
            counts = str(self.base_count)
        else:
            counts = f"{self.base_count} vs {self.new_count}"
        return f"{self.verdict.value} (n={counts})"


CONFIDENCE = 0.95


@dataclasses.dataclass(frozen=True)
class Interval:
    """A confidence interval [low, high] of a median."""

    low: float
    high: float
    ranks: tuple  # (j, k): 1-based ranks of low and high in the sorted sample.
    coverage: float  # Exact probability that it covers the true median.

    def relative_half_width(self, center: float) -> float:
        """Half the interval's width over center (e.g. the median)."""
        if center == 0:
            return 0.0 if self.high == self.low else math.inf
        return (self.high - self.low) / 2 / abs(center)


@functools.cache
def median_interval_ranks(count: int,
                          confidence: float = CONFIDENCE) -> tuple | None:
    """(j, k), the 1-based ranks of the median's interval; None if none exists.

    The exact binomial interval of the module docstring: the narrowest
    symmetric ranks (j, count + 1 - j) whose coverage is >= confidence.
    """
    ranks = None
    for low_rank in range(1, count // 2 + 1):
        if _rank_coverage(count, low_rank) < confidence:
            break
        ranks = (low_rank, count + 1 - low_rank)
    return ranks


def median_interval(samples, confidence: float = CONFIDENCE) -> Interval | None:
    """The median's confidence interval; None when too few samples for one."""
    ranks = median_interval_ranks(len(samples), confidence)
    if ranks is None:
        return None
    ordered = sorted(samples)
    return Interval(low=float(ordered[ranks[0] - 1]),
                    high=float(ordered[ranks[1] - 1]), ranks=ranks,
                    coverage=_rank_coverage(len(samples), ranks[0]))


def minimum_count_for_interval(confidence: float = CONFIDENCE) -> int:
    """The fewest samples for which a median interval at confidence exists."""
    count = 1
    while median_interval_ranks(count, confidence) is None:
        count += 1
    return count


def _rank_coverage(count: int, low_rank: int) -> float:
    """P(x(low_rank) <= true median <= x(count + 1 - low_rank))."""
    return float(1 - 2 * stats.binom.cdf(low_rank - 1, count, 0.5))


def higher_is_better(metric: str) -> bool:
    """Whether a larger value of the metric means better performance."""
    return metric.endswith("_per_s")


def median(samples: list[float]) -> float:
    """The median of a non-empty sample."""
    return float(numpy.median(samples))


def relative_change(base: float, new: float) -> float:
    """(new - base) / base; infinite when only the base is zero."""
    if base == 0:
        return 0.0 if new == 0 else math.copysign(math.inf, new)
    return (new - base) / base


def mann_whitney_p_value(base: list[float], new: list[float]) -> float:
    """Two-sided Mann-Whitney U p-value; 1.0 when the samples are all ties."""
    p_value = stats.mannwhitneyu(base, new, alternative="two-sided").pvalue
    return 1.0 if math.isnan(p_value) else float(p_value)


@functools.cache
def minimum_p_value(base_count: int, new_count: int) -> float:
    """The smallest p-value the test can give for these sample sizes.

    That is the p-value of two samples that do not overlap at all, computed
    the same way (exact or asymptotic) as for real samples of these sizes.
    """
    if base_count == 0 or new_count == 0:
        return 1.0
    separated_base = list(range(base_count))
    separated_new = list(range(base_count, base_count + new_count))
    return mann_whitney_p_value(separated_base, separated_new)


def repetitions_needed(alpha: float) -> int:
    """The fewest repetitions per side with which the test can reach alpha."""
    repetitions = 1
    while minimum_p_value(repetitions, repetitions) >= alpha:
        repetitions += 1
    return repetitions


def compare_samples(base: list[float], new: list[float], *, alpha: float,
                    noise: float, higher_better: bool = False) -> Comparison:
    """Compares two samples of one metric; see the module docstring.

    Args:
      base: the metric's per-repetition values in the base run (non-empty).
      new: the metric's per-repetition values in the new run (non-empty).
      alpha: significance level of the two-sided test.
      noise: relative changes within +-noise never count as a change.
      higher_better: whether larger values mean better performance (for
        throughput counters); otherwise smaller is better (times).
    """
    base_median = median(base)
    new_median = median(new)
    change = relative_change(base_median, new_median)
    if minimum_p_value(len(base), len(new)) >= alpha:
        p_value = None
        verdict = Verdict.TOO_FEW_REPETITIONS
    else:
        p_value = mann_whitney_p_value(base, new)
        if p_value >= alpha or abs(change) <= noise:
            verdict = Verdict.UNCHANGED
        elif (change > 0) == higher_better:
            verdict = Verdict.FASTER
        else:
            verdict = Verdict.SLOWER
    return Comparison(base_median=base_median, new_median=new_median,
                      change=change, p_value=p_value, verdict=verdict,
                      base_count=len(base), new_count=len(new))
