"""Read one raw file: pick its reader kind, detect its encoding, load its sidecar.

Everything after this stage works on ``str``; encodings (UTF-8, UTF-16 with a
BOM, cp1252, latin-1 …), Windows line endings and gzip are dealt with here once.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path
from typing import Any

from charset_normalizer import from_bytes

from briefgen import frontmatter
from briefgen.errors import BriefgenError
from briefgen.model import RawDoc

KINDS = {".html": "html", ".htm": "html", ".xhtml": "html", ".txt": "text", ".text": "text",
         ".md": "markdown", ".markdown": "markdown"}
SIDECAR_SUFFIXES = (".json", ".yaml", ".yml")
MAX_BYTES = 50 * 1024 * 1024


def kind_of(path: Path) -> str | None:
    """Reader kind from the file name (``page.html.gz`` is html); ``None`` if not an article."""
    name = path.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    return KINDS.get(Path(name).suffix)


def sidecar_path(path: Path) -> Path | None:
    """``story.json`` or ``story.yaml`` beside ``story.txt`` (or ``story.html.gz``)."""
    stem = path.name
    for suffix in (".gz",):
        stem = stem.removesuffix(suffix)
    stem = Path(stem).stem
    for suffix in SIDECAR_SUFFIXES:
        candidate = path.with_name(stem + suffix)
        if candidate.exists():
            return candidate
    return None


def read_raw(path: Path) -> RawDoc:
    kind = kind_of(path)
    if kind is None:
        raise BriefgenError(f"unknown kind of file {path.suffix!r}", path,
                            hint="briefgen reads .html, .htm, .txt and .md (gzipped too)")
    data = path.read_bytes()
    if len(data) > MAX_BYTES:
        raise BriefgenError(f"is {len(data) // 1_000_000} MB, too large for one article", path,
                            hint="save just the article page")
    digest = hashlib.sha256(data).hexdigest()
    if path.name.lower().endswith(".gz"):
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as exc:
            raise BriefgenError("is not a valid gzip file", path, hint="re-save the page") from exc
    text, encoding = decode(data, path)
    return RawDoc(path=path, kind=kind, text=text, sha256=digest, encoding=encoding,
                  sidecar=read_sidecar(path))


_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x7fELF")


def decode(data: bytes, path: Path) -> tuple[str, str]:
    """Bytes → text with Unix line endings; binary files are refused by name."""
    if data.startswith(_BINARY_MAGIC):
        raise BriefgenError("is a binary file (image, PDF or archive), not an article", path,
                            hint="save the article as HTML or text and ingest that")
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return _normalise(data.decode(codec, errors="replace")), codec
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        encoding = _guess_single_byte(data[:200_000])
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            text, encoding = data.decode("latin-1"), "latin-1"
    if "\x00" in text[:4096]:
        raise BriefgenError("is a binary file, not an article", path,
                            hint="save the article as HTML or text and ingest that")
    return _normalise(text), encoding


def _guess_single_byte(data: bytes) -> str:
    """The likeliest legacy code page; cp1252 wins every tie.

    Short Western text decodes equally well as cp1250 or cp1252 (charset-normalizer
    finds neither garbled); cp1252, the superset of latin-1 that Western pages use,
    is by far the commoner, so it takes ties instead of the detector's first pick.
    """
    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        return "cp1252"
    # coherence (a language guess) is noise on short text; garbling ("chaos") is not
    tied = {m.encoding for m in matches if m.chaos <= best.chaos + 0.01}
    if tied & {"cp1252", "latin_1", "iso8859_1", "ascii", "iso8859_15"}:
        return "cp1252"
    return best.encoding


def _normalise(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_sidecar(path: Path) -> dict[str, Any]:
    """Known metadata beside the raw file; ingest honours it over what it extracts."""
    side = sidecar_path(path)
    if side is None:
        return {}
    try:
        text = side.read_text(encoding="utf-8-sig")
        data = (json.loads(text) if side.suffix == ".json"
                else frontmatter.load_yaml(text, side, what="sidecar"))
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as exc:
        line = getattr(exc, "lineno", None)
        mark = getattr(exc, "problem_mark", None)
        if mark is not None:
            line = mark.line + 1
        raise BriefgenError(f"sidecar is not valid {side.suffix[1:].upper()}: {exc}", side, line,
                            "fix the sidecar or remove it") from exc
    if not isinstance(data, dict):
        raise BriefgenError("sidecar must be a mapping (url, license, attribution, dates)", side)
    return data
