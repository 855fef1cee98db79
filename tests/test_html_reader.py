"""The HTML reader on small pages written here, and on the real pages of ../shared/data/extraction."""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefgen.errors import BriefgenError
from briefgen.ingest.markdown_body import markdown_to_text
from briefgen.ingest.rawdoc import read_raw
from briefgen.ingest.readers import extract
from briefgen.model import Extracted

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
EXTRACTION = SHARED / "extraction"
needs_shared = pytest.mark.skipif(not EXTRACTION.is_dir(), reason="../shared/data is absent")

STORY = [
    "North Korean leader Kim Jong Un toured several munitions factories this week and ordered a sharp "
    "increase in the production of missile engines, state media reported on Monday morning.",
    "The visits came days before the United States and South Korea begin their annual summer drills, "
    "which Pyongyang has long described as rehearsals for an invasion of the North.",
    "Analysts in Seoul said the factory tours were meant to show that the North's weapons industry could "
    "keep pace with the leader's demands despite years of sanctions and a shortage of raw materials.",
    "Officials in Washington declined to comment on the reports but said they were watching closely.",
]


def page(head: str = "", body: str = "", lang: str = "en") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in STORY)
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">{head}</head><body>'
            f'<header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>'
            f"<main><article><h1>Kim orders more missile engines</h1>{body or paragraphs}</article></main>"
            f"<footer><p>Contact us · Privacy</p></footer></body></html>")


def json_ld(obj: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(obj)}</script>'


def read(tmp_path: Path, html: str, name: str = "story.html") -> Extracted:
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    return extract(read_raw(path))


def test_json_ld_article_wins_and_an_agency_author_becomes_the_agency(tmp_path: Path) -> None:
    head = json_ld({
        "@context": "https://schema.org", "@type": "NewsArticle",
        "headline": "Kim orders more missile engines",
        "datePublished": "2023-08-14T09:03:00+09:00", "dateModified": "2023-08-14T11:30:00+09:00",
        "author": {"@type": "Organization", "name": "The Associated Press"},
        "publisher": {"@type": "Organization", "name": "Example Times"},
        "keywords": ["North Korea", "Missiles"],
    }) + '<meta property="og:title" content="Something else entirely">'
    got = read(tmp_path, page(head))
    assert got.title == "Kim orders more missile engines"
    assert got.provenance["title"] == "json-ld:headline"
    assert got.agency == "AP" and got.authors == ()
    assert got.published == datetime(2023, 8, 14, 9, 3, tzinfo=timezone(timedelta(hours=9)))
    assert got.published.utcoffset() == timedelta(hours=9)  # the page's own zone, not UTC
    assert got.updated == datetime(2023, 8, 14, 11, 30, tzinfo=timezone(timedelta(hours=9)))
    assert got.publisher == "Example Times"
    assert got.topics == ("North Korea", "Missiles")
    assert got.language == "en"
    for paragraph in STORY:
        assert paragraph in got.body


def test_og_title_loses_its_site_suffix(tmp_path: Path) -> None:
    head = ('<meta property="og:title" content="Kim orders more missile engines | Reuters">'
            '<meta property="og:site_name" content="Reuters">'
            '<meta property="article:published_time" content="2023-08-14T04:10:00Z">'
            '<title>Kim orders more missile engines | Reuters</title>')
    got = read(tmp_path, page(head))
    assert got.title == "Kim orders more missile engines"
    assert got.provenance["title"] == "meta:og:title"
    assert got.published == datetime(2023, 8, 14, 4, 10, tzinfo=timezone.utc)
    assert got.provenance["published"] == "meta:article:published_time"


def test_a_utc_stamp_takes_the_zone_of_the_local_wall_time_beside_it(tmp_path: Path) -> None:
    head = (json_ld({"@type": "NewsArticle", "headline": "Kim", "datePublished": "2019-11-19T04:58:46Z"})
            + '<meta name="sailthru.date" content="2019-11-18 20:58:46">')
    got = read(tmp_path, page(head))
    assert got.published == datetime(2019, 11, 19, 4, 58, 46, tzinfo=timezone.utc)  # the same moment …
    assert got.published.utcoffset() == timedelta(hours=-8)  # … as the page's own clock showed it
    assert got.provenance["published"] == "json-ld:datePublished+meta:sailthru.date"


