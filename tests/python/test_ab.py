"""Tests of scripts/ab (commands/ab.py, running/ab_rounds.py,
reports/paired_comparison.py) with fake benches (fake_bench.py) whose wall
times are drawn at random, seeded: verdicts and exit codes, what each round
runs, the guard of the environment, the outputs, and bad input.

The rule's parameters are the defaults, with TOLERATED_OUTLIERS 0 where a
test waits for confirmation, so that it takes 5 rounds, not 10."""

import json
import re

import pytest

import fake_bench
from conftest import run_main
from execbench.commands import ab
from execbench.running import grid_flags

CPU = {f"Cpu/{executor}/workers:{workers}": {"ms": 10.0, "sd": 0.005}
       for executor, workers in (("Serial", 1), ("Threads", 1),
                                 ("Threads", 2))}
NOOP = {"Noop/Serial/workers:1": {"ms": 0.02, "sd": 0.005}}
QUICK = ("--tolerated-outliers", "0")


@pytest.fixture(name="benches")
def fixture_benches(tmp_path):
    """Installs two fake benches, base and new, of the same draws unless
    new_draws says otherwise, and of other options of their plans."""

    def install(draws: dict = None, new_draws: dict = None,
                base: dict = None, new: dict = None):
        draws = draws or {**CPU, **NOOP}
        return tuple(fake_bench.install(tmp_path / side, draws=side_draws,
                                        seed=seed, **(options or {}))
                     for side, side_draws, seed, options in (
                         ("base", draws, 1, base),
                         ("new", new_draws or draws, 2, new)))

    return install


# NEW's Cpu rows 10% slower, its Noop row as BASE's.
SLOWER_CPU = {**{name: {**draw, "ms": draw["ms"] * 1.1}
                 for name, draw in CPU.items()}, **NOOP}


def run_ab(capsys, *argv: str) -> tuple:
    """(exit code, stdout, stderr) of ab's command line."""
    return run_main(ab.main, capsys, *argv)


def verdict_of(output: str, name: str) -> str:
    row = next(line for line in output.splitlines()
               if line.startswith(name + " "))
    return row[len(name):].split()[0]


def assert_one_line_error(code: int, err: str, *fragments: str) -> None:
    assert code == 2
    assert len(err.strip().splitlines()) == 1, err
    for fragment in fragments:
        assert fragment in err


def test_new_slowed_by_10_percent_is_slower(benches, capsys):
    base, new = benches()

    code, out, err = run_ab(capsys, base, new, "--seed", "7",
                            "--new-flag=--task_slowdown=0.1", *QUICK)

    assert code == 1
    assert out.splitlines()[0].startswith(
        "WARNING: NEW ran with --task_slowdown=0.1 (--new-flag")
    for name in CPU:
        assert verdict_of(out, name) == "slower"
    assert verdict_of(out, "Cpu (workload)") == "slower"
    assert re.search(r"^Cpu \(workload\) +slower +\+(9\.[5-9]|10\.[0-5])%", out,
                     re.MULTILINE)
    assert err.splitlines()[0] == "ab: seed 7 (--seed 7 draws the same order)"
    assert re.search(r"^ab: round 1 \(screening 1/12, 4 rows run\): 4 "
                     r"undecided, 0 same, 0 candidates; \d+ s so far, at "
                     r"most about .* more in screening$", err, re.MULTILINE)


def test_the_same_build_is_never_slower(benches, capsys):
    base, new = benches()

    code, out, _ = run_ab(capsys, base, new, "--seed", "3")

    assert code == 0
    assert "slower" not in out and "faster" not in out
    assert re.search(r"Summary: \d+ same \(each states what it could "
                     r"detect\)", out)


