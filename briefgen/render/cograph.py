"""Who an entity is named with, as a small radial SVG drawn at build time (no JS).

The entity sits in the middle; its most frequent companions sit on a circle
around it, each spoke as thick as the number of stories the two share. The
picture is a summary: its ``aria-label`` says the same in words, and the list
of links next to it is what readers (and keyboards) navigate by, so the SVG
holds no links of its own. Colours come from CSS classes per entity type.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape
from typing import Sequence

from markupsafe import Markup

WIDTH, HEIGHT = 360, 230
RX, RY = 62, 78  # centre to companion: an ellipse, leaving room for labels at the sides
MAX_NEIGHBOURS = 8
LABEL_CHARS = 16  # longer names are shortened on the picture (the full name is in its title)


@dataclass(frozen=True)
class Companion:
    name: str
    type: str
    shared: int  # stories naming both


def _short(name: str) -> str:
    return name if len(name) <= LABEL_CHARS else name[:LABEL_CHARS - 1].rstrip() + "…"


def co_mention_svg(name: str, etype: str, companions: Sequence[Companion]) -> Markup:
    """The graph for one entity ('' when it is named with nobody)."""
    shown = list(companions[:MAX_NEIGHBOURS])
    if not shown:
        return Markup("")
    peak = max(c.shared for c in shown) or 1
    cx, cy = WIDTH / 2, HEIGHT / 2
    summary = ", ".join(f"{c.name} ({c.shared})" for c in shown)
    parts = [f'<svg class="cograph" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
             f'aria-label="{escape(name)} is named most often with: {escape(summary)}">']
    spokes, nodes = [], []
    for i, c in enumerate(shown):
        angle = -math.pi / 2 + 2 * math.pi * i / len(shown)
        x, y = cx + RX * math.cos(angle), cy + RY * math.sin(angle)
        width = 1 + 4 * c.shared / peak
        spokes.append(f'<line class="spoke" x1="{cx:.1f}" y1="{cy:.1f}" x2="{x:.1f}" '
                      f'y2="{y:.1f}" stroke-width="{width:.1f}"/>')
        dx, dy = math.cos(angle), math.sin(angle)
        anchor = "middle" if abs(dx) < 0.3 else ("start" if dx > 0 else "end")
        lx, ly = x + 10 * dx, y + 10 * dy + (4 if abs(dy) < 0.7 else (12 if dy > 0 else -4))
        nodes.append(f'<g class="node node-{escape(c.type)}"><title>{escape(c.name)}: '
                     f'{c.shared} {"story" if c.shared == 1 else "stories"}</title>'
                     f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{4 + 3 * c.shared / peak:.1f}"/>'
                     f'<text x="{lx:.1f}" y="{ly:.1f}" text-anchor="{anchor}">'
                     f"{escape(_short(c.name))}</text></g>")
    parts += spokes + nodes
    parts.append(f'<g class="node node-centre node-{escape(etype)}"><circle cx="{cx:.1f}" '
                 f'cy="{cy:.1f}" r="9"/></g>')
    parts.append("</svg>")
    return Markup("".join(parts))
