"""Loads the Google Benchmark JSON that `bench --benchmark_out=FILE` writes.

Reads the layouts of Google Benchmark 1.7 (Debian 12) and 1.8/1.9 alike: the
latter add context keys (`library_version`, `json_schema_version`, ...) and
report `SkipWithMessage` as `"skipped": true, "skip_message": ...` next to
the `"error_occurred": true, "error_message": ...` of errors; both count as
errors here, since neither was measured.

Benchmark names are parsed in one place, parse_benchmark_name: the suite's
grid is <Workload>/<Executor>/workers:<W>, a sweep adds `key:value` parts
after the workers (Granularity/Threads/workers:2/task_us:0.5), and other
benchmarks (the suite's checks of itself) have other names.

Every iteration row becomes a BenchmarkRun; aggregate rows (mean, median, ...)
are dropped, except that a benchmark reported only by its aggregates
(`--benchmark_report_aggregates_only`) gets its median as its single run.
A number that a run takes (the times, a counter, the repetition index) must
be finite: NaN or infinity there is refused, naming the benchmark and the
field, while the other aggregates may hold NaN, as Google Benchmark writes
for the cv of a counter whose mean is 0. Anything wrong with the file raises
InputError, whose text is one line for the user saying what is wrong and how
to fix it.
"""

import dataclasses
import json
import math
import os
import re

# The Google Benchmark JSON in a run folder of scripts/run.
RUN_FOLDER_FILE = "bench.json"
SECONDS_PER_TIME_UNIT = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}

# Keys of a benchmark row that Google Benchmark itself writes; every other
# numeric key is a user counter.
_LIBRARY_KEYS = frozenset({
    "name", "family_index", "per_family_instance_index", "run_name",
    "run_type", "repetitions", "repetition_index", "threads",
    "aggregate_name", "aggregate_unit", "error_occurred", "error_message",
    "skipped", "skip_message", "iterations", "real_time", "cpu_time",
    "time_unit", "cpu_coefficient", "real_coefficient", "big_o", "rms",
    "allocs_per_iter", "max_bytes_used", "total_allocated_bytes",
    "net_heap_growth", "label",
})
_TIMING_SUFFIX = re.compile(r"/(manual_time|real_time)$")
_WORKERS = re.compile(r"^workers:(\d+)$")
_KEY_VALUE = re.compile(r"^(?P<key>[A-Za-z_]\w*):(?P<value>[^/:]+)$")
_HOW_TO_WRITE = ("write it with bench --benchmark_out=FILE "
                 "--benchmark_out_format=json")


class InputError(Exception):
    """Bad input; str(e) is one line for the user."""


@dataclasses.dataclass(frozen=True)
class BenchmarkName:
    """The parts of a benchmark name; see parse_benchmark_name."""

    base_name: str  # Without the timing suffix: "Cpu/Threads/workers:2".
    workload: str  # "Cpu": the first part.
    executor: str  # "Threads": the second part; "" when there is none.
    workers: int  # 2; 1 when the name does not say.
    # The `key:value` parts after workers:<W>, in order, values as written:
    # {"task_us": "0.5"} for Granularity/Threads/workers:2/task_us:0.5.
    params: dict
    # Whether the name is <Workload>/<Executor>/workers:<W>, then any
    # `key:value` parts: a workload run on an executor.
    on_executor: bool

    @property
    def in_grid(self) -> bool:
        """Whether the name is exactly <Workload>/<Executor>/workers:<W>."""
        return self.on_executor and not self.params


def parse_benchmark_name(name: str) -> BenchmarkName:
    """Splits a benchmark name, with or without /manual_time, into its parts.

    "Granularity/Threads/workers:2/task_us:0.5/manual_time" gives workload
    "Granularity", executor "Threads", workers 2, params {"task_us": "0.5"}.
    Names of another shape ("ApiServer/concurrent_clients:16") still get a
    workload (the first part) and an executor (the second, if any), but
    on_executor is False and params is empty.
    """
    base_name = strip_timing_suffix(name)
    parts = base_name.split("/")
    workers_match = _WORKERS.match(parts[2]) if len(parts) > 2 else None
    extras = [_KEY_VALUE.match(part) for part in parts[3:]]
    on_executor = (workers_match is not None
                   and ":" not in parts[1] and all(extras))
    return BenchmarkName(
        base_name=base_name, workload=parts[0],
        executor=parts[1] if len(parts) > 1 else "",
        workers=int(workers_match.group(1)) if workers_match else 1,
        params=({match["key"]: match["value"] for match in extras}
                if on_executor else {}),
        on_executor=on_executor)


