"""Markdown bodies to safe HTML, and the plain-text paragraphs the index reads.

Scraped text is untrusted, so every body goes through mistune *and then* nh3:
mistune may pass raw HTML through, nh3 keeps only a small allow-list of tags
and ``http``/``https``/``mailto`` links, which drops ``javascript:`` URLs,
event handlers, scripts and remote images (the site loads nothing from elsewhere).
"""

from __future__ import annotations

from typing import Any

import mistune
import nh3

from briefgen.render.htmltokens import decode, tokens

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


def text_blocks(html: str) -> tuple[str, ...]:
    """The visible text of a sanitised body, one string per paragraph-like block."""
    blocks: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        joined = " ".join("".join(buf).split())
        if joined:
            blocks.append(joined)
        buf.clear()

    for kind, name, raw in tokens(html):
        if kind == "text":
            buf.append(decode(raw))
        elif name in BLOCK_TAGS:
            flush()
        elif name == "br" and kind == "start":
            buf.append(" ")
    flush()
    return tuple(blocks)
