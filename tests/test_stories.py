"""Stories and storylines (issue 15): the example site's articles, and ECB+'s same-event clusters.

The example site's tests read the repo's own ``content/articles`` (the
articles' front-matter entities, as a build without curation resolves them).
The ECB+ tests run when ``../shared/data/ecbplus`` is beside the repository:
B-cubed F1 on the held-out topics (``bench/stories.py`` measured 0.972; the
floor leaves a small margin) and the share of topics whose two events share a
story (the issue's goal: at most 1 in 10).
"""

from __future__ import annotations

import importlib
import os
import random
import subprocess
import sys
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from briefgen.build.content import read_article
from briefgen.index.stories import StoryDoc, find_stories
from briefgen.model import instant
from briefgen.urls import slugify

REPO = Path(__file__).resolve().parents[1]
ARTICLES = REPO / "content" / "articles"
ECBPLUS = REPO.parent / "shared" / "data" / "ecbplus"
needs_ecbplus = pytest.mark.skipif(not ECBPLUS.is_dir(), reason="needs ../shared/data/ecbplus")

SEED = "kim-jong-un-orders-increased-missile-production-ahead-of-us-s-korea-drills"
NAVAL = "us-and-south-korea-to-conduct-naval-exercises-in-response-to-warship-sinking"
QUASI_WAR = "north-korea-puts-military-in-quasi-state-of-war"
ROCKET = "china-un-rebuke-north-korea-for-rocket-launch"
KJN_ARREST = "malaysian-authorities-arrest-fourth-suspect-in-killing-of-kim-jong-nam-half"
KJN_BREAK_IN = "break-in-attempted-at-mortuary-housing-remains-of-kim-jong-nam"
KJN_TRIAL = "in-malaysias-high-court-pathologist-testifies-kim-jong-nam-was-killed-by-weapon"


def site_docs() -> list[StoryDoc]:
    docs = []
    for path in sorted(ARTICLES.glob("*.md")):
        article, body = read_article(path)
        names = sorted(article.entities, key=lambda e: -(e.mentions or 0))
        docs.append(StoryDoc(
            slug=article.slug, title=article.title, text=body,
            date=instant(d) if (d := article.published or article.updated) else None,
            entities=tuple(dict.fromkeys(slugify(e.name) for e in names)),
            publisher=article.publisher, agency=article.agency, dateline=article.dateline))
    return docs


@pytest.fixture(scope="module")
def site() -> list[StoryDoc]:
    return site_docs()


def test_every_article_in_exactly_one_story(site: list[StoryDoc]) -> None:
    stories = find_stories(site)
    listed = [a for s in stories.stories.values() for a in s.articles]
    assert sorted(listed) == sorted(d.slug for d in site)
    assert {a: s.slug for s in stories.stories.values() for a in s.articles} == stories.by_article
    for story in stories.stories.values():
        assert story.slug == story.articles[0]  # the earliest article names the story
        assert len(story.entities) <= 12


def test_the_korea_articles_fall_into_the_stories_a_reader_expects(site: list[StoryDoc]) -> None:
    stories = find_stories(site)
    story = stories.by_article
    for alone in (SEED, ROCKET, NAVAL, QUASI_WAR):
        assert stories.stories[story[alone]].articles == (alone,), alone
    # The Cheonan exercises (May 2010) and the quasi-state of war (Aug 2015) are five years apart.
    assert stories.stories[story[NAVAL]].storyline is None
    assert stories.stories[story[QUASI_WAR]].storyline is None
    # The arrest (16 Feb 2017) and the mortuary break-in (19 Feb) are one story ...
    assert story[KJN_ARREST] == story[KJN_BREAK_IN] == KJN_ARREST
    assert stories.stories[KJN_ARREST].articles == (KJN_ARREST, KJN_BREAK_IN)
    # ... the pathologist at the trial (Oct 2017) another, and the two one storyline.
    assert story[KJN_TRIAL] == KJN_TRIAL
    line = stories.stories[KJN_ARREST].storyline
    assert line is not None and stories.stories[KJN_TRIAL].storyline == line
    assert stories.storylines[line].stories == (KJN_ARREST, KJN_TRIAL)
    assert "Kim Jong Nam" in stories.storylines[line].title
    assert "kim-jong-nam" in stories.stories[KJN_ARREST].entities[:3]


