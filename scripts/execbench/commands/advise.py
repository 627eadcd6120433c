"""scripts/advise: which executor and worker count to use, per workload, on
the measured machine (analysis/advice.py says how each choice is made).

Usage: scripts/advise RESULTS.json|RUN-FOLDER [--format text|md]

For every workload of the grid: the fastest, those as fast (95% intervals
overlap), those it cannot tell, and the cheapest within 5% of the fastest,
each with one line of why. A RUN-FOLDER is one written by scripts/run; its
bench.json is read. Bad input gets one line on stderr and exit code 2.
"""

from execbench import command_line
from execbench.analysis import advice
from execbench.inputs import bench_json
from execbench.reports import advice as advice_report

PROG = "advise"


def main(argv=None) -> int:
    """The command line; see the module docstring. Returns the exit code."""
    parser = command_line.ArgumentParser(
        prog=PROG, description="Advises which executor and worker count to "
        "use for each workload, from execbench results.")
    parser.add_argument("results", help="bench.json, or a run folder")
    parser.add_argument("--format", default="text",
                        choices=advice_report.FORMATS,
                        help="plain text (default) or Markdown")
    args = parser.parse_args(argv)
    try:
        results = advice.load_advisable(args.results)
    except bench_json.InputError as error:
        return command_line.report_bad_input(PROG, error)
    print(advice_report.render(advice.advise(results), args.format), end="")
    return 0
