"""Incremental builds equal full builds byte for byte; failed or killed builds keep the old site.

The incremental project is edited step by step (body, front matter, template
override, new article, deleted article, curated entity, config) and rebuilt
with its cache; after every step a fresh copy of the project is built cold and
the two ``site/`` folders must be identical.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from briefgen import config as config_mod
from briefgen import frontmatter
from briefgen.build import output
from briefgen.build import build_site
from briefgen.errors import BriefgenError
from briefgen.lock import build_lock
from briefgen.urls import inside
from briefgen.build.parallel import fork_call, fork_map

from conftest import REPO, article_text

SETTINGS = "title: Incremental\nsearch: false\nper_page: 2\nfeed_items: 3\n"


def tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes()
            for p in sorted(site.rglob("*")) if p.is_file()}


def cold_copy(cfg: config_mod.Config, where: Path) -> dict[str, bytes]:
    """Build a fresh copy of the project with no cache and no previous site."""
    shutil.rmtree(where, ignore_errors=True)
    where.mkdir(parents=True)
    for name in ("content", "templates"):
        if (cfg.project / name).is_dir():
            shutil.copytree(cfg.project / name, where / name)
    shutil.copy(cfg.project / "briefgen.yaml", where / "briefgen.yaml")
    fresh = config_mod.load(where)
    build_site(fresh, workers=1)
    return tree(fresh.site)


def assert_same_as_cold(cfg: config_mod.Config, tmp_path: Path) -> dict[str, bytes]:
    incremental = tree(cfg.site)
    cold = cold_copy(cfg, tmp_path / "cold")
    assert sorted(incremental) == sorted(cold)
    differing = [rel for rel in cold if cold[rel] != incremental[rel]]
    assert differing == []
    return incremental


def generated(i: int, entities: list[dict], topics: list[str], body: str = "") -> str:
    names = " and ".join(e["name"] for e in entities)
    return article_text(f"Story number {i}", body or f"{names} met on day {i}. Talks went on.",
                        published=f"2024-03-{1 + i % 27:02d}T08:00:00+00:00",
                        publisher="Wire" if i % 2 else "Daily", topics=topics, entities=entities)


@pytest.fixture
def project(make_project, tmp_path):
    """The repo's example content plus a few generated stories that share names."""
    cfg = make_project(settings=SETTINGS)
    for path in (REPO / "content" / "articles").glob("*.md"):
        shutil.copy(path, cfg.content / "articles" / path.name)
    people = [{"name": "Ada Moreau", "type": "person"}, {"name": "Bo Lindqvist", "type": "person"},
              {"name": "Harbour Council", "type": "organization"}]
    for i in range(8):
        (cfg.content / "articles" / f"gen-{i}.md").write_text(
            generated(i, people[: 1 + i % 3], ["Ports", "Weather"][: 1 + i % 2]), encoding="utf-8")
    return cfg


