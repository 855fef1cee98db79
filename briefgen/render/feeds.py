"""Atom feeds, the sitemap and robots.txt, written with ElementTree so text is always escaped.

Every entry carries a ``<summary>`` (the dek, else the lede) and a
``<content type="html">``: the story's whole sanitised body, as on its page
(before entity links). Links are absolute when ``base_url`` is configured,
the body's own links included. Without it they are relative: Atom allows
relative references (RFC 4287, section 4.2.7.1, resolved per RFC 3986 against
``xml:base`` or the feed's URL), and readers resolve a feed's links against
the URL they fetched it from. Each ``<content>`` then carries ``xml:base``, the
article page relative to the feed, so the body's relative links mean what they
mean on the page. The sitemap and robots.txt need absolute URLs: without
``base_url`` there is no sitemap at all.
"""

from __future__ import annotations

import html
import re
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Sequence
from urllib.parse import urljoin

from briefgen.model import Listing, instant
from briefgen.urls import relative_url

ATOM = "http://www.w3.org/2005/Atom"
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
_A_TAG = re.compile(r'<a\s(?:[^>"]|"[^"]*")*>')
_ATTR = re.compile(r'\s([^\s=>"]+)="([^"]*)"')
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


@dataclass(frozen=True)
class FeedEntry:
    article: Listing
    url: str  # site URL of the article page
    summary: str = ""  # plain text: the dek, else the lede
    content: str = ""  # sanitised body HTML, links relative to the article page


@lru_cache(maxsize=4096)  # a story sits in many feeds (the site's, each name's, each topic's)
def absolute_links(body: str, page_url: str) -> str:
    """``body`` with every ``<a href>`` resolved against ``page_url`` (an absolute URL).

    The body is nh3's output: a ``<`` of text is escaped, so ``<a`` opens a real
    tag, and every attribute value is double-quoted with no ``"`` inside.
    """
    if "<a " not in body:
        return body
    return _A_TAG.sub(lambda tag: _ATTR.sub(lambda a: _absolute(a, page_url), tag.group(0)), body)


def _absolute(attr: re.Match[str], page_url: str) -> str:
    if attr.group(1).lower() != "href" or _SCHEME.match(attr.group(2)):
        return attr.group(0)  # absolute already (nh3 lets through http, https and mailto)
    href = html.escape(urljoin(page_url, html.unescape(attr.group(2))))
    return f' {attr.group(1)}="{href}"'


def _href(base_url: str, from_url: str, to_url: str) -> str:
    if base_url:
        return base_url.rstrip("/") + "/" + to_url
    return relative_url(from_url, to_url)


def _id(base_url: str, url: str, title: str) -> str:
    if base_url:
        return base_url.rstrip("/") + "/" + url
    return uuid.uuid5(uuid.NAMESPACE_URL, f"briefgen:{title}:{url}").urn


def _stamp(value: datetime) -> str:
    return value.isoformat().replace("+00:00", "Z")


def _feed_root(title: str, feed_url: str, page_url: str, newest: datetime, base_url: str,
               site_title: str) -> ET.Element:
    """A feed's head: what Atom requires of it, and the site as every entry's author."""
    ET.register_namespace("", ATOM)
    root = ET.Element(f"{{{ATOM}}}feed")
    ET.SubElement(root, f"{{{ATOM}}}title").text = title
    ET.SubElement(root, f"{{{ATOM}}}id").text = _id(base_url, feed_url, site_title)
    ET.SubElement(root, f"{{{ATOM}}}link", rel="self", href=_href(base_url, feed_url, feed_url))
    ET.SubElement(root, f"{{{ATOM}}}link", rel="alternate", type="text/html",
                  href=_href(base_url, feed_url, page_url))
    ET.SubElement(root, f"{{{ATOM}}}updated").text = _stamp(newest)
    ET.SubElement(root, f"{{{ATOM}}}generator").text = "briefgen"
    # Atom needs an author for every entry; the site stands in for stories that name nobody.
    ET.SubElement(ET.SubElement(root, f"{{{ATOM}}}author"), f"{{{ATOM}}}name").text = (
        site_title or title)
    return root


def _xml(root: ET.Element) -> bytes:
    ET.indent(root)
    data: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)  # typeshed: Any for an encoding
    return data + b"\n"


