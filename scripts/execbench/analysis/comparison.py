"""The comparison of two benchmark records: the model behind scripts/compare.

For every benchmark measured without error in both, the medians over
repetitions, their relative change, the two-sided Mann-Whitney U p-value and
a verdict (statistics.py says how the verdict is reached). Benchmarks on one
side only and benchmarks that errored are kept apart. The caveats are what
the comparison is to be read with: records that measured different or
unknown sizes (inputs/sizes.py), a whole run taken on a noisy machine, and
compared benchmarks whose repetitions show one (machine_health.py). See
docs/regressions.md.
"""

import dataclasses
import math

from execbench.analysis import machine_health
from execbench.analysis import statistics
from execbench.inputs import bench_json
from execbench.inputs import environment
from execbench.inputs import sizes

# The metric of wall time; any other is a counter.
WALL_TIME = "real_time_s"


@dataclasses.dataclass(frozen=True)
class Report:
    """The comparison of every benchmark of two records."""

    metric: str
    alpha: float
    noise: float
    comparisons: dict  # base_name -> statistics.Comparison, in name order.
    only_in_base: list  # base_names, in name order.
    only_in_new: list
    errors: list  # (base_name, "BASE" or "NEW", message), sorted.

    def with_verdict(self, verdict: statistics.Verdict) -> list:
        """The names of the benchmarks that got this verdict."""
        return [name for name, comparison in self.comparisons.items()
                if comparison.verdict is verdict]

    def geometric_mean_ratio(self) -> float | None:
        """The geometric mean over benchmarks of NEW median / BASE median,
        of those where both are positive; None when there is none."""
        logs = [math.log(comparison.new_median / comparison.base_median)
                for comparison in self.comparisons.values()
                if comparison.base_median > 0 and comparison.new_median > 0]
        return math.exp(sum(logs) / len(logs)) if logs else None


@dataclasses.dataclass(frozen=True)
class Caveats:
    """What a comparison is to be read with."""

    warnings: tuple  # Lines that every output starts with.
    # (base_name, "BASE" or "NEW", [note]) of compared benchmarks whose
    # repetitions show a noisy machine (machine_health.noisy_benchmarks).
    noisy: list


def compare_results(base: bench_json.Results, new: bench_json.Results, *,
                    metric: str = WALL_TIME, alpha: float = 0.05,
                    noise: float = 0.05) -> Report:
    """Compares every benchmark that both records measured without error."""
    errored = {(name, side, message)
               for side, record in (("BASE", base), ("NEW", new))
               for name, message in record.errors().items()}
    errored_names = {name for name, _, _ in errored}
    base_samples = _without(base.samples(metric), errored_names)
    new_samples = _without(new.samples(metric), errored_names)
    higher_better = statistics.higher_is_better(metric)
    comparisons = {
        name: statistics.compare_samples(
            base_samples[name], new_samples[name], alpha=alpha, noise=noise,
            higher_better=higher_better)
        for name in sorted(base_samples.keys() & new_samples.keys(),
                           key=bench_json.name_order)}
    return Report(metric=metric, alpha=alpha, noise=noise,
                  comparisons=comparisons,
                  only_in_base=sorted(base_samples.keys() - new_samples.keys(),
                                      key=bench_json.name_order),
                  only_in_new=sorted(new_samples.keys() - base_samples.keys(),
                                     key=bench_json.name_order),
                  errors=sorted(errored))


def _without(samples: dict, names: set) -> dict:
    return {name: values for name, values in samples.items()
            if name not in names}


def collect_caveats(base: bench_json.Results, new: bench_json.Results,
                    report: Report, *, allow_different_sizes: bool,
                    allow_different_environment: bool = False) -> Caveats:
    """The warnings of a different environment (inputs/environment.py), of
    different or unknown sizes (size_warnings) and of a noisy machine
    during a whole run (machine_health.run_notes), and the compared
    benchmarks of the report whose repetitions show a noisy machine.

    Raises:
      bench_json.InputError: when the environments or the sizes differ and
        that is not allowed.
    """
    sides = (("BASE", base), ("NEW", new))
    warnings = list(filter(None, [environment.check(
        base.context, new.context, what="BASE and NEW",
        how_to_fix="compare records of one machine and build setup",
        allowed=allow_different_environment)]))
    warnings += size_warnings(base, new,
                              allow_different=allow_different_sizes)
    warnings += [f"{side} was taken on a noisy machine: {note}"
                 for side, record in sides
                 for note in machine_health.run_notes(record.context)]
    noisy = [(name, side, notes) for side, record in sides
             for name, notes in machine_health.noisy_benchmarks(record).items()
             if name in report.comparisons]
    return Caveats(warnings=tuple(warnings), noisy=noisy)


def size_warnings(base: bench_json.Results, new: bench_json.Results, *,
                  allow_different: bool) -> list:
    """The warnings about the sizes BASE and NEW measured.

    Raises:
      bench_json.InputError: when the sizes differ and that is not allowed.
    """
    different = sizes.check(
        [base, new], what="BASE and NEW ran",
        how_to_fix=("compare records made with the same flags, or pass "
                    "--allow-different-sizes"),
        allowed=allow_different)
    warnings = [different] if different else []
    unknown = [side for side, record in (("BASE", base), ("NEW", new))
               if sizes.size_flags(record.context) is None]
    if unknown:
        warnings.append(
            f"Warning: the sizes of {' and '.join(unknown)} are unknown "
            f"(no {sizes.FLAG_PREFIX}* in the context: recorded before bench "
            "reported its flags); check that both ran the same flags")
    return warnings


def check_metric(record: bench_json.Results, side: str, metric: str) -> None:
    """Raises InputError unless the record has the metric for some benchmark."""
    if metric == WALL_TIME or record.samples(metric) or not record.ok_runs():
        return
    counters = sorted({counter for run in record.ok_runs()
                       for counter in run.counters})
    raise bench_json.InputError(
        f"{side} {record.path} has no counter {metric!r}; use --metric with "
        f"one of: {', '.join([WALL_TIME, *counters])}")
