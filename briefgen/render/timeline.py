"""Coverage over time as a small inline SVG bar chart, drawn at build time (no JS).

Buckets adapt to the span: days for a few weeks of coverage, months for a few
years, years beyond. Colours come from CSS (``currentColor`` and classes), so
the chart follows dark mode and prints in black.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta
from html import escape
from typing import Iterable

from markupsafe import Markup

from briefgen.render.dates import MONTHS

WIDTH, HEIGHT, PAD = 600, 80, 2


def _day(value: datetime | date) -> date:
    return value.date() if isinstance(value, datetime) else value


def _buckets(days: list[date]) -> list[tuple[str, str, int]]:
    """``(key label, long label, count)`` for every bucket from first to last, gaps included."""
    first, last = min(days), max(days)
    span = (last - first).days
    if span <= 62:
        counts = Counter(days)
        out = []
        d = first
        while d <= last:
            out.append((f"{d.day} {MONTHS[d.month - 1]}", f"{d.day} {MONTHS[d.month - 1]} {d.year}",
                        counts.get(d, 0)))
            d += timedelta(days=1)
        return out
    if span <= 3 * 366:
        per_month = Counter((d.year, d.month) for d in days)
        out, (y, m) = [], (first.year, first.month)
        while (y, m) <= (last.year, last.month):
            out.append((f"{MONTHS[m - 1]} {y}", f"{MONTHS[m - 1]} {y}", per_month.get((y, m), 0)))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return out
    per_year = Counter(d.year for d in days)
    return [(str(y), str(y), per_year.get(y, 0)) for y in range(first.year, last.year + 1)]


def timeline_svg(moments: Iterable[datetime | date | None], label: str = "Coverage") -> Markup:
    """An accessible SVG of how many stories fell in each period ('' when there are none)."""
    days = [_day(m) for m in moments if m is not None]
    if not days:
        return Markup("")
    buckets = _buckets(days)
    peak = max(n for _, _, n in buckets) or 1
    slot = WIDTH / len(buckets)
    bar = max(1.0, slot * 0.8)
    chart_h = HEIGHT - PAD
    total = sum(n for _, _, n in buckets)
    parts = [f'<div class="timeline-chart"><svg class="timeline" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
             f'preserveAspectRatio="none" aria-label="{escape(label)}: {total} '
             f'stor{"y" if total == 1 else "ies"} from {escape(buckets[0][1])} '
             f'to {escape(buckets[-1][1])}">']
    parts.append(f'<line class="axis" x1="0" y1="{chart_h}" x2="{WIDTH}" y2="{chart_h}"/>')
    for i, (_, long_label, n) in enumerate(buckets):
        if not n:
            continue
        h = max(2.0, (chart_h - 4) * n / peak)
        x = i * slot + (slot - bar) / 2
        parts.append(f'<rect class="bar" x="{x:.1f}" y="{chart_h - h:.1f}" width="{bar:.1f}" '
                     f'height="{h:.1f}"><title>{escape(long_label)}: {n}</title></rect>')
    parts.append("</svg>")
    # Labels live outside the SVG: a stretched viewBox would squash SVG text.
    parts.append('<div class="timeline-range" aria-hidden="true">'
                 f"<span>{escape(buckets[0][1])}</span>"
                 + (f"<span>{escape(buckets[-1][1])}</span>" if len(buckets) > 1 else "")
                 + "</div>")
    parts.append("</div>")
    return Markup("".join(parts))
