"""Pages stay small as the site grows: paginated term lists, capped feeds, small indexes.

Checked on the page plan (nothing rendered), so a corpus big enough to page
and to split the A–Z indexes is cheap to test.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from briefgen.build import prepare
from briefgen.render import feeds
from briefgen.render.plan import INDEX_TOP, LETTER_PAGE, sitemaps

from conftest import article_text

N_ARTICLES = 450
N_NAMES = 700  # more entities than an index may list on one page


def big_project(make_project):
    articles = {}
    for i in range(N_ARTICLES):
        names = [{"name": "Kim Jong Un", "type": "person"},
                 {"name": f"Person{i} Name", "type": "person"},
                 {"name": f"Person{(i + 1) % N_NAMES} Name", "type": "person"}]
        if i < N_NAMES - N_ARTICLES:
            names.append({"name": f"Person{N_ARTICLES + i} Name", "type": "person"})
        articles[f"story-{i:04d}"] = article_text(
            f"Story {i}", "Kim Jong Un spoke. " + " ".join(f"{n['name']} listened." for n in names[1:]),
            published=f"2023-{1 + i % 12:02d}-{1 + i % 28:02d}T10:00:00+09:00",
            topics=["North Korea", f"Topic {i % 40}"], entities=names)
    return make_project(articles, settings="title: T\nper_page: 20\nfeed_items: 15\nsearch: false\n")


def test_a_big_entity_is_paginated_and_its_feed_is_the_latest_n(make_project):
    cfg = big_project(make_project)
    prepared = prepare(cfg)
    kim = [p for p in prepared.pages if p.kind == "entity" and p.url.startswith("entities/kim-jong-un/")]
    assert len(kim) == -(-N_ARTICLES // 20)
    assert all(len(p.context["pager"].items) <= 20 for p in kim)
    assert kim[1].url == "entities/kim-jong-un/page/2/"
    feed = next(p for p in prepared.pages if p.url == "entities/kim-jong-un/feed.xml")
    order = prepared.site.entities["kim-jong-un"].articles
    assert list(feed.context["articles"]) == list(order[:15])  # newest first, latest N only


def test_no_index_page_lists_every_term(make_project):
    cfg = big_project(make_project)
    prepared = prepare(cfg)
    n_entities = len(prepared.site.entities)
    assert n_entities > 2 * LETTER_PAGE
    for page in prepared.pages:
        if page.kind == "taxonomy" and page.url == "entities/":
            assert all(len(slugs) <= INDEX_TOP for _, _, slugs in page.context["groups"])
        if page.kind == "letter":
            assert len(page.context["pager"].items) <= LETTER_PAGE
        if page.kind == "home":
            assert len(page.context["latest"]) <= 20
    letters = [p for p in prepared.pages if p.kind == "letter" and p.url.startswith("entities/")]
    assert any("/page/2/" in p.url for p in letters)  # "p" has 700 "PersonN Name"s: paged


def test_sitemap_splits_into_an_index_past_the_protocol_limit():
    urls = [f"articles/s{i}/" for i in range(7)]
    pages = sitemaps(urls, limit=3)
    assert [p.url for p in pages] == ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml",
                                      "sitemap-3.xml"]
    assert sum(len(p.context["urls"]) for p in pages[1:]) == 7
    root = ET.fromstring(feeds.sitemap_index(pages[0].context["parts"], "https://b.example/x/"))
    locs = [e.text for e in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert root.tag.endswith("sitemapindex")
    assert locs == ["https://b.example/x/sitemap-1.xml", "https://b.example/x/sitemap-2.xml",
                    "https://b.example/x/sitemap-3.xml"]
    assert [p.url for p in sitemaps(urls)] == ["sitemap.xml"]
