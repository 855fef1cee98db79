"""Crash consistency (issue #19): a build or an ingest killed at any system call converges.

The harness runs the real command line under ``strace``, once uninjected to
list every file-system call the main process makes, then once per chosen call
with ``-e inject=CALL:signal=KILL:when=N`` (strace counts per call and per
process), so that the process dies just before that call runs. What is on disk
then depends only on which mutating calls completed, so killing before each
mutating call reaches every state a kill can leave: every rename, unlink,
rmdir, fsync and truncate is covered, and the frequent ones (mkdir, openat
for writing, write, pwrite64) are sampled evenly, first and last included.

After each kill, ``site/`` must exist and be the old site or the new one. The
only states in between are the ones the build cache records: a patch half
moved (the journal) and new pages under the old search index (the stale
mark). Then a plain build must bring ``site/`` byte for byte (Pagefind's index
included: it is deterministic) to what a cold build of the same content makes,
with no staging or set-aside folder left. An ingest killed the same way leaves
every content file whole, old or new, and the next ingest converges.

The unit tests below pin the single defects: permissions, containment before
mkdir, the two-rename fallback and its repair, the search index's stale mark,
fsync in ``write_atomic``.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import stat
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from briefgen import config as config_mod
from briefgen import frontmatter
from briefgen.build import build_site, output, search
from briefgen.build.cache import BuildCache
from briefgen.build.run import recover
from briefgen.errors import BriefgenError
from briefgen.ingest import pipeline as ingest_pipeline

from conftest import TINY_ARTICLES

STRACE = shutil.which("strace")
REQUIRED = bool(os.environ.get("CI") or os.environ.get("BRIEFGEN_REQUIRE_AXE"))  # CI installs strace
needs_strace = pytest.mark.skipif((STRACE is None and not REQUIRED) or not sys.platform.startswith("linux"),
                                  reason="needs Linux and strace")
needs_pagefind = pytest.mark.skipif(importlib.util.find_spec("pagefind") is None,
                                    reason="needs Pagefind")

# -- helpers ---------------------------------------------------------------------------------

Tree = dict[str, "bytes | None"]  # relative path → bytes (None: a folder)
LEFTOVER = re.compile(r"^\.(site|pagefind)\.(staging|old)-|\.old-|\.staging-")
OLD_TITLE, NEW_TITLE = "Shoigu visits Pyongyang", "Shoigu lands in Pyongyang"


def tree(folder: Path) -> Tree:
    """Every file's bytes and every folder, relative to ``folder`` (folders: empty ones matter)."""
    return {p.relative_to(folder).as_posix(): (None if p.is_dir() else p.read_bytes())
            for p in sorted(folder.rglob("*"))}


def leftovers(project: Path) -> list[str]:
    return [str(p.relative_to(project)) for p in project.rglob("*") if LEFTOVER.search(p.name)]


def write_project(where: Path, articles: dict[str, str], settings: str = "title: Crash\n") -> Path:
    (where / "content" / "articles").mkdir(parents=True)
    for slug, text in articles.items():
        (where / "content" / "articles" / f"{slug}.md").write_text(text, encoding="utf-8")
    (where / "briefgen.yaml").write_text(settings, encoding="utf-8")
    return where


def new_articles() -> dict[str, str]:
    """The example edited: one headline changes, so pages, feeds and search must all follow."""
    articles = dict(TINY_ARTICLES)
    assert OLD_TITLE in articles["shoigu-visit"]
    articles["shoigu-visit"] = articles["shoigu-visit"].replace(OLD_TITLE, NEW_TITLE)
    return articles


ENV = {**os.environ, "PYTHONHASHSEED": "0"}  # one order of everything, run after run


def briefgen(*args: str) -> list[str]:
    return [sys.executable, "-m", "briefgen", *args]


