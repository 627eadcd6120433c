"""Tests of scripts/compare: verdicts, exit codes, messages, commit lookup."""

import json
import pathlib
import subprocess

import pytest

import leftovers
from conftest import SCRIPTS, benchmark_document
from execbench import atomic_file
from execbench.analysis import comparison
from execbench.commands import compare
from execbench.inputs import record_selection
from execbench.inputs import records
from execbench.inputs import bench_json
from execbench.analysis import statistics

CPU = "Cpu/Threads/workers:2"
NOOP = "Noop/Serial/workers:1"


def repetitions(median_ms: float, count: int = 9) -> list[float]:
    """count wall times spread +-1% around median_ms, in a shuffled order."""
    spread = [median_ms * (1 + 0.02 * (index / (count - 1) - 0.5))
              for index in range(count)] if count > 1 else [median_ms]
    return spread[1::2] + spread[::2]


def run_compare(capsys, *argv: str) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of compare's command line."""
    try:
        code = compare.main(list(argv))
    except SystemExit as exit_request:
        code = exit_request.code
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def verdict_of(output: str, name: str) -> str:
    """The verdict column of a benchmark's row in the text table."""
    row = next(line for line in output.splitlines() if line.startswith(name))
    return row.split("  ")[-1].strip()


def assert_one_line_error(code: int, err: str, *fragments: str) -> None:
    assert code == 2
    assert len(err.strip().splitlines()) == 1, err
    assert err.startswith("compare: ")
    for fragment in fragments:
        assert fragment in err


def test_identical_runs_show_no_change(write_record, capsys):
    samples = {CPU: repetitions(10), NOOP: repetitions(0.002)}
    base = write_record("base.json", samples)
    new = write_record("new.json", samples)

    code, out, err = run_compare(capsys, str(base), str(new))

    assert (code, err) == (0, "")
    assert verdict_of(out, CPU) == "no significant change"
    assert verdict_of(out, NOOP) == "no significant change"
    assert "Summary: 2 no significant change; geometric mean" in out


def test_30_percent_slowdown_with_9_repetitions_is_a_regression(
        write_record, capsys):
    base = write_record("base.json", {CPU: repetitions(10),
                                      NOOP: repetitions(0.002)})
    new = write_record("new.json", {CPU: repetitions(13),
                                    NOOP: repetitions(0.002)})

    code, out, _ = run_compare(capsys, str(base), str(new))

    assert code == 1
    assert verdict_of(out, CPU) == "slower"
    assert "+30.0%" in out
    assert verdict_of(out, NOOP) == "no significant change"


def test_2_percent_change_is_within_the_noise_floor(write_record, capsys):
    base = write_record("base.json", {CPU: repetitions(10)})
    new = write_record("new.json", {CPU: repetitions(10.2)})

    code, out, _ = run_compare(capsys, str(base), str(new))

    # Significant (the samples do not overlap) but below the 5% noise floor.
    assert comparison.compare_results(
        bench_json.load_results(str(base)),
        bench_json.load_results(str(new))).comparisons[CPU].p_value < 0.05
    assert code == 0
    assert verdict_of(out, CPU) == "no significant change"
    code, out, _ = run_compare(capsys, str(base), str(new), "--noise", "0.01")
    assert (code, verdict_of(out, CPU)) == (1, "slower")


def test_speedup_is_faster_and_not_a_failure(write_record, capsys):
    base = write_record("base.json", {CPU: repetitions(10)})
    new = write_record("new.json", {CPU: repetitions(7)})

    code, out, _ = run_compare(capsys, str(base), str(new))

    assert (code, verdict_of(out, CPU)) == (0, "faster")


def test_throughput_counter_drop_is_slower(write_record, capsys):
    base = write_record("base.json", {CPU: repetitions(10)})
    new = write_record("new.json", {CPU: repetitions(13)})

    code, out, _ = run_compare(capsys, str(base), str(new),
                               "--metric", "tasks_per_s")

    assert code == 1
    assert verdict_of(out, CPU) == "slower"
    assert "-23.1%" in out  # tasks_per_s fell to 10/13 of its value.
    assert "higher is better" in out


