"""Nothing a scraped page says can run in the built site.

A hostile project puts ``<script>``, ``onerror=``, ``javascript:`` URLs and
``</title>`` into every field that reaches HTML (title, dek, topics, entity
names and aliases, authors, publisher, agency, dateline, caption, source URL
and path, licence, attribution, a curated description, the body as raw HTML and
as Markdown links) and into the site's own title. Every payload sets
``window.__pwned`` and calls ``alert``. The built pages are then read three
ways: parsed as HTML (no live tag, handler or URL), parsed as XML (feeds and
sitemap well formed, payloads kept as text), and loaded in Chromium with a
dialog listener, the sentinel and a watch on requests, including Pagefind's
search results for the payload.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from briefgen.build import build_site
from briefgen.commands.check import check_site, crawl

from browser_fixtures import open_search
from conftest import article_text


def js(tag: str) -> str:
    return f"window.__pwned='{tag}';alert('{tag}')"


def script(tag: str) -> str:
    return f"<script>{js(tag)}</script>"


def onerror(tag: str) -> str:
    return f'<img src=x onerror="{js(tag)}">'


def breakout(tag: str) -> str:
    """Closes the elements and attributes a field might land in, then opens a script."""
    return f'</title></textarea>"\'><script>{js(tag)}</script>'


MARKER = "Pwnedword"  # a plain word in every hostile field, for the search box
TITLE = f"{MARKER} title {breakout('title')}"
EVIL_NAME = f"Evil{script('entity')}Name"
ORG = f"Org {breakout('org')}"

BODY = "\n\n".join([
    f"Kim Jong Un met the <b>press</b>. {script('body-script')}",
    f"{onerror('body-img')} and <svg onload=\"{js('body-svg')}\"></svg>",
    f"[md link](javascript:{js('md-link')}) [upper](JaVaScRiPt:{js('md-upper')}) "
    f"[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) "
    f"[ref link][evil] <javascript:{js('autolink')}>",
    f"[evil]: javascript:{js('ref-link')}",
    f'<a href="javascript:{js("raw-a")}">raw a</a> <a href="&#106;avascript:alert(1)">entity a</a> '
    f'<iframe src="javascript:{js("iframe")}"></iframe> '
    '<form action="javascript:alert(1)"><button>go</button></form>',
    "<style>body{background:url(javascript:alert(1))}</style>"
    f"<p style=\"color:red\" onclick=\"{js('onclick')}\">styled</p>",
    "<math><mtext><table><mglyph><style><img src=x onerror=\"" + js("mxss")
    + "\"></style></mglyph></table></mtext></math>",
    f"{MARKER} in the body: {breakout('body-break')} {{{{ 7*7 }}}}",
    f"The leader {EVIL_NAME} spoke, and {ORG} agreed.",
])

HOSTILE = {
    "evil": article_text(
        TITLE, BODY,
        dek=f"{MARKER} dek {breakout('dek')}{onerror('dek')}",
        published="2023-08-14T09:03:00+05:30", updated="2023-08-15T10:00:00+05:30",
        publisher=f"Pub {breakout('publisher')}", agency=f"Agency {onerror('agency')}",
        authors=[f"Author {breakout('author')}", onerror("author2")],
        dateline=f"Seoul {script('dateline')}", reading_time=2,
        topics=[f"Topic {breakout('topic')}", onerror("topic2"), f"javascript:{js('topic3')}"],
        entities=[{"name": "Kim Jong Un", "type": "person", "aliases": [f"Kim {script('alias')}"]},
                  {"name": EVIL_NAME, "type": "person", "aliases": [onerror("alias2")]},
                  {"name": ORG, "type": "organization"},
                  {"name": f"javascript:{js('entity-js')}", "type": "place"}],
        source={"url": f"javascript:{js('source-url')}", "path": f"seeds/{breakout('path')}.txt",
                "sha256": breakout("sha")},
        license=f"Licence {breakout('license')}", attribution=f"Attr {onerror('attribution')}",
        image_caption=f"Caption {breakout('caption')}", timezone=f"../../{script('tz')}"),
    "calm": article_text(
        "A calm story", f"Kim Jong Un and {EVIL_NAME} again; {ORG} too.",
        published="2023-08-10", publisher=f"Pub {breakout('publisher')}",
        topics=[f"Topic {breakout('topic')}"],
        entities=[{"name": "Kim Jong Un", "type": "person"},
                  {"name": EVIL_NAME, "type": "person"}, {"name": ORG, "type": "organization"}]),
}
CURATED = ("---\nname: Kim Jong Un\ntype: person\naliases: ['Kim <img src=x onerror=alert(9)>']\n"
           f"---\n\nLeader. {script('curated')} [bad](javascript:{js('curated-link')})\n")
SETTINGS = ("title: 'Hostile </title><script>alert(\"site\")</script>'\n"
            "description: 'd </title><script>alert(\"desc\")</script>'\n")

# What the theme itself may put in a page: Pagefind's script and the inline call that starts it.
THEME_SCRIPT_SOURCES = {"pagefind-ui.js"}
THEME_CHARTS = {"timeline", "cograph"}  # the theme's own inline SVGs (no links, no script)
URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset"}
SAFE_DATA_URL = "data:image/svg+xml,"  # the favicon


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from briefgen import config as config_mod

    project = tmp_path_factory.mktemp("hostile") / "project"
    (project / "content" / "articles").mkdir(parents=True)
    (project / "content" / "entities").mkdir()
    for slug, text in HOSTILE.items():
        (project / "content" / "articles" / f"{slug}.md").write_text(text, encoding="utf-8")
    (project / "content" / "entities" / "kim-jong-un.md").write_text(CURATED, encoding="utf-8")
    (project / "briefgen.yaml").write_text(SETTINGS, encoding="utf-8")
    cfg = config_mod.load(project)
    build_site(cfg)
    return cfg


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "pagefind" not in p.relative_to(site).parts)


class _Live(HTMLParser):
    """Everything in a page that a browser would act on: tags, handlers, URLs, script text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        theme_chart = tag == "svg" and dict(attrs).get("class") in THEME_CHARTS
        if tag in ("iframe", "object", "embed", "img", "form", "svg", "math", "base",
                   "style") and not theme_chart:
            self.problems.append(f"<{tag}> from content")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...>")
            if name == "style":
                self.problems.append(f"<{tag} style=...>")
            if name in URL_ATTRS and value:
                scheme = urlsplit(value).scheme.lower()
                if scheme in ("javascript", "vbscript") or (
                        scheme == "data" and not value.startswith(SAFE_DATA_URL)):
                    self.problems.append(f"<{tag} {name}={value!r}>")
        if tag == "script":
            src = dict(attrs).get("src")
            if src and src.rsplit("/", 1)[-1] not in THEME_SCRIPT_SOURCES:
                self.problems.append(f"<script src={src!r}>")
            self._in_script = not src

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)


