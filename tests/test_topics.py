"""Topics from definitions (#16): the pattern syntax, the defaults, curation, refiling, check.

Patterns run on real sentences from the example site; the whole example site
must file every article; a definition edit refiles articles in an incremental
build equal to a cold one.
"""

from __future__ import annotations

import json
import shutil
import time

import pytest

from briefgen import config as config_mod
from briefgen.build import build_site, prepare
from briefgen.build.content import read_topic
from briefgen.commands.check import check_site
from briefgen.errors import BriefgenError, BuildFailed
from briefgen.index.patterns import PatternError, parse_pattern
from briefgen.index.topics import ArticleText, Matcher, define, default_topics, score, topic_set

from conftest import REPO, article_text
from test_incremental import assert_same_as_cold

SEED = ("North Korean leader Kim Jong Un made another inspection tour of weapons factories, "
        "where he ordered officials to boost the production of missile launchers and other "
        "weapons. State media said Kim visited factories producing tactical missiles and a "
        "missile launch test is expected.")
CHEONAN = ("The United States and South Korea will conduct a joint naval exercise in response "
           "to the sinking of the South Korean warship Cheonan. Protesters used a water cannon.")


def hits(line: str, body: str, title: str = "", entities: dict[str, int] | None = None,
         names: dict[str, tuple[str, ...]] | None = None) -> int:
    return score(parse_pattern(line).expr, ArticleText(title, body, entities or {}), names or {})


# -- the syntax, on real sentences ------------------------------------------------------------

def test_words_prefixes_and_phrases_on_whole_words_case_blind():
    assert hits("missile", SEED) == 2  # "missile launchers", "missile launch"; not "missiles"
    assert hits("missile*", SEED) == 3  # … and "missiles"
    assert hits("MISSILE LAUNCH*", SEED) == 2  # a phrase of bare words; "launchers" by prefix
    assert hits('"missile launch"', SEED) == 1
    assert hits("launch", SEED) == 1  # "launchers" is not the word "launch"
    assert hits("weapon", SEED) == 0 and hits("weapons", SEED) == 2
    assert hits("kim jong un", SEED) == 1 and hits("Kim", SEED) == 2


def test_and_or_not_and_grouping():
    assert hits("missile* AND (launch* OR test*)", SEED) == 3 + 2 + 1
    assert hits("missile* AND sanctions", SEED) == 0  # both or nothing
    assert hits("missile* OR sanctions", SEED) == 3
    assert hits("naval exercise NOT water cannon", CHEONAN) == 0  # A unless B
    assert hits('naval exercise NOT "tear gas"', CHEONAN) == 1
    assert hits("warship AND NOT missile", CHEONAN) == 1  # AND NOT is NOT
    assert hits("missile* OR warship AND cheonan", CHEONAN) == 2  # AND binds tighter than OR
    assert hits("(South Korea* OR Seoul) AND warship", CHEONAN) == 2 + 1


def test_weights_titles_and_entities():
    assert hits("warship^3", CHEONAN) == 3
    assert hits("(warship OR cheonan)^2", CHEONAN) == 4
    assert hits("sinking", "", title="Warship sinking") == 2  # a title hit counts twice
    names = {"kim jong un": ("kim-jong-un",)}
    assert hits("entity: Kim Jong Un", SEED, entities={"kim-jong-un": 5}, names=names) == 5
    assert hits("entity: Kim Jong-un AND missile*", SEED, entities={"kim-jong-un": 5},
                names=names) == 5 + 3  # the name compared as names are: hyphens folded
    assert hits('entity:"Kim Jong Un"', SEED, entities={}, names=names) == 0


