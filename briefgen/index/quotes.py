"""Who said what: quotes and reported speech with their speaker, found in one article's text.

Run at ingest (:mod:`briefgen.ingest.quotes` writes them into the front matter) and at build
for content written before that. Read paragraph by paragraph, in two passes (the wording is
in :mod:`quote_forms`):

1. **Direct quotes** are read on the whole paragraph, not sentence by sentence, because a
   quotation runs over sentences (``"War maniacs … afternoon. They perpetrated …", said
   KCNA.``): each quoted passage of four words or more takes the attribution right after
   its closing mark (``"…," Kim said``, ``"…", said KCNA``, ``"…" - Matthew Ingram``), right
   before its opening one (``He said, "…"``, ``She continued: "…"``), or a colon or
   participle bringing it in (``Sunak defended the record: "…"``, ``…, writing "…"``; only
   a person or a described source speaks so), or a paragraph ending ``X tweeted …:`` before
   it. A passage with none that opens a sentence continues the quote before it (``"…," he
   said. "…"``, also across a paragraph break): one quote, its parts joined by " … ". Short
   quoted words ("quasi-state of war") are scare quotes, not statements.
2. **Reported speech**, sentence by sentence where no direct quote was found:
   ``X quoted Y as saying …`` (Y is the speaker), ``…, X said (Monday).``, ``…, said X.``,
   ``according to X, …`` / ``…, according to X.``, ``As X told Z, …``, and ``X said
   (that) …`` / ``X told Z …`` at every verb of saying in a sentence (``…, but X says …``,
   ``X noted A, and Y said B``; X a name, a description such as "the report's authors", or
   a pronoun; ``X, a spokesman for Y, said …``). Verbs of thinking and finding ("believes",
   "found") count only before a clause, verbs that often take a thing ("announced",
   "recalled", "wrote") only before ``that``, a quote, a name or a clause with an
   auxiliary. Negated speech ("have not said") and the writer's own "I think" are no quotes.

The speaker is tied to one of the article's entities (``surfaces``: surface → entity slug,
as the site index has it): as written ("Kim" → kim-jong-un), by the name it ends on ("Home
Secretary Suella Braverman"), or by a surname the article used for a longer name
("Rathbun" → Mark Rathbun). "he" / "she" / "I" is the person named last, "it" the
organisation named last; a description ("state media", "the report") stays a description.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Mapping, Sequence

from briefgen.index import quote_forms as f
from briefgen.index.sentences import sentence_spans
from briefgen.index.surfaces import SurfaceFinder, occurs, surface_finder
from briefgen.model import Said


@dataclass(frozen=True)
class Quote:
    """One attributed statement: what was said, by whom (as written) and which entity that is."""

    text: str
    speaker: str
    entity: str | None  # entity slug; None for a description ("state media") or an unknown name
    kind: str  # which form found it (see the module docstring)


_PERSON_PRONOUNS = {"he", "she", "i", "him", "her"}
_ORG_PRONOUNS = {"it"}
_NOT_SPEAKERS = {"this", "that", "there", "which", "who", "what", "and", "but", "you", "one",
                 "these", "those", "something", "nothing", "anyone", "everyone", "reports",
                 "here", "so", "then", "now", "the"}
_FIRST_PERSON = {"i", "we", "you"}
_MIN_WORDS = 4  # a quoted passage shorter than this is a scare quote


class _Reader:
    """One article's speakers: resolves names and pronouns against what was read so far."""

    def __init__(self, surfaces: Mapping[str, str], types: Mapping[str, str]) -> None:
        self.surfaces = surfaces
        self.types = types
        self.earlier: list[str] = []
        self._finders: dict[str, SurfaceFinder | None] = {}
        self._surnames: dict[str, str] | None = None

    def finder(self, kind: str) -> SurfaceFinder | None:
        if kind not in self._finders:
            self._finders[kind] = surface_finder(
                s for s, slug in self.surfaces.items() if self.types.get(slug) == kind)
        return self._finders[kind]

    def last_named(self, kind: str, before: str = "") -> str | None:
        """The entity of type ``kind`` named last before this point."""
        finder = self.finder(kind)
        if finder is None:
            return None
        for text in [before, *reversed(self.earlier)] if before else reversed(self.earlier):
            names = [m.name for m in finder.finditer(text)]
            if names:
                return self.surfaces[names[-1]]
        return None

    def surname(self, word: str) -> str | None:
        """The entity whose longer name ends in ``word``, when only one does."""
        if self._surnames is None:
            ends: dict[str, set[str]] = {}
            for s, slug in self.surfaces.items():
                parts = s.split()
                if len(parts) > 1:
                    ends.setdefault(parts[-1], set()).add(slug)
            self._surnames = {w: next(iter(v)) for w, v in ends.items() if len(v) == 1}
        return self._surnames.get(word)

    def entity(self, speaker: str, before: str = "") -> str | None:
        low = speaker.lower()
        if low in _PERSON_PRONOUNS:
            return self.last_named("person", before)
        if low in _ORG_PRONOUNS:
            return self.last_named("organization", before)
        if low in ("they", "we"):
            return None
        name = re.sub(r"^(?:the|The)\s+", "", speaker)
        for candidate in (speaker, name):
            if candidate in self.surfaces:
                return self.surfaces[candidate]
        # a name inside a longer speaker: the one it ends on ("Facebook co-founder Mark
        # Zuckerberg" is Zuckerberg), else, when it ends on no unknown name, the longest
        # ("Yonhap news agency")
        inside = [s for s in self.surfaces if s and s in speaker and occurs(speaker, s)]
        ending = [s for s in inside if speaker.endswith(s)]
        if ending:
            return self.surfaces[max(ending, key=len)]
        last = speaker.split()[-1]
        if inside and not last[:1].isupper():
            return self.surfaces[max(inside, key=len)]
        for word in reversed(re.findall(r"[A-Z][\w'’\-]+", speaker)):
            found = self.surname(word)
            if found is not None:
                return found
        return None

    def quote(self, text: str, speaker: str, kind: str, before: str = "") -> Quote | None:
        text = text.strip().strip(f.OPEN + f.CLOSE + " ,;:").strip()
        words = speaker.strip().strip(",").removesuffix(".").split()
        while words and words[0].lower() in f.NOT_NAMES:
            words = words[1:]
        speaker = " ".join(words)
        if not kind.startswith("direct") and speaker.lower() in _FIRST_PERSON:
            return None  # the writer's own view ("I think …"), no one else's statement
        if (not speaker or speaker.lower() in _NOT_SPEAKERS or len(text.split()) < 3
                or speaker.split()[0].lower() in ("which", "who", "that", "what", "this", "it's")):
            return None
        return Quote(text, speaker, self.entity(speaker, before), kind)


