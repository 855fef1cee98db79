"""Every feed is Atom a reader accepts: required elements present, an author for every entry."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from briefgen.build import build_site

from conftest import article_text

A = "{http://www.w3.org/2005/Atom}"


def test_feeds_have_what_atom_requires(make_project):
    articles = {"nobody": article_text("Nobody wrote this", "Pyongyang said little.",
                                       published="2023-08-01",
                                       entities=[{"name": "Pyongyang", "type": "place"}])}
    cfg = make_project(articles, settings="title: T\nsearch: false\n")
    build_site(cfg)
    feeds = [cfg.site / "feed.xml", cfg.site / "entities/pyongyang/feed.xml"]
    for path in feeds:
        root = ET.parse(path).getroot()
        assert root.tag == f"{A}feed"
        for child in ("id", "title", "updated"):
            assert root.findtext(f"{A}{child}"), (path, child)
        assert root.find(f"{A}author/{A}name").text == "T"  # stands in for the entry's author
        entries = root.findall(f"{A}entry")
        assert entries
        for entry in entries:
            for child in ("id", "title", "updated"):
                assert entry.findtext(f"{A}{child}"), (path, child)
            assert entry.find(f"{A}link[@rel='alternate']").get("href")
