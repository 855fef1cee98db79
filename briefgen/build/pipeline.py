"""The incremental pass: gather (parse, resolve, index, plan), then write what changed.

:mod:`briefgen.build.run` calls it only once the no-change check has failed,
so a build with nothing to do never loads Jinja, Markdown or the index. Like
MkDocs' build, everything is read and indexed before anything is written,
because an entity page needs every article:

1. :func:`gather`: content files are parsed only when their bytes changed
   (:mod:`briefgen.build.load`, cached in SQLite), and the cross-article index
   is rebuilt in full from those records; any content error stops here,
   before ``site/`` is touched;
2. :func:`write`: every planned page gets a fingerprint from the inputs it
   read last time (:mod:`briefgen.build.deps`); only pages whose fingerprint
   changed are rendered, on every core, into staging, and only files whose
   bytes changed are published (:mod:`briefgen.build.output`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Iterator, Mapping, Sequence, cast

import jinja2

from briefgen.build.cache import BuildCache, OutputRecord
from briefgen.build.clustering import stories_beside
from briefgen.build.deadline import deadline
from briefgen.build.editions import site_history
from briefgen.build.deps import (NotShipped, PageDigests, RecordingEnvironment, RecordingSite,
                                 Shipped, SiteDigests, digest, fingerprint, template_digest)
from briefgen.build.inputs import Snapshot, StaticFile, static_files
from briefgen.build.load import Content, Parsed, load_parsed
from briefgen.build.output import (Journal, Staging, UrlRegistry, folder_id, publish_changes,
                                   publish_swap)
from briefgen.build.parallel import fork_map
from briefgen.build.search import STALE, drop_index, refresh, run_pagefind
from briefgen.config import Config
from briefgen.errors import BriefgenError, BuildFailed
from briefgen.executors import DaskExecutor, Executor
from briefgen.index.editions import History
from briefgen.index.mentions import ArticleMentions, find_mentions
from briefgen.index.resolve import resolve_entities
from briefgen.index.site import Site, build_index, story_docs
from briefgen.index.topics import topic_set
from briefgen.model import EntityResolution
from briefgen.render import routes
from briefgen.render.pages import render_page
from briefgen.render.plan import SitePage, articles_shown, plan_pages
from briefgen.render.templates import make_environment


FILING = "topic_filing"  # the cache's article → (key, topics) from the last build
SAID = "article_quotes"  # … and article → (key, quotes)


@dataclass(frozen=True)
class Job:
    """One build's settings: what it reads, how strict it is, how many cores it uses."""

    inputs: Snapshot
    strict: bool = False
    workers: int = 1
    executor: Executor | None = None  # a Dask cluster parses and renders; None: this machine

    @property
    def config(self) -> Config:
        return self.inputs.config


@dataclass(frozen=True)
class Prepared:
    """Everything known before rendering: shared by ``build``, ``check`` and the preview."""

    content: Content
    resolution: EntityResolution
    site: Site
    pages: tuple[SitePage, ...]
    article_digests: Mapping[str, str] = field(default_factory=dict)  # slug → file hash
    article_metas: Mapping[str, str] = field(default_factory=dict)  # slug → front matter digest
    reparsed: int = 0  # content files that were not in the cache
    # article → entity → digest of the sentences quoting the entity there
    mention_keys: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    editions: History | None = None  # what each edition added (:mod:`briefgen.build.editions`)


@dataclass(frozen=True)
class Published:
    """What one render-and-publish pass did."""

    rendered: int  # pages whose fingerprint changed
    changed: int  # files written or deleted
    indexed: bool  # Pagefind ran (or its index is current)
    search_stale: bool  # the index is behind the pages and was left to the caller (``index_search``)
    records: Mapping[str, OutputRecord]  # every output file now, with what its page read
    renderer: "Renderer"


