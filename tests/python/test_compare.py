"""Tests of scripts/compare (commands/compare.py,
analysis/record_comparison.py, paired_verdicts.decide_at_once) on record
files with chosen values (record_documents.py): verdicts and exit codes of
an A/A and of planted shifts, the pairing of rounds, noisy rounds, the
outputs, and bad input. The guard of the environment is in
test_environment.py; a record made, compared and charted, in
test_record.py."""

import json
import re
import shutil

import pytest

from bench_documents import benchmark_document
from conftest import run_main
from execbench.analysis import paired_verdicts
from execbench.analysis import record_comparison
from execbench.commands import ab
from execbench.commands import compare
from execbench.inputs import record_file
from execbench.inputs import records
from record_documents import (CPU_ROWS, NOOP_ROW, ROWS, drawn_ms,
                              record_document, write_record)

# The fewest rounds with which the rule can call a change among ROWS and
# Cpu's summary (paired_verdicts.fewest_rounds(ROWS)).
ROUNDS = 16
CPU = CPU_ROWS[2]


@pytest.fixture(name="compared")
def fixture_compared(capsys):
    """Runs compare's command line; returns (exit code, stdout, stderr)."""

    return lambda *argv: run_main(compare.main, capsys, *argv)


def verdicts(out: str) -> dict:
    """Row or "<workload> (workload)" -> its verdict, from the text."""
    found = {}
    for line in out.splitlines():
        for name in (*ROWS, "Cpu (workload)"):
            if line.startswith(name + " "):
                found[name] = line[len(name):].split()[0]
    return found


def cells(out: str, name: str) -> list:
    """The cells of a row of the text's table."""
    line = next(line for line in out.splitlines() if line.startswith(name))
    return re.split(r"\s{2,}", line.strip())


@pytest.mark.parametrize("factor, verdict, code", [(1.05, "slower", 1),
                                                   (0.95, "faster", 0)])
def test_a_planted_shift_is_flagged_in_its_direction(tmp_path, compared,
                                                     factor, verdict, code):
    base = write_record(tmp_path / "base.json", drawn_ms(1, ROUNDS))
    new = write_record(tmp_path / "new.json", drawn_ms(
        2, ROUNDS, shift={name: factor for name in CPU_ROWS}))

    exit_code, out, err = compared(base, new)

    assert (exit_code, err) == (code, "")
    found = verdicts(out)
    assert {found[name] for name in (*CPU_ROWS, "Cpu (workload)")} == {
        verdict}
    assert found[NOOP_ROW] in ("same", "undecided")


def test_identical_records_are_the_same(tmp_path, compared):
    base = write_record(tmp_path / "base.json", drawn_ms(1, ROUNDS))
    new = tmp_path / "new.json"
    shutil.copy(base, new)

    code, out, _ = compared(base, new)

    assert code == 0
    assert set(verdicts(out).values()) == {"same"}


def test_records_of_one_build_raise_few_false_alarms():
    # Holm's procedure holds the family-wise rate at ALPHA: of 200
    # comparisons of records drawn alike, at most 5% call anything slower
    # or faster (6 do, for these seeds).
    alarms = 0
    for seed in range(200):
        base, new = (record_file.Record.from_json(
            record_document(drawn_ms(seed * 2 + side, ROUNDS)), "")
                     for side in (0, 1))
        decision = record_comparison.decide(record_comparison.measurement(
            base, new, arguments=("BASE", "NEW"), regex=None,
            allow_different_environment=False))
        alarms += any(outcome.verdict.value in ("slower", "faster")
                      for outcome in decision.outcomes())
    assert alarms <= paired_verdicts.ALPHA * 200


def test_too_few_rounds_cannot_call_a_change_and_name_it_undecided(
        tmp_path, compared):
    # 4 pairs: no exact two-sided p is below 0.125.
    base = write_record(tmp_path / "base.json", drawn_ms(1, 4))
    new = write_record(tmp_path / "new.json", drawn_ms(
        2, 4, shift={name: 1.2 for name in CPU_ROWS}))

    code, out, _ = compared(base, new)

    assert code == 0
    assert verdicts(out)[CPU] == "undecided"
    assert f"undecided: {CPU_ROWS[0]}" in out


def test_records_of_different_lengths_pair_their_first_rounds(tmp_path,
                                                               compared):
    base = write_record(tmp_path / "base.json", drawn_ms(1, ROUNDS + 4))
    new = write_record(tmp_path / "new.json", drawn_ms(
        2, ROUNDS, shift={name: 1.05 for name in CPU_ROWS}))

    code, out, _ = compared(base, new, "--filter", "^Cpu/Serial")

    assert code == 1
    assert (f"NOTE: BASE has {ROUNDS + 4} rounds and NEW {ROUNDS}: the "
            f"first {ROUNDS} of each are paired") in out
    assert cells(out, CPU_ROWS[0])[4] == str(ROUNDS)
    assert set(verdicts(out)) == {CPU_ROWS[0]}


def test_noisy_rounds_and_rows_are_dropped_and_said_why(tmp_path, compared):
    base = write_record(tmp_path / "base.json", drawn_ms(1, ROUNDS),
                        row_notes={(3, CPU): ["steal up to 35% of CPU"]})
    new = write_record(tmp_path / "new.json", drawn_ms(2, ROUNDS),
                       round_notes={5: ["parallel ceiling 1.20 of 2 cores "
                                        "at the start"]})

    _, out, _ = compared(base, new)

    assert cells(out, CPU)[5] == "2"
    assert ("round 6 (recorded): NEW: parallel ceiling 1.20 of 2 cores at "
            "the start") in out
    assert f"{CPU} in round 4: BASE: steal up to 35% of CPU" in out


