"""Content files parsed once: front matter, sanitised body HTML and text blocks, cached.

Parsing is the per-article work that does not depend on any other article
(YAML, Markdown, nh3, paragraph splitting), so its result is cached by the
file's content hash and, on a cold build, computed on every core. Everything
cross-article (entity resolution, mentions, related coverage) is recomputed
from these records on each build, which is what keeps an incremental build
equal to a full one.
"""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Mapping, Sequence, TypeVar

from briefgen import frontmatter
from briefgen.build.cache import BuildCache
from briefgen.build.content import read_article, read_curated_entity, read_topic
from briefgen.build.deadline import deadline
from briefgen.build.deps import digest
from briefgen.build.inputs import FileStat
from briefgen.errors import BriefgenError
from briefgen.executors import Executor
from briefgen.index.topics import TopicDefinition
from briefgen.model import Article, CuratedEntity, listed
from briefgen.build.parallel import fork_map
from briefgen.render.markdown import markdown_to_html, text_blocks
from briefgen.urls import within


T = TypeVar("T")


@dataclass(frozen=True)
class Parsed:
    """One article as the index needs it.

    ``article`` is the front matter only: the body lives on as ``html`` and ``blocks``, so a page that lists the story depends on its
    metadata (``meta``, a digest of :func:`~briefgen.model.listed`) and is not rendered again
    when only the story's text is edited.
    """

    article: Article
    html: str  # sanitised body HTML, before entity links
    blocks: tuple[str, ...]  # its visible text, one string per paragraph-like block
    meta: str  # digest of ``listed(article)``


@dataclass(frozen=True)
class Content:
    """Everything readable under ``content/``, and an error for each file that was not."""

    articles: tuple[Article, ...]
    curated: tuple[CuratedEntity, ...]
    errors: tuple[BriefgenError, ...]
    topics: tuple[TopicDefinition, ...] = ()  # content/topics/*.md, hand-written definitions


@dataclass(frozen=True)
class Loaded:
    content: Content
    parsed: tuple[Parsed, ...]  # in content order (the order of ``content.articles``)
    digests: Mapping[str, str]  # article slug → hash of its file's bytes and path
    metas: Mapping[str, str]  # article slug → digest of its front matter
    reparsed: int  # files that missed the cache


def parse_article(path: Path) -> Parsed:
    article, body = read_article(path)
    with deadline(path, "rendering the Markdown body"):
        try:
            html = markdown_to_html(body)
        except Exception as exc:  # a renderer bug on one body must name the file
            raise BriefgenError(f"could not render the Markdown body: {exc}", path) from exc
        blocks = text_blocks(html)
    return Parsed(article, html, blocks, digest(repr(listed(article))))


def file_digest(sha: str, path: Path | str) -> str:
    """What an article's page depends on from its file: its bytes, and where it lives."""
    return f"{sha}:{path}"


def load_parsed(content_dir: Path, cache: BuildCache | None, workers: int = 1,
                executor: Executor | None = None) -> Loaded:
    """Every article and curated entity under ``content_dir``, parsing only what changed.

    ``executor`` (a Dask cluster) parses instead of this machine's ``workers`` cores.
    """
    paths, outside = _inside(content_dir, frontmatter.documents(content_dir / "articles"))
    known = cache.parsed() if cache is not None else {}
    stats: list[FileStat | None] = []
    todo: list[tuple[int, Path, str | None]] = []  # (position, path, sha the cache holds)
    records: list[bytes | BriefgenError | None] = [None] * len(paths)
    shas: list[str] = [""] * len(paths)
    for i, path in enumerate(paths):
        try:
            st = FileStat.of(path.stat())
        except OSError:  # vanished since the listing
            stats.append(None)
            continue
        stats.append(st)
        hit = known.get(str(path))
        if hit is not None and hit[0] == st:
            records[i], shas[i] = hit[2], hit[1]
        else:
            todo.append((i, path, hit[1] if hit else None))
    fresh: list[tuple[str, FileStat, str, bytes]] = []
    parse = executor.map if executor is not None else (
        lambda fn, items, min_items: fork_map(fn, items, workers, min_items))
    for (i, path, _), result in zip(todo, parse(_parse_chunk, todo, 200)):
        if isinstance(result, BriefgenError):
            records[i] = result
            continue
        sha, parsed = result
        record = known[str(path)][2] if parsed is None else parsed
        records[i], shas[i] = record, sha
        stat = stats[i]
        if stat is not None:
            fresh.append((str(path), stat, sha, record))
    if cache is not None:
        cache.store_parsed(fresh, keep=[str(p) for p, st in zip(paths, stats) if st is not None])
    loaded = _assemble(content_dir, paths, records, shas, len(todo))
    if outside:
        content = loaded.content
        loaded = replace(loaded, content=replace(content, errors=content.errors + outside))
    return loaded


