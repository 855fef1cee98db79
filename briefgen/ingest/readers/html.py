"""The HTML reader: a saved web page → the story's Markdown body and its metadata.

The page is parsed once.  Its self-description (JSON-LD, Open Graph, ``<meta>``)
is read first (``html_signals``), then trafilatura's cascade finds the body
(``html_body``), then each field picks its value from the layers in a fixed
order (``html_fields``), and ``clean`` tidies titles and bylines.  Every field's
winning layer lands in ``provenance``.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from lxml.html import HtmlElement
from trafilatura.utils import load_html

from briefgen.errors import BriefgenError
from briefgen.ingest import clean
from briefgen.ingest.markdown_body import markdown_to_text
from briefgen.ingest.readers import html_fields as fields
from briefgen.ingest.readers.html_body import extract_body, lead_heading
from briefgen.ingest.readers.html_signals import read_signals
from briefgen.model import Extracted, RawDoc

MIN_BODY_CHARS = 40  # less than a sentence: the page holds no story (a menu, a login wall)


def read_html(raw: RawDoc) -> Extracted:
    tree = parse(raw.text)
    title = raw.sidecar.get("title")
    return extract_page(tree, url_hint=_sidecar_url(raw),
                        title_hint=clean.clean_text(title) if isinstance(title, str) else None)


def parse(text: str) -> HtmlElement:
    """The page as an lxml tree (trafilatura's loader: it repairs what browsers save badly)."""
    tree = load_html(text) if text.strip() else None
    if tree is None:
        raise BriefgenError("is not an HTML page (nothing could be parsed)",
                            hint="save the page as 'Web page, HTML only' and ingest that")
    return tree


def extract_page(tree: HtmlElement, url_hint: str | None = None, title_hint: str | None = None) -> Extracted:
    """Body and metadata of a parsed page.

    ``url_hint`` and ``title_hint`` come from a sidecar: where the page is known
    to come from (it names the site and may carry the date), and a title for a
    page that has none of its own.  The sidecar's other fields are layered on
    later, by ``metadata.apply_sidecar``.
    """
    signals = read_signals(tree)
    provenance: dict[str, str] = {}
    values: dict[str, Any] = {}

    def keep(name: str, found: fields.Found[Any] | None) -> Any:
        if found is None:
            return None
        values[name] = found.value
        provenance[name] = found.layer
        return found.value

    url = keep("url", fields.canonical_url(signals))
    if url is None and url_hint:
        url = url_hint
    publisher = keep("publisher", fields.publisher(signals, url))
    names = fields.site_names(signals, url) + ([publisher] if publisher else [])
    title = keep("title", fields.title(signals, names, fields.visible_title(tree)))
    if not title and title_hint:
        title = keep("title", fields.Found(title_hint, "sidecar:title"))

    body = extract_body(tree, fields.json_ld_body(signals), title or None, names)
    provenance["body"] = body.source
    markdown, heading = lead_heading(body.markdown)
    if not title:  # no JSON-LD headline, og:title, <title> or <h1>: a guess, for a person to review
        guessed = heading or clean.first_sentence(markdown_to_text(markdown.split("\n\n", 1)[0]))
        if guessed:
            values["title"] = guessed
            provenance["title"] = "guess:body heading" if heading else "guess:first sentence"
            heading = None
    values.setdefault("title", "")

    deks = [fields.dek(signals), fields.Found(heading, "body:heading") if heading else None]
    keep("dek", next((d for d in deks if d is not None and not _repeats_body(d.value, markdown, title)
                      and not clean.is_boilerplate(d.value)), None))

    credit = fields.byline(signals, names, fields.visible_byline(tree))
    authors: tuple[str, ...] = ()
    agencies: list[str] = []
    if credit is not None:
        authors = credit.value.authors
        agencies.extend(credit.value.agencies)
        if authors:
            values["authors"], provenance["authors"] = authors, credit.layer
    dateline = clean.split_dateline(markdown.split("\n\n", 1)[0]) if markdown else None
    if dateline is not None:
        values["dateline"], provenance["dateline"] = dateline.place, "body:first paragraph"
        if dateline.agency:
            agencies.append(dateline.agency)
    if agencies:
        values["agency"] = agencies[0]
        provenance["agency"] = credit.layer if credit and credit.value.agencies else "body:dateline"

    keep("published", fields.published(signals, url, fields.visible_date(tree, url)))
    keep("updated", fields.updated(signals))
    _drop_update_before_publication(values, provenance)
    keep("language", fields.language(signals))
    keep("topics", fields.topics(signals, names))
    keep("image_caption", fields.image_caption(signals))

    if not _has_text(markdown, MIN_BODY_CHARS):
        raise BriefgenError("found no story text in the page",
                            hint="save the article's own page (not a front page or a login wall)")
    return Extracted(body=markdown, provenance=provenance, **values)


def _has_text(markdown: str, chars: int) -> bool:
    """Whether the body shows at least ``chars`` characters of text.

    Its opening is enough to tell for any real story; converting a long body whole, only to
    measure it, cost 6 % of the reader's time on large pages.
    """
    if len(markdown_to_text(markdown[:20 * chars]).strip()) >= chars:
        return True
    return len(markdown) > 20 * chars and len(markdown_to_text(markdown).strip()) >= chars


def _repeats_body(dek: str, body: str, title: str | None) -> bool:
    """A description that is just the lede (or the headline) again is no dek."""
    words = clean.words_of(dek)
    if not words or (title and words == clean.words_of(title)):
        return True
    opening = " ".join(clean.words_of(markdown_to_text(body[: len(dek) * 3])))
    if len(words) <= 8:
        return " ".join(words) in opening
    # descriptions are often the lede cut short ("…") or with a share button's label glued on
    return any(" ".join(words[i:i + 8]) in opening for i in (0, 4, len(words) // 2))


def _drop_update_before_publication(values: dict[str, Any], provenance: dict[str, str]) -> None:
    published, updated = values.get("published"), values.get("updated")
    if published is None or updated is None:
        return
    if _day(updated) < _day(published) or updated == published:
        del values["updated"], provenance["updated"]


def _day(value: datetime | date) -> date:
    return value.date() if isinstance(value, datetime) else value


def _sidecar_url(raw: RawDoc) -> str | None:
    for key in ("url", "source_url"):
        value = raw.sidecar.get(key)
        if isinstance(value, str) and value.startswith(("http://", "https://")):
            return value
    return None
