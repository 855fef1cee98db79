"""The whole site as one frozen record, built in a single pass over the articles."""

from __future__ import annotations

import hashlib
import heapq
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Callable, Iterable, Mapping, MutableMapping, Sequence

from briefgen.index.ledes import lede
from briefgen.index.mentions import ArticleMentions, find_mentions
from briefgen.index.related import related_articles
from briefgen.index.taxonomy import (Term, filed_topic_terms, month_terms, recent_counts,
                                     source_terms)
from briefgen.index.quotes import Quote, find_quotes, given_quotes, named_in
from briefgen.index.stories import Stories, StoryDoc, find_stories
from briefgen.index.topics import Matcher, TopicDefinition
from briefgen.names import name_key
from briefgen.model import (Article, EntityResolution, Listing, Said, SiteEntity, instant,
                            listed)
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
    # topic slug → its definition (topics with a term only); the matcher files an edited article again
    topic_definitions: Mapping[str, TopicDefinition] = field(default_factory=dict)
    topic_matcher: Matcher = field(default_factory=Matcher)
    unfiled: tuple[str, ...] = ()  # articles in no topic at all, for `briefgen check`
    quotes: Mapping[str, tuple[Quote, ...]] = field(default_factory=dict)  # article → who said what
    # entity → (article, quote number) of what it said, and of quotes naming it, newest first
    said_by: Mapping[str, tuple[tuple[str, int], ...]] = field(default_factory=dict)
    said_about: Mapping[str, tuple[tuple[str, int], ...]] = field(default_factory=dict)
    # the articles grouped into stories and storylines, and what the grouping read of each
    stories: Stories = field(default_factory=lambda: Stories({}, {}, {}))
    story_docs: Mapping[str, StoryDoc] = field(default_factory=dict)


def build_index(articles: Sequence[Article], resolution: EntityResolution,
                bodies: Mapping[str, str], blocks: Mapping[str, tuple[str, ...]],
                recent_limit: int = 10, mapper: Mapper | None = None,
                mentions: Mapping[str, Mapping[str, ArticleMentions]] | None = None,
                topics: Sequence[TopicDefinition] = (),
                filing: MutableMapping[str, tuple[str, tuple[str, ...]]] | None = None,
                said: MutableMapping[str, tuple[str, tuple[Quote, ...]]] | None = None,
                stories: Callable[[], Stories] | None = None,
                docs: Sequence[StoryDoc] | None = None) -> Site:
    """Index every article once; per-entity lists grow as each article is read.

    The per-article work (finding mentions, scoring related stories) goes
    through ``mapper``, which the build points at every core; ``mentions``
    (article → what :func:`find_mentions` returns for it) may come from a cache.
    ``topics``: the definitions articles are filed by (:mod:`briefgen.index.topics`),
    beside the topics their sources listed; ``filing`` (article → (key, topics)) keeps
    each article's topics from the last build, and is updated in place; ``said`` does
    the same for each article's quotes. ``stories`` hands over the articles' stories when
    the build clusters them beside this, from ``docs`` (:func:`story_docs`: what it reads).
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
        slugs = entity_slugs(a, resolution.by_article.get(a.slug, {}))
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
    matcher = Matcher.of(topics, ((slug, e.name, e.aliases)
                                  for slug, e in sorted(resolution.entities.items())))
    counts = [entity_counts(article_entities[a.slug], found_here)
              for a, found_here in zip(ordered, found_in)]
    article_topics = _file_all(matcher, ordered, blocks, counts, mapper, filing)
    definitions = {t.slug: t for t in topics}
    topics_ = filed_topic_terms(ordered, order, article_topics,
                                {slug: t.name for slug, t in definitions.items()},
                                keep=[t.slug for t in topics if t.curated])
    topic_entities = {slug: leading(term, article_entities) for slug, term in topics_.items()}
    types = {slug: e.type for slug, e in resolution.entities.items()}
    quotes = _quotes_all(ordered, blocks, resolution.by_article, types, mapper, said)
    said_by, said_about = quote_index(order, quotes, resolution.by_article, entities)
    keys = related_keys_of(order, article_entities, article_topics)
    since = recent_since(order, dates)
    by_doc = ({d.slug: d for d in docs} if docs is not None else
              {a.slug: story_doc(a, blocks.get(a.slug, ()), article_entities[a.slug]) for a in ordered})
    return Site(
        articles=by_slug, order=order, bodies=dict(bodies),
        surfaces=resolution.by_article, article_entities=article_entities,
        article_topics=article_topics, entities=entities, topics=topics_,
        sources=source_terms(ordered, order), months=month_terms(ordered, order),
        related=related_articles(keys, order, mapper=mapper), topic_entities=topic_entities,
        recent_topics=recent_counts({s: t.articles for s, t in topics_.items()}, dates, since,
                                    recent_limit) if order else (),
        recent_entities=recent_counts({s: e.articles for s, e in entities.items()}, dates,
                                      since, recent_limit) if order else (),
        most_mentioned=most_mentioned(entities, recent_limit),
        ledes={a.slug: text for a in ordered if not a.dek
               and (text := lede(blocks.get(a.slug, ())))},
        topic_definitions={s: t for s, t in definitions.items() if s in topics_},
        topic_matcher=matcher,
        unfiled=tuple(a for a in order if not article_topics[a]),
        quotes=quotes, said_by=said_by, said_about=said_about,
        stories=stories() if stories is not None else find_stories(
            list(by_doc.values()), {slug: e.name for slug, e in resolution.entities.items()}),
        story_docs=by_doc,
    )


def entity_slugs(article: Article, surfaces: Mapping[str, str]) -> tuple[str, ...]:
    """The article's entities as the site's slugs, in its front matter's order (most named first)."""
    return tuple(dict.fromkeys(surfaces[e.name] for e in article.entities if e.name in surfaces))


