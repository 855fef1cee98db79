"""Wire and agency copy as agencies file it: headline, byline, dateline, paragraphs, credits.

A wire file is not a web page: it has no menus, no share buttons and no
related links, and its header follows one of a few fixed orders:

- the Reuters corpus layout (CoNLL-2003): ``SOCCER - JAPAN GET LUCKY WIN .`` /
  ``Nadim Ladki`` / ``AL-AIN, United Arab Emirates 1996-12-06`` / one
  paragraph per line;
- a dateline opening the first paragraph: ``SEOUL, Aug 14 (Reuters) - …``,
  ``ST. JOSEPH, Mich. (AP) — …``, ``Seoul, Aug. 14 (Yonhap) -- …``.

Around it may stand slug lines (``BC-Korea-Missile/1st Ld-Writethru``),
keyword lines (``Keywords: …``) and, after the story, a credit tail
(``(Reporting by …; Editing by …)``), a copyright line or an ``(END)`` mark.
Those go to fields, never into the body. :func:`read_wire` returns ``None``
for anything that does not have this shape, so web-page dumps keep their own
reader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from briefgen.ingest.agencies import agency_of
from briefgen.ingest.clean import detokenise, parse_dateline, usual_case
from briefgen.ingest.dates import find_datetimes
from briefgen.ingest.textdump.header import byline_of
from briefgen.ingest.textdump.lines import Line

_SLUG = re.compile(r"^(?:\^?BC-|[A-Z0-9]+(?:-[A-Z0-9]+)+/|(?:slug|keywords?|tags|topics?|category|"
                   r"priority|embargo(?:ed)?|story|ref|urgent|flash|bulletin)\b\s*[:=]?\s*)", re.I)
_KEYWORDS = re.compile(r"^(?:keywords?|tags|topics?)\s*[:=]\s*(.+)$", re.I)
_CREDIT = re.compile(r"^\(?\s*(?:\(?(?:reporting|writing|additional reporting|editing|compiled|"
                     r"edited|reported|written)\s+by\b)", re.I)
_REPORTERS = re.compile(r"(?:^|[(;]\s*)(?:reporting|writing|reported|written)\s+by\s+([^;)]+)", re.I)
_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright\b|all rights reserved|our standards:|this material may not be"
                        r"|\(?end\)?$|\(?ends?\)?\s*$|[\w.+-]+@[\w-]+\.[\w.]+$)", re.I)
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
_HEADLINE_PREFIX = re.compile(r"^(?:UPDATE\s+\d+|RPT|REFILE|CORRECTED|RECASTS?|WRAPUP\s*\d*)\s*-\s*")


@dataclass
class Wire:
    """What :func:`read_wire` found; indexes are positions in the line list."""

    title: tuple[str, int]
    body: list[int]  # positions of the paragraphs
    authors: tuple[tuple[str, ...], int] | None = None
    dateline: tuple[str, int] | None = None
    agency: tuple[str, int] | None = None
    published: tuple[date | datetime, int] | None = None
    keywords: tuple[tuple[str, ...], int] | None = None
    extra: dict[str, tuple[str, int]] = field(default_factory=dict)  # credits, copyright, slug


def _name_line(text: str) -> tuple[str, ...] | None:
    """A byline that is only names: "Nadim Ladki", "By Jane Doe and John Roe", "JOHN SMITH, Reuters"."""
    text = re.sub(r"^(?:by|from)\s+", "", detokenise(text).strip(), flags=re.I)
    names: list[str] = []
    for part in re.split(r"\s*,\s*|\s+and\s+|\s*&\s*", text):
        part = part.strip(" .")
        if not part or agency_of(part):
            continue
        words = part.split()
        if not 2 <= len(words) <= 4 or not all(w[:1].isupper() and w.replace("-", "").replace(".", "")
                                                .replace("'", "").isalpha() for w in words):
            return None
        names.append(usual_case(part))
    return tuple(names) if names else None


def _headline(text: str) -> str:
    text = _HEADLINE_PREFIX.sub("", detokenise(text)).strip()
    if text.endswith(".") and not text.endswith("..."):
        text = text[:-1].rstrip()
    return text


def _paragraph(line: Line) -> bool:
    return line.words >= 8 and not line.furniture and not line.linkish


def read_wire(lines: list[Line]) -> Wire | None:
    """The wire story in ``lines``, or ``None`` when the file is not laid out as wire copy."""
    if not lines or len(lines) > 600:
        return None
    head = 0
    slug: tuple[str, int] | None = None
    keywords: tuple[tuple[str, ...], int] | None = None
    while head < min(len(lines), 4) and _SLUG.match(lines[head].text) and lines[head].words <= 20 \
            and not parse_dateline(lines[head].text):
        found = _KEYWORDS.match(lines[head].text)
        if found:
            keywords = (tuple(k.strip() for k in re.split(r"[,;]", found.group(1)) if k.strip()), head)
        elif slug is None:
            slug = (lines[head].text, head)
        head += 1
    if head >= len(lines) - 1:
        return None
    # the dateline: a line of its own, or the opening of the first paragraph, within a few lines
    for at in range(head + 1, min(len(lines), head + 5)):
        dateline = parse_dateline(lines[at].text)
        if dateline is not None and (dateline.standalone or _paragraph(lines[at])):
            break
    else:
        return None
    title_line = lines[head]
    if title_line.words > 30 or title_line.words < 2 or title_line.furniture or title_line.linkish:
        return None
    between = range(head + 1, at)
    authors: tuple[tuple[str, ...], int] | None = None
    agency: tuple[str, int] | None = None
    stamped: tuple[date | datetime, int] | None = None
    for i in between:  # a byline, a time stamp … anything else and this is no wire file
        text = lines[i].text
        credit = byline_of(detokenise(text), i) if re.match(r"^by\s", text, re.I) else None
        names = None if credit else _name_line(text)
        if credit is not None:
            if credit.authors and authors is None:
                authors = (credit.authors, i)
            if credit.agency and agency is None:
                agency = (credit.agency, i)
        elif names is not None and authors is None:
            authors = (names, i)
        elif agency_of(text):
            agency = (agency_of(text) or "", i)
        elif lines[i].words <= 12 and re.match(r"^by\s", text, re.I):
            continue
        elif lines[i].stamp and stamped is None:  # "August 14, 2023 9:03 AM GMT+9"
            stamps = find_datetimes(text)
            stamped = (stamps[0].value, i) if stamps else None
        else:
            return None
    start = at + 1 if dateline.standalone else at
    body: list[int] = []
    extra: dict[str, tuple[str, int]] = {}
    tail = False
    for i in range(start, len(lines)):
        text = lines[i].text
        if _CREDIT.match(text):
            extra.setdefault("credits", (text.strip("() "), i))
            tail = True
        elif _COPYRIGHT.match(text) or (tail and lines[i].words <= 14):
            if re.match(r"^(?:©|\(c\)|copyright)", text, re.I):
                extra.setdefault("copyright", (text, i))
            tail = True
        elif _KEYWORDS.match(text) and lines[i].words <= 30:
            found = _KEYWORDS.match(text)
            assert found is not None
            keywords = keywords or (tuple(k.strip() for k in re.split(r"[,;]", found.group(1)) if k.strip()), i)
        elif not tail:
            body.append(i)
    prose = [i for i in body if _paragraph(lines[i])]
    if not body or not prose or sum(lines[i].furniture or lines[i].boundary for i in body) > 0.1 * len(body) + 1:
        return None
    wire = Wire(title=(_headline(title_line.text), head), body=body, authors=authors, agency=agency,
                keywords=keywords, extra=extra)
    wire.dateline = (dateline.place, at)
    if dateline.agency and wire.agency is None:
        wire.agency = (dateline.agency, at)
    day = dateline.day
    if day is None and dateline.month_day is not None:
        year = _year_of(lines)
        if year is not None:
            try:
                day = date(year, *dateline.month_day)
            except ValueError:
                day = None
    if day is not None:
        wire.published = (day, at)
    elif stamped is not None:
        wire.published = stamped
    if slug is not None:
        wire.extra["slug"] = slug
    if authors is None and "credits" in extra:
        reporters = _REPORTERS.search(extra["credits"][0])
        if reporters:
            names = tuple(n.strip() for n in re.split(r",\s*|\s+and\s+", reporters.group(1)) if n.strip()
                          and not re.search(r"\bin\b", n))
            if names and all(1 <= len(n.split()) <= 4 for n in names):
                wire.authors = (names, extra["credits"][1])
    return wire


def _year_of(lines: list[Line]) -> int | None:
    """The year a dateline without one belongs to: the copyright line's, when there is exactly one."""
    years = {int(y) for line in lines if _COPYRIGHT.match(line.text) or line.stamp
             for y in _YEAR.findall(line.text)}
    return years.pop() if len(years) == 1 else None
