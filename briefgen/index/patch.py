"""One article's edit patched into a built site index, for the preview.

:func:`~briefgen.index.site.build_index` reads the whole corpus; the preview
cannot afford that on every save at 10,000 articles. These functions replace
what one article contributes instead, and return which parts of the
:class:`Site` changed, so the pages that read them (and only those) are
rendered again. They are exact where they apply and say so by returning
``None`` where they do not (then the caller indexes the corpus again): the
preview's tests build both ways after each kind of edit and compare the
sites byte for byte.
"""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, Mapping, Sequence

from briefgen.index.ledes import lede
from briefgen.index.quotes import Quote, named_in
from briefgen.index.mentions import ArticleMentions
from briefgen.index.related import RelatedIndex
from briefgen.index.site import (CO_MENTION_CAP, EntityEntry, Site, co_mention_counts, entity_slugs,
                                 co_mentioned, entity_counts, filed_topics, leading, article_quotes,
                                 most_mentioned, recent_since, related_keys, related_keys_of,
                                 story_doc)
from briefgen.index.stories import StoryDoc, find_stories
from briefgen.index.taxonomy import recent_counts
from briefgen.model import Article, instant, listed

Changed = dict[str, tuple[Any, ...]]  # Site field → keys replaced (``(None,)``: the whole field)


@dataclass
class IndexState:
    """What patching needs beyond the site itself, built once from it (about a second at 10,000)."""

    rank: dict[str, int]  # article → place in ``site.order``
    dates: dict[str, datetime]
    since: datetime  # the start of "recent" for the moving-now lists
    co: dict[str, Counter[str]]  # entity → how often each other entity shares a story with it
    related: RelatedIndex

    @classmethod
    def of(cls, site: Site) -> "IndexState":
        dates = {slug: instant(site.articles[slug].date) for slug in site.order}
        keys = related_keys_of(site.order, site.article_entities, site.article_topics)
        return cls({slug: i for i, slug in enumerate(site.order)}, dates,
                   recent_since(site.order, dates),
                   co_mention_counts(site.article_entities.values()),
                   RelatedIndex(keys, site.order))


@dataclass(frozen=True)
class Patched:
    site: Site
    changed: Changed


def patch_article(site: Site, state: IndexState, article: Article, body: str,
                  blocks: Sequence[str], found: Mapping[str, ArticleMentions],
                  surfaces: Mapping[str, str], limit: int = 10) -> Patched | None:
    """``site`` with one article replaced; ``None`` when only a full index is exact.

    The caller guarantees that the article's slug, dates, topics and sources
    are unchanged; an edit that files it under other topics returns ``None``. Its text, its other front matter and the names it lists
    may change, as long as every entity it now names already has a page and
    none it named is dropped (a page appearing or vanishing changes the plan).
    ``state`` is updated in place when the result is not ``None``.
    """
    slug = article.slug
    old = site.article_entities.get(slug, ())
    new = entity_slugs(article, surfaces)
    added = [e for e in new if e not in old]
    if (any(e not in new for e in old) or any(e not in site.entities for e in added)
            or (added and len(new) > CO_MENTION_CAP)):  # past the cap, pairs shift: index anew
        return None
    if filed_topics(site.topic_matcher, article, blocks, entity_counts(new, found)
                    ) != site.article_topics.get(slug):  # the edit files it elsewhere
        return None
    said = article_quotes(blocks, surfaces, {e: site.entities[e].entity.type
                                             for e in set(surfaces.values()) if e in site.entities},
                          article.quotes)
    changed: Changed = {"articles": (slug,), "bodies": (slug,)}
    entities = dict(site.entities)
    touched = list(dict.fromkeys([*old, *new, *found]))
    if added:
        for x in new:
            for y in new:
                if x != y and (x in added or y in added):
                    state.co[x][y] += 1
    for name in touched:
        entry = entities.get(name)
        if entry is not None:
            entities[name] = _entry_with(entry, slug, found.get(name), name in added,
                                         bool(added), state)
    changed["entities"] = tuple(n for n in touched if entities.get(n) is not site.entities.get(n))

    fields: dict[str, Any] = {"articles": {**site.articles, slug: listed(article)},
                              "bodies": {**site.bodies, slug: body}, "entities": entities}
    text = None if article.dek else lede(blocks)
    if text != site.ledes.get(slug):
        ledes = dict(site.ledes)
        if text:
            ledes[slug] = text
            if slug not in site.ledes:
                ledes = {a: ledes[a] for a in site.order if a in ledes}
        else:
            ledes.pop(slug, None)
        fields["ledes"], changed["ledes"] = ledes, (slug,)
    if said != site.quotes.get(slug, ()) or (added and said):  # who said what moved
        fields.update(_with_quotes(site, state, slug, said, surfaces, entities, changed))
    if added:
        fields.update(_with_names(site, state, slug, new, entities, changed, limit))
        fields["surfaces"], changed["surfaces"] = {**site.surfaces, slug: surfaces}, (slug,)
    top = _top_after(site, entities, list(changed["entities"]), limit)
    if top != site.most_mentioned:
        fields["most_mentioned"], changed["most_mentioned"] = top, (None,)
    fields.update(_with_story(site, story_doc(article, blocks, new), changed))
    return Patched(replace(site, **fields), changed)


