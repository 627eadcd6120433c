"""Which executor and worker count to use, per workload, on the measured
machine: the model behind scripts/advise, the report's first table and its
summary figure.

For every workload of the grid (<Workload>/<Executor>/workers:<W>), from
its benchmarks measured without error, each choice is judged against the
fastest (the lowest median wall time per batch):

  as fast      its 95% interval of the median (statistics.py) overlaps the
               fastest's, and its median is within TOLERANCE of the
               fastest's. Overlap alone is not enough: two wide intervals
               overlap even when one median is 55% above the other.
  slower       the intervals do not overlap: slower beyond doubt.
  cannot tell  the intervals overlap but the median is more than TOLERANCE
               above, or a side has too few repetitions for an interval.

The answer never follows noise:
  - When the workload has Serial at workers:1 and the fastest is not shown
    faster than it (its speedup interval, speedups.py, reaches down to 1,
    the speedup is under 1 + TOLERANCE, or too few repetitions give no
    interval), the answer is Serial: parallelism does not pay here.
  - Otherwise it is the cheapest of the choices as fast as the fastest that
    are themselves shown faster than Serial: the fewest workers, then the
    least CPU time per batch (cpu_per_wall x median wall time), then the
    lowest median. Often that is the fastest itself.

Why the answer, what to avoid and which batches show it, in a few words
from the run's counters, are reasons.py's.
"""

import dataclasses
import enum
import statistics

from execbench.analysis import speedups
from execbench.inputs import bench_json

# A median this share above the fastest's is not "as fast", and a speedup
# below 1 + TOLERANCE is no gain worth a parallel executor.
TOLERANCE = 0.05
_COUNTERS = ("cpu_per_wall", "startup_s", "utilization", "tasks",
             "bytes_moved", "move_s")


class Verdict(enum.Enum):
    """A choice against the fastest of its workload."""

    AS_FAST = "as fast"
    CANNOT_TELL = "cannot tell"
    SLOWER = "slower"


@dataclasses.dataclass(frozen=True)
class Choice:
    """One benchmark as a choice, with the medians of its counters."""

    point: object  # speedups.Point.
    counters: dict  # Counter name -> median over repetitions.

    @property
    def label(self) -> str:
        """"Threads with 2 workers"; "Serial" for the baseline."""
        if self.point.is_baseline:
            return speedups.BASELINE_EXECUTOR
        workers = self.point.workers
        return (f"{self.point.executor} with {workers} "
                f"worker{'s' if workers != 1 else ''}")

    @property
    def short_label(self) -> str:
        """"Threads 2"; "Serial" for the baseline."""
        if self.point.is_baseline:
            return speedups.BASELINE_EXECUTOR
        return f"{self.point.executor} {self.point.workers}"

    @property
    def cpu_s_per_batch(self) -> float | None:
        """cpu_per_wall x median wall time; None without cpu_per_wall."""
        if "cpu_per_wall" not in self.counters:
            return None
        return self.counters["cpu_per_wall"] * self.point.median_s

    @property
    def startup_share(self) -> float | None:
        """Start-up's share of the median wall time; None without it."""
        if "startup_s" not in self.counters or self.point.median_s <= 0:
            return None
        return self.counters["startup_s"] / self.point.median_s

    @property
    def move_share(self) -> float | None:
        """The share of its batch's CPU time (of its wall time, without
        cpu_per_wall) spent moving payloads (move_s, with bench's
        --arg_bytes or --result_bytes), at most 1; None without payloads."""
        move_s = self.counters.get("move_s")
        spent = self.cpu_s_per_batch or self.point.median_s
        if move_s is None or spent <= 0:
            return None
        return min(move_s / spent, 1.0)

    @property
    def bytes_moved_per_task(self) -> float | None:
        """Argument and result bytes per task; None without payloads."""
        if not self.counters.get("bytes_moved") or not self.counters.get(
                "tasks"):
            return None
        return self.counters["bytes_moved"] / self.counters["tasks"]

    @property
    def shown_faster_than_serial(self) -> bool:
        """Whether its speedup's interval lies above 1 and the speedup is at
        least 1 + TOLERANCE."""
        interval = self.point.speedup_interval
        return (interval is not None and interval[0] > 1
                and self.point.speedup >= 1 + TOLERANCE)


