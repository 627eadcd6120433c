"""Tests of what a run folder keeps of its spans and trace
(running/batch_files.py): the batches that show the advice, whole."""

import json
import pathlib
import shutil

from execbench.running import batch_files

FIXTURES = pathlib.Path(__file__).resolve().parents[1] / "fixtures"
KEPT = frozenset({"Cpu/Serial/workers:1", "Noop/Threads/workers:2"})


def trace_of(names: list) -> dict:
    """A trace as bench writes it: per batch its process name (capped ones
    noted), a thread and a task."""
    events = []
    for pid, name in enumerate(names, start=1):
        events += [
            {"ph": "M", "name": "process_name", "pid": pid,
             "args": {"name": name}},
            {"ph": "M", "name": "thread_name", "pid": pid, "tid": 1,
             "args": {"name": "worker 0"}},
            {"ph": "X", "name": "task 0", "cat": "Cpu", "pid": pid, "tid": 1,
             "ts": 0.5, "dur": 10.25, "args": {"task": 0, "worker": 0}}]
    return {"displayTimeUnit": "ms", "traceEvents": events}


def test_only_the_batches_named_are_kept_in_both_files(tmp_path):
    spans = tmp_path / "spans.json"
    shutil.copy(FIXTURES / "spans.json", spans)
    trace = tmp_path / "trace.json"
    trace.write_text(json.dumps(trace_of([
        "Cpu/Serial/workers:1/manual_time",
        "Cpu/Threads/workers:2/manual_time",
        "Noop/Threads/workers:2/manual_time (first 1000 of 10000 tasks)"])),
                     encoding="utf-8")
    original = json.loads(spans.read_text(encoding="utf-8"))

    batch_files.keep_batches(spans, trace, KEPT)

    kept = json.loads(spans.read_text(encoding="utf-8"))
    assert [entry["name"] for entry in kept["benchmarks"]] == [
        "Cpu/Serial/workers:1/manual_time",
        "Noop/Threads/workers:2/manual_time"]
    assert kept["context"] == original["context"]
    assert kept["benchmarks"][0] == original["benchmarks"][0]  # Whole.
    events = json.loads(trace.read_text(encoding="utf-8"))["traceEvents"]
    assert {event["pid"] for event in events} == {1, 3}
    assert len(events) == 6
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "spans.json", "trace.json"]  # No temporary file left.


def test_missing_files_are_left_missing(tmp_path):
    batch_files.keep_batches(tmp_path / "spans.json", tmp_path / "trace.json",
                             KEPT)
    assert list(tmp_path.iterdir()) == []
