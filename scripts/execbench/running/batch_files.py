"""Keeps in a run's spans and trace files only the batches that show its
advice, so that a run folder stays light (docs/running.md).

bench writes the last batch of every benchmark it ran to the spans file and
the trace (spans.json, trace.json): some 90,000 spans and 25 MB for a
default run, three quarters of them of the granularity sweep, whose batches
no chart draws one by one. The charts and the report draw, per workload,
the batches of Serial, the advised choice, the fastest and the first to
avoid (analysis/reasons.py); scripts/run keeps those, unless asked for all.
Every number stays in bench.json.
"""

import json
import pathlib

from execbench import atomic_file
from execbench.inputs import bench_json

# How the trace names a batch that kept only its first spans.
_CAPPED_NOTE = " (first "


def keep_batches(spans_path: pathlib.Path, trace_path: pathlib.Path,
                 names: frozenset) -> None:
    """Rewrites the spans file and the trace with only the batches of the
    benchmarks named (base names, as analysis/reasons.evidence_names gives
    them); a file that does not exist is left so.

    Raises:
      OSError: when a file cannot be read or written.
      ValueError: when a file is not JSON.
    """
    if spans_path.exists():
        document = json.loads(spans_path.read_text(encoding="utf-8"))
        document["benchmarks"] = [
            entry for entry in document["benchmarks"]
            if bench_json.strip_timing_suffix(entry["name"]) in names]
        _write(spans_path, document)
    if trace_path.exists():
        document = json.loads(trace_path.read_text(encoding="utf-8"))
        kept = {event["pid"] for event in document["traceEvents"]
                if event.get("name") == "process_name"
                and _base_name(event["args"]["name"]) in names}
        document["traceEvents"] = [event for event in document["traceEvents"]
                                   if event.get("pid") in kept]
        _write(trace_path, document)


def _base_name(process_name: str) -> str:
    """The benchmark's base name from the trace's name of its batch."""
    return bench_json.strip_timing_suffix(process_name.split(_CAPPED_NOTE)[0])


def _write(path: pathlib.Path, document: dict) -> None:
    atomic_file.write_atomically(
        path, (json.dumps(document, separators=(",", ":")) + "\n").encode(
            "utf-8"))
