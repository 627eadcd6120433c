"""Loads the spans file that `bench --spans_out=FILE` writes.

The file holds, for every benchmark, when each task of its last batch ran and
on which worker:

  {"format": "execbench-spans", "version": 1, "context": {...},
   "benchmarks": [{"name": "Cpu/Threads/workers:2/manual_time",
                   "workload": "Cpu", "executor": "Threads", "workers": 2,
                   "tasks": 10, "wall_s": 0.11, "startup_s": 0.0001,
                   "shutdown_s": 0.00005, "spans_capped": false,
                   "spans_kept": 10,
                   "spans": [{"task": 0, "worker": 0, "start_s": 0.0001,
                              "stop_s": 0.021, "cpu_s": 0.0209}, ...]}]}

Times are seconds since the batch started. When a batch had more tasks than
bench keeps spans for, only the first `spans_kept` are there and
`spans_capped` is true.

Every number must be finite: NaN or infinity is refused, naming the
benchmark and the field. scripts/charts and scripts/report both read spans
here, and refuse a file that is not one alike.
"""

import dataclasses
import math

from execbench.inputs.bench_json import (InputError, compile_filter,
                                         parse_benchmark_name, read_json)

FORMAT = "execbench-spans"
# The spans file in a run folder of scripts/run.
RUN_FOLDER_FILE = "spans.json"
VERSION = 1
_HOW_TO_WRITE = "write it with bench --spans_out=FILE"


@dataclasses.dataclass(frozen=True)
class Span:
    """One task's run within a batch."""

    task: int
    worker: int
    start_s: float
    stop_s: float
    cpu_s: float | None  # None where bench did not read it (short tasks)

    @property
    def duration_s(self) -> float:
        return self.stop_s - self.start_s


@dataclasses.dataclass(frozen=True)
class Batch:
    """The last batch of one benchmark, with the spans of its tasks."""

    name: str
    workload: str
    executor: str
    workers: int
    tasks: int
    wall_s: float
    startup_s: float
    shutdown_s: float
    capped: bool
    spans: tuple  # Span, in task order.
    # The host of each worker when workers ran on hosts of their own (Mpi:
    # worker w is rank w + 1); empty otherwise and in older files.
    hosts: tuple = ()

    @property
    def base_name(self) -> str:
        """The name without the timing suffix, as in BenchmarkRun.base_name."""
        return parse_benchmark_name(self.name).base_name

    @property
    def params(self) -> dict:
        """The name's `key:value` parts after workers:<W>, e.g. task_us."""
        return parse_benchmark_name(self.name).params


@dataclasses.dataclass
class SpansFile:
    """The batches of one spans file."""

    path: str
    context: dict
    batches: list  # Batch, in the order of the file.

    def filtered(self, regex: str) -> "SpansFile":
        """The batches whose base_name matches re.search(regex)."""
        pattern = compile_filter(regex)
        return SpansFile(path=self.path, context=self.context,
                         batches=[batch for batch in self.batches
                                  if pattern.search(batch.base_name)])


def load_spans(path: str) -> SpansFile:
    """Reads a spans file; raises InputError with a one-line message."""
    document = read_json(path, _HOW_TO_WRITE)
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise InputError(
            f"{path} is not an execbench spans file (no \"format\": "
            f"\"{FORMAT}\"); {_HOW_TO_WRITE}")
    if document.get("version") != VERSION:
        raise InputError(
            f"{path} is spans format version {document.get('version')!r}, but "
            f"this script reads version {VERSION}; use the scripts of the "
            "execbench checkout that wrote it")
    entries = document.get("benchmarks")
    if not isinstance(entries, list) or not entries:
        raise InputError(f"{path} has no benchmarks; {_HOW_TO_WRITE}")
    try:
        batches = [_make_batch(path, entry) for entry in entries]
    except (KeyError, TypeError, ValueError) as error:
        raise InputError(
            f"{path} has a malformed benchmark entry ({type(error).__name__}: "
            f"{error}); {_HOW_TO_WRITE}") from None
    context = document.get("context")
    return SpansFile(path=path,
                     context=context if isinstance(context, dict) else {},
                     batches=batches)


def _make_batch(path: str, entry: dict) -> Batch:
    name = str(entry["name"])

    def number(value, field: str) -> float:
        """The value as a finite float; InputError naming the field if it is
        NaN or infinite."""
        value = float(value)
        if not math.isfinite(value):
            raise InputError(f"{path}: benchmark {name} has {field} {value}, "
                             f"not a finite number; {_HOW_TO_WRITE}")
        return value

    spans = tuple(
        Span(task=int(number(span["task"], f"task of span {index}")),
             worker=int(number(span["worker"], f"worker of span {index}")),
             start_s=number(span["start_s"], f"start_s of span {index}"),
             stop_s=number(span["stop_s"], f"stop_s of span {index}"),
             cpu_s=(None if span["cpu_s"] is None
                    else number(span["cpu_s"], f"cpu_s of span {index}")))
        for index, span in enumerate(entry["spans"]))
    return Batch(name=name, workload=str(entry["workload"]),
                 executor=str(entry["executor"]),
                 workers=int(number(entry["workers"], "workers")),
                 tasks=int(number(entry["tasks"], "tasks")),
                 wall_s=number(entry["wall_s"], "wall_s"),
                 startup_s=number(entry["startup_s"], "startup_s"),
                 shutdown_s=number(entry["shutdown_s"], "shutdown_s"),
                 capped=bool(entry["spans_capped"]), spans=spans,
                 hosts=tuple(str(host) for host in entry.get("hosts", ())))
