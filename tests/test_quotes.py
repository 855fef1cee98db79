"""briefgen.index.quotes: who said what, on the seed's sentences and other outlets' forms (#16)."""

from __future__ import annotations

from pathlib import Path

from briefgen.build.content import read_curated_entity
from briefgen.build.load import parse_article
from briefgen.index.quotes import find_quotes
from briefgen.index.resolve import resolve_entities

from conftest import REPO

SEED = "kim-jong-un-orders-increased-missile-production-ahead-of-us-s-korea-drills"


def seed_quotes():
    parsed = parse_article(REPO / "content" / "articles" / f"{SEED}.md")
    curated = [read_curated_entity(p) for p in sorted(Path(REPO / "content" / "entities").glob("*.md"))]
    resolution = resolve_entities([parsed.article], curated)
    types = {slug: e.type for slug, e in resolution.entities.items()}
    return find_quotes(parsed.blocks, resolution.by_article[SEED], types)


def test_the_seeds_three_attributions():
    quotes = seed_quotes()
    media = next(q for q in quotes if q.speaker == "state media")
    assert media.entity is None and media.text.startswith("North Korean leader Kim Jong Un made")
    report = next(q for q in quotes if q.text.startswith("The qualitative level of war"))
    assert (report.speaker, report.entity) == ("Kim", "kim-jong-un")  # not "the report"
    assert report.text.endswith("Korean People's Army")
    quoted = next(q for q in quotes if q.kind == "quoted")
    assert (quoted.speaker, quoted.entity) == ("Kim", "kim-jong-un")  # KCNA only carried it
    assert quoted.text.startswith("North Korea must have an overwhelming military force")
    kcna = [q for q in quotes if q.entity == "korean-central-news-agency"]
    assert len(kcna) >= 2 and any(q.text.startswith("Kim visited factories") for q in kcna)


def test_direct_quotes_reported_speech_and_pronouns():
    surfaces = {"Moon Jae-in": "moon", "Moon": "moon", "Yonhap": "yonhap", "Reuters": "reuters"}
    types = {"moon": "person", "yonhap": "organization"}
    blocks = (
        "Moon Jae-in arrived in Pyongyang on Tuesday.",
        "“We will open a new era of peace,” Moon said at the airport.",
        "\"The talks were useful and frank,\" said a senior official.",
        "He told Reuters that the summit would go ahead.",
        "According to Yonhap, the two leaders met for two hours.",
        "The meeting lasted longer than planned, officials said on Wednesday.",
    )
    quotes = find_quotes(blocks, surfaces, types)
    got = [(q.kind, q.speaker, q.entity, q.text) for q in quotes]
    assert got == [
        ("direct-after", "Moon", "moon", "We will open a new era of peace"),
        ("direct-after", "a senior official", None, "The talks were useful and frank"),
        ("reported-before", "He", "moon", "the summit would go ahead"),
        ("according-before", "Yonhap", "yonhap", "the two leaders met for two hours"),
        ("reported-after", "officials", None, "The meeting lasted longer than planned"),
    ]


def test_sentences_without_attribution_give_nothing():
    blocks = ("North Korea fired two missiles into the sea.",
              "It was the third launch this month, and it was not the last.")
    assert find_quotes(blocks, {}, {}) == ()


def test_a_spokesman_after_the_verb():
    quotes = find_quotes(("\"We reject the claims entirely,\" said a foreign ministry spokesman.",),
                         {}, {})
    assert [(q.speaker, q.text) for q in quotes] == [("a foreign ministry spokesman",
                                                      "We reject the claims entirely")]


def test_entity_pages_show_what_a_name_said_and_what_was_said_about_it(make_project):
    from briefgen.build import build_site, prepare

    cfg = make_project(settings="title: T\nsearch: false\n")
    site = prepare(cfg).site
    assert site.said_by == {"kcna": (("kim-missiles", 0),)}
    assert site.quotes["kim-missiles"][0].text == "Kim visited a missile plant"
    assert site.said_about["kim-jong-un"] == (("kim-missiles", 0),)
    build_site(cfg)
    kim = (cfg.site / "entities" / "kim-jong-un" / "index.html").read_text(encoding="utf-8")
    assert "Said about Kim Jong Un" in kim and "Kim visited a missile plant" in kim
    assert "../../articles/kim-missiles/index.html" in kim
    kcna = (cfg.site / "entities" / "kcna" / "index.html").read_text(
        encoding="utf-8")
    assert "What KCNA said" in kcna


def test_an_edit_that_changes_who_said_what_is_patched_exactly(make_project):
    """The preview patches quotes in place; every step equals the index built from scratch."""
    from briefgen.index.patch import IndexState

    from conftest import TINY_ARTICLES
    from test_patch import assert_same_site, edit, index

    cfg = make_project(settings="title: Patch\nsearch: false\n")
    site, resolution = index(cfg)
    state = IndexState.of(site)
    steps = [
        ("shoigu-visit", TINY_ARTICLES["shoigu-visit"].replace(
            "since 1991.", "since 1991, Sergei Shoigu said, and Kim Jong-un agreed.")),
        ("seoul-drills", TINY_ARTICLES["seoul-drills"] + "\n\nPyongyang said the drills were "
                                                          "a rehearsal for war with the United States.\n"),
        ("kim-missiles", TINY_ARTICLES["kim-missiles"].replace(
            "The Korean Central News Agency said Kim visited a missile plant.",
            "Kim visited a missile plant.")),
        ("shoigu-visit", TINY_ARTICLES["shoigu-visit"]),
    ]
    for slug, text in steps:
        patched = edit(cfg, site, state, resolution, slug, text)
        assert patched is not None, slug
        assert "quotes" in patched.changed
        assert_same_site(patched.site, index(cfg)[0])
        site = patched.site
    assert "kcna" not in site.said_by and "pyongyang" in site.said_by
    assert site.said_about["united-states"] == (("seoul-drills", 0),)
