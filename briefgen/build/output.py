"""Writing the site: a private staging folder, a URL registry, then a publish.

Every build writes what it produces into a staging folder next to ``site/``
(``.site.staging-XXXX``); ``site/`` is touched only once everything rendered,
so an error, Ctrl-C or a kill while rendering leaves the previous site as it
was, and the next build deletes the leftover staging folder.

Publishing has two forms:

- **swap** (first build, or no trustworthy manifest): staging holds the whole
  site and is exchanged with ``site/`` in one system call (Linux
  ``renameat2(RENAME_EXCHANGE)``, :func:`exchange`), so ``site/`` is at every
  instant the old folder or the new one; the old tree then sits at the staging
  path, outside ``site/``, and is deleted (a kill meanwhile leaves a staging
  folder the next build removes). Where exchange is missing (another system, a
  file system without it) the old folder is renamed aside first, and a kill
  between the two renames is repaired by the next build
  (:func:`restore_aside`, called by :func:`briefgen.build.run.recover`).
- **patch** (incremental): staging holds only the files whose bytes changed,
  flat (see :class:`Staging`).
  The list of files to move and to delete is recorded in the build cache (a
  journal, in the same SQLite transaction discipline as the manifest) *before*
  the first rename; then each file is moved over its old version with
  ``os.replace`` (atomic per file, so no reader ever sees a torn page) and
  deleted pages are removed. If the process dies inside that short loop, the
  next build finds the journal and finishes it before doing anything else, so
  the site always converges on one complete build.

Crash consistency here means a killed *process* (SIGKILL, Ctrl-C, the OOM
killer) at any system call: the kernel keeps every rename it acknowledged, so
the order above holds without ``fsync``, and none is paid for on a build that
should take milliseconds. A power cut is not covered: ``site/`` is derived
data, and deleting the cache folder makes the next build a whole one (the
content files ingest writes are the user's own and are fsynced:
:func:`briefgen.ingest.pipeline.write_atomic`). ``tests/test_crash.py`` kills
builds at every rename, unlink and exchange they make (and at a sample of
their other writes) and checks the site after the kill and after the next
build.

Folders are created with mode ``0o777`` and files with ``0o666``, both less
the umask (0755 and 0644 under the usual 022), so a web server running as
another user can read the published site.

Why not clone the whole tree with hard links and swap it, keeping the swap
atomic for incremental builds too? At 10,000 articles the site is about
20,000 files in 20,000 folders: linking and later deleting them costs seconds
on every build, which is the whole budget of a one-article edit. A patch
touches only what changed, and the journal keeps it recoverable.

Two pages claiming one file is an error, not a silent overwrite (as Pelican's
writer refuses), and no relative path may leave the output folder.
"""

from __future__ import annotations

import ctypes
import errno
import hashlib
import os
import secrets
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, Callable, Iterable, Mapping

from briefgen.errors import BriefgenError
from briefgen.urls import contains, inside

STAGING_MARK = ".staging-"
OLD_MARK = ".old-"

_AT_FDCWD = -100  # <fcntl.h>: paths relative to the working folder
_RENAME_EXCHANGE = 2  # <linux/fs.h>
_NO_EXCHANGE = {errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP}  # kernel or file system