def story_docs(articles: Sequence[Article], blocks: Mapping[str, tuple[str, ...]],
               resolution: EntityResolution) -> list[StoryDoc]:
    """What story clustering reads of every article: needs only the resolution, so the
    build can cluster while it indexes the rest."""
    return [story_doc(a, blocks.get(a.slug, ()), entity_slugs(a, resolution.by_article.get(a.slug, {})))
            for a in articles]


def story_doc(article: Listing, blocks: Sequence[str], entities: Sequence[str]) -> StoryDoc:
    """What story clustering reads of an article: its words, day, names and source."""
    return StoryDoc(slug=article.slug, title=article.title, text="\n".join(blocks),
                    date=instant(article.date) if article.date is not None else None,
                    entities=tuple(entities), publisher=article.publisher,
                    agency=article.agency, dateline=article.dateline)


def _quotes_all(ordered: Sequence[Article], blocks: Mapping[str, tuple[str, ...]],
                by_article: Mapping[str, Mapping[str, str]], types: Mapping[str, str],
                mapper: Mapper, said: MutableMapping[str, tuple[str, tuple[Quote, ...]]] | None
                ) -> dict[str, tuple[Quote, ...]]:
    """Every article's quotes (only articles with some); with ``said``, only articles whose
    text or names changed are read again (the key hashes both, and the names' types)."""
    known = said if said is not None else {}
    keys = []
    for a in ordered:
        surfaces = by_article.get(a.slug, {})
        h = hashlib.blake2b(repr((sorted(surfaces.items()), sorted(
            (e, types.get(e)) for e in set(surfaces.values())))).encode("utf-8", "surrogatepass"),
            digest_size=16)
        for block in blocks.get(a.slug, ()):
            h.update(b"\x00" + block.encode("utf-8", "surrogatepass"))
        h.update(repr(a.quotes).encode("utf-8", "surrogatepass"))  # the file's own list wins
        keys.append(h.hexdigest())
    todo = [i for i, (a, key) in enumerate(zip(ordered, keys))
            if known.get(a.slug, ("", ()))[0] != key]
    fresh = mapper(lambda chunk: [article_quotes(blocks.get(ordered[i].slug, ()),
                                                 by_article.get(ordered[i].slug, {}), types,
                                                 ordered[i].quotes)
                                  for i in chunk], todo)
    found = {ordered[i].slug: here for i, here in zip(todo, fresh)}
    out = {a.slug: found[a.slug] if a.slug in found else known[a.slug][1] for a in ordered}
    if said is not None:
        said.clear()
        said.update((a.slug, (key, out[a.slug])) for a, key in zip(ordered, keys))
    return {slug: q for slug, q in out.items() if q}


