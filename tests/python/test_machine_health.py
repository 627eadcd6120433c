"""Tests of execbench.machine_health: the notes on noisy machines."""

import pytest

from execbench import machine_health

QUIET_RUN = {"num_cpus": 2, "execbench_parallel_ceiling_start": "1.93",
             "execbench_parallel_ceiling_end": "1.90"}


def test_quiet_row_of_a_quiet_run_has_no_note():
    peers = [{"involuntary_switches": 40.0}, {"involuntary_switches": 60.0}]
    assert machine_health.row_notes(
        {"steal_share": 0.02, "involuntary_switches": 55.0}, peers) == []
    assert machine_health.run_notes(QUIET_RUN) == []


@pytest.mark.parametrize("share, notes", [
    (0.14, ["steal 14% of CPU"]), (0.10, []), (0.101, ["steal 10% of CPU"]),
])
def test_heavy_steal_above_a_tenth(share, notes):
    assert machine_health.row_notes({"steal_share": share}) == notes


def test_involuntary_switches_far_above_the_peers():
    peers = [{"involuntary_switches": 100.0}, {"involuntary_switches": 80.0},
             {"involuntary_switches": 120.0}]
    assert machine_health.row_notes(
        {"involuntary_switches": 2600.0}, peers) == [
            "2600 involuntary switches, against 100 usually"]
    assert machine_health.row_notes(
        {"involuntary_switches": 450.0}, peers) == []


def test_few_involuntary_switches_are_no_mark_even_when_many_times_more():
    peers = [{"involuntary_switches": 1.0}, {"involuntary_switches": 2.0}]
    assert machine_health.row_notes(
        {"involuntary_switches": 30.0}, peers) == []


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
        {"steal_share": True, "involuntary_switches": 9e9}, [{}]) == []
