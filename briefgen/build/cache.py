"""The build cache: one embedded SQLite file under the project's cache folder.

It remembers two things between builds, both keyed so that a stale entry can
only cost time, never correctness:

- each content file parsed (front matter, sanitised body HTML, text blocks),
  keyed by the file's SHA-256; ``(mtime_ns, size, inode)`` is only a pre-check
  that saves reading an unchanged file (a changed stat with unchanged bytes
  just re-hashes, it never trusts the time alone);
- the entity mentions found in each article, keyed by the article's hash and
  the names looked for in it (which change when entities merge or split);
- the manifest of the published ``site/``: for every output file the
  fingerprint of what it was rendered from, the site keys it read and the
  digest of its bytes. The build compares fingerprints to skip pages whose
  inputs did not change and digests to skip writing identical bytes.

Records are pickled: the cache folder is the project's own, written only by
briefgen (like ``__pycache__``), and every record is tied to the briefgen
code version that wrote it (:data:`SCHEMA`, plus the code fingerprint in the
build's global inputs), so an upgrade never reads an old layout.
"""

from __future__ import annotations

import pickle
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, TypeVar

from briefgen.build.inputs import FileStat
from briefgen.errors import BriefgenError

T = TypeVar("T")

SCHEMA = 4  # bump when a cached record's shape changes
FILE_NAME = "build.sqlite"


@dataclass(frozen=True)
class OutputRecord:
    """One published file: what it was made from and what it contains."""

    fingerprint: str  # hash of the page record, the global inputs and the dependencies' digests
    deps: tuple[tuple[str, Any, Any], ...]  # the site keys rendering read (deps.Dep), to re-check next time
    digest: str  # of the bytes on disk


