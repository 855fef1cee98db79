"""Cleaning shared by every reader: titles, bylines, stray markup, page furniture.

Pages hand the same facts over in messy forms — "Story title | Reuters",
"By JANE DOE and John Smith, MD", "The Associated Press" as an author,
``&amp;amp;`` in a meta tag.  These functions turn them into the plain values
the front matter records.  The word lists they consult live in ``wordlists``.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Iterable

from briefgen.ingest.agencies import agency_of
from briefgen.ingest.wordlists import (
    BOILERPLATE_CONTAINS, BOILERPLATE_MAX_CHARS, BOILERPLATE_STARTS, BOILERPLATE_WHOLE, BRAND_WORDS,
    BYLINE_PREFIXES, CREDENTIALS, INLINE_LINK_MAX_CHARS, INLINE_LINK_STARTS, NAME_SUFFIX_ROLES,
    PLACEHOLDER_AUTHORS, ROLE_WORDS, SOCIAL_NETWORKS, TITLE_SEPARATORS,
)

_TAG = re.compile(r"<[^<>]{1,200}>")
_SPACE = re.compile(r"\s+")
_INVISIBLE = re.compile(r"[\u00ad\u200b\u200c\u200d\u2060\ufeff]")


def clean_text(value: object) -> str:
    """One line of plain text: entities decoded (twice-escaped ones too), tags and runs of space gone."""
    if value is None:
        return ""
    text = str(value)
    for _ in range(2):  # "&amp;amp;" is common in CMS-built meta tags
        if "&" not in text:
            break
        text = html.unescape(text)
    if "<" in text:
        text = _TAG.sub(" ", text)
    text = _INVISIBLE.sub("", unicodedata.normalize("NFC", text))
    return _SPACE.sub(" ", text).strip()


# --- titles -------------------------------------------------------------------

def _key(text: str) -> str:
    """Comparison key for names: case, spaces, punctuation and a leading "The" ignored."""
    text = re.sub(r"^the\s+", "", text.casefold().strip())
    text = re.sub(r"\.(com|net|org|co\.uk|co|info|news|ca|in|br|de|fr|jp|kr)\b.*$", "", text)
    text = re.sub(r"^www\.", "", text)
    return re.sub(r"[\W_]+", "", text)


_SEPARATOR = re.compile("(" + "|".join(re.escape(s) for s in TITLE_SEPARATORS) + ")")
_BRAND = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in BRAND_WORDS) + r")(?!\w)", re.I)
# CJK mastheads end in their brand word with no space before it: 예시일보, 例示新聞
_CJK_BRANDS = tuple(w for w in BRAND_WORDS if re.match(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]", w))
_DOMAIN = re.compile(r"^[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}$", re.I)


def strip_site_name(title: str, site_names: Iterable[str] = ()) -> str:
    """A headline without the site's name glued on: "Story – TechCrunch" → "Story".

    A segment after (or before) a separator goes when it matches one of
    ``site_names`` (og:site_name, the publisher, the host name) or looks like a
    brand: a short name holding a word such as "News" or "Times", a domain, an
    acronym.  Segments are removed from the ends only, one at a time, and the
    headline itself is never emptied.
    """
    title = clean_text(title)
    keys = site_keys(site_names)
    parts = _SEPARATOR.split(title)  # [seg, sep, seg, sep, seg …]
    segments = parts[0::2]
    if len(segments) < 2:
        return title
    while len(segments) > 1 and _is_site_segment(segments[-1], keys, rest=segments[:-1]):
        segments.pop()
        parts = parts[:-2]
    while len(segments) > 1 and _is_site_segment(segments[0], keys, rest=segments[1:], leading=True):
        segments.pop(0)
        parts = parts[2:]
    return "".join(parts).strip()


def site_keys(names: Iterable[str]) -> set[str]:
    """Comparison keys for the names a site goes by (see :func:`matches_site`)."""
    return {k for k in (_key(n) for n in names if n) if len(k) >= 2}


def matches_site(text: str, keys: set[str]) -> bool:
    """Whether a short text is the site's own name: "The Guardian", "JPost.com", "CNN Business"."""
    key = _key(text)
    if not key or len(text.split()) > 4:
        return False
    return any(key == k or (len(k) >= 3 and min(len(key), len(k)) >= 3 and (key.startswith(k) or k.startswith(key)))
               for k in keys)


