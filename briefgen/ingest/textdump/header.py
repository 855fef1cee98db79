"""Read the lines around a copied story: headline, dek, caption, byline, stamps.

A page's header sits just above its story, in an order sites vary only a
little: headline, dek, photo and caption, byline or agency + dateline,
reading time and stamps. Each field has one function that returns the value
and the line it came from, so the reader can record provenance.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from briefgen.ingest.agencies import agency_of
from briefgen.ingest.dates import find_datetimes
from briefgen.ingest.textdump.lines import Line
from briefgen.ingest.textdump.words import PUBLISHED_LABELS, STOPWORDS, UPDATED_LABELS

Found = tuple[str, int]  # a value and the index (in the line list) it came from

_WINDOW = 20  # how far above the story a header may start
_MIN_ECHO = 0.05  # share of a headline's words its story repeats: menus and widgets share none
_WORD = re.compile(r"\w+")
_BREADCRUMB = re.compile(r"\s[>»›/]\s|[>»›]$")
_DIGIT = re.compile(r"\d")
_READING_STRICT = re.compile(r"\b(\d{1,3})[\s-]*min(?:ute)?s?\.?\s+read\b|\bread(?:ing)? time:?\s*(\d{1,3})\s*min",
                             re.I)
_BYLINE = re.compile(r"^(?:by|posted by|written by|words by|por|von|par|oleh|от)\s+(.+)$", re.I)
# Parts of a byline that are not people: "cleveland.com", "IGN Staff", "Special to the Times".
_NOT_A_PERSON = re.compile(r"\.(?:com|org|net|co\.uk)\b|\b(?:staff|team|desk|newsroom|reporters?|correspondents?|"
                           r"contributors?|special to)\b|\d", re.I)
_PLACE = re.compile(r"^[A-Z][\w'’.-]+(?:[ -][A-Z][\w'’.-]+){0,2}$")


@dataclass(frozen=True)
class Byline:
    authors: tuple[str, ...]
    agency: str | None
    dateline: str | None
    index: int


def find_title(lines: list[Line], story_start: int, story_words: set[str]) -> Found | None:
    """The headline: a heading-shaped line above the story that the story's words echo.

    A line printed twice in a row is a photo's alt text and caption, and a
    headline only when nothing else qualifies.
    """
    return _best_heading(lines, story_start, story_words, doubled=False) or \
        _best_heading(lines, story_start, story_words, doubled=True)


def _best_heading(lines: list[Line], story_start: int, story_words: set[str], doubled: bool) -> Found | None:
    best: tuple[float, int] | None = None
    lo = max(0, story_start - _WINDOW)
    meta = _meta_start(lines, lo, story_start)
    for i in range(lo, story_start):
        line = lines[i]
        text = strip_stamp(line.text)
        words = _content_words(text)
        if not _heading_shaped(line, text) or _doubled(lines, i) != doubled:
            continue
        echo = sum(word in story_words for word in words) / max(len(words), 1)
        if echo < _MIN_ECHO:
            continue
        # Headlines run 5-20 words; a longer heading-shaped line is more likely the dek.
        value = 4 * echo - 0.05 * (story_start - i) - (1.5 if line.words > 20 else 0) \
            + (1 if line.words >= 5 else 0) - (2 if i > meta else 0)
        if best is None or value > best[0]:
            best = (value, i)
    if best is None:
        return None
    return strip_stamp(lines[best[1]].text), best[1]


def guess_title(lines: list[Line], story_start: int) -> Found | None:
    """A headline guessed when none is echoed by the story: the heading-like line nearest above it.

    The byline and stamp block above the story is skipped ("Filed Under:",
    a time stamp, "By …"), then the first line shaped like a heading is taken.
    The reader records it as a guess.
    """
    opening = lines[story_start] if story_start < len(lines) else None
    if opening is not None and story_start + 1 < len(lines) and _opens_as_heading(opening, lines[story_start + 1]):
        return strip_stamp(opening.text).rstrip(" ."), story_start  # the story's run begins at its headline
    lo = max(0, story_start - _WINDOW)
    meta = _meta_start(lines, lo, story_start)
    above = [story_start - 1] if meta < story_start - 1 else []  # right above the first paragraph
    for n, i in enumerate([*above, *range(min(meta, story_start) - 1, lo - 1, -1)]):
        line = lines[i]
        text = strip_stamp(line.text)
        # a headline the page repeats (title bar, breadcrumb, <h1>) still heads the story right below it
        if line.furniture or line.linkish or line.boundary or line.bullet or line.caption \
                or (line.repeats >= 3 and n >= 2):
            continue
        if line.stamp and text == line.text or byline_of(line.text, i) is not None or _label(text[:24]) is not None \
                or _BREADCRUMB.search(text) or text.endswith(":"):
            continue
        if 3 <= len(text.split()) <= 30 or (not text.isascii() and 6 <= len(text) <= 80):
            return text.rstrip(" ."), i
    return None


def _opens_as_heading(line: Line, after: Line) -> bool:
    """A story's first line that is its headline: heading-shaped, set apart, a paragraph below it."""
    text = line.text
    return (4 <= line.words <= 24 and not line.terminal and not text.endswith((":", ",", ";"))
            and text[:1].isupper() and line.repeats <= 3 and not (line.furniture or line.linkish or line.stamp
                                                                 or line.bullet or line.caption)
            and after.terminal and after.words >= 2 * line.words and after.words >= 15)


