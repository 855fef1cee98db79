"""axe-core on one page of every kind of the example site, in light and dark mode.

axe-core comes from npm (``npm ci --prefix tests/node``) and is injected into
each page, so the check runs offline against the real rendered DOM, colours
and Pagefind's search box included. Each page is also screenshotted into
``test-artifacts/`` for a person to look at.
"""

from __future__ import annotations

import os
import re
from typing import Any

import pytest

from browser_fixtures import AXE, open_search, shot, watch

pytestmark = pytest.mark.browser

BLOCKING = {"serious", "critical"}
SEED = "kim-jong-un-orders-increased-missile-production-ahead-of-us-s-korea-drills"

if not AXE.is_file():
    if os.environ.get("BRIEFGEN_REQUIRE_AXE"):  # CI sets it: a missing install must not pass
        pytest.fail("axe-core is not installed: run `npm ci --prefix tests/node`", pytrace=False)
    pytest.skip("axe-core is not installed (npm ci --prefix tests/node)", allow_module_level=True)


def page_kinds(site: Any) -> dict[str, str]:
    """One URL per page kind, picked from what the example site actually has."""
    root = site.site
    seed = next(iter(sorted((root / "articles").glob(f"{SEED}*"))), None) \
        or sorted(p for p in (root / "articles").iterdir() if p.is_dir())[0]
    kinds = {"home": "", "article": f"articles/{seed.name}/",
             "entity": "entities/kim-jong-un/", "topic": "topics/north-korea/",
             "topics": "topics/", "entities": "entities/", "sources": "sources/",
             "archive": "archive/", "404": "404.html"}
    firsts = {"source": "sources", "letter": "entities/a-z", "month": "archive/2023"}
    for kind, folder in firsts.items():
        found = sorted(p for p in (root / folder).glob("*/index.html"))
        if found:
            kinds[kind] = found[0].parent.relative_to(root).as_posix() + "/"
    paged = sorted((root / "entities").glob("*/page/2/index.html"))
    if paged:
        kinds["entity-page-2"] = paged[0].parent.relative_to(root).as_posix() + "/"
    return {k: v for k, v in kinds.items() if (root / (v or "index.html")).exists()
            or (root / v / "index.html").exists()}


def axe_violations(pg: Any) -> list[dict[str, Any]]:
    pg.add_script_tag(path=str(AXE))
    result = pg.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return result["violations"]


def describe(url: str, violations: list[dict[str, Any]]) -> list[str]:
    return [f"{url}: {v['impact']} {v['id']} ({v['help']}) at "
            + ", ".join(str(n["target"]) for n in v["nodes"][:3]) for v in violations]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_kind_has_no_serious_axe_violation(example_site, serve, browser, scheme):
    base = serve(example_site.site)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    pg = watch(context.new_page())
    kinds = page_kinds(example_site)
    assert {"home", "article", "entity", "topic"} <= set(kinds)
    problems: list[str] = []
    for kind, url in kinds.items():
        pg.goto(base + url)
        if (example_site.site / "pagefind").is_dir():
            open_search(pg)  # Pagefind's box loads on first use: check it, not the stand-in
        shot(pg, f"kind-{kind}-{scheme}")
        problems += describe(url or "/", [v for v in axe_violations(pg)
                                          if v["impact"] in BLOCKING])
    context.close()
    assert problems == []
    assert pg.errors == []


def test_search_results_are_accessible(example_site, serve, browser):
    if not (example_site.site / "pagefind").is_dir():
        pytest.skip("Pagefind is not installed")
    base = serve(example_site.site)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = watch(context.new_page())
    pg.goto(base)
    open_search(pg).fill("Shoigu")
    pg.locator(".pagefind-ui__result-link").first.wait_for(timeout=10_000)
    label = pg.locator(".pagefind-ui__search-input").get_attribute("aria-label")
    assert label  # a real accessible name, not only a title
    shot(pg, "kind-search-results", full_page=False)
    problems = describe("search", [v for v in axe_violations(pg) if v["impact"] in BLOCKING])
    context.close()
    assert problems == []
    assert pg.errors == []


def test_keyboard_focus_is_visible(example_site, serve, browser):
    base = serve(example_site.site)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.goto(base + "entities/kim-jong-un/")
    seen = []
    for _ in range(6):
        pg.keyboard.press("Tab")
        seen.append(pg.evaluate("""() => {
            const el = document.activeElement, s = getComputedStyle(el);
            return [el.tagName, s.outlineStyle, parseFloat(s.outlineWidth)];
        }"""))
    context.close()
    links = [s for s in seen if s[0] == "A"]
    assert links, seen
    assert all(style != "none" and width >= 2 for _, style, width in links), seen


def test_no_external_resources(example_site):
    """Nothing loaded from elsewhere: no CDN, font or script outside the site folder."""
    remote = re.compile(r'<(?:script|link|img|iframe|source)\b[^>]*\b(?:src|href)="(?:https?:)?//',
                        re.I)
    for path in example_site.site.rglob("*.html"):
        if "pagefind" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        assert not remote.search(text), path
    css = (example_site.site / "static" / "style.css").read_text(encoding="utf-8")
    assert "@import" not in css and "url(http" not in css
