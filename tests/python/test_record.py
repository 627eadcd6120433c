"""Tests of scripts/record, run on a copy of the scripts in a scratch repo,
and of a record made, compared (scripts/compare) and charted
(scripts/history).

A fake bench stands in for build/bench: it lists its rows and writes fixed
Google Benchmark JSON (its times scaled by FAKE_BENCH_SCALE), with the
commit and dirtiness of the tree it runs in, and logs the arguments of
every call; with FAKE_BENCH_BARRIER, benches started at once end at once.
"""

import datetime
import json
import pathlib
import re
import shutil
import statistics
import subprocess

import pytest

import leftovers
from conftest import SCRIPTS, benchmark_document, make_executable
from execbench import atomic_file
from execbench.analysis import paired_verdicts
from execbench.inputs import records
from execbench.running import grid_flags

FAKE_BENCH = """#!/usr/bin/python3
import json, os, pathlib, subprocess, sys, time
here = pathlib.Path(__file__).resolve().parent
with (here / "calls.jsonl").open("a") as log:
    log.write(json.dumps(sys.argv[1:]) + "\\n")
if "FAKE_BENCH_BARRIER" in os.environ:  # FOLDER:N: wait for N benches.
    barrier, count = os.environ["FAKE_BENCH_BARRIER"].rsplit(":", 1)
    (pathlib.Path(barrier) / str(os.getpid())).touch()
    while len(os.listdir(barrier)) < int(count):
        time.sleep(0.01)
unknown = [arg for arg in sys.argv[1:] if arg.startswith("--benchmark_nope")]
if unknown:
    sys.exit(f"bench: error: unrecognized command-line flag: {unknown[0]}")
def git(*args):
    return subprocess.run(["git", *args], capture_output=True, text=True,
                          check=True).stdout.strip()
document = json.loads((here / "template.json").read_text())
if "--benchmark_list_tests=true" in sys.argv:
    print("\\n".join(sorted({row["run_name"]
                             for row in document["benchmarks"]})))
    sys.exit(0)
for row in document["benchmarks"]:
    row["real_time"] *= float(os.environ.get("FAKE_BENCH_SCALE", "1"))
document["context"]["execbench_commit"] = os.environ.get(
    "FAKE_BENCH_COMMIT", git("rev-parse", "HEAD"))
dirty = git("status", "--porcelain", "--untracked-files=no")
document["context"]["execbench_commit_dirty"] = "true" if dirty else "false"
out = next(arg.split("=", 1)[1] for arg in sys.argv
           if arg.startswith("--benchmark_out="))
pathlib.Path(out).write_text(json.dumps(document))
"""
FAKE_SETUP = """#!/bin/sh
mkdir -p build && ln -sf "{bench}" build/bench && echo setup ran > setup.log
"""
CPU = "Cpu/Threads/workers:2"
NOOP = "Noop/Serial/workers:1"
SAMPLES_MS = {CPU: [10.0, 10.1, 9.9, 10.2, 9.8],
              "Noop/Serial/workers:1": [0.002, 0.0021, 0.0019, 0.002, 0.002]}


@pytest.fixture(name="fake_bench")
def fixture_fake_bench(tmp_path) -> pathlib.Path:
    """The fake bench, in a folder of its own outside the repository."""
    folder = tmp_path / "fake"
    folder.mkdir()
    (folder / "template.json").write_text(
        json.dumps(benchmark_document(SAMPLES_MS)), encoding="utf-8")
    return make_executable(folder / "bench", FAKE_BENCH)