def _is_site_segment(segment: str, keys: set[str], rest: list[str], leading: bool = False) -> bool:
    key = _key(segment)
    if not key:
        return True  # a dangling separator
    if matches_site(segment, keys):
        return True
    if leading:  # "Reuters | Story": only a known site name opens a headline
        return False
    words = segment.split()
    if len(words) > 5 or len(segment) > 40 or len(" ".join(rest)) < 4:
        return False
    segment = segment.strip()
    return bool(_BRAND.search(segment) or _DOMAIN.match(segment) or agency_of(segment)
                or segment.endswith(_CJK_BRANDS) or re.fullmatch(r"[A-Z0-9&]{2,6}", segment))


# --- bylines ------------------------------------------------------------------

@dataclass(frozen=True)
class Byline:
    """People named in a byline, and the wire agencies named there instead of people."""

    authors: tuple[str, ...] = ()
    agencies: tuple[str, ...] = ()


_BYLINE_PREFIX = re.compile(
    r"^[\s|·•:-]*(?:" + "|".join(re.escape(p.rstrip(":")) for p in sorted(BYLINE_PREFIXES, key=len, reverse=True))
    + r")(?:\s*:\s*|\s+)", re.I)
# "and" in the byline's languages; lower-case only, so "E. Jean Carroll" stays whole
_AUTHOR_SPLIT = re.compile(r"\s*(?:[,;|/&•·+]|\b(?:and|And|AND|und|e|y|et|og|och|en)\b|、|，)\s*")
_URLISH = re.compile(r"^(?:https?://|www\.)|\.(?:com|org|net)(?:/|$)|@\w", re.I)
_ROLES = frozenset(ROLE_WORDS)
_TRAILING_ROLE = re.compile(r"\s*(?:" + "|".join(sorted(NAME_SUFFIX_ROLES, key=len, reverse=True)) + ")$")


def split_byline(values: Iterable[str] | str | None, site_names: Iterable[str] = ()) -> Byline:
    """Normalise one or more byline strings into people and agencies.

    "By Jane Doe and John Smith" → two people; "Jane Doe, MD" and "John Smith |
    Staff Writer" lose the credential; "Admin" and "Web Desk" name nobody;
    "The Associated Press" is an agency, not an author; the site's own name
    (one of ``site_names``) is no one's name.
    """
    if values is None:
        return Byline()
    keys = site_keys(site_names)
    if isinstance(values, str):
        values = [values]
    authors: list[str] = []
    agencies: list[str] = []
    for value in values:
        text = clean_text(value)
        if not text or _URLISH.search(text) and " " not in text.strip():
            continue
        whole_agency = agency_of(text)
        if whole_agency:
            _add(agencies, whole_agency)
            continue
        text = _BYLINE_PREFIX.sub("", text).strip()
        text = _STAMP_TAIL.sub("", _STAMP_WORDS.sub("", text)).strip()
        for part in _AUTHOR_SPLIT.split(_SENTENCE_BREAK.sub(", ", text)):
            part = _BYLINE_PREFIX.sub("", part.strip(" .:-–—()[]'\"")).strip()
            part = _TRAILING_NOISE.sub("", part).strip()
            part, tail_agency = _split_trailing_agency(part)
            part = _strip_trailing_site(part, keys)
            if tail_agency:
                _add(agencies, tail_agency)
            if not part:
                continue
            short = agency_of(part)
            if short:
                _add(agencies, short)
                continue
            if matches_site(part, keys):
                continue
            lead_agency = _leading_agency(part)
            if lead_agency:  # "AP National Political Writer": the agency's staff, no name
                _add(agencies, lead_agency)
                continue
            name = _person(part)
            if name:
                _add(authors, name)
    return Byline(tuple(authors), tuple(agencies))


# A byline element often carries the time stamp too: "Jane Doe - Nov 19, 2019", "Jane Doe Updated 0339 GMT".
_STAMP_WORDS = re.compile(r"(?<=\S)\s*(?:[-–—|·•,]\s*)?\b(?:updated|published|posted|last modified)\b.*$", re.I)
_STAMP_TAIL = re.compile(r"\s+[-–—|·•]\s+[^-–—|·•]*\d.*$")
_SENTENCE_BREAK = re.compile(r"(?<=[a-z]{2})\.\s+(?=[A-Z])")  # "Jane Doe. Sputnik" (not "Jr. Smith")
_TRAILING_NOISE = re.compile(  # what page scrapers glue after a byline: "… November", "… Published"
    r"(?:\s+(?:published|updated|posted|on|at|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?))+$",
    re.I)


