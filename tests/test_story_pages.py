"""Story pages on real text: the repo's content plus two outlets' copies of the seed's AP story.

The copies are the seed's own text as two other outlets would carry it: one
adds a paragraph of its own, rewords a sentence and drops the last paragraph;
the other appends its syndication boilerplate. The story page must list all
three with their outlets, say who had it first and last, and show each copy's
changes against the wire's version as escaped text.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from datetime import datetime
from html import escape
from pathlib import Path

import pytest

from briefgen import config as config_mod, frontmatter
from briefgen.build import build_site
from briefgen.build.cache import BuildCache
from briefgen.build.warm import LiveSite
from briefgen.render.wirediff import ADDED, CUT, SAME, sentences, wire_diff

from conftest import REPO
from test_incremental import assert_same_as_cold

SEED = REPO / "content" / "articles" / (
    "kim-jong-un-orders-increased-missile-production-ahead-of-us-s-korea-drills.md")
SEED_SLUG = SEED.stem
HERALD, METRO = "kim-missiles-harbour-herald", "kim-missiles-metro-review"
OWN_PARAGRAPH = ("The Harbour Herald's Seoul desk adds: South Korea's defence ministry said it was "
                 "watching the factories closely.")
BOILERPLATE = ("(Only the headline and picture of this report may have been reworked by the "
               "Metro Review staff; the rest of the content is auto-generated from a syndicated "
               "feed.)")
HOSTILE = "<script>alert('copy')</script> & <b>bold</b>"


def _seed() -> tuple[dict, str]:
    meta, body, _ = frontmatter.split(SEED.read_text(encoding="utf-8"), SEED)
    return meta, body


def _paragraphs(body: str) -> list[str]:
    return [p for p in body.split("\n\n") if p.strip()]


def copies() -> dict[str, str]:
    """Two other outlets' copies of the seed's wire text, as content files."""
    meta, body = _seed()
    paras = _paragraphs(body)
    herald = [OWN_PARAGRAPH, *paras[:-1]]
    herald[3] = herald[3].replace("Kim visited factories", "Kim toured factories")
    base = {k: v for k, v in meta.items() if k not in ("source", "provenance", "ingested")}
    return {
        HERALD: frontmatter.dump({**base, "title": "Kim orders drastic increase in missile output",
                                  "publisher": "Harbour Herald",
                                  "published": "2023-08-14T11:30:00+05:30",
                                  "updated": "2023-08-14T11:30:00+05:30"},
                                 "\n\n".join(herald)),
        METRO: frontmatter.dump({**base, "publisher": "Metro Review",
                                 "published": "2023-08-14T14:00:00+05:30",
                                 "updated": "2023-08-14T14:00:00+05:30"},
                                "\n\n".join([*paras, BOILERPLATE])),
    }


def wire_project(root: Path, settings: str = "title: Stories\nsearch: false\n"
                 ) -> config_mod.Config:
    """The repo's content plus the two copies, as a project at ``root``."""
    shutil.copytree(REPO / "content", root / "content")
    for slug, text in copies().items():
        (root / "content" / "articles" / f"{slug}.md").write_text(text, encoding="utf-8")
    (root / "briefgen.yaml").write_text(settings, encoding="utf-8")
    return config_mod.load(root)


@pytest.fixture
def project(tmp_path: Path) -> config_mod.Config:
    return wire_project(tmp_path / "project")


def _page(cfg: config_mod.Config, url: str) -> str:
    return (cfg.site / url / "index.html").read_text(encoding="utf-8")


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


# -- the diff --------------------------------------------------------------------------------

