"""Reader for plain text: a web page copied from a browser, or a clean headline-date-paragraphs file.

The story is found first (``textdump.story``), because every header field is
read relative to it: the headline is the heading-shaped line above it that
its words echo, the stamps are the ones next to it, the topics the list after
it. Everything the reader sets is recorded in ``provenance`` as the dump's
1-based line number.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from briefgen.errors import BriefgenError
from briefgen.ingest.dates import find_datetimes
from briefgen.ingest.textdump.header import (
    find_byline, find_caption, find_dek, find_stamps, find_title, paragraph_dateline,
    reading_time, story_vocabulary, strip_stamp,
)
from briefgen.ingest.textdump.language import guess_language
from briefgen.ingest.textdump.lines import Line, is_syndication_note, split_lines
from briefgen.ingest.textdump.publisher import find_publisher
from briefgen.ingest.textdump.story import Story, clean_story, find_story
from briefgen.ingest.textdump.topics import find_topics
from briefgen.model import Extracted, RawDoc

_HEADER_WINDOW = 20
_AFTER_WINDOW = 80


def read_text(raw: RawDoc) -> Extracted:
    lines = split_lines(raw.text)
    clean = clean_story(lines)
    story = clean or find_story(lines)
    if story is None:
        raise BriefgenError("has no story text (no run of sentences found)", raw.path,
                            hint="check the file is the article page, or save it as HTML")
    return _extract(lines, story, raw.sidecar, clean=clean is not None)


def _extract(lines: list[Line], story: Story, sidecar: Any, clean: bool) -> Extracted:
    prov: dict[str, str] = {}

    def where(index: int) -> str:
        return f"text:line {lines[index].index + 1}"

    lo = max(0, story.start - _HEADER_WINDOW)
    vocabulary = story_vocabulary(lines, story.keep)
    if clean:  # the file's first line is its headline, if anything is
        title = (strip_stamp(lines[0].text), 0) if story.start > 0 and not lines[0].stamp or \
            (story.start > 0 and strip_stamp(lines[0].text) != lines[0].text) else None
    else:
        title = find_title(lines, story.start, vocabulary)
    head_start = title[1] + 1 if title else lo
    fields: dict[str, Any] = {}
    if title:
        fields["title"], prov["title"] = title[0], where(title[1])
        dek = find_dek(lines, title[1], story.start)
        if dek:
            fields["dek"], prov["dek"] = dek[0], where(dek[1])
    caption = find_caption(lines, head_start, story.start)
    if caption:
        fields["image_caption"], prov["image_caption"] = caption[0], where(caption[1])

    byline = find_byline(lines, head_start, story.start)
    if byline:
        if byline.authors:
            fields["authors"], prov["authors"] = byline.authors, where(byline.index)
        if byline.agency:
            fields["agency"], prov["agency"] = byline.agency, where(byline.index)
        if byline.dateline:
            fields["dateline"], prov["dateline"] = byline.dateline, where(byline.index)

    title_index = title[1] if title else -1
    paragraphs = [i for i in story.keep if i != title_index and not is_syndication_note(lines[i].text)]
    texts = [lines[i].text for i in paragraphs]
    lead_stamp = _leading_stamp(texts[0]) if texts else None
    if lead_stamp is not None:  # "Thursday, March 15, 2012 Wikinews interviewed …"
        value, texts[0] = lead_stamp
        fields.setdefault("published", value)
        prov.setdefault("published", where(paragraphs[0]))
    if texts and "dateline" not in fields:
        place, agency = paragraph_dateline(texts[0])
        if place:
            fields["dateline"], prov["dateline"] = place, where(paragraphs[0])
        if agency and "agency" not in fields:
            fields["agency"], prov["agency"] = agency, where(paragraphs[0])

    header = range(lo, story.start)
    inside = [i for i in range(story.start, story.end) if lines[i].stamp]
    after = range(story.end, min(len(lines), story.end + _AFTER_WINDOW))
    stamps = find_stamps(lines, [*header, *inside], after)
    for name in ("published", "updated"):
        if name in stamps and name not in fields:
            fields[name], prov[name] = stamps[name][0], where(stamps[name][1])

    minutes = reading_time(lines, lo, story.start)
    if minutes:
        fields["reading_time"], prov["reading_time"] = minutes[0], where(minutes[1])
    topics = find_topics(lines, story.end) or find_topics(lines[:story.start])
    if topics:
        fields["topics"], prov["topics"] = tuple(topics[0]), where(topics[1])

    url = _sidecar_url(sidecar)
    publisher = find_publisher([line.text for line in lines], url)
    if publisher:
        fields["publisher"] = publisher[0]
        prov["publisher"] = where(publisher[1]) if publisher[1] is not None else "url"
    extra: dict[str, Any] = {}
    note = next((i for i in range(story.start, len(lines)) if is_syndication_note(lines[i].text)), None)
    if note is not None:
        extra["syndication_note"], prov["syndication_note"] = lines[note].text, where(note)

    body = "\n\n".join(texts)
    prov["body"] = f"text:lines {lines[story.start].index + 1}-{lines[story.end - 1].index + 1}"
    return Extracted(
        title=fields.pop("title", ""), body=body, url=url, language=guess_language(body),
        extra=extra, provenance=prov, **fields,
    )


def _leading_stamp(text: str) -> tuple[datetime | date, str] | None:
    if not text[:1].isalnum() or not any(ch.isdigit() for ch in text[:40]):
        return None
    stamps = find_datetimes(text[:60])
    if stamps and stamps[0].start == 0 and len(text) - stamps[0].end > 40:
        return stamps[0].value, text[stamps[0].end:].lstrip(" ,.:|-–—")
    return None


def _sidecar_url(sidecar: Any) -> str | None:
    if not isinstance(sidecar, dict):
        return None
    url = sidecar.get("url") or sidecar.get("source_url")
    return str(url) if url else None