def test_each_round_runs_both_sides_in_a_seeded_order_with_the_flags(
        benches, capsys, tmp_path):
    base, new = benches(new_draws=SLOWER_CPU)
    out = tmp_path / "ab.json"

    code, _, _ = run_ab(capsys, base, new, "--seed", "5", "--cpu_tasks=3",
                        "--new-flag=--benchmark_min_time=0.1", "--format",
                        "json", "--out", out, *QUICK)

    assert code == 1
    measurement = json.loads(out.read_text())["measurement"]
    orders = [tuple(one["order"]) for one in measurement["rounds"]]
    assert set(orders) == {("base", "new"), ("new", "base")}
    base_calls, new_calls = fake_bench.calls(base), fake_bench.calls(new)
    assert len(base_calls) == len(new_calls) == len(orders) + 1  # + listing.
    for call in base_calls[1:]:
        assert call[:len(grid_flags.GRID_FLAGS) + 1] == [
            *grid_flags.GRID_FLAGS, "--cpu_tasks=3"]
        assert "--benchmark_repetitions=1" in call
        assert "--benchmark_enable_random_interleaving=true" in call
    assert all("--benchmark_min_time=0.1" in call for call in new_calls)
    assert not any("--benchmark_min_time=0.1" in call for call in base_calls)
    filters = [fake_bench.flag_values(call, "--benchmark_filter")[0]
               for call in base_calls[1:]]
    assert filters[0] == ("^(Cpu/Serial/workers:1/manual_time|"
                          "Cpu/Threads/workers:1/manual_time|"
                          "Cpu/Threads/workers:2/manual_time|"
                          "Noop/Serial/workers:1/manual_time)$")
    # Noop is the same from the first look on: confirmation runs Cpu only.
    stages = [one["stage"] for one in measurement["rounds"]]
    confirming = filters[stages.index("confirmation"):]
    assert confirming and all("Noop" not in one for one in confirming)

    again = tmp_path / "again.json"
    for side in (base, new):
        (side.parent / "served.json").unlink()
    run_ab(capsys, base, new, "--seed", "5", "--cpu_tasks=3",
           "--new-flag=--benchmark_min_time=0.1", "--format", "json",
           "--out", again, *QUICK)
    assert [one["order"] for one in json.loads(
        again.read_text())["measurement"]["rounds"]] == [
            list(order) for order in orders]


def test_pairs_taken_on_a_noisy_machine_are_dropped_and_named(
        benches, capsys):
    base, new = benches(new={"steal": {"Noop/Serial/workers:1": 0.4}})

    code, out, _ = run_ab(capsys, base, new, "--seed", "1", "--filter",
                          "Noop", "--max-rounds", "6")

    assert code == 0
    assert re.search(r"^Noop/Serial/workers:1\s+undecided\s+-\s+-\s+6\s+6",
                     out, re.MULTILINE)
    assert ("Noop/Serial/workers:1 in round 1: NEW: steal 40% of CPU in 1 "
            "of 1 repetitions") in out
    assert "6 pairs dropped as taken on a noisy machine" in out


@pytest.mark.parametrize("field, value", [
    ("execbench_cpu_model", "Other CPU"), ("num_cpus", 64),
    ("execbench_kernel", "6.2.0"), ("execbench_compiler", "Clang 16"),
    ("execbench_build_type", "Debug"), ("execbench_tbb_version", "2022.0")])
def test_different_environments_are_refused_unless_allowed(
        benches, capsys, tmp_path, field, value):
    base, new = benches(base={"context": {"execbench_kernel": "6.1.0",
                                          "execbench_tbb_version": "2021.8"}},
                        new={"context": {"execbench_kernel": "6.1.0",
                                         "execbench_tbb_version": "2021.8",
                                         field: value}})

    code, out, err = run_ab(capsys, base, new, "--filter", "Noop")

    assert out == ""
    assert_one_line_error(code, err,
                          "ab: BASE and NEW ran in different environments",
                          f"{field} ", f"{str(value)!r}",
                          "--allow-different-environment")
    saved = tmp_path / "ab.json"
    code, _, _ = run_ab(capsys, base, new, "--filter", "Noop",
                        "--allow-different-environment", "--format", "json",
                        "--out", saved)
    assert code == 0
    for output_format in ("text", "md", "json"):
        _, out, _ = run_ab(capsys, "--replay", saved, "--format",
                           output_format)
        first_line = out.lstrip("{ \n\"warnings:[>*").splitlines()[0]
        assert first_line.startswith(
            "WARNING: BASE and NEW RAN IN DIFFERENT ENVIRONMENTS"), (
                output_format)
        assert field in first_line


def test_sizes_that_differ_between_the_builds_are_warned_about(
        benches, capsys):
    base, new = benches(new={"context": {
        "execbench_flag_cpu_iterations": "20000000"}})

    code, out, _ = run_ab(capsys, base, new, "--filter", "Noop")

    assert code == 0
    assert out.startswith("WARNING: BASE and NEW ran DIFFERENT SIZES "
                          "(cpu_iterations 10000000 vs 20000000)")


