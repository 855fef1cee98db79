"""Topic definitions and how articles are filed under them.

A topic is defined by a name, aliases, a description and *patterns*, one per
line, in a small query language (``README.md``, "Topic definitions"):

- ``missile`` a word; ``missile*`` every word starting so (missiles, missile-test);
  ``water cannon`` or ``"water cannon"`` a phrase (bare words side by side are one);
- ``entity: Kim Jong Un`` an entity of the site, by its name or an alias: it counts
  the times the article names it;
- ``A AND B``, ``A OR B``, ``A NOT B`` (A, unless B), ``( … )`` to group; ``AND`` and
  ``NOT`` bind tighter than ``OR``; operators are written in capitals;
- ``…^3`` after a term or a group counts its hits three times;
- a line starting with ``NOT`` is an exclusion: an article it matches is never filed
  under the topic.

Matching is case-insensitive on whole words over the title, the dek and the
body; a hit in the title or dek counts twice. Every line scores its hits (``A OR
B``: both counts added; ``A AND B``: both added when both are there, else none;
``A NOT B``: A's count when B is absent); an article is filed under a topic when
the lines' total reaches the topic's ``min_score`` (default
:data:`MIN_SCORE`), so a passing mention files nothing, and a fifth of the best
score among the topics of its set (briefgen's defaults, or the project's own), so a
story is filed under what it is mainly about rather than every subject it touches.
An article that no topic claims and whose source listed none goes to the topic
that scored highest, if any scored at all. Filed topics come best score first.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from briefgen.index.patterns import (All, Any_, EntityTerm, Expr, Pattern, PatternError, Phrase,
                                     Unless, parse_pattern)
from briefgen.names import name_key

MIN_SCORE = 3  # hits a topic needs in one article (title and dek hits count twice)
SHARE_OF_BEST = 0.2  # … and this share of the best score among topics of the same set
HEAD_WEIGHT = 2
MEMO_WORDS = 500_000  # distinct words whose topic hits are remembered (about 60 MB at most)

_WORD = re.compile(r"\w+")


# -- the expressions ------------------------------------------------------------------------


@dataclass(frozen=True)
class TopicDefinition:
    slug: str
    name: str
    aliases: tuple[str, ...] = ()
    patterns: tuple[Pattern, ...] = ()
    description: str = ""  # Markdown
    min_score: int = MIN_SCORE
    curated: bool = False  # a project's own file (else one of briefgen's defaults)
    path: Path | None = None


# -- parsing --------------------------------------------------------------------------------


def pattern_lines(value: Any) -> list[str]:
    """The pattern lines of a front-matter ``patterns`` value: a list, or one block of
    lines (``patterns: |``); blank lines and ``#`` comments dropped. A YAML item
    ``- entity: Kim Jong Un`` (a mapping) reads as the line it looks like."""
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    lines: list[str] = []
    for item in items:
        if isinstance(item, dict) and len(item) == 1:
            key, val = next(iter(item.items()))
            item = f"{key}: {val}"
        if not isinstance(item, (str, int, float)) or isinstance(item, bool):
            raise PatternError(f"a pattern must be a line of text, not {item!r}", 1)
        for raw in str(item).splitlines():
            if raw.strip() and not raw.strip().startswith("#"):
                lines.append(raw.strip())
    return lines


def define(slug: str, name: str, patterns: Iterable[str] = (), aliases: Iterable[str] = (),
           description: str = "", min_score: int = MIN_SCORE, curated: bool = False,
           path: Path | None = None) -> TopicDefinition:
    """A definition from its parts; a bad pattern raises :class:`PatternError`."""
    parsed = []
    for i, line in enumerate(patterns, 1):
        try:
            parsed.append(parse_pattern(line))
        except PatternError as exc:
            raise PatternError(f"pattern {i} ({line!r}), column {exc.column}: {exc.message}",
                               exc.column) from None
    return TopicDefinition(slug, name, tuple(aliases), tuple(parsed), description.strip(),
                           min_score, curated, path)


# -- reading --------------------------------------------------------------------------------


# -- matching -------------------------------------------------------------------------------

class ArticleText:
    """One article's words, counted once for every topic's patterns."""

    __slots__ = ("counts", "_head", "_body", "_joined", "_sorted", "entities")

    def __init__(self, head: str, body: str, entities: Mapping[str, int]) -> None:
        self._head = _WORD.findall(head.casefold())
        self._body = _WORD.findall(body.casefold())
        counts = Counter(self._body)
        for w in self._head:
            counts[w] += HEAD_WEIGHT
        self.counts = counts
        self._joined: tuple[str, str] | None = None
        self._sorted: list[str] | None = None
        self.entities = entities  # entity slug → times the article names it

    def joined(self) -> tuple[str, str]:
        """Head and body with every word between two spaces of its own, so that
        the phrase " a  b " never overlaps the next hit."""
        if self._joined is None:
            self._joined = (" " + "  ".join(self._head) + " ", " " + "  ".join(self._body) + " ")
        return self._joined

    def words(self) -> list[str]:
        if self._sorted is None:
            self._sorted = sorted(self.counts)
        return self._sorted

    def starting(self, start: str) -> int:
        """Hits of every word starting with ``start``."""
        words, counts = self.words(), self.counts
        n = 0
        for i in range(bisect_left(words, start), len(words)):
            word = words[i]
            if not word.startswith(start):
                break
            n += counts[word]
        return n

    def phrase(self, p: Phrase) -> int:
        first = p.words[0]
        if len(p.words) == 1:
            return self.starting(first) if p.prefix else self.counts.get(first, 0)
        if first not in self.counts:
            return 0
        head, body = self.joined()
        needle = " " + "  ".join(p.words)
        if not p.prefix:
            needle += " "
            return HEAD_WEIGHT * head.count(needle) + body.count(needle)
        found = re.compile(re.escape(needle) + r"\w* ")
        return HEAD_WEIGHT * len(found.findall(head)) + len(found.findall(body))


def score(expr: Expr, text: ArticleText, entity_slugs: Mapping[str, tuple[str, ...]]) -> int:
    """How many hits ``expr`` has in the article (0: it does not match)."""
    if isinstance(expr, Phrase):
        n = text.phrase(expr)
    elif isinstance(expr, EntityTerm):
        n = sum(text.entities.get(s, 0) for s in entity_slugs.get(name_key(expr.name), ()))
    elif isinstance(expr, Any_):
        n = sum(score(e, text, entity_slugs) for e in expr.items)
    elif isinstance(expr, All):
        n = 0
        for e in expr.items:
            here = score(e, text, entity_slugs)
            if not here:
                return 0
            n += here
    else:
        n = score(expr.base, text, entity_slugs)
        if n and score(expr.excluded, text, entity_slugs):
            return 0
    return n * expr.boost


def _additive(expr: Expr, weight: int = 1) -> list[tuple[Expr, int]]:
    """A line's parts that add up (the items of ``a OR b OR (c AND d)``), each with the
    weight its ``^`` boosts give it, the part's own boost included."""
    if isinstance(expr, Any_):
        return [part for e in expr.items for part in _additive(e, weight * expr.boost)]
    return [(expr, weight)]


