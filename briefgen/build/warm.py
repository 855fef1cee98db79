"""A build kept warm in memory between saves, for ``briefgen serve``.

A ``briefgen build`` process starts cold: before it knows which pages an edit
touches it must load the parse cache, resolve entities, index the corpus and
check every page's fingerprint, seconds at 10,000 articles. The preview
server is one long process, so it keeps all of that. A saved article is
parsed alone; names it adds are placed by a name index
(:class:`~briefgen.index.resolve.NameIndex`); the index is patched
(:func:`~briefgen.index.patch.patch_article`); and the pages to render are
looked up in a reverse map from every part of the site to the pages that read
it (the reads :mod:`briefgen.build.deps` records).

Anything a patch cannot do exactly (a name new to the corpus, a date, topic or
source changed, a list gaining a page, an article added or deleted, a curated
entity, template, static file, setting or briefgen itself changed) takes the
ordinary incremental pass, which is also the first build. Both paths leave the
same ``site/`` and the same cache a full build would (``tests/test_live.py``
compares them byte for byte), and both publish through the same journaled
patch, so a failed save never leaves a half-written site.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import time
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

from briefgen import config as config_mod, frontmatter
from briefgen.build import inputs, pipeline, run
from briefgen.build.cache import BuildCache, OutputRecord
from briefgen.build.deps import ALL, Dep
from briefgen.build.editions import after_edit
from briefgen.build.inputs import FileStat, Snapshot
from briefgen.build.load import Parsed, file_digest, parse_article
from briefgen.build.output import Staging, folder_id
from briefgen.build.parallel import worker_count
from briefgen.build.pipeline import Prepared, Renderer
from briefgen.build.run import BuildReport
from briefgen.build.inputs import search_available
from briefgen.build.search import BackgroundSearch
from briefgen.config import Config
from briefgen.errors import BriefgenError
from briefgen.index.patch import IndexState, patch_article
from briefgen.index.resolve import NameIndex, with_added_names
from briefgen.index.site import Site
from briefgen.lock import build_lock
from briefgen.index.editions import History
from briefgen.render import routes
from briefgen.render.plan import (INDEX_TOP, SitePage, article_page, entities_index,
                                  entity_feed, entity_pages, home_page, site_maps, story_page,
                                  story_pages, topic_pages)
from briefgen.render.editions import edition_pages, since_box
from briefgen.render.story_pages import Cards, has_page

# front matter the index is built from: a change here re-indexes the corpus (added names
# are the exception: the name index places them, see ``_patch_index``)
STRUCTURAL = ("slug", "published", "updated", "topics", "publisher", "agency")
MAX_PATCHED = 25  # more articles changed at once than this: a full pass is as quick


@dataclass
class _Warm:
    """What the last pass knew, for patching the next save into it."""

    config: Config
    code: str
    search: bool
    surroundings: str  # signature of every input but the article files
    stats: dict[str, FileStat]  # article file → stat when last read
    prepared: Prepared
    records: dict[str, OutputRecord]
    readers: dict[tuple[str, Any], dict[Dep, set[str]]]  # (site part, key) → dep → pages
    renderer: Renderer
    rels: dict[str, str]  # page URL → output path
    urls: dict[str, str]  # output path → page URL
    positions: dict[str, int]  # article file → its place in ``prepared.content.articles``
    page_positions: dict[str, int]  # page URL → its place in ``prepared.pages``
    report: BuildReport  # the last one
    names: NameIndex  # who owns each entity name, to place an article's new names
    index: IndexState  # co-mentions, related-coverage postings … to patch the index


class _Unread(Exception):
    """A changed file could not be read; nothing was written."""

    def __init__(self, error: BriefgenError) -> None:
        super().__init__(str(error))
        self.error = error


class LiveSite:
    """A project's site, rebuilt on demand, patching single-article edits in memory."""

    def __init__(self, config: Config, reload: Callable[[Path], Config] = config_mod.load,
                 log: Callable[[str], None] = lambda line: None) -> None:
        self.config = config
        self._reload = reload
        self._warm: _Warm | None = None
        self.patched = False  # whether the last rebuild was patched in memory (else a full pass)
        self.search = BackgroundSearch(config, log)

    def rebuild(self, hints: Sequence[str] | None = None) -> BuildReport:
        """Bring ``site/`` up to date; raises :class:`~briefgen.errors.BriefgenError` on bad input.

        ``hints``: the files a watcher saw change (inotify names them all), so
        only those articles are looked at again; without hints every article
        file is stat'ed.
        """
        started = time.perf_counter()
        with build_lock(self.config.cache):
            cache = BuildCache(self.config.cache)
            try:
                report = self._patch(cache, started, hints) if self._warm is not None else None
                self.patched = report is not None
                return report if report is not None else self._full(cache, started)
            except _Unread as exc:  # nothing was written: the warm build is still the truth
                raise exc.error from None
            except BaseException:
                self._warm = None  # the disk may be ahead of memory: next time, a full pass
                raise
            finally:
                cache.close()

    # -- the full pass ------------------------------------------------------------------------

    def _full(self, cache: BuildCache, started: float) -> BuildReport:
        self._warm = None
        config = self.config = self._reload(self.config.project)
        run.recover(config, cache)
        snapshot = Snapshot.take(config)
        around = snapshot.surroundings
        stats = inputs.article_stats(config)  # before reading: a save during the pass is seen next
        env = pipeline.environment(config)
        self.search.config = config
        done = run.run_pass(snapshot, cache, started, workers=worker_count(None), env=env,
                            index_search=False)
        if done.published.search_stale:
            self.search.request()
        published = done.published
        readers: dict[tuple[str, Any], dict[Dep, set[str]]] = defaultdict(lambda: defaultdict(set))
        for rel, record in published.records.items():
            _add_readers(readers, rel, record)
        prepared = done.prepared
        for name in env.list_templates(filter_func=lambda n: n.endswith((".html", ".xml"))):
            env.get_template(name)  # the pass rendered in forked workers: compile them here too
        rels = {page.url: rel for rel, page in pipeline.planned_outputs(prepared, [])}
        self._warm = _Warm(config, snapshot.code, snapshot.search, around, stats, prepared,
                           dict(published.records), readers, published.renderer, rels,
                           {rel: url for url, rel in rels.items()},
                           {str(a.path): i for i, a in enumerate(prepared.content.articles)},
                           {page.url: i for i, page in enumerate(prepared.pages)},
                           done.report,
                           NameIndex.of(prepared.content.articles, prepared.resolution,
                                        prepared.content.curated, config.entities),
                           IndexState.of(prepared.site))
        return done.report

    # -- the patch ----------------------------------------------------------------------------

    def _patch(self, cache: BuildCache, started: float, hints: Sequence[str] | None
               ) -> BuildReport | None:
        """Patch the article files that changed into the warm build; ``None``: a full pass is needed."""
        warm = self._warm
        assert warm is not None
        config = warm.config
        code = inputs.code_digest()
        if (code != warm.code or search_available(config) != warm.search
                or inputs.surroundings(config, warm.search, code) != warm.surroundings
                or cache.get("journal") is not None
                or folder_id(config.site) != cache.get("site_id")):
            return None
        stats = (_restat(warm.stats, hints, str(config.content / "articles")) if hints is not None
                 else inputs.article_stats(config))
        if stats is None or stats.keys() != warm.stats.keys():
            return None
        touched = [path for path, st in stats.items() if warm.stats[path] != st]
        if len(touched) > MAX_PATCHED:
            return None
        edits = self._read(warm, touched)
        if edits is None:
            return None
        warm.stats = stats
        if not edits:  # touched, same bytes
            return replace(warm.report, seconds=round(time.perf_counter() - started, 3),
                           rendered=0, changed=0)

        patch = _patch_index(warm, edits)
        if patch is None:
            return None
        new, parts, dirty, mention_rows, gone = patch
        site, pages = new.site, new.pages
        before = warm.renderer.digests
        renderer = replace(warm.renderer, site=site, digests=before.successor(
            site, new.article_metas, new.mention_keys, new.article_digests, parts))
        for part in parts:
            for dep, rels in warm.readers.get(part, {}).items():
                if rels and before.of(dep) != renderer.digests.of(dep):
                    dirty.update(warm.urls[rel] for rel in rels)
        removed = [warm.rels[url] for url in gone]
        if len(pages) != len(warm.prepared.pages) or gone:  # story pages came or went
            warm.page_positions = {page.url: i for i, page in enumerate(pages)}
            warm.rels = {page.url: routes.output_path(page.url) for page in pages}
            warm.urls = {rel: url for url, rel in warm.rels.items()}
        dirty.intersection_update(warm.page_positions)

        todo = [(warm.rels[url], pages[warm.page_positions[url]], None) for url in sorted(dirty)]
        staging = Staging(config.site, flat=True)
        try:
            results = renderer.render(todo, warm.records, staging, 1)
        except BaseException:
            staging.discard()
            raise
        written = [rel for rel, _, changed in results if changed]
        changes = {rel: record for rel, record, _ in results if warm.records.get(rel) != record}
        cache.store_parsed([(path, FileStat.of(Path(path).stat()), sha,
                             pickle.dumps(parsed, protocol=pickle.HIGHEST_PROTOCOL))
                            for path, sha, parsed in edits], keep=None)
        cache.store_mentions(mention_rows, keep=None)
        cache.forget("last")  # the next CLI build checks fingerprints instead of stats
        warnings = list(warm.report.warnings)
        pipeline.publish_patch(config, cache, staging, written, removed, changes, False, warnings)
        if warm.search and (written or removed):
            self.search.request()
        for rel in removed:
            _drop_readers(warm.readers, rel, warm.records.pop(rel))
        for rel, record in changes.items():
            if rel in warm.records:  # (a story page may be new)
                _drop_readers(warm.readers, rel, warm.records[rel])
            _add_readers(warm.readers, rel, record)
            warm.records[rel] = record
        warm.prepared, warm.renderer = new, renderer
        warm.report = run.report(config, new, indexed=warm.search, rendered=len(todo),
                                 changed=len(written), warnings=warnings, started=started)
        return warm.report

    @staticmethod
    def _read(warm: _Warm, touched: Sequence[str]) -> list[tuple[str, str, Any]] | None:
        """``(path, sha, Parsed)`` of each file whose bytes changed; ``None`` if one changed structurally."""
        edits = []
        for path in touched:
            data = Path(path).read_bytes()
            sha = hashlib.sha256(data).hexdigest()
            old = warm.prepared.content.articles[warm.positions[path]]
            if file_digest(sha, path) == warm.prepared.article_digests.get(old.slug):
                continue  # saved again unchanged
            try:
                parsed = parse_article(Path(path))
            except BriefgenError as exc:  # names the file and line
                raise _Unread(exc) from exc
            if any(getattr(old, f) != getattr(parsed.article, f) for f in STRUCTURAL):
                return None
            edits.append((path, sha, parsed))
        return edits