def test_json_is_decided_again_alike_and_with_other_parameters(
        benches, capsys, tmp_path):
    base, new = benches(new_draws=SLOWER_CPU)
    saved = tmp_path / "ab.json"
    code, _, _ = run_ab(capsys, base, new, "--seed", "2", "--format", "json",
                        "--out", saved, *QUICK)
    document = json.loads(saved.read_text())

    replayed = run_ab(capsys, "--replay", saved, "--format", "json")

    assert code == replayed[0] == 1
    again = json.loads(replayed[1])
    assert (again["rows"], again["workloads"]) == (document["rows"],
                                                   document["workloads"])
    assert document["parameters"]["tolerated_outliers"] == 0
    assert {row["verdict"] for row in document["rows"]} == {"slower", "same"}
    assert document["seed"] == 2
    assert document["measurement"]["rounds"][0]["pairs"][
        "Cpu/Serial/workers:1"][0] > 0
    # A floor of 50% calls nothing slower.
    code, out, _ = run_ab(capsys, "--replay", saved, "--floor", "0.5")
    assert code == 0 and "slower" not in out


def test_markdown_gives_the_changes_first_then_one_line_for_the_rest(
        benches, capsys):
    base, new = benches(new_draws=SLOWER_CPU)

    code, out, _ = run_ab(capsys, base, new, "--seed", "2", "--format", "md",
                          *QUICK)

    assert code == 1
    lines = out.splitlines()
    table = lines.index("| Benchmark | Verdict | Change | Interval | Rounds "
                        "| Dropped | Could detect |")
    rest = next(index for index, line in enumerate(lines)
                if line.startswith("**The rest:**"))
    changes = lines[table + 2:rest - 1]
    assert [line.split("|")[2].strip() for line in changes] == [
        "**slower**"] * 4
    assert lines[rest] == ("**The rest:** 1 same (each states what it could "
                           "detect).")
    assert "<details><summary>Every benchmark</summary>" in lines


def test_out_writes_the_file_and_nothing_to_stdout(benches, capsys,
                                                   tmp_path):
    base, new = benches()
    path = tmp_path / "deep" / "ab.md"

    code, out, _ = run_ab(capsys, base, new, "--filter", "Noop", "--format",
                          "md", "--out", path)

    assert (code, out) == (0, "")
    assert path.read_text().startswith("### Benchmark comparison")


def test_a_budget_stops_the_rounds_and_leaves_the_rows_undecided(
        benches, capsys):
    base, new = benches()

    code, out, err = run_ab(capsys, base, new, "--seed", "3", "--budget",
                            "0.0001")

    assert code == 0
    assert out.splitlines()[0] == (
        "WARNING: ab stopped at its budget of 0 s after 1 round, as the next "
        "would have ended past it: rows that wanted more rounds are "
        "undecided")
    for name in (*CPU, *NOOP):
        assert verdict_of(out, name) == "undecided"
    assert len(fake_bench.calls(base)) == 2  # The listing and one round.


@pytest.mark.parametrize("argv, fragments", [
    (["HEAD", "no-such-commit-x"],
     ["ab: NEW 'no-such-commit-x' is neither a bench executable nor a "
      "commit"]),
    (["BASE", "NEW", "--filter", "^Nothing"],
     ["BASE and NEW list no benchmark matching --filter '^Nothing' in "
      "common"]),
    (["BASE", "NEW", "--filter", "("], ["invalid regular expression"]),
    (["BASE", "NEW", "--nope"], ["bench: unrecognized flag --nope"]),
    (["BASE", "NEW", "--benchmark_filter=Cpu"],
     ["--benchmark_filter is set by ab itself"]),
    (["BASE", "NEW", "--new-flag=--benchmark_repetitions=3"],
     ["--benchmark_repetitions is set by ab itself"]),
    (["BASE", "NEW", "extra"], ["unexpected argument 'extra'"]),
    (["BASE", "NEW", "--alpha", "2"], ["--alpha 2.0 is out of range"]),
    (["BASE", "NEW", "--max-rounds", "three"],
     ["argument --max-rounds: invalid int value: 'three'"]),
    (["BASE", "NEW", "--max-rounds", "4"],
     ["--max-rounds 4 is below --first-look 6"]),
    (["BASE"], ["give BASE and NEW"]),
    (["--replay", "x.json", "BASE"], ["--replay runs nothing"]),
    (["--replay", "x.json", "--budget", "5"], ["--replay runs nothing"]),
    (["BASE", "NEW", "--budget", "0"], ["--budget 0.0 is out of range"]),
    (["BASE", "NEW", "--instructions", "--budget", "5"],
     ["--budget does not apply to --instructions"]),
])
def test_bad_input_is_one_line_and_exit_2(benches, capsys, argv, fragments):
    base, new = benches()
    sides = {"BASE": str(base), "NEW": str(new)}

    code, out, err = run_ab(capsys, *[sides.get(argument, argument)
                                      for argument in argv])

    assert out == ""
    assert_one_line_error(code, err, *fragments)
