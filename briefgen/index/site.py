"""The whole site as one frozen record, built in a single pass over the articles."""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Callable, Iterable, Mapping, Sequence

from briefgen.index.ledes import lede
from briefgen.index.mentions import ArticleMentions, find_mentions
from briefgen.index.related import related_articles
from briefgen.index.taxonomy import (Term, month_terms, recent_counts, source_terms,
                                     topic_terms)
from briefgen.model import Article, EntityResolution, Listing, SiteEntity, instant, listed
from briefgen.urls import slugify

RECENT_DAYS = 30  # "moved recently" = covered in the month before the newest story …
RECENT_MIN_STORIES = 10  # … widened to the newest ten stories when coverage is sparse
TOP_CO_MENTIONS = 12
# runs a function over slices of a list and joins the results in order (see briefgen.build.parallel)
Mapper = Callable[[Callable[[Sequence[Any]], list[Any]], Sequence[Any]], list[Any]]
TOP_LEADING = 10


@dataclass(frozen=True)
class EntityEntry:
    """One entity with every article that names it (newest first) and what it is named with."""

    entity: SiteEntity
    articles: tuple[str, ...]
    mentions: Mapping[str, ArticleMentions]  # article slug → sentences (absent: listed, never quoted)
    total_mentions: int
    co_mentioned: tuple[tuple[str, int], ...]  # (entity slug, shared articles), most first


@dataclass(frozen=True)
class Site:
    articles: Mapping[str, Listing]
    order: tuple[str, ...]  # every article slug, newest first
    bodies: Mapping[str, str]  # sanitised body HTML, before entity links
    surfaces: Mapping[str, Mapping[str, str]]  # article → {surface → entity slug}
    article_entities: Mapping[str, tuple[str, ...]]
    article_topics: Mapping[str, tuple[str, ...]]
    entities: Mapping[str, EntityEntry]
    topics: Mapping[str, Term]
    sources: Mapping[str, Term]
    months: Mapping[str, Term]  # "YYYY-MM" → term, newest month first
    related: Mapping[str, tuple[str, ...]]
    topic_entities: Mapping[str, tuple[tuple[str, int], ...]]  # topic → leading entities
    recent_topics: tuple[tuple[str, int], ...] = ()
    recent_entities: tuple[tuple[str, int], ...] = ()
    most_mentioned: tuple[str, ...] = ()
    ledes: Mapping[str, str] = field(default_factory=dict)  # opening sentences, for stories with no dek
    warnings: tuple[str, ...] = field(default_factory=tuple)


