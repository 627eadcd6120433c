"""Where benchmark records live and how they are named and found.

A record is the Google Benchmark JSON of one run of build/bench, stored as

    results/history/<machine-id>/<commit-date>-<commit>.json

<commit-date> is the committer date of the measured commit in UTC as
YYYYMMDDTHHMMSSZ, so that file names sort in commit order; <commit> is the
first 12 hex digits of the commit hash. A record of a tree with uncommitted
changes ends in "-dirty.json" instead, so that it never replaces the record
of the commit itself; it is left out of a commit's and a machine's records
and is reached by its path only.

<machine-id> names the machine the record was measured on, since timings
from different machines cannot be compared: the host name as a lower-case
slug, a dash, then the first 8 hex digits of the SHA-256 of /etc/machine-id
(for example "buildbox-3f2a9c1e"). It is stable across reboots, and two
machines sharing a host name still get different ids. Without a machine-id
file it is the host name slug alone.
"""

import datetime
import hashlib
import pathlib
import re
import socket
import subprocess

from execbench import results

PROJECT_ROOT = pathlib.Path(__file__).resolve().parents[2]
_SHORT_COMMIT_LENGTH = 12
_DIRTY = "-dirty"
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
        raise results.InputError(
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
        raise results.InputError(
            f"git cannot show commit {commit} in {root}: "
            f"{shown.stderr.strip()}")
    timestamp = int(shown.stdout.strip())
    date = datetime.datetime.fromtimestamp(timestamp, datetime.timezone.utc)
    return date.strftime("%Y%m%dT%H%M%SZ")


def record_path(root: pathlib.Path, machine: str, commit: str,
                dirty: bool = False) -> pathlib.Path:
    """Where the record of a commit measured on a machine is stored.

    Args:
      root: the project's folder.
      machine: the machine's id.
      commit: the full hash of the commit.
      dirty: whether the tree had uncommitted changes.
    """
    name = f"{commit_date(root, commit)}-{commit[:_SHORT_COMMIT_LENGTH]}"
    return history_dir(root) / machine / (name + (_DIRTY if dirty else "") +
                                          ".json")


def machines(root: pathlib.Path) -> list[str]:
    """The ids of the machines that have records, sorted."""
    folder = history_dir(root)
    if not folder.is_dir():
        return []
    return sorted(path.name for path in folder.iterdir()
                  if path.is_dir() and any(path.glob("*.json")))


def machine_records(root: pathlib.Path, machine: str) -> list[pathlib.Path]:
    """A machine's records of commits, oldest commit first."""
    return sorted(path for path in (history_dir(root) / machine).glob("*.json")
                  if not path.stem.endswith(_DIRTY))


def commit_of(record: pathlib.Path) -> tuple[str, str]:
    """(commit date, short commit hash) of a record, from its file name."""
    date, commit = record.stem.split("-")[:2]
    return date, commit


def commit_records(root: pathlib.Path, commit: str) -> list[pathlib.Path]:
    """The records of a commit (full hash), one per machine that has one."""
    pattern = f"*/*-{commit[:_SHORT_COMMIT_LENGTH]}.json"
    return sorted(history_dir(root).glob(pattern))