def _grouped_by(doc: StoryDoc | None) -> tuple[object, ...]:
    """What of an article decides which story it joins, for the preview: all but its text."""
    if doc is None:
        return ()
    return (doc.title, doc.date, doc.entities, doc.publisher, doc.agency, doc.dateline)


def _with_story(site: Site, doc: StoryDoc, changed: Changed) -> dict[str, Any]:
    """The article's story record replaced; the stories found again only when it may move.

    Grouping compares every article with the corpus (seconds at 10,000), too slow
    for a save in the preview, so an edit of the text alone keeps the story map:
    its pages still show the new text (timelines read each article's listing,
    diffs against the wire are made from ``story_docs``). A changed title, day,
    name list or source groups the corpus again. The one inexactness: an edit of
    the text alone that would move the article to another story shows there only
    after the next full pass (``briefgen build``, or any edit the patch cannot take).
    """
    old = site.story_docs.get(doc.slug)
    if doc == old:
        return {}
    docs = {**site.story_docs, doc.slug: doc}
    fields: dict[str, Any] = {"story_docs": docs}
    changed["story_docs"] = (doc.slug,)
    if _grouped_by(doc) != _grouped_by(old):
        stories = find_stories(list(docs.values()), {s: e.entity.name for s, e in site.entities.items()})
        if stories != site.stories:
            fields["stories"], changed["stories"] = stories, (None,)
    return fields


def _quote_refs(said: Sequence[Quote], surfaces: Mapping[str, str],
                entities: Mapping[str, EntityEntry]) -> tuple[dict[str, list[int]],
                                                             dict[str, list[int]]]:
    """One article's share of ``said_by`` and ``said_about`` (entity → quote numbers)."""
    by: dict[str, list[int]] = {}
    about: dict[str, list[int]] = {}
    for i, (quote, named) in enumerate(zip(said, named_in(said, surfaces))):
        if quote.entity is not None and quote.entity in entities:
            by.setdefault(quote.entity, []).append(i)
        for name in named:
            if name in entities:
                about.setdefault(name, []).append(i)
    return by, about


def _with_quotes(site: Site, state: IndexState, slug: str, said: tuple[Quote, ...],
                 surfaces: Mapping[str, str], entities: Mapping[str, EntityEntry],
                 changed: Changed) -> dict[str, Any]:
    """The article's quotes replaced, and the entity lists of who said what that follow."""
    quotes = dict(site.quotes)
    if said:
        quotes[slug] = said
    else:
        quotes.pop(slug, None)
    if (slug in quotes) != (slug in site.quotes):  # the built order: newest story first
        quotes = {a: quotes[a] for a in site.order if a in quotes}
    fields: dict[str, Any] = {"quotes": quotes}
    changed["quotes"] = (slug,)
    before = _quote_refs(site.quotes.get(slug, ()), site.surfaces.get(slug, {}), site.entities)
    after = _quote_refs(said, surfaces, entities)
    rank = state.rank[slug]
    for name, old, new in (("said_by", before[0], after[0]), ("said_about", before[1], after[1])):
        current: Mapping[str, tuple[tuple[str, int], ...]] = getattr(site, name)
        table = dict(current)
        moved = []
        for entity in sorted(set(old) | set(new)):
            kept = [ref for ref in table.get(entity, ()) if ref[0] != slug]
            at = sum(1 for a, _ in kept if state.rank[a] < rank)
            merged = (*kept[:at], *((slug, i) for i in new.get(entity, ())), *kept[at:])
            if merged:
                table[entity] = merged
            else:
                table.pop(entity, None)
            if table.get(entity) != current.get(entity):
                moved.append(entity)
        if moved:
            fields[name] = {k: table[k] for k in sorted(table)}
            changed[name] = tuple(moved)
    return fields


