"""Corpus-wide entity resolution: what joins across articles, what stays apart, and curation."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.config import EntityRules
from briefgen.ingest.entities.extract import extract_entities
from briefgen.index.resolve import resolve_entities
from briefgen.model import Article, CuratedEntity, Entity

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/data is not there")


def article(slug: str, *entities: Entity) -> Article:
    return Article(slug=slug, title=slug, path=Path(f"content/articles/{slug}.md"),
                   entities=entities)


def curated(slug: str, name: str, etype: str | None = None, aliases: tuple[str, ...] = (),
            description: str = "", not_: tuple[str, ...] = ()) -> CuratedEntity:
    return CuratedEntity(slug=slug, name=name, type=etype, aliases=aliases, description=description,
                         not_=not_, path=Path(f"content/entities/{slug}.md"))


def seed_article() -> Article:
    text = (ROOT / "seeds" / "000_57e3a4ad35af1eec.txt").read_text(encoding="utf-8")
    start = text.index("North Korean leader Kim Jong Un made another inspection tour")
    end = text.index("pandemic-related economic difficulties.") + len("pandemic-related economic difficulties.")
    title = "Kim Jong Un orders increased missile production ahead of US-S Korea drills"
    return Article(slug="kim-orders-missiles", title=title, path=Path("seed.md"),
                   entities=extract_entities(title, text[start:end], dateline="Seoul", agency="AP"))


def wikinews_articles() -> list[Article]:
    found = []
    for path in sorted((SHARED / "wikinews-korea").glob("*.txt")) + [SHARED / "wikinews" / "GUM_news_korea.txt"]:
        lines = path.read_text(encoding="utf-8").splitlines()
        body = "\n".join(lines[2:])
        found.append(Article(slug=path.stem.lower(), title=lines[0], path=path,
                             entities=extract_entities(lines[0], body)))
    return found


def slug_of(resolution, article_slug: str, surface: str) -> str:
    return resolution.by_article[article_slug][surface]


@needs_shared
def test_three_kims_stay_three_people_across_the_corpus():
    articles = [seed_article(), *wikinews_articles()]
    res = resolve_entities(articles)
    names = {e.name: slug for slug, e in res.entities.items()}
    assert {"Kim Jong Un", "Kim Jong Nam", "Kim Jong Il"} <= set(names)
    assert len({names["Kim Jong Un"], names["Kim Jong Nam"], names["Kim Jong Il"]}) == 3
    # a bare "Kim" resolves inside its own article only
    assert slug_of(res, "kim-orders-missiles", "Kim") == names["Kim Jong Un"]
    nam = "wikinews_kim_jong_nam_vx_testimony_2017"
    assert slug_of(res, nam, "Kim") == names["Kim Jong Nam"]
    # "Kim Jong-un" (2012, 2015) is the same man as "Kim Jong Un" (2017, 2023)
    assert slug_of(res, "wikinews_rocket_launch_rebuke_2012", "Kim Jong-un") == names["Kim Jong Un"]
    assert slug_of(res, "gum_news_korea", "Kim Jong-un") == names["Kim Jong Un"]
    # KCNA from the seed and the written-out name elsewhere are one agency
    kcna = slug_of(res, "kim-orders-missiles", "KCNA")
    assert slug_of(res, "wikinews_japan_constitution_nk_reaction_2014", "Korean Central News Agency") == kcna
    assert slug_of(res, "gum_news_korea", "KCNA") == kcna


def test_one_word_person_alias_never_joins_another_article():
    res = resolve_entities([
        article("a", Entity("Kim Jong Un", "person", ("Kim",))),
        article("b", Entity("Kim Jong Nam", "person", ("Kim",))),
        article("c", Entity("Kim", "person")),
    ])
    assert len(res.entities) == 3
    assert slug_of(res, "a", "Kim") != slug_of(res, "b", "Kim")
    assert slug_of(res, "c", "Kim") not in {slug_of(res, "a", "Kim"), slug_of(res, "b", "Kim")}


def test_specific_aliases_join_and_the_longest_form_names_the_entity():
    res = resolve_entities([
        article("a", Entity("Korean Central News Agency", "organization", ("KCNA",))),
        article("b", Entity("KCNA", "organization")),
        article("c", Entity("Kim Jong-un", "person")),
        article("d", Entity("Kim Jong Un", "person", ("Kim",))),
        article("e", Entity("Kim Jong Un", "person")),
    ])
    assert slug_of(res, "a", "KCNA") == slug_of(res, "b", "KCNA")
    assert res.entities[slug_of(res, "b", "KCNA")].name == "Korean Central News Agency"
    kim = res.entities[slug_of(res, "c", "Kim Jong-un")]
    assert kim.name == "Kim Jong Un" and "Kim Jong-un" in kim.aliases
    assert slug_of(res, "e", "Kim Jong Un") == kim.slug


def test_same_name_different_types_is_reported_not_merged():
    res = resolve_entities([
        article("a", Entity("Washington", "place")),
        article("b", Entity("Washington", "person")),
    ])
    assert slug_of(res, "a", "Washington") != slug_of(res, "b", "Washington")
    assert any(line.startswith("Washington:") for line in res.ambiguous)


def test_alias_fitting_two_entities_is_reported_not_merged():
    res = resolve_entities([
        article("a", Entity("Korean People's Army", "organization", ("KPA",))),
        article("b", Entity("Kenya Ports Authority", "organization", ("KPA",))),
        article("c", Entity("KPA", "organization")),
    ])
    assert len({slug_of(res, s, n) for s, n in (("a", "Korean People's Army"),
                                                 ("b", "Kenya Ports Authority"), ("c", "KPA"))}) == 3
    assert any(line.startswith("KPA: could be") for line in res.ambiguous)


def test_entity_whose_aliases_name_two_entities_joins_neither():
    res = resolve_entities([
        article("a", Entity("Republic of Korea Navy", "organization")),
        article("b", Entity("Royal Norwegian Navy", "organization")),
        article("c", Entity("Navy", "organization", ("Republic of Korea Navy", "Royal Norwegian Navy"))),
    ])
    assert slug_of(res, "a", "Republic of Korea Navy") != slug_of(res, "b", "Royal Norwegian Navy")
    assert slug_of(res, "c", "Navy") not in {slug_of(res, "a", "Republic of Korea Navy"),
                                             slug_of(res, "b", "Royal Norwegian Navy")}
    assert any("its aliases name" in line for line in res.ambiguous)


def test_curated_name_aliases_and_description_win():
    res = resolve_entities(
        [article("a", Entity("Korean Central News Agency", "organization", ("KCNA",))),
         article("b", Entity("KCNA", "place"))],
        [curated("kcna", "KCNA (Korean Central News Agency)", "organization",
                 aliases=("KCNA", "Korean Central News Agency"), description="North Korea's state news agency.")])
    kcna = res.entities["kcna"]
    assert kcna.curated and kcna.name == "KCNA (Korean Central News Agency)"
    assert kcna.type == "organization" and kcna.description == "North Korea's state news agency."
    assert slug_of(res, "a", "Korean Central News Agency") == slug_of(res, "b", "KCNA") == "kcna"


@needs_shared
def test_curated_alias_joins_a_name_extraction_cannot():
    # Kim Jong Nam travelled as "Kim Chol": only a person can say they are one man
    articles = wikinews_articles()
    plain = resolve_entities(articles)
    assert "kim-chol" in plain.entities
    res = resolve_entities(articles, [curated("kim-jong-nam", "Kim Jong Nam", "person", aliases=("Kim Chol",),
                                              description="Half-brother of Kim Jong Un.")])
    assert "kim-chol" not in res.entities
    assert slug_of(res, "wikinews_kim_jong_nam_vx_testimony_2017", "Kim Chol") == "kim-jong-nam"
    assert res.entities["kim-jong-nam"].description == "Half-brother of Kim Jong Un."


def test_not_keeps_same_named_entities_apart():
    articles = [article("a", Entity("Georgia", "place", ("Tbilisi government",))),
                article("b", Entity("Georgia", "place", ("Atlanta",)))]
    res = resolve_entities(articles, [
        curated("georgia-country", "Georgia", "place", aliases=("Tbilisi government",), not_=("georgia-state",)),
        curated("georgia-state", "Georgia (U.S. state)", "place", aliases=("Georgia", "Atlanta"),
                not_=("georgia-country",)),
    ])
    assert slug_of(res, "a", "Georgia") == "georgia-country"
    assert slug_of(res, "b", "Georgia") == "georgia-state"
    assert any("Georgia" in line for line in res.ambiguous)  # the shared name is reported
    # an article that only says "Georgia" stays its own entity until a person decides
    alone = resolve_entities([*articles, article("c", Entity("Georgia", "place"))], [
        curated("georgia-country", "Georgia", "place", not_=("georgia-state",)),
        curated("georgia-state", "Georgia (U.S. state)", "place", aliases=("Georgia",))])
    assert slug_of(alone, "c", "Georgia") not in {"georgia-country", "georgia-state"}


def test_config_rules_ignore_and_merge():
    res = resolve_entities(
        [article("a", Entity("Associated Press", "organization", ("AP",)), Entity("Yonhap", "organization")),
         article("b", Entity("Yonhap News Agency", "organization"))],
        rules=EntityRules(ignore=("Associated Press",), merge={"Yonhap News Agency": ("Yonhap",)}))
    assert "Associated Press" not in {e.name for e in res.entities.values()}
    assert slug_of(res, "a", "Yonhap") == slug_of(res, "b", "Yonhap News Agency")
    assert res.entities[slug_of(res, "a", "Yonhap")].name == "Yonhap News Agency"
