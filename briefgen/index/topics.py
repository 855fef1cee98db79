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
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence, Union

from briefgen.names import name_key

MIN_SCORE = 3  # hits a topic needs in one article (title and dek hits count twice)
SHARE_OF_BEST = 0.2  # … and this share of the best score among topics of the same set
MAX_BOOST = 100
HEAD_WEIGHT = 2
MEMO_WORDS = 500_000  # distinct words whose topic hits are remembered (about 60 MB at most)
OPERATORS = ("AND", "OR", "NOT")

_WORD = re.compile(r"\w+")
_TOKEN = re.compile(r'\s*(?:(?P<lp>\()|(?P<rp>\))|"(?P<q>[^"]*)(?P<qend>"?)|(?P<boost>\^\S*)'
                    r'|(?P<ent>entity\s*:)|(?P<word>[^\s()"^]+))', re.IGNORECASE)


class PatternError(ValueError):
    """A pattern line that does not parse; ``column`` is 1-based."""

    def __init__(self, message: str, column: int) -> None:
        super().__init__(message)
        self.message, self.column = message, column


# -- the expressions ------------------------------------------------------------------------

@dataclass(frozen=True)
class Phrase:
    words: tuple[str, ...]  # casefolded, as the text is split into words
    prefix: bool = False  # the last word is a prefix (``missile*``)
    boost: int = 1


@dataclass(frozen=True)
class EntityTerm:
    name: str
    boost: int = 1


@dataclass(frozen=True)
class All:
    items: tuple["Expr", ...]
    boost: int = 1


@dataclass(frozen=True)
class Any_:
    items: tuple["Expr", ...]
    boost: int = 1


@dataclass(frozen=True)
class Unless:
    base: "Expr"
    excluded: "Expr"
    boost: int = 1


Expr = Union[Phrase, EntityTerm, All, Any_, Unless]


@dataclass(frozen=True)
class Pattern:
    """One line of a definition, parsed."""

    source: str  # as written
    expr: Expr
    exclude: bool = False  # a ``NOT …`` line: vetoes the topic

    @property
    def reading(self) -> str:
        """The line in words, for the topic's page."""
        text = describe(self.expr)
        return f"never when {text}" if self.exclude else text


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

@dataclass
class _Tok:
    kind: str  # lp rp q word op ent boost end
    text: str
    column: int
    closed: bool = True


def _tokens(line: str) -> list[_Tok]:
    out: list[_Tok] = []
    pos = 0
    while pos < len(line):
        if not line[pos:].strip():
            break
        m = _TOKEN.match(line, pos)
        if m is None or m.end() == pos:  # pragma: no cover - the word group takes anything else
            raise PatternError(f"cannot read {line[pos:]!r}", pos + 1)
        kind = next(k for k in ("lp", "rp", "q", "boost", "ent", "word") if m.group(k) is not None)
        column = m.start(kind) + 1
        text = m.group(kind)
        if kind == "q":  # the column of the opening quote
            out.append(_Tok("q", text, column - 1, bool(m.group("qend"))))
        elif kind == "word" and text in OPERATORS:
            out.append(_Tok("op", text, column))
        else:
            out.append(_Tok(kind, text, column))
        pos = m.end()
    out.append(_Tok("end", "", len(line) + 1))
    return out


