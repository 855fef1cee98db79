"""The build end to end on tiny projects written inline (MkDocs-style temp-dir sites)."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from briefgen import config as config_mod
from briefgen.build import build_site
from briefgen.commands.check import check_site, crawl
from briefgen.errors import BriefgenError
from briefgen.build.output import StagedSite, UrlRegistry
from briefgen.index.related import related_articles
from briefgen.index.sentences import sentence_spans

from conftest import TINY_ARTICLES, article_text


def read(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def hrefs(html: str) -> list[str]:
    return re.findall(r'href="([^"]*)"', html)


@pytest.fixture
def tiny(make_project):
    cfg = make_project()
    report = build_site(cfg)
    return cfg, report


def test_pages_exist_and_link_both_ways(tiny):
    cfg, report = tiny
    site = cfg.site
    assert report.articles == 3
    for rel in ("index.html", "articles/kim-missiles/index.html", "entities/kim-jong-un/index.html",
                "entities/index.html", "topics/north-korea/index.html", "topics/index.html",
                "sources/index.html", "sources/ap/index.html", "archive/index.html",
                "archive/2023/08/index.html", "feed.xml", "robots.txt",
                "404.html", "entities/kim-jong-un/feed.xml", "topics/weapons/feed.xml",
                "static/style.css"):
        assert (site / rel).is_file(), rel
    assert not (site / "sitemap.xml").exists()  # no base_url: a sitemap needs absolute URLs
    # no base_url: the site is meant to open from disk, so links name each folder's index.html
    article = read(site, "articles/kim-missiles/index.html")
    assert "../../entities/kim-jong-un/index.html" in hrefs(article)
    assert "../../topics/north-korea/index.html" in hrefs(article)
    entity = read(site, "entities/kim-jong-un/index.html")
    assert "../../articles/kim-missiles/index.html" in hrefs(entity)
    assert "../../articles/shoigu-visit/index.html" in hrefs(entity)  # "Kim Jong-un" merged
    topic = read(site, "topics/north-korea/index.html")
    assert "../../articles/kim-missiles/index.html" in hrefs(topic)
    home = read(site, "index.html")
    assert "articles/kim-missiles/index.html" in hrefs(home)
    # newest first on the home page
    assert home.index("kim-missiles") < home.index("seoul-drills") < home.index("shoigu-visit")


def test_first_mention_is_linked_in_text_only(tiny):
    cfg, _ = tiny
    article = read(cfg.site, "articles/kim-missiles/index.html")
    body = article.split('class="story-body">', 1)[1].split("</div>", 1)[0]
    links = re.findall(r'<a class="entity-link" href="([^"]+)">([^<]+)</a>', body)
    assert ("../../entities/kim-jong-un/index.html", "Kim Jong Un") in links
    assert [h for h, _ in links].count("../../entities/kim-jong-un/index.html") == 1  # first only
    assert ("../../entities/kcna/index.html", "Korean Central News Agency") in links
    assert ("../../entities/pyongyang/index.html", "Pyongyang") in links
    # the existing link to the agency is untouched, and nothing is linked inside it
    assert '<a href="https://kcna.example/" rel="noopener noreferrer">the agency</a>' in body


def test_entity_page_shows_sentences_with_marks(tiny):
    cfg, _ = tiny
    page = read(cfg.site, "entities/kim-jong-un/index.html")
    assert "North Korean leader <mark>Kim Jong Un</mark> toured munitions factories." in page
    assert "Mr. <mark>Kim</mark>&#39;s push comes as U.S. officials watch closely." in page
    assert "where <mark>Kim Jong-un</mark> greeted him" in page
    # co-mentioned entities link to their pages
    assert "../sergei-shoigu/index.html" in hrefs(page)
    assert "<svg class=\"timeline\"" in page


def test_dates_keep_the_story_zone(tiny):
    cfg, _ = tiny
    article = read(cfg.site, "articles/kim-missiles/index.html")
    assert "14 Aug 2023, 09:03 IST (UTC+05:30)" in article
    assert 'datetime="2023-08-14T09:03:00+05:30"' in article


def test_relative_links_resolve_and_check_is_clean(tiny):
    cfg, _ = tiny
    assert check_site(cfg) == []


def test_check_reports_a_broken_link(tiny):
    cfg, _ = tiny
    page = cfg.site / "articles" / "kim-missiles" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "</main>", '<a href="../../entities/nobody/">x</a></main>'), encoding="utf-8")
    problems = check_site(cfg)
    assert any("articles/kim-missiles/index.html: broken link '../../entities/nobody/'" in p
               for p in problems), problems


def test_check_reports_pages_home_cannot_reach(tiny):
    cfg, _ = tiny
    orphan = cfg.site / "lost" / "index.html"
    orphan.parent.mkdir()
    orphan.write_text("<a href='../'>home</a>", encoding="utf-8")
    assert "lost/index.html: no link from the home page reaches it" in crawl(cfg.site)


def test_bad_front_matter_fails_naming_file_and_line_and_keeps_old_site(make_project):
    cfg = make_project()
    build_site(cfg)
    before = read(cfg.site, "index.html")
    bad = cfg.content / "articles" / "broken.md"
    bad.write_text("---\ntitle: Broken\npublished: last tuesday\n---\n\nText.\n", encoding="utf-8")
    with pytest.raises(BriefgenError) as info:
        build_site(cfg)
    assert info.value.path == bad and info.value.line == 3
    assert "broken.md:3" in str(info.value)
    assert read(cfg.site, "index.html") == before
    assert not [p for p in cfg.site.parent.iterdir() if ".staging-" in p.name]


def test_yaml_error_names_line(make_project):
    cfg = make_project({"x": "---\ntitle: ok\ntopics: [a, b\n---\n\nBody\n"})
    with pytest.raises(BriefgenError) as info:
        build_site(cfg)
    assert info.value.path.name == "x.md" and info.value.line is not None


def test_untrusted_text_is_escaped_and_sanitised(make_project):
    evil = article_text(
        'Title <script>alert("t")</script>',
        'Hello <script>alert(1)</script> <img src=x onerror=alert(2)> '
        '[click](javascript:alert(3)) <a href="JAVASCRIPT:alert(4)">x</a>',
        dek="<b>dek</b>", publisher="<i>Pub</i>", topics=["<svg onload=alert(5)>"],
        source={"url": "javascript:alert(6)"},
        entities=[{"name": 'Evil "Name"', "type": "person"}])
    cfg = make_project({"evil": evil})
    build_site(cfg)
    for path in cfg.site.rglob("*"):
        if path.suffix not in (".html", ".xml") or "pagefind" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        assert "<script>alert" not in text, path
        assert "javascript:" not in text.lower(), path
        assert "onerror" not in text and "<svg onload" not in text, path
    page = read(cfg.site, "articles/evil/index.html")
    assert "Title &lt;script&gt;" in page and "&lt;b&gt;dek&lt;/b&gt;" in page
    ET.fromstring((cfg.site / "feed.xml").read_bytes())  # still well-formed XML


def test_pagination_and_feeds(make_project):
    cfg = make_project(settings="title: T\nper_page: 1\nfeed_items: 2\nbase_url: https://b.example/x/\n")
    build_site(cfg)
    assert (cfg.site / "entities/pyongyang/page/2/index.html").is_file()
    assert (cfg.site / "entities/pyongyang/page/3/index.html").is_file()
    first = read(cfg.site, "entities/pyongyang/index.html")
    assert 'rel="next" href="page/2/"' in first
    second = read(cfg.site, "entities/pyongyang/page/2/index.html")
    assert 'rel="prev" href="../../"' in second
    ns = {"a": "http://www.w3.org/2005/Atom"}
    feed = ET.fromstring((cfg.site / "entities/pyongyang/feed.xml").read_bytes())
    entries = feed.findall("a:entry", ns)
    assert len(entries) == 2
    assert entries[0].find("a:link", ns).get("href") == "https://b.example/x/articles/kim-missiles/"
    locs = [e.text for e in ET.fromstring((cfg.site / "sitemap.xml").read_bytes()).iter(
        "{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert "https://b.example/x/articles/shoigu-visit/" in locs
    assert check_site(cfg) == []


def test_project_templates_override_the_theme_file_by_file(make_project):
    cfg = make_project(files={"templates/404.html": "custom {{ page.title }}"})
    build_site(cfg)
    assert read(cfg.site, "404.html") == "custom Page not found"
    assert "<main" in read(cfg.site, "index.html")  # other kinds still use the theme


def test_template_error_names_the_template(make_project):
    cfg = make_project(files={"templates/404.html": "{{ nope.attr }}"})
    with pytest.raises(BriefgenError) as info:
        build_site(cfg)
    assert info.value.path is not None and info.value.path.name == "404.html"
    assert not cfg.site.exists()


def test_url_registry_refuses_collisions_and_escapes(tmp_path):
    registry = UrlRegistry()
    registry.claim("a/index.html", "one")
    with pytest.raises(BriefgenError):
        registry.claim("A/index.html", "two")
    with StagedSite(tmp_path / "site") as out:
        with pytest.raises(BriefgenError):
            out.write("../outside.html", b"x", "evil")
    assert not (tmp_path / "outside.html").exists()
    assert not (tmp_path / "site").exists()  # never committed


def test_related_weighs_rare_names_higher():
    keys = {"a": ["e:rare", "e:common"], "b": ["e:rare"], "c": ["e:common"],
            "d": ["e:common"], "e": ["e:common"]}
    related = related_articles(keys, ["a", "b", "c", "d", "e"])
    assert related["a"][0] == "b"


def test_sentences_respect_abbreviations():
    text = 'Mr. Kim met U.S. officials. "It went well," he said. Then he left!'
    spans = [text[s:e] for s, e in sentence_spans(text)]
    assert spans == ["Mr. Kim met U.S. officials.", '"It went well," he said.', "Then he left!"]


def _files(folder: Path) -> dict[Path, bytes]:
    return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_rebuild_is_byte_identical(make_project, tmp_path):
    """A second full render (cache gone, so nothing is skipped) and a build of a copy agree byte for byte."""
    cfg = make_project(settings="title: T\nsearch: false\n")
    build_site(cfg)
    first = _files(cfg.site)
    shutil.rmtree(cfg.cache)  # forget every fingerprint: the next build renders every page again
    again = build_site(cfg)
    assert again.rendered == again.pages > 0  # not the no-change path
    assert _files(cfg.site) == first
    twin = tmp_path / "twin"
    shutil.copytree(cfg.project, twin, ignore=shutil.ignore_patterns("site", ".briefgen-cache"))
    other = config_mod.load(twin)
    assert build_site(other).rendered > 0
    assert _files(other.site) == first


def test_example_site_is_clean(example_site):
    problems = [p for p in check_site(example_site) if not p.startswith("ambiguous entity")]
    assert problems == []


def test_strict_build_stops_on_warnings(make_project):
    cfg = make_project(settings="title: T\nsearch: false\ncolour: red\n")
    assert build_site(cfg).warnings  # a plain build carries on and reports it
    with pytest.raises(BriefgenError) as info:
        build_site(cfg, strict=True)
    assert "colour" in str(info.value)


def test_every_story_is_reachable_even_undated(make_project):
    articles = dict(TINY_ARTICLES, undated=article_text("No date here", "Just text."))
    cfg = make_project(articles, settings="title: T\nper_page: 1\nsearch: false\n")
    build_site(cfg)
    assert "../../articles/undated/index.html" in hrefs(read(cfg.site,
                                                             "archive/undated/index.html"))
    assert check_site(cfg) == []


def test_every_page_has_one_h1_landmarks_and_no_skipped_heading_levels(tiny):
    cfg, _ = tiny
    for path in sorted(cfg.site.rglob("*.html")):
        if "pagefind" in path.parts:
            continue
        html = path.read_text(encoding="utf-8")
        levels = [int(n) for n in re.findall(r"<h([1-6])[\s>]", html)]
        assert levels.count(1) == 1, path
        assert all(b - a <= 1 for a, b in zip(levels, levels[1:])), (path, levels)
        for landmark in ("<header", "<nav", '<main id="main"', "<footer", 'href="#main"'):
            assert landmark in html, (path, landmark)
        assert not re.search(r'(?:href|src)="/', html), path  # every link relative


def test_relative_url_can_name_the_index_file():
    from briefgen.urls import relative_url

    assert relative_url("articles/x/", "topics/y/") == "../../topics/y/"
    assert relative_url("articles/x/", "topics/y/", index=True) == "../../topics/y/index.html"
    assert relative_url("", "", index=True) == "./index.html"
    assert relative_url("topics/x/", "topics/", index=True) == "../index.html"
    assert relative_url("entities/x/page/2/", "entities/x/", index=True) == "../../index.html"
    assert relative_url("articles/x/", "", index=True) == "../../index.html"
    assert relative_url("articles/x/", "feed.xml", index=True) == "../../feed.xml"
    assert relative_url("404.html", "topics/", index=True) == "topics/index.html"
    assert relative_url("a/", "b/#part", index=True) == "../b/index.html#part"


def _internal(html: str) -> list[str]:
    return [h for h in hrefs(html) if not h.startswith(("#", "http", "mailto:", "data:"))]


@pytest.mark.parametrize("settings, index", [
    ("title: T\n", True),  # no base_url: opened from disk
    ("title: T\nbase_url: https://b.example/x/\n", False),  # served: clean URLs
    ("title: T\nbase_url: https://b.example/x/\nrelative_index: true\n", True),
    ("title: T\nrelative_index: false\n", False),
])
def test_relative_index_setting_shapes_every_internal_link(make_project, settings, index):
    cfg = make_project(settings=settings + "per_page: 1\n")
    build_site(cfg)
    pages = ["index.html", "articles/kim-missiles/index.html", "entities/kim-jong-un/index.html",
             "topics/north-korea/index.html", "topics/index.html",
             "entities/pyongyang/page/2/index.html"]
    for rel in pages:
        links = _internal(read(cfg.site, rel))
        folders = [h for h in links if h.endswith("/") or h.endswith("/index.html")]
        assert folders, rel
        if index:
            assert all(h.endswith("index.html") for h in folders), (rel, folders)
        else:
            assert not any(h.endswith("index.html") for h in folders), (rel, folders)
    home, topic = read(cfg.site, "index.html"), read(cfg.site, "topics/north-korea/index.html")
    assert ('href="./index.html"' if index else 'href="./"') in home  # the brand, on home
    assert ('href="../index.html"' if index else 'href="../"') in topic  # the kicker: all topics
    page2 = read(cfg.site, "entities/pyongyang/page/2/index.html")
    assert ('rel="prev" href="../../index.html"' if index else 'rel="prev" href="../../"') in page2
    not_found = read(cfg.site, "404.html")
    if "base_url" in settings:  # served at any missing address: absolute links
        assert ('href="https://b.example/x/topics/index.html"' if index
                else 'href="https://b.example/x/topics/"') in not_found
    assert ("processResult" in home) is index  # search results link the same way
    assert check_site(cfg) == []
