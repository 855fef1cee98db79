"""briefgen.build.inputs: what a build reads, summed up by stat.

The signature must move for every input a page depends on and for nothing
else; the code digest must follow the build code and only the build code.
The theme and briefgen's own package are never edited in place: tests point
``default_theme`` / ``briefgen.__file__`` at copies in ``tmp_path``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import briefgen
from briefgen import config as config_mod
from briefgen.build import build_site, inputs
from briefgen.build.inputs import (BUILD_CODE, FileStat, Snapshot, StaticFile, code_digest,
                                   is_build_code, static_files)
from briefgen.render import themes

from conftest import REPO, TINY_ARTICLES

SETTINGS = "title: Inputs\nsearch: false\n"
PACKAGE = Path(briefgen.__file__).resolve().parent


def sig(cfg: config_mod.Config) -> str:
    return Snapshot.take(cfg).signature


def touch(path: Path, later_ns: int = 7_000_000_000) -> None:
    """Same bytes, a new modification time."""
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + later_ns))


@pytest.fixture
def theme(tmp_path, monkeypatch) -> Path:
    """A private copy of the default theme, used in place of the real one."""
    copy = tmp_path / "theme"
    shutil.copytree(themes.default_theme(), copy)
    monkeypatch.setattr(themes, "default_theme", lambda: copy)
    return copy


@pytest.fixture
def project(make_project, theme):
    return make_project(settings=SETTINGS, files={
        "content/entities/kim-jong-un.md": "---\nname: Kim Jong Un\ntype: person\n---\n\nLeader.\n",
        "templates/article.html": '{% extends "base.html" %}\n',
    })


# -- the signature --------------------------------------------------------------------------------

def test_the_signature_is_stable_while_nothing_changes(project):
    first = sig(project)
    assert sig(project) == first
    assert sig(config_mod.load(project.project)) == first
    assert len(first) == 32 and int(first, 16) >= 0


def test_an_article_edit_changes_the_signature(project):
    before = sig(project)
    path = project.content / "articles" / "seoul-drills.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    after = sig(project)
    assert after != before
    touch(path)  # same bytes, new time: still a possible change
    assert sig(project) != after


def test_adding_or_removing_an_article_changes_the_signature(project):
    before = sig(project)
    extra = project.content / "articles" / "extra.md"
    extra.write_text(TINY_ARTICLES["seoul-drills"], encoding="utf-8")
    assert sig(project) != before
    extra.unlink()
    assert sig(project) == before


def test_a_curated_entity_edit_changes_the_signature(project):
    before = sig(project)
    path = project.content / "entities" / "kim-jong-un.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Leader.", "Leader of the DPRK."),
                    encoding="utf-8")
    assert sig(project) != before


def test_a_project_template_edit_changes_the_signature(project):
    before = sig(project)
    touch(project.templates / "article.html")
    assert sig(project) != before


def test_a_new_project_template_changes_the_signature(project):
    before = sig(project)
    (project.templates / "home.html").write_text('{% extends "base.html" %}\n', encoding="utf-8")
    assert sig(project) != before


def test_a_theme_template_edit_changes_the_signature(project, theme):
    before = sig(project)
    base = theme / "base.html"
    base.write_text(base.read_text(encoding="utf-8") + "<!-- edited -->\n", encoding="utf-8")
    assert sig(project) != before


def test_a_theme_static_file_edit_changes_the_signature(project, theme):
    before = sig(project)
    touch(theme / "static" / "style.css")
    assert sig(project) != before


def test_a_settings_edit_changes_the_signature(project):
    before = sig(project)
    (project.project / "briefgen.yaml").write_text(SETTINGS + "per_page: 5\n", encoding="utf-8")
    assert sig(config_mod.load(project.project)) != before


def test_touching_the_settings_file_changes_the_signature(project):
    """Even with an equal Config: the stat, not the parse, is what is compared."""
    before = sig(project)
    touch(project.project / "briefgen.yaml")
    assert sig(project) != before


@pytest.mark.parametrize("name", [".seoul-drills.md.swp", ".hidden-copy.md", "seoul-drills.md~",
                                  "notes.txt", ".#seoul-drills.md"])
def test_editor_leftovers_in_the_articles_folder_do_not_change_the_signature(project, name):
    before = sig(project)
    (project.content / "articles" / name).write_text(TINY_ARTICLES["seoul-drills"],
                                                     encoding="utf-8")
    assert sig(project) == before
    assert str(project.content / "articles" / name) not in inputs.article_stats(project)


def test_article_stats_lists_every_article_file_by_stat(project):
    stats = inputs.article_stats(project)
    folder = project.content / "articles"
    assert list(stats) == [str(folder / f"{s}.md") for s in sorted(TINY_ARTICLES)]
    st = (folder / "kim-missiles.md").stat()
    assert stats[str(folder / "kim-missiles.md")] == FileStat(st.st_mtime_ns, st.st_size,
                                                              st.st_ino)


def test_surroundings_ignore_articles_but_follow_everything_else(project):
    around = lambda: inputs.surroundings(project, False, "code")  # noqa: E731
    before = around()
    (project.content / "articles" / "seoul-drills.md").write_text("changed", encoding="utf-8")
    assert around() == before
    assert inputs.surroundings(project, True, "code") != before  # the search switch
    assert inputs.surroundings(project, False, "other code") != before
    touch(project.content / "entities" / "kim-jong-un.md")
    assert around() != before


# -- the code digest ------------------------------------------------------------------------------

@pytest.fixture
def package_copy(tmp_path, monkeypatch) -> Path:
    """A copy of the briefgen package that ``code_digest`` reads instead of the real one."""
    copy = tmp_path / "pkg" / "briefgen"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(briefgen, "__file__", str(copy / "__init__.py"))
    return copy


@pytest.mark.parametrize("module", ["render/markdown.py", "render/templates.py", "build/deps.py",
                                    "index/patch.py", "model.py", "config.py", "__init__.py"])
def test_touching_build_code_changes_the_code_digest(package_copy, module):
    before = code_digest()
    touch(package_copy / module)
    assert code_digest() != before


@pytest.mark.parametrize("module", ["ingest/entities/cues.py", "ingest/pipeline.py", "cli.py",
                                    "preview/server.py", "preview/watch.py",
                                    "commands/check.py", "lock.py"])
def test_touching_other_code_leaves_the_code_digest(package_copy, module):
    assert (package_copy / module).is_file()
    before = code_digest()
    touch(package_copy / module)
    (package_copy / module).write_text("# edited\n", encoding="utf-8")
    assert code_digest() == before


def test_new_modules_and_other_files_in_build_folders(package_copy):
    before = code_digest()
    (package_copy / "render" / "README.txt").write_text("notes\n", encoding="utf-8")
    assert code_digest() == before
    (package_copy / "render" / "extra.py").write_text("X = 1\n", encoding="utf-8")
    assert code_digest() != before


def test_the_version_is_part_of_the_code_digest(package_copy, monkeypatch):
    before = code_digest()
    monkeypatch.setattr(briefgen, "__version__", "99.0")
    assert code_digest() != before


def test_the_code_digest_is_part_of_the_signature(project, package_copy):
    before = Snapshot.take(project)
    touch(package_copy / "render" / "pages.py")
    after = Snapshot.take(project)
    assert after.code != before.code and after.signature != before.signature


@pytest.mark.parametrize("rel, expected", [
    ("build/deps.py", True), ("index/patch.py", True), ("render/markdown.py", True),
    ("render/__init__.py", True), ("__init__.py", True), ("config.py", True),
    ("errors.py", True), ("frontmatter.py", True), ("model.py", True), ("names.py", True),
    ("urls.py", True),
    ("ingest/entities/cues.py", False), ("cli.py", False), ("cli_progress.py", False),
    ("preview/server.py", False), ("commands/check.py", False), ("lock.py", False),
    ("__main__.py", False), ("build/notes.txt", False), ("render/deps.pyc", False),
    ("ingest/__init__.py", False), ("models.py", False),
])
def test_is_build_code(rel, expected):
    assert is_build_code(rel) is expected


def test_the_build_imports_no_briefgen_module_outside_the_build_code():
    """If a build module imported ingest code, editing that code could change a page
    without changing the code digest."""
    script = (
        "import sys, tempfile, shutil, pathlib\n"
        "sys.path.insert(0, sys.argv[1])\n"
        "from conftest import TINY_ARTICLES\n"
        "from briefgen import config\n"
        "from briefgen.build import build_site\n"
        "import briefgen.build.warm, briefgen.build.pipeline\n"
        "p = pathlib.Path(tempfile.mkdtemp()) / 'p'\n"
        "(p / 'content' / 'articles').mkdir(parents=True)\n"
        "for s, t in TINY_ARTICLES.items(): (p / 'content' / 'articles' / (s + '.md')).write_text(t)\n"
        "(p / 'briefgen.yaml').write_text('title: T\\nsearch: false\\n')\n"
        "build_site(config.load(p), workers=1)\n"
        "shutil.rmtree(p.parent)\n"
        "print('\\n'.join(m.__file__ for n, m in sys.modules.items()\n"
        "                 if n.startswith('briefgen') and getattr(m, '__file__', None)))\n")
    done = subprocess.run([sys.executable, "-c", script, str(REPO / "tests")],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    loaded = {Path(f).resolve().relative_to(PACKAGE).as_posix() for f in out.split()}
    assert "render/pages.py" in loaded and "build/pipeline.py" in loaded
    outside = {rel for rel in loaded if not is_build_code(rel)}
    # the build lock shapes no page; the executor only decides where a pure step runs (a Dask
    # build equals the local one byte for byte: tests/test_dask.py); writing.py writes editions
    # after the site is published
    assert outside <= {"lock.py", "executors.py", "writing.py"}, outside
    assert BUILD_CODE  # (kept in one place, in inputs.py)


# -- static files ---------------------------------------------------------------------------------

def test_project_static_files_override_the_themes_file_by_file(make_project, theme):
    shutil.rmtree(theme / "static")
    (theme / "static" / "img").mkdir(parents=True)
    for rel in ("style.css", "print.css", "img/logo.svg"):
        (theme / "static" / rel).write_text(f"theme {rel}\n", encoding="utf-8")
    cfg = make_project(settings=SETTINGS, files={
        "templates/static/style.css": "mine\n",
        "templates/static/img/logo.svg": "my logo\n",
        "templates/static/extra.js": "mine too\n",
    })
    mine = cfg.templates / "static"
    assert static_files(cfg) == [
        StaticFile("static/extra.js", mine / "extra.js"),
        StaticFile("static/img/logo.svg", mine / "img" / "logo.svg"),
        StaticFile("static/print.css", theme / "static" / "print.css"),
        StaticFile("static/style.css", mine / "style.css"),
    ]


def test_without_project_static_files_the_themes_are_used(make_project, theme):
    cfg = make_project(settings=SETTINGS)
    theirs = sorted(p for p in (theme / "static").rglob("*") if p.is_file())
    assert static_files(cfg) == [
        StaticFile(f"static/{p.relative_to(theme / 'static').as_posix()}", p) for p in theirs]


def test_a_project_static_file_is_published_over_the_themes(make_project, tmp_path):
    cfg = make_project(settings=SETTINGS, files={"templates/static/style.css": "body{}\n"})
    build_site(cfg, workers=1)
    assert (cfg.site / "static" / "style.css").read_text(encoding="utf-8") == "body{}\n"


# -- regression: a hidden copy of an article is not content ----------------------------------------

def tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes()
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_a_hidden_copy_of_an_article_is_ignored_by_the_build(make_project, tmp_path):
    """The stat signature and the loader once disagreed about dot-files, so a hidden
    ``.hidden-copy.md`` broke the build. It must be invisible to both."""
    cfg = make_project(settings=SETTINGS)
    articles = cfg.content / "articles"
    (articles / ".hidden-copy.md").write_text(TINY_ARTICLES["kim-missiles"], encoding="utf-8")
    (articles / ".kim-missiles.md.swp").write_bytes(b"\x00binary swap\xff")
    first = build_site(cfg, workers=1)
    assert first.articles == 3
    assert first.rendered == first.pages > 0
    assert not (cfg.site / "articles" / ".hidden-copy").exists()

    path = articles / "kim-missiles.md"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "toured munitions factories", "toured two munitions factories"), encoding="utf-8")
    second = build_site(cfg, workers=1)
    assert second.articles == 3 and second.rendered >= 1 and second.changed >= 1
    assert b"toured two munitions factories" in (
        cfg.site / "articles" / "kim-missiles" / "index.html").read_bytes()

    third = build_site(cfg, workers=1)  # nothing changed since: the no-change check answers
    assert (third.rendered, third.changed) == (0, 0)

    (articles / ".hidden-copy.md").write_text("---\ntitle: [broken\n---\n", encoding="utf-8")
    assert build_site(cfg, workers=1).changed == 0  # an edit to it is no edit at all

    cold = tmp_path / "cold"
    (cold / "content" / "articles").mkdir(parents=True)
    for slug in TINY_ARTICLES:
        shutil.copy(articles / f"{slug}.md", cold / "content" / "articles" / f"{slug}.md")
    shutil.copy(cfg.project / "briefgen.yaml", cold / "briefgen.yaml")
    fresh = config_mod.load(cold)
    build_site(fresh, workers=1)
    assert tree(cfg.site) == tree(fresh.site)
