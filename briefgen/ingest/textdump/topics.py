"""Split a page's tag list into topics, however the copy ran them together.

Copying a tag cloud loses the markup between tags: "Topics :Kim Jong UnUS-North
KoreaNorth Korea…". A lower-case letter straight before a capital marks the
seam between two tags; known camel-case names ("YouTube", "McDonald") are
protected first. Comma, pipe and bullet lists, and one-tag-per-line lists under
a label, are read too.
"""

from __future__ import annotations

import re

from briefgen.ingest.textdump.lines import Line
from briefgen.ingest.textdump.words import CAMEL_CASE_NAMES, TOPIC_LABELS

_LABEL = re.compile(r"^\s*(?:" + "|".join(re.escape(label) for label in sorted(TOPIC_LABELS, key=len, reverse=True))
                    + r")(?:\s*(?P<colon>[:：])\s*|\s+|$)(?P<rest>.*)$", re.I)
_SEAM = re.compile(r"(?<=[a-zà-ÿ.)])(?=[A-ZÀ-Ý])|(?<=\d)(?=[A-Z][a-z])")
_MAX_COLUMN = 30
_LIST_SEPARATORS = re.compile(r"\s*(?:,|;|\||•|·|#)\s*")


def split_topics(text: str) -> list[str]:
    """ "Kim Jong UnUS-North KoreaNorth Korea" → ["Kim Jong Un", "US-North Korea", "North Korea"]."""
    text = text.strip()
    if not text:
        return []
    if _LIST_SEPARATORS.search(text):
        parts = _LIST_SEPARATORS.split(text)
    else:
        parts = [text]
    topics: list[str] = []
    for part in parts:
        for topic in _split_run(part):
            topic = topic.strip(" .,:;")
            if topic and any(ch.isalnum() for ch in topic) and topic not in topics:
                topics.append(topic)
    return topics


def _split_run(text: str) -> list[str]:
    pieces: list[str] = []
    start = 0
    for seam in _SEAM.finditer(text):
        head = text[start:seam.start()]
        last_word = head.split()[-1] if head.split() else ""
        if len(last_word) < 2 or _protected(text, seam.start()):  # "Mc|Donald", "i|Phone"
            continue
        pieces.append(head)
        start = seam.start()
    pieces.append(text[start:])
    return pieces


def _protected(text: str, at: int) -> bool:
    """Whether a seam falls inside a known camel-case name."""
    for name in CAMEL_CASE_NAMES:
        for match in re.finditer(re.escape(name), text):
            if match.start() < at < match.end():
                return True
    return False


def find_topics(lines: list[Line], start: int = 0, stop: int | None = None,
                allow_column: bool = True) -> tuple[list[str], int] | None:
    """The first labelled tag list in ``lines[start:stop]``: "Topics: …", or a "Tags" line and the names under it.

    ``allow_column``: also read a bare label with one tag per line under it;
    callers allow it only just after the story, since a bare "Topics" above a
    story is a menu.
    """
    for i in range(start, len(lines) if stop is None else min(stop, len(lines))):
        line = lines[i]
        if line.words > 60 or line.terminal:
            continue
        match = _LABEL.match(line.text)
        if match is None:
            continue
        rest = match.group("rest").strip()
        if rest and not match.group("colon") and not _LIST_SEPARATORS.search(rest) and not _SEAM.search(rest):
            continue  # "Topics A-Z", "Tags Kristi Noem South Dakota": no way to tell the tags apart
        if rest:
            topics = split_topics(rest)
        elif allow_column:
            topics = _column(lines, i + 1)
        else:
            continue
        if topics:
            return topics, i
    return None


def _column(lines: list[Line], start: int) -> list[str]:
    """Tags one per line under a bare label, up to the next furniture, sentence or long line."""
    topics: list[str] = []
    for below in lines[start:start + _MAX_COLUMN]:
        if below.words > 5 or below.terminal or below.furniture or below.boundary or below.linkish:
            break
        topic = below.text.strip(" #,;|")
        if topic and any(ch.isalnum() for ch in topic) and topic not in topics:
            topics.append(topic)
    return topics
