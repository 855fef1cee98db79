"""One writer at a time per project: an exclusive ``flock`` on a file in the cache folder.

Builds hold ``build.lock`` (a ``briefgen build`` while ``briefgen serve``
rebuilds, two terminals); ingests hold ``ingest.lock`` (two ``briefgen
ingest`` at once, or one beside the preview's own ingest of dropped seeds,
would otherwise overwrite each other's articles). A second writer waits for the
first and then proceeds; after ``timeout`` seconds it gives up with a message
naming the process that holds the lock. ``flock`` locks die with their
process, so a killed command never leaves a stale lock behind.
"""

from __future__ import annotations

import os
import sys
import time
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Iterator

from briefgen.errors import BriefgenError

LOCK_NAME = "build.lock"
INGEST_LOCK_NAME = "ingest.lock"
POLL_SECONDS = 0.05

if sys.platform == "win32":  # no flock; builds are not serialised there
    fcntl = None
else:
    import fcntl


def build_lock(cache_dir: Path, timeout: float = 600.0) -> AbstractContextManager[None]:
    """Hold the project's build lock for the ``with`` block."""
    return _lock(cache_dir, LOCK_NAME, "build", timeout)


def ingest_lock(cache_dir: Path, timeout: float = 600.0) -> AbstractContextManager[None]:
    """Hold the project's ingest lock for the ``with`` block."""
    return _lock(cache_dir, INGEST_LOCK_NAME, "ingest", timeout)


@contextmanager
def _lock(cache_dir: Path, name: str, what: str, timeout: float) -> Iterator[None]:
    if fcntl is None:
        yield
        return
    cache_dir.mkdir(parents=True, exist_ok=True)
    path = cache_dir / name
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
                        f"another {what} of this project is running (process {holder})", path,
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