def test_an_exclusion_line_vetoes_the_topic_and_a_passing_mention_files_nothing():
    topic = define("naval", "Naval exercises", ["naval exercise*^2", "warship", "NOT water cannon"])
    matcher = Matcher.of([topic], [])
    assert matcher.file("", "", [CHEONAN], {}, listed=["other"]) == ()
    assert matcher.file("", "", [CHEONAN.replace("water cannon", "megaphone")], {},
                        listed=["other"]) == ("naval",)
    once = define("sport", "Sport", ["football"])
    assert Matcher.of([once], []).file("", "", ["He played football once."], {},
                                       listed=["x"]) == ()
    # … but a story in no topic at all goes to the best that scored
    assert Matcher.of([once], []).file("", "", ["He played football once."], {}) == ("sport",)


@pytest.mark.parametrize("line, column", [
    ("missile AND", 12), ("(missile OR launch", 19), ('"water cannon', 1), ("mis*sile", 1),
    ("missile^0", 8), ("entity:", 1), ("AND missile", 1), ("missile launch) OR x", 15),
])
def test_a_bad_pattern_names_the_column(line, column):
    with pytest.raises(PatternError) as caught:
        parse_pattern(line)
    assert caught.value.column == column, caught.value.message


def test_readings_say_what_a_pattern_does():
    assert (parse_pattern('missile* AND (launch OR test) NOT "water cannon"').reading
            == "(“missile…” and (“launch” or “test”)), but not “water cannon”")
    assert parse_pattern("NOT entity: Kim Jong Nam").reading == "never when the entity Kim Jong Nam"


def test_every_default_topic_parses_and_has_a_description():
    defaults = default_topics()
    assert len(defaults) >= 12 and len({t.slug for t in defaults}) == len(defaults)
    assert all(t.patterns and t.description and not t.curated for t in defaults)


# -- definition files, curation and settings --------------------------------------------------

def test_a_topic_file_is_read_with_file_and_line_errors(tmp_path):
    good = tmp_path / "naval.md"
    good.write_text("---\nname: Naval\naliases: [Navies]\npatterns: |\n  # a comment\n"
                    "  naval exercise*\n  entity: Korean People's Army\nmin_score: 2\n---\n\n"
                    "Ships.\n", encoding="utf-8")
    topic = read_topic(good)
    assert (topic.slug, topic.name, topic.aliases, topic.min_score, topic.description,
            topic.curated) == ("naval", "Naval", ("Navies",), 2, "Ships.", True)
    assert [p.source for p in topic.patterns] == ["naval exercise*", "entity: Korean People's Army"]
    listed = tmp_path / "listed.md"  # a YAML list, `- entity: X` items included
    listed.write_text("---\nname: L\npatterns:\n  - missile*\n  - entity: Kim Jong Un\n---\n",
                      encoding="utf-8")
    assert [p.source for p in read_topic(listed).patterns] == ["missile*", "entity: Kim Jong Un"]
    bad = tmp_path / "bad.md"
    bad.write_text("---\nname: Bad\npatterns: |\n  missile AND\n---\n", encoding="utf-8")
    with pytest.raises(BriefgenError) as caught:
        read_topic(bad)
    assert caught.value.line == 3 and "column 12" in caught.value.message


def test_settings_switch_the_defaults_off_and_are_validated(tmp_path):
    (tmp_path / "briefgen.yaml").write_text("topics: {defaults: false}\n", encoding="utf-8")
    assert config_mod.load(tmp_path).topics.defaults is False
    assert config_mod.load(tmp_path.parent / tmp_path.name).topics.defaults is False
    for text in ("topics: {defaults: maybe}\n", "topics: [politics]\n", "topics: {extra: 1}\n"):
        (tmp_path / "briefgen.yaml").write_text(text, encoding="utf-8")
        with pytest.raises(BriefgenError) as caught:
            config_mod.load(tmp_path)
        assert caught.value.line == 1
    mine = define("politics", "Our politics", ["parliament"], curated=True)
    chosen = topic_set([mine])
    assert chosen[0] is mine and [t.slug for t in chosen].count("politics") == 1
    assert topic_set([mine], defaults=False) == (mine,)


NAVAL = ("---\nname: Naval exercises\naliases: [Navy drills]\npatterns: |\n"
         "  naval exercise*^2\n  warship*\n---\n\nExercises at sea.\n")


