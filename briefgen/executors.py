"""Where per-item work runs: this machine's cores, or a Dask cluster.

Ingest and build each have work that is a pure function of one item (a raw
file extracted, a content file parsed, a page rendered) and corpus-wide steps
that need the whole picture (slugs and the same-story check, publishing the
site). Only the first kind moves: an :class:`Executor` maps a function over
slices of items and hands the results back in the items' order, so the
corpus-wide steps see exactly what the local path sees, and the output is the
same bytes wherever the work ran.

``local`` is what each command did before: the build maps over this
machine's cores itself (:func:`briefgen.build.parallel.fork_map`; this module
sits on the kernel floor, below ``build/``), ingest keeps its process pool.
``dask`` starts a ``LocalCluster`` of this machine's cores;
``dask://HOST:PORT`` joins an existing scheduler. Dask is an optional extra:
it is imported only here, only when asked for, and its absence is one clear
error naming the extra. Workers never write into ``content/`` or ``site/``:
results travel back to the one client, which writes them as the local path
does (staging, journal, atomic swap), so a worker killed mid-task costs a
retry, never a half-written file.
"""

from __future__ import annotations

import logging
import re
from collections import deque
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Sequence, TypeVar

from briefgen.errors import BriefgenError

if TYPE_CHECKING:
    from distributed import Client

T = TypeVar("T")
R = TypeVar("R")

EXTRA_HINT = "install the extra: pip install 'briefgen[dask]'"
CONNECT_SECONDS = 5  # how long to wait for a scheduler before saying it cannot be reached
_ADDRESS = re.compile(r"dask://(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})")


@dataclass(frozen=True)
class ExecutorSpec:
    """What ``--executor`` or ``executor:`` asked for."""

    kind: str  # "local" or "dask"
    address: str | None = None  # tcp://HOST:PORT of an existing scheduler; None: start a LocalCluster

    @property
    def distributed(self) -> bool:
        return self.kind == "dask"


def parse_executor(value: str) -> ExecutorSpec:
    """``local``, ``dask`` or ``dask://HOST:PORT``; anything else raises ``ValueError`` saying so."""
    if value == "local":
        return ExecutorSpec("local")
    if value == "dask":
        return ExecutorSpec("dask")
    match = _ADDRESS.fullmatch(value)
    if match and 0 < int(match.group(2)) < 65536:
        return ExecutorSpec("dask", f"tcp://{match.group(1)}:{int(match.group(2))}")
    raise ValueError(f"executor must be local, dask or dask://HOST:PORT, not {value!r}")


class Executor:
    """Maps a function over slices of items; results come back in the items' order."""

    distributed = False

    def __init__(self, workers: int) -> None:
        self.workers = workers

    def map(self, fn: Callable[[Sequence[T]], list[R]], items: Sequence[T],
            min_items: int = 64) -> list[R]:
        """``fn(items)``, computed over slices; ``fn`` returns one result per item, in order.

        Here, in this process: the build maps over this machine's cores itself
        (:func:`briefgen.build.parallel.fork_map`), ingest with its process pool."""
        return fn(items)