def test_placeholder_author_is_dropped(tmp_path: Path) -> None:
    head = '<meta name="author" content="Admin"><title>Kim orders more missile engines</title>'
    got = read(tmp_path, page(head))
    assert got.authors == ()
    assert "authors" not in got.provenance


def test_byline_is_cleaned_and_split(tmp_path: Path) -> None:
    head = '<meta name="author" content="By JANE DOE and John Smith, Staff Writer"><title>Kim</title>'
    got = read(tmp_path, page(head))
    assert got.authors == ("Jane Doe", "John Smith")
    assert got.provenance["authors"] == "meta:author"


def test_graph_arrays_and_author_references_resolve(tmp_path: Path) -> None:
    head = json_ld({"@context": "https://schema.org", "@graph": [
        {"@type": "WebSite", "@id": "#site", "name": "Example Daily"},
        {"@type": "Person", "@id": "#jane", "name": "Jane Doe"},
        {"@type": ["ReportageNewsArticle"], "headline": "Kim orders more missile engines",
         "author": [{"@id": "#jane"}], "datePublished": "2023-08-14T09:03:00+05:30",
         "inLanguage": "en-GB"},
    ]})
    got = read(tmp_path, page(head))
    assert got.authors == ("Jane Doe",)
    assert got.published.utcoffset() == timedelta(hours=5, minutes=30)
    assert got.language == "en-GB"


def test_body_keeps_its_structure_as_markdown(tmp_path: Path) -> None:
    body = (f"<p>{STORY[0]}</p><h2>What the factories make</h2><p>{STORY[1]}</p>"
            "<ul><li>Engines for short-range missiles</li><li>Shells for multiple rocket launchers</li></ul>"
            f"<blockquote><p>{STORY[2]}</p></blockquote>"
            "<table><tr><th>Year</th><th>Launches</th></tr><tr><td>2022</td><td>37</td></tr>"
            "<tr><td>2023</td><td>21</td></tr></table>"
            f"<p>{STORY[3]}</p>"
            "<p>Get the latest updates right in your inbox. Subscribe to our newsletters.</p>")
    got = read(tmp_path, page("<title>Kim</title>", body))
    assert "## What the factories make" in got.body
    assert "- Engines for short-range missiles" in got.body
    assert f"> {STORY[2]}" in got.body
    assert "| Year | Launches |" in got.body and "| 2022 | 37 |" in got.body
    assert got.body.rstrip().endswith(STORY[3])  # the newsletter pitch is trimmed
    assert "Contact us" not in got.body and "Home" not in got.body


def test_json_ld_body_replaces_a_truncated_extraction(tmp_path: Path) -> None:
    whole = "\n\n".join(STORY * 3)
    head = json_ld({"@type": "NewsArticle", "headline": "Kim", "articleBody": whole})
    body = f"<p>{STORY[0]}</p><p>{STORY[1]}</p><p><a href='/login'>Subscribe to read more</a></p>"
    got = read(tmp_path, page(head, body))
    assert got.provenance["body"] == "json-ld:articleBody"
    assert markdown_to_text(got.body).count(STORY[3]) == 3


def test_korean_page(tmp_path: Path) -> None:
    story = ["북한 김정은 국무위원장이 군수공장 여러 곳을 현지지도하며 미사일 엔진 생산을 대폭 늘리라고 지시했다고 조선중앙통신이 14일 보도했다.",
             "이번 방문은 한미 연합훈련을 앞두고 이뤄졌으며, 전문가들은 제재 속에서도 무기 생산 능력을 과시하려는 의도라고 분석했다.",
             "미국 국무부는 관련 보도에 대해 언급을 피하면서도 상황을 면밀히 주시하고 있다고 밝혔다."]
    head = (json_ld({"@type": "NewsArticle", "headline": "김정은, 미사일 엔진 증산 지시",
                     "author": {"@type": "Person", "name": "홍길동 기자"},
                     "datePublished": "2023-08-14T09:03:00+09:00"})
            + '<meta property="og:title" content="김정은, 미사일 엔진 증산 지시 - 예시일보">')
    got = read(tmp_path, page(head, "".join(f"<p>{p}</p>" for p in story), lang="ko"))
    assert got.title == "김정은, 미사일 엔진 증산 지시"
    assert got.authors == ("홍길동",)
    assert got.language == "ko"
    assert got.published.utcoffset() == timedelta(hours=9)
    assert all(p in got.body for p in story)


