"""Find the story in a copied web page: the densest stretch of running prose.

Each line gets a score: positive for sentence-like prose (long, stop-word
rich, ending in punctuation), negative for page furniture (short labels,
repeated captions, link lists, offers). The story is the contiguous run of
lines with the highest total score (a maximum-subarray search), so a short
subhead or quote inside the story costs a little but does not cut it, while a
long menu or a related-links list between two blocks of text does. The run's
edges are then trimmed of anything that is not prose.
"""

from __future__ import annotations

from dataclasses import dataclass

import re

from briefgen.ingest.textdump.lines import Line
from briefgen.ingest.textdump.words import EDGE_PHRASES

_PROMO = re.compile("|".join(re.escape(phrase) for phrase in EDGE_PHRASES))


@dataclass(frozen=True)
class Weights:
    """The few constants of the line score, named so their effect can be measured."""

    line_cost: float = 3.0  # every line pays this: short lines need a reason to be in the story
    min_words: int = 5  # shorter lines are labels, whatever they say
    stop_floor: float = 0.05  # stop-word share of a list of names …
    stop_span: float = 0.2  # … rising to full prose at floor + span
    unended: float = 0.2  # weight of a line that does not end like a sentence
    packed: float = 0.3  # weight of a long line with no blank line around it on a spaced page
    repeat_cost: float = 6.0  # a short line the page repeats (captions, menus)
    furniture_cost: float = 12.0
    min_story: float = 60.0  # a run this strong is a story, not a stray sentence
    clean_max_lines: int = 400  # a clean story file is one article, not a site
    clean_furniture: float = 0.05  # share of furniture lines a clean file may still have
    widget_lines: int = 6  # this many weak lines in a row inside a story are a box of links
    max_list: int = 80  # items an announced list may run to
    promo_tail: int = 3  # lines from the end of the story an offer may hide behind
    window: int = 3  # lines each side that make a line's context
    context: float = 0.3  # how far prose around a short line lowers its cost
    first_share: float = 0.35  # an earlier run this share of the best one wins
    boundary_cost: float = 30.0  # comments / related links begin: the story does not run on
    inner_lists: bool = True  # keep a list the story announces with a colon, inside it too


@dataclass(frozen=True)
class Story:
    """The chosen lines, by position in the list given to :func:`find_story`."""

    start: int
    end: int  # exclusive
    keep: tuple[int, ...]  # positions of the lines kept as body paragraphs


def score(line: Line, w: Weights = Weights(), spaced: bool = False, lists: bool = False) -> float:
    """How much ``line`` looks like a paragraph of the story (positive) or furniture (negative).

    ``spaced``: the page sets its paragraphs apart with blank lines (innerText
    does so for ``<p>``), so a long line packed between others is a teaser or
    a list item rather than a paragraph. ``lists``: the page has no running
    prose (results, tables), so long lines count whatever their stop words.
    """
    if line.boundary:
        return -w.boundary_cost
    if line.furniture or line.stamp:
        return -w.furniture_cost
    if line.repeats > 1 and line.words <= 15:
        return -w.repeat_cost
    if line.linkish and line.words < 12:
        return -w.line_cost - line.words
    if line.words < w.min_words:
        return -w.line_cost
    # Stop-word share rises smoothly from "list of names" to "running text".
    prose = 1.0 if lists else min(1.0, max(0.0, (line.stop_ratio - w.stop_floor) / w.stop_span))
    gain = prose * (1.0 if line.terminal else w.unended)
    if spaced and not (line.blank_before or line.blank_after):
        gain *= w.packed
    return line.words * gain - w.line_cost


