"""Who said what: quotes and reported speech with their speaker, found in one article's text.

The first step of the second part of issue #16, not yet shown on any page.
Forms found, sentence by sentence (wire style and the forms other outlets use):

- ``"…," X said`` / ``"…," said X`` (a direct quote, the attribution after it);
- ``X said: "…"`` / ``X said, "…"`` (the attribution before it);
- ``X quoted Y as saying (that) …`` (Y is the speaker, X only carried it);
- ``…, X said (Monday).`` / ``…, X said, according to Z.`` (reported speech, attribution last);
- ``X said (that) …``, ``X told Z (that) …`` (reported speech, attribution first; also after a
  clause: ``…, but X says …``, X a name or a description of twelve words at most);
- ``according to X, …`` / ``…, according to X.``

The speaker is tied to one of the article's entities where it is named (``surfaces``:
surface → entity slug, as the site index has it: "Kim" → kim-jong-un); "he" or
"she" is the person the text named last; a description ("state media", "the
report", "officials") stays a description with no entity.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import Mapping, Sequence

from briefgen.index.sentences import sentence_spans
from briefgen.index.surfaces import occurs, surface_finder

VERBS = (r"(?:(?:has|have|had)\s+(?:not\s+)?)?(?:said|says|say|added|adds|told|tells|stated|states|"
         r"announced|warned|claimed|insisted|noted|notes|explained|wrote|writes|reported|reports|"
         r"declared|argued|asked|acknowledged|confirmed|recalled|replied|observed|commented|"
         r"tweeted|concluded|admitted|revealed|alleged|suggested|believes|believed|thinks|"
         r"thought|estimated|predicted|denied|urged)")
_NAME = r"(?:[A-Z][\w'’.\-]*(?:\s+(?:of\s+|the\s+|de\s+|van\s+)?[A-Z][\w'’.\-]*)*)"
_DESCRIPTION = (r"(?:(?:the|a|an|one|two|three|several|some|many|other)\s+)?(?:[\w\-]+\s+){0,3}?"
                r"(?:media|officials?|report|reports|spokes(?:wo)?man|spokesperson|agency|"
                r"ministry|police|statement|sources?|experts?|analysts?|diplomats?|government|"
                r"military|authorities|observers|residents|witnesses|people|researchers)")
# a name, after a title or description in lower case ("team member Rodaba Noori")
_SPEAKER = (rf"(?P<sp>(?:the\s+|[A-Z][\w'’.\-]*\s+)?(?:[a-z][\w\-]*\s+){{0,4}}?{_NAME}"
            rf"|{_DESCRIPTION}|[Hh]e|[Ss]he|[Tt]hey)")
_WHEN = (r"(?:\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
         r"yesterday|today|earlier|later|last\s+\w+|this\s+\w+|in\s+a\s+statement))?")
_OPEN = "\"“"
_CLOSE = "\"”"

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("quoted", re.compile(rf"^(?P<via>.+?)\s+quoted\s+{_SPEAKER}\s+as\s+"
                          r"saying\s+(?:that\s+)?(?P<q>.+?)[.!?]?[”\"]?$")),
    ("direct-after", re.compile(rf"^[{_OPEN}](?P<q>.+?)[,.?!]?[{_CLOSE}],?\s+(?:{_SPEAKER}\s+"
                                rf"{VERBS}|{VERBS}\s+{_SPEAKER.replace('(?P<sp>', '(?P<sp2>')}(?=\s*(?:[,.!?;]|$)))")),
    ("direct-before", re.compile(rf"^{_SPEAKER}\s+{VERBS}{_WHEN}[,:]\s*[{_OPEN}](?P<q>.+?)"
                                 rf"[,.?!]?[{_CLOSE}]")),
    ("reported-after", re.compile(rf"^(?P<q>.{{12,}}?),\s+{_SPEAKER}\s+{VERBS}{_WHEN}"
                                  r"(?:,\s+according\s+to\s+[^,.]+)?\s*(?:[.!?]|,\s+(?![“\"]))")),
    ("according-after", re.compile(r"^(?P<q>.{12,}?),\s+according\s+to\s+(?P<sp>[^,.]+?)\s*[.!?]")),
    ("according-before", re.compile(r"(?:^|,\s+|;\s+)[Aa]ccording\s+to\s+(?P<sp>[^,]+?),\s+"
                                    r"(?P<q>.{12,}?)[.!?]?$")),
    ("reported-before", re.compile(rf"(?:^(?:[^,]{{0,60}},\s+)?|\b(?:but|and|while|because)\s+)"
                                   rf"{_SPEAKER}\s+(?:told\s+(?:{_NAME}|"
                                   rf"(?:the\s+|a\s+)?\w+)|{VERBS}){_WHEN},?\s+(?:that\s+)?"
                                   rf"(?P<q>[A-Za-z“\"].{{12,}}?)[.!?]?$")),
)
_PRONOUNS = {"he", "she"}
_CUE = re.compile(rf"\b(?:{VERBS}|[Aa]ccording to|quoted)\b")  # no sentence without one matches
_NOT_SPEAKERS = {"it", "this", "that", "there", "which", "who", "what", "and", "but"}


@dataclass(frozen=True)
class Quote:
    """One attributed statement: what was said, by whom (as written) and which entity that is."""

    text: str
    speaker: str
    entity: str | None  # entity slug; None for a description ("state media") or an unknown name
    kind: str  # which form found it (see the module docstring)


def find_quotes(blocks: Sequence[str], surfaces: Mapping[str, str],
                types: Mapping[str, str] | None = None) -> tuple[Quote, ...]:
    """The attributed statements of one article's paragraphs, in reading order.

    ``surfaces``: surface → entity slug; ``types``: entity slug → type (for "he"/"she").
    """
    types = types or {}
    earlier: list[str] = []  # sentences read so far, for "he" and "she"
    found: list[Quote] = []
    for text in blocks:
        cues = [m.start() for m in _CUE.finditer(text)]
        if not cues:
            earlier.append(text)
            continue
        for start, end in sentence_spans(text):
            sentence = text[start:end].strip()
            at = bisect_left(cues, start)
            if at < len(cues) and cues[at] < end:
                quote = _attribution(sentence, surfaces, earlier, types)
                if quote is not None:
                    found.append(quote)
            earlier.append(sentence)
    return tuple(found)


def _last_person(earlier: Sequence[str], surfaces: Mapping[str, str],
                 types: Mapping[str, str]) -> str | None:
    """The person the text named last before the current sentence."""
    finder = surface_finder(s for s, slug in surfaces.items() if types.get(slug) == "person")
    if finder is None:
        return None
    for text in reversed(earlier):
        names = [m.name for m in finder.finditer(text)]
        if names:
            return surfaces[names[-1]]
    return None


_MID_VERB = re.compile(rf"\s(?P<verb>{VERBS})(?:\s+that)?\s+(?P<q>[A-Za-z“\"].{{12,}}?)[.!?]?$")
_CLAUSE = re.compile(r"(?:^|[,;:]\s+|\s(?:but|and|while|because|as|when|after)\s+)")
_SPEAKERISH = re.compile(rf"^(?:{_DESCRIPTION}|(?:the\s+|[A-Z][\w'’.\-]*\s+)?(?:[a-z][\w\-]*\s+){{0,4}}?"
                         rf"{_NAME}|[Hh]e|[Ss]he|[Tt]hey)$")


def _reported_mid(sentence: str) -> tuple[str, str] | None:
    """``… SPEAKER said (that) CONTENT`` anywhere in a sentence: the speaker is the clause
    before the verb (a name or a description, twelve words at most)."""
    m = _MID_VERB.search(sentence)
    if m is None:
        return None
    before = sentence[:m.start()]
    starts = [c.end() for c in _CLAUSE.finditer(before)]
    speaker = before[starts[-1] if starts else 0:].strip()
    if not speaker or len(speaker.split()) > 12 or not _SPEAKERISH.match(speaker):
        return None
    return speaker, m.group("q")


def _attribution(sentence: str, surfaces: Mapping[str, str], earlier: Sequence[str],
                 types: Mapping[str, str]) -> Quote | None:
    quote = _patterns(sentence, surfaces, earlier, types)
    if quote is not None:
        return quote
    mid = _reported_mid(sentence)
    if mid is None:
        return None
    speaker, text = mid
    text = text.strip().strip(_OPEN + _CLOSE).strip()
    if speaker.lower() in _NOT_SPEAKERS or len(text.split()) < 3:
        return None
    if speaker.lower() in _PRONOUNS:
        return Quote(text, speaker, _last_person(earlier, surfaces, types), "reported-mid")
    return Quote(text, speaker, _entity(speaker, surfaces), "reported-mid")


def _patterns(sentence: str, surfaces: Mapping[str, str], earlier: Sequence[str],
              types: Mapping[str, str]) -> Quote | None:
    for kind, pattern in _PATTERNS:
        m = pattern.search(sentence)
        if m is None:
            continue
        groups = m.groupdict()
        speaker = (groups.get("sp") or groups.get("sp2") or "").strip()
        text = m.group("q").strip().strip(_OPEN + _CLOSE).strip()
        if not speaker or speaker.lower() in _NOT_SPEAKERS or len(text.split()) < 3:
            continue
        if kind.startswith("reported-before") and speaker.lower() in ("they",):
            continue
        if speaker.lower() in _PRONOUNS:
            return Quote(text, speaker, _last_person(earlier, surfaces, types), kind)
        return Quote(text, speaker, _entity(speaker, surfaces), kind)
    return None


def _entity(speaker: str, surfaces: Mapping[str, str]) -> str | None:
    name = re.sub(r"^(?:the|The)\s+", "", speaker)
    for candidate in (speaker, name):
        if candidate in surfaces:
            return surfaces[candidate]
    # a name inside a longer speaker ("North Korean leader Kim Jong Un"): the longest surface
    inside = [s for s in surfaces if s and s in speaker and occurs(speaker, s)]
    return surfaces[max(inside, key=len)] if inside else None


def named_in(quote: Quote, surfaces: Mapping[str, str]) -> tuple[str, ...]:
    """The entities a quote's words name (its speaker's aside), in order of first mention."""
    finder = surface_finder(surfaces)
    if finder is None:
        return ()
    found = dict.fromkeys(surfaces[m.name] for m in finder.finditer(quote.text))
    if quote.entity is not None:
        found.pop(quote.entity, None)
    return tuple(found)
