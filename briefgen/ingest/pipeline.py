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
import secrets
import signal
import stat
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence

from briefgen import frontmatter
from briefgen.errors import BriefgenError
from briefgen.lock import ingest_lock
from briefgen.ingest.markdown_body import markdown_to_text
from briefgen.ingest.metadata import apply_sidecar, guessed_fields, with_derived, with_guessed_title
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


_MIN_SAMPLE = 5  # fewer sampled 5-grams than this (about 25 words) is too little text to call a copy
_CONTAINED = 0.6  # this share of the shorter body's sample found in the longer: the same text
_LONGER = 2.0  # ...and the longer's running text at most this many times the shorter's words
_PROSE_WORDS = 8  # a line of running text; menus, bylines, share buttons and link lists are shorter


def _story_words(text: str) -> int:
    """Words in the lines of running text (a page's boilerplate is short lines, and does not count)."""
    return sum(n for line in text.splitlines() if (n := len(_WORD.findall(line))) >= _PROSE_WORDS)


@dataclass(frozen=True)
class _Size:
    sample: int  # sampled 5-grams
    words: int
    story: int  # words in lines of running text

    @classmethod
    def of(cls, text: str, sample: set[int]) -> _Size:
        return cls(len(sample), len(_WORD.findall(text)), _story_words(text))


def _one_story(a: _Size, b: _Size, shared: int) -> bool:
    """Whether two bodies sharing ``shared`` sampled 5-grams tell one story.

    The shorter must be mostly inside the longer, and the longer no more than
    :data:`_LONGER` times the shorter in running text: the HTML page and its
    text copy (the copy's extra menus and link lists are short lines) are one
    story; a long story that quotes a one-line brief is not that brief's copy.
    """
    short, long = sorted((a, b), key=lambda s: (s.sample, s.words))
    if short.sample < _MIN_SAMPLE or shared < _CONTAINED * short.sample:
        return False
    return long.story <= _LONGER * short.words


_HTML_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")
_NEW_WORDS_COPY = 0.12  # words of the shorter body missing from the longer: the HTML page and its text copy
_NEW_WORDS_SAME = 0.01  # … two files of one kind: the same text, nothing telling them apart
_CONTAINED_SAME = 0.9  # sampled 5-grams of the shorter found in the longer, two files of one kind


@dataclass(frozen=True)
class _Marks:
    """What tells two saved files apart besides their words: where and when they come from."""

    url: str | None
    kind: str  # "html" or "text": an HTML page and its select-all copy are one page
    day: str | None  # the publication day, ISO
    dateline: str | None

    @classmethod
    def of(cls, meta: Mapping[str, Any]) -> _Marks:
        given = meta.get("source")
        source: Mapping[str, Any] = given if isinstance(given, dict) else {}
        path = str(source.get("path") or "").lower()
        published = meta.get("published")
        dateline = meta.get("dateline")
        return cls(_url_key(source.get("url")), "html" if path.endswith(_HTML_SUFFIXES) else "text",
                   str(published)[:10] if published else None,
                   re.sub(r"\W+", " ", str(dateline).split(",")[0]).strip().casefold() if dateline else None)


def _url_key(url: Any) -> str | None:
    """A URL as a page's address: no scheme, no ``www.``, no fragment, no trailing slash."""
    if not isinstance(url, str) or not url.strip():
        return None
    key = re.sub(r"^[a-z]+://(?:www\.)?", "", url.strip().lower()).split("#")[0].rstrip("/")
    return re.sub(r"[?&](?:utm_[a-z]+|fbclid|gclid)=[^&]*", "", key) or None


def _told_apart(a: _Marks, b: _Marks) -> bool:
    """Whether two files are two articles whatever their words: other pages, other days, other places."""
    if a.url and b.url:
        return a.url != b.url
    if a.kind != b.kind:
        return False  # the HTML page and its text copy: the copy's stamps and datelines are read less surely
    return bool((a.day and b.day and a.day != b.day) or (a.dateline and b.dateline and a.dateline != b.dateline))


