"""A story's opening sentences, for lists when the source gave no dek.

Many sources (Wikinews among them) have no standfirst; a bare headline list
reads poorly and the home page promises "newest articles with dek". The lede
is the first block that reads as prose: section headings are short (a block
needs ``MIN_WORDS`` words), an interview opens with a question, and a photo
caption ends with its credit.
"""

from __future__ import annotations

import re
from typing import Sequence

from briefgen.index.sentences import sentence_spans

MIN_WORDS = 12  # below this a block is a caption, a heading or a question
TARGET_CHARS = 120  # take whole sentences until the lede is at least this long …
MAX_CHARS = 220  # … but never longer than this (cut at a word, with an ellipsis)
CREDIT_WORDS = ("image", "photo", "photograph", "picture", "credit", "source", "file photo")
_CREDIT = re.compile(r"\b(?:%s)\s*:" % "|".join(CREDIT_WORDS), re.IGNORECASE)


def lede(blocks: Sequence[str]) -> str | None:
    """The opening sentences of the first prose block, or None when there is none."""
    for block in blocks:
        if (len(block.split()) < MIN_WORDS or not any(c in block for c in ".!?")
                or block.rstrip("\"'”’ ").endswith("?") or _CREDIT.search(block)):
            continue
        text = ""
        for start, end in sentence_spans(block):
            text = block[:end]
            if len(text) >= TARGET_CHARS:
                break
        return _cut(text or block)
    return None


def _cut(text: str) -> str:
    if len(text) <= MAX_CHARS:
        return text
    head = text[:MAX_CHARS].rsplit(" ", 1)[0].rstrip(",;:–—-")
    return head + "…"