def without_exchange(*args: str) -> list[str]:
    """The command line with ``renameat2`` switched off: the portable two-rename swap."""
    return [sys.executable, "-c", "import sys, briefgen.build.output as o; o._renameat2 = None; "
            "from briefgen.cli import main; sys.exit(main(sys.argv[1:]))", *args]


def run(command: list[str], timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, env=ENV, timeout=timeout,
                          check=False)


def cold_build(where: Path, articles: dict[str, str]) -> Tree:
    project = write_project(where, articles)
    done = run(briefgen("build", "--project", str(project)))
    assert done.returncode == 0, done.stderr
    return tree(project / "site")


def keep_site_identity(project: Path) -> None:
    """A copied project's ``site/`` is a new folder (inode); tell its cache it is the same one.

    The build trusts its manifest only for the folder it published (``site_id``);
    without this every copy would make a whole-site build instead of a patch.
    """
    cache = BuildCache(project / ".briefgen-cache")
    try:
        site_id = output.folder_id(project / "site")
        assert cache.get("site_id") is not None and site_id is not None
        cache.put(site_id=site_id)
    finally:
        cache.close()


@pytest.fixture
def umask_022():
    old = os.umask(0o022)  # inherited by every command the test runs
    yield
    os.umask(old)


# -- the kill harness ------------------------------------------------------------------------

EVERY = ("rename", "renameat", "renameat2", "unlink", "unlinkat", "rmdir", "fsync", "fdatasync",
         "ftruncate", "fchmod", "link", "symlink")
SAMPLED = ("mkdir", "mkdirat", "openat", "write", "pwrite64")
_CALL = re.compile(r"^(\d+)\s+(\w+)\((.*)$")


@dataclass(frozen=True)
class KillPoint:
    syscall: str
    nth: int  # the main process's nth call of ``syscall``
    call: str  # as traced, to name the point in a failure

    def __str__(self) -> str:
        return f"{self.syscall}#{self.nth} {self.call[:160]}"


def _mutates(name: str, args: str) -> bool:
    if name == "openat":
        return bool(re.search(r"O_WRONLY|O_RDWR|O_CREAT|O_TRUNC", args))
    if name in ("write", "pwrite64"):  # a file, not a pipe or a terminal
        target = re.match(r"\d+<([^>]*)>", args)
        return bool(target and target.group(1).startswith("/")
                    and not target.group(1).startswith("/dev/"))
    return True


def kill_points(command: list[str], log: Path, sample: int, cleanup: int | None = None
                ) -> tuple[list[KillPoint], int]:
    """Trace ``command`` once; the chosen points, and how many mutating calls it made in all.

    ``cleanup``: sample deletions inside a staging or set-aside folder (deleting a whole
    old site, where every kill leaves the same state) instead of taking every one.
    """
    names = ",".join(EVERY + SAMPLED)
    done = run([STRACE, "-f", "-qq", "-y", "-e", "signal=none", "-o", str(log),
                "-e", f"trace={names}", *command])
    assert done.returncode == 0, done.stderr
    counts: dict[str, int] = {}
    found: list[KillPoint] = []
    main = None
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        match = _CALL.match(line)
        if not match:
            continue
        pid, name, args = match.groups()
        main = main or pid  # the first call traced is the command's own process
        if pid != main:
            continue
        counts[name] = counts.get(name, 0) + 1
        if _mutates(name, args):
            found.append(KillPoint(name, counts[name], line.split(None, 1)[1]))
    def tidying(point: KillPoint) -> bool:
        return (cleanup is not None and point.syscall in ("unlinkat", "rmdir")
                and bool(re.search(r"\.(staging|old)-", point.call)))

    def spread(these: list[KillPoint], k: int) -> list[KillPoint]:
        if len(these) <= k or k < 2:
            return these[:k]
        return [these[i] for i in sorted({round(i * (len(these) - 1) / (k - 1)) for i in range(k)})]

    chosen = [p for p in found if p.syscall in EVERY and not tidying(p)]
    chosen += spread([p for p in found if tidying(p)], cleanup or 0)
    for name in SAMPLED:
        chosen += spread([p for p in found if p.syscall == name], sample)
    return chosen, len(found)


