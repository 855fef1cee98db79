"""Dates as readers want them: "14 Aug 2023, 09:03 IST (UTC+05:30)".

The zone the story was filed in is kept (never converted to the reader's or
the builder's zone): a Seoul story's time is Seoul time.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any, Mapping
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from briefgen.render.zones import OFFSET_ABBREVIATIONS

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def utc_offset(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}:{mins:02d}"


def _zone_name(value: datetime, extra: Mapping[str, Any] | None) -> str | None:
    name = (extra or {}).get("timezone")
    if isinstance(name, str):
        try:
            zoned = value.astimezone(ZoneInfo(name))
            if zoned.utcoffset() == value.utcoffset():
                abbr = zoned.tzname()
                if abbr and abbr[0] not in "+-":
                    return abbr
        except (ZoneInfoNotFoundError, ValueError):
            pass
    offset = value.utcoffset()
    return OFFSET_ABBREVIATIONS.get(utc_offset(offset)) if offset is not None else None


def human(value: datetime | date | None, extra: Mapping[str, Any] | None = None) -> str:
    """A readable date, with time and zone when the source gave them."""
    if value is None:
        return ""
    day = f"{value.day} {MONTHS[value.month - 1]} {value.year}"
    if not isinstance(value, datetime):
        return day
    text = f"{day}, {value.hour:02d}:{value.minute:02d}"
    offset = value.utcoffset()
    if offset is None:
        return text
    abbr = _zone_name(value, extra)
    zone = f"UTC{utc_offset(offset)}"
    if abbr == "UTC":
        return f"{text} UTC"
    return f"{text} {abbr} ({zone})" if abbr else f"{text} ({zone})"


def short(value: datetime | date | None) -> str:
    """Day only, for lists."""
    if value is None:
        return ""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def iso(value: datetime | date | None) -> str:
    """For ``<time datetime>``: keeps the offset, or the bare date."""
    return value.isoformat() if value is not None else ""
