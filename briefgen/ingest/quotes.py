"""Who said what, at ingest: each story's quotes written into its front matter (``quotes:``).

Found once, when the story is read, and kept in the content file where a person
can correct a speaker or drop a quote; the build then reads the list instead of
finding the quotes again (a hand edit wins, like every other field). The finder
itself is the build's (:mod:`briefgen.index.quotes`, pure text functions), so
that a story ingested before quotes existed gets the same quotes at build time.
"""

from __future__ import annotations

import re
from typing import Sequence

from briefgen.index.quote_forms import has_cue
from briefgen.index.quotes import find_quotes
from briefgen.ingest.markdown_body import markdown_to_text
from briefgen.model import Entity

_PARAGRAPHS = re.compile(r"\n\s*\n")


def _quotable(paragraph: str) -> bool:
    return has_cue(paragraph) or any(c in paragraph for c in "\"“”")


def quote_items(body: str, entities: Sequence[Entity]) -> list[dict[str, str]]:
    """The story's quotes as front-matter items ``{text, speaker, entity}``, in reading order.

    ``entity`` is the name of the article's entity the speaker is (resolved through its
    aliases, "Kim" → Kim Jong Un), empty for a description ("state media").
    """
    surfaces: dict[str, str] = {}
    types: dict[str, str] = {}
    for e in entities:
        types[e.name] = e.type
        for surface in (e.name, *e.aliases):
            surfaces.setdefault(surface, e.name)
    # only a paragraph that can hold a quote needs its Markdown undone (the rest is read for
    # the names "he" and "she" stand for, which escapes do not change)
    blocks = [" ".join((markdown_to_text(p) if _quotable(p) else p).split())
              for p in _PARAGRAPHS.split(body) if p.strip()]
    return [{"text": q.text, "speaker": q.speaker, "entity": q.entity or ""}
            for q in find_quotes(blocks, surfaces, types)]