def _entry_with(entry: EntityEntry, slug: str, quotes: ArticleMentions | None, added: bool,
                co_changed: bool, state: IndexState) -> EntityEntry:
    """An entity's entry with one article's quotes replaced (and the article added to it);
    ``entry`` itself when nothing it holds changed."""
    co = co_mentioned(state.co.get(entry.entity.slug, {})) if co_changed else entry.co_mentioned
    if not added and quotes == entry.mentions.get(slug) and co == entry.co_mentioned:
        return entry
    articles = entry.articles
    if added:
        ranks = [state.rank[a] for a in articles]
        at = bisect.bisect_left(ranks, state.rank[slug])
        articles = articles[:at] + (slug,) + articles[at:]
    mentions = dict(entry.mentions)
    if quotes is not None:
        mentions[slug] = quotes
    else:
        mentions.pop(slug, None)
    if quotes is not None and slug not in entry.mentions:  # keep the built order: newest first
        mentions = {a: mentions[a] for a in articles if a in mentions}
    return replace(entry, articles=articles, mentions=mentions,
                   total_mentions=sum(m.count for m in mentions.values()), co_mentioned=co)


def _with_names(site: Site, state: IndexState, slug: str, new: tuple[str, ...],
                entities: Mapping[str, EntityEntry], changed: Changed, limit: int
                ) -> dict[str, Any]:
    """The lists that follow from the names an article lists: topics' leading names,
    related coverage, the names moving now."""
    article_entities = {**site.article_entities, slug: new}
    fields: dict[str, Any] = {"article_entities": article_entities}
    changed["article_entities"] = (slug,)
    topic_entities = dict(site.topic_entities)
    moved = []
    for topic in site.article_topics.get(slug, ()):
        term = site.topics.get(topic)
        if term is not None:
            top = leading(term, article_entities)
            if top != topic_entities.get(topic):
                topic_entities[topic] = top
                moved.append(topic)
    if moved:
        fields["topic_entities"], changed["topic_entities"] = topic_entities, tuple(moved)
    affected = state.related.rekey(slug, related_keys(new, site.article_topics.get(slug, ())))
    related = dict(site.related)
    rerated = []
    for a in affected:
        best = state.related.best_for(a)
        if best != related.get(a):
            related[a] = best
            rerated.append(a)
    if rerated:
        fields["related"], changed["related"] = related, tuple(rerated)
    if site.order and state.dates[slug] >= state.since:
        recent = recent_counts({s: e.articles for s, e in entities.items()}, state.dates,
                               state.since, limit)
        if recent != site.recent_entities:
            fields["recent_entities"], changed["recent_entities"] = recent, (None,)
    return fields


def _top_after(site: Site, entities: Mapping[str, EntityEntry], touched: list[str],
               limit: int) -> tuple[str, ...]:
    """The most-mentioned list after some entries changed, without sorting them all.

    Exact: only when a listed entity lost mentions or stories can an unlisted
    one move in past the candidates, and then the whole list is sorted again.
    """
    top = site.most_mentioned
    if len(top) < limit or any(
            s in top and (entities[s].total_mentions < site.entities[s].total_mentions
                          or len(entities[s].articles) < len(site.entities[s].articles))
            for s in touched):
        return most_mentioned(entities, limit)
    candidates = list(dict.fromkeys([*top, *touched]))
    return most_mentioned({s: entities[s] for s in candidates}, limit)
