"""Tests of the rounds of repetitions until medians settle (running/rounds.py,
analysis/repetitions.py, commands/rounds.py).

A fake bench (fake_bench.py) hands out canned wall times, so the tests decide
when each benchmark's median interval is narrow enough; nothing is timed.
"""

import json
import re
import statistics

import pytest

import fake_bench
from execbench.commands import rounds as rounds_command
from execbench.running import rounds
from execbench.inputs import bench_json

STEADY = "Cpu/Serial/workers:1"  # Every repetition the same: settles at 6.
NOISY = "Cpu/Threads/workers:2"  # Spread far beyond 5%: never settles.
NOISY_MS = [10.0, 20.0, 5.0, 30.0, 2.0, 25.0, 8.0]
GRANULAR = "Granularity/Threads/workers:2/task_us:0.5"


def run_rounds(tmp_path, bench, **options) -> int:
    return rounds.run_rounds(
        str(bench), ["--benchmark_min_time=0.01"], out=tmp_path / "bench.json",
        spans_out=str(tmp_path / "spans.json"),
        trace_out=str(tmp_path / "trace.json"), **options)


def merged(tmp_path) -> dict:
    return json.loads((tmp_path / "bench.json").read_text(encoding="utf-8"))


def rows_of(document: dict, base_name: str, run_type: str) -> list:
    return [row for row in document["benchmarks"]
            if row["run_name"] == f"{base_name}/manual_time"
            and row["run_type"] == run_type]


def test_stops_when_every_interval_meets_the_target(tmp_path):
    bench = fake_bench.install(tmp_path / "fake", {
        STEADY: [10.0], "Noop/Serial/workers:1": [0.5]})

    assert run_rounds(tmp_path, bench) == 0

    calls = fake_bench.calls(bench)
    # Round 1's 5 repetitions give no 95% interval; round 2's 10 do.
    assert [fake_bench.flag_values(call, "--benchmark_repetitions")
            for call in calls] == [["5"], ["5"]]
    document = merged(tmp_path)
    assert document["context"]["execbench_unsettled"] == ""
    assert document["context"]["execbench_adaptive_rounds"] == "2"
    assert len(rows_of(document, STEADY, "iteration")) == 10


def test_reruns_only_the_unsettled_until_the_cap(tmp_path, capfd):
    bench = fake_bench.install(tmp_path / "fake", {
        STEADY: [10.0], NOISY: NOISY_MS})

    assert run_rounds(tmp_path, bench, max_repetitions=13) == 0

    calls = fake_bench.calls(bench)
    assert [fake_bench.flag_values(call, "--benchmark_repetitions")
            for call in calls] == [["5"], ["5"], ["3"]]
    filters = [fake_bench.flag_values(call, "--benchmark_filter")
               for call in calls]
    assert filters[0] == []
    assert re.fullmatch(filters[1][0], f"{STEADY}/manual_time")
    assert re.fullmatch(filters[1][0], f"{NOISY}/manual_time")
    assert not re.fullmatch(filters[2][0], f"{STEADY}/manual_time")
    assert re.fullmatch(filters[2][0], f"{NOISY}/manual_time")
    # Round 1 alone writes the spans and trace, the bench flags come first.
    assert all(any(arg.startswith("--spans_out=") for arg in call)
               == (index == 0) for index, call in enumerate(calls))
    assert all(call[0] == "--benchmark_min_time=0.01" for call in calls)

    document = merged(tmp_path)
    context = document["context"]
    assert context["execbench_unsettled"] == NOISY
    assert context["execbench_adaptive_target"] == "0.05"
    assert context["execbench_adaptive_max_repetitions"] == "13"
    noisy_rows = rows_of(document, NOISY, "iteration")
    assert [row["repetition_index"] for row in noisy_rows] == list(range(13))
    assert {row["repetitions"] for row in noisy_rows} == {13}
    assert len(rows_of(document, STEADY, "iteration")) == 10
    assert capfd.readouterr().err.splitlines()[-1].startswith(
        "run: 1 benchmark never reached a 95% interval")