def atom_feed(title: str, feed_url: str, page_url: str, entries: Sequence[FeedEntry],
              base_url: str = "", site_title: str = "") -> bytes:
    newest = max((instant(e.article.updated or e.article.date) for e in entries),
                 default=instant(None))
    root = _feed_root(title, feed_url, page_url, newest, base_url, site_title)
    for e in entries:
        a = e.article
        entry = ET.SubElement(root, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}title").text = a.title
        ET.SubElement(entry, f"{{{ATOM}}}id").text = _id(base_url, e.url, site_title)
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", type="text/html",
                      href=_href(base_url, feed_url, e.url))
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = _stamp(instant(a.updated or a.date))
        if a.published is not None:
            ET.SubElement(entry, f"{{{ATOM}}}published").text = _stamp(instant(a.published))
        for name in a.authors or ((a.agency or a.publisher),):
            if name:
                author = ET.SubElement(entry, f"{{{ATOM}}}author")
                ET.SubElement(author, f"{{{ATOM}}}name").text = name
        ET.SubElement(entry, f"{{{ATOM}}}summary").text = e.summary or a.dek or a.title
        content = ET.SubElement(entry, f"{{{ATOM}}}content", type="html")
        body = e.content or f"<p>{html.escape(e.summary or a.dek or a.title)}</p>"
        if base_url:
            content.text = absolute_links(body, _href(base_url, feed_url, e.url))
        else:
            content.set(XML_BASE, relative_url(feed_url, e.url))
            content.text = body
        if a.attribution or a.license:
            ET.SubElement(entry, f"{{{ATOM}}}rights").text = a.attribution or a.license
    return _xml(root)


@dataclass(frozen=True)
class Bulletin:
    """A feed entry that is not an article: an edition of the briefing."""

    title: str
    url: str  # site URL of its own page: the entry's link and id
    updated: datetime
    summary: str  # plain text
    content: str  # HTML, escaped by the caller, links relative to ``url``


def bulletin_feed(title: str, feed_url: str, page_url: str, entries: Sequence[Bulletin],
                  base_url: str = "", site_title: str = "") -> bytes:
    """An Atom feed of bulletins (the editions feed), written as :func:`atom_feed` writes articles."""
    newest = max((e.updated for e in entries), default=instant(None))
    root = _feed_root(title, feed_url, page_url, newest, base_url, site_title)
    for e in entries:
        entry = ET.SubElement(root, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}title").text = e.title
        ET.SubElement(entry, f"{{{ATOM}}}id").text = _id(base_url, e.url, site_title)
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", type="text/html",
                      href=_href(base_url, feed_url, e.url))
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = _stamp(e.updated)
        ET.SubElement(entry, f"{{{ATOM}}}summary").text = e.summary
        content = ET.SubElement(entry, f"{{{ATOM}}}content", type="html")
        if base_url:
            content.text = absolute_links(e.content, _href(base_url, feed_url, e.url))
        else:
            content.set(XML_BASE, relative_url(feed_url, e.url))
            content.text = e.content
    return _xml(root)


def sitemap(urls: Sequence[str], base_url: str) -> bytes:
    """The site's pages as absolute URLs (the protocol allows nothing else: hence ``base_url``)."""
    return _sitemap_xml("urlset", "url", urls, base_url)


def sitemap_index(parts: Sequence[str], base_url: str) -> bytes:
    """Points at each ``sitemap-N.xml`` when one file would pass 50,000 URLs."""
    return _sitemap_xml("sitemapindex", "sitemap", parts, base_url)


def _sitemap_xml(root_tag: str, item_tag: str, locations: Sequence[str], base_url: str) -> bytes:
    if not base_url:
        raise ValueError("a sitemap needs base_url: its locations must be absolute")
    ET.register_namespace("", SITEMAP)
    root = ET.Element(f"{{{SITEMAP}}}{root_tag}")
    for loc in locations:
        node = ET.SubElement(root, f"{{{SITEMAP}}}{item_tag}")
        ET.SubElement(node, f"{{{SITEMAP}}}loc").text = base_url.rstrip("/") + "/" + loc
    return _xml(root)


def robots(base_url: str = "") -> bytes:
    lines = ["User-agent: *", "Allow: /"]
    if base_url:
        lines.append(f"Sitemap: {base_url.rstrip('/')}/sitemap.xml")
    return ("\n".join(lines) + "\n").encode("utf-8")
