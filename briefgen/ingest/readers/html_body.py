"""The story's body from an HTML page: an extraction cascade with documented gates.

Every stage returns the same :class:`Body` shape so the stages can be compared
and the winner recorded as provenance.  Each step was kept because it raised
body F1 on the benchmark pages (``bench/extraction.py``) without a rule for any
one site:

1. trafilatura in precision mode without its slow fallback extractors
   (readability, jusText): on the benchmark pages it keeps as much of the story
   and less of the page around it than the default mode (F1 0.972 vs 0.965), at
   twice the speed.  Hover cards nested in paragraphs are pruned first
   (``BODY_PRUNE``).
2. Gate "short": when that body is under ``SHORT_BODY_CHARS`` (a brief, or a
   page whose markup hides the story), the full cascade with the fallbacks runs
   and the longer body wins.
3. Gate "truncated": the publisher's JSON-LD ``articleBody`` replaces the
   extracted body when it is clearly longer and holds the same opening words —
   pages that hide the rest of the story behind a "read more" button still ship
   it whole in their structured data.
4. Gate "empty": a body still under ``NEARLY_EMPTY_CHARS`` after trimming (pages whose story
   precision mode drops whole: a table of contents first, a teaser grid) is extracted again in
   trafilatura's recall mode and the longer body wins; no page is refused that has a story.
5. Page furniture is trimmed (``trim_edges``): headline repeats, "Related: …"
   links, newsletter pitches, copyright lines, bare time stamps, closing lists
   of other headlines, the publisher’s "about us" paragraph (+0.006 F1).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from lxml.html import HtmlElement
from trafilatura import bare_extraction
from trafilatura.settings import Document

from briefgen.ingest.clean import is_boilerplate, is_link_to_elsewhere
from briefgen.ingest.dates import find_datetimes
from briefgen.ingest.markdown_body import escape_inline, escape_line_start, markdown_to_text, to_markdown
from briefgen.ingest.readers.html_selectors import BODY_PRUNE
from briefgen.ingest.wordlists import BOILERPLATE_MAX_CHARS, INLINE_LINK_MAX_CHARS, INLINE_LINK_STARTS

SHORT_BODY_CHARS = 500  # below this, gate 2 tries the full cascade
NEARLY_EMPTY_CHARS = 200  # below this after trimming, gate "empty" tries trafilatura's recall mode
LONGER_RATIO = 1.3  # JSON-LD body must be this much longer to replace the extraction
SAME_START_TOKENS = 12  # … and open with the same words


@dataclass(frozen=True)
class Body:
    """A candidate body in Markdown, and the stage that produced it."""

    markdown: str
    source: str


def extract_body(tree: HtmlElement, json_ld_body: str | None = None,
                 title: str | None = None, site_names: Iterable[str] = ()) -> Body:
    """The best body the cascade finds; an empty ``Body`` when the page has none."""
    body = _trafilatura(tree, fast=True)
    if len(body.markdown) < SHORT_BODY_CHARS:
        full = _trafilatura(tree, fast=False)
        if len(full.markdown) > len(body.markdown):
            body = full
    if json_ld_body:
        body = _prefer_structured(body, json_ld_body)
    trimmed = Body(trim_edges(body.markdown, title, site_names), body.source)
    if len(trimmed.markdown) < NEARLY_EMPTY_CHARS:  # gate "empty": precision kept nothing; recall mode
        recall = _trafilatura(tree, fast=False, recall=True)
        recall = Body(trim_edges(recall.markdown, title, site_names), recall.source)
        if len(recall.markdown) > len(trimmed.markdown):
            return recall
    return trimmed


def _trafilatura(tree: HtmlElement, fast: bool, recall: bool = False) -> Body:
    document = bare_extraction(tree, fast=fast, favor_precision=not recall, favor_recall=recall,
                               include_comments=False, include_tables=True, include_formatting=False,
                               prune_xpath=BODY_PRUNE)
    if not isinstance(document, Document) or document.body is None:  # as_dict=False: a Document
        return Body("", "trafilatura")
    return Body(to_markdown(document.body), "trafilatura:recall" if recall else
                "trafilatura" if fast else "trafilatura:fallbacks")


_WORD = re.compile(r"\w+")


def _prefer_structured(body: Body, structured: str) -> Body:
    """Gate 3: JSON-LD ``articleBody`` when the extraction looks truncated.

    "Truncated" means the structured body is clearly longer and holds the
    extraction's opening words near its own start (headings aside: pages put
    kickers and headlines above the story that JSON-LD leaves out).
    """
    ours, theirs = _WORD.findall(body.markdown), _WORD.findall(structured)
    if len(theirs) < LONGER_RATIO * len(ours) or len(theirs) < 30:
        return body
    opening = next((b for b in body.markdown.split("\n\n") if b.strip() and not b.startswith("#")), "")
    start = " ".join(_WORD.findall(opening)[:SAME_START_TOKENS])
    if start and start not in " ".join(theirs[:300]):
        return body
    paragraphs = [re.sub(r"\s+", " ", p).strip() for p in re.split(r"\n\s*\n|\n", structured)]
    markdown = "\n\n".join(escape_line_start(escape_inline(p)) for p in paragraphs if p)
    return Body(markdown, "json-ld:articleBody")


def trim_edges(markdown: str, title: str | None = None, site_names: Iterable[str] = ()) -> str:
    """Drop page furniture from the body: repeated headlines, links to other stories, footers.

    Anywhere: a heading repeating the headline (on top, in other words too), a
    short "Related: …" block.
    At the top: a run of three or more headings (links to other stories; a heading and a
    subheading opening the story stay).
    At either end: boilerplate blocks (``clean.is_boilerplate``) and bare time
    stamps.  At the end: headings with no text after them, a list of other
    stories' headlines, and the publisher's "about us" paragraph of press releases.
    """
    blocks = [b for b in markdown.split("\n\n") if b.strip()]
    if title:
        blocks = [b for b in blocks if not (b.startswith("#") and _same_text(b, title))]
    blocks = [b for b in blocks if not _links_elsewhere(b)]
    if blocks and title and (_same_text(blocks[0], title)
                             or blocks[0].startswith("#") and _near_title(blocks[0], title)):
        blocks.pop(0)
    leading = next((i for i, b in enumerate(blocks) if not b.startswith("#")), len(blocks))
    if leading >= 3:
        blocks = blocks[leading:]
    names = tuple({n.strip().casefold() for n in site_names if n and len(n.strip()) >= 3})
    while blocks:
        last = blocks[-1]
        if last.startswith("#"):
            blocks.pop()
            continue
        text = markdown_to_text(last)
        if not (is_boilerplate(text) or _about_us(text, names) or _headline_list(last) or _is_stamp(text)):
            break
        blocks.pop()
    while blocks and len(blocks[0]) < 2 * BOILERPLATE_MAX_CHARS and (
            is_boilerplate(text := markdown_to_text(blocks[0])) or _is_stamp(text)):
        blocks.pop(0)
    return "\n\n".join(blocks)


_LINK_OPENINGS = tuple(p[:4] for p in INLINE_LINK_STARTS)


def _links_elsewhere(block: str) -> bool:
    """``clean.is_link_to_elsewhere`` on a Markdown block, with a cheap look at its opening first."""
    if len(block) > 2 * INLINE_LINK_MAX_CHARS:
        return False
    opening = block.lstrip("#>-*_ \\").casefold()
    return opening.startswith(_LINK_OPENINGS) and is_link_to_elsewhere(markdown_to_text(block))


def _is_stamp(text: str) -> bool:
    """A block that is only a time stamp, perhaps with a word or a short byline around it."""
    if len(text) > 100:
        return False
    stamps = find_datetimes(text)
    if not stamps:
        return False
    rest = text
    for stamp in reversed(stamps):
        rest = rest[:stamp.start] + " " + rest[stamp.end:]
    return len(rest.split()) <= 4


_LIST_ITEM = re.compile(r"^(?:[-+*]|\d{1,3}[.)])\s+(.*)$")
_LONG_WORD = re.compile(r"[^\W\d_]{4,}")


def _headline_list(block: str) -> bool:
    """A closing list of other stories' headlines: short Title Case items, none a sentence."""
    items = [_LIST_ITEM.match(line) for line in block.split("\n")]
    if len(items) < 2 or not all(items):
        return False
    texts = [markdown_to_text(m.group(1)).strip() for m in items if m]
    if any(len(t) > 100 or len(t.split()) < 4 or t.endswith((".", "!", "?", "。", ";", ",")) for t in texts):
        return False  # a sentence, or a short name (a product list closing a gift guide)
    words = [w for t in texts for w in _LONG_WORD.findall(t)]
    capitalised = sum(w[0].isupper() for w in words)
    return bool(words) and capitalised >= 0.8 * len(words)


