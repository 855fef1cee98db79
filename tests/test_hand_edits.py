"""Issue #19, hand edits: re-ingest through the CLI on a copy of the real seeds never loses a person's work.

Each defect has its own test: a damaged ``ingested:`` record, a YAML typo in a
content file, a field a person added, and a long story quoting a one-line brief.
The normal cases (untouched fields refreshed when the extractor changes, edits
kept, ``--force`` overwrites) are here too.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
from pathlib import Path
from typing import Callable

import pytest

from briefgen import frontmatter
from briefgen.cli import main

# the real command line on real seeds, a second or so each: the full suite, not the fast tier
pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
SEED = "GUM_news_iodine.txt"
ARTICLE = "australian-children-suffering-from-iodine-deficiency.md"
TITLE = "Australian children suffering from iodine deficiency"
SENTENCE = ("The results of the Australian National Iodine Nutrition Study published in the Medical "
            "Journal of Australia this week, revealed that children in mainland Australia are "
            "borderline iodine deficient.")
BODY_EDIT = ("researchers say.", "researchers say. [Checked with the study's authors.]")


def _init(tmp_path: Path) -> Path:
    project = tmp_path / "brief"
    assert main(["init", str(project)]) == 0
    shutil.copytree(SEEDS, project / "seeds", dirs_exist_ok=True)
    return project


@pytest.fixture
def project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A project with the repo's seeds, ingested once."""
    project = _init(tmp_path)
    assert _ingest(project) == 0
    capsys.readouterr()
    return project


def _ingest(project: Path, *args: str) -> int:
    return main(["ingest", "--project", str(project), "--jobs", "1", *args])


def _articles(project: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8")
            for p in sorted((project / "content" / "articles").glob("*.md"))}


def _path(project: Path) -> Path:
    return project / "content" / "articles" / ARTICLE


def _edit(project: Path, change: Callable[[str], str]) -> str:
    path = _path(project)
    before = path.read_text(encoding="utf-8")
    after = change(before)
    assert after != before, "the edit did not apply"
    path.write_text(after, encoding="utf-8")
    return after


def _line_for(out: str) -> str:
    [line] = [line for line in out.splitlines() if ARTICLE in line]
    return line


# --- 1: a damaged `ingested:` record never costs an edit -----------------------------------------

def _without_record(text: str) -> str:
    return re.sub(r"^ingested:\n(?:  .*\n)+", "", text, flags=re.M)


DAMAGES = {
    "deleted": _without_record,
    "emptied": lambda t: _without_record(t).replace("\n---\n", "\ningested: {}\n---\n", 1),
    "null": lambda t: _without_record(t).replace("\n---\n", "\ningested:\n---\n", 1),
    "fields emptied": lambda t: re.sub(r"^  fields:\n(?:    .*\n)+", "  fields: {}\n", t, flags=re.M),
    "not a mapping": lambda t: _without_record(t).replace("\n---\n", "\ningested: [1, 2]\n---\n", 1),
    "fields a list": lambda t: re.sub(r"^  fields:\n(?:    .*\n)+", "  fields: [title, body]\n", t,
                                      flags=re.M),
    "body hash removed": lambda t: re.sub(r"^    body: \w+\n", "", t, flags=re.M),
    "body hash garbled": lambda t: re.sub(r"^    body: \w+$", "    body: '???'", t, flags=re.M),
    "hashes garbled": lambda t: re.sub(r"^  fields:\n(?:    .*\n)+",
                                       lambda m: re.sub(r": \w+$", ": 0", m.group(), flags=re.M), t, flags=re.M),
}


@pytest.mark.parametrize("damage", sorted(DAMAGES))
def test_a_damaged_ingested_record_never_costs_a_hand_edit(project, capsys, damage):
    def change(text: str) -> str:
        text = text.replace(f"title: {TITLE}\n", "title: Half of Australia's pupils lack iodine\n")
        return DAMAGES[damage](text.replace(*BODY_EDIT))

    _edit(project, change)
    assert _ingest(project) == 0
    out = capsys.readouterr().out
    after = _path(project).read_text(encoding="utf-8")
    meta, body, _ = frontmatter.split(after)
    assert meta["title"] == "Half of Australia's pupils lack iodine"
    assert BODY_EDIT[1] in body
    assert "kept your edits: title, body" in _line_for(out)
    assert "1 with hand edits kept" in out
    assert isinstance(meta["ingested"]["fields"], dict)  # the record is whole again
    # and it stays that way: the next run keeps them and changes nothing
    assert _ingest(project) == 0
    assert "kept your edits: title, body" in _line_for(capsys.readouterr().out)
    assert _path(project).read_text(encoding="utf-8") == after