def _patch_index(warm: _Warm, edits: Sequence[tuple[str, str, Parsed]]
                 ) -> tuple[Prepared, set[tuple[str, Any]], set[str], dict[str, Any], list[str]
                            ] | None:
    """The warm build with the edited articles patched in: the new prepared build, the
    site parts that changed, the pages whose own record changed, the mentions to cache and
    the pages gone.
    ``None`` when an edit needs the full pass (see :func:`~briefgen.index.patch.patch_article`)."""
    prepared = warm.prepared
    site, resolution = prepared.site, prepared.resolution
    content = list(prepared.content.articles)
    digests, metas = dict(prepared.article_digests), dict(prepared.article_metas)
    quoted = dict(prepared.mention_keys)
    parts: set[tuple[str, Any]] = set()
    mention_rows = {}
    renamed: list[tuple[str, str, str | None, tuple[str, ...]]] = []  # names to index
    edited: list[str] = []
    for path, sha, parsed in edits:
        article = parsed.article
        slug = article.slug
        old = content[warm.positions[path]]
        if old.entities != article.entities:
            added = with_added_names(resolution, warm.names, old, article)
            if added is None:
                return None
            resolution = added
            renamed += [(resolution.by_article[slug][e.name], e.name, e.type, e.aliases)
                        for e in article.entities if e not in old.entities]
        surfaces = resolution.by_article.get(slug, {})
        found, found_digests = pipeline.quotes(parsed, resolution)
        patched = patch_article(site, warm.index, article, parsed.html, parsed.blocks, found,
                                surfaces)
        if patched is None:
            return None
        site = patched.site
        for name, keys in patched.changed.items():
            parts.update((name, key) for key in keys)
            if keys and keys != (None,):
                parts.add((name, ALL))
        digests[slug], metas[slug], quoted[slug] = file_digest(sha, path), parsed.meta, found_digests
        content[warm.positions[path]] = article
        mention_rows[slug] = (pipeline.mention_key(digests[slug], surfaces),
                              (found, found_digests))
        edited.append(slug)
    pages = list(prepared.pages)
    history = after_edit(prepared.editions, content, digests, site, prepared.site)
    replanned = _replan(warm, site, pages, edited, parts, history)
    if replanned is None:
        return None
    dirty, gone = replanned
    for args in renamed:
        warm.names.add(*args)
    new = replace(prepared, content=replace(prepared.content, articles=tuple(content)),
                  resolution=resolution, site=site, pages=tuple(pages), article_digests=digests,
                  article_metas=metas, mention_keys=quoted, editions=history)
    return new, parts, dirty, mention_rows, gone


