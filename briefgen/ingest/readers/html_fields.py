"""One function per field: which of a page's signals supplies it.

Each function walks its layers from the most to the least trusted and returns
the first usable value with the layer's name, which becomes the field's
provenance.  The order follows how reliably publishers fill each source:
JSON-LD (written for search engines, checked by them) over Open Graph and
``article:*`` tags over plain ``<meta>`` and ``<title>`` over what the visible
page shows (``<h1>``, byline elements).  Dates are the one exception: a day in
the URL's path is the publisher's own stamp and ranks above htmldate's guess
from the page's text.  Costly lowest layers are passed as thunks (``Lazy``) and
run only when every layer above came up empty.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Any, Callable, Generic, Iterable, Iterator, TypeVar
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from briefgen.ingest.agencies import agency_of
from briefgen.ingest.clean import (
    Byline, clean_text, is_full_name, matches_site, site_keys, split_byline, strip_site_name,
)
from briefgen.ingest.publishers import publisher_for_url
from briefgen.ingest.wordlists import GENERIC_TOPICS
from briefgen.ingest.dates import parse_datetime
from briefgen.ingest.readers.html_selectors import (
    BYLINE_CANDIDATES, BYLINE_CLASS_RANK, BYLINE_EXCLUDED, BYLINE_MAX_CHARS,
)
from briefgen.ingest.readers.html_signals import ORGANIZATION_TYPES, Signals, json_ld_types

T = TypeVar("T")


@dataclass(frozen=True)
class Found(Generic[T]):
    """A field's value and the layer it came from."""

    value: T
    layer: str


def _first(candidates: Iterable[tuple[str, Any]], convert: Callable[[Any], T | None]) -> Found[T] | None:
    for layer, raw in candidates:
        value = convert(raw) if raw is not None else None
        if value:
            return Found(value, layer)
    return None


def _meta(signals: Signals, *names: str) -> Iterator[tuple[str, str]]:
    for name in names:
        for value in signals.meta.get(name, ()):
            yield f"meta:{name}", value


def _ld(signals: Signals, *keys: str) -> Iterator[tuple[str, Any]]:
    for obj in signals.articles[:1]:
        for key in keys:
            if obj.get(key) not in (None, "", []):
                yield f"json-ld:{key}", obj[key]


