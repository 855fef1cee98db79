"""The plain-text reader on the seed (a copied Business Standard page), on Wikinews
story files (its body-F1 gate on ../shared/data/extraction is tests/test_quality_gates.py)."""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from briefgen.ingest.markdown_body import markdown_to_text
from briefgen.ingest.rawdoc import read_raw
from briefgen.ingest.readers import extract
from briefgen.ingest.readers.text import read_text
from briefgen.ingest.textdump.topics import split_topics
from briefgen.model import RawDoc

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_57e3a4ad35af1eec.txt"
SHARED = ROOT.parent / "shared" / "data"
needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/data is absent")
IST = timezone(timedelta(hours=5, minutes=30))


@pytest.fixture(scope="module")
def seed():
    return extract(read_raw(SEED))


def seed_paragraphs() -> list[str]:
    lines = SEED.read_text(encoding="utf-8").split("\n")
    return [line for line in lines[9:34] if line.strip()]


def test_seed_headline_fields(seed):
    assert seed.title == "Kim Jong Un orders increased missile production ahead of US-S Korea drills"
    assert seed.dek == ("Many experts say Kim eventually aims to use his modernised weapons arsenals to wrest US "
                        "concessions, such as sanctions relief, whenever diplomacy resumes with Washington")
    assert seed.publisher == "Business Standard"
    assert seed.agency == "AP"
    assert seed.dateline == "Seoul"
    assert seed.authors == ()
    assert seed.image_caption == "North Korean leader Kim Jong Un"
    assert seed.reading_time == 3
    assert seed.language == "en"


def test_seed_stamps_are_ist(seed):
    assert seed.published == datetime(2023, 8, 14, 9, 3, tzinfo=IST)
    assert seed.updated == datetime(2023, 8, 14, 9, 3, tzinfo=IST)
    assert seed.published.utcoffset() == timedelta(hours=5, minutes=30)


def test_seed_topics_split_from_run_together_line(seed):
    assert list(seed.topics) == ["Kim Jong Un", "US-North Korea", "North Korea", "South Korea", "America dominance"]


def test_seed_body_is_exactly_the_thirteen_paragraphs(seed):
    paragraphs = seed_paragraphs()
    assert len(paragraphs) == 13
    assert paragraphs[0].startswith("North Korean leader Kim Jong Un made another inspection tour")
    assert paragraphs[-1].endswith("pandemic-related economic difficulties.")
    assert seed.body == "\n\n".join(paragraphs)


def test_seed_body_keeps_the_sentence_the_dek_repeats(seed):
    assert seed.dek + "." in seed.body.split("\n\n")[9]


@pytest.mark.parametrize("boilerplate", [
    "North Korean leader Kim Jong Un\n", "AP Seoul", "min read", "Last Updated", "Only the headline",
    "syndicated feed", "Subscribe", "₹", "Smart Quarterly", "Super Saver", "Renews automatically",
    "premium stories", "More From This Section", "Topics", "First Published", "Next Story",
    "Kim Jong Un orders increased",
])
def test_seed_body_excludes_boilerplate(seed, boilerplate):
    assert boilerplate not in seed.body + "\n"


def test_seed_body_does_not_start_with_the_caption(seed):
    assert not seed.body.startswith("North Korean leader Kim Jong Un\n")
    assert seed.body.count("North Korean leader Kim Jong Un") == 1  # only the first paragraph's words


def test_seed_syndication_note_kept_in_extra(seed):
    assert seed.extra["syndication_note"].startswith("(Only the headline and picture of this report")
    assert seed.extra["syndication_note"].endswith("syndicated feed.)")


def test_seed_provenance_names_lines(seed):
    assert seed.provenance["title"] == "text:line 1"
    assert seed.provenance["dek"] == "text:line 3"
    assert seed.provenance["image_caption"] == "text:line 5"
    assert seed.provenance["agency"] == seed.provenance["dateline"] == "text:line 7"
    assert seed.provenance["updated"] == seed.provenance["reading_time"] == "text:line 8"
    assert seed.provenance["published"] == "text:line 111"
    assert seed.provenance["topics"] == "text:line 109"
    assert seed.provenance["syndication_note"] == "text:line 36"
    for name in ("publisher", "body"):
        assert seed.provenance[name].startswith("text:line")


