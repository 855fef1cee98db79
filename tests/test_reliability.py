"""What an attacker, a crash or a full disk tried and found (issue #19), through the real
commands: two ingests at once, orphaned workers, leftovers, links out of the project, an
unreadable template, a full disk, absurd URLs."""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
ARTICLE = "---\ntitle: A fine story\npublished: 2024-01-02\n---\nThe story's text, told plainly.\n"

# the real command line on real seeds, a second or so each: the full suite, not the fast tier
pytestmark = pytest.mark.slow


def _cli(project: Path, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "briefgen", *args, "--project", str(project)],
                          capture_output=True, text=True, timeout=timeout, check=False)


def _seeded(tmp_path: Path) -> Path:
    project = tmp_path / "p"
    shutil.copytree(REPO / "seeds", project / "seeds")
    (project / "briefgen.yaml").write_text("title: T\nsearch: false\n", encoding="utf-8")
    return project


def test_two_ingests_at_once_take_turns(tmp_path: Path) -> None:
    project = _seeded(tmp_path)
    command = [sys.executable, "-m", "briefgen", "ingest", "--project", str(project)]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(2)]
    outputs = [run.communicate(timeout=600)[0] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    news = [line for out in outputs for line in out.splitlines() if line.startswith("new ")]
    made = sorted(p.name for p in (project / "content" / "articles").glob("*.md"))
    assert len(news) == len(made) == len(list((REPO / "content" / "articles").glob("*.md")))
    assert not any(name.endswith("-2.md") for name in made)  # nothing written twice
    assert any("0 new" in out for out in outputs)  # the second saw the first's work


def _processes_mentioning(marker: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if marker.encode() in (entry / "cmdline").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_ingest_workers_die_with_a_killed_ingest(tmp_path: Path) -> None:
    project = _seeded(tmp_path)
    for n in range(3):  # enough files for the worker pool to be busy when the parent dies
        shutil.copytree(REPO / "seeds", project / "seeds" / f"copy{n}")
    parent = subprocess.Popen([sys.executable, "-m", "briefgen", "ingest", "--jobs", "2",
                               "--project", str(project)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while len(_processes_mentioning(str(project))) < 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(_processes_mentioning(str(project))) >= 3, "the worker pool never started"
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 10
    while _processes_mentioning(str(project)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _processes_mentioning(str(project)) == []


def test_leftover_temp_files_of_a_killed_ingest_are_removed(tmp_path: Path) -> None:
    project = _seeded(tmp_path)
    articles = project / "content" / "articles"
    articles.mkdir(parents=True)
    leftover = articles / ".some-story.md.k2j3h4.tmp"
    leftover.write_text("half a file", encoding="utf-8")
    assert _cli(project, "ingest").returncode == 0
    assert not leftover.exists()


def test_links_out_of_the_project_are_refused_by_name(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "private-notes.txt"
    secret.write_text("Secret headline\n\nA private paragraph that must not be published. " * 3,
                      encoding="utf-8")
    project = _seeded(tmp_path)
    (project / "seeds" / "linked.txt").symlink_to(secret)
    done = _cli(project, "ingest")
    assert done.returncode == 1
    assert "linked.txt" in done.stderr and "outside" in done.stderr
    articles = project / "content" / "articles"
    assert not any(str(outside) in p.read_text(encoding="utf-8") for p in articles.glob("*.md"))
    assert len(list(articles.glob("*.md"))) == len(list((REPO / "content" / "articles").glob("*.md")))

    # an article file linked in from elsewhere is refused by the build, naming it
    (articles / "borrowed.md").symlink_to(outside / "borrowed.md")
    (outside / "borrowed.md").write_text(ARTICLE, encoding="utf-8")
    done = _cli(project, "build")
    assert done.returncode == 1 and "borrowed.md" in done.stderr and "outside" in done.stderr

    # content/articles itself a link out of the project: ingest writes nothing there
    other = _seeded(tmp_path / "second")
    target = tmp_path / "elsewhere"
    target.mkdir()
    (other / "content").mkdir()
    (other / "content" / "articles").symlink_to(target)
    done = _cli(other, "ingest")
    assert done.returncode == 1 and "outside the project" in done.stderr
    assert list(target.iterdir()) == []


def test_a_template_that_is_not_utf8_is_named(tmp_path: Path) -> None:
    project = tmp_path / "p"
    (project / "content" / "articles").mkdir(parents=True)
    (project / "content" / "articles" / "a.md").write_text(ARTICLE, encoding="utf-8")
    (project / "briefgen.yaml").write_text("title: T\nsearch: false\n", encoding="utf-8")
    (project / "templates").mkdir()
    (project / "templates" / "article.html").write_bytes(b"<p>caf\xe9 \xff</p>\n")
    done = _cli(project, "build")
    assert done.returncode == 1, done.stderr
    assert "article.html" in done.stderr and "UTF-8" in done.stderr
    assert "Traceback" not in done.stderr


def _tmpfs(where: Path, size: str) -> bool:
    where.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
                          capture_output=True, check=False)
    return done.returncode == 0


@pytest.mark.skipif(os.geteuid() != 0, reason="mounting a small tmpfs needs root (CI has it)")
def test_a_full_disk_is_one_line_and_keeps_the_site_and_the_cache(tmp_path: Path) -> None:
    disk = tmp_path / "disk"
    if not _tmpfs(disk, "1500k"):
        pytest.skip("this machine cannot mount tmpfs")
    try:
        project = disk / "p"
        (project / "content" / "articles").mkdir(parents=True)
        (project / "content" / "articles" / "a.md").write_text(ARTICLE, encoding="utf-8")
        (project / "briefgen.yaml").write_text("title: T\nsearch: false\n", encoding="utf-8")
        assert _cli(project, "build").returncode == 0
        before = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
        cache = project / ".briefgen-cache" / "build.sqlite"
        assert cache.exists()
        for path in (REPO / "content" / "articles").glob("*.md"):  # far more than fits
            shutil.copy(path, project / "content" / "articles" / path.name)
        done = _cli(project, "build")
        assert done.returncode == 1
        assert "no space left on device" in done.stderr and "Traceback" not in done.stderr
        assert len(done.stderr.strip().splitlines()) == 1, done.stderr
        after = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
        assert after == before
        assert cache.exists()
        assert not [p for p in disk.rglob(".site.*")]  # no staging left to fill the disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def test_a_long_text_seed_full_of_markup_characters_stays_text(tmp_path: Path) -> None:
    """120 KB of copied text with emphasis, link and HTML characters: ingest escapes every one,
    so the page shows them as typed and the build does not crawl through them."""
    project = tmp_path / "p"
    (project / "seeds").mkdir(parents=True)
    (project / "briefgen.yaml").write_text("title: T\nsearch: false\n", encoding="utf-8")
    line = "Officials said *the plan_ [was] `final` <b>today</b> ** and __ ~~ stars * more."
    text = "Markup storm hits the city\n\n" + "\n\n".join(f"{line} Paragraph {i}." for i in range(1400))
    assert len(text) > 120_000
    (project / "seeds" / "storm.txt").write_text(text, encoding="utf-8")
    assert _cli(project, "ingest", timeout=120).returncode == 0
    done = _cli(project, "build", timeout=120)
    assert done.returncode == 0, done.stderr
    page = next((project / "site" / "articles").glob("*/index.html")).read_text(encoding="utf-8")
    assert "*the plan_ [was] `final` &lt;b&gt;today&lt;/b&gt; ** and __ ~~ stars * more." in page
    assert "<em>" not in page and "<code>final</code>" not in page and "<b>today" not in page


@pytest.mark.slow
def test_an_article_with_thousands_of_names_builds_in_bounded_memory(tmp_path: Path) -> None:
    """Pairs of names grow with the square of an article's names; matching them grew with
    text × names. 5,000 names in one article must build under a 3 GB address-space cap."""
    from briefgen import frontmatter

    project = tmp_path / "p"
    (project / "content" / "articles").mkdir(parents=True)
    (project / "briefgen.yaml").write_text("title: T\nsearch: false\n", encoding="utf-8")
    names = [f"Zorba{i} Quill{i}" for i in range(5000)]
    body = "\n\n".join(f"{name} spoke at the meeting today." for name in names)
    meta = {"title": "A roll call", "published": "2024-01-01",
            "entities": [{"name": n, "type": "person", "mentions": 1} for n in names]}
    (project / "content" / "articles" / "roll.md").write_text(frontmatter.dump(meta, body),
                                                              encoding="utf-8")

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))

    done = subprocess.run([sys.executable, "-m", "briefgen", "build", "--project", str(project)],
                          capture_output=True, text=True, timeout=300, preexec_fn=cap, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert len(list((project / "site" / "entities").glob("*/index.html"))) == 5000
