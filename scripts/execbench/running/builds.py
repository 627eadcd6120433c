"""The bench of a commit, for scripts/ab: built once in a worktree of its
own and kept, so that a later comparison of that commit builds nothing
(docs/regressions.md).

A commit's build lives in <cache>/<full hash>/: the worktree source/ (made
with `git worktree add --detach`), configured with that commit's own
Release preset (source/build/), of which only the bench target is built,
and the marker file `built`, written last: a folder without it holds a
build that did not finish, which is removed and done again. The cache is
build-ab/ at the project's root (ignored by git, as every build*/ is), or
$EXECBENCH_AB_CACHE. Builds lock the cache (flock), so that two
comparisons that need one commit build it once, the second waiting.

When ccache is installed, compilations go through it, with the worktree as
ccache's base directory (unless CCACHE_BASEDIR says otherwise) and
-ffile-prefix-map mapping the worktree's path to ".", so that the
worktrees of different commits share every object whose sources are the
same, and build identical ones.
"""

import fcntl
import os
import pathlib
import shutil
import sys

from execbench import atomic_file
from execbench import interruption
from execbench.inputs import bench_json
from execbench.inputs import records

CACHE_VARIABLE = "EXECBENCH_AB_CACHE"
DEFAULT_CACHE = "build-ab"
MARKER = "built"
_SOURCE = "source"
_PRESET = "release"


class BuildFailed(Exception):
    """A commit did not build; str(e) says which and how it failed."""


def cache_folder(root: pathlib.Path) -> pathlib.Path:
    """Where builds of commits are kept."""
    return pathlib.Path(os.environ.get(CACHE_VARIABLE) or root / DEFAULT_CACHE)


def resolve(root: pathlib.Path, side: str, text: str) -> tuple:
    """(bench executable or None, commit or None) that a BASE or NEW names:
    a path to an executable, or a revision of the repository at root.

    Raises:
      bench_json.InputError: when it names neither.
    """
    path = pathlib.Path(text)
    if path.is_file() and os.access(path, os.X_OK):
        return str(path.resolve()), None
    if path.is_dir():
        raise bench_json.InputError(
            f"{side} {text!r} is a folder; pass the bench executable in it, "
            f"e.g. {path / 'bench'}, or a commit")
    commit = records.resolve_commit(root, text)
    if commit is None:
        raise bench_json.InputError(
            f"{side} {text!r} is neither a bench executable nor a commit of "
            f"{root}; pass a commit (e.g. origin/main, HEAD~1, a hash) or a "
            "path to a bench")
    return None, commit


def built_bench(root: pathlib.Path, commit: str, side: str) -> pathlib.Path:
    """The bench of a commit, built first unless the cache has it.

    Args:
      root: the repository the commit belongs to.
      commit: its full hash.
      side: "BASE" or "NEW", for messages.

    Raises:
      BuildFailed: when git, or the configuration or the build, fails.
    """
    cache = cache_folder(root)
    folder = cache / commit
    bench = folder / _SOURCE / "build" / "bench"
    if _finished(folder, bench):
        return bench
    cache.mkdir(parents=True, exist_ok=True)
    lock = os.open(cache, os.O_RDONLY)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not _finished(folder, bench):
            _build(root, commit, side, folder)
    finally:
        os.close(lock)
    return bench


def _finished(folder: pathlib.Path, bench: pathlib.Path) -> bool:
    return (folder / MARKER).is_file() and bench.is_file()


def _build(root: pathlib.Path, commit: str, side: str,
           folder: pathlib.Path) -> None:
    """Makes the worktree, configures, builds bench, then writes the marker.
    Its output goes to stderr."""
    source = folder / _SOURCE
    _say(f"building {side} {commit[:12]} in {folder} (once: later "
         "comparisons reuse it)")
    if folder.exists():  # A build that did not finish.
        shutil.rmtree(folder)
    _run(side, commit, ["git", "-C", str(root), "worktree", "prune"])
    _run(side, commit, ["git", "-C", str(root), "worktree", "add",
                        "--detach", str(source), commit])
    configure = ["cmake", "--preset", _PRESET,
                 f"-DCMAKE_CXX_FLAGS=-ffile-prefix-map={source}=."]
    environment = dict(os.environ)
    if shutil.which("ccache"):
        configure.append("-DCMAKE_CXX_COMPILER_LAUNCHER=ccache")
        environment.setdefault("CCACHE_BASEDIR", str(source))
        environment.setdefault("CCACHE_NOHASHDIR", "true")
    _run(side, commit, configure, cwd=source, environment=environment)
    _run(side, commit, ["cmake", "--build", "--preset", _PRESET, "--target",
                        "bench"], cwd=source, environment=environment)
    atomic_file.write_atomically(
        folder / MARKER, f"{source / 'build' / 'bench'}\n".encode("utf-8"))


def _run(side: str, commit: str, command: list, *,
         cwd: pathlib.Path | None = None,
         environment: dict | None = None) -> None:
    try:
        # Its output goes to file descriptor 2: stdout is ab's report. A stop
        # signal reaches the build's every process (interruption.py).
        code = interruption.run_child(command, cwd=cwd, env=environment,
                                      stdout=2)
    except OSError as error:
        raise BuildFailed(
            f"cannot build {side} {commit[:12]}: {command[0]}: "
            f"{error.strerror}; install it (scripts/setup does)") from None
    if code != 0:
        raise BuildFailed(
            f"{side} {commit[:12]} did not build: `{' '.join(command[:4])}` "
            f"{interruption.ended(code)} (its output is above); "
            "fix the commit, or pass a bench executable instead")


def _say(message: str) -> None:
    print(f"ab: {message}", file=sys.stderr)
