"""The pattern language of topic definitions: one line parsed into an expression, and read back in words.

Kept apart from the filing (:mod:`briefgen.index.topics`): the syntax is documented
for people who write definitions (``README.md``, "Topic definitions"), and its
parser is the part a definition's error messages (line and column) come from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Union

_WORD = re.compile(r"\w+")

MAX_BOOST = 100

OPERATORS = ("AND", "OR", "NOT")

_TOKEN = re.compile(r'\s*(?:(?P<lp>\()|(?P<rp>\))|"(?P<q>[^"]*)(?P<qend>"?)|(?P<boost>\^\S*)'
                    r'|(?P<ent>entity\s*:)|(?P<word>[^\s()"^]+))', re.IGNORECASE)

class PatternError(ValueError):
    """A pattern line that does not parse; ``column`` is 1-based."""

    def __init__(self, message: str, column: int) -> None:
        super().__init__(message)
        self.message, self.column = message, column

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