def test_the_diff_names_what_one_copy_added_reworded_and_cut():
    _, body = _seed()
    wire = _paragraphs(body)
    copy = [OWN_PARAGRAPH, *wire[:-1]]
    copy[3] = copy[3].replace("Kim visited factories", "Kim toured factories")
    d = wire_diff("copy", "wire", copy, wire)
    shown = [[(s.op, s.text) for s in h.segments] for h in d.hunks if h.segments]
    added = [t for row in shown for op, t in row if op == ADDED]
    cut = [t for row in shown for op, t in row if op == CUT]
    assert added == [OWN_PARAGRAPH, "toured"]  # a sentence of its own, one word swapped
    assert cut == ["visited", *sentences([wire[-1]])]  # the word it replaced; the last paragraph
    assert d.added == len(OWN_PARAGRAPH.split()) + 1
    assert d.cut == 1 + len(wire[-1].split())
    # unchanged runs are folded into counts, and every sentence is accounted for once
    skipped = sum(h.skipped for h in d.hunks)
    same_rows = sum(1 for h in d.hunks if h.segments and all(s.op == SAME for s in h.segments))
    assert skipped + same_rows + 1 == len(sentences(wire)) - 1  # minus the edited and the cut one
    assert skipped > 0


def test_a_copy_identical_to_the_wire_has_no_changes():
    _, body = _seed()
    paras = _paragraphs(body)
    d = wire_diff("copy", "wire", paras, paras)
    assert d.identical and d.added == d.cut == 0
    assert [h.skipped for h in d.hunks] == [len(sentences(paras))]


# -- the built site -------------------------------------------------------------------------

def test_story_page_shows_timeline_sources_centre_topics_and_changes(project):
    cfg = project
    build_site(cfg, workers=1)
    html = _page(cfg, f"stories/{SEED_SLUG}")
    text = _text(html)
    # the timeline: all three, oldest first, each with its outlet and a link to the article
    positions = [html.index(f'href="../../articles/{slug}/') for slug in (SEED_SLUG, HERALD, METRO)]
    assert positions == sorted(positions)
    assert "3 articles from 3 outlets: Business Standard, Harbour Herald, Metro Review" in text
    assert "First reported by Business Standard · AP" in text
    assert "latest from Metro Review · AP" in text
    # the names at its centre, linked to their pages; its topics
    assert 'href="../../entities/kim-jong-un/' in html
    assert re.search(r'href="../../topics/north-korea/[^"]*">North Korea <span class="count">3',
                     html)
    # what each outlet changed, against the seed's version
    assert "the wire's version" in text
    herald = html[html.index(f'id="changes-{HERALD}"'):html.index(f'id="changes-{METRO}"')]
    assert "<ins><span class=\"visually-hidden\">added: </span>toured</ins>" in herald
    assert "<del><span class=\"visually-hidden\">cut: </span>visited</del>" in herald
    assert "watching the factories closely." in herald
    metro = html[html.index(f'id="changes-{METRO}"'):]
    assert "Metro Review staff" in metro and "<del>" not in metro.split("</section>")[0]


def test_copy_text_is_escaped_on_the_story_page(tmp_path):
    cfg = wire_project(tmp_path / "p")
    path = cfg.content / "articles" / f"{METRO}.md"
    meta, body, _ = frontmatter.split(path.read_text(encoding="utf-8"), path)
    path.write_text(frontmatter.dump(meta, body + "\n\n" + HOSTILE.replace("<", "\\<")),
                    encoding="utf-8")
    build_site(cfg, workers=1)
    html = _page(cfg, f"stories/{SEED_SLUG}")
    assert "<script>alert" not in html and "<b>bold</b>" not in html
    assert "&lt;script&gt;alert(&#39;copy&#39;)&lt;/script&gt; &amp; &lt;b&gt;bold" in html