def gather(config: Config, cache: BuildCache | None = None, workers: int = 1,
           executor: Executor | None = None) -> Prepared:
    """Load, resolve, index and plan; raises :class:`~briefgen.errors.BuildFailed` on any content error.

    With a distributed ``executor``, content files are parsed and the per-article index steps
    (mentions, topic filing, quotes, related scores) computed on its workers.
    """
    loaded = load_parsed(config.content, cache, workers, executor)
    content = loaded.content
    if content.errors:
        raise BuildFailed(content.errors)
    resolution = resolve_entities(content.articles, content.curated, config.entities)
    bodies = {p.article.slug: p.html for p in loaded.parsed}
    blocks = {p.article.slug: p.blocks for p in loaded.parsed}
    mapper = (lambda fn, items: (executor.map(fn, items, min_items=500) if executor is not None  # noqa: E731
                                 else fork_map(fn, items, workers, min_items=500)))
    # stories read only the resolution: kept, or clustered while the parent indexes the rest
    docs = story_docs(content.articles, blocks, resolution)
    names = {slug: e.name for slug, e in resolution.entities.items()}
    with stories_beside(docs, names, loaded.digests, cache, workers, executor) as stories:
        keys = {slug: mention_key(loaded.digests.get(slug), resolution.by_article.get(slug, {}))
                for slug in (p.article.slug for p in loaded.parsed)}
        mentions, quoted = _mentions(loaded.parsed, resolution, keys, cache, mapper)
        known = cache.get(FILING) if cache is not None else None
        filing = dict(known) if isinstance(known, dict) else {}
        known_said = cache.get(SAID) if cache is not None else None
        said = dict(known_said) if isinstance(known_said, dict) else {}
        site = build_index(content.articles, resolution, bodies, blocks, mapper=mapper,
                           mentions=mentions,
                           topics=topic_set(content.topics, config.topics.defaults), filing=filing,
                           said=said, stories=stories, docs=docs)
        if cache is not None and (filing != known or said != known_said):
            cache.put(**{FILING: filing, SAID: said})
    editions = site_history(config.content, content.articles, loaded.digests, site)
    pages = plan_pages(site, config.per_page, config.feed_items, sitemap=bool(config.base_url),
                       editions=editions)
    return Prepared(content, resolution, site, tuple(pages), loaded.digests, loaded.metas,
                    loaded.reparsed, quoted, editions)


def _mentions(parsed: Sequence[Parsed], resolution: EntityResolution,
              keys: Mapping[str, str], cache: BuildCache | None, mapper: Any
              ) -> tuple[dict[str, Mapping[str, ArticleMentions]], dict[str, dict[str, str]]]:
    """Each article's mentions, found again only where its text or its names changed.

    ``keys``: article → hash of its file and of the names looked for in it.
    Returns the mentions and, per article and entity, a digest of them, which
    stands in for the sentences in page fingerprints (see ``SiteDigests.entry``).
    """
    found: dict[str, tuple[Mapping[str, ArticleMentions], dict[str, str]]] = (
        cache.mentions(dict(keys)) if cache else {})
    missing = [p for p in parsed if p.article.slug not in found]
    # each article's text and its own names travel to the worker, not its body nor every name
    items = [(p.article.slug, p.blocks, resolution.by_article.get(p.article.slug, {}))
             for p in missing]
    for p, value in zip(missing, mapper(_mentions_of, items)):
        found[p.article.slug] = value
    if cache is not None:
        cache.store_mentions({p.article.slug: (keys[p.article.slug], found[p.article.slug])
                              for p in missing}, keep=keys)
    quoted = {a: digests for a, (_, digests) in found.items()}
    return {a: here for a, (here, _) in found.items()}, quoted


def environment(config: Config) -> RecordingEnvironment:
    env = make_environment(config.templates, {"site_title": config.title,
                                              "site_description": config.description,
                                              "language": config.language},
                           environment=RecordingEnvironment)
    assert isinstance(env, RecordingEnvironment)
    return env


def global_digest(inputs: Snapshot) -> str:
    """What every page depends on: briefgen's code, the settings, the search switch."""
    return digest("\n".join([inputs.code, repr(inputs.config), str(inputs.search)]))


def site_digests(prepared: Prepared, env: jinja2.Environment) -> SiteDigests:
    return SiteDigests(prepared.site, prepared.article_metas,
                       lambda name: template_digest(env, name), prepared.mention_keys,
                       body_digests=prepared.article_digests)


def planned_outputs(prepared: Prepared, statics: Sequence[StaticFile]) -> list[tuple[str, SitePage]]:
    """Every page with its output path; two pages (or a page and a static file) on one path fail."""
    registry = UrlRegistry()
    planned: list[tuple[str, SitePage]] = []
    for page in prepared.pages:
        rel = routes.output_path(page.url)
        registry.claim(rel, page.url or "home")
        planned.append((rel, page))
    for static in statics:
        registry.claim(static.rel, str(static.path))
    return planned


