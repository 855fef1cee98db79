"""briefgen.index.patch: one article's edit patched into a built site index.

Every patch is checked against the index built from scratch on the edited
corpus, field by field and in order (pages list in dict order); the cases the
docstring says it cannot do exactly must return ``None`` and leave the state
alone.
"""

from __future__ import annotations

import copy
import shutil
from dataclasses import fields
from typing import Any, Mapping

import pytest

from briefgen import config as config_mod, frontmatter
from briefgen.build import pipeline
from briefgen.build.load import load_parsed, parse_article
from briefgen.index.patch import IndexState, Patched, patch_article
from briefgen.index.resolve import resolve_entities
from briefgen.index.site import Site, build_index
from briefgen.model import EntityResolution

from conftest import REPO, TINY_ARTICLES

SETTINGS = "title: Patch\nsearch: false\n"


def index(cfg: config_mod.Config, limit: int = 10) -> tuple[Site, EntityResolution]:
    """The site index of the project as it is on disk, built from scratch."""
    loaded = load_parsed(cfg.content, None)
    resolution = resolve_entities(loaded.content.articles, loaded.content.curated, cfg.entities)
    site = build_index(loaded.content.articles, resolution,
                       {p.article.slug: p.html for p in loaded.parsed},
                       {p.article.slug: p.blocks for p in loaded.parsed}, recent_limit=limit)
    return site, resolution


def edit(cfg: config_mod.Config, site: Site, state: IndexState, resolution: EntityResolution,
         slug: str, text: str, limit: int = 10) -> Patched | None:
    """Save ``text`` as the article and patch it in, as the preview does."""
    path = cfg.content / "articles" / f"{slug}.md"
    path.write_text(text, encoding="utf-8")
    parsed = parse_article(path)
    found, _ = pipeline.quotes(parsed, resolution)
    return patch_article(site, state, parsed.article, parsed.html, parsed.blocks, found,
                         resolution.by_article.get(slug, {}), limit)


def ordered(value: Any) -> Any:
    """A field with every mapping's key order made visible (pages list in that order)."""
    if isinstance(value, Mapping):
        return [(k, ordered(v)) for k, v in value.items()]
    if hasattr(value, "mentions") and hasattr(value, "entity"):  # an EntityEntry
        return (value, list(value.mentions))
    return value


def assert_same_site(patched: Site, fresh: Site) -> None:
    for f in fields(Site):
        assert ordered(getattr(patched, f.name)) == ordered(getattr(fresh, f.name)), f.name
    assert patched == fresh


def state_view(state: IndexState) -> tuple[Any, ...]:
    co = {k: {x: n for x, n in c.items() if n} for k, c in state.co.items()}
    return (state.rank, state.dates, state.since, {k: v for k, v in co.items() if v},
            {a: state.related.best_for(a) for a in state.rank})


@pytest.fixture
def tiny(make_project):
    cfg = make_project(settings=SETTINGS)
    site, resolution = index(cfg)
    return cfg, site, resolution, IndexState.of(site)


# -- exact patches --------------------------------------------------------------------------------

def test_a_body_edit_replaces_that_articles_body_and_quotes_only(tiny):
    cfg, site, resolution, state = tiny
    text = TINY_ARTICLES["kim-missiles"].replace(
        "North Korean leader Kim Jong Un toured munitions factories.",
        "North Korean leader Kim Jong Un inspected a shipyard on Tuesday.")
    patched = edit(cfg, site, state, resolution, "kim-missiles", text)
    assert patched is not None
    new = patched.site
    assert patched.changed == {"articles": ("kim-missiles",), "bodies": ("kim-missiles",),
                               "entities": ("kim-jong-un",),
                               "story_docs": ("kim-missiles",)}  # what grouping reads of it
    assert "inspected a shipyard" in new.bodies["kim-missiles"]
    assert "inspected a shipyard" not in site.bodies["kim-missiles"]  # the input is not touched
    for slug in ("shoigu-visit", "seoul-drills"):
        assert new.bodies[slug] is site.bodies[slug]
    kim, old_kim = new.entities["kim-jong-un"], site.entities["kim-jong-un"]
    assert kim.mentions["shoigu-visit"] is old_kim.mentions["shoigu-visit"]
    assert [s.text for s in kim.mentions["kim-missiles"].snippets][0] == (
        "North Korean leader Kim Jong Un inspected a shipyard on Tuesday.")
    for slug in ("kcna", "pyongyang", "sergei-shoigu", "united-states"):
        assert new.entities[slug] is site.entities[slug], slug
    assert new.ledes == site.ledes  # it has a dek: no lede
    assert_same_site(new, index(cfg)[0])


