"""The Markdown reader keeps what a person wrote and fills in only what is missing."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefgen import frontmatter

from briefgen.errors import BriefgenError
from briefgen.ingest.rawdoc import read_raw
from briefgen.ingest.readers import extract
from briefgen.model import Extracted

ROOT = Path(__file__).resolve().parents[1]


def read(tmp_path: Path, text: str, name: str = "story.md") -> Extracted:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return extract(read_raw(path))


def test_front_matter_is_kept_as_written(tmp_path: Path) -> None:
    got = read(tmp_path, "---\n"
                         "title: Kim orders more missiles\n"
                         "author: JANE DOE\n"  # a person's spelling: not "cleaned"
                         "date: 2023-08-14T09:03:00+05:30\n"
                         "tags: [North Korea, Missiles]\n"
                         "publisher: Business Standard\n"
                         "licence: CC BY 4.0\n"
                         "---\n\n# A heading inside the story\n\nBody text.\n")
    assert got.title == "Kim orders more missiles"
    assert got.authors == ("JANE DOE",)
    assert got.published == datetime(2023, 8, 14, 9, 3, tzinfo=timezone(timedelta(hours=5, minutes=30)))
    assert got.topics == ("North Korea", "Missiles")
    assert got.publisher == "Business Standard"
    assert got.extra == {"licence": "CC BY 4.0"}
    assert got.provenance["published"] == "front matter:date"
    assert got.body.startswith("# A heading inside the story")  # the title came from front matter


def test_missing_title_comes_from_the_first_heading(tmp_path: Path) -> None:
    got = read(tmp_path, "---\nauthors: [Jane Doe]\n---\n\nA kicker line.\n\n"
                         "```\n# a comment in code, not a heading\n```\n\n"
                         "# Kim orders more *missiles*\n\nBody text.\n")
    assert got.title == "Kim orders more missiles"
    assert got.provenance["title"] == "markdown:line 10"
    assert "# Kim" not in got.body.replace("# a comment", "")
    assert got.body == "A kicker line.\n\n```\n# a comment in code, not a heading\n```\n\nBody text."


def test_setext_heading_and_no_front_matter(tmp_path: Path) -> None:
    got = read(tmp_path, "Kim orders more missiles\n========================\n\nBody text.\n")
    assert got.title == "Kim orders more missiles"
    assert got.body == "Body text."


def test_date_and_title_from_a_jekyll_file_name(tmp_path: Path) -> None:
    got = read(tmp_path, "Just a paragraph.\n", name="2023-08-14-kim-orders-missiles.md")
    assert got.published == date(2023, 8, 14)
    assert got.provenance["published"] == "file name"
    assert got.title == "Kim orders missiles"
    assert got.provenance["title"] == "guess:file name"


def test_a_bad_date_names_its_line(tmp_path: Path) -> None:
    with pytest.raises(BriefgenError) as error:
        read(tmp_path, "---\ntitle: Kim\ndate: sometime soon\n---\nBody.\n", name="bad.md")
    assert error.value.line == 3
    assert "bad.md:3" in str(error.value)


def test_a_list_where_text_belongs_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(BriefgenError) as error:
        read(tmp_path, "---\ntitle: [one, two]\n---\nBody.\n")
    assert error.value.line == 2


def test_the_shipped_content_files_read_back(tmp_path: Path) -> None:
    """Every article briefgen ships in content/ is itself valid reader input."""
    files = sorted((ROOT / "content" / "articles").glob("*.md"))
    if not files:
        pytest.skip("no content/articles in this checkout yet")
    for path in files:
        got = extract(read_raw(path))
        assert got.title and got.body


_VALUE = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                      lambda inner: st.lists(inner, max_size=3)
                      | st.dictionaries(st.text(max_size=5), inner, max_size=2),
                      max_leaves=6)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dictionaries(st.sampled_from(["title", "author", "authors", "date", "published", "updated", "tags",
                                        "reading_time", "publisher", "language", "url", "other"]),
                       _VALUE, max_size=5))
def test_any_front_matter_reads_or_names_the_problem(tmp_path: Path, meta: dict) -> None:
    """A person's front matter may hold anything: it reads, or fails with a BriefgenError, never a crash."""
    try:
        got = read(tmp_path, frontmatter.dump(meta, "# Heading\n\nBody text."))
    except BriefgenError as error:
        assert error.message
        return
    assert got.title and "Body text." in got.body


def test_wire_opening_and_url_fill_dateline_agency_and_publisher(tmp_path: Path) -> None:
    got = read(tmp_path, "---\ntitle: Kim orders more missiles\nurl: https://www.business-standard.com/x\n---\n\n"
                         "SEOUL, South Korea (AP) — North Korean leader Kim Jong Un toured factories.\n")
    assert (got.dateline, got.agency, got.publisher) == ("Seoul, South Korea", "AP", "Business Standard")
    assert got.provenance["agency"] == "markdown:first paragraph"
    assert got.provenance["publisher"] == "url"
    kept = read(tmp_path, "---\ntitle: Kim\ndateline: Pyongyang\n---\n\nSEOUL (AP) — Text.\n")
    assert (kept.dateline, kept.agency) == ("Pyongyang", "AP")  # the person's dateline stays