def test_tiny_site_with_defaults_off_and_a_project_override(make_project):
    articles = {
        "drills": article_text("Allies plan naval exercises",
                               "The navy said naval exercises follow the warship's sinking.",
                               published="2024-01-02"),
        "match": article_text("Cup final", "The football team won the match and the league "
                              "title; fans cheered the football team.", published="2024-01-03"),
    }
    cfg = make_project(articles, settings="title: T\nsearch: false\ntopics: {defaults: false}\n",
                       files={"content/topics/naval.md": NAVAL})
    site = prepare(cfg).site
    assert site.article_topics == {"match": (), "drills": ("naval",)}
    assert site.unfiled == ("match",)
    assert set(site.topics) == {"naval"}
    notes: list[str] = []
    check_site(cfg, notes)
    assert len(notes) == 1 and notes[0].startswith("content/articles/match.md: in no topic")
    # defaults on, and the project's own "sport" replaces briefgen's
    (cfg.project / "briefgen.yaml").write_text("title: T\nsearch: false\n", encoding="utf-8")
    (cfg.content / "topics" / "sport.md").write_text(
        "---\nname: Football\npatterns: |\n  football\n---\n", encoding="utf-8")
    cfg = config_mod.load(cfg.project)
    site = prepare(cfg).site
    assert site.topics["sport"].name == "Football" and site.topic_definitions["sport"].curated
    assert site.article_topics["match"] == ("sport",)
    assert site.unfiled == ()
    assert "conflict-war-and-defence" in site.article_topics["drills"]
    build_site(cfg)
    page = (cfg.site / "topics" / "sport" / "index.html").read_text(encoding="utf-8")
    assert "How this topic is defined" in page and "<code>football</code>" in page
    naval = (cfg.site / "topics" / "naval" / "index.html").read_text(encoding="utf-8")
    assert "Exercises at sea." in naval and "Also called: Navy drills" in naval
    assert "[“naval exercise…”, counted 2×]" in naval


def test_a_source_topic_named_by_an_alias_joins_the_definition(make_project):
    cfg = make_project({"x": article_text("Note", "Nothing much.", topics=["Navy drills"])},
                       settings="title: T\nsearch: false\ntopics: {defaults: false}\n",
                       files={"content/topics/naval.md": NAVAL})
    site = prepare(cfg).site
    assert site.article_topics["x"] == ("naval",) and site.topics["naval"].articles == ("x",)


def test_a_broken_definition_stops_the_build_naming_file_and_line(make_project):
    cfg = make_project(settings="title: T\nsearch: false\n", files={
        "content/topics/bad.md": "---\nname: Bad\npatterns: |\n  (missile\n---\n"})
    with pytest.raises(BuildFailed) as caught:
        build_site(cfg)
    assert any("bad.md" in str(e) and ":3" in str(e) for e in caught.value.errors)


# -- the example site -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def example(tmp_path_factory):
    root = tmp_path_factory.mktemp("example")
    shutil.copytree(REPO / "content", root / "content")
    (root / "briefgen.yaml").write_text("title: Korea desk\nsearch: false\n", encoding="utf-8")
    cfg = config_mod.load(root)
    return cfg, prepare(cfg)


def test_every_example_article_is_in_a_topic(example):
    cfg, prepared = example
    site = prepared.site
    assert len(site.order) >= 38 and site.unfiled == ()
    assert all(site.article_topics[a] for a in site.order)
    assert all(len(site.topics[t].articles) >= 1 for t in site.topics
               if not site.topic_definitions.get(t) or not site.topic_definitions[t].curated)