def test_unknown_counter_names_the_known_ones(write_record, capsys):
    base = write_record("base.json", {CPU: repetitions(10)})

    code, _, err = run_compare(capsys, str(base), str(base),
                               "--metric", "bogus_per_s")

    assert_one_line_error(code, err, "no counter 'bogus_per_s'",
                          "real_time_s, tasks_per_s")


def test_single_repetition_is_too_few_to_judge(write_record, capsys):
    base = write_record("base.json", {CPU: [10.0]})
    new = write_record("new.json", {CPU: [20.0]})

    code, out, _ = run_compare(capsys, str(base), str(new))

    assert code == 0
    assert verdict_of(out, CPU) == "too few repetitions (n=1)"
    assert "needs at least 4 repetitions per side" in out


def test_uneven_repetitions_show_both_counts(write_record, capsys):
    base = write_record("base.json", {CPU: repetitions(10, count=3)})
    new = write_record("new.json", {CPU: repetitions(13, count=2)})

    _, out, _ = run_compare(capsys, str(base), str(new))

    assert verdict_of(out, CPU) == "too few repetitions (n=3 vs 2)"


def test_minimum_p_value_matches_the_exact_distribution():
    # Two non-overlapping samples of 5: 2 of the C(10, 5) = 252 orderings.
    assert statistics.minimum_p_value(5, 5) == pytest.approx(2 / 252)
    assert statistics.minimum_p_value(1, 1) == 1.0
    assert statistics.minimum_p_value(3, 3) == pytest.approx(2 / 20)
    assert statistics.repetitions_needed(0.05) == 4
    assert statistics.repetitions_needed(0.01) == 5


def test_benchmarks_on_one_side_are_listed_apart(write_record, capsys):
    base = write_record("base.json", {CPU: repetitions(10),
                                      NOOP: repetitions(0.002)})
    new = write_record("new.json", {CPU: repetitions(10),
                                    "Dot/Processes/workers:2": repetitions(3)})

    code, out, _ = run_compare(capsys, str(base), str(new))

    assert code == 0
    assert "Only in BASE (1):\n  Noop/Serial/workers:1\n" in out
    assert "Only in NEW (1):\n  Dot/Processes/workers:2\n" in out


def test_benchmarks_come_in_name_order_with_numbers_by_value(write_record):
    def named(*clients: int) -> list[str]:
        return [f"ApiServer/concurrent_clients:{count}" for count in clients]

    base = write_record("base.json", {
        name: repetitions(50) for name in named(256, 1024, 16, 128, 64)})
    new = write_record("new.json", {
        name: repetitions(50) for name in named(64, 256, 16) + [CPU]})

    report = comparison.compare_results(bench_json.load_results(str(base)),
                                     bench_json.load_results(str(new)))

    assert list(report.comparisons) == named(16, 64, 256)
    assert report.only_in_base == named(128, 1024)


def test_disjoint_benchmark_sets_are_bad_input(write_record, capsys):
    base = write_record("base.json", {CPU: repetitions(10)})
    new = write_record("new.json", {NOOP: repetitions(0.002)})

    code, out, err = run_compare(capsys, str(base), str(new))

    assert out == ""
    assert_one_line_error(code, err, "no benchmark", "in common")


def test_filter_selects_benchmarks(write_record, capsys):
    base = write_record("base.json", {CPU: repetitions(10),
                                      NOOP: repetitions(0.002)})
    new = write_record("new.json", {CPU: repetitions(10),
                                    NOOP: repetitions(0.004)})

    code, out, _ = run_compare(capsys, str(base), str(new), "--filter", "Cpu")
    assert code == 0
    assert NOOP not in out

    code, _, err = run_compare(capsys, str(base), str(new), "--filter", "(")
    assert_one_line_error(code, err, "invalid regular expression")


def test_errored_benchmarks_are_listed(write_record, capsys):
    base = write_record("base.json", {CPU: repetitions(10),
                                      NOOP: repetitions(0.002)})
    new = write_record("new.json", {CPU: repetitions(10)},
                       errors={NOOP: "fork failed"})

    code, out, _ = run_compare(capsys, str(base), str(new))

    assert code == 0
    assert "Errored (1):\n  Noop/Serial/workers:1 in NEW: fork failed" in out
    assert "Only in" not in out