def killed_at(point: KillPoint, command: list[str], log: Path) -> str:
    """Run ``command``, killed just before ``point``; the last call traced (for messages)."""
    spec = f"{point.syscall}:signal=KILL:when={point.nth}"
    done = run([STRACE, "-f", "-qq", "-o", str(log), "-e",
                f"trace={point.syscall}", "-e", f"inject={spec}", *command])
    if done.returncode != -9:  # strace dies by the signal that killed its tracee
        raise AssertionError(f"not killed at {point} (exit {done.returncode}): {done.stderr[-400:]}")
    calls = [line for line in log.read_text(encoding="utf-8", errors="replace").splitlines()
             if "+++" not in line and "---" not in line]
    return calls[-1] if calls else "?"


def pagefind_part(site: Tree) -> tuple[Tree, Tree]:
    pages = {k: v for k, v in site.items() if not k.startswith("pagefind")}
    return pages, {k: v for k, v in site.items() if k.startswith("pagefind")}


def cache_state(project: Path) -> tuple[bool, bool]:
    """(a patch journal is pending, the search index is marked stale)."""
    cache = BuildCache(project / ".briefgen-cache")
    try:
        return (cache.get("journal") is not None,
                bool(cache.get(getattr(search, "STALE", "search_stale"))))
    finally:
        cache.close()


def check_killed_site(project: Path, old: Tree, new: Tree, patch: bool) -> str | None:
    """``None`` if what a kill left is allowed, else what is wrong."""
    site = project / "site"
    if not site.is_dir():
        return "site/ is missing"
    now = tree(site)
    inside = [k for k in now if LEFTOVER.search(k.rsplit("/", 1)[-1])]
    if inside:
        return f"leftovers inside site/: {inside}"
    if now in (old, new):
        return None
    if not patch:
        return "a whole-site build left neither the old site nor the new one"
    pages, bundle = pagefind_part(now)
    old_pages, old_bundle = pagefind_part(old)
    new_pages, new_bundle = pagefind_part(new)
    if bundle not in (old_bundle, new_bundle):
        return "site/pagefind is neither the old index nor the new one"
    torn = [k for k, v in pages.items() if v not in (old_pages.get(k, b"-"), new_pages.get(k, b"-"))]
    if torn or not set(pages) <= set(old_pages) | set(new_pages):
        return f"files that are neither old nor new: {torn[:5]}"
    journal, stale = cache_state(project)
    if pages != new_pages and not journal:
        return "pages half published with no journal to finish them"
    if bundle == old_bundle and not stale:
        return "new pages under the old search index, not marked stale"
    return None


@dataclass
class Scenario:
    """One command killed at every chosen point, each time in a fresh copy of ``prepare``'s project."""

    name: str
    prepare: Callable[[Path], Path]  # a folder → the project in it, ready for the command
    command: Callable[[Path], list[str]]
    check_killed: Callable[[Path], str | None]
    recover: Callable[[Path], list[str]]
    check_recovered: Callable[[Path], str | None]
    sample: int = 8
    cleanup: int | None = None  # see kill_points
    only: tuple[str, ...] = ()  # kill only at these calls
    expect: tuple[str, ...] = ()  # calls the command must make (the steps under test)


