"""The history of each benchmark over a machine's records, in commit order:
its median, minimum and maximum wall time in each record, and whether it
got slower or faster than in the previous record, as scripts/compare
decides with its default alpha and noise floor (comparison.py)."""

import dataclasses

from execbench.analysis import comparison
from execbench.analysis import statistics
from execbench.inputs import bench_json


@dataclasses.dataclass(frozen=True)
class Point:
    """One benchmark in one record."""

    position: int  # Index of the record in commit order.
    median_s: float
    minimum_s: float
    maximum_s: float
    verdict: statistics.Verdict | None  # Against the previous record.


def benchmark_histories(records: list[bench_json.Results]) -> dict:
    """base_name -> [Point], from records in commit order, in name order
    (bench_json.name_order)."""
    histories = {}
    previous = None
    for position, record in enumerate(records):
        verdicts = {}
        if previous is not None:
            report = comparison.compare_results(previous, record)
            verdicts = {name: compared.verdict
                        for name, compared in report.comparisons.items()}
        for name, samples in record.samples().items():
            histories.setdefault(name, []).append(Point(
                position=position, median_s=statistics.median(samples),
                minimum_s=min(samples), maximum_s=max(samples),
                verdict=verdicts.get(name)))
        previous = record
    return {name: histories[name]
            for name in sorted(histories, key=bench_json.name_order)}
