"""Where each entity is named: the sentences quoted on its page, found in one pass.

For every article one regex (all its surfaces, longest first) runs once over
each paragraph; each hit is placed into its sentence by offset. The cost is
the length of the text, not articles × entities.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass
from typing import Mapping

from briefgen.index.sentences import sentence_spans
from briefgen.index.surfaces import surface_finder

MAX_SNIPPETS = 3  # sentences quoted per article on an entity page


@dataclass(frozen=True)
class Snippet:
    """One sentence, with the character spans naming the entity (for ``<mark>``)."""

    text: str
    marks: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class ArticleMentions:
    """How one article names one entity."""

    article: str
    count: int
    snippets: tuple[Snippet, ...]


def find_mentions(article: str, blocks: tuple[str, ...],
                  surfaces: Mapping[str, str]) -> dict[str, ArticleMentions]:
    """Entity slug → its mentions in one article's paragraphs."""
    finder = surface_finder(surfaces)
    if finder is None:
        return {}
    counts: dict[str, int] = defaultdict(int)
    # entity → ordered {(block, sentence) → spans relative to the sentence}
    found: dict[str, dict[tuple[int, int], list[tuple[int, int]]]] = defaultdict(dict)
    sentences: dict[tuple[int, int], str] = {}
    for b, text in enumerate(blocks):
        spans = None
        for match in finder.finditer(text):
            slug = surfaces[match.name]
            counts[slug] += 1
            if spans is None:
                spans = sentence_spans(text)
                starts = [s for s, _ in spans]
            i = max(0, bisect_right(starts, match.start) - 1)
            key = (b, i)
            per_entity = found[slug]
            if key not in per_entity and len(per_entity) >= MAX_SNIPPETS:
                continue
            s_start, s_end = spans[i]
            sentences.setdefault(key, text[s_start:s_end])
            end = min(match.end, s_end)
            per_entity.setdefault(key, []).append((match.start - s_start, end - s_start))
    return {
        slug: ArticleMentions(
            article=article, count=counts[slug],
            snippets=tuple(Snippet(sentences[key], tuple(marks)) for key, marks in per.items()))
        for slug, per in found.items()
    }
