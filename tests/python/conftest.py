"""Shared fixtures for the tests of the Python scripts under scripts/."""

import collections
import json
import os
import pathlib
import stat
import statistics
import subprocess
import sys

import pytest

SCRIPTS = pathlib.Path(__file__).resolve().parents[2] / "scripts"
if str(SCRIPTS) not in sys.path:
    sys.path.insert(0, str(SCRIPTS))

TASKS_PER_BATCH = 64


def _row(base_name: str, repetitions: int, **fields) -> dict:
    """A benchmark row shaped like Google Benchmark 1.7.1's JSON output."""
    name = f"{base_name}/manual_time"
    return {"name": name, "family_index": 0, "per_family_instance_index": 0,
            "run_name": name, "repetitions": repetitions, "threads": 1,
            **fields}


def _timing(real_time_ms: float) -> dict:
    return {"real_time": real_time_ms, "cpu_time": real_time_ms / 50,
            "time_unit": "ms",
            "tasks_per_s": TASKS_PER_BATCH / (real_time_ms / 1e3)}


def benchmark_document(samples_ms: dict, *, context: dict | None = None,
                       errors: dict | None = None) -> dict:
    """Google Benchmark JSON with the given per-repetition wall times.

    Args:
      samples_ms: benchmark base name (e.g. "Cpu/Threads/workers:2") -> wall
        time in milliseconds of each repetition. Each benchmark gets its
        iteration rows, then mean/median/stddev aggregates, as bench writes
        them, plus a tasks_per_s counter.
      context: entries added to (or replacing) the default context.
      errors: benchmark base name -> error message, for benchmarks that
        failed (one errored row each).
    """
    rows = []
    for base_name, times in samples_ms.items():
        count = len(times)
        for index, time in enumerate(times):
            rows.append(_row(base_name, count, run_type="iteration",
                             repetition_index=index, iterations=10,
                             **_timing(time)))
        aggregates = {"mean": statistics.mean(times),
                      "median": statistics.median(times),
                      "stddev": statistics.pstdev(times)}
        for aggregate, value in aggregates.items():
            row = _row(base_name, count, run_type="aggregate",
                       aggregate_name=aggregate, aggregate_unit="time",
                       iterations=count, **_timing(max(value, 1e-9)))
            row["name"] += f"_{aggregate}"
            rows.append(row)
    for base_name, message in (errors or {}).items():
        rows.append(_row(base_name, 1, run_type="iteration",
                         repetition_index=0, error_occurred=True,
                         error_message=message, iterations=1, real_time=0,
                         cpu_time=0, time_unit="ms"))
    default_context = {
        "date": "2026-01-01T00:00:00+00:00", "host_name": "testhost",
        "executable": "build/bench", "num_cpus": 2, "mhz_per_cpu": 2400,
        "cpu_scaling_enabled": False, "library_build_type": "release",
        "execbench_commit": "0" * 40, "execbench_commit_dirty": "false",
        "execbench_build_type": "Release", "execbench_compiler": "GNU 12.2.0",
        "execbench_cpu_model": "Test CPU @ 2.40GHz",
        "execbench_flag_cpu_iterations": "10000000",
        "execbench_flag_workers": "1,2,4,8"}
    return {"context": {**default_context, **(context or {})},
            "benchmarks": rows}


@pytest.fixture(name="write_record")
def fixture_write_record(tmp_path):
    """Writes benchmark_document(...) to tmp_path/filename; returns its path."""

    def write(filename: str, samples_ms: dict, **options) -> pathlib.Path:
        path = tmp_path / filename
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(benchmark_document(samples_ms, **options),
                                   indent=2), encoding="utf-8")
        return path

    return write


class GitRepo:
    """A git repository for tests, with commits at chosen dates."""

    def __init__(self, path: pathlib.Path):
        self.path = path
        path.mkdir(parents=True, exist_ok=True)
        self.git("init", "--quiet", "--initial-branch=main")

    def git(self, *args: str, date: str = "2026-01-01T00:00:00Z") -> str:
        """Runs git in the repository; returns its stdout, stripped."""
        identity = {"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "t@example",
                    "GIT_COMMITTER_NAME": "Test",
                    "GIT_COMMITTER_EMAIL": "t@example",
                    "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date,
                    "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(self.path)}
        completed = subprocess.run(["git", "-C", str(self.path), *args],
                                   capture_output=True, text=True, check=True,
                                   env={**os.environ, **identity})
        return completed.stdout.strip()

    def commit(self, message: str, date: str) -> str:
        """Commits everything (plus a change) at date; returns the hash."""
        with (self.path / "history.txt").open("a", encoding="utf-8") as log:
            log.write(f"{message}\n")
        self.git("add", "--all")
        self.git("commit", "--quiet", "--message", message, date=date)
        return self.git("rev-parse", "HEAD")


@pytest.fixture(name="git_repo")
def fixture_git_repo(tmp_path) -> GitRepo:
    """An empty git repository in tmp_path/project."""
    return GitRepo(tmp_path / "project")


# Imported once scripts/ is on sys.path, above.
from execbench.inputs import records  # pylint: disable=wrong-import-position
from execbench.inputs import bench_json  # pylint: disable=wrong-import-position


@pytest.fixture(name="fresh_record_cache", autouse=True)
def fixture_fresh_record_cache():
    """Every test reads its records afresh: records.load_record keeps
    each record it read for the rest of the process."""
    records.load_record.cache_clear()


def raw_medians_s(path: str) -> dict:
    """base_name -> median wall time in seconds, straight from the JSON."""
    with open(path, encoding="utf-8") as file:
        rows = json.load(file)["benchmarks"]
    samples = {}
    for row in rows:
        if row["run_type"] == "iteration" and not row.get("error_occurred"):
            scale = bench_json.SECONDS_PER_TIME_UNIT[row["time_unit"]]
            samples.setdefault(row["run_name"].removesuffix("/manual_time"),
                               []).append(row["real_time"] * scale)
    return {name: statistics.median(values) for name, values in samples.items()}


@pytest.fixture(name="json_reads")
def fixture_json_reads(monkeypatch) -> collections.Counter:
    """Counts, by path, the JSON files that the scripts read in a test."""
    reads = collections.Counter()
    read_json = bench_json.read_json

    def counted(path: str, how_to_make: str):
        reads[path] += 1
        return read_json(path, how_to_make)

    monkeypatch.setattr(bench_json, "read_json", counted)
    return reads


def make_executable(path: pathlib.Path, content: str) -> pathlib.Path:
    """Writes an executable file (a fake tool or script); returns its path."""
    path.write_text(content, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path