def find_story(lines: list[Line], w: Weights = Weights()) -> Story | None:
    """The best-scoring run of lines, trimmed; ``None`` for a page with no prose at all."""
    if not lines:
        return None
    spaced = _spaced(lines)
    scores = _in_context([score(line, w, spaced) for line in lines], lines, w)
    runs = _before_comments(_runs(scores), lines, w)
    if not runs or max(value for value, _, _ in runs) < w.min_story:
        scores = _in_context([score(line, w, spaced, lists=True) for line in lines], lines, w)
        runs = _before_comments(_runs(scores), lines, w)
    if not runs:
        return None
    best = max(value for value, _, _ in runs)
    # The story comes before what follows it: when comments or a list of teasers
    # outweigh it, the first run of comparable weight is still the story.
    # A lone paragraph does not count as comparable: a teaser in a menu or a sidebar is one.
    start, end = next((a, b) for value, a, b in runs if value == best or value >= w.first_share * best
                      and sum(scores[i] > 0 for i in range(a, b)) >= 2)
    while start < end and not _edge_ok(lines[start], scores[start]):
        start += 1
    while end > start and not _edge_ok(lines[end - 1], scores[end - 1]):
        end -= 1
    while start < end and _PROMO.search(lines[start].text.casefold()):
        start += 1
    end = _cut_promo_tail(lines, scores, start, end, w)
    story_end = end
    end = _with_announced_list(lines, end, w)
    keep = _inside(lines, scores, start, story_end, w) + tuple(range(story_end, end))
    return Story(start, end, keep) if keep else None


def _inside(lines: list[Line], scores: list[float], start: int, end: int, w: Weights) -> tuple[int, ...]:
    """The story's lines, less the widgets set into it.

    One or two weak lines between paragraphs are a subhead or a short quote;
    a longer stretch of them, or one that opens with "Most read" or
    "Related", is a box of links the page put inside the story.
    """
    keep: list[int] = []
    i = start
    while i < end:
        if scores[i] > 0:
            keep.append(i)
            i += 1
            continue
        j = i
        while j < end and scores[j] <= 0:
            j += 1
        stretch = range(i, j)
        if len(stretch) < w.widget_lines and not any(lines[k].boundary for k in stretch):
            keep.extend(k for k in stretch if _inside_ok(lines[k]))
        elif w.inner_lists and _announced(lines, keep, stretch, w):
            keep.extend(stretch)
        i = j
    return tuple(keep)


def _with_announced_list(lines: list[Line], end: int, w: Weights) -> int:
    """A story that ends "… tour dates:" goes on with the list it announces.

    List items are short and sentence-less, so they score as furniture; the
    colon that introduces them is what tells them apart from a menu.
    """
    at = end - 1 if end and lines[end - 1].text.endswith(":") else end
    if at >= len(lines) or not lines[at].text.endswith(":") or lines[at].furniture or lines[at].boundary \
            or lines[at].words < 4:  # "Tags:", "Share:" label a widget, not a list of the story's
        return end
    stop = at + 1
    while stop < len(lines) and stop - at <= w.max_list and _list_item(lines[stop]):
        stop += 1
    return stop if stop - at > 2 else end


def _list_item(line: Line) -> bool:
    return not (line.furniture or line.boundary or line.comments or line.stamp or line.linkish) \
        and line.words <= 40 and line.repeats == 1


def _cut_promo_tail(lines: list[Line], scores: list[float], start: int, end: int, w: Weights) -> int:
    """Cut the offers that close a page ("Join our forums…", "No spam, we promise…").

    They are full sentences, so they score as prose; but a story does not end
    on one, and a story's last few lines never hold one.
    """
    cut = True
    while cut and end > start:
        cut = False
        for j in range(end - 1, max(start, end - w.promo_tail) - 1, -1):
            if _PROMO.search(lines[j].text.casefold()):
                end, cut = j, True
                break
        while end > start and scores[end - 1] <= 0:
            end -= 1
    return end


