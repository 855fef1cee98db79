"""Slugs and safe paths: the only place names from scraped text become file names.

A slug is ASCII, lower-case, made of ``[a-z0-9-]`` only, so no title, alias or
topic can climb out of the output folder; :func:`safe_join` checks that again
at the point of writing.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path, PurePosixPath

from briefgen.errors import BriefgenError

_NON_SLUG = re.compile(r"[^a-z0-9]+")
_SLUG_OK = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Letters NFKD leaves alone but that have an obvious ASCII spelling.
_TRANSLIT = str.maketrans({"ß": "ss", "æ": "ae", "Æ": "ae", "ø": "o", "Ø": "o", "đ": "d",
                           "Đ": "d", "ł": "l", "Ł": "l", "þ": "th", "ð": "d", "œ": "oe", "ı": "i",
                           "&": " and ", "’": "", "'": ""})


def slugify(text: str, max_len: int = 80) -> str:
    """ASCII slug; text with no Latin letters (Japanese, Korean) gets a stable hash slug."""
    ascii_text = unicodedata.normalize("NFKD", text.translate(_TRANSLIT))
    ascii_text = ascii_text.encode("ascii", "ignore").decode("ascii").lower()
    slug = _NON_SLUG.sub("-", ascii_text).strip("-")
    if len(slug) > max_len:
        slug = slug[:max_len].rsplit("-", 1)[0] or slug[:max_len]
    if len(slug.replace("-", "")) < 2:
        digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]
        slug = f"{slug}-{digest}" if slug else f"x-{digest}"
    return slug.strip("-")


def is_slug(text: str) -> bool:
    return bool(_SLUG_OK.match(text)) and len(text) <= 200


def unique_slug(base: str, taken: set[str]) -> str:
    """``base``, or ``base-2``, ``base-3`` … whichever is free; records the choice in ``taken``."""
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    taken.add(slug)
    return slug


def inside(relative: str | PurePosixPath) -> PurePosixPath:
    """``relative`` as a path that cannot leave the folder it is joined to, or a :class:`BriefgenError`.

    The lexical half of every containment check (site files, served URLs,
    configured folders): no absolute path, no ``..``, no backslash or NUL that
    another layer might read differently. Symbolic links are the resolving
    half's business (:func:`safe_join`).
    """
    text = str(relative)
    rel = PurePosixPath(text)
    if (not text or rel.is_absolute() or "\\" in text or "\x00" in text
            or any(part == ".." for part in rel.parts)):
        raise BriefgenError(f"refusing path {text!r}: it leaves the output folder",
                            hint="slugs and configured paths must stay inside the project")
    return rel


def safe_join(root: Path, relative: str | PurePosixPath) -> Path:
    """``root / relative``, refusing anything that would land outside ``root``, links included."""
    rel = inside(relative) if str(relative) not in ("", ".") else PurePosixPath(".")
    target = (root / Path(*rel.parts)).resolve() if rel.parts else root.resolve()
    root_resolved = root.resolve()
    if target != root_resolved and root_resolved not in target.parents:
        raise BriefgenError(f"refusing path {str(relative)!r}: it leaves {root}",
                            hint="slugs and configured paths must stay inside the project")
    return target


def within(root: Path, path: Path) -> bool:
    """Whether ``path``, symbolic links followed, is ``root`` or lies inside it."""
    return contains(root.resolve(), path.resolve())


def contains(root: Path, path: Path) -> bool:
    """The containment rule on paths already resolved: ``path`` is ``root`` or inside it."""
    return path == root or root in path.parents


def relative_url(from_url: str, to_url: str, index: bool = False) -> str:
    """Relative link between two site URLs (``articles/x/`` → ``../../topics/y/``).

    Every link in the site is relative, so it opens from a sub-path. With
    ``index`` a link to a folder names its ``index.html`` (``../../topics/y/index.html``,
    ``./index.html``): a browser opening the site from disk shows a folder as a
    file listing, not its page.
    """
    if index:
        path, hash_, fragment = to_url.partition("#")
        rel = relative_url(from_url, path)
        return (rel + "index.html" if rel.endswith("/") else rel) + hash_ + fragment
    if from_url.endswith("/") or not from_url:
        from_dir = from_url
    else:
        from_dir = from_url.rsplit("/", 1)[0] + "/" if "/" in from_url else ""
    from_parts = [p for p in from_dir.split("/") if p]
    to_parts = [p for p in to_url.split("/") if p]
    common = 0
    while (common < len(from_parts) and common < len(to_parts)
           and from_parts[common] == to_parts[common]):
        common += 1
    rel = "/".join([".."] * (len(from_parts) - common) + to_parts[common:])
    if not rel:
        return "./"
    if to_url.endswith("/") or not to_url or to_parts[common:] == []:
        rel += "/"
    return rel
