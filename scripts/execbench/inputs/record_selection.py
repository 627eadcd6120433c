"""The records that a command names: a BASE or NEW of scripts/compare and
scripts/ab, and the records of one machine that scripts/history charts.

A BASE or NEW is a record file (record_file.py), or a commit (anything
`git rev-parse` resolves) with records on one machine (records.py): its
newest, or one picked as COMMIT@LABEL or COMMIT@RECORDED. A machine's
history is its records in commit order, the newest of each commit; files
that are no readable record of this format are left out, each with a
warning.
"""

import itertools
import pathlib

from execbench.inputs import bench_json
from execbench.inputs import records
from execbench.inputs import record_file


def resolve_records(root: pathlib.Path, side: str,
                    text: str) -> list[pathlib.Path]:
    """The records a BASE or NEW argument names: a file, or the records of
    a commit (REV or REV@SELECTOR) on one machine, oldest first.

    Raises:
      bench_json.InputError: when it names none of these, or a commit without
        records, or with records from several machines.
    """
    path = pathlib.Path(text)
    if path.is_file():
        return [path]
    if path.is_dir():
        raise bench_json.InputError(
            f"{side} {text!r} is a folder; pass a record file of "
            "scripts/record or a commit recorded with it")
    revision, selector = text, None
    commit = records.resolve_commit(root, text)
    if commit is None and "@" in text:
        revision, selector = text.rsplit("@", 1)
        commit = records.resolve_commit(root, revision)
    if commit is None:
        raise bench_json.InputError(
            f"{side} {text!r} is neither a file nor a commit of {root}; pass "
            "a record file of scripts/record or a commit recorded with it")
    found = records.commit_records(root, commit)
    if not found:
        raise bench_json.InputError(
            f"{side} {text!r} is commit {commit[:12]}, which has no record "
            f"under {records.history_dir(root)}; check it out and run "
            "scripts/record, or pass a record file")
    machines = sorted({record.parent.name for record in found})
    if len(machines) > 1:
        raise bench_json.InputError(
            f"{side} {text!r} is commit {commit[:12]}, which has records from "
            f"several machines ({', '.join(machines)}); pass the two files to "
            f"compare instead, e.g. {found[0]}")
    if selector is None:
        return found
    selected = records.select_records(found, selector)
    if not selected:
        choices = ", ".join(records.recorded_at(record) or str(record)
                            for record in found)
        raise bench_json.InputError(
            f"{side} {text!r}: no record of commit {commit[:12]} has the "
            f"label or time stamp {selector!r}; its records: {choices}")
    return selected


def load_side(root: pathlib.Path, side: str,
              text: str) -> record_file.Record:
    """The record a BASE or NEW argument names: the newest of those it
    names.

    Raises:
      bench_json.InputError: when it names no readable record.
    """
    return records.load_record(resolve_records(root, side, text)[-1])


def choose_machine(root: pathlib.Path, requested: str | None) -> str:
    """The machine whose history to chart: the requested one; else this
    machine when it has records, else the only machine that has any.

    Raises:
      bench_json.InputError: when there is no such machine.
    """
    available = records.machines(root)
    if not available:
        raise bench_json.InputError(
            f"no records under {records.history_dir(root)}; make some "
            "with scripts/record")
    if requested is not None:
        if requested not in available:
            raise bench_json.InputError(
                f"machine {requested!r} has no records; --machine takes one "
                f"of: {', '.join(available)}")
        return requested
    if records.machine_id() in available:
        return records.machine_id()
    if len(available) == 1:
        return available[0]
    raise bench_json.InputError(
        "this machine has no records and several machines do; choose one "
        f"with --machine: {', '.join(available)}")


def load_history(root: pathlib.Path, machine: str) -> tuple:
    """(records, commits, skipped) of a machine, oldest commit first: the
    newest readable record of each commit, and a line for each file left
    out because it is no readable record (an older format, a damaged
    file)."""
    loaded, commits, skipped = [], [], []
    paths = records.machine_records(root, machine)
    for commit, group in itertools.groupby(paths, key=records.commit_of):
        readable = []
        for path in group:
            try:
                readable.append(records.load_record(path))
            except bench_json.InputError as error:
                skipped.append(f"skipping {error}")
        if readable:
            loaded.append(readable[-1])
            commits.append(commit)
    return loaded, commits, tuple(skipped)
