"""The article body as Markdown: written from trafilatura's XML, read back as plain text.

trafilatura's own Markdown output leaves ``<u>`` tags where links were and
escapes every underscore; writing the Markdown here keeps the body to plain
CommonMark the build renders safely: paragraphs, ``##`` headings, lists,
block quotes and pipe tables, with only the characters that would change the
rendering escaped.  :func:`markdown_to_text` undoes exactly that syntax, so a
body can be scored or counted as the words a reader sees.
"""

from __future__ import annotations

import re
from typing import Iterable

from lxml.etree import _Element

# Characters that start Markdown syntax inside a line.  ``_`` only matters at a
# word edge (CommonMark ignores intraword underscores), so it is handled apart.
_INLINE = re.compile(r"([\\`*\[\]<~])")
_EDGE_UNDERSCORE = re.compile(r"_(?![^\W_])|(?<![^\W_])_")  # all but "snake_case" underscores
_ENTITY_LIKE = re.compile(r"&(?=#?\w+;)")
_INLINE_SYNTAX = re.compile(r"[\\`*\[\]<~_&]")  # every character the three above act on
# Line starts that would turn a paragraph into a heading, quote, list or rule.
_BLOCK_START = re.compile(r"^(\s{0,3})(#{1,6}(?=\s|$)|>|[-+](?=\s|$)|(\d{1,9})([.)])(?=\s|$)|={3,}\s*$|-{3,}\s*$)")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")

HEADING_LEVEL = {"h1": 2, "h2": 2, "h3": 3, "h4": 4, "h5": 4, "h6": 4}


def escape_inline(text: str) -> str:
    """Escape what Markdown would read as syntax in running text."""
    if not _INLINE_SYNTAX.search(text):
        return text  # most paragraphs: one scan instead of three substitutions
    text = _INLINE.sub(r"\\\1", text)
    text = _EDGE_UNDERSCORE.sub(r"\\_", text)
    return _ENTITY_LIKE.sub("&amp;", text)


def escape_line_start(line: str) -> str:
    """Keep "1. " or "# " at a paragraph's start from becoming a list or heading."""
    match = _BLOCK_START.match(line)
    if not match:
        return line
    indent, marker = match.group(1), match.group(2)
    if match.group(3):  # "2019. was a year" → "2019\. was a year"
        return f"{indent}{match.group(3)}\\{match.group(4)}{line[match.end():]}"
    return f"{indent}\\{marker}{line[match.end():]}"


def plain_paragraph(text: str) -> str:
    """A paragraph of plain text as Markdown that renders as exactly those characters."""
    return escape_line_start(escape_inline(text))


def squash(text: str) -> str:
    """Collapse runs of spaces (non-breaking and typographic ones too) into one."""
    return _SPACES.sub(" ", _ZERO_WIDTH.sub("", text))


def inline_text(element: _Element) -> str:
    """The element's text with its inline children flattened; ``<lb/>`` becomes a newline."""
    parts: list[str] = []
    _collect(element, parts, top=True)
    lines = [squash(line).strip() for line in "".join(parts).split("\n")]
    return "\n".join(line for line in lines if line)


def _collect(element: _Element, parts: list[str], top: bool = False) -> None:
    if not top and element.tag == "lb":
        parts.append("\n")
    elif not top and element.tag == "graphic":
        pass
    else:
        if element.text:
            parts.append(element.text)
        for child in element:
            _collect(child, parts)
            if child.tail:
                parts.append(child.tail)
        if not top and element.tag in ("p", "head", "item", "quote", "list", "row", "table"):
            parts.append("\n")


def _paragraph(text: str) -> str:
    return "\n".join(escape_line_start(escape_inline(line)) for line in text.split("\n"))


def to_markdown(body: _Element) -> str:
    """Markdown for a trafilatura ``<body>``: blocks separated by blank lines."""
    return "\n\n".join(block for block in blocks(body) if block.strip())


def blocks(container: _Element) -> Iterable[str]:
    """One Markdown block per paragraph, heading, list, quote or table, in order."""
    if container.text and container.text.strip():
        yield _paragraph(squash(container.text).strip())
    for child in container:
        yield from _block(child)
        if child.tail and child.tail.strip():
            yield _paragraph(squash(child.tail).strip())


