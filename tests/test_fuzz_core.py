"""Property-based tests: slugs and front matter never crash and never leave their folder.

Run a longer campaign with ``BRIEFGEN_FUZZ_EXAMPLES=10000 pytest tests/test_fuzz_core.py``.
"""

import os
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefgen import frontmatter  # noqa: I001
from briefgen.build.content import read_article
from briefgen.errors import BriefgenError
from briefgen.urls import is_slug, safe_join, slugify

EXAMPLES = int(os.environ.get("BRIEFGEN_FUZZ_EXAMPLES", "300"))
fuzz = settings(max_examples=EXAMPLES, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@fuzz
@given(st.text(max_size=300))
def test_slug_is_always_safe(text):
    slug = slugify(text)
    assert is_slug(slug), (text, slug)
    assert "/" not in slug and ".." not in slug


@fuzz
@given(st.text(max_size=200))
def test_a_slug_joined_to_the_site_stays_inside(tmp_path_factory, text):
    root = tmp_path_factory.getbasetemp() / "site"
    root.mkdir(exist_ok=True)
    target = safe_join(root, f"entities/{slugify(text)}/index.html")
    assert root.resolve() in target.parents


@fuzz
@given(st.lists(st.sampled_from([".", "/", "\\", "~", "$", "a", "b", "..", "%2e", "\x00"]),
                max_size=20).map("".join))
def test_safe_join_refuses_or_stays_inside(tmp_path_factory, relative):
    root = tmp_path_factory.getbasetemp() / "root"
    root.mkdir(exist_ok=True)
    try:
        target = safe_join(root, relative)
    except (BriefgenError, ValueError):
        return
    assert target == root.resolve() or root.resolve() in target.parents


yaml_like = st.text(alphabet=st.sampled_from(list("abc:-[]{}'\"#&*!|>%@`\n 0123456789é\t,?") ),
                    max_size=200)


@fuzz
@given(yaml_like, st.text(max_size=100))
def test_front_matter_reader_raises_only_briefgen_errors(tmp_path_factory, block, body):
    path = tmp_path_factory.getbasetemp() / "fuzz-article.md"
    path.write_text(f"---\n{block}\n---\n{body}", encoding="utf-8")
    try:
        article, _ = read_article(path)
    except BriefgenError as exc:
        assert exc.path == path
        return
    assert article.title


@fuzz
@given(st.dictionaries(st.sampled_from(["title", "dek", "topics", "authors", "publisher", "notes"]),
                       st.one_of(st.text(max_size=40), st.lists(st.text(max_size=20), max_size=4)),
                       min_size=1),
       st.text(max_size=200))
def test_dump_then_split_round_trips(meta, body):
    text = frontmatter.dump(meta, body)
    parsed, parsed_body, _ = frontmatter.split(text)
    def stored(value):
        return [frontmatter.clean_text(v) for v in value] if isinstance(value, list) else frontmatter.clean_text(value)

    expected = {k: stored(v) for k, v in meta.items() if v not in ("", [], None)}
    assert parsed == expected
    assert parsed_body.strip() == frontmatter.clean_text(body).strip()
    assert frontmatter.dump(parsed, parsed_body) == text


# --- the text-dump reader: any text a person might paste, never a crash -------------------------

from briefgen.ingest.readers.text import read_text  # noqa: E402
from briefgen.model import RawDoc  # noqa: E402

_SEED_LINES = (Path(__file__).resolve().parents[1] / "seeds" / "000_57e3a4ad35af1eec.txt").read_text(
    encoding="utf-8").splitlines()
dump_lines = st.one_of(
    st.sampled_from(_SEED_LINES),  # real page lines, shuffled and repeated
    st.text(max_size=120),
    st.sampled_from(["", "Topics :North KoreaSouth Korea", "Last Updated : Aug 14 2023 | 9:03 AM IST",
                     "3 min read", "AP Seoul", "By The Associated Press", "₹900", "Share", "Next Story",
                     "Updated: 31 Feb 2023 25:61 XYZ", "© 2024", "。", "한국어 기사입니다.", "\u2028", "\x00"]),
)


@fuzz
@given(st.lists(dump_lines, max_size=80))
def test_text_reader_never_crashes(lines):
    text = "\n".join(lines)
    raw = RawDoc(path=Path("fuzz.txt"), kind="text", text=text, sha256="0" * 64, encoding="utf-8")
    try:
        extracted = read_text(raw)
    except BriefgenError:
        return
    assert isinstance(extracted.title, str) and isinstance(extracted.body, str)
    # the body is made of the page's own words: nothing invented, nothing from another input
    source_words = set(re.findall(r"\w+", text))
    assert set(re.findall(r"\w+", extracted.body)) <= source_words
    if extracted.published is not None:
        assert extracted.published.year > 1000