def find_quotes(blocks: Sequence[str], surfaces: Mapping[str, str],
                types: Mapping[str, str] | None = None) -> tuple[Quote, ...]:
    """The attributed statements of one article's paragraphs, in reading order.

    ``surfaces``: surface → entity slug; ``types``: entity slug → type (for pronouns).
    """
    reader = _Reader(surfaces, types or {})
    found: list[Quote] = []
    last: Quote | None = None  # the last attributed direct quote, for a continued one
    for text in blocks:
        if reader.earlier and reader.earlier[-1].rstrip().endswith(":"):
            last = _introducer(reader.earlier[-1], reader)  # `X tweeted:` ¶ `"…"`
            if last is not None and not text.lstrip().startswith(tuple(f.OPEN)) \
                    and len(text.split()) >= _MIN_WORDS:
                # `In it, Norton observed:` ¶ a statement set as a block, without marks
                found.append(Quote(text.strip(), last.speaker, last.entity, "block-introduced"))
                reader.earlier.append(text)
                last = None
                continue
        before = last
        direct, covered, last = _direct(text, reader, last)
        if direct and direct[0][1].kind == "direct-continued" and found and found[-1] is before:
            # a quotation running on into this paragraph: one quote with the one before
            first = direct[0][1]
            direct[0] = (direct[0][0], _joined(found.pop(), first.text))
            if last is first:
                last = direct[0][1]
        spans = sentence_spans(text) if f.has_cue(text) else []
        at = 0
        for start, end in spans:
            if any(s < end and start < e for s, e in covered):
                continue
            sentence = text[start:end].strip()
            while at < len(direct) and direct[at][0] < start:
                found.append(direct[at][1])
                at += 1
            if f.has_cue(sentence):
                found.extend(_reported(sentence, reader, text[:start]))
        found.extend(q for _, q in direct[at:])
        reader.earlier.append(text)
    return tuple(found)


def _joined(first: Quote, more: str) -> Quote:
    """One quote continued: the words left out between its parts shown as "…"."""
    return Quote(f"{first.text} … {more}", first.speaker, first.entity, first.kind)