@pytest.mark.slow  # 300 generated articles indexed: the full suite
def test_every_generated_article_is_filed_by_the_definitions_alone(tmp_path):
    """bench/corpus.py's articles (real prose from ../shared/data) with the topics their
    sources listed taken away: the default definitions file every one of them
    (``python bench/topics_quotes.py --part topics`` does the same at 10,000)."""
    import sys

    data = REPO.parent / "shared" / "data"
    if not (data / "onestopenglish").is_dir() or not (data / "wikinews").is_dir():
        pytest.skip("../shared/data is not beside the repo")
    sys.path.insert(0, str(REPO / "bench"))
    import corpus

    articles = tmp_path / "content" / "articles"
    articles.mkdir(parents=True)
    pools = corpus.load_pools(data, 7)
    for spec in corpus.generate(300, pools, 7):
        meta = {k: v for k, v in spec.meta.items() if k != "topics"}
        (articles / f"{spec.slug}.md").write_text(corpus.to_markdown(meta, spec.body),
                                                  encoding="utf-8")
    (tmp_path / "briefgen.yaml").write_text("title: Generated\nsearch: false\n", encoding="utf-8")
    site = prepare(config_mod.load(tmp_path)).site
    assert len(site.order) == 300
    assert site.unfiled == ()
    assert not any(site.articles[a].topics for a in site.order)  # the definitions alone


def test_the_korea_desk_topics_file_the_korea_stories(example):
    site = example[1].site
    nam = set(site.topics["kim-jong-nam-killing"].articles)
    assert nam == {"break-in-attempted-at-mortuary-housing-remains-of-kim-jong-nam",
                   "in-malaysias-high-court-pathologist-testifies-kim-jong-nam-was-killed-by-weapon",
                   "malaysian-authorities-arrest-fourth-suspect-in-killing-of-kim-jong-nam-half"}
    missiles = set(site.topics["missile-tests"].articles)
    assert {"kim-jong-un-orders-increased-missile-production-ahead-of-us-s-korea-drills",
            "china-un-rebuke-north-korea-for-rocket-launch"} <= missiles
    assert not any("stardust" in a or "cosmic" in a for a in missiles)
    assert "china-un-rebuke-north-korea-for-rocket-launch" in site.topics["sanctions"].articles
    assert ("us-and-south-korea-to-conduct-naval-exercises-in-response-to-warship-sinking"
            in site.topics["korean-peninsula-tensions"].articles)
    assert "sport" in site.article_topics[
        "fifa-world-cup-2018-day-five-sweden-belgium-england-win-three-points"]
    # the seed's own list stays, first
    seed = "kim-jong-un-orders-increased-missile-production-ahead-of-us-s-korea-drills"
    assert site.article_topics[seed][:5] == ("kim-jong-un", "us-north-korea", "north-korea",
                                             "south-korea", "america-dominance")


@pytest.mark.slow
def test_a_definition_edit_refiles_articles_in_an_incremental_build(make_project, tmp_path):
    cfg = make_project(settings="title: Incremental\nsearch: false\nper_page: 2\nfeed_items: 3\n")
    for path in (REPO / "content" / "articles").glob("*.md"):
        shutil.copy(path, cfg.content / "articles" / path.name)
    shutil.copytree(REPO / "content" / "topics", cfg.content / "topics")
    build_site(cfg)
    assert_same_as_cold(cfg, tmp_path)
    cheonan = "us-and-south-korea-to-conduct-naval-exercises-in-response-to-warship-sinking"
    path = cfg.content / "topics" / "korean-peninsula-tensions.md"
    text = path.read_text(encoding="utf-8")
    time.sleep(0.01)
    path.write_text(text.replace("patterns: |\n", "patterns: |\n  NOT Cheonan\n"), encoding="utf-8")
    report = build_site(cfg)
    assert report.rendered > 0
    site = assert_same_as_cold(cfg, tmp_path)
    page = site["topics/korean-peninsula-tensions/index.html"].decode()
    assert cheonan not in page and "never when “cheonan”" in page
    # a new definition, then the defaults switched off
    (cfg.content / "topics" / "naval.md").write_text(NAVAL, encoding="utf-8")
    build_site(cfg)
    site = assert_same_as_cold(cfg, tmp_path)
    assert cheonan.encode() in site["topics/naval/index.html"]
    (cfg.project / "briefgen.yaml").write_text(
        "title: Incremental\nsearch: false\nper_page: 2\nfeed_items: 3\ntopics: {defaults: false}\n",
        encoding="utf-8")
    build_site(config_mod.load(cfg.project))
    site = assert_same_as_cold(config_mod.load(cfg.project), tmp_path)
    assert "topics/politics/index.html" not in site


