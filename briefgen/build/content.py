"""One content file into a validated :class:`Article` or :class:`CuratedEntity` record.

Every problem names the file and the line of the offending key. Which files
are read, and in what order, is :mod:`briefgen.build.load`'s business: one bad
file never hides the others there.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from typing import Any, Mapping

from briefgen import frontmatter
from briefgen.errors import BriefgenError
from briefgen.index.patterns import PatternError
from briefgen.index.topics import MIN_SCORE, TopicDefinition, define, pattern_lines
from briefgen.model import ENTITY_TYPES, Article, CuratedEntity, Entity, Said, Source
from briefgen.urls import is_slug, slugify

ARTICLE_KEYS = {"title", "dek", "published", "updated", "publisher", "agency", "authors",
                "dateline", "reading_time", "topics", "entities", "source", "license",
                "attribution", "image_caption", "slug", "quotes"}

TOPIC_KEYS = {"name", "aliases", "patterns", "min_score"}


def _read_text(path: Path) -> str:
    data = path.read_bytes()
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise BriefgenError("is a binary file, not Markdown", path,
                            hint="move it out of content/ (raw files belong in seeds/)")
    try:
        return data.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise BriefgenError("is not UTF-8 text", path, line,
                            "save it as UTF-8, or run it through `briefgen ingest`") from exc


class _Fields:
    """Typed access to one front-matter mapping, with errors that point at the key's line."""

    def __init__(self, meta: Mapping[str, Any], text: str, path: Path) -> None:
        self.meta, self.text, self.path = meta, text, path

    def line(self, key: str) -> int | None:
        return frontmatter.key_line(self.text, key)

    def fail(self, key: str, message: str, hint: str) -> BriefgenError:
        return BriefgenError(f"`{key}` {message}", self.path, self.line(key), hint)

    def text_field(self, key: str, required: bool = False) -> str | None:
        value = self.meta.get(key)
        if value is None or value == "":
            if required:
                raise BriefgenError(f"front matter has no `{key}`", self.path, 1,
                                    f"add a `{key}:` line to the front matter")
            return None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        if not isinstance(value, str):
            raise self.fail(key, f"must be text, not {type(value).__name__}",
                            f"write `{key}: some text`")
        return value.strip()

    def text_list(self, key: str) -> tuple[str, ...]:
        value = self.meta.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) for v in value):
            raise self.fail(key, f"must be a list of names, not {value!r}",
                            f"write `{key}: [First, Second]`")
        return tuple(dict.fromkeys(str(v).strip() for v in value if str(v).strip()))

    def moment(self, key: str) -> datetime | date | None:
        value = self.meta.get(key)
        if value is None or value == "":
            return None
        if isinstance(value, (datetime, date)):
            return value
        try:
            text = str(value).strip().replace("Z", "+00:00")
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
                return date.fromisoformat(text)
            return datetime.fromisoformat(text)
        except ValueError:
            raise self.fail(key, f"is not a date: {value!r}",
                            "use ISO 8601, e.g. 2023-08-14T09:03:00+05:30 or 2023-08-14") from None

    def integer(self, key: str) -> int | None:
        value = self.meta.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise self.fail(key, f"must be a whole number of minutes, not {value!r}",
                            f"write `{key}: 3`")
        return value

    def entities(self) -> tuple[Entity, ...]:
        value = self.meta.get("entities") or []
        if not isinstance(value, list):
            raise self.fail("entities", "must be a list of {name, type, aliases}",
                            "write `- name: Kim Jong Un` items with `type: person`")
        out = []
        for item in value:
            if isinstance(item, str):
                item = {"name": item}
            if not isinstance(item, dict) or not isinstance(item.get("name"), str) or not item["name"].strip():
                raise self.fail("entities", f"has an item without a name: {item!r}",
                                "each item needs `name:` (and `type:`, `aliases:`)")
            etype = item.get("type") or "organization"
            if etype not in ENTITY_TYPES:
                raise self.fail("entities", f"{item['name']!r} has unknown type {etype!r}",
                                f"use one of {', '.join(ENTITY_TYPES)}")
            aliases = item.get("aliases") or []
            if isinstance(aliases, str):
                aliases = [aliases]
            if not isinstance(aliases, list):
                raise self.fail("entities", f"{item['name']!r} has aliases that are not a list",
                                "write `aliases: [KCNA]`")
            mentions = item.get("mentions", 0)
            out.append(Entity(name=item["name"].strip(), type=etype,
                              aliases=tuple(str(a).strip() for a in aliases if str(a).strip()),
                              mentions=mentions if isinstance(mentions, int) else 0))
        return tuple(out)

    def quotes(self) -> tuple[Said, ...] | None:
        """``quotes:`` as a person may have edited it; absent (older files): None."""
        if "quotes" not in self.meta:
            return None
        value = self.meta.get("quotes") or []
        if not isinstance(value, list):
            raise self.fail("quotes", "must be a list of {text, speaker, entity}",
                            "write `- {text: …, speaker: Kim, entity: Kim Jong Un}` items")
        out = []
        for item in value:
            if not isinstance(item, dict) or not isinstance(item.get("text"), str) \
                    or not item["text"].strip():
                raise self.fail("quotes", f"has an item without a text: {item!r}",
                                "each item needs `text:` and `speaker:` (and `entity:`)")
            out.append(Said(text=item["text"].strip(), speaker=str(item.get("speaker") or "").strip(),
                            entity=str(item.get("entity") or "").strip()))
        return tuple(out)

    def source(self) -> Source:
        value = self.meta.get("source") or {}
        if isinstance(value, str):
            return Source(url=value)
        if not isinstance(value, dict):
            raise self.fail("source", "must be a mapping with path, sha256, url",
                            "write `source: {url: https://…}`")
        return Source(path=_opt_str(value.get("path")), sha256=_opt_str(value.get("sha256")),
                      url=_opt_str(value.get("url")))


