"""The entity typer: its shipped weights, what it drops, and a retraining on a small slice of the open gold."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from briefgen.ingest.entities import typer
from briefgen.ingest.entities.extract import candidates, extract_entities
from briefgen.ingest.entities.gazetteer import load_gazetteer

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
needs_shared = pytest.mark.skipif(not (SHARED / "gum-open").is_dir(), reason="../shared/data is not there")


def names(title: str, body: str) -> dict[str, str]:
    return {e.name: e.type for e in extract_entities(title, body)}


def test_weights_and_lexicon_ship_inside_the_package() -> None:
    folder = Path(typer.__file__).parent
    data = json.loads((folder / typer.WEIGHTS).read_text(encoding="utf-8"))
    assert data["labels"] == list(typer.LABELS)
    assert len(data["weights"]) > 100 and len(data["lexicon"]) > 1000
    assert (folder / "TYPER_DATA.md").is_file()  # the training data's licences
    assert typer.load_weights() and typer.load_lexicon()


def test_titles_peoples_and_generic_words_are_no_names() -> None:
    found = names("Ants that heal themselves", (
        "Biologist Nick Bos studied the ants at the University of Helsinki. Bos said the Arts and the "
        "Humanities were far from his work. Muslims and Arabs took part in the Academy. "
        "The State will pay, said Bos."))
    assert found.get("Nick Bos") == "person" and "Biologist Nick Bos" not in found
    assert found.get("University of Helsinki") == "organization"
    assert not {"Muslims", "Arabs"} & set(found)


def test_bare_short_forms_go_when_switched_off(monkeypatch: pytest.MonkeyPatch) -> None:
    from briefgen.ingest.entities import extract

    body = ("Biologist Nick Bos studied ants. Bos said the Arts were far from his work. "
            "Students of the Academy came. The State will pay, said Bos.")
    monkeypatch.setattr(extract, "BARE_SHORT_FORMS", False)
    assert not {"Academy", "State", "Arts"} & set(names("Ants", body))


def test_a_given_name_where_places_go_is_a_place() -> None:
    assert names("Taxes", "The school is a catholic school in Milan, the ministry said.").get("Milan") == "place"


def test_a_country_after_a_whole_name_is_cut_off() -> None:
    found = names("Ozone", "Scientists at Colorado State University of the US and the University of "
                           "Sheffield of the UK wrote in the Medical Journal of Australia.")
    assert {"Colorado State University", "University of Sheffield", "Medical Journal of Australia",
            "United States", "United Kingdom"} <= set(found)


def test_decide_without_weights_keeps_the_rules_type() -> None:
    found, common = candidates("Ants", "Biologist Nick Bos said the Arts were far from his work.")
    gaz = load_gazetteer()
    assert [typer.decide(c, gaz, common, weights={}) for c in found] == [c.type for c in found]


@needs_shared
def test_retraining_on_a_small_slice(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    import train_typer

    out = tmp_path / "weights.json"
    first = train_typer.main([f"--out={out}", "--limit=8", "--epochs=3"])
    again = train_typer.main([f"--out={tmp_path / 'again.json'}", "--limit=8", "--epochs=3"])
    assert first["weights"] == again["weights"]  # deterministic
    assert first["documents"] == 8 and first["examples"] > 50
    assert set(first["label_counts"]) <= set(typer.LABELS)
    weights = {k: tuple(v) for k, v in json.loads(out.read_text(encoding="utf-8"))["weights"].items()}
    found, common = candidates("Ants", "Biologist Nick Bos of the University of Helsinki said so.")
    gaz = load_gazetteer()
    decided = {c.name: typer.decide(c, gaz, common, weights) for c in found}
    assert decided["Nick Bos"] == "person" and decided["University of Helsinki"] == "organization"


def test_a_city_in_sports_results_is_its_club() -> None:
    found = names("Results", "Pittsburgh beat Boston 3-1 on Sunday. The next match against Montreal is in Chicago.")
    assert found == {"Pittsburgh": "organization", "Boston": "organization", "Montreal": "organization",
                     "Chicago": "place"}


def test_teams_doctrines_and_periods() -> None:
    found = names("Hockey", "The Boston Bruins and the Montreal HC met in West Germany after WWII. "
                            "Catholicism and the Deists were discussed at Lake Tharthar.")
    assert found.get("Boston Bruins") == "organization" and found.get("Montreal HC") == "organization"
    assert found.get("West Germany") == "place" and found.get("Lake Tharthar") == "place"
    assert not {"WWII", "Catholicism", "Deists"} & set(found)


def test_an_author_cited_is_a_person_and_a_product_year_is_not() -> None:
    found = names("Review", "As Smith (2010) and Jones et al. (2012) showed, Microsoft 2010 was late.")
    assert found.get("Smith") == "person" and found.get("Jones") == "person"
    assert found.get("Microsoft") == "organization"


def test_context_retypes_what_the_rules_guessed() -> None:
    # The rules call an unknown single name an organisation; "moving to …, where she lived" says place.
    body = "She studied at Brenton College before moving to Varnsdorf, where she lived until 1990."
    found, _ = candidates("Life", body)
    assert {c.name: c.type for c in found}["Varnsdorf"] == "organization"
    assert names("Life", body) == {"Brenton College": "organization", "Varnsdorf": "place"}


def test_a_name_the_typer_doubts_keeps_the_rules_type() -> None:
    # "cooperating with Interpol": the typer half thinks it no name, so its choice of type is no better.
    found = names("Hunt", "Malaysian police said they were cooperating with Interpol in the search.")
    assert found.get("Interpol") == "organization"


def test_candidates_carry_the_words_around_each_mention() -> None:
    found, _ = candidates("Ants", "Researchers at Kessler Institute found it. Later, Kessler Institute said so.")
    [kessler] = found
    assert kessler.context == (("researchers", "at", "found", "it"), ("later", ",", "said", "so"))
