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

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Iterable, Iterator


def _word(ch: str) -> bool:
    """What ``\\w`` means in a ``str`` regex: a Unicode letter or digit, or ``_``."""
    return ch.isalnum() or ch == "_"


def _bounded(text: str, at: int, end: int) -> bool:
    """Whether ``text[at:end]`` stands as whole words (no word character on either side)."""
    return (at == 0 or not _word(text[at - 1])) and (end == len(text) or not _word(text[end]))


def occurs(text: str, name: str) -> bool:
    """Whether ``name`` occurs in ``text`` as whole words, as :class:`SurfaceFinder` matches it."""
    at = text.find(name)
    while at >= 0:
        if _bounded(text, at, at + len(name)):
            return True
        at = text.find(name, at + 1)
    return False


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    name: str


_WORD_RUN = re.compile(r"\w+")
FEW = 32  # up to this many names, one ``str.find`` pass per name is the fastest way


@dataclass(frozen=True)
class SurfaceFinder:
    """Finds a fixed set of names in text; see :func:`surface_finder`."""

    names: tuple[str, ...]  # longest first, then alphabetical: the alternation's order

    def finditer(self, text: str) -> Iterator[Match]:
        """Whole-word, non-overlapping matches from left to right."""
        found = self._all(text) if len(self.names) <= FEW else self._indexed(text)
        if not found:
            return
        found.sort()
        pos = 0
        for start, _, name in found:
            if start >= pos:
                pos = start + len(name)
                yield Match(start, pos, name)

    def _all(self, text: str, names: Iterable[tuple[int, str]] | None = None
             ) -> list[tuple[int, int, str]]:
        """Every whole-word occurrence of every name, as (start, rank, name)."""
        found: list[tuple[int, int, str]] = []
        for rank, name in (enumerate(self.names) if names is None else names):
            size = len(name)
            at = text.find(name)
            while at >= 0:
                if _bounded(text, at, at + size):
                    found.append((at, rank, name))
                at = text.find(name, at + 1)
        return found

    def _indexed(self, text: str) -> list[tuple[int, int, str]]:
        """The same occurrences as :meth:`_all`, looked up by each word of the text.

        A name can only start where a word starts, and its first word must be
        that whole word; so each word of the text is looked up once, and the
        cost grows with the text, not with text × names (an article listing
        thousands of names would otherwise take minutes).
        """
        heads, odd = self._heads
        found = self._all(text, odd) if odd else []
        for word in _WORD_RUN.finditer(text):
            at = word.start()
            for rank, name in heads.get(word.group(), ()):
                end = at + len(name)
                if text.startswith(name, at) and (end == len(text) or not _word(text[end])):
                    found.append((at, rank, name))
        return found

    @cached_property
    def _heads(self) -> tuple[dict[str, list[tuple[int, str]]], list[tuple[int, str]]]:
        """Names by their first word; names that start with no word character apart."""
        heads: dict[str, list[tuple[int, str]]] = {}
        odd: list[tuple[int, str]] = []
        for rank, name in enumerate(self.names):
            first = _WORD_RUN.match(name)
            if first is None:
                odd.append((rank, name))
            else:
                heads.setdefault(first.group(), []).append((rank, name))
        return heads, odd


def surface_finder(surfaces: Iterable[str]) -> SurfaceFinder | None:
    """A finder for the non-blank ``surfaces``, or None when there are none."""
    names = tuple(sorted({s for s in surfaces if s.strip()}, key=lambda s: (-len(s), s)))
    return SurfaceFinder(names) if names else None