def test_a_body_edit_without_a_dek_changes_the_lede(tiny):
    cfg, site, resolution, state = tiny
    text = TINY_ARTICLES["seoul-drills"].replace(
        "South Korea and the United States will start drills.",
        "South Korea and the United States began joint drills on Monday.")
    patched = edit(cfg, site, state, resolution, "seoul-drills", text)
    assert patched is not None
    assert patched.changed["ledes"] == ("seoul-drills",)
    assert patched.changed["entities"] == ("united-states",)  # Pyongyang's sentence is the same
    assert patched.site.ledes["seoul-drills"].startswith(
        "South Korea and the United States began joint drills on Monday.")
    assert_same_site(patched.site, index(cfg)[0])


def test_a_body_edit_that_leaves_everything_the_index_reads(tiny):
    cfg, site, resolution, state = tiny
    text = TINY_ARTICLES["shoigu-visit"].replace("since 1991.", "since 1991, by most counts.")
    patched = edit(cfg, site, state, resolution, "shoigu-visit", text)
    assert patched is not None
    assert patched.changed == {"articles": ("shoigu-visit",), "bodies": ("shoigu-visit",),
                               "entities": (), "story_docs": ("shoigu-visit",)}
    assert patched.site.entities is not site.entities
    assert all(patched.site.entities[s] is site.entities[s] for s in site.entities)
    assert_same_site(patched.site, index(cfg)[0])


def test_a_front_matter_edit_other_than_names_dates_and_topics(tiny):
    cfg, site, resolution, state = tiny
    meta, body, _ = frontmatter.split(TINY_ARTICLES["kim-missiles"])
    meta.update(title="Kim orders many more missiles", dek=None, reading_time=4)
    patched = edit(cfg, site, state, resolution, "kim-missiles", frontmatter.dump(meta, body))
    assert patched is not None
    assert patched.site.articles["kim-missiles"].title == "Kim orders many more missiles"
    assert patched.changed["ledes"] == ("kim-missiles",)  # the dek is gone: a lede stands in
    assert list(patched.site.ledes) == ["kim-missiles", "seoul-drills"]  # newest first
    assert_same_site(patched.site, index(cfg)[0])


@pytest.mark.parametrize("limit", [2, 10])
def test_more_mentions_move_an_entity_up_the_most_mentioned_list(tiny, limit):
    cfg, site, _, _ = tiny
    site, resolution = index(cfg, limit)
    state = IndexState.of(site)
    assert site.most_mentioned[:2] == ("kim-jong-un", "pyongyang")
    text = TINY_ARTICLES["shoigu-visit"].replace(
        "The visit was", "Sergei Shoigu said he was glad. Sergei Shoigu smiled. "
                         "Reporters followed Sergei Shoigu. The visit was")
    patched = edit(cfg, site, state, resolution, "shoigu-visit", text, limit)
    assert patched is not None
    assert patched.site.entities["sergei-shoigu"].total_mentions == 5
    assert patched.site.most_mentioned[0] == "sergei-shoigu"
    assert patched.changed["most_mentioned"] == (None,)
    assert_same_site(patched.site, index(cfg, limit)[0])


def test_fewer_mentions_of_a_listed_entity_resort_the_list(tiny):
    cfg, _, _, _ = tiny
    site, resolution = index(cfg, 2)
    state = IndexState.of(site)
    meta, _, _ = frontmatter.split(TINY_ARTICLES["kim-missiles"])
    text = frontmatter.dump(meta, "Officials toured factories.\n\n"
                                  "Sergei Shoigu met Sergei Shoigu's aides in Pyongyang, "
                                  "and Pyongyang welcomed Sergei Shoigu.")
    patched = edit(cfg, site, state, resolution, "kim-missiles", text, 2)
    assert patched is not None
    assert "kim-missiles" not in patched.site.entities["kim-jong-un"].mentions  # listed, unquoted
    assert patched.site.entities["kim-jong-un"].articles == site.entities["kim-jong-un"].articles
    assert site.most_mentioned == ("kim-jong-un", "pyongyang")
    # 4 mentions each now; Pyongyang is in more stories
    assert patched.site.most_mentioned == ("pyongyang", "sergei-shoigu")
    assert_same_site(patched.site, index(cfg, 2)[0])


def test_a_name_of_an_existing_entity_added_to_an_article(tiny):
    cfg, site, _, state = tiny
    meta, body, _ = frontmatter.split(TINY_ARTICLES["seoul-drills"])
    meta["entities"] = [*meta["entities"], {"name": "Sergei Shoigu", "type": "person"}]
    text = frontmatter.dump(meta, body + "\n\nSergei Shoigu is expected to comment.\n")
    (cfg.content / "articles" / "seoul-drills.md").write_text(text, encoding="utf-8")
    fresh, after = index(cfg)
    assert set(fresh.entities) == set(site.entities)  # precondition: no page appears
    patched = edit(cfg, site, state, after, "seoul-drills", text)
    assert patched is not None
    changed = patched.changed
    assert changed["article_entities"] == ("seoul-drills",)
    assert changed["surfaces"] == ("seoul-drills",)
    assert "sergei-shoigu" in changed["entities"]
    assert patched.site.entities["sergei-shoigu"].articles == (
        "kim-missiles", "seoul-drills", "shoigu-visit")  # in site order, newest first
    assert list(patched.site.entities["sergei-shoigu"].mentions) == [
        "kim-missiles", "seoul-drills", "shoigu-visit"]
    assert_same_site(patched.site, fresh)
    # the state now describes the patched site
    assert state_view(state) == state_view(IndexState.of(fresh))