def test_rows_that_failed_are_listed_not_judged(tmp_path, compared):
    base = write_record(tmp_path / "base.json", drawn_ms(1, ROUNDS))
    new = write_record(tmp_path / "new.json", drawn_ms(2, ROUNDS),
                       errors={(2, NOOP_ROW): "timed out"})

    code, out, _ = compared(base, new)

    assert code == 0
    assert NOOP_ROW not in verdicts(out)
    assert f"Errored (1):\n  {NOOP_ROW} in NEW: timed out" in out


@pytest.mark.parametrize("output_format", ["text", "md", "json"])
def test_every_output_says_the_rounds_are_not_interleaved(
        tmp_path, compared, output_format):
    base = write_record(tmp_path / "base.json", drawn_ms(1, ROUNDS))
    new = write_record(tmp_path / "new.json", drawn_ms(2, ROUNDS))

    code, out, _ = compared(base, new, "--format", output_format)

    assert code == 0
    assert record_comparison.NOT_INTERLEAVED in out
    assert "paired by index" in out


def test_the_json_decides_again_with_ab_replay(tmp_path, compared, capsys):
    base = write_record(tmp_path / "base.json", drawn_ms(1, ROUNDS))
    new = write_record(tmp_path / "new.json", drawn_ms(
        2, ROUNDS, shift={name: 1.05 for name in CPU_ROWS}))
    saved = tmp_path / "comparison.json"
    _, text, _ = compared(base, new)

    assert compared(base, new, "--format", "json", "--out", saved) == (
        1, "", "")
    document = json.loads(saved.read_text())
    assert document["measurement"]["interleaved"] is False
    assert ab.main(["--replay", str(saved)]) == 1
    assert capsys.readouterr().out == text


def test_a_commit_names_its_newest_record_or_the_one_picked(
        git_repo, monkeypatch, compared):
    commit = git_repo.commit("first", date="2026-01-01T00:00:00Z")
    folder = records.history_dir(git_repo.path) / "box-1"
    stem = f"20260101T000000Z-{commit[:12]}"
    write_record(folder / f"{stem}-20260201T000000Z.json",
                 drawn_ms(1, ROUNDS), label="old")
    write_record(folder / f"{stem}-20260202T000000Z.json",
                 drawn_ms(3, ROUNDS, shift={CPU: 1.05}), label="new")
    monkeypatch.setattr(records, "PROJECT_ROOT", git_repo.path)
    other = write_record(git_repo.path.parent / "other.json",
                         drawn_ms(2, ROUNDS))

    assert compared(other, "HEAD", "--filter", CPU)[0] == 1
    assert compared(other, "HEAD@old", "--filter", CPU)[0] == 0
    assert compared(other, "HEAD@20260202T000000Z", "--filter", CPU)[0] == 1


def truncated(path):
    write_record(path, drawn_ms(1, ROUNDS))
    path.write_text(path.read_text()[:200])


def old_format(path):
    path.write_text(json.dumps(benchmark_document({CPU: [10.0] * 5})))


def later_version(path):
    write_record(path, drawn_ms(1, ROUNDS))
    document = json.loads(path.read_text())
    path.write_text(json.dumps({**document, "version": 99}))


def without_values(path):
    write_record(path, drawn_ms(1, ROUNDS))
    document = json.loads(path.read_text())
    del document["rounds"][0]["values"]
    path.write_text(json.dumps(document))


def nan_value(path):
    write_record(path, drawn_ms(1, ROUNDS))
    document = json.loads(path.read_text())
    document["rounds"][0]["values"][CPU] = float("nan")
    path.write_text(json.dumps(document))


@pytest.mark.parametrize("make, complaint", [
    (lambda path: None, "'{path}' is neither a file nor a commit"),
    (truncated, "{path} is not valid JSON"),
    (lambda path: path.write_text('{"a": 1}'),
     "{path} is not a record of scripts/record"),
    (lambda path: path.write_text(""), "{path} is empty"),
    (old_format, "{path} is a record of an older format (one run of bench, "
                 "without rounds of fresh processes); record the commit "
                 "again with scripts/record"),
    (later_version, "{path} is a record of format version 99"),
    (without_values, "{path} is a damaged record"),
    (nan_value, "{path} is a damaged record"),
    (lambda path: path.mkdir(), "'{path}' is a folder"),
], ids=["missing", "truncated", "foreign", "empty", "old format",
        "later version", "without values", "nan", "folder"])
def test_a_bad_file_is_one_line(tmp_path, compared, make, complaint):
    good = write_record(tmp_path / "good.json", drawn_ms(1, ROUNDS))
    bad = tmp_path / "bad.json"
    make(bad)

    for argv in ((good, bad), (bad, good)):
        code, out, err = compared(*argv)

        assert (code, out) == (2, "")
        assert err.count("\n") == 1
        assert err.startswith("compare: ")
        assert complaint.format(path=bad) in err


def test_no_row_in_common_is_one_line(tmp_path, compared):
    base = write_record(tmp_path / "base.json", drawn_ms(1, ROUNDS))

    code, out, err = compared(base, base, "--filter", "Nothing")

    assert (code, out) == (2, "")
    assert err == ("compare: BASE and NEW have no benchmark matching "
                   "--filter 'Nothing' in common; compare records of the "
                   "same suite, or widen --filter\n")


def test_out_writes_the_output_whole(tmp_path, compared):
    base = write_record(tmp_path / "base.json", drawn_ms(1, ROUNDS))
    out_file = tmp_path / "out" / "comparison.md"

    assert compared(base, base, "--format", "md", "--out", out_file) == (
        0, "", "")
    assert out_file.read_text().startswith(
        f"> **{record_comparison.NOT_INTERLEAVED}**")