def run_scenario(scenario: Scenario, work: Path) -> tuple[int, int, list[str]]:
    """(points killed, mutating calls traced, failures)."""
    traced = scenario.prepare(work / "trace")
    points, total = kill_points(scenario.command(traced), work / "trace.log", scenario.sample,
                                scenario.cleanup)
    points = [p for p in points if p.syscall in scenario.only] if scenario.only else points
    missing = set(scenario.expect) - {p.syscall for p in points}
    assert not missing, f"{scenario.name}: no {missing} among {points}"

    def one(i_point: tuple[int, KillPoint]) -> str | None:
        i, point = i_point
        project = scenario.prepare(work / f"k{i}")
        try:
            last = killed_at(point, scenario.command(project), work / f"k{i}.log")
        except AssertionError as exc:
            return str(exc)
        problem = scenario.check_killed(project)
        if problem:
            return f"killed at {point} (last traced: {last}): {problem}"
        done = run(scenario.recover(project))
        if done.returncode != 0:
            return f"killed at {point}: the next run failed: {done.stderr[-400:]}"
        problem = scenario.check_recovered(project)
        if problem:
            return f"killed at {point}, then run again: {problem}"
        shutil.rmtree(project.parent, ignore_errors=True)
        return None

    with ThreadPoolExecutor(max_workers=2) as pool:
        failures = [f for f in pool.map(one, enumerate(points)) if f]
    return len(points), total, failures


def build_scenarios(tmp_path: Path) -> list[Scenario]:
    old_articles, new = TINY_ARTICLES, new_articles()
    base = write_project(tmp_path / "base" / "project", old_articles)
    done = run(briefgen("build", "--project", str(base)))
    assert done.returncode == 0, done.stderr
    old = tree(base / "site")
    cold = cold_build(tmp_path / "cold" / "project", new)
    assert old != cold and pagefind_part(old)[1] != pagefind_part(cold)[1]  # search must change

    def copy_base(where: Path, keep_cache: bool) -> Path:
        project = where / "project"
        shutil.copytree(base, project, symlinks=True)
        if keep_cache:
            keep_site_identity(project)
        else:
            shutil.rmtree(project / ".briefgen-cache")
        edited = project / "content" / "articles" / "shoigu-visit.md"
        edited.write_text(new["shoigu-visit"], encoding="utf-8")
        return project

    def into_empty(where: Path) -> Path:
        project = write_project(where / "project", new)
        (project / "site").mkdir()
        return project

    def recovered(project: Path) -> str | None:
        site = tree(project / "site")
        if site != cold:
            differing = sorted(k for k in set(site) | set(cold) if site.get(k) != cold.get(k))
            return f"site/ differs from a cold build: {differing[:6]}"
        left = leftovers(project)
        return f"leftovers: {left}" if left else None

    build = lambda project: briefgen("build", "--project", str(project))  # noqa: E731
    return [
        Scenario("incremental build (a headline edited: pages, feeds and search change)",
                 lambda w: copy_base(w, True), build,
                 lambda p: check_killed_site(p, old, cold, patch=True), build, recovered,
                 sample=8, expect=("rename", "renameat2", "unlinkat")),
        Scenario("whole-site build into an empty site/", into_empty, build,
                 lambda p: check_killed_site(p, {}, cold, patch=False), build, recovered,
                 sample=6, expect=("renameat2",)),
        Scenario("whole-site build over the old site (no cache)", lambda w: copy_base(w, False),
                 build, lambda p: check_killed_site(p, old, cold, patch=False), build, recovered,
                 sample=2, cleanup=4, expect=("renameat2", "unlinkat")),
    ]


@needs_strace
@needs_pagefind
@pytest.mark.slow
def test_builds_killed_at_every_publishing_call_converge(tmp_path):
    started = time.perf_counter()
    lines, failures = [], []
    for i, scenario in enumerate(build_scenarios(tmp_path)):
        killed, total, failed = run_scenario(scenario, tmp_path / f"s{i}")
        lines.append(f"{scenario.name}: {killed} kill points of {total} mutating calls")
        failures += [f"{scenario.name}: {f}" for f in failed]
        assert killed >= 20
    print("\n".join(lines) + f"\n{time.perf_counter() - started:.0f} s")
    assert failures == [], "\n".join(failures[:10])


