"""The site as real clients see it: opened from disk, and laid out without shifting.

A site built without ``base_url`` opens from a file manager: every click from
``site/index.html`` must land on a page (never Chromium's "Index of …" folder
listing), every internal link must name a file that exists, and the search box,
which cannot run from ``file://``, must say so instead of searching forever.
Layout shift is measured in Chromium with a PerformanceObserver while
Pagefind's UI arrives after the first paint.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from briefgen import config as config_mod
from briefgen.build import build_site
from briefgen.commands.init import init_project

from browser_fixtures import shot, watch
from conftest import TINY_ARTICLES

pytestmark = pytest.mark.browser

SEED = "kim-jong-un-orders-increased-missile-production-ahead-of-us-s-korea-drills"
LINKS = """() => Array.from(document.querySelectorAll("a[href], link[href], script[src], img[src]"),
                   el => el.href || el.src)"""
CLS_OBSERVER = """
window.__shift = 0;
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) {
    if (!entry.hadRecentInput) { window.__shift += entry.value; }
  }
}).observe({type: "layout-shift", buffered: true});
"""


def _on_disk(pg: Any, site: Path) -> list[str]:
    """Internal links on the page that do not name an existing file inside ``site``."""
    bad = []
    for url in pg.evaluate(LINKS):
        parts = urlsplit(url)
        if parts.scheme != "file":
            continue  # outside links, data: icons
        target = Path(unquote(parts.path))
        if not target.is_file() or not target.resolve().is_relative_to(site.resolve()):
            bad.append(url)
    return bad


def _arrive(pg: Any, site: Path, kind: str, seen: dict[str, list[str]]) -> None:
    """The page just reached is a real page of ``kind``, and every link on it resolves."""
    pg.wait_for_load_state()
    assert not pg.title().startswith("Index of"), pg.url  # Chromium's folder listing
    assert pg.url.startswith("file://") and pg.url.endswith(".html"), pg.url
    assert pg.locator("body").get_attribute("class") == f"kind-{kind}", pg.url
    assert pg.locator("main h1").count() == 1 and pg.locator("main h1").inner_text().strip()
    seen[pg.url] = _on_disk(pg, site)


def _click(pg: Any, locator: Any) -> None:
    with pg.expect_navigation():
        locator.first.click()


def walk_from_disk(pg: Any, site: Path, name: str, article_title: str | None = None) -> None:
    """home → an article → an entity → the topics index → a topic → home, all from file://."""
    seen: dict[str, list[str]] = {}
    pg.goto((site / "index.html").as_uri())
    _arrive(pg, site, "home", seen)
    _search_says_it_needs_a_server(pg)
    assert pg.evaluate("window.__shift") < 0.01  # the sentence fits the box kept for search
    shot(pg, f"{name}-disk-home", full_page=False)

    story = pg.locator("main article.item a")
    if article_title:
        story = pg.locator("main article.item a", has_text=article_title)
    title = story.first.inner_text().strip()
    _click(pg, story)
    _arrive(pg, site, "article", seen)
    assert pg.locator("main h1").inner_text().strip() == title
    shot(pg, f"{name}-disk-article", full_page=False)

    mention = pg.locator(".story-body a.entity-link")
    if not mention.count():
        mention = pg.locator("aside a.chip")
    _click(pg, mention)
    _arrive(pg, site, "entity", seen)
    assert pg.locator("main article.item a", has_text=title).count() >= 1  # names the story
    shot(pg, f"{name}-disk-entity", full_page=False)

    _click(pg, pg.get_by_role("navigation", name="Sections").get_by_role("link", name="Topics"))
    _arrive(pg, site, "taxonomy", seen)
    assert pg.locator("main h1").inner_text().strip() == "Topics"
    _click(pg, pg.locator("main ul.columns a"))
    _arrive(pg, site, "topic", seen)
    assert pg.locator("main article.item").count() >= 1  # the topic lists its stories
    shot(pg, f"{name}-disk-topic", full_page=False)

    _click(pg, pg.locator("a.brand"))
    _arrive(pg, site, "home", seen)
    assert {url: bad for url, bad in seen.items() if bad} == {}
    assert len(seen) >= 5
    assert pg.errors == []


