"""briefgen.build.deps: what a page read, and the digests its fingerprint is made of.

The site is the tiny three-article project of ``conftest.py``, indexed for
real (:func:`briefgen.build.run.prepare`); templates are small ones written
into the project, so the recorded reads are known exactly.
"""

from __future__ import annotations

import pytest

from briefgen.build import pipeline
from briefgen.build.deps import (ABSENT, ALL, PageDigests, RecordingSite, SiteDigests, digest,
                                 fingerprint, template_digest)
from briefgen.build.run import prepare
from briefgen.render.pages import render_page
from briefgen.render.plan import SitePage

from conftest import TINY_ARTICLES

SETTINGS = "title: Deps\nsearch: false\n"

# seoul-drills with a new title: front matter only, same names, same body
RETITLED = TINY_ARTICLES["seoul-drills"].replace("Allies prepare summer drills",
                                                 "Allies prepare autumn drills")
# kim-missiles with its first paragraph rewritten: same front matter, a new sentence naming Kim
KIM_BODY_EDIT = TINY_ARTICLES["kim-missiles"].replace(
    "North Korean leader Kim Jong Un toured munitions factories.",
    "North Korean leader Kim Jong Un inspected a shipyard on Tuesday.")


@pytest.fixture
def tiny(make_project):
    cfg = make_project(settings=SETTINGS)
    return cfg, prepare(cfg)


def rewrite(cfg, slug: str, text: str):
    (cfg.content / "articles" / f"{slug}.md").write_text(text, encoding="utf-8")
    return prepare(cfg)


def digests_of(cfg, prepared) -> SiteDigests:
    return pipeline.site_digests(prepared, pipeline.environment(cfg))


# -- RecordingSite ------------------------------------------------------------------------------

def test_getitem_get_and_in_record_exactly_the_keys_read(tiny):
    _, prepared = tiny
    site = prepared.site
    rec = RecordingSite(site)
    assert rec.articles["kim-missiles"] is site.articles["kim-missiles"]
    assert rec.articles.get("seoul-drills") is site.articles["seoul-drills"]
    assert rec.articles.get("no-such-story", "dflt") == "dflt"
    assert ("weapons" in rec.topics) is True
    assert ("gardening" in rec.topics) is False
    assert rec.ledes["seoul-drills"] == site.ledes["seoul-drills"]
    assert set(rec.take()) == {
        ("articles", "kim-missiles", None), ("articles", "seoul-drills", None),
        ("articles", "no-such-story", None),  # a miss is a read too: the key may appear later
        ("topics", "weapons", None), ("topics", "gardening", None),
        ("ledes", "seoul-drills", None)}
    assert rec.take() == ()  # take() starts a new page


def test_take_is_sorted_and_deduplicated(tiny):
    rec = RecordingSite(tiny[1].site)
    for _ in range(3):
        rec.articles["shoigu-visit"]
        rec.articles["kim-missiles"]
    deps = rec.take()
    assert deps == tuple(sorted({("articles", "shoigu-visit", None),
                                 ("articles", "kim-missiles", None)}, key=repr))


def test_iteration_and_len_record_all(tiny):
    site = tiny[1].site
    rec = RecordingSite(site)
    assert list(rec.articles) == list(site.articles)
    assert rec.take() == (("articles", ALL, None),)
    assert len(rec.months) == len(site.months)
    assert rec.take() == (("months", ALL, None),)
    # values() iterates (ALL) and then looks every key up
    assert list(rec.topics.values()) == list(site.topics.values())
    assert set(rec.take()) == {("topics", ALL, None), *(("topics", t, None) for t in site.topics)}


def test_plain_fields_record_the_field_as_a_whole(tiny):
    site = tiny[1].site
    rec = RecordingSite(site)
    assert rec.order == site.order
    assert rec.most_mentioned == site.most_mentioned
    assert set(rec.take()) == {("order", None, None), ("most_mentioned", None, None)}


def test_entity_lookups_record_membership_and_each_attribute_read(tiny):
    site = tiny[1].site
    rec = RecordingSite(site)
    entry = rec.entities["pyongyang"]
    assert rec.take() == (("entities", "pyongyang", ABSENT),)  # only that it exists
    assert entry.entity is site.entities["pyongyang"].entity
    assert entry.articles == ("kim-missiles", "seoul-drills", "shoigu-visit")
    assert set(rec.take()) == {("entities", "pyongyang", "entity"),
                               ("entities", "pyongyang", "articles")}
    assert "kcna" in rec.entities and "nobody" not in rec.entities
    assert rec.entities.get("nobody") is None
    assert set(rec.take()) == {("entities", "kcna", ABSENT), ("entities", "nobody", ABSENT)}
    # equality, hashing and repr need the whole entry
    assert entry == site.entities["pyongyang"]
    assert rec.take() == (("entities", "pyongyang", None),)


