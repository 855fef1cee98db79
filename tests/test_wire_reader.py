"""Plain wire and agency text: headline, byline, dateline (place and date), credits out of the body.

The files are built here in the layouts agencies file in: the Reuters corpus
layout of CoNLL-2003 (headline in capitals, byline, dateline line, one
paragraph per line; tokenised too), Reuters and AP with the dateline opening
the first paragraph, Yonhap with ``--`` and ``(END)``, slug and keyword lines,
"(Reporting by …; Editing by …)" tails and copyright lines.
"""

from __future__ import annotations

import itertools
import re
from datetime import date
from pathlib import Path

import pytest

from briefgen.ingest.markdown_body import markdown_to_text
from briefgen.ingest.readers.text import read_text
from briefgen.ingest.clean import parse_dateline, usual_case
from briefgen.model import RawDoc

PARAGRAPHS = [
    "Japan began the defence of their Asian Cup title with a lucky 2-1 win against Syria in a Group C "
    "championship match on Friday.",
    "But China saw their luck desert them in the second match of the group, crashing to a surprise 2-0 "
    "defeat to newcomers Uzbekistan.",
    "China controlled most of the match and saw several chances missed until the 78th minute when Uzbek "
    "striker Igor Shkvyrin took advantage of a misdirected defensive header.",
    "The officials said the talks would resume next week, and that neither side had set conditions for them.",
]
PLACES = [("AL-AIN", "United Arab Emirates", "Al-Ain, United Arab Emirates"), ("LONDON", None, "London"),
          ("ST. JOSEPH", "Mich.", "St. Joseph, Mich."), ("NEW YORK", None, "New York"),
          ("SEOUL", None, "Seoul"), ("RIO DE JANEIRO", None, "Rio De Janeiro"),
          ("XI'AN", "China", "Xi'an, China"), ("WASHINGTON", None, "Washington")]
HEADLINES = ["SOCCER - JAPAN GET LUCKY WIN, CHINA IN SURPRISE DEFEAT.", "North Korea fires missile into sea",
             "GOLF - WOODS SHOOTS 65 TO LEAD BY TWO", "S. Korea, U.S. to begin joint drills next week",
             "Fed holds rates steady, signals two cuts this year"]
BYLINES = [None, "Nadim Ladki", "By Jane Doe", "By JOHN SMITH, Associated Press"]


def _doc(text: str, name: str = "wire.txt") -> RawDoc:
    return RawDoc(path=Path(name), kind="text", text=text, sha256="0" * 64, encoding="utf-8")


def _layouts() -> list[tuple[str, str, str, date | None]]:
    """(file text, headline, dateline place, date) in every layout, ~160 files."""
    out = []
    day = date(1996, 12, 6)
    for n, (headline, (place, region, usual), byline, layout) in enumerate(itertools.product(
            HEADLINES, PLACES, BYLINES, ("conll", "conll-tokenised", "reuters", "ap", "yonhap"))):
        if n % 3:  # a spread of combinations is enough
            continue
        title = headline.rstrip(".")
        head = [headline] + ([byline] if byline else [])
        where = f"{place}, {region}" if region else place
        body = PARAGRAPHS[n % 4:] + PARAGRAPHS[:n % 4]
        if layout.startswith("conll"):
            dateline = f"{where} {day.isoformat()}"
            lines = head + [dateline] + body
            if layout == "conll-tokenised":
                lines = [re.sub(r"(?<=\w)([,.])(?=\s|$)", r" \1", line) for line in lines]
            out.append(("\n".join(lines) + "\n", title, usual, day))
        elif layout == "reuters":
            first = f"{where}, Dec 6 (Reuters) - {body[0]}"
            tail = ["(Reporting by Hyonhee Shin; Editing by Ed Davies)", "© 1996 Thomson Reuters"]
            out.append(("\n".join(head + [first] + body[1:] + tail) + "\n", title, usual, day))
        elif layout == "ap":
            first = f"{where} (AP) — {body[0]}"
            tail = ["Copyright 1996 The Associated Press. All rights reserved. This material may not be "
                    "published, broadcast, rewritten or redistributed."]
            out.append(("BC-Wire-Story/1st Ld-Writethru\n" + "\n".join(head + ["Dec. 6, 1996"] + [first]
                        + body[1:] + tail) + "\n", title, usual, day))
        else:
            first = f"{usual_case(place)}, Dec. 6 (Yonhap) -- {body[0]}"
            tail = ["(END)", "reporter@yna.co.kr"]
            out.append(("\n".join(head + [first] + body[1:] + ["Keywords: sports, Asia"] + tail) + "\n", title,
                        usual_case(place), None))  # no year anywhere: the date stays empty
    return out


