"""Tests of scripts/ab --resample (analysis/resampled_trials.py,
reports/resampled_trials.py, commands/ab.py) on synthetic JSON outputs of a
fixed-design run, made here with chosen values: identical sides are rarely
called anything, a planted +5% in one workload is found in the right
direction and nowhere else, and so is one put on identical sides by
--shift, --filter resamples a part of the file as ab --filter would have
run it, --budget stops a trial where ab --budget would have, the rounds
fed follow the rule's plans, a pool too short runs out,
the draws repeat with the seed, and bad input is one line and exit 2.
Every draw is seeded."""

import dataclasses
import json
import re
import statistics

import numpy
import pytest

from conftest import run_main
from execbench.analysis import paired_verdicts
from execbench.analysis import resampled_trials
from execbench.commands import ab
from execbench.inputs import instruction_counts
from execbench.inputs import paired_rounds
from execbench.reports import paired_comparison

Verdict = paired_verdicts.Verdict
WORKLOADS = ("Alloc", "Cpu", "Io", "Sleep")
EXECUTORS = ("Processes", "Serial", "Tbb", "Threads", "ForkServer")
# 40 rows: 10 per workload.
ROWS = tuple(f"{workload}/{executor}/workers:{workers}"
             for workload in WORKLOADS for executor in EXECUTORS
             for workers in (1, 2))
DEFAULTS = paired_verdicts.Parameters()


def fixed_design_rounds(count: int, *, shift: dict | None = None,
                        sd: float = 0.01, seed: int = 1) -> tuple:
    """count screening rounds of every row: 10 ms x exp(sd x normal noise)
    per side, NEW's values of a workload times shift[workload]; round i
    takes 10 + i seconds."""
    generator = numpy.random.default_rng(seed)
    rounds = []
    for index in range(count):
        base, new = (0.01 * numpy.exp(sd * generator.normal(0, 1, len(ROWS)))
                     for _ in range(2))
        rounds.append(paired_rounds.Round(
            paired_verdicts.SCREENING,
            {name: paired_rounds.Pair(
                float(one), float(other) * (shift or {}).get(
                    paired_verdicts.workload_of(name), 1.0))
             for name, one, other in zip(ROWS, base, new)},
            order=("base", "new"), seconds=10.0 + index))
    return tuple(rounds)


def measurement_of(rounds: tuple) -> paired_rounds.Measurement:
    sides = [paired_rounds.Side(label=label, argument=f"{label}/bench",
                                commit=None, bench=f"{label}/bench",
                                flags=(), context={})
             for label in ("BASE", "NEW")]
    return paired_rounds.Measurement(
        base=sides[0], new=sides[1], bench_flags=(), seed=1, rows=ROWS,
        only_in_base=(), only_in_new=(), rounds=rounds, warnings=(),
        seconds=sum(one.seconds for one in rounds))


def write_fixed_design(path, rounds: tuple):
    """Writes the JSON that scripts/ab --first-look N --max-rounds N
    --max-confirm-rounds 1 --format json writes for these rounds."""
    design = paired_verdicts.Parameters(first_look=len(rounds),
                                        max_rounds=len(rounds),
                                        max_confirm_rounds=1)
    measurement = measurement_of(rounds)
    path.write_text(paired_comparison.format_json(
        paired_verdicts.decide(list(rounds), design), measurement),
        encoding="utf-8")
    return path


def run_ab(capsys, *argv) -> tuple:
    return run_main(ab.main, capsys, *argv)


def resampled_json(capsys, path, *argv) -> dict:
    code, out, err = run_ab(capsys, "--resample", path, "--format", "json",
                            *argv)
    assert (code, err) == (0, ""), err
    return json.loads(out)


def test_identical_sides_are_rarely_called_anything(capsys, tmp_path):
    path = write_fixed_design(tmp_path / "aa.json",
                              fixed_design_rounds(30, seed=3))

    document = resampled_json(capsys, path, "--seed", "1")

    anything = document["totals"]["called_anything"]
    assert anything["of"] == 200
    assert anything["rate"] <= 0.10
    assert anything["interval_95"][0] <= anything["rate"] <= anything[
        "interval_95"][1]
    assert document["totals"]["ran_out"] == 0
    assert sum(trial["exit"] for trial in document["trials"]) == document[
        "totals"]["called_slower"]["trials"]


