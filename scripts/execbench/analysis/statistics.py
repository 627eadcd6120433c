"""Statistics of repeated measurements: intervals of medians, and of
rates.

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

A rate of k successes in n independent trials gets the exact
Clopper-Pearson interval (Clopper and Pearson, Biometrika 1934): the
Beta quantiles [B(a/2; k, n-k+1), B(1-a/2; k+1, n-k)], 0 when k = 0 and 1
when k = n; it covers the true rate with probability at least 1 - a.
"""

import dataclasses
import functools
import math

from scipy import stats

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


@dataclasses.dataclass(frozen=True)
class Rate:
    """k successes in n trials, with the rate's exact interval."""

    count: int
    trials: int
    low: float
    high: float

    @property
    def share(self) -> float:
        return self.count / self.trials if self.trials else math.nan


def binomial_rate(count: int, trials: int,
                  confidence: float = CONFIDENCE) -> Rate:
    """count of trials with the Clopper-Pearson interval of the module
    docstring."""
    tail = (1 - confidence) / 2
    low = (0.0 if count == 0
           else float(stats.beta.ppf(tail, count, trials - count + 1)))
    high = (1.0 if count == trials
            else float(stats.beta.ppf(1 - tail, count + 1, trials - count)))
    return Rate(count=count, trials=trials, low=low, high=high)