def _split_trailing_agency(part: str) -> tuple[str, str | None]:
    """ "JILL LAWLESS Associated Press" → ("JILL LAWLESS", "AP")."""
    words = part.split()
    for size in (3, 2, 1):
        if len(words) > size:
            short = agency_of(" ".join(words[-size:]))
            if short and (size > 1 or words[-1].isupper()):
                return " ".join(words[:-size]), short
    return part, None


def _leading_agency(part: str) -> str | None:
    words = part.split()
    if len(words) < 2 or words[-1].casefold().rstrip("s") not in _ROLES:
        return None
    for size in (3, 2, 1):
        if len(words) > size and (short := agency_of(" ".join(words[:size]))):
            return short
    return None


def _strip_trailing_site(part: str, keys: set[str]) -> str:
    """ "Elliot Brownstein Florida Today" → "Elliot Brownstein" when the site is Florida Today."""
    words = part.split()
    for size in (4, 3, 2, 1):
        if len(words) >= size + 2 and matches_site(" ".join(words[-size:]), keys):
            return " ".join(words[:-size])
    return part


def _person(part: str) -> str | None:
    """A person's name from one byline segment, or ``None`` when it names nobody."""
    part = _TRAILING_ROLE.sub("", part).strip()
    key = part.casefold().strip(" .")
    if not part or key in PLACEHOLDER_AUTHORS or key in CREDENTIALS:
        return None
    if _URLISH.search(part) or any(ch.isdigit() for ch in part):
        return None
    words = part.split()
    if len(words) > 5:
        return None  # a sentence, not a name
    if words[-1].casefold().rstrip("s") in _ROLES or words[0].casefold() in _ROLES:
        return None  # "Staff Writer", "Senior Correspondent", "Washington Bureau Chief"
    if len(words) == 1 and (re.fullmatch(r"[A-Z]{2,}", part) or "admin" in key):
        return None  # an outlet's initials ("CNN") or an admin account, not a person
    if part.isupper() and len(part) > 3:
        part = part.title()  # "JANE DOE" → "Jane Doe"
    return part


def _add(found: list[str], value: str) -> None:
    if value.casefold() not in (f.casefold() for f in found):
        found.append(value)


# --- page furniture -------------------------------------------------------------

def _starts(text: str, phrase: str) -> bool:
    if not text.startswith(phrase):
        return False
    rest = text[len(phrase):len(phrase) + 1]
    return not rest or not phrase[-1].isalnum() or not rest.isalnum()


_FOLLOW = re.compile(r"^(?:follow|like|join|find)\b.{0,80}?\b(?:on|at)\s+(?:"
                     + "|".join(SOCIAL_NETWORKS) + r")\b")
_SHORTCODE = re.compile(r"^\[\w+(?:\s[^\]]*)?\].*\[/\w+\]$")


def is_boilerplate(text: str) -> bool:
    """Whether a short block is page furniture: a newsletter pitch, a "Read more", a copyright line.

    The evidence needed grows with the block: one marker in a short block, two
    distinct ones in a block up to twice as long (a subscription pitch).
    """
    text = clean_text(text).casefold()
    if not text:
        return True
    if len(text) > 2 * BOILERPLATE_MAX_CHARS:
        return False
    hits = sum(phrase in text for phrase in BOILERPLATE_CONTAINS)
    if len(text) > BOILERPLATE_MAX_CHARS:
        return hits >= 2
    if text.strip(" .:!|-–—»›>") in BOILERPLATE_WHOLE:
        return True
    if any(_starts(text, phrase) for phrase in BOILERPLATE_STARTS):
        return True
    if _FOLLOW.search(text):
        return True
    if _SHORTCODE.search(text):
        return True  # a CMS shortcode the page never rendered: "[button link=…]Send us…[/button]"
    return hits > 0


def is_link_to_elsewhere(text: str) -> bool:
    """Whether a short block inside the body points to another story ("Related: …", "DON'T MISS …")."""
    text = clean_text(text).casefold()
    return 0 < len(text) <= INLINE_LINK_MAX_CHARS and any(_starts(text, p) for p in INLINE_LINK_STARTS)


_WORDS = re.compile(r"\w+")


def words_of(text: str) -> list[str]:
    """Case-folded words, for comparing two renderings of the same sentence."""
    return _WORDS.findall(text.casefold())


# --- datelines -------------------------------------------------------------------

# --- datelines: one parser for web pages, Markdown notes and wire copy ----------------------

