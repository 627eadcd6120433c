"""Writes output files and folders whole or not at all, and never over
another's.

The content goes to a hidden temporary file in the destination folder, which
then takes the destination's name in one step, so readers never see a
partial file; a stop signal waits until that step is done or undone
(interruption.held). A new file or folder (a record, a run) takes the first
free name among several in one step too (rename(2) with RENAME_NOREPLACE),
so that two scripts finishing at once each keep theirs under a name of its
own.
"""

import contextlib
import ctypes
import errno
import itertools
import os
import pathlib
import sys
import tempfile
from typing import Iterable, Iterator

from execbench import interruption

_LIBC = ctypes.CDLL(None, use_errno=True)
_AT_FDCWD = -100
_RENAME_NOREPLACE = 1


def write_atomically(path: pathlib.Path, content: bytes) -> None:
    """Writes content to path, replacing it, creating its folder if needed.

    Raises:
      OSError: when the file cannot be written; a file where a folder of the
        path should be gives a NotADirectoryError whose strerror names it.
    """
    _make_folder(path.parent)
    with _temporary_file(path, content) as temporary:
        os.replace(temporary, path)


def write_output(text: str, path: pathlib.Path | None) -> None:
    """A command's output, to path (--out) whole or not at all, or to
    stdout when path is None.

    Raises:
      OSError: as write_atomically.
    """
    if path is None:
        sys.stdout.write(text)
    else:
        write_atomically(path, text.encode("utf-8"))


def write_new(paths: Iterable[pathlib.Path], content: bytes) -> pathlib.Path:
    """Writes content to the first of paths (all in one folder) that no file
    has, creating the folder if needed; returns that path.

    Raises:
      OSError: as write_atomically.
    """
    paths = iter(paths)
    first = next(paths)
    _make_folder(first.parent)
    with _temporary_file(first, content) as temporary:
        return rename_new(temporary, itertools.chain([first], paths))


def rename_new(source: pathlib.Path,
               paths: Iterable[pathlib.Path]) -> pathlib.Path:
    """Renames source (a file or a folder) to the first of paths that
    nothing has, in one step each; returns that path.

    Raises:
      OSError: when it cannot be renamed.
    """
    for path in paths:
        try:
            _rename_without_replacing(source, path)
        except FileExistsError:
            continue
        return path
    raise FileExistsError(errno.EEXIST, "every name is taken", str(source))


def numbered(folder: pathlib.Path, stem: str,
             ending: str = "") -> Iterator[pathlib.Path]:
    """folder/<stem><ending>, then the same with -2, -3, ... after the stem,
    without end: the names of a new file for write_new or rename_new."""
    yield folder / f"{stem}{ending}"
    for copy in itertools.count(2):
        yield folder / f"{stem}-{copy}{ending}"


def check_writable(folder: pathlib.Path) -> None:
    """Checks, without creating anything, that files can be created in
    folder: it, or the nearest of its parents that exists, is a folder this
    process may write in.

    Raises:
      OSError: when not; its strerror says why.
    """
    existing = next(path for path in (folder, *folder.parents)
                    if path.exists())
    if not existing.is_dir():
        raise NotADirectoryError(errno.ENOTDIR,
                                 f"{existing} is a file, not a folder",
                                 str(existing))
    if not os.access(existing, os.W_OK | os.X_OK):
        raise PermissionError(errno.EACCES, f"{existing} is not writable",
                              str(existing))


def _make_folder(folder: pathlib.Path) -> None:
    """Creates the folder and its parents if missing.

    Raises:
      OSError: when it cannot; a file in the way gives a NotADirectoryError
        whose strerror names it.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        blocking = next(
            (path for path in (folder, *folder.parents) if path.is_file()),
            None)
        if blocking is None:
            raise
        raise NotADirectoryError(
            errno.ENOTDIR, f"{blocking} is a file, not a folder",
            str(blocking)) from None


@contextlib.contextmanager
def _temporary_file(path: pathlib.Path, content: bytes):
    """A hidden file beside path holding content, readable by all, for the
    block to rename; removed if the block fails. The stop signals wait
    meanwhile."""
    with interruption.held():
        descriptor, name = tempfile.mkstemp(dir=path.parent,
                                            prefix=f".{path.name}.")
        try:
            with os.fdopen(descriptor, "wb") as stream:
                stream.write(content)
            os.chmod(name, 0o644)
            yield pathlib.Path(name)
        except BaseException:
            os.unlink(name)
            raise


def _rename_without_replacing(source: pathlib.Path,
                              destination: pathlib.Path) -> None:
    """rename(2) that fails with FileExistsError when destination exists."""
    if _LIBC.renameat2(_AT_FDCWD, os.fsencode(source), _AT_FDCWD,
                       os.fsencode(destination), _RENAME_NOREPLACE) != 0:
        number = ctypes.get_errno()
        raise OSError(number, os.strerror(number), str(destination))