def _replan(warm: _Warm, site: Site, pages: list[SitePage], edited: Sequence[str],
            parts: set[tuple[str, Any]], history: History | None
            ) -> tuple[set[str], list[str]] | None:
    """Replace, in ``pages``, the planned pages the patched site plans differently.

    Returns the URLs whose page record changed and those of pages gone, or
    ``None`` when the set of pages would change otherwise than by stories gaining or
    losing pages (a list growing a page): the full pass plans that.
    """
    config = warm.config
    cards = Cards(site)
    fresh: list[SitePage] = [article_page(site, slug, cards) for slug in edited]
    grown = {e for name, e in parts if name == "entities" and e is not ALL
             and len(site.entities[e].articles) != len(warm.prepared.site.entities[e].articles)}
    for name, key in parts:
        if name == "entities" and key is not ALL:
            if key in grown:
                fresh += entity_pages(site, key, config.per_page, cards)
                fresh.append(entity_feed(site, key, config.feed_items, history))
            elif (site.entities[key].co_mentioned
                  != warm.prepared.site.entities[key].co_mentioned):
                fresh.append(entity_pages(site, key, config.per_page, cards)[0])  # its graph
        elif name == "topic_entities" and key is not ALL:
            fresh += topic_pages(site, key, config.per_page)
    restoried, block = _restoried(warm.prepared.site, site, edited, cards, config.per_page,
                                  config.feed_items)
    fresh += restoried
    # "Since …" shows the pending edition, which every saved edit changes
    home = pages[warm.page_positions[""]]
    if site.stories is warm.prepared.site.stories:
        fresh.append(replace(home, context={**home.context,
                                            "since": since_box(history, cards)}))
    else:
        fresh.append(home_page(site, config.per_page, cards, history))
    listed = edition_pages(site, history, cards, config.per_page, config.feed_items)
    if ({p.url for p in listed}
            != {p.url for p in pages if p.kind in ("editions", "editions-feed")}):
        return None
    fresh += listed
    old_index = pages[warm.page_positions["entities/"]]
    if any(_may_lead(site, e, old_index) for e in grown):  # the A–Z pages list the same names
        fresh.append(entities_index(site, old_index.context["letters"]))
    digest_of = warm.renderer.page_digests.of
    dirty = set()
    for page in fresh:
        at = warm.page_positions.get(page.url)
        if at is None:  # a list grew a page: the plan changes shape
            return None
        if digest_of(page) != digest_of(pages[at]):
            dirty.add(page.url)
        pages[at] = page
    gone: list[str] = []
    if block is not None:
        old_digests = {p.url: digest_of(p) for p in pages if _in_block(p)}
        reshaped = _reshape(pages, block)
        if reshaped is None:
            return None
        _, gone = reshaped
        dirty.update(p.url for p in block if old_digests.get(p.url) != digest_of(p))
        if any(p.kind in ("sitemap", "sitemap-index") for p in pages):  # it lists every page
            at = next(i for i, p in enumerate(pages) if p.kind in ("sitemap", "sitemap-index"))
            maps = site_maps(pages)
            if [p.url for p in maps] != [p.url for p in pages[at:at + len(maps)]]:
                return None
            for i, page in enumerate(maps, at):
                if digest_of(page) != digest_of(pages[i]):
                    dirty.add(page.url)
                pages[i] = page
    return dirty, gone


