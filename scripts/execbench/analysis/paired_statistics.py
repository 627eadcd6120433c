"""Statistics of samples of paired differences d_i (the log-ratios of NEW to
BASE, one per round of scripts/ab; paired_verdicts.py decides with them).

Every test and interval here is rank-based, so that a whole-process outlier
(one round where a side ran 30% slow) moves it no more than any other large
value would:

  the Wilcoxon signed-rank test, its p-value from the exact distribution of
    the signed-rank sum (zeros dropped, ties given mid-ranks, as Wilcoxon
    did), not the normal approximation, since n is 6 to 24 here;
  the Hodges-Lehmann estimate of the shift, the median of the Walsh
    averages (d_i + d_j) / 2 over i <= j, and its confidence interval
    between two order statistics of the Walsh averages, from the exact
    distribution of the signed-rank sum (Hollander and Wolfe,
    "Nonparametric Statistical Methods", 3.2-3.3);
  a robust standard deviation, Rousseeuw and Croux's Qn (a quartile of the
    pairwise distances |d_i - d_j|, with its small-sample factors), which
    ignores up to half of the sample being outliers;
  the smallest shift the test detects with a given power, and the pairs
    needed to detect a given shift, from the normal approximation with the
    signed-rank test's efficiency of 3/pi relative to the t-test.

The sample functions take many samples of one size at once, as the rows of
a 2-D array (the rows of a comparison at one look), and return one value
per row: a comparison of 300 benchmarks is decided in milliseconds.
"""

import functools
import math
import statistics

import numpy

# The signed-rank test's asymptotic efficiency relative to the t-test under
# normal noise: it needs pi/3 as many pairs for the same power.
_RANK_EFFICIENCY = 3 / math.pi
# Qn's factor for a consistent estimate of a normal standard deviation, and
# its small-sample corrections (Croux and Rousseeuw, 1992).
_QN_CONSISTENCY = 2.2219
_QN_SMALL_SAMPLE = {2: 0.399, 3: 0.994, 4: 0.512, 5: 0.844, 6: 0.611,
                    7: 0.857, 8: 0.669, 9: 0.872}
_STANDARD_NORMAL = statistics.NormalDist()
ALTERNATIVES = ("two-sided", "greater", "less")


@functools.cache
def _null_tails(doubled_ranks: tuple) -> tuple:
    """(P(T >= t), P(T <= t)) for every t, T the sum of the positive ranks
    (doubled, so that mid-ranks are integers) under the null hypothesis:
    each of the 2^n sign assignments equally likely."""
    counts = numpy.zeros(sum(doubled_ranks) + 1)
    counts[0] = 1
    reach = 0
    for rank in doubled_ranks:
        counts[rank:reach + rank + 1] += counts[:reach + 1].copy()
        reach += rank
    probabilities = counts / counts.sum()
    return (numpy.cumsum(probabilities[::-1])[::-1],
            numpy.cumsum(probabilities))


def _untied_ranks(count: int) -> tuple:
    return tuple(range(2, 2 * count + 1, 2))


def _doubled_midranks(values: numpy.ndarray) -> numpy.ndarray:
    """The ranks of the values (1 for the smallest), doubled, ties given
    the mean of their ranks."""
    order = numpy.argsort(values, kind="stable")
    ordered = values[order]
    doubled = numpy.empty(len(values), dtype=int)
    start = 0
    while start < len(ordered):
        end = start
        while end + 1 < len(ordered) and ordered[end + 1] == ordered[start]:
            end += 1
        doubled[order[start:end + 1]] = start + end + 2
        start = end + 1
    return doubled


def _p_value(at_least: numpy.ndarray, at_most: numpy.ndarray,
             alternative: str) -> numpy.ndarray:
    if alternative == "greater":
        return at_least
    if alternative == "less":
        return at_most
    return numpy.minimum(1.0, 2 * numpy.minimum(at_least, at_most))


def signed_rank_p(samples, alternative: str = "two-sided") -> numpy.ndarray:
    """The exact p-value of the Wilcoxon signed-rank test that each row is
    centred on 0.

    Args:
      samples: a 2-D array, one sample per row.
      alternative: "two-sided", "greater" (centred above 0) or "less".
    """
    samples = numpy.asarray(samples, dtype=float)
    count, size = samples.shape
    magnitudes = numpy.abs(samples)
    ordered = numpy.sort(magnitudes, axis=1)
    plain = (ordered[:, 0] > 0) & numpy.all(numpy.diff(ordered, axis=1) > 0,
                                            axis=1)
    p_values = numpy.ones(count)
    if plain.any():
        ranks = numpy.argsort(numpy.argsort(magnitudes[plain], axis=1),
                              axis=1) + 1
        positive = numpy.where(samples[plain] > 0, 2 * ranks, 0).sum(axis=1)
        at_least, at_most = _null_tails(_untied_ranks(size))
        p_values[plain] = _p_value(at_least[positive], at_most[positive],
                                   alternative)
    for row in numpy.flatnonzero(~plain):
        nonzero = samples[row][samples[row] != 0]
        if nonzero.size == 0:
            continue
        doubled = _doubled_midranks(numpy.abs(nonzero))
        positive = int(doubled[nonzero > 0].sum())
        at_least, at_most = _null_tails(tuple(sorted(doubled.tolist())))
        p_values[row] = _p_value(at_least[positive], at_most[positive],
                                 alternative)
    return p_values


