"""Writing the site: a private staging folder, a URL registry, then one swap.

The build writes every file into a staging folder next to ``site/`` and only
renames it into place when everything succeeded, so a failed build (bad front
matter, a template error, Pagefind crashing) leaves the previous site whole and
a browser never sees half a site. Two pages claiming one file is an error,
not a silent overwrite (as Pelican's writer refuses), and every path goes
through :func:`briefgen.urls.safe_join`.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from types import TracebackType

from briefgen.errors import BriefgenError
from briefgen.urls import safe_join


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


class StagedSite:
    """A context manager: files are written into staging; :meth:`commit` swaps them in.

    Leaving the ``with`` block without committing (an exception) deletes the
    staging folder and leaves ``site/`` untouched.
    """

    def __init__(self, site_dir: Path) -> None:
        self.site_dir = Path(site_dir)
        self.registry = UrlRegistry()
        self.root: Path | None = None
        self.committed = False
        self._made: set[Path] = set()  # folders already created (saves a syscall per file)

    def __enter__(self) -> "StagedSite":
        self.site_dir.parent.mkdir(parents=True, exist_ok=True)
        self.root = Path(tempfile.mkdtemp(prefix=f".{self.site_dir.name}.staging-",
                                          dir=self.site_dir.parent))
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self.root is not None and self.root.exists() and not self.committed:
            shutil.rmtree(self.root, ignore_errors=True)

    @property
    def staging(self) -> Path:
        if self.root is None:
            raise RuntimeError("StagedSite used outside its `with` block")
        return self.root

    def write(self, relative: str, data: bytes, owner: str) -> Path:
        self.registry.claim(relative, owner)
        target = safe_join(self.staging, relative)
        if target.parent not in self._made:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._made.add(target.parent)
        target.write_bytes(data)
        return target

    def copy_tree(self, source: Path, relative: str) -> int:
        """Copy a folder of static files in; later copies override earlier ones file by file."""
        count = 0
        for path in sorted(p for p in source.rglob("*") if p.is_file()):
            rel = f"{relative}/{path.relative_to(source).as_posix()}"
            target = safe_join(self.staging, rel)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
            count += 1
        return count

    def commit(self) -> None:
        """Swap staging into place: rename the old site aside, rename staging in, drop the old."""
        old: Path | None = None
        if self.site_dir.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{self.site_dir.name}.old-",
                                        dir=self.site_dir.parent))
            old.rmdir()
            self.site_dir.rename(old)
        try:
            self.staging.rename(self.site_dir)
        except OSError:
            if old is not None:
                old.rename(self.site_dir)  # put the previous site back
            raise
        self.committed = True
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