@needs_strace
@needs_pagefind
@pytest.mark.slow
def test_a_swap_without_exchange_killed_between_its_renames_is_repaired(tmp_path):
    """The portable fallback (two renames): a kill between them leaves no site/ until the next build."""
    new = new_articles()
    base = write_project(tmp_path / "base" / "project", TINY_ARTICLES)
    assert run(briefgen("build", "--project", str(base))).returncode == 0
    old = tree(base / "site")
    cold = cold_build(tmp_path / "cold" / "project", new)

    def prepare(where: Path) -> Path:
        project = where / "project"
        shutil.copytree(base, project, symlinks=True)
        shutil.rmtree(project / ".briefgen-cache")
        (project / "content" / "articles" / "shoigu-visit.md").write_text(new["shoigu-visit"],
                                                                         encoding="utf-8")
        return project

    def killed(project: Path) -> str | None:
        if not (project / "site").is_dir():  # only between the renames, with the old site aside
            aside = [p for p in project.iterdir() if p.name.startswith(".site.old-")]
            if len(aside) != 1 or tree(aside[0]) != old:
                return "site/ lost"
        else:
            problem = check_killed_site(project, old, cold, patch=False)
            if problem:
                return problem
        # the next build puts the old site back first, even if it then stops on bad content
        broken = project / "content" / "articles" / "broken.md"
        broken.write_text("---\ntitle: [unclosed\n---\n\nBody.\n", encoding="utf-8")
        failed = run(without_exchange("build", "--project", str(project)))
        broken.unlink()
        if failed.returncode != 1 or not (project / "site").is_dir():
            return f"a failed build after the kill left no site/ (exit {failed.returncode})"
        return check_killed_site(project, old, cold, patch=False)

    def recovered(project: Path) -> str | None:
        if tree(project / "site") != cold:
            return "site/ differs from a cold build"
        return f"leftovers: {leftovers(project)}" if leftovers(project) else None

    scenario = Scenario("whole-site build without renameat2", prepare,
                        lambda p: without_exchange("build", "--project", str(p)), killed,
                        lambda p: without_exchange("build", "--project", str(p)), recovered,
                        cleanup=3, only=("rename", "unlinkat", "rmdir"), expect=("rename",))
    points, _, failures = run_scenario(scenario, tmp_path / "fallback")
    print(f"without renameat2: {points} kill points")
    assert points >= 5
    assert failures == [], "\n".join(failures[:10])


SEEDS = {
    "harbour": ("Harbour reopens after storm", "Ada Moreau met the Harbour Council in Oslo on "
                "Monday. The port had been closed for a week after the storm.\n\nBo Lindqvist "
                "said ships would return by Friday."),
    "budget": ("Council passes budget", "The city council in Bergen passed its budget late on "
               "Tuesday after a long debate about schools.\n\nMayor Ingrid Holm called the vote "
               "a compromise that nobody loved."),
    "rail": ("Night train returns", "A night train between Stockholm and Berlin will run again "
             "from June, the operator Snalltaget said.\n\nTickets go on sale next month, with "
             "sleeper cabins for up to six people."),
}


def _seed(title: str, body: str) -> str:
    return f"---\ntitle: {title}\npublished: 2024-03-04T08:00:00+00:00\npublisher: Wire\n---\n\n{body}\n"


def write_seeds(project: Path, edited: bool) -> None:
    (project / "seeds").mkdir(parents=True, exist_ok=True)
    for name, (title, body) in SEEDS.items():
        if edited:
            title, body = title + " (updated)", body + "\n\nThis story was updated at noon."
        (project / "seeds" / f"{name}.md").write_text(_seed(title, body), encoding="utf-8")


def articles_of(project: Path) -> Tree:
    return {p.name: p.read_bytes() for p in sorted((project / "content" / "articles").iterdir())}