@dataclass(frozen=True)
class Dateline:
    """The place, agency and date a story opens with: "SEOUL, Aug 14 (Reuters) -", "ST. JOSEPH, Mich. (AP) —"."""

    place: str  # in its usual case: "Al-Ain, United Arab Emirates"
    agency: str | None = None
    day: date | None = None  # None when the year is not known
    month_day: tuple[int, int] | None = None  # "Aug 14" without a year
    end: int = 0  # where the dateline ends in the text
    standalone: bool = False  # a line of its own (the Reuters corpus layout), not a paragraph's opening


_MONTHS = {name: n for n, names in enumerate((
    ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
    ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
    ("oct", "october"), ("nov", "november"), ("dec", "december")), start=1) for name in names}
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?"
_DATE = (rf"(?P<iso>(?:19|20)\d\d-\d\d-\d\d)|(?P<mon>{_MONTH})\s+(?P<day>\d{{1,2}})(?:,?\s+(?P<year>(?:19|20)\d\d))?"
         rf"|(?P<day2>\d{{1,2}})\s+(?P<mon2>{_MONTH})(?:\s+(?P<year2>(?:19|20)\d\d))?")
# A place: capitalised words ("AL-AIN", "ST. JOSEPH", "Seoul", "NEW YORK"), then perhaps a region.
_PLACE = r"(?P<place>[A-ZÀ-Ý][\w'’.-]*(?:[ ][A-ZÀ-Ý][\w'’.-]*){0,3})"
_REGION = r"(?:\s*,\s*(?P<region>[A-ZÀ-Ý][\w'’.-]*(?:[ ][A-Za-zÀ-ý][\w'’.-]*){0,3}?))?"
_DATELINE = re.compile(
    rf"^{_PLACE}{_REGION}\s*,?\s*(?:(?:{_DATE})\s*)?(?:\((?P<agency>[^)]{{2,40}})\)\s*)?"
    r"(?P<sep>-{1,2}|—|–|:|$)(?=\s|$)\s*", re.UNICODE)
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# First words of a stamp line that no place begins with.
_NOT_PLACES = frozenset(("published", "posted", "updated", "on", "by", "last", "date", "dated", "filed",
                         "created", "modified", "written", "edited", "submitted", "released", "issued",
                         "today", "yesterday", "breaking", "news", "photo", "image", "source", "found",
                         "seen", "accessed", "retrieved", "printed", "a", "an", "the",
                         # labels a paragraph may open with ("UPDATE: …", "EXCLUSIVE — …")
                         "update", "correction", "exclusive", "analysis", "opinion", "watch", "live", "note",
                         "editor's", "editors", "warning", "alert", "video", "listen", "read", "sponsored",
                         "advertisement", "also", "related", "more", "see"))
_A_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_TOKENISED = re.compile(r"\s+([,.;:!?)\]'’%]|n't|'s)(?=\s|$)")
_DASHES = ("-", "--", "—", "–")


def detokenise(text: str) -> str:
    """ "AL-AIN , United Arab Emirates" → "AL-AIN, United Arab Emirates" (CoNLL's tokenised text)."""
    return _TOKENISED.sub(r"\1", text)


def usual_case(text: str) -> str:
    """ "AL-AIN" → "Al-Ain", "ST. JOSEPH" → "St. Joseph"; mixed-case text stays as written."""
    if not text.isupper():
        return text
    out = []
    capital = True
    for ch in text.lower():
        out.append(ch.upper() if capital else ch)
        capital = ch in " -/(."
    return "".join(out)