class DaskExecutor(Executor):
    """The same map on a Dask cluster: contiguous slices become tasks, gathered in order.

    A slice's task is retried elsewhere if its worker dies (Dask's
    ``allowed-failures``); an error raised by ``fn`` is raised here as itself.
    """

    distributed = True

    def __init__(self, client: Client, workers: int) -> None:
        super().__init__(workers)
        self.client = client

    def slices(self, items: Sequence[T], min_items: int, per_worker: int = 4,
               most: int | None = None) -> list[Sequence[T]]:
        """Contiguous slices: a few per worker, so a lost worker costs little and results stream;
        with ``most``, as many more as keep each slice within that many items (a slice's
        results are held whole, on its worker and here)."""
        count = max(1, min(len(items) // max(1, min_items), self.workers * per_worker))
        if most is not None:
            count = max(count, -(-len(items) // most))
        size = -(-len(items) // count) if items else 1
        return [items[i:i + size] for i in range(0, len(items), size)]

    def map(self, fn: Callable[[Sequence[T]], list[R]], items: Sequence[T],
            min_items: int = 64) -> list[R]:
        if not items:
            return []
        slices = self.slices(items, min_items)
        # the function (a closure over the whole corpus, often) goes to each worker once, not
        # once per slice
        shared = self.scatter(fn)
        out: list[R] = []
        for part in self.starmap(_apply, [shared] * len(slices), slices):
            out.extend(part)
        return out

    def starmap(self, fn: Callable[..., R], *columns: Iterable[Any], window: int | None = None
                ) -> Iterator[R]:
        """``fn(a, b, …)`` for each row of ``columns`` as one task, results in order; tasks not
        yet read are cancelled if the caller stops early (an error, an interrupt).

        ``window``: at most that many tasks sent and not yet read, the next row
        read from ``columns`` only as a result comes in, so neither this process
        nor the scheduler holds every task's arguments at once (a render slice
        carries its pages and their articles' text). ``None``: all sent at once.
        """
        from distributed import Future

        # every argument but a future is wrapped, so that Dask does not walk it looking for
        # futures: a slice of pages is a million small objects, and that walk cost more than
        # pickling them
        rows = ((fn, *(a if isinstance(a, Future) else _Opaque(a) for a in row))
                for row in zip(*columns))
        pending: deque[Any] = deque()

        def fill() -> None:
            if window is None:  # one batch (later calls find ``rows`` used up)
                batch = list(rows)
                if batch:
                    pending.extend(self.client.map(_call, *map(list, zip(*batch)), pure=False))
                return
            for row in islice(rows, max(0, window - len(pending))):
                pending.append(self.client.submit(_call, *row, pure=False))

        try:
            fill()
            while pending:
                future = pending.popleft()
                value = result_of(future, self.client)
                future.release()
                fill()  # the next task goes out before this result is used
                yield value
        finally:
            self.client.cancel([f for f in pending if not f.done()])

    @contextmanager
    def call(self, fn: Callable[[T], R], arg: T) -> Iterator[Callable[[], R]]:
        """``fn(arg)`` as one task while this process goes on; the joiner yields its result.

        The distributed twin of :func:`briefgen.build.parallel.fork_call`: a
        corpus-wide step that needs nothing computed meanwhile (story clustering)
        runs on a worker instead of in the client's serial stretch. Leaving the
        block without joining (an error elsewhere) cancels the task.
        """
        future = self.client.submit(_call, fn, _Opaque(arg), pure=False)
        joined: list[R] = []

        def join() -> R:
            if not joined:
                joined.append(result_of(future, self.client))
            return joined[0]
        try:
            yield join
        finally:
            if not future.done():
                self.client.cancel([future])
            future.release()

    def scatter(self, value: Any) -> Any:
        """``value`` sent once to every worker (a future tasks take as an argument)."""
        return self.client.scatter(value, broadcast=True, hash=False)


def _apply(fn: Callable[[Sequence[T]], list[R]], items: Sequence[T]) -> list[R]:
    return fn(items)


@dataclass(frozen=True)
class _Opaque:
    """A task argument as Dask should send it: whole, not searched for futures inside."""

    value: Any


def _call(fn: Callable[..., R], *args: Any) -> R:
    """On a worker: ``fn`` on the arguments, unwrapped (see :class:`_Opaque`)."""
    return fn(*(a.value if isinstance(a, _Opaque) else a for a in args))


def result_of(future: Any, client: Client) -> Any:
    """A task's result; a scheduler lost meanwhile becomes a clear error, not a hang."""
    from distributed.comm.core import CommClosedError

    try:
        return future.result()
    except (CommClosedError, OSError) as exc:
        raise _lost(client, exc) from exc
    except Exception as exc:
        if type(exc).__name__ in ("FutureCancelledError", "CancelledError") and client.status != "running":
            raise _lost(client, exc) from exc
        raise


def _lost(client: Client, exc: BaseException) -> BriefgenError:
    address = getattr(client.scheduler, "address", None) or "the Dask scheduler"
    return BriefgenError(f"lost the Dask scheduler at {address} ({type(exc).__name__}: {exc}); "
                         "nothing was published, the previous output is intact",
                         hint="restart the scheduler and its workers, then run the command again")


@contextmanager
def open_executor(spec: ExecutorSpec | str, workers: int) -> Iterator[Executor]:
    """An executor for one command: ``workers`` local cores, a fresh
    ``LocalCluster`` of ``workers`` processes, or a scheduler by address."""
    if isinstance(spec, str):
        spec = parse_executor(spec)
    if not spec.distributed:
        yield Executor(workers)
        return
    try:
        import distributed
    except ImportError as exc:
        raise BriefgenError("--executor dask needs Dask's distributed scheduler, which is not "
                            "installed", hint=EXTRA_HINT) from exc
    with _quiet("distributed"):
        yield from _open_dask(distributed, spec, workers)


@contextmanager
def _quiet(name: str) -> Iterator[None]:
    """Dask's own log of a lost connection (a traceback per retry) kept off the terminal: the
    error this module raises says what happened and what to do."""
    names = [name, *(n for n in logging.root.manager.loggerDict if n.startswith(name + "."))]
    loggers = [logging.getLogger(n) for n in names]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels):
            logger.setLevel(level)


def _open_dask(distributed: Any, spec: ExecutorSpec, workers: int) -> Iterator[Executor]:
    if spec.address is None:
        import dask

        n = max(1, workers)
        # no statistical profiler in the workers: it samples every task's stack 100 times a
        # second, a cost on pure-Python work that nobody here reads (a cluster of one's own sets
        # ``distributed.worker.profile.enabled`` in its workers' configuration)
        with dask.config.set({"distributed.worker.profile.enabled": False}), \
                distributed.LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                         dashboard_address=None, host="127.0.0.1") as cluster, \
                distributed.Client(cluster) as client:
            yield DaskExecutor(client, n)
        return
    try:
        client = distributed.Client(spec.address, timeout=CONNECT_SECONDS)
    except (OSError, TimeoutError) as exc:
        raise BriefgenError(f"cannot reach the Dask scheduler at {spec.address} within "
                            f"{CONNECT_SECONDS} s ({exc}); nothing was written",
                            hint="start one with `dask scheduler --host HOST --port PORT` and "
                                 "workers with `dask worker tcp://HOST:PORT`") from exc
    try:
        n = max(1, sum(w.get("nthreads", 1) for w in client.scheduler_info()["workers"].values()))
        yield DaskExecutor(client, n)
    finally:
        client.close(timeout=CONNECT_SECONDS)