def test_every_page_is_inert_when_parsed(hostile):
    pages = html_pages(hostile.site)
    assert len(pages) > 15  # entity, topic and source pages of the hostile names exist
    for path in pages:
        parser = _Live()
        parser.feed(path.read_text(encoding="utf-8"))
        parser.close()
        assert parser.problems == [], path
        for code in parser.scripts:  # only the theme's Pagefind start-up
            assert "PagefindUI" in code and "pwned" not in code and "alert" not in code, path


def test_payloads_survive_as_visible_text(hostile):
    """Escaping, not deletion: readers see what the source said, as text."""
    page = (hostile.site / "articles" / "evil" / "index.html").read_text(encoding="utf-8")
    assert "<h1>Pwnedword title &lt;/title&gt;&lt;/textarea&gt;" in page
    assert "&lt;script&gt;window.__pwned=&#39;title&#39;" in page
    assert "By Author &lt;/title&gt;" in page
    assert "Caption &lt;/title&gt;" in page and "Licence &lt;/title&gt;" in page
    assert "{{ 7*7 }}" in page and ">49<" not in page  # content is data, never a template
    assert 'href="javascript' not in page.lower()  # the autolink's text may say it; no href does


def test_feeds_and_sitemap_are_well_formed_and_keep_payloads_as_text(hostile):
    atom = "{http://www.w3.org/2005/Atom}"
    feeds = sorted(hostile.site.rglob("*.xml"))
    assert len(feeds) >= 8  # site, sitemap, every entity and topic
    for path in feeds:
        root = ET.fromstring(path.read_bytes())
        for el in root.iter():
            assert el.tag.startswith(("{http://www.w3.org/2005/Atom}",
                                      "{http://www.sitemaps.org/schemas/sitemap/0.9}")), (path, el.tag)
            href = el.get("href") or ""
            assert urlsplit(href).scheme.lower() not in ("javascript", "vbscript", "data"), path
            loc = el.text or "" if el.tag.endswith("loc") else ""
            assert "<" not in loc and "javascript:" not in loc.lower(), path
    feed = ET.fromstring((hostile.site / "feed.xml").read_bytes())
    titles = [e.findtext(f"{atom}title") for e in feed.iter(f"{atom}entry")]
    assert TITLE in titles  # the exact text, once parsed: escaped, not mangled
    assert "<script>" in feed.findtext(f"{atom}title")  # the site title, as text
    for entry in feed.iter(f"{atom}entry"):
        summary = entry.find(f"{atom}summary")
        if summary is not None:
            assert summary.get("type", "text") == "text"  # readers must not render it as HTML


