"""scripts/compare: says whether NEW is slower or faster than BASE, benchmark
by benchmark, from two records, by scripts/ab's rule (docs/regressions.md).

Usage: scripts/compare BASE NEW [--filter REGEX] [--format text|md|json]
                       [--out FILE] [--allow-different-environment]

BASE and NEW are each a record file of scripts/record, or a commit
(anything `git rev-parse` resolves) with records under results/history/*/
(see inputs/records.py): its newest, or one picked as COMMIT@LABEL or
COMMIT@RECORDED (its label, or the time stamp in its file name). A file
of an older format (one run of bench) is refused with how to record again.

The rows both records have (that --filter keeps) are compared by the rule
of analysis/paired_verdicts.py in its non-sequential form: the rounds paired
by index (the first of each, as many as the shorter record has), the
Wilcoxon signed-rank test of every row and workload, Holm's procedure over
all of them, ab's margins and equivalence bounds
(analysis/record_comparison.py). Each is slower, faster, the same (with the
smallest change it could have detected) or undecided, and the undecided are
named. The output is scripts/ab's, in text, Markdown or JSON: every output
says that the rounds are not interleaved in time, which is weaker than
scripts/ab BASE NEW's rounds.

BASE and NEW must have been measured in the same environment (CPU model,
core count, kernel, compiler, library versions, build type; see
inputs/environment.py): otherwise compare names the fields that differ and
both values and exits 2, unless --allow-different-environment is given, in
which case every output starts with a warning naming them.

Exit code: 0 when nothing got slower, 1 when something did, 2 on bad input.
"""

import pathlib

from execbench import atomic_file
from execbench import command_line
from execbench.analysis import paired_verdicts
from execbench.analysis import record_comparison
from execbench.inputs import bench_json
from execbench.inputs import environment
from execbench.inputs import record_selection
from execbench.inputs import records
from execbench.reports import paired_comparison

PROG = "compare"


def _parser() -> command_line.ArgumentParser:
    parser = command_line.ArgumentParser(
        prog=PROG,
        description="Say whether NEW is slower than BASE (exit code 1), from "
                    "two records, by scripts/ab's rule.")
    for side in ("base", "new"):
        parser.add_argument(
            side, metavar=side.upper(),
            help="record file, or commit with records (COMMIT@LABEL or "
                 "COMMIT@RECORDED picks one)")
    parser.add_argument("--filter", metavar="REGEX",
                        help="only benchmarks whose name matches (re.search)")
    parser.add_argument("--format",
                        choices=tuple(paired_comparison.FORMATTERS),
                        default="text",
                        help="text for a terminal (default), md for a "
                             "pull-request comment, json for programs")
    parser.add_argument("--out", metavar="FILE", type=pathlib.Path,
                        help="write the output to FILE instead of stdout")
    parser.add_argument(environment.ALLOW_FLAG, action="store_true",
                        help="compare even when BASE and NEW ran in "
                             "different environments (CPU, kernel, "
                             "compiler, libraries), with a warning")
    return parser


def main(argv: list[str] | None = None) -> int:
    """The command line; see the module docstring. Returns the exit code."""
    args = _parser().parse_args(argv)
    root = records.PROJECT_ROOT
    try:
        base = record_selection.load_side(root, "BASE", args.base)
        new = record_selection.load_side(root, "NEW", args.new)
        measured = record_comparison.measurement(
            base, new, arguments=(args.base, args.new), regex=args.filter,
            allow_different_environment=args.allow_different_environment)
        decision = record_comparison.decide(measured)
        atomic_file.write_output(paired_comparison.FORMATTERS[args.format](
            decision, measured), args.out)
    except bench_json.InputError as error:
        return command_line.report_bad_input(PROG, error)
    except OSError as error:
        return command_line.report_bad_input(
            PROG, f"cannot write {args.out}: {error.strerror}")
    return 1 if decision.with_verdict(paired_verdicts.Verdict.SLOWER) else 0