def _in_block(page: SitePage) -> bool:
    """Whether a page is one of the plan's story pages (stories, their feeds, storylines, their list)."""
    return (page.kind in ("story", "storyline") or page.template == "stories.html"
            or (page.kind == "feed" and page.url.startswith(routes.STORIES)))


def _reshape(pages: list[SitePage], block: Sequence[SitePage]
             ) -> tuple[list[str], list[str]] | None:
    """``pages`` with its story pages replaced by ``block``, in place: the URLs added and
    those gone; ``None`` if the story pages are not one run of the plan."""
    at = [i for i, p in enumerate(pages) if _in_block(p)]
    if not at or at != list(range(at[0], at[-1] + 1)):
        return None
    before = {pages[i].url for i in at}
    pages[at[0]:at[-1] + 1] = block
    after = {p.url for p in block}
    return sorted(after - before), sorted(before - after)


def _restoried(before: Site, site: Site, edited: Sequence[str], cards: Cards, per_page: int,
               feed_items: int) -> tuple[list[SitePage], list[SitePage] | None]:
    """The pages that show stories, planned again after an edit, and (when the stories were
    grouped anew) every story page in plan order, to replace the old ones.

    The edited articles' own stories always (a copy of a wire text shows what it
    changed); when the stories were grouped anew, also the story pages and lists,
    and the articles and entities of every story that changed (the home page is
    planned again by the caller).
    """
    fresh: list[SitePage] = []
    if site.stories is before.stories:
        for slug in dict.fromkeys(site.stories.by_article.get(a) for a in edited):
            story = site.stories.stories.get(slug) if slug else None
            if story is not None and has_page(story):
                fresh.append(story_page(site, story.slug, cards))
        return fresh, None
    moved = [s for s, story in site.stories.stories.items()
             if before.stories.stories.get(s) != story]
    for line, storyline in site.stories.storylines.items():
        if before.stories.storylines.get(line) != storyline:
            moved += storyline.stories
    articles = sorted({a for s in moved for a in site.stories.stories[s].articles})
    names = sorted({e for a in articles for e in site.article_entities.get(a, ())
                    if e in site.entities})
    fresh += (article_page(site, a, cards) for a in articles)
    fresh += (entity_pages(site, e, per_page, cards)[0] for e in names)
    return fresh, story_pages(site, per_page, feed_items, cards)