def test_every_wire_file_comes_in_with_headline_dateline_and_date() -> None:
    files = _layouts()
    assert len(files) >= 150
    right = 0
    wrong = []
    for text, title, place, day in files:
        got = read_text(_doc(text))
        shown = markdown_to_text(got.body)
        ok = (got.title.replace(" ,", ",") == title.replace(" ,", ",") and got.dateline == place
              and got.published == day and "Reporting by" not in shown and "Copyright" not in shown
              and "(END)" not in shown and "©" not in shown and "Keywords" not in shown)
        right += ok
        if not ok:
            wrong.append((got.title, got.dateline, got.published, text[:160]))
    assert right / len(files) >= 0.95, wrong[:5]
    assert not wrong, wrong[:5]


def test_conll_layout_fields_and_provenance() -> None:
    text = ("SOCCER - JAPAN GET LUCKY WIN , CHINA IN SURPRISE DEFEAT .\nNadim Ladki\n"
            "AL-AIN , United Arab Emirates 1996-12-06\n" + "\n".join(p.replace(",", " ,") for p in PARAGRAPHS))
    got = read_text(_doc(text))
    assert got.title == "SOCCER - JAPAN GET LUCKY WIN, CHINA IN SURPRISE DEFEAT"
    assert got.authors == ("Nadim Ladki",)
    assert got.dateline == "Al-Ain, United Arab Emirates" and got.published == date(1996, 12, 6)
    assert got.provenance["title"] == "text:line 1" and got.provenance["dateline"] == "text:line 3"
    assert got.body.startswith("Japan began the defence") and " ," not in got.body


def test_reuters_credits_and_copyright_go_to_fields() -> None:
    text = ("North Korea fires missile into sea\nSEOUL, Aug 14 (Reuters) - " + PARAGRAPHS[3] + "\n"
            + PARAGRAPHS[0] + "\n(Reporting by Hyonhee Shin and Josh Smith; Editing by Ed Davies)\n"
            "© 2023 Thomson Reuters\nOur Standards: The Thomson Reuters Trust Principles.\n")
    got = read_text(_doc(text))
    assert (got.title, got.dateline, got.agency, got.published) == (
        "North Korea fires missile into sea", "Seoul", "Reuters", date(2023, 8, 14))
    assert got.authors == ("Hyonhee Shin", "Josh Smith")
    assert got.extra["credits"].startswith("Reporting by Hyonhee Shin")
    assert got.extra["copyright"] == "© 2023 Thomson Reuters"
    assert "Editing" not in got.body and "Standards" not in got.body and "©" not in got.body


@pytest.mark.parametrize("line, place, agency", [
    ("SEOUL, Aug 14 (Reuters) - North Korea fired", "Seoul", "Reuters"),
    ("ST. JOSEPH, Mich. (AP) — A man was", "St. Joseph, Mich.", "AP"),
    ("Seoul, Aug. 14 (Yonhap) -- South Korea said", "Seoul", "Yonhap"),
    ("AL-AIN, United Arab Emirates 1996-12-06", "Al-Ain, United Arab Emirates", None),
    ("BEIJING, Oct. 5 (Xinhua) -- China", "Beijing", "Xinhua"),
])
def test_agency_datelines(line: str, place: str, agency: str | None) -> None:
    found = parse_dateline(line)
    assert found is not None and (found.place, found.agency) == (place, agency)


@pytest.mark.parametrize("line", ["SOCCER - JAPAN GET LUCKY WIN", "The President said - no", "Aug 14 - more",
                                  "Nadim Ladki", "Tuesday, September 1, 2015", "Published 5:32 PM, March 3, 2013",
                                  "Found March 08, 2013", "A FIRE-BOMB attack on a bank in Athens left three dead"])
def test_not_datelines(line: str) -> None:
    assert parse_dateline(line) is None


@pytest.mark.parametrize("line, place", [("WASHINGTON, DC, April 28, 2009", "Washington, DC"),
                                         ("NEW YORK, N.Y. (AP) — A man", "New York, N.Y.")])
def test_abbreviated_regions_stay_as_written(line: str, place: str) -> None:
    found = parse_dateline(line)
    assert found is not None and found.place == place


def test_a_web_page_dump_is_not_read_as_wire() -> None:
    text = "Home\nNews\nSport\nSign in\n\nKim orders more missiles\n\nBy Jane Doe\n\n" + \
        "\n\n".join(PARAGRAPHS) + "\n\nShare this article\nMost read\n"
    got = read_text(_doc(text))
    assert got.title == "Kim orders more missiles"
