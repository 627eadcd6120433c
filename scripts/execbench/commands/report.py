"""scripts/report: writes the HTML page of a run (reports/page.py says what
it holds; docs/reporting.md).

Usage: scripts/report RESULTS_DIR

Reads RESULTS_DIR/bench.json (a folder of scripts/run), and its spans.json
for the timelines when there is one, and writes RESULTS_DIR/report.html,
whole or not at all, then prints its path. A spans.json that is not a
spans file of bench is refused, as scripts/charts refuses it.
"""

import pathlib

from execbench import atomic_file
from execbench import command_line
from execbench.analysis import advice
from execbench.inputs import bench_json
from execbench.inputs import spans
from execbench.reports import page

PROG = "report"


def main(argv=None) -> int:
    """The command line; see the module docstring. Returns the exit code."""
    parser = command_line.ArgumentParser(
        prog=PROG, description="Writes RESULTS_DIR/report.html, one "
        "self-contained page of a run's results.")
    parser.add_argument("results_dir", help="a folder of scripts/run")
    args = parser.parse_args(argv)
    results_dir = pathlib.Path(args.results_dir)
    if not results_dir.is_dir():
        return command_line.report_bad_input(
            PROG, f"{results_dir} is not a folder; give a folder of "
            "scripts/run (results/<date>-<commit>)")
    try:
        results = advice.load_advisable(str(results_dir))
        spans_path = results_dir / spans.RUN_FOLDER_FILE
        # The page draws its timelines from it and sends its readers to it.
        run_spans = (spans.load_spans(str(spans_path))
                     if spans_path.exists() else None)
    except bench_json.InputError as error:
        return command_line.report_bad_input(PROG, error)
    html = page.render_report(results, run_spans)
    path = results_dir / page.REPORT_NAME
    try:
        atomic_file.write_atomically(path, html.encode("utf-8"))
    except OSError as error:
        return command_line.report_bad_input(
            PROG, f"cannot write {path}: {error.strerror}; check that "
            f"{results_dir} is writable")
    print(path)
    return 0

