"""The pages editions add: "Since …" on the home page, a page per edition, their list and feed.

Each shows an edition through :class:`EditionView`, a record of slugs and
story cards made at plan time, so the pages showing it are rendered again
exactly when what it lists changes (its record is part of their fingerprint,
see :mod:`briefgen.build.deps`); names are read through the site as usual.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Sequence

from briefgen.config import Config
from briefgen.index.editions import EditionSummary, History
from briefgen.index.site import Site
from briefgen.model import instant
from briefgen.render import feeds, routes
from briefgen.render.dates import human
from briefgen.render.story_pages import Cards, StoryCard
from briefgen.render.templates import plural
from briefgen.urls import relative_url

if TYPE_CHECKING:  # plan imports this module: its records are imported where they are made
    from briefgen.render.plan import SitePage

EDITIONS = "editions/"
FEED = routes.feed(EDITIONS)
SINCE_STORIES = 8  # stories of each kind the home page and the list of editions show
SINCE_NAMES = 12
LISTED = 30  # stories or names of each kind an edition shows on its own page and in the feed


def edition_url(number: int) -> str:
    """An edition's own page; numbered, since the pending edition has no time of its own yet."""
    return f"{EDITIONS}{number}/"


@dataclass(frozen=True)
class EditionView:
    """One edition as a page lists it: its counts, and the first stories and names of each kind.

    Small on purpose: it is part of the fingerprint of every page showing it, and the
    first edition of a large site added thousands of articles.
    """

    number: int
    since: datetime | None  # the previous edition's time
    added: int  # articles
    changed: int
    removed: int
    new_total: int  # stories
    moved_total: int
    names_total: int
    new: tuple[StoryCard, ...]
    moved: tuple[StoryCard, ...]
    names: tuple[str, ...]  # entity slugs
    newest: datetime | None  # the newest date among its articles
    url: str  # its own page


def _view(summary: EditionSummary, cards: Cards, stories: int, names: int) -> EditionView:
    s = summary
    return EditionView(s.number, s.since, len(s.added), len(s.changed), s.removed,
                       len(s.new_stories), len(s.moved_stories), len(s.first_seen),
                       cards.of(s.new_stories[:stories]), cards.of(s.moved_stories[:stories]),
                       s.first_seen[:names], s.newest, edition_url(s.number))


def since_box(history: History | None, cards: Cards) -> EditionView | None:
    """What the home page opens with: the latest edition (recorded or pending), or nothing."""
    if history is None or history.latest is None:
        return None
    return _view(history.latest, cards, SINCE_STORIES, SINCE_NAMES)


def edition_pages(site: Site, history: History | None, cards: Cards, per_page: int,
                  feed_items: int) -> list[SitePage]:
    """A page per edition, their list (newest first, paginated) and its Atom feed; none before
    the first edition."""
    from briefgen.render.plan import SitePage, paginate

    if history is None or not history.editions:
        return []
    newest_first = list(reversed(history.editions))
    full = [_view(e, cards, LISTED, LISTED) for e in newest_first]
    count = len(full)
    pages = [SitePage("editions", view.url, "edition.html", f"Edition {view.number}",
                      {"view": view, "feed": FEED,
                       "newer": edition_url(view.number + 1) if view.number < count else None,
                       "older": edition_url(view.number - 1) if view.number > 1 else None})
             for view in full]
    short = [_view(e, cards, SINCE_STORIES, SINCE_NAMES) for e in newest_first]
    pages += [SitePage("editions", pager.url(pager.number), "editions.html",
                       "Editions" if pager.number == 1 else f"Editions (page {pager.number})",
                       {"pager": pager, "feed": FEED})
              for pager in paginate(EDITIONS, short, per_page)]
    pages.append(SitePage("editions-feed", FEED, None, "Editions",
                          {"page_url": EDITIONS, "editions": tuple(full[:feed_items])}))
    return pages


def editions_feed(page: SitePage, site: Site, config: Config) -> bytes:
    """The Atom feed of editions: each one's new and moved stories and first-seen names."""
    entries = [_bulletin(view, site) for view in page.context["editions"]]
    return feeds.bulletin_feed(f"Editions — {config.title}", page.url, page.context["page_url"],
                               entries, config.base_url, config.title)


def headline(view: EditionView) -> str:
    """``Edition 4: 2 new stories, 1 moved``: an edition in one line."""
    parts = [plural(view.new_total, "new story", "new stories")]
    if view.moved_total:
        parts.append(f"{view.moved_total} moved")
    if view.removed:
        parts.append(f"{plural(view.removed, 'article')} removed")
    return f"Edition {view.number}: " + ", ".join(parts)


def _bulletin(view: EditionView, site: Site) -> feeds.Bulletin:
    since = f"since {human(view.since)}" if view.since else "the first edition"
    counts = (f"{plural(view.added, 'new article')}, {view.changed} edited, "
              f"{view.removed} removed, {since}.")
    parts = [f"<p>{html.escape(counts)}</p>"]
    parts += _cards_html("New stories", view.new, view.new_total, view.url)
    parts += _cards_html("Stories that moved", view.moved, view.moved_total, view.url)
    named = [site.entities[e] for e in view.names if e in site.entities]
    if named:
        links = ", ".join(f'<a href="{html.escape(relative_url(view.url, routes.entity(e.entity.slug)))}">'
                          f"{html.escape(e.entity.name)}</a>" for e in named)
        more = view.names_total - len(named)
        parts.append(f"<h3>Named for the first time</h3><p>{links}"
                     f"{f' and {more} more' if more > 0 else ''}</p>")
    updated = max(instant(view.since) if view.since else instant(None),
                  instant(view.newest) if view.newest else instant(None))
    return feeds.Bulletin(headline(view), view.url, updated, counts, "".join(parts))


def _cards_html(title: str, cards: Sequence[StoryCard], total: int, page_url: str) -> list[str]:
    if not cards:
        return []
    items = "".join(f'<li><a href="{html.escape(relative_url(page_url, c.url))}">'
                    f"{html.escape(c.title)}</a> ({plural(c.articles, 'article')})</li>"
                    for c in cards)
    more = f"<p>and {total - len(cards)} more</p>" if total > len(cards) else ""
    return [f"<h3>{html.escape(title)}</h3><ul>{items}</ul>{more}"]
