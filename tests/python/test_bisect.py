"""Tests of scripts/bisect (commands/bisect.py) on a throwaway history of 16
commits of a tiny CMake project, built by ab's own build step, whose
"bench" is the fake bench (fake_bench.py) with its times in its source
(plan.json): one commit makes Cpu/Serial 5% slower."""

import json
import pathlib
import shutil

import pytest

import fake_bench
from execbench.commands import bisect
from execbench.inputs import records
from execbench.running import builds

CMAKE_LISTS = """\
project(tiny NONE)
add_custom_target(bench ALL
  COMMAND ${CMAKE_COMMAND} -E copy ${CMAKE_SOURCE_DIR}/bench.py
          ${CMAKE_BINARY_DIR}/bench
  COMMAND ${CMAKE_COMMAND} -E copy ${CMAKE_SOURCE_DIR}/plan.json
          ${CMAKE_BINARY_DIR}/plan.json)
"""
PRESETS = {"version": 3,
           "configurePresets": [{"name": "release", "binaryDir": "build",
                                 "generator": "Unix Makefiles"}],
           "buildPresets": [{"name": "release",
                             "configurePreset": "release"}]}
PLANTED = 11  # The commit, counted from 1, that makes Cpu 5% slower.
pytestmark = pytest.mark.skipif(shutil.which("cmake") is None,
                                reason="needs cmake")


@pytest.fixture(name="history")
def fixture_history(git_repo, tmp_path, monkeypatch):
    """16 commits of the tiny project; returns their hashes, oldest first."""
    root = git_repo.path
    (root / "CMakeLists.txt").write_text("cmake_minimum_required(VERSION "
                                         "3.19)\n" + CMAKE_LISTS)
    (root / "CMakePresets.json").write_text(json.dumps(PRESETS))
    (root / ".gitignore").write_text("build/\n")
    source = fake_bench.install(tmp_path / "template", draws={})
    shutil.copy(source, root / "bench.py")
    commits = []
    for number in range(1, 17):
        milliseconds = 10.5 if number >= PLANTED else 10.0
        (root / "plan.json").write_text(json.dumps({
            "times_ms": {}, "errors": {}, "seed": number,
            "draws": {"Cpu/Serial/workers:1": {"ms": milliseconds,
                                               "sd": 0.005},
                      "Noop/Serial/workers:1": {"ms": 0.02, "sd": 0.005}}}))
        commits.append(git_repo.commit(f"change {number}",
                                       f"2026-01-{number:02d}T00:00:00Z"))
    monkeypatch.setattr(records, "PROJECT_ROOT", root)
    monkeypatch.setenv(builds.CACHE_VARIABLE, str(tmp_path / "cache"))
    return commits


def test_finds_the_planted_slowdown(history, capsys):
    assert bisect.main([history[0], history[-1], "--seed", "1"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith(
        f"First bad commit: {history[PLANTED - 1]}")
    assert f"change {PLANTED}" in captured.out
    assert "Cpu/Serial/workers:1" in captured.out
    steps = [line for line in captured.err.splitlines()
             if line.startswith("bisect: step")]
    assert 4 <= len(steps) <= 6


def test_a_range_with_no_slowdown_exits_1(history, capsys):
    assert bisect.main([history[0], history[PLANTED - 2], "--seed", "1"]) == 1
    assert "BAD is not slower than GOOD" in capsys.readouterr().err


@pytest.mark.parametrize("argv, complaint", [
    (["nope", "HEAD"], "GOOD 'nope' is not a commit"),
    (["HEAD", "HEAD~3"], "does not descend from GOOD"),
    (["HEAD~3", "HEAD", "--out", "x"], "--out is bisect's own business"),
])
def test_bad_input_is_one_line_and_exit_2(history, capsys, argv,
                                          complaint):
    assert bisect.main(argv) == 2
    error = capsys.readouterr().err
    assert complaint in error and error.count("\n") == 1