@pytest.mark.parametrize("content, message", [
    ("{", "is not valid JSON"),
    ("", "is empty"),
    ('{"context": {}, "benchmarks": "none"}', "is not Google Benchmark JSON"),
])
def test_malformed_file_is_bad_input(write_record, tmp_path, capsys, content,
                                     message):
    good = write_record("good.json", {CPU: repetitions(10)})
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")

    code, out, err = run_compare(capsys, str(good), str(bad))

    assert out == ""
    assert_one_line_error(code, err, message)


@pytest.mark.parametrize("argv, message", [
    (["--alpha", "0"], "argument --alpha: '0' is not a number above 0"),
    (["--alpha", "x"], "argument --alpha: 'x' is not a number"),
    (["--noise", "-1"], "argument --noise: '-1' is not a number from 0"),
    (["--format", "html"], "argument --format: invalid choice"),
])
def test_bad_options_are_one_line(write_record, capsys, argv, message):
    record = write_record("record.json", {CPU: repetitions(10)})

    code, _, err = run_compare(capsys, str(record), str(record), *argv)

    assert_one_line_error(code, err, message)


def test_markdown_emphasizes_regressions(write_record, capsys):
    base = write_record("base.json", {CPU: repetitions(10),
                                      NOOP: repetitions(0.002)})
    new = write_record("new.json", {CPU: repetitions(13),
                                    NOOP: repetitions(0.002)})

    code, out, _ = run_compare(capsys, str(base), str(new), "--format", "md")

    assert code == 1
    assert "| Benchmark | Base | New | Change | p | Verdict |" in out
    assert "| `Cpu/Threads/workers:2` | 10.0 ms | 13.0 ms | +30.0% |" in out
    assert out.splitlines()[-2].endswith("| **slower** |")
    assert "**Summary:** 1 slower, 1 no significant change; geo" in out


def test_commit_resolves_to_its_record(git_repo, write_record):
    base_commit = git_repo.commit("base", date="2026-01-01T10:00:00Z")
    new_commit = git_repo.commit("new", date="2026-01-02T10:00:00Z")
    record = atomic_file.write_new(
        records.record_paths(git_repo.path, "box-1", base_commit), b"{}")

    assert record.name.startswith(f"20260101T100000Z-{base_commit[:12]}-")
    for revision in ("HEAD~1", "main~1", base_commit[:7], base_commit):
        assert record_selection.resolve_records(git_repo.path, "BASE",
                                       revision) == [record]
    with pytest.raises(bench_json.InputError, match=(
            rf"NEW 'HEAD' is commit {new_commit[:12]}, which has no record")):
        record_selection.resolve_records(git_repo.path, "NEW", "HEAD")
    with pytest.raises(bench_json.InputError,
                       match="neither a file, a run folder nor a commit"):
        record_selection.resolve_records(git_repo.path, "NEW", "no-such-branch")


def test_commit_recorded_on_several_machines_needs_files(git_repo):
    commit = git_repo.commit("base", date="2026-01-01T10:00:00Z")
    for machine in ("box-1", "box-2"):
        atomic_file.write_new(
            records.record_paths(git_repo.path, machine, commit), b"{}")

    with pytest.raises(bench_json.InputError) as raised:
        record_selection.resolve_records(git_repo.path, "BASE", "HEAD")

    assert "several machines (box-1, box-2); pass the two files" in str(
        raised.value)


def test_compares_commits_from_the_command_line(git_repo, monkeypatch,
                                                capsys):
    commits = [git_repo.commit("base", date="2026-01-01T10:00:00Z"),
               git_repo.commit("new", date="2026-01-02T10:00:00Z")]
    for commit, median_ms in zip(commits, (10, 13)):
        document = benchmark_document({CPU: repetitions(median_ms)})
        atomic_file.write_new(
            records.record_paths(git_repo.path, "box-1", commit),
            json.dumps(document).encode("utf-8"))
    monkeypatch.setattr(records, "PROJECT_ROOT", git_repo.path)

    code, out, _ = run_compare(capsys, "HEAD~1", "HEAD")

    assert code == 1
    assert verdict_of(out, CPU) == "slower"