@pytest.mark.parametrize(("text", "topics"), [
    ("Kim Jong UnUS-North KoreaNorth KoreaSouth KoreaAmerica dominance",
     ["Kim Jong Un", "US-North Korea", "North Korea", "South Korea", "America dominance"]),
    ("Politics, Donald Trump, Impeachment", ["Politics", "Donald Trump", "Impeachment"]),
    ("Markets | Economy | RBI", ["Markets", "Economy", "RBI"]),
    ("YouTubeGoogleMcDonald's", ["YouTube", "Google", "McDonald's"]),
    ("iPhoneApple", ["iPhone", "Apple"]),
])
def test_split_topics(text, topics):
    assert split_topics(text) == topics


def _doc(text: str, name: str = "page.txt") -> RawDoc:
    return RawDoc(path=Path(name), kind="text", text=text, sha256="", encoding="utf-8")


def test_agency_dateline_in_first_paragraph_and_tag_lines():
    page = "\n".join([
        "Home", "World", "Politics", "Share", "",
        "Storm floods coastal towns as rivers burst their banks",
        "By Jane Doe and John Roe", "Published 2023-08-14 09:03 KST", "",
        "SEOUL (AP) — Heavy rain flooded dozens of coastal towns on Monday, and the rivers that run "
        "through them burst their banks before dawn, officials said.", "",
        "Rescue teams were sent to the worst-hit areas, where water reached the first floor of many "
        "houses and the roads were cut for most of the day.", "",
        "The weather agency said more rain was expected over the next two days and asked people in "
        "low-lying areas to move to higher ground until the warning was lifted.", "",
        "Tags:", "Floods", "South Korea", "Weather", "",
        "© 2023 Example Daily. All rights reserved.",
    ])
    got = read_text(_doc(page))
    assert got.title == "Storm floods coastal towns as rivers burst their banks"
    assert got.authors == ("Jane Doe", "John Roe")
    assert got.agency == "AP" and got.dateline == "Seoul"
    assert got.published == datetime(2023, 8, 14, 9, 3, tzinfo=timezone(timedelta(hours=9)))
    assert list(got.topics) == ["Floods", "South Korea", "Weather"]
    assert got.publisher == "Example Daily"
    assert got.reading_time is None
    assert got.body.startswith("SEOUL (AP) — Heavy rain") and got.body.count("\n\n") == 2
    assert "Tags" not in got.body and "©" not in got.body


# --- Wikinews story files: headline, date line, paragraphs ---------------------------------

# Where the .txt itself says something else than the sidecar, the reader must follow the .txt.
TXT_DATE_DIFFERS = {  # the .txt's date line (a later revision date) vs the sidecar's first-publication date
    "WIKINEWS_japan_constitution_nk_reaction_2014": date(2014, 2, 8),
    "WIKINEWS_kim_jong_nam_fourth_suspect_2017": date(2017, 2, 19),
    "WIKINEWS_kim_jong_nam_mortuary_breakin_2017": date(2017, 2, 23),
    "WIKINEWS_kim_jong_nam_vx_testimony_2017": date(2017, 10, 7),
    "WIKINEWS_rocket_launch_rebuke_2012": date(2012, 4, 19),
    "GUM_news_afghan": date(2017, 7, 21),
    "GUM_news_soccer": date(2018, 6, 19),
    # no date line in the .txt at all
    "GUM_interview_cyclone": None, "GUM_interview_gaming": None, "GUM_interview_hill": None,
    "GUM_interview_peres": None,
}
TXT_TITLE_DIFFERS = {
    "GUM_interview_licen": "Wikinews interviews academic Simon Ličen about attitudes towards US Paralympics",
    "GUM_interview_messina": "Frank Messina: An Interview with the 'Mets Poet'",
    "GUM_interview_stardust": "Keep your eyes peeled for cosmic debris: Andrew Westphal about Stardust @ home",
    # the .txt starts with its date line: no headline to read, so the first sentence is the guess
    "GUM_interview_mckenzie": "Preston, Victoria, Australia On Saturday, Wikinews interviewed Tina McKenzie…",
}
WIKINEWS = sorted([*SHARED.glob("wikinews/*.txt"), *SHARED.glob("wikinews-korea/*.txt")]) if SHARED.is_dir() else []