def test_articles_home_and_entities_lead_to_the_story(project):
    cfg = project
    build_site(cfg, workers=1)
    story = f"stories/{SEED_SLUG}/"
    for slug in (SEED_SLUG, HERALD, METRO):
        assert f'href="../../{story}' in _page(cfg, f"articles/{slug}")
    assert f'href="../../{story}index.html#changes-{METRO}"' in _page(cfg, f"articles/{METRO}") \
        or f'href="../../{story}#changes-{METRO}"' in _page(cfg, f"articles/{METRO}")
    home = _page(cfg, "")
    first_card = home[home.index('<article class="item story-card'):]
    assert first_card.startswith('<article class="item story-card size-3">')
    assert f'href="{story}' in first_card.split("</article>")[0]
    assert "Latest:" in first_card.split("</article>")[0]
    assert 'href="archive/' in home and 'href="stories/' in home  # all articles one click away
    entity = _page(cfg, "entities/kim-jong-un")
    aside = entity[entity.index('id="e-stories-h"'):]
    assert f'href="../../{story}' in aside.split("</section>")[0]
    assert 'id="e-topics-h"' in entity
    listing = _page(cfg, "stories")
    assert f'href="../{SEED_SLUG}/' in listing or f'href="{SEED_SLUG}/' in listing


# -- briefgen stories -----------------------------------------------------------------------

def _stories_cli(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "briefgen", "stories", "--project", str(project),
                           *args], capture_output=True, text=True, timeout=300, check=True)


def test_stories_command_on_the_repo_content(tmp_path):
    root = tmp_path / "repo"
    shutil.copytree(REPO / "content", root / "content")
    rows = json.loads(_stories_cli(root, "--json").stdout)
    stems = sorted(p.stem for p in (root / "content" / "articles").glob("*.md"))
    listed = [a for r in rows for a in r["articles"]]
    assert sorted(listed) == stems  # every article in exactly one story
    assert {tuple(sorted(r)) for r in rows} == {
        ("articles", "first", "last", "slug", "storyline", "title")}
    moved = [datetime.fromisoformat(r["last"]) for r in rows if r["last"]]
    assert len(moved) == len(rows)  # every article of the example site has a date
    assert moved == sorted(moved, reverse=True)  # the most recently moved first
    assert all(datetime.fromisoformat(r["first"]) <= datetime.fromisoformat(r["last"])
               for r in rows)
    seed = next(r for r in rows if SEED_SLUG in r["articles"])
    assert seed["first"].startswith("2023-08-14")
    text = _stories_cli(root).stdout
    for r in rows:
        assert r["title"] in text and f"    {r['articles'][0]}" in text


def test_stories_command_groups_the_copies_with_the_wire(project):
    rows = json.loads(_stories_cli(project.project, "--json").stdout)
    seed = next(r for r in rows if SEED_SLUG in r["articles"])
    assert seed["articles"] == [SEED_SLUG, HERALD, METRO]
    assert seed["slug"] == SEED_SLUG and rows[0] == seed  # the most recently moved story


# -- incremental ----------------------------------------------------------------------------

def _fingerprints(cfg: config_mod.Config) -> dict[str, str]:
    cache = BuildCache(cfg.cache)
    try:
        return {rel: r.fingerprint for rel, r in cache.outputs().items()}
    finally:
        cache.close()


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


STORY_PAGE = f"stories/{SEED_SLUG}/index.html"


@pytest.mark.slow
def test_story_pages_render_again_when_their_story_changes_and_not_otherwise(project, tmp_path):
    cfg = project
    build_site(cfg, workers=1)
    before = _fingerprints(cfg)
    # an article of another story: the story page is not rendered again
    _append(cfg.content / "articles" / "china-un-rebuke-north-korea-for-rocket-launch.md",
            "\nA sentence about nothing in particular.\n")
    build_site(cfg, workers=1)
    after = _fingerprints(cfg)
    assert after[STORY_PAGE] == before[STORY_PAGE]
    assert_same_as_cold(cfg, tmp_path)
    # a copy's text: what it changed is shown again
    _append(cfg.content / "articles" / f"{METRO}.md", "\nSubscribe to Metro Review today.\n")
    build_site(cfg, workers=1)
    assert _fingerprints(cfg)[STORY_PAGE] != after[STORY_PAGE]
    assert "Subscribe to Metro Review today." in _page(cfg, f"stories/{SEED_SLUG}")
    assert_same_as_cold(cfg, tmp_path)
    # a copy retitled and its headline chosen elsewhere: story, home and articles follow
    path = cfg.content / "articles" / f"{HERALD}.md"
    meta, body, _ = frontmatter.split(path.read_text(encoding="utf-8"), path)
    path.write_text(frontmatter.dump({**meta, "title": "Kim wants more missiles, faster"}, body),
                    encoding="utf-8")
    build_site(cfg, workers=1)
    assert "Kim wants more missiles, faster" in _page(cfg, f"stories/{SEED_SLUG}")
    assert_same_as_cold(cfg, tmp_path)