@needs_strace
@pytest.mark.slow
def test_an_ingest_killed_at_every_write_leaves_whole_files_and_converges(tmp_path, umask_022):
    base = tmp_path / "base" / "project"
    base.mkdir(parents=True)
    (base / "briefgen.yaml").write_text("title: Ingest\n", encoding="utf-8")
    write_seeds(base, edited=False)
    ingest = lambda project: briefgen("ingest", "--project", str(project), "--jobs", "1")  # noqa: E731
    assert run(ingest(base)).returncode == 0
    old = articles_of(base)
    assert len(old) == len(SEEDS)
    reference = tmp_path / "ref" / "project"
    shutil.copytree(base, reference)
    write_seeds(reference, edited=True)
    assert run(ingest(reference)).returncode == 0
    new = articles_of(reference)
    assert set(new) == set(old) and all(new[k] != old[k] for k in new)

    def prepare(where: Path) -> Path:
        project = where / "project"
        shutil.copytree(base, project)
        write_seeds(project, edited=True)
        return project

    def killed(project: Path) -> str | None:
        files = articles_of(project)
        visible = {k: v for k, v in files.items() if not k.startswith(".")}
        if set(visible) != set(old):
            return f"content files {sorted(visible)}, expected {sorted(old)}"
        for name, data in visible.items():
            if data not in (old[name], new[name]):
                return f"{name} is neither its old nor its new version"
            frontmatter.split(data.decode("utf-8"), Path(name))
        return None

    def recovered(project: Path) -> str | None:
        files = articles_of(project)
        if files != new:
            return f"after the next ingest: {sorted(files)} differ from {sorted(new)}"
        modes = {oct(stat.S_IMODE(p.stat().st_mode))
                 for p in (project / "content" / "articles").iterdir()}
        return None if modes == {"0o644"} else f"content files with modes {modes}"

    scenario = Scenario("re-ingest updating every file", prepare, ingest, killed, ingest,
                        recovered, sample=6, expect=("rename", "fsync"))
    points, total, failures = run_scenario(scenario, tmp_path / "ingest")
    print(f"ingest: {points} kill points of {total} mutating calls")
    assert points >= 12
    assert failures == [], "\n".join(failures[:10])
    # and for a power cut, which no kill shows: each file is on disk before its new name is
    trace = (tmp_path / "ingest" / "trace.log").read_text(encoding="utf-8")
    assert durability_problems(trace, len(SEEDS)) == []


def durability_problems(trace: str, expected: int) -> list[str]:
    """Each temporary file fsynced before its rename, and its folder fsynced after (strace -y)."""
    problems: list[str] = []
    synced: set[str] = set()
    pending: str | None = None  # a folder whose rename is not yet fsynced
    renamed = 0
    for line in trace.splitlines():
        if (fsync := re.search(r"\bfsync\(\d+<([^>]*)>\)", line)):
            synced.add(fsync.group(1))
            if fsync.group(1) == pending:
                pending = None
        elif (rename := re.search(r'\brename\("([^"]*\.tmp)", "([^"]*)"\)', line)):
            if pending:
                problems.append(f"{pending} not fsynced after a rename")
            if rename.group(1) not in synced:
                problems.append(f"{rename.group(1)} renamed before it was fsynced")
            pending, renamed = os.path.dirname(rename.group(2)), renamed + 1
    if pending:
        problems.append(f"{pending} not fsynced after the last rename")
    if renamed != expected:
        problems.append(f"{renamed} files renamed into place, expected {expected}")
    return problems


# -- unit tests ------------------------------------------------------------------------------


def test_the_published_site_is_readable_by_others(make_project, umask_022):
    cfg = make_project(settings="title: Modes\nsearch: false\n")
    build_site(cfg, workers=1)
    path = cfg.content / "articles" / "seoul-drills.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Allies", "Allies now"),
                    encoding="utf-8")
    build_site(cfg, workers=1)  # a patch too: its files come from a staging folder of their own
    modes = {p: stat.S_IMODE(p.stat().st_mode) for p in [cfg.site, *cfg.site.rglob("*")]}
    assert {oct(m) for p, m in modes.items() if p.is_dir()} == {"0o755"}
    assert {oct(m) for p, m in modes.items() if p.is_file()} == {"0o644"}
    staging = output.Staging(cfg.site)
    try:
        assert stat.S_IMODE(staging.root.stat().st_mode) == 0o755
    finally:
        staging.discard()


