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
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Sequence

Snapshot = Mapping[str, tuple[int, int, int]]


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float
    returncode: int
    output: str  # the last lines of stdout and stderr, for error messages and summaries


def run_timed(cmd: Sequence[str], cwd: Path | None = None, env: Mapping[str, str] | None = None) -> Run:
    with open(os.devnull, "rb") as devnull:
        start = time.perf_counter()
        proc = subprocess.Popen(list(cmd), cwd=cwd, env=dict(env) if env else None, stdin=devnull,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        out = proc.stdout.read() if proc.stdout else b""
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.stdout:
        proc.stdout.close()
    tail = "\n".join(out.decode("utf-8", "replace").strip().splitlines()[-15:])
    return Run(seconds=seconds, peak_mb=usage.ru_maxrss / 1024, returncode=proc.returncode, output=tail)


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
