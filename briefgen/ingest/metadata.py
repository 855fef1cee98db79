"""Layering what is known about an article over what a reader extracted.

Precedence, lowest first: what the reader found (itself a cascade: text lines
< meta tags < JSON-LD) < the sidecar file beside the raw article < a person's
hand edit (handled by ``record``). Derived fields (reading time) are filled
last, only where nothing better exists. Each winning layer is recorded in
``provenance``.
"""

from __future__ import annotations

import math
import re
from dataclasses import replace
from datetime import date, datetime
from typing import Any, Callable, Mapping
from urllib.parse import unquote, urlsplit

from briefgen.errors import BriefgenError
from briefgen.model import Extracted

WORDS_PER_MINUTE = 230
CJK_CHARS_PER_MINUTE = 500
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def _text(value: Any) -> str | None:
    return str(value).strip() or None if value is not None else None


def _names(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if isinstance(value, dict):
        value = [value.get("name", "")]
    return tuple(str(v.get("name", "") if isinstance(v, dict) else v).strip()
                 for v in value if str(v).strip())


def _moment(value: Any) -> datetime | date | None:
    if value is None or value == "":
        return None
    if isinstance(value, (datetime, date)):
        return value
    from briefgen.ingest.dates import parse_datetime  # the shared date grammar

    parsed = parse_datetime(str(value))
    if parsed is None:
        raise BriefgenError(f"sidecar date {value!r} is not a date",
                            hint="use ISO 8601, e.g. 2023-08-14T09:03:00+05:30")
    return parsed


# field → (sidecar keys that may hold it, converter); the first key present wins.
SIDECAR_FIELDS: dict[str, tuple[tuple[str, ...], Callable[[Any], Any]]] = {
    "title": (("title", "headline"), _text),
    "dek": (("dek", "description", "summary"), _text),
    "publisher": (("publisher",), _text),
    "agency": (("agency",), _text),
    "authors": (("authors", "author", "byline"), _names),
    "dateline": (("dateline",), _text),
    "published": (("published", "date_published", "datePublished", "date"), _moment),
    "updated": (("updated", "date_modified", "dateModified"), _moment),
    "topics": (("topics", "tags", "keywords"), _names),
    "url": (("url", "source_url"), _text),
    "reading_time": (("reading_time",), lambda v: int(v) if v is not None else None),
}
SIDECAR_EXTRA: dict[str, tuple[str, ...]] = {
    "license": ("license", "licence"),
    "attribution": ("attribution",),
}
# A sidecar's author "Wikinews" or publisher-as-author is no byline.
_NOT_AUTHORS = {"wikinews", "staff", "admin"}


def apply_sidecar(extracted: Extracted, sidecar: Mapping[str, Any]) -> Extracted:
    """Sidecar values win over extraction, field by field; provenance says so."""
    if not sidecar:
        return extracted
    changes: dict[str, Any] = {}
    provenance = dict(extracted.provenance)
    for field_name, (keys, convert) in SIDECAR_FIELDS.items():
        key = next((k for k in keys if sidecar.get(k) not in (None, "", [])), None)
        if key is None:
            continue
        value = convert(sidecar[key])
        if field_name == "authors":
            value = tuple(a for a in value if a.casefold() not in _NOT_AUTHORS)
        if value in (None, ()):
            continue
        changes[field_name] = value
        provenance[field_name] = f"sidecar:{key}"
    extra = dict(extracted.extra)
    for name, keys in SIDECAR_EXTRA.items():
        key = next((k for k in keys if sidecar.get(k)), None)
        if key is not None:
            extra[name] = str(sidecar[key]).strip()
            provenance[name] = f"sidecar:{key}"
    return replace(extracted, **changes, extra=extra, provenance=provenance)


def reading_minutes(body: str) -> int:
    """Minutes to read ``body`` at a common news pace; CJK text is counted by character."""
    cjk = len(_CJK.findall(body))
    words = len(re.findall(r"\w+", _CJK.sub(" ", body)))
    return max(1, math.ceil(words / WORDS_PER_MINUTE + cjk / CJK_CHARS_PER_MINUTE))


def title_from_url(url: str | None) -> str | None:
    """A headline spelled out in the URL's last segment (``/wiki/Kim_visits_Moscow``), if any."""
    if not url:
        return None
    segment = unquote(urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1])
    segment = re.sub(r"\.(?:html?|php|aspx?)$", "", segment)
    words = [w for w in re.split(r"[_\-+\s]+", segment) if w]
    if len(words) < 3 or sum(w.isdigit() or len(w) > 25 for w in words) > len(words) // 3:
        return None
    title = " ".join(words)
    return title[0].upper() + title[1:]


def with_derived(extracted: Extracted) -> Extracted:
    """Fill fields that can be computed when no layer supplied them."""
    changes: dict[str, Any] = {}
    provenance = dict(extracted.provenance)
    if not extracted.title.strip() or str(extracted.provenance.get("title", "")).startswith(GUESS):
        title = title_from_url(extracted.url)  # the publisher's own words beat a guess
        if title:
            changes["title"] = title
            provenance["title"] = "url"
    if not extracted.reading_time:
        changes["reading_time"] = reading_minutes(extracted.body)
        provenance["reading_time"] = "computed:word count"
    return replace(extracted, **changes, provenance=provenance) if changes else extracted


GUESS = "guess:"  # the provenance prefix of a value ingest guessed: `briefgen check` lists them


def with_guessed_title(extracted: Extracted) -> Extracted:
    """A story no layer gave a headline gets its first sentence as one, recorded as a guess."""
    if extracted.title.strip():
        return extracted
    from briefgen.ingest.clean import first_sentence
    from briefgen.ingest.markdown_body import markdown_to_text

    first = next((p for p in markdown_to_text(extracted.body).split("\n") if p.strip()), "")
    title = first_sentence(first)
    if not title:
        return extracted
    return replace(extracted, title=title, provenance={**extracted.provenance, "title": GUESS + "first sentence"})


def guessed_fields(provenance: Mapping[str, Any]) -> tuple[str, ...]:
    """``"title: guess:line 86"`` for each field whose value ingest guessed."""
    return tuple(f"{name}: {source}" for name, source in provenance.items()
                 if isinstance(source, str) and source.startswith(GUESS))