def _direct(text: str, reader: _Reader, last: Quote | None
            ) -> tuple[list[tuple[int, Quote]], list[tuple[int, int]], Quote | None]:
    """The direct quotes of one paragraph, with the spans they and their attributions cover,
    and the last attributed quote (which a quote opening the next paragraph may continue)."""
    out: list[tuple[int, Quote]] = []
    covered: list[tuple[int, int]] = []
    previous_end = 0
    if not text.lstrip().startswith(tuple(f.OPEN)):
        last = None  # only a paragraph opening on a quote continues the one before it
    for m in f.QUOTED.finditer(text):
        inner = m.group("c") if m.group("c") is not None else m.group("s")
        if len(inner.split()) < _MIN_WORDS:
            continue
        tail = text[m.end():m.end() + 160]
        tail = tail[:_clause_end(tail)]
        after = f.AFTER_QUOTE.match(tail)
        window = max(previous_end, m.start() - 200)
        window += len(text[window:m.start()]) - len(text[window:m.start()].lstrip())
        # (a verb of saying near the end first: the full form is costly, and most quotes
        # are attributed after they close)
        before = (_last_match(f.BEFORE_QUOTE, text[window:m.start()])
                  if f.has_cue(text[max(window, m.start() - 60):m.start()]) else None)
        quote: Quote | None = None
        if after is not None:
            speaker = after.group("sp") or after.group("sp2") or after.group("sp3") or ""
            quote = reader.quote(inner, speaker, "direct-after", text[:m.start()])
            if quote is not None:
                covered.append((m.start(), m.end() + after.end()))
        if quote is None and before is not None:
            quote = reader.quote(inner, before.group("sp"), "direct-before", text[:m.start()])
            if quote is not None:
                covered.append((window + before.start("sp"), m.end()))
                if out and out[-1][1] is last and last.speaker == quote.speaker:
                    # `"…," X told the press, "…"`: one quote around its attribution
                    out[-1] = (out[-1][0], _joined(last, quote.text))
                    last = out[-1][1]
                    previous_end = m.end()
                    continue
        if quote is None and f.INTRODUCED.search(text[window:m.start()]):
            opening = _sentence_start(text, m.start())
            subject = f.SUBJECT.match(text[opening:m.start()])
            if subject is not None:
                quote = reader.quote(inner, subject.group("sp"), "direct-introduced",
                                     text[:m.start()])
                # only a person speaks in a sentence about something else ("The Guardian
                # lists the questions: "…"" quotes the questionnaire, not the paper)
                if quote is not None and (reader.types.get(quote.entity or "") != "person" if
                                          quote.entity else not f.DESCRIBED.match(quote.speaker)):
                    quote = None
                if quote is not None:
                    covered.append((opening, m.end()))
        if quote is None and last is not None and _opens_sentence(text, m.start()):
            # one quote, opened and continued: the passage joins the quote before it
            joined = _joined(last, inner.strip().strip(" ,;:"))
            covered.append((m.start(), m.end()))
            if out and out[-1][1] is last:
                out[-1] = (out[-1][0], joined)
            else:
                out.append((m.start(), Quote(inner.strip().strip(" ,;:"), last.speaker,
                                             last.entity, "direct-continued")))
            last = out[-1][1]
            previous_end = m.end()
            continue
        if quote is not None:
            out.append((m.start(), quote))
            last = quote
            previous_end = m.end()
    return out, covered, last


def _introducer(paragraph: str, reader: _Reader) -> Quote | None:
    """A paragraph ending ``X tweeted using his account:`` brings in the quote of the next
    one: its speaker, as a quote the next one continues (``None`` when there is no speaker)."""
    spans = sentence_spans(paragraph)
    sentence = paragraph[spans[-1][0]:] if spans else paragraph
    subject = f.SUBJECT.match(sentence)
    if subject is None or not f.has_cue(sentence):
        return None
    speaker = subject.group("sp").strip()
    if speaker.lower() in _NOT_SPEAKERS or speaker.split()[0].lower() in f.NOT_NAMES:
        return None
    return Quote("", speaker, reader.entity(speaker, paragraph[:spans[-1][0]] if spans else ""),
                 "direct-introduced")


