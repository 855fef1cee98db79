"""The ingest orchestrator: raw files → content files, in parallel, never losing a hand edit.

Extraction (pure, per file, CPU-bound) runs in worker processes; writing runs
in this process, one file at a time and atomically, because deciding slugs,
duplicates and merges needs the whole picture. A file that fails is reported
with its path and the rest are still written.
"""

from __future__ import annotations

import ctypes
import hashlib
import os
import re
import signal
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence

from briefgen import frontmatter
from briefgen.errors import BriefgenError
from briefgen.lock import ingest_lock
from briefgen.ingest.metadata import apply_sidecar, with_derived
from briefgen.ingest.rawdoc import kind_of, read_raw
from briefgen.ingest.readers import extract
from briefgen.ingest.record import Record, article_fields, merge
from briefgen.urls import slugify, unique_slug, within

NEW, UPDATED, UNCHANGED, DUPLICATE, FAILED = "new", "updated", "unchanged", "duplicate", "failed"


@dataclass(frozen=True)
class Prepared:
    """One raw file extracted and ready to be written."""

    raw_path: Path
    sha256: str
    record: Record
    title: str


@dataclass(frozen=True)
class Outcome:
    status: str  # one of NEW, UPDATED, UNCHANGED, DUPLICATE, FAILED
    raw_path: Path
    content_path: Path | None = None
    message: str = ""
    kept: tuple[str, ...] = ()  # hand-edited fields kept as they are
    conflicts: tuple[str, ...] = ()  # kept edits whose source changed meanwhile


@dataclass
class IngestReport:
    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def failed(self) -> bool:
        return self.count(FAILED) > 0

    def summary(self) -> str:
        parts = [f"{self.count(s)} {s}" for s in (NEW, UPDATED, UNCHANGED, DUPLICATE, FAILED)]
        kept = sum(1 for o in self.outcomes if o.kept)
        conflicting = sum(1 for o in self.outcomes if o.conflicts)
        parts.append(f"{kept} with hand edits kept")
        parts.append(f"{conflicting} conflicting")
        return f"{len(self.outcomes)} files: " + ", ".join(parts)


# Documentation that lives beside the articles in a seeds folder, not an article itself.
_NOT_ARTICLES = re.compile(r"^(?:readme|license|licence|copying|notice|changelog)(?:\.\w+)?$", re.I)


def discover(paths: Iterable[Path]) -> tuple[list[Path], list[Outcome]]:
    """Article files under ``paths``; sidecars, READMEs and unknown files in folders are skipped quietly."""
    found: list[Path] = []
    problems: list[Outcome] = []
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if (child.is_file() and not child.name.startswith(".") and kind_of(child)
                        and not _NOT_ARTICLES.match(child.name)):
                    if not within(path, child):  # a link out of the folder being ingested
                        problems.append(Outcome(FAILED, child, message=(
                            f"{child}: is a link to {child.resolve()}, outside {path}; copy the "
                            "file into the folder instead of linking it")))
                        continue
                    found.append(child)
        elif path.is_file():
            if kind_of(path):
                found.append(path)
            else:
                problems.append(Outcome(FAILED, path, message=f"{path}: not an article file "
                                        "(briefgen reads .html, .htm, .txt, .md, gzipped too)"))
        else:
            problems.append(Outcome(FAILED, path, message=f"{path}: no such file or folder"))
    return list(dict.fromkeys(found)), problems


def prepare(path: Path, project: Path) -> Prepared:
    """Read, extract, layer metadata and find entities: everything but writing."""
    from briefgen.ingest.entities.extract import extract_entities  # heavy gazetteers: load in workers

    raw = read_raw(path)
    extracted = with_derived(apply_sidecar(extract(raw), raw.sidecar))
    if not extracted.title.strip():
        raise BriefgenError("found no headline", path, hint="add a sidecar with `title:`")
    if not extracted.body.strip():
        raise BriefgenError("found no article text", path,
                            hint="save the whole article page, or write it as Markdown")
    entities = extract_entities(extracted.title, extracted.body, dek=extracted.dek,
                                dateline=extracted.dateline, agency=extracted.agency,
                                publisher=extracted.publisher)
    try:  # the path as the project sees it; a file from elsewhere is named, never located
        rel = path.absolute().relative_to(project).as_posix()
    except ValueError:
        rel = path.name
    source = {"path": rel, "sha256": raw.sha256, "url": extracted.url}
    record = Record(fields=article_fields(extracted, entities), body=extracted.body,
                    source={k: v for k, v in source.items() if v},
                    provenance=dict(extracted.provenance))
    return Prepared(raw_path=path, sha256=raw.sha256, record=record, title=extracted.title)


