"""The history of each benchmark over a machine's records, in commit order:
its median, minimum and maximum wall time over each record's rounds, and
whether it got slower or faster than in the previous record, as
scripts/compare decides (record_comparison.py: ab's rule over the rows
that the filter keeps); a row the previous record lacks gets no verdict."""

import dataclasses
import statistics

from execbench.analysis import paired_verdicts
from execbench.analysis import record_comparison
from execbench.inputs import bench_json


@dataclasses.dataclass(frozen=True)
class Point:
    """One benchmark in one record."""

    position: int  # Index of the record in commit order.
    median_s: float
    minimum_s: float
    maximum_s: float
    verdict: paired_verdicts.Verdict | None  # Against the previous record.


def benchmark_histories(records: list, regex: str | None, *,
                        allow_different_environment: bool = False) -> tuple:
    """(histories, warnings): base_name -> [Point], from records
    (record_file.Record) in commit order, in name order
    (bench_json.name_order); and the warnings of the comparisons of
    neighbours, each once.

    Raises:
      bench_json.InputError: naming both, when neighbours ran in different
        environments and that is not allowed.
    """
    histories, warnings = {}, {}
    pattern = bench_json.compile_filter(regex) if regex is not None else None
    for position, record in enumerate(records):
        verdicts = {}
        previous = records[position - 1] if position else None
        if previous is not None and _kept(previous.rows, pattern) & _kept(
                record.rows, pattern):
            try:
                measured = record_comparison.measurement(
                    previous, record, arguments=(previous.path, record.path),
                    regex=regex,
                    allow_different_environment=allow_different_environment)
            except bench_json.InputError as error:
                raise type(error)(
                    f"{previous.path} (BASE) and {record.path} (NEW): "
                    f"{error}") from None
            warnings |= dict.fromkeys(measured.warnings)
            verdicts = {outcome.name: outcome.verdict for outcome in
                        record_comparison.decide(measured).rows}
        samples = {}
        for one_round in record.rounds:
            for name in _kept(one_round.values, pattern):
                samples.setdefault(name, []).append(one_round.values[name])
        for name, values in samples.items():
            histories.setdefault(name, []).append(Point(
                position=position, median_s=statistics.median(values),
                minimum_s=min(values), maximum_s=max(values),
                verdict=verdicts.get(name)))
    return ({name: histories[name]
             for name in sorted(histories, key=bench_json.name_order)},
            tuple(warnings))


def _kept(names, pattern) -> set:
    """The names that the filter keeps (all when it is None)."""
    return {name for name in names if pattern is None or pattern.search(name)}
