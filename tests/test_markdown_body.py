"""The body's Markdown: scraped text written safely, and read back as exactly that text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from briefgen.ingest.markdown_body import escape_inline, escape_line_start, markdown_to_text, squash

# printable text on one line, with the characters Markdown cares about over-represented
_LINE = st.text(alphabet=st.one_of(st.sampled_from("\\`*_[]<>#-+=.!|&;1 aZ한"),
                                   st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"))),
                min_size=1, max_size=60)


@settings(max_examples=300, deadline=None)
@given(_LINE)
def test_written_text_reads_back_unchanged(text: str) -> None:
    line = squash(text).strip()
    if line.startswith("|") and line.endswith("|"):
        return  # a pipe-framed line reads as a table row: the writer only makes those for tables
    assert markdown_to_text(escape_line_start(escape_inline(line))) == line


def test_common_markdown_reads_as_its_words() -> None:
    markdown = ("## A heading\n\n- an _emph_ word, **bold**, `code`, snake_case\n> a quote\n\n"
                "| Year | Launches |\n|---|---|\n| 2022 | 37 |\n\nSee [the agency](https://kcna.example/).")
    assert markdown_to_text(markdown).split("\n") == [
        "A heading", "", "an emph word, bold, code, snake_case", "a quote", "",
        "Year Launches", "2022 37", "", "See the agency."]