def test_every_other_article_is_a_story_of_its_own(site: list[StoryDoc]) -> None:
    """The Wikinews interviews and the other news each report a different event."""
    stories = find_stories(site)
    shared = [s for s in stories.stories.values() if len(s.articles) > 1]
    assert [s.slug for s in shared] == [KJN_ARREST]
    assert len(stories.storylines) == 1
    interviews = [d.slug for d in site if "interview" in d.slug]
    assert len(interviews) >= 15
    for slug in interviews:
        story = stories.stories[stories.by_article[slug]]
        assert story.articles == (slug,) and story.storyline is None, slug


def test_stories_are_the_same_in_any_order(site: list[StoryDoc]) -> None:
    first = find_stories(site)
    shuffled = list(site)
    random.Random(15).shuffle(shuffled)
    again = find_stories(shuffled)
    assert again == first
    assert list(again.stories) == list(first.stories)


def test_stories_run_most_recently_moved_first(site: list[StoryDoc]) -> None:
    stories = list(find_stories(site).stories.values())
    lasts = [s.last for s in stories]
    assert all(a is not None and b is not None and a >= b for a, b in zip(lasts, lasts[1:]))
    assert stories[0].slug == SEED


def _seed(site: list[StoryDoc]) -> StoryDoc:
    return next(d for d in site if d.slug == SEED)


def test_copies_of_one_wire_text_name_the_wire_and_its_copies(site: list[StoryDoc]) -> None:
    """Three outlets carry the seed's AP text, one cutting its last paragraph and adding its own."""
    seed = _seed(site)
    paragraphs = seed.text.split("\n")
    cut = "\n".join(paragraphs[:-1] + ["Our correspondent in Seoul adds that the drills start on Monday."])
    later = seed.date + timedelta(hours=3) if seed.date else None
    copies = [replace(seed, slug="outlet-b-kim-missiles", publisher="Outlet B", date=later),
              replace(seed, slug="outlet-a-kim-missiles", publisher="Outlet A", text=cut, date=later)]
    stories = find_stories([*site, *copies])
    story = stories.stories[SEED]
    assert story.articles == (SEED, "outlet-a-kim-missiles", "outlet-b-kim-missiles")
    assert story.wire == SEED
    assert story.copies == ("outlet-a-kim-missiles", "outlet-b-kim-missiles")
    assert story.first == seed.date and story.last == later


def test_the_same_text_weeks_apart_is_two_stories_of_one_storyline(site: list[StoryDoc]) -> None:
    seed = _seed(site)
    assert seed.date is not None
    month_later = replace(seed, slug="kim-missiles-a-month-on", date=seed.date + timedelta(days=30))
    stories = find_stories([*site, month_later])
    assert stories.by_article["kim-missiles-a-month-on"] == "kim-missiles-a-month-on"
    line = stories.stories[SEED].storyline
    assert line is not None
    assert stories.storylines[line].stories == (SEED, "kim-missiles-a-month-on")
    two_years_later = replace(month_later, date=seed.date + timedelta(days=730))
    assert find_stories([*site, two_years_later]).stories[SEED].storyline is None


def test_undated_and_dated_articles_mix(site: list[StoryDoc]) -> None:
    """An article with no date may join a dated story; the story's dates are its dated articles'."""
    seed = _seed(site)
    undated = replace(seed, slug="kim-missiles-undated", date=None)
    stories = find_stories([*site, undated])
    story = stories.stories[stories.by_article["kim-missiles-undated"]]
    assert story.articles == ("kim-missiles-undated", SEED)  # an undated article sorts first
    assert story.slug == "kim-missiles-undated"
    assert story.first == story.last == seed.date


