"""scripts/compare: compares two benchmark records and says, with statistics,
what got slower (docs/regressions.md).

Usage: scripts/compare BASE NEW [--metric NAME] [--alpha 0.05] [--noise 0.05]
                       [--format text|md|json] [--filter REGEX]
                       [--allow-different-sizes]
                       [--allow-different-environment]

BASE and NEW are each a Google Benchmark JSON file, a run folder of
scripts/run (its bench.json), or a commit (anything `git rev-parse`
resolves) with records under results/history/*/ (see inputs/records.py).
Several records of the commit on one machine are pooled when they measured
the same sizes; otherwise pick one by its path or as COMMIT@LABEL or
COMMIT@RECORDED (its label, or the time stamp in its file name).

For every benchmark in both, the medians over repetitions, their relative
change, the two-sided Mann-Whitney U p-value and a verdict are shown (see
analysis/statistics.py for how the verdict is reached). Benchmarks on one
side only, benchmarks that errored, and compared benchmarks whose
repetitions show a noisy machine on either side (heavy steal, involuntary
switches far above the others'; see analysis/machine_health.py), with why,
are listed after the table. The summary counts the verdicts and gives the
geometric mean of the NEW / BASE ratios of the medians, as Google
Benchmark's compare.py does (OVERALL_GEOMEAN). Every output starts with a warning for each sign that a
side's whole run was taken on a noisy machine (a parallel ceiling low at the
start or the end, or dropping during the run).

BASE and NEW must have been measured in the same environment (CPU model,
core count, kernel, compiler, library versions, build type; see
inputs/environment.py): otherwise compare names the fields that differ and
exits 2, unless --allow-different-environment is given, in which case every
output starts with a warning naming them.

BASE and NEW must have measured the same sizes (the execbench_flag_* of
their contexts, see inputs/sizes.py): otherwise compare names the flags
that differ and exits 2, unless --allow-different-sizes is given, in which
case every output starts with a warning naming them. Records without those flags (made
before bench reported them) are compared with a warning that their sizes
are unknown.

Exit code: 0 when nothing got slower, 1 when something did, 2 on bad input.
"""

import argparse
import math
import sys

from execbench import command_line
from execbench.analysis import comparison
from execbench.analysis import statistics
from execbench.inputs import bench_json
from execbench.inputs import environment
from execbench.inputs import record_selection
from execbench.inputs import records
from execbench.reports import comparison as comparison_report

PROG = "compare"


def _fraction(*, zero_allowed: bool):
    """An argparse type for a number in [0, 1), or (0, 1) without zero."""
    lowest = "from 0" if zero_allowed else "above 0"

    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            value = math.nan
        if not 0 <= value < 1 or (value == 0 and not zero_allowed):
            raise argparse.ArgumentTypeError(
                f"{text!r} is not a number {lowest} and below 1 (e.g. 0.05)")
        return value

    return parse


def _parser() -> command_line.ArgumentParser:
    parser = command_line.ArgumentParser(
        prog=PROG,
        description="Compare two benchmark records and say what got slower "
                    "(exit code 1), with a Mann-Whitney U test.")
    for side in ("base", "new"):
        parser.add_argument(
            side, metavar=side.upper(),
            help="record JSON file, results/<run>/ folder, or commit with "
                 "records (COMMIT@LABEL or COMMIT@RECORDED picks one)")
    parser.add_argument("--metric", default=comparison.WALL_TIME,
                        help="what to compare: real_time_s (wall time, the "
                             "default) or a counter such as tasks_per_s; "
                             "counters ending in _per_s are higher-is-better")
    parser.add_argument("--alpha", type=_fraction(zero_allowed=False),
                        default=0.05,
                        help="significance level of the test (default 0.05)")
    parser.add_argument("--noise", type=_fraction(zero_allowed=True),
                        default=0.05,
                        help="relative changes up to this are noise "
                             "(default 0.05, i.e. 5%%)")
    parser.add_argument("--format",
                        choices=tuple(comparison_report.FORMATTERS),
                        default="text",
                        help="text for a terminal (default), md for "
                             "Markdown, json for programs")
    parser.add_argument("--filter", metavar="REGEX",
                        help="only benchmarks whose name matches (re.search)")
    parser.add_argument("--allow-different-sizes", action="store_true",
                        help="compare even when BASE and NEW ran different "
                             "sizes (execbench_flag_*), with a warning")
    parser.add_argument(environment.ALLOW_FLAG, action="store_true",
                        help="compare even when BASE and NEW ran in "
                             "different environments (CPU, kernel, "
                             "compiler, libraries), with a warning")
    return parser


def main(argv: list[str] | None = None) -> int:
    """The command line; see the module docstring. Returns the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    root = records.PROJECT_ROOT
    try:
        base = record_selection.load_side(root, "BASE", args.base,
                                          args.filter)
        new = record_selection.load_side(root, "NEW", args.new, args.filter)
        comparison.check_metric(base, "BASE", args.metric)
        comparison.check_metric(new, "NEW", args.metric)
        report = comparison.compare_results(
            base, new, metric=args.metric, alpha=args.alpha, noise=args.noise)
        caveats = comparison.collect_caveats(
            base, new, report,
            allow_different_sizes=args.allow_different_sizes,
            allow_different_environment=args.allow_different_environment)
        if not report.comparisons and not report.errors:
            scope = f" matching --filter {args.filter!r}" if args.filter else ""
            raise bench_json.InputError(
                f"BASE and NEW have no benchmark{scope} in common; compare "
                "records of the same suite, or widen --filter")
    except bench_json.InputError as error:
        return command_line.report_bad_input(PROG, error)
    render = comparison_report.FORMATTERS[args.format]
    sys.stdout.write(render(report, caveats, base, new))
    return 1 if report.with_verdict(statistics.Verdict.SLOWER) else 0
