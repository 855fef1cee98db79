"""Split a paragraph into sentences, keeping character offsets.

Offsets matter: mentions are found once per paragraph and then placed into
sentences by position, instead of searching every sentence for every name.
"""

from __future__ import annotations

import re

from briefgen.index.abbreviations import ABBREVIATIONS

# A stop, optional closing quote/bracket, whitespace, then something that can open a sentence.
_BOUNDARY = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9\u00C0-\u024F\u0400-\u04FF])")
_LAST_WORD = re.compile(r"([\w.]+)\.$")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence in ``text``."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        before = text[start:match.start()].rstrip("\"'”’)]")
        word = _LAST_WORD.search(before)
        if word and (word.group(1).lower() in ABBREVIATIONS or len(word.group(1)) == 1):
            continue  # "Mr. Kim", "U.S. forces", an initial "J. Smith"
        spans.append((start, match.start() + len(match.group(0).rstrip())))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return [(s, e) for s, e in ((s, _rstrip_end(text, s, e)) for s, e in spans) if e > s]


def _rstrip_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end