@pytest.mark.slow
def test_preview_patches_story_pages_and_keeps_the_story_map(project, tmp_path):
    cfg = project
    live = LiveSite(cfg)
    live.rebuild()
    assert live._warm is not None
    stories = live._warm.prepared.site.stories
    # a copy's text: patched, the story map kept, the story page shows the new words
    path = cfg.content / "articles" / f"{METRO}.md"
    pages = {p: p.read_bytes() for p in cfg.site.rglob("*.html")}
    _append(path, "\nRead more from Metro Review.\n")
    live.rebuild([str(path)])
    assert live.patched and live._warm.prepared.site.stories is stories
    changed = sorted(p.relative_to(cfg.site).as_posix() for p in cfg.site.rglob("*.html")
                     if pages.get(p) != p.read_bytes())  # (and the feeds carrying its body)
    assert changed == [f"articles/{METRO}/index.html", STORY_PAGE]
    assert "Read more from Metro Review." in _page(cfg, f"stories/{SEED_SLUG}")
    assert_same_as_cold(cfg, tmp_path)
    # an unrelated article's text: the story page is not rendered again
    fingerprint = _fingerprints(cfg)[STORY_PAGE]
    other = cfg.content / "articles" / "china-un-rebuke-north-korea-for-rocket-launch.md"
    _append(other, "\nOne more sentence.\n")
    live.rebuild([str(other)])
    assert live.patched and _fingerprints(cfg)[STORY_PAGE] == fingerprint
    # a copy's title: grouped again, the pages showing the story's headline follow
    path = cfg.content / "articles" / f"{HERALD}.md"
    meta, body, _ = frontmatter.split(path.read_text(encoding="utf-8"), path)
    path.write_text(frontmatter.dump({**meta, "title": "Kim wants more missiles, faster"}, body),
                    encoding="utf-8")
    live.rebuild([str(path)])
    assert live.patched
    assert "Kim wants more missiles, faster" in _page(cfg, f"stories/{SEED_SLUG}")
    assert_same_as_cold(cfg, tmp_path)


@pytest.mark.slow
def test_story_pages_are_the_same_under_any_hash_seed(tmp_path):
    trees = []
    for seed in (0, 1, 4242):
        cfg = wire_project(tmp_path / f"p{seed}")
        subprocess.run([sys.executable, "-m", "briefgen", "build", "--project", str(cfg.project)],
                       env={"PYTHONHASHSEED": str(seed), "PATH": "/usr/bin:/bin"},
                       capture_output=True, check=True, timeout=600)
        trees.append({p.relative_to(cfg.site).as_posix(): p.read_bytes()
                      for p in sorted(cfg.site.rglob("*")) if p.is_file()
                      and p.relative_to(cfg.site).parts[0] in ("stories", "storylines")
                      or p.name == "index.html" and p.parent == cfg.site})
    assert len(trees[0]) > 2
    assert trees[0] == trees[1] == trees[2]