def parse_dateline(text: str, standalone_ok: bool = True, opening: bool = False) -> Dateline | None:
    """The dateline at the start of ``text``: place, agency and date in the forms agencies write.

    ``opening``: ``text`` is a story's first paragraph on a web page or in a note, where
    the place may also stand before a colon ("NEW DELHI: The government said …"); a line
    of its own is then no dateline. Wire files (``standalone_ok``) also have datelines on
    a line of their own ("AL-AIN, United Arab Emirates 1996-12-06").
    """
    text = detokenise(text)
    match = _DATELINE.match(text)
    if not match:
        return None
    place, region = match.group("place").strip(), match.group("region")
    letters = place.replace(" ", "").replace(".", "").replace("-", "")
    capitals = place.isupper() and len(letters) >= 3
    agency_text = match.group("agency")
    agency = agency_of(agency_text) if agency_text else None
    if agency_text and agency is None and not (capitals and opening):
        return None  # "Hong Kong (CNN Business) —" is prose; "AUSTIN (KXAN) —", a station's dateline, is not
    has_date = bool(match.group("iso") or match.group("mon") or match.group("mon2"))
    sep, rest = match.group("sep"), text[match.end():]
    standalone = not rest.strip()
    if not standalone and rest.isupper():
        return None  # "SOCCER - JAPAN GET LUCKY WIN": a headline with its topic slug
    first = place.split()[0].casefold().rstrip(".,:")
    if first in _MONTHS or _MONTHS.get(place.split()[-1].casefold().rstrip(".")) or first in _NOT_PLACES \
            or first[:3] in _WEEKDAYS and (len(first) == 3 or first.endswith("day")):
        return None  # "Aug 14 -", "Tuesday, September 1, 2015", "Published 5:32 PM": a date, not a place
    separators = (*_DASHES, ":") if opening else _DASHES
    if standalone:
        if opening or not (has_date or agency) or not standalone_ok or len(text.split()) > 12:
            return None
    elif not sep or not (agency or (capitals and (has_date or sep in separators))
                         or (has_date and place[0].isupper())):
        return None
    if region and (region.casefold() in _MONTHS or _A_YEAR.search(region)):
        return None
    region = region.strip() if region else None
    short = region.replace(".", "") if region else ""
    if region and (len(short) <= 2 or len(short) == 3 and "." not in region):
        parts = [usual_case(place), region]  # "DC", "N.Y.", "UAE": abbreviations stay as written ("FLA." → "Fla.")
    else:
        parts = [usual_case(place)] + ([usual_case(region)] if region else [])
    day, month_day = _dateline_day(match)
    return Dateline(", ".join(parts), agency, day, month_day, match.end(), standalone)


def split_dateline(paragraph: str) -> Dateline | None:
    """The dateline opening a story's first paragraph ("SEOUL, South Korea (AP) — …"), else ``None``.

    Every reader asks this one question of a story's opening (web pages, copied text,
    Markdown); the words stay in the body, the place and agency go to their fields.
    """
    return parse_dateline(clean_text(paragraph)[:200], standalone_ok=False, opening=True)


def _dateline_day(match: re.Match[str]) -> tuple[date | None, tuple[int, int] | None]:
    try:
        if match.group("iso"):
            y, m, d = (int(x) for x in match.group("iso").split("-"))
            return date(y, m, d), None
        mon = match.group("mon") or match.group("mon2")
        if not mon:
            return None, None
        month = _MONTHS.get(mon.casefold().rstrip(".")[:3] if mon.casefold().rstrip(".") not in _MONTHS
                            else mon.casefold().rstrip("."))
        day = int(match.group("day") or match.group("day2"))
        year = match.group("year") or match.group("year2")
        if month is None:
            return None, None
        if year:
            return date(int(year), month, day), None
        date(2000, month, day)  # a real day of that month (leap years allowed)
        return None, (month, day)
    except ValueError:
        return None, None


def is_full_name(name: str) -> bool:
    """Two words or more, or a name in a script written without spaces (홍길동, 山田太郎)."""
    return len(name.split()) >= 2 or bool(re.search(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]", name))


_SENTENCE_END = re.compile(r"(?<![A-Z])(?<!\b[A-Z][a-z])(?<!\b(?:Mr|Ms|Dr|St|No|vs))[.!?。！？](?=\s|$)")
_GUESS_WORDS = 16  # a headline-length cut of a longer first sentence


def first_sentence(text: str, max_words: int = _GUESS_WORDS) -> str:
    """A headline guessed from a story's opening: its first sentence, cut at a word if long.

    The agency dateline ("SEOUL (AP) — ") is left off; a sentence longer than
    ``max_words`` words is cut at a comma or a word boundary and marked "…".
    """
    text = clean_text(text).strip()
    dateline = split_dateline(text)
    if dateline is not None:
        text = detokenise(text[:200])[dateline.end:] + text[200:]
    end = _SENTENCE_END.search(text)
    sentence = text[:end.start()] if end else text
    words = sentence.split()
    if len(words) <= max_words and (len(words) > 1 or len(sentence) <= 80):
        return sentence.strip()
    if len(words) <= 1:  # a script written without spaces: cut by characters
        return sentence[:40].rstrip() + "…"
    cut = " ".join(words[:max_words])
    comma = cut.rfind(",")
    if comma >= len(cut) // 2:
        cut = cut[:comma]
    return cut.rstrip(" ,;:-–—") + "…"
