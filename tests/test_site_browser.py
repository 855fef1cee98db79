"""Click through the built site in Debian's Chromium: home → article → entity → topic → search.

Screenshots go to test-artifacts/ (git-ignored) so a person can look at the design.
"""

from __future__ import annotations

import re

import pytest

from briefgen.build import build_site

from browser_fixtures import search_for, shot

pytestmark = pytest.mark.browser


def test_click_through_tiny_site(make_project, serve, page):
    cfg = make_project()
    report = build_site(cfg)
    if not report.search_indexed:
        pytest.skip("Pagefind is not installed")
    base = serve(cfg.site)
    page.goto(base)
    shot(page, "tiny-home")
    page.get_by_role("link", name="Kim Jong Un orders more missiles").first.click()
    page.wait_for_url(re.compile(r"/articles/kim-missiles/(index\.html)?$"))
    assert page.locator("h1").inner_text() == "Kim Jong Un orders more missiles"
    shot(page, "tiny-article")
    page.locator(".story-body a.entity-link", has_text="Kim Jong Un").click()
    page.wait_for_url(re.compile(r"/entities/kim-jong-un/(index\.html)?$"))
    assert page.locator("blockquote.mention mark", has_text="Kim Jong Un").count() >= 1
    assert "toured munitions factories" in page.locator("blockquote.mention").first.inner_text()
    shot(page, "tiny-entity")
    page.locator("aside a.chip", has_text="Sergei Shoigu").click()
    page.wait_for_url(re.compile(r"/entities/sergei-shoigu/(index\.html)?$"))
    assert "Shoigu" in page.locator("h1").inner_text()
    page.get_by_role("navigation", name="Sections").get_by_role("link", name="Topics").click()
    page.get_by_role("link", name="North Korea").first.click()
    page.wait_for_url(re.compile(r"/topics/north-korea/(index\.html)?$"))
    assert page.locator("h1").inner_text() == "North Korea"
    shot(page, "tiny-topic")
    search_for(page, "Shoigu", "Shoigu visits Pyongyang")
    shot(page, "tiny-search")
    page.locator(".pagefind-ui__result-link", has_text="Shoigu visits Pyongyang").first.click()
    page.wait_for_url(re.compile(r"/articles/shoigu-visit/(index\.html)?$"))
    assert page.errors == []


def test_site_works_from_a_sub_path(make_project, serve, page, tmp_path):
    cfg = make_project()
    report = build_site(cfg)
    if not report.search_indexed:
        pytest.skip("Pagefind is not installed")
    root = tmp_path / "www"
    (root / "briefing").parent.mkdir(parents=True)
    cfg.site.rename(root / "briefing")
    base = serve(root) + "briefing/"
    page.goto(base + "entities/pyongyang/")
    search_for(page, "invasion", "Allies prepare summer drills").click()
    page.wait_for_url(re.compile(r"/briefing/articles/seoul-drills/(index\.html)?$"))
    assert page.errors == []


def test_dark_and_narrow_screens(make_project, serve, browser):
    cfg = make_project()
    build_site(cfg)
    base = serve(cfg.site)
    context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme="dark")
    pg = context.new_page()
    pg.goto(base + "articles/kim-missiles/")
    bg = pg.evaluate("getComputedStyle(document.body).backgroundColor")
    assert bg != "rgb(251, 250, 247)"  # the dark palette applied
    assert pg.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    shot(pg, "tiny-article-dark-mobile")
    pg.keyboard.press("Tab")
    assert pg.evaluate("document.activeElement.className") == "skip-link"
    context.close()


def test_seed_article_from_real_content(example_site, serve, page):
    """The issue's walk on the example site: home → seed → Kim Jong Un → a co-mentioned
    entity → a topic → search "Shoigu" → back to the seed."""
    if not (example_site.site / "pagefind").is_dir():
        pytest.skip("Pagefind is not installed")
    base = serve(example_site.site)
    page.goto(base)
    shot(page, "example-home")
    title = re.compile(r"^Kim Jong Un orders increased missile production")
    link = page.get_by_role("link", name=title).first
    if not link.count():
        page.get_by_role("link", name=re.compile("archive", re.I)).first.click()
        link = page.get_by_role("link", name=title).first
    link.click()
    page.wait_for_url(re.compile(r"/articles/[^/]+/(index\.html)?$"))
    seed_url = page.url
    shot(page, "example-article")
    page.locator(".story-body a.entity-link", has_text=re.compile(r"^Kim Jong[ -]Un$", re.I)).first.click()
    page.wait_for_url(re.compile(r"/entities/[^/]+/(index\.html)?$"))
    assert re.match(r"Kim Jong[ -]Un$", page.locator("h1").inner_text(), re.I)
    mention = page.locator("blockquote.mention", has_text="inspection tour of major munitions factories")
    assert mention.count() >= 1
    assert mention.first.locator("mark").count() >= 1  # the name is highlighted in the sentence
    shot(page, "example-entity")
    co = page.get_by_role("complementary").locator("a.chip").first
    co_name = co.inner_text().rsplit(" ", 1)[0]  # the chip ends with its count
    co.click()
    page.wait_for_url(re.compile(r"/entities/[^/]+/(index\.html)?$"))
    assert page.locator("h1").inner_text() == co_name
    assert page.get_by_role("complementary").get_by_role(
        "link", name=re.compile(r"^Kim Jong[ -]Un\b", re.I)).count() >= 1  # and back again
    page.get_by_role("navigation", name="Sections").get_by_role("link", name="Topics").click()
    page.wait_for_url(re.compile(r"/topics/(index\.html)?$"))
    page.locator("main a[href*='north-korea']").first.click()
    page.wait_for_url(re.compile(r"/topics/north-korea/(index\.html)?$"))
    assert page.locator("h1").inner_text() == "North Korea"
    assert page.get_by_role("link", name=title).count() >= 1
    shot(page, "example-topic")
    result = search_for(page, "Shoigu", "Kim Jong Un orders increased missile production")
    shot(page, "example-search")
    result.click()
    page.wait_for_url(seed_url)
    assert page.locator("h1").inner_text().startswith("Kim Jong Un orders increased missile production")
    assert page.errors == []