def test_with_no_record_a_deleted_field_stays_deleted(project, capsys):
    """Without the record nothing tells a deleted field from one never written: leave it out."""
    _edit(project, lambda t: _without_record(t).replace("publisher: Wikinews\n", ""))
    assert _ingest(project) == 0
    assert "kept your edits: publisher" in _line_for(capsys.readouterr().out)
    assert "publisher" not in frontmatter.split(_path(project).read_text(encoding="utf-8"))[0]


def test_an_untouched_file_without_its_record_gets_the_record_back(project, capsys):
    original = _path(project).read_text(encoding="utf-8")
    _edit(project, _without_record)
    assert _ingest(project) == 0
    assert "kept your edits" not in capsys.readouterr().out
    assert _path(project).read_text(encoding="utf-8") == original


# --- 2: a YAML typo never makes a second file ----------------------------------------------------

TYPOS = {
    # an unclosed "[" on the title line (line 2 of the file)
    "title": lambda t: t.replace(f"title: {TITLE}", f"title: [{TITLE}", 1),
    # the source block itself broken: found by the source's sha256
    "source path": lambda t: t.replace(f"  path: seeds/{SEED}", f"  path: [seeds/{SEED}", 1),
    # no closing `---`: found by the source path in the text
    "no closing fence": lambda t: t.replace("\n---\n", "\n", 1),
    # source and record gone and a typo: found by the body (the same story)
    "source deleted": lambda t: re.sub(r"^source:\n(?:  .*\n)+", "",
                                       t.replace(f"title: {TITLE}", f"title: [{TITLE}", 1), flags=re.M),
}


@pytest.mark.parametrize("typo", sorted(TYPOS))
def test_a_yaml_typo_never_makes_a_second_file(project, capsys, typo):
    broken = _edit(project, TYPOS[typo])
    names = set(_articles(project))
    assert _ingest(project) == 1
    captured = capsys.readouterr()
    assert set(_articles(project)) == names  # no `…-2.md`
    assert _path(project).read_text(encoding="utf-8") == broken  # left as the person left it
    [failure] = [line for line in captured.err.splitlines() if ARTICLE in line]
    assert re.search(rf"{re.escape(ARTICLE)}:\d+: ", failure), failure  # the file and line
    assert SEED in failure and "fix the YAML, or --force to overwrite" in failure
    assert "1 failed" in captured.out and "0 new" in captured.out


def test_a_broken_file_is_found_by_its_name_when_nothing_else_in_it_is_left(project, capsys):
    def change(text: str) -> str:
        text = re.sub(r"^source:\n(?:  .*\n)+", "", text, flags=re.M)
        head, _, _ = text.partition("\n---\n\n")
        return head.replace(f"title: {TITLE}", f"title: [{TITLE}", 1) + "\n---\n\nRewritten by hand.\n"

    _edit(project, change)
    names = set(_articles(project))
    assert _ingest(project) == 1
    assert "fix the YAML, or --force to overwrite" in capsys.readouterr().err
    assert set(_articles(project)) == names


def test_force_overwrites_a_file_with_a_yaml_typo(project, capsys):
    original = _path(project).read_text(encoding="utf-8")
    _edit(project, TYPOS["title"])
    assert _ingest(project, "--force") == 0
    assert _path(project).read_text(encoding="utf-8") == original
    assert len(_articles(project)) == len(list(SEEDS.glob("*.txt")))


# --- 3: a field a person adds is kept and reported -----------------------------------------------

def test_a_field_a_person_adds_is_kept_and_reported(project, capsys):
    _edit(project, lambda t: t.replace("publisher: Wikinews\n",
                                       "publisher: Wikinews\nnotes: checked against the study\n", 1))
    assert _ingest(project) == 0
    out = capsys.readouterr().out
    assert "kept your edits: notes" in _line_for(out)
    assert "1 with hand edits kept" in out
    meta = frontmatter.split(_path(project).read_text(encoding="utf-8"))[0]
    assert meta["notes"] == "checked against the study"
    assert "notes" not in meta["ingested"]["fields"]  # still the person's, run after run
    assert _ingest(project) == 0
    assert "kept your edits: notes" in _line_for(capsys.readouterr().out)


