"""Editions: recorded by the build that changes content, never by a failed one or the preview,
read back safely, and rendered the same by the build that records one and by any later build."""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

import feedparser
import pytest

from briefgen import config as config_mod
from briefgen.build import build_site
from briefgen.build import editions as disk
from briefgen.build.warm import LiveSite
from briefgen.errors import BriefgenError
from briefgen.index.editions import (Edition, fresh_by_name, fresh_first, fresh_in, history,
                                     pending, state_after)
from briefgen.index.stories import Stories, Story

from conftest import REPO, TINY_ARTICLES, article_text

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=timezone.utc)
SETTINGS = "title: Desk\nsearch: false\n"


def _tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file()}


def _editions(cfg: config_mod.Config) -> list[str]:
    return [p.name for p in disk.edition_files(cfg.content)]


@pytest.fixture
def keeping(make_project):
    """``make_project`` for a project that keeps editions (it has ``content/editions/``)."""
    def make(*args, **kwargs) -> config_mod.Config:
        cfg = make_project(*args, **kwargs)
        (cfg.content / "editions").mkdir()
        return cfg
    return make


# -- the rule, pure ------------------------------------------------------------------------------

def test_pending_is_what_the_editions_do_not_cover():
    one = Edition(T0, {"a": "aaaa1111", "b": "bbbb1111"}, (), "1.yaml")
    assert pending([one], {"a": "aaaa1111", "b": "bbbb1111"}) is None  # a clone: nothing to record
    nxt = pending([one], {"a": "aaaa2222", "b": "bbbb1111", "c": "cccc1111"})
    assert nxt is not None and nxt.time is None
    assert dict(nxt.articles) == {"a": "aaaa2222", "c": "cccc1111"} and nxt.removed == ()
    two = Edition(T0 + timedelta(days=1), nxt.articles, (), "2.yaml")
    gone = pending([one, two], {"a": "aaaa2222"})
    assert gone is not None and dict(gone.articles) == {} and gone.removed == ("b", "c")
    # the order they were recorded in, not the order they were listed in
    three = Edition(T0 + timedelta(days=2), {}, ("b", "c"), "3.yaml")
    assert state_after([three, two, one]) == {"a": "aaaa2222"}
    # deleted, then restored: new again
    back = pending([one, two, three], {"a": "aaaa2222", "b": "bbbb1111"})
    assert back is not None and dict(back.articles) == {"b": "bbbb1111"}


def _story(slug: str, *articles: str) -> Story:
    return Story(slug, slug.title(), tuple(articles), None, None, None, None, (), ())


def test_history_names_new_and_moved_stories_and_first_seen_names():
    editions = [Edition(T0, {"a": "1" * 8, "b": "2" * 8}, (), "1.yaml"),
                Edition(T0 + timedelta(hours=5), {"b": "3" * 8, "c": "4" * 8, "d": "5" * 8},
                        ("x",), "2.yaml")]
    slugs = {stem: f"{stem}-slug" for stem in "abcd"}  # a file's stem and its article's slug
    stories = Stories({"s-cd": _story("s-cd", "c-slug", "d-slug"),
                       "s-ab": _story("s-ab", "a-slug", "b-slug")}, {},
                      {"a-slug": "s-ab", "b-slug": "s-ab", "c-slug": "s-cd", "d-slug": "s-cd"})
    order = ["d-slug", "c-slug", "b-slug", "a-slug"]
    dates = {s: T0 - timedelta(days=i) for i, s in enumerate(order)}
    names = {"old-name": ["a-slug", "c-slug"], "new-name": ["c-slug", "d-slug"],
             "edited-in": ["b-slug"]}
    h = history(editions, slugs, order, dates, stories, names)
    first, second = h.editions
    assert (first.number, first.since) == (1, None)
    assert first.added == ("b-slug", "a-slug") and first.new_stories == ("s-ab",)
    assert sorted(first.first_seen) == ["edited-in", "old-name"]
    assert (second.number, second.since) == (2, T0)  # the previous edition's time, never its own
    assert second.added == ("d-slug", "c-slug") and second.changed == ("b-slug",)
    assert second.removed == 1
    assert second.new_stories == ("s-cd",) and second.moved_stories == ("s-ab",)
    assert second.first_seen == ("new-name",)  # edited-in was named in an article of edition 1
    assert second.newest == T0 and first.newest == T0 - timedelta(days=2)
    assert h.latest is second
    assert h.fresh == ("d-slug", "c-slug")  # what the latest edition added
    # a feed carries the latest edition's articles first, then the newest
    assert fresh_first(["b-slug", "a-slug", "old"], ["old"], 2) == ["old", "b-slug"]
    assert fresh_first(["b-slug", "a-slug"], [], 1) == ["b-slug"]
    assert fresh_in(h, ["d-slug", "b-slug", "c-slug"]) == ["d-slug", "c-slug"]
    assert fresh_by_name(h, {"d-slug": ["new-name"], "c-slug": ["new-name", "old-name"],
                             "b-slug": ["edited-in"]}) == {"new-name": ["d-slug", "c-slug"],
                                                           "old-name": ["c-slug"]}
    # the first edition brought everything at once: feeds stay in date order
    assert history(editions[:1], slugs, order, dates, stories, names).fresh == ()