@pytest.mark.slow
def test_cold_and_incremental_builds_agree_through_a_sequence_of_edits(project, tmp_path):
    cfg = project
    articles = cfg.content / "articles"
    first = build_site(cfg)
    assert first.rendered == first.pages
    assert_same_as_cold(cfg, tmp_path)

    again = build_site(cfg)  # nothing changed: nothing rendered, nothing written
    assert (again.rendered, again.changed) == (0, 0)

    # 1. body edit: a sentence naming another story's entity
    path = articles / "gen-3.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nBo Lindqvist later joined them.\n",
                    encoding="utf-8")
    report = build_site(cfg)
    assert 0 < report.rendered < report.pages
    assert_same_as_cold(cfg, tmp_path)

    # 2. front-matter edit adding an entity that only this story names
    meta, body, _ = frontmatter.split(path.read_text(encoding="utf-8"), path)
    meta["entities"] = [*meta["entities"], {"name": "Ferry Guild", "type": "organization"}]
    path.write_text(frontmatter.dump(meta, body + "\nFerry Guild agreed.\n"), encoding="utf-8")
    build_site(cfg)
    site = assert_same_as_cold(cfg, tmp_path)
    assert "entities/ferry-guild/index.html" in site

    # 3. template override, then an edit to it
    override = cfg.project / "templates" / "404.html"
    override.parent.mkdir(exist_ok=True)
    override.write_text("{% extends 'base.html' %}{% block content %}<h1>Lost</h1>{% endblock %}",
                        encoding="utf-8")
    build_site(cfg)
    assert_same_as_cold(cfg, tmp_path)
    override.write_text(override.read_text(encoding="utf-8").replace("Lost", "Gone"),
                        encoding="utf-8")
    report = build_site(cfg)
    assert (report.rendered, report.changed) == (1, 1)  # only the 404 page uses it
    assert b"Gone" in tree(cfg.site)["404.html"]
    assert_same_as_cold(cfg, tmp_path)

    # 4. a new article
    (articles / "gen-new.md").write_text(generated(
        40, [{"name": "Ada Moreau", "type": "person"}], ["Ports"], "Ada Moreau opened a dock."),
        encoding="utf-8")
    build_site(cfg)
    assert "articles/gen-new/index.html" in assert_same_as_cold(cfg, tmp_path)

    # 5. delete the story that alone named Ferry Guild: it and its entity vanish everywhere
    path.unlink()
    build_site(cfg)
    site = assert_same_as_cold(cfg, tmp_path)
    assert not any(rel.startswith(("articles/gen-3/", "entities/ferry-guild/")) for rel in site)
    for rel, data in site.items():
        assert b"articles/gen-3/" not in data and b"Story number 3<" not in data, rel
        assert b"ferry-guild" not in data and b"Ferry Guild" not in data, rel

    # 6. a curated entity file and a config change
    (cfg.content / "entities").mkdir(exist_ok=True)
    (cfg.content / "entities" / "ada-moreau.md").write_text(
        "---\nname: Ada Moreau\ntype: person\n---\n\nHarbour master since 2019.\n", encoding="utf-8")
    build_site(cfg)
    assert_same_as_cold(cfg, tmp_path)
    (cfg.project / "briefgen.yaml").write_text(SETTINGS.replace("Incremental", "Renamed"),
                                               encoding="utf-8")
    cfg = config_mod.load(cfg.project)
    report = build_site(cfg)
    assert report.rendered == report.pages  # the title is on every page
    assert_same_as_cold(cfg, tmp_path)


def test_fork_map_keeps_order_and_raises_worker_errors():
    if threading.active_count() > 1:
        pytest.skip("fork_map runs inline while other threads run")
    items = list(range(300))
    assert fork_map(lambda chunk: [x * x for x in chunk], items, 3, min_items=10) == [
        x * x for x in items]

    def boom(chunk):
        if 7 in chunk and chunk[0] != 0:  # fails in a child, not in this process
            raise BriefgenError("bad page", "x.md", 3)
        return list(chunk)

    with pytest.raises(BriefgenError) as info:
        fork_map(boom, list(range(20)), 2, min_items=1)
    assert (info.value.message, info.value.line) == ("bad page", 3)


def test_fork_call_returns_raises_and_never_leaves_a_child_behind(tmp_path):
    if threading.active_count() > 1:
        pytest.skip("fork_call runs inline while other threads run")
    parent = os.getpid()
    with fork_call(lambda n: (os.getpid(), sum(range(n))), 1000) as join:
        pid, total = join()
    assert pid != parent and total == sum(range(1000))

    def bad(_):
        raise BriefgenError("bad story", "x.md", 2)
    with fork_call(bad, None) as join, pytest.raises(BriefgenError) as info:
        join()
    assert (info.value.message, info.value.line) == ("bad story", 2)

    # left without joining (an error elsewhere in the build): the child is killed and reaped
    mark = tmp_path / "child.pid"

    def slow(_):
        mark.write_text(str(os.getpid()))
        time.sleep(60)
    with pytest.raises(RuntimeError), fork_call(slow, None):
        while not mark.exists() or not mark.read_text():
            time.sleep(0.01)
        raise RuntimeError("the parent failed first")
    assert not Path(f"/proc/{mark.read_text()}").exists()  # killed and reaped, not a zombie


def test_forked_rendering_equals_inline_rendering(make_project, tmp_path):
    if threading.active_count() > 1:
        pytest.skip("fork_map runs inline while other threads run")
    people = [{"name": f"Person {k}", "type": "person"} for k in range(12)]
    articles = {f"s-{i}": generated(i, [people[i % 12], people[(i * 5) % 12]], [f"T{i % 4}"])
                for i in range(70)}
    cfg = make_project(articles, settings=SETTINGS)
    build_site(cfg, workers=2)
    forked = tree(cfg.site)
    assert forked == cold_copy(cfg, tmp_path / "inline")
    edited = cfg.content / "articles" / "s-5.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nPerson 7 said more.\n",
                      encoding="utf-8")
    build_site(cfg, workers=2)
    assert tree(cfg.site) == cold_copy(cfg, tmp_path / "inline")