def test_patches_chain(tiny):
    """Each patch starts from the last patched site and the state it updated."""
    cfg, site, resolution, state = tiny
    first = edit(cfg, site, state, resolution, "kim-missiles",
                 TINY_ARTICLES["kim-missiles"].replace("watch closely", "watch very closely"))
    assert first is not None
    second = edit(cfg, first.site, state, resolution, "seoul-drills",
                  TINY_ARTICLES["seoul-drills"].replace("will start", "have started"))
    assert second is not None
    third = edit(cfg, second.site, state, resolution, "kim-missiles",
                 TINY_ARTICLES["kim-missiles"])  # and back
    assert third is not None
    assert_same_site(third.site, index(cfg)[0])
    assert third.site.bodies["kim-missiles"] == site.bodies["kim-missiles"]


# -- refusals -------------------------------------------------------------------------------------

def refused(cfg, site, state, resolution, slug, text) -> None:
    before = copy.deepcopy(state_view(state))
    assert edit(cfg, site, state, resolution, slug, text) is None
    assert state_view(state) == before  # untouched when the caller must index again


@pytest.mark.parametrize("dropped", ["Pyongyang", "United States"])
def test_dropping_a_name_is_refused(tiny, dropped):
    """Pyongyang keeps its page (other stories name it) and United States would lose
    its only story: either way only a full index is exact."""
    cfg, site, _, state = tiny
    meta, body, _ = frontmatter.split(TINY_ARTICLES["seoul-drills"])
    meta["entities"] = [e for e in meta["entities"] if e["name"] != dropped]
    text = frontmatter.dump(meta, body)
    (cfg.content / "articles" / "seoul-drills.md").write_text(text, encoding="utf-8")
    refused(cfg, site, state, index(cfg)[1], "seoul-drills", text)


def test_a_name_with_no_page_yet_is_refused(tiny):
    cfg, site, _, state = tiny
    meta, body, _ = frontmatter.split(TINY_ARTICLES["seoul-drills"])
    meta["entities"] = [*meta["entities"], {"name": "Moon Jae-in", "type": "person"}]
    text = frontmatter.dump(meta, body + "\n\nMoon Jae-in watched.\n")
    (cfg.content / "articles" / "seoul-drills.md").write_text(text, encoding="utf-8")
    fresh, after = index(cfg)
    assert "moon-jae-in" in fresh.entities and "moon-jae-in" not in site.entities
    refused(cfg, site, state, after, "seoul-drills", text)


def test_a_name_resolving_to_another_entity_is_refused(tiny):
    """Surfaces that now point elsewhere are a drop plus an add."""
    cfg, site, resolution, state = tiny
    surfaces = {**resolution.by_article["seoul-drills"], "United States": "kcna"}
    moved = EntityResolution(resolution.entities,
                             {**resolution.by_article, "seoul-drills": surfaces})
    refused(cfg, site, state, moved, "seoul-drills", TINY_ARTICLES["seoul-drills"])


# -- the repo's own corpus ------------------------------------------------------------------------

@pytest.fixture
def corpus(make_project):
    cfg = make_project(articles={}, settings=SETTINGS)
    for path in sorted((REPO / "content" / "articles").glob("*.md")):
        shutil.copy(path, cfg.content / "articles" / path.name)
    if (REPO / "content" / "entities").is_dir():
        shutil.copytree(REPO / "content" / "entities", cfg.content / "entities")
    if not frontmatter.documents(cfg.content / "articles"):
        pytest.skip("content/articles is empty")
    return cfg


def test_body_edits_on_the_example_corpus_equal_a_fresh_index(corpus):
    site, resolution = index(corpus)
    state = IndexState.of(site)
    # the most-quoted stories: their edits touch the most entity entries
    busiest = sorted(site.order, key=lambda a: -sum(
        1 for e in site.article_entities[a] if a in site.entities[e].mentions))[:2]
    assert busiest and site.article_entities[busiest[0]]
    for slug in busiest:
        path = corpus.content / "articles" / f"{slug}.md"
        meta, body, _ = frontmatter.split(path.read_text(encoding="utf-8"))
        name = next(s for s, e in resolution.by_article[slug].items()
                    if e == site.article_entities[slug][0])
        paragraphs = body.strip().split("\n\n")
        new_body = "\n\n".join([paragraphs[-1], f"Later, {name} spoke again.", *paragraphs[:-1]])
        patched = edit(corpus, site, state, resolution, slug, frontmatter.dump(meta, new_body))
        assert patched is not None, slug
        assert site.article_entities[slug][0] in patched.changed["entities"]
        site = patched.site
    assert_same_site(site, index(corpus)[0])
