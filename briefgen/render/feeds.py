"""Atom feeds, the sitemap and robots.txt, written with ElementTree so text is always escaped.

Links are absolute when ``base_url`` is configured; without it they are
relative to the feed's own location, which Atom allows and feed readers
resolve against the feed URL.
"""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime
from typing import Sequence

from briefgen.model import Listing, instant
from briefgen.urls import relative_url

ATOM = "http://www.w3.org/2005/Atom"
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"


@dataclass(frozen=True)
class FeedEntry:
    article: Listing
    url: str  # site URL of the article page


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


def atom_feed(title: str, feed_url: str, page_url: str, entries: Sequence[FeedEntry],
              base_url: str = "", site_title: str = "") -> bytes:
    ET.register_namespace("", ATOM)
    root = ET.Element(f"{{{ATOM}}}feed")
    ET.SubElement(root, f"{{{ATOM}}}title").text = title
    ET.SubElement(root, f"{{{ATOM}}}id").text = _id(base_url, feed_url, site_title)
    ET.SubElement(root, f"{{{ATOM}}}link", rel="self", href=_href(base_url, feed_url, feed_url))
    ET.SubElement(root, f"{{{ATOM}}}link", rel="alternate", type="text/html",
                  href=_href(base_url, feed_url, page_url))
    newest = max((instant(e.article.updated or e.article.date) for e in entries),
                 default=instant(None))
    ET.SubElement(root, f"{{{ATOM}}}updated").text = _stamp(newest)
    ET.SubElement(root, f"{{{ATOM}}}generator").text = "briefgen"
    # Atom needs an author for every entry; the site stands in for stories that name nobody.
    ET.SubElement(ET.SubElement(root, f"{{{ATOM}}}author"), f"{{{ATOM}}}name").text = (
        site_title or title)
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
        if a.dek:
            ET.SubElement(entry, f"{{{ATOM}}}summary").text = a.dek
        if a.attribution or a.license:
            ET.SubElement(entry, f"{{{ATOM}}}rights").text = a.attribution or a.license
    ET.indent(root)
    data: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)  # typeshed: Any for an encoding
    return data + b"\n"


def sitemap(urls: Sequence[str], base_url: str = "") -> bytes:
    """Without ``base_url`` the locations are site-relative (set it for search engines)."""
    return _sitemap_xml("urlset", "url", [url or "./" for url in urls], base_url)


def sitemap_index(parts: Sequence[str], base_url: str = "") -> bytes:
    """Points at each ``sitemap-N.xml`` when one file would pass 50,000 URLs."""
    return _sitemap_xml("sitemapindex", "sitemap", parts, base_url)


def _sitemap_xml(root_tag: str, item_tag: str, locations: Sequence[str], base_url: str) -> bytes:
    ET.register_namespace("", SITEMAP)
    root = ET.Element(f"{{{SITEMAP}}}{root_tag}")
    for loc in locations:
        node = ET.SubElement(root, f"{{{SITEMAP}}}{item_tag}")
        ET.SubElement(node, f"{{{SITEMAP}}}loc").text = (
            base_url.rstrip("/") + "/" + loc.removeprefix("./") if base_url else loc)
    ET.indent(root)
    data: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)  # typeshed: Any for an encoding
    return data + b"\n"


def robots(base_url: str = "") -> bytes:
    lines = ["User-agent: *", "Allow: /"]
    if base_url:
        lines.append(f"Sitemap: {base_url.rstrip('/')}/sitemap.xml")
    return ("\n".join(lines) + "\n").encode("utf-8")