def fewest_pairs(alpha: float, against: int = 0) -> int:
    """The fewest nonzero differences with which the exact one-sided test
    can give a p-value below alpha, even when the `against` largest of them
    have the other sign (whole-process outliers against the change)."""
    count = max(1, against)
    while True:
        at_least, _ = _null_tails(_untied_ranks(count))
        # The doubled ranks of all but the `against` largest, summed.
        reachable = count * (count + 1) - against * (2 * count - against + 1)
        if reachable > 0 and at_least[reachable] < alpha:
            return count
        count += 1


@functools.cache
def _interval_rank(count: int, confidence: float) -> int:
    """The 1-based rank k of the Walsh average that bounds the interval from
    below (the upper bound is the k-th from the top): the largest k with
    P(T <= k - 1) <= (1 - confidence) / 2 under the null, T the untied
    signed-rank sum. 0 when even the extremes do not reach the confidence."""
    _, at_most = _null_tails(_untied_ranks(count))
    # The ranks are doubled, so the sum s sits at index 2 s.
    reached = numpy.flatnonzero(at_most[::2] <= (1 - confidence) / 2)
    return int(reached[-1]) + 1 if reached.size else 0


@functools.cache
def _pairs(size: int, with_self: bool) -> tuple:
    """The indices (i, j) of the pairs i < j, or i <= j, of a sample."""
    return numpy.triu_indices(size, k=0 if with_self else 1)


def hodges_lehmann(samples, confidence: float) -> tuple:
    """(estimates, lows, highs): for each row, the Hodges-Lehmann estimate of
    its centre (the median of its Walsh averages) and the confidence
    interval of it; (-inf, inf) when the sample is too small for one."""
    samples = numpy.asarray(samples, dtype=float)
    size = samples.shape[1]
    first, second = _pairs(size, with_self=True)
    walsh = numpy.sort((samples[:, first] + samples[:, second]) / 2, axis=1)
    estimates = numpy.median(walsh, axis=1)
    rank = _interval_rank(size, confidence)
    if rank == 0:
        infinite = numpy.full(len(samples), math.inf)
        return estimates, -infinite, infinite
    return estimates, walsh[:, rank - 1], walsh[:, walsh.shape[1] - rank]


def robust_sd(samples) -> numpy.ndarray:
    """Rousseeuw and Croux's Qn estimate of each row's standard deviation;
    NaN for rows of fewer than 2 values."""
    samples = numpy.asarray(samples, dtype=float)
    count, size = samples.shape
    if size < 2:
        return numpy.full(count, math.nan)
    first, second = _pairs(size, with_self=False)
    distances = numpy.abs(samples[:, first] - samples[:, second])
    half = size // 2 + 1
    rank = half * (half - 1) // 2 - 1
    quartile = numpy.partition(distances, rank, axis=1)[:, rank]
    if size in _QN_SMALL_SAMPLE:
        small_sample = _QN_SMALL_SAMPLE[size]
    elif size % 2:
        small_sample = size / (size + 1.4)
    else:
        small_sample = size / (size + 3.8)
    return _QN_CONSISTENCY * small_sample * quartile


@functools.cache
def _z(probability: float) -> float:
    return _STANDARD_NORMAL.inv_cdf(probability)


def minimum_detectable_shift(sigma: float, count: int, alpha: float,
                             power: float) -> float:
    """The smallest shift that the two-sided test at alpha detects with this
    power from count differences of standard deviation sigma:
    (z(1 - alpha/2) + z(power)) sigma / sqrt(count 3/pi); infinite without
    a sample or an estimate of sigma."""
    if count < 1 or math.isnan(sigma):
        return math.inf
    return ((_z(1 - alpha / 2) + _z(power)) * sigma
            / math.sqrt(count * _RANK_EFFICIENCY))


def pairs_for_power(shift: float, sigma: float, alpha: float,
                    power: float) -> float:
    """How many differences the one-sided test at alpha needs to detect this
    shift with this power (the inverse of minimum_detectable_shift);
    infinite for no shift or no estimate of sigma."""
    if shift == 0 or math.isnan(sigma):
        return math.inf
    return (((_z(1 - alpha) + _z(power)) * sigma / abs(shift)) ** 2
            / _RANK_EFFICIENCY)
