"""Reader for plain text: a web page copied from a browser, or a clean headline-date-paragraphs file.

The story is found first (``textdump.story``), because every header field is
read relative to it: the headline is the heading-shaped line above it that
its words echo, the stamps are the ones next to it, the topics the list after
it. Everything the reader sets is recorded in ``provenance`` as the dump's
1-based line number ("text:line 7").
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from briefgen.errors import BriefgenError
from briefgen.ingest.dates import find_datetimes
from briefgen.ingest.clean import detokenise, first_sentence, split_dateline
from briefgen.ingest.markdown_body import escape_inline, markdown_to_text, plain_paragraph
from briefgen.ingest.textdump.header import (
    find_byline, find_caption, find_dek, find_stamps, find_title, guess_title, reading_time,
    story_vocabulary, strip_stamp,
)
from briefgen.ingest.textdump.language import guess_language
from briefgen.ingest.textdump.lines import Line, is_syndication_note, split_lines
from briefgen.ingest.textdump.publisher import find_publisher
from briefgen.ingest.textdump.story import Story, clean_story, find_story
from briefgen.ingest.textdump.topics import find_topics
from briefgen.ingest.textdump.wire import Wire, read_wire
from briefgen.model import Extracted, RawDoc

_HEADER_WINDOW = 20  # lines above the story where its header may sit
_AFTER_WINDOW = 80
_TOPICS_WINDOW = 80  # lines below the story where its tag list may sit  # lines below it where a labelled stamp ("First Published: …") still counts


def read_text(raw: RawDoc) -> Extracted:
    lines = split_lines(raw.text)
    if not lines:
        raise BriefgenError("is empty (no text at all)", raw.path, hint="check the file was saved whole")
    wire = read_wire(lines)
    if wire is not None:
        return _from_wire(raw, lines, wire)
    clean = clean_story(lines)
    story = clean or find_story(lines) or _brief(lines)
    if story is not None and not any(_prose(line) and line.words >= 4 for line in lines):
        story = None  # a table or a word list with no sentence anywhere
    if story is None:
        raise BriefgenError("has no story text: no prose at all (not one sentence of four words or more)", raw.path,
                            hint="check the file is the article page, or save it as HTML")
    found = _Found(lines)
    title = _clean_title(lines, story) if clean else find_title(lines, story.start, story_vocabulary(lines, story.keep))
    guess = None if title else guess_title(lines, story.start)
    _header(found, lines, story, title or guess)
    texts = _body(found, lines, story, title or guess)
    if guess is not None:  # recorded as a guess, for a person to review (`briefgen check`)
        found.provenance["title"] = f"guess:line {lines[guess[1]].index + 1}"
    elif title is None and texts:
        first = first_sentence(markdown_to_text(texts[0]))
        if first:
            found.set("title", first, None, source="guess:first sentence")
    _stamps_and_tags(found, lines, story)
    url = _sidecar_url(raw.sidecar)
    publisher = find_publisher([line.text for line in lines], url)
    if publisher:
        found.set("publisher", publisher[0], publisher[1], source=None if publisher[1] is not None else "url")
    body = "\n\n".join(texts)
    found.provenance["body"] = f"text:lines {lines[story.start].index + 1}-{lines[story.end - 1].index + 1}"
    return Extracted(
        title=found.values.pop("title", ""), body=body, url=url, language=guess_language(body),
        extra=found.extra, provenance=found.provenance, **found.values,
    )


def _from_wire(raw: RawDoc, lines: list[Line], wire: Wire) -> Extracted:
    """Agency copy (see :mod:`briefgen.ingest.textdump.wire`): every field from its own line."""
    found = _Found(lines)
    found.set("title", wire.title[0], wire.title[1])
    for name in ("authors", "dateline", "agency", "published"):
        value = getattr(wire, name)
        if value is not None:
            found.set(name, value[0], value[1])
    if wire.keywords is not None:
        found.set("topics", wire.keywords[0], wire.keywords[1])
    for name, (text, index) in wire.extra.items():
        found.set(name, text, index, extra=True)
    texts = [lines[i].text for i in wire.body]
    if _tokenised(texts):
        texts = [detokenise(text) for text in texts]
    body = "\n\n".join(plain_paragraph(text) for text in texts)
    found.provenance["body"] = f"text:lines {lines[wire.body[0]].index + 1}-{lines[wire.body[-1]].index + 1}"
    url = _sidecar_url(raw.sidecar)
    publisher = find_publisher([line.text for line in lines], url)
    if publisher:
        found.set("publisher", publisher[0], publisher[1], source=None if publisher[1] is not None else "url")
    return Extracted(
        title=found.values.pop("title", ""), body=body, url=url, language=guess_language(body),
        extra=found.extra, provenance=found.provenance, **found.values,
    )


def _tokenised(texts: list[str]) -> bool:
    """Text split into tokens ("win , China") as corpora ship it: written back as prose."""
    marks = sum(text.endswith((" .", " ?", " !")) or " , " in text for text in texts)
    return marks >= max(1, len(texts) // 2)


def _brief(lines: list[Line]) -> Story | None:
    """A file too short to have a run of prose (a one-line brief, a headline and a date): its text lines."""
    if len(lines) > 40:  # a page around one paragraph of story: its longest sentence-ending line
        prose = [i for i, line in enumerate(lines) if line.words >= 12 and line.terminal and line.stop_ratio >= 0.15
                 and not (line.furniture or line.linkish or line.boundary or line.repeats > 1)]
        best = max(prose, key=lambda i: lines[i].words, default=None)
        return Story(best, best + 1, (best,)) if best is not None else None
    keep = tuple(i for i, line in enumerate(lines)
                 if line.words >= 4 and _prose(line) and not (line.furniture or line.linkish or line.boundary)
                 and not (line.stamp and not (line.terminal and line.words >= 8)))  # a date line, not a sentence
    return Story(keep[0], keep[-1] + 1, keep) if keep else None


def _prose(line: Line) -> bool:
    """Words that make a sentence: some stop words, or a sentence's end ("word word word …" is not);
    in a script briefgen has no stop words for (Bengali, Thai …), a long line."""
    return line.stop_ratio >= 0.1 or line.terminal or (line.words >= 8 and not line.text.isascii()
                                                       and not line.text[:1].isascii())


class _Found:
    """Field values as they are found, each with the line it came from; the first finding wins."""

    def __init__(self, lines: list[Line]) -> None:
        self.lines = lines
        self.values: dict[str, Any] = {}
        self.extra: dict[str, Any] = {}
        self.provenance: dict[str, str] = {}

    def set(self, name: str, value: Any, index: int | None, source: str | None = None,
            extra: bool = False) -> None:
        target = self.extra if extra else self.values
        if name in target or value in (None, "", ()):
            return
        target[name] = value
        if not source:
            assert index is not None, "a finding names its source or its line"
            source = f"text:line {self.lines[index].index + 1}"
        self.provenance[name] = source


def _clean_title(lines: list[Line], story: Story) -> tuple[str, int] | None:
    """A story file's first line is its headline, unless it is only the date."""
    if story.start == 0:
        return None
    first = lines[0]
    headline = strip_stamp(first.text)
    return (headline, 0) if headline != first.text or not first.stamp else None


