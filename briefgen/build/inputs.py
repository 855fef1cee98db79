"""Everything a build reads, summed up cheaply: the no-change check and the global digest.

A build's output is a function of the content files, the templates and
static files (project over theme), the configuration, the search switch and
briefgen's own build code. :class:`Snapshot` hashes their *stats* (name, size,
mtime, inode: one ``stat`` per file, no reads), so a build with nothing changed
is recognised in milliseconds and does nothing. Anything that differs, even a
touched file with the same bytes, falls through to the real incremental build,
which compares content hashes; the stat is never trusted to skip work alone
beyond that exact-match case.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable, Iterator

import briefgen
from briefgen import frontmatter
from briefgen.config import CONFIG_NAME, Config
from briefgen.render.themes import theme_dirs

# The code a built page is a function of: the build program and the kernel it
# stands on. Ingest, the preview server and the commands never shape a page, so
# editing them must not re-render the site.
BUILD_CODE = ("build/", "index/", "render/", "__init__.py", "config.py", "disjoint.py", "errors.py",
              "frontmatter.py", "model.py", "names.py", "urls.py")


@dataclass(frozen=True)
class FileStat:
    """The cheap identity of a file: if all three match, its bytes are assumed unchanged."""

    mtime_ns: int
    size: int
    inode: int

    @classmethod
    def of(cls, st: os.stat_result) -> "FileStat":
        return cls(st.st_mtime_ns, st.st_size, st.st_ino)

    def line(self) -> str:
        return f"{self.size}\t{self.mtime_ns}\t{self.inode}"


@dataclass(frozen=True)
class StaticFile:
    rel: str  # where it goes under site/
    path: Path


@dataclass(frozen=True)
class Snapshot:
    """What one build is a function of, read before any work is done."""

    config: Config
    search: bool  # a search index is made (asked for, and Pagefind installed)
    code: str  # digest of briefgen's build code
    signature: str  # changes whenever anything the build reads may have changed
    parts: tuple[str, str, str] = ("", "", "")  # what it sums: surroundings, editions, articles

    @classmethod
    def take(cls, config: Config) -> "Snapshot":
        search = search_available(config)
        code = code_digest()
        parts = (_around(config, search, code), editions_digest(config), _articles(config))
        return cls(config, search, code, _combine(parts), parts)

    @property
    def surroundings(self) -> str:
        """:func:`surroundings` as this snapshot saw them (no second look at the folders)."""
        return _combine(self.parts[:2])

    def with_editions(self) -> "Snapshot":
        """The snapshot with ``content/editions/`` looked at again, all else as it was taken.

        A build that records an edition changes its own input: without this, the
        next build would find the folder changed and make a pass for nothing.
        Only the editions are stat'ed again, so a file edited during the build
        still makes the next one look.
        """
        parts = (self.parts[0], editions_digest(self.config), self.parts[2])
        return replace(self, signature=_combine(parts), parts=parts)


def search_available(config: Config) -> bool:
    """Whether this build gets a search index: asked for in the settings, and Pagefind installed."""
    return config.search and importlib.util.find_spec("pagefind") is not None


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
                st = FileStat.of(entry.stat())
            except FileNotFoundError:
                continue
            yield f"{entry.path}\t{st.line()}"


def is_build_code(rel: str) -> bool:
    """Whether a module (path relative to the package) can shape a built page."""
    return rel.endswith(".py") and rel.startswith(BUILD_CODE)


def code_digest() -> str:
    """briefgen's build code by stat: editing it (or upgrading) invalidates every page."""
    package = Path(briefgen.__file__).parent
    h = hashlib.blake2b(digest_size=16)
    h.update(getattr(briefgen, "__version__", "").encode())
    for entry in _walk(package):
        rel = Path(entry.path).relative_to(package).as_posix()
        if is_build_code(rel):
            st = entry.stat()
            h.update(f"{rel}\t{st.st_size}\t{st.st_mtime_ns}\n".encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def _combine(parts: Iterable[str]) -> str:
    return hashlib.blake2b("\n".join(parts).encode(), digest_size=16).hexdigest()


def _articles(config: Config) -> str:
    h = hashlib.blake2b(digest_size=16)
    for path, st in article_stats(config).items():
        h.update(f"{path}\t{st.line()}\n".encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def article_stats(config: Config) -> dict[str, FileStat]:
    """Every article file (see :func:`briefgen.frontmatter.documents`): path → stat, in path order."""
    found = {}
    for path in frontmatter.documents(config.content / "articles"):
        try:
            found[str(path)] = FileStat.of(path.stat())
        except FileNotFoundError:
            continue
    return found


def surroundings(config: Config, search: bool, code: str) -> str:
    """The signature of every input but the article files (curated entities, topic
    definitions, editions, theme, settings)."""
    return _combine((_around(config, search, code), editions_digest(config)))


def editions_digest(config: Config) -> str:
    """The edition files by stat (:mod:`briefgen.build.editions`): the home page and the
    list of editions read them."""
    h = hashlib.blake2b(digest_size=16)
    folder = config.content / "editions"
    for line in _stat_lines([folder] if folder.is_dir() else []):
        h.update(line.encode("utf-8", "surrogatepass") + b"\n")
    return h.hexdigest()


def _around(config: Config, search: bool, code: str) -> str:
    h = hashlib.blake2b(digest_size=16)
    h.update(f"{code}\n{search}\n{config!r}\n".encode("utf-8", "surrogatepass"))
    roots = [config.content / "entities", config.content / "topics", *theme_dirs(config.templates)]
    for line in _stat_lines(r for r in roots if r.is_dir()):
        h.update(line.encode("utf-8", "surrogatepass") + b"\n")
    config_file = config.project / CONFIG_NAME
    if config_file.exists():
        h.update(FileStat.of(config_file.stat()).line().encode())
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
