"""What an outlet added to or cut from a wire story, as a reader can follow it.

Outlets carrying one agency's copy trim it, add a paragraph of their own,
rewrite the headline or bolt on boilerplate ("Only the headline of this report
may have been reworked …"). A line diff of the HTML would show markup and whole
paragraphs; a word diff of the whole text loses its place. So the two texts are
compared sentence by sentence (:mod:`difflib`), and a sentence that was
edited rather than replaced is compared word by word. Runs of unchanged
sentences are folded to a count. The result is plain text in records: the
templates escape it like any other text, so nothing scraped reaches a page as
markup.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Sequence

from briefgen.index.sentences import sentence_spans

SAME, ADDED, CUT = "same", "added", "cut"
CONTEXT = 1  # unchanged sentences shown on each side of a change
EDITED = 0.5  # word overlap above which a replaced sentence counts as the same one edited


@dataclass(frozen=True)
class Segment:
    op: str  # SAME, ADDED (only in the copy) or CUT (only in the wire's version)
    text: str


@dataclass(frozen=True)
class Hunk:
    """One sentence as the copy has it, or a run of ``skipped`` unchanged sentences folded."""

    segments: tuple[Segment, ...] = ()
    skipped: int = 0


@dataclass(frozen=True)
class WireDiff:
    copy: str  # article slug
    wire: str  # the article holding the wire's version
    added: int  # words only the copy has
    cut: int  # words only the wire's version has
    same: int  # words both have
    hunks: tuple[Hunk, ...]

    @property
    def identical(self) -> bool:
        return not self.added and not self.cut


def sentences(blocks: Sequence[str]) -> list[str]:
    """A text's sentences, paragraph by paragraph (whitespace normalised)."""
    out = []
    for block in blocks:
        text = " ".join(block.split())
        out += [text[s:e] for s, e in sentence_spans(text)]
    return out


def wire_diff(copy: str, wire: str, copy_blocks: Sequence[str], wire_blocks: Sequence[str],
              context: int = CONTEXT) -> WireDiff:
    """The copy's text against the wire's version, sentence by sentence then word by word."""
    return sentence_diff(copy, wire, sentences(copy_blocks), sentences(wire_blocks), context)


def sentence_diff(copy: str, wire: str, ours: Sequence[str], theirs: Sequence[str],
                  context: int = CONTEXT) -> WireDiff:
    """:func:`wire_diff` of texts already cut into :func:`sentences` (a story's wire text
    is cut once for all of its copies)."""
    rows: list[tuple[Segment, ...]] = []  # one per sentence shown; () marks an unchanged one
    unchanged: list[str] = []
    counts = {SAME: 0, ADDED: 0, CUT: 0}
    matcher = difflib.SequenceMatcher(None, theirs, ours, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for sentence in theirs[i1:i2]:
                counts[SAME] += len(sentence.split())
                rows.append(())
                unchanged.append(sentence)
            continue
        for segments in _changed(theirs[i1:i2], ours[j1:j2]):
            for seg in segments:
                counts[seg.op] += len(seg.text.split())
            rows.append(segments)
            unchanged.append("")
    return WireDiff(copy, wire, counts[ADDED], counts[CUT], counts[SAME],
                    _fold(rows, unchanged, context))


def _changed(cut: Sequence[str], added: Sequence[str]) -> list[tuple[Segment, ...]]:
    """Rows for a replaced run: sentences paired in order where they are one sentence edited."""
    rows: list[tuple[Segment, ...]] = []
    seen: dict[tuple[int, int], bool] = {}

    def edited(i: int, j: int) -> bool:  # each pair compared once, though asked again as j moves
        if (i, j) not in seen:
            seen[i, j] = _overlap(cut[i], added[j]) >= EDITED
        return seen[i, j]
    i = j = 0
    while i < len(cut) or j < len(added):
        if i < len(cut) and j < len(added) and edited(i, j):
            rows.append(_word_diff(cut[i], added[j]))
            i, j = i + 1, j + 1
        elif i < len(cut) and (j >= len(added) or not any(
                edited(i, k) for k in range(j + 1, len(added)))):
            rows.append((Segment(CUT, cut[i]),))
            i += 1
        else:
            rows.append((Segment(ADDED, added[j]),))
            j += 1
    return rows


def _overlap(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a.split(), b.split(), autojunk=False).ratio()


def _word_diff(old: str, new: str) -> tuple[Segment, ...]:
    a, b = old.split(), new.split()
    out: list[Segment] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            out.append(Segment(SAME, " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(Segment(CUT, " ".join(a[i1:i2])))
        if j2 > j1:
            out.append(Segment(ADDED, " ".join(b[j1:j2])))
    return tuple(out)


def _fold(rows: Sequence[tuple[Segment, ...]], unchanged: Sequence[str], context: int
          ) -> tuple[Hunk, ...]:
    """Changed sentences with ``context`` unchanged ones around them; longer runs as a count."""
    near = [False] * len(rows)
    for k, row in enumerate(rows):
        if row:
            for m in range(max(0, k - context), min(len(rows), k + context + 1)):
                near[m] = True
    hunks: list[Hunk] = []
    skipped = 0
    for k, row in enumerate(rows):
        if row or near[k]:
            if skipped:
                hunks.append(Hunk(skipped=skipped))
                skipped = 0
            hunks.append(Hunk(row or (Segment(SAME, unchanged[k]),)))
        else:
            skipped += 1
    if skipped:
        hunks.append(Hunk(skipped=skipped))
    return tuple(hunks)