def _meta_start(lines: list[Line], lo: int, hi: int) -> int:
    """Where the byline-and-stamps block above the story begins (``hi`` if there is none).

    The headline sits above that block; heading-shaped lines below it are
    photo captions and credits.
    """
    first = hi
    for i in range(hi - 1, lo - 1, -1):
        line = lines[i]
        if line.stamp or (line.words <= 12 and byline_of(line.text, i) is not None):
            first = i
        elif first < hi and first - i > 3:
            break
    return first


def find_dek(lines: list[Line], title_index: int, story_start: int) -> Found | None:
    """The standfirst: a long line right under the headline, before any byline or stamp."""
    for i in range(title_index + 1, min(story_start, title_index + 4)):
        line = lines[i]
        if line.stamp or line.furniture or line.repeats > 1 or byline_of(line.text, i) is not None \
                or _BYLINE.match(line.text) or _label(line.text[:40]) is not None:
            return None
        if 8 <= line.words <= 60 and not line.linkish:
            return line.text, i
    return None


def find_caption(lines: list[Line], lo: int, hi: int) -> Found | None:
    """A photo caption in the header: a short line the page prints twice (image alt + caption)."""
    for i in range(lo, hi):
        line = lines[i]
        if line.repeats >= 2 and 3 <= line.words <= 40 and not line.furniture and not line.stamp:
            neighbours = lines[max(lo, i - 1):min(hi, i + 2)]
            if sum(n.text == line.text for n in neighbours) >= 2:
                return line.text, i
    return None


def byline_of(text: str, index: int) -> Byline | None:
    """ "By Jane Doe and John Roe", "AP Seoul", "Reuters", "By AP" … """
    text = text.strip()
    match = _BYLINE.match(text)
    if match:
        names = match.group(1)
        stamps = find_datetimes(names) if _DIGIT.search(names) else []
        if stamps:
            names = names[:stamps[0].start]
        names = re.split(r"\s+(?:on|el|em|am|le)\s+\w+day\b|\s*[|•·]\s*|\s+[-–—]\s+|\s+(?:on|updated|published)\s*$",
                         names.strip(), maxsplit=1)[0]
        authors: list[str] = []
        agency: str | None = None
        for part in re.split(r",\s*|\s+(?:and|&|e|y|und|et|dan)\s+|\s*/\s*", names):
            part = part.strip(" ,.-–—|")
            if not part:
                continue
            name, credit = _split_credit(part)
            agency = agency or credit
            if name and not _NOT_A_PERSON.search(name):
                if not 1 <= len(name.split()) <= 4:
                    return None
                authors.append(name.title() if name.isupper() else name)
        if not authors and not agency:
            return None
        return Byline(tuple(authors), agency, None, index)
    words = text.split()
    for n in (4, 3, 2, 1):  # an agency name, then perhaps a place: "AP Seoul", "Reuters London"
        if len(words) >= n:
            agency = agency_of(" ".join(words[:n]))
            if agency:
                rest = " ".join(words[n:]).strip(" ,|-–—")
                if not rest:
                    return Byline((), agency, None, index)
                if _PLACE.match(rest):
                    return Byline((), agency, rest, index)
                return None
    return None