@pytest.fixture(name="project")
def fixture_project(git_repo, fake_bench):
    """A repository with scripts/record and its modules, committed."""
    scripts = git_repo.path / "scripts"
    shutil.copytree(SCRIPTS / "execbench", scripts / "execbench",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(SCRIPTS / "record", scripts / "record")
    make_executable(scripts / "setup", FAKE_SETUP.format(bench=fake_bench))
    (git_repo.path / ".gitignore").write_text("build/\nsetup.log\n")
    git_repo.commit("first", date="2026-03-04T05:06:07Z")
    return git_repo


def start_record(project, *argv: str, bench: pathlib.Path | None = None,
                 **environment: str) -> leftovers.Watched:
    env = {"PATH": "/usr/bin:/bin", **environment}
    if bench is not None:
        env["EXECBENCH_BENCH"] = str(bench)
    return leftovers.Watched([project.path / "scripts" / "record", *argv],
                             env=env, cwd=project.path,
                             outputs=[project.path / "results"])


def run_record(project, *argv: str, bench: pathlib.Path | None = None,
               **environment: str) -> subprocess.CompletedProcess:
    return start_record(project, *argv, bench=bench, **environment).finish()


def bench_calls(fake_bench: pathlib.Path) -> list:
    """The arguments of every call of the fake bench, in order."""
    log = fake_bench.parent / "calls.jsonl"
    if not log.exists():
        return []
    return [json.loads(line) for line in log.read_text().splitlines()]


def recorded(completed: subprocess.CompletedProcess) -> dict:
    """The record whose path a run of record printed."""
    assert completed.returncode == 0, completed.stderr
    return json.loads(pathlib.Path(completed.stdout.strip()).read_text())


def test_record_stores_one_file_of_rounds_under_the_commit(project,
                                                           fake_bench):
    head = project.git("rev-parse", "HEAD")

    completed = run_record(project, "--label", "first try", "--rounds", "3",
                           "--benchmark_filter=Cpu|Noop", bench=fake_bench)

    document = recorded(completed)
    machine = records.machine_id()
    expected = pathlib.Path(completed.stdout.strip())
    assert expected.parent == project.path / "results" / "history" / machine
    assert re.fullmatch(rf"20260304T050607Z-{head[:12]}-\d{{8}}T\d{{6}}Z\.json",
                        expected.name)
    assert (document["format"], document["version"]) == (
        "execbench-record", 2)
    assert (document["commit"], document["dirty"], document["label"],
            document["machine"]) == (head, False, "first try", machine)
    assert document["grid_flags"] == list(grid_flags.GRID_FLAGS)
    assert document["bench_flags"] == ["--benchmark_filter=Cpu|Noop"]
    assert (document["repetitions"], document["rows"]) == (
        1, [CPU, "Noop/Serial/workers:1"])
    assert document["environment"]["execbench_cpu_model"] == (
        "Test CPU @ 2.40GHz")
    context = document["context"]
    assert (context["execbench_commit"], context["execbench_label"],
            context["execbench_machine_id"]) == (head, "first try", machine)
    assert context["execbench_memory_bytes"] > 0
    assert [one_round["values"][CPU] for one_round in document["rounds"]] == (
        pytest.approx([statistics.median(SAMPLES_MS[CPU]) / 1e3] * 3))
    assert list(expected.parent.iterdir()) == [expected]  # No temporary left.


def test_the_rounds_are_what_the_rule_needs_with_a_line_each(project,
                                                              fake_bench):
    completed = run_record(project, bench=fake_bench)

    count = paired_verdicts.fewest_rounds([CPU, NOOP])
    assert len(recorded(completed)["rounds"]) == count
    lines = completed.stderr.splitlines()
    assert len(lines) == count
    for number, line in enumerate(lines, 1):
        assert re.fullmatch(rf"record: round {number}/{count} of 2 rows: "
                            r"\d+ s so far, about \d+ s more", line), line


def test_fewer_rounds_than_the_rule_needs_are_said(project, fake_bench):
    completed = run_record(project, "--rounds", "2", bench=fake_bench)

    assert len(recorded(completed)["rounds"]) == 2
    assert completed.stderr.startswith(
        "record: note: with 2 rounds no row can be called slower or faster: "
        f"{paired_verdicts.fewest_rounds([CPU, NOOP])} are the fewest the "
        "rule needs "
        "for 2 rows\n")


def test_each_round_is_a_fresh_process_of_the_grid_then_the_flags(
        project, fake_bench):
    run_record(project, "--rounds", "3", "--benchmark_filter=Cpu",
               bench=fake_bench)

    calls = bench_calls(fake_bench)
    given = [*grid_flags.GRID_FLAGS, "--benchmark_filter=Cpu"]
    assert calls[0] == [*given, "--benchmark_list_tests=true"]
    assert len(calls) == 4
    for arguments in calls[1:]:
        assert arguments[:len(given)] == given
        assert arguments[len(given):len(given) + 2] == [
            "--benchmark_repetitions=1",
            "--benchmark_enable_random_interleaving=true"]
        assert arguments[-2].startswith("--benchmark_out=")
        assert arguments[-1] == "--benchmark_out_format=json"


def test_out_writes_the_record_there_whole(project, fake_bench, tmp_path):
    out = tmp_path / "ci" / "main.json"

    completed = run_record(project, "--out", str(out), "--rounds", "2",
                           bench=fake_bench)

    assert completed.stdout == f"{out}\n"
    assert recorded(completed)["rounds"]
    assert not (project.path / "results").exists()
    assert list(out.parent.iterdir()) == [out]


def test_record_compare_history_round_trip(project, fake_bench, tmp_path):
    first = run_record(project, bench=fake_bench).stdout.strip()
    project.commit("second", date="2026-03-05T05:06:07Z")
    second = run_record(project, bench=fake_bench,
                        FAKE_BENCH_SCALE="1.1").stdout.strip()
    scripts = project.path / "scripts"
    for name in ("compare", "history"):
        shutil.copy2(SCRIPTS / name, scripts / name)
    environment = {"PATH": "/usr/bin:/bin"}

    def run_script(*argv):
        return subprocess.run([*argv], capture_output=True, text=True,
                              check=False, cwd=project.path, env=environment)

    slower = run_script(scripts / "compare", "HEAD~1", "HEAD")
    same = run_script(scripts / "compare", first, first, "--format", "md")
    charts = run_script(scripts / "history", "--out", tmp_path / "charts")

    assert slower.returncode == 1, slower.stderr
    assert re.search(rf"^{re.escape(CPU)} +slower +\+10\.0%", slower.stdout,
                     re.MULTILINE)
    head = project.git("rev-parse", "HEAD")
    assert f"NEW:  HEAD (commit {head[:12]})" in slower.stdout
    assert json.loads(pathlib.Path(second).read_text())["commit"] == head
    assert same.returncode == 0, same.stderr
    assert "**The rest:** 2 same" in same.stdout
    assert charts.returncode == 0, charts.stderr
    assert charts.stdout.splitlines() == [
        str(tmp_path / "charts" / name) for name in (
            "Cpu_Threads_workers-2.png", "Cpu_Threads_workers-2.svg",
            "Noop_Serial_workers-1.png", "Noop_Serial_workers-1.svg")]





def test_records_of_one_second_get_names_of_their_own(git_repo):
    commit = git_repo.commit("first", date="2026-03-04T05:06:07Z")
    when = datetime.datetime(2026, 3, 5, 1, 2, 3,
                             tzinfo=datetime.timezone.utc)
    paths = [atomic_file.write_new(
        records.record_paths(git_repo.path, "box", commit, recorded=when),
        str(index).encode()) for index in range(3)]

    stem = f"20260304T050607Z-{commit[:12]}-20260305T010203Z"
    assert [path.name for path in paths] == [
        f"{stem}.json", f"{stem}-2.json", f"{stem}-3.json"]
    assert [path.read_text() for path in paths] == ["0", "1", "2"]
    assert [records.recorded_at(path) for path in paths] == [
        "20260305T010203Z", "20260305T010203Z-2", "20260305T010203Z-3"]


def test_records_made_at_once_each_keep_their_own(project, fake_bench,
                                                  tmp_path):
    count = 30
    barrier = tmp_path / "barrier"
    barrier.mkdir()
    started = [start_record(project, "--label", str(index), "--rounds", "2",
                            bench=fake_bench,
                            FAKE_BENCH_BARRIER=f"{barrier}:{count}")
               for index in range(count)]

    completed = leftovers.finish_together(started)

    assert [run.returncode for run in completed] == [0] * count, [
        run.stderr for run in completed]
    printed = [pathlib.Path(run.stdout.strip()) for run in completed]
    assert len(set(printed)) == count
    stored = sorted(records.history_dir(project.path).glob("*/*.json"))
    assert stored == sorted(printed)
    assert [json.loads(path.read_text())["label"]
            for path in printed] == [str(index) for index in range(count)]


def test_a_second_record_of_a_commit_keeps_the_first(project, fake_bench):
    first = run_record(project, "--label", "one", "--rounds", "2",
                       bench=fake_bench)
    second = run_record(project, "--rounds", "2", bench=fake_bench)

    paths = [pathlib.Path(completed.stdout.strip())
             for completed in (first, second)]
    assert paths[0] != paths[1]
    assert [json.loads(path.read_text())["label"] for path in paths] == [
        "one", None]
    head = project.git("rev-parse", "HEAD")
    assert records.commit_records(project.path, head) == paths


def test_runs_setup_then_build_bench_by_default(project):
    completed = run_record(project)

    assert completed.returncode == 0, completed.stderr
    assert (project.path / "setup.log").read_text() == "setup ran\n"
    assert pathlib.Path(completed.stdout.strip()).is_file()


@pytest.mark.parametrize("flag", ["--benchmark_out=mine.json",
                                  "--benchmark_repetitions=3"])
def test_flags_the_rounds_set_are_refused(project, fake_bench, flag):
    completed = run_record(project, flag, bench=fake_bench)

    assert completed.returncode == 2
    assert completed.stderr == (
        f"record: {flag.split('=')[0]} is set by record itself; leave it out "
        "(--rounds sets how many fresh processes run, --out where the "
        "record goes)\n")
    assert not (project.path / "results").exists()
    assert not bench_calls(fake_bench)


def test_flags_bench_rejects_record_nothing(project, fake_bench):
    completed = run_record(project, "--benchmark_nope=1", bench=fake_bench)

    assert completed.returncode == 2
    assert completed.stderr == (
        "bench: error: unrecognized command-line flag: --benchmark_nope=1\n")
    assert not (project.path / "results").exists()


def test_a_history_nothing_can_go_in_stops_record_before_it_builds(
        project, fake_bench):
    history = project.path / "results" / "history"
    history.parent.mkdir()
    history.write_text("not a folder\n")

    completed = run_record(project)

    assert completed.returncode == 2
    assert completed.stderr == (
        f"record: cannot write the record: {history} is a file, not a "
        f"folder; check that {history} is writable\n")
    assert not (project.path / "setup.log").exists()
    assert not bench_calls(fake_bench)


def test_repository_without_commit_is_refused(git_repo, fake_bench):
    scripts = git_repo.path / "scripts"
    shutil.copytree(SCRIPTS / "execbench", scripts / "execbench")
    shutil.copy2(SCRIPTS / "record", scripts / "record")

    completed = run_record(git_repo, bench=fake_bench)

    assert completed.returncode == 2
    assert completed.stderr == (
        f"record: {git_repo.path} has no commit to name the record after; "
        "commit first\n")


def test_bench_built_from_another_commit_is_refused_after_one_round(
        project, fake_bench):
    completed = run_record(project, bench=fake_bench,
                           FAKE_BENCH_COMMIT="f" * 40)

    assert completed.returncode == 2
    assert len(bench_calls(fake_bench)) == 2  # The list, then one round.
    assert not (project.path / "results").exists()
    assert len(completed.stderr.splitlines()) == 1
    assert f"reports commit {'f' * 40} but HEAD is" in completed.stderr
    assert "rebuild it with scripts/setup" in completed.stderr


def test_dirty_tree_never_replaces_the_commit_record(project, fake_bench):
    clean = pathlib.Path(run_record(project, "--rounds", "2",
                                    bench=fake_bench).stdout.strip())
    (project.path / "history.txt").write_text("uncommitted change\n")

    dirty = pathlib.Path(run_record(project, "--rounds", "2",
                                    bench=fake_bench).stdout.strip())

    assert dirty.name.endswith("-dirty.json")
    assert dirty.name.split("-")[:2] == clean.name.split("-")[:2]
    head = project.git("rev-parse", "HEAD")
    assert records.commit_records(project.path, head) == [clean]
    assert records.machine_records(
        project.path, records.machine_id()) == [clean]


def test_machine_id_is_a_stable_readable_slug():
    machine = records.machine_id()

    assert machine == records.machine_id()
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", machine)
    if pathlib.Path("/etc/machine-id").is_file():
        assert re.search(r"-[0-9a-f]{8}$", machine)
