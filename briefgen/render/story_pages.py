"""The pages of stories: one per story and per storyline, the list of stories, the home's cards.

A story of one article has no page of its own: its article is its page, and a
site of 10,000 lone articles would otherwise plan 10,000 pages that only link
onwards. Everything a story page shows that the site index does not already
key per article (the story record, its outlets and topics, each outlet's
changes to the wire text) is part of the page's record, so the page is
rendered again exactly when its story changes (see :mod:`briefgen.build.deps`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Iterable, Mapping, Sequence

from briefgen.index.site import Site
from briefgen.index.stories import Story
from briefgen.render import routes
from briefgen.render.wirediff import WireDiff, sentence_diff, sentences

TOP_TOPICS = 10
LEAD_OUTLETS = 3  # a story carried by this many outlets is drawn largest on the home page


@dataclass(frozen=True)
class StoryCard:
    """A story as a list shows it: its headline, coverage and newest article."""

    slug: str
    title: str
    url: str  # its page, or its only article's page
    articles: int
    outlets: tuple[str, ...]
    newest: str  # article slug
    first: datetime | None
    last: datetime | None
    size: int  # 1 (one article) … 3 (many outlets), how large lists draw it
    storyline: str | None


def outlet(site: Site, article: str) -> str:
    """Who carried an article: its publisher, else its agency."""
    listing = site.articles[article]
    return listing.publisher or listing.agency or "Unknown source"


def has_page(story: Story) -> bool:
    return len(story.articles) > 1


def card(site: Site, story: Story) -> StoryCard:
    outlets = tuple(dict.fromkeys(outlet(site, a) for a in story.articles))
    size = 1 if len(story.articles) == 1 else 3 if len(outlets) >= LEAD_OUTLETS else 2
    url = routes.story(story.slug) if has_page(story) else routes.article(story.articles[0])
    return StoryCard(story.slug, story.title, url, len(story.articles), outlets,
                     story.articles[-1], story.first, story.last, size, story.storyline)


class Cards:
    """Each story's card, made once per plan (lists, entity pages and articles share them)."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self._memo: dict[str, StoryCard] = {}

    def __getitem__(self, slug: str) -> StoryCard:
        found = self._memo.get(slug)
        if found is None:
            found = self._memo[slug] = card(self.site, self.site.stories.stories[slug])
        return found

    def of(self, slugs: Iterable[str]) -> tuple[StoryCard, ...]:
        return tuple(self[s] for s in slugs)


def story_topics(site: Site, articles: Sequence[str], limit: int = TOP_TOPICS
                 ) -> tuple[tuple[str, int], ...]:
    """The topics most of these articles are filed under (by count, then slug)."""
    counts = Counter(t for a in articles for t in site.article_topics.get(a, ()) if t in site.topics)
    return tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit])


def diffs(site: Site, story: Story) -> tuple[WireDiff, ...]:
    """What each outlet's copy added to or cut from the wire's version, in the story's order."""
    wire = story.wire
    if wire is None or wire not in site.story_docs:
        return ()
    theirs = sentences(site.story_docs[wire].text.split("\n"))
    return tuple(sentence_diff(copy, wire, sentences(site.story_docs[copy].text.split("\n")), theirs)
                 for copy in story.articles if copy in story.copies and copy in site.story_docs)


def story_page_context(site: Site, story: Story, cards: Cards) -> dict[str, Any]:
    line = site.stories.storylines.get(story.storyline) if story.storyline else None
    dated = [a for a in story.articles if site.articles[a].date is not None]
    return {
        "story": story,
        "outlets": cards[story.slug].outlets,
        "topics": story_topics(site, story.articles),
        "diffs": diffs(site, story),
        "first_reported": dated[0] if dated else None,
        "last_reported": dated[-1] if len(dated) > 1 else None,
        "storyline": line,
        "line": cards.of(line.stories) if line is not None else (),
    }


def article_story(site: Site, slug: str, cards: Cards) -> dict[str, Any]:
    """An article page's link to its story (when the story has other articles) and its
    storyline (a lone article may be one step of a storyline)."""
    story_slug = site.stories.by_article.get(slug)
    story = site.stories.stories.get(story_slug) if story_slug else None
    if story is None:
        return {"story": None, "storyline": None, "wire_copy": False}
    line = site.stories.storylines.get(story.storyline) if story.storyline else None
    return {"story": cards[story.slug] if has_page(story) else None,
            "storyline": (line.slug, line.title) if line is not None else None,
            "wire_copy": slug in story.copies}


def entity_stories(site: Site, articles: Sequence[str], cards: Cards
                   ) -> tuple[StoryCard, ...]:
    """The stories (of more than one article) an entity's articles belong to, newest first."""
    seen = dict.fromkeys(site.stories.by_article[a] for a in articles
                         if a in site.stories.by_article)
    return tuple(cards.of(s for s in seen if has_page(site.stories.stories[s])))


def home_cards(site: Site, cards: Cards, limit: int) -> tuple[StoryCard, ...]:
    """The stories that moved most recently: the front of the briefing."""
    out: list[StoryCard] = []
    for slug in site.stories.stories:
        if len(out) >= limit:
            break
        out.append(cards[slug])
    return tuple(out)


def story_counts(site: Site) -> Mapping[str, int]:
    """How many stories have pages, how many storylines, how many lone articles."""
    multi = sum(1 for s in site.stories.stories.values() if has_page(s))
    return {"stories": multi, "storylines": len(site.stories.storylines),
            "lone": len(site.stories.stories) - multi}
