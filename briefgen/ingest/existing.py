"""What ``content/articles`` already holds, and whether a new record is one of those stories.

Ingest must never write a story twice nor fold two different stories into one.
A new record is placed by the raw file it came from (its source path or
bytes), else by the same-story check: the same page saved twice (one URL, an
HTML page and its text copy, the same text with nothing telling them apart),
weighing dates, datelines, outlets and the words that differ, not only the
words shared. Files whose front matter no longer parses are still recognised
(tolerantly, by their source block, hashes or body), so a YAML typo never makes
a second file.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Sequence

from briefgen import frontmatter
from briefgen.errors import BriefgenError

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
class Broken:
    """A content file whose front matter does not parse: found, never written over without --force."""

    problem: str  # the parse error, with the file and line
    source: str | None  # the source path from a ``source:`` block that parses on its own
    fix: str = "fix the YAML"

    def failure(self, raw_path: Path) -> str:
        return (f"{self.problem} — {raw_path} is not re-ingested into it, nor into a second "
                f"file: {self.fix}, or --force to overwrite")

@dataclass
class Existing:
    """What ``content/articles`` already holds, to place each record and spot duplicates."""

    by_source: dict[str, Path] = field(default_factory=dict)  # source path → content file
    by_sha: dict[str, Path] = field(default_factory=dict)
    by_shingle: dict[int, list[Path]] = field(default_factory=dict)
    samples: dict[Path, set[int]] = field(default_factory=dict)
    sizes: dict[Path, _Size] = field(default_factory=dict)
    slugs: set[str] = field(default_factory=set)
    broken: dict[Path, Broken] = field(default_factory=dict)  # files whose front matter does not parse
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
        self.broken[path] = Broken(problem, clean_path, fix)
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

def scan(articles_dir: Path) -> Existing:
    """Index ``articles_dir``; a file that does not parse is still found (see :meth:`Existing.add_broken`)."""
    existing = Existing()
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
