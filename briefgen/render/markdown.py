"""Markdown bodies to safe HTML, and the plain-text paragraphs the index reads.

Scraped text is untrusted, so every body goes through mistune *and then* nh3:
mistune may pass raw HTML through, nh3 keeps only a small allow-list of tags
and ``http``/``https``/``mailto`` links, which drops ``javascript:`` URLs,
event handlers, scripts and remote images (the site loads nothing from elsewhere).
"""

from __future__ import annotations

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
_HEADINGS = {f"h{n}" for n in range(1, 7)}
BLOCK_TAGS = {"p", "li", "blockquote", "h2", "h3", "h4", "h5", "h6", "td", "th", "dd", "dt",
              "figcaption", "pre"}


def _drop_harmful(tag: str, attr: str, value: str) -> str | None:
    """mistune rewrites ``javascript:`` links to this placeholder; drop the href entirely."""
    return None if attr == "href" and value == "#harmful-link" else value


def markdown_to_html(text: str) -> str:
    """Render and sanitise one Markdown body (or curated description)."""
    md = mistune.create_markdown(renderer=mistune.HTMLRenderer(escape=False),
                                 plugins=["strikethrough", "table"])
    raw = md(text or "")
    return shift_headings(nh3.clean(str(raw), tags=ALLOWED_TAGS | {"h1"},
                                    attributes=ALLOWED_ATTRIBUTES, attribute_filter=_drop_harmful,
                                    url_schemes=URL_SCHEMES, link_rel="noopener noreferrer",
                                    clean_content_tags={"script", "style"}))


def shift_headings(html: str) -> str:
    """Renumber a sanitised body's headings to sit under the page's ``<h1>`` without gaps.

    Whatever levels the Markdown used, a heading is one level below the nearest
    shallower heading before it, and the outermost ones are h2: ``##`` then
    ``####`` becomes h2 then h3, and ``###`` after them is h3 again. The outline
    never skips a level (the HTML checker's rule) and keeps its order (capped at h6).
    """
    if "<h" not in html:
        return html
    out: list[str] = []
    open_levels: list[int] = []  # the Markdown levels of the headings this one sits under
    current = 2
    for kind, name, raw in tokens(html):
        if kind != "text" and name in _HEADINGS:
            if kind == "start":
                level = int(name[1])
                while open_levels and open_levels[-1] >= level:
                    open_levels.pop()
                current = min(2 + len(open_levels), 6)
                open_levels.append(level)
            raw = f"<h{current}>" if kind == "start" else f"</h{current}>"
        out.append(raw)
    return "".join(out)


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