def _read_alone(path: Path):
    """The .txt without its sidecar: what the text itself yields."""
    return read_text(_doc(path.read_text(encoding="utf-8"), path.name))


@needs_shared
def test_all_37_wikinews_files_are_there():
    assert len(WIKINEWS) == 37


@needs_shared
@pytest.mark.parametrize("path", WIKINEWS, ids=lambda p: p.stem)
def test_wikinews_title_and_date(path):
    meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    got = _read_alone(path)
    assert got.title == TXT_TITLE_DIFFERS.get(path.stem, meta["title"])
    assert got.provenance["title"].startswith("guess:") == (path.stem == "GUM_interview_mckenzie")
    want = TXT_DATE_DIFFERS[path.stem] if path.stem in TXT_DATE_DIFFERS else date.fromisoformat(meta["date_published"])
    assert got.published == want
    assert not isinstance(got.published, datetime)  # a date line gives a date, not midnight


@needs_shared
@pytest.mark.parametrize("path", WIKINEWS, ids=lambda p: p.stem)
def test_wikinews_keeps_every_paragraph(path):
    got = _read_alone(path)
    shown = markdown_to_text(got.body)  # the words a reader sees (the body escapes Markdown syntax)
    lines = [line.strip() for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]
    date_line = re.compile(r"^\w+day, \w+ \d{1,2}, \d{4}")
    for line in lines[1:]:
        text = date_line.sub("", line).strip()
        if text:
            assert text in shown, line[:60]
    assert got.title == "" or got.title not in got.body.split("\n\n")[0]


def test_a_page_without_prose_is_an_error():
    from briefgen.errors import BriefgenError
    with pytest.raises(BriefgenError, match="no story text"):  # nor any prose
        read_text(_doc("Home\nNews\nSport\n"))


def test_comments_ads_and_teasers_stay_out_of_the_body():
    story = [
        "The city council voted on Tuesday to turn the old rail yard into a park, ending a dispute "
        "that had run for more than ten years between neighbours and developers.",
        "Supporters said the park would give the district its first large green space, and that the "
        "plan had been changed many times to answer the concerns of local businesses.",
        "Opponents argued that the land should have been used for housing, which the city badly needs, "
        "and said they would ask the courts to look at the decision again.",
        "Work on the first part of the park is expected to start next spring, the mayor said.",
    ]
    page = "\n".join([
        "Menu", "News", "Sport", "",
        "Council backs rail yard park after decade of dispute", "",
        "By Ana Silva", "March 3, 2021 | 4:15 PM EST", "",
        story[0], "", story[1], "", "Advertisement", "", story[2], "", story[3], "",
        "Share this article", "Facebook", "Twitter",
        "Related stories",
        "Mayor promises more buses for the eastern districts",
        "The mayor said on Monday that the city would buy forty new buses and open three routes by June.",
        "School budget approved after long night of debate",
        "The budget adds money for teachers and repairs, and the council passed it by eight votes to five.",
        "12 Comments",
        "reader1 says:", "March 3, 2021 at 5:01 pm",
        "About time too, this park should have been built years ago and everyone in the district knows it.",
        "reader2 says:", "March 3, 2021 at 5:20 pm",
        "We needed housing more than another park, and I think the council got this one badly wrong.",
        "Copyright © 2021 Example Gazette. All rights reserved.",
    ])
    got = read_text(_doc(page))
    assert got.body == "\n\n".join(story)
    assert got.title == "Council backs rail yard park after decade of dispute"
    assert got.authors == ("Ana Silva",)
    assert got.published == datetime(2021, 3, 3, 16, 15, tzinfo=timezone(timedelta(hours=-5)))
    assert got.publisher == "Example Gazette"


