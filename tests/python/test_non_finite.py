"""Tests that NaN and infinity are refused where the scripts read their
inputs (inputs/bench_json.py, inputs/spans.py), naming the benchmark and
the field, with exit code 2 from every script; and that the NaN Google
Benchmark writes for aggregates nothing reads still loads."""

import json
import math
import pathlib
import shutil

import pytest

import leftovers
from conftest import SCRIPTS, benchmark_document
from execbench.inputs import bench_json
from execbench.inputs import spans

FIXTURES = pathlib.Path(__file__).resolve().parents[1] / "fixtures"
CPU = "Cpu/Threads/workers:2"
SAMPLES_MS = {"Cpu/Serial/workers:1": [20.0, 20.2, 19.8, 20.1, 19.9],
              CPU: [10.5, 10.4, 10.6, 10.5, 10.4]}


def document_with(change) -> dict:
    """benchmark_document(SAMPLES_MS) after change(rows) edited its rows."""
    document = benchmark_document(SAMPLES_MS)
    change(document["benchmarks"])
    return document


def iteration(rows, name=CPU, index=1) -> dict:
    """The row of a repetition of a benchmark."""
    return [row for row in rows if row["run_name"] == f"{name}/manual_time"
            and row["run_type"] == "iteration"][index]


def load(tmp_path, document) -> bench_json.Results:
    path = tmp_path / "bench.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return bench_json.load_results(str(path))


@pytest.mark.parametrize("change, complaint", [
    (lambda rows: iteration(rows).update(real_time=math.nan),
     f"benchmark {CPU}/manual_time has real_time nan"),
    (lambda rows: iteration(rows).update(cpu_time=-math.inf),
     f"benchmark {CPU}/manual_time has cpu_time -inf"),
    (lambda rows: iteration(rows).update(tasks_per_s=math.inf),
     f"benchmark {CPU}/manual_time has tasks_per_s inf"),
    (lambda rows: iteration(rows).update(repetition_index=math.nan),
     f"benchmark {CPU}/manual_time has repetition_index nan"),
], ids=["real_time", "cpu_time", "counter", "repetition_index"])
def test_a_non_finite_measurement_is_refused_by_name(tmp_path, change,
                                                     complaint):
    with pytest.raises(bench_json.InputError) as raised:
        load(tmp_path, document_with(change))

    assert str(raised.value) == (
        f"{tmp_path}/bench.json: {complaint}, not a finite number; measure "
        "it again")


def test_a_non_finite_median_read_as_the_run_is_refused(tmp_path):
    def only_aggregates(rows):
        rows[:] = [row for row in rows if row["run_type"] == "aggregate"]
        next(row for row in rows if row["name"] == f"{CPU}/manual_time_median"
             ).update(real_time=math.nan)

    with pytest.raises(bench_json.InputError,
                       match=f"benchmark {CPU}/manual_time_median has "
                             "real_time nan"):
        load(tmp_path, document_with(only_aggregates))


def test_nan_where_nothing_reads_it_still_loads(tmp_path):
    # Google Benchmark writes NaN as the cv of a counter whose mean is 0; a
    # failed benchmark's times are not measurements.
    def cv_and_error(rows):
        cv = dict(iteration(rows), run_type="aggregate", aggregate_name="cv",
                  name=f"{CPU}/manual_time_cv", startup_s=math.nan)
        rows.append(cv)
        rows.append(dict(iteration(rows, index=0), name="Io/Serial/workers:1",
                         run_name="Io/Serial/workers:1", error_occurred=True,
                         error_message="disk full", real_time=math.nan))

    results = load(tmp_path, document_with(cv_and_error))

    assert len(results.samples()[CPU]) == 5
    assert results.errors() == {"Io/Serial/workers:1": "disk full"}
    for fixture in ("bench-1.7.json", "bench-1.9.json"):
        assert "NaN" in (FIXTURES / fixture).read_text()
        assert bench_json.load_results(str(FIXTURES / fixture)).runs


@pytest.mark.parametrize("old, new, complaint", [
    ('"start_s": ', '"start_s": NaN, "x": ', "start_s of span 0 nan"),
    ('"wall_s": ', '"wall_s": Infinity, "x": ', "wall_s inf"),
], ids=["start_s", "wall_s"])
def test_a_non_finite_span_is_refused_by_name(tmp_path, old, new, complaint):
    text = (FIXTURES / "spans.json").read_text()
    first = json.loads(text)["benchmarks"][0]["name"]
    path = tmp_path / "spans.json"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")

    with pytest.raises(bench_json.InputError) as raised:
        spans.load_spans(str(path))

    assert str(raised.value) == (
        f"{path}: benchmark {first} has {complaint}, not a finite number; "
        "write it with bench --spans_out=FILE")


@pytest.fixture(name="nan_record")
def fixture_nan_record(git_repo, tmp_path):
    """A project with a copy of scripts/ and results whose every time is
    NaN, as a file and as a run folder; returns the project's folder.
    (Records with NaN: test_compare.py.)"""
    shutil.copytree(SCRIPTS, git_repo.path / "scripts",
                    ignore=shutil.ignore_patterns("__pycache__"))

    def all_nan(rows):
        for row in rows:
            row["real_time"] = math.nan

    nan = json.dumps(document_with(all_nan))
    for path in ("nan.json", "run/bench.json"):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(nan)
    return git_repo.path


@pytest.mark.parametrize("script, argv", [
    ("tables", ["{tmp}/nan.json", "--format", "md"]),
    ("charts", ["{tmp}/nan.json", "--out", "{tmp}/charts"]),
    ("advise", ["{tmp}/nan.json"]),
    ("report", ["{tmp}/run"]),
], ids=lambda value: value if isinstance(value, str) else "")
def test_every_script_refuses_nan_times_in_one_line(nan_record, tmp_path,
                                                    script, argv):
    completed = leftovers.run(
        [nan_record / "scripts" / script,
         *(argument.format(tmp=tmp_path) for argument in argv)])

    assert completed.returncode == 2
    assert completed.stdout == ""
    assert completed.stderr.count("\n") == 1
    assert completed.stderr.startswith(f"{script}: ")
    assert ("benchmark Cpu/Serial/workers:1/manual_time has real_time nan, "
            "not a finite number") in completed.stderr
    assert not (tmp_path / "charts").exists()
    assert not (tmp_path / "run" / "report.html").exists()
