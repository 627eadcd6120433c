"""Where benchmark records live and how they are named and found.

A record (record_file.py: rounds of fresh processes of build/bench) is
stored as

    results/history/<machine-id>/<commit-date>-<commit>-<recorded>.json

<commit-date> is the committer date of the measured commit in UTC as
YYYYMMDDTHHMMSSZ, so that file names sort in commit order; <commit> is the
first 12 hex digits of the commit hash; <recorded> is when the record was
made, in UTC in the same form, so that a second record of a commit never
replaces the first (a "-2", "-3", ... follows it when records of a commit
are made in one second: each takes its name in one step, so that records
made at once all keep theirs). Records made before <recorded> was added
have none. A record of a tree with uncommitted changes ends in
"-dirty.json", so that it is never taken for the commit itself; it is left
out of a commit's and a machine's records and is reached by its path only.
Other files among them are no records (misnamed_files): nothing reads them.

Of several records of one commit on one machine, the newest stands for the
commit; another is picked by its path or as COMMIT@LABEL or COMMIT@RECORDED
(select_records).

<machine-id> names the machine the record was measured on, since timings
from different machines cannot be compared: the host name as a lower-case
slug, a dash, then the first 8 hex digits of the SHA-256 of /etc/machine-id
(for example "buildbox-3f2a9c1e"). It is stable across reboots, and two
machines sharing a host name still get different ids. Without a machine-id
file it is the host name slug alone.
"""

import dataclasses
import datetime
import functools
import hashlib
import os
import pathlib
import re
import socket
import subprocess
from typing import Iterator

from execbench import atomic_file
from execbench.inputs import bench_json
from execbench.inputs import record_file

# The project whose records these are: this source tree, or the one that
# EXECBENCH_PROJECT names (the installed bin/execbench-* set it to the
# project in the current folder).
PROJECT_ROOT = pathlib.Path(os.environ.get("EXECBENCH_PROJECT") or
                            pathlib.Path(__file__).resolve().parents[3])
_SHORT_COMMIT_LENGTH = 12
_DIRTY = "-dirty"
_TIMESTAMP_FORMAT = "%Y%m%dT%H%M%SZ"
# How record_paths names records (and named them before <recorded>).
_RECORD_NAME = re.compile(r"\d{8}T\d{6}Z-[0-9a-f]{12}"
                          r"(-\d{8}T\d{6}Z(-\d+)?)?(-dirty)?\.json")
_MACHINE_ID_FILES = ("/etc/machine-id", "/var/lib/dbus/machine-id")


def history_dir(root: pathlib.Path) -> pathlib.Path:
    """The folder holding one sub-folder of records per machine."""
    return root / "results" / "history"


def machine_id() -> str:
    """This machine's stable, readable id; see the module docstring."""
    host = re.sub(r"[^a-z0-9]+", "-", socket.gethostname().lower()).strip("-")
    host = host or "machine"
    for id_file in _MACHINE_ID_FILES:
        try:
            content = pathlib.Path(id_file).read_bytes().strip()
        except OSError:
            continue
        if content:
            return f"{host}-{hashlib.sha256(content).hexdigest()[:8]}"
    return host


def _git(root: pathlib.Path, *args: str) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", "-C", str(root), *args],
                              capture_output=True, text=True, check=False)
    except FileNotFoundError as error:
        raise bench_json.InputError(
            "git is not installed; install it (scripts/setup does)") from error


def resolve_commit(root: pathlib.Path, revision: str) -> str | None:
    """The full hash git resolves the revision to in root, or None."""
    resolved = _git(root, "rev-parse", "--verify", "--quiet",
                    "--end-of-options", f"{revision}^{{commit}}")
    return resolved.stdout.strip() if resolved.returncode == 0 else None


def commit_date(root: pathlib.Path, commit: str) -> str:
    """The committer date of a commit in UTC as YYYYMMDDTHHMMSSZ."""
    shown = _git(root, "show", "--no-patch", "--format=%ct", commit)
    if shown.returncode != 0:
        raise bench_json.InputError(
            f"git cannot show commit {commit} in {root}: "
            f"{shown.stderr.strip()}")
    timestamp = int(shown.stdout.strip())
    date = datetime.datetime.fromtimestamp(timestamp, datetime.timezone.utc)
    return date.strftime(_TIMESTAMP_FORMAT)


