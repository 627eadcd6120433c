"""Tests of the builds of commits for scripts/ab (running/builds.py), on a
tiny CMake project whose "build" copies a fake bench (fake_bench.py) into
build/: a commit is built once, in its worktree, and never again; a build
that did not finish is done again; two comparisons at once build a commit
once; and ab compares two commits end to end."""

import json
import os
import subprocess
import sys
import textwrap

import pytest

import fake_bench
from conftest import SCRIPTS, make_executable
from execbench.commands import ab
from execbench.inputs import records
from execbench.running import builds

PRESETS = {
    "version": 6,
    "configurePresets": [{"name": "release", "generator": "Ninja",
                          "binaryDir": "${sourceDir}/build",
                          "cacheVariables": {"CMAKE_BUILD_TYPE": "Release"}}],
    "buildPresets": [{"name": "release", "configurePreset": "release"}]}
# The build of bench: a copy of the fake bench and its plan, after a pause
# that gives a second build the time to start.
CMAKE_LISTS = textwrap.dedent("""\
    cmake_minimum_required(VERSION 3.25)
    project(fake NONE)
    add_custom_target(bench ALL
      COMMAND ${CMAKE_COMMAND} -E sleep 1
      COMMAND ${CMAKE_COMMAND} -E copy ${CMAKE_SOURCE_DIR}/fake/bench
              ${CMAKE_SOURCE_DIR}/fake/plan.json ${CMAKE_BINARY_DIR})
    """)
# Stands in for cmake: logs each call, then runs the real one.
LOGGING_CMAKE = """#!/bin/sh
echo "cmake $*" >> "{log}"
exec /usr/bin/cmake "$@"
"""
DRAWS = {"Cpu/Serial/workers:1": {"ms": 10.0, "sd": 0.005}}


@pytest.fixture(name="project")
def fixture_project(git_repo, tmp_path, monkeypatch):
    """A repository of the tiny project with two commits, the second's
    bench 10% slower; the cache in tmp_path/cache, cmake logged to
    tmp_path/cmake.log. Returns (repository, first, second, log)."""
    (git_repo.path / "CMakePresets.json").write_text(json.dumps(PRESETS))
    (git_repo.path / "CMakeLists.txt").write_text(CMAKE_LISTS)
    commits = []
    for milliseconds in (10.0, 11.0):
        fake_bench.install(git_repo.path / "fake", draws={
            "Cpu/Serial/workers:1": {"ms": milliseconds, "sd": 0.005}})
        commits.append(git_repo.commit(f"bench of {milliseconds} ms",
                                       date="2026-03-04T05:06:07Z"))
    tools = tmp_path / "tools"
    tools.mkdir()
    log = tmp_path / "cmake.log"
    make_executable(tools / "cmake", LOGGING_CMAKE.format(log=log))
    monkeypatch.setenv("PATH", f"{tools}:{os.environ['PATH']}")
    monkeypatch.setenv(builds.CACHE_VARIABLE, str(tmp_path / "cache"))
    return git_repo, commits[0], commits[1], log


def cmake_calls(log) -> list:
    return log.read_text().splitlines() if log.exists() else []


def test_a_commit_is_built_once_and_then_taken_from_the_cache(project,
                                                               tmp_path):
    repository, first, _, log = project

    bench = builds.built_bench(repository.path, first, "BASE")
    again = builds.built_bench(repository.path, first, "BASE")

    assert bench == again == tmp_path / "cache" / first / "source" / (
        "build/bench")
    calls = cmake_calls(log)
    assert len(calls) == 2, calls  # Configure, build: once.
    assert calls[0].startswith("cmake --preset release -DCMAKE_CXX_FLAGS="
                               f"-ffile-prefix-map={bench.parents[1]}=.")
    assert calls[1] == "cmake --build --preset release --target bench"
    assert (tmp_path / "cache" / first / builds.MARKER).is_file()
    worktrees = repository.git("worktree", "list")
    assert str(bench.parents[1]) in worktrees


def test_a_build_that_did_not_finish_is_done_again(project, tmp_path):
    repository, first, _, log = project
    unfinished = tmp_path / "cache" / first
    (unfinished / "source").mkdir(parents=True)
    (unfinished / "source" / "half-written.o").write_text("")

    bench = builds.built_bench(repository.path, first, "BASE")

    assert bench.is_file()
    assert not (unfinished / "source" / "half-written.o").exists()
    assert len(cmake_calls(log)) == 2


def test_two_comparisons_at_once_build_a_commit_once(project):
    repository, first, _, log = project
    command = [sys.executable, "-c", textwrap.dedent(f"""\
        import pathlib, sys
        sys.path.insert(0, {str(SCRIPTS)!r})
        from execbench.running import builds
        print(builds.built_bench(pathlib.Path({str(repository.path)!r}),
                                 {first!r}, "BASE"))
        """)]

    both = [subprocess.Popen(command, stdout=subprocess.PIPE, text=True,
                             stderr=subprocess.DEVNULL) for _ in range(2)]
    paths = {process.communicate()[0] for process in both}

    assert [process.returncode for process in both] == [0, 0]
    assert len(paths) == 1
    assert len(cmake_calls(log)) == 2


def test_a_commit_that_does_not_build_is_one_line_and_exit_2(
        project, monkeypatch, capsys):
    repository, first, _, _ = project
    (repository.path / "CMakeLists.txt").write_text("this is not cmake(\n")
    broken = repository.commit("broken", date="2026-03-05T05:06:07Z")
    monkeypatch.setattr(records, "PROJECT_ROOT", repository.path)

    code = ab.main([first, broken])

    err = capsys.readouterr().err.splitlines()
    assert code == 2
    assert err[-1].startswith(f"ab: NEW {broken[:12]} did not build: "
                              "`cmake --preset release")
    assert not (builds.cache_folder(repository.path) / broken
                / builds.MARKER).exists()


def test_ab_compares_two_commits_end_to_end(project, monkeypatch, capsys):
    repository, first, second, log = project
    monkeypatch.setattr(records, "PROJECT_ROOT", repository.path)

    code = ab.main([first[:8], second, "--seed", "1",
                    "--tolerated-outliers", "0"])

    out = capsys.readouterr().out
    assert code == 1
    assert f"BASE: {first[:8]} (commit {first[:12]})" in out
    assert "Cpu/Serial/workers:1  slower" in out
    assert len(cmake_calls(log)) == 4  # Each commit configured and built.