def test_merged_aggregates_are_recomputed_over_every_round(tmp_path):
    bench = fake_bench.install(tmp_path / "fake", {NOISY: NOISY_MS})

    run_rounds(tmp_path, bench, max_repetitions=10)

    document = merged(tmp_path)
    times = [NOISY_MS[index % len(NOISY_MS)] for index in range(10)]
    aggregates = {row["aggregate_name"]: row
                  for row in rows_of(document, NOISY, "aggregate")}
    assert list(aggregates) == ["mean", "median", "stddev", "cv"]
    assert aggregates["median"]["real_time"] == statistics.median(times)
    assert aggregates["mean"]["real_time"] == pytest.approx(
        statistics.mean(times))
    assert aggregates["stddev"]["real_time"] == pytest.approx(
        statistics.stdev(times))
    assert aggregates["cv"]["real_time"] == pytest.approx(
        statistics.stdev(times) / statistics.mean(times))
    assert aggregates["median"]["tasks_per_s"] == pytest.approx(
        statistics.median(64 / (time / 1e3) for time in times))
    assert aggregates["cv"]["aggregate_unit"] == "percentage"
    loaded = bench_json.load_results(str(tmp_path / "bench.json"))
    assert sorted(loaded.samples()[NOISY]) == pytest.approx(
        sorted(time / 1e3 for time in times))


def test_failed_benchmarks_are_kept_not_repeated(tmp_path):
    bench = fake_bench.install(tmp_path / "fake", {STEADY: [10.0]},
                               errors={NOISY: "process pool broken"})

    assert run_rounds(tmp_path, bench) == 1

    calls = fake_bench.calls(bench)
    assert len(calls) == 2
    assert not re.search(fake_bench.flag_values(calls[1],
                                                "--benchmark_filter")[0],
                         f"{NOISY}/manual_time")
    loaded = bench_json.load_results(str(tmp_path / "bench.json"))
    assert loaded.errors() == {NOISY: "process pool broken"}


def test_bench_exit_2_stops_at_once_and_writes_nothing(tmp_path):
    bench = fake_bench.install(tmp_path / "fake", {STEADY: [10.0]})

    with pytest.raises(rounds.BenchFailed) as failure:
        rounds.run_rounds(str(bench), ["--nope"], out=tmp_path / "out.json")

    assert failure.value.exit_code == 2
    assert len(fake_bench.calls(bench)) == 1
    assert not (tmp_path / "out.json").exists()


def test_exact_filter_escapes_and_anchors():
    names = [f"{GRANULAR}/manual_time", f"{NOISY}/manual_time"]
    pattern = rounds.exact_filter(names)
    assert r"task_us:0\.5" in pattern
    for name in names:
        assert re.fullmatch(pattern, name)
    for other in (f"{GRANULAR.replace('0.5', '0x5')}/manual_time",
                  "Cpu/Threads/workers:24/manual_time",
                  f"X{NOISY}/manual_time"):
        assert not re.search(pattern, other)


@pytest.mark.parametrize("argv, complaint", [
    (["--repetitions", "0"], "--repetitions must be at least 1"),
    (["--repetitions", "7", "--max_repetitions", "5"],
     "--max_repetitions (5) must be at least --repetitions (7)"),
    (["--target", "0"], "--target must be a share above 0"),
    (["--benchmark_repetitions=3"], "--benchmark_repetitions is set by run"),
])
def test_bad_round_flags_exit_2(tmp_path, capfd, argv, complaint):
    code = rounds_command.main(["--bench", "/bin/false", "--out",
                          str(tmp_path / "out.json"), *argv])
    assert code == 2
    stderr = capfd.readouterr().err
    assert stderr.count("\n") == 1 and complaint in stderr
