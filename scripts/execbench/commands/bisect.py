"""scripts/bisect: the first commit that made a benchmark slower, by steps of
scripts/ab (docs/regressions.md).

Usage: scripts/bisect GOOD BAD [--filter REGEX] [--instructions]
                      [AB-FLAGS...]

The commits are those of `git rev-list --first-parent GOOD..BAD`, oldest
first; BAD must descend from GOOD. Each step builds the commits it needs
as ab does (running/builds.py: once per commit, cached), then runs
scripts/ab on their benches, GOOD against the midpoint of the commits left,
with the AB-FLAGS (--filter, --instructions, --max-rounds, ...): the
first step checks that BAD is slower at all; then slower moves BAD to the
midpoint,
nothing slower and nothing undecided moves GOOD there. A step that leaves a
row undecided (or, with --instructions, counts nothing) stops the search:
more rounds of the same step are what `scripts/ab GOOD MIDPOINT
--max-rounds N` gives, by hand. Each step is a line on stderr; at the end,
the first bad commit and ab's rows for it against GOOD's original commit.

Exit code: 0 when the first bad commit is found, 1 when the range has no
slower commit (BAD is not slower than GOOD) or a step was undecided, 2 on
bad input.
"""

import json
import pathlib
import subprocess
import sys
import tempfile

from execbench import command_line
from execbench import interruption
from execbench.inputs import bench_json
from execbench.inputs import records
from execbench.running import builds

PROG = "bisect"
# scripts/ab, which each step runs as a command.
AB = pathlib.Path(__file__).resolve().parents[2] / "ab"
_OWN_FLAGS = ("--out", "--replay", "--format")


class _AbFailed(Exception):
    """ab exited 2, having said why on stderr."""


def _parser() -> command_line.ArgumentParser:
    parser = command_line.ArgumentParser(
        prog=PROG, usage="%(prog)s GOOD BAD [--filter REGEX] "
        "[--instructions] [AB-FLAGS...]",
        description="Find the first commit between GOOD and BAD that made a "
                    "benchmark slower, by steps of scripts/ab.")
    parser.add_argument("good", metavar="GOOD", help="a commit not slower")
    parser.add_argument("bad", metavar="BAD", help="a later, slower commit")
    parser.add_argument("--filter", metavar="REGEX",
                        help="only benchmarks whose name matches (re.search)")
    parser.add_argument("--instructions", action="store_true",
                        help="compare instruction counts (ab --instructions)")
    return parser


def _commits(good: str, bad: str) -> list:
    """GOOD's hash, then the first-parent commits after it up to BAD.

    Raises:
      bench_json.InputError: for a revision git does not know, or a BAD
        that does not descend from GOOD.
    """
    root = records.PROJECT_ROOT
    hashes = []
    for label, revision in (("GOOD", good), ("BAD", bad)):
        commit = records.resolve_commit(root, revision)
        if commit is None:
            raise bench_json.InputError(
                f"{label} {revision!r} is not a commit of {root}")
        hashes.append(commit)
    ancestor = subprocess.run(
        ["git", "-C", str(root), "merge-base", "--is-ancestor", hashes[0],
         hashes[1]], check=False).returncode == 0
    listed = subprocess.run(
        ["git", "-C", str(root), "rev-list", "--first-parent", "--reverse",
         f"{hashes[0]}..{hashes[1]}"], capture_output=True, text=True,
        check=False)
    after = listed.stdout.split()
    if not ancestor or listed.returncode != 0 or not after:
        raise bench_json.InputError(
            f"BAD {bad!r} does not descend from GOOD {good!r}: give GOOD "
            "first, then a later commit")
    return [hashes[0], *after]


