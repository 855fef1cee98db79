"""The Markdown reader: a story someone already wrote up, front matter and all.

Whatever the front matter says is kept as written — a person chose it, and the
sidecar and hand-edit layers above are for correcting extraction, not people.
Only what is missing is filled in, each with its provenance: the title from the
first ``# `` heading (which then leaves the body, since the site prints the
title itself), the publication day from a ``2023-08-14-slug.md`` file name,
dateline and agency from a wire-style opening, the publisher from the URL.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from briefgen import frontmatter
from briefgen.errors import BriefgenError
from briefgen.ingest.clean import clean_text, split_dateline
from briefgen.ingest.dates import parse_datetime
from briefgen.ingest.publishers import publisher_for_url
from briefgen.model import Extracted, RawDoc

# Extracted field → the front-matter keys that may hold it (the first present wins).
KEYS: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline"),
    "dek": ("dek", "description", "summary", "subtitle"),
    "publisher": ("publisher", "site"),
    "agency": ("agency",),
    "authors": ("authors", "author", "byline"),
    "dateline": ("dateline",),
    "published": ("published", "date", "date_published", "datePublished"),
    "updated": ("updated", "lastmod", "date_modified", "dateModified"),
    "reading_time": ("reading_time",),
    "topics": ("topics", "tags", "keywords", "categories"),
    "url": ("url", "source_url"),
    "image_caption": ("image_caption",),
    "language": ("language", "lang"),
}
TEXT_FIELDS = ("title", "dek", "publisher", "agency", "dateline", "url", "image_caption", "language")
LIST_FIELDS = ("authors", "topics")
DATE_FIELDS = ("published", "updated")

_ATX_TITLE = re.compile(r"^ {0,3}#[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$", re.MULTILINE)
_SETEXT_TITLE = re.compile(r"^(?P<text>[^\n#>\-*|].*)\n=+[ \t]*$", re.MULTILINE)
_FENCE = re.compile(r"^ {0,3}(```|~~~)", re.MULTILINE)
_FILE_DATE = re.compile(r"^((?:19|20)\d\d)-([01]\d)-([0-3]\d)[-_]")


def read_markdown(raw: RawDoc) -> Extracted:
    meta, body, body_line = frontmatter.split(raw.text, raw.path)
    values: dict[str, Any] = {}
    provenance: dict[str, str] = {}
    used: set[str] = set()
    for name, keys in KEYS.items():
        key = next((k for k in keys if meta.get(k) not in (None, "", [])), None)
        if key is None:
            continue
        values[name] = _convert(name, key, meta[key], raw.text)
        provenance[name] = f"front matter:{key}"
        used.add(key)

    if not values.get("title"):
        heading = first_heading(body)
        if heading is not None:
            text, start, end = heading
            values["title"] = text
            provenance["title"] = f"markdown:line {body_line + body.count(chr(10), 0, start)}"
            body = (body[:start].rstrip("\n") + "\n\n" + body[end:].lstrip("\n")).strip("\n")
        else:
            values["title"] = _title_from_name(raw.path.stem)
            provenance["title"] = "guess:file name"  # listed by `briefgen check` for review
    if not values.get("published"):
        day = date_from_name(raw.path.name)
        if day is not None:
            values["published"], provenance["published"] = day, "file name"
    _fill_from_opening(body, values, provenance)
    if not values.get("publisher") and (publisher := publisher_for_url(values.get("url"))):
        values["publisher"], provenance["publisher"] = publisher, "url"

    extra = {k: v for k, v in meta.items() if k not in used}
    provenance["body"] = "markdown"
    return Extracted(body=body.strip(), extra=extra, provenance=provenance, **values)


def _fill_from_opening(body: str, values: dict[str, Any], provenance: dict[str, str]) -> None:
    """Dateline and agency from a wire-style opening ("SEOUL (AP) — …") when the front matter has none."""
    if values.get("dateline") and values.get("agency"):
        return
    first = next((b for b in body.split("\n\n") if b.strip() and not b.lstrip().startswith("#")), "")
    found = split_dateline(first)
    if found is None:
        return
    if not values.get("dateline"):
        values["dateline"], provenance["dateline"] = found.place, "markdown:first paragraph"
    if found.agency and not values.get("agency"):
        values["agency"], provenance["agency"] = found.agency, "markdown:first paragraph"


def first_heading(body: str) -> tuple[str, int, int] | None:
    """``(text, start, end)`` of the first level-1 heading outside code fences, else ``None``."""
    fenced = _fenced_spans(body)
    candidates = [m for m in (*_ATX_TITLE.finditer(body), *_SETEXT_TITLE.finditer(body))
                  if not any(a <= m.start() < b for a, b in fenced)]
    if not candidates:
        return None
    match = min(candidates, key=lambda m: m.start())
    text = match.group("text") if "text" in match.groupdict() else match.group(1)
    text = clean_text(re.sub(r"[*_`]", "", text))
    return (text, match.start(), match.end()) if text else None


def _fenced_spans(body: str) -> list[tuple[int, int]]:
    marks = [m.start() for m in _FENCE.finditer(body)]
    return [(marks[i], marks[i + 1]) for i in range(0, len(marks) - 1, 2)]


def date_from_name(name: str) -> date | None:
    """The day a Jekyll-style file name starts with (``2023-08-14-kim-orders.md``)."""
    match = _FILE_DATE.match(name)
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def _title_from_name(stem: str) -> str:
    stem = _FILE_DATE.sub("", stem + "-")
    return re.sub(r"[-_]+", " ", stem).strip().capitalize() or "Untitled"


def _convert(name: str, key: str, value: Any, text: str) -> Any:
    """Front-matter value → Extracted field type; a value of the wrong kind is the author's to fix."""
    if name in DATE_FIELDS:
        return _moment(key, value, text)
    if name in LIST_FIELDS:
        items = value if isinstance(value, list) else [value]
        if not all(isinstance(v, (str, int, float)) for v in items):
            raise _fail(key, f"must be a list of names, not {value!r}", f"write `{key}: [First, Second]`", text)
        return tuple(dict.fromkeys(str(v).strip() for v in items if str(v).strip()))
    if name == "reading_time":
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise _fail(key, f"must be a whole number of minutes, not {value!r}", f"write `{key}: 3`", text)
        return value
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value).strip()
    raise _fail(key, f"must be text, not {type(value).__name__}", f"write `{key}: some text`", text)


def _moment(key: str, value: Any, text: str) -> datetime | date:
    if isinstance(value, (datetime, date)):
        return value
    parsed = parse_datetime(str(value)) if isinstance(value, (str, int)) else None
    if parsed is None:
        raise _fail(key, f"is not a date: {value!r}",
                    "use ISO 8601, e.g. 2023-08-14T09:03:00+05:30 or 2023-08-14", text)
    return parsed


def _fail(key: str, message: str, hint: str, text: str) -> BriefgenError:
    match = re.search(rf"^{re.escape(key)}\s*:", text, re.MULTILINE)
    line = text.count("\n", 0, match.start()) + 1 if match else None
    return BriefgenError(f"front matter `{key}` {message}", line=line, hint=hint)