@dataclass
class Renderer:
    """Renders pages of one prepared site, recording what each read, into staging."""

    config: Config
    env: RecordingEnvironment
    site: Site
    search: bool
    global_digest: str
    digests: SiteDigests
    page_digests: PageDigests

    def fingerprint(self, page: SitePage, deps: Sequence[Any], page_digest: str | None = None
                    ) -> str:
        return fingerprint(self.global_digest, page_digest or self.page_digests.of(page), deps,
                           self.digests)

    def render(self, todo: Sequence[tuple[str, SitePage, str | None]],
               previous: Mapping[str, OutputRecord], staging: Staging, workers: int
               ) -> list[tuple[str, OutputRecord, bool]]:
        """``(path, record, bytes changed)`` per page; changed bytes go to ``staging``."""
        def render_chunk(chunk: Sequence[tuple[str, SitePage, str | None]]
                         ) -> list[tuple[str, OutputRecord, bool]]:
            recording = self.recording()
            out = []
            for rel, page, pd in chunk:
                data, record = self.render_record(page, pd, recording)
                old = previous.get(rel)
                changed = old is None or old.digest != record.digest
                if changed:
                    staging.write(rel, data)
                out.append((rel, record, changed))
            return out

        return fork_map(render_chunk, todo, workers)

    def render_record(self, page: SitePage, page_digest: str | None, recording: RecordingSite
                      ) -> tuple[bytes, OutputRecord]:
        """One page's bytes and its output record (fingerprint, what it read, bytes' digest)."""
        data, deps = self.render_one(page, recording)
        return data, OutputRecord(self.fingerprint(page, deps, page_digest), deps, digest(data))

    def recording(self) -> RecordingSite:
        recording = RecordingSite(self.site)
        recording.watch(self.env)
        return recording

    def render_one(self, page: SitePage, recording: RecordingSite) -> tuple[bytes, tuple[Any, ...]]:
        """One page's bytes and what it read of the site (through ``recording``)."""
        # the stand-in answers every Site attribute (by __getattr__) and records the read
        with deadline(_source_of(page, self.site), f"rendering {page.url or 'home'}",
                      hint="a page this slow comes from an unusual input: look for a "
                           "file with thousands of names or paragraphs"):
            data = _render(self.env, page, cast(Site, recording), self.config, self.search)
        return data, recording.take()


# the site's per-article text: most of its size, and each page shows a few articles' share of
# it, so a render slice is sent only that share (:class:`~briefgen.build.deps.Shipped`)
SHIPPED = ("bodies", "quotes", "surfaces")
UNSHIPPED = ("story_docs",)  # read while planning, not by pages: never sent
RENDER_SLICE = 400  # pages per distributed render task: their bytes are held whole twice over


@dataclass(frozen=True)
class RenderContext:
    """What a worker needs to render any page of one site: sent once to each worker.

    Its site is the whole index but for the per-article text (:data:`SHIPPED`,
    :data:`UNSHIPPED`), which holds only its keys here; each slice brings the
    share its pages show (:func:`~briefgen.render.plan.articles_shown`).
    """

    config: Config
    site: Site
    search: bool
    global_digest: str
    article_metas: Mapping[str, str]
    mention_keys: Mapping[str, Mapping[str, str]]
    article_digests: Mapping[str, str]

    @classmethod
    def of(cls, renderer: Renderer, prepared: Prepared) -> "RenderContext":
        site = prepared.site
        keys: dict[str, Any] = {name: Shipped(frozenset(getattr(site, name)))
                                for name in (*SHIPPED, *UNSHIPPED)}
        skeleton = replace(site, **keys)
        return cls(renderer.config, skeleton, renderer.search, renderer.global_digest,
                   prepared.article_metas, prepared.mention_keys, prepared.article_digests)

    def renderer(self) -> Renderer:
        """The same :class:`Renderer` the client would make, built on the worker."""
        env = environment(self.config)
        digests = SiteDigests(self.site, self.article_metas, lambda name: template_digest(env, name),
                              self.mention_keys, body_digests=self.article_digests)
        return Renderer(self.config, env, self.site, self.search, self.global_digest, digests,
                        PageDigests())


_WORKER_RENDERER: list[tuple[RenderContext, Renderer]] = []  # a worker's renderer for the context it holds


