"""The one way names are matched in text, shared by mention finding and linking.

Matching is case-sensitive on purpose: names are proper nouns, and "Kim"
should not match inside "kimchi" nor "Apple" in "apple". Names match as whole
words, the longest name wins where two start at one place, and matches never
overlap: the semantics of one regex alternation of the names, longest first.

The names are found with ``str.find`` instead of compiling that regex: every
article has its own handful of names, and compiling one alternation per
article (twice: for mentions and for links) cost more than the whole rest of
the indexing at 10,000 articles.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator


def _word(ch: str) -> bool:
    """What ``\\w`` means in a ``str`` regex: a Unicode letter or digit, or ``_``."""
    return ch.isalnum() or ch == "_"


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    name: str


@dataclass(frozen=True)
class SurfaceFinder:
    """Finds a fixed set of names in text; see :func:`surface_finder`."""

    names: tuple[str, ...]  # longest first, then alphabetical: the alternation's order

    def finditer(self, text: str) -> Iterator[Match]:
        """Whole-word, non-overlapping matches from left to right."""
        found: list[tuple[int, int, str]] = []
        for rank, name in enumerate(self.names):
            size = len(name)
            at = text.find(name)
            while at >= 0:
                end = at + size
                if (at == 0 or not _word(text[at - 1])) and (end == len(text) or not _word(text[end])):
                    found.append((at, rank, name))
                at = text.find(name, at + 1)
        if not found:
            return
        found.sort()
        pos = 0
        for start, _, name in found:
            if start >= pos:
                pos = start + len(name)
                yield Match(start, pos, name)


def surface_finder(surfaces: Iterable[str]) -> SurfaceFinder | None:
    """A finder for the non-blank ``surfaces``, or None when there are none."""
    names = tuple(sorted({s for s in surfaces if s.strip()}, key=lambda s: (-len(s), s)))
    return SurfaceFinder(names) if names else None