def _search_says_it_needs_a_server(pg: Any) -> None:
    """From disk the search box is a plain sentence: no Pagefind box, no spinner, ever."""
    note = pg.locator("#search .search-note")
    note.wait_for(timeout=5_000)
    assert "web server" in note.inner_text() and "briefgen serve" in note.inner_text()
    pg.wait_for_timeout(500)  # anything that was going to load has had its chance
    assert pg.locator(".pagefind-ui__search-input").count() == 0
    assert "Searching" not in pg.locator("header.site-header").inner_text()


@pytest.fixture
def disk_page(browser: Any) -> Any:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(CLS_OBSERVER)
    yield watch(context.new_page())
    context.close()


def test_example_site_opens_from_disk(example_site, disk_page):
    assert example_site.index_links  # no base_url: built to open from disk
    walk_from_disk(disk_page, example_site.site, "example")


def test_init_site_opens_from_disk(tmp_path, disk_page):
    project = init_project(tmp_path / "korea-desk")
    for slug in ("kim-missiles", "shoigu-visit", "seoul-drills"):
        (project / "content" / "articles" / f"{slug}.md").write_text(TINY_ARTICLES[slug],
                                                                      encoding="utf-8")
    cfg = config_mod.load(project)
    assert cfg.index_links  # `base_url: ""` as init writes it
    build_site(cfg)
    # moved elsewhere, as a reader who was sent the folder would have it
    moved = tmp_path / "sent to me" / "site"
    moved.parent.mkdir()
    shutil.copytree(cfg.site, moved)
    walk_from_disk(disk_page, moved, "init", article_title="Kim Jong Un orders more missiles")




def _seed(site: Path) -> str:
    found = next(iter(sorted((site / "articles").glob(f"{SEED}*"))), None) \
        or sorted(p for p in (site / "articles").iterdir() if p.is_dir())[0]
    return f"articles/{found.name}/index.html"


PAGEFIND_LOADED = """() => performance.getEntriesByType("resource")
                              .filter(e => e.name.includes("/pagefind/")).length"""


@pytest.mark.parametrize("viewport", [(390, 844), (1280, 900)], ids=["phone", "desktop"])
def test_layout_does_not_shift_while_search_loads(example_site, serve, browser, viewport):
    """Nothing of Pagefind loads with the page; pointing at the box loads it, and nothing moves."""
    if not (example_site.site / "pagefind").is_dir():
        pytest.skip("Pagefind is not installed")
    base = serve(example_site.site)
    width, height = viewport
    context = browser.new_context(viewport={"width": width, "height": height})
    context.add_init_script(CLS_OBSERVER)
    shifts = {}
    for kind, path in {"home": "", "article": _seed(example_site.site)}.items():
        pg = watch(context.new_page())
        pg.goto(base + path)
        pg.wait_for_load_state("load")
        pg.wait_for_timeout(500)
        assert pg.evaluate(PAGEFIND_LOADED) == 0, kind  # 120 KB nobody asked for yet
        loaded = pg.evaluate("window.__shift")
        # a pointer over the field (not an input: any shift from here on counts) loads the UI
        pg.locator("#search .search-start").hover()
        pg.locator(".pagefind-ui__search-input").wait_for(timeout=10_000)
        pg.wait_for_timeout(500)
        shifts[kind] = (loaded, pg.evaluate("window.__shift"))
        assert pg.errors == []
        pg.close()
    context.close()
    print(f"CLS {width}x{height} (after load, after the search UI arrived): {shifts}")
    assert all(value < 0.01 for pair in shifts.values() for value in pair), shifts


def test_what_was_typed_before_the_search_ui_loaded_is_searched(example_site, serve, page):
    if not (example_site.site / "pagefind").is_dir():
        pytest.skip("Pagefind is not installed")
    page.goto(serve(example_site.site) + _seed(example_site.site))
    page.locator("#search .search-start").press_sequentially("Shoigu", delay=5)
    result = page.locator(".pagefind-ui__result-link").first
    result.wait_for(timeout=10_000)
    box = page.locator(".pagefind-ui__search-input")
    assert box.input_value() == "Shoigu"
    assert box.evaluate("el => el === document.activeElement")  # typing goes on in the real box
    assert box.get_attribute("aria-label") == "Search the briefing"
    assert (result.get_attribute("href") or "").endswith("/index.html")  # like every other link
    assert page.errors == []