def test_two_articles_with_one_slug_are_refused(site: list[StoryDoc]) -> None:
    with pytest.raises(ValueError, match="share the slug"):
        find_stories([*site, replace(site[0], title="another")])


def test_no_articles_no_stories() -> None:
    empty = find_stories([])
    assert not empty.stories and not empty.storylines and not empty.by_article


def test_a_lone_article_is_a_story_of_one() -> None:
    when = datetime(2024, 1, 2, tzinfo=timezone.utc)
    only = find_stories([StoryDoc(slug="a", title="A", text="Words here.", date=when, entities=())])
    assert only.by_article == {"a": "a"}
    story = only.stories["a"]
    assert (story.title, story.articles, story.first, story.last) == ("A", ("a",), when, when)
    assert story.storyline is None and story.wire is None and story.copies == ()


@pytest.fixture(scope="module")
def ecb() -> Any:
    sys.path.insert(0, str(REPO / "bench"))
    return importlib.import_module("stories")  # bench/stories.py: the loader and the scores


def _strays(golds: list[Any], story_of: dict[str, str]) -> int:
    """Texts in a story most of whose texts report the other event of their topic."""
    by_story: dict[str, list[Any]] = {}
    for g in golds:
        by_story.setdefault(story_of[g.doc.slug], []).append(g)
    strays = 0
    for members in by_story.values():
        for g in members:
            rival = sum(1 for h in members if h.topic == g.topic and h.cluster != g.cluster)
            own = sum(1 for h in members if h.cluster == g.cluster)
            strays += rival > own
    return strays


@needs_ecbplus
def test_ecbplus_held_out_topics(ecb: Any) -> None:
    """Topics % 3 == 0, never tuned on: B-cubed F1, and two events of one topic kept apart.

    Measured (``bench/stories.py``): F1 0.972; 2 of the 10 topics have a story
    holding texts of both events, each time one stray text in the other
    event's story (the issue's goal is 1 in 10: not met by that one text).
    """
    golds = [g for g in ecb.load_ecb() if ecb.held_out(g.topic)]
    assert len({g.topic for g in golds}) == 10
    story_of = ecb.ours(golds)
    score = ecb.bcubed(golds, story_of)
    assert score.f1 >= 0.95, score
    assert score.merged <= 0.20, score
    assert _strays(golds, story_of) <= 2
    baseline = ecb.bcubed(golds, ecb.baseline(golds, 0.30))
    assert score.f1 >= baseline.f1 + 0.05, (score, baseline)


@needs_ecbplus
def test_ecbplus_tuning_topics(ecb: Any) -> None:
    """The topics the constants were tuned on (measured F1 0.961, 3 of 23 topics merged)."""
    golds = [g for g in ecb.load_ecb() if not ecb.held_out(g.topic)]
    score = ecb.bcubed(golds, ecb.ours(golds))
    assert score.f1 >= 0.95, score
    assert score.merged <= 3 / 23 + 1e-9, score


_DETERMINISM = """
import sys
sys.path.insert(0, sys.argv[1])
from test_stories import site_docs
from briefgen.index.stories import find_stories
print(repr(find_stories(site_docs())))
"""


@pytest.mark.parametrize("seed", ["1", "2"])
def test_stories_do_not_depend_on_the_hash_seed(site: list[StoryDoc], seed: str) -> None:
    """Sets of words are iterated in hash order; exact sums keep that out of every score."""
    run = subprocess.run([sys.executable, "-c", _DETERMINISM, str(REPO / "tests")], capture_output=True,
                         text=True, check=True, cwd=REPO, env={**os.environ, "PYTHONHASHSEED": seed})
    assert run.stdout.strip() == repr(find_stories(site))
