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

One build at a time holds the project's lock (:mod:`briefgen.lock`).
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Mapping, Sequence

import jinja2

from briefgen import inputs
from briefgen.cache import BuildCache, OutputRecord
from briefgen.config import Config
from briefgen.content import Content
from briefgen.deps import (PageDigests, RecordingEnvironment, RecordingSite, SiteDigests, digest,
                           fingerprint, template_digest)
from briefgen.entities.resolve import resolve_entities
from briefgen.errors import BriefgenError
from briefgen.index.mentions import ArticleMentions, find_mentions
from briefgen.index.site import Site, build_index
from briefgen.lock import build_lock
from briefgen.model import EntityResolution
from briefgen.output import (Staging, UrlRegistry, clean_leftovers, publish_changes,
                             publish_swap)
from briefgen.parallel import fork_map, worker_count
from briefgen.parsed import Parsed, load_parsed
from briefgen.render import routes
from briefgen.render.pages import render_page
from briefgen.render.plan import SitePage, plan_pages
from briefgen.render.templates import make_environment


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
    reparsed: int = 0  # content files that were not in the cache
    # (article, entity) → digest of the sentences quoting the entity there
    mention_keys: Mapping[tuple[str, str], str] = field(default_factory=dict)


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
class _Journal:
    """A patch being published: enough to finish it if the process dies halfway."""

    staging: str
    written: tuple[str, ...]
    removed: tuple[str, ...]
    records: Mapping[str, OutputRecord]


@dataclass(frozen=True)
class _Last:
    """The last successful build, for the no-change check."""

    signature: str
    site_id: tuple[int, int]
    report: BuildReport


def prepare(config: Config, cache: BuildCache | None = None, workers: int = 1) -> Prepared:
    """Load, resolve, index and plan; raises :class:`BuildFailed` on any content error."""
    loaded = load_parsed(config.content, cache, workers)
    content = loaded.content
    if content.errors:
        raise BuildFailed(content.errors)
    resolution = resolve_entities(content.articles, content.curated, config.entities)
    bodies = {p.article.slug: p.html for p in loaded.parsed}
    blocks = {p.article.slug: p.blocks for p in loaded.parsed}
    mapper = lambda fn, items: fork_map(fn, items, workers, min_items=500)  # noqa: E731
    keys = {slug: digest(f"{loaded.digests.get(slug)}\n"
                         f"{sorted(resolution.by_article.get(slug, {}).items())!r}")
            for slug in (p.article.slug for p in loaded.parsed)}
    mentions, quoted = _mentions(loaded.parsed, resolution, keys, cache, mapper)
    site = build_index(content.articles, resolution, bodies, blocks, mapper=mapper,
                       mentions=mentions)
    pages = plan_pages(site, config.per_page, config.feed_items)
    return Prepared(content, resolution, site, tuple(pages), loaded.digests, loaded.reparsed,
                    quoted)


def _mentions(parsed: Sequence[Parsed], resolution: EntityResolution,
              keys: Mapping[str, str], cache: BuildCache | None, mapper: Any
              ) -> tuple[dict[str, Mapping[str, ArticleMentions]], dict[tuple[str, str], str]]:
    """Each article's mentions, found again only where its text or its names changed.

    ``keys``: article → hash of its file and of the names looked for in it.
    Returns the mentions and, per (article, entity), a digest of them, which
    stands in for the sentences in page fingerprints (see ``SiteDigests.entry``).
    """
    found: dict[str, tuple[Mapping[str, ArticleMentions], dict[str, str]]] = (
        cache.mentions(dict(keys)) if cache else {})
    missing = [p for p in parsed if p.article.slug not in found]

    def find(chunk: Sequence[Parsed]) -> list[tuple[Mapping[str, ArticleMentions], dict[str, str]]]:
        out = []
        for p in chunk:
            here = find_mentions(p.article.slug, p.blocks,
                                 resolution.by_article.get(p.article.slug, {}))
            out.append((here, {e: digest(repr(m)) for e, m in here.items()}))
        return out

    for p, value in zip(missing, mapper(find, missing)):
        found[p.article.slug] = value
    if cache is not None:
        cache.store_mentions({p.article.slug: (keys[p.article.slug], found[p.article.slug])
                              for p in missing}, keep=keys)
    quoted = {(a, e): d for a, (_, digests) in found.items() for e, d in digests.items()}
    return {a: here for a, (here, _) in found.items()}, quoted


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


