"""Timing one build: wall seconds, peak memory and what it wrote.

Peak memory is the ``ru_maxrss`` that ``wait4`` reports for the build
process: the largest resident set of that process or of any descendant it
waited for (so a multi-process build is counted by its largest process, not
the sum). Pages are found by walking the output folder, and "written" by
comparing each file's (inode, mtime, size) before and after the build, which
counts files rewritten with identical bytes too.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Mapping, Sequence

Snapshot = Mapping[str, tuple[int, int, int]]


@dataclass(frozen=True)
class Run:
    seconds: float
    cpu_seconds: float  # user + system time of the build and its waited-for children
    peak_mb: float
    returncode: int
    stdout: str  # the last lines, for the build's own summary
    stderr: str  # the last lines, for error messages


def run_timed(cmd: Sequence[str], cwd: Path | None = None) -> Run:
    """Run ``cmd`` to completion; output goes to temporary files so ``wait4`` can reap it."""
    with open(os.devnull, "rb") as devnull, tempfile.TemporaryFile() as out, \
            tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(list(cmd), cwd=cwd, stdin=devnull, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        return Run(seconds=seconds, cpu_seconds=usage.ru_utime + usage.ru_stime,
                   peak_mb=usage.ru_maxrss / 1024, returncode=proc.returncode,
                   stdout=_tail(out), stderr=_tail(err))


def _tail(fh: IO[bytes], lines: int = 15) -> str:
    fh.seek(0)
    return "\n".join(fh.read().decode("utf-8", "replace").strip().splitlines()[-lines:])


def snapshot(out: Path) -> dict[str, tuple[int, int, int]]:
    """Relative path → (inode, mtime_ns, size) of every file below ``out``."""
    files: dict[str, tuple[int, int, int]] = {}
    if not out.is_dir():
        return files
    root = str(out)
    for dirpath, _, names in os.walk(root):
        for name in names:
            path = os.path.join(dirpath, name)
            st = os.stat(path)
            files[path[len(root) + 1:]] = (st.st_ino, st.st_mtime_ns, st.st_size)
    return files


def is_page(rel: str) -> bool:
    return rel.endswith((".html", ".xml"))


def count_pages(files: Snapshot) -> int:
    """HTML pages and XML feeds/sitemaps; assets are not pages."""
    return sum(1 for rel in files if is_page(rel))


def count_written(before: Snapshot, after: Snapshot) -> int:
    """Pages that are new or whose file changed since ``before``."""
    return sum(1 for rel, stat in after.items() if is_page(rel) and before.get(rel) != stat)
