"""The preview's warm rebuilds: patched in memory, and still byte for byte a full build.

Each step edits the project the way a person does while ``briefgen serve``
runs, rebuilds through :class:`LiveSite`, and compares ``site/`` with a cold
build of a copy. Text and non-structural front-matter edits must take the
in-memory patch; structural ones (an entity added, a template) the full pass.
"""

from __future__ import annotations

import random

import pytest

from briefgen import frontmatter
from briefgen.build import build_site
from briefgen.errors import BriefgenError
from briefgen.build.warm import LiveSite
from briefgen.build.output import STAGING_MARK

from conftest import article_text
from test_incremental import assert_same_as_cold, project, tree  # noqa: F401 - fixture


def _edit(path, change) -> None:
    meta, body, _ = frontmatter.split(path.read_text(encoding="utf-8"), path)
    meta, body = change(meta, body)
    path.write_text(frontmatter.dump(meta, body), encoding="utf-8")


@pytest.mark.slow
def test_warm_rebuilds_patch_edits_and_equal_a_cold_build(project, tmp_path):  # noqa: F811 - the fixture
    cfg = project
    articles = cfg.content / "articles"
    live = LiveSite(cfg)
    first = live.rebuild()
    assert not live.patched and first.rendered == first.pages

    # 1. a sentence naming an entity the story already lists: a patch, a handful of pages
    path = articles / "gen-4.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nAda Moreau spoke again.\n",
                    encoding="utf-8")
    report = live.rebuild([str(path)])
    assert live.patched and 0 < report.rendered < 10, report
    assert_same_as_cold(cfg, tmp_path)
    # the manifest it left is the truth: a CLI build afterwards finds nothing to render
    assert build_site(cfg).rendered == 0

    # 2. title and dek (non-structural front matter), found by statting every file
    _edit(path, lambda m, b: ({**m, "title": "Story four, retitled", "dek": "A new dek."}, b))
    report = live.rebuild()
    assert live.patched and report.changed > 1
    site = assert_same_as_cold(cfg, tmp_path)
    assert b"Story four, retitled" in site["index.html"] or b"Story four, retitled" in site[
        "articles/gen-4/index.html"]

    # 3. the body loses every sentence quoting its entities: their quotes vanish
    _edit(path, lambda m, b: (m, "Nothing to quote here."))
    live.rebuild([str(path)])
    assert live.patched
    assert_same_as_cold(cfg, tmp_path)

    # 4. a YAML mistake: an error naming file and line; the site stays; the fix is patched
    good = path.read_text(encoding="utf-8")
    before = tree(cfg.site)
    path.write_text(good.replace("title:", "title: [unclosed\nx:", 1), encoding="utf-8")
    with pytest.raises(BriefgenError) as info:
        live.rebuild([str(path)])
    assert info.value.path is not None and "gen-4.md" in str(info.value.path)
    assert info.value.line is not None
    assert tree(cfg.site) == before
    path.write_text(good.replace("Nothing to quote", "Still nothing to quote"), encoding="utf-8")
    live.rebuild([str(path)])
    assert live.patched
    assert_same_as_cold(cfg, tmp_path)

    # 5. a name another story already has, added to this one: patched into the index
    #    (its page lists the story, related coverage and co-mentions follow)
    gen0 = articles / "gen-0.md"
    _edit(gen0, lambda m, b: ({**m, "entities": [*m["entities"], {"name": "Bo Lindqvist",
                                                                   "type": "person"}]},
                              b + "\nBo Lindqvist came too."))
    report = live.rebuild([str(gen0)])
    assert live.patched, report
    site = assert_same_as_cold(cfg, tmp_path)
    assert b"articles/gen-0/" in b"".join(data for rel, data in site.items()
                                           if rel.startswith("entities/bo-lindqvist/"))
    # the same, when the entity's list grows a page: the plan changes, so a full pass
    _edit(articles / "gen-6.md", lambda m, b: (
        {**m, "entities": [*m["entities"], {"name": "Harbour Council", "type": "organization"}]},
        b))
    live.rebuild([str(articles / "gen-6.md")])
    assert not live.patched
    assert "entities/harbour-council/page/2/index.html" in assert_same_as_cold(cfg, tmp_path)

    # 6. structural: a new entity takes the full pass, and the new page appears
    _edit(path, lambda m, b: ({**m, "entities": [*m["entities"], {"name": "Ferry Guild",
                                                                   "type": "organization"}]},
                              b + "\nFerry Guild agreed."))
    live.rebuild([str(path)])
    assert not live.patched
    assert "entities/ferry-guild/index.html" in assert_same_as_cold(cfg, tmp_path)

    # 7. a template override, then patches keep using it
    override = cfg.project / "templates" / "article.html"
    override.parent.mkdir(exist_ok=True)
    override.write_text("{% extends 'base.html' %}{% block content %}<h1>{{ article.title }}"
                        "</h1>{{ body }}{% endblock %}", encoding="utf-8")
    live.rebuild([str(override)])
    assert not live.patched
    other = articles / "gen-5.md"
    other.write_text(other.read_text(encoding="utf-8") + "\nBo Lindqvist and Ada Moreau left.\n",
                     encoding="utf-8")
    live.rebuild([str(other)])
    assert live.patched
    assert_same_as_cold(cfg, tmp_path)

    # 8. a new article is not in the warm build: the full pass takes it
    (articles / "gen-new.md").write_text(path.read_text(encoding="utf-8").replace(
        "Story four, retitled", "A brand new story"), encoding="utf-8")
    live.rebuild([str(articles / "gen-new.md")])
    assert not live.patched
    assert "articles/gen-new/index.html" in assert_same_as_cold(cfg, tmp_path)


