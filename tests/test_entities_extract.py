"""Entity extraction on the shipped seed and the shared Wikinews articles: each merge rule on real text."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.ingest.entities.extract import describe, extract_entities
from briefgen.names import name_key

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/data is not there")

SEED_TITLE = "Kim Jong Un orders increased missile production ahead of US-S Korea drills"


def seed_body() -> str:
    text = (ROOT / "seeds" / "000_57e3a4ad35af1eec.txt").read_text(encoding="utf-8")
    start = text.index("North Korean leader Kim Jong Un made another inspection tour")
    end = text.index("pandemic-related economic difficulties.") + len("pandemic-related economic difficulties.")
    return text[start:end]


def wikinews(path: str) -> tuple[str, str]:
    """A Wikinews article as headline and body; the repo's seeds/ ships all of them."""
    lines = (ROOT / "seeds" / Path(path).name).read_text(encoding="utf-8").splitlines()
    return lines[0], "\n".join(lines[2:])


def by_name(entities):
    return {e.name: e for e in entities}


def owner(entities, surface: str):
    """The entity a surface form belongs to (by name or alias)."""
    found = [e for e in entities if name_key(surface) in {name_key(s) for s in (e.name, *e.aliases)}]
    assert len(found) == 1, (surface, found)
    return found[0]


# --- the seed ---------------------------------------------------------------------------

def test_seed_yields_exactly_its_entities():
    entities = extract_entities(SEED_TITLE, seed_body(), dateline="Seoul", agency="AP")
    assert [(e.name, e.type, e.aliases) for e in entities] == [
        ("Kim Jong Un", "person", ("Kim",)),
        ("United States", "place", ("US", "American")),
        ("South Korea", "place", ("S Korea", "South Korean")),
        ("North Korea", "place", ("North Korean", "North")),
        ("Russia", "place", ("Russian",)),
        ("Ukraine", "place", ()),
        ("Korean Central News Agency", "organization", ("KCNA",)),
        ("Korean People's Army", "organization", ()),
        ("Donald Trump", "person", ()),
        ("Washington", "place", ()),
        ("White House", "organization", ()),
        ("Sergei Shoigu", "person", ()),
        ("Pyongyang", "place", ()),
        ("Moscow", "place", ()),
        ("China", "place", ()),
        ("Seoul", "place", ()),
        ("Associated Press", "organization", ("AP",)),
    ]


def test_seed_mentions_count_every_name_form():
    entities = by_name(extract_entities(SEED_TITLE, seed_body()))
    assert entities["Kim Jong Un"].mentions == 13  # headline, "Kim Jong Un" and every "Kim"/"Kim's"
    assert entities["Korean Central News Agency"].mentions == 4


def test_seed_has_no_junk_from_page_furniture_or_dates():
    dek = ("Many experts say Kim eventually aims to use his modernised weapons arsenals to wrest US "
           "concessions, such as sanctions relief, whenever diplomacy resumes with Washington")
    entities = extract_entities(SEED_TITLE, seed_body(), dek=dek, dateline="AP Seoul",
                                publisher="Business Standard")
    names = {n for e in entities for n in (e.name, *e.aliases)}
    for junk in ("Last Updated", "Monday", "Friday", "Saturday", "Smart Essential", "Many", "Visiting",
                 "Earlier", "Since", "The", "AP Seoul", "Business Standard"):
        assert junk not in names
    assert owner(entities, "S Korea").name == "South Korea"


def test_title_case_and_all_caps_headlines_give_the_same_names():
    body = seed_body()
    plain = [e.name for e in extract_entities(SEED_TITLE, body)]
    title_case = "Kim Jong Un Orders Increased Missile Production Ahead Of US-S Korea Drills"
    for title in (title_case, SEED_TITLE.upper()):
        names = [e.name for e in extract_entities(title, body)]
        assert set(names) == set(plain), title


# --- merge rules, on real sentences --------------------------------------------------------

def test_family_name_first_and_possessive():
    # seed: "Kim's push to produce more weapons…", "Kim set a goal…"
    entities = extract_entities(SEED_TITLE, seed_body())
    assert owner(entities, "Kim").name == "Kim Jong Un"
    assert "Kim's" not in owner(entities, "Kim").aliases


