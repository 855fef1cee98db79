"""Editions on disk: ``content/editions/*.yaml`` read safely, and the next one recorded.

A project keeps editions when it has a ``content/editions/`` folder
(``briefgen init`` makes one; the example site has one); without it the site
is built as before, with no "Since …" and no edition pages, so a project is
never handed files it did not ask for. The rule, for ``briefgen build`` alone:

* an edition is recorded when the article files differ from what the
  recorded editions add up to (a file added, edited or deleted); curated
  entities, topic definitions, templates and settings are not content an
  edition records;
* it is written only after the site is published, so a failed build never
  leaves one behind; a build that finds the editions already cover the content
  (a cold build of a clone, a build with nothing new) writes nothing;
* its time is the clock's when it is written, in UTC, and is read back from
  the file ever after; no page shows the latest edition's own time (see
  :mod:`briefgen.index.editions`), so the build that records an edition and any
  later build of the same files write the same bytes;
* the preview (``briefgen serve``) never writes one: it shows the pending
  changes under "Since …" as the next ``briefgen build`` will record them, so
  saving a file forty times in an afternoon makes one edition, not forty.

An edition file is YAML a person can read and commit::

    time: 2026-12-05T14:03:12Z
    articles:
      kim-jong-un-orders-increased-missile-production: 57e3a4ad35af1eec
    removed: [an-article-since-deleted]
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Mapping, Sequence

from briefgen import frontmatter
from briefgen.errors import BriefgenError, BuildFailed
from briefgen.index.editions import Edition, History, history, pending
from briefgen.index.site import Site
from briefgen.model import Listing
from briefgen.urls import within
from briefgen.writing import remove_leftovers, write_atomic

FOLDER = "editions"  # under content/
SUFFIX = ".yaml"
# articles per file: a first edition of 10,000 articles would pass the YAML reader's
# limit on one document (frontmatter.MAX_YAML_CHARS); its files share one time and are one edition
PART = 4000
HASH_CHARS = 16  # of the file's SHA-256: enough to tell an edit, short enough to read
_HASH = re.compile(r"[0-9a-f]{8,64}")
_HINT = "an edition file is written by `briefgen build`; restore it from version control"
HEADER = ("# An edition of this briefing, recorded by `briefgen build`: the article files it added\n"
          "# or changed (with a hash of each) and those it found deleted. Commit it with content/.\n")


def keeps_editions(content_dir: Path) -> bool:
    return (content_dir / FOLDER).is_dir()


def edition_files(content_dir: Path) -> list[Path]:
    """The edition files, by name; dot-files (an editor's or a killed write's leftovers) are not."""
    folder = content_dir / FOLDER
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir()
                  if p.name.endswith(SUFFIX) and not p.name.startswith(".") and p.is_file())


def read_edition(path: Path) -> Edition:
    """One edition file; every problem names the file and line."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BriefgenError("is not UTF-8 text", path, hint=_HINT) from exc
    data = frontmatter.load_yaml(text, path, what="edition")
    if not isinstance(data, dict):
        raise BriefgenError("an edition must be a mapping with `time:` and `articles:`", path, 1,
                            _HINT)

    def line(key: str) -> int:
        return frontmatter.key_line(text, key) or 1

    unknown = sorted(str(k) for k in data if k not in ("time", "articles", "removed"))
    if unknown:
        raise BriefgenError(f"unknown key `{unknown[0]}` in an edition", path, line(unknown[0]),
                            "an edition holds only `time`, `articles` and `removed`")
    time = _time(data.get("time"), path, line("time"))
    articles = data.get("articles") or {}
    if not isinstance(articles, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and _HASH.fullmatch(v)
            for k, v in articles.items()):
        raise BriefgenError("`articles` must map article file names to hashes", path,
                            line("articles"), _HINT)
    removed = data.get("removed") or []
    if not isinstance(removed, list) or not all(isinstance(s, str) for s in removed):
        raise BriefgenError("`removed` must be a list of article file names", path,
                            line("removed"), _HINT)
    return Edition(time, dict(articles), tuple(removed), path.name)


def _time(value: Any, path: Path, line: int | None) -> datetime:
    if not isinstance(value, str):
        raise BriefgenError("an edition needs `time:` (UTC, as 2026-12-05T14:03:12Z)", path, line,
                            _HINT)
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError as exc:
        raise BriefgenError(f"`time` {value!r} is not an ISO 8601 time", path, line,
                            _HINT) from exc
    if moment.tzinfo is None:
        raise BriefgenError("`time` has no zone", path, line, "write it in UTC, ending in Z")
    return moment.astimezone(timezone.utc)


_READ: dict[Path, tuple[tuple[int, int, int], Edition]] = {}  # path → (stat, edition) last read


def read_editions(content_dir: Path) -> tuple[list[Edition], list[BriefgenError]]:
    """Every edition under ``content_dir`` and an error for each that could not be read.

    A file read before with the same stat is not parsed again: the preview's
    full passes and a large first edition (10,000 lines) would pay for it each time.
    """
    editions, errors = [], []
    for path in edition_files(content_dir):
        if not within(content_dir, path):
            errors.append(BriefgenError(f"is a link to {path.resolve()}, outside {content_dir}",
                                        path, hint="copy the file into content/ instead"))
            continue
        try:
            st = path.stat()
            key = (st.st_mtime_ns, st.st_size, st.st_ino)
            known = _READ.get(path)
            if known is not None and known[0] == key:
                editions.append(known[1])
                continue
            edition = read_edition(path)
            _READ[path] = (key, edition)
            editions.append(edition)
        except BriefgenError as exc:
            errors.append(exc)
        except OSError as exc:
            errors.append(BriefgenError(f"cannot be read: {exc.strerror}", path))
    return _joined(editions), errors


