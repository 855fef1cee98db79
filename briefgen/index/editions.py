"""Editions: what each build that changed content added, and what is new since the last one.

An edition is a small record a person commits beside the content
(``content/editions/``, read and written by :mod:`briefgen.build.editions`):
its time and, for every article file it added or changed, the file's stem and
a hash of its bytes, so that an edited article counts as a story that moved.
Folding the editions in order gives the content the site had at the last one;
whatever differs now is the *pending* edition, the one the next ``briefgen
build`` records.

A build renders the pending edition exactly as it renders the same edition once
recorded: an edition's own time is never shown, only the previous one's ("Since
5 Dec 2026, 14:03 UTC"). That is what makes the build that records edition N,
a cold build of a clone holding it, and the preview (which shows the pending
changes without recording them) write the same bytes, whatever the clock says.

What an edition added is judged against the site as it is now: its stories are
today's grouping, and articles since deleted are counted but not listed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Iterable, Mapping, Sequence

from briefgen.index.stories import Stories
from briefgen.model import instant


@dataclass(frozen=True)
class Edition:
    """One recorded edition, or the pending one (``time`` None, ``name`` empty)."""

    time: datetime | None  # UTC, as recorded
    articles: Mapping[str, str]  # article file stem → hash of its bytes: what it added or changed
    removed: tuple[str, ...] = ()  # stems of the article files it found deleted
    name: str = ""  # its file name, for messages and a stable order between equal times


@dataclass(frozen=True)
class EditionSummary:
    """What one edition brought, in terms of the site now (slugs, not file stems)."""

    number: int  # 1 for the first edition
    since: datetime | None  # the previous edition's time; None for the first
    added: tuple[str, ...]  # articles new in it and still on the site, newest first
    changed: tuple[str, ...]  # articles it found edited, newest first
    removed: int  # articles it found deleted
    new_stories: tuple[str, ...]  # stories all of whose articles arrived in it, most recent first
    moved_stories: tuple[str, ...]  # older stories it added to or changed, most recent first
    first_seen: tuple[str, ...]  # entities every article naming them arrived in it, most named first
    newest: datetime | None  # the newest date among its articles (for the feed's ``updated``)


@dataclass(frozen=True)
class History:
    """Every edition's summary, oldest first, and what the latest added."""

    editions: tuple[EditionSummary, ...] = ()
    # articles the latest edition added, newest first; none when it is the first (all arrived
    # together, so feeds keep their order by date)
    fresh: tuple[str, ...] = ()
    # what it was made of: the editions read from disk, and the pending one (for the preview)
    recorded: tuple[Edition, ...] = ()
    pending: Edition | None = None

    @property
    def latest(self) -> EditionSummary | None:
        return self.editions[-1] if self.editions else None


def ordered(editions: Iterable[Edition]) -> list[Edition]:
    """Editions in the order they were recorded (by time, then file name); the pending one last."""
    return sorted(editions, key=lambda e: (e.time is None, e.time or datetime.min, e.name))


def state_after(editions: Sequence[Edition]) -> dict[str, str]:
    """The article files (stem → hash) the site had once ``editions`` were applied in order."""
    state: dict[str, str] = {}
    for edition in ordered(editions):
        for stem in edition.removed:
            state.pop(stem, None)
        state.update(edition.articles)
    return state


def pending(recorded: Sequence[Edition], current: Mapping[str, str]) -> Edition | None:
    """What the content holds that the recorded editions do not: the next edition, or None.

    ``current``: every article file now, stem → hash. A cold build of a clone
    whose editions cover its content gets None, and so records nothing.
    """
    before = state_after(recorded)
    changed = {stem: sha for stem, sha in sorted(current.items()) if before.get(stem) != sha}
    removed = tuple(sorted(stem for stem in before if stem not in current))
    if not changed and not removed:
        return None
    return Edition(None, changed, removed)