# -- the files -----------------------------------------------------------------------------------

def test_an_edition_file_round_trips_and_sorts_by_time(tmp_path):
    content = tmp_path / "content"
    (content / "editions").mkdir(parents=True)
    written = disk.record_edition(content, [], {}, now=T0)
    assert written is None  # nothing to record, no file
    edition = Edition(T0, {"yes": "0123456789abcdef", "123": "aaaaaaaaaaaaaaaa"}, ("gone",))
    path = content / "editions" / "x.yaml"
    path.write_text(disk.edition_text(edition), encoding="utf-8")
    back = disk.read_edition(path)
    assert back == Edition(T0, edition.articles, ("gone",), "x.yaml")  # "yes", "123" stay text
    assert path.read_text(encoding="utf-8").count("time: 2026-03-01T09:00:00Z") == 1


@pytest.mark.parametrize("text, line, words", [
    ("time: [2026\n", 1, "YAML"),
    ("articles: {}\n", 1, "time"),
    ("time: 2026-03-01T09:00:00\narticles: {}\n", 1, "zone"),
    ("time: yesterday\n", 1, "ISO 8601"),
    ("time: 2026-03-01T09:00:00Z\narticles:\n  a: not-a-hash\n", 2, "hashes"),
    ("time: 2026-03-01T09:00:00Z\nremoved: {a: 1}\n", 2, "list"),
    ("time: 2026-03-01T09:00:00Z\nnote: hi\n", 2, "unknown key"),
    ("time: 2026-03-01T09:00:00Z\narticles: &x {a: 0123abcd}\nremoved: *x\n", 2, "aliases"),
])
def test_a_broken_edition_file_is_an_error_naming_file_and_line(tmp_path, text, line, words):
    path = tmp_path / "e.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(BriefgenError) as info:
        disk.read_edition(path)
    assert info.value.path == path and info.value.line == line and words in str(info.value)


def test_a_clock_behind_the_last_edition_still_records_after_it(tmp_path):
    content = tmp_path / "content"
    article = content / "articles" / "a.md"
    article.parent.mkdir(parents=True)
    (content / "editions").mkdir()
    article.write_text(article_text("A", "Text."), encoding="utf-8")
    from briefgen.build.load import load_parsed
    loaded = load_parsed(content, None)
    first = disk.record_edition(content, loaded.content.articles, loaded.digests, now=T0)
    assert first is not None and first.name == "2026-03-01T09-00-00Z.yaml"
    assert disk.record_edition(content, loaded.content.articles, loaded.digests, now=T0) is None
    article.write_text(article_text("A", "Text, edited."), encoding="utf-8")
    loaded = load_parsed(content, None)
    second = disk.record_edition(content, loaded.content.articles, loaded.digests,
                                 now=T0 - timedelta(hours=1))
    assert second is not None and disk.read_edition(second).time == T0 + timedelta(seconds=1)
    assert [e.name for e in disk.read_editions(content)[0]] == [first.name, second.name]
    assert not [p for p in (content / "editions").iterdir() if p.name.startswith(".")]


