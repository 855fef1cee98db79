"""The co-mention graph on entity pages: a labelled picture, escaped, with no links of its own."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from briefgen.build import build_site
from briefgen.render.cograph import MAX_NEIGHBOURS, Companion, co_mention_svg


def test_graph_is_an_escaped_labelled_picture():
    companions = [Companion(f"Name {i}", "person", 10 - i) for i in range(12)]
    companions[0] = Companion('Evil <script>alert(1)</script> "Name"', "place", 10)
    svg = str(co_mention_svg("Kim & Co", "person", companions))
    root = ET.fromstring(svg)  # well-formed: every name escaped
    assert root.get("role") == "img"
    assert root.get("aria-label").startswith("Kim & Co is named most often with: Evil <script>")
    assert len(root.findall(".//{*}circle")) == MAX_NEIGHBOURS + 1
    assert "<script>" not in svg and "<a" not in svg
    assert str(co_mention_svg("Alone", "person", [])) == ""


def test_entity_page_shows_the_graph(make_project):
    cfg = make_project(settings="title: T\nsearch: false\n")
    build_site(cfg)
    page = (cfg.site / "entities" / "kim-jong-un" / "index.html").read_text(encoding="utf-8")
    assert '<svg class="cograph"' in page
    assert "Kim Jong Un is named most often with: " in page