def record_paths(root: pathlib.Path, machine: str, commit: str,
                 dirty: bool = False,
                 recorded: datetime.datetime | None = None) -> Iterator:
    """The paths a new record of a commit measured on a machine may take,
    in order (the stem, then "-2", "-3", ... after it), for
    atomic_file.write_new, which takes the first that no record has.

    Args:
      root: the project's folder.
      machine: the machine's id.
      commit: the full hash of the commit.
      dirty: whether the tree had uncommitted changes.
      recorded: when the record was made (default: now).
    """
    recorded = recorded or datetime.datetime.now(datetime.timezone.utc)
    stem = (f"{commit_date(root, commit)}-{commit[:_SHORT_COMMIT_LENGTH]}-"
            f"{recorded.astimezone(datetime.timezone.utc):{_TIMESTAMP_FORMAT}}")
    return atomic_file.numbered(history_dir(root) / machine, stem,
                                (_DIRTY if dirty else "") + ".json")


def machines(root: pathlib.Path) -> list[str]:
    """The ids of the machines that have records, sorted."""
    folder = history_dir(root)
    if not folder.is_dir():
        return []
    return sorted(path.name for path in folder.iterdir()
                  if path.is_dir() and any(map(_is_record_name,
                                               path.glob("*.json"))))


def _record_order(record: pathlib.Path) -> tuple:
    """Sorts records by machine, then commit date, commit and when recorded,
    a "-2" after the first of its second."""
    return record.parent.name, bench_json.name_order(record.stem)


def machine_records(root: pathlib.Path, machine: str) -> list[pathlib.Path]:
    """A machine's records of commits, oldest commit first; files not named
    as records (misnamed_files) are left out."""
    return sorted((path for path in (history_dir(root) / machine).glob("*.json")
                   if _is_record_name(path) and not path.stem.endswith(_DIRTY)),
                  key=_record_order)


def misnamed_files(root: pathlib.Path, machine: str) -> list[pathlib.Path]:
    """The JSON files among a machine's records that are not named as
    record_paths names records, which nothing reads, sorted."""
    return sorted(path for path in (history_dir(root) / machine).glob("*.json")
                  if not _is_record_name(path))


def _is_record_name(path: pathlib.Path) -> bool:
    return _RECORD_NAME.fullmatch(path.name) is not None


@dataclasses.dataclass(frozen=True)
class Commit:
    """The measured commit of a record, as its file name gives it."""

    date: str  # The committer date in UTC, YYYYMMDDTHHMMSSZ.
    short_hash: str


def commit_of(record: pathlib.Path) -> Commit:
    """The commit a record measured, from its file name."""
    date, short_hash = record.stem.split("-")[:2]
    return Commit(date, short_hash)


def recorded_at(record: pathlib.Path) -> str:
    """When a record was made, from its file name ("20260305T101112Z" or
    "20260305T101112Z-2"); "" for records named before that was added."""
    parts = record.stem.removesuffix(_DIRTY).split("-", 2)
    return parts[2] if len(parts) > 2 else ""


def commit_records(root: pathlib.Path, commit: str) -> list[pathlib.Path]:
    """The records of a commit (full hash) on every machine, in file order,
    without those of dirty trees."""
    short = commit[:_SHORT_COMMIT_LENGTH]
    found = {*history_dir(root).glob(f"*/*-{short}.json"),
             *history_dir(root).glob(f"*/*-{short}-*.json")}
    return sorted((path for path in found if _is_record_name(path)
                   and not path.stem.endswith(_DIRTY)), key=_record_order)


@functools.cache
def load_record(record: pathlib.Path) -> record_file.Record:
    """The record in a file, read and parsed at the first call only, so that
    a command reads it once however often it selects and lists it."""
    return record_file.load(str(record))


def select_records(records: list[pathlib.Path],
                   selector: str) -> list[pathlib.Path]:
    """The records whose label or recorded_at is selector."""
    return [record for record in records
            if selector in (recorded_at(record), load_record(record).label)]