def test_ingest_writes_files_others_can_read_and_keeps_a_files_own_mode(tmp_path, umask_022):
    fresh = tmp_path / "articles" / "new.md"
    ingest_pipeline.write_atomic(fresh, "---\ntitle: x\n---\n\nbody\n")
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o644
    fresh.chmod(0o640)
    ingest_pipeline.write_atomic(fresh, "---\ntitle: y\n---\n\nbody\n")
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o640
    assert fresh.read_text(encoding="utf-8").startswith("---\ntitle: y")
    assert [p.name for p in fresh.parent.iterdir()] == ["new.md"]


def test_write_atomic_fsyncs_the_file_before_the_rename_and_the_folder_after(tmp_path,
                                                                          monkeypatch):
    path = tmp_path / "a.md"
    path.write_text("old\n", encoding="utf-8")
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        events.append("fsync folder" if stat.S_ISDIR(os.fstat(fd).st_mode) else
                      f"fsync file {os.fstat(fd).st_size}")
        real_fsync(fd)

    def replace(src, dst) -> None:
        events.append("replace")
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    ingest_pipeline.write_atomic(path, "new text\n")
    assert events == ["fsync file 9", "replace", "fsync folder"]
    assert path.read_text(encoding="utf-8") == "new text\n"


def test_a_refused_path_creates_nothing_outside_the_site(make_project, tmp_path):
    cfg = make_project(settings="title: Links\nsearch: false\n")
    build_site(cfg, workers=1)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.html").write_text("not ours", encoding="utf-8")
    shutil.rmtree(cfg.site / "topics")
    (cfg.site / "topics").symlink_to(outside)  # a link planted in site/
    staging = output.Staging(cfg.site, flat=True)
    staging.write("topics/new-topic/deeper/index.html", b"x")
    with pytest.raises(BriefgenError):
        output.publish_changes(staging.root, cfg.site, ["topics/new-topic/deeper/index.html"], ())
    assert sorted(p.name for p in outside.iterdir()) == ["keep.html"]  # no folder made there
    with pytest.raises(BriefgenError):  # nor is anything deleted through the link
        output.publish_changes(staging.root, cfg.site, (), ["topics/keep.html"])
    assert (outside / "keep.html").exists()
    (cfg.site / "loop").symlink_to(cfg.site / "loop")
    staging.write("loop/index.html", b"x")
    with pytest.raises(BriefgenError):
        output.publish_changes(staging.root, cfg.site, ["loop/index.html"], ())
    staging.discard()


def test_publish_swap_exchanges_in_one_step(tmp_path):
    if output._renameat2 is None:
        pytest.skip("no renameat2 here")
    site, staging = tmp_path / "site", tmp_path / ".site.staging-x"
    (site / "pagefind").mkdir(parents=True)
    (site / "old.html").write_text("old", encoding="utf-8")
    staging.mkdir()
    (staging / "new.html").write_text("new", encoding="utf-8")
    new_inode = staging.stat().st_ino
    output.publish_swap(staging, site)
    assert site.stat().st_ino == new_inode and tree(site) == {"new.html": b"new"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def _killing_second_rename(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """``os.rename`` that dies (as a kill would) on its second call in the swap."""
    calls: list[tuple[str, str]] = []
    real = os.rename

    def rename(src, dst) -> None:
        calls.append((str(src), str(dst)))
        if len(calls) == 2:
            raise SystemExit("killed between the renames")
        real(src, dst)

    monkeypatch.setattr(output, "_renameat2", None, raising=False)
    monkeypatch.setattr(os, "rename", rename)
    return calls


def test_recover_puts_back_a_site_a_two_rename_swap_left_aside(make_project, tmp_path,
                                                               monkeypatch):
    cfg = make_project(settings="title: Fallback\nsearch: false\n")
    build_site(cfg, workers=1)
    before = tree(cfg.site)
    shutil.rmtree(cfg.cache)  # no manifest: the next build is a whole-site swap
    path = cfg.content / "articles" / "seoul-drills.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Allies", "Allies now"),
                    encoding="utf-8")
    calls = _killing_second_rename(monkeypatch)
    with pytest.raises(SystemExit):
        build_site(cfg, workers=1)
    assert calls[0][0] == str(cfg.site) and not cfg.site.exists()  # the window: no site/
    monkeypatch.undo()
    cache = BuildCache(cfg.cache)
    try:
        recover(cfg, cache)
    finally:
        cache.close()
    assert tree(cfg.site) == before  # the previous site is back
    assert not [p for p in cfg.project.iterdir() if output.OLD_MARK in p.name]
    build_site(cfg, workers=1)
    fresh = write_project(tmp_path / "cold", {p.stem: p.read_text(encoding="utf-8")
                                              for p in (cfg.content / "articles").glob("*.md")},
                          "title: Fallback\nsearch: false\n")
    build_site(config_mod.load(fresh), workers=1)
    assert tree(cfg.site) == tree(fresh / "site")


