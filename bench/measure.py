"""Timing one build: wall seconds, CPU seconds, peak memory and what it wrote.

Peak memory is the larger of two lower bounds: the ``ru_maxrss`` that ``wait4``
reports (the largest single process of the build) and the largest sum of PSS
(proportional set size, so pages shared by forked workers count once) over
the build's whole process tree, sampled every 20 ms from ``/proc``. A
multi-process build is thus counted by all its processes, like Hugo's
threads are. Pages are found by walking the output folder, and "written" by
comparing each file's (inode, mtime, size) before and after the build, which
counts files rewritten with identical bytes too.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import threading
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
        sampler = _TreeSampler(proc.pid)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        sampler.stop()
        proc.returncode = os.waitstatus_to_exitcode(status)
        peak_kb = max(usage.ru_maxrss, sampler.peak_kb)
        return Run(seconds=seconds, cpu_seconds=usage.ru_utime + usage.ru_stime,
                   peak_mb=peak_kb / 1024, returncode=proc.returncode,
                   stdout=_tail(out), stderr=_tail(err))


class _TreeSampler(threading.Thread):
    """The largest total PSS of a process and its descendants seen while it runs."""

    INTERVAL_S = 0.02

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_kb = 0
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.is_set():
            self.peak_kb = max(self.peak_kb, sum(_pss_kb(p) for p in _tree(self.pid)))
            self._done.wait(self.INTERVAL_S)

    def stop(self) -> None:
        self._done.set()
        self.join()


def _tree(pid: int) -> list[int]:
    pids, i = [pid], 0
    while i < len(pids):
        try:
            for task in os.listdir(f"/proc/{pids[i]}/task"):
                with open(f"/proc/{pids[i]}/task/{task}/children") as fh:
                    pids.extend(int(c) for c in fh.read().split())
        except OSError:
            pass  # the process ended between two reads
        i += 1
    return pids


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


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
