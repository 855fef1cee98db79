"""What story clustering compares of an article: weighted words and names.

Two reports of one event share its particulars (the people, the places, the
numbers, the day) far more than its subject's common words ("police",
"earthquake"), which a similar event shares too. So words are weighted by
rarity (TF-IDF over the corpus at hand), and names and numbers weigh more than
other words. Vectors are plain dicts, L2-normalised, so a dot product is a
cosine.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import Mapping, Sequence

Vector = Mapping[str, float]

_WORD = re.compile(r"[^\W_]+")
# what term_counts counts: words of two letters or more, and single digits
_TERM = re.compile(r"[^\W_]{2,}|\d")

# Function words and the reporting verbs every news text carries; they tell
# no two events apart and would only make every pair of articles similar.
STOPWORDS = frozenset("""
a about above after again against all almost also although always am among an and another any
anyone anything are around as at back be became because become been before being below between
both but by can cannot could did do does doing done down during each either else enough even ever
every few for from further get gets getting go going got had has have having he her here hers
herself him himself his how however i if in into is it its itself just last least less like made
make many may me might more most much must my myself near need neither never new next no nor not
now of off often on once one only or other others our ours ourselves out over own per put rather
really said same say says saying see seen she should since so some still such than that the their
theirs them themselves then there these they this those though three through thus to told too two
under until up upon us use used very via was way we well were what whatever when where whether
which while who whom whose why will with within without would yet you your yours yourself
according added also reported reports report told statement news week year years time times day
days people monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow
mr mrs ms dr s t don didn doesn isn wasn weren won wouldn couldn shouldn ll re ve d m
""".split())

# News puts the event first; past the first few paragraphs come background
# and earlier events, which link an article to other stories more than to its own.
MAX_CHARS = 5000


def words(text: str) -> list[str]:
    """The text's words in lower case: runs of letters and digits ("Reid's" is "reid", "s")."""
    return _WORD.findall(text.lower())


def term_counts(title: str, text: str, entities: Sequence[str],
                name_weight: float = 2.0, title_weight: float = 2.0) -> dict[str, float]:
    """The article's terms with their (weighted) counts.

    Plain words count once, names and numbers ``name_weight`` times, words of
    the title ``title_weight`` times more; each entity slug is one more term
    (``e:<slug>``), counted twice among the article's five most named. A name
    is a word the article never writes in lower case (a cheap stand-in for names
    where an article carries no entities: "Qeshm", "Teixeira", but not "Police"
    opening a sentence when "police" comes later).

    Every article of every build passes through here, so the work is done by
    whole-collection operations (``Counter``, set algebra), looping in Python
    only over the names; terms keep the text's order (title words last).
    """
    body, head = _TERM.findall(text[:MAX_CHARS]), _TERM.findall(title)
    lower_written = set(filter(str.islower, body))
    lower_written.update(filter(str.islower, head))
    counts: dict[str, float] = dict(Counter(map(str.lower, body)))
    for token, c in Counter(map(str.lower, head)).items():
        counts[token] = counts.get(token, 0) + c * title_weight
    for word in STOPWORDS.intersection(counts):
        del counts[word]
    names = counts.keys() - lower_written
    names.update(w for w in lower_written if w[0].isdigit())  # "3rd", "5km": numbers too
    for word in names.intersection(counts):
        counts[word] *= name_weight
    for rank, slug in enumerate(entities):
        counts["e:" + slug] = counts.get("e:" + slug, 0.0) + name_weight * (2.0 if rank < 5 else 1.0)
    return counts


def document_frequency(docs: Sequence[Mapping[str, float]]) -> Counter[str]:
    df: Counter[str] = Counter()
    for counts in docs:
        df.update(counts.keys())
    return df


def idf(df: Mapping[str, int], n: int) -> dict[str, float]:
    """Smoothed inverse document frequency of every term on two articles or more.

    A term no other article carries cannot link two articles, but it would
    dilute every cosine of the article that has it, so it gets none.
    """
    return {t: math.log((n + 1) / (d + 1)) for t, d in df.items() if d >= 2}


def tfidf(counts: Mapping[str, float], weights: Mapping[str, float]) -> dict[str, float]:
    """Sublinear TF times IDF, L2-normalised (so a dot product is a cosine).

    Terms keep the order of ``counts`` (the text's order), so ties between
    equal weights fall the same way under any hash seed; sums are exact.
    """
    log = math.log
    vec = {t: (1.0 + log(c) if c > 1 else c) * w for t, c in counts.items()
           if (w := weights.get(t)) is not None}
    norm = math.sqrt(math.fsum(v * v for v in vec.values()))
    if norm == 0.0:
        return {}
    return {t: v / norm for t, v in vec.items()}


def cosine(a: Vector, b: Vector) -> float:
    """The dot product of two sparse vectors (a cosine, when both are normalised).

    ``fsum`` is exact, so the result does not depend on the order the shared
    terms come in (a set's, which changes with the hash seed).
    """
    return math.fsum(a[t] * b[t] for t in a.keys() & b.keys())