_NOTHING: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class _Plan:
    """The definitions flattened for speed: most lines only add up single words, and
    those are counted in one pass over the article's distinct words, each word's
    share (exact words and prefixes it starts with) looked up once per process."""

    exact: Mapping[str, tuple[tuple[int, int], ...]]  # word → (topic index, weight)
    prefixes: Mapping[str, tuple[tuple[int, int], ...]]  # prefix → (topic index, weight)
    trees: tuple[tuple[int, Expr, int, bool], ...]  # (topic, part, weight, exclusion)
    lengths: tuple[int, ...] = ()  # the lengths of the prefixes, shortest first
    memo: dict[str, tuple[tuple[int, int], ...]] = field(default_factory=dict)

    def share(self, word: str) -> tuple[tuple[int, int], ...]:
        """(topic index, weight) of every single-word term ``word`` is a hit of."""
        found = self.memo.get(word)
        if found is None:
            hits = list(self.exact.get(word, ()))
            for length in self.lengths:  # the word's own beginnings, looked up as prefixes
                if length > len(word):
                    break
                hits += self.prefixes.get(word[:length], ())
            found = self.memo[word] = tuple(hits) if hits else _NOTHING
            if len(self.memo) > MEMO_WORDS:
                self.memo.clear()
        return found

    @classmethod
    def of(cls, topics: Sequence[TopicDefinition]) -> "_Plan":
        exact: dict[str, list[tuple[int, int]]] = {}
        prefixes: dict[str, list[tuple[int, int]]] = {}
        trees: list[tuple[int, Expr, int, bool]] = []
        for i, topic in enumerate(topics):
            for line in topic.patterns:
                if line.exclude:
                    trees.append((i, line.expr, 1, True))
                    continue
                for part, weight in _additive(line.expr):
                    if not isinstance(part, Phrase) or len(part.words) > 1:
                        trees.append((i, part, weight, False))
                    elif part.prefix:
                        prefixes.setdefault(part.words[0], []).append((i, weight * part.boost))
                    else:
                        exact.setdefault(part.words[0], []).append((i, weight * part.boost))
        return cls({w: tuple(v) for w, v in exact.items()},
                   {p: tuple(v) for p, v in prefixes.items()}, tuple(trees),
                   tuple(sorted({len(p) for p in prefixes})))


