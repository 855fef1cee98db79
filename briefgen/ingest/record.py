"""Content records: an extracted article as front matter, and re-ingest that never clobbers a hand edit.

Each content file carries, under ``ingested``, a short hash of every field
value ingest wrote. On re-ingest a field whose current value still matches
that hash was not touched by a person and is refreshed; a field that differs
was edited and is kept. Edits are detected, not guessed.

A person may also damage that record (delete the block, empty it, remove or
garble one hash, write a list in its place). Where there is no trustworthy
hash for a field, the field's current value is compared with what ingest
would write now instead: the same is no edit, anything else may be a
person's text and is kept. A field the file lacks stays out unless the intact
record says ingest never wrote it (then it is newly extracted).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Mapping

from briefgen import frontmatter
from briefgen.ingest.quotes import quote_items
from briefgen.model import Entity, Extracted

EXTRACTOR_VERSION = 1
BODY = "body"  # the pseudo-field name the body's hash is recorded under
# Keys ingest owns the bookkeeping of; a person editing them is not an article edit.
BOOKKEEPING = ("source", "provenance", "ingested")


def _plain(value: Any) -> Any:
    """YAML-ready plain data (dates as ISO text, tuples as lists, entities as mappings)."""
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Entity):
        item: dict[str, Any] = {"name": value.name, "type": value.type}
        if value.aliases:
            item["aliases"] = list(value.aliases)
        if value.mentions:
            item["mentions"] = value.mentions
        return item
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def fingerprint(value: Any) -> str:
    """A short, stable hash of a field value as it stands in the file."""
    if isinstance(value, str):
        value = value.strip()
    text = frontmatter.dump_yaml(_plain(value))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def article_fields(extracted: Extracted, entities: tuple[Entity, ...]) -> dict[str, Any]:
    """The editable fields of a content file, in the order people read them."""
    fields: dict[str, Any] = {
        "title": extracted.title,
        "dek": extracted.dek,
        "published": extracted.published,
        "updated": extracted.updated,
        "publisher": extracted.publisher,
        "agency": extracted.agency,
        "authors": list(extracted.authors),
        "dateline": extracted.dateline,
        "reading_time": extracted.reading_time,
        "topics": list(extracted.topics),
        "entities": list(entities),
        "quotes": quote_items(extracted.body, entities),
        "image_caption": extracted.image_caption,
        "language": extracted.language,
    }
    for key, value in extracted.extra.items():
        fields.setdefault(key, value)
    # `quotes: []` stays: ingest looked and found none, so the build need not look again
    return {k: _plain(v) for k, v in fields.items() if v not in (None, "", [], ()) or k == "quotes"}


@dataclass(frozen=True)
class Record:
    """A content file's worth: fields, body and bookkeeping, ready to dump."""

    fields: Mapping[str, Any]
    body: str
    source: Mapping[str, Any]
    provenance: Mapping[str, str]

    def hashes(self) -> dict[str, str]:
        hashes = {k: fingerprint(v) for k, v in self.fields.items()}
        hashes[BODY] = fingerprint(self.body)
        return hashes

    def render(self, recorded: Mapping[str, str] | None = None) -> str:
        """The file's text; ``recorded`` are the hashes of what extraction produced."""
        meta: dict[str, Any] = dict(self.fields)
        meta["source"] = dict(self.source)
        meta["provenance"] = {k: v for k, v in self.provenance.items() if k in self.fields or k == "body"}
        meta["ingested"] = {"extractor": EXTRACTOR_VERSION, "fields": dict(recorded or self.hashes())}
        return frontmatter.dump(meta, self.body)


@dataclass(frozen=True)
class Merge:
    text: str
    kept: tuple[str, ...]  # fields a person edited, added or deleted, kept as they are
    conflicts: tuple[str, ...]  # kept edits whose source value changed meanwhile


_HASH = re.compile(r"[0-9a-f]{12}")  # what :func:`fingerprint` gives

# What the record in a file says about one field.
_NOT_WRITTEN = "not written"  # an intact record lacks it: ingest never wrote the field
_UNKNOWN = "unknown"  # a damaged record: ingest may or may not have written it


def read_record(existing_meta: Mapping[str, Any]) -> tuple[dict[str, str], set[str], bool]:
    """A file's ``ingested`` record, as far as it can be trusted.

    Returns the well-formed hashes, the fields the record names (with a
    well-formed hash or not: ingest wrote those), and whether the record is
    intact, so that a field it does not name was never written (a mapping of
    fields holding the body's hash, which ingest always records).
    """
    ingested = existing_meta.get("ingested")
    given = ingested.get("fields") if isinstance(ingested, dict) else None
    if not isinstance(given, dict):
        return {}, set(), False
    named = {str(k) for k in given}
    hashes = {str(k): v for k, v in given.items() if isinstance(v, str) and _HASH.fullmatch(v)}
    return hashes, named, BODY in named


def merge(new: Record, existing_meta: Mapping[str, Any], existing_body: str) -> Merge:
    """Re-ingest over an existing file: refresh untouched fields, keep edited, added and deleted ones.

    Every field a person may have written is kept and named in ``kept``,
    whatever state the ``ingested`` record is in (see the module docstring).
    """
    recorded, named, intact = read_record(existing_meta)

    def last_written(key: str) -> str:
        """The hash of what ingest last wrote, or :data:`_NOT_WRITTEN`, or :data:`_UNKNOWN`."""
        if key in recorded:
            return recorded[key]
        return _NOT_WRITTEN if intact and key not in named else _UNKNOWN

    current = {k: v for k, v in existing_meta.items() if k not in BOOKKEEPING}
    new_hashes = new.hashes()
    fields: dict[str, Any] = {}
    kept: list[str] = []
    conflicts: list[str] = []

    def keep(key: Any, last: str) -> None:
        kept.append(str(key))
        if last in (_NOT_WRITTEN, _UNKNOWN):
            return  # no record of what the source said then: nothing to compare with
        if new_hashes.get(key) != last:
            conflicts.append(str(key))

    for key in dict.fromkeys([*new.fields, *current]):
        last = last_written(str(key))
        if key in current:
            now = fingerprint(current[key])  # never equal to a sentinel: those are not hashes
            if now == last or now == new_hashes.get(key):
                if key in new.fields:  # untouched, or already what ingest writes: refresh
                    fields[key] = new.fields[key]
                continue  # untouched and gone from the source: drop
            fields[key] = current[key]  # a person wrote, changed or added it
            keep(key, last)
        elif last == _NOT_WRITTEN:
            fields[key] = new.fields[key]  # newly extracted
        else:
            keep(key, last)  # a person deleted it (or may have): leave it deleted
    body = new.body
    now = fingerprint(existing_body)
    if now != last_written(BODY) and now != new_hashes[BODY]:
        body = existing_body
        keep(BODY, last_written(BODY))
    merged = Record(fields=fields, body=body, source=new.source, provenance=new.provenance)
    return Merge(text=merged.render(new_hashes), kept=tuple(kept), conflicts=tuple(conflicts))