def _inside(content_dir: Path, paths: list[Path]) -> tuple[list[Path], tuple[BriefgenError, ...]]:
    """The content files that really live in ``content/``; a link out of it is an error."""
    kept, refused = [], []
    for path in paths:
        if within(content_dir, path):
            kept.append(path)
        else:
            refused.append(BriefgenError(f"is a link to {path.resolve()}, outside {content_dir}",
                                         path, hint="copy the file into content/ instead"))
    return kept, tuple(refused)


def _parse_chunk(chunk: Sequence[tuple[int, Path, str | None]]
                 ) -> list[tuple[str, bytes | None] | BriefgenError]:
    return [_parse_one(path, sha) for _, path, sha in chunk]


def _parse_one(path: Path, cached_sha: str | None) -> tuple[str, bytes | None] | BriefgenError:
    """(sha, pickled Parsed) for one file; ``None`` for the record when the cached one still holds
    (only the stat moved), so that the cache never travels to a worker."""
    try:
        sha = hashlib.sha256(path.read_bytes()).hexdigest()
        if cached_sha == sha:
            return sha, None
        return sha, pickle.dumps(parse_article(path), protocol=pickle.HIGHEST_PROTOCOL)
    except BriefgenError as exc:
        return exc
    except OSError as exc:
        return BriefgenError(f"cannot be read: {exc.strerror}", path)


def _assemble(content_dir: Path, paths: Sequence[Path],
              records: Sequence[bytes | BriefgenError | None], shas: Sequence[str],
              reparsed: int) -> Loaded:
    """Articles in path order; a second file claiming a slug is an error naming both."""
    parsed: list[Parsed] = []
    errors: list[BriefgenError] = []
    seen: dict[str, Path] = {}
    digests: dict[str, str] = {}
    metas: dict[str, str] = {}
    for path, record, sha in zip(paths, records, shas):
        if record is None:
            continue
        if isinstance(record, BriefgenError):
            errors.append(record)
            continue
        item: Parsed = pickle.loads(record)
        slug = item.article.slug
        if slug in seen:
            errors.append(BriefgenError(f"slug {slug!r} is already used by {seen[slug]}", path,
                                        hint="rename one file or set a different `slug:`"))
            continue
        seen[slug] = path
        digests[slug] = file_digest(sha, path)
        metas[slug] = item.meta
        parsed.append(item)
    curated = _read_all(content_dir, "entities", read_curated_entity, errors)
    topics = _read_all(content_dir, "topics", read_topic, errors)
    content = Content(tuple(p.article for p in parsed), tuple(curated), tuple(errors),
                      tuple(topics))
    return Loaded(content, tuple(parsed), digests, metas, reparsed)


def _read_all(content_dir: Path, folder: str, read: Callable[[Path], T], errors: list[BriefgenError]
              ) -> list[T]:
    """Every hand-written file of one kind (curated entities, topic definitions); errors collected."""
    paths, outside = _inside(content_dir, frontmatter.documents(content_dir / folder))
    errors += outside
    found = []
    for path in paths:
        try:
            found.append(read(path))
        except BriefgenError as exc:
            errors.append(exc)
    return found