class BuildCache:
    """A connection to the cache file; one per build, used by the build's own process only.

    A damaged cache (a file cut short by a crash or a full disk, foreign
    bytes, a record that no longer unpickles) is thrown away and started
    afresh: every reader then answers "nothing known", which only costs a full
    build. A full disk while *writing* is different: the file is kept and the
    build stops with :class:`~briefgen.errors.BriefgenError`.
    """

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / FILE_NAME
        try:
            self._db = self._open()
        except sqlite3.DatabaseError as exc:
            if not _corrupt(exc):
                raise _disk_error(exc, self.path) from exc
            self._db = self._fresh()

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, isolation_level=None)
        try:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()  # reads the schema pages
            if version != SCHEMA:
                for table in ("parsed", "mentions", "outputs", "state"):
                    db.execute(f"DROP TABLE IF EXISTS {table}")
                db.execute("CREATE TABLE parsed (path TEXT PRIMARY KEY, mtime_ns INTEGER,"
                           " size INTEGER, inode INTEGER, sha TEXT, record BLOB)")
                db.execute("CREATE TABLE mentions (slug TEXT PRIMARY KEY, key TEXT, record BLOB)")
                db.execute("CREATE TABLE outputs (rel TEXT PRIMARY KEY, fingerprint TEXT,"
                           " deps BLOB, digest TEXT)")
                db.execute("CREATE TABLE state (key TEXT PRIMARY KEY, value BLOB)")
                db.execute(f"PRAGMA user_version = {SCHEMA}")
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
        except BaseException:
            db.close()
            raise
        return db

    def _fresh(self) -> sqlite3.Connection:
        """Throw a damaged cache file away and open an empty one."""
        for suffix in ("", "-wal", "-shm"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)
        return self._open()

    def _reading(self, read: Callable[[], T], nothing: T) -> T:
        """``read()``, or ``nothing`` after starting afresh if the cache turns out damaged."""
        try:
            return read()
        except sqlite3.DatabaseError as exc:
            if not _corrupt(exc):
                raise _disk_error(exc, self.path) from exc
        except (pickle.UnpicklingError, EOFError, TypeError, ValueError, AttributeError,
                ImportError, IndexError):
            pass
        self._db.close()
        self._db = self._fresh()
        return nothing

    def close(self) -> None:
        self._db.close()

    # -- parsed content files ---------------------------------------------------------------

    def parsed(self) -> dict[str, tuple[FileStat, str, bytes]]:
        """Every cached content file: path → (stat, sha, pickled record)."""
        def read() -> dict[str, tuple[FileStat, str, bytes]]:
            rows = self._db.execute("SELECT path, mtime_ns, size, inode, sha, record FROM parsed")
            return {path: (FileStat(m, s, i), sha, record) for path, m, s, i, sha, record in rows}

        return self._reading(read, {})

    def store_parsed(self, rows: Iterable[tuple[str, FileStat, str, bytes]],
                     keep: Iterable[str] | None) -> None:
        """Record freshly parsed files and forget files that are gone (all but ``keep``)."""
        with self._transaction():
            self._db.executemany(
                "INSERT OR REPLACE INTO parsed VALUES (?, ?, ?, ?, ?, ?)",
                [(p, st.mtime_ns, st.size, st.inode, sha, rec) for p, st, sha, rec in rows])
            if keep is not None:
                self._keep_only("parsed", "path", keep)

    def clear_parsed(self) -> None:
        """Forget every parsed file and its mentions (the code that made them changed)."""
        self._db.execute("DELETE FROM parsed")
        self._db.execute("DELETE FROM mentions")

    # -- mentions found in each article ----------------------------------------------------

    def mentions(self, keys: dict[str, str]) -> dict[str, Any]:
        """Cached mentions of the articles whose key (content + names looked for) still matches."""
        def read() -> dict[str, Any]:
            found = {}
            for slug, key, record in self._db.execute("SELECT slug, key, record FROM mentions"):
                if keys.get(slug) == key:
                    found[slug] = pickle.loads(record)
            return found

        return self._reading(read, {})

    def store_mentions(self, rows: dict[str, tuple[str, Any]], keep: Iterable[str] | None
                       ) -> None:
        with self._transaction():
            self._db.executemany(
                "INSERT OR REPLACE INTO mentions VALUES (?, ?, ?)",
                [(slug, key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
                 for slug, (key, value) in rows.items()])
            if keep is not None:
                self._keep_only("mentions", "slug", keep)

    def _keep_only(self, table: str, column: str, keep: Iterable[str]) -> None:
        """Delete the rows of files (or articles) that are gone: all but ``keep``."""
        wanted = set(keep)
        gone = [(k,) for (k,) in self._db.execute(f"SELECT {column} FROM {table}")
                if k not in wanted]
        self._db.executemany(f"DELETE FROM {table} WHERE {column} = ?", gone)

    # -- the manifest of site/ ----------------------------------------------------------------

    def outputs(self) -> dict[str, OutputRecord]:
        """The manifest of ``site/``; empty (so the next publish is a whole-site swap) if damaged."""
        def read() -> dict[str, OutputRecord]:
            rows = self._db.execute("SELECT rel, fingerprint, deps, digest FROM outputs")
            return {rel: OutputRecord(str(fp), pickle.loads(deps), str(digest))
                    for rel, fp, deps, digest in rows}

        return self._reading(read, {})

    def replace_outputs(self, changed: dict[str, OutputRecord], removed: Iterable[str],
                        everything: bool = False) -> None:
        """Update the manifest after a publish (``everything``: it describes the whole site)."""
        with self._transaction():
            if everything:
                self._db.execute("DELETE FROM outputs")
            self._db.executemany("DELETE FROM outputs WHERE rel = ?", [(r,) for r in removed])
            self._db.executemany(
                "INSERT OR REPLACE INTO outputs VALUES (?, ?, ?, ?)",
                [(rel, r.fingerprint, pickle.dumps(r.deps, protocol=pickle.HIGHEST_PROTOCOL),
                  r.digest) for rel, r in changed.items()])

    # -- small named values -------------------------------------------------------------------

    def get(self, key: str) -> Any:
        def read() -> Any:
            row = self._db.execute("SELECT value FROM state WHERE key = ?", (key,)).fetchone()
            return pickle.loads(row[0]) if row else None

        return self._reading(read, None)

    def put(self, **values: Any) -> None:
        with self._transaction():
            self._db.executemany("INSERT OR REPLACE INTO state VALUES (?, ?)",
                                 [(k, pickle.dumps(v)) for k, v in values.items()])

    def forget(self, *keys: str) -> None:
        with self._transaction():
            self._db.executemany("DELETE FROM state WHERE key = ?", [(k,) for k in keys])

    def _transaction(self) -> "_Transaction":
        return _Transaction(self._db, self.path)


class _Transaction:
    """All of a write or none of it; a full disk becomes a :class:`BriefgenError`, the file kept."""

    def __init__(self, db: sqlite3.Connection, path: Path) -> None:
        self.db = db
        self.path = path

    def __enter__(self) -> None:
        self.db.execute("BEGIN")

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        if exc_type is not None:
            self.db.execute("ROLLBACK")
            if isinstance(exc, sqlite3.OperationalError) and not _corrupt(exc):
                raise _disk_error(exc, self.path) from exc
            return
        try:
            self.db.execute("COMMIT")
        except sqlite3.OperationalError as error:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            raise _disk_error(error, self.path) from error


_CORRUPT_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB


def _corrupt(exc: sqlite3.DatabaseError) -> bool:
    """A damaged or foreign file (throw it away), as against a full disk or a lock (keep it)."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in _CORRUPT_CODES
    return not isinstance(exc, sqlite3.OperationalError)


def _disk_error(exc: sqlite3.DatabaseError, path: Path) -> BriefgenError:
    full = getattr(exc, "sqlite_errorcode", None) == 13  # SQLITE_FULL
    problem = "no space left on device" if full else f"could not write the build cache ({exc})"
    return BriefgenError(f"{problem} while writing the build cache; the site is as the last build "
                         "left it and the cache is kept", path,
                         hint="free some disk space and build again")
