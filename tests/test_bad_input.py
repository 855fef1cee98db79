"""Bad input, one case at a time: a one-line error naming the file, the rest processed, nothing lost.

Each case goes through the real CLI, the way a person meets it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefgen import frontmatter
from briefgen.cli import main

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "000_57e3a4ad35af1eec.txt"
GOOD = REPO / "content" / "articles" / "north-korea-puts-military-in-quasi-state-of-war.md"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200)
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n" + bytes(100)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    assert main(["init", str(tmp_path / "brief")]) == 0
    root = tmp_path / "brief"
    shutil.copy(GOOD, root / "content" / "articles")
    assert main(["build", "--project", str(root)]) == 0
    return root


def _one_line_errors(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.strip()]


BAD_CONTENT = {
    "yaml-syntax": ("---\ntitle: Fine\ndek: [unclosed\n---\nBody.\n", ":3", "YAML"),
    "not-a-mapping": ("---\n- just\n- a list\n---\nBody.\n", "", "mapping"),
    "topics-number": ("---\ntitle: Fine\ntopics: 5\n---\nBody.\n", ":3", "topics"),
    "bad-date": ("---\ntitle: Fine\npublished: last Tuesday\n---\nBody.\n", ":3", "not a date"),
    "no-title": ("---\ndek: Something\n---\nBody.\n", "", "title"),
    "empty": ("", "", "title"),
    "slug-escape": ("---\ntitle: Fine\nslug: ../../etc/passwd\n---\nBody.\n", ":3", "slug"),
}


@pytest.mark.parametrize("case", sorted(BAD_CONTENT))
def test_bad_content_fails_the_build_naming_file_line_and_fix(project, capsys, case):
    text, line, words = BAD_CONTENT[case]
    bad = project / "content" / "articles" / f"{case}.md"
    bad.write_text(text, encoding="utf-8")
    before = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    capsys.readouterr()
    assert main(["build", "--project", str(project)]) == 1
    err = capsys.readouterr().err
    assert f"{case}.md{line}" in err, err
    assert words in err
    assert "(" in err and ")" in err  # what to do, in brackets after what is wrong
    after = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    assert after == before  # the last good site is whole
    assert main(["check", "--project", str(project)]) == 1


def test_every_bad_content_file_is_reported_at_once(project, capsys):
    for case, (text, _, _) in BAD_CONTENT.items():
        (project / "content" / "articles" / f"{case}.md").write_text(text, encoding="utf-8")
    (project / "content" / "articles" / "picture.md").write_bytes(PNG)
    (project / "content" / "articles" / "legacy.md").write_bytes(
        "---\ntitle: Caf\xe9 story\n---\nBody.\n".encode("cp1252"))
    capsys.readouterr()
    assert main(["build", "--project", str(project)]) == 1
    err = capsys.readouterr().err
    for name in [*BAD_CONTENT, "picture", "legacy"]:
        assert f"{name}.md" in err, name
    assert "binary" in err and "UTF-8" in err


def test_two_articles_with_one_slug(project, capsys):
    text = GOOD.read_text(encoding="utf-8")
    meta, body, _ = frontmatter.split(text)
    (project / "content" / "articles" / "copy.md").write_text(
        frontmatter.dump({**meta, "slug": GOOD.stem}, body), encoding="utf-8")
    capsys.readouterr()
    assert main(["build", "--project", str(project)]) == 1
    err = capsys.readouterr().err
    assert "copy.md" in err and "already used" in err


def test_raw_files_of_every_kind_of_trouble(project, capsys):
    seeds = project / "seeds"
    shutil.copy(SEED, seeds / "kim story; rm -rf $HOME (1).txt")  # spaces and shell characters
    shutil.copy(REPO / "seeds" / "GUM_news_hackers.txt", seeds / "北朝鮮 ニュース.txt")  # a Unicode name
    wikinews = (REPO / "seeds" / "GUM_news_ie9.txt").read_text(encoding="utf-8")
    (seeds / "photo.txt").write_bytes(PNG)
    (seeds / "scan.html").write_bytes(PDF)
    (seeds / "empty.md").write_text("", encoding="utf-8")
    (seeds / "one-line.txt").write_text("word " * 2_000_000, encoding="utf-8")  # 10 MB, one line
    traversal = "../../etc/passwd\n\nMonday, August 14, 2023\n\n" + "\n\n".join(
        wikinews.split("\n\n")[2:])
    (seeds / "passwd.txt").write_text(traversal, encoding="utf-8")
    capsys.readouterr()
    assert main(["ingest", "--project", str(project), "--jobs", "2"]) == 1
    out, err = capsys.readouterr()
    errors = _one_line_errors(err)
    assert len(errors) == 4, errors
    for name, words in (("photo.txt", "binary"), ("scan.html", "binary"), ("empty.md", "empty.md"),
                        ("one-line.txt", "one-line.txt")):
        assert any(name in line and words in line for line in errors), (name, errors)
    assert "3 new" in out and "4 failed" in out
    written = sorted(p.name for p in (project / "content" / "articles").glob("*.md"))
    assert "etc-passwd.md" in written
    for path in (project / "content" / "articles").glob("*.md"):
        assert path.resolve().parent == (project / "content" / "articles").resolve()
    assert not (project / "etc").exists()
    assert main(["build", "--project", str(project)]) == 0
    assert (project / "site" / "articles" / "etc-passwd" / "index.html").is_file()


def test_two_titles_that_give_one_slug_become_two_articles(project, capsys):
    body = (REPO / "seeds" / "GUM_news_iodine.txt").read_text(encoding="utf-8").split("\n\n")
    other = (REPO / "seeds" / "GUM_news_taxes.txt").read_text(encoding="utf-8").split("\n\n")
    (project / "seeds" / "a.txt").write_text("\n\n".join(["Kim's visit", *body[1:]]), encoding="utf-8")
    (project / "seeds" / "b.txt").write_text("\n\n".join(["Kim’s Visit!", *other[1:]]), encoding="utf-8")
    assert main(["ingest", "--project", str(project), "--jobs", "1"]) == 0
    names = sorted(p.name for p in (project / "content" / "articles").glob("kims-visit*.md"))
    assert names == ["kims-visit-2.md", "kims-visit.md"]
    assert main(["build", "--project", str(project)]) == 0


def test_template_errors_name_the_template_and_line(project, capsys):
    templates = project / "templates"
    base = (REPO / "templates" / "article.html").read_text(encoding="utf-8")
    (templates / "article.html").write_text(base.replace("{% block", "{% blok", 1), encoding="utf-8")
    capsys.readouterr()
    assert main(["build", "--project", str(project)]) == 1
    err = capsys.readouterr().err
    assert "article.html:" in err and "template" in err
    # a template that raises while rendering
    (templates / "article.html").write_text(
        '{% extends "base.html" %}{% block content %}\n\n{{ page.no_such_thing.deeper }}{% endblock %}',
        encoding="utf-8")
    assert main(["build", "--project", str(project)]) == 1
    err = capsys.readouterr().err
    assert "article.html:3" in err, err


@pytest.mark.parametrize("field", ["body", "entities"])
def test_a_template_reading_what_a_listing_does_not_hold_fails_loudly(project, capsys, field):
    """``site.articles[slug]`` is the index's Listing: no body, no raw names. A theme that asks
    for them must fail naming its file and line, not render an empty string."""
    (project / "templates" / "article.html").write_text(
        '{% extends "base.html" %}{% block content %}\n'
        f'<div>{{{{ site.articles[page.context.slug].{field} }}}}</div>{{% endblock %}}',
        encoding="utf-8")
    capsys.readouterr()
    assert main(["build", "--project", str(project)]) == 1
    err = capsys.readouterr().err
    assert "article.html:2" in err and field in err, err


def test_strict_turns_warnings_into_failures(project, capsys):
    (project / "briefgen.yaml").write_text("title: T\ncolour: red\n", encoding="utf-8")
    assert main(["build", "--project", str(project)]) == 0
    assert "colour" in capsys.readouterr().err
    assert main(["build", "--project", str(project), "--strict"]) == 1