def _opt_str(value: Any) -> str | None:
    return str(value) if value not in (None, "") else None


def read_article(path: Path) -> tuple[Article, str]:
    """The article's validated front matter, and its Markdown body."""
    text = _read_text(path)
    meta, body, _ = frontmatter.split(text, path)
    f = _Fields(meta, text, path)
    title = f.text_field("title", required=True)
    slug = f.text_field("slug") or path.stem
    if not is_slug(slug):
        fixed = slugify(slug)
        raise BriefgenError(f"slug {slug!r} is not a safe URL name", path, f.line("slug"),
                            f"rename the file or set `slug: {fixed}`")
    extra = {k: v for k, v in meta.items() if k not in ARTICLE_KEYS}
    return Article(
        slug=slug, title=title or "", path=path,
        dek=f.text_field("dek"), published=f.moment("published"), updated=f.moment("updated"),
        publisher=f.text_field("publisher"), agency=f.text_field("agency"),
        authors=f.text_list("authors"), dateline=f.text_field("dateline"),
        reading_time=f.integer("reading_time"), topics=f.text_list("topics"),
        entities=f.entities(), source=f.source(), license=f.text_field("license"),
        attribution=f.text_field("attribution"), image_caption=f.text_field("image_caption"),
        extra=extra, quotes=f.quotes(),
    ), body


def read_curated_entity(path: Path) -> CuratedEntity:
    text = _read_text(path)
    meta, body, _ = frontmatter.split(text, path)
    f = _Fields(meta, text, path)
    name = f.text_field("name", required=True) or ""
    etype = f.text_field("type")
    if etype is not None and etype not in ENTITY_TYPES:
        raise f.fail("type", f"is {etype!r}", f"use one of {', '.join(ENTITY_TYPES)}")
    slug = path.stem
    if not is_slug(slug):
        raise BriefgenError(f"file name {path.name!r} is not a slug", path,
                            hint=f"rename it to {slugify(name)}.md")
    return CuratedEntity(slug=slug, name=name, type=etype, aliases=f.text_list("aliases"),
                         description=body.strip(), not_=f.text_list("not"), path=path)


def read_topic(path: Path) -> TopicDefinition:
    """A hand-written ``content/topics/<slug>.md``: name, aliases, patterns, min_score, description."""
    text = _read_text(path)
    meta, body, _ = frontmatter.split(text, path)
    f = _Fields(meta, text, path)
    name = f.text_field("name", required=True) or ""
    slug = path.stem
    if not is_slug(slug):
        raise BriefgenError(f"file name {path.name!r} is not a slug", path,
                            hint=f"rename it to {slugify(name)}.md")
    unknown = sorted(k for k in meta if k not in TOPIC_KEYS)
    if unknown:
        raise f.fail(unknown[0], "is not a topic setting",
                     "a topic has name, aliases, patterns and min_score (and a description below)")
    minimum = meta.get("min_score", MIN_SCORE)
    if isinstance(minimum, bool) or not isinstance(minimum, int) or minimum < 1:
        raise f.fail("min_score", f"must be a whole number of at least 1, not {minimum!r}",
                     f"write `min_score: {MIN_SCORE}`")
    try:
        return define(slug, name, pattern_lines(meta.get("patterns")), f.text_list("aliases"),
                      body, minimum, curated=True, path=path)
    except PatternError as exc:
        raise f.fail("patterns", exc.message,
                     "see README.md, \"Topic definitions\": e.g. `missile* AND (launch OR test)`"
                     ) from None
