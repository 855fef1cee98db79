"""Every feed is Atom a reader accepts (required elements, an author, a summary and the body
for every entry), and the sitemap lists absolute URLs, or is not there without ``base_url``."""

from __future__ import annotations

import html
import re
import shutil
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest

from briefgen import config as config_mod
from briefgen.build import build_site
from briefgen.cli import main
from briefgen.errors import BriefgenError
from briefgen.model import Listing
from briefgen.render import feeds

from conftest import REPO, TINY_ARTICLES, article_text

A = "{http://www.w3.org/2005/Atom}"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_feeds_have_what_atom_requires(make_project):
    articles = {"nobody": article_text("Nobody wrote this", "Pyongyang said little.",
                                       published="2023-08-01",
                                       entities=[{"name": "Pyongyang", "type": "place"}])}
    cfg = make_project(articles, settings="title: T\nsearch: false\n")
    build_site(cfg)
    feeds = [cfg.site / "feed.xml", cfg.site / "entities/pyongyang/feed.xml"]
    for path in feeds:
        root = ET.parse(path).getroot()
        assert root.tag == f"{A}feed"
        for child in ("id", "title", "updated"):
            assert root.findtext(f"{A}{child}"), (path, child)
        assert root.find(f"{A}author/{A}name").text == "T"  # stands in for the entry's author
        entries = root.findall(f"{A}entry")
        assert entries
        for entry in entries:
            for child in ("id", "title", "updated"):
                assert entry.findtext(f"{A}{child}"), (path, child)
            assert entry.find(f"{A}link[@rel='alternate']").get("href")


# -- every feed as a reader reads it (feedparser), and the sitemap ---------------------------

BASE = "https://example.org/korea/"
READER = "https://reader.example/briefing/"  # where a reader fetched a site without base_url


@pytest.fixture(scope="module")
def published_site(tmp_path_factory: pytest.TempPathFactory) -> config_mod.Config:
    """The example site with ``base_url`` set, as it would be published."""
    project = tmp_path_factory.mktemp("published") / "project"
    shutil.copytree(REPO / "content", project / "content")
    (project / "briefgen.yaml").write_text(f"title: Korea desk\nbase_url: {BASE}\nsearch: false\n",
                                           encoding="utf-8")
    cfg = config_mod.load(project)
    report = build_site(cfg)
    assert not [w for w in report.warnings if "base_url" in w]
    return cfg


def _feeds(site: Path) -> list[Path]:
    feeds = sorted(site.rglob("feed.xml"))
    assert len(feeds) > 100  # the site, every entity and topic
    return feeds


def _page(site: Path, url: str, base: str) -> Path:
    """The built file an absolute site URL names (it must be under ``base``)."""
    assert url.startswith(base), url
    rel = url[len(base):]
    return site / (rel + "index.html" if rel.endswith("/") or not rel else rel)


def _hrefs(markup: str) -> list[str]:
    """The links of an HTML fragment (text that only looks like a tag is escaped, so skipped)."""
    return [html.unescape(h) for h in re.findall(r'<a\s[^>]*?href="([^"]*)"', markup)]


@pytest.mark.slow  # feedparser over all 782 feeds of the example site
def test_every_feed_reads_cleanly_with_absolute_links(published_site):
    site, entries = published_site.site, 0
    for path in _feeds(site):
        feed = feedparser.parse(path.read_bytes())
        assert not feed.bozo, (path, feed.get("bozo_exception"))
        links = {link.rel: link.href for link in feed.feed.links}
        assert links["self"] == BASE + path.relative_to(site).as_posix(), path
        assert _page(site, links["alternate"], BASE).is_file(), path
        assert feed.entries, path
        for entry in feed.entries:
            entries += 1
            assert entry.title and entry.summary, (path, entry.get("link"))
            assert _page(site, entry.link, BASE).is_file(), (path, entry.link)
            assert entry.id == entry.link
            (content,) = entry.content
            assert content.type == "text/html" and "<p>" in content.value, (path, entry.link)
            for href in _hrefs(content.value):
                assert urlsplit(href).scheme in ("http", "https", "mailto"), (path, href)
    assert entries > 100


@pytest.mark.slow  # feedparser over all 782 feeds of the example site
def test_every_feed_without_base_url_resolves_against_where_it_was_fetched(example_site):
    site, entries = example_site.site, 0
    for path in _feeds(site):
        rel = path.relative_to(site).as_posix()
        feed = feedparser.parse(path.read_bytes(), response_headers={
            "content-type": "application/atom+xml", "content-location": READER + rel})
        assert not feed.bozo, (path, feed.get("bozo_exception"))
        assert feed.feed.id.startswith("urn:uuid:")  # an id must be absolute: a stable URN
        assert _page(site, feed.feed.link, READER).is_file(), path
        for entry in feed.entries:
            entries += 1
            assert entry.title and entry.summary, (path, entry.get("link"))
            assert _page(site, entry.link, READER).is_file(), (path, entry.link)
            (content,) = entry.content
            assert content.value and content.base == entry.link  # xml:base: the story's page
    assert entries > 100