def test_a_large_edition_is_written_in_parts_and_read_as_one(tmp_path, monkeypatch):
    """A first edition of 10,000 articles would pass the YAML reader's limit in one file."""
    monkeypatch.setattr(disk, "PART", 2)
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    (content / "editions").mkdir()
    for i in range(5):
        (content / "articles" / f"a{i}.md").write_text(article_text(f"A{i}", "Text."),
                                                      encoding="utf-8")
    from briefgen.build.load import load_parsed
    loaded = load_parsed(content, None)
    first = disk.record_edition(content, loaded.content.articles, loaded.digests, now=T0)
    assert first is not None
    assert _names(content) == ["2026-03-01T09-00-00Z-2.yaml", "2026-03-01T09-00-00Z-3.yaml",
                               "2026-03-01T09-00-00Z.yaml"]
    (edition,), errors = disk.read_editions(content)
    assert errors == [] and edition.time == T0 and sorted(edition.articles) == [
        f"a{i}" for i in range(5)]
    assert disk.record_edition(content, loaded.content.articles, loaded.digests) is None


def _names(content: Path) -> list[str]:
    return sorted(p.name for p in (content / "editions").iterdir())


# -- builds --------------------------------------------------------------------------------------

def test_builds_record_an_edition_when_content_changes_and_a_clone_rebuilds_the_same(
        keeping, tmp_path):
    cfg = keeping(settings=SETTINGS)
    first = build_site(cfg)
    assert _editions(cfg) and len(_editions(cfg)) == 1
    home = (cfg.site / "index.html").read_text(encoding="utf-8")
    assert "First edition" in home and "Since" not in home
    again = build_site(cfg)  # nothing new: no edition, no pass at all
    assert len(_editions(cfg)) == 1 and (again.rendered, again.changed) == (0, 0)
    assert first.pages == again.pages

    (cfg.content / "articles" / "port-strike.md").write_text(article_text(
        "Dockers strike at Busan port", "Busan dockers walked out on Monday. Hana Sörensen led "
        "the strike.", published="2023-08-20T08:00:00+09:00", publisher="Harbour Times",
        entities=[{"name": "Hana Sörensen", "type": "person"},
                  {"name": "Busan", "type": "place"}]), encoding="utf-8")
    build_site(cfg)
    names = _editions(cfg)
    assert len(names) == 2
    recorded = disk.read_editions(cfg.content)[0]
    assert list(recorded[1].articles) == ["port-strike"]
    home = (cfg.site / "index.html").read_text(encoding="utf-8")
    since = home[home.index('class="since"'):home.index("</section>", home.index('class="since"'))]
    assert "Since <time" in since and recorded[0].time is not None
    assert recorded[0].time.isoformat() in since  # "since" the previous edition …
    assert recorded[1].time.isoformat() not in home  # … and the new one's time shown nowhere
    assert "Dockers strike at Busan port" in since and "Hana Sörensen" in since
    assert "Kim Jong Un orders more missiles" not in since

    # a clone: the editions already cover the content, so nothing is written and the bytes agree
    clone = tmp_path / "clone"
    shutil.copytree(cfg.content, clone / "content")
    shutil.copy(cfg.project / "briefgen.yaml", clone / "briefgen.yaml")
    cold = config_mod.load(clone)
    build_site(cold, workers=1)
    assert _editions(cold) == names
    assert _tree(cold.site) == _tree(cfg.site)

    # an edited article moves its story
    path = cfg.content / "articles" / "seoul-drills.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nThe drills began on time.\n",
                    encoding="utf-8")
    build_site(cfg)
    assert len(_editions(cfg)) == 3
    home = (cfg.site / "index.html").read_text(encoding="utf-8")
    since = home[home.index('class="since"'):home.index("</section>", home.index('class="since"'))]
    assert "Stories that moved" in since and "Allies prepare summer drills" in since
    assert "Dockers strike" not in since