def test_a_body_edit_renders_only_the_pages_that_show_it(project):  # noqa: F811 - the fixture
    cfg = project
    live = LiveSite(cfg)
    live.rebuild()
    path = cfg.content / "articles" / "gen-2.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nA sentence naming nobody.\n",
                    encoding="utf-8")
    report = live.rebuild([str(path)])
    assert live.patched
    # its own page and the one feed that lists it (feeds carry the body); no quote changed
    assert report.rendered == 2 and report.changed == 2


@pytest.mark.slow
def test_many_patched_edits_on_a_larger_corpus_equal_a_cold_build(make_project, tmp_path):
    """Random edits of every patchable kind on 150 stories sharing 40 names and 12 topics.

    Related coverage, co-mentions, the most-mentioned list, topic leaders and
    list pagination all move with these edits; the site must stay equal to a
    cold build, and (almost) every edit must take the in-memory patch.
    """
    rng = random.Random(11)
    names = [(f"Person {chr(65 + i)}{chr(97 + i)}", "person") for i in range(20)]
    names += [(f"Harbour Board {i}", "organization") for i in range(12)]
    names += [(f"Port Town {i}", "place") for i in range(8)]
    weights = [1 / (1 + i) for i in range(len(names))]
    topics = [f"Subject {i}" for i in range(12)]
    articles = {}
    chosen: dict[str, list[tuple[str, str]]] = {}
    for i in range(150):
        mine = list(dict.fromkeys(rng.choices(names, weights, k=rng.randint(2, 5))))
        chosen[f"s-{i}"] = mine
        body = "\n\n".join(f"{n} spoke about matter {i}-{k}. The talks went on."
                           for k, (n, _) in enumerate(mine))
        articles[f"s-{i}"] = article_text(
            f"Story {i}", body, published=f"2024-{1 + i % 12:02d}-{1 + i % 27:02d}T08:00:00+00:00",
            publisher="Wire", topics=rng.sample(topics, rng.randint(1, 3)),
            entities=[{"name": n, "type": t} for n, t in mine])
    cfg = make_project(articles, settings="title: Big\nsearch: false\nper_page: 7\nfeed_items: 4\n")
    live = LiveSite(cfg)
    live.rebuild()
    patched = 0
    for step in range(18):
        slug = f"s-{rng.randrange(150)}"
        path = cfg.content / "articles" / f"{slug}.md"
        kind = step % 3
        if kind == 0:  # text naming another of its names
            name = rng.choice(chosen[slug])[0]
            _edit(path, lambda m, b: (m, b + f"\n\n{name} added a word at step {step}."))
        elif kind == 1:  # title and dek
            _edit(path, lambda m, b: ({**m, "title": f"Story {slug} at step {step}",
                                       "dek": f"Dek {step}."}, b))
        else:  # a name other stories already list
            extra = next(n for n in rng.sample(names, len(names)) if n not in chosen[slug])
            chosen[slug].append(extra)
            _edit(path, lambda m, b: ({**m, "entities": [*m["entities"], {"name": extra[0],
                                                                          "type": extra[1]}]},
                                      b + f"\n\n{extra[0]} joined at step {step}."))
        live.rebuild([str(path)])
        patched += live.patched
        if step % 6 == 5:
            assert_same_as_cold(cfg, tmp_path)
    assert patched >= 14, patched  # a list growing a page takes the full pass


def test_search_is_reindexed_after_the_save_not_during_it(make_project):
    """A patched save publishes at once; Pagefind then runs in the background and its new
    index replaces the old one (a page the save renamed is found by its new words)."""
    cfg = make_project(settings="title: Searchable\n")
    lines: list[str] = []
    live = LiveSite(cfg, log=lines.append)
    first = live.rebuild()
    assert first.search_indexed
    entry = cfg.site / "pagefind" / "pagefind-entry.json"
    before = entry.read_bytes()
    path = cfg.content / "articles" / "seoul-drills.md"
    _edit(path, lambda m, b: (m, b + "\n\nZanzibarite observers joined the drills."))
    report = live.rebuild([str(path)])
    assert live.patched and report.changed >= 1
    assert live.search.wait(60)
    assert any(line.startswith("search index updated") for line in lines), lines
    assert entry.read_bytes() != before  # a new index, with the new words in it
    assert not [p for p in cfg.site.parent.iterdir() if STAGING_MARK in p.name]  # cleaned up
