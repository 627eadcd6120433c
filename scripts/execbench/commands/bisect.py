"""scripts/bisect: the first commit that made a benchmark slower, by steps of
scripts/ab (docs/regressions.md).

Usage: scripts/bisect GOOD BAD [--filter REGEX] [--instructions]
                      [AB-FLAGS...]

The commits are those of `git rev-list --first-parent GOOD..BAD`, oldest
first; BAD must descend from GOOD. Each step compares GOOD against the
midpoint of the commits left with ab (commands/ab.py, its builds cached as
ab's, so that a commit is built once): slower moves BAD to the midpoint,
nothing slower and nothing undecided moves GOOD there. A step that leaves a
row undecided (or, with --instructions, counts nothing) stops the search:
more rounds of the same step are what `scripts/ab GOOD MIDPOINT
--max-rounds N` gives, by hand. Each step is a line on stderr; at the end,
the first bad commit and ab's rows for it against GOOD's original commit.

Exit code: 0 when the first bad commit is found, 1 when the range has no
slower commit (BAD is not slower than GOOD) or a step was undecided, 2 on
bad input.
"""

import subprocess
import sys

from execbench import command_line
from execbench.commands import ab
from execbench.inputs import bench_json
from execbench.inputs import records
from execbench.running import builds
from execbench.running import rounds

PROG = "bisect"


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
    listed = subprocess.run(
        ["git", "-C", str(root), "rev-list", "--first-parent", "--reverse",
         f"{hashes[0]}..{hashes[1]}"], capture_output=True, text=True,
        check=False)
    after = listed.stdout.split()
    ancestor = subprocess.run(
        ["git", "-C", str(root), "merge-base", "--is-ancestor", hashes[0],
         hashes[1]], check=False).returncode == 0
    if listed.returncode != 0 or not after or not ancestor:
        raise bench_json.InputError(
            f"BAD {bad!r} does not descend from GOOD {good!r}: give GOOD "
            "first, then a later commit")
    return [hashes[0], *after]


def _step(good: str, candidate: str, ab_flags: list) -> ab.Outcome:
    return ab.compare([good, candidate, *ab_flags])


def main(argv: list[str] | None = None) -> int:
    """The command line; see the module docstring. Returns the exit code."""
    args, ab_flags = _parser().parse_known_args(argv)
    ab_flags += [*(["--filter", args.filter] if args.filter else []),
                 *(["--instructions"] if args.instructions else [])]
    try:
        commits = _commits(args.good, args.bad)
        for flag in ("--out", "--replay", "--format"):
            if any(given.split("=", 1)[0] == flag for given in ab_flags):
                raise bench_json.InputError(
                    f"{flag} is bisect's own business: leave it out")
        first = commits[0]
        last_outcome = _step(first, commits[-1], ab_flags)
        _say(f"step 1: BAD {commits[-1][:12]} against GOOD {first[:12]}: "
             f"{_verdict(last_outcome)}")
        if not last_outcome.slower:
            print(f"{PROG}: BAD is not slower than GOOD: no first bad "
                  "commit to find", file=sys.stderr)
            return 1
        good, bad, step = 0, len(commits) - 1, 1
        while bad - good > 1:
            middle = (good + bad) // 2
            step += 1
            outcome = _step(first, commits[middle], ab_flags)
            _say(f"step {step}: {commits[middle][:12]} ({middle} of "
                 f"{len(commits) - 1} after GOOD): {_verdict(outcome)}; "
                 f"{bad - good - 1} commits left between")
            if outcome.slower:
                bad, last_outcome = middle, outcome
            elif outcome.undecided:
                print(f"{PROG}: step {step} left rows undecided: the first "
                      f"bad commit is after {commits[good][:12]} and at or "
                      f"before {commits[bad][:12]}; compare them by hand "
                      "with more rounds (scripts/ab --max-rounds)",
                      file=sys.stderr)
                return 1
            else:
                good = middle
    except (bench_json.InputError, builds.BuildFailed) as error:
        return command_line.report_bad_input(PROG, error)
    except rounds.BenchFailed as error:
        return command_line.report_bad_input(PROG, error) if str(
            error) else command_line.BAD_INPUT
    print(f"First bad commit: {commits[bad]} ({bad} of {len(commits) - 1} "
          f"after GOOD, found in {step} steps)")
    print(_subject(commits[bad]))
    print()
    sys.stdout.write(last_outcome.output)
    return 0


def _verdict(outcome: ab.Outcome) -> str:
    return ("slower" if outcome.slower else
            "undecided" if outcome.undecided else "not slower")


def _subject(commit: str) -> str:
    return subprocess.run(
        ["git", "-C", str(records.PROJECT_ROOT), "log", "-1", "--format=%s",
         commit], capture_output=True, text=True, check=False).stdout.strip()


def _say(message: str) -> None:
    print(f"{PROG}: {message}", file=sys.stderr)