@pytest.mark.parametrize(("line", "authors", "agency", "dateline"), [
    ("AP Seoul", (), "AP", "Seoul"),
    ("By The Associated Press", (), "AP", None),
    ("By Jane Doe, AP", ("Jane Doe",), "AP", None),
    ("By JOHN SMITH Associated Press", ("John Smith",), "AP", None),
    ("By Tess Bonn - 11/19/19 06:00 PM EST", ("Tess Bonn",), None, None),
    ("By Eric Song and IGN Staff", ("Eric Song",), None, None),
    ("Press Trust of India New Delhi", (), "PTI", "New Delhi"),
])
def test_bylines(line, authors, agency, dateline):
    from briefgen.ingest.textdump.header import byline_of
    found = byline_of(line, 0)
    assert (found.authors, found.agency, found.dateline) == (authors, agency, dateline)


@pytest.mark.parametrize(("paragraph", "dateline", "agency"), [
    ("SEOUL, South Korea (AP) — North Korea fired", "Seoul, South Korea", "AP"),
    ("LONDON, Nov 19 (Reuters) - Britain said", "London", "Reuters"),
    ("NEW DELHI: The government said", "New Delhi", None),
    ("SÃO PAULO (Reuters) - Brazil's", "São Paulo", "Reuters"),
    ("AUSTIN (KXAN) — Texas voters approved", "Austin", None),  # a station, not an agency
    ("SOUTHWEST MIAMI-DADE, FLA. (WSVN) - An overnight crash", "Southwest Miami-Dade, Fla.", None),
])
def test_datelines_opening_a_paragraph(paragraph, dateline, agency):
    """The text reader asks the one dateline parser every reader shares (``clean.split_dateline``)."""
    got = read_text(_doc("\n\n".join(["Storm hits the coast", paragraph + " " + "a sentence of the story " * 8])))
    assert (got.dateline, got.agency) == (dateline, agency)


@pytest.mark.parametrize("paragraph", ["The US said - something", "UPDATE: the council met", "I — am here",
                                       "Tuesday — the council met"])
def test_prose_opening_a_paragraph_is_no_dateline(paragraph):
    from briefgen.ingest.clean import split_dateline
    assert split_dateline(paragraph + " again") is None


@pytest.mark.parametrize(("line", "topics"), [
    ("Topics :Kim Jong UnUS-North KoreaNorth Korea", ["Kim Jong Un", "US-North Korea", "North Korea"]),
    ("Filed under afghanistan ,  hostages ,  middle east", ["afghanistan", "hostages", "middle east"]),
    ("tags #Local Markets #Nifty #Sensex", ["Local Markets", "Nifty", "Sensex"]),
    ("Tags: ads, awareness, south dakota", ["ads", "awareness", "south dakota"]),
])
def test_labelled_tag_lines(line, topics):
    from briefgen.ingest.textdump.lines import split_lines
    from briefgen.ingest.textdump.topics import find_topics
    assert find_topics(split_lines(line)) == (topics, 0)


@pytest.mark.parametrize("line", ["Topics A-Z", "Tags Kristi Noem South Dakota", "Topics are hard to define."])
def test_tag_labels_that_cannot_be_split_are_skipped(line):
    from briefgen.ingest.textdump.lines import split_lines
    from briefgen.ingest.textdump.topics import find_topics
    assert find_topics(split_lines(line)) is None


def test_subheads_between_paragraphs_become_headings():
    para = ("The committee heard from several witnesses over the course of the day, and each of them "
            "described the events in a slightly different way.")
    got = read_text(_doc("\n\n".join(["Hearing ends with no decision", para, "What happens next", para, para])))
    assert got.body.split("\n\n")[1] == "## What happens next"


@pytest.mark.parametrize("sentence", [
    "The company did not respond to requests for comments.",
    "Voters must register before the end of the month.",
    "Netflix raised its subscription price again this year.",
])
def test_short_story_sentences_with_widget_words_are_not_furniture(sentence):
    from briefgen.ingest.textdump.lines import measure
    assert not measure(0, sentence).furniture


@pytest.mark.parametrize("line", ["Share", "Advertisement", "34 Comments", "Click here to subscribe.",
                                  "© 2023 Example Daily. All rights reserved.", "Reply", "joe says:"])