@dataclass(frozen=True)
class Matcher:
    """The site's topic definitions, with entity names tied to the site's entities."""

    topics: tuple[TopicDefinition, ...] = ()
    entity_slugs: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # name key → slugs
    by_alias: Mapping[str, str] = field(default_factory=dict)  # name key → topic slug
    plan: _Plan = field(default_factory=lambda: _Plan.of(()), compare=False, repr=False)

    @classmethod
    def of(cls, topics: Sequence[TopicDefinition],
           entities: Iterable[tuple[str, str, Sequence[str]]]) -> "Matcher":
        """``entities``: (slug, name, aliases) of every entity on the site."""
        wanted = {name_key(p.name) for t in topics for line in t.patterns
                  for p in _entity_terms(line.expr)}
        slugs: dict[str, list[str]] = {}
        for slug, name, aliases in entities:
            for key in dict.fromkeys(name_key(n) for n in (name, *aliases)):
                if key in wanted:
                    slugs.setdefault(key, []).append(slug)
        by_alias: dict[str, str] = {}
        for t in topics:
            for alias in (t.name, *t.aliases):
                by_alias.setdefault(name_key(alias), t.slug)
        return cls(tuple(topics), {k: tuple(sorted(v)) for k, v in sorted(slugs.items())},
                   by_alias, _Plan.of(topics))

    def digest(self) -> str:
        """A hash of everything the matcher files by (definitions, the entities they name)."""
        text = repr((self.topics, sorted(self.entity_slugs.items()), sorted(self.by_alias.items())))
        return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()

    def scores(self, text: ArticleText) -> dict[str, int]:
        """Topic slug → score, for topics with a hit and no exclusion."""
        plan = self.plan
        totals = [0] * len(self.topics)
        memo, share = plan.memo, plan.share
        for word, n in text.counts.items():
            found = memo.get(word)
            if found is None:
                found = share(word)
            for i, weight in found:
                totals[i] += n * weight
        vetoed = set()
        for i, part, weight, exclude in plan.trees:
            if i in vetoed:
                continue
            n = score(part, text, self.entity_slugs)
            if n and exclude:
                vetoed.add(i)
            elif not exclude:
                totals[i] += n * weight
        return {t.slug: totals[i] for i, t in enumerate(self.topics)
                if totals[i] and i not in vetoed}

    def file(self, title: str, dek: str | None, blocks: Sequence[str],
             entities: Mapping[str, int], listed: Sequence[str] = ()) -> tuple[str, ...]:
        """The topics an article is filed under by definition (slugs, best score first).

        ``listed``: the topics its source gave (slugs), which decide whether the
        best-scoring topic is taken when none reaches its minimum.
        """
        if not self.topics:
            return ()
        text = ArticleText(f"{title}\n{dek or ''}", "\n".join(blocks), entities)
        found = self.scores(text)
        if not found:
            return ()
        best = {False: 0, True: 0}  # the best score among the defaults, and among the project's
        for topic in self.topics:
            if topic.slug in found:
                best[topic.curated] = max(best[topic.curated], found[topic.slug])
        filed = [t.slug for t in self.topics if found.get(t.slug, 0) >= t.min_score
                 and found[t.slug] >= SHARE_OF_BEST * best[t.curated]]
        if not filed and not listed:  # a story in no topic at all: the best that scored
            filed = [max(found, key=lambda s: found[s])]
        return tuple(sorted(filed, key=lambda s: -found[s]))


def _entity_terms(expr: Expr) -> Iterable[EntityTerm]:
    if isinstance(expr, EntityTerm):
        yield expr
    elif isinstance(expr, (All, Any_)):
        for e in expr.items:
            yield from _entity_terms(e)
    elif isinstance(expr, Unless):
        yield from _entity_terms(expr.base)
        yield from _entity_terms(expr.excluded)


# -- the set a site uses ----------------------------------------------------------------------

@lru_cache(maxsize=1)
def default_topics() -> tuple[TopicDefinition, ...]:
    """briefgen's broad news subjects (:mod:`briefgen.index.topic_defaults`), parsed once."""
    from briefgen.index.topic_defaults import DEFAULT_TOPICS

    return tuple(define(t["slug"], t["name"], t["patterns"], t.get("aliases", ()),
                        t.get("description", ""), t.get("min_score", MIN_SCORE))
                 for t in DEFAULT_TOPICS)


def topic_set(curated: Sequence[TopicDefinition], defaults: bool = True
              ) -> tuple[TopicDefinition, ...]:
    """The definitions a site files by: the project's own, then the defaults it does not
    override by slug (none with ``topics: {defaults: false}``)."""
    mine = sorted(curated, key=lambda t: t.slug)
    taken = {t.slug for t in mine}
    return (*mine, *(t for t in (default_topics() if defaults else ()) if t.slug not in taken))
