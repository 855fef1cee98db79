"""``briefgen entities``: what the extractor finds in a file, for people tuning their site."""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from briefgen import frontmatter
from briefgen.config import Config
from briefgen.build.content import read_article
from briefgen.ingest.entities.extract import describe, extract_entities
from briefgen.errors import BriefgenError
from briefgen.ingest.metadata import apply_sidecar
from briefgen.ingest.rawdoc import read_raw
from briefgen.ingest.readers import extract


def _entities_of(path: Path, cfg: Config) -> str:
    content_root = cfg.content.resolve()
    if path.suffix == ".md" and content_root in path.resolve().parents:
        article, body = read_article(path)  # what build will use: the curated front matter
        title, extra = article.title, dict(dateline=article.dateline, agency=article.agency,
                                           publisher=article.publisher, dek=article.dek)
    else:
        raw = read_raw(path)
        ex = apply_sidecar(extract(raw), raw.sidecar)
        title, body, extra = ex.title, ex.body, dict(dateline=ex.dateline, agency=ex.agency,
                                                     publisher=ex.publisher, dek=ex.dek)
    return describe(extract_entities(title, body, **extra))


def report_entities(paths: Sequence[Path], cfg: Config) -> tuple[str, bool]:
    """A table per file; a file that fails is reported and the others still shown."""
    if not paths:
        paths = frontmatter.documents(cfg.content / "articles")
    blocks, failed = [], False
    for path in paths:
        try:
            blocks.append(f"{path}\n{_entities_of(path, cfg)}")
        except BriefgenError as exc:
            blocks.append(f"error: {exc.with_path(path)}")
            failed = True
    return "\n\n".join(blocks), failed