def _new_words(short: str, long: str) -> float:
    """Share of the shorter body's distinct words the longer lacks: what differs (scores, names, numbers)."""
    short_words = set(_WORD.findall(short.lower()))
    return len(short_words - set(_WORD.findall(long.lower()))) / max(1, len(short_words))


@dataclass(frozen=True)
class _Broken:
    """A content file whose front matter does not parse: found, never written over without --force."""

    problem: str  # the parse error, with the file and line
    source: str | None  # the source path from a ``source:`` block that parses on its own
    fix: str = "fix the YAML"

    def failure(self, raw_path: Path) -> str:
        return (f"{self.problem} — {raw_path} is not re-ingested into it, nor into a second "
                f"file: {self.fix}, or --force to overwrite")


@dataclass
class _Existing:
    """What ``content/articles`` already holds, to place each record and spot duplicates."""

    by_source: dict[str, Path] = field(default_factory=dict)  # source path → content file
    by_sha: dict[str, Path] = field(default_factory=dict)
    by_shingle: dict[int, list[Path]] = field(default_factory=dict)
    samples: dict[Path, set[int]] = field(default_factory=dict)
    sizes: dict[Path, _Size] = field(default_factory=dict)
    slugs: set[str] = field(default_factory=set)
    broken: dict[Path, _Broken] = field(default_factory=dict)  # files whose front matter does not parse
    marks: dict[Path, _Marks] = field(default_factory=dict)
    by_url: dict[str, Path] = field(default_factory=dict)

    def add(self, path: Path, meta: Mapping[str, Any], body: str) -> None:
        self.broken.pop(path, None)
        self.slugs.add(path.stem)
        given = meta.get("source")
        source: Mapping[str, Any] = given if isinstance(given, dict) else {}
        if source.get("path"):
            self.by_source[str(source["path"])] = path
        if source.get("sha256"):
            self.by_sha.setdefault(str(source["sha256"]), path)
        marks = self.marks[path] = _Marks.of(meta)
        if marks.url:
            self.by_url.setdefault(marks.url, path)
        self._index(path, body)

    def add_broken(self, path: Path, text: str | None, problem: str, fix: str = "fix the YAML") -> None:
        """A file whose front matter does not parse, known by what a tolerant read finds in it."""
        self.slugs.add(path.stem)
        clean_path = guessed_path = sha = None
        if text is not None:
            clean_path, guessed_path, sha = _tolerant_source(text)
            self._index(path, _tolerant_body(text))
        self.broken[path] = _Broken(problem, clean_path, fix)
        for found in dict.fromkeys((clean_path, guessed_path)):
            if found:
                self.by_source.setdefault(found, path)  # a file that parses wins
        if sha:
            self.by_sha.setdefault(sha, path)

    def _index(self, path: Path, body: str) -> None:
        for gram in self.samples.pop(path, ()):  # written again: forget the old text
            self.by_shingle[gram].remove(path)
        sample = _sampled_shingles(body)
        self.samples[path] = sample
        self.sizes[path] = _Size.of(body, sample)
        for gram in sample:
            self.by_shingle.setdefault(gram, []).append(path)

    def same_story(self, body: str, meta: Mapping[str, Any] | None = None, sha256: str | None = None) -> Path | None:
        """A content file holding the same page from another raw file, else ``None``.

        Two files are one article only when they are the same page saved twice:
        the same URL; or, when neither says otherwise (another URL, and for two
        files of one kind another publication day or dateline: :func:`_told_apart`),
        the same bytes, or the same text: most of the shorter body's sampled
        5-grams in the other, the other not many times longer in running text
        (:func:`_one_story`), and next to none of its words missing from the
        other (:func:`_new_words`; an HTML page's text copy may differ by a
        caption, two files of one kind by nothing). Tables and results from two
        days share most of their words and still differ in these.
        """
        marks = _Marks.of(meta or {})
        if marks.url and marks.url in self.by_url:
            return self.by_url[marks.url]
        twin = self.by_sha.get(sha256) if sha256 else None
        if twin is not None and not _told_apart(marks, self.marks.get(twin, _Marks(None, marks.kind, None, None))):
            return twin
        sample = _sampled_shingles(body)
        if len(sample) < _MIN_SAMPLE:
            return None
        size = _Size.of(body, sample)
        hits: dict[Path, int] = {}
        for gram in sample:
            for path in self.by_shingle.get(gram, ()):
                hits[path] = hits.get(path, 0) + 1
        for path, shared in sorted(hits.items(), key=lambda kv: (-kv[1], kv[0].name)):
            if not _one_story(size, self.sizes[path], shared):
                continue
            other = self.marks.get(path)
            if other is not None and _told_apart(marks, other):
                continue
            same_kind = other is None or other.kind == marks.kind
            if same_kind and shared < _CONTAINED_SAME * min(size.sample, self.sizes[path].sample):
                continue
            if self._differs(path, body, size, _NEW_WORDS_SAME if same_kind else _NEW_WORDS_COPY):
                continue
            return path
        return None

    def _differs(self, path: Path, body: str, size: _Size, limit: float) -> bool:
        """Whether the shorter of ``body`` and ``path``'s body has words the other lacks (read again: rare)."""
        try:
            text = path.read_text(encoding="utf-8")
            other = frontmatter.split(text, path)[1]
        except (BriefgenError, OSError, UnicodeDecodeError):
            other = _tolerant_body(_read_lossy(path) or "")
        short, long = (body, other) if size.sample <= self.sizes[path].sample else (other, body)
        return _new_words(short, long) > limit

    def broken_by_slug(self, slug: str, source_path: str) -> Path | None:
        """A broken file under the name ingest gives this story, unless it names another source."""
        for path, broken in self.broken.items():
            if path.stem == slug and broken.source in (None, source_path):
                return path
        return None


