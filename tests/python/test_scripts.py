"""Tests of the shell and Python entry points under scripts/ as commands:
--help, and scripts/test's summary over its stages.

Each runs on a copy of scripts/ in a scratch git repository, with fake build
tools first on PATH that log any call, so that nothing is built or
installed.
"""

import os
import pathlib
import shutil
import subprocess

import pytest

import leftovers
from conftest import SCRIPTS, make_executable

SCRIPT_NAMES = ("ab", "bisect", "record", "compare", "history", "charts",
                "tables", "setup", "test", "advise", "report", "test-mpi")
BUILD_TOOLS = ("cmake", "ctest", "ninja", "apt-get", "sudo", "dpkg-query")
FAKE_TOOL = """#!/bin/sh
echo "$(basename "$0") $*" >> "{log}"
"""
# Answers like ctest for the preset it is given: FAKE_CTEST_<PRESET> is
# "FAILED TOTAL" (default "0 0"), or "crash" for a ctest that ends without a
# summary.
FAKE_CTEST = """#!/bin/bash
echo "ctest $*" >> "{log}"
preset=$2
counts=FAKE_CTEST_${{preset^^}}
read -r failed total <<<"${{!counts:-0 0}}"
if [ "$failed" = crash ]; then echo "Segmentation fault"; exit 139; fi
echo "$(( total ? (total - failed) * 100 / total : 100 ))% tests passed, $failed tests failed out of $total"
[ "$failed" -eq 0 ]
"""
# Stands in for scripts/setup: fails for the presets in FAKE_SETUP_FAILS.
FAKE_SETUP = """#!/bin/bash
echo "setup $*" >> "{log}"
[[ " $FAKE_SETUP_FAILS " != *" $1 "* ]]
"""


@pytest.fixture(name="project")
def fixture_project(git_repo, tmp_path):
    """A committed repository with a copy of scripts/, and a folder of fake
    build tools; returns (repository, tools folder, log of their calls)."""
    shutil.copytree(SCRIPTS, git_repo.path / "scripts",
                    ignore=shutil.ignore_patterns("__pycache__"))
    git_repo.commit("scripts", date="2026-03-04T05:06:07Z")
    tools = tmp_path / "tools"
    tools.mkdir()
    log = tmp_path / "calls.log"
    for tool in BUILD_TOOLS:
        make_executable(tools / tool, FAKE_TOOL.format(log=log))
    return git_repo, tools, log


def files_of(folder: pathlib.Path) -> dict:
    """Relative path -> modification time of every file under folder, but
    Python's byte-code caches."""
    return {str(path.relative_to(folder)): path.stat().st_mtime_ns
            for path in folder.rglob("*")
            if path.is_file() and "__pycache__" not in path.parts}


def run_script(project, name: str, *args: str,
               **environment: str) -> subprocess.CompletedProcess:
    repository, tools, _ = project
    return leftovers.run(
        [repository.path / "scripts" / name, *args], cwd=repository.path,
        env={**os.environ, "PATH": f"{tools}:/usr/bin:/bin", **environment},
        outputs=[repository.path / "results"])


@pytest.mark.parametrize("name", SCRIPT_NAMES)
def test_help_prints_usage_and_changes_nothing(project, name):
    repository, _, log = project
    before = files_of(repository.path)

    completed = run_script(project, name, "--help")

    assert completed.returncode == 0, completed.stderr
    assert "usage" in completed.stdout.lower()
    assert completed.stderr == ""
    assert files_of(repository.path) == before
    assert not log.exists(), log.read_text()


@pytest.fixture(name="staged_project")
def fixture_staged_project(project):
    """The project, with the fake ctest and a fake scripts/setup."""
    repository, tools, log = project
    make_executable(tools / "ctest", FAKE_CTEST.format(log=log))
    make_executable(repository.path / "scripts" / "setup",
                    FAKE_SETUP.format(log=log))
    return project


def test_summary_sums_every_stage_and_fails_when_one_fails(staged_project):
    _, _, log = staged_project

    completed = run_script(staged_project, "test", FAKE_CTEST_RELEASE="0 40",
                           FAKE_CTEST_ASAN="2 5", FAKE_CTEST_TSAN="0 5")

    assert completed.returncode == 1
    assert completed.stdout.splitlines()[-1] == "48 passed, 2 failed"
    # The stage after the failing one ran too.
    assert "ctest --preset tsan -j 2" in log.read_text()


def test_summary_of_passing_stages_exits_0(staged_project):
    _, _, log = staged_project

    completed = run_script(staged_project, "test", FAKE_CTEST_RELEASE="0 40",
                           FAKE_CTEST_ASAN="0 5", FAKE_CTEST_TSAN="0 5")

    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.splitlines()[-1] == "50 passed, 0 failed"
    stages = [line.split()[1] for line in log.read_text().splitlines()
              if line.startswith("setup ")]
    assert [stage for stage in stages if stage in ("release", "asan", "tsan")
            ] == ["release", "asan", "tsan"]


@pytest.mark.parametrize("failure, named", [
    ({"FAKE_SETUP_FAILS": "asan"}, "asan (build failed)"),
    ({"FAKE_CTEST_ASAN": "crash 0"}, "asan (ctest exited with 139 and no "
                                     "summary)"),
])
def test_a_stage_that_does_not_finish_fails_the_run(staged_project, failure,
                                                    named):
    completed = run_script(staged_project, "test", **{
        "FAKE_CTEST_RELEASE": "0 40", "FAKE_CTEST_ASAN": "0 5",
        "FAKE_CTEST_TSAN": "0 5", **failure})

    assert completed.returncode == 1
    assert completed.stdout.splitlines()[-1] == "45 passed, 0 failed"
    assert f"stages that did not finish: {named}" in completed.stderr