@pytest.mark.slow
def test_a_failed_build_leaves_the_old_site_whole(project, tmp_path, monkeypatch):
    cfg = project
    build_site(cfg)
    before = tree(cfg.site)
    path = cfg.content / "articles" / "gen-1.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nAda Moreau said more.\n",
                    encoding="utf-8")
    real_write = output.Staging.write
    calls = []

    def failing_write(self, relative, data):
        calls.append(relative)
        if len(calls) == 2:
            raise KeyboardInterrupt  # Ctrl-C in the middle of writing
        return real_write(self, relative, data)

    monkeypatch.setattr(output.Staging, "write", failing_write)
    with pytest.raises(KeyboardInterrupt):
        build_site(cfg)
    assert tree(cfg.site) == before
    assert not [p for p in cfg.project.iterdir() if output.STAGING_MARK in p.name]
    monkeypatch.undo()
    build_site(cfg)
    assert_same_as_cold(cfg, tmp_path)


@pytest.mark.slow
def test_a_build_killed_while_publishing_is_finished_by_the_next(project, tmp_path, monkeypatch):
    import briefgen.build.pipeline as incremental

    cfg = project
    build_site(cfg)
    path = cfg.content / "articles" / "gen-2.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nHarbour Council voted.\n",
                    encoding="utf-8")
    real = incremental.publish_changes

    def killed_halfway(staging, site_dir, written, removed):
        written = list(written)
        real(staging, site_dir, written[: len(written) // 2], ())
        raise SystemExit("killed")  # no cleanup runs after a real kill either

    monkeypatch.setattr(incremental, "publish_changes", killed_halfway)
    with pytest.raises(SystemExit):
        build_site(cfg)
    assert [p for p in cfg.project.iterdir() if output.STAGING_MARK in p.name]  # kept for recovery
    monkeypatch.undo()
    build_site(cfg)  # finishes the journal first, then sees nothing left to do
    assert_same_as_cold(cfg, tmp_path)
    assert not [p for p in cfg.project.iterdir() if output.STAGING_MARK in p.name]


def test_leftover_staging_folders_are_removed(project):
    cfg = project
    build_site(cfg)
    leftover = cfg.project / f".site{output.STAGING_MARK}killed"
    (leftover / "articles").mkdir(parents=True)
    aside = cfg.project / f".site{output.OLD_MARK}killed"
    aside.mkdir()
    path = cfg.content / "articles" / "gen-1.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nLater.\n", encoding="utf-8")
    build_site(cfg)
    assert not leftover.exists() and not aside.exists()


def test_a_second_build_waits_for_the_lock_or_fails_clearly(project):
    cfg = project
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from pathlib import Path; from briefgen.lock import build_lock\n"
         "with build_lock(Path(sys.argv[1])):\n    print('held', flush=True); time.sleep(30)",
         str(cfg.cache)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(BriefgenError) as info:
            with build_lock(cfg.cache, timeout=0.2):
                pass
        assert f"another build of this project is running (process {holder.pid})" in str(info.value)
    finally:
        holder.kill()
        holder.wait()
    # a lock held in this process by another build: the build waits, then runs
    release = threading.Event()

    def hold() -> None:
        with build_lock(cfg.cache):
            release.wait(5)

    thread = threading.Thread(target=hold)
    thread.start()
    time.sleep(0.1)
    threading.Timer(0.3, release.set).start()
    started = time.perf_counter()
    report = build_site(cfg)
    thread.join()
    assert time.perf_counter() - started >= 0.2 and report.articles > 0


def test_nothing_is_written_outside_the_site_folder(project, tmp_path):
    cfg = project
    build_site(cfg)
    for bad in ("../x.html", "/etc/x", "a/../../x", "a\\..\\x", ""):
        with pytest.raises(BriefgenError):
            inside(bad)  # the one containment rule output uses
    outside = tmp_path / "outside"
    outside.mkdir()
    (cfg.site / "articles" / "gen-1").rename(tmp_path / "gone")
    (cfg.site / "articles" / "gen-1").symlink_to(outside)  # a link planted in site/
    staging = output.Staging(cfg.site, flat=True)
    staging.write("articles/gen-1/index.html", b"x")
    with pytest.raises(BriefgenError):
        output.publish_changes(staging.root, cfg.site, ["articles/gen-1/index.html"], ())
    staging.discard()
    assert list(outside.iterdir()) == []
    with pytest.raises(BriefgenError):
        config_mod.load(cfg.project, {"site_dir": "../elsewhere"})