def test_script_runs_from_anywhere(write_record, tmp_path):
    base = write_record("base.json", {CPU: repetitions(10)})
    new = write_record("new.json", {CPU: repetitions(13)})

    completed = leftovers.run([SCRIPTS / "compare", base, new], cwd=tmp_path)

    assert completed.returncode == 1, completed.stderr
    assert "slower" in completed.stdout


def write_commit_record(git_repo, commit: str, samples: dict,
                        **options) -> str:
    """Stores benchmark_document(samples, **options) as a new record of the
    commit on box-1; returns its path."""
    return str(atomic_file.write_new(
        records.record_paths(git_repo.path, "box-1", commit),
        json.dumps(benchmark_document(samples, **options)).encode("utf-8")))


def sized(label: str | None = None, **flags: str) -> dict:
    """A context with these suite flags, the ones compare ignores and
    optionally a record's label."""
    return {"context": {
        **({} if label is None else {"execbench_label": label}),
        **{f"execbench_flag_{name}": value for name, value in flags.items()},
        "execbench_flag_workers": flags.get("workers", "1,2"),
        "execbench_flag_spans_out": flags.get("spans_out", "")}}


def test_two_records_of_a_commit_are_pooled(git_repo, monkeypatch, capsys):
    base_commit = git_repo.commit("base", date="2026-01-01T10:00:00Z")
    git_repo.commit("new", date="2026-01-02T10:00:00Z")
    for median_ms, spans_out in ((10, "a.json"), (10.1, "b.json")):
        write_commit_record(git_repo, base_commit,
                            {CPU: repetitions(median_ms, count=2)},
                            **sized(cpu_iterations="100", spans_out=spans_out))
    write_commit_record(git_repo, git_repo.git("rev-parse", "HEAD"),
                        {CPU: repetitions(13, count=4)},
                        **sized(cpu_iterations="100"))
    monkeypatch.setattr(records, "PROJECT_ROOT", git_repo.path)

    code, out, err = run_compare(capsys, "HEAD~1", "HEAD")

    # 2 + 2 repetitions pooled: enough for the test, which 2 are not.
    assert (code, err) == (1, "")
    assert verdict_of(out, CPU) == "slower"
    assert " + " in out.splitlines()[0]


def test_records_of_a_commit_with_different_sizes_are_ambiguous(
        git_repo, monkeypatch, capsys):
    commit = git_repo.commit("base", date="2026-01-01T10:00:00Z")
    first = write_commit_record(git_repo, commit, {CPU: repetitions(10)},
                                **sized("small", cpu_iterations="100"))
    second = write_commit_record(git_repo, commit, {CPU: repetitions(20)},
                                 **sized(cpu_iterations="200"))
    monkeypatch.setattr(records, "PROJECT_ROOT", git_repo.path)

    code, _, err = run_compare(capsys, "HEAD", "HEAD")

    assert_one_line_error(
        code, err, "compare: BASE 'HEAD' has 2 records of different sizes "
        "(cpu_iterations 100 vs 200)", f"{first} (label 'small')", second,
        "pick one by its path, or as HEAD@LABEL or HEAD@RECORDED")
    code, out, err = run_compare(capsys, "HEAD@small", first)
    assert (code, err) == (0, "")
    assert verdict_of(out, CPU) == "no significant change"
    stamp = records.recorded_at(pathlib.Path(second))
    code, out, _ = run_compare(capsys, "HEAD@small", f"HEAD@{stamp}",
                               "--allow-different-sizes")
    assert (code, verdict_of(out, CPU)) == (1, "slower")
    code, _, err = run_compare(capsys, "HEAD@nothing", first)
    assert_one_line_error(code, err, "no record of commit", "'nothing'")


def test_each_record_is_read_once(git_repo, monkeypatch, capsys,
                                  json_reads):
    commit = git_repo.commit("base", date="2026-01-01T10:00:00Z")
    for label, iterations in (("small", "100"), ("large", "200")):
        write_commit_record(git_repo, commit, {CPU: repetitions(10)},
                            **sized(label, cpu_iterations=iterations))
    monkeypatch.setattr(records, "PROJECT_ROOT", git_repo.path)

    # Picked by label, listed in the complaint, pooled: read once all told.
    assert run_compare(capsys, "HEAD", "HEAD@small")[0] == 2
    assert run_compare(capsys, "HEAD@small", "HEAD@small")[0] == 0
    assert sorted(json_reads.values()) == [1, 1]


