"""Writes output files whole or not at all.

The content goes to a temporary file in the destination folder, which then
replaces the destination in one step, so readers never see a partial file.
"""

import errno
import os
import pathlib
import tempfile


def write_atomically(path: pathlib.Path, content: bytes) -> None:
    """Writes content to path, creating its folder if needed.

    Raises:
      OSError: when the file cannot be written; a file where a folder of the
        path should be gives a NotADirectoryError whose strerror names it.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        blocking = next(
            (folder for folder in path.parents if folder.is_file()), None)
        if blocking is None:
            raise
        raise NotADirectoryError(
            errno.ENOTDIR, f"{blocking} is a file, not a folder",
            str(blocking)) from None
    descriptor, temporary = tempfile.mkstemp(dir=path.parent,
                                             prefix=f".{path.name}.")
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(content)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