@dataclasses.dataclass(frozen=True)
class BenchmarkRun:
    """One repetition of one benchmark."""

    name: str  # As in the JSON: "Cpu/Threads/workers:2/manual_time".
    base_name: str  # Without the timing suffix: "Cpu/Threads/workers:2".
    workload: str  # "Cpu".
    executor: str  # "Threads"; "" when the name has a single part.
    workers: int  # 2; 1 when the name does not say.
    params: dict  # The name's `key:value` parts after workers:<W>.
    repetition_index: int  # 0 when absent.
    real_time_s: float  # Wall time of one batch in seconds; NaN if errored.
    counters: dict  # Counter name -> float.
    error: str | None  # Why the run failed or was skipped, or None.

    @property
    def in_grid(self) -> bool:
        """Whether base_name is exactly <Workload>/<Executor>/workers:<W>;
        a sweep's rows, which have more parts (see params), are not."""
        return parse_benchmark_name(self.base_name).in_grid


@dataclasses.dataclass
class Results:
    """The runs of one results file."""

    path: str
    context: dict
    runs: list  # BenchmarkRun for every iteration row, errored ones included.

    def ok_runs(self) -> list:
        """The runs without an error."""
        return [run for run in self.runs if run.error is None]

    def errors(self) -> dict:
        """base_name -> error message, for every benchmark with a failed run."""
        return {run.base_name: run.error for run in self.runs if run.error}

    def samples(self, metric: str = "real_time_s") -> dict:
        """base_name -> the metric over repetitions, from runs without error.

        Args:
          metric: "real_time_s" or a counter name; runs without that counter
            are left out.
        """
        samples = {}
        for run in self.ok_runs():
            if metric == "real_time_s":
                value = run.real_time_s
            elif metric in run.counters:
                value = run.counters[metric]
            else:
                continue
            samples.setdefault(run.base_name, []).append(value)
        return samples

    def filtered(self, regex: str) -> "Results":
        """The runs whose base_name matches re.search(regex)."""
        pattern = compile_filter(regex)
        runs = [run for run in self.runs if pattern.search(run.base_name)]
        return Results(path=self.path, context=self.context, runs=runs)


def compile_filter(regex: str) -> re.Pattern:
    """The compiled regex; InputError if it is not a valid one."""
    try:
        return re.compile(regex)
    except re.error as error:
        raise InputError(f"invalid regular expression {regex!r}: {error}; "
                         "use Python re syntax, e.g. 'Cpu|Noop'") from None


def name_order(name: str) -> list:
    """A sort key for benchmark names: text by text, numbers by value, so
    that concurrent_clients:16 comes before concurrent_clients:256."""
    return [int(part) if part.isdigit() else part
            for part in re.split(r"(\d+)", name)]


def strip_timing_suffix(name: str) -> str:
    """The benchmark name without Google Benchmark's /manual_time suffix."""
    return _TIMING_SUFFIX.sub("", name)


def read_json(path: str, how_to_make: str):
    """The parsed content of a JSON file; InputError if unreadable or invalid.

    Args:
      path: the file.
      how_to_make: how the user gets a good file, ending the error messages.
    """
    try:
        with open(path, encoding="utf-8") as file:
            text = file.read()
    except OSError as error:
        raise InputError(
            f"cannot read {path}: {error.strerror}; {how_to_make}") from None
    except UnicodeDecodeError:
        raise InputError(f"{path} is not UTF-8 text; {how_to_make}") from None
    if not text.strip():
        raise InputError(f"{path} is empty; {how_to_make}")
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(
            f"{path} is not valid JSON ({error.msg} at line {error.lineno} "
            f"column {error.colno}; truncated by an interrupted run?); "
            f"{how_to_make}") from None


def load_results(path: str) -> Results:
    """Reads a Google Benchmark JSON file; see the module docstring."""
    document = read_json(path, _HOW_TO_WRITE)
    if isinstance(document, dict) and "format" in document:
        raise InputError(
            f"{path} is not Google Benchmark JSON but a "
            f"{document['format']!r} file; {_HOW_TO_WRITE}")
    if (not isinstance(document, dict)
            or not isinstance(document.get("benchmarks"), list)
            or not isinstance(document.get("context"), dict)):
        raise InputError(
            f"{path} is not Google Benchmark JSON (it needs a \"context\" "
            f"object and a \"benchmarks\" list); {_HOW_TO_WRITE}")
    rows = document["benchmarks"]
    if not rows:
        raise InputError(
            f"{path} has no benchmark results; check that "
            "--benchmark_filter matches some benchmarks and re-run bench")
    for index, row in enumerate(rows):
        _check_row(path, index, row)
    return Results(path=path, context=document["context"],
                   runs=_runs_from_rows(path, rows))