def test_mentions_are_recorded_per_article(tiny):
    site = tiny[1].site
    rec = RecordingSite(site)
    mentions = rec.entities["pyongyang"].mentions
    rec.take()  # the entry lookup
    assert mentions["seoul-drills"] == site.entities["pyongyang"].mentions["seoul-drills"]
    assert mentions.get("nowhere") is None
    assert "kim-missiles" in mentions
    assert set(rec.take()) == {("entities", "pyongyang", ("mentions", "seoul-drills")),
                               ("entities", "pyongyang", ("mentions", "nowhere")),
                               ("entities", "pyongyang", ("mentions", "kim-missiles"))}
    assert sorted(mentions) == ["kim-missiles", "seoul-drills", "shoigu-visit"]
    assert len(mentions) == 3
    assert rec.take() == (("entities", "pyongyang", "mentions"),)  # every article's quotes


def test_recording_environment_records_extends_include_and_import(make_project):
    cfg = make_project(settings=SETTINGS, files={
        "templates/t_base.html": "<main>{% block body %}{% endblock %}</main>\n",
        "templates/t_page.html": (
            '{% extends "t_base.html" %}{% import "t_macros.html" as m %}'
            '{% block body %}{{ m.title(site.articles["kim-missiles"]) }}'
            '{% include "t_part.html" %}{% endblock %}\n'),
        "templates/t_macros.html": "{% macro title(a) %}<h1>{{ a.title }}</h1>{% endmacro %}\n",
        "templates/t_part.html": "<p>{{ site.order | length }}</p>\n",
        "templates/t_lonely.html": "never loaded\n",
    })
    site = prepare(cfg).site
    env = pipeline.environment(cfg)
    env.get_template("t_part.html")  # not watched yet: not recorded
    rec = RecordingSite(site)
    rec.watch(env)
    html = env.get_template("t_page.html").render(site=rec)
    assert html == "<main><h1>Kim Jong Un orders more missiles</h1><p>3</p>\n</main>\n"
    assert set(rec.take()) == {
        ("template", "t_page.html", None), ("template", "t_base.html", None),
        ("template", "t_macros.html", None), ("template", "t_part.html", None),
        ("articles", "kim-missiles", None), ("order", None, None)}
    env.get_template("t_page.html").render(site=rec)  # cached templates are recorded again
    assert ("template", "t_base.html", None) in rec.take()


def test_an_article_page_depends_on_its_entities_names_not_their_quotes(tiny):
    """Another story quoting Pyongyang must not re-render this article's page."""
    cfg, prepared = tiny
    env = pipeline.environment(cfg)
    rec = RecordingSite(prepared.site)
    rec.watch(env)
    page = next(p for p in prepared.pages if p.url == "articles/seoul-drills/")
    render_page(env, page, rec, cfg, False)
    deps = set(rec.take())
    assert {("articles", "seoul-drills", None), ("bodies", "seoul-drills", None),
            ("entities", "pyongyang", "entity"), ("entities", "united-states", "entity"),
            ("template", "article.html", None)} <= deps
    entity_reads = {d for d in deps if d[0] == "entities"}
    assert all(d[2] in (ABSENT, "entity") for d in entity_reads), entity_reads
    assert ("bodies", "kim-missiles", None) not in deps


def test_template_digest_follows_the_file_a_name_resolves_to(make_project):
    cfg = make_project(settings=SETTINGS)
    theme_base = template_digest(pipeline.environment(cfg), "base.html")
    assert template_digest(pipeline.environment(cfg), "no-such.html") == ABSENT
    override = cfg.project / "templates" / "base.html"
    override.parent.mkdir()
    override.write_text("<html>{% block content %}{% endblock %}</html>\n", encoding="utf-8")
    mine = template_digest(pipeline.environment(cfg), "base.html")
    assert mine != theme_base and mine != ABSENT
    override.write_text("<html>{% block content %}{% endblock %}!</html>\n", encoding="utf-8")
    assert template_digest(pipeline.environment(cfg), "base.html") not in (mine, theme_base)


# -- SiteDigests --------------------------------------------------------------------------------

def test_a_front_matter_edit_changes_only_that_articles_digest_and_all(tiny):
    cfg, before = tiny
    after = rewrite(cfg, "seoul-drills", RETITLED)
    d1, d2 = digests_of(cfg, before), digests_of(cfg, after)
    for slug in TINY_ARTICLES:
        dep = ("articles", slug, None)
        assert (d1.of(dep) != d2.of(dep)) == (slug == "seoul-drills"), slug
    assert d1.of(("articles", ALL, None)) != d2.of(("articles", ALL, None))
    assert d1.of(("order", None, None)) == d2.of(("order", None, None))
    assert d1.of(("bodies", "kim-missiles", None)) == d2.of(("bodies", "kim-missiles", None))
    for slug in before.site.entities:  # the title is no entity's business
        assert d1.of(("entities", slug, None)) == d2.of(("entities", slug, None)), slug