def _name(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name") or value.get("legalName")
    text = clean_text(value) if isinstance(value, str) else ""
    return text or None


# --- fields ----------------------------------------------------------------------

def site_names(signals: Signals, url: str | None) -> list[str]:
    """Every name the site goes by: what a headline suffix may repeat."""
    names = [v for _, v in _meta(signals, "og:site_name", "application-name", "apple-mobile-web-app-title",
                                 "twitter:site")]
    names += [n for obj in signals.articles[:1] if (n := _name(obj.get("publisher")))]
    names += [n for obj in signals.organizations if (n := _name(obj))]
    host = urlsplit(url).hostname if url else None
    if host:
        names.append(host.removeprefix("www.").split(".")[0])
        names.append(host.removeprefix("www."))
    return [clean_text(n).lstrip("@") for n in names if n]


Lazy = Callable[[], "str | None"]  # a costly lowest layer, computed only when reached


def title(signals: Signals, names: list[str], fallback: Lazy) -> Found[str] | None:
    candidates = list(_ld(signals, "headline", "name")) + list(_meta(signals, "og:title", "twitter:title"))
    candidates.append(("html:title", signals.title_tag))
    candidates = [(layer, value[0] if isinstance(value, list) and value else value) for layer, value in candidates]
    found = [(layer, strip_site_name(value, names)) for layer, value in candidates
             if isinstance(value, str) and clean_text(value)]
    if not found:
        value = fallback()
        return Found(strip_site_name(value, names), "trafilatura") if value else None
    layer, best = found[0]
    if best.endswith(("…", "...")):  # a headline cut to fit a length limit: a longer layer has it whole
        stem = best.rstrip(".… ")
        whole = next(((lay, v) for lay, v in found[1:] if v.startswith(stem) and len(v) > len(stem)), None)
        if whole:
            layer, best = whole
    return Found(best, layer)


def publisher(signals: Signals, url: str | None) -> Found[str] | None:
    candidates = [("json-ld:publisher", obj.get("publisher")) for obj in signals.articles[:1]]
    candidates += list(_meta(signals, "og:site_name", "application-name"))
    candidates += [("json-ld:organization", obj) for obj in signals.organizations]
    candidates.append(("url", publisher_for_url(url)))
    return _first(candidates, _site_name)


def _site_name(raw: Any) -> str | None:
    """ "The Jerusalem Post | JPost.com" → "The Jerusalem Post"; "@politifact" → "politifact"."""
    name = _name(raw)
    if not name:
        return None
    name = re.split(r"\s+[|·•]\s+|\s+[-–—]\s+", name)[0].strip().lstrip("@")
    return name or None


def byline(signals: Signals, names: list[str], fallback: Lazy) -> Found[Byline] | None:
    """Authors and agencies from the first layer that names anyone."""
    layers: list[tuple[str, Any]] = list(_ld(signals, "author", "creator"))
    layers += list(_meta(signals, "author", "article:author", "parsely-author", "sailthru.author",
                         "dc.creator", "byl", "cxenseparse:author"))
    layers.append(("html:byline", fallback))
    for layer, raw in layers:
        found = split_byline(_author_names(raw() if callable(raw) else raw), names)
        if found.authors or found.agencies:
            return Found(found, layer)
    return None


def _author_names(raw: Any) -> list[str]:
    items = raw if isinstance(raw, list) else [raw]
    names: list[str] = []
    for item in items:
        if isinstance(item, dict):
            if json_ld_types(item) & ORGANIZATION_TYPES and not agency_of(str(item.get("name"))):
                continue  # a news organisation credited as author: no person's byline
            item = item.get("name")
            if isinstance(item, list):
                names.extend(str(i) for i in item if i)
                continue
        if isinstance(item, str) and item.strip():
            names.append(item)
    return names


PUBLISHED_META = ("article:published_time", "og:article:published_time", "published_time",
                  "datepublished", "date", "pubdate", "publishdate", "publish-date", "publish_date",
                  "article.published", "dc.date.issued", "dc.date", "dcterms.created", "sailthru.date",
                  "parsely-pub-date", "cxenseparse:recs:publishtime", "og:published_time")
UPDATED_META = ("article:modified_time", "og:updated_time", "og:article:modified_time", "datemodified",
                "dcterms.modified", "last-modified", "lastmod", "article.updated", "modified_time")


def published(signals: Signals, url: str | None, fallback: Lazy) -> Found[datetime | date] | None:
    candidates = list(_ld(signals, "datePublished", "dateCreated"))
    candidates += list(_meta(signals, *PUBLISHED_META))
    candidates.append(("html:time", signals.time_published))
    found = _zoned_first(candidates)
    if found is None and url and (day := url_date(url)):
        found = Found(day, "url")  # the publisher's own stamp, above a guess from the page's text
    if found is None:
        found = _zoned_first([("htmldate", fallback())])
    return found


def updated(signals: Signals) -> Found[datetime | date] | None:
    candidates = list(_ld(signals, "dateModified")) + list(_meta(signals, *UPDATED_META))
    return _zoned_first(candidates)


def _zoned_first(candidates: list[tuple[str, Any]]) -> Found[datetime | date] | None:
    """The first parseable stamp; a naive one borrows the zone of another layer's equal wall time."""
    moments = [(layer, _moment(raw)) for layer, raw in candidates if raw is not None]
    parsed = [(layer, value) for layer, value in moments if value is not None]
    if not parsed:
        return None
    layer, value = parsed[0]
    if isinstance(value, datetime) and value.tzinfo is None:
        for other_layer, other in parsed[1:]:
            if isinstance(other, datetime) and other.tzinfo and other.replace(tzinfo=None) == value:
                return Found(other, f"{layer}+{other_layer}")
    if isinstance(value, datetime) and value.utcoffset() == timedelta(0):
        # a UTC stamp, and the same moment as local wall time elsewhere: keep the page's own zone
        utc_wall = value.replace(tzinfo=None)
        for other_layer, other in parsed[1:]:
            if isinstance(other, datetime) and other.tzinfo is None:
                shift = other - utc_wall
                if shift and abs(shift) <= timedelta(hours=14) and shift % timedelta(minutes=15) == timedelta(0):
                    return Found(value.astimezone(timezone(shift)), f"{layer}+{other_layer}")
    if not isinstance(value, datetime):  # a bare date: a later layer may know the time of that day
        for other_layer, other in parsed[1:]:
            if isinstance(other, datetime) and other.date() == value:
                return Found(other, other_layer)
    return Found(value, layer)


def _moment(raw: Any) -> datetime | date | None:
    if isinstance(raw, list):
        raw = raw[0] if raw else None
    if isinstance(raw, (int, float)) or not isinstance(raw, str):
        return None
    text = raw.strip()
    if not text:
        return None
    value = parse_datetime(text)  # ISO 8601 in most tags; "Tue, 19 Nov 2019 05:00:00 GMT" in some
    if value is not None and not 1990 <= value.year <= 2100:
        return None
    return value


_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-]?(0[1-9]|1[0-2]|[a-z]{3})[/-]?((?:0[1-9]|[12]\d|3[01])(?=[/-]|$))?", re.I)
_URL_MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}


