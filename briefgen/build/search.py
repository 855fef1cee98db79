"""Full-text search: Pagefind run over the built site, its index swapped in whole.

Pagefind has no incremental mode, so its index is always made anew into a
fresh staging folder beside ``site/`` and exchanged with ``site/pagefind`` in
one step (:func:`briefgen.build.output.publish_swap`): a reader never sees
half an index, and the old one is deleted from outside ``site/``, so a kill
never leaves it where it would be deployed. A failure is a warning, not a
failed build: the site works without search. The preview re-indexes after a
save instead of during it (:class:`BackgroundSearch`), since at 10,000
articles Pagefind takes about 24 s and would hold every reload back.

Whether the index is behind the pages is kept in the build cache
(:data:`STALE`): set in the same transaction as a patch's journal, before the
first page moves, and cleared only after a fresh index is swapped in
(:func:`refresh`). A build killed anywhere in between, or a preview that quit
before its background run, leaves the mark, and the next build re-indexes
even when no page changed.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from briefgen.build.output import Staging, publish_swap
from briefgen.config import Config
from briefgen.lock import build_lock

if TYPE_CHECKING:  # the cache module imports this one (through inputs)
    from briefgen.build.cache import BuildCache

BUNDLE = "pagefind"  # the index's folder under site/
STALE = "search_stale"  # the build cache's mark: site/pagefind does not index the pages on disk




def run_pagefind(site: Path, warnings: list[str], output: Path | None = None) -> bool:
    """Index a site; a failure becomes a warning, the site still works without search."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site)]
    if output is not None:
        command += ["--output-path", str(output)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        warnings.append(f"search: Pagefind did not run: {exc}")
        return False
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
        warnings.append("search: Pagefind failed: " + " / ".join(tail))
        return False
    return True


def reindex(site_dir: Path, warnings: list[str]) -> bool:
    """Index ``site_dir`` into a fresh folder beside it, then exchange it for ``site/pagefind``."""
    fresh = Staging(site_dir)
    try:
        if not run_pagefind(site_dir, warnings, fresh.root / BUNDLE):
            return False
        # without exchange, the old index is set aside in staging too: never inside site/
        publish_swap(fresh.root / BUNDLE, site_dir / BUNDLE, aside=fresh.root / f"{BUNDLE}.old")
        return True
    finally:
        fresh.discard()


def refresh(site_dir: Path, cache: BuildCache, warnings: list[str], force: bool = False) -> bool:
    """Re-index if asked, marked stale in the cache or missing; clear the mark after the swap."""
    if not force and not cache.get(STALE) and (site_dir / BUNDLE).is_dir():
        return True
    if not reindex(site_dir, warnings):
        return False
    cache.forget(STALE)
    return True


def drop_index(site_dir: Path, cache: BuildCache) -> None:
    """Search is off: take ``site/pagefind`` out of the site (a cold build has none)."""
    bundle = site_dir / BUNDLE
    if bundle.exists():
        aside = Staging(site_dir)
        try:
            bundle.rename(aside.root / BUNDLE)  # one step out of site/, then deleted outside it
        finally:
            aside.discard()
    cache.forget(STALE)


class BackgroundSearch:
    """Pagefind for the preview, run after a save instead of during it.

    One run at a time; saves that arrive meanwhile fold into the next run. It
    holds the build lock, so a rebuild never publishes while the index is
    being swapped in.
    """

    def __init__(self, config: Config, log: Callable[[str], None]) -> None:
        self.config = config
        self._log = log
        self._mutex = threading.Lock()
        self._wanted = False
        self._thread: threading.Thread | None = None

    def request(self) -> None:
        with self._mutex:
            self._wanted = True
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="briefgen-search",
                                                daemon=True)
                self._thread.start()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until no indexing is pending; ``False`` on timeout."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            with self._mutex:
                thread = self._thread
            if thread is None:
                return True
            thread.join(None if deadline is None else max(0.0, deadline - time.monotonic()))
            if thread.is_alive():
                return False

    def _run(self) -> None:
        while True:
            with self._mutex:
                if not self._wanted:
                    self._thread = None
                    return
                self._wanted = False
            started = time.perf_counter()
            warnings: list[str] = []
            try:
                from briefgen.build.cache import BuildCache

                with build_lock(self.config.cache):
                    cache = BuildCache(self.config.cache)
                    try:
                        done = refresh(self.config.site, cache, warnings, force=True)
                    finally:
                        cache.close()
            except Exception as exc:  # noqa: BLE001 - the preview goes on without fresh search
                done, warnings = False, [f"search: {exc}"]
            for warning in warnings:
                self._log(f"warning: {warning}")
            if done:
                self._log(f"search index updated in {time.perf_counter() - started:.1f} s")