def _may_lead(site: Site, slug: str, index: SitePage) -> bool:
    """Whether an entity with more stories now is, or may now be, among the index's most covered."""
    entry = site.entities[slug]
    for etype, _, members in index.context.get("groups", ()):
        if etype == entry.entity.type:
            if slug in members or len(members) < INDEX_TOP:
                return True
            last = members[-1]
            return (-len(entry.articles), slug) < (-len(site.entities[last].articles), last)
    return True


def _restat(known: Mapping[str, FileStat], hints: Sequence[str], folder: str
            ) -> dict[str, FileStat] | None:
    """The article stats with only the files the watcher named looked at again.

    ``None`` when a hint is not a known article (a file added or removed, or
    something else entirely): the full pass sorts that out.
    """
    stats = dict(known)
    for hint in hints:
        path = os.path.abspath(hint)
        name = os.path.basename(path)
        if not frontmatter.is_document(name) or os.path.dirname(path) != folder:
            continue  # not an article: ``surroundings`` covers the rest of the inputs
        if path not in stats:
            return None
        try:
            st = os.stat(path)
        except OSError:
            return None
        stats[path] = FileStat.of(st)
    return stats


def _add_readers(readers: dict[tuple[str, Any], dict[Dep, set[str]]], rel: str,
                 record: OutputRecord) -> None:
    for dep in record.deps:
        readers[(dep[0], dep[1])][dep].add(rel)


def _drop_readers(readers: dict[tuple[str, Any], dict[Dep, set[str]]], rel: str,
                  record: OutputRecord) -> None:
    for dep in record.deps:
        readers.get((dep[0], dep[1]), {}).get(dep, set()).discard(rel)
