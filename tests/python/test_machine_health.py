"""Tests of analysis/machine_health.py: the notes on noisy machines."""

import pytest

from execbench.analysis import machine_health

QUIET_RUN = {"num_cpus": 2, "execbench_parallel_ceiling_start": "1.93",
             "execbench_parallel_ceiling_end": "1.90"}


def switches(*counts: float) -> list:
    """The counters of repetitions with these involuntary switches."""
    return [{"involuntary_switches": count} for count in counts]


def test_quiet_row_of_a_quiet_run_has_no_note():
    repetitions = [{"steal_share": 0.02, "involuntary_switches": 55.0},
                   *switches(40.0, 60.0)]
    assert machine_health.row_notes(repetitions) == []
    assert machine_health.run_notes(QUIET_RUN) == []


@pytest.mark.parametrize("share, notes", [
    (0.14, ["steal 14% of CPU in 1 of 2 repetitions"]), (0.10, []),
    (0.101, ["steal 10% of CPU in 1 of 2 repetitions"]),
])
def test_heavy_steal_above_a_tenth(share, notes):
    assert machine_health.row_notes(
        [{"steal_share": share}, {"steal_share": 0.0}]) == notes


def test_heavy_steal_of_several_repetitions_is_one_note_with_the_most():
    assert machine_health.row_notes(
        [{"steal_share": share} for share in (0.3, 0.12, 0.05, 0.35, 0.2)]
    ) == ["steal up to 35% of CPU in 4 of 5 repetitions"]


def test_involuntary_switches_far_above_the_other_repetitions():
    assert machine_health.row_notes(switches(100.0, 80.0, 120.0, 2600.0)) == [
        "2600 involuntary switches, against 100 usually"]
    assert machine_health.row_notes(switches(100.0, 80.0, 120.0, 450.0)) == []


def test_only_the_most_involuntary_switches_are_noted():
    # 900 and 2600 are both far above the median of the others (110).
    assert machine_health.row_notes(
        switches(100.0, 80.0, 900.0, 120.0, 2600.0)) == [
            "2600 involuntary switches, against 110 usually"]


def test_few_involuntary_switches_are_no_mark_even_when_many_times_more():
    assert machine_health.row_notes(switches(1.0, 2.0, 30.0)) == []


def test_low_parallel_ceiling_at_start_or_end():
    context = {**QUIET_RUN, "execbench_parallel_ceiling_start": "1.2",
               "execbench_parallel_ceiling_end": "1.25"}
    assert machine_health.run_notes(context) == [
        "parallel ceiling 1.20 of 2 cores at the start",
        "parallel ceiling 1.25 of 2 cores at the end"]
    at_limit = {**QUIET_RUN, "execbench_parallel_ceiling_start": "1.5",
                "execbench_parallel_ceiling_end": "1.5"}
    assert machine_health.run_notes(at_limit) == []


def test_ceiling_dropping_during_the_run():
    context = {"num_cpus": 8, "execbench_parallel_ceiling_start": "7.9",
               "execbench_parallel_ceiling_end": "6.5"}
    assert machine_health.run_notes(context) == [
        "parallel ceiling dropped from 7.90 to 6.50 during the run"]


@pytest.mark.parametrize("context", [
    {}, {"num_cpus": 2}, {"execbench_parallel_ceiling_start": "0.5"},
    {"num_cpus": 2, "execbench_parallel_ceiling_start": "unknown",
     "execbench_parallel_ceiling_end": ""},
    {"num_cpus": "2", "execbench_parallel_ceiling_start": "nan"},
])
def test_older_or_odd_files_give_no_note_and_no_crash(context):
    assert machine_health.run_notes(context) == []


def test_odd_counters_give_no_note_and_no_crash():
    assert machine_health.row_notes(
        [{"steal_share": True, "involuntary_switches": 9e9}, {}]) == []
