"""The page plan: every output file the site will have, as a ``SitePage`` record.

Hugo's vocabulary: ``home``; ``article`` (a page); ``entity``/``topic``/
``source``/``month`` (a term: one name's articles, paginated); ``taxonomy``
(the list of terms, kept small: top entries plus A–Z letter pages); and the
non-HTML outputs ``feed``, ``sitemap``, ``robots``. Planning is pure: nothing is
rendered or written here, so ``check`` can compare the plan with the disk.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

from briefgen.index.editions import History, fresh_by_name, fresh_first, fresh_in
from briefgen.index.site import Site
from briefgen.model import ENTITY_TYPES
from briefgen.render import routes
from briefgen.render.cograph import Companion, co_mention_svg
from briefgen.render.editions import edition_pages, since_box
from briefgen.render.story_pages import (Cards, article_story, entity_stories, has_page,
                                         home_cards, story_counts, story_page_context,
                                         story_topics)
from briefgen.render.timeline import timeline_svg

INDEX_TOP = 40  # entries per group on a taxonomy index before "browse A–Z"
LETTER_PAGE = 200  # entries per A–Z page
ALL_ON_INDEX = 300  # a taxonomy this small lists every term on its index
SITEMAP_MAX = 50_000  # URLs per sitemap file (the protocol's limit); beyond it, an index
QUOTED_SHOWN = 50  # an entity's quoting articles whose quotes its page 1 is expected to show


@dataclass(frozen=True)
class Pager:
    """One page of a paginated list."""

    base: str  # URL of page 1
    number: int
    count: int
    items: tuple[Any, ...]

    def url(self, number: int) -> str:
        return routes.page(self.base, number)

    @property
    def prev_url(self) -> str | None:
        return self.url(self.number - 1) if self.number > 1 else None

    @property
    def next_url(self) -> str | None:
        return self.url(self.number + 1) if self.number < self.count else None


@dataclass(frozen=True)
class SitePage:
    kind: str
    url: str
    template: str | None
    title: str
    context: Mapping[str, Any] = field(default_factory=dict)
    searchable: bool = False  # Pagefind indexes only pages that say so


def articles_shown(page: SitePage, site: Site) -> tuple[str, ...]:
    """The articles whose own text (body, quotes, names found) ``page`` is expected to show.

    A distributed render sends each slice of pages only these articles' share
    of the site's per-article text (:class:`~briefgen.build.deps.Shipped`)
    instead of the whole corpus. It is a forecast, not a contract: a page (a
    project template) that reads another article's text is rendered by the
    client against the whole site, so a miss costs time, never different bytes.
    """
    context = page.context
    if page.kind == "article":
        return (context["slug"],)
    if page.kind == "feed":  # each entry carries its article's whole body
        return tuple(context["articles"])
    if page.kind == "entity" and context["pager"].number == 1:  # what it said, what was said of it
        slug = context["entry"].entity.slug
        return tuple(dict.fromkeys(article for quoted in (site.said_by, site.said_about)
                                   for article, _ in quoted.get(slug, ())[:QUOTED_SHOWN]))
    return ()


def paginate(base: str, items: Sequence[Any], per_page: int) -> list[Pager]:
    chunks = [tuple(items[i:i + per_page]) for i in range(0, len(items), per_page)] or [()]
    return [Pager(base, n, len(chunks), chunk) for n, chunk in enumerate(chunks, 1)]


def _paged(kind: str, template: str, base: str, title: str, items: Sequence[Any],
           per_page: int, context: Mapping[str, Any], searchable: bool = False,
           first: Mapping[str, Any] | None = None) -> list[SitePage]:
    """One page per ``per_page`` items; ``first`` is context for page 1 only (its figures)."""
    return [SitePage(kind, pager.url(pager.number), template,
                     title if pager.number == 1 else f"{title} (page {pager.number})",
                     {**context, **((first or {}) if pager.number == 1 else {}), "pager": pager},
                     searchable and pager.number == 1)
            for pager in paginate(base, items, per_page)]


def plan_pages(site: Site, per_page: int, feed_items: int, sitemap: bool = True,
               editions: History | None = None) -> list[SitePage]:
    """Every page of the site, home first; ``sitemap=False`` (no ``base_url``) plans none.

    ``editions``: what each edition added (:mod:`briefgen.index.editions`), for "Since …"
    on the home page and the list of editions.
    """
    cards = Cards(site)
    pages = [home_page(site, per_page, cards, editions)]
    pages += (article_page(site, slug, cards) for slug in site.order)
    pages += story_pages(site, per_page, feed_items, cards)
    for slug in site.entities:
        pages += entity_pages(site, slug, per_page, cards)
    for slug in site.topics:
        pages += topic_pages(site, slug, per_page)
    for slug, term in site.sources.items():
        pages += _paged("source", "source.html", routes.source(slug), term.name, term.articles,
                        per_page, {"term": term})
    for key, term in site.months.items():
        pages += _paged("month", "month.html", routes.month(key), term.name, term.articles,
                        per_page, {"term": term})
    pages += entity_indexes(site)
    pages += _topic_indexes(site)
    pages.append(SitePage("taxonomy", "sources/", "sources.html", "Sources", {
        "publishers": [t for t in site.sources.values() if "publisher" in t.roles],
        "agencies": [t for t in site.sources.values() if "agency" in t.roles]}))
    years: dict[str, list[Any]] = defaultdict(list)
    for key, term in site.months.items():
        years[key[:4] if "-" in key else term.name].append(term)
    pages.append(SitePage("taxonomy", "archive/", "archive.html", "Archive",
                          {"years": list(years.items())}))
    pages.append(SitePage("404", "404.html", "404.html", "Page not found"))
    pages += edition_pages(site, editions, cards, per_page, feed_items)
    pages += _feeds(site, feed_items, editions)
    if sitemap:  # its locations must be absolute URLs
        pages += site_maps(pages)
    pages.append(SitePage("robots", "robots.txt", None, "robots.txt"))
    return pages


def home_page(site: Site, per_page: int, cards: Cards,
              editions: History | None = None) -> SitePage:
    """The briefing's front: the stories that moved most recently, sized by their coverage."""
    return SitePage("home", routes.HOME, "home.html", "Home", {
        "since": since_box(editions, cards),
        "latest": site.order[:per_page],
        "stories": home_cards(site, cards, per_page),
        "story_counts": story_counts(site),
        "timeline": timeline_svg((site.articles[s].date for s in site.order),
                                 "Coverage over time"),
    })


