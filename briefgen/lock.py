"""One build at a time per project: an exclusive ``flock`` on a file in the cache folder.

A second build (a ``briefgen build`` while ``briefgen serve`` rebuilds, two
terminals) waits for the first and then proceeds; after ``timeout`` seconds it
gives up with a message naming the process that holds the lock. ``flock`` locks
die with their process, so a killed build never leaves a stale lock behind.
"""

from __future__ import annotations

import os
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from briefgen.errors import BriefgenError

LOCK_NAME = "build.lock"
POLL_SECONDS = 0.05

if sys.platform == "win32":  # no flock; builds are not serialised there
    fcntl = None
else:
    import fcntl


@contextmanager
def build_lock(cache_dir: Path, timeout: float = 600.0) -> Iterator[None]:
    """Hold the project's build lock for the ``with`` block."""
    if fcntl is None:
        yield
        return
    cache_dir.mkdir(parents=True, exist_ok=True)
    path = cache_dir / LOCK_NAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "?"
                    raise BriefgenError(
                        f"another build of this project is running (process {holder})", path,
                        hint="wait for it to finish, or stop it") from None
                time.sleep(POLL_SECONDS)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