def load_file_or_run(path: str) -> Results:
    """The results of a JSON file, or of a run folder's bench.json."""
    if os.path.isdir(path):
        path = os.path.join(path, RUN_FOLDER_FILE)
    return load_results(path)


def _check_row(path: str, index: int, row) -> None:
    """Raises InputError unless the row looks like a Google Benchmark row."""
    where = f"{path}: benchmark entry {index + 1}"
    if not isinstance(row, dict) or not isinstance(row.get("name"), str):
        raise InputError(f"{where} has no \"name\"; {_HOW_TO_WRITE}")
    if not is_number(row.get("repetition_index", 0)):
        raise InputError(
            f"{where} ({row['name']}) has a non-numeric \"repetition_index\"; "
            f"{_HOW_TO_WRITE}")
    if is_failed_row(row):
        return
    if not is_number(row.get("real_time")):
        raise InputError(
            f"{where} ({row['name']}) has no numeric \"real_time\"; "
            f"{_HOW_TO_WRITE}")
    if row.get("time_unit") not in SECONDS_PER_TIME_UNIT:
        raise InputError(
            f"{where} ({row['name']}) has time_unit "
            f"{row.get('time_unit')!r}, not one of ns, us, ms, s; "
            f"{_HOW_TO_WRITE}")


def _runs_from_rows(path: str, rows: list) -> list:
    """Runs from the iteration rows, or the median rows where only those are.

    Raises:
      InputError: when a number that a run takes is not finite.
    """
    iterated = {_run_name(row) for row in rows if not _is_aggregate(row)}
    runs = []
    for row in rows:
        if not _is_aggregate(row):
            name = row["name"]
        elif (_run_name(row) not in iterated
              and row.get("aggregate_name") == "median"):
            name = _run_name(row)
        else:
            continue  # Google Benchmark's other aggregates: cv may be NaN.
        _check_finite(path, row)
        runs.append(_make_run(row, name))
    return runs


def _check_finite(path: str, row: dict) -> None:
    """Raises InputError, naming the benchmark and the field, when a number
    that a run takes from the row is NaN or infinite."""
    fields = {"repetition_index": row.get("repetition_index", 0)}
    if not is_failed_row(row):
        fields.update((key, row[key]) for key in ("real_time", "cpu_time")
                      if key in row)
        fields.update(_counters(row))
    for field, value in fields.items():
        if is_number(value) and not math.isfinite(value):
            raise InputError(
                f"{path}: benchmark {row['name']} has {field} {value}, not a "
                "finite number; measure it again")


def _make_run(row: dict, name: str) -> BenchmarkRun:
    parsed = parse_benchmark_name(name)
    failed = is_failed_row(row)
    seconds = (math.nan if failed else
               row["real_time"] * SECONDS_PER_TIME_UNIT[row["time_unit"]])
    return BenchmarkRun(
        name=name,
        base_name=parsed.base_name,
        workload=parsed.workload,
        executor=parsed.executor,
        workers=parsed.workers,
        params=parsed.params,
        repetition_index=int(row.get("repetition_index", 0)),
        real_time_s=seconds,
        counters={key: float(value)
                  for key, value in _counters(row).items()},
        error=_error_message(row) if failed else None)


def _counters(row: dict) -> dict:
    """The user counters of a row: its numbers Google Benchmark did not
    write itself."""
    return {key: value for key, value in row.items()
            if key not in _LIBRARY_KEYS and is_number(value)}


def _run_name(row: dict) -> str:
    """The name without an aggregate's "_median" etc. suffix."""
    if isinstance(row.get("run_name"), str):
        return row["run_name"]
    aggregate = row.get("aggregate_name")
    if aggregate and row["name"].endswith("_" + aggregate):
        return row["name"][:-len(aggregate) - 1]
    return row["name"]


def _is_aggregate(row: dict) -> bool:
    return row.get("run_type") == "aggregate"


def is_failed_row(row: dict) -> bool:
    """Whether a JSON row is an error or a skip, not a measurement."""
    return row.get("error_occurred") is True or row.get("skipped") is True


def _error_message(row: dict) -> str:
    if row.get("error_occurred") is True:
        return str(row.get("error_message") or "error (no message)")
    return "skipped: " + str(row.get("skip_message") or "no message")


def is_number(value) -> bool:
    """Whether a JSON value is a number (true and false are not)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)
