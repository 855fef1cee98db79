"""The build orchestrator: lock, recover, check for changes, gather, write, report.

:func:`build_site` reads as the build does:

1. take the project's lock (one build at a time, :mod:`briefgen.lock`) and
   finish whatever a killed build left halfway (:func:`recover`);
2. sum up every input by its stats (:class:`~briefgen.build.inputs.Snapshot`):
   equal to the last successful build's means there is nothing to do, and the
   heavy modules are never even imported;
3. otherwise run one incremental pass (:func:`run_pass`): gather everything
   (:func:`briefgen.build.pipeline.gather`), stop on any content error or, in
   strict mode, on any warning, then write what changed
   (:func:`briefgen.build.pipeline.write`);
4. report, and remember the report for the next no-change check.

The preview (:mod:`briefgen.build.warm`) runs the same :func:`run_pass` and
keeps what it knew in memory.
"""

from __future__ import annotations

import errno
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from briefgen.build.cache import BuildCache
from briefgen.build.inputs import Snapshot
from briefgen.build.output import (Journal, clean_leftovers, folder_id, publish_changes,
                                   restore_aside)
from briefgen.build.parallel import worker_count
from briefgen.build.search import BUNDLE, STALE
from briefgen.config import Config, publishing_warnings
from briefgen.errors import BriefgenError
from briefgen.executors import Executor, open_executor
from briefgen.lock import build_lock

if TYPE_CHECKING:  # the heavy modules load only when there is something to build
    from briefgen.build.deps import RecordingEnvironment
    from briefgen.build.pipeline import Prepared, Published


@dataclass(frozen=True)
class BuildReport:
    site_dir: Path
    articles: int
    entities: int
    topics: int
    pages: int  # files written from the plan (HTML, feeds, sitemap, robots)
    search_indexed: bool
    seconds: float
    warnings: tuple[str, ...] = ()
    rendered: int = 0  # pages whose inputs changed, so they were rendered again
    changed: int = 0  # files whose bytes changed (written or deleted)

    def summary(self) -> str:
        """One line for the CLI, then one line per warning."""
        search = "search indexed" if self.search_indexed else "no search index"
        lines = [f"built {self.articles} articles, {self.entities} entities, {self.topics} topics"
                 f" → {self.pages} files in {self.site_dir} ({self.seconds:.2f} s, {search};"
                 f" {self.rendered} rendered, {self.changed} changed)"]
        lines += [f"warning: {w}" for w in self.warnings]
        return "\n".join(lines)


def report(config: Config, prepared: Prepared, *, indexed: bool, rendered: int, changed: int,
           warnings: Sequence[str], started: float) -> BuildReport:
    """The one place a report is made, for a pass and for a preview patch alike."""
    site = prepared.site
    return BuildReport(site_dir=config.site, articles=len(site.articles),
                       entities=len(site.entities), topics=len(site.topics),
                       pages=len(prepared.pages), search_indexed=indexed,
                       seconds=round(time.perf_counter() - started, 3),
                       warnings=tuple(warnings), rendered=rendered, changed=changed)


@dataclass(frozen=True)
class _Last:
    """The last successful build, for the no-change check."""

    signature: str
    site_id: tuple[int, int]
    report: BuildReport


@dataclass(frozen=True)
class Pass:
    """One full incremental pass: its report, and what it knew (kept warm by the preview)."""

    report: BuildReport
    prepared: Prepared
    published: Published


def build_site(config: Config, *, strict: bool = False, workers: int | None = None) -> BuildReport:
    """Build ``site/`` from ``content/``, doing only the work the changes since the last build need.

    ``workers`` processes render in parallel (default: one per CPU); ``config.executor`` may
    send parsing and rendering to a Dask cluster instead (:mod:`briefgen.executors`).
    """
    started = time.perf_counter()
    with build_lock(config.cache):
        cache = BuildCache(config.cache)
        try:
            recover(config, cache)
            inputs = Snapshot.take(config)
            unchanged = _unchanged(cache, inputs, strict, started)
            if unchanged is not None:
                return unchanged
            with open_executor(config.executor, worker_count(workers)) as executor:
                done = run_pass(inputs, cache, started, strict=strict, workers=executor.workers,
                                executor=executor if executor.distributed else None)
            record_edition(inputs, cache, done.prepared)
            return done.report
        except OSError as exc:
            if exc.errno not in (errno.ENOSPC, errno.EDQUOT):
                raise
            where = exc.filename or config.site
            raise BriefgenError(f"no space left on device while writing {where}; the site is as "
                                "the last build left it (a half-published change is finished by "
                                "the next build)", config.site,
                                hint="free some disk space and build again") from exc
        finally:
            cache.close()


