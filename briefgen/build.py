"""The build orchestrator: content/ → index → page plan → render → staged write → publish.

Like MkDocs' build, everything is read and indexed before anything is written,
because an entity page needs every article. Any content error stops the build
before ``site/`` is touched, naming the file and line.

Builds are incremental and still equal to a full build, byte for byte:

1. a stat signature of every input (:mod:`briefgen.inputs`) equal to the last
   successful build's means there is nothing to do;
2. otherwise content files are parsed only when their bytes changed
   (:mod:`briefgen.parsed`, cached in SQLite by :mod:`briefgen.cache`), and the
   cross-article index is rebuilt in full from those records;
3. every planned page gets a fingerprint from the inputs it read last time
   (:mod:`briefgen.deps`); only pages whose fingerprint changed are rendered,
   on every core (:mod:`briefgen.parallel`), and only files whose bytes changed
   are written, then published (:mod:`briefgen.output`).

One build at a time holds the project's lock (:mod:`briefgen.lock`). Steps 2
and 3 live in :mod:`briefgen.incremental`, imported only when step 1 finds a
change, so a no-change build starts and stops in well under a second.
"""

from __future__ import annotations

import importlib.util
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Mapping, Sequence

from briefgen import inputs
from briefgen.cache import BuildCache
from briefgen.config import Config
from briefgen.errors import BriefgenError
from briefgen.lock import build_lock
from briefgen.output import Journal, clean_leftovers, publish_changes
from briefgen.parallel import worker_count

if TYPE_CHECKING:  # the heavy modules load only when there is something to build
    from briefgen.content import Content
    from briefgen.deps import RecordingEnvironment
    from briefgen.incremental import Published
    from briefgen.index.site import Site
    from briefgen.model import EntityResolution
    from briefgen.render.plan import SitePage


class BuildFailed(BriefgenError):
    """Several content errors at once; ``str()`` lists every one on its own line."""

    def __init__(self, errors: tuple[BriefgenError, ...]) -> None:
        first = errors[0]
        super().__init__(first.message, first.path, first.line, first.hint)
        self.errors = errors

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)


@dataclass(frozen=True)
class Prepared:
    """Everything known before rendering: shared by ``build`` and ``check``."""

    content: Content
    resolution: EntityResolution
    site: Site
    pages: tuple[SitePage, ...]
    article_digests: Mapping[str, str] = field(default_factory=dict)  # slug → file hash
    article_metas: Mapping[str, str] = field(default_factory=dict)  # slug → front matter digest
    reparsed: int = 0  # content files that were not in the cache
    # article → entity → digest of the sentences quoting the entity there
    mention_keys: Mapping[str, Mapping[str, str]] = field(default_factory=dict)


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


@dataclass(frozen=True)
class _Last:
    """The last successful build, for the no-change check."""

    signature: str
    site_id: tuple[int, int]
    report: BuildReport


def prepare(config: Config, cache: BuildCache | None = None, workers: int = 1) -> Prepared:
    """Load, resolve, index and plan; raises :class:`BuildFailed` on any content error."""
    from briefgen import incremental

    return incremental.prepare(config, cache, workers)


def search_available(config: Config) -> bool:
    return config.search and importlib.util.find_spec("pagefind") is not None


def build_site(config: Config, *, strict: bool = False, workers: int | None = None) -> BuildReport:
    """Build ``site/`` from ``content/``, doing only the work the changes since the last build need.

    ``workers`` processes render in parallel (default: one per CPU).
    """
    started = time.perf_counter()
    with build_lock(config.cache):
        cache = BuildCache(config.cache)
        try:
            return _build(config, cache, strict, worker_count(workers), started)
        finally:
            cache.close()


def folder_id(site_dir: Path) -> tuple[int, int] | None:
    """Which folder ``site/`` is (device, inode): a site replaced behind our back is not patched."""
    try:
        st = site_dir.stat()
    except FileNotFoundError:
        return None
    return (st.st_dev, st.st_ino)


def recover(config: Config, cache: BuildCache) -> None:
    """Finish a patch a killed build left halfway; delete leftover staging folders."""
    journal: Journal | None = cache.get("journal")
    if journal is not None:
        if Path(journal.staging).is_dir():
            publish_changes(Path(journal.staging), config.site, journal.written, journal.removed)
            cache.replace_outputs(dict(journal.records), journal.removed)
        else:  # the staged files are gone: the manifest cannot be trusted, rebuild in full
            cache.replace_outputs({}, (), everything=True)
        cache.forget("journal")
    clean_leftovers(config.site)


def _build(config: Config, cache: BuildCache, strict: bool, workers: int,
           started: float) -> BuildReport:
    recover(config, cache)
    search = search_available(config)
    code = inputs.code_digest()
    signature = inputs.signature(config, search, code)
    site_id = folder_id(config.site)
    last: _Last | None = cache.get("last")
    if last is not None and site_id is not None and (last.signature, last.site_id) == (
            signature, site_id):
        _check_strict(strict, last.report.warnings, config)
        return replace(last.report, seconds=round(time.perf_counter() - started, 3),
                       rendered=0, changed=0)
    return run_pass(config, cache, strict, workers, started, code, search, signature).report


@dataclass(frozen=True)
class Pass:
    """One full incremental pass: its report, and what it knew (kept warm by the preview)."""

    report: BuildReport
    prepared: Prepared
    published: Published


def run_pass(config: Config, cache: BuildCache, strict: bool, workers: int, started: float,
             code: str, search: bool, signature: str, env: RecordingEnvironment | None = None,
             index_search: bool = True) -> Pass:
    """Parse what changed, index everything, render the pages whose inputs changed, publish."""
    if cache.get("code") != code:  # new parsing code: cached records may be stale
        cache.clear_parsed()
        cache.put(code=code)
    site_id = folder_id(config.site)
    cache.forget("last")
    from briefgen import incremental  # only now: the no-change check must not pay for Jinja & co.

    warnings = list(config.warnings)
    prepared = incremental.prepare(config, cache, workers)
    warnings += prepared.content.warnings
    if config.search and not search:
        warnings.append("search: Pagefind is not installed (pip install 'pagefind[bin]'); "
                        "the site is built without a search box")
    _check_strict(strict, warnings, config)
    done = incremental.render_and_publish(config, cache, prepared, code, search, site_id, strict,
                                          warnings, workers, env, index_search)
    site = prepared.site
    report = BuildReport(site_dir=config.site, articles=len(site.articles),
                         entities=len(site.entities), topics=len(site.topics),
                         pages=len(prepared.pages), search_indexed=done.indexed,
                         seconds=round(time.perf_counter() - started, 3),
                         warnings=tuple(warnings), rendered=done.rendered,
                         changed=done.changed)
    new_id = folder_id(config.site)
    if new_id is not None:
        cache.put(site_id=new_id, last=_Last(signature, new_id, report))
    return Pass(report, prepared, done)


def _check_strict(strict: bool, warnings: Sequence[str], config: Config) -> None:
    if strict and warnings:
        raise BriefgenError("strict build stopped on warnings:\n  " + "\n  ".join(warnings),
                            config.project / "briefgen.yaml")


