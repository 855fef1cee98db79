"""Group articles into named terms: topics, sources (publishers, agencies) and months.

Every term keeps its articles newest first, so list pages, feeds and
"latest" boxes just slice. Names that slug alike ("U.S." / "US") are one term.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Iterable, Mapping, Sequence

from briefgen.model import Listing
from briefgen.urls import slugify

UNDATED = "undated"  # the archive bucket for stories with no date, so none is unreachable
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")


@dataclass(frozen=True)
class Term:
    """One topic, source or month and its articles, newest first."""

    slug: str
    name: str
    articles: tuple[str, ...]
    roles: tuple[str, ...] = ()  # for sources: "publisher", "agency"


def _terms(pairs: Iterable[tuple[str, str]], order: Sequence[str],
           roles: Mapping[str, set[str]] | None = None) -> dict[str, Term]:
    """Build terms from ``(article slug, term name)`` pairs."""
    rank = {slug: i for i, slug in enumerate(order)}
    members: dict[str, set[str]] = defaultdict(set)
    names: dict[str, Counter[str]] = defaultdict(Counter)
    for article, name in pairs:
        slug = slugify(name)
        members[slug].add(article)
        names[slug][name] += 1
    return {
        slug: Term(slug=slug, name=names[slug].most_common(1)[0][0],
                   articles=tuple(sorted(arts, key=rank.__getitem__)),
                   roles=tuple(sorted((roles or {}).get(slug, ()))))
        for slug, arts in sorted(members.items())
    }


def topic_terms(articles: Sequence[Listing], order: Sequence[str]) -> dict[str, Term]:
    """Topics as the sources listed them (no definitions)."""
    return _terms(((a.slug, t) for a in articles for t in a.topics), order)


def filed_topic_terms(articles: Sequence[Listing], order: Sequence[str],
                      filed: Mapping[str, Sequence[str]], defined: Mapping[str, str],
                      keep: Iterable[str] = ()) -> dict[str, Term]:
    """Topics from every article's filed slugs (``filed``: article → topic slugs).

    A defined topic (``defined``: slug → name) takes its definition's name;
    any other takes the spelling most sources use. ``keep``: topics that get a
    term even with no article (a project's own definitions, so the desk sees them).
    """
    rank = {slug: i for i, slug in enumerate(order)}
    spelled: dict[str, Counter[str]] = defaultdict(Counter)
    for a in articles:
        for name in a.topics:
            spelled[slugify(name)][name] += 1
    members: dict[str, list[str]] = {slug: [] for slug in keep}
    for a in articles:
        for slug in filed.get(a.slug, ()):
            members.setdefault(slug, []).append(a.slug)
    return {
        slug: Term(slug=slug, name=defined.get(slug) or spelled[slug].most_common(1)[0][0],
                   articles=tuple(sorted(set(arts), key=rank.__getitem__)))
        for slug, arts in sorted(members.items())
    }


def source_terms(articles: Sequence[Listing], order: Sequence[str]) -> dict[str, Term]:
    """Publishers and agencies share one namespace: "AP" the agency is "AP" the publisher."""
    pairs: list[tuple[str, str]] = []
    roles: dict[str, set[str]] = defaultdict(set)
    for a in articles:
        for role, name in (("publisher", a.publisher), ("agency", a.agency)):
            if name:
                pairs.append((a.slug, name))
                roles[slugify(name)].add(role)
    return _terms(pairs, order, roles)


def month_key(article: Listing) -> str | None:
    """``YYYY-MM`` in the article's own zone (the date its readers saw), or None."""
    when = article.date
    if when is None:
        return None
    return f"{when.year:04d}-{when.month:02d}"


def month_name(key: str) -> str:
    if key == UNDATED:
        return "Undated"
    year, month = key.split("-")
    return f"{MONTH_NAMES[int(month) - 1]} {year}"


def month_terms(articles: Sequence[Listing], order: Sequence[str]) -> dict[str, Term]:
    rank = {slug: i for i, slug in enumerate(order)}
    members: dict[str, list[str]] = defaultdict(list)
    for a in articles:
        members[month_key(a) or UNDATED].append(a.slug)
    dated = sorted((k for k in members if k != UNDATED), reverse=True)
    keys = dated + ([UNDATED] if UNDATED in members else [])
    return {key: Term(slug=key, name=month_name(key),
                      articles=tuple(sorted(members[key], key=rank.__getitem__)))
            for key in keys}


def recent_counts(term_articles: Mapping[str, Sequence[str]], dates: Mapping[str, datetime],
                  since: datetime, limit: int) -> tuple[tuple[str, int], ...]:
    """Terms with the most articles on or after ``since``; ties go to the latest story."""
    scored = []
    for slug, arts in term_articles.items():
        recent = [dates[a] for a in arts if dates[a] >= since]
        if recent:
            scored.append((slug, len(recent), max(recent)))
    scored.sort(key=lambda x: (-x[1], -x[2].timestamp(), x[0]))
    return tuple((slug, n) for slug, n, _ in scored[:limit])