def test_a_failed_build_records_no_edition(keeping):
    cfg = keeping(settings=SETTINGS)
    build_site(cfg)
    (cfg.content / "articles" / "broken.md").write_text("---\ntitle: [unclosed\n---\n\nText.\n",
                                                        encoding="utf-8")
    with pytest.raises(BriefgenError):
        build_site(cfg)
    assert len(_editions(cfg)) == 1
    (cfg.content / "articles" / "broken.md").unlink()
    (cfg.content / "editions" / "bad.yaml").write_text("time: soon\n", encoding="utf-8")
    (cfg.content / "articles" / "new.md").write_text(article_text("New", "New text."),
                                                     encoding="utf-8")
    with pytest.raises(BriefgenError) as info:  # a broken edition file stops the build too
        build_site(cfg)
    assert "bad.yaml" in str(info.value)
    assert len(_editions(cfg)) == 2  # the broken one, and no new one


def test_a_project_without_the_editions_folder_builds_as_before(make_project):
    cfg = make_project(settings=SETTINGS)
    build_site(cfg)
    (cfg.content / "articles" / "new.md").write_text(article_text("New", "New text."),
                                                     encoding="utf-8")
    build_site(cfg)
    assert not (cfg.content / "editions").exists() and not (cfg.site / "editions").exists()
    assert 'class="since"' not in (cfg.site / "index.html").read_text(encoding="utf-8")
    (cfg.content / "editions").mkdir()  # from now on it keeps them
    report = build_site(cfg)
    assert report.rendered > 0 and len(_editions(cfg)) == 1
    assert "First edition" in (cfg.site / "index.html").read_text(encoding="utf-8")


def test_edition_files_are_not_articles(keeping):
    cfg = keeping(settings=SETTINGS)
    build_site(cfg)
    (cfg.content / "editions" / "notes.md").write_text(article_text("Not an article", "Hm."),
                                                       encoding="utf-8")
    report = build_site(cfg)
    assert report.articles == len(TINY_ARTICLES)
    assert "Not an article" not in (cfg.site / "index.html").read_text(encoding="utf-8")


def _same_as_a_build_of_a_clone(cfg: config_mod.Config, where: Path) -> int:
    """Build a copy of the project cold; its pages must equal the preview's. Its edition count."""
    shutil.rmtree(where, ignore_errors=True)
    shutil.copytree(cfg.content, where / "content")
    shutil.copy(cfg.project / "briefgen.yaml", where / "briefgen.yaml")
    cold = config_mod.load(where)
    build_site(cold, workers=1)
    assert _tree(cold.site) == _tree(cfg.site)
    return len(_editions(cold))


