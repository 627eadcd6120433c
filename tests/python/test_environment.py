"""Tests of the guard of every comparison (inputs/environment.py): compare
and history refuse records of different environments, naming the field and
both values, and warn first in every output when that is allowed. (ab's
use of it is in test_ab.py.)"""

import json

import pytest

from execbench.commands import compare
from execbench.commands import history
from execbench.inputs import environment
from execbench.inputs import records
from record_documents import drawn_ms, write_record

ROUNDS = 16
# Each field of the environment, with a value other than the default
# context's (conftest.benchmark_document), and one that bench does not
# record yet in older records.
CHANGES = {
    "execbench_cpu_model": "Other CPU @ 3.00GHz",
    "num_cpus": 4,
    "execbench_kernel": "6.1.0-21-amd64",
    "execbench_compiler": "GNU 13.1.0",
    "execbench_build_type": "Debug",
    "library_build_type": "debug",
    "execbench_tbb_version": "2022.0",
}
BASE_VALUES = {"execbench_kernel": "6.1.0-18-amd64",
               "execbench_tbb_version": "2021.8"}


def run(main, capsys, *argv) -> tuple:
    try:
        code = main(list(argv))
    except SystemExit as exit_request:
        code = exit_request.code
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_fields_are_compared_only_where_both_contexts_have_them():
    base = {"execbench_cpu_model": "A", "num_cpus": 2, "host_name": "x",
            "execbench_eigen_version": "3.4.0", "execbench_flag_x": "1"}
    new = {"execbench_cpu_model": "A", "num_cpus": "4", "host_name": "y",
           "execbench_eigen_version": "3.4.1", "execbench_flag_x": "2",
           "execbench_kernel": "6.1"}

    assert environment.differences(base, new) == [
        ("execbench_eigen_version", "3.4.0", "3.4.1"),
        ("num_cpus", "2", "4")]
    assert environment.check(base, base, what="A and B", how_to_fix="x") is (
        None)


@pytest.mark.parametrize("field", CHANGES)
def test_compare_refuses_each_field_and_warns_when_allowed(
        field, tmp_path, capsys):
    base = write_record(tmp_path / "base.json", drawn_ms(1, ROUNDS),
                        context={**BASE_VALUES})
    new = write_record(tmp_path / "new.json", drawn_ms(2, ROUNDS), context={
        **BASE_VALUES, field: CHANGES[field]})
    base_value = json.loads(base.read_text())["context"][field]

    code, out, err = run(compare.main, capsys, str(base), str(new))

    assert (code, out) == (2, "")
    assert len(err.splitlines()) == 1
    assert err.startswith("compare: BASE and NEW ran in different "
                          "environments")
    assert f"{field} {str(base_value)!r} vs {str(CHANGES[field])!r}" in err
    assert "--allow-different-environment" in err
    for output_format in ("text", "md", "json"):
        code, out, err = run(compare.main, capsys, str(base), str(new),
                             "--allow-different-environment", "--format",
                             output_format)
        assert (code, err) == (0, "")
        first_line = out.lstrip("{ \n\"warnings:[>*").splitlines()[0]
        assert first_line.startswith(
            "WARNING: BASE and NEW RAN IN DIFFERENT ENVIRONMENTS"), (
                output_format)
        assert field in first_line


def test_history_refuses_consecutive_records_of_two_kernels(
        tmp_path, monkeypatch, capsys):
    stems = ("20260101T000000Z-aaaaaaaaaaaa-20260201T000000Z",
             "20260102T000000Z-bbbbbbbbbbbb-20260202T000000Z")
    for seed, (stem, kernel) in enumerate(zip(stems, ("6.1.0-18-amd64",
                                                       "6.1.0-21-amd64"))):
        write_record(tmp_path / f"results/history/box/{stem}.json",
                     drawn_ms(seed, ROUNDS),
                     context={"execbench_kernel": kernel})
    monkeypatch.setattr(records, "PROJECT_ROOT", tmp_path)

    code, out, err = run(history.main, capsys, "--machine", "box")

    assert (code, out) == (2, "")
    assert len(err.splitlines()) == 1
    assert ("ran in different environments (execbench_kernel "
            "'6.1.0-18-amd64' vs '6.1.0-21-amd64')") in err
    assert f"{stems[0]}.json (BASE) and " in err

    code, out, err = run(history.main, capsys, "--machine", "box",
                         "--allow-different-environment", "--out",
                         str(tmp_path / "charts"))
    assert code == 0
    assert "RAN IN DIFFERENT ENVIRONMENTS (execbench_kernel" in err
    assert (tmp_path / "charts" / "Cpu_Threads_workers-2.png").is_file()
