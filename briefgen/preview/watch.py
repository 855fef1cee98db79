"""File watching for the preview: the kernel says what changed, nothing is polled.

livereload's own watcher stats every watched file every 0.8 s and reports
the first changed file it meets. At 10,000 articles that is a busy core and
up to a second before a save is even noticed, and the rebuild would have to
stat every article again to learn which ones changed. watchfiles (Rust's
``notify``: inotify on Linux, FSEvents on macOS) reports every changed path
within milliseconds; the rebuild then looks at those files only.
"""

from __future__ import annotations

import asyncio
import signal
import threading
from pathlib import Path
from typing import Callable, Iterable

from livereload.watcher import Watcher

DEBOUNCE_MS = 20  # an editor's save is often several writes; wait this long for quiet


def _interrupt() -> None:
    raise KeyboardInterrupt  # out of the server's loop, to livereload's shutdown


class ChangeWatcher(Watcher):  # type: ignore[misc]  # livereload has no type hints: Watcher is Any
    """A livereload watcher fed by watchfiles, calling ``on_change`` with every changed path."""

    def __init__(self, roots: Iterable[Path], on_change: Callable[[list[str]], None],
                 ignore: Callable[[str], bool]) -> None:
        super().__init__()
        self._roots = [str(r) for r in roots]
        self._on_change = on_change
        self._skip = ignore
        self._pending: set[str] = set()
        self._mutex = threading.Lock()
        self._stop = threading.Event()

    def start(self, callback: Callable[[], None]) -> bool:
        """Watch in a thread; ``callback`` (livereload's ``poll_tasks``) runs on the server's loop."""
        import watchfiles
        from tornado.ioloop import IOLoop, PeriodicCallback

        loop = IOLoop.current()
        roots = [r for r in self._roots if Path(r).exists()]
        # Ctrl-C may be delivered to one of the watcher's threads; Python then only raises it
        # in the main thread once that thread runs again, and with nothing polled any more the
        # server's loop could sleep on. The loop's own signal handler wakes it whichever
        # thread the signal lands on; a twice-a-second tick covers platforms without one.
        try:
            asyncio.get_event_loop().add_signal_handler(signal.SIGINT, _interrupt)
        except (NotImplementedError, RuntimeError, ValueError):
            pass
        PeriodicCallback(lambda: None, 500).start()

        def run() -> None:
            for changes in watchfiles.watch(*roots, stop_event=self._stop, debounce=DEBOUNCE_MS,
                                            step=5, raise_interrupt=False, recursive=True):
                with self._mutex:
                    self._pending.update(path for _, path in changes)
                loop.add_callback(callback)

        threading.Thread(target=run, name="briefgen-watch", daemon=True).start()
        return True

    def stop(self) -> None:
        self._stop.set()

    def examine(self) -> tuple[str | None, float | None]:
        """Hand every path changed since the last call to ``on_change``; tell livereload to reload."""
        with self._mutex:
            paths, self._pending = sorted(self._pending), set()
        if self._changes and not paths:  # livereload's own "reload after a restart"
            change: tuple[str | None, float | None] = self._changes.pop()
            return change
        self._changes.clear()
        paths = [p for p in paths if not self._skip(p)]
        self.filepath = paths[0] if paths else None
        if paths:
            self._on_change(paths)
        return self.filepath, None
