"""Markdown bodies to safe HTML, and the plain-text paragraphs the index reads.

Scraped text is untrusted, so every body goes through mistune *and then* nh3:
mistune may pass raw HTML through, nh3 keeps only a small allow-list of tags
and ``http``/``https``/``mailto`` links, which drops ``javascript:`` URLs,
event handlers, scripts and remote images (the site loads nothing from elsewhere).
"""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

import mistune
import nh3

# Tags a news body needs; no img/iframe/style: the site must stay self-contained.
ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "li",
    "em", "strong", "b", "i", "u", "s", "del", "ins", "sub", "sup", "small", "mark",
    "code", "pre", "kbd", "q", "cite", "abbr", "a", "table", "thead", "tbody", "tr",
    "th", "td", "caption", "figure", "figcaption", "dl", "dt", "dd", "span",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"},
                      "ol": {"start"}, "td": {"colspan", "rowspan"}}
URL_SCHEMES = {"http", "https", "mailto"}
# Elements whose text is one paragraph for sentence finding.
BLOCK_TAGS = {"p", "li", "blockquote", "h2", "h3", "h4", "h5", "h6", "td", "th", "dd", "dt",
              "figcaption", "pre"}


class _Renderer(mistune.HTMLRenderer):
    """Body headings start at h2: the page's h1 is the article title."""

    def heading(self, text: str, level: int, **attrs: Any) -> str:
        return super().heading(text, min(level + 1, 6), **attrs)


def _drop_harmful(tag: str, attr: str, value: str) -> str | None:
    """mistune rewrites ``javascript:`` links to this placeholder; drop the href entirely."""
    return None if attr == "href" and value == "#harmful-link" else value


def markdown_to_html(text: str) -> str:
    """Render and sanitise one Markdown body (or curated description)."""
    md = mistune.create_markdown(renderer=_Renderer(escape=False),
                                 plugins=["strikethrough", "table"])
    raw = md(text or "")
    return nh3.clean(str(raw), tags=ALLOWED_TAGS,
                     attributes=ALLOWED_ATTRIBUTES, attribute_filter=_drop_harmful,
                     url_schemes=URL_SCHEMES, link_rel="noopener noreferrer",
                     clean_content_tags={"script", "style"})


class _Blocks(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._buf: list[str] = []
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in BLOCK_TAGS:
            self._flush()
            self._depth += 1
        elif tag == "br":
            self._buf.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in BLOCK_TAGS:
            self._flush()
            self._depth = max(0, self._depth - 1)

    def handle_data(self, data: str) -> None:
        self._buf.append(data)

    def _flush(self) -> None:
        text = " ".join("".join(self._buf).split())
        if text:
            self.blocks.append(text)
        self._buf = []

    def close(self) -> None:
        super().close()
        self._flush()


def text_blocks(html: str) -> tuple[str, ...]:
    """The visible text of a sanitised body, one string per paragraph-like block."""
    parser = _Blocks()
    parser.feed(html)
    parser.close()
    return tuple(parser.blocks)
