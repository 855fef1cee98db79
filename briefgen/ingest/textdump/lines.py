"""Cut a copied web page into lines and measure each one.

Every later decision (is this the story, the headline, a caption, a menu?)
is made from these few numbers, computed once per line in a single pass so
that reading a dump stays in the low milliseconds.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from typing import Callable

from briefgen.ingest.dates import find_datetimes
from briefgen.ingest.textdump.words import (
    BOUNDARY_MARKERS, CAPTION_MARKERS, CLOSERS, FOOTER_LINKS, FOOTER_MARKERS, FURNITURE_LINES, FURNITURE_WORDS, STOPWORDS,
    STRONG_FURNITURE_WORDS, SYNDICATION_MARKERS, TERMINAL, TOPIC_LABELS,
)

_WORD = re.compile(r"\w+(?:['’]\w+)*")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
# Japanese particles, Chinese function characters and Korean endings play the
# part stop words play elsewhere.
_CJK_PARTICLES = frozenset("のはをにがでともへやてた、的了是在和有也不这我他们为与")
_HANGUL_ENDINGS = frozenset("은는이가을를에의로도와과다요며고서")
_BULLET = re.compile(r"^(?:[•·▪►▶◦‣*\-–—]|\d{1,2}[.)])\s")
_LINKISH = re.compile(r"https?://|www\.|\.com\b|@\w", re.I)
_YEAR = re.compile(r"(?:19|20)\d\d")
_EDGE_PUNCT = " \t.,:;!?|·•*-–—>»«\"'()[]"


@dataclass(frozen=True, slots=True)
class Line:
    """One non-blank line of the dump and what it looks like."""

    index: int  # 0-based line number in the dump
    text: str  # stripped of surrounding white space
    words: int  # word count; for CJK, characters ÷ 2, about the same reading load
    stop_ratio: float  # share of words that are stop words (particles for CJK)
    terminal: bool  # ends the way a sentence ends
    repeats: int  # how often this exact text occurs in the page
    furniture: bool  # a known widget label, offer, footer or photo credit
    caption: bool  # a photo caption or credit (also furniture on a web page)
    bullet: bool
    linkish: bool  # a URL, a handle or a domain
    boundary: bool  # opens the after-story matter: comments, related links
    comments: bool  # opens the readers' comments ("34 Comments", "Leave a Reply")
    stamp: bool  # a short line that carries a date: a dateline, byline or comment header
    blank_before: bool  # a blank line precedes it
    blank_after: bool  # a blank line follows it: with blank_before, the mark of a <p> in innerText

    @property
    def key(self) -> str:
        return self.text.casefold()


def split_lines(text: str) -> list[Line]:
    """The dump's non-blank lines, each measured; blank lines only mark paragraph gaps."""
    raw = text.split("\n")
    counts = Counter(line.strip() for line in raw if line.strip())
    lines: list[Line] = []
    seen: dict[str, Line] = {}  # a page repeats a fifth of its lines (menus, captions): measured once
    blank = True
    last = len(raw) - 1
    for index, line in enumerate(raw):
        stripped = line.strip()
        if not stripped:
            blank = True
            continue
        after = index == last or not raw[index + 1].strip()
        known = seen.get(stripped)
        if known is None:
            known = seen[stripped] = measure(index, stripped, counts[stripped], blank, after)
            lines.append(known)
        else:
            lines.append(replace(known, index=index, blank_before=blank, blank_after=after))
        blank = False
    return lines


def measure(index: int, text: str, repeats: int = 1, blank_before: bool = False,
            blank_after: bool = False) -> Line:
    tokens = _WORD.findall(text.lower())
    cjk = len(_CJK.findall(text)) if not text.isascii() else 0
    hangul = len(_HANGUL.findall(text)) if not text.isascii() else 0
    if cjk > len(tokens) * 2 and cjk > 4:
        words = max(len(tokens), cjk // 2)
        stop = min(1.0, 3 * sum(ch in _CJK_PARTICLES for ch in text) / max(cjk, 1))
    elif hangul > 4:
        words = len(tokens)
        stop = sum(t[-1] in _HANGUL_ENDINGS for t in tokens) / max(len(tokens), 1)
    else:
        words = len(tokens)
        stop = sum(map(STOPWORDS.__contains__, tokens)) / max(len(tokens), 1)
    end = text.rstrip(CLOSERS + " ")
    terminal = bool(end) and end[-1] in TERMINAL and (end == text or not text.endswith(")"))
    folded = text.casefold()
    caption = is_caption(folded, words, terminal)
    short = words <= 12
    comments = short and _opens_comments(folded)
    return Line(
        index=index, text=text, words=words, stop_ratio=stop,
        terminal=terminal, repeats=repeats, furniture=caption or _furniture(folded, words, terminal),
        caption=caption, bullet=bool(_BULLET.match(text)), linkish=_linkish(folded),
        blank_before=blank_before, blank_after=blank_after,
        # "Das könnte Dich auch interessieren …": a label trailing off, not a sentence's end
        boundary=comments or short and (not terminal or text.endswith(("…", "..."))) and _is_boundary(text),
        comments=comments,
        stamp=words <= 14 and _YEAR.search(text) is not None and bool(find_datetimes(text)),
    )


def _linkish(folded: str) -> bool:
    """A URL, a domain or a handle in the line (most lines have none of the characters it takes)."""
    return ("://" in folded or "www." in folded or ".com" in folded or "@" in folded) \
        and _LINKISH.search(folded) is not None


def _any_of(phrases: tuple[str, ...] | frozenset[str]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True)))


