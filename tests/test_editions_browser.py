"""In Debian's Chromium: a second build after adding an article shows it under "Since …",
and the list of editions says what each one brought."""

from __future__ import annotations

import re

import pytest

from briefgen.build import build_site
from briefgen.build.editions import read_editions

from browser_fixtures import shot
from conftest import article_text

pytestmark = pytest.mark.browser


def test_a_second_build_shows_the_added_article_under_since(make_project, serve, page):
    cfg = make_project(settings="title: Desk\nsearch: false\n")
    (cfg.content / "editions").mkdir()  # the project keeps editions
    build_site(cfg)
    base = serve(cfg.site)
    page.goto(base)
    since = page.locator("section.since")
    assert since.locator("h2").inner_text() == "First edition"

    (cfg.content / "articles" / "port-strike.md").write_text(article_text(
        "Dockers strike at Busan port", "Busan dockers walked out on Monday. Hana Sörensen led "
        "the strike.", published="2023-08-20T08:00:00+09:00", publisher="Harbour Times",
        entities=[{"name": "Hana Sörensen", "type": "person"}, {"name": "Busan", "type": "place"}]),
        encoding="utf-8")
    build_site(cfg)
    first = read_editions(cfg.content)[0][0]
    assert first.time is not None

    assert "Since <time" in (cfg.site / "index.html").read_text(encoding="utf-8")
    # a new address: both builds may fall in one second, and the server's Last-Modified
    # has a resolution of one second, so a reload could be answered "not modified"
    page.goto(base + "?second-build")
    heading = since.locator("h2")
    assert heading.inner_text().startswith("Since ")
    assert heading.locator("time").get_attribute("datetime") == first.time.isoformat()
    new = since.get_by_role("list").first
    assert new.get_by_role("link").all_inner_texts() == ["Dockers strike at Busan port"]
    assert since.get_by_role("link", name="Hana Sörensen").is_visible()
    shot(page, "editions-home-since")

    new.get_by_role("link", name="Dockers strike at Busan port").click()
    page.wait_for_url(re.compile(r"/articles/port-strike/(index\.html)?$"))
    assert page.locator("h1").inner_text() == "Dockers strike at Busan port"

    page.goto(base + "?second-build")
    since.get_by_role("link", name="All editions").click()
    page.wait_for_url(re.compile(r"/editions/(index\.html)?$"))
    editions = page.locator("section.edition")
    assert editions.count() == 2
    assert editions.first.locator("h2").inner_text().startswith("Edition 2")
    assert editions.first.get_by_role("link", name="Dockers strike at Busan port").is_visible()
    assert editions.nth(1).locator("h2").inner_text().startswith("Edition 1")
    shot(page, "editions-list")
    editions.first.get_by_role("link", name="Edition 2").click()
    page.wait_for_url(re.compile(r"/editions/2/(index\.html)?$"))
    assert page.locator("h1").inner_text() == "Edition 2"
    assert page.get_by_role("link", name="Dockers strike at Busan port").is_visible()
    assert page.errors == []