def history(editions: Sequence[Edition], slugs: Mapping[str, str], order: Sequence[str],
            dates: Mapping[str, datetime | date | None], stories: Stories,
            entity_articles: Mapping[str, Sequence[str]]) -> History:
    """Summaries of ``editions`` (recorded ones and the pending one) against the site now.

    ``slugs``: article file stem → article slug, for the articles on the site;
    ``order``: article slugs newest first; ``dates``: slug → date;
    ``entity_articles``: entity slug → the articles naming it.
    """
    rank = {slug: i for i, slug in enumerate(order)}
    editions = ordered(editions)
    state: set[str] = set()
    arrived: dict[str, int] = {}  # slug → the edition that (last) added its file
    touched: list[tuple[list[str], list[str], int]] = []  # per edition: added, changed, removed
    for number, edition in enumerate(editions, 1):
        added, changed = [], []
        for stem in edition.removed:
            state.discard(stem)
        for stem in edition.articles:
            slug = slugs.get(stem)
            if stem not in state:
                if slug is not None:
                    added.append(slug)
                    arrived[slug] = number
                state.add(stem)
            elif slug is not None:
                changed.append(slug)
        touched.append((added, changed, len(edition.removed)))
    for slug in order:  # on the site but in no edition (none recorded yet, or a history cut short)
        arrived.setdefault(slug, 0)

    when = arrived.__getitem__  # every article of the site is in it
    story_arrival = {slug: min(map(when, story.articles), default=0)
                     for slug, story in stories.stories.items()}
    story_rank = {slug: i for i, slug in enumerate(stories.stories)}
    first_seen: dict[int, list[tuple[int, str]]] = {}
    for slug, articles in entity_articles.items():
        if articles:
            number = min(map(when, articles))
            first_seen.setdefault(number, []).append((-len(articles), slug))

    def by_rank(slug: str) -> tuple[int, str]:
        return rank.get(slug, len(rank)), slug

    summaries = []
    for number, (added, changed, removed) in enumerate(touched, 1):
        moved = {stories.by_article[a] for a in (*added, *changed) if a in stories.by_article}
        new = sorted((s for s in moved if story_arrival.get(s) == number),
                     key=lambda s: (story_rank[s], s))
        older = sorted((s for s in moved if story_arrival.get(s, number) < number),
                       key=lambda s: (story_rank[s], s))
        names = [slug for _, slug in sorted(first_seen.get(number, ()))]
        days = [instant(d) for d in (dates.get(a) for a in (*added, *changed)) if d is not None]
        summaries.append(EditionSummary(
            number, editions[number - 2].time if number > 1 else None,
            tuple(sorted(added, key=by_rank)), tuple(sorted(changed, key=by_rank)), removed,
            tuple(new), tuple(older), tuple(names), max(days, default=None)))
    latest = summaries[-1] if summaries else None
    fresh = latest.added if latest is not None and latest.number > 1 else ()
    return History(tuple(summaries), fresh)


def fresh_first(articles: Sequence[str], fresh: Sequence[str], limit: int) -> list[str]:
    """The first ``limit`` of ``articles`` (newest first), the latest edition's ahead: what a
    feed carries.

    ``fresh``: those of ``articles`` the latest edition added, newest first. A
    story saved today about an event of last year arrives in today's edition;
    listed by date alone it would sit below the feed's cut, and a reader
    subscribed to its names would never see it.
    """
    if not fresh:
        return list(articles[:limit])
    ahead = set(fresh)
    return [*fresh, *(a for a in articles[:limit] if a not in ahead)][:limit]


def fresh_in(editions: History | None, articles: Sequence[str]) -> list[str]:
    """Those of ``articles`` the latest edition added, newest first (a scan: for short lists)."""
    if editions is None or not editions.fresh:
        return []
    ahead = set(editions.fresh)
    return [a for a in articles if a in ahead]


def fresh_by_name(editions: History | None, names_of: Mapping[str, Sequence[str]]
                  ) -> dict[str, list[str]]:
    """Name → the articles naming it that the latest edition added, newest first.

    Built from the few new articles, so every entity's feed costs nothing more
    than before when an edition adds ten stories to a site of 10,000.
    """
    found: dict[str, list[str]] = {}
    for article in editions.fresh if editions is not None else ():
        for name in names_of.get(article, ()):
            found.setdefault(name, []).append(article)
    return found
