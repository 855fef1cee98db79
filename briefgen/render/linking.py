"""Link the first mention of each entity in a rendered body to its page.

Works on text nodes only: tags are copied verbatim, nothing inside an existing
link, code or pre is touched, so a name never ends up as a link inside a link
or inside an attribute. The longest surface wins ("Kim Jong Un" before "Kim").
"""

from __future__ import annotations

import html
from html.parser import HTMLParser
from typing import Callable, Mapping

from briefgen.index.surfaces import SurfaceFinder, surface_finder

_SKIP = {"a", "code", "pre", "kbd"}
_VOID = {"br", "hr", "img", "wbr", "input", "meta", "link"}


class _Linker(HTMLParser):
    def __init__(self, finder: SurfaceFinder, surfaces: Mapping[str, str],
                 href: Callable[[str], str]) -> None:
        super().__init__(convert_charrefs=True)
        self.finder, self.surfaces, self.href = finder, surfaces, href
        self.out: list[str] = []
        self.linked: set[str] = set()
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.out.append(self.get_starttag_text() or "")
        if tag in _SKIP:
            self._skip += 1

    def handle_startendtag(self, tag: str, attrs: object) -> None:
        self.out.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        self.out.append(f"</{tag}>")
        if tag in _SKIP:
            self._skip = max(0, self._skip - 1)

    def handle_data(self, data: str) -> None:
        if self._skip:
            self.out.append(html.escape(data, quote=False))
            return
        pos = 0
        for match in self.finder.finditer(data):
            slug = self.surfaces[match.name]
            if slug in self.linked:
                continue
            self.linked.add(slug)
            self.out.append(html.escape(data[pos:match.start], quote=False))
            self.out.append(f'<a class="entity-link" href="{html.escape(self.href(slug))}">'
                            f"{html.escape(match.name, quote=False)}</a>")
            pos = match.end
        self.out.append(html.escape(data[pos:], quote=False))


def link_entities(body_html: str, surfaces: Mapping[str, str],
                  href: Callable[[str], str]) -> str:
    """``body_html`` with each entity's first mention wrapped in ``<a href=href(slug)>``."""
    finder = surface_finder(surfaces)
    if finder is None:
        return body_html
    linker = _Linker(finder, surfaces, href)
    linker.feed(body_html)
    linker.close()
    return "".join(linker.out)