def _block(element: _Element) -> Iterable[str]:
    tag = element.tag
    if tag == "head":
        text = inline_text(element).replace("\n", " ")
        if text:
            level = HEADING_LEVEL.get(element.get("rend", ""), 3)
            yield "#" * level + " " + escape_inline(text)
    elif tag == "list":
        yield _list(element, 0)
    elif tag == "quote":
        inner = "\n\n".join(b for b in blocks(element) if b.strip())
        if inner:
            yield "\n".join("> " + line if line else ">" for line in inner.split("\n"))
    elif tag == "table":
        yield _table(element)
    elif tag == "code":
        code = element.xpath("string()").strip("\n")
        if code.strip():
            fence = "~~~" if "```" in code else "```"
            yield f"{fence}\n{code}\n{fence}"
    elif tag in ("graphic", "lb"):
        return
    elif tag in ("div", "section", "body") and any(c.tag in _BLOCK_TAGS for c in element):
        yield from blocks(element)
    else:  # p, and anything else trafilatura leaves: a paragraph
        text = inline_text(element)
        if text:
            yield _paragraph(text)


_BLOCK_TAGS = {"p", "head", "list", "quote", "table", "code"}


def _list(element: _Element, depth: int) -> str:
    ordered = element.get("rend") == "ol"
    lines: list[str] = []
    number = 0
    for item in element.iterchildren("item"):
        number += 1
        marker = f"{number}." if ordered else "-"
        indent = "   " * depth
        nested = [child for child in item if child.tag == "list"]
        text = _item_text(item)
        if text:
            first, *rest = text.split("\n")
            lines.append(f"{indent}{marker} {escape_inline(first)}")
            lines.extend(f"{indent}   {escape_inline(line)}" for line in rest)
        for child in nested:
            lines.append(_list(child, depth + 1))
    return "\n".join(line for line in lines if line.strip())


def _item_text(item: _Element) -> str:
    parts: list[str] = []
    if item.text:
        parts.append(item.text)
    for child in item:
        if child.tag != "list":
            sub: list[str] = []
            _collect(child, sub)
            parts.append("".join(sub))
        if child.tail:
            parts.append(child.tail)
    lines = [squash(line).strip() for line in "".join(parts).split("\n")]
    return "\n".join(line for line in lines if line)


def _table(table: _Element) -> str:
    rows = [[_cell(cell) for cell in row.iterchildren("cell")] for row in table.iterchildren("row")]
    rows = [row for row in rows if any(row)]
    if not rows:
        return ""
    width = max(len(row) for row in rows)
    if width == 1:  # a one-column "table" is layout, not data: keep it as paragraphs
        return "\n\n".join(_paragraph(row[0]) for row in rows if row[0])
    rows = [row + [""] * (width - len(row)) for row in rows]
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * width]
    lines.extend("| " + " | ".join(row) + " |" for row in rows[1:])
    return "\n".join(lines)


def _cell(cell: _Element) -> str:
    return escape_inline(inline_text(cell).replace("\n", " ")).replace("|", "\\|")


_MD_LINE_PREFIX = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-+*]\s+|\d{1,9}[.)]\s+)+")
_MD_RULE = re.compile(r"^\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*$")
_MD_ESCAPE = re.compile(r"\\([\\`*_\[\]{}()#+\-.!|<>~=])")
# emphasis and code spans; "_" only at word edges, as CommonMark has it ("snake_case" stays)
_MD_EMPHASIS = re.compile(r"(?<!\\)(\*{1,3}|`+)(?=\S)(.+?)(?<=[^\s\\])\1"
                          r"|(?<![\w\\])(_{1,3})(?=\S)(.+?)(?<=[^\s\\])\3(?!\w)")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")


# A line with none of these characters, and not opening with a block marker, is its own text.
_MD_SYNTAX = re.compile(r"[\\`*_\[\]|&~]")
_MD_BLOCK_OPENERS = frozenset("#>-+0123456789")


def markdown_to_text(markdown: str) -> str:
    """The words a reader sees: block markers, table pipes, emphasis and escapes removed."""
    lines: list[str] = []
    in_table = False
    for line in markdown.split("\n"):
        if not _MD_SYNTAX.search(line) and not (line[:1] in _MD_BLOCK_OPENERS or line[:1].isspace()):
            lines.append(line)  # plain prose, most lines of a body: nothing to undo
            in_table = False
            continue
        if (in_table and _MD_RULE.match(line)) or line.strip() in ("```", "~~~"):
            continue
        line = _MD_LINE_PREFIX.sub("", line)
        in_table = line.lstrip().startswith("|") and line.rstrip().endswith("|") and len(line.strip()) > 1
        if in_table:
            line = " ".join(cell.strip() for cell in re.split(r"(?<!\\)\|", line) if cell.strip())
        line = _MD_LINK.sub(r"\1", line)
        line = _MD_EMPHASIS.sub(lambda m: m.group(2) if m.group(1) else m.group(4), line)
        lines.append(_MD_ESCAPE.sub(r"\1", line).replace("&amp;", "&"))
    return "\n".join(lines)