def build_index(articles: Sequence[Article], resolution: EntityResolution,
                bodies: Mapping[str, str], blocks: Mapping[str, tuple[str, ...]],
                recent_limit: int = 10, mapper: Mapper | None = None,
                mentions: Mapping[str, Mapping[str, ArticleMentions]] | None = None) -> Site:
    """Index every article once; per-entity lists grow as each article is read.

    The per-article work (finding mentions, scoring related stories) goes
    through ``mapper``, which the build points at every core; ``mentions``
    (article → what :func:`find_mentions` returns for it) may come from a cache.
    """
    mapper = mapper or (lambda fn, items: fn(items))
    ordered = sorted(articles, key=lambda a: a.sort_key, reverse=True)
    order = tuple(a.slug for a in ordered)
    by_slug = {a.slug: listed(a) for a in ordered}
    dates = {a.slug: instant(a.date) for a in ordered}

    article_entities: dict[str, tuple[str, ...]] = {}
    entity_articles: dict[str, list[str]] = defaultdict(list)
    entity_mentions: dict[str, dict[str, ArticleMentions]] = defaultdict(dict)
    found_in = [mentions[a.slug] for a in ordered] if mentions is not None else mapper(
        lambda chunk: [find_mentions(a.slug, blocks.get(a.slug, ()),
                                     resolution.by_article.get(a.slug, {})) for a in chunk],
        ordered)
    for a, found_here in zip(ordered, found_in):  # newest first: lists come out in page order
        surfaces = resolution.by_article.get(a.slug, {})
        slugs = tuple(dict.fromkeys(surfaces[e.name] for e in a.entities if e.name in surfaces))
        article_entities[a.slug] = slugs
        for slug in slugs:
            entity_articles[slug].append(a.slug)
        for slug, found in found_here.items():
            entity_mentions[slug][a.slug] = found
    co = co_mention_counts(article_entities.values())

    entities = {
        slug: EntityEntry(
            entity=ent, articles=tuple(entity_articles.get(slug, ())),
            mentions=dict(entity_mentions.get(slug, {})),
            total_mentions=sum(m.count for m in entity_mentions.get(slug, {}).values()),
            co_mentioned=co_mentioned(co.get(slug, {})))
        for slug, ent in sorted(resolution.entities.items())
        if entity_articles.get(slug) or ent.curated
    }
    topics = topic_terms(ordered, order)
    article_topics = {a.slug: tuple(dict.fromkeys(slugify(t) for t in a.topics)) for a in ordered}
    topic_entities = {slug: leading(term, article_entities) for slug, term in topics.items()}
    keys = related_keys_of(order, article_entities, article_topics)
    since = recent_since(order, dates)
    return Site(
        articles=by_slug, order=order, bodies=dict(bodies),
        surfaces=resolution.by_article, article_entities=article_entities,
        article_topics=article_topics, entities=entities, topics=topics,
        sources=source_terms(ordered, order), months=month_terms(ordered, order),
        related=related_articles(keys, order, mapper=mapper), topic_entities=topic_entities,
        recent_topics=recent_counts({s: t.articles for s, t in topics.items()}, dates, since,
                                    recent_limit) if order else (),
        recent_entities=recent_counts({s: e.articles for s, e in entities.items()}, dates,
                                      since, recent_limit) if order else (),
        most_mentioned=most_mentioned(entities, recent_limit),
        ledes={a.slug: text for a in ordered if not a.dek
               and (text := lede(blocks.get(a.slug, ())))},
    )


def most_mentioned(entities: Mapping[str, EntityEntry], limit: int = 10) -> tuple[str, ...]:
    return tuple(sorted(entities, key=lambda s: _mention_rank(entities[s], s))[:limit])


def _mention_rank(entry: EntityEntry, slug: str) -> tuple[int, int, str]:
    return (-entry.total_mentions, -len(entry.articles), slug)


def co_mentioned(counts: Mapping[str, int]) -> tuple[tuple[str, int], ...]:
    """The names most often in the same stories, most first (ties: by slug)."""
    return tuple(heapq.nsmallest(TOP_CO_MENTIONS, counts.items(), key=lambda kv: (-kv[1], kv[0])))


def leading(term: Term, article_entities: Mapping[str, Sequence[str]]
            ) -> tuple[tuple[str, int], ...]:
    """A topic's most-named entities."""
    return tuple(Counter(e for art in term.articles for e in article_entities[art])
                 .most_common(TOP_LEADING))


def recent_since(order: Sequence[str], dates: Mapping[str, datetime]) -> datetime:
    if not order:
        return datetime.min
    return min(dates[order[0]] - timedelta(days=RECENT_DAYS),
               dates[order[min(RECENT_MIN_STORIES, len(order)) - 1]])


def related_keys(entities: Sequence[str], topics: Sequence[str]) -> list[str]:
    """What related coverage matches stories on: their entities and topics."""
    return [f"e:{e}" for e in entities] + [f"t:{t}" for t in topics]


def related_keys_of(order: Sequence[str], article_entities: Mapping[str, Sequence[str]],
                    article_topics: Mapping[str, Sequence[str]]) -> dict[str, list[str]]:
    return {a: related_keys(article_entities[a], article_topics[a]) for a in order}


CO_MENTION_CAP = 200  # a story's first names (as ingest lists them, most named first) that pair up


def co_mention_counts(groups: Iterable[Sequence[str]]) -> dict[str, Counter[str]]:
    """Entity → how many stories it shares with each other entity (``groups``: each story's).

    Only a story's first :data:`CO_MENTION_CAP` names pair up: pairs grow with the
    square of the names, and a list of 100,000 names in one file would otherwise need
    gigabytes; past a few hundred, "named alongside" says nothing anyway.
    """
    co: dict[str, Counter[str]] = defaultdict(Counter)
    for group in groups:
        slugs = group[:CO_MENTION_CAP]
        for x in slugs:
            for y in slugs:
                if x != y:
                    co[x][y] += 1
    return co