class _Steps:
    """ab of GOOD against other commits, each built once (ab's cache), its
    JSON kept in a folder of its own."""

    def __init__(self, good: str, ab_flags: list, folder: pathlib.Path):
        self.good = good
        self.ab_flags = ab_flags
        self.folder = folder

    def compare(self, commit: str) -> tuple:
        """(verdict, JSON file) of ab GOOD COMMIT: "slower", "undecided" or
        "not slower".

        Raises:
          builds.BuildFailed: when a commit does not build.
          _AbFailed: when ab exits 2.
        """
        root = records.PROJECT_ROOT
        benches = [str(builds.built_bench(root, one, label))
                   for one, label in ((self.good, "BASE"), (commit, "NEW"))]
        out = self.folder / f"{commit}.json"
        # A stop signal reaches ab and everything it started.
        code = interruption.run_child(
            [sys.executable, str(AB), *benches, *self.ab_flags, "--format",
             "json", "--out", str(out)])
        if code not in (0, 1):
            raise _AbFailed()
        document = json.loads(out.read_text(encoding="utf-8"))
        verdicts = document["summary"]["verdicts"]
        if verdicts.get("slower"):
            return "slower", out
        undecided = (verdicts.get("undecided") if "undecided" in verdicts
                     else not document["rows"])
        return ("undecided" if undecided else "not slower"), out


def _search(commits: list, steps: _Steps) -> tuple:
    """(index of the first bad commit or None, steps taken, JSON of its
    comparison), saying each step on stderr."""
    verdict, deciding = steps.compare(commits[-1])
    _say(f"step 1: BAD {commits[-1][:12]}: {verdict}")
    if verdict != "slower":
        _say("BAD is not slower than GOOD: no first bad commit to find"
             if verdict == "not slower" else
             "BAD against GOOD left rows undecided: compare them with more "
             "rounds (scripts/ab --max-rounds N), or narrow --filter")
        return None, 1, None
    good, bad, taken = 0, len(commits) - 1, 1
    while bad - good > 1:
        middle = (good + bad) // 2
        taken += 1
        verdict, out = steps.compare(commits[middle])
        _say(f"step {taken}: {commits[middle][:12]} ({middle} of "
             f"{len(commits) - 1} after GOOD): {verdict}")
        if verdict == "slower":
            bad, deciding = middle, out
        elif verdict == "not slower":
            good = middle
        else:
            _say(f"step {taken} left rows undecided: the first bad commit is "
                 f"after {commits[good][:12]} and at or before "
                 f"{commits[bad][:12]}; compare them by hand with more "
                 "rounds (scripts/ab --max-rounds N)")
            return None, taken, None
    return bad, taken, deciding


def main(argv: list[str] | None = None) -> int:
    """The command line; see the module docstring. Returns the exit code."""
    args, ab_flags = _parser().parse_known_args(argv)
    ab_flags += [*(["--filter", args.filter] if args.filter else []),
                 *(["--instructions"] if args.instructions else [])]
    try:
        for flag in ab_flags:
            if flag.split("=", 1)[0] in _OWN_FLAGS:
                raise bench_json.InputError(
                    f"{flag.split('=', 1)[0]} is bisect's own business: "
                    "leave it out")
        commits = _commits(args.good, args.bad)
        with tempfile.TemporaryDirectory(prefix="execbench-bisect-") as kept:
            found, taken, deciding = _search(
                commits, _Steps(commits[0], ab_flags, pathlib.Path(kept)))
            if found is None:
                return 1
            rows = subprocess.run(
                [sys.executable, str(AB), "--replay", str(deciding)],
                capture_output=True, text=True, check=False).stdout
    except (bench_json.InputError, builds.BuildFailed) as error:
        return command_line.report_bad_input(PROG, error)
    except _AbFailed:
        return command_line.BAD_INPUT
    print(f"First bad commit: {commits[found]} ({found} of "
          f"{len(commits) - 1} after GOOD, found in {taken} steps)")
    print(_subject(commits[found]))
    print()
    sys.stdout.write(rows)
    return 0


def _subject(commit: str) -> str:
    return subprocess.run(
        ["git", "-C", str(records.PROJECT_ROOT), "log", "-1", "--format=%s",
         commit], capture_output=True, text=True, check=False).stdout.strip()


def _say(message: str) -> None:
    print(f"{PROG}: {message}", file=sys.stderr)