_ABOUT_VERB = re.compile(r"^(?:\s*\([^)]*\))?,?\s+(?:is|are|was)\s+(?:a|an|the|one)\b")


def _about_us(text: str, names: tuple[str, ...]) -> bool:
    """ "Ascom is a global solutions provider …": the site describing itself."""
    opening = text.lstrip().casefold().removeprefix("about ").removeprefix("the ")
    return any(opening.startswith(name) and _ABOUT_VERB.match(opening[len(name):])
               for name in names if name)


def _same_text(block: str, title: str) -> bool:
    return _WORD.findall(markdown_to_text(block).casefold()) == _WORD.findall(title.casefold())


def _near_title(heading: str, title: str) -> bool:
    """A heading that is the headline in another wording ("HS Roundup: …" / "High School Roundup: …")."""
    ours, theirs = set(_WORD.findall(markdown_to_text(heading).casefold())), set(_WORD.findall(title.casefold()))
    if ours == theirs:
        return True
    smaller = min(len(ours), len(theirs))
    return smaller >= 4 and len(ours & theirs) >= 0.8 * smaller and len(ours ^ theirs) <= 4


def lead_heading(markdown: str) -> tuple[str, str | None]:
    """Split off a heading that opens the body before any paragraph: the page's dek.

    Headlines pages repeat above the story are gone already (``trim_edges``);
    a heading still in front of the first paragraph is the standfirst.
    """
    first, sep, rest = markdown.partition("\n\n")
    if not first.startswith("#") or not rest or rest.lstrip().startswith("#"):
        return markdown, None
    marks = first.split(" ", 1)[0] + " "
    if ("\n\n" + rest).count("\n\n" + marks):
        return markdown, None  # the first of a series of section headings, not a standfirst
    return rest, markdown_to_text(first).strip() or None
