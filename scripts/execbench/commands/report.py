"""scripts/report: writes the HTML page of a run (reports/page.py says what
it holds; docs/reporting.md).

Usage: scripts/report RESULTS_DIR

Reads RESULTS_DIR/bench.json (a folder of scripts/run) and writes
RESULTS_DIR/report.html, whole or not at all, then prints its path. The
page points to RESULTS_DIR/spans.json, which is refused, as scripts/charts
refuses it, when it is there but no spans file of bench.
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
        if spans_path.exists():
            # The page sends its readers to it: it must be a spans file.
            spans.load_spans(str(spans_path))
    except bench_json.InputError as error:
        return command_line.report_bad_input(PROG, error)
    html = page.render_report(results, results_dir)
    path = results_dir / page.REPORT_NAME
    try:
        atomic_file.write_atomically(path, html.encode("utf-8"))
    except OSError as error:
        return command_line.report_bad_input(
            PROG, f"cannot write {path}: {error.strerror}; check that "
            f"{results_dir} is writable")
    print(path)
    return 0