def test_a_body_edit_changes_the_body_and_that_articles_quotes_only(tiny):
    cfg, before = tiny
    after = rewrite(cfg, "kim-missiles", KIM_BODY_EDIT)
    d1, d2 = digests_of(cfg, before), digests_of(cfg, after)
    changed = lambda dep: d1.of(dep) != d2.of(dep)  # noqa: E731
    assert not changed(("articles", "kim-missiles", None))  # front matter is the same
    assert changed(("bodies", "kim-missiles", None))
    assert not changed(("bodies", "shoigu-visit", None))
    assert changed(("entities", "kim-jong-un", ("mentions", "kim-missiles")))
    assert not changed(("entities", "kim-jong-un", ("mentions", "shoigu-visit")))
    assert not changed(("entities", "pyongyang", ("mentions", "kim-missiles")))
    assert changed(("entities", "kim-jong-un", "mentions"))
    assert not changed(("entities", "kim-jong-un", "entity"))
    assert not changed(("entities", "kim-jong-un", ABSENT))


def test_digests_of_absent_and_present_keys(tiny):
    cfg, prepared = tiny
    d = digests_of(cfg, prepared)
    site = prepared.site
    assert d.of(("articles", "no-such-story", None)) == ABSENT
    assert d.of(("entities", "nobody", ABSENT)) == ABSENT
    assert d.of(("entities", "kcna", ABSENT)) == "present"
    assert d.of(("entities", "kcna", ("mentions", "seoul-drills"))) == ABSENT  # not quoted there
    assert d.of(("articles", "kim-missiles", None)) == prepared.article_metas["kim-missiles"]
    assert d.of(("bodies", "kim-missiles", None)) == prepared.article_digests["kim-missiles"]
    assert d.of(("order", None, None)) == digest(repr(site.order))
    assert d.of(("ledes", "seoul-drills", None)) == digest(repr(site.ledes["seoul-drills"]))
    assert d.of(("entities", "kcna", "articles")) == digest(repr(("kim-missiles",)))
    assert d.of(("articles", ALL, None)) == digest("\n".join(
        f"{s}={prepared.article_metas[s]}" for s in site.articles))
    assert d.line(("order", None, None)) == f"{('order', None, None)!r}={d.of(('order', None, None))}"
    assert SiteDigests(site, {}).of(("template", "base.html", None)) == ABSENT


def test_quote_digests_without_cached_mention_keys_hash_the_sentences(tiny):
    """With no cached per-article quote digests, the sentences themselves are hashed."""
    cfg, before = tiny
    after = rewrite(cfg, "kim-missiles", KIM_BODY_EDIT)
    d1 = SiteDigests(before.site, before.article_metas)
    d2 = SiteDigests(after.site, after.article_metas)
    quote = ("entities", "kim-jong-un", ("mentions", "kim-missiles"))
    assert d1.of(quote) == digest(repr(before.site.entities["kim-jong-un"].mentions["kim-missiles"]))
    assert d1.of(quote) != d2.of(quote)
    other = ("entities", "kim-jong-un", ("mentions", "shoigu-visit"))
    assert d1.of(other) == d2.of(other)
    assert d1.of(("entities", "kim-jong-un", None)) != d2.of(("entities", "kim-jong-un", None))


def test_successor_reuses_unchanged_digests_and_recomputes_changed_ones(tiny):
    cfg, before = tiny
    after = rewrite(cfg, "seoul-drills", RETITLED)
    d1 = digests_of(cfg, before)
    fresh = digests_of(cfg, after)
    d2 = d1.successor(after.site, after.article_metas, after.mention_keys, after.article_digests,
                      [("articles", "seoul-drills"), ("articles", ALL)])
    for dep in [("articles", "seoul-drills", None), ("articles", ALL, None),
                ("articles", "kim-missiles", None), ("order", None, None),
                ("entities", "pyongyang", None), ("template", "base.html", None)]:
        assert d2.of(dep) == fresh.of(dep), dep
    assert d2.of(("articles", "seoul-drills", None)) != d1.of(("articles", "seoul-drills", None))