def _render_slice(context: RenderContext, chunk: Sequence[tuple[str, SitePage, str | None]],
                  old: Mapping[str, str], shown: Mapping[str, Mapping[str, Any]]
                  ) -> list[tuple[str, OutputRecord | None, bytes | None]]:
    """On a worker: render a slice of pages; the bytes travel back only where they changed.

    ``shown``: the slice's share of each :data:`SHIPPED` mapping. A page that
    reads beyond it comes back as ``(rel, None, None)``, for the client to render.
    """
    if not _WORKER_RENDERER or _WORKER_RENDERER[0][0] is not context:
        _WORKER_RENDERER[:] = [(context, context.renderer())]
    renderer = _WORKER_RENDERER[0][1]
    renderer.page_digests = PageDigests()  # its memo keeps every page's context alive: one slice's
    for name, share in shown.items():
        cast(Shipped, getattr(renderer.site, name)).data = share
    recording = renderer.recording()
    out: list[tuple[str, OutputRecord | None, bytes | None]] = []
    for rel, page, pd in chunk:
        try:
            data, record = renderer.render_record(page, pd, recording)
        except NotShipped:
            recording.take()  # what it read before the miss is not its record
            out.append((rel, None, None))
            continue
        out.append((rel, record, data if old.get(rel) != record.digest else None))
    return out


def _shares(site: Site, shown: Sequence[str] | Mapping[str, None]) -> dict[str, dict[str, Any]]:
    """The share of each :data:`SHIPPED` mapping that belongs to the articles ``shown``."""
    out: dict[str, dict[str, Any]] = {}
    for name in SHIPPED:
        whole: Mapping[str, Any] = getattr(site, name)
        out[name] = {a: whole[a] for a in shown if a in whole}
    return out


def render_distributed(executor: Executor, renderer: Renderer, prepared: Prepared,
                       todo: Sequence[tuple[str, SitePage, str | None]],
                       previous: Mapping[str, OutputRecord], staging: Staging
                       ) -> Iterator[tuple[str, OutputRecord, bool]]:
    """Render ``todo`` on the cluster in slices; this process alone writes into ``staging``.

    The site without its per-article text is scattered to every worker once;
    each slice carries the text its pages show. Its results are written as they
    arrive, in order, so the client holds one slice's bytes at a time; a page
    that read text its slice was not sent is rendered here, by ``renderer``.
    """
    if not todo:
        return
    assert isinstance(executor, DaskExecutor)
    site = prepared.site
    slices = executor.slices(todo, min_items=200, most=RENDER_SLICE)
    shared = executor.scatter(RenderContext.of(renderer, prepared))
    olds = [{rel: previous[rel].digest for rel, _, _ in part if rel in previous} for part in slices]
    shares = (_shares(site, dict.fromkeys(a for _, page, _ in part
                                          for a in articles_shown(page, site)))
              for part in slices)  # made as the tasks are sent
    pages = {rel: (page, pd) for rel, page, pd in todo}
    recording = renderer.recording()
    for part in executor.starmap(_render_slice, [shared] * len(slices), slices, olds, shares,
                                 window=2 * executor.workers):
        for rel, record, data in part:
            if record is None:  # it read beyond its slice's share: rendered against the whole site
                page, pd = pages[rel]
                data, record = renderer.render_record(page, pd, recording)
                old = previous.get(rel)
                data = data if old is None or old.digest != record.digest else None
            if data is not None:
                staging.write(rel, data)
            yield rel, record, data is not None


def mention_key(file_digest: str | None, surfaces: Mapping[str, str]) -> str:
    """What an article's mentions are a function of: its file and the names looked for in it."""
    return digest(f"{file_digest}\n{sorted(surfaces.items())!r}")


def quotes(parsed: Parsed, resolution: EntityResolution
           ) -> tuple[Mapping[str, ArticleMentions], dict[str, str]]:
    """One article's mentions, and a digest of each entity's share of them."""
    return mentions_of(parsed.article.slug, parsed.blocks,
                       resolution.by_article.get(parsed.article.slug, {}))


def mentions_of(slug: str, blocks: tuple[str, ...], surfaces: Mapping[str, str]
                ) -> tuple[Mapping[str, ArticleMentions], dict[str, str]]:
    """An article's mentions of its names (``surfaces``), and a digest of each entity's share."""
    here = find_mentions(slug, blocks, surfaces)
    return here, {e: digest(repr(m)) for e, m in here.items()}


def _mentions_of(chunk: Sequence[tuple[str, tuple[str, ...], Mapping[str, str]]]
                 ) -> list[tuple[Mapping[str, ArticleMentions], dict[str, str]]]:
    return [mentions_of(*item) for item in chunk]


