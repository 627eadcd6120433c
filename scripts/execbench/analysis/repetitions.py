"""The statistics of rounds of repetitions (running/rounds.py): which
benchmarks are not settled yet, and the rounds' rows merged into one file.

A benchmark measured without error is unsettled while the 95% confidence
interval of its median (statistics.py) is unavailable or has a half-width
above the target share of its median.

Merged, every round's iteration rows make one Google Benchmark document:
per benchmark, its rows from every round, renumbered 0..n-1, then its mean,
median, stddev (n - 1 denominator) and cv aggregates recomputed over them
all, as Google Benchmark writes them (the median here is the true one, also
for even n). Its context is round 1's.
"""

import statistics

from execbench.analysis import statistics as execbench_statistics
from execbench.inputs import bench_json

# Numeric keys of a row that describe it rather than measure it.
_NOT_AGGREGATED = frozenset({
    "family_index", "per_family_instance_index", "repetitions",
    "repetition_index", "threads", "iterations"})


def relative_half_width(samples) -> float:
    """Half the width of the median's 95% interval over the median; infinite
    when too few samples give no interval."""
    interval = execbench_statistics.median_interval(samples)
    if interval is None:
        return float("inf")
    return interval.relative_half_width(statistics.median(samples))


def unsettled_names(loaded: bench_json.Results, target: float) -> list:
    """Names (as in the JSON) of the benchmarks measured without error whose
    median's interval is unavailable or wider than target, in file order."""
    errors = loaded.errors()
    samples = loaded.samples()
    names = {}
    for run in loaded.runs:
        if (run.base_name not in errors
                and relative_half_width(samples[run.base_name]) > target):
            names.setdefault(run.name, None)
    return list(names)


def merge_rounds(documents: list) -> dict:
    """One Google Benchmark document of every round's iteration rows.

    Benchmarks come in the order they first appear; see the module docstring.
    """
    rows_by_name = {}
    for document in documents:
        for row in document["benchmarks"]:
            if row.get("run_type") != "aggregate":
                name = row.get("run_name", row["name"])
                rows_by_name.setdefault(name, []).append(row)
    merged_rows = []
    for name, rows in rows_by_name.items():
        count = len(rows)
        for index, row in enumerate(rows):
            merged_rows.append({**row, "repetition_index": index,
                                "repetitions": count})
        measured = [row for row in rows if not bench_json.is_failed_row(row)]
        if len(measured) > 1:
            merged_rows += _aggregate_rows(name, measured, count)
    return {"context": dict(documents[0]["context"]),
            "benchmarks": merged_rows}


def _aggregate_rows(name: str, rows: list, count: int) -> list:
    """Mean, median, stddev and cv rows of every measured value of rows."""
    keys = [key for key, value in rows[0].items()
            if key not in _NOT_AGGREGATED and bench_json.is_number(value)
            and all(bench_json.is_number(row.get(key)) for row in rows)]
    values = {key: [float(row[key]) for row in rows] for key in keys}
    statistic = {
        "mean": statistics.mean,
        "median": statistics.median,
        "stddev": statistics.stdev,
        "cv": lambda samples: (statistics.stdev(samples)
                               / statistics.mean(samples)
                               if statistics.mean(samples) else 0.0)}
    first = rows[0]
    aggregates = []
    for aggregate, compute in statistic.items():
        row = {"name": f"{name}_{aggregate}",
               "family_index": first.get("family_index", 0),
               "per_family_instance_index": first.get(
                   "per_family_instance_index", 0),
               "run_name": name, "run_type": "aggregate",
               "repetitions": count, "threads": first.get("threads", 1),
               "aggregate_name": aggregate,
               "aggregate_unit": "percentage" if aggregate == "cv" else "time",
               "iterations": len(rows)}
        if "time_unit" in first:
            row["time_unit"] = first["time_unit"]
        row.update({key: compute(samples) for key, samples in values.items()})
        aggregates.append(row)
    return aggregates