def test_the_topics_command_lists_counts_and_definitions(make_project, capsys):
    from briefgen.cli import main

    cfg = make_project(settings="title: T\nsearch: false\ntopics: {defaults: false}\n",
                       files={"content/topics/naval.md": NAVAL})
    assert main(["topics", "--json", "--project", str(cfg.project)]) == 0
    rows = json.loads(capsys.readouterr().out)
    naval = next(r for r in rows if r["slug"] == "naval")
    assert naval["source"] == "project" and naval["patterns"][1] == {
        "pattern": "warship*", "reads": "“warship…”"}
    assert {r["source"] for r in rows} == {"project", "listed by sources"}
    assert main(["topics", "--project", str(cfg.project)]) == 0
    assert "Naval exercises (naval; project, min_score 3)" in capsys.readouterr().out


def test_the_preview_refiles_on_a_definition_or_body_edit(make_project, tmp_path):
    """A definition edit, and a body edit that moves a story into a topic, take the full
    pass; a body edit that files the story where it was is patched; all equal a cold build."""
    from briefgen.build.warm import LiveSite

    cfg = make_project(settings="title: T\nsearch: false\ntopics: {defaults: false}\n",
                       files={"content/topics/naval.md": NAVAL})
    live = LiveSite(cfg)
    live.rebuild()
    drills = cfg.content / "articles" / "seoul-drills.md"
    drills.write_text(drills.read_text(encoding="utf-8")
                      + "\nThe navy held naval exercises near the warship.\n", encoding="utf-8")
    live.rebuild([str(drills)])
    assert not live.patched
    assert b"seoul-drills" in assert_same_as_cold(cfg, tmp_path)["topics/naval/index.html"]
    drills.write_text(drills.read_text(encoding="utf-8") + "\nTalks went on.\n", encoding="utf-8")
    live.rebuild([str(drills)])
    assert live.patched
    assert_same_as_cold(cfg, tmp_path)
    topic = cfg.content / "topics" / "naval.md"
    topic.write_text(NAVAL.replace("  warship*\n", "  warship*\n  NOT navy\n"), encoding="utf-8")
    live.rebuild([str(topic)])
    assert not live.patched
    site = assert_same_as_cold(cfg, tmp_path)
    assert b"seoul-drills" not in site["topics/naval/index.html"]


def test_in_the_browser_a_defined_topic_lists_what_its_patterns_match(make_project, serve, page):
    """From the topics index to a desk's own topic: its description, the story its patterns
    matched (the source listed no such topic), and the definition in words."""
    import re

    cfg = make_project(settings="title: T\nsearch: false\n",
                       files={"content/topics/naval.md": NAVAL})
    drills = cfg.content / "articles" / "seoul-drills.md"
    drills.write_text(drills.read_text(encoding="utf-8")
                      + "\nThe navy held naval exercises near the warship.\n", encoding="utf-8")
    build_site(cfg)
    page.goto(serve(cfg.site))
    page.get_by_role("navigation", name="Sections").get_by_role("link", name="Topics").click()
    page.get_by_role("region", name="Subjects").get_by_role("link", name="Naval exercises").click()
    page.wait_for_url(re.compile(r"/topics/naval/(index\.html)?$"))
    assert page.locator("h1").inner_text() == "Naval exercises"
    assert "Exercises at sea." in page.locator(".description").inner_text()
    stories = page.get_by_role("region", name="Stories")
    assert stories.get_by_role("link", name="Allies prepare summer drills").count() == 1
    defined = page.get_by_role("region", name="How this topic is defined").inner_text()
    assert "naval exercise*^2" in defined and "“warship…”" in defined
