"""Dates and times as news pages print them, shared by every reader.

Pages print stamps in dozens of shapes ("Aug 14 2023 | 9:03 AM IST",
"Updated: 3:45 p.m. ET, Jan. 5, 2021", "2023년 8월 14일 09:03", ISO 8601 in
meta tags). One hand-written scanner handles them all, because a general
parser such as dateparser is both slow (readers call this on every short line)
and too eager (it reads "May" or "3" alone as a date). A zone abbreviation
becomes a fixed offset (or a daylight-saving-aware zone for ET/PT …), and a
date printed without a time stays a ``date``: briefgen never invents midnight.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

from briefgen.ingest.timezones import FIXED_ZONES, MONTHS, SEASONAL_ZONES, WEEKDAYS


@dataclass(frozen=True)
class Stamp:
    """A date or time found in a line, with where it sits so callers can cut it out."""

    value: datetime | date
    start: int
    end: int
    text: str


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_MONTH = rf"(?P<mon>{_alternation(list(MONTHS))})\.?"
_WEEKDAY = rf"(?:(?:{_alternation(list(WEEKDAYS))})\.?,?\s+)?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|º|\.)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_OF = r"(?:\s+(?:de|del|of)\s+|\s*,?\s*)"
# A copied page can run the time into the year: "NOV 20 20194:29 AM EST".
_GLUED_TIME = r"(?=[0-2]?\d:[0-5]\d)"

# Each date shape is one named regex; the first to match at a position wins.
_DATE_SHAPES: tuple[re.Pattern[str], ...] = tuple(re.compile(p, re.I) for p in (
    # 2023-08-14, 2023-08-14T09:03:00+05:30 (time picked up by the time scanner)
    rf"(?<![\d.]){_YEAR}-(?P<mon_n>[01]\d)-(?P<day_n>[0-3]\d)(?![\d])",
    # 2023年8月14日 / 2023년 8월 14일
    rf"{_YEAR}\s*[年년]\s*(?P<mon_n>[01]?\d)\s*[月월]\s*(?P<day_n>[0-3]?\d)\s*[日일]?",
    # 2023/08/14, 2023.08.14
    rf"(?<![\d.]){_YEAR}[./](?P<mon_n>[01]?\d)[./](?P<day_n>[0-3]?\d)(?![\d])\.?",
    # Monday, August 21, 2015 · Aug 14 2023 · Jan. 5, 2021
    rf"\b{_WEEKDAY}{_MONTH}\s+{_DAY},?\s+{_YEAR}(?:\b|{_GLUED_TIME})",
    # 14 August 2023 · Monday 14th August, 2023 · 14 de agosto de 2023 · 14. August 2023
    rf"\b{_WEEKDAY}{_DAY}{_OF}{_MONTH}{_OF}{_YEAR}(?:\b|{_GLUED_TIME})",
    # 14/08/2023, 08/14/2023, 14.08.2023
    rf"(?<![\d./]){_WEEKDAY}(?P<a>[0-3]?\d)(?P<sep>[./-])(?P<b>[0-3]?\d)(?P=sep){_YEAR}(?![\d])",
))

_YEAR_ANYWHERE = re.compile(r"(?:19|20)\d\d")
_ZONE_NAMES = _alternation(list(FIXED_ZONES) + list(SEASONAL_ZONES))
_TIME_BODY = (
    r"(?P<h>[0-2]?\d)(?:(?P<colon>[:.h])(?P<m>[0-5]\d)(?::(?P<s>[0-5]\d)(?:[.,]\d+)?)?)?"
    r"(?:\s*(?P<ampm>[ap])\.?\s?m\b\.?)?"
    r"(?:\s*\(?(?:(?-i:(?P<zone>" + _ZONE_NAMES + r"))(?:\b|(?=[A-Z]{3}))(?P<zoff>[+\-−]\d{1,2}(?::?\d\d)?)?"
    r"|(?P<off>[+\-−]\d\d:?\d\d|Z\b))\)?)?"
)
_TIME = re.compile(r"(?<![\d:])" + _TIME_BODY, re.I)
_TIME_GLUED = re.compile(_TIME_BODY, re.I)  # right after a year it was run into
# What may sit between a date and its time: separators and the small words for "at".
_GAP_AFTER = re.compile(r"(?:\s*[|,·•@–—/-]?\s*(?:at|um|às|as|a las|à|a les|alle|om|T)?\s*)", re.I)
_GAP_BEFORE = re.compile(r"(?:\s*(?:[|,·•–—-]|on)?\s*)$", re.I)


def parse_datetime(text: str) -> datetime | date | None:
    """The first date or date-time in ``text`` ("Updated: 3:45 p.m. ET, Jan. 5, 2021"), else ``None``."""
    if not text:
        return None
    iso = _iso(text.strip())
    if iso is not None:
        return iso
    found = find_datetimes(text)
    return found[0].value if found else None


def _iso(text: str) -> datetime | date | None:
    """Exact ISO 8601 (meta tags, JSON-LD, sidecars) through the standard library."""
    if not (10 <= len(text) <= 35 and text[:4].isdigit() and text[4:5] == "-"):
        return None
    try:
        if len(text) == 10:
            return date.fromisoformat(text)
        return datetime.fromisoformat(text.replace("z", "Z"))
    except ValueError:
        return None


def find_datetimes(line: str) -> list[Stamp]:
    """Every stamp in ``line``, in order, each with its character span."""
    stamps: list[Stamp] = []
    if _YEAR_ANYWHERE.search(line) is None:  # every shape has a four-digit year: skip most lines fast
        return stamps
    pos = 0
    floor = 0  # a time before a date must not reach into the previous stamp
    while pos < len(line):
        hit = _earliest_date(line, pos)
        if hit is None:
            break
        start, end, day = hit
        value: datetime | date = day
        after = _time_after(line, end, day)
        if after is not None:
            value, end = after
        else:
            before = _time_before(line, floor, start, day)
            if before is not None:
                value, start = before
        stamps.append(Stamp(value, start, end, line[start:end]))
        pos = floor = end
    return stamps


# A character each shape needs, so most shapes skip most lines without a search.
# ("month": a month name among the line's words).
_SHAPE_NEEDS = ("-", "年년", "/.", "month", "month", "./-")
_LETTERS = re.compile(r"[^\W\d_]+")


def _earliest_date(line: str, pos: int) -> tuple[int, int, date] | None:
    best: tuple[int, int, date] | None = None
    has_month = any(word in MONTHS for word in _LETTERS.findall(line.lower()))
    for shape, needs in zip(_DATE_SHAPES, _SHAPE_NEEDS):
        if needs == "month":
            if not has_month:
                continue
        elif not any(ch in line for ch in needs):
            continue
        for match in shape.finditer(line, pos):
            if best is not None and match.start() >= best[0]:
                break
            day = _date_of(match)
            if day is not None:
                if best is None or match.start() < best[0]:
                    best = (match.start(), match.end(), day)
                break
    return best


def _date_of(match: re.Match[str]) -> date | None:
    groups = match.groupdict()
    year = int(groups["year"])
    if groups.get("mon"):
        month, day = MONTHS.get(groups["mon"].lower().rstrip(".")), int(groups["day"])
    elif groups.get("mon_n"):
        month, day = int(groups["mon_n"]), int(groups["day_n"])
    else:
        a, b = int(groups["a"]), int(groups["b"])
        # Day first unless that is impossible, or the page uses the US slash with a day > 12.
        day_first = groups["sep"] != "/" or a > 12
        if b > 12:
            day_first = False
        month, day = (b, a) if day_first else (a, b)
    if month is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _time_after(line: str, end: int, day: date) -> tuple[datetime, int] | None:
    if end < len(line) and line[end].isdigit():  # glued: "20194:29 AM"
        match = _TIME_GLUED.match(line, end)
        moment = _moment(match, day)
        return (moment, match.end()) if moment is not None and match is not None else None
    gap = _GAP_AFTER.match(line, end)
    at = gap.end() if gap else end
    match = _TIME.match(line, at)
    moment = _moment(match, day)
    if moment is None or match is None:  # no match is no moment
        return None
    return moment, match.end()


def _time_before(line: str, floor: int, start: int, day: date) -> tuple[datetime, int] | None:
    head = line[floor:start]
    gap = _GAP_BEFORE.search(head)
    cut = gap.start() if gap else len(head)
    for match in _TIME.finditer(head[:cut]):
        if match.end() == cut or head[match.end():cut].strip() == "":
            moment = _moment(match, day)
            if moment is not None:
                return moment, floor + match.start()
    return None


def _moment(match: re.Match[str] | None, day: date) -> datetime | None:
    """A time-of-day match on ``day``; a bare number is a time only with am/pm or minutes."""
    if match is None or not match.group("h"):
        return None
    if match.group("m") is None and match.group("ampm") is None:
        return None
    if match.group("colon") in (".", "h") and not (match.group("ampm") or match.group("zone")):
        return None  # "10.50" after a date is more often a number than a time
    hour, minute = int(match.group("h")), int(match.group("m") or 0)
    second = int(match.group("s") or 0)
    ampm = (match.group("ampm") or "").lower()
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm == "p" else 0)
    if hour > 23:
        return None
    naive = datetime(day.year, day.month, day.day, hour, minute, second)
    zone = _zone(match, naive)
    return naive.replace(tzinfo=zone) if zone is not None else naive


def _zone(match: re.Match[str], naive: datetime) -> tzinfo | None:
    if match.group("off"):
        return _offset(match.group("off"))
    name = match.group("zone")
    if not name:
        return None
    if match.group("zoff"):  # "GMT+5:30", "UTC-04:00"
        return _offset(match.group("zoff"))
    name = name.upper()
    if name in FIXED_ZONES:
        return timezone(timedelta(minutes=FIXED_ZONES[name]))
    seasonal = ZoneInfo(SEASONAL_ZONES[name])
    return timezone(seasonal.utcoffset(naive) or timedelta(0))


def _offset(text: str) -> timezone:
    if text.upper() == "Z":
        return timezone.utc
    sign = -1 if text[0] in "-−" else 1
    digits = text[1:].replace(":", "")
    hours = int(digits[:-2] or 0) if len(digits) > 2 else int(digits)
    minutes = int(digits[-2:]) if len(digits) > 2 else 0
    return timezone(sign * timedelta(hours=hours, minutes=minutes))
