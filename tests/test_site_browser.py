"""Click through the built site in Debian's Chromium: home → article → entity → topic → search.

Screenshots go to test-artifacts/ (git-ignored) so a person can look at the design.
"""

from __future__ import annotations

import functools
import http.server
import re
import threading
from pathlib import Path
from typing import Iterator

import pytest

from briefgen.build import build_site

pytestmark = pytest.mark.browser
playwright_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--no-first-run", "--disable-sync"]

if not CHROMIUM.exists():
    pytest.skip("no Chromium at /usr/bin/chromium", allow_module_level=True)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def serve() -> Iterator:
    servers = []

    def start(site: Path) -> str:
        handler = functools.partial(_Quiet, directory=str(site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator:
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.errors = []  # console errors and uncaught exceptions on every page visited
    pg.on("console", lambda m: pg.errors.append(f"{pg.url}: {m.text}") if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.errors.append(f"{pg.url}: {e}"))
    yield pg
    context.close()


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def search_for(page, query: str, title: str) -> None:
    box = page.locator(".pagefind-ui__search-input")
    box.wait_for(timeout=10_000)
    box.fill(query)
    result = page.locator(".pagefind-ui__result-link", has_text=title).first
    result.wait_for(timeout=10_000)
    return result


def test_click_through_tiny_site(make_project, serve, page):
    cfg = make_project()
    report = build_site(cfg)
    if not report.search_indexed:
        pytest.skip("Pagefind is not installed")
    base = serve(cfg.site)
    page.goto(base)
    shot(page, "tiny-home")
    page.get_by_role("link", name="Kim Jong Un orders more missiles").first.click()
    page.wait_for_url(re.compile(r"/articles/kim-missiles/$"))
    assert page.locator("h1").inner_text() == "Kim Jong Un orders more missiles"
    shot(page, "tiny-article")
    page.locator(".story-body a.entity-link", has_text="Kim Jong Un").click()
    page.wait_for_url(re.compile(r"/entities/kim-jong-un/$"))
    assert page.locator("blockquote.mention mark", has_text="Kim Jong Un").count() >= 1
    assert "toured munitions factories" in page.locator("blockquote.mention").first.inner_text()
    shot(page, "tiny-entity")
    page.locator("aside a.chip", has_text="Sergei Shoigu").click()
    page.wait_for_url(re.compile(r"/entities/sergei-shoigu/$"))
    assert "Shoigu" in page.locator("h1").inner_text()
    page.get_by_role("navigation", name="Sections").get_by_role("link", name="Topics").click()
    page.get_by_role("link", name="North Korea").first.click()
    page.wait_for_url(re.compile(r"/topics/north-korea/$"))
    assert page.locator("h1").inner_text() == "North Korea"
    shot(page, "tiny-topic")
    search_for(page, "Shoigu", "Shoigu visits Pyongyang")
    shot(page, "tiny-search")
    page.locator(".pagefind-ui__result-link", has_text="Shoigu visits Pyongyang").first.click()
    page.wait_for_url(re.compile(r"/articles/shoigu-visit/$"))
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
    page.wait_for_url(re.compile(r"/briefing/articles/seoul-drills/$"))
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
    page.wait_for_url(re.compile(r"/articles/[^/]+/$"))
    shot(page, "example-article")
    page.locator(".story-body a.entity-link", has_text=re.compile(r"^Kim Jong[ -]Un$", re.I)).first.click()
    page.wait_for_url(re.compile(r"/entities/[^/]+/$"))
    mention = page.locator("blockquote.mention", has_text="inspection tour of major munitions factories")
    assert mention.count() >= 1
    shot(page, "example-entity")
    result = search_for(page, "Shoigu", "Kim Jong Un orders increased missile production")
    shot(page, "example-search")
    result.click()
    page.wait_for_url(re.compile(r"/articles/[^/]+/$"))
    assert page.locator("h1").inner_text().startswith("Kim Jong Un orders increased missile production")
    assert page.errors == []