def url_date(url: str) -> date | None:
    """The day a URL's path names (``/2019/11/18/…``, ``/2019/nov/18/…``, ``/2019-11-19/``), else ``None``."""
    match = _URL_DATE.search(urlsplit(url).path)
    if not match or not match.group(3):
        return None
    month = match.group(2).casefold()
    month_number = int(month) if month.isdigit() else _URL_MONTHS.get(month)
    if not month_number:
        return None
    try:
        return date(int(match.group(1)), month_number, int(match.group(3)))
    except ValueError:
        return None


def canonical_url(signals: Signals) -> Found[str] | None:
    candidates = [("html:canonical", signals.canonical)] + list(_meta(signals, "og:url", "twitter:url"))
    for obj in signals.articles[:1]:
        main = obj.get("mainEntityOfPage")
        candidates += [("json-ld:url", obj.get("url")),
                       ("json-ld:mainEntityOfPage", main.get("@id") if isinstance(main, dict) else main)]
    return _first(candidates, _absolute_url)


def _absolute_url(value: Any) -> str | None:
    url = value.strip() if isinstance(value, str) else ""
    return url if url.startswith(("http://", "https://")) else None


_LANG = re.compile(r"^[a-zA-Z]{2,3}(?:[-_][a-zA-Z0-9]{2,8})*$")


def language(signals: Signals) -> Found[str] | None:
    candidates = list(_ld(signals, "inLanguage")) + [("html:lang", signals.html_lang)]
    candidates += list(_meta(signals, "content-language", "og:locale", "dc.language", "language"))
    return _first(candidates, _language_tag)


def _language_tag(raw: Any) -> str | None:
    raw = _name(raw) if not isinstance(raw, str) else raw.split(",")[0].strip()
    if not raw or not _LANG.match(raw):
        return None
    primary, *rest = raw.replace("_", "-").split("-")
    return "-".join([primary.lower()] + [r.upper() if len(r) == 2 else r for r in rest])


def dek(signals: Signals) -> Found[str] | None:
    candidates = list(_ld(signals, "description", "alternativeHeadline"))
    candidates += list(_meta(signals, "og:description", "description", "twitter:description"))
    return _first(candidates, lambda v: clean_text(v) if isinstance(v, str) else None)


