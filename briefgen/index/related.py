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


class RelatedIndex:
    """The inverted index behind related coverage, kept so one article's keys can change.

    ``keys`` maps each article to its keys (``"e:<slug>"``, ``"t:<slug>"``);
    ``order`` is all slugs newest first, used to break ties stably.
    """

    def __init__(self, keys: Mapping[str, Sequence[str]], order: Sequence[str],
                 top_n: int = TOP_N) -> None:
        self.keys = dict(keys)
        self.top_n = top_n
        self.rank = {slug: i for i, slug in enumerate(order)}
        self.postings: dict[str, list[str]] = defaultdict(list)
        for slug, article_keys in self.keys.items():
            for key in set(article_keys):
                self.postings[key].append(slug)
        n = max(len(self.keys), 1)
        self.n = n
        self.ceiling = min(n // 2 if n >= 20 else n, MAX_POSTING)
        self.weight: dict[str, float] = {}
        for key in self.postings:
            self._weigh(key)

    def _weigh(self, key: str) -> None:
        slugs = self.postings.get(key, ())
        if 1 < len(slugs) <= self.ceiling:
            self.weight[key] = math.log(1 + self.n / len(slugs))
        else:
            self.weight.pop(key, None)

    def best_for(self, slug: str) -> tuple[str, ...]:
        """The most related other slugs, best first (ties: newest first)."""
        weight, top_n = self.weight, self.top_n
        scores: dict[str, float] = defaultdict(float)
        usable = sorted((k for k in set(self.keys[slug]) if k in weight),
                        key=lambda k: (-weight[k], k))[:MAX_KEYS]
        for key in usable:
            w = weight[key]
            for other in self.postings[key]:
                if other != slug:
                    scores[other] += w
        # the top few of hundreds of candidates: find the n-th best score with a plain float
        # sort, then order only the candidates that reach it (ties included, so the same
        # result as sorting them all)
        values = sorted(scores.values(), reverse=True)
        floor = max(MIN_SCORE, values[top_n - 1] if len(values) >= top_n else MIN_SCORE)
        rank = self.rank
        best = sorted((o for o, s in scores.items() if s >= floor),
                      key=lambda o: (-scores[o], rank.get(o, 0)))
        return tuple(best[:top_n])

    def rekey(self, slug: str, keys: Sequence[str]) -> set[str]:
        """Give one article new keys; returns the articles whose related lists may change.

        Only keys the article gained or lost change: their posting lists and
        weights, so only articles holding one of them score differently.
        """
        old, new = set(self.keys[slug]), set(keys)
        self.keys[slug] = list(keys)
        affected = {slug}
        for key in old ^ new:
            postings = self.postings[key]
            if key in new:
                postings.append(slug)
            else:
                postings.remove(slug)
            self._weigh(key)
            affected.update(postings)
            if key in old:
                affected.add(slug)
        return affected


def related_articles(keys: Mapping[str, Sequence[str]], order: Sequence[str],
                     top_n: int = TOP_N, mapper: Callable[..., list[Any]] | None = None
                     ) -> dict[str, tuple[str, ...]]:
    """Article slug → the most related other slugs, best first (ties: newest first).

    ``mapper`` may score slices of the articles in other processes (see ``briefgen.build.parallel``).
    """
    index = RelatedIndex(keys, order, top_n)
    slugs = list(index.keys)
    scored = (mapper or (lambda fn, items: fn(items)))(
        lambda chunk: [index.best_for(slug) for slug in chunk], slugs)
    return dict(zip(slugs, scored))
