"""briefgen.index.quotes: who said what, on the seed's sentences and other outlets' forms (#16)."""

from __future__ import annotations

from pathlib import Path

import pytest

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
        ("reported-mid", "He", "moon", "the summit would go ahead"),
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


def test_a_quote_over_sentences_and_paragraphs_is_one_speakers():
    """A quotation of several sentences attributed at its end; a quote opened and continued
    (`"…," he said. "…"`), also in the next paragraph; "it" is the organisation named last."""
    surfaces = {"Korean Central News Agency": "kcna", "KCNA": "kcna", "Mark Rathbun": "rathbun",
                "Rathbun": "rathbun"}
    types = {"kcna": "organization", "rathbun": "person"}
    blocks = (
        "\"War maniacs made another grave provocation on Thursday. They fired 36 shells at "
        "our posts\", said KCNA. \"Foolhardy provocation deserves harsh punishment\", it added.",
        "Mark Rathbun left the church in 2004.",
        "\"The drives were never returned,\" he said. \"Nobody ever asked for them back.\"",
        "\"I kept copies of everything I sent them.\"",
        "Rathbun wrote that the sheriff's detective was given the wrong material.",
    )
    got = [(q.speaker, q.entity, q.text) for q in find_quotes(blocks, surfaces, types)]
    assert got == [
        ("KCNA", "kcna", "War maniacs made another grave provocation on Thursday. They fired 36 "
                         "shells at our posts"),
        ("it", "kcna", "Foolhardy provocation deserves harsh punishment"),
        ("he", "rathbun", "The drives were never returned … Nobody ever asked for them back. … "
                          "I kept copies of everything I sent them."),
        ("Rathbun", "rathbun", "the sheriff's detective was given the wrong material"),
    ]


def test_reported_speech_without_quotation_marks():
    """`X says …` in the present, `X told Z …`, `X noted …, and Y said …` (two speakers in one
    sentence), a title before the name, an apposition after it, a surname for a full name."""
    surfaces = {"Creswell Eastman": "eastman", "Deseret News": "deseret",
                "Straits Times": "straits", "Mark Zuckerberg": "zuckerberg", "Facebook": "facebook",
                "Steve Whitmore": "whitmore"}
    types = {"eastman": "person", "zuckerberg": "person", "whitmore": "person",
             "deseret": "organization", "straits": "organization", "facebook": "organization"}
    blocks = (
        "Professor Eastman says manufacturers could easily remedy the situation.",
        "The Deseret News observed that the hashtag had become an international phenomenon, "
        "and The Straits Times noted the messages had grown into a support movement.",
        "Facebook co-founder Mark Zuckerberg tweeted to Mohamed and said the boy was welcome "
        "to tour the company.",
        "Steve Whitmore, a representative for the church, stated that the case was open.",
        "Whitmore told LA Weekly the drives were worth $200 each.",
        "Chrome continues to surge and IE could fall to fourth place.",
    )
    got = [(q.speaker, q.entity, q.text) for q in find_quotes(blocks, surfaces, types)]
    assert got == [
        ("Professor Eastman", "eastman", "manufacturers could easily remedy the situation"),
        ("The Deseret News", "deseret", "the hashtag had become an international phenomenon"),
        ("The Straits Times", "straits", "the messages had grown into a support movement"),
        ("Facebook co-founder Mark Zuckerberg", "zuckerberg",
         "the boy was welcome to tour the company"),
        ("Steve Whitmore", "whitmore", "the case was open"),
        ("Whitmore", "whitmore", "the drives were worth $200 each"),
    ]


def test_scare_quotes_are_no_statements():
    quotes = find_quotes(("The military was told to prepare a \"quasi-state of war\" on Friday.",),
                         {}, {})
    assert quotes == ()


def _ingest(project: Path, *args: str) -> int:
    from briefgen.cli import main

    return main(["ingest", "--project", str(project), "--jobs", "1", *args])


