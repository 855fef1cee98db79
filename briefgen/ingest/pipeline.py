"""The ingest orchestrator: raw files → content files, in parallel, never losing a hand edit.

Extraction (pure, per file, CPU-bound) runs in worker processes; writing runs
in this process, one file at a time and atomically, because deciding slugs,
duplicates and merges needs the whole picture. A file that fails is reported
with its path and the rest are still written.
"""

from __future__ import annotations

import ctypes
import os
import re
import signal
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator

from briefgen import frontmatter
from briefgen.errors import BriefgenError
from briefgen.executors import DaskExecutor, Executor, open_executor, parse_executor
from briefgen.lock import ingest_lock
from briefgen.ingest.existing import Broken, Existing, scan
from briefgen.ingest.markdown_body import markdown_to_text
from briefgen.ingest.metadata import apply_sidecar, guessed_fields, with_derived, with_guessed_title
from briefgen.ingest.rawdoc import kind_of, read_raw
from briefgen.ingest.readers import extract
from briefgen.ingest.record import Record, article_fields, merge
from briefgen.writing import remove_leftovers, write_atomic
from briefgen.urls import slugify, unique_slug, within

_BATCH = 8  # raw files per Dask task: few enough that the progress bar moves with the tasks
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
    guessed: tuple[str, ...] = ()  # fields ingest had to guess ("title: guess:line 86"), to review


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
        guessed = sum(1 for o in self.outcomes if o.guessed)
        if guessed:
            parts.append(f"{guessed} with guessed fields (review them: `briefgen check`)")
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
    if not extracted.body.strip():
        raise BriefgenError("found no article text", path,
                            hint="save the whole article page, or write it as Markdown")
    extracted = with_guessed_title(extracted)
    # names are found in the words a reader sees, not in the Markdown's escapes and markers
    entities = extract_entities(extracted.title, markdown_to_text(extracted.body), dek=extracted.dek,
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


def _prepare_batch(paths: list[Path], project: Path) -> list[Prepared | Outcome]:
    return [_prepare_safely((path, project)) for path in paths]


def _prepared(paths: list[Path], project: Path, jobs: int, executor: Executor | None = None
              ) -> Iterator[Prepared | Outcome]:
    """Each file read and extracted, in ``paths`` order, on this machine or on ``executor``.

    On a Dask cluster each worker reads the raw file by its absolute path (the
    project on a folder every worker sees, at the same path), a few files per
    task so that progress follows the tasks as they finish.
    """
    if isinstance(executor, DaskExecutor):
        batches = [paths[i:i + _BATCH] for i in range(0, len(paths), _BATCH)]
        for batch in executor.starmap(_prepare_batch, batches, [project] * len(batches)):
            yield from batch
        return
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


def _place(item: Prepared, articles_dir: Path, existing: Existing, force: bool) -> Outcome:
    source_path = str(item.record.source.get("path"))
    target = existing.by_source.get(source_path)
    if target is None:
        twin = (existing.same_story(item.record.body, {**item.record.fields, "source": item.record.source},
                                    item.sha256)
                or existing.broken_by_slug(slugify(item.title), source_path))
        if twin is not None:
            broken = existing.broken.get(twin)
            if broken is None or broken.source not in (None, source_path):
                return Outcome(DUPLICATE, item.raw_path, twin, f"same story as {twin.name}")
            target = twin  # this story's own file, most likely: its front matter does not say
    if target is not None and target in existing.broken and not force:
        return Outcome(FAILED, item.raw_path, target, existing.broken[target].failure(item.raw_path))
    if target is None or force:
        target = target or articles_dir / f"{unique_slug(slugify(item.title), existing.slugs)}.md"
        text = item.record.render()
        if target.exists() and target.read_bytes() == text.encode("utf-8"):
            return Outcome(UNCHANGED, item.raw_path, target)
        status = UPDATED if target.exists() else NEW
        write_atomic(target, text)
        existing.add(target, *frontmatter.split(text)[:2])
        return Outcome(status, item.raw_path, target)
    try:
        old = target.read_text(encoding="utf-8")
        meta, body, _ = frontmatter.split(old, target)
    except BriefgenError as exc:  # broken since the scan
        broken = Broken(str(BriefgenError(exc.message, target, exc.line)), None)
        return Outcome(FAILED, item.raw_path, target, broken.failure(item.raw_path))
    except UnicodeDecodeError as exc:
        broken = Broken(f"{target}: is not UTF-8 text (byte {exc.start})", None, "save it as UTF-8")
        return Outcome(FAILED, item.raw_path, target, broken.failure(item.raw_path))
    result = merge(item.record, meta, body)
    if result.text == old:
        return Outcome(UNCHANGED, item.raw_path, target, kept=result.kept)
    write_atomic(target, result.text)
    return Outcome(UPDATED, item.raw_path, target, kept=result.kept, conflicts=result.conflicts)


def ingest(paths: Iterable[Path], content_dir: Path, project: Path, *, lock_dir: Path,
           jobs: int = 1, force: bool = False, on_outcome: Callable[[Outcome], None] | None = None,
           on_start: Callable[[int], None] | None = None, executor: str = "local") -> IngestReport:
    """Ingest ``paths`` into ``content_dir/articles``; see the module docstring.

    ``executor`` (``dask``, ``dask://HOST:PORT``) extracts on a Dask cluster; placing and
    writing stay here, in the same order, so ``content/`` gets the same bytes.
    """
    report = IngestReport()
    files, problems = discover(paths)
    if on_start:
        on_start(len(files) + len(problems))
    articles_dir = content_dir / "articles"
    if not within(project, articles_dir):
        raise BriefgenError(f"{articles_dir} leads outside the project ({articles_dir.resolve()})",
                            articles_dir, hint="make content/articles a real folder inside the "
                                               "project, not a link")
    spec = parse_executor(executor)
    with ingest_lock(lock_dir):
        remove_leftovers(articles_dir)
        existing = scan(articles_dir)
        if not spec.distributed or not files:
            _run(files, problems, project, jobs, articles_dir, existing, force, report, on_outcome)
        else:
            with open_executor(spec, jobs) as cluster:
                _run(files, problems, project, jobs, articles_dir, existing, force, report,
                     on_outcome, cluster)
    return report


def _run(files: list[Path], problems: list[Outcome], project: Path, jobs: int,
         articles_dir: Path, existing: Existing, force: bool, report: IngestReport,
         on_outcome: Callable[[Outcome], None] | None, executor: Executor | None = None) -> None:

    def emit(outcome: Outcome) -> None:
        report.outcomes.append(outcome)
        if on_outcome:
            on_outcome(outcome)

    for outcome in problems:
        emit(outcome)
    for item in _prepared(files, project.absolute(), jobs, executor):
        if isinstance(item, Outcome):
            emit(item)
            continue
        try:
            outcome = _place(item, articles_dir, existing, force)
            guesses = guessed_fields(item.record.provenance)
            emit(replace(outcome, guessed=guesses) if guesses and outcome.status != FAILED else outcome)
        except OSError as exc:
            emit(Outcome(FAILED, item.raw_path, message=f"{item.raw_path}: could not write: {exc}"))