def write(job: Job, cache: BuildCache, prepared: Prepared, warnings: list[str],
          env: RecordingEnvironment | None = None, index_search: bool = True) -> Published:
    """Render the pages whose inputs changed into staging, then publish them into ``site/``.

    ``index_search=False`` leaves a patched site's search index to the caller
    (the preview re-indexes in the background); a whole new site is always indexed.
    """
    config, search, workers = job.config, job.inputs.search, job.workers
    env = env or environment(config)
    site_id = folder_id(config.site)
    previous = cache.outputs() if site_id is not None and site_id == cache.get("site_id") else {}
    whole = not previous  # nothing trustworthy on disk: stage the whole site and swap
    if whole:
        cache.replace_outputs({}, (), everything=True)
    statics = static_files(config)
    planned = planned_outputs(prepared, statics)
    renderer = Renderer(config, env, prepared.site, search, global_digest(job.inputs),
                        site_digests(prepared, env), PageDigests())
    records: dict[str, OutputRecord] = {}
    todo: list[tuple[str, SitePage, str | None]] = []  # page digests are computed where needed:
    for rel, page in planned:                            # here to compare, else by the renderer
        old = previous.get(rel)
        pd = renderer.page_digests.of(page) if old is not None else None
        if old is not None and old.fingerprint == renderer.fingerprint(page, old.deps, pd):
            records[rel] = old
        else:
            todo.append((rel, page, pd))

    staging = Staging(config.site, flat=not whole)
    journaled = False
    try:
        written: list[str] = []
        rendered = (renderer.render(todo, previous, staging, workers) if job.executor is None
                    or not job.executor.distributed else
                    render_distributed(job.executor, renderer, prepared, todo, previous, staging))
        for rel, record, changed in rendered:
            records[rel] = record
            if changed:
                written.append(rel)
        for static in statics:
            data = static.path.read_bytes()
            sha = digest(data)
            record = OutputRecord(sha, (), sha)
            old = previous.get(static.rel)
            if old is None or old.digest != record.digest:
                staging.write(static.rel, data)
                written.append(static.rel)
            records[static.rel] = record
        removed = tuple(rel for rel in previous if rel not in records)
        indexed = False
        if whole:
            if search:
                indexed = run_pagefind(staging.root, warnings)
                if not indexed and job.strict:
                    raise BriefgenError("strict build stopped: Pagefind failed", config.site)
            publish_swap(staging.root, config.site)
            cache.replace_outputs(records, (), everything=True)
            cache.forget(STALE)  # the site swapped in carries its own index (or none: see refresh)
        else:
            changes = {rel: records[rel] for rel in records if previous.get(rel) != records[rel]}
            journaled = True
            indexed = publish_patch(config, cache, staging, written, removed, changes,
                                    search and index_search, warnings)
            if not search:
                drop_index(config.site, cache)
    except BaseException:
        if not journaled:
            staging.discard()
        raise
    stale = search and not whole and not index_search and bool(cache.get(STALE))
    return Published(len(todo), len(written) + len(removed), indexed, stale, records, renderer)


def publish_patch(config: Config, cache: BuildCache, staging: Staging, written: Sequence[str],
                  removed: Sequence[str], changes: Mapping[str, OutputRecord], search: bool,
                  warnings: list[str]) -> bool:
    """Journal the changed files, move them into ``site/``, record them; then bring search up to date.

    The order is what makes a kill at any system call recoverable: the
    journal and the search index's stale mark (:data:`~briefgen.build.search.STALE`)
    are committed in one transaction before the first file moves; the journal
    is forgotten only once the manifest records the moved files, the mark only
    once a fresh index is swapped in (:func:`~briefgen.build.search.refresh`,
    which also re-indexes for a mark an earlier, killed build left). From the
    journal on, a killed build is finished by the next one, so ``staging``
    must not be discarded by the caller after this is called. ``search=False``
    leaves the mark for whoever indexes later (the preview's background run).
    """
    state: dict[str, Any] = {"journal": Journal(str(staging.root), tuple(written), tuple(removed),
                                                dict(changes))}
    if written or removed:
        state[STALE] = True
    cache.put(**state)
    publish_changes(staging.root, config.site, written, removed)
    cache.replace_outputs(dict(changes), removed)
    cache.forget("journal")
    staging.discard()
    return refresh(config.site, cache, warnings) if search else False


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


def _source_of(page: SitePage, site: Site) -> str:
    """The file to name when a page overruns: an article page's own file, else its template."""
    slug = page.context.get("slug") if page.kind == "article" else None
    listing = site.articles.get(slug) if isinstance(slug, str) else None
    return str(listing.path) if listing is not None else str(page.template)


def _template_line(exc: BaseException) -> tuple[str, int] | None:
    tb = exc.__traceback__
    found = None
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.endswith((".html", ".xml")):
            found = (name, tb.tb_lineno)
        tb = tb.tb_next
    return found