def _seed_project(tmp_path: Path) -> Path:
    from briefgen.cli import main

    project = tmp_path / "brief"
    assert main(["init", str(project)]) == 0
    (project / "seeds").mkdir(exist_ok=True)
    (project / "seeds" / "seed.txt").write_bytes((REPO / "seeds" / "000_57e3a4ad35af1eec.txt").read_bytes())
    assert _ingest(project) == 0
    return project


@pytest.mark.slow  # a real ingest (entity extraction) and build: the full suite
def test_ingest_writes_the_seeds_quotes_into_front_matter_and_keeps_a_hand_edit(tmp_path, capsys):
    from briefgen import frontmatter
    from briefgen.build import build_site
    from briefgen.config import load

    project = _seed_project(tmp_path)
    path = project / "content" / "articles" / f"{SEED}.md"
    meta, body, _ = frontmatter.split(path.read_text(encoding="utf-8"), path)
    quotes = meta["quotes"]
    media = next(q for q in quotes if q["speaker"] == "state media")
    assert media["entity"] == "" and media["text"].startswith("North Korean leader Kim Jong Un made")
    report = next(q for q in quotes if q["text"].startswith("The qualitative level of war"))
    assert (report["speaker"], report["entity"]) == ("Kim", "Kim Jong Un")
    kcna = next(q for q in quotes if q["text"].startswith("North Korea must have an overwhelming"))
    assert (kcna["speaker"], kcna["entity"]) == ("Kim", "Kim Jong Un")

    # a person corrects a speaker and drops a quote; re-ingest keeps the list, the build shows it
    edited = [dict(q) for q in quotes if q["speaker"] != "Many experts"]
    edited[0]["speaker"] = "KCNA, the state news agency"
    edited[0]["entity"] = "Korean Central News Agency"
    meta["quotes"] = edited
    path.write_text(frontmatter.dump(meta, body), encoding="utf-8")
    capsys.readouterr()
    assert _ingest(project) == 0
    assert "quotes" in capsys.readouterr().out  # reported as a kept edit
    meta_after, _, _ = frontmatter.split(path.read_text(encoding="utf-8"), path)
    assert meta_after["quotes"] == edited
    cfg = load(project)
    build_site(cfg)
    page = (cfg.site / "articles" / SEED / "index.html").read_text(encoding="utf-8")
    listed = page[page.index('id="quotes-h"'):page.index("</section>", page.index('id="quotes-h"'))]
    assert "KCNA, the state news agency" in listed and "Many experts" not in listed
    kcna_page = (cfg.site / "entities" / "korean-central-news-agency" / "index.html").read_text(
        encoding="utf-8")
    assert "North Korean leader Kim Jong Un made another inspection tour" in kcna_page


def test_an_article_page_lists_its_quotes_in_the_searched_region(make_project):
    from briefgen.build import build_site

    cfg = make_project(settings="title: T\nsearch: false\n")
    build_site(cfg)
    page = (cfg.site / "articles" / "kim-missiles" / "index.html").read_text(encoding="utf-8")
    main = page[page.index("data-pagefind-body"):page.index("</main>")]
    region = main[main.index('id="quotes-h"'):]
    assert "Kim visited a missile plant" in region
    assert '<a href="../../entities/kcna/index.html">' in region
    # inside the story, which search indexes (only the aside and provenance are ignored)
    story = main[main.index('<article class="story">'):main.index("</article>")]
    assert '<section aria-labelledby="quotes-h" class="quotes story-quotes">' in story
    assert "data-pagefind-ignore" not in story[:story.index('id="quotes-h"')].split(
        '<div class="story-body">')[0].split("<header")[0]


GUM = REPO.parent / "shared" / "data" / "gum-open"


def test_gum_news_attributions_held_out(tmp_path):
    """bench/quotes.py's figures on GUM's news, tuning and held-out documents apart, a little
    under what was measured (tuning 0.981 / 0.743, held out 0.941 / 0.611): a floor against
    regressions; the issue's recall goal, 0.85, is not reached (see the README)."""
    if not GUM.is_dir():
        pytest.skip("../shared/data/gum-open is not beside the repo")
    import sys

    sys.path.insert(0, str(REPO / "bench"))
    from quotes import Tally, find_quotes as finder, held_out, score

    totals = {True: Tally(docs=0), False: Tally(docs=0)}
    for path in sorted(GUM.glob("GUM_news_*.json")):
        totals[held_out(path.stem)].add(score(path, finder))
    for out, (p_floor, r_floor) in ((False, (0.95, 0.71)), (True, (0.90, 0.59))):
        t = totals[out]
        assert t.docs >= 4
        assert t.right / t.found >= p_floor and t.hit / t.gold >= r_floor, (out, vars(t))


