"""The installed package, used as a project outside this tree would use it.

Installs the build ($EXECBENCH_BUILD_DIR; ctest sets it, the default is
<repo>/build) into a temporary prefix, copies examples/my_workload into a
git repository of its own there, builds it against the prefix alone, and
runs its bench and the installed scripts on it. Everything happens in one
temporary folder, removed at the end. ctest runs it as example_project
(label package), apart from the other Python tests: it takes a configure
and a build.
"""

import json
import os
import pathlib
import re
import shutil
import subprocess
import tempfile

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
BUILD = pathlib.Path(os.environ.get("EXECBENCH_BUILD_DIR", REPO / "build"))
EXAMPLE = REPO / "examples" / "my_workload"
QUICK = ("--benchmark_min_time=0", "--benchmark_repetitions=1",
         "--warmup_batches=0", "--workers=1,2", "--hash_tasks=16",
         "--hash_kib=64")
IDENTITY = {"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "t@example",
            "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "t@example",
            "GIT_CONFIG_NOSYSTEM": "1"}

pytestmark = pytest.mark.skipif(
    not (BUILD / "bench").exists(),
    reason=f"{BUILD} is not built (build it, or set EXECBENCH_BUILD_DIR)")


def run(*command, cwd=None, env=None) -> str:
    """Runs the command; returns its stdout, failing with its stderr."""
    completed = subprocess.run([str(part) for part in command], cwd=cwd,
                               env={**os.environ, **(env or {})},
                               capture_output=True, text=True, timeout=600,
                               check=False)
    assert completed.returncode == 0, (
        f"{' '.join(map(str, command))} exited {completed.returncode}:\n"
        f"{completed.stdout[-3000:]}\n{completed.stderr[-3000:]}")
    return completed.stdout


@pytest.fixture(name="project", scope="module")
def fixture_project():
    """(prefix, project folder, its commit), the example built in it."""
    with tempfile.TemporaryDirectory(prefix="execbench-package-") as folder:
        prefix = pathlib.Path(folder) / "prefix"
        project = pathlib.Path(folder) / "my_workload"
        run("cmake", "--install", BUILD, "--prefix", prefix)
        shutil.copytree(EXAMPLE, project)
        env = {**IDENTITY, "HOME": folder}
        run("git", "init", "--quiet", project, env=env)
        run("git", "-C", project, "add", ".", env=env)
        run("git", "-C", project, "commit", "--quiet", "-m", "Hash", env=env)
        commit = run("git", "-C", project, "rev-parse", "HEAD").strip()
        run("cmake", "-S", project, "-B", project / "build", "-G", "Ninja",
            "-DCMAKE_BUILD_TYPE=Release", f"-DCMAKE_PREFIX_PATH={prefix}")
        run("cmake", "--build", project / "build")
        yield prefix, project, commit


def executors_of(names, workload: str) -> set[str]:
    return {name.split("/")[1] for name in names
            if name.startswith(f"{workload}/")}


def test_its_bench_runs_its_workload_on_every_executor(project):
    _, folder, commit = project
    bench = folder / "build" / "bench"
    listed = run(bench, *QUICK, "--benchmark_list_tests",
                 "--benchmark_filter=^(Hash|Cpu)/").split()
    # Every executor that runs a built-in synchronous workload (here: not
    # Mpi, which needs mpirun, nor EventLoop, for asynchronous ones).
    assert {"Serial", "Threads", "Processes"} <= executors_of(listed, "Cpu")
    assert executors_of(listed, "Hash") == executors_of(listed, "Cpu")
    out = folder / "hash.json"
    run(bench, *QUICK, "--benchmark_filter=^Hash/", f"--benchmark_out={out}")
    document = json.loads(out.read_text(encoding="utf-8"))
    rows = document["benchmarks"]
    errors = [row["error_message"] for row in rows if row.get("error_occurred")]
    # bench fails a benchmark whose checksums differ from the first batch's.
    assert not errors, errors
    assert sorted(row["name"] for row in rows) == sorted(
        name for name in listed if name.startswith("Hash/"))
    assert {row["name"].split("/")[2] for row in rows
            if row["name"].split("/")[1] == "Threads"} == {
                "workers:1", "workers:2"}
    assert document["context"]["execbench_commit"] == commit
    assert document["context"]["execbench_flag_hash_kib"] == "64"


def test_its_bench_links_abseil_statically_as_execbenchs_does(project):
    # Abseil's shared libraries would slow every process-pool worker's fork
    # (cmake/execbench_static_abseil.cmake); the package links its archives.
    _, folder, _ = project
    dynamic = run("readelf", "--dynamic", folder / "build" / "bench")
    needed = re.findall(r"\(NEEDED\)\s+Shared library: \[(.*)\]", dynamic)
    assert [name for name in needed if name.startswith("libbenchmark")], needed
    assert not [name for name in needed if name.startswith("libabsl")], needed


def test_the_installed_scripts_record_and_compare_for_the_project(project):
    prefix, folder, commit = project
    bench = {"EXECBENCH_BENCH": str(folder / "build" / "bench")}
    record = run(prefix / "bin" / "execbench-record", "--rounds", "3",
                 "--benchmark_filter=^Hash/(Serial|Threads)/", *QUICK[2:],
                 cwd=folder, env=bench)
    path = pathlib.Path(record.strip())
    assert path.parent.parent == folder / "results" / "history"
    assert commit[:12] in path.name
    compared = run(prefix / "bin" / "execbench-compare", path, path)
    assert "Hash/Serial/workers:1" in compared


def test_the_installed_run_writes_the_projects_results(project):
    prefix, folder, commit = project
    completed = run(prefix / "bin" / "execbench-run", "--repetitions=3",
                    "--max_repetitions=3",
                    "--benchmark_filter=^Hash/(Serial|Threads)/", *QUICK[2:],
                    cwd=folder,
                    env={"EXECBENCH_BENCH": str(folder / "build" / "bench")})
    (results,) = [path for path in (folder / "results").iterdir()
                  if path.name != "history"]
    assert results.name.endswith(f"-{commit[:12]}")
    assert f"Results in results/{results.name}: " in completed
    assert "Hash" in (results / "table.md").read_text(encoding="utf-8")
    advice = run(prefix / "bin" / "execbench-advise", results)
    assert advice.startswith("Hash: ")  # the answer comes first
    assert "Hash" in (results / "advice.md").read_text(encoding="utf-8")
    assert "Hash" in (results / "report.html").read_text(encoding="utf-8")
    assert list((results / "charts").glob("*.png"))