def _split_credit(part: str) -> tuple[str, str | None]:
    """ "JOHN SMITH Associated Press" → ("JOHN SMITH", "AP"); "Reuters" → ("", "Reuters")."""
    words = part.split()
    for n in range(min(4, len(words)), 0, -1):
        agency = agency_of(" ".join(words[-n:]))
        if agency:
            return " ".join(words[:-n]), agency
    return part, None


def find_byline(lines: list[Line], lo: int, hi: int) -> Byline | None:
    for i in range(lo, hi):
        if lines[i].words <= 12:
            found = byline_of(lines[i].text, i)
            if found is not None:
                return found
    return None


def reading_time(lines: list[Line], lo: int, hi: int) -> tuple[int, int] | None:
    """ "3 min read" in the header; pages that do not say so get it computed later."""
    for i in range(lo, hi):
        match = _READING_STRICT.search(lines[i].text)
        if match:
            return int(match.group(1) or match.group(2)), i
    return None


def find_stamps(lines: list[Line], header: list[int], after: range) -> dict[str, tuple[datetime | date, int]]:
    """``published`` and ``updated`` from labelled stamps near the story, else the first unlabelled one.

    ``header`` holds the positions above the story (and stamp lines inside it);
    ``after`` the lines below it, where only labelled stamps count, since
    unlabelled ones there belong to teasers for other stories.
    """
    found: dict[str, tuple[datetime | date, int]] = {}
    unlabelled: tuple[datetime | date, int] | None = None
    in_header = set(header)
    for i in [*header, *after]:
        line = lines[i]
        if line.words > 24 or _DIGIT.search(line.text) is None:
            continue
        previous_end = 0
        for stamp in find_datetimes(line.text):
            label = _label(line.text[previous_end:stamp.start])  # the words between two stamps label the second
            previous_end = stamp.end
            if label and label not in found:
                found[label] = (stamp.value, i)
            elif label is None and unlabelled is None and i in in_header:
                unlabelled = (stamp.value, i)
    if "published" not in found and unlabelled is not None:
        found["published"] = unlabelled
    return found


def strip_stamp(text: str) -> str:
    """A headline with the date run on after it ("… ants Tuesday, September 1, 2015")."""
    stamps = find_datetimes(text) if _DIGIT.search(text) else []
    if stamps and stamps[-1].end >= len(text.rstrip()) - 1 and stamps[-1].start > 0:
        return text[:stamps[-1].start].rstrip(" ,|-–—·")
    return text


def trailing_stamp(text: str) -> datetime | date | None:
    stamps = find_datetimes(text) if _DIGIT.search(text) else []
    if stamps and stamps[-1].end >= len(text.rstrip()) - 1:
        return stamps[-1].value
    return None


def _label(prefix: str) -> str | None:
    folded = prefix.casefold()
    if any(label in folded for label in UPDATED_LABELS):
        return "updated"
    if any(label in folded for label in PUBLISHED_LABELS):
        return "published"
    return None


def _doubled(lines: list[Line], i: int) -> bool:
    """An image's alt text and caption: the same line twice in a row."""
    return (i > 0 and lines[i - 1].text == lines[i].text) or \
        (i + 1 < len(lines) and lines[i + 1].text == lines[i].text)


def _heading_shaped(line: Line, text: str) -> bool:
    if line.furniture or line.linkish or line.boundary or line.bullet or line.repeats >= 3:
        return False
    if text != line.text:  # a headline with its date run on: judge the headline
        return 3 <= len(text.split()) <= 30 and _label(text) is None and not _BYLINE.match(text)
    if line.stamp or byline_of(line.text, 0) is not None or _label(text[:24]) is not None \
            or _BREADCRUMB.search(text):  # stamps, bylines, breadcrumbs
        return False
    if text.endswith(".") and not text.endswith("..."):  # a sentence, not a headline
        return False
    return 3 <= line.words <= 30


def _content_words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.casefold()) if w not in STOPWORDS and len(w) > 1]


def story_vocabulary(lines: list[Line], keep: tuple[int, ...], paragraphs: int = 4) -> set[str]:
    """The content words of the story's first paragraphs: what its headline will echo."""
    words: set[str] = set()
    for i in keep[:paragraphs]:
        words.update(_content_words(lines[i].text))
    return words