def test_a_planted_change_is_found_in_its_workload_only(capsys, tmp_path):
    path = write_fixed_design(tmp_path / "slower.json", fixed_design_rounds(
        30, shift={"Cpu": 1.05}, seed=4))

    document = resampled_json(capsys, path, "--seed", "2", "--trials", "40")

    assert document["totals"]["called_slower"]["rate"] >= 0.9
    workloads = {one["name"]: one for one in document["workloads"]}
    assert workloads["Cpu"]["summary_slower"] >= 36
    assert workloads["Cpu"]["row_slower"] >= 36
    assert workloads["Cpu"]["summary_faster"] == workloads["Cpu"][
        "row_faster"] == 0
    for name in ("Alloc", "Io", "Sleep"):
        assert workloads[name]["summary_slower"] + workloads[name][
            "row_slower"] <= 4, name
    assert document["totals"]["called_faster"]["trials"] <= 4


def test_a_shift_on_identical_sides_is_found_in_its_rows_only(capsys,
                                                            tmp_path):
    path = write_fixed_design(tmp_path / "aa.json",
                              fixed_design_rounds(30, seed=3))

    document = resampled_json(capsys, path, "--seed", "2", "--trials", "40",
                              "--shift", "^Io/=-5", "--shift", "^Cpu/=5")

    assert document["shifts"] == [
        {"pattern": "^Io/", "percent": -5.0, "rows": 10},
        {"pattern": "^Cpu/", "percent": 5.0, "rows": 10}]
    workloads = {one["name"]: one for one in document["workloads"]}
    assert workloads["Cpu"]["summary_slower"] >= 36
    assert workloads["Io"]["summary_faster"] >= 36
    assert workloads["Cpu"]["summary_faster"] == workloads["Io"][
        "summary_slower"] == 0
    for name in ("Alloc", "Sleep"):
        assert workloads[name]["summary_slower"] + workloads[name][
            "summary_faster"] <= 4, name


def test_a_shift_multiplies_new_only_the_first_that_matches_applies():
    rounds = fixed_design_rounds(6, seed=10)
    measurement = measurement_of(rounds)

    moved, counts = resampled_trials.shifted(measurement, (
        resampled_trials.Shift("^Cpu/Serial", 10.0),
        resampled_trials.Shift("^Cpu/", -50.0)))

    assert counts == (2, 8)
    for before, after in zip(rounds, moved.rounds):
        for name, pair in before.pairs.items():
            factor = (1.1 if name.startswith("Cpu/Serial") else
                      0.5 if name.startswith("Cpu/") else 1.0)
            assert after.pairs[name].base == pair.base
            assert after.pairs[name].new == pytest.approx(pair.new * factor)
    assert measurement.rounds == rounds


def test_a_filter_resamples_its_rows_as_if_ab_had_run_them_alone(
        capsys, tmp_path):
    rounds = fixed_design_rounds(30, shift={"Cpu": 1.05, "Io": 1.05},
                                 seed=4)
    path = write_fixed_design(tmp_path / "slower.json", rounds)

    document = resampled_json(capsys, path, "--seed", "2", "--trials", "10",
                              "--filter", "^(Cpu|Sleep)/")
    code, text, _ = run_ab(capsys, "--resample", path, "--seed", "2",
                           "--trials", "10", "--filter", "^(Cpu|Sleep)/")

    assert document["rows"] == [name for name in ROWS
                                if name.startswith(("Cpu/", "Sleep/"))]
    assert (document["filter"], document["file_rows"]) == ("^(Cpu|Sleep)/",
                                                           40)
    assert [one["name"] for one in document["workloads"]] == ["Cpu", "Sleep"]
    workloads = {one["name"]: one for one in document["workloads"]}
    assert workloads["Cpu"]["summary_slower"] >= 9
    # Each round fed takes the share of its file's round that its rows
    # took, of all 40 rows' time.
    slow = slow_io(rounds)
    trial = resampled_trials.resample(
        measurement_of(slow), DEFAULTS, trials=1, seed=1,
        pattern=re.compile("^(Cpu|Sleep)/")).trials[0]
    assert trial.rounds[0].seconds == pytest.approx(
        fed_share(trial.rounds[0], slow)[0].seconds * 20 / 330, rel=0.02)
    assert [fed.seconds for fed in trial.rounds] == pytest.approx([
        source.seconds * share for source, share in
        (fed_share(fed, slow) for fed in trial.rounds)])
    assert code == 0
    assert ("Rows: the 20 of the file's 40 that --filter '^(Cpu|Sleep)/' "
            "searches") in text


