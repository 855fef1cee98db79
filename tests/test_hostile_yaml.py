"""YAML from outside (front matter, curated entities, Markdown seeds, sidecars, briefgen.yaml)
cannot cost gigabytes or hang: anchors, aliases, deep nesting and huge blocks are refused
with the file and line, through the real commands, under a memory cap."""

from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path

import pytest

from briefgen import frontmatter
from briefgen.errors import BriefgenError

LAUGHS = "\n".join(["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
                   + [f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9) + "]"
                      for i in range(8)])  # 9**9 strings, ~400 bytes of YAML
DEEP = "x: " + "[" * 40 + "]" * 40  # deeper than any real front matter
DEEPER = "x: " + "[" * 50_000 + "]" * 50_000  # libyaml's own limit answers first
MEMORY_CAP = 1 << 30  # 1 GiB of address space beyond what Python needs to start
ARTICLE = "---\ntitle: A fine story\npublished: 2024-01-02\n---\nThe story's text.\n"


def _run(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP * 2, MEMORY_CAP * 2))

    return subprocess.run([sys.executable, "-m", "briefgen", *args, "--project", str(project)],
                          capture_output=True, text=True, timeout=60, preexec_fn=cap, check=False)


@pytest.mark.parametrize("block, words", [(LAUGHS, "anchors and aliases"),
                                          (DEEP, "nests lists and mappings"),
                                          (DEEPER, "nesting depth"),
                                          ("k: " + "x" * (frontmatter.MAX_YAML_CHARS + 10), "over the limit")])
def test_load_yaml_refuses_bombs_with_file_and_line(block: str, words: str) -> None:
    with pytest.raises(BriefgenError) as info:
        frontmatter.load_yaml(block, Path("x.yaml"), first_line=1)
    assert words in str(info.value) and str(info.value).startswith("x.yaml:")


def test_plain_yaml_with_ampersands_and_stars_still_reads() -> None:
    text = "title: 'AT&T and *NSYNC'\ntopics: [R&D, '*stars*']\npublished: 2023-08-14T09:03:00+05:30\n"
    assert frontmatter.load_yaml(text) == {"title": "AT&T and *NSYNC", "topics": ["R&D", "*stars*"],
                                           "published": "2023-08-14T09:03:00+05:30"}


@pytest.mark.parametrize("where", ["article", "curated", "config"])
def test_build_refuses_a_billion_laughs_naming_the_file(tmp_path: Path, where: str) -> None:
    project = tmp_path / "p"
    (project / "content" / "articles").mkdir(parents=True)
    (project / "content" / "articles" / "good.md").write_text(ARTICLE, encoding="utf-8")
    (project / "briefgen.yaml").write_text("title: T\nsearch: false\n", encoding="utf-8")
    bomb = "---\ntitle: x\n" + LAUGHS + "\n---\nbody\n"
    if where == "article":
        target = project / "content" / "articles" / "bomb.md"
        target.write_text(bomb, encoding="utf-8")
    elif where == "curated":
        target = project / "content" / "entities" / "bomb.md"
        target.parent.mkdir()
        target.write_text(bomb.replace("title: x", "name: X"), encoding="utf-8")
    else:
        target = project / "briefgen.yaml"
        target.write_text("title: T\n" + LAUGHS + "\n", encoding="utf-8")
    done = _run(project, "build")
    assert done.returncode == 1, done.stderr
    assert f"{target.name}:" in done.stderr and "anchors and aliases" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("kind", ["markdown seed", "yaml sidecar", "json sidecar"])
def test_ingest_refuses_bombs_and_keeps_the_other_files(tmp_path: Path, kind: str) -> None:
    project = tmp_path / "p"
    seeds = project / "seeds"
    seeds.mkdir(parents=True)
    (seeds / "fine.md").write_text("---\ntitle: A fine story\n---\nThe story's text, long enough "
                                   "to be an article on its own.\n", encoding="utf-8")
    if kind == "markdown seed":
        (seeds / "bomb.md").write_text("---\ntitle: x\n" + LAUGHS + "\n---\nbody\n", encoding="utf-8")
    elif kind == "yaml sidecar":
        (seeds / "bomb.txt").write_text("A headline\n\nSome text of the story.\n", encoding="utf-8")
        (seeds / "bomb.yaml").write_text("title: x\n" + LAUGHS + "\n", encoding="utf-8")
    else:
        (seeds / "bomb.txt").write_text("A headline\n\nSome text of the story.\n", encoding="utf-8")
        (seeds / "bomb.json").write_text('{"title": ' + "[" * 100_000 + "]" * 100_000 + "}",
                                         encoding="utf-8")
    done = _run(project, "ingest")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "bomb" in done.stdout + done.stderr and "Traceback" not in done.stderr
    assert (project / "content" / "articles" / "a-fine-story.md").exists()