def test_url_date_is_the_last_resort(tmp_path: Path) -> None:
    head = ('<link rel="canonical" href="https://example.com/2019/11/18/kim-missiles/">'
            "<title>Kim orders more missile engines</title>")
    got = read(tmp_path, page(head))
    assert got.url == "https://example.com/2019/11/18/kim-missiles/"
    assert got.published == date(2019, 11, 18) and got.provenance["published"] == "url"


def test_a_page_that_is_no_html_is_an_error_naming_the_file(tmp_path: Path) -> None:
    with pytest.raises(BriefgenError) as error:
        read(tmp_path, "   ", "empty.html")
    assert "empty.html" in str(error.value)


# --- the real pages -----------------------------------------------------------------

def _real(page_id: str) -> Extracted:
    path = next((EXTRACTION / "html").glob(page_id + "*.html.gz"))
    return extract(read_raw(path))


def _truth(page_id: str) -> str:
    truth = json.loads((EXTRACTION / "ground-truth.json").read_text(encoding="utf-8"))
    return next(v["articleBody"] for k, v in truth.items() if k.startswith(page_id))


@needs_shared
@pytest.mark.parametrize("page_id, title", [
    ("1ace8c85", "New York State Attorney General reportedly investigating WeWork"),
    ("e372e42c", "Son of former German president stabbed to death in Berlin"),
    ("ef2b3f26", "Cat found in New Mexico after going missing in Oregon"),
    ("65408257", "Economy in stress and markets on a high; time to be careful?"),
    ("f105de6e", "Kindle for PCをCtrl＋Alt＋Kのショートカットキーで立ち上がらなくする方法"),
    ("23aaecd1", "Uma palinha das brincadeiras musicais do grupo Serelepe"),
])
def test_real_titles_have_no_site_name(page_id: str, title: str) -> None:
    assert _real(page_id).title == title


@needs_shared
@pytest.mark.parametrize("page_id, offset", [
    ("65408257", timedelta(hours=5, minutes=30)),  # Moneycontrol, India
    ("06ee193d", timedelta(hours=-6)),  # SlashGear, US Central
    ("8267acac", timedelta(hours=-8)),  # The Hollywood Reporter, US Pacific
    ("c4a3637c", timedelta(hours=4)),  # a Russian page
    ("1ace8c85", timedelta(hours=-8)),  # TechCrunch: UTC in JSON-LD, Pacific wall time in another tag
])
def test_real_dates_keep_the_pages_zone(page_id: str, offset: timedelta) -> None:
    published = _real(page_id).published
    assert isinstance(published, datetime) and published.utcoffset() == offset


@needs_shared
def test_real_agency_and_people() -> None:
    ap = _real("db6b0816")  # an AP story syndicated by the Houston Chronicle
    assert ap.agency == "AP" and ap.authors == ("Robert Burns",) and ap.dateline
    assert _real("a1fca19b").authors == ("Lia Eustachewich", "Yaron Steinbuch")