def topics(signals: Signals, names: Iterable[str] = ()) -> Found[tuple[str, ...]] | None:
    layers = list(_ld(signals, "keywords", "articleSection"))
    layers += list(_meta(signals, "article:tag", "article:section", "news_keywords", "keywords"))
    keys = site_keys(names)
    found: list[str] = []
    first_layer = ""
    for layer, raw in layers:
        for term in _terms(raw):
            if term.casefold() in (f.casefold() for f in found) or matches_site(term, keys):
                continue
            found.append(term)
            first_layer = first_layer or layer
    return Found(tuple(found[:MAX_TOPICS]), first_layer) if found else None


MAX_TOPICS = 12
MAX_TOPIC_WORDS = 4
_CMS_LABEL = re.compile(r"^[@#]|_|^\w+[:=]|\d{3,}|^[a-z]{1,3}$")  # "@river", "ctp_video", "tag:foo", "tc"


def _terms(raw: Any) -> list[str]:
    items = raw if isinstance(raw, list) else re.split(r"\s*[,;]\s*", raw) if isinstance(raw, str) else []
    terms = [clean_text(_name(i) if isinstance(i, dict) else i) for i in items]
    terms = [t.title() if t.isupper() and len(t) > 4 else t for t in terms]  # "HANOI" → "Hanoi"
    # a topic is a name or a short phrase; run-together keyword strings are not
    return [t for t in terms if t and 1 < len(t) <= 50 and len(t.split()) <= MAX_TOPIC_WORDS
            and not _CMS_LABEL.search(t) and t.casefold() not in GENERIC_TOPICS]


def image_caption(signals: Signals) -> Found[str] | None:
    candidates = []
    for obj in signals.articles[:1]:
        image = obj.get("image")
        image = image[0] if isinstance(image, list) and image else image
        if isinstance(image, dict):
            candidates.append(("json-ld:image", image.get("caption") or image.get("description")))
    candidates += list(_meta(signals, "og:image:alt", "twitter:image:alt"))
    return _first(candidates, lambda v: clean_text(v) if isinstance(v, str) else None)


def json_ld_body(signals: Signals) -> str | None:
    for obj in signals.articles[:1]:
        body = obj.get("articleBody") or obj.get("text")
        if isinstance(body, str) and body.strip():
            return body
    return None


def visible_title(tree: HtmlElement) -> Lazy:
    """The lowest title layer: the page's ``<h1>`` as trafilatura finds it."""
    from trafilatura.metadata import extract_title

    return lambda: extract_title(tree)


def visible_byline(tree: HtmlElement) -> Lazy:
    """The lowest byline layer: the page's author element (``rel=author``, ``.byline`` …)."""
    def rank(element: HtmlElement) -> int:
        if element.get("itemprop") == "author" or element.get("rel") == "author":
            return -1
        names = f"{element.get('class', '')} {element.get('id', '')}".casefold()
        return next((i for i, part in enumerate(BYLINE_CLASS_RANK) if part in names), len(BYLINE_CLASS_RANK))

    def find() -> str | None:
        for element in sorted(BYLINE_CANDIDATES(tree), key=rank):  # stable: page order within a rank
            text = clean_text(" ".join(element.itertext()))
            if 2 < len(text) < BYLINE_MAX_CHARS and not BYLINE_EXCLUDED(element) \
                    and any(is_full_name(a) for a in split_byline(text).authors):
                return text  # a lone word in a page's furniture is too often a place or a handle
        return None

    return find


def visible_date(tree: HtmlElement, url: str | None) -> Lazy:
    """The lowest date layer: htmldate's reading of the page's markup (``<time>``, date classes, URL).

    Its extensive search (any date-like string in the page) is left off: on the 51 pages of
    extraction-modern that reach this layer, its answer matched the page's date (or its having
    none) on 27 against 37 without it, inventing a 1 January from copyright years on 11, and
    it cost a quarter of the reader's time.  A date that cannot be found stays empty.
    """
    def find() -> str | None:
        from htmldate import find_date

        return find_date(tree, url=url, original_date=True, extensive_search=False,
                         outputformat="%Y-%m-%d")

    return find
