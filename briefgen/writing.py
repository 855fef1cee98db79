"""Writing the user's files (content files, editions) so that no kill, crash or power cut
leaves half of one.

A temporary file in the same folder, fsynced, then renamed over the old one,
then the folder fsynced; temporary files a killed run left are removed by the
next one (under the project's lock, so none of them is still being written).
"""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

from briefgen import frontmatter

_TMP_SUFFIX = ".tmp"

def write_atomic(path: Path, text: str) -> None:
    """Replace ``path`` by ``text`` so that a kill or a power cut never leaves half a content file.

    The text goes to a temporary file in the same folder (``.NAME.XXXXXXXX.tmp``,
    which :func:`remove_leftovers` deletes under the lock if a kill leaves it),
    is fsynced, and only then renamed over ``path``: a kill at any instant
    leaves the old file or the new one, and without the fsync a power cut soon
    after the rename could leave an empty file on ext4 or XFS. The folder is
    fsynced after the rename too, so that the new name survives a power cut:
    these files carry the user's hand edits, and once a file is reported
    written it stays written. The file keeps the mode of the one it replaces; a
    new one gets ``0o666`` less the umask (``mkstemp``'s 0600 would hide it
    from a web server, a backup job or a colleague).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode: int | None = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = None
    while True:
        tmp = path.parent / f".{path.name}.{secrets.token_hex(4)}{_TMP_SUFFIX}"
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0),
                         0o666)
        except FileExistsError:
            continue
        break
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            if mode is not None and hasattr(os, "fchmod"):
                os.fchmod(handle.fileno(), mode)
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_folder(path.parent)

def _fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX: fsync the folder); a no-op where unsupported."""
    if not hasattr(os, "O_DIRECTORY"):
        return
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:  # some file systems refuse fsync on a folder; the rename still happened
        pass
    finally:
        os.close(fd)

def remove_leftovers(folder: Path, suffix: str = frontmatter.SUFFIX) -> None:
    """Delete the temporary files a killed run left (``.NAME.md.XXXX.tmp``); we hold the lock."""
    for leftover in folder.glob(f".*{suffix}.*{_TMP_SUFFIX}"):
        leftover.unlink(missing_ok=True)
