"""Tests of scripts/run, run on a copy of the scripts in a scratch repository.

A fake bench (fake_bench.py) stands in for build/bench through
EXECBENCH_BENCH; a fake scripts/setup records whether it ran.
"""

import json
import shutil
import subprocess

import pytest

import fake_bench
import leftovers
from conftest import SCRIPTS, make_executable

STEADY_MS = {"Cpu/Serial/workers:1": [20.0], "Cpu/Threads/workers:2": [10.5]}
FAKE_SETUP = "#!/bin/sh\necho setup ran >> \"$(dirname \"$0\")/../setup.log\"\n"
RUN_FILES = ["advice.md", "bench.json", "charts", "report.html", "spans.json",
             "table.md", "table.tex", "trace.json"]


@pytest.fixture(name="project")
def fixture_project(git_repo):
    """A repository with scripts/run and what it calls, committed."""
    scripts = git_repo.path / "scripts"
    shutil.copytree(SCRIPTS / "execbench", scripts / "execbench",
                    ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("run", "charts", "tables", "advise", "report"):
        shutil.copy2(SCRIPTS / name, scripts / name)
    (scripts / "setup").write_text(FAKE_SETUP, encoding="utf-8")
    (scripts / "setup").chmod(0o755)
    (git_repo.path / ".gitignore").write_text("results/\nsetup.log\n")
    git_repo.commit("first", date="2026-03-04T05:06:07Z")
    return git_repo


def start_run(project, bench, *argv: str,
              path: str = "/usr/bin:/bin") -> leftovers.Watched:
    env = {"PATH": path, "EXECBENCH_BENCH": str(bench)}
    return leftovers.Watched([project.path / "scripts" / "run", *argv],
                             env=env, cwd=project.path,
                             outputs=[project.path / "results"])


def run_script(project, bench, *argv: str) -> subprocess.CompletedProcess:
    return start_run(project, bench, *argv).finish()


def run_folders(project) -> list:
    results = project.path / "results"
    return sorted(results.iterdir()) if results.exists() else []


def test_help_exits_0_and_neither_builds_nor_runs(project, tmp_path):
    bench = fake_bench.install(tmp_path / "fake", STEADY_MS)
    env = {"PATH": "/usr/bin:/bin"}  # Without EXECBENCH_BENCH: would set up.
    completed = leftovers.run([project.path / "scripts" / "run", "--help"],
                              env=env, cwd=project.path)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.startswith("Usage: scripts/run [RUN-FLAGS...]")
    assert "--formats=LIST" in completed.stdout
    assert completed.stderr == ""
    assert not (project.path / "setup.log").exists()
    assert fake_bench.calls(bench) == []
    assert run_folders(project) == []


def test_a_run_writes_one_whole_folder(project, tmp_path):
    bench = fake_bench.install(tmp_path / "fake", STEADY_MS)

    completed = run_script(project, bench, "--repetitions=5",
                           "--benchmark_filter=Cpu")

    assert completed.returncode == 0, completed.stderr
    (folder,) = run_folders(project)
    assert sorted(item.name for item in folder.iterdir()) == RUN_FILES
    assert {item.suffix for item in (folder / "charts").iterdir()} == {
        ".png", ".txt"}  # .txt: each chart's caption.
    assert (folder / "charts" / "speedup-Cpu.png").exists()
    assert (folder / "charts" / "summary.caption.txt").exists()
    context = json.loads((folder / "bench.json").read_text())["context"]
    assert context["execbench_unsettled"] == ""
    calls = fake_bench.calls(bench)
    assert len(calls) == 2  # 5 repetitions, then 10: intervals within 5%.
    assert "--benchmark_filter=Cpu" in calls[0]
    assert "Threads with 2 workers" in (folder / "advice.md").read_text()
    # The answers come last, before where the results are.
    answers = completed.stdout[completed.stdout.index("**How to run"):]
    assert "| Cpu | Threads | 2 | 1.90x | [" in answers
    assert "| Cpu | Serial | 1 |" not in completed.stdout  # No grid table.
    assert f"Results in results/{folder.name}: report.html" in answers
    assert not (project.path / "setup.log").exists()


def test_an_installed_run_without_a_bench_exits_2(project):
    (project.path / "scripts" / "setup").unlink()
    completed = subprocess.run([str(project.path / "scripts" / "run")],
                               capture_output=True, text=True,
                               env={"PATH": "/usr/bin:/bin"},
                               cwd=project.path, check=False)
    assert completed.returncode == 2
    assert completed.stderr == ("run: set EXECBENCH_BENCH=/path/to/bench: an "
                                "installed run builds none\n")
    assert run_folders(project) == []


def test_formats_choose_the_chart_files(project, tmp_path):
    bench = fake_bench.install(tmp_path / "fake", STEADY_MS)

    completed = run_script(project, bench, "--formats=svg,pdf",
                           "--repetitions=5", "--max_repetitions=5", "--",
                           "--cpu_tasks=3")

    assert completed.returncode == 0, completed.stderr
    (folder,) = run_folders(project)
    assert sorted({item.suffix for item in (folder / "charts").iterdir()}) == [
        ".pdf", ".svg", ".txt"]
    (call,) = fake_bench.calls(bench)
    assert "--cpu_tasks=3" in call
    assert "--benchmark_repetitions=5" in call


def test_bad_run_flag_exits_2_before_running(project, tmp_path):
    bench = fake_bench.install(tmp_path / "fake", STEADY_MS)

    completed = run_script(project, bench, "--formats=gif")

    assert completed.returncode == 2
    assert completed.stderr == (
        "run: --formats: 'gif' is not one of png, svg, pdf (see --help)\n")
    assert fake_bench.calls(bench) == []


@pytest.mark.parametrize("argv", [["--nope=1"],
                                  ["--benchmark_filter=NoSuchWorkload"]])
def test_bench_exit_2_leaves_nothing_and_only_its_message(project, tmp_path,
                                                          argv):
    bench = fake_bench.install(tmp_path / "fake", STEADY_MS)

    completed = run_script(project, bench, *argv)

    assert completed.returncode == 2
    assert len(completed.stderr.splitlines()) == 1, completed.stderr
    assert completed.stderr.startswith("bench: ")
    assert "--benchmark_out" not in completed.stderr
    assert run_folders(project) == []
    assert len(fake_bench.calls(bench)) == 1


def test_failed_benchmarks_keep_the_folder_and_exit_1(project, tmp_path):
    bench = fake_bench.install(tmp_path / "fake", STEADY_MS, errors={
        "Cpu/Processes/workers:2": "process pool broken: worker 1 died"})

    completed = run_script(project, bench)

    assert completed.returncode == 1
    (folder,) = run_folders(project)
    assert sorted(item.name for item in folder.iterdir()) == RUN_FILES
    assert ("run: Cpu/Processes/workers:2 failed: process pool broken: "
            "worker 1 died") in completed.stderr
    assert "disk" not in completed.stderr
    page = (folder / "report.html").read_text()
    assert ("<li><code>Cpu/Processes/workers:2</code>: process pool broken: "
            "worker 1 died</li>") in page


def test_runs_finishing_in_one_second_each_keep_their_folder(project,
                                                             tmp_path):
    count = 8
    tools = tmp_path / "tools"
    tools.mkdir()
    make_executable(tools / "date", "#!/bin/sh\necho 20260305-010203\n")
    started = [start_run(project, fake_bench.install(
        tmp_path / f"fake{index}", STEADY_MS), "--max_repetitions=7",
                         path=f"{tools}:/usr/bin:/bin")
               for index in range(count)]

    completed = leftovers.finish_together(started)

    assert [run.returncode for run in completed] == [0] * count, [
        run.stderr for run in completed]
    printed = [run.stdout.splitlines()[-1].split()[2].rstrip(":")
               for run in completed]
    stem = f"results/20260305-010203-{project.git('rev-parse', 'HEAD')[:12]}"
    assert sorted(printed) == sorted(
        [stem] + [f"{stem}-{copy}" for copy in range(2, count + 1)])
    assert len(run_folders(project)) == count
    for folder in run_folders(project):
        assert sorted(item.name for item in folder.iterdir()) == RUN_FILES


def test_a_results_folder_nothing_can_go_in_stops_run_first(project,
                                                           tmp_path):
    bench = fake_bench.install(tmp_path / "fake", STEADY_MS)
    (project.path / "results").write_text("not a folder\n")

    completed = run_script(project, bench)

    assert completed.returncode == 2
    assert completed.stderr == (
        f"run: cannot create a folder in {project.path}/results; make it a "
        "writable folder\n")
    assert fake_bench.calls(bench) == []
    assert not (project.path / "setup.log").exists()


def test_failed_exit_code_2_is_refused_before_running(project, tmp_path):
    bench = fake_bench.install(tmp_path / "fake", STEADY_MS)

    completed = run_script(project, bench, "--failed_exit_code=2")

    assert completed.returncode == 2
    assert completed.stderr == (
        "run: --failed_exit_code must be an exit code from 0 to 255 other "
        "than 2, which says a flag was bad, not 2\n")
    assert fake_bench.calls(bench) == []
    assert run_folders(project) == []


def test_failed_exit_code_is_runs_own_and_bench_gets_1(project, tmp_path):
    bench = fake_bench.install(tmp_path / "fake", STEADY_MS, errors={
        "Cpu/Processes/workers:2": "process pool broken"})

    completed = run_script(project, bench, "--failed_exit_code=3")

    assert completed.returncode == 3, completed.stderr
    (folder,) = run_folders(project)
    assert sorted(item.name for item in folder.iterdir()) == RUN_FILES
    assert "run: some benchmarks failed" in completed.stderr
    for call in fake_bench.calls(bench):
        assert fake_bench.flag_values(call, "--failed_exit_code")[-1] == "1"


def spans_kept(folder) -> list:
    document = json.loads((folder / "spans.json").read_text())
    return [entry["name"] for entry in document["benchmarks"]]


def test_the_folder_keeps_the_batches_drawn_unless_all(project, tmp_path):
    bench = fake_bench.install(tmp_path / "fake", STEADY_MS)

    completed = run_script(project, bench, "--repetitions=5",
                           "--max_repetitions=5")

    assert completed.returncode == 0, completed.stderr
    (folder,) = run_folders(project)
    # The fixture's spans hold ten batches; Serial and the advised choice
    # show the advice.
    assert spans_kept(folder) == ["Cpu/Serial/workers:1/manual_time",
                                  "Cpu/Threads/workers:2/manual_time"]
    assert sorted(path.name for path in (folder / "charts").glob(
        "timeline-*.png")) == ["timeline-Cpu-Serial-w1.png",
                               "timeline-Cpu-Threads-w2.png"]
    shutil.rmtree(folder)

    completed = run_script(project, bench, "--repetitions=5",
                           "--max_repetitions=5", "--all_batches")

    assert completed.returncode == 0, completed.stderr
    (folder,) = run_folders(project)
    assert len(spans_kept(folder)) == 10
    assert len(list((folder / "charts").glob("timeline-*.png"))) == 10