def test_the_preview_records_nothing_and_shows_what_a_build_would(keeping, tmp_path):
    cfg = keeping(settings=SETTINGS)
    build_site(cfg)
    live = LiveSite(cfg)
    live.rebuild()
    path = cfg.content / "articles" / "shoigu-visit.md"
    for n in range(3):  # three saves: still one pending edition, and no file
        path.write_text(path.read_text(encoding="utf-8") + f"\nSave {n}.\n", encoding="utf-8")
        live.rebuild([str(path)])
        home = (cfg.site / "index.html").read_text(encoding="utf-8")
        assert "Stories that moved" in home and "Shoigu visits Pyongyang" in home[
            home.index('class="since"'):]
        assert _same_as_a_build_of_a_clone(cfg, tmp_path / f"clone-{n}") == 2
    other = cfg.content / "articles" / "seoul-drills.md"  # a second story moves: patched in
    other.write_text(other.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    live.rebuild([str(other)])
    assert _same_as_a_build_of_a_clone(cfg, tmp_path / "clone-other") == 2
    assert len(_editions(cfg)) == 1
    (cfg.content / "articles" / "added.md").write_text(article_text(
        "Added while previewing", "Sergei Shoigu left Pyongyang.", published="2023-07-28",
        entities=[{"name": "Sergei Shoigu", "type": "person"}]), encoding="utf-8")
    live.rebuild([str(cfg.content / "articles" / "added.md")])
    assert len(_editions(cfg)) == 1
    home = (cfg.site / "index.html").read_text(encoding="utf-8")
    assert "Added while previewing" in home[home.index('class="since"'):]
    # what `briefgen build` then writes: the same pages, and the edition file
    assert _same_as_a_build_of_a_clone(cfg, tmp_path / "clone") == 2


def test_the_editions_feed_is_atom_a_reader_accepts(keeping):
    cfg = keeping(settings=SETTINGS + "base_url: https://example.org/desk/\n")
    build_site(cfg)
    (cfg.content / "articles" / "later.md").write_text(article_text(
        "A later story <b>bold</b>", "Pyongyang said nothing.", published="2023-09-01",
        entities=[{"name": "Pyongyang", "type": "place"}]), encoding="utf-8")
    build_site(cfg)
    feed = feedparser.parse((cfg.site / "editions" / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert [e.title for e in feed.entries] == ["Edition 2: 1 new story",
                                               "Edition 1: 3 new stories"]
    newest = feed.entries[0]
    assert newest.link == newest.id == "https://example.org/desk/editions/2/"
    assert 'href="https://example.org/desk/articles/later/"' in newest.content[0].value
    assert "&lt;b&gt;" in newest.content[0].value  # a title's markup stays text
    assert newest.updated_parsed is not None
    page = (cfg.site / "editions" / "index.html").read_text(encoding="utf-8")
    assert page.index('href="2/"') < page.index('href="1/"')  # newest first, each linked
    page = (cfg.site / "editions" / "2" / "index.html").read_text(encoding="utf-8")
    assert "A later story &lt;b&gt;bold&lt;/b&gt;" in page and 'rel="prev" href="../1/"' in page


def test_feeds_carry_the_articles_of_the_latest_edition_however_old(keeping):
    cfg = keeping(settings=SETTINGS + "feed_items: 2\n")
    build_site(cfg)

    def titles(rel: str) -> list[str]:
        return [e.title for e in feedparser.parse((cfg.site / rel).read_bytes()).entries]

    before = titles("entities/pyongyang/feed.xml")
    assert before == ["Kim Jong Un orders more missiles", "Allies prepare summer drills"]
    (cfg.content / "articles" / "archive-find.md").write_text(article_text(
        "A 1994 report on Pyongyang, found today", "Pyongyang was quiet in 1994.",
        published="1994-07-09", entities=[{"name": "Pyongyang", "type": "place"}]),
        encoding="utf-8")
    build_site(cfg)
    after = titles("entities/pyongyang/feed.xml")
    assert after == ["A 1994 report on Pyongyang, found today", before[0]]
    assert titles("feed.xml")[0] == "A 1994 report on Pyongyang, found today"
    # its page still lists it by date: last
    page = (cfg.site / "entities" / "pyongyang" / "index.html").read_text(encoding="utf-8")
    assert page.rindex("A 1994 report") > page.index(before[0])


@pytest.mark.slow
def test_the_example_site_has_its_first_edition_committed(tmp_path):
    """The repo's content/ carries an edition covering its articles: a build of a clone writes none."""
    if not disk.edition_files(REPO / "content"):
        pytest.fail("content/editions/ holds no edition: run `briefgen build` in the repo")
    project = tmp_path / "project"
    shutil.copytree(REPO / "content", project / "content")
    (project / "briefgen.yaml").write_text(SETTINGS, encoding="utf-8")
    cfg = config_mod.load(project)
    build_site(cfg, workers=1)
    assert _editions(cfg) == [p.name for p in disk.edition_files(REPO / "content")]