def test_a_budget_starts_no_round_that_ab_would_not_have(capsys, tmp_path):
    # Round i of the file takes 10 + i seconds for all 40 rows.
    rounds = fixed_design_rounds(30, shift={"Cpu": 1.03}, seed=4)
    unbounded = resampled_trials.resample(
        measurement_of(rounds), DEFAULTS, trials=20, seed=2)
    # The median trial's time: about half the trials need more.
    budget_s = 60 * round(statistics.median(
        trial.seconds for trial in unbounded.trials) / 60, 1)

    resampling = resampled_trials.resample(
        measurement_of(rounds), DEFAULTS, trials=20, seed=2,
        budget_s=budget_s)

    def within(fed: tuple) -> bool:
        """Whether ab would start the round after these: the last round's
        time per row, times the rows planned, ends within the budget."""
        plan = paired_verdicts.next_round(list(fed), DEFAULTS, list(ROWS))
        return sum(one.seconds for one in fed) + plan.estimated_seconds(
            fed[-1]) <= budget_s

    for trial, free in zip(resampling.trials, unbounded.trials):
        assert trial.rounds == free.rounds[:len(trial.rounds)]
        assert trial.over_budget == (len(trial.rounds) < len(free.rounds))
        assert all(within(trial.rounds[:index])
                   for index in range(1, len(trial.rounds)))
        if trial.over_budget:
            assert not within(trial.rounds)
    assert 0 < resampling.over_budget() < 20
    path = write_fixed_design(tmp_path / "slower.json", rounds)
    code, out, _ = run_ab(capsys, "--resample", path, "--trials", "20",
                          "--seed", "2", "--budget", str(budget_s / 60))
    assert code == 0
    assert (f"Budget: {budget_s / 60:.1f} min per trial, as scripts/ab "
            "--budget") in out
    assert "Trial  Rounds  Time (est.)  Exit  Ran out  Budget  Called" in out
    assert (f"Stopped at the budget, rows that wanted more undecided: "
            f"{resampling.over_budget()} of 20 trials") in out


def test_each_round_fed_is_what_the_rule_asked_for(tmp_path):
    rounds = fixed_design_rounds(30, shift={"Cpu": 1.03, "Io": 0.98},
                                 seed=5)
    pairs_in_file = {(name, pair) for one in rounds
                     for name, pair in one.pairs.items()}

    resampling = resampled_trials.resample(measurement_of(rounds), DEFAULTS,
                                           trials=10, seed=3)

    stages = set()
    for trial in resampling.trials:
        for index, fed in enumerate(trial.rounds):
            plan = paired_verdicts.next_round(list(trial.rounds[:index]),
                                              DEFAULTS, list(ROWS))
            assert fed.stage == plan.stage
            assert tuple(sorted(fed.pairs)) == tuple(sorted(plan.rows))
            assert set(fed.pairs.items()) <= pairs_in_file
            stages.add(fed.stage)
        assert paired_verdicts.next_round(list(trial.rounds), DEFAULTS,
                                          list(ROWS)) is None
        assert trial.decision == paired_verdicts.decide(list(trial.rounds),
                                                        DEFAULTS)
    # Both stages ran, and confirmation ran fewer rows than the file has.
    assert stages == {paired_verdicts.SCREENING, paired_verdicts.CONFIRMATION}
    assert any(len(fed.pairs) < len(ROWS) for trial in resampling.trials
               for fed in trial.rounds)


def slow_io(rounds: tuple) -> tuple:
    """The rounds with Io's rows 30 times as long on both sides as the
    others: 300 of every 330 milliseconds of a round's batches."""
    return tuple(dataclasses.replace(one, pairs={
        name: paired_rounds.Pair(pair.base * 30, pair.new * 30)
        if name.startswith("Io/") else pair
        for name, pair in one.pairs.items()}) for one in rounds)


