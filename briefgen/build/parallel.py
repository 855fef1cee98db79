"""Run one function over many items on every core, by forking.

Forking (rather than a ``multiprocessing`` pool) is the point: a child starts
with the parent's whole memory, so the site index, the Jinja environment and
the page plan are shared copy-on-write instead of pickled to each worker.
Only each child's results travel back, through a pipe. The parent takes a
share of the work itself. Where ``fork`` does not exist (Windows) or there is
too little work to pay for a process, everything runs inline.

Forking is skipped in a process that runs other threads (``briefgen serve``
rebuilds from a watcher thread while its HTTP threads serve): a forked child
inherits every lock as it was, and one held by another thread at that moment
(the import lock, a logging lock) would never be released in the child.

A child never returns into the caller's stack: it always ends in
``os._exit``, so it cannot run the parent's cleanup (the staging folder, the
cache connection, the build lock) twice. An exception in a child is pickled
back and raised in the parent; if the parent is interrupted, it kills and
reaps the children it started before the interrupt propagates.
"""

from __future__ import annotations

import os
import pickle
import signal
import threading
import traceback
from contextlib import contextmanager
from typing import Any, Callable, Iterator, Sequence, TypeVar, cast

T = TypeVar("T")
R = TypeVar("R")


def worker_count(requested: int | None = None) -> int:
    """``requested``, else the CPUs this process may use."""
    if requested is not None:
        return max(1, requested)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def fork_map(fn: Callable[[Sequence[T]], list[R]], items: Sequence[T], workers: int,
             min_items: int = 64) -> list[R]:
    """``fn(items)``, computed as ``fn`` over interleaved slices in ``workers`` processes.

    ``fn`` takes a slice and returns one result per item, in order; the results
    come back in the order of ``items``. Slices interleave (``items[i::n]``) so
    that runs of heavy items (an entity's many pages) are spread evenly.
    """
    n = min(workers, max(1, len(items) // max(1, min_items)))
    if n <= 1 or not hasattr(os, "fork") or threading.active_count() > 1:
        return fn(items)
    children: list[tuple[int, int]] = []  # (pid, read end of its pipe)
    try:
        for i in range(1, n):
            r, w = os.pipe()
            pid = os.fork()
            if pid == 0:  # the child: compute, send, exit without unwinding the caller
                os.close(r)
                _child(fn, items[i::n], w)
            os.close(w)
            children.append((pid, r))
        mine = fn(items[0::n])
        parts: list[list[R]] = [mine]
        for pid, r in children:
            parts.append(_collect(pid, r))
        children.clear()
    finally:
        for pid, r in children:  # interrupted or failed: stop the workers started here
            _stop(pid, r)
    out: list[R | None] = [None] * len(items)
    for i, part in enumerate(parts):
        out[i::n] = part
    return cast(list[R], out)  # every slot filled: the slices i::n cover all of items


@contextmanager
def fork_call(fn: Callable[[T], R], arg: T) -> Iterator[Callable[[], R]]:
    """``fn(arg)`` computed in a forked child while the parent goes on; the joiner yields it.

    The build's serial stretches (the parent alone indexing or planning) leave
    a core idle; a corpus-wide step that needs nothing the parent computes
    meanwhile (story clustering) fills it. Leaving the block without joining
    (an error elsewhere) kills the child. Inline where :func:`fork_map` would be.
    """
    if not hasattr(os, "fork") or threading.active_count() > 1:
        yield lambda: fn(arg)
        return
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(r)
        _child(lambda _: fn(arg), (), w)  # type: ignore[arg-type, return-value]
    os.close(w)
    joined: list[R] = []

    def join() -> R:
        if not joined:
            joined.append(cast(R, _collect(pid, r)))
        return joined[0]
    try:
        yield join
    finally:
        if not joined:
            _stop(pid, r)


def _collect(pid: int, r: int) -> Any:
    """A child's result from its pipe (its exception raised here), the child reaped."""
    with os.fdopen(r, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    if not data:
        raise RuntimeError(f"a build worker died ({_describe(status)})")
    ok, value = pickle.loads(data)
    if not ok:
        raise value
    return value


def _stop(pid: int, r: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass
    try:
        os.close(r)
    except OSError:
        pass


def _child(fn: Callable[[Sequence[T]], list[R]], chunk: Sequence[T], w: int) -> None:
    code = 0
    try:
        try:
            payload = pickle.dumps((True, fn(chunk)), protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException as exc:  # noqa: BLE001 - every failure goes back to the parent
            code = 1
            try:
                payload = pickle.dumps((False, exc), protocol=pickle.HIGHEST_PROTOCOL)
            except Exception:  # noqa: BLE001 - an exception that cannot be pickled
                payload = pickle.dumps((False, RuntimeError(traceback.format_exc())))
        with os.fdopen(w, "wb") as pipe:
            pipe.write(payload)
    finally:
        os._exit(code)


def _describe(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"killed by signal {os.WTERMSIG(status)}"
    return f"exit status {os.waitstatus_to_exitcode(status)}"