def story_pages(site: Site, per_page: int, feed_items: int, cards: Cards) -> list[SitePage]:
    """A page and an Atom feed per story of more than one article, a page per storyline, and
    the list of them all: one run of the plan, which the preview replaces as a block."""
    pages: list[SitePage] = []
    for slug, story in site.stories.stories.items():
        if has_page(story):
            pages += (story_page(site, slug, cards), story_feed(site, slug, feed_items))
    pages += (storyline_page(site, slug, cards) for slug in site.stories.storylines)
    pages += stories_index(site, per_page, cards)
    return pages


def story_page(site: Site, slug: str, cards: Cards) -> SitePage:
    story = site.stories.stories[slug]
    return SitePage("story", routes.story(slug), "story.html", story.title,
                    {**story_page_context(site, story, cards),
                     "feed": routes.feed(routes.story(slug))}, searchable=True)


def story_feed(site: Site, slug: str, feed_items: int) -> SitePage:
    """A story's Atom feed, newest article first: a reader follows one event as it develops."""
    story = site.stories.stories[slug]
    return _feed(routes.story(slug), story.title, story.articles[::-1], feed_items)


def storyline_page(site: Site, slug: str, cards: Cards) -> SitePage:
    line = site.stories.storylines[slug]
    articles = [a for s in line.stories for a in site.stories.stories[s].articles]
    return SitePage("storyline", routes.storyline(slug), "storyline.html", line.title,
                    {"storyline": line, "line": cards.of(line.stories),
                     "topics": story_topics(site, articles)})


def stories_index(site: Site, per_page: int, cards: Cards) -> list[SitePage]:
    """``stories/``: every story of more than one article, most recently moved first."""
    listed_ = list(cards.of(s for s, story in site.stories.stories.items() if has_page(story)))
    return _paged("taxonomy", "stories.html", routes.STORIES, "Stories", listed_, per_page,
                  {"counts": story_counts(site)},
                  first={"storylines": tuple((line.slug, line.title, len(line.stories))
                                             for line in site.stories.storylines.values())})


def entity_pages(site: Site, slug: str, per_page: int, cards: Cards) -> list[SitePage]:
    """An entity's paginated list; page 1 carries its timeline, co-mention graph, stories
    and topics."""
    entry = site.entities[slug]
    return _paged("entity", "entity.html", routes.entity(slug), entry.entity.name,
                  entry.articles, per_page,
                  {"entry": entry, "feed": routes.feed(routes.entity(slug))}, searchable=True,
                  first={"timeline": timeline_svg((site.articles[a].date for a in entry.articles),
                                                  f"Coverage of {entry.entity.name}"),
                         "cograph": _cograph(site, slug),
                         "stories": entity_stories(site, entry.articles, cards),
                         "entity_topics": story_topics(site, entry.articles)})


def topic_pages(site: Site, slug: str, per_page: int) -> list[SitePage]:
    term = site.topics[slug]
    return _paged("topic", "topic.html", routes.topic(slug), term.name, term.articles, per_page,
                  {"term": term, "feed": routes.feed(routes.topic(slug)),
                   "leading": site.topic_entities.get(slug, ()),
                   "definition": site.topic_definitions.get(slug)},
                  first={"timeline": timeline_svg((site.articles[a].date for a in term.articles),
                                                  f"Coverage of {term.name}")})


def article_page(site: Site, slug: str, cards: Cards) -> SitePage:
    return SitePage("article", routes.article(slug), "article.html", site.articles[slug].title,
                    {"slug": slug, **article_story(site, slug, cards)},
                    searchable=True)