def _joined(parts: Sequence[Edition]) -> list[Edition]:
    """Files of one time are one edition: a large one is written in parts (see :data:`PART`)."""
    by_time: dict[datetime | None, list[Edition]] = {}
    for part in parts:
        by_time.setdefault(part.time, []).append(part)
    joined = []
    for time, group in by_time.items():
        if len(group) == 1:
            joined.append(group[0])
            continue
        group.sort(key=lambda e: e.name)
        articles: dict[str, str] = {}
        for part in group:
            articles.update(part.articles)
        removed = tuple(dict.fromkeys(s for part in group for s in part.removed))
        joined.append(Edition(time, articles, removed, group[0].name))
    return joined


def current_files(articles: Sequence[Listing], digests: Mapping[str, str]
                  ) -> tuple[dict[str, str], dict[str, str]]:
    """The article files now: stem → hash, and stem → slug.

    ``digests``: slug → ``"sha256:path"`` as the loader computed them
    (:func:`briefgen.build.load.file_digest`), so no file is read twice.
    """
    hashes, slugs = {}, {}
    for article in articles:
        stem = Path(article.path).stem
        hashes[stem] = digests[article.slug].split(":", 1)[0][:HASH_CHARS]
        slugs[stem] = article.slug
    return hashes, slugs


def site_history(content_dir: Path, articles: Sequence[Listing], digests: Mapping[str, str],
                 site: Site) -> History | None:
    """The editions recorded and the pending one, summarised against ``site``; None for a
    project that keeps no editions.

    Raises :class:`~briefgen.errors.BuildFailed` naming every unreadable edition file.
    """
    if not keeps_editions(content_dir):
        return None
    recorded, errors = read_editions(content_dir)
    if errors:
        raise BuildFailed(tuple(errors))
    return summarise(recorded, articles, digests, site)


def summarise(recorded: Sequence[Edition], articles: Sequence[Listing],
              digests: Mapping[str, str], site: Site) -> History:
    hashes, slugs = current_files(articles, digests)
    next_one = pending(recorded, hashes)
    editions = [*recorded, *([next_one] if next_one is not None else [])]
    found = history(editions, slugs, site.order, {s: a.date for s, a in site.articles.items()},
                    site.stories, {s: e.articles for s, e in site.entities.items()})
    return replace(found, recorded=tuple(recorded), pending=next_one)


def after_edit(before: History | None, articles: Sequence[Listing], digests: Mapping[str, str],
               site: Site, old: Site) -> History | None:
    """The history once the preview has patched an edit into ``old`` (giving ``site``), with no
    file read: the edition files are as the last full pass read them (they are among its inputs).

    ``before`` itself while the edit changes nothing it shows: a file already
    pending saved again (its hash is not shown), with the stories and the names'
    article lists as they were. Else summarised again (tens of milliseconds at
    10,000 articles, ``bench/editions.py``).
    """
    if before is None:
        return None
    regrouped = site.stories is not old.stories or any(
        entry is not old.entities.get(slug) and entry.articles != old.entities[slug].articles
        for slug, entry in site.entities.items() if slug in old.entities) or (
        site.entities.keys() != old.entities.keys())
    if not regrouped:
        hashes, _ = current_files(articles, digests)
        now = pending(before.recorded, hashes)
        if _members(now) == _members(before.pending):
            return before
    return summarise(before.recorded, articles, digests, site)


def _members(edition: Edition | None) -> tuple[frozenset[str], tuple[str, ...]] | None:
    return (frozenset(edition.articles), edition.removed) if edition is not None else None


def edition_text(edition: Edition) -> str:
    assert edition.time is not None
    parts = [{"time": _stamp(edition.time)}, {"articles": dict(edition.articles)}]
    if edition.removed:
        parts.append({"removed": list(edition.removed)})
    return HEADER + "".join(frontmatter.dump_yaml(part) for part in parts)


def _stamp(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).replace(microsecond=0).isoformat().replace(
        "+00:00", "Z")


def record_edition(content_dir: Path, articles: Sequence[Listing], digests: Mapping[str, str],
                   now: datetime | None = None) -> Path | None:
    """Write the pending edition, if the project keeps editions and its content differs from
    what they hold; its path.

    Called once the site is published (a failed build records nothing), under
    the build lock. The file appears whole or not at all.
    """
    if not keeps_editions(content_dir):
        return None
    recorded, errors = read_editions(content_dir)
    if errors:  # the build read them a moment ago: a file broken since is left for the next one
        raise BuildFailed(tuple(errors))
    hashes, _ = current_files(articles, digests)
    edition = pending(recorded, hashes)
    if edition is None:
        return None
    moment = (now or datetime.now(timezone.utc)).astimezone(timezone.utc).replace(microsecond=0)
    latest = max((e.time for e in recorded if e.time is not None), default=None)
    if latest is not None and moment <= latest:  # a clock behind the last edition keeps the order
        moment = latest + timedelta(seconds=1)
    folder = content_dir / FOLDER
    stem = moment.strftime("%Y-%m-%dT%H-%M-%SZ")
    files = sorted(edition.articles.items())
    chunks = [dict(files[i:i + PART]) for i in range(0, len(files), PART)] or [{}]
    first = folder / f"{stem}{SUFFIX}"
    remove_leftovers(folder, SUFFIX)  # of a build killed while writing one
    for n, chunk in enumerate(chunks, 1):  # each part is an edition of its own, should a kill
        path = first if n == 1 else folder / f"{stem}-{n}{SUFFIX}"  # stop between them
        write_atomic(path, edition_text(Edition(moment, chunk, edition.removed if n == 1 else ())))
    return first