def _site_id(site_dir: Path) -> tuple[int, int] | None:
    try:
        st = site_dir.stat()
    except FileNotFoundError:
        return None
    return (st.st_dev, st.st_ino)


def _recover(config: Config, cache: BuildCache) -> None:
    """Finish a patch a killed build left halfway; delete leftover staging folders."""
    journal: _Journal | None = cache.get("journal")
    if journal is not None:
        publish_changes(Path(journal.staging), config.site, journal.written, journal.removed)
        cache.replace_outputs(dict(journal.records), journal.removed)
        cache.forget("journal")
    clean_leftovers(config.site)


def _build(config: Config, cache: BuildCache, strict: bool, workers: int,
           started: float) -> BuildReport:
    _recover(config, cache)
    search = search_available(config)
    code = inputs.code_digest()
    if cache.get("code") != code:  # new parsing code: cached records may be stale
        cache.clear_parsed()
        cache.put(code=code)
    signature = inputs.signature(config, search, code)
    site_id = _site_id(config.site)
    last: _Last | None = cache.get("last")
    if last is not None and site_id is not None and (last.signature, last.site_id) == (
            signature, site_id):
        _check_strict(strict, last.report.warnings, config)
        return replace(last.report, seconds=round(time.perf_counter() - started, 3),
                       rendered=0, changed=0)
    cache.forget("last")

    warnings = list(config.warnings)
    prepared = prepare(config, cache, workers)
    warnings += prepared.content.warnings
    if config.search and not search:
        warnings.append("search: Pagefind is not installed (pip install 'pagefind[bin]'); "
                        "the site is built without a search box")
    _check_strict(strict, warnings, config)
    env = make_environment(config.templates, {"site_title": config.title,
                                              "site_description": config.description,
                                              "language": config.language},
                           environment=RecordingEnvironment)
    global_digest = digest("\n".join([code, repr(config), str(search)]))
    previous = cache.outputs() if site_id is not None and site_id == cache.get("site_id") else {}
    whole = not previous  # nothing trustworthy on disk: stage the whole site and swap
    if whole:
        cache.replace_outputs({}, (), everything=True)

    registry = UrlRegistry()
    planned: list[tuple[str, SitePage]] = []
    for page in prepared.pages:
        rel = routes.output_path(page.url)
        registry.claim(rel, page.url or "home")
        planned.append((rel, page))
    statics = inputs.static_files(config)
    for static in statics:
        registry.claim(static.rel, str(static.path))

    site_digests = SiteDigests(prepared.site, prepared.article_digests,
                               lambda name: template_digest(env, name), prepared.mention_keys)
    page_digests = PageDigests(site_digests)
    records: dict[str, OutputRecord] = {}
    todo: list[tuple[str, SitePage, str | None]] = []  # page digests are computed where needed:
    for rel, page in planned:                            # here to compare, else by the renderer
        old = previous.get(rel)
        pd = page_digests.of(page) if old is not None else None
        if old is not None and old.fingerprint == fingerprint(global_digest, pd, old.deps,
                                                              site_digests):
            records[rel] = old
        else:
            todo.append((rel, page, pd))

    staging = Staging(config.site)
    journaled = False
    try:
        def render_chunk(chunk: Sequence[tuple[str, SitePage, str | None]]
                         ) -> list[tuple[str, OutputRecord, bool]]:
            recording = RecordingSite(prepared.site)
            recording.watch(env)  # type: ignore[arg-type]
            out = []
            for rel, page, pd in chunk:
                data = _render(env, page, recording, config, search)  # type: ignore[arg-type]
                deps = recording.take()
                record = OutputRecord(fingerprint(global_digest, pd or page_digests.of(page), deps,
                                                  site_digests), deps, digest(data))
                old = previous.get(rel)
                changed = old is None or old.digest != record.digest
                if changed:
                    staging.write(rel, data)
                out.append((rel, record, changed))
            return out

        written: list[str] = []
        for rel, record, changed in fork_map(render_chunk, todo, workers):
            records[rel] = record
            if changed:
                written.append(rel)
        for static in statics:
            data = static.path.read_bytes()
            record = OutputRecord(digest(data), (), digest(data))
            old = previous.get(static.rel)
            if old is None or old.digest != record.digest:
                staging.write(static.rel, data)
                written.append(static.rel)
            records[static.rel] = record
        removed = tuple(rel for rel in previous if rel not in records)
        indexed = False
        if whole:
            if search:
                indexed = _run_pagefind(staging.root, warnings)
                if not indexed and strict:
                    raise BriefgenError("strict build stopped: Pagefind failed", config.site)
            publish_swap(staging.root, config.site)
            cache.replace_outputs(records, (), everything=True)
        else:
            changes = {rel: records[rel] for rel in records if previous.get(rel) != records[rel]}
            cache.put(journal=_Journal(str(staging.root), tuple(written), removed, changes))
            journaled = True
            publish_changes(staging.root, config.site, written, removed)
            cache.replace_outputs(changes, removed)
            cache.forget("journal")
            staging.discard()
            if search:
                indexed = _reindex(config.site, bool(written or removed), warnings)
    except BaseException:
        if not journaled:
            staging.discard()
        raise
    site = prepared.site
    report = BuildReport(site_dir=config.site, articles=len(site.articles),
                         entities=len(site.entities), topics=len(site.topics),
                         pages=len(prepared.pages), search_indexed=indexed,
                         seconds=round(time.perf_counter() - started, 3),
                         warnings=tuple(warnings), rendered=len(todo),
                         changed=len(written) + len(removed))
    new_id = _site_id(config.site)
    if new_id is not None:
        cache.put(site_id=new_id, last=_Last(signature, new_id, report))
    return report