def _prepare_safely(args: tuple[Path, Path]) -> Prepared | Outcome:
    path, project = args
    try:
        return prepare(path, project)
    except BriefgenError as exc:
        return Outcome(FAILED, path, message=str(exc.with_path(path)))
    except (OSError, ValueError, RecursionError, MemoryError) as exc:
        return Outcome(FAILED, path, message=f"{path}: could not be read: {exc}")


def _prepared(paths: list[Path], project: Path, jobs: int) -> Iterator[Prepared | Outcome]:
    work = [(p, project) for p in paths]
    if jobs <= 1 or len(paths) < 4:
        yield from map(_prepare_safely, work)
        return
    with ProcessPoolExecutor(max_workers=jobs, initializer=_die_with, initargs=(os.getpid(),)) as pool:
        yield from pool.map(_prepare_safely, work, chunksize=max(1, len(work) // (jobs * 8)))


def _die_with(parent: int) -> None:
    """Make a worker die with the ingest that started it (a killed parent leaves no orphans).

    Linux delivers SIGKILL to the worker when its parent goes (``PR_SET_PDEATHSIG``);
    a parent that died before this line ran is caught by its pid.
    """
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:
        os._exit(1)


_WORD = re.compile(r"\w+")
_SAMPLE = 4  # keep one shingle in four: the same ones in every document, so containment survives


def _gram_hash(words: Sequence[str]) -> int:
    """A stable hash of a word n-gram: the same in every process (Python's ``hash`` is salted)."""
    data = "\x1f".join(words).encode("utf-8", "surrogatepass")
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "little")


def _sampled_shingles(text: str) -> set[int]:
    """A content-defined sample of word 5-grams: if one body contains another, so do the samples."""
    words = _WORD.findall(text.lower())
    grams = (_gram_hash(words[i:i + 5]) for i in range(max(1, len(words) - 4)))
    return {g for g in grams if g % _SAMPLE == 0}


@dataclass
class _Existing:
    """What ``content/articles`` already holds, to place each record and spot duplicates."""

    by_source: dict[str, Path] = field(default_factory=dict)  # source path → content file
    by_sha: dict[str, Path] = field(default_factory=dict)
    by_shingle: dict[int, list[Path]] = field(default_factory=dict)
    sample_size: dict[Path, int] = field(default_factory=dict)
    slugs: set[str] = field(default_factory=set)

    def add(self, path: Path, meta: Mapping[str, Any], body: str) -> None:
        self.slugs.add(path.stem)
        given = meta.get("source")
        source: Mapping[str, Any] = given if isinstance(given, dict) else {}
        if source.get("path"):
            self.by_source[str(source["path"])] = path
        if source.get("sha256"):
            self.by_sha.setdefault(str(source["sha256"]), path)
        sample = _sampled_shingles(body)
        self.sample_size[path] = len(sample)
        for gram in sample:
            self.by_shingle.setdefault(gram, []).append(path)

    def same_story(self, body: str) -> Path | None:
        """A content file holding the same story from another raw file (the HTML and the text copy).

        Two bodies are one story when most of the shorter one's sampled 5-grams
        appear in the other: a copy with extra boilerplate still matches.
        """
        sample = _sampled_shingles(body)
        if len(sample) < 5:
            return None
        hits: dict[Path, int] = {}
        for gram in sample:
            for path in self.by_shingle.get(gram, ()):
                hits[path] = hits.get(path, 0) + 1
        for path, shared in sorted(hits.items(), key=lambda kv: -kv[1]):
            if shared / max(1, min(len(sample), self.sample_size[path])) >= 0.6:
                return path
        return None


def _scan(articles_dir: Path) -> _Existing:
    existing = _Existing()
    for path in frontmatter.documents(articles_dir):
        try:
            meta, body, _ = frontmatter.split(path.read_text(encoding="utf-8"), path)
        except (BriefgenError, UnicodeDecodeError, OSError):
            existing.slugs.add(path.stem)
            continue
        existing.add(path, meta, body)
    return existing


_TMP_SUFFIX = ".tmp"


def write_atomic(path: Path, text: str) -> None:
    """Write via a temporary file and rename, so a crash never leaves half a content file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=_TMP_SUFFIX)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _place(item: Prepared, articles_dir: Path, existing: _Existing, force: bool) -> Outcome:
    source_path = str(item.record.source.get("path"))
    target = existing.by_source.get(source_path)
    if target is None:
        twin = existing.by_sha.get(item.sha256) or existing.same_story(item.record.body)
        if twin is not None:
            return Outcome(DUPLICATE, item.raw_path, twin, f"same story as {twin.name}")
    if target is None or force:
        target = target or articles_dir / f"{unique_slug(slugify(item.title), existing.slugs)}.md"
        text = item.record.render()
        old = target.read_text(encoding="utf-8") if target.exists() else None
        if old == text:
            return Outcome(UNCHANGED, item.raw_path, target)
        write_atomic(target, text)
        existing.add(target, *frontmatter.split(text)[:2])
        return Outcome(NEW if old is None else UPDATED, item.raw_path, target)
    old = target.read_text(encoding="utf-8")
    try:
        meta, body, _ = frontmatter.split(old, target)
    except BriefgenError as exc:
        return Outcome(FAILED, item.raw_path, target,
                       f"{exc} — not re-ingested; fix it or use --force to overwrite")
    result = merge(item.record, meta, body)
    if result.text == old:
        return Outcome(UNCHANGED, item.raw_path, target, kept=result.kept)
    write_atomic(target, result.text)
    return Outcome(UPDATED, item.raw_path, target, kept=result.kept, conflicts=result.conflicts)


def ingest(paths: Iterable[Path], content_dir: Path, project: Path, *, lock_dir: Path,
           jobs: int = 1, force: bool = False, on_outcome: Callable[[Outcome], None] | None = None,
           on_start: Callable[[int], None] | None = None) -> IngestReport:
    """Ingest ``paths`` into ``content_dir/articles``; see the module docstring."""
    report = IngestReport()
    files, problems = discover(paths)
    if on_start:
        on_start(len(files) + len(problems))
    articles_dir = content_dir / "articles"
    if not within(project, articles_dir):
        raise BriefgenError(f"{articles_dir} leads outside the project ({articles_dir.resolve()})",
                            articles_dir, hint="make content/articles a real folder inside the "
                                               "project, not a link")
    with ingest_lock(lock_dir):
        _remove_leftovers(articles_dir)
        existing = _scan(articles_dir)
        _run(files, problems, project, jobs, articles_dir, existing, force, report, on_outcome)
    return report


def _remove_leftovers(articles_dir: Path) -> None:
    """Delete the temporary files a killed ingest left (``.SLUG.md.XXXX.tmp``); we hold the lock."""
    for leftover in articles_dir.glob(f".*{frontmatter.SUFFIX}.*{_TMP_SUFFIX}"):
        leftover.unlink(missing_ok=True)


def _run(files: list[Path], problems: list[Outcome], project: Path, jobs: int,
         articles_dir: Path, existing: _Existing, force: bool, report: IngestReport,
         on_outcome: Callable[[Outcome], None] | None) -> None:

    def emit(outcome: Outcome) -> None:
        report.outcomes.append(outcome)
        if on_outcome:
            on_outcome(outcome)

    for outcome in problems:
        emit(outcome)
    for item in _prepared(files, project.absolute(), jobs):
        if isinstance(item, Outcome):
            emit(item)
            continue
        try:
            emit(_place(item, articles_dir, existing, force))
        except OSError as exc:
            emit(Outcome(FAILED, item.raw_path, message=f"{item.raw_path}: could not write: {exc}"))