def test_successor_trusts_the_changed_list(tiny):
    """A part not listed as changed keeps its old digest, even if it did change: the
    digest is reused, not recomputed (the caller's list is the contract)."""
    cfg, before = tiny
    rewrite(cfg, "seoul-drills", RETITLED)
    after = rewrite(cfg, "kim-missiles", KIM_BODY_EDIT.replace("orders more", "orders many"))
    d1 = digests_of(cfg, before)
    old_kim = d1.of(("articles", "kim-missiles", None))
    d2 = d1.successor(after.site, after.article_metas, after.mention_keys, after.article_digests,
                      [("articles", "seoul-drills"), ("articles", ALL)])
    assert d2.of(("articles", "kim-missiles", None)) == old_kim  # reused
    assert digests_of(cfg, after).of(("articles", "kim-missiles", None)) != old_kim
    # the predecessor still answers from its own site, and is no longer chained
    d3 = d2.successor(after.site, after.article_metas, after.mention_keys, after.article_digests,
                      [("articles", "kim-missiles")])
    assert d3.of(("articles", "kim-missiles", None)) == after.article_metas["kim-missiles"]
    assert d2.of(("order", None, None)) == digest(repr(after.site.order))


# -- PageDigests and fingerprints ---------------------------------------------------------------

def test_page_digests_are_stable_for_equal_pages_and_differ_for_different_ones():
    pd = PageDigests()
    a = SitePage("topic", "topics/x/", "topic.html", "X", {"pager": (1, 2), "feed": "f.xml"})
    same = SitePage("topic", "topics/x/", "topic.html", "X", {"pager": (1, 2), "feed": "f.xml"})
    assert pd.of(a) == pd.of(same) == PageDigests().of(a)
    variants = [
        SitePage("topic", "topics/x/", "topic.html", "X", {"pager": (1, 3), "feed": "f.xml"}),
        SitePage("topic", "topics/x/", "topic.html", "X", {"pager": (1, 2)}),
        SitePage("topic", "topics/x/", "topic.html", "Y", {"pager": (1, 2), "feed": "f.xml"}),
        SitePage("topic", "topics/y/", "topic.html", "X", {"pager": (1, 2), "feed": "f.xml"}),
        SitePage("topic", "topics/x/", "term.html", "X", {"pager": (1, 2), "feed": "f.xml"}),
        SitePage("term", "topics/x/", "topic.html", "X", {"pager": (1, 2), "feed": "f.xml"}),
        SitePage("topic", "topics/x/", "topic.html", "X", {"pager": (1, 2), "feed": "f.xml"},
                 searchable=True),
    ]
    found = {pd.of(v) for v in variants}
    assert len(found) == len(variants) and pd.of(a) not in found


def test_an_entity_entry_in_a_page_context_is_digested_by_its_slug(tiny):
    """Its parts are read (and keyed) through the site, so the page record holds only its name."""
    cfg, before = tiny
    after = rewrite(cfg, "kim-missiles", KIM_BODY_EDIT)
    old, new = before.site.entities["kim-jong-un"], after.site.entities["kim-jong-un"]
    assert old != new
    page = lambda entry: SitePage("entity", "entities/kim-jong-un/", "entity.html",  # noqa: E731
                                  "Kim Jong Un", {"entry": entry})
    assert PageDigests().of(page(old)) == PageDigests().of(page(new))
    other = before.site.entities["kcna"]
    assert PageDigests().of(page(old)) != PageDigests().of(page(other))


def test_fingerprint_changes_when_and_only_when_a_dependency_digest_changes(tiny):
    cfg, before = tiny
    after = rewrite(cfg, "seoul-drills", RETITLED)
    d1, d2 = digests_of(cfg, before), digests_of(cfg, after)
    reads_other = [("articles", "kim-missiles", None), ("order", None, None),
                   ("entities", "pyongyang", ("mentions", "seoul-drills"))]
    reads_edited = [*reads_other, ("articles", "seoul-drills", None)]
    assert fingerprint("g", "p", reads_other, d1) == fingerprint("g", "p", reads_other, d2)
    assert fingerprint("g", "p", reads_edited, d1) != fingerprint("g", "p", reads_edited, d2)
    assert fingerprint("g", "p", reads_other, d1) != fingerprint("g2", "p", reads_other, d1)
    assert fingerprint("g", "p", reads_other, d1) != fingerprint("g", "p2", reads_other, d1)
    assert fingerprint("g", "p", reads_other, d1) != fingerprint("g", "p", reads_edited, d1)


def test_fingerprint_follows_a_template_edit(make_project):
    cfg = make_project(settings=SETTINGS, files={"templates/t.html": "one\n"})
    prepared = prepare(cfg)
    deps = [("template", "t.html", None), ("order", None, None)]
    first = fingerprint("g", "p", deps, digests_of(cfg, prepared))
    assert fingerprint("g", "p", deps, digests_of(cfg, prepared)) == first
    (cfg.project / "templates" / "t.html").write_text("two\n", encoding="utf-8")
    assert fingerprint("g", "p", deps, digests_of(cfg, prepared)) != first
    assert fingerprint("g", "p", deps[1:], digests_of(cfg, prepared)) == fingerprint(
        "g", "p", deps[1:], SiteDigests(prepared.site, prepared.article_metas))