def _check_strict(strict: bool, warnings: Sequence[str], config: Config) -> None:
    if strict and warnings:
        raise BriefgenError("strict build stopped on warnings:\n  " + "\n  ".join(warnings),
                            config.project / "briefgen.yaml")


def _render(env: jinja2.Environment, page: SitePage, site: Site, config: Config,
            search: bool) -> bytes:
    """Render one page; template mistakes name the template file and line."""
    try:
        return render_page(env, page, site, config, search)
    except jinja2.TemplateSyntaxError as exc:
        raise BriefgenError(f"template error: {exc.message}", exc.filename or exc.name,
                            exc.lineno, "fix the template syntax") from exc
    except jinja2.TemplateError as exc:
        line = _template_line(exc)
        raise BriefgenError(f"template error while rendering {page.url or 'home'}: {exc}",
                            line[0] if line else page.template, line[1] if line else None,
                            "check the variable names the template uses") from exc


def _template_line(exc: BaseException) -> tuple[str, int] | None:
    tb = exc.__traceback__
    found = None
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.endswith((".html", ".xml")):
            found = (name, tb.tb_lineno)
        tb = tb.tb_next
    return found


def _reindex(site_dir: Path, changed: bool, warnings: list[str]) -> bool:
    """Index a patched site into a fresh folder, then swap it for ``site/pagefind``."""
    bundle = site_dir / "pagefind"
    if not changed and bundle.is_dir():
        return True
    fresh = Staging(site_dir)
    try:
        if not _run_pagefind(site_dir, warnings, fresh.root / "pagefind"):
            return False
        publish_swap(fresh.root / "pagefind", bundle)
        return True
    finally:
        fresh.discard()


def _run_pagefind(site: Path, warnings: list[str], output: Path | None = None) -> bool:
    """Index a site; a failure is a warning, the site still works without search."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site)]
    if output is not None:
        command += ["--output-path", str(output)]
    try:
        done = subprocess.run(command,
                              capture_output=True, text=True, timeout=600, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        warnings.append(f"search: Pagefind did not run: {exc}")
        return False
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
        warnings.append("search: Pagefind failed: " + " / ".join(tail))
        return False
    return True