# --- 4: a long story quoting a one-line brief is not that brief's copy ---------------------------

BRIEF = f"Iodine study: mainland pupils borderline deficient\n\nThursday, February 23, 2006\n\n{SENTENCE}\n"


@pytest.mark.parametrize("brief_first", [True, False], ids=["brief first", "story first"])
def test_a_long_story_quoting_a_one_line_brief_is_its_own_article(tmp_path, capsys, brief_first):
    project = _init(tmp_path)
    brief = project / "seeds" / "zz_brief.txt"
    brief.write_text(BRIEF, encoding="utf-8")
    assert SENTENCE in (project / "seeds" / SEED).read_text(encoding="utf-8")
    if brief_first:
        assert _ingest(project, str(brief)) == 0
    assert _ingest(project) == 0
    out = capsys.readouterr().out
    assert "0 duplicate" in out, out
    articles = _articles(project)
    assert ARTICLE in articles
    assert "iodine-study-mainland-pupils-borderline-deficient.md" in articles
    assert len(articles) == len(list(SEEDS.glob("*.txt"))) + 1


def test_a_text_copy_with_the_page_boilerplate_is_still_the_same_story(project, capsys):
    menu = "\n".join(["Home", "World", "Health", "Science", "Sport", "Log in", "Subscribe"])
    footer = "\n".join(["Share this story", "Related stories", "Contact us", "Privacy policy",
                        "© 2006 All rights reserved"])
    text = (SEEDS / SEED).read_text(encoding="utf-8")
    (project / "seeds" / "saved page.txt").write_text(f"{text}\n\n{menu}\n\n{footer}\n", encoding="utf-8")
    names = set(_articles(project))
    assert _ingest(project) == 0
    assert "1 duplicate" in capsys.readouterr().out
    assert set(_articles(project)) == names


# --- the normal cases ----------------------------------------------------------------------------

def test_untouched_fields_follow_the_extractor_and_edited_ones_stay(project, capsys, monkeypatch):
    _edit(project, lambda t: t.replace("publisher: Wikinews\n", "publisher: Wikinews (Sydney desk)\n")
          .replace(*BODY_EDIT))
    from briefgen.ingest import pipeline

    original = pipeline.extract

    def better(raw):
        found = original(raw)
        return dataclasses.replace(found, title=found.title + " (corrected)",
                                   body=found.body + "\n\nA paragraph the old extractor missed.",
                                   dek="A dek the old extractor missed.")

    monkeypatch.setattr(pipeline, "extract", better)
    assert _ingest(project) == 0
    out = capsys.readouterr().out
    line = _line_for(out)
    assert line.startswith("updated")
    assert "kept your edits: publisher, body" in line
    assert "source changed under your edits: body" in line  # the publisher is the sidecar's, as before
    meta, body, _ = frontmatter.split(_path(project).read_text(encoding="utf-8"))
    assert meta["title"] == f"{TITLE} (corrected)"  # untouched: refreshed
    assert meta["dek"] == "A dek the old extractor missed."  # newly extracted: added
    assert meta["publisher"] == "Wikinews (Sydney desk)"  # edited: kept
    assert BODY_EDIT[1] in body and "the old extractor missed" not in body
    # every other article was untouched, so it follows the extractor wholesale
    updated = [ln for ln in out.splitlines() if ln.startswith("updated")]
    assert len(updated) == len(list(SEEDS.glob("*.txt")))
    assert "1 with hand edits kept" in out


def test_force_overwrites_every_hand_edit(project, capsys):
    original = _path(project).read_text(encoding="utf-8")
    _edit(project, lambda t: t.replace(f"title: {TITLE}", "title: Mine", 1).replace(*BODY_EDIT)
          .replace("publisher: Wikinews\n", "notes: mine\n"))
    assert _ingest(project) == 0
    assert "kept your edits" in capsys.readouterr().out
    assert _ingest(project, "--force") == 0
    assert _path(project).read_text(encoding="utf-8") == original
