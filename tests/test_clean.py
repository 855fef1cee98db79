"""The shared cleaning rules on the forms real pages hand them."""

from __future__ import annotations

import pytest

from briefgen.ingest.clean import (
    clean_text, is_boilerplate, split_byline, split_dateline, strip_site_name,
)


@pytest.mark.parametrize("title, sites, expected", [
    ("New York State Attorney General reportedly investigating WeWork – TechCrunch", ["TechCrunch"],
     "New York State Attorney General reportedly investigating WeWork"),
    ("Britain's Johnson pledges Brexit by January | Reuters", [], "Britain's Johnson pledges Brexit by January"),
    ("Impeachment Inquiry Moves Ahead - The New York Times", [], "Impeachment Inquiry Moves Ahead"),
    ("Son of former German president stabbed to death in Berlin - The Jerusalem Post",
     ["The Jerusalem Post | JPost.com"], "Son of former German president stabbed to death in Berlin"),
    ("Cat found in New Mexico after going missing in Oregon - San Antonio Express-News",
     ["San Antonio Express-News"], "Cat found in New Mexico after going missing in Oregon"),
    ("Economy in stress and markets on a high - Moneycontrol.com", [], "Economy in stress and markets on a high"),
    ("Kindle for PCをCtrl＋Alt＋Kのショートカットキーで立ち上がらなくする方法 | ノート100YEN.com",
     ["ノート100YEN.com"], "Kindle for PCをCtrl＋Alt＋Kのショートカットキーで立ち上がらなくする方法"),
])
def test_site_name_is_stripped_from_titles(title: str, sites: list[str], expected: str) -> None:
    assert strip_site_name(title, sites) == expected


@pytest.mark.parametrize("title", [
    "Ten years on - a retrospective",
    "The Guardian view on Hong Kong: a city on the brink",  # starts with the site's name: still the headline
    "Milan Design Week 2018 | Michael Anastassiades' light installation for FLOS",
])
def test_headlines_with_separators_are_kept(title: str) -> None:
    assert strip_site_name(title, ["the Guardian", "Inexhibit"]) == title


@pytest.mark.parametrize("byline, authors, agencies", [
    ("By Jane Doe and John Smith", ("Jane Doe", "John Smith"), ()),
    ("Jane Doe, MD", ("Jane Doe",), ()),
    ("Ilana Muhlstein, MS, RDN", ("Ilana Muhlstein",), ()),
    ("John Smith | Staff Writer", ("John Smith",), ()),
    ("Steve Peoples, AP National Political Writer", ("Steve Peoples",), ("AP",)),
    ("Tom Krisher, Ap Auto Writer", ("Tom Krisher",), ()),
    ("By DANICA KIRKA and JILL LAWLESS Associated Press", ("Danica Kirka", "Jill Lawless"), ("AP",)),
    ("The Associated Press", (), ("AP",)),
    ("Reuters Staff", (), ("Reuters",)),
    ("Admin", (), ()),
    ("Web Desk", (), ()),
    ("Staff", (), ()),
    ("https://www.facebook.com/someone", (), ()),
    ("E. Jean Carroll", ("E. Jean Carroll",), ()),
    ("Ana Souza e Pedro Lima", ("Ana Souza", "Pedro Lima"), ()),
    ("홍길동 기자", ("홍길동",), ()),
    ("Marty Jones &amp; Bo Lee", ("Marty Jones", "Bo Lee"), ()),
    ("By Jill Disis, CNN Business Updated 0339 GMT (1139 HKT) November 19, 2019", ("Jill Disis",), ()),
    ("Chris Davies  -  Nov 19, 2019, 10:31 pm CST", ("Chris Davies",), ()),
    ("| BY: Ilana Muhlstein, MS, RDN", ("Ilana Muhlstein",), ()),
])
def test_bylines_become_people_and_agencies(byline: str, authors: tuple, agencies: tuple) -> None:
    found = split_byline(byline, ["CNN"])
    assert found.authors == authors
    assert found.agencies == agencies


def test_the_sites_own_name_is_no_author() -> None:
    assert split_byline(["Tanza Loudenback", "Business Insider"], ["Business Insider Deutschland"]).authors \
        == ("Tanza Loudenback",)
    assert split_byline("Elliot Brownstein Florida Today", ["Florida Today"]).authors == ("Elliot Brownstein",)


def test_clean_text_unescapes_and_collapses() -> None:
    assert clean_text("  AT&amp;amp;T\u00a0 <b>wins</b>\n\tbig ") == "AT&T wins big"
    assert clean_text(None) == ""


@pytest.mark.parametrize("paragraph, place, agency", [
    ("SEOUL, South Korea (AP) — North Korean leader Kim Jong Un", "Seoul, South Korea", "AP"),
    ("LONDON (Reuters) - Britain's", "London", "Reuters"),
    ("WASHINGTON — The Pentagon", "Washington", None),
    ("WINSTON-SALEM, N.C. (AP) — A man", "Winston-Salem, N.C.", "AP"),
])
def test_datelines(paragraph: str, place: str, agency: str | None) -> None:
    found = split_dateline(paragraph)
    assert found is not None and (found.place, found.agency) == (place, agency)


@pytest.mark.parametrize("paragraph", ["The man said — no", "I — am here", "Hong Kong (CNN Business) — Asian"])
def test_prose_is_no_dateline(paragraph: str) -> None:
    assert split_dateline(paragraph) is None


@pytest.mark.parametrize("block", [
    "Get the latest updates right in your inbox. Subscribe to NJ.com’s newsletters.",
    "Follow Newsbeat on Instagram, Facebook, Twitter and YouTube.",
    "copyright Inexhibit 2019 - ISSN: 2283-5474",
    "You may also like...",
    "Filed under: Khawarij |",
    "Leia também: outras notícias",
    "[button link=”http://example.com/” type=”big”] Send us YOUR kit review[/button]",
    "Comments",
])
def test_page_furniture_is_boilerplate(block: str) -> None:
    assert is_boilerplate(block)


@pytest.mark.parametrize("block", [
    "The newsletter business has boomed, and publishers now send more than ever. " * 5,
    "Subscribers to the service will pay more from January.",
    "Police arrested a 57-year-old man suspected of committing the attack.",
])
def test_story_text_is_not_boilerplate(block: str) -> None:
    assert not is_boilerplate(block)


@pytest.mark.parametrize("block, expected", [
    ("Related: North Korea fires two missiles into the sea", True),
    ("READ MORE: Seoul's new defence minister", True),
    ("Leia também: Lula visita Pequim", True),
    ("Related research suggests the drills will go ahead.", False),
    ("Click here to get more information or download this game.", False),  # part of some stories
])
def test_links_to_other_stories(block: str, expected: bool) -> None:
    from briefgen.ingest.clean import is_link_to_elsewhere

    assert is_link_to_elsewhere(block) is expected
