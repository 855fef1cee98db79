"""Who said what and topic definitions (#16), in Debian's Chromium on the example site.

Kim Jong Un's page shows, under "What Kim Jong Un said", the seed's quote that KCNA
carried ("North Korea must have an overwhelming military force"), linked to the seed;
the seed's page lists its quotes; search finds a quote's words; the desk's own topic
``content/topics/kim-jong-nam-killing.md`` lists the three stories naming Kim Jong Nam.
"""

from __future__ import annotations

import re

import pytest

from browser_fixtures import search_for, shot
from conftest import REPO

pytestmark = pytest.mark.browser

SEED = "kim-jong-un-orders-increased-missile-production-ahead-of-us-s-korea-drills"
SEED_TITLE = "Kim Jong Un orders increased missile production ahead of US-S Korea drills"
KCNA_QUOTE = "North Korea must have an overwhelming military force"


def test_what_kim_said_links_the_seed_and_the_seed_lists_its_quotes(example_site, serve, page):
    base = serve(example_site.site)
    page.goto(base + "entities/kim-jong-un/")
    said = page.locator("section.quotes", has=page.get_by_role("heading", name="What Kim Jong Un said"))
    quote = said.locator("figure.quote", has_text=KCNA_QUOTE)
    assert quote.count() == 1
    assert quote.locator("figcaption").inner_text().startswith("Kim, in")
    shot(page, "quotes-entity")
    quote.get_by_role("link", name=SEED_TITLE).click()
    page.wait_for_url(re.compile(rf"/articles/{SEED}/(index\.html)?$"))
    listed = page.locator("section.story-quotes")
    assert listed.get_by_role("heading", name="Who said what").is_visible()
    kim = listed.locator("figure.quote", has_text=KCNA_QUOTE)
    assert kim.locator("figcaption a").inner_text() == "Kim"
    media = listed.locator("figure.quote", has_text="made another inspection tour")
    assert media.locator("figcaption").inner_text() == "state media"
    assert media.locator("figcaption a").count() == 0  # a description links nowhere
    shot(page, "quotes-article")
    kim.locator("figcaption a").click()
    page.wait_for_url(re.compile(r"/entities/kim-jong-un/(index\.html)?$"))
    if (example_site.site / "pagefind").is_dir():
        page.goto(base)
        search_for(page, "overwhelming military force", SEED_TITLE)
    assert page.errors == []


def test_a_desks_topic_lists_the_articles_its_patterns_match(example_site, serve, page):
    definition = (REPO / "content" / "topics" / "kim-jong-nam-killing.md").read_text(encoding="utf-8")
    assert "entity: Kim Jong Nam" in definition
    naming = sorted(p.stem for p in (example_site.content / "articles").glob("*.md")
                    if re.search(r"Kim Jong[ -][Nn]am", p.read_text(encoding="utf-8")))
    assert len(naming) == 3
    base = serve(example_site.site)
    page.goto(base + "topics/")
    page.get_by_role("link", name="The Kim Jong Nam killing").first.click()
    page.wait_for_url(re.compile(r"/topics/kim-jong-nam-killing/(index\.html)?$"))
    assert page.locator("h1").inner_text() == "The Kim Jong Nam killing"
    links = page.locator("main a[href*='articles/']")
    hrefs = {re.search(r"articles/([^/]+)/", h).group(1)  # type: ignore[union-attr]
             for h in links.evaluate_all("els => els.map(e => e.getAttribute('href'))")}
    assert set(naming) <= hrefs
    assert "entity: Kim Jong Nam" in page.locator("main").inner_text()  # how it is defined
    shot(page, "quotes-topic")
    assert page.errors == []