def test_check_is_clean_on_the_hostile_site(hostile):
    problems = [p for p in check_site(hostile) if not p.startswith("ambiguous entity")]
    assert problems == []


@pytest.mark.parametrize("href", ["javascript:alert(1)", " JaVaScRiPt:alert(1)",
                                  "java&#x09;script:alert(1)", "&#106;avascript:alert(1)",
                                  "vbscript:msgbox(1)", "data:text/html,<script>alert(1)</script>"])
def test_check_reports_a_javascript_link(make_project, href):
    cfg = make_project(settings="title: T\nsearch: false\n")
    build_site(cfg)
    page = cfg.site / "articles" / "kim-missiles" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "</main>", f'<a href="{href}">x</a></main>'), encoding="utf-8")
    problems = crawl(cfg.site)
    assert any(p.startswith("articles/kim-missiles/index.html: unsafe") for p in problems), problems
    assert any(p.startswith("articles/kim-missiles/index.html: unsafe") for p in check_site(cfg))


# --- in the browser ----------------------------------------------------------------------


@pytest.fixture
def hostile_browser(hostile, serve, browser) -> Any:
    """A Chromium page that records dialogs, console errors and requests leaving the site."""
    base = serve(hostile.site)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.dialogs, pg.errors, pg.outside = [], [], []
    host = urlsplit(base).netloc

    def on_dialog(dialog: Any) -> None:
        pg.dialogs.append(f"{pg.url}: {dialog.message}")
        dialog.dismiss()

    pg.on("dialog", on_dialog)
    pg.on("console", lambda m: pg.errors.append(f"{pg.url}: {m.text}")
          if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.errors.append(f"{pg.url}: {e}"))
    pg.on("request", lambda r: pg.outside.append(r.url)
          if urlsplit(r.url).netloc not in (host, "") and not r.url.startswith("data:") else None)
    pg.base = base
    yield pg
    context.close()


def pwned(pg: Any) -> Any:
    return pg.evaluate("() => window.__pwned === undefined ? null : String(window.__pwned)")


@pytest.mark.browser
def test_no_injected_script_runs_on_any_page(hostile, hostile_browser):
    pg = hostile_browser
    for path in html_pages(hostile.site):
        pg.goto(pg.base + path.relative_to(hostile.site).as_posix())
        pg.wait_for_load_state("load")
        assert pwned(pg) is None, pg.url
        for link in pg.locator("main a[href]").all()[:40]:  # nothing clickable runs script
            href = link.get_attribute("href") or ""
            assert urlsplit(href).scheme.lower() not in ("javascript", "vbscript", "data"), href
    pg.goto(pg.base + "articles/evil/")
    assert pg.title().startswith(TITLE)  # </title> in the title did not end the element
    assert pg.locator("h1").inner_text() == TITLE
    assert pg.dialogs == [] and pg.errors == [] and pg.outside == []


@pytest.mark.browser
def test_search_results_show_payloads_as_text(hostile, hostile_browser):
    if not (hostile.site / "pagefind").is_dir():
        pytest.skip("Pagefind is not installed")
    pg = hostile_browser
    pg.goto(pg.base)
    for query in (MARKER, "script", "onerror", "javascript"):
        box = open_search(pg)
        box.fill(query)
        pg.locator(".pagefind-ui__result-link").first.wait_for(timeout=10_000)
        pg.wait_for_timeout(300)  # let every result and excerpt render
        assert pwned(pg) is None, query
        assert pg.locator(".pagefind-ui__results img, .pagefind-ui__results script").count() == 0
    box.fill(MARKER)
    result = pg.locator(".pagefind-ui__result-link", has_text="Pwnedword title").first
    result.wait_for(timeout=10_000)
    assert "<script>" in result.inner_text()  # shown as text
    result.click()
    pg.wait_for_url(re.compile(r"/articles/evil/(index\.html)?$"))
    assert pwned(pg) is None
    assert pg.dialogs == [] and pg.errors == [] and pg.outside == []