@needs_pagefind
def test_the_old_search_index_is_never_set_aside_inside_the_site(make_project, monkeypatch):
    cfg = make_project(settings="title: Search\n")
    build_site(cfg, workers=1)
    path = cfg.content / "articles" / "seoul-drills.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Allies", "Zanzibarite allies"),
                    encoding="utf-8")
    calls = _killing_second_rename(monkeypatch)
    with pytest.raises(SystemExit):
        build_site(cfg, workers=1)
    assert calls and not str(calls[0][1]).startswith(str(cfg.site) + os.sep)
    assert [p.name for p in cfg.site.iterdir() if p.name.startswith(".")] == []
    monkeypatch.undo()
    report = build_site(cfg, workers=1)  # the stale mark makes it index again
    assert report.search_indexed and (cfg.site / search.BUNDLE / "pagefind-entry.json").exists()
    assert [p.name for p in cfg.site.iterdir() if p.name.startswith(".")] == []


@needs_pagefind
def test_a_build_killed_before_its_search_index_is_swapped_in_is_reindexed(make_project,
                                                                            monkeypatch,
                                                                            tmp_path):
    """Issue #19's first defect: after such a kill every later build said "0 changed, search
    indexed" and kept the old index for good."""
    cfg = make_project(settings="title: Search\n")
    build_site(cfg, workers=1)
    path = cfg.content / "articles" / "shoigu-visit.md"
    path.write_text(path.read_text(encoding="utf-8").replace(OLD_TITLE, NEW_TITLE),
                    encoding="utf-8")
    def killed(*args: object, **kwargs: object) -> bool:
        raise SystemExit("killed while indexing")

    monkeypatch.setattr(search, "run_pagefind", killed)
    with pytest.raises(SystemExit):
        build_site(cfg, workers=1)
    monkeypatch.undo()
    report = build_site(cfg, workers=1)
    assert report.changed == 0 and report.search_indexed
    assert cache_state(cfg.project) == (False, False)  # no journal, the mark cleared
    cold = write_project(tmp_path / "cold", {p.stem: p.read_text(encoding="utf-8")
                                             for p in (cfg.content / "articles").glob("*.md")},
                         "title: Search\n")
    build_site(config_mod.load(cold), workers=1)
    assert tree(cfg.site / search.BUNDLE) == tree(cold / "site" / search.BUNDLE)


@needs_pagefind
def test_turning_search_off_removes_the_index_as_a_cold_build_would(make_project, tmp_path):
    cfg = make_project(settings="title: Search\n")
    build_site(cfg, workers=1)
    (cfg.project / "briefgen.yaml").write_text("title: Search\nsearch: false\n", encoding="utf-8")
    build_site(config_mod.load(cfg.project), workers=1)
    assert not (cfg.site / search.BUNDLE).exists()
    assert leftovers(cfg.project) == []