def _sentences(text: str) -> list[str]:
    parts = [s.strip() for s in re.split(r"(?<=[.!?。])\s*", text) if len(s.strip()) > 40]
    return [parts[0], parts[len(parts) // 2], parts[-1]] if parts else []


@needs_shared
@pytest.mark.parametrize("page_id", ["1ace8c85", "23aaecd1", "f105de6e", "d1c57d78", "7916ecca", "c13b9c0e"])
def test_real_bodies_hold_the_ground_truth_sentences(page_id: str) -> None:
    body = re.sub(r"\s+", "", markdown_to_text(_real(page_id).body))
    for sentence in _sentences(_truth(page_id)):
        assert re.sub(r"\s+", "", sentence) in body


def test_furniture_inside_and_around_the_body_is_dropped() -> None:
    from briefgen.ingest.readers.html_body import trim_edges

    body = "\n\n".join([
        "### Other story one", "### Other story two", "### Other story three",  # a run of headings: links
        STORY[0],
        "## Kim orders more missile engines",  # the headline again, mid-body
        STORY[1],
        "Related: North Korea fires two missiles into the sea",
        "DON'T MISS: Seoul's new defence minister",
        STORY[2],
        "Example Daily is a leading source of news about the Korean peninsula.",  # about us
        "### Most read",
    ])
    assert trim_edges(body, "Kim orders more missile engines", ["Example Daily"]) == "\n\n".join(STORY[:3])


def test_a_lone_heading_before_the_story_becomes_the_dek(tmp_path: Path) -> None:
    body = "<h2>The leader tours factories days before US-South Korea drills</h2>" + "".join(
        f"<p>{p}</p>" for p in STORY)
    got = read(tmp_path, page("<title>Kim orders more missile engines</title>", body))
    assert got.dek == "The leader tours factories days before US-South Korea drills"
    assert got.provenance["dek"] == "body:heading"
    assert got.body.startswith(STORY[0])


def test_a_closing_list_of_headlines_goes_but_a_list_in_the_story_stays() -> None:
    from briefgen.ingest.readers.html_body import trim_edges

    related = "- NASA Europa Mission Could Spot Signs of Alien Life\n- Photos: Europa, Mysterious Icy Moon of Jupiter"
    assert trim_edges(f"{STORY[0]}\n\n{related}") == STORY[0]
    story_list = ("- Hundreds of tasks that make the game more interesting\n"
                  "- Dozens of tricky questions that help you know each other")
    assert trim_edges(f"{STORY[0]}\n\n{story_list}") == f"{STORY[0]}\n\n{story_list}"


def test_scraped_text_stays_literal_in_markdown(tmp_path: Path) -> None:
    tricky = ["1. is not a list item here, and # is not a heading: &lt;script&gt;alert(1)&lt;/script&gt; *not em*",
              "An [unlinked] snake_case word, a _real_ underscore pair and AT&amp;T's &amp;copy; sign."]
    got = read(tmp_path, page("<title>Kim</title>", "".join(f"<p>{t}</p>" for t in tricky + STORY)))
    assert not re.search(r"(?<!\\)<", got.body) and "\\<script>" in got.body  # every "<" escaped
    assert got.body.startswith("1\\. is not a list item")
    assert "snake_case" in got.body and "\\_real\\_" in got.body
    text = markdown_to_text(got.body)
    assert "1. is not a list item here, and # is not a heading: <script>alert(1)</script> *not em*" in text
    assert "AT&T's &copy; sign" in text


_JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
                     lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
                         st.sampled_from(["@type", "@id", "name", "caption", "url", "@graph"]), inner, max_size=3),
                     max_leaves=8)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dictionaries(st.sampled_from(["headline", "author", "datePublished", "dateModified", "publisher",
                                        "keywords", "image", "inLanguage", "description", "articleBody",
                                        "mainEntityOfPage", "@graph"]), _JSON, max_size=6),
       st.sampled_from(["NewsArticle", ["Article"], None, 7]))
def test_any_json_ld_shape_reads_or_fails_cleanly(tmp_path: Path, fields: dict, kind: object) -> None:
    """Structured data is untrusted input: odd shapes degrade to other layers, never crash."""
    head = json_ld({"@context": "https://schema.org", "@type": kind, **fields}) + "<title>Kim orders more</title>"
    got = read(tmp_path, page(head))
    assert got.title and STORY[0] in got.body


def test_the_first_of_several_section_headings_stays_in_the_body() -> None:
    from briefgen.ingest.readers.html_body import lead_heading

    listicle = f"## 1. Eat regularly\n\n{STORY[0]}\n\n## 2. Sleep well\n\n{STORY[1]}"
    assert lead_heading(listicle) == (listicle, None)
    assert lead_heading(f"## A standfirst\n\n{STORY[0]}\n\n### A section\n\n{STORY[1]}") == (
        f"{STORY[0]}\n\n### A section\n\n{STORY[1]}", "A standfirst")


MODERN = SHARED / "extraction-modern"


@pytest.mark.skipif(not MODERN.is_dir(), reason="../shared/data/extraction-modern is absent")
@pytest.mark.parametrize("page_id, day", [
    # no date anywhere in their markup: only a copyright year, which must not become "1 January"
    ("0038", None), ("0061", None), ("0139", None), ("0313", None), ("0406", None),
    # a date in the page's markup (a <time>, a date class) that only htmldate reads
    ("0059", date(2023, 6, 8)), ("0085", date(2019, 8, 16)), ("0192", date(2024, 12, 24)),
])
def test_real_modern_pages_get_their_date_or_none(page_id: str, day: date | None) -> None:
    published = extract(read_raw(MODERN / "html" / f"{page_id}.html.gz")).published
    assert (published.date() if isinstance(published, datetime) else published) == day
