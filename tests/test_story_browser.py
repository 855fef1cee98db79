"""Stories in Debian's Chromium: home → the top story → its timeline → an outlet's copy →
what that outlet changed; an entity page → its stories. Then axe-core on the story pages.

The site is the repo's content plus two outlets' copies of the seed's AP text
(``test_story_pages.wire_project``), served over HTTP as a reader gets it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from briefgen import config as config_mod
from briefgen.build import build_site

from browser_fixtures import AXE, shot
from test_story_pages import HERALD, SEED_SLUG, wire_project

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> config_mod.Config:
    cfg = wire_project(tmp_path_factory.mktemp("stories") / "project",
                       "title: Korea desk\nsearch: false\n")
    build_site(cfg)
    return cfg


def test_home_to_story_to_copy_to_what_it_changed(site, serve, page):
    base = serve(site.site)
    page.goto(base)
    top = page.locator("main .story-card").first
    assert "size-3" in (top.get_attribute("class") or "")  # three outlets: drawn largest
    title = top.locator(".item-title a").inner_text()
    top.locator(".item-title a").click()
    page.wait_for_url(re.compile(rf"/stories/{SEED_SLUG}/(index\.html)?$"))
    assert page.locator("h1").inner_text() == title
    shot(page, "story-page")
    timeline = page.locator(".timeline-list > li")
    assert timeline.count() == 3
    outlets = [timeline.nth(i).locator(".meta").first.inner_text() for i in range(3)]
    assert [o.split(" · ")[0] for o in outlets] == ["Business Standard", "Harbour Herald",
                                                     "Metro Review"]
    assert "the wire's version" in outlets[0]
    timeline.nth(1).get_by_role("link", name="Kim orders drastic increase in missile output").click()
    page.wait_for_url(re.compile(rf"/articles/{HERALD}/(index\.html)?$"))
    story_box = page.locator("aside section", has=page.locator("#story-h"))
    assert title in story_box.inner_text()
    story_box.get_by_role("link", name=re.compile("What Harbour Herald changed")).click()
    page.wait_for_url(re.compile(rf"/stories/{SEED_SLUG}/(index\.html)?#changes-{HERALD}$"))
    changes = page.locator(f"#changes-{HERALD}")
    assert changes.is_visible()
    assert page.evaluate(f"document.getElementById('changes-{HERALD}').getBoundingClientRect()"
                         ".top") < 200  # scrolled to it
    assert changes.locator("ins", has_text="toured").count() == 1
    assert changes.locator("del", has_text="visited").count() == 1
    assert changes.locator("ins", has_text="Seoul desk adds").count() == 1
    shot(page, "story-changes", full_page=False)
    assert page.errors == []


def test_entity_page_lists_its_stories_and_topics(site, serve, page):
    base = serve(site.site)
    page.goto(base + "entities/kim-jong-un/")
    stories = page.locator("main section", has=page.locator("#e-stories-h"))
    links = stories.get_by_role("link")
    assert links.count() >= 1
    assert page.locator("aside section", has=page.locator("#e-topics-h")).get_by_role(
        "link", name=re.compile("North Korea")).count() == 1
    shot(page, "entity-stories")
    stories.get_by_role("link", name=re.compile("Kim Jong Un orders increased missile")).click()
    page.wait_for_url(re.compile(rf"/stories/{SEED_SLUG}/(index\.html)?$"))
    central = page.locator("aside section", has=page.locator("#central-h"))
    central.get_by_role("link", name="Kim Jong Un").click()
    page.wait_for_url(re.compile(r"/entities/kim-jong-un/(index\.html)?$"))
    assert page.errors == []


def _story_urls(root: Path) -> list[str]:
    urls = [f"stories/{SEED_SLUG}/", "stories/", ""]
    lines = sorted((root / "storylines").glob("*/index.html"))
    urls += [p.parent.relative_to(root).as_posix() + "/" for p in lines[:1]]
    return urls


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_story_pages_pass_axe(site, serve, browser, scheme):
    if not AXE.is_file():
        pytest.skip("axe-core is not installed (npm ci --prefix tests/node)")
    base = serve(site.site)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    pg = context.new_page()
    found: list[str] = []
    for url in _story_urls(site.site):
        pg.goto(base + url)
        pg.add_script_tag(path=str(AXE))
        result: dict[str, Any] = pg.evaluate(
            "async () => await axe.run(document, {resultTypes: ['violations']})")
        found += [f"{url}: {v['impact']} {v['id']} ({v['help']})" for v in result["violations"]
                  if v["impact"] in ("serious", "critical")]
    context.close()
    assert found == []
