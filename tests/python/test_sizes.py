"""Tests of sizes: which flags set sizes, and how two contexts differ."""

from execbench.inputs import sizes


def context(**flags: str) -> dict:
    """A context with these suite flags."""
    return {f"execbench_flag_{name}": value for name, value in flags.items()}


def test_flags_that_set_no_size_are_ignored():
    assert sizes.differences(
        context(cpu_iterations="100", workers="1,2"),
        context(cpu_iterations="100", workers="8", spans_out="s.json",
                failed_exit_code="0")) == []


def test_contexts_of_unknown_sizes_differ_in_nothing():
    assert sizes.differences(context(), context(cpu_iterations="100")) == []


def test_differences_name_each_flag_and_both_values():
    found = sizes.differences(context(cpu_iterations="100", io_bytes="5"),
                              context(cpu_iterations="200"))

    assert found == [("cpu_iterations", "100", "200"),
                     ("io_bytes", "5", "(unset)")]
    assert sizes.describe(found) == (
        "cpu_iterations 100 vs 200, io_bytes 5 vs (unset)")
