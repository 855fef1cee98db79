"""Frozen records handed from one pipeline stage to the next.

``RawDoc → Extracted → Article → Site → pages``: each stage reads one kind of
record and returns the next, never mutating what it was given, so stages can be
tested alone, cached by content hash and run in parallel.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Literal, Mapping

EntityType = Literal["person", "organization", "place"]
ENTITY_TYPES: tuple[str, ...] = ("person", "organization", "place")


@dataclass(frozen=True)
class RawDoc:
    """One raw input file, decoded, with the metadata a sidecar file already knows."""

    path: Path
    kind: str  # reader kind: "html", "text" or "markdown"
    text: str
    sha256: str  # of the raw bytes, so re-ingest can tell an unchanged source
    encoding: str
    sidecar: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Entity:
    """A person, organisation or place as an article's front matter lists it."""

    name: str
    type: str
    aliases: tuple[str, ...] = ()
    mentions: int = 0  # how often the article names it (any alias); 0 when unknown


@dataclass(frozen=True)
class Said:
    """A quote as front matter lists it (``quotes:``), so that a person can correct it."""

    text: str
    speaker: str  # as the story calls them: "Kim", "state media"
    entity: str = ""  # the name of one of the article's entities; empty for a description


@dataclass(frozen=True)
class Extracted:
    """What a reader found in one raw document: clean body plus metadata.

    ``provenance`` maps a field name to the layer that supplied its value
    (``"json-ld"``, ``"meta:og:title"``, ``"text:line 12"``, ``"sidecar"``, ``"url"``),
    so a person reading the content file can see why a date is what it is.
    """

    title: str
    body: str  # clean Markdown: the story's paragraphs in order, nothing else
    dek: str | None = None
    publisher: str | None = None
    agency: str | None = None
    authors: tuple[str, ...] = ()
    dateline: str | None = None
    published: datetime | date | None = None
    updated: datetime | date | None = None
    reading_time: int | None = None
    topics: tuple[str, ...] = ()
    url: str | None = None
    image_caption: str | None = None
    language: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)  # licence, attribution, syndication note …
    provenance: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Source:
    """Where an article came from: the raw file, its hash and the page's URL."""

    path: str | None = None
    sha256: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Listing:
    """An article as pages see it through the site index: its validated front matter.

    It has no ``body`` and no raw ``entities``: pages read the rendered body at
    ``site.bodies[slug]`` and the resolved, linked names at
    ``site.article_entities[slug]``. A template asking a listing for either
    fails loudly (``StrictUndefined``) instead of rendering nothing, and a list
    page showing a story's title and date does not depend on which names the
    story carries, so it is not rendered again when one is added.
    """

    slug: str
    title: str
    path: Path  # the content file, for error messages
    dek: str | None = None
    published: datetime | date | None = None  # a date alone when the source gives no time
    updated: datetime | date | None = None
    publisher: str | None = None
    agency: str | None = None
    authors: tuple[str, ...] = ()
    dateline: str | None = None
    reading_time: int | None = None
    topics: tuple[str, ...] = ()
    source: Source = field(default_factory=Source)
    license: str | None = None
    attribution: str | None = None
    image_caption: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def date(self) -> datetime | date | None:
        """The date the story is filed under: first publication, else last update."""
        return self.published or self.updated

    @property
    def sort_key(self) -> tuple[datetime, str]:
        """Newest-first ordering that mixes dates and zoned times and never ties."""
        return (instant(self.date), self.slug)


@dataclass(frozen=True)
class Article(Listing):
    """One content file's front matter as build reads it, with the names ingest found in it.

    The Markdown body travels beside it (:func:`briefgen.build.content.read_article`),
    not inside: the build parses it once into HTML and text blocks and keeps those.
    """

    entities: tuple[Entity, ...] = ()
    quotes: tuple[Said, ...] | None = None  # None: the file lists none, the build finds them


_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def listed(article: Article) -> Listing:
    """The article as the site index holds it (see :class:`Listing`)."""
    return Listing(**{f.name: getattr(article, f.name) for f in fields(Listing)})


def instant(value: datetime | date | None) -> datetime:
    """A comparable UTC moment for a date, a zoned or a naive time (naive counts as UTC)."""
    if value is None:
        return _EPOCH
    if not isinstance(value, datetime):
        return datetime(value.year, value.month, value.day, tzinfo=timezone.utc)
    if value.tzinfo is None:
        return value.replace(tzinfo=timezone.utc)
    return value


@dataclass(frozen=True)
class CuratedEntity:
    """A hand-written ``content/entities/<slug>.md``: always wins over extraction."""

    slug: str
    name: str
    type: str | None
    aliases: tuple[str, ...]
    description: str  # Markdown
    not_: tuple[str, ...]  # slugs this entity must never merge with
    path: Path


@dataclass(frozen=True)
class SiteEntity:
    """One entity of the whole site, after merging aliases across articles and curation."""

    slug: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    description: str = ""  # Markdown, from a curated file
    curated: bool = False


@dataclass(frozen=True)
class EntityResolution:
    """How every article's entity names map onto the site's entities."""

    entities: Mapping[str, SiteEntity]  # slug → entity
    by_article: Mapping[str, Mapping[str, str]]  # article slug → {surface form → entity slug}
    ambiguous: tuple[str, ...] = ()  # names that could be two entities, for `briefgen check`