@pytest.mark.slow
def test_story_pages_are_valid_html_with_headings_in_order(project):
    from test_valid_html import describe, heading_levels, vnu_errors

    cfg = project
    build_site(cfg, workers=1)
    pages = [cfg.site / "index.html", *sorted((cfg.site / "stories").rglob("*.html")),
             *sorted((cfg.site / "storylines").rglob("*.html"))]
    assert len(pages) >= 3
    for path in pages:
        levels = heading_levels(path.read_text(encoding="utf-8"))
        assert levels[:1] == [1] and levels.count(1) == 1, (path, levels)
        assert not [(a, b) for a, b in zip(levels, levels[1:]) if b > a + 1], (path, levels)
    errors = vnu_errors(cfg.site / "stories", *([cfg.site / "storylines"] if (
        cfg.site / "storylines").is_dir() else []), cfg.site / "articles" / METRO)
    assert errors == [], describe(errors)


def test_every_article_of_a_storyline_links_to_it(project):
    from briefgen.build import prepare

    cfg = project
    build_site(cfg, workers=1)
    stories = prepare(cfg).site.stories
    assert stories.storylines  # the example site's Kim Jong Nam stories make one
    for slug, line in stories.storylines.items():
        page = _page(cfg, f"storylines/{slug}")
        # titled by the affair's names, not as one more copy of its first story's headline
        assert line.title not in {stories.stories[s].title for s in line.stories}
        assert "Kim Jong Nam" in line.title and f"<h1>{escape(line.title)}</h1>" in page
        for story in line.stories:
            articles = stories.stories[story].articles
            target = f"stories/{story}/" if len(articles) > 1 else f"articles/{articles[0]}/"
            assert f'href="../../{target}' in page
            for article in articles:
                assert f'href="../../storylines/{slug}/' in _page(cfg, f"articles/{article}")


def test_stories_command_stops_quietly_when_its_reader_does():
    """`briefgen stories | head`: a reader gone before the output ends it with no traceback."""
    proc = subprocess.Popen([sys.executable, "-m", "briefgen", "--project", str(REPO), "stories"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader is gone before the first line (the command takes a moment)
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 0, err
    assert "Traceback" not in err and "BrokenPipe" not in err


def test_each_story_has_a_feed_of_its_articles_newest_first(project):
    """A reader following one event subscribes to its story: the outlets' copies, newest first."""
    import feedparser

    cfg = project
    build_site(cfg, workers=1)
    html = _page(cfg, f"stories/{SEED_SLUG}")
    assert re.search(r'<link rel="alternate" type="application/atom\+xml" title="[^"]+" '
                     r'href="feed\.xml">', html)
    feed = feedparser.parse((cfg.site / "stories" / SEED_SLUG / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    links = [e.link for e in feed.entries]
    assert len(links) == 3
    order = [next(i for i, link in enumerate(links) if f"articles/{slug}/" in link)
             for slug in (METRO, HERALD, SEED_SLUG)]
    assert order == [0, 1, 2], links


def test_stories_are_kept_from_the_last_build_unless_what_they_read_changed(project, tmp_path,
                                                                             monkeypatch):
    """A template edit reuses the last build's stories; a headline edit groups again; both
    end byte-identical to a cold build."""
    from briefgen.build import clustering

    cfg = project
    build_site(cfg, workers=1)
    calls: list[int] = []
    real = clustering.find_stories
    monkeypatch.setattr(clustering, "find_stories", lambda *a, **k: calls.append(1) or real(*a, **k))
    shutil.copytree(REPO / "templates", cfg.templates)
    story_template = cfg.templates / "story.html"
    story_template.write_text(story_template.read_text(encoding="utf-8") + "\n{# edited #}\n",
                              encoding="utf-8")
    (cfg.templates / "base.html").write_text(
        (cfg.templates / "base.html").read_text(encoding="utf-8").replace("</footer>", " </footer>"),
        encoding="utf-8")
    build_site(cfg, workers=1)
    assert calls == []
    assert_same_as_cold(cfg, tmp_path / "after-template")
    calls.clear()  # the cold copy groups its own
    path = cfg.content / "articles" / f"{METRO}.md"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "title: ", "title: Metro reports - ", 1), encoding="utf-8")
    build_site(cfg, workers=1)
    assert calls == [1]
    assert_same_as_cold(cfg, tmp_path / "after-title")
