"""Google Benchmark JSON documents for tests, shaped like bench's: the
records, runs and rounds that the tests of the scripts read, and the fake
bench (fake_bench.py) writes. Plain Python, so that the fake bench starts
fast."""

import statistics

TASKS_PER_BATCH = 64


def _row(base_name: str, repetitions: int, **fields) -> dict:
    """A benchmark row shaped like Google Benchmark 1.7.1's JSON output."""
    name = f"{base_name}/manual_time"
    return {"name": name, "family_index": 0, "per_family_instance_index": 0,
            "run_name": name, "repetitions": repetitions, "threads": 1,
            **fields}


def _timing(real_time_ms: float) -> dict:
    return {"real_time": real_time_ms, "cpu_time": real_time_ms / 50,
            "time_unit": "ms",
            "tasks_per_s": TASKS_PER_BATCH / (real_time_ms / 1e3)}


def benchmark_document(samples_ms: dict, *, context: dict | None = None,
                       errors: dict | None = None) -> dict:
    """Google Benchmark JSON with the given per-repetition wall times.

    Args:
      samples_ms: benchmark base name (e.g. "Cpu/Threads/workers:2") -> wall
        time in milliseconds of each repetition. Each benchmark gets its
        iteration rows, then mean/median/stddev aggregates, as bench writes
        them, plus a tasks_per_s counter.
      context: entries added to (or replacing) the default context.
      errors: benchmark base name -> error message, for benchmarks that
        failed (one errored row each).
    """
    rows = []
    for base_name, times in samples_ms.items():
        count = len(times)
        for index, time in enumerate(times):
            rows.append(_row(base_name, count, run_type="iteration",
                             repetition_index=index, iterations=10,
                             **_timing(time)))
        aggregates = {"mean": statistics.mean(times),
                      "median": statistics.median(times),
                      "stddev": statistics.pstdev(times)}
        for aggregate, value in aggregates.items():
            row = _row(base_name, count, run_type="aggregate",
                       aggregate_name=aggregate, aggregate_unit="time",
                       iterations=count, **_timing(max(value, 1e-9)))
            row["name"] += f"_{aggregate}"
            rows.append(row)
    for base_name, message in (errors or {}).items():
        rows.append(_row(base_name, 1, run_type="iteration",
                         repetition_index=0, error_occurred=True,
                         error_message=message, iterations=1, real_time=0,
                         cpu_time=0, time_unit="ms"))
    default_context = {
        "date": "2026-01-01T00:00:00+00:00", "host_name": "testhost",
        "executable": "build/bench", "num_cpus": 2, "mhz_per_cpu": 2400,
        "cpu_scaling_enabled": False, "library_build_type": "release",
        "execbench_commit": "0" * 40, "execbench_commit_dirty": "false",
        "execbench_build_type": "Release", "execbench_compiler": "GNU 12.2.0",
        "execbench_cpu_model": "Test CPU @ 2.40GHz",
        "execbench_flag_cpu_iterations": "10000000",
        "execbench_flag_workers": "1,2,4,8"}
    return {"context": {**default_context, **(context or {})},
            "benchmarks": rows}