def test_acronym_and_leading_the():
    # seed: "The Korean Central News Agency said Kim visited factories…", "…, KCNA said."
    entities = extract_entities(SEED_TITLE, seed_body())
    kcna = owner(entities, "KCNA")
    assert kcna.name == "Korean Central News Agency" and kcna.type == "organization"


def test_nationality_words_and_the_north_join_their_country():
    # seed: "Russian Defense Minister Sergei Shoigu", "But the North has publicly supported Russia"
    entities = extract_entities(SEED_TITLE, seed_body())
    assert owner(entities, "Russian").name == "Russia"
    assert owner(entities, "North").name == "North Korea"
    assert owner(entities, "Sergei Shoigu").type == "person"


def test_the_south_and_a_bracketed_acronym():
    title, body = wikinews("wikinews/GUM_news_korea.txt")
    entities = extract_entities(title, body)
    # "The South retaliated by firing dozens of rounds…"
    assert owner(entities, "South").name == "South Korea"
    # "…supreme commander of the Korean People's Army [KPA]…"
    assert owner(entities, "KPA").name == "Korean People's Army"
    assert owner(entities, "DPRK").name == "North Korea"
    assert owner(entities, "Kim Jong-un").type == "person"


def test_us_spellings_are_one_country():
    title, body = wikinews("wikinews/GUM_news_afghan.txt")
    entities = extract_entities(title, body)
    us = owner(entities, "U.S.")
    assert us.name == "United States" and owner(entities, "United States") is us


def test_kim_jong_nam_kim_jong_un_and_kim_jong_il_stay_apart():
    title, body = wikinews("wikinews-korea/WIKINEWS_kim_jong_nam_fourth_suspect_2017.txt")
    entities = by_name(extract_entities(title, body))
    assert {"Kim Jong Nam", "Kim Jong Un", "Kim Jong Il"} <= set(entities)
    for name in ("Kim Jong Nam", "Kim Jong Un", "Kim Jong Il"):
        assert entities[name].type == "person"
    # "Kim Jong-un" is a spelling of Kim Jong Un, not of his half-brother
    assert "Kim Jong-un" in entities["Kim Jong Un"].aliases
    assert "Kim Jong-un" not in entities["Kim Jong Nam"].aliases


def test_last_name_joins_the_full_name():
    title, body = wikinews("wikinews/GUM_news_defector.txt")
    entities = extract_entities(title, body)
    assert owner(entities, "Rathbun").name == "Mark Rathbun"
    assert owner(entities, "Moxon").name == "Kendrick Moxon"


def test_title_is_not_part_of_the_name():
    title, body = wikinews("wikinews-korea/WIKINEWS_kim_jong_nam_mortuary_breakin_2017.txt")
    entities = extract_entities(title, body)
    # "Inspector-General of Police Khalid Abu Bakar told …", later "Chief Khalid said …"
    assert owner(entities, "Khalid").name == "Khalid Abu Bakar"
    names = {e.name for e in entities}
    assert not {"Inspector-General", "Police Khalid", "Chief Khalid"} & names


def test_organisation_short_forms():
    title, body = wikinews("wikinews/GUM_interview_hill.txt")
    entities = extract_entities(title, body)
    # "the United States Air Force" … "the Air Force"; "Air Force ROTC" … "ROTC"
    assert owner(entities, "Air Force").name == "United States Air Force"
    assert owner(entities, "ROTC").name == "Air Force ROTC"


def test_describe_lists_every_entity():
    entities = extract_entities(SEED_TITLE, seed_body())
    table = describe(entities)
    lines = table.splitlines()
    assert lines[0].split()[:4] == ["name", "type", "mentions", "aliases"]
    assert any(line.startswith("Korean Central News Agency") and "KCNA" in line for line in lines)
    assert lines[-1].startswith(f"{len(entities)} entities")


