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
    objects = list(_json_ld_objects(tree))
    by_id = {o["@id"]: o for o in objects if isinstance(o.get("@id"), str)}
    objects = [_resolve(o, by_id) for o in objects]
    articles = [o for o in objects if _types(o) & ARTICLE_TYPES]
    if not articles:  # some sites describe the story as a WebPage with a headline
        articles = [o for o in objects if _types(o) & PAGE_TYPES and (o.get("headline") or o.get("datePublished"))]
    articles.sort(key=lambda o: (not o.get("articleBody"), not o.get("headline")))
    organizations = [o for o in objects if _types(o) & ORGANIZATION_TYPES]
    root = tree.getroottree().getroot()
    lang = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    canonical = tree.xpath('//link[@rel="canonical"]/@href')
    title = tree.xpath("//head/title") or tree.xpath("//title")
    return Signals(
        articles=tuple(articles),
        organizations=tuple(organizations),
        meta=_meta_tags(tree),
        html_lang=lang.strip() if lang and lang.strip() else None,
        title_tag=title[0].text_content() if title else None,
        canonical=canonical[0].strip() if canonical and canonical[0].strip() else None,
        time_published=_time_published(tree),
    )


def _meta_tags(tree: HtmlElement) -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    for element in tree.iter("meta"):
        key = element.get("property") or element.get("name") or element.get("itemprop") \
            or element.get("http-equiv")
        content = element.get("content")
        if key and content and content.strip():
            found.setdefault(key.strip().casefold(), []).append(content.strip())
    return {k: tuple(v) for k, v in found.items()}


def _time_published(tree: HtmlElement) -> str | None:
    stamps = tree.xpath('//*[@itemprop="datePublished"]/@datetime | //*[@itemprop="datePublished"]/@content')
    if not stamps:
        stamps = tree.xpath("//time/@datetime")
    return stamps[0].strip() if stamps and stamps[0].strip() else None


# --- JSON-LD --------------------------------------------------------------------

_TRAILING_COMMA = re.compile(r",\s*([\]}])")
_HTML_COMMENT = re.compile(r"^\s*(?:<!--|<!\[CDATA\[)|(?:-->|\]\]>)\s*$")


def _json_ld_objects(tree: HtmlElement) -> Iterator[dict[str, Any]]:
    """Every JSON object in the page's ld+json scripts, ``@graph`` arrays flattened."""
    for script in tree.xpath('//script[contains(translate(@type, "LDJSON", "ldjson"), "ld+json")]'):
        data = parse_json_ld(script.text or "")
        if data is not None:
            yield from _flatten(data)


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
        if isinstance(value, dict) and set(value) <= {"@id", "@type"} and value.get("@id") in by_id:
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