def fed_share(fed: paired_rounds.Round, rounds: tuple) -> tuple:
    """(the file's round that a fed round came from, the share of its
    batches' time on both sides that the fed rows took)."""
    (source,) = [one for one in rounds
                 if set(fed.pairs.values()) <= set(one.pairs.values())]
    cost = {name: pair.base + pair.new for name, pair in source.pairs.items()}
    return source, sum(cost[name] for name in fed.pairs) / sum(cost.values())


def test_a_round_runs_for_the_share_of_its_time_its_rows_took(tmp_path):
    rounds = slow_io(fixed_design_rounds(30, shift={"Cpu": 1.05}, seed=6))

    trial = resampled_trials.resample(measurement_of(rounds), DEFAULTS,
                                      trials=1, seed=1).trials[0]

    expected = [source.seconds * share for source, share in
                (fed_share(fed, rounds) for fed in trial.rounds)]
    assert [fed.seconds for fed in trial.rounds] == pytest.approx(expected)
    assert trial.seconds == pytest.approx(sum(expected))
    # A round of Io's 10 rows alone takes 10/11 of a whole one.
    assert rounds[0].time_share(
        [name for name in ROWS if name.startswith("Io/")]) == pytest.approx(
            300 / 330, rel=0.01)


def test_a_pool_too_short_runs_out_and_says_the_rates_are_low(capsys,
                                                             tmp_path):
    path = write_fixed_design(tmp_path / "short.json", fixed_design_rounds(
        7, shift={"Cpu": 1.05}, seed=7))

    code, out, _ = run_ab(capsys, "--resample", path, "--trials", "20",
                          "--seed", "1")

    assert code == 0
    assert "WARNING: 20 of 20 trials (100.0%) ran out of rounds" in out
    assert "biased towards FEWER VERDICTS" in out
    assert "Ran out of rounds: 20 of 20 trials (100.0%)." in out
    assert "trials share the file's rounds, so they are not independent" in (
        out)
    assert "estimated from the file's rounds" in out


def test_the_seed_repeats_the_trials(capsys, tmp_path):
    path = write_fixed_design(tmp_path / "aa.json", fixed_design_rounds(
        30, shift={"Cpu": 1.02}, seed=8))

    drawn = resampled_json(capsys, path, "--trials", "15")
    again = resampled_json(capsys, path, "--trials", "15", "--seed",
                           str(drawn["seed"]))
    other = resampled_json(capsys, path, "--trials", "15", "--seed",
                           str(drawn["seed"] + 1))

    assert drawn == again
    assert other["trials"] != drawn["trials"]


def test_text_gives_each_trial_each_workload_and_the_totals(capsys,
                                                            tmp_path):
    path = write_fixed_design(tmp_path / "slower.json", fixed_design_rounds(
        30, shift={"Cpu": 1.05}, seed=4))
    out_file = tmp_path / "deep" / "resampled.txt"

    code, out, _ = run_ab(capsys, "--resample", path, "--trials", "5",
                          "--seed", "2", "--out", out_file)

    assert (code, out) == (0, "")
    lines = out_file.read_text().splitlines()
    assert lines[2].startswith("5 trials (seed 2; --seed 2 draws the same), "
                               "each a random order of the file's 30 rounds "
                               "that ran all 40 rows")
    header = lines.index("Trial  Rounds  Time (est.)  Exit  Ran out  Called")
    assert lines[header + 2].split()[0] == "1"
    assert "slower: 10 rows, Cpu (workload)" in lines[header + 2]
    assert [line.split()[0] for line in lines[header + 2:header + 7]] == [
        "1", "2", "3", "4", "5"]
    assert any(line.startswith("Cpu ") and "100.0%" in line
               for line in lines)
    assert any(line.startswith(
        "Trials that called something slower, exit 1 (with a known slowdown "
        "of NEW, the detection rate): 5 of 5 = 100.0% (95% interval 47.8% "
        "to 100.0%, exact Clopper-Pearson).") for line in lines)


def test_failed_rows_are_left_out_of_every_trial(capsys, tmp_path):
    rounds = list(fixed_design_rounds(30, seed=9))
    failed = "Io/Serial/workers:1"
    rounds[4] = paired_rounds.Round(
        paired_verdicts.SCREENING,
        {name: pair for name, pair in rounds[4].pairs.items()
         if name != failed}, errors={failed: "in NEW: crashed"},
        seconds=rounds[4].seconds)
    path = write_fixed_design(tmp_path / "failed.json", tuple(rounds))

    document = resampled_json(capsys, path, "--trials", "3", "--seed", "1")

    assert document["left_out"] == [failed]
    assert failed not in document["rows"]
    assert len(document["rows"]) == len(ROWS) - 1
    assert document["pool_rounds"] == 30


