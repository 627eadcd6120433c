"""The batches a run folder keeps (running/batch_files.py says which and
why; scripts/run calls it unless given --all_batches).

Usage: python3 -m execbench.commands.keep_batches RESULTS_DIR

Keeps in RESULTS_DIR/spans.json and RESULTS_DIR/trace.json only the batches
that show the advice of RESULTS_DIR/bench.json (analysis/reasons.py), each
file rewritten whole or not at all. Bad input gets one line on stderr and
exit code 2.
"""

import pathlib

from execbench import command_line
from execbench.analysis import advice
from execbench.analysis import reasons
from execbench.inputs import bench_json
from execbench.running import batch_files

PROG = "run"


def main(argv=None) -> int:
    """The command line; see the module docstring. Returns the exit code."""
    parser = command_line.ArgumentParser(
        prog=PROG, description="Keeps in a run folder's spans and trace "
        "only the batches that show its advice.")
    parser.add_argument("results_dir", help="a folder of scripts/run")
    args = parser.parse_args(argv)
    folder = pathlib.Path(args.results_dir)
    try:
        names = reasons.evidence_names(
            advice.advise(advice.load_advisable(str(folder))))
        batch_files.keep_batches(folder / "spans.json", folder / "trace.json",
                                 names)
    except bench_json.InputError as error:
        return command_line.report_bad_input(PROG, error)
    except (OSError, ValueError, KeyError, TypeError) as error:
        return command_line.report_bad_input(
            PROG, f"cannot keep the batches of {folder}: {error}")
    return 0


if __name__ == "__main__":
    command_line.run(main)