def _load_renameat2() -> Callable[..., int] | None:
    """glibc's ``renameat2`` (2.28+), or ``None`` off Linux or on an older C library."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                         ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


_renameat2 = _load_renameat2()


def exchange(a: Path, b: Path) -> bool:
    """Swap two existing paths in one system call; ``False`` where that is not available.

    Linux ``renameat2(RENAME_EXCHANGE)``: there is no instant at which either
    path is missing. ``False`` (nothing done) off Linux, on C libraries without
    it, and on file systems that refuse it, for the caller to fall back on.
    """
    if _renameat2 is None:
        return False
    if _renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in _NO_EXCHANGE:
        return False
    raise OSError(code, os.strerror(code), str(a), None, str(b))


def fresh_folder(parent: Path, prefix: str) -> Path:
    """A new empty folder ``parent/prefixXXXXXXXX``, mode ``0o777`` less the umask.

    Not ``tempfile.mkdtemp``: its 0700 would become ``site/``'s own mode when a
    staging folder is swapped in, and a web server running as another user
    could not read the site.
    """
    while True:
        path = parent / f"{prefix}{secrets.token_hex(4)}"
        try:
            os.mkdir(path, 0o777)
        except FileExistsError:
            continue
        return path


def remove_tree(path: Path) -> None:
    """Delete a folder (or the link or file standing in its place), whatever is left of it."""
    if path.is_symlink() or path.is_file():
        path.unlink(missing_ok=True)
    else:
        shutil.rmtree(path, ignore_errors=True)


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
        self.root = fresh_folder(self.site_dir.parent, f".{self.site_dir.name}{STAGING_MARK}")
        self._made: set[str] = {""}  # folders already created (saves a syscall per file)

    def write(self, relative: str, data: bytes) -> Path:
        inside(relative)  # a lexical check is enough in a fresh private folder (no links in it)
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
        remove_tree(self.root)


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


def publish_swap(staging: Path, target: Path, aside: Path | None = None) -> None:
    """Put the finished folder ``staging`` at ``target`` in one step, then delete the old one.

    With :func:`exchange` the two swap places: ``target`` is always the old
    folder or the new one, and the old one is deleted from ``staging``'s path,
    so it is never inside ``target``'s own tree. Without it, the old folder is
    renamed to ``aside`` first (by default ``.NAME.old-XXXX`` beside ``target``,
    which :func:`restore_aside` puts back if a kill comes before the second
    rename), and put back at once if the second rename fails. ``aside`` must
    be on ``target``'s file system and outside every published folder.
    """
    if not os.path.lexists(target):
        os.rename(staging, target)
        return
    if exchange(staging, target):
        remove_tree(staging)  # the old folder, now at the staging path
        return
    if aside is None:
        aside = target.parent / f".{target.name}{OLD_MARK}{secrets.token_hex(4)}"
    os.rename(target, aside)
    try:
        os.rename(staging, target)
    except OSError:
        os.rename(aside, target)  # put the previous folder back
        raise
    remove_tree(aside)


def restore_aside(site_dir: Path) -> bool:
    """Undo half a swap without exchange: ``site/`` missing and its set-aside folder there.

    Called first by every build, under the lock: a kill between the two
    renames of :func:`publish_swap`'s fallback leaves no ``site/`` at all;
    the previous one is put back (the manifest was cleared before that swap,
    so the build then makes the whole site again).
    """
    if os.path.lexists(site_dir) or not site_dir.parent.is_dir():
        return False
    asides = [p for p in site_dir.parent.iterdir()
              if p.name.startswith(f".{site_dir.name}{OLD_MARK}") and p.is_dir()
              and not p.is_symlink()]
    if not asides:
        return False
    newest = max(asides, key=lambda p: p.lstat().st_ctime_ns)  # the rename set its ctime
    os.rename(newest, site_dir)
    return True


def publish_changes(staging: Path, site_dir: Path, written: Iterable[str],
                    removed: Iterable[str]) -> None:
    """Move files staged flat over their old versions, delete removed ones (journaled by the caller).

    Idempotent, so an interrupted run can simply be repeated: a staged file
    that is no longer there was moved already. Every folder is checked before
    anything is created or deleted in it: lexically (:func:`briefgen.urls.inside`), then
    resolved, symbolic links included, against the resolved ``site_dir``.
    """
    root = site_dir.resolve()
    contained: set[tuple[str, bool]] = set()  # folders checked (and created, for written files)

    def folder_for(rel: str, create: bool) -> Path:
        inside(rel)
        parent = rel.rpartition("/")[0]
        folder = (site_dir / parent) if parent else site_dir
        if (parent, create) not in contained:
            _refuse_outside(folder, root, rel, site_dir)  # before mkdir makes anything
            if create and parent:
                folder.mkdir(parents=True, exist_ok=True)
                _refuse_outside(folder, root, rel, site_dir)  # what mkdir walked through
            contained.add((parent, create))
        return folder

    for rel in written:
        source = staging / staged_name(rel)
        if source.exists():
            os.replace(source, folder_for(rel, True) / rel.rpartition("/")[2])
    for rel in removed:
        target = folder_for(rel, False) / rel.rpartition("/")[2]
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


def _refuse_outside(folder: Path, root: Path, rel: str, site_dir: Path) -> None:
    """Raise unless ``folder`` resolves (links followed, missing parts as written) inside ``root``."""
    try:
        resolved = folder.resolve()
    except (OSError, RuntimeError):  # a link loop
        resolved = None
    if resolved is None or not contains(root, resolved):
        raise BriefgenError(f"refusing to write {rel!r}: {folder} leads outside {site_dir}",
                            hint="remove the symbolic link from the site folder")


def clean_leftovers(site_dir: Path, keep: Path | None = None) -> int:
    """Delete staging and set-aside folders that a killed build left next to ``site/``."""
    count = 0
    if not site_dir.parent.is_dir():
        return 0
    for path in site_dir.parent.iterdir():
        name = path.name
        if (name.startswith(f".{site_dir.name}{STAGING_MARK}")
                or name.startswith(f".{site_dir.name}{OLD_MARK}")) and path != keep:
            remove_tree(path)
            count += 1
    return count


def folder_id(site_dir: Path) -> tuple[int, int] | None:
    """Which folder ``site/`` is (device, inode): a site replaced behind our back is not patched."""
    try:
        st = site_dir.stat()
    except FileNotFoundError:
        return None
    return (st.st_dev, st.st_ino)