def article_quotes(blocks: Sequence[str], surfaces: Mapping[str, str],
                   types: Mapping[str, str], given: Sequence[Said] | None = None
                   ) -> tuple[Quote, ...]:
    """One article's attributed statements, speakers tied to its entities: those its front
    matter lists (``given``, written by ingest or a person), else found in its text."""
    if given is not None:
        return given_quotes(given, surfaces)
    return find_quotes(blocks, surfaces, types)


def quote_index(order: Sequence[str], quotes: Mapping[str, Sequence[Quote]],
                surfaces: Mapping[str, Mapping[str, str]], entities: Mapping[str, Any]
                ) -> tuple[dict[str, tuple[tuple[str, int], ...]],
                           dict[str, tuple[tuple[str, int], ...]]]:
    """Entity → its quotes, and → the quotes that name it; newest story first."""
    by: dict[str, list[tuple[str, int]]] = defaultdict(list)
    about: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for article in order:
        said = quotes.get(article, ())
        for i, (quote, named) in enumerate(zip(said, named_in(said, surfaces.get(article, {})))):
            if quote.entity is not None and quote.entity in entities:
                by[quote.entity].append((article, i))
            for slug in named:
                if slug in entities:
                    about[slug].append((article, i))
    return ({k: tuple(v) for k, v in sorted(by.items())},
            {k: tuple(v) for k, v in sorted(about.items())})


def _file_all(matcher: Matcher, ordered: Sequence[Article], blocks: Mapping[str, tuple[str, ...]],
              counts: Sequence[Mapping[str, int]], mapper: Mapper,
              filing: MutableMapping[str, tuple[str, tuple[str, ...]]] | None
              ) -> dict[str, tuple[str, ...]]:
    """Every article's topics; with ``filing``, only articles whose inputs changed are matched.

    An article's key hashes all its filing reads: the definitions (and the entities
    they name), its title, dek, listed topics, text and entity counts.
    """
    known = filing if filing is not None else {}
    base = matcher.digest()
    keys = [filing_key(base, a, blocks.get(a.slug, ()), n) for a, n in zip(ordered, counts)]
    todo = [i for i, (a, key) in enumerate(zip(ordered, keys))
            if known.get(a.slug, ("", ()))[0] != key]
    fresh = mapper(lambda chunk: [filed_topics(matcher, ordered[i], blocks.get(ordered[i].slug, ()),
                                               counts[i]) for i in chunk], todo)
    found = {ordered[i].slug: here for i, here in zip(todo, fresh)}
    out = {a.slug: found[a.slug] if a.slug in found else known[a.slug][1] for a in ordered}
    if filing is not None:
        filing.clear()
        filing.update((a.slug, (key, out[a.slug])) for a, key in zip(ordered, keys))
    return out


def filing_key(base: str, article: Listing, blocks: Sequence[str], counts: Mapping[str, int]
               ) -> str:
    h = hashlib.blake2b(base.encode(), digest_size=16)
    h.update(repr((article.title, article.dek, article.topics, sorted(counts.items()))).encode(
        "utf-8", "surrogatepass"))
    for block in blocks:
        h.update(b"\x00" + block.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def entity_counts(slugs: Sequence[str], found: Mapping[str, ArticleMentions]) -> dict[str, int]:
    """How often an article names each of its entities (a listed name counts at least once)."""
    counts = {slug: 1 for slug in slugs}
    for slug, m in found.items():
        counts[slug] = max(m.count, 1)
    return counts


def filed_topics(matcher: Matcher, article: Listing, blocks: Sequence[str],
                 entities: Mapping[str, int]) -> tuple[str, ...]:
    """An article's topics: those its source listed (a definition's alias is that topic),
    then those the definitions file it under."""
    listed_ = tuple(dict.fromkeys(matcher.by_alias.get(name_key(t)) or slugify(t)
                                  for t in article.topics))
    return tuple(dict.fromkeys((*listed_, *matcher.file(article.title, article.dek, blocks,
                                                        entities, listed_))))


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
