"""Everything a build reads, summed up cheaply: the no-change check and the global digest.

A build's output is a function of the content files, the templates and
static files (project over theme), the configuration, the search switch and
briefgen's own code. :func:`signature` hashes their *stats* (name, size,
mtime, inode: one ``stat`` per file, no reads), so a build with nothing changed
is recognised in milliseconds and does nothing. Anything that differs, even a
touched file with the same bytes, falls through to the real incremental build,
which compares content hashes; the stat is never trusted to skip work alone
beyond that exact-match case.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

import briefgen
from briefgen.config import CONFIG_NAME, Config
from briefgen.render.themes import theme_dirs


@dataclass(frozen=True)
class StaticFile:
    rel: str  # where it goes under site/
    path: Path


def _walk(root: Path) -> Iterator[os.DirEntry[str]]:
    """Every file below ``root`` (sorted, so the signature is stable)."""
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except (FileNotFoundError, NotADirectoryError):
        return
    for entry in entries:
        if entry.is_dir(follow_symlinks=True):
            yield from _walk(Path(entry.path))
        else:
            yield entry


def _stat_lines(roots: Iterable[Path]) -> Iterator[str]:
    for root in roots:
        yield f"#{root}"
        for entry in _walk(root):
            try:
                st = entry.stat()
            except FileNotFoundError:
                continue
            yield f"{entry.path}\t{st.st_size}\t{st.st_mtime_ns}\t{st.st_ino}"


# modules that never shape a built page: editing them must not force a full re-render
NOT_BUILD_CODE = ("ingest/", "cli.py", "cli_progress.py", "serve.py", "scaffold.py", "check.py",
                  "entity_report.py", "__main__.py")


def code_digest() -> str:
    """briefgen's build code by stat: editing it (or upgrading) invalidates every page."""
    package = Path(briefgen.__file__).parent
    h = hashlib.blake2b(digest_size=16)
    h.update(getattr(briefgen, "__version__", "").encode())
    for entry in _walk(package):
        rel = Path(entry.path).relative_to(package).as_posix()
        if rel.endswith(".py") and not rel.startswith(NOT_BUILD_CODE):
            st = entry.stat()
            h.update(f"{rel}\t{st.st_size}\t{st.st_mtime_ns}\n".encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def signature(config: Config, search: bool, code: str) -> str:
    """A hash that changes whenever anything the build reads may have changed."""
    h = hashlib.blake2b(digest_size=16)
    h.update(surroundings(config, search, code).encode())
    for path, st in article_stats(config).items():
        h.update(f"{path}\t{st[0]}\t{st[1]}\t{st[2]}\n".encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def article_stats(config: Config) -> dict[str, tuple[int, int, int]]:
    """Every article file (``content/articles/*.md``): path → (size, mtime, inode), in path order.

    Editors' swap and backup files beside them are not articles, so they change nothing.
    """
    try:
        entries = sorted(os.scandir(config.content / "articles"), key=lambda e: e.name)
    except (FileNotFoundError, NotADirectoryError):
        return {}
    found = {}
    for entry in entries:
        if entry.name.startswith(".") or not entry.name.endswith(".md"):
            continue
        try:
            st = entry.stat()
        except FileNotFoundError:
            continue
        found[entry.path] = (st.st_size, st.st_mtime_ns, st.st_ino)
    return found


def surroundings(config: Config, search: bool, code: str) -> str:
    """The signature of every input but the article files (curated entities, theme, settings)."""
    h = hashlib.blake2b(digest_size=16)
    h.update(f"{code}\n{search}\n{config!r}\n".encode("utf-8", "surrogatepass"))
    roots = [config.content / "entities", *theme_dirs(config.templates)]
    for line in _stat_lines(r for r in roots if r.is_dir()):
        h.update(line.encode("utf-8", "surrogatepass") + b"\n")
    config_file = config.project / CONFIG_NAME
    if config_file.exists():
        st = config_file.stat()
        h.update(f"{st.st_size}\t{st.st_mtime_ns}\t{st.st_ino}".encode())
    return h.hexdigest()


def static_files(config: Config) -> list[StaticFile]:
    """``static/`` of the theme, overridden file by file by the project's own."""
    chosen: dict[str, Path] = {}
    for theme in reversed(theme_dirs(config.templates)):
        root = theme / "static"
        for entry in _walk(root):
            path = Path(entry.path)
            chosen[f"static/{path.relative_to(root).as_posix()}"] = path
    return [StaticFile(rel, path) for rel, path in sorted(chosen.items())]
