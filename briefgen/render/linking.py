"""Link the first mention of each entity in a rendered body to its page.

Works on text nodes only: tags are copied verbatim, nothing inside an existing
link, code or pre is touched, so a name never ends up as a link inside a link
or inside an attribute. The longest surface wins ("Kim Jong Un" before "Kim").
"""

from __future__ import annotations

import html
from typing import Callable, Mapping

from briefgen.index.surfaces import SurfaceFinder, surface_finder
from briefgen.render.htmltokens import decode, tokens

_SKIP = {"a", "code", "pre", "kbd"}
_VOID = {"br", "hr", "img", "wbr", "input", "meta", "link"}


def link_entities(body_html: str, surfaces: Mapping[str, str],
                  href: Callable[[str], str]) -> str:
    """``body_html`` with each entity's first mention wrapped in ``<a href=href(slug)>``."""
    finder = surface_finder(surfaces)
    if finder is None:
        return body_html
    out: list[str] = []
    linked: set[str] = set()
    skip = 0
    for kind, name, raw in tokens(body_html):
        if kind == "text":
            _link_text(decode(raw), skip > 0, finder, surfaces, href, linked, out)
        elif kind == "start":
            out.append(raw)
            if name in _SKIP and not raw.endswith("/>"):
                skip += 1
        elif name not in _VOID:
            out.append(f"</{name}>")
            if name in _SKIP:
                skip = max(0, skip - 1)
    return "".join(out)


def _link_text(data: str, skipped: bool, finder: SurfaceFinder, surfaces: Mapping[str, str],
               href: Callable[[str], str], linked: set[str], out: list[str]) -> None:
    if skipped:
        out.append(html.escape(data, quote=False))
        return
    pos = 0
    for match in finder.finditer(data):
        slug = surfaces[match.name]
        if slug in linked:
            continue
        linked.add(slug)
        out.append(html.escape(data[pos:match.start], quote=False))
        out.append(f'<a class="entity-link" href="{html.escape(href(slug))}">'
                   f"{html.escape(match.name, quote=False)}</a>")
        pos = match.end
    out.append(html.escape(data[pos:], quote=False))