_FENCE_LINE = re.compile(r"^---[ \t]*$", re.MULTILINE)
_TOP_KEY = re.compile(r"^[^\s#-][^:]*:")  # a top-level ``key:`` line of a YAML mapping
_SHA256 = re.compile(r"\bsha256[\"']?\s*:\s*[\"']?([0-9a-f]{64})\b")
_PATH = re.compile(r"\bpath[\"']?\s*:\s*[\"']?([^,{}\"'\n]+?)[\"']?\s*(?:[,}\n]|$)")


def _front_block(text: str) -> str:
    """The front-matter text of a file, up to the closing ``---`` or, without one, the first blank line."""
    text = text.lstrip("\ufeff")
    first = _FENCE_LINE.match(text)
    if not first:
        return ""
    closing = _FENCE_LINE.search(text, first.end())
    end = closing.start() if closing else text.find("\n\n", first.end())
    return text[first.end():end if end >= 0 else len(text)]


def _tolerant_body(text: str) -> str:
    """A file's body however broken its front matter, for the same-story check."""
    text = text.lstrip("\ufeff")
    first = _FENCE_LINE.match(text)
    if not first:
        return text
    closing = _FENCE_LINE.search(text, first.end())
    if closing:
        return text[closing.end():]
    end = text.find("\n\n", first.end())
    return text[end:] if end >= 0 else text


def _tolerant_source(text: str) -> tuple[str | None, str | None, str | None]:
    """``(path, guessed path, sha256)`` of the source a file with broken front matter names.

    ``path`` comes from its ``source:`` block when that block parses on its own
    (a typo elsewhere does not hide it), ``guessed path`` from a plain text
    match (used only to find the file, never to rule it out), ``sha256`` from
    any ``sha256:`` line.
    """
    block = _front_block(text)
    lines = block.splitlines()
    chunk: list[str] = []
    for line in lines:
        if chunk and _TOP_KEY.match(line):
            break
        if chunk or re.match(r"source\s*:", line):
            chunk.append(line)
    clean = guessed = None
    if chunk:
        try:
            parsed = frontmatter.load_yaml("\n".join(chunk))
        except BriefgenError:
            parsed = None
        source = parsed.get("source") if isinstance(parsed, dict) else None
        if isinstance(source, dict) and isinstance(source.get("path"), (str, int, float)):
            clean = str(source["path"])
        found = _PATH.search("\n".join(chunk))
        guessed = found.group(1).strip() if found else None
    sha = _SHA256.search(block)
    return clean, guessed, sha.group(1) if sha else None


