"""The records that a command names: a BASE or NEW of scripts/compare, and
the records of one machine that scripts/history charts.

A BASE or NEW is a Google Benchmark JSON file, a run folder of scripts/run
(its bench.json), or a commit (anything `git rev-parse` resolves) with
records on one machine (records.py), pooled when they measured the same
sizes, or picked as COMMIT@LABEL or COMMIT@RECORDED. A machine's history is
its records in commit order, those of one commit pooled, or apart when
their sizes differ and that is allowed.
"""

import itertools
import pathlib

from execbench.inputs import bench_json
from execbench.inputs import environment
from execbench.inputs import records
from execbench.inputs import sizes


def resolve_records(root: pathlib.Path, side: str,
                    text: str) -> list[pathlib.Path]:
    """The records a BASE or NEW argument names: a file, a run folder's
    bench.json, or the records of a commit (REV or REV@SELECTOR) on one
    machine.

    Raises:
      bench_json.InputError: when it names none of these, or a commit without
        records, or with records from several machines.
    """
    path = pathlib.Path(text)
    if path.is_file():
        return [path]
    if path.is_dir():
        if not (path / bench_json.RUN_FOLDER_FILE).is_file():
            raise bench_json.InputError(
                f"{side} {text!r} is a folder without "
                f"{bench_json.RUN_FOLDER_FILE}; pass a run folder of "
                "scripts/run, a record JSON file or a commit")
        return [path / bench_json.RUN_FOLDER_FILE]
    revision, selector = text, None
    commit = records.resolve_commit(root, text)
    if commit is None and "@" in text:
        revision, selector = text.rsplit("@", 1)
        commit = records.resolve_commit(root, revision)
    if commit is None:
        raise bench_json.InputError(
            f"{side} {text!r} is neither a file, a run folder nor a commit of "
            f"{root}; pass a record JSON file, a results/<run>/ folder or a "
            "commit recorded with scripts/record")
    found = records.commit_records(root, commit)
    if not found:
        raise bench_json.InputError(
            f"{side} {text!r} is commit {commit[:12]}, which has no record "
            f"under {records.history_dir(root)}; check it out and run "
            "scripts/record, or pass a record JSON file")
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


def load_side(root: pathlib.Path, side: str, text: str,
              regex: str | None) -> bench_json.Results:
    """Loads (pooling) the records a BASE or NEW argument names, filtered by
    regex."""
    found = resolve_records(root, side, text)
    revision = text.rsplit("@", 1)[0] if "@" in text else text
    example = records.recorded_at(found[0]) or "LABEL"
    record = records.load_pooled(
        found, what=f"{side} {text!r}",
        how_to_pick=(f"pick one by its path, or as {revision}@LABEL or "
                     f"{revision}@RECORDED, e.g. {revision}@{example}"))
    return record.filtered(regex) if regex is not None else record


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


def load_history(root: pathlib.Path, machine: str, *,
                 allow_different_sizes: bool = False,
                 allow_different_environment: bool = False) -> tuple:
    """(records, commits, warnings) of a machine, oldest commit first: the
    records of one commit pooled, or apart when their sizes differ and that
    is allowed; warnings name the neighbours that ran in different
    environments (inputs/environment.py), and those (passing over records
    of unknown sizes) that measured different sizes.

    Raises:
      bench_json.InputError: when environments or sizes differ and that is
        not allowed.
    """
    how_to_pick = (f"move the records you do not want out of "
                   f"{records.history_dir(root) / machine}, or pass "
                   "--allow-different-sizes to chart each apart")
    loaded, commits = [], []
    paths = records.machine_records(root, machine)
    for commit, group in itertools.groupby(paths, key=records.commit_of):
        group = list(group)
        try:
            pooled = [records.load_pooled(
                group, what=f"commit {commit.short_hash}",
                how_to_pick=how_to_pick)]
        except sizes.DifferentSizes:
            if not allow_different_sizes:
                raise
            # Charted each apart; the check of neighbors below warns.
            pooled = [records.load_record(path) for path in group]
        loaded += pooled
        commits += [commit] * len(pooled)
    environments = (environment.check(
        previous.context, record.context,
        what=f"{previous.path} and {record.path}",
        how_to_fix=(f"move the records of the other environment out of "
                    f"{records.history_dir(root) / machine}"),
        allowed=allow_different_environment)
        for previous, record in zip(loaded, loaded[1:]))
    # Records of unknown sizes are passed over, or A, unknown, B would pass.
    known = [record for record in loaded
             if sizes.size_flags(record.context) is not None]
    warnings = (sizes.check([previous, record],
                            what=f"{previous.path} and {record.path} ran",
                            how_to_fix=how_to_pick,
                            allowed=allow_different_sizes)
                for previous, record in zip(known, known[1:]))
    return loaded, commits, tuple(filter(None, [*environments, *warnings]))