class _Parser:
    def __init__(self, line: str) -> None:
        self.toks = _tokens(line)
        self.i = 0

    @property
    def tok(self) -> _Tok:
        return self.toks[self.i]

    def take(self) -> _Tok:
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def is_op(self, name: str) -> bool:
        return self.tok.kind == "op" and self.tok.text == name

    def line(self) -> tuple[Expr, bool]:
        exclude = False
        if self.is_op("NOT"):
            self.take()
            exclude = True
        expr = self.any_()
        if self.tok.kind != "end":
            raise PatternError(self._unexpected("AND, OR, NOT or the end of the line"),
                               self.tok.column)
        return expr, exclude

    def any_(self) -> Expr:
        items = [self.all_()]
        while self.is_op("OR"):
            self.take()
            items.append(self.all_())
        return items[0] if len(items) == 1 else Any_(tuple(items))

    def all_(self) -> Expr:
        left = self.atom()
        while self.tok.kind == "op" and self.tok.text in ("AND", "NOT"):
            op = self.take().text
            if op == "AND" and self.is_op("NOT"):
                self.take()
                op = "NOT"
            right = self.atom()
            if op == "NOT":
                left = Unless(left, right)
            elif isinstance(left, All) and left.boost == 1:
                left = All((*left.items, right))
            else:
                left = All((left, right))
        return left

    def atom(self) -> Expr:
        tok = self.tok
        expr: Expr
        if tok.kind == "lp":
            self.take()
            expr = self.any_()
            if self.tok.kind != "rp":
                raise PatternError(self._unexpected("a closing )"), self.tok.column)
            self.take()
        elif tok.kind == "q":
            self.take()
            if not tok.closed:
                raise PatternError("a phrase's closing \" is missing", tok.column)
            expr = _phrase(tok.text, tok.column)
        elif tok.kind == "word":
            words = []
            while self.tok.kind == "word":
                words.append(self.take())
            expr = _phrase(" ".join(w.text for w in words), tok.column)
        elif tok.kind == "ent":
            self.take()
            if self.tok.kind == "q":
                name = self.take().text.strip()
            else:
                parts = []
                while self.tok.kind == "word":
                    parts.append(self.take().text)
                name = " ".join(parts)
            if not name:
                raise PatternError("`entity:` needs a name after it", tok.column)
            expr = EntityTerm(name)
        else:
            what = "a word, a \"phrase\", entity: or (" if tok.kind != "op" else "a term"
            raise PatternError(self._unexpected(what), tok.column)
        if self.tok.kind == "boost":
            b = self.take()
            if not re.fullmatch(r"\^\d+", b.text) or not 1 <= int(b.text[1:]) <= MAX_BOOST:
                raise PatternError(f"a weight is ^ and a whole number from 1 to {MAX_BOOST}, "
                                   f"not {b.text!r}", b.column)
            expr = _boosted(expr, int(b.text[1:]))
        return expr

    def _unexpected(self, wanted: str) -> str:
        tok = self.tok
        found = "the end of the line" if tok.kind == "end" else repr(tok.text)
        return f"expected {wanted}, found {found}"


def _phrase(text: str, column: int) -> Phrase:
    prefix = text.rstrip().endswith("*")
    if "*" in text.rstrip().rstrip("*"):
        raise PatternError("* may only end a word or phrase (missile*)", column)
    words = tuple(_WORD.findall(text.rstrip().rstrip("*").casefold()))
    if not words:
        raise PatternError(f"{text!r} has no word to look for", column)
    return Phrase(words, prefix)


def _boosted(expr: Expr, boost: int) -> Expr:
    return replace(expr, boost=boost)


def parse_pattern(line: str) -> Pattern:
    """One pattern line; raises :class:`PatternError` naming the column."""
    text = line.strip()
    if not text:
        raise PatternError("the pattern is empty", 1)
    expr, exclude = _Parser(line).line()
    return Pattern(text, expr, exclude)


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

def describe(expr: Expr, inside: str = "") -> str:
    """An expression in words: “missile…” and (“launch” or “test”), but not “water cannon”."""
    if isinstance(expr, Phrase):
        text = "“" + " ".join(expr.words) + ("…" if expr.prefix else "") + "”"
    elif isinstance(expr, EntityTerm):
        text = f"the entity {expr.name}"
    elif isinstance(expr, All):
        text = " and ".join(describe(e, "and") for e in expr.items)
        text = f"({text})" if inside in ("and", "not") and expr.boost == 1 else text
    elif isinstance(expr, Any_):
        text = " or ".join(describe(e, "or") for e in expr.items)
        text = f"({text})" if inside in ("and", "not") and expr.boost == 1 else text
    else:
        text = f"{describe(expr.base, 'not')}, but not {describe(expr.excluded, 'not')}"
        text = f"({text})" if inside and expr.boost == 1 else text
    if expr.boost != 1:
        text = f"[{text}, counted {expr.boost}×]"
    return text


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
