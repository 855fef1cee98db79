"""Name normalisation shared by extraction and resolution."""

from __future__ import annotations

import re
import unicodedata

_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_SPACE = re.compile(r"[\s\u00a0\-‐‑–—_.]+")


def name_key(name: str) -> str:
    """A comparison key: case, accents, a leading "The", possessives, hyphens and dots folded.

    "Kim Jong-un", "Kim Jong Un" and "KIM JONG UN" share a key; so do
    "U.S." and "US", "The White House" and "White House".
    """
    text = unicodedata.normalize("NFKD", name.strip())
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = _POSSESSIVE.sub("", text)
    text = re.sub(r"^the\s+", "", text)
    if re.fullmatch(r"(?:[a-z]\.){2,}", text.replace(" ", "")):
        text = text.replace(".", "").replace(" ", "")  # U.S. → us, U. N. → un
    return _SPACE.sub(" ", text).strip()
