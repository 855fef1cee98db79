"""What a page says about itself outside its body: JSON-LD, meta tags, ``<html lang>``.

Collected once from the parsed tree into a :class:`Signals` record, before the
body extractor (which prunes the tree) runs; ``html_fields`` then decides, field
by field, which signal wins.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any, Iterator, Mapping

from lxml.html import HtmlElement

# schema.org types whose object describes the story itself
ARTICLE_TYPES: frozenset[str] = frozenset({
    "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle",
    "opinionnewsarticle", "backgroundnewsarticle", "reviewnewsarticle", "askpublicnewsarticle",
    "blogposting", "liveblogposting", "socialmediaposting", "report", "techarticle",
    "scholarlyarticle", "medicalscholarlyarticle", "satiricalarticle", "advertisercontentarticle",
})
PAGE_TYPES: frozenset[str] = frozenset({"webpage", "itempage", "medicalwebpage", "creativework"})
ORGANIZATION_TYPES: frozenset[str] = frozenset({"organization", "newsmediaorganization", "corporation",
                                                "website"})


@dataclass(frozen=True)
class Signals:
    """Metadata a page declares, unjudged: every candidate a field cascade may pick from."""

    articles: tuple[Mapping[str, Any], ...] = ()  # JSON-LD story objects, best first
    organizations: tuple[Mapping[str, Any], ...] = ()  # JSON-LD publishers / web sites
    meta: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # name/property → values
    html_lang: str | None = None
    title_tag: str | None = None
    canonical: str | None = None
    time_published: str | None = None  # <time itemprop=datePublished datetime=…>, else the first <time datetime>


def read_signals(tree: HtmlElement) -> Signals:
    scripts: list[str] = []
    meta: dict[str, list[str]] = {}
    title = canonical = time_published = first_time = None
    # one pass over the few tags that matter, instead of one XPath per signal
    for element in tree.iter("meta", "script", "link", "title", "time"):
        tag = element.tag
        if tag == "meta":
            key = element.get("property") or element.get("name") or element.get("itemprop") \
                or element.get("http-equiv")
            content = element.get("content")
            if key and content and content.strip():
                meta.setdefault(key.strip().casefold(), []).append(content.strip())
        elif tag == "script":
            if "ld+json" in (element.get("type") or "").casefold() and element.text:
                scripts.append(element.text)
        elif tag == "link":
            if canonical is None and (element.get("rel") or "").casefold() == "canonical":
                canonical = (element.get("href") or "").strip() or None
        elif tag == "title":
            if title is None:
                title = element.text_content()
        else:  # <time datetime=…>, the one marked datePublished first
            stamp = (element.get("datetime") or "").strip()
            if stamp and element.get("itemprop") == "datePublished" and time_published is None:
                time_published = stamp
            elif stamp and first_time is None:
                first_time = stamp

    objects = [o for text in scripts if (data := parse_json_ld(text)) is not None for o in _flatten(data)]
    by_id = {o["@id"]: o for o in objects if isinstance(o.get("@id"), str)}
    objects = [_resolve(o, by_id) for o in objects]
    articles = [o for o in objects if _types(o) & ARTICLE_TYPES]
    if not articles:  # some sites describe the story as a WebPage with a headline
        articles = [o for o in objects if _types(o) & PAGE_TYPES and (o.get("headline") or o.get("datePublished"))]
    articles.sort(key=lambda o: (not o.get("articleBody"), not o.get("headline")))
    root = tree.getroottree().getroot()
    lang = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    return Signals(
        articles=tuple(articles),
        organizations=tuple(o for o in objects if _types(o) & ORGANIZATION_TYPES),
        meta={k: tuple(v) for k, v in meta.items()},
        html_lang=lang.strip() if lang and lang.strip() else None,
        title_tag=title,
        canonical=canonical,
        time_published=time_published or first_time,
    )


# --- JSON-LD --------------------------------------------------------------------

_TRAILING_COMMA = re.compile(r",\s*([\]}])")
_HTML_COMMENT = re.compile(r"^\s*(?:<!--|<!\[CDATA\[)|(?:-->|\]\]>)\s*$")


def parse_json_ld(text: str) -> Any:
    """Parse a script's JSON leniently: control characters, trailing commas and comment wrappers pass."""
    text = _HTML_COMMENT.sub("", text.strip())
    if not text:
        return None
    for attempt in (text, _TRAILING_COMMA.sub(r"\1", text)):
        try:
            return json.loads(attempt, strict=False)
        except ValueError:
            continue
    return None


def _flatten(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    if depth > 3:
        return
    if isinstance(data, list):
        for item in data:
            yield from _flatten(item, depth + 1)
    elif isinstance(data, dict):
        if "@graph" in data:
            yield from _flatten(data["@graph"], depth + 1)
        if "@type" in data:
            yield data
        main = data.get("mainEntity")
        if isinstance(main, dict) and "@type" in main and _types(main) & ARTICLE_TYPES:
            yield main


def _types(obj: Mapping[str, Any]) -> set[str]:
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {k.rsplit("/", 1)[-1].casefold() for k in kinds if isinstance(k, str)}


def _resolve(obj: dict[str, Any], by_id: Mapping[str, dict[str, Any]]) -> dict[str, Any]:
    """Replace ``{"@id": …}`` references in author and publisher with the objects they name."""
    def one(value: Any) -> Any:
        if isinstance(value, dict) and set(value) <= {"@id", "@type"} and isinstance(value.get("@id"), str) \
                and value["@id"] in by_id:
            return by_id[value["@id"]]
        return value

    resolved = dict(obj)
    for key in ("author", "publisher", "creator"):
        value = obj.get(key)
        if isinstance(value, list):
            resolved[key] = [one(v) for v in value]
        elif value is not None:
            resolved[key] = one(value)
    return resolved


def json_ld_types(obj: Mapping[str, Any]) -> set[str]:
    """Lower-cased schema.org type names of one JSON-LD object."""
    return _types(obj)
