"""Name normalisation shared by extraction and resolution."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_LEADING_THE = re.compile(r"^the\s+")
_DOTTED = re.compile(r"(?:[a-z]\.\s?){2,}")
_SPACE = re.compile(r"[\s\u00a0\-‐‑–—_.]+")


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """A comparison key: case, accents, a leading "The", possessives, hyphens and dots folded.

    "Kim Jong-un", "Kim Jong Un" and "KIM JONG UN" share a key; so do
    "U.S." and "US", "The White House" and "White House".
    (Memoised because extraction asks for the same few names thousands of
    times; the key depends on the name alone, so the cache never changes a result.)
    """
    text = name.strip()
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    text = _POSSESSIVE.sub("", text.casefold().rstrip("!?"))
    text = _LEADING_THE.sub("", text)
    if _DOTTED.fullmatch(text):
        text = text.replace(".", "").replace(" ", "")  # U.S. → us, U. N. → un
    return _SPACE.sub(" ", text).strip()