def test_widget_lines_are_furniture_or_boundaries(line):
    from briefgen.ingest.textdump.lines import measure
    measured = measure(0, line)
    assert measured.furniture or measured.boundary


@pytest.mark.parametrize("line", [
    "Das könnte Dich auch interessieren …", "Weitere interessante Themen", "Schreibe einen Kommentar",
    "Beitrags-Navigation", "VEA TAMBIÉN:", "Por si no lo viste", "Article suivant", "Leggi anche",
    "Czytaj także", "Tags: bahn, deutschland", "Etiquetas: AUTOS BENDICIÓN CAPUCHINOS", "Recent Comments",
    "Über uns", "Hinterlasse eine Antwort",
    "Deine E-Mail-Adresse wird nicht veröffentlicht. Erforderliche Felder sind mit * markiert.",
    "Diese Website verwendet Akismet, um Spam zu reduzieren.",
])
def test_widget_lines_in_other_languages(line):
    from briefgen.ingest.textdump.lines import measure
    measured = measure(0, line)
    assert measured.furniture or measured.boundary


def test_a_german_blog_post_ends_before_its_teasers_and_comment_form():
    """The after-story matter of a German WordPress blog: tags, a "you might also like" box of
    teasers written in full sentences, the comment form; none of it is story, the tags are topics."""
    story = [
        "Seit dem Fahrplanwechsel fährt der Nachtzug wieder jeden Abend von Berlin nach Wien, und die "
        "ersten Wochen zeigen, dass die Nachfrage größer ist als von der Bahn erwartet.",
        "Die meisten Abteile waren in den ersten beiden Wochen ausgebucht, vor allem am Wochenende und "
        "in den Ferien, wie ein Sprecher der Bahn auf Nachfrage bestätigte.",
        "Für den Sommer plant die Bahn deshalb zusätzliche Wagen, die an den Zug gehängt werden sollen, "
        "sobald die Werkstatt in Wien sie fertig gestellt hat.",
    ]
    page = "\n".join([
        "Startseite", "Reisen", "Bahn", "",
        "Nachtzug nach Wien: Die ersten Wochen", "",
        "Von David Müller", "12. Januar 2023", "",
        story[0], "", story[1], "", story[2], "",
        "Tags: bahn, nachtzug, wien", "",
        "Das könnte Dich auch interessieren …", "",
        "Mit dem Zug nach Italien",
        "Wir haben die schönsten Verbindungen über die Alpen getestet und zeigen, wie man sie bucht.", "",
        "Interrail für Familien",
        "Welche Pässe sich für Familien lohnen und worauf man bei der Buchung achten sollte.", "",
        "Schreibe einen Kommentar", "",
        "Deine E-Mail-Adresse wird nicht veröffentlicht. Erforderliche Felder sind mit * markiert.",
        "Diese Website verwendet Akismet, um Spam zu reduzieren. Erfahre mehr darüber, wie deine "
        "Kommentardaten verarbeitet werden.",
    ])
    got = read_text(_doc(page))
    assert got.body == "\n\n".join(story)
    assert got.topics == ("bahn", "nachtzug", "wien")


def test_a_footer_link_label_in_a_story_sentence_is_not_furniture():
    """ "Datenschutz" or "privacy policy" label a footer's links, and stories use the words too."""
    from briefgen.ingest.textdump.lines import measure
    story = ("In diesem Blogbeitrag zeigen wir, wie man den eigenen Twitterfeed direkt und datenschutzkonform "
             "in einen Wissenschaftsblog einbinden kann, ohne dass die Leserinnen und Leser dafür ein Konto "
             "bei dem Dienst brauchen oder ihre Daten an Dritte weitergegeben werden.")
    consent = ("By clicking Sign Me Up, you confirm you are 16+ and agree to our Terms of Use and Privacy "
               "Policy, and to receive the newsletter every week from now on.")
    assert not measure(0, story).furniture
    assert measure(0, consent).furniture
    assert measure(0, "Impressum | Datenschutz | Kontakt").furniture
