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
                    + r")\s*[:：]\s*(.*)$", re.I)
_SEAM = re.compile(r"(?<=[a-zà-ÿ.)])(?=[A-ZÀ-Ý])")
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
            if topic and topic not in topics:
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


def find_topics(lines: list[Line], start: int = 0) -> tuple[list[str], int] | None:
    """The first labelled tag list from ``start`` on: "Topics: …", or a "Tags" line and the names under it."""
    for i in range(start, len(lines)):
        line = lines[i]
        if line.words > 60:
            continue
        match = _LABEL.match(line.text)
        if match is None:
            continue
        rest = match.group(1).strip()
        if rest:
            topics = split_topics(rest)
        else:
            topics = []
            for below in lines[i + 1:i + 16]:
                if below.words > 5 or below.terminal or below.furniture:
                    break
                topics.append(below.text.strip(" #"))
        if topics:
            return topics, i
    return None