def _read_lossy(path: Path) -> str | None:
    try:
        return path.read_bytes().decode("utf-8", "replace").replace("\r\n", "\n")
    except OSError:
        return None


def _scan(articles_dir: Path) -> _Existing:
    """Index ``articles_dir``; a file that does not parse is still found (see :meth:`_Existing.add_broken`)."""
    existing = _Existing()
    for path in frontmatter.documents(articles_dir):
        text = ""
        try:
            text = path.read_text(encoding="utf-8")
            meta, body, _ = frontmatter.split(text, path)
        except BriefgenError as exc:
            existing.add_broken(path, text, str(BriefgenError(exc.message, exc.path or path, exc.line)))
            continue
        except UnicodeDecodeError as exc:
            existing.add_broken(path, _read_lossy(path), f"{path}: is not UTF-8 text (byte {exc.start})",
                                "save it as UTF-8")
            continue
        except OSError as exc:
            existing.add_broken(path, None, f"{path}: could not be read ({exc.strerror or exc})",
                                "make it readable")
            continue
        existing.add(path, meta, body)
    return existing


_TMP_SUFFIX = ".tmp"


def write_atomic(path: Path, text: str) -> None:
    """Replace ``path`` by ``text`` so that a kill or a power cut never leaves half a content file.

    The text goes to a temporary file in the same folder (``.NAME.XXXXXXXX.tmp``,
    which :func:`_remove_leftovers` deletes under the lock if a kill leaves it),
    is fsynced, and only then renamed over ``path``: a kill at any instant
    leaves the old file or the new one, and without the fsync a power cut soon
    after the rename could leave an empty file on ext4 or XFS. The folder is
    fsynced after the rename too, so that the new name survives a power cut:
    these files carry the user's hand edits, and once ingest reports a file
    written it stays written. The file keeps the mode of the one it replaces; a
    new one gets ``0o666`` less the umask (``mkstemp``'s 0600 would hide it
    from a web server, a backup job or a colleague).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode: int | None = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = None
    while True:
        tmp = path.parent / f".{path.name}.{secrets.token_hex(4)}{_TMP_SUFFIX}"
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0),
                         0o666)
        except FileExistsError:
            continue
        break
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            if mode is not None and hasattr(os, "fchmod"):
                os.fchmod(handle.fileno(), mode)
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_folder(path.parent)


def _fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX: fsync the folder); a no-op where unsupported."""
    if not hasattr(os, "O_DIRECTORY"):
        return
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:  # some file systems refuse fsync on a folder; the rename still happened
        pass
    finally:
        os.close(fd)


def _place(item: Prepared, articles_dir: Path, existing: _Existing, force: bool) -> Outcome:
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
        broken = _Broken(str(BriefgenError(exc.message, target, exc.line)), None)
        return Outcome(FAILED, item.raw_path, target, broken.failure(item.raw_path))
    except UnicodeDecodeError as exc:
        broken = _Broken(f"{target}: is not UTF-8 text (byte {exc.start})", None, "save it as UTF-8")
        return Outcome(FAILED, item.raw_path, target, broken.failure(item.raw_path))
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
            outcome = _place(item, articles_dir, existing, force)
            guesses = guessed_fields(item.record.provenance)
            emit(replace(outcome, guessed=guesses) if guesses and outcome.status != FAILED else outcome)
        except OSError as exc:
            emit(Outcome(FAILED, item.raw_path, message=f"{item.raw_path}: could not write: {exc}"))
