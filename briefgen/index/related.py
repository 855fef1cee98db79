"""Related coverage from a weighted inverted index over entities and topics.

As in Hugo's ``related`` package: each article's keys (its entities and topics)
are looked up in an inverted index; every other article on the posting list
scores the key's rarity weight (IDF), so sharing a rare name counts for more
than sharing "United States". Keys on more than half of a large corpus (or on
more than ``MAX_POSTING`` articles) are skipped, and each article looks up only
its ``MAX_KEYS`` rarest keys: common keys relate everything to everything, add
almost no weight, and are what would make the cost grow as articles squared.
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Any, Callable, Mapping, Sequence

TOP_N = 5
MIN_SCORE = 0.5  # below this two stories share only common names
MAX_POSTING = 250  # a key on more articles than this is too common to relate by
MAX_KEYS = 12  # rarest keys looked up per article


def related_articles(keys: Mapping[str, Sequence[str]], order: Sequence[str],
                     top_n: int = TOP_N, mapper: Callable[..., list[Any]] | None = None
                     ) -> dict[str, tuple[str, ...]]:
    """Article slug → the most related other slugs, best first (ties: newest first).

    ``keys`` maps each article to its keys (``"e:<slug>"``, ``"t:<slug>"``);
    ``order`` is all slugs newest first, used to break ties stably. ``mapper``
    may score slices of the articles in other processes (see ``briefgen.parallel``).
    """
    rank = {slug: i for i, slug in enumerate(order)}
    postings: dict[str, list[str]] = defaultdict(list)
    for slug, article_keys in keys.items():
        for key in set(article_keys):
            postings[key].append(slug)
    n = max(len(keys), 1)
    ceiling = min(n // 2 if n >= 20 else n, MAX_POSTING)
    weight = {key: math.log(1 + n / len(slugs)) for key, slugs in postings.items()
              if len(slugs) > 1 and len(slugs) <= ceiling}

    def best_for(slug: str) -> tuple[str, ...]:
        article_keys = keys[slug]
        scores: dict[str, float] = defaultdict(float)
        usable = sorted((k for k in set(article_keys) if k in weight),
                        key=lambda k: (-weight[k], k))[:MAX_KEYS]
        for key in usable:
            w = weight[key]
            for other in postings[key]:
                if other != slug:
                    scores[other] += w
        # the top few of hundreds of candidates: find the n-th best score with a plain float
        # sort, then order only the candidates that reach it (ties included, so the same
        # result as sorting them all)
        values = sorted(scores.values(), reverse=True)
        floor = max(MIN_SCORE, values[top_n - 1] if len(values) >= top_n else MIN_SCORE)
        best = sorted((o for o, s in scores.items() if s >= floor),
                      key=lambda o: (-scores[o], rank.get(o, 0)))
        return tuple(best[:top_n])

    slugs = list(keys)
    scored = (mapper or (lambda fn, items: fn(items)))(
        lambda chunk: [best_for(slug) for slug in chunk], slugs)
    return dict(zip(slugs, scored))