def test_different_sizes_are_refused_unless_allowed(write_record, capsys):
    base = write_record("base.json", {CPU: repetitions(10)},
                        **sized(cpu_iterations="100", io_bytes="5"))
    new = write_record("new.json", {CPU: repetitions(20)},
                       **sized(cpu_iterations="200", io_bytes="5",
                               workers="8", spans_out="x"))

    code, out, err = run_compare(capsys, str(base), str(new))

    assert out == ""
    assert_one_line_error(
        code, err, "BASE and NEW ran different sizes (cpu_iterations 100 vs "
        "200); compare records made with the same flags, or pass "
        "--allow-different-sizes")
    for output_format in ("text", "md", "json"):
        code, out, err = run_compare(capsys, str(base), str(new),
                                     "--allow-different-sizes",
                                     "--format", output_format)
        assert (code, err) == (1, "")
        first_line = out.lstrip("{ \n\"warnings:[").splitlines()[0]
        assert "WARNING: BASE and NEW ran DIFFERENT SIZES (cpu_iterations " \
               "100 vs 200)" in first_line, output_format


def test_records_without_flags_compare_with_a_warning(tmp_path, write_record,
                                                     capsys):
    document = benchmark_document({CPU: repetitions(10)})
    document["context"] = {key: value for key, value in
                           document["context"].items()
                           if not key.startswith("execbench_flag_")}
    base = tmp_path / "old.json"
    base.write_text(json.dumps(document), encoding="utf-8")
    new = write_record("new.json", {CPU: repetitions(10)},
                       **sized(cpu_iterations="200"))

    code, out, _ = run_compare(capsys, str(base), str(new))

    assert code == 0
    assert out.splitlines()[0].startswith(
        "Warning: the sizes of BASE are unknown")


def test_run_folder_is_read_from_its_bench_json(write_record, tmp_path,
                                                capsys):
    base = write_record("run-a/bench.json", {CPU: repetitions(10)})
    new = write_record("run-b/bench.json", {CPU: repetitions(13)})

    code, out, _ = run_compare(capsys, str(base.parent), str(new.parent) + "/")

    assert (code, verdict_of(out, CPU)) == (1, "slower")
    (tmp_path / "empty").mkdir()
    code, _, err = run_compare(capsys, str(tmp_path / "empty"), str(new))
    assert_one_line_error(code, err, "is a folder without bench.json")


def test_json_has_every_row_and_the_summary(write_record, capsys):
    base = write_record("base.json", {CPU: repetitions(10),
                                      NOOP: repetitions(0.002)})
    new = write_record("new.json", {CPU: repetitions(13),
                                    NOOP: repetitions(0.002)})

    code, out, _ = run_compare(capsys, str(base), str(new), "--format", "json")

    assert code == 1
    document = json.loads(out)
    rows = {row["name"]: row for row in document["benchmarks"]}
    assert rows[CPU]["base_median"] == pytest.approx(0.010)
    assert rows[CPU]["new_median"] == pytest.approx(0.013)
    assert rows[CPU]["change"] == pytest.approx(0.3)
    assert rows[CPU]["p_value"] < 0.05
    assert rows[CPU]["verdict"] == "slower"
    assert rows[NOOP]["verdict"] == "no significant change"
    summary = document["summary"]
    assert summary["verdicts"]["slower"] == 1
    assert summary["geometric_mean_ratio"] == pytest.approx(1.3 ** 0.5)
    assert document["warnings"] == []


def test_every_format_gives_the_geometric_mean_of_the_ratios(write_record,
                                                             capsys):
    base = write_record("base.json", {CPU: repetitions(10),
                                      NOOP: repetitions(0.002)})
    new = write_record("new.json", {CPU: repetitions(40),
                                    NOOP: repetitions(0.001)})

    for output_format in ("text", "md"):
        _, out, _ = run_compare(capsys, str(base), str(new),
                                "--format", output_format)
        # sqrt(4 * 0.5) = 1.414.
        assert "geometric mean of NEW / BASE medians 1.414 (+41.4%)" in out