@dataclasses.dataclass(frozen=True)
class Advice:
    """The advice for one workload."""

    workload: str
    choices: tuple  # Every measured Choice, in speedups.summarize() order.
    fastest: Choice
    answer: Choice
    serial: Choice | None  # Serial at workers:1, if measured.
    cores: int | None  # The machine's num_cpus, if known.

    @property
    def pays(self) -> bool:
        """Whether the answer is a parallel one: not Serial, when the
        workload has Serial."""
        return self.answer is not self.serial

    def verdict(self, choice: Choice) -> Verdict:
        """The choice against the fastest; see the module docstring."""
        return judge(choice, self.fastest)

    def alternatives(self) -> list:
        """The other choices as good as the answer: as fast as the fastest,
        with as many workers, and shown faster than Serial. None for a
        Serial answer."""
        if not self.pays:
            return []
        return [choice for choice in self.choices
                if choice is not self.answer
                and choice.point.workers == self.answer.point.workers
                and self.verdict(choice) is Verdict.AS_FAST
                and (self.serial is None or choice.shown_faster_than_serial)]

    def near_ties(self) -> list:
        """The choices the run cannot tell apart from the fastest, the
        fastest first, then by median: the as fast, then the cannot tell
        whose interval overlaps the fastest's."""
        near = [choice for choice in self.choices
                if self.verdict(choice) is not Verdict.SLOWER]
        return sorted(near, key=lambda choice: (
            choice is not self.fastest, choice.point.median_s))


def judge(choice: Choice, fastest: Choice) -> Verdict:
    """The choice against the fastest; see the module docstring."""
    if choice is fastest:
        return Verdict.AS_FAST
    mine = choice.point.median_interval_s
    best = fastest.point.median_interval_s
    if mine is None or best is None:
        return Verdict.CANNOT_TELL
    if mine.low > best.high:
        return Verdict.SLOWER
    if choice.point.median_s <= (1 + TOLERANCE) * fastest.point.median_s:
        return Verdict.AS_FAST
    return Verdict.CANNOT_TELL


def advise(results, baseline_results=None) -> list:
    """Advice for every workload with a measured grid benchmark.

    Args:
      results: the benchmarks to advise on.
      baseline_results: where the Serial baselines come from, when not from
        `results` (see speedups.summarize).
    """
    counters = {name: results.samples(name) for name in _COUNTERS}
    cores = speedups.core_count(results.context)
    advice = []
    for workload, points in speedups.by_workload(speedups.summarize(
            results, baseline_results=baseline_results)).items():
        choices = tuple(
            Choice(point, {name: statistics.median(samples[point.base_name])
                           for name, samples in counters.items()
                           if point.base_name in samples})
            for point in points if not point.error)
        if choices:
            advice.append(advise_workload(workload, choices, cores))
    return advice


def advise_workload(workload: str, choices: tuple,
                    cores: int | None = None) -> Advice:
    """The advice for one workload's measured choices."""
    fastest = min(choices, key=lambda choice: choice.point.median_s)
    serial = next((choice for choice in choices if choice.point.is_baseline),
                  None)
    if serial is not None and not fastest.shown_faster_than_serial:
        answer = serial
    else:
        candidates = [choice for choice in choices
                      if judge(choice, fastest) is Verdict.AS_FAST
                      and (serial is None or choice.shown_faster_than_serial)]
        answer = min(candidates, key=lambda choice: (
            choice.point.workers, choice.cpu_s_per_batch is None,
            choice.cpu_s_per_batch or 0.0, choice.point.median_s))
    return Advice(workload=workload, choices=choices, fastest=fastest,
                  answer=answer, serial=serial, cores=cores)


def load_advisable(path: str):
    """The results of a JSON file or of a run folder's bench.json, which
    must have measured a benchmark of the grid for advise().

    Raises:
      bench_json.InputError: when the file is bad or has no such benchmark.
    """
    results = bench_json.load_file_or_run(path)
    if not any(run.in_grid for run in results.ok_runs()):
        raise bench_json.InputError(
            f"{results.path} has no measured <Workload>/<Executor>/workers:<W> "
            "benchmark to advise on; run bench without a filter that "
            "excludes them")
    return results
