"""Writing the site: a private staging folder, a URL registry, then a publish.

Every build writes what it produces into a staging folder next to ``site/``
(``.site.staging-XXXX``); ``site/`` is touched only once everything rendered,
so an error, Ctrl-C or a kill while rendering leaves the previous site as it
was, and the next build deletes the leftover staging folder.

Publishing has two forms:

- **swap** (first build, or no trustworthy manifest): staging holds the whole
  site and is renamed into place; the previous folder is renamed aside first
  and put back if the rename fails. One atomic step.
- **patch** (incremental): staging holds only the files whose bytes changed,
  flat (see :class:`Staging`).
  The list of files to move and to delete is recorded in the build cache (a
  journal, in the same SQLite transaction discipline as the manifest) *before*
  the first rename; then each file is moved over its old version with
  ``os.replace`` (atomic per file, so no reader ever sees a torn page) and
  deleted pages are removed. If the process dies inside that short loop, the
  next build finds the journal and finishes it before doing anything else, so
  the site always converges on one complete build.

Why not clone the whole tree with hard links and swap it, keeping the swap
atomic for incremental builds too? At 10,000 articles the site is about
20,000 files in 20,000 folders: linking and later deleting them costs seconds
on every build, which is the whole budget of a one-article edit. A patch
touches only what changed, and the journal keeps it recoverable.

Two pages claiming one file is an error, not a silent overwrite (as Pelican's
writer refuses), and no relative path may leave the output folder.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, Iterable, Mapping

from briefgen.errors import BriefgenError
from briefgen.urls import inside

STAGING_MARK = ".staging-"
OLD_MARK = ".old-"


@dataclass(frozen=True)
class Journal:
    """A patch being published, recorded before the first rename: enough to finish it."""

    staging: str
    written: tuple[str, ...]
    removed: tuple[str, ...]
    records: Mapping[str, Any]  # the manifest rows of the changed files


class UrlRegistry:
    """Which page owns each output file; a second claim is a build error."""

    def __init__(self) -> None:
        self._owners: dict[str, str] = {}

    def claim(self, path: str, owner: str) -> None:
        key = path.casefold()  # "A/" and "a/" are one folder on macOS and Windows
        if key in self._owners:
            raise BriefgenError(f"two pages write {path!r}: {self._owners[key]} and {owner}",
                                hint="give one of them a different slug")
        self._owners[key] = owner

    def __len__(self) -> int:
        return len(self._owners)


def checked(relative: str) -> str:
    """``relative`` if it names a file inside the output folder (:func:`briefgen.urls.inside`).

    A lexical check is enough inside staging (a fresh private folder holding
    only what the build wrote, so no symbolic links); writes into ``site/``
    itself also check the resolved folder (:func:`publish_changes`).
    """
    inside(relative)
    return relative


def staged_name(relative: str) -> str:
    """The flat file name a patch stages ``relative`` under (one name per path, any process)."""
    return hashlib.blake2b(relative.encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()


class Staging:
    """A private folder next to ``site_dir`` that one build writes into.

    A whole site is staged as its tree (the folder becomes ``site/``). A patch
    is staged *flat*, one file per changed page named by :func:`staged_name`:
    every page lives in its own folder, and creating, then deleting, a staging
    folder per changed page doubled the file-system work of a large patch.
    """

    def __init__(self, site_dir: Path, flat: bool = False) -> None:
        self.site_dir = Path(site_dir)
        self.flat = flat
        self.site_dir.parent.mkdir(parents=True, exist_ok=True)
        self.root = Path(tempfile.mkdtemp(prefix=f".{self.site_dir.name}{STAGING_MARK}",
                                          dir=self.site_dir.parent))
        self._made: set[str] = {""}  # folders already created (saves a syscall per file)

    def write(self, relative: str, data: bytes) -> Path:
        checked(relative)
        if self.flat:
            target = self.root / staged_name(relative)
        else:
            target = self.root / relative
            parent = relative.rpartition("/")[0]
            if parent not in self._made:
                target.parent.mkdir(parents=True, exist_ok=True)
                self._made.add(parent)
        with open(target, "wb") as fh:
            fh.write(data)
        return target

    def discard(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


class StagedSite:
    """A context manager for a whole-site build: files go to staging; :meth:`commit` swaps.

    Leaving the ``with`` block without committing (an exception) deletes the
    staging folder and leaves ``site/`` untouched.
    """

    def __init__(self, site_dir: Path) -> None:
        self.site_dir = Path(site_dir)
        self.registry = UrlRegistry()
        self._staging: Staging | None = None
        self.committed = False

    def __enter__(self) -> "StagedSite":
        self._staging = Staging(self.site_dir)
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._staging is not None and not self.committed:
            self._staging.discard()

    @property
    def staging(self) -> Path:
        if self._staging is None:
            raise RuntimeError("StagedSite used outside its `with` block")
        return self._staging.root

    def write(self, relative: str, data: bytes, owner: str) -> Path:
        self.registry.claim(relative, owner)
        assert self._staging is not None
        return self._staging.write(relative, data)

    def commit(self) -> None:
        publish_swap(self.staging, self.site_dir)
        self.committed = True


def publish_swap(staging: Path, site_dir: Path) -> None:
    """Rename the old site aside, rename staging in, drop the old one."""
    old: Path | None = None
    if site_dir.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}{OLD_MARK}", dir=site_dir.parent))
        old.rmdir()
        site_dir.rename(old)
    try:
        staging.rename(site_dir)
    except OSError:
        if old is not None:
            old.rename(site_dir)  # put the previous site back
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def publish_changes(staging: Path, site_dir: Path, written: Iterable[str],
                    removed: Iterable[str]) -> None:
    """Move files staged flat over their old versions, delete removed ones (journaled by the caller).

    Idempotent, so an interrupted run can simply be repeated: a staged file
    that is no longer there was moved already.
    """
    root = site_dir.resolve()
    safe_dirs: set[str] = set()

    def inside(rel: str) -> Path:
        parent = checked(rel).rpartition("/")[0]
        if parent not in safe_dirs:
            folder = (site_dir / parent) if parent else site_dir
            folder.mkdir(parents=True, exist_ok=True)
            resolved = folder.resolve()
            if resolved != root and root not in resolved.parents:
                raise BriefgenError(f"refusing to write {rel!r}: {folder} leads outside {site_dir}",
                                    hint="remove the symbolic link from the site folder")
            safe_dirs.add(parent)
        return site_dir / rel

    for rel in written:
        source = staging / staged_name(rel)
        if source.exists():
            os.replace(source, inside(rel))
    for rel in removed:
        target = site_dir / checked(rel)
        try:
            target.unlink()
        except FileNotFoundError:
            pass
        folder = target.parent
        while folder != site_dir and site_dir in folder.parents:
            try:
                folder.rmdir()  # only succeeds once the folder is empty
            except OSError:
                break
            folder = folder.parent


def clean_leftovers(site_dir: Path, keep: Path | None = None) -> int:
    """Delete staging and set-aside folders that a killed build left next to ``site/``."""
    count = 0
    if not site_dir.parent.is_dir():
        return 0
    for path in site_dir.parent.iterdir():
        name = path.name
        if (name.startswith(f".{site_dir.name}{STAGING_MARK}")
                or name.startswith(f".{site_dir.name}{OLD_MARK}")) and path != keep:
            shutil.rmtree(path, ignore_errors=True)
            count += 1
    return count


def folder_id(site_dir: Path) -> tuple[int, int] | None:
    """Which folder ``site/`` is (device, inode): a site replaced behind our back is not patched."""
    try:
        st = site_dir.stat()
    except FileNotFoundError:
        return None
    return (st.st_dev, st.st_ino)