def test_a_quote_brought_in_by_a_colon_or_a_participle():
    """`X tweeted …:` ¶ `"…"`, `X observed:` ¶ a block without marks, `X defended …: "…"`,
    `…, writing in a blog post "…"`; a paper listing a questionnaire's questions quotes no one."""
    surfaces = {"Barack Obama": "obama", "Norton": "norton", "Sunak": "sunak",
                "The Guardian": "guardian"}
    types = {"obama": "person", "norton": "person", "sunak": "person", "guardian": "organization"}
    blocks = (
        "US President Barack Obama tweeted using his @POTUS account:",
        "\"Cool clock, Ahmed. Want to bring it to the White House?\"",
        "In it, Norton observed:",
        "Fraud and corruption prevent a fair and proper expression of the public voice.",
        "Sunak defended the government's record: \"The Home Secretary and I are working "
        "intensely.\"",
        "One poster admitted to being part of the effort, writing in a blog post \"I have "
        "loaded up the tool and started.\"",
        "The Guardian printed the form: \"Were you subject to human trafficking at any time?\"",
    )
    got = [(q.speaker, q.entity, q.text) for q in find_quotes(blocks, surfaces, types)]
    assert got == [
        ("US President Barack Obama", "obama",
         "Cool clock, Ahmed. Want to bring it to the White House?"),
        ("Norton", "norton",
         "Fraud and corruption prevent a fair and proper expression of the public voice."),
        ("Sunak", "sunak", "The Home Secretary and I are working intensely."),
        ("One poster", None, "I have loaded up the tool and started."),
    ]


def test_negated_and_first_person_statements_are_no_quotes():
    blocks = ("U.S. officials have not said why the team was denied visas.",
              "I think the team will be back next year.",
              "We believe the ruling was wrong.")
    assert find_quotes(blocks, {}, {}) == ()


def test_a_verb_that_takes_a_thing_quotes_only_a_clause():
    """"recalled its ambassador", "announced economic measures" say nothing; "announced on
    Friday that …" and "reported Kim visited …" do."""
    surfaces = {"Malaysia": "malaysia", "Microsoft": "microsoft", "Yonhap": "yonhap",
                "Lee Myung-bak": "lee"}
    types = {"malaysia": "place", "microsoft": "organization", "yonhap": "organization",
             "lee": "person"}
    blocks = ("Malaysia recalled its ambassador from North Korea on Monday.",
              "South Korean President Lee Myung-bak announced economic measures against the North.",
              "Microsoft announced on Friday that it is time to say goodbye to IE6.",
              "Yonhap reported Kim visited a munitions factory in the east.")
    got = [(q.speaker, q.text) for q in find_quotes(blocks, surfaces, types)]
    assert got == [("Microsoft", "it is time to say goodbye to IE6"),
                   ("Yonhap", "Kim visited a munitions factory in the east")]


def test_a_malformed_quotes_list_names_the_file_and_line(tmp_path):
    from briefgen.build.content import read_article
    from briefgen.errors import BriefgenError

    path = tmp_path / "story.md"
    path.write_text("---\ntitle: T\nquotes:\n  - speaker: Kim\n---\n\nText.\n", encoding="utf-8")
    with pytest.raises(BriefgenError) as caught:
        read_article(path)
    assert caught.value.line == 3 and "quotes" in str(caught.value)
    path.write_text("---\ntitle: T\nquotes: []\n---\n\nText.\n", encoding="utf-8")
    assert read_article(path)[0].quotes == ()  # none, and the build does not look again
    path.write_text("---\ntitle: T\n---\n\nText.\n", encoding="utf-8")
    assert read_article(path)[0].quotes is None  # written before quotes: found at build
