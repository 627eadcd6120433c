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

from bench_documents import benchmark_document

SCRIPTS = pathlib.Path(__file__).resolve().parents[2] / "scripts"
if str(SCRIPTS) not in sys.path:
    sys.path.insert(0, str(SCRIPTS))


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


def run_main(main, capsys, *argv) -> tuple:
    """(exit code, stdout, stderr) of a command's main() given argv (each
    made a string)."""
    try:
        code = main([str(argument) for argument in argv])
    except SystemExit as exit_request:
        code = exit_request.code
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def make_executable(path: pathlib.Path, content: str) -> pathlib.Path:
    """Writes an executable file (a fake tool or script); returns its path."""
    path.write_text(content, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path