def _contains_any(phrases: tuple[str, ...]) -> Callable[[str], bool]:
    """Whether a text holds one of ``phrases``: a plain substring test per phrase, three times faster
    than one alternation regex on the short lines of a dump (every line of every page pays it)."""
    unique = tuple(dict.fromkeys(phrases))
    return lambda text: any(map(text.__contains__, unique))


_FOOTER = _contains_any(FOOTER_MARKERS)
_FURNITURE_OR_FOOTER = _contains_any((*FURNITURE_WORDS, *FOOTER_MARKERS, *FOOTER_LINKS))
_STRONG_OR_FOOTER = _contains_any((*STRONG_FURNITURE_WORDS, *FOOTER_MARKERS, *FOOTER_LINKS))
_CAPTION = _contains_any(CAPTION_MARKERS)
_BOUNDARY = re.compile("(?:" + _any_of(BOUNDARY_MARKERS).pattern + r")(?:\s|$)")
# "Tags: bahn, deutschland": the story's tag list follows it (``textdump.topics`` reads it from there)
_TAG_LIST = re.compile("(?:" + _any_of(TOPIC_LABELS).pattern + r")\s*[:：]")
_SYNDICATION = re.compile("|".join(re.escape(m.lstrip("(")) for m in SYNDICATION_MARKERS))


def is_furniture(text: str, words: int | None = None, terminal: bool = True) -> bool:
    """A widget label ("Share", "Advertisement"), a short offer, a footer or a photo credit."""
    folded = text.casefold()
    words = words if words is not None else len(text.split())
    return _furniture(folded, words, terminal) or is_caption(folded, words, terminal)


def _furniture(folded: str, words: int, terminal: bool = False) -> bool:
    if folded.strip(_EDGE_PUNCT) in FURNITURE_LINES or _SYNDICATION.match(folded.lstrip("*( ")):
        return True
    if words <= 16 and terminal and words >= 6:  # a short sentence: only unmistakable phrases
        return _STRONG_OR_FOOTER(folded)
    if words <= 16:  # one search finds either kind of phrase
        return _FURNITURE_OR_FOOTER(folded)
    # a long line: a legal footer, or a consent notice naming two of the footer's links
    # ("… agree to our Terms of Use and Privacy Policy"); a story may name one
    return _FOOTER(folded) or sum(link in folded for link in FOOTER_LINKS) >= 2


def is_caption(folded: str, words: int, terminal: bool) -> bool:
    """A photo caption or credit line ("… Image: NASA", "(AP Photo/Ahn Young-joon)")."""
    return not terminal and words <= 60 and _CAPTION(folded)


def is_syndication_note(text: str) -> bool:
    """The credit a syndicating site appends ("(Only the headline … syndicated feed.)")."""
    return _SYNDICATION.match(text.casefold().lstrip("*( ")) is not None


def _is_boundary(text: str) -> bool:
    """ "34 Comments", "Related stories", "More from this section", "Leia também:", "Tags: …" """
    folded = text.casefold()
    bare = folded.strip(_EDGE_PUNCT + "0123456789")
    return _BOUNDARY.match(bare) is not None or _opens_comments(bare) or _TAG_LIST.match(folded) is not None



def _opens_comments(folded: str) -> bool:
    return _COMMENT_HINT.search(folded) is not None and _COMMENTS.search(folded) is not None


_COMMENT_HINT = re.compile("comment|respons|repl|conversation|discussion|koment|comentá")


_COMMENTS = re.compile(
    r"^\d+ (?:comments?|responses?|replies)\b|\b\d+ comments\b|\bresponses? to\b|^leave a (?:reply|comment)"
    r"|^join the (?:conversation|discussion)|^comments are closed|^post a comment|^(?:\d+ )?comentários"
    r"|^(?:\d+ )?kommentare|^(?:\d+ )?commentaires|^(?:\d+ )?komentar")
