"""The one way names are matched in text, shared by mention finding and linking."""

from __future__ import annotations

import re
from typing import Iterable


def surface_pattern(surfaces: Iterable[str]) -> re.Pattern[str] | None:
    """One alternation of all surfaces, longest first, matched as whole words.

    Case-sensitive on purpose: names are proper nouns, and "Kim" should not
    match inside "kimchi" nor "Apple" in "apple".
    """
    names = sorted({s for s in surfaces if s.strip()}, key=lambda s: (-len(s), s))
    if not names:
        return None
    alternation = "|".join(re.escape(n) for n in names)
    return re.compile(rf"(?<![\w])(?:{alternation})(?![\w])")