def _last_match(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The match starting last: the shortest speaker before the verb ("Corinne Momal-Vanian,
    UN spokesperson, said", not the sentence before it as well)."""
    found = pattern.search(text)
    while found is not None:
        later = pattern.search(text, found.start() + 1)
        if later is None:
            break
        found = later
    return found


def _clause_end(tail: str) -> int:
    """Where the attribution after a closing quote can end: at the next opening quote."""
    ends = [i for i in (tail.find("“"), tail.find(" \"")) if i >= 0]
    return min(ends) if ends else len(tail)


def _sentence_start(text: str, at: int) -> int:
    """Where the sentence holding position ``at`` starts."""
    starts = [s for s, _ in sentence_spans(text[:at]) if s < at]
    return starts[-1] if starts else 0


def _opens_sentence(text: str, at: int) -> bool:
    head = text[:at].rstrip()
    return not head or head[-1] in ".!?:;"


def _reported(sentence: str, reader: _Reader, before: str) -> list[Quote]:
    """A sentence's reported statements: the first form that matches, and every ``X said …``
    inside it that adds a statement (``X noted …, and she believed …``)."""
    out: list[Quote] = []
    for kind, pattern in f.SENTENCE_FORMS:
        m = pattern.search(sentence)
        if m is None:
            continue
        groups = m.groupdict()
        speaker = (groups.get("sp") or groups.get("sp2") or "").strip()
        verb = groups.get("v") or groups.get("v2") or ""
        if verb and f.WEAK.match(verb):
            continue
        if kind.startswith("according"):
            speaker = re.sub(r"^(?:a|an)\s+", "", speaker)
        quote = reader.quote(m.group("q"), speaker, kind, before + sentence[:m.start()])
        if quote is not None:
            out.append(quote)
            break
    for quote in _reported_mid(sentence, reader, before):
        if not any(quote.text in q.text or q.text in quote.text for q in out):
            out.append(quote)
    return out


def _reported_mid(sentence: str, reader: _Reader, before: str) -> list[Quote]:
    """``… SPEAKER said (that) CONTENT`` anywhere in a sentence, at every verb of saying: the
    speaker is the clause before the verb (a name, a description, a pronoun; an apposition
    after it skipped)."""
    out: list[tuple[int, int, Quote]] = []  # (where the content starts, the speaker starts, quote)
    if sentence.rstrip().endswith(":"):
        return []  # `X tweeted using his account:` brings in a quote, it is none
    pos = 0
    while (m := f.MID_VERB.search(sentence, pos)) is not None:
        pos = m.start("v") + 1
        head = sentence[:m.start()]
        coordinated = f.COORDINATED.search(head)
        if coordinated is not None:
            head = head[:coordinated.start()]
        starts = [c.end() for c in f.CLAUSE.finditer(head)]
        if head.rstrip().endswith(",") and len(starts) > 1:
            starts = starts[:-1]  # `X, a spokesman for Y, said`: the apposition names no one new
        for start in reversed(starts or [0]):
            speaker = head[start:].strip().rstrip(",")
            if not speaker:
                continue
            if len(speaker.split()) > 18 or not f.SPEAKERISH.match(speaker):
                continue
            apposed = f.APPOSITION.match(speaker)
            if apposed:
                speaker = apposed.group("sp")
            if f.NEGATED.search(sentence[m.start():m.start("v")]):
                break  # "officials have not said why …": nothing was said
            content = m.group("q")
            trailing = f.TRAILING.search(content) if f.has_cue(content[-60:]) else None
            if trailing is not None:
                content = content[:trailing.start()]
            if f.WEAK.match(m.group("v")) and not f.CLAUSE_START.match(content):
                break
            # "that" may stand after a time ("announced on Friday that …")
            that = re.search(r"\bthat\s*$", sentence[m.end("v"):m.start("q")]) is not None
            if f.WRITE.match(m.group("v")) and not (that or f.THAT_OR_QUOTE.match(content)
                                                     or f.FINITE.search(content)):
                break
            if f.OBJECT_VERBS.match(m.group("v")) and not (that or f.CLAUSE_OPENING.match(content)
                                                           or f.FINITE.search(content)):
                break
            quote = reader.quote(content, speaker, "reported-mid", before + head)
            if quote is not None:
                out.append((m.start("q"), start, quote))
            break
    # `X noted A, and Y said B`: A ends where Y's clause starts
    cut: list[Quote] = []
    for i, (begin, _, quote) in enumerate(out):
        later = [s for b, s, _ in out[i + 1:] if s > begin]
        if later:
            text = re.sub(r"[\s,;]*(?:\b(?:and|but|while|as|so|because|when|where|after))?[\s,;]*$",
                          "", sentence[begin:later[0]])
            if len(text.split()) < 3:
                continue
            quote = Quote(text.strip(f.CLOSE + f.OPEN), quote.speaker, quote.entity, quote.kind)
        cut.append(quote)
    return cut


def given_quotes(said: Sequence[Said], surfaces: Mapping[str, str]) -> tuple[Quote, ...]:
    """The quotes a content file lists (a person's word wins over finding them again), the
    entity named tied to the article's entity of that name or alias."""
    return tuple(Quote(s.text, s.speaker, surfaces.get(s.entity) if s.entity else None, "listed")
                 for s in said)


def named_in(said: Sequence[Quote], surfaces: Mapping[str, str]) -> list[tuple[str, ...]]:
    """The entities each of an article's quotes names (its speaker's aside), in order of
    first mention; one finder for the article's names, however many quotes it has."""
    finder = surface_finder(surfaces) if said else None
    if finder is None:
        return [() for _ in said]
    out = []
    for quote in said:
        found = dict.fromkeys(surfaces[m.name] for m in finder.finditer(quote.text))
        if quote.entity is not None:
            found.pop(quote.entity, None)
        out.append(tuple(found))
    return out