def _header(found: _Found, lines: list[Line], story: Story, title: tuple[str, int] | None) -> None:
    head_start = max(0, story.start - _HEADER_WINDOW)
    if title:
        found.set("title", title[0], title[1])
        dek = find_dek(lines, title[1], story.start)
        if dek:
            found.set("dek", dek[0], dek[1])
        head_start = title[1] + 1
    caption = find_caption(lines, head_start, story.start)
    if caption:
        found.set("image_caption", caption[0], caption[1])
    byline = find_byline(lines, head_start, story.start)
    if byline:
        found.set("authors", byline.authors, byline.index)
        found.set("agency", byline.agency, byline.index)
        found.set("dateline", byline.dateline, byline.index)
    minutes = reading_time(lines, max(0, story.start - _HEADER_WINDOW), story.start)
    if minutes:
        found.set("reading_time", minutes[0], minutes[1])


def _body(found: _Found, lines: list[Line], story: Story, title: tuple[str, int] | None) -> list[str]:
    """The story's paragraphs, minus the headline and the syndication credit, which go to fields."""
    title_index = title[1] if title else -1
    paragraphs = [i for i in story.keep if i != title_index and not is_syndication_note(lines[i].text)]
    heads = {n for n in range(1, len(paragraphs)) if _subhead(lines, paragraphs, n)}
    texts = [lines[i].text for i in paragraphs]
    if not texts:
        return texts
    lead = _leading_stamp(texts[0])
    if lead is not None:  # "Thursday, March 15, 2012 Wikinews interviewed …"
        found.set("published", lead[0], paragraphs[0])
        texts[0] = lead[1]
    dateline = split_dateline(texts[0])  # "SEOUL (AP) — …": the words stay in the body
    if dateline is not None:
        found.set("dateline", dateline.place, paragraphs[0])
        found.set("agency", dateline.agency, paragraphs[0])
    note = next((i for i in range(story.start, len(lines)) if is_syndication_note(lines[i].text)), None)
    if note is not None:
        found.set("syndication_note", lines[note].text, note, extra=True)
    # copied text is text: every character that Markdown would read as syntax is escaped
    return [f"## {escape_inline(text)}" if n in heads else plain_paragraph(text)
            for n, text in enumerate(texts)]


def _stamps_and_tags(found: _Found, lines: list[Line], story: Story) -> None:
    header = range(max(0, story.start - _HEADER_WINDOW), story.start)
    inside = [i for i in range(story.start, story.end) if lines[i].stamp]
    after = range(story.end, min(len(lines), story.end + _AFTER_WINDOW))
    for name, (value, index) in find_stamps(lines, [*header, *inside], after).items():
        found.set(name, value, index)
    topics = find_topics(lines, story.end, story.end + _TOPICS_WINDOW) or \
        find_topics(lines, max(0, story.start - _HEADER_WINDOW), story.start, allow_column=False)
    if topics:
        found.set("topics", tuple(topics[0]), topics[1])


def _subhead(lines: list[Line], paragraphs: list[int], n: int) -> bool:
    """A short title-like line between two paragraphs ("Background", "What happens next")."""
    line = lines[paragraphs[n]]
    if n + 1 >= len(paragraphs) or line.terminal or line.bullet or line.caption or line.words > 10:
        return False
    text = line.text
    if text.endswith((":", ",", ";", "-", "–", "—")) or not text[:1].isupper() or any(ch.isdigit() for ch in text[:3]):
        return False
    before, after = lines[paragraphs[n - 1]], lines[paragraphs[n + 1]]
    return before.words >= 12 and after.words >= 8


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
