"""No article lost for a missing field: guessed headlines, recorded in provenance and listed by `check`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefgen import frontmatter
from briefgen.cli import main
from briefgen.ingest.pipeline import NEW, ingest
from briefgen.ingest.rawdoc import read_raw
from briefgen.ingest.readers import extract

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason="needs ../shared/data")

NO_HEADLINE = ("The mayor of the small town said on Tuesday that the new bridge would open to traffic next spring "
               "after two years of delays and a long dispute over its cost.\n\n"
               "He added that the cost had risen by a third since the work began, and that the state would pay "
               "the difference.\n")


def _project(tmp_path: Path) -> Path:
    assert main(["init", str(tmp_path / "p")]) == 0
    return tmp_path / "p"


def test_a_story_without_headline_comes_in_with_a_guess_check_lists_it(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    project = _project(tmp_path)
    (project / "seeds" / "bridge.txt").write_text(NO_HEADLINE, encoding="utf-8")
    assert main(["ingest", "--project", str(project), "--jobs", "1"]) == 0
    out = capsys.readouterr().out
    assert "1 new" in out and "1 with guessed fields" in out and "title: guess:first sentence" in out
    [article] = (project / "content" / "articles").glob("*.md")
    meta = frontmatter.split(article.read_text(encoding="utf-8"))[0]
    assert meta["title"].startswith("The mayor of the small town said on Tuesday")
    assert meta["provenance"]["title"] == "guess:first sentence"

    main(["check", "--project", str(project)])
    err = capsys.readouterr().err
    assert "title was guessed (guess:first sentence)" in err and article.name in err
    assert main(["check", "--project", str(project), "--strict"]) == 1
    assert main(["build", "--project", str(project), "--strict"]) == 1
    assert "title was guessed" in capsys.readouterr().err

    # a person sets the title: reviewed, no longer listed
    article.write_text(article.read_text(encoding="utf-8").replace(meta["title"], "Bridge opens next spring", 1),
                       encoding="utf-8")
    main(["check", "--project", str(project)])
    assert "guessed" not in capsys.readouterr().err


def test_the_line_above_the_stamp_block_is_the_guess() -> None:
    from briefgen.ingest.readers.text import read_text
    from briefgen.model import RawDoc

    text = ("Menu\nSearch\n\nBridge to open next spring, mayor says\n\nPosted: Dec 5, 2023 / 10:15 AM EST\n"
            "Filed Under:\nLocal News\n\n" + NO_HEADLINE + "\nShare\n")
    got = read_text(RawDoc(Path("x.txt"), "text", text, "0" * 64, "utf-8"))
    assert got.title == "Bridge to open next spring, mayor says"
    assert got.provenance["title"] in ("text:line 4", "guess:line 4")


def test_not_an_article_is_refused_with_the_reason(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "empty.txt").write_text("", encoding="utf-8")
    (seeds / "menu.txt").write_text("Home\nNews\nSport\n", encoding="utf-8")
    report = ingest([seeds], tmp_path / "content", tmp_path, lock_dir=tmp_path / ".cache")
    messages = sorted(o.message for o in report.outcomes)
    assert all(o.status == "failed" for o in report.outcomes)
    assert "empty" in messages[0] and "no prose" in messages[1]


@pytest.mark.shared
@needs_shared
@pytest.mark.parametrize("name", ["extraction-modern/html/0044.html.gz", "extraction-modern/html/0310.html.gz",
                                  "trafilatura-eval/html/security.googleblog.com.protection.html.gz"])
def test_html_pages_refused_before_come_in(name: str) -> None:
    """Pages whose story trafilatura's precision mode dropped whole were refused ("found no story text")."""
    got = extract(read_raw(SHARED / name))
    assert got.title and len(got.body) > 200


def test_an_html_page_without_any_title_gets_a_guess(tmp_path: Path) -> None:
    """No JSON-LD headline, og:title, <title> or heading: the first sentence, marked a guess."""
    paragraphs = "".join(f"<p>{p}</p>" for p in NO_HEADLINE.split("\n\n") * 3)
    page = tmp_path / "page.html"
    page.write_text(f"<html><head></head><body><article>{paragraphs}</article></body></html>", encoding="utf-8")
    got = extract(read_raw(page))
    assert got.title.startswith("The mayor of the small town")
    assert got.provenance["title"] == "guess:first sentence"


@pytest.mark.shared
@needs_shared
@pytest.mark.parametrize("name", ["ecbplus/24_10ecb.txt", "ecbplus/4_6ecbplus.txt",
                                  "wikinews/GUM_interview_mckenzie.txt"])
def test_text_files_refused_before_come_in(tmp_path: Path, name: str) -> None:
    """A one-line brief, a date and a headline, a story without a headline line: all were refused."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(SHARED / name, seeds / Path(name).name)  # the text alone, no sidecar
    report = ingest([seeds], tmp_path / "content", tmp_path, lock_dir=tmp_path / ".cache")
    [outcome] = report.outcomes
    assert outcome.status == NEW, outcome.message
    assert outcome.guessed and outcome.guessed[0].startswith("title: guess:")
