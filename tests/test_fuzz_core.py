"""Property-based tests: slugs and front matter never crash and never leave their folder.

Run a longer campaign with ``BRIEFGEN_FUZZ_EXAMPLES=10000 pytest tests/test_fuzz_core.py``.
"""

import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefgen import frontmatter  # noqa: I001
from briefgen.content import read_article
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
        article = read_article(path)
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
