"""Tests of scripts/ab RECORD NEW (commands/ab.py): NEW, a fake bench
(fake_bench.py), runs for the record's rounds with its flags, and is judged
against the record's rounds (record_documents.py) by the rule all at once,
every output saying that the pairs are not interleaved in time."""

import re

import pytest

import fake_bench
from execbench.analysis import record_comparison
from record_documents import CPU_ROWS, NOOP_ROW, drawn_ms, write_record
from test_ab import run_ab, verdict_of

ROUNDS = 16
GRID = ("--benchmark_min_time=0",)  # The records' grid flags.
DRAWS = {**{name: {"ms": 10.0, "sd": 0.01} for name in CPU_ROWS},
         NOOP_ROW: {"ms": 0.02, "sd": 0.01}}


@pytest.fixture(name="record")
def fixture_record(tmp_path):
    """A record of ROUNDS rounds of the fake bench's rows, run with
    --cpu_tasks=3."""
    return write_record(tmp_path / "main.json", drawn_ms(1, ROUNDS),
                        bench_flags=("--cpu_tasks=3",))


def test_new_runs_the_records_rounds_and_flags_and_is_judged(
        record, tmp_path, capsys):
    new = fake_bench.install(tmp_path / "new", seed=2, draws={
        name: {**draw, "ms": draw["ms"] * (1.1 if name in CPU_ROWS else 1)}
        for name, draw in DRAWS.items()})

    code, out, err = run_ab(capsys, record, new)

    assert code == 1
    assert out.splitlines()[0] == record_comparison.NOT_INTERLEAVED
    for name in CPU_ROWS:
        assert verdict_of(out, name) == "slower"
    assert verdict_of(out, NOOP_ROW) in ("same", "undecided")
    calls = fake_bench.calls(new)
    assert len(calls) == ROUNDS + 1  # The listing, then a process a round.
    for call in calls:
        assert call[:2] == [*GRID, "--cpu_tasks=3"]
    for call in calls[1:]:
        assert "--benchmark_repetitions=1" in call
    lines = err.splitlines()
    assert len(lines) == ROUNDS
    assert re.fullmatch(rf"ab: round 1/{ROUNDS} of 4 rows: \d+ s so far, "
                        r"about \d+ s more", lines[0])


@pytest.mark.parametrize("output_format", ["md", "json"])
def test_a_build_like_the_records_is_never_slower_and_says_how_it_paired(
        record, tmp_path, capsys, output_format):
    new = fake_bench.install(tmp_path / "new", seed=3, draws=DRAWS)

    code, out, _ = run_ab(capsys, record, new, "--format", output_format)

    assert code == 0
    assert record_comparison.NOT_INTERLEAVED in out
    assert '"slower": 0' in out or "No benchmark got slower" in out


def test_filter_runs_only_the_rows_it_keeps(record, tmp_path, capsys):
    new = fake_bench.install(tmp_path / "new", seed=2, draws=DRAWS)

    code, out, _ = run_ab(capsys, record, new, "--filter", "Noop")

    assert code == 0
    assert fake_bench.flag_values(fake_bench.calls(new)[1],
                                  "--benchmark_filter") == [
        f"^({NOOP_ROW}/manual_time)$"]
    assert CPU_ROWS[0] not in out


def test_bench_flags_do_not_apply_to_a_record(record, tmp_path, capsys):
    new = fake_bench.install(tmp_path / "new", seed=2, draws=DRAWS)

    code, out, err = run_ab(capsys, record, new, "--cpu_tasks=5")

    assert (code, out) == (2, "")
    assert err == ("ab: --cpu_tasks=5 does not apply when BASE is a record: "
                   "NEW runs with the record's flags, for its rounds and "
                   "repetitions, and they are decided all at once\n")
    assert not fake_bench.calls(new)


@pytest.mark.parametrize("flag", ["--max-rounds=20", "--first-look=3",
                                  "--repetitions=3", "--max-confirm-rounds=4",
                                  "--tolerated-outliers=0"])
def test_the_sequential_rule_flags_do_not_apply_to_a_record(
        record, tmp_path, capsys, flag):
    new = fake_bench.install(tmp_path / "new", seed=2, draws=DRAWS)

    code, out, err = run_ab(capsys, record, new, flag)

    assert (code, out) == (2, "")
    assert err.startswith(f"ab: {flag.split('=')[0]} does not apply when "
                          "BASE is a record")
    assert err.count("\n") == 1
    assert not fake_bench.calls(new)


def test_another_environment_stops_after_the_first_process(record, tmp_path,
                                                           capsys):
    new = fake_bench.install(tmp_path / "new", seed=2, draws=DRAWS,
                             context={"execbench_cpu_model": "Other CPU"})

    code, out, err = run_ab(capsys, record, new)

    assert (code, out) == (2, "")
    assert err == (
        "ab: BASE and NEW ran in different environments (execbench_cpu_model"
        " 'Test CPU @ 2.40GHz' vs 'Other CPU'); "
        f"{record_comparison.HOW_TO_FIX}, or pass "
        "--allow-different-environment\n")
    assert len(fake_bench.calls(new)) == 2