@needs_shared
def test_and_inside_an_organisation_name_and_a_list():
    lines = [x for x in (SHARED / "onestopenglish" / "Teff.txt").read_text(encoding="utf-8").splitlines() if x.strip()]
    entities = by_name(extract_entities(lines[0], "\n".join(lines[1:])))
    # "… markets director at the UN's Food and Agriculture Organization."
    assert entities["Food and Agriculture Organization"].type == "organization"
    assert "Food" not in entities
    # "… Bolivia and Peru …": a list stays two places
    assert entities["Bolivia"].type == entities["Peru"].type == "place"


def test_places_named_inside_organisations_and_offices_before_names():
    title, body = wikinews("wikinews/GUM_news_questionnaire.txt")
    entities = extract_entities(title, body)
    names = {e.name for e in entities}
    # "CEO of the Refugee Council Enver Solomon": the council and the man, not one name
    assert {"Refugee Council", "Enver Solomon"} <= names
    # "the United Nations High Commissioner for Refugees": the organisation, not the office
    assert "United Nations" in names
    assert not any("Commissioner" in n for n in names)
    title, body = wikinews("wikinews/GUM_interview_ants.txt")
    entities = by_name(extract_entities(title, body))
    # "the University of Copenhagen" names Copenhagen too
    assert entities["University of Copenhagen"].type == "organization"
    assert entities["Copenhagen"].type == "place"


def test_sentence_initial_words_need_a_reason_to_be_names():
    body = ("Visiting other factories, Kim called for more launch trucks. "
            "Results show the programme grew. Wikinews spoke to the ministry.")
    names = {e.name for e in extract_entities("Missile factories", body)}
    assert "Visiting" not in names and "Results" not in names
    assert "Wikinews" in names


def test_words_in_capitals_for_emphasis_are_not_entities():
    """Real sentences from the Wikinews interviews (herrick, hill) and a shouted quote."""
    found = {e.name for e in extract_entities("Interview", (
        "I think the world's how to manual needs to be high quality AND comprehensive, said Jack Herrick. "
        "I understood it was an Oath to ALL of our people. IT WAS A DISASTER, said Boris Johnson. "
        "The WHO and the UNITED NATIONS met in Geneva."))}
    assert {"Jack Herrick", "Boris Johnson", "WHO", "Geneva"} <= found
    assert not found & {"AND", "ALL", "IT WAS A DISASTER", "IT"}


def test_a_website_is_named_with_its_domain():
    found = {e.name: e.type for e in extract_entities(
        "Press", "Coverage came from The New York Times, Jezebel, Metro.us and Salon.com.")}
    assert found.get("Metro.us") == "organization" and found.get("Salon.com") == "organization"
    assert "Metro" not in found and "Salon" not in found
    assert "The New York" not in found  # the place inside "The New York Times" is New York
    assert found.get("New York") == "place"


def test_a_word_before_a_place_qualifies_it_and_is_no_place():
    found = {e.name for e in extract_entities(
        "Expo", "The fair took place at the Metro Toronto Convention Centre this weekend.")}
    assert "Metro Toronto Convention Centre" in found and "Metro" not in found  # a city in Indonesia


def test_a_reading_list_names_authors_surname_first():
    found = {e.name: e for e in extract_entities(
        "Books", "Further reading:\nChristie, Agatha. The Mysterious Affair at Styles.\nSayers, Dorothy. Whose Body?")}
    assert found["Agatha Christie"].type == "person" and "Christie" in found["Agatha Christie"].aliases
    assert found["Dorothy Sayers"].type == "person"
    assert "Agatha" not in found and "Dorothy" not in found
    listed = {e.name for e in extract_entities("Search", "It ranks first on Google, Bing, and Yahoo.")}
    assert {"Google", "Bing", "Yahoo"} <= listed  # a list inside a sentence is no reference


def test_a_creed_or_party_before_a_name_stays_out_of_it():
    found = {e.name: e.type for e in extract_entities(
        "Video", "The video featuring Scientologist Tom Cruise went viral. Republican Ken Cuccinelli spoke.")}
    assert found.get("Tom Cruise") == "person" and found.get("Ken Cuccinelli") == "person"
    assert not {"Scientologist Tom Cruise", "Republican Ken Cuccinelli"} & set(found)
