"""Tests of sizes: which flags set sizes, and the check of records' sizes."""

import pytest

from execbench.inputs import bench_json
from execbench.inputs import sizes


def record(**flags: str) -> bench_json.Results:
    """A record without runs whose context has these suite flags."""
    return bench_json.Results(
        path="r.json", runs=[],
        context={f"execbench_flag_{name}": value
                 for name, value in flags.items()})


def test_flags_that_set_no_size_are_ignored():
    assert sizes.check([record(cpu_iterations="100", workers="1,2"),
                        record(cpu_iterations="100", workers="8",
                               spans_out="s.json", failed_exit_code="0")],
                       what="A and B ran", how_to_fix="fix it") is None


def test_records_of_unknown_sizes_pass():
    assert sizes.check([record(), record(cpu_iterations="100")],
                       what="A and B ran", how_to_fix="fix it") is None


def test_a_first_record_of_unknown_sizes_hides_no_difference():
    with pytest.raises(sizes.DifferentSizes, match="cpu_iterations 100 vs "
                                                   "200"):
        sizes.check([record(), record(cpu_iterations="100"),
                     record(cpu_iterations="200")],
                    what="commit 1a2b has 3 records of", how_to_fix="fix it")


def test_different_sizes_are_refused_naming_the_flags_and_records():
    with pytest.raises(sizes.DifferentSizes) as raised:
        sizes.check([record(cpu_iterations="100", io_bytes="5"),
                     record(cpu_iterations="100", io_bytes="5"),
                     record(cpu_iterations="200")],
                    what="commit 1a2b has 3 records of", how_to_fix="fix it",
                    names=lambda: "a, b, c")

    assert isinstance(raised.value, bench_json.InputError)
    assert str(raised.value) == (
        "commit 1a2b has 3 records of different sizes (cpu_iterations 100 vs "
        "200, io_bytes 5 vs (unset)): a, b, c; fix it")


def test_records_are_named_only_when_refused():
    def names():
        raise AssertionError("the records were named without a complaint")

    same = [record(cpu_iterations="100"), record(cpu_iterations="100")]
    assert sizes.check(same, what="A and B ran", how_to_fix="fix it",
                       names=names) is None
    different = [record(cpu_iterations="100"), record(cpu_iterations="200")]
    assert sizes.check(different, what="A and B ran", how_to_fix="fix it",
                       allowed=True, names=names).startswith("WARNING")


def test_allowed_different_sizes_give_the_warning():
    warning = sizes.check([record(cpu_iterations="100"),
                           record(cpu_iterations="200")],
                          what="BASE and NEW ran", how_to_fix="fix it",
                          allowed=True)

    assert warning == (
        "WARNING: BASE and NEW ran DIFFERENT SIZES (cpu_iterations 100 vs "
        "200): their changes are not regressions or improvements of the code")
