"""Content records: an extracted article as front matter, and re-ingest that never clobbers a hand edit.

Each content file carries, under ``ingested``, a short hash of every field
value ingest wrote. On re-ingest a field whose current value still matches
that hash was not touched by a person and is refreshed; a field that differs
was edited and is kept. Edits are detected, not guessed.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Mapping

from briefgen import frontmatter
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
        "image_caption": extracted.image_caption,
        "language": extracted.language,
    }
    for key, value in extracted.extra.items():
        fields.setdefault(key, value)
    return {k: _plain(v) for k, v in fields.items() if v not in (None, "", [], ())}


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
    kept: tuple[str, ...]  # fields a person edited, kept as they are
    conflicts: tuple[str, ...]  # kept edits whose source value changed meanwhile


def merge(new: Record, existing_meta: Mapping[str, Any], existing_body: str) -> Merge:
    """Re-ingest over an existing file: refresh untouched fields, keep edited ones."""
    ingested = existing_meta.get("ingested") or {}
    recorded: Mapping[str, str] = ingested.get("fields") or {} if isinstance(ingested, dict) else {}
    current = {k: v for k, v in existing_meta.items() if k not in BOOKKEEPING}
    new_hashes = new.hashes()
    fields: dict[str, Any] = {}
    kept: list[str] = []
    conflicts: list[str] = []
    for key in dict.fromkeys([*new.fields, *current]):
        was_written = key in recorded
        if key in current:
            if was_written and fingerprint(current[key]) == recorded[key]:
                if key in new.fields:  # untouched: refresh; gone from the source: drop
                    fields[key] = new.fields[key]
                continue
            fields[key] = current[key]  # a person wrote or changed it
        elif not was_written:
            fields[key] = new.fields[key]  # newly extracted
            continue
        # else a person deleted a field ingest wrote: leave it deleted
        if was_written:
            kept.append(key)
            if new_hashes.get(key) != recorded[key]:
                conflicts.append(key)
    body = new.body
    if BODY in recorded and fingerprint(existing_body) != recorded[BODY]:
        body = existing_body
        kept.append(BODY)
        if new_hashes[BODY] != recorded[BODY]:
            conflicts.append(BODY)
    merged = Record(fields=fields, body=body, source=new.source, provenance=new.provenance)
    return Merge(text=merged.render(new_hashes), kept=tuple(kept), conflicts=tuple(conflicts))
