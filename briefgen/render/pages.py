"""Render one planned page to bytes: HTML through the templates, XML through feeds."""

from __future__ import annotations

from typing import Any

import jinja2
from markupsafe import Markup

from briefgen.config import Config
from briefgen.index.site import EntityEntry, Site
from briefgen.model import ENTITY_TYPES
from briefgen.render import feeds, routes
from briefgen.render.editions import editions_feed
from briefgen.render.linking import link_entities
from briefgen.render.markdown import text_blocks
from briefgen.render.plan import SitePage
from briefgen.urls import relative_url, slugify


def render_page(env: jinja2.Environment, page: SitePage, site: Site, config: Config,
                search: bool) -> bytes:
    if page.kind == "feed":
        entries = [feed_entry(site, s) for s in page.context["articles"]]
        title = config.title if page.url == "feed.xml" else f"{page.title} — {config.title}"
        return feeds.atom_feed(title, page.url, page.context["page_url"], entries,
                               config.base_url, config.title)
    if page.kind == "editions-feed":
        return editions_feed(page, site, config)
    if page.kind == "sitemap":
        return feeds.sitemap(page.context["urls"], config.base_url)
    if page.kind == "sitemap-index":
        return feeds.sitemap_index(page.context["parts"], config.base_url)
    if page.kind == "robots":
        return feeds.robots(config.base_url)
    assert page.template is not None
    context: dict[str, Any] = {"site": site, "config": config, "page": page, "search": search,
                               **page.context}
    for key, value in page.context.items():
        if isinstance(value, EntityEntry):  # read through the site, so reads of it are recorded
            context[key] = site.entities[value.entity.slug]
    if page.kind == "article":
        context.update(_article_context(page, site, page.context["slug"], config.index_links))
    html = env.get_template(page.template).render(context)
    return html.encode("utf-8")


def feed_entry(site: Site, slug: str) -> feeds.FeedEntry:
    """A story as a feed shows it: the dek (else the lede) and the whole sanitised body."""
    article = site.articles[slug]
    body = site.bodies.get(slug) or ""
    summary = article.dek or site.ledes.get(slug)
    if not summary:  # no prose block long enough for a lede: the body's first words
        words = " ".join(text_blocks(body)).split()
        summary = (" ".join(words[:40]) + " …" if len(words) > 40 else " ".join(words)
                   ) or article.title
    return feeds.FeedEntry(article, routes.article(slug), summary, body)


def _article_context(page: SitePage, site: Site, slug: str, index: bool) -> dict[str, Any]:
    article = site.articles[slug]
    surfaces = {s: e for s, e in site.surfaces.get(slug, {}).items() if e in site.entities}
    body = link_entities(site.bodies[slug], surfaces,
                         lambda e: relative_url(page.url, routes.entity(e), index))
    mine = [site.entities[e].entity for e in site.article_entities[slug] if e in site.entities]
    groups = [(t, [e for e in mine if e.type == t]) for t in ENTITY_TYPES]
    return {
        "article": article,
        "body": Markup(body),  # sanitised by nh3, links added on text nodes only
        "entity_groups": [(t, es) for t, es in groups if es],
        "topics": [site.topics[t] for t in site.article_topics[slug] if t in site.topics],
        "related": [site.articles[r] for r in site.related.get(slug, ())],
        "publisher_slug": slugify(article.publisher) if article.publisher else None,
        "agency_slug": slugify(article.agency) if article.agency else None,
    }
