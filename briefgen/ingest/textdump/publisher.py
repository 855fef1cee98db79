"""Name the site a page was copied from, from what its own furniture repeats.

A text dump has no meta tags, but sites sign their pages: "Subscribe to X",
"© 2023 X", "reworked by the X staff". The name such phrases give most often
wins; a sidecar URL's domain is the fallback.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate
from collections import Counter

from briefgen.ingest.publishers import publisher_for_url

_NAME = r"((?:The[ \t]+)?[A-Z][\w&'’-]*(?:\.(?:com|org|net|co\.uk))?(?:[ \t]+(?:of[ \t]+|&[ \t]+)?[A-Z][\w&'’-]*){0,4})"
# (a word the page must contain, the phrase that names the site): the word lets most pages
# skip the regular expression entirely. Each phrase opens with its literal words and checks
# the word boundary before them with a look-behind after them: the regular expression engine
# then jumps from one occurrence of those words to the next instead of trying every position
# (3 to 20 times faster over the 721 dumps of bench/text_dumps.py, same matches).
_SIGNATURES: tuple[tuple[str, re.Pattern[str]], ...] = tuple((word, re.compile(p)) for word, p in (
    ("ubscribe", r"ubscribe (?<=\b[Ss]ubscribe )(?:now )?to (?:the )?" + _NAME),
    ("staff", r"by the (?<=\bby the )" + _NAME + r"[ \t]+(?:staff|team|newsroom|desk)\b"),
    # a copyright line with its year (a photo credit "© Reuters / …" has none)
    ("©", r"©[ \t]*(?:[Cc]opyright[ \t]*)?\d{4}[ \t]*(?:[-–][ \t]*\d{4}[ \t]*)?,?[ \t]*" + _NAME),
    ("opyright", r"[Cc]opyright[ \t]*(?:©[ \t]*)?\d{4}[ \t]*(?:[-–][ \t]*\d{4}[ \t]*)?,?[ \t]*" + _NAME),
    ("©", r"©[ \t]*(?:[Cc]opyright[ \t]*)?" + _NAME + r",?[ \t]+\d{4}\b"),
    (" app", r"(?:ownload the (?<=[Dd]ownload the )|et the (?<=\b[Gg]et the ))" + _NAME + r" app\b"),
))
_TRAILING = re.compile(r"(?:\s+(?:Inc|LLC|Ltd|Limited|Corp|Corporation|Co|GmbH|S\.A|Media|Group|Company|"
                       r"All|Digital|Epaper|Premium|Rights|Reserved|Todos|News & Media))+\.?$")
_NOT_FIRST_WORDS = frozenset({"Newsletter", "Newsletters", "Our", "Email", "Free", "Get", "Your", "Manage", "Notifications"})
_NOT_NAMES = frozenset({"The", "All", "Copyright", "Privacy", "Terms", "Subscribe", "News", "Our", "This"})


def find_publisher(lines: list[str], url: str | None = None) -> tuple[str, int | None] | None:
    """The publisher's name and the line that said it first (``None`` line: from the URL)."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    text = "\n".join(lines)
    starts = list(accumulate((len(line) + 1 for line in lines), initial=0))
    for word, signature in _SIGNATURES:  # one pass over the whole page per signature
        if word not in text:
            continue
        for match in signature.finditer(text):
            name = _clean(match.group(1))
            if name:
                counts[name] += 1
                line = bisect_right(starts, match.start()) - 1
                first[name] = min(first.get(name, line), line)
    if counts:
        best = max(counts, key=lambda n: (counts[n], -first[n]))
        return best, first[best]
    from_url = publisher_for_url(url)
    return (from_url, None) if from_url else None


def _clean(name: str) -> str | None:
    name = re.sub(r"['’]s$", "", name.strip(" .,'’&"))
    name = re.sub(r"^(?:All Rights Reserved|Todos los derechos reservados)\.?\s*", "", name, flags=re.I)
    if name.split(" ", 1)[0] in _NOT_FIRST_WORDS:
        return None
    name = _TRAILING.sub("", name).strip(" .,&")
    if not name or name in _NOT_NAMES or len(name) < 3 or name.isdigit():
        return None
    return name