def _in_context(scores: list[float], lines: list[Line], w: Weights) -> list[float]:
    """Soften the cost of plain short lines among prose: a story's subheads and lists.

    A menu is short lines among short lines; a subhead or a list item sits
    between paragraphs. Furniture and boundaries keep their full cost.
    """
    n, k = len(scores), w.window
    positive = [0] * (n + 1)
    for i, value in enumerate(scores):
        positive[i + 1] = positive[i] + (value > 0)
    out = list(scores)
    for i, value in enumerate(scores):
        if value >= 0 or lines[i].furniture or lines[i].boundary:
            continue
        lo, hi = max(0, i - k), min(n, i + k + 1)
        share = (positive[hi] - positive[lo]) / max(1, hi - lo - 1)
        out[i] = value * (1 - w.context * share)
    return out


def _before_comments(runs: list[tuple[float, int, int]], lines: list[Line],
                     w: Weights) -> list[tuple[float, int, int]]:
    """Readers' comments follow the story: once a story-sized run has been seen, stop there."""
    for i, line in enumerate(lines):
        if not line.comments:
            continue
        before = [(v, a, min(b, i)) for v, a, b in runs if a < i]
        if any(v >= w.min_story for v, a, b in before if b == i or b <= i):
            return before
    return runs


def _spaced(lines: list[Line]) -> bool:
    """Whether most long lines stand apart between blank lines (paragraph markup survived)."""
    long = [line for line in lines if line.words >= 12]
    if not long:
        return False
    apart = sum(line.blank_before or line.blank_after for line in long)
    return apart >= 0.3 * len(long)


def _runs(scores: list[float]) -> list[tuple[float, int, int]]:
    """Kadane's maximum-sum runs: the best run of each stretch between resets, in page order.

    Kadane's scan restarts whenever the running total drops to zero; the best
    [start, end) inside each stretch is a candidate story block.
    """
    runs: list[tuple[float, int, int]] = []
    best, best_start, best_end = 0.0, 0, 0
    total, run_start = 0.0, 0
    for i, value in enumerate(scores):
        if total <= 0:
            if best > 0:
                runs.append((best, best_start, best_end))
            best = 0.0
            total, run_start = value, i
        else:
            total += value
        if total > best:
            best, best_start, best_end = total, run_start, i + 1
    if best > 0:
        runs.append((best, best_start, best_end))
    return runs


def _edge_ok(line: Line, value: float) -> bool:
    return value > 0


def _announced(lines: list[Line], keep: list[int], stretch: range, w: Weights) -> bool:
    """A list the story announces ("… save files like this:") and then gives, inside the story.

    Its items are short and sentence-less, like a box of links; the colon that
    opens it, and items that are neither furniture, links nor repeated, tell it apart.
    """
    opener = lines[keep[-1]].text if keep else ""
    if not (opener.endswith(":") or lines[stretch.start].text.endswith(":")) or len(stretch) > w.max_list:
        return False
    return all(_list_item(lines[k]) for k in stretch)


def _inside_ok(line: Line) -> bool:
    """Short lines inside the story stay (subheads, quotes) unless they are furniture."""
    if line.furniture:
        return False
    if line.repeats > 1 and line.words <= 15:
        return False
    return True


def clean_story(lines: list[Line], w: Weights = Weights()) -> Story | None:
    """A file that is only a story (headline, date, paragraphs): keep every paragraph.

    Such files (Wikinews exports, notes saved from an editor) set every line
    apart as a paragraph and carry no page furniture, so the prose score would
    only lose their subheads, captions and one-word answers.
    """
    if not lines or len(lines) > w.clean_max_lines:
        return None
    spaced = sum(line.blank_before or i == 0 for i, line in enumerate(lines))
    furniture = sum((line.furniture and not line.caption) or line.boundary or line.comments
                    or (line.linkish and line.words < 12) for line in lines)
    if spaced < 0.95 * len(lines) or furniture > w.clean_furniture * len(lines):
        return None
    start = 1 if _heading_shaped(lines[0]) else 0
    while start < len(lines) and lines[start].stamp and lines[start].words <= 8:
        start += 1
    if start >= len(lines):
        return None
    return Story(start, len(lines), tuple(range(start, len(lines))))


def _heading_shaped(line: Line) -> bool:
    return line.words <= 30 and not (line.text.endswith(".") and not line.stamp)