def _cograph(site: Site, slug: str) -> Any:
    entry = site.entities[slug]
    companions = [Companion(site.entities[o].entity.name, site.entities[o].entity.type, n)
                  for o, n in entry.co_mentioned if o in site.entities]
    return co_mention_svg(entry.entity.name, entry.entity.type, companions)


def _letters(slugs: Sequence[str]) -> dict[str, list[str]]:
    by_letter: dict[str, list[str]] = defaultdict(list)
    for slug in slugs:
        by_letter[routes.initial(slug)].append(slug)
    return dict(sorted(by_letter.items()))


def entities_index(site: Site, letters: Sequence[str] | None = None) -> SitePage:
    """``entities/``: the most-covered names of each type, and the A–Z letters."""
    by_count = sorted(site.entities, key=lambda s: (-len(site.entities[s].articles), s))
    groups = []
    for etype in ENTITY_TYPES:
        members = [s for s in by_count if site.entities[s].entity.type == etype]
        if members:
            groups.append((etype, len(members), members[:INDEX_TOP]))
    if letters is None:
        letters = list(_letters(sorted(site.entities)))
    return SitePage("taxonomy", "entities/", "entities.html", "Entities",
                    {"groups": groups, "letters": list(letters), "total": len(site.entities)})


def entity_indexes(site: Site) -> list[SitePage]:
    letters = _letters(sorted(site.entities))
    pages = [entities_index(site, list(letters))]
    for letter, slugs in letters.items():
        pages += _paged("letter", "letter.html", routes.letter("entities", letter),
                        f"Entities: {letter.upper()}", slugs, LETTER_PAGE,
                        {"taxonomy": "entities", "letter": letter, "letters": list(letters)})
    return pages


def _topic_indexes(site: Site) -> list[SitePage]:
    letters = _letters(sorted(site.topics))
    small = len(site.topics) <= ALL_ON_INDEX
    top = sorted(site.topics, key=lambda s: (-len(site.topics[s].articles), s))[:INDEX_TOP]
    pages = [SitePage("taxonomy", "topics/", "topics.html", "Topics", {
        "letters": list(letters), "by_letter": letters if small else {},
        "top": [] if small else top, "total": len(site.topics)})]
    if not small:
        for letter, slugs in letters.items():
            pages += _paged("letter", "letter.html", routes.letter("topics", letter),
                            f"Topics: {letter.upper()}", slugs, LETTER_PAGE,
                            {"taxonomy": "topics", "letter": letter, "letters": list(letters)})
    return pages


def _feeds(site: Site, feed_items: int, editions: History | None = None) -> list[SitePage]:
    pages = [_feed(routes.HOME, "Latest", site.order, feed_items,
                   editions.fresh if editions else ())]
    by_name = fresh_by_name(editions, site.article_entities)
    pages += (entity_feed(site, slug, feed_items, editions, by_name.get(slug, ()))
              for slug in site.entities)
    pages += (_feed(routes.topic(slug), term.name, term.articles, feed_items,
                    fresh_in(editions, term.articles))
              for slug, term in site.topics.items())
    return pages


def entity_feed(site: Site, slug: str, feed_items: int, editions: History | None = None,
                fresh: Sequence[str] | None = None) -> SitePage:
    """``fresh``: the entity's articles new in the latest edition, when the caller knows them."""
    entry = site.entities[slug]
    if fresh is None:
        fresh = fresh_by_name(editions, site.article_entities).get(slug, ())
    return _feed(routes.entity(slug), entry.entity.name, entry.articles, feed_items, fresh)


def _feed(base: str, title: str, articles: Sequence[str], feed_items: int,
          fresh: Sequence[str] = ()) -> SitePage:
    """The Atom feed of the list at ``base``: its newest stories, those the latest edition
    added first (``fresh``, see :func:`~briefgen.index.editions.fresh_first`)."""
    return SitePage("feed", routes.feed(base), None, title,
                    {"page_url": base, "articles": fresh_first(articles, fresh, feed_items)})


def site_maps(pages: Sequence[SitePage]) -> list[SitePage]:
    """The sitemaps of a planned site: every rendered page but the 404 (the preview re-plans
    them by this same rule)."""
    return sitemaps([p.url for p in pages if p.template and p.kind != "404"])


def sitemaps(urls: Sequence[str], limit: int = SITEMAP_MAX) -> list[SitePage]:
    """One ``sitemap.xml``; past the protocol's limit, numbered parts and an index of them."""
    if len(urls) <= limit:
        return [SitePage("sitemap", "sitemap.xml", None, "Sitemap", {"urls": list(urls)})]
    parts = [SitePage("sitemap", f"sitemap-{n}.xml", None, f"Sitemap {n}",
                      {"urls": list(urls[i:i + limit])})
             for n, i in enumerate(range(0, len(urls), limit), 1)]
    return [SitePage("sitemap-index", "sitemap.xml", None, "Sitemap",
                     {"parts": [p.url for p in parts]}), *parts]
