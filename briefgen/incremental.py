"""The heavy half of a build: parse, index, plan, render what changed, publish.

Imported by :mod:`briefgen.build` only once the no-change check has failed, so
a build with nothing to do never loads Jinja, Markdown or the index.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping, Sequence

import jinja2

from briefgen.build import BuildFailed, Prepared
from briefgen.cache import BuildCache, OutputRecord
from briefgen.config import Config
from briefgen.deps import (PageDigests, RecordingEnvironment, RecordingSite, SiteDigests, digest,
                           fingerprint, template_digest)
from briefgen.entities.resolve import resolve_entities
from briefgen.errors import BriefgenError
from briefgen.index.mentions import ArticleMentions, find_mentions
from briefgen.index.site import Site, build_index
from briefgen.inputs import static_files
from briefgen.model import EntityResolution
from briefgen.output import Journal, Staging, UrlRegistry, publish_changes, publish_swap
from briefgen.parallel import fork_map
from briefgen.parsed import Parsed, load_parsed
from briefgen.render import routes
from briefgen.render.pages import render_page
from briefgen.render.plan import SitePage, plan_pages
from briefgen.render.templates import make_environment


@dataclass(frozen=True)
class Published:
    """What one render-and-publish pass did."""

    rendered: int  # pages whose fingerprint changed
    changed: int  # files written or deleted
    indexed: bool  # Pagefind ran (or its index is current)


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


def render_and_publish(config: Config, cache: BuildCache, prepared: Prepared, code: str,
                       search: bool, site_id: tuple[int, int] | None, strict: bool,
                       warnings: list[str], workers: int) -> Published:
    """Render the pages whose inputs changed into staging, then publish them into ``site/``."""
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
    statics = static_files(config)
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

    staging = Staging(config.site, flat=not whole)
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
            cache.put(journal=Journal(str(staging.root), tuple(written), removed, changes))
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
    return Published(len(todo), len(written) + len(removed), indexed)


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