def test_entry_content_is_the_sanitised_body_with_links_made_absolute():
    body = ('<p>See <a href="../other/" rel="noopener noreferrer">the other story</a>, '
            '<a href="#notes">the notes</a> and <a href="https://x.example/a?b=1&amp;c=2">x</a>'
            ' &lt;a href="../not-a-link/"&gt;</p>')
    listing = Listing(slug="one", title="One", path=Path("one.md"), published=date(2024, 1, 2))
    entry = feeds.FeedEntry(listing, "articles/one/", "The dek.", body)
    atom = feeds.atom_feed("T", "topics/t/feed.xml", "topics/t/", [entry], BASE, "T")
    got = feedparser.parse(atom).entries[0]
    assert got.summary == "The dek."
    assert _hrefs(got.content[0].value) == [
        BASE + "articles/other/", BASE + "articles/one/#notes", "https://x.example/a?b=1&c=2"]
    assert '&lt;a href="../not-a-link/"&gt;' in got.content[0].value  # text stays text
    relative = feeds.atom_feed("T", "topics/t/feed.xml", "topics/t/", [entry], "", "T")
    root = ET.fromstring(relative)
    content = root.find(f"{A}entry/{A}content")
    assert content.get("{http://www.w3.org/XML/1998/namespace}base") == "../../articles/one/"
    read = feedparser.parse(relative, response_headers={
        "content-type": "application/atom+xml", "content-location": READER + "topics/t/feed.xml"})
    assert _hrefs(read.entries[0].content[0].value)[0] == READER + "articles/other/"


def test_an_entry_with_no_dek_and_no_body_still_has_a_summary_and_content(make_project):
    articles = {"lede": article_text("A lede", "Short.\n\nThe council voted on Monday to close "
                                     "the old bridge to lorries from the first of June, citing "
                                     "cracks found in March."),
                "empty": article_text("Nothing but a title", "", published="2024-01-01")}
    cfg = make_project(articles, settings="title: T\nsearch: false\n")
    build_site(cfg)
    got = {e.title: e for e in feedparser.parse((cfg.site / "feed.xml").read_bytes()).entries}
    assert got["A lede"].summary.startswith("The council voted on Monday")
    assert got["Nothing but a title"].summary == "Nothing but a title"
    assert got["Nothing but a title"].content[0].value == "<p>Nothing but a title</p>"


def test_the_sitemap_lists_every_page_by_absolute_url(published_site):
    site = published_site.site
    root = ET.parse(site / "sitemap.xml").getroot()
    locs = [e.text or "" for e in root.iter(f"{SM}loc")]
    pages = {p for p in site.rglob("*.html") if "pagefind" not in p.parts and p.name != "404.html"}
    assert len(locs) == len(set(locs)) == len(pages)
    for loc in locs:
        parts = urlsplit(loc)
        assert parts.scheme == "https" and parts.netloc == "example.org", loc
        assert _page(site, loc, BASE) in pages, loc
    robots = (site / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {BASE}sitemap.xml" in robots


def test_without_base_url_there_is_no_sitemap_and_build_and_check_say_what_to_set(
        make_project, capsys):
    cfg = make_project(settings="title: T\nsearch: false\n")
    report = build_site(cfg)
    assert not (cfg.site / "sitemap.xml").exists()
    assert "Sitemap" not in (cfg.site / "robots.txt").read_text(encoding="utf-8")
    assert any("base_url: https://" in w for w in report.warnings), report.warnings
    for command in (["build"], ["check"]):
        capsys.readouterr()
        main([*command, "--project", str(cfg.project)])
        out = "".join(capsys.readouterr())  # build's report is on stdout, check's on stderr
        assert "warning:" in out and "base_url: https://" in out and "briefgen.yaml" in out, command
    with pytest.raises(BriefgenError, match="base_url"):  # a real warning: --strict stops on it
        build_site(cfg, strict=True)
    (cfg.project / "briefgen.yaml").write_text(f"title: T\nsearch: false\nbase_url: {BASE}\n",
                                               encoding="utf-8")
    published = config_mod.load(cfg.project)
    assert build_site(published, strict=True).warnings == ()
    assert (cfg.site / "sitemap.xml").is_file()
    capsys.readouterr()
    main(["check", "--project", str(cfg.project)])
    assert "base_url" not in capsys.readouterr().err
    (cfg.project / "briefgen.yaml").write_text("title: T\nsearch: false\n", encoding="utf-8")
    build_site(config_mod.load(cfg.project))
    assert not (cfg.site / "sitemap.xml").exists()  # taken away again with base_url


@pytest.mark.parametrize("base", [BASE, ""])
def test_every_feed_of_a_new_project_reads_cleanly(tmp_path, base):
    """A `briefgen init` site with a few stories: every feed parses and every entry has a
    summary and content, with base_url (absolute links) and without (resolved where fetched)."""
    from briefgen.commands.init import init_project

    project = init_project(tmp_path / "desk")
    for slug, text in TINY_ARTICLES.items():
        (project / "content" / "articles" / f"{slug}.md").write_text(text, encoding="utf-8")
    config = project / "briefgen.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace('base_url: ""', f"base_url: {base}")
                      if base else config.read_text(encoding="utf-8"), encoding="utf-8")
    cfg = config_mod.load(project)
    assert cfg.base_url == base
    build_site(cfg)
    feeds = sorted(cfg.site.rglob("feed.xml"))
    assert len(feeds) > len(TINY_ARTICLES)  # the site's, each entity's and topic's
    where = base or READER
    for path in feeds:
        rel = path.relative_to(cfg.site).as_posix()
        feed = feedparser.parse(path.read_bytes(), response_headers={
            "content-type": "application/atom+xml", "content-location": where + rel})
        assert not feed.bozo, (path, feed.get("bozo_exception"))
        assert feed.entries, path
        for entry in feed.entries:
            assert entry.title and entry.summary and entry.content[0].value, (path, entry.link)
            assert _page(cfg.site, entry.link, where).is_file(), (path, entry.link)
    assert (cfg.site / "sitemap.xml").is_file() == bool(base)