@pytest.mark.parametrize("argv, fragment", [
    (["--resample", "{missing}"], "cannot read"),
    (["--resample", "{truncated}"], "is not valid JSON"),
    (["--resample", "{foreign}"], "is not the JSON of scripts/ab"),
    (["--resample", "{counts}"], "holds instruction counts"),
    (["--resample", "{short}"], "only 5 of its 5 rounds ran every row in "
     "screening, fewer than --first-look 6"),
    (["--resample", "{good}", "--trials", "0"], "--trials 0 is out of range"),
    (["--resample", "{good}", "--seed", "-1"], "--seed -1 is out of range"),
    (["--resample", "{good}", "--seed", "x"],
     "argument --seed: invalid int value: 'x'"),
    (["--resample", "{good}", "--format", "md"],
     "--format md does not apply to --resample"),
    (["--resample", "{good}", "--replay", "{good}"],
     "--replay does not apply to --resample"),
    (["--resample", "{good}", "--cpu_tasks=3"],
     "--cpu_tasks=3 does not apply to --resample"),
    (["--resample", "{good}", "--max-rounds", "4"],
     "--max-rounds 4 is below --first-look 6"),
    (["--replay", "{good}", "--trials", "3"],
     "--trials applies to --resample only"),
    (["--replay", "{good}", "--shift", "Cpu=2"],
     "--shift applies to --resample only"),
    (["--resample", "{good}", "--shift", "Cpu"],
     "--shift 'Cpu' is not REGEX=PERCENT"),
    (["--resample", "{good}", "--shift", "=5"],
     "--shift '=5' is not REGEX=PERCENT"),
    (["--resample", "{good}", "--shift", "Cpu(=5"],
     "'Cpu(' is no regular expression"),
    (["--resample", "{good}", "--shift", "Cpu=fast"],
     "'fast' is not a percent above -100"),
    (["--resample", "{good}", "--shift", "Cpu=-100"],
     "'-100' is not a percent above -100"),
    (["--resample", "{good}", "--shift", "Cpu=nan"],
     "'nan' is not a percent above -100"),
    (["--resample", "{good}", "--shift", "^Add/=5"],
     "'^Add/' matches no row of the file"),
    (["--resample", "{good}", "--budget", "0"],
     "--budget 0.0 is out of range: give minutes above 0"),
    (["--resample", "{good}", "--filter", "^Add/"],
     "--filter '^Add/' matches no row of the file"),
    (["--resample", "{good}", "--filter", "Cpu("],
     "invalid regular expression 'Cpu('"),
    (["--resample", "{good}", "--filter", "^Io/", "--shift", "Cpu=5"],
     "'Cpu' matches no row of the file"),
    (["--resample", "{good}", "--shift", "Cpu=5", "--shift", "^Cpu/S=5"],
     "'^Cpu/S' matches no row of the file that an earlier --shift did not "
     "take"),
])
def test_bad_input_is_one_line_and_exit_2(capsys, tmp_path, argv, fragment):
    good = write_fixed_design(tmp_path / "good.json",
                              fixed_design_rounds(8))
    truncated = tmp_path / "truncated.json"
    truncated.write_text(good.read_text()[:500], encoding="utf-8")
    foreign = tmp_path / "foreign.json"
    foreign.write_text('{"benchmarks": []}', encoding="utf-8")
    counts = tmp_path / "counts.json"
    counts.write_text(json.dumps({"mode": instruction_counts.MODE}),
                      encoding="utf-8")
    paths = {"missing": tmp_path / "missing.json", "truncated": truncated,
             "foreign": foreign, "counts": counts, "good": good,
             "short": write_fixed_design(tmp_path / "short.json",
                                         fixed_design_rounds(5))}

    code, out, err = run_ab(capsys, *[argument.format(**paths)
                                      for argument in argv])

    assert (code, out) == (2, "")
    assert len(err.strip().splitlines()) == 1, err
    assert err.startswith("ab: ") and fragment in err, err