def prepare(config: Config, cache: BuildCache | None = None, workers: int = 1) -> Prepared:
    """Load, resolve, index and plan without writing (for ``check``); raises on content errors."""
    import briefgen.build.pipeline as pipeline

    return pipeline.gather(config, cache, workers)


def recover(config: Config, cache: BuildCache) -> None:
    """Finish what a killed build left halfway, in the order it was done; delete leftovers.

    1. a whole-site swap without exchange killed between its two renames
       leaves no ``site/``: the previous one is put back
       (:func:`~briefgen.build.output.restore_aside`);
    2. a journaled patch is finished (or, its staged files gone, the manifest
       is dropped so that the next pass makes the whole site);
    3. a search index marked stale makes this build run a pass, even with no
       input changed, so that :func:`briefgen.build.search.refresh` re-indexes;
    4. staging and set-aside folders beside ``site/`` are deleted, and the
       set-aside indexes older versions left inside ``site/``.
    """
    restore_aside(config.site)
    journal: Journal | None = cache.get("journal")
    if journal is not None:
        if Path(journal.staging).is_dir():
            publish_changes(Path(journal.staging), config.site, journal.written, journal.removed)
            cache.replace_outputs(dict(journal.records), journal.removed)
        else:  # the staged files are gone: the manifest cannot be trusted, rebuild in full
            cache.replace_outputs({}, (), everything=True)
        cache.forget("journal")
    if cache.get(STALE):
        cache.forget("last")
    clean_leftovers(config.site)
    if config.site.is_dir():
        clean_leftovers(config.site / BUNDLE)  # .pagefind.old-* that earlier versions left in site/


def _unchanged(cache: BuildCache, inputs: Snapshot, strict: bool, started: float
               ) -> BuildReport | None:
    """The last report again if no input changed since the last build and ``site/`` is its own."""
    last: _Last | None = cache.get("last")
    site_id = folder_id(inputs.config.site)
    if last is None or site_id is None or (last.signature, last.site_id) != (
            inputs.signature, site_id):
        return None
    _check_strict(strict, last.report.warnings, inputs.config)
    return replace(last.report, seconds=round(time.perf_counter() - started, 3),
                   rendered=0, changed=0)


def run_pass(inputs: Snapshot, cache: BuildCache, started: float, *, strict: bool = False,
             workers: int = 1, env: RecordingEnvironment | None = None,
             index_search: bool = True, executor: Executor | None = None) -> Pass:
    """Parse what changed, index everything, render the pages whose inputs changed, publish."""
    import briefgen.build.pipeline as pipeline  # only now: the no-change check must not pay for Jinja
    from briefgen.build.clustering import STORIES

    config = inputs.config
    if cache.get("code") != inputs.code:  # new parsing code: cached records may be stale
        cache.clear_parsed()
        # topics, quotes and stories found by the old code
        cache.forget(pipeline.FILING, pipeline.SAID, STORIES)
        cache.put(code=inputs.code)
    cache.forget("last")
    warnings = [*config.warnings, *publishing_warnings(config)]
    prepared = pipeline.gather(config, cache, workers, executor)
    if config.search and not inputs.search:
        warnings.append("search: Pagefind is not installed (pip install 'pagefind[bin]'); "
                        "the site is built without a search box")
    _check_strict(strict, warnings, config)
    job = pipeline.Job(inputs, strict, workers, executor)
    done = pipeline.write(job, cache, prepared, warnings, env, index_search)
    result = report(config, prepared, indexed=done.indexed, rendered=done.rendered,
                    changed=done.changed, warnings=warnings, started=started)
    site_id = folder_id(config.site)
    if site_id is not None:
        cache.put(site_id=site_id, last=_Last(inputs.signature, site_id, result))
    return Pass(result, prepared, done)


def record_edition(inputs: Snapshot, cache: BuildCache, prepared: Prepared) -> None:
    """Once a pass has published, record the edition its pages show (``briefgen build`` alone).

    The no-change check is off while the file is written (a build killed here
    records it next time) and then counts the new file as seen, so the next
    build with nothing new does nothing (see :meth:`Snapshot.with_editions`).
    """
    from briefgen.build.editions import record_edition as write_edition

    last = cache.get("last")
    cache.forget("last")
    written = write_edition(inputs.config.content, prepared.content.articles,
                            prepared.article_digests)
    if last is not None:
        cache.put(last=replace(last, signature=inputs.with_editions().signature)
                  if written is not None else last)


def _check_strict(strict: bool, warnings: Sequence[str], config: Config) -> None:
    if strict and warnings:
        raise BriefgenError("strict build stopped on warnings:\n  " + "\n  ".join(warnings),
                            config.project / "briefgen.yaml")
