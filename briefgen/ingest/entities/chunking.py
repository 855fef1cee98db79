"""Find proper-noun chunks in running text: the candidates for entity names.

One compiled regular expression finds each run of capitalised words (with the
joining words names use: "University *of* Helsinki", "Jaap *de* Hoop Scheffer")
so the per-word work stays in C; Python then trims each run: stop words and
titles at its start, sentence-initial common words, dates, possessives, and
hyphenated compounds ("US-led" → "US", "anti-Pyongyang" → "Pyongyang").

The output is a list of :class:`Chunk`, each one name as written plus the cues
around it that ``classify`` and ``aliases`` need.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefgen.ingest.entities import cues
from briefgen.ingest.entities.gazetteer import Gazetteer
from briefgen.names import name_key

_WORD = (r"(?:(?:[A-Z]\.){2,}|(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Lt|Col|Sen|Rep|Gov|Prof|Rev|Capt|Sgt|Mt)\."
         r"|[A-Z]\.(?=[ \t][A-Z])"
         r"|[A-Z\u00c0-\u00de][\w]*(?:['’\-][\w]+)*(?:['’](?!\w))?)")
_JOIN = (r"(?:[ \t]+(?:of(?:[ \t]+the)?|for(?:[ \t]+the)?|on(?:[ \t]+the)?|and|&|de|da|di|del|della|van|von|der|den|le|la|bin|ben|"
         r"bint|al|el|ibn|dos|das|du|y)[ \t]+|[ \t]+)")
_SPAN = re.compile(rf"(?<![\w@/]){_WORD}(?:{_JOIN}{_WORD})*")
_LOWER_WORD = re.compile(r"(?<![\w'’./@-])[a-z][a-z]+(?![\w@/]|\.[a-z])")  # not in addresses: "quantcast.com"
_ACRONYM_AFTER = re.compile(r"[ \t]*[(\[]([A-Z][A-Za-z.&]{1,9})[)\]]")
_DOMAIN_AFTER = re.compile(r"\." + cues.WEB_SUFFIX + r"(?!\w|\.\w)")
_POSSESSIVE = re.compile(r"['’]s?$")
_INITIAL_CHARS = frozenset(".!?:;\n")
_OPENERS = frozenset(" \t\"“‘'([—–-*•")
_ABBREV_BEFORE = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Lt|Col|Sen|Rep|Gov|Prof|Rev|Capt|Sgt|Mt|vs)"
                            r"|\b[A-Z])\.$")
# Common nouns whose plural possessive sits inside names ("Korean People's Army").
_INNER_POSSESSORS = frozenset({"People's", "People’s", "Peoples'", "Women's", "Women’s", "Children's",
                               "Children’s", "Men's", "Men’s", "Workers'", "Veterans'", "Farmers'",
                               "Nations'", "Worker's", "Citizens'", "Writers'", "Teachers'"})
_LOWER_HYPHEN_TAILS = frozenset({"led", "based", "backed", "born", "made", "run", "owned", "style",
                                 "era", "occupied", "controlled", "sponsored", "funded", "bound",
                                 "linked", "allied", "related", "held", "friendly", "wide", "level",
                                 "american", "born", "language", "speaking", "flagged", "brokered",
                                 "class", "type", "shaped", "sized", "like", "free", "only", "specific",
                                 "inspired", "critic", "suitable", "concentration", "minded", "known",
                                 "winner", "winning", "nominated", "year-old", "old"})


@dataclass(frozen=True)
class Chunk:
    """One proper-noun name as written, with the cues found around it."""

    text: str  # the name without possessive, titles or leading stop words
    start: int  # offset in the text, for ordering
    initial: bool  # it opens a sentence or headline, so its capital proves nothing
    title: str = ""  # a title stripped from its front ("Defense Minister")
    role: str = ""  # the lower-case role noun just before ("leader", "actor")
    prev: str = ""  # the word just before, lower-cased ("in", "the")
    acronym: str = ""  # "(KCNA)" written right after it
    nationality: bool = False  # "Russian", "North Korean": stands for the country
    after: str = ""  # the word just after, lower-cased ("said", "who")
    place_cue: bool = False  # "the town of …", "the city of …"
    after_place: bool = False  # "Livorno, Tuscany": written after a known place and a comma

    def shifted(self, offset: int) -> Chunk:
        """The same chunk ``offset`` characters later (the body after the headline)."""
        return Chunk(self.text, self.start + offset, self.initial, self.title, self.role, self.prev,
                     self.acronym, self.nationality, self.after, self.place_cue, self.after_place)


def lower_words(text: str) -> frozenset[str]:
    """Words written in lower case somewhere in the text: common words, not names."""
    return frozenset(_LOWER_WORD.findall(text))


def _is_initial(text: str, start: int) -> bool:
    """Whether a chunk opens a sentence, a quotation, a list item or a line."""
    j = start - 1
    quoted = False
    while j >= 0 and text[j] in _OPENERS:
        if text[j] in "—–•*" or (text[j] in "-" and j > 0 and text[j - 1] in " \n"):
            return True
        quoted = quoted or text[j] in "\"“‘"
        j -= 1
    if quoted and j >= 0 and text[j] == ",":  # said, "Superiority in …"
        return True
    if j < 0 or text[j] in _INITIAL_CHARS:
        if j >= 0 and text[j] == "." and _ABBREV_BEFORE.search(text, max(0, j - 6), j + 1):
            return False
        return True
    return False


def _words_before(text: str, start: int) -> tuple[str, str]:
    """The two words just before a chunk on its line, lower-cased ("" after punctuation)."""
    segment = text[max(0, start - 40):start]
    if not segment.endswith((" ", "\t")):
        return "", ""
    words = segment.rsplit(None, 2)
    last = words[-1].lower() if words and words[-1].replace("-", "").isalpha() else ""
    second = words[-2].lower() if last and len(words) > 1 and words[-2].isalpha() else ""
    return last, second


def _word_after(text: str, end: int) -> str:
    segment = text[end:end + 24]
    if not segment.startswith((" ", ",")):
        return ""
    words = segment.replace(",", " , ").split()
    return words[0].lower() if words else ""


def _split_hyphens(word: str, common: frozenset[str] = frozenset()) -> tuple[str, str]:
    """"US-led" → "US", "Pohang-class" → "Pohang", but "Kim Jong-un" keeps its syllable.

    ("anti-Pyongyang" never gets here: the regex starts at the capital.)
    """
    if "-" not in word:
        return word, ""
    head, _, tail = word.partition("-")
    first = tail.split("-")[0]
    if tail and tail[0].islower() and (first in _LOWER_HYPHEN_TAILS or len(head) == 1
                                       or len(first) >= 4 and first in common):
        return ("" if len(head) == 1 else head), "stop"
    return word, ""


def _words_of(span: str) -> list[str]:
    return re.split(r"[ \t]+", span)


def split_runs(span: str, common: frozenset[str] = frozenset(),
               gaz: Gazetteer | None = None) -> list[list[str]]:
    """Cut a regex run into names at possessives, "and" and compound hyphens."""
    runs: list[list[str]] = [[]]
    for word in _words_of(span):
        if runs[-1] and runs[-1][-1].endswith(".") and word in cues.STOP_WORDS:
            runs.append([])  # "… in the U.S. The President …": the sentence ended at the dot
        if word in ("and", "&"):
            runs.append(["&&"] if runs[-1] else [])  # maybe "Food and Agriculture Organization"
            continue
        if word not in _INNER_POSSESSORS and _POSSESSIVE.search(word) and (
                word.endswith(("'s", "’s")) or word[-1] in "'’"):
            runs[-1].append(_POSSESSIVE.sub("", word))
            runs.append([])
            continue
        if "-" in word and word[0].isupper():
            parts = word.split("-")
            # "US-S Korea", "US-South Korean": two names joined by a hyphen
            if len(parts) == 2 and parts[1][:1].isupper() and (
                    parts[0].isupper() and len(parts[0]) <= 4 and (len(parts[1]) > 1 or gaz is not None
                                                                   and gaz.country(parts[0]))
                    or gaz is not None and _known_place(parts[0], gaz) and _known_place(parts[1], gaz)):
                runs[-1].append(parts[0])
                runs.append([parts[1]])
                continue
            kept, stop = _split_hyphens(word, common)
            runs[-1].append(kept)
            if stop:
                runs.append([])
            continue
        runs[-1].append(word)
    return _join_and([r for r in runs if r], gaz)


def _join_and(runs: list[list[str]], gaz: Gazetteer | None) -> list[list[str]]:
    """Re-join names that hold an "and": "Food and Agriculture Organization", "U.S. Securities and
    Exchange Commission", "Department of Health and Human Services"; lists stay cut."""
    out: list[list[str]] = []
    for run in runs:
        if run[0] == "&&":
            run = run[1:]
            if out and run and _and_inside(out[-1], run, gaz):
                out[-1] = [*out[-1], "and", *run]
                continue
        if run:
            out.append(run)
    return out


def _and_inside(left: list[str], right: list[str], gaz: Gazetteer | None) -> bool:
    def known(words: list[str]) -> bool:
        name = " ".join(words)
        return gaz is not None and (bool(gaz.country(name)) or name in gaz.nationalities
                                    or _known_place(name, gaz))
    last = left[-1]
    if last in cues.DIVIDED_HALVES or last.isupper() or right[0] == "The" or known(left) or known(right[:1]):
        return False
    if right[-1] in cues.ORG_HEADS and last not in cues.ORG_HEADS and last not in cues.PLACE_HEADS:
        # "Food and Agriculture Organization", "U.S. Securities and Exchange Commission"
        return len(left) == 1 or len(left) == 2 and (left[0].isupper() or known(left[:1]))
    headed_of = any(w in cues.HEAD_CONNECTORS and i > 0 and left[i - 1] in cues.ORG_HEADS
                    for i, w in enumerate(left))
    return headed_of and len(right) <= 3 and not any(
        w in cues.ORG_HEADS or w in cues.PLACE_HEADS for w in right)  # "Department of Health and Human Services"


def _trim_connectors(words: list[str]) -> list[list[str]]:
    """Keep "of/for/on" only after a head word ("Bay of Bengal"); else cut the name there."""
    out: list[list[str]] = [[]]
    i = 0
    while i < len(words):
        w = words[i]
        if w in cues.HEAD_CONNECTORS or w == "the":
            prev = out[-1][-1] if out[-1] else ""
            if w == "the" and prev in ("of", "for"):
                out[-1].append(w)
            elif w in cues.HEAD_CONNECTORS and (prev in cues.ORG_HEADS or prev in cues.PLACE_HEADS
                                               or prev in _OF_HEADS or prev in cues.OFFICE_TITLES
                                               or "-" in prev and _is_title(prev)):
                out[-1].append(w)
            else:
                if out[-1] and out[-1][-1] in cues.HEAD_CONNECTORS:
                    out[-1].pop()
                out.append([])
            i += 1
            continue
        out[-1].append(w)
        i += 1
    cleaned = []
    for run in out:
        while run and (run[-1] in cues.HEAD_CONNECTORS or run[-1] == "the"):
            run.pop()
        if run:
            cleaned.append(run)
    return cleaned


# Plural or abstract nouns that head "X of Y" names without being org heads.
_OF_HEADS = frozenset({"Daughters", "Sons", "Friends", "Knights", "Order", "Sisters", "Museum",
                       "Bank", "Gulf", "Sea", "Isle", "Republic", "Kingdom", "Duke", "Earl",
                       "Province", "Municipality", "State", "City", "Department",
                       "House", "Houses", "Court", "Chamber", "Cathedral", "Church", "Temple",
                       "Statue", "Tower", "Palace", "Bay", "Strait", "Cape", "Port", "Straits"})


def find_chunks(text: str, gaz: Gazetteer, common: frozenset[str] = frozenset()) -> list[Chunk]:
    """Every proper-noun chunk of ``text`` in reading order (sentence starts still marked)."""
    found: list[Chunk] = []
    place_before = -1  # where the last known place ended: "Livorno, Tuscany" makes Tuscany a place
    for m in _SPAN.finditer(text):
        span, start, end = m.group(), m.start(), m.end()
        initial = _is_initial(text, start)
        prev, prev2 = _words_before(text, start)
        first_at = len(found)
        if _SIMPLE.match(span):  # one plain word: most chunks, so the short road
            if not (span in _SINGLE_JUNK or span in cues.COMMON_ACRONYMS or _is_title(span)
                    or _is_shouted(span)):
                found.append(Chunk(span, start, initial, role=prev if prev in cues.ROLE_NOUNS else "",
                                   prev=prev, nationality=span in gaz.nationalities))
        else:
            first, cursor = True, 0
            for run in split_runs(span, common, gaz):
                for joined in _trim_connectors(run):
                    for words in _split_inside(joined, gaz):
                        at = span.find(words[0], cursor)
                        cursor = max(cursor, at)
                        found.extend(_clean(words, start + max(at, 0), initial if first else False,
                                            prev if first else "", gaz))
                        first = False
        if len(found) == first_at:
            continue
        domain = _DOMAIN_AFTER.match(text, end)
        if domain and found[-1].start + len(found[-1].text) == end:
            last = found[-1]  # "Metro.us", "Amazon.com": a website, named with its domain
            found[-1] = Chunk(last.text + domain.group(), last.start, last.initial, last.title, last.role,
                              last.prev)
            end = domain.end()
        acronym = _ACRONYM_AFTER.match(text, end)
        next_word = "'s" if span.endswith(("'s", "’s")) else _word_after(text, end)
        if acronym or next_word:
            last = found[-1]
            found[-1] = Chunk(last.text, last.start, last.initial, last.title, last.role, last.prev,
                              acronym.group(1).replace(".", "") if acronym else last.acronym,
                              last.nationality, next_word, last.place_cue, last.after_place)
        if _known_place(found[-1].text, gaz):
            place_before = end
        town_of = prev == "of" and prev2 in cues.PLACE_NOUNS
        after_place = start == place_before + 2 and text[start - 2] == ","
        if town_of or after_place:
            c = found[first_at]
            found[first_at] = Chunk(c.text, c.start, c.initial, c.title, c.role, c.prev, c.acronym,
                                    c.nationality, c.after, town_of or c.place_cue, after_place)
    return _inverted_names(text, found, gaz)


def _inverted_names(text: str, found: list[Chunk], gaz: Gazetteer) -> list[Chunk]:
    """A reference list's "Christie, Agatha." is one person, Agatha Christie: the given name
    after a surname opening a line becomes the whole name (the surname stays, as its short form)."""
    for i in range(1, len(found)):
        surname, given = found[i - 1], found[i]
        end = surname.start + len(surname.text)
        if given.start == end + 2 and text[end:end + 2] == ", " and " " not in surname.text \
                and given.text in gaz.given_names \
                and (surname.start == 0 or text[surname.start - 1] == "\n") \
                and text[given.start + len(given.text):given.start + len(given.text) + 1] in (".", "") \
                and not _known_place(surname.text, gaz):
            found[i] = Chunk(f"{given.text} {surname.text}", given.start, False)
    return found


_SIMPLE = re.compile(r"^[A-Za-z\u00c0-\u024f]+$")
_CONTRACTION = re.compile(r"['’](?:m|ve|ll|re|d|t)$")


_TRAILING_JOINERS = frozenset({"of", "for", "on", "the", "and", "&"}) | cues.NAME_PARTICLES
_SINGLE_JUNK = cues.WEEKDAYS | cues.JUNK_WORDS | cues.MONTHS | cues.STOP_WORDS


def _is_junk(word: str) -> bool:
    return (word in _SINGLE_JUNK or word.isdigit() or bool(_CONTRACTION.search(word))
            or _is_shouted(word))


def _shouted_phrase(words: list[str]) -> bool:
    """A sentence in capitals ("IT WAS A DISASTER"): half its words or more are common words."""
    return (len(words) > 1 and all(w.isupper() for w in words)
            and 2 * sum(w.capitalize() in _SINGLE_JUNK for w in words) >= len(words))


def _is_shouted(word: str) -> bool:
    """A common word in capitals for emphasis ("high quality AND comprehensive", "ALL of our people")."""
    return (len(word) >= 3 and word.isupper() and word.capitalize() in _SINGLE_JUNK
            and word not in cues.STOPWORD_ACRONYMS)


def _clean(words: list[str], start: int, initial: bool, prev: str, gaz: Gazetteer) -> list[Chunk]:
    out: list[Chunk] = []
    words = [w for w in words if w]
    # leading stop words, dates, page furniture: "The", "But", "Monday", "Last Updated"
    while words and _is_junk(words[0]):
        if words[0] == "The" and not initial and len(words) > 1 and words[1] not in cues.TITLES:
            break  # "The New York Times" mid-sentence: the article is part of the name
        if words[0] in cues.MONTH_NAMES_TOO and len(words) > 1 and words[1][:1].isupper() \
                and words[1] not in cues.MONTHS and not words[1][:1].isdigit() and len(words) == 2:
            break
        words = words[1:]
        initial = False
    while words and (_is_junk(words[-1]) and words[-1] != "The"
                     or len(words) > 2 and words[-1] in cues.TRAILING_TITLES
                     or words[-1] in _TRAILING_JOINERS):
        words = words[:-1]
    if not words or _shouted_phrase(words):
        return out
    role = prev if prev in cues.ROLE_NOUNS else ""
    last = words[-1]
    headed = last in cues.ORG_HEADS or (last in cues.PLACE_HEADS and last not in cues.SURNAME_HEADS)
    # a country or nationality before a title: "Russian Defense Minister Sergei Shoigu"
    if len(words) > 2 and not headed:
        for n in (2, 1):
            lead = " ".join(words[:n])
            lead_key = name_key(lead)
            if len(words) > n and words[n] in cues.TITLES and (
                    lead in gaz.nationalities or gaz.country(lead) or lead_key in gaz.places
                    or gaz.cities.get(lead_key, 0) >= 15_000):
                out.append(Chunk(lead, start, initial, prev=prev, nationality=lead in gaz.nationalities))
                words = words[n:]
                initial = False
                break
    # a country before a personal name: "United States Hamdullah Mohib"
    if len(words) >= 3 and not headed:
        for n in (3, 2, 1):
            lead = " ".join(words[:n])
            rest = words[n:]
            if 2 <= len(rest) <= 3 and gaz.country(lead) and not gaz.country(" ".join(rest)) \
                    and rest[0] not in cues.TITLES and rest[0] not in cues.STOP_WORDS \
                    and all(w[:1].isupper() for w in rest):
                out.append(Chunk(lead, start, initial, prev=prev))
                words, initial = rest, False
                break
    if headed and "of" in words and _is_title(words[0]):
        # an office: "Inspector-General of Police"; keep the body it heads ("CEO of the Refugee Council")
        body = [w for w in words[words.index("of") + 1:] if w != "the"]
        if len(body) > 1:
            out.append(Chunk(" ".join(body), start, False, prev="of"))
        return out
    title: list[str] = []
    if not headed:
        while len(words) > 1 and (_is_title(words[0]) or _role_before_name(words, gaz)):
            title.append(words[0])
            words = words[1:]
            initial = False
        if len(words) == 1 and _is_title(words[0]):
            return out
        if title and words[0] in ("of", "the", "for", "on"):
            # "Secretary of State Hillary Clinton", "President of France"
            rest = [w for w in words[1:] if w != "the"]
            given = next((i for i, w in enumerate(rest) if i < len(rest) - 1 and (
                w in gaz.given_names or w.rstrip(".") in cues.TITLES and i > 0)), None)
            if given is not None:
                office = " ".join(rest[:given])
                if office and (_known_place(office, gaz) or name_key(office) in gaz.places):
                    # "Minister for the Middle East Tobias Ellwood": the region too
                    out.append(Chunk(office, start + max(0, len(" ".join(title)) + 1), False, prev="of"))
                title += ["of", *rest[:given]]
                words = rest[given:]
                while len(words) > 1 and _is_title(words[0]):
                    title.append(words[0])
                    words = words[1:]
            elif rest and _known_place(" ".join(rest), gaz):
                return out + [Chunk(" ".join(rest), start, False, prev="of")]
            else:
                return out
    tail = _country_tail(words, gaz)
    if tail:  # "Colorado State University of the US": the university, then the country
        country = " ".join(words[tail:]).removeprefix("the ")
        out.extend(_clean(words[:tail - 1], start, initial, prev, gaz))
        out.append(Chunk(country, start + len(" ".join(words[:tail])) - len(country), False, prev="of"))
        return out
    name = " ".join(words)
    if not any(c.isalpha() for c in name) or name in cues.COMMON_ACRONYMS:
        return out
    if len(words) > 1 and all(w.isupper() and len(w) > 1 for w in words) and not _known_place(name, gaz):
        return out  # "RENUNCIATION OF WAR": shouted headings, not names
    if len(words) > 1:
        out.extend(_nested_places(words, name, start, gaz))
    out.append(Chunk(name, start, initial, title=" ".join(title), role=role, prev=prev,
                     nationality=name in gaz.nationalities))
    return out


def _role_before_name(words: list[str], gaz: Gazetteer) -> bool:
    """A capitalised job or creed before a personal name: "Biologist Nick Bos", "Journalist Anna
    Politkovskaya", "Scientologist Tom Cruise", "Republican Ken Cuccinelli"."""
    first = words[0]
    role = first.lower() in cues.ROLE_NOUNS and first.lower() not in _NAME_ROLES
    creed = first in _PARTY_MEMBERS or len(first) > 5 and first.endswith("ist") and first[1:].islower()
    return len(words) >= 3 and (role or creed) and words[1] in gaz.given_names


_PARTY_MEMBERS = frozenset({"Republican", "Democrat", "Conservative", "Tory", "Labourite"})


# Role nouns that are names too ("Chief", "Head" are titles already; "Mother Teresa" stays)
_NAME_ROLES = frozenset({"mother", "father", "sister", "brother", "son", "king", "queen", "prince",
                         "princess", "director", "general", "chief", "head", "deputy", "captain"})


def _country_tail(words: list[str], gaz: Gazetteer) -> int:
    """Where "of (the) <country>" starts after a name that is already whole ("University of
    Sheffield of the UK", "Colorado State University of the US"), else 0."""
    if words.count("of") < 1 or len(words) < 4:
        return 0
    at = len(words) - 1 - words[::-1].index("of")
    rest = [w for w in words[at + 1:] if w != "the"]
    before = words[:at]
    if not rest or not gaz.country(" ".join(rest)) or not before:
        return 0
    # a second "of" ("University of Sheffield of the UK"), or "of the" after a head word
    # ("Colorado State University of the US"); "Medical Journal of Australia" is one name
    whole = "of" in before or before[-1] in cues.ORG_HEADS and words[at + 1] == "the"
    return at + 1 if whole and len(before) >= 2 else 0


def _is_title(word: str) -> bool:
    """"President", "Dr.", and hyphenated titles ("Secretary-General", "Inspector-General")."""
    word = word.rstrip(".")
    return word in cues.TITLES or word in cues.OFFICE_TITLES or ("-" in word and all(p.capitalize() in cues.TITLES for p in word.split("-")))


def _split_inside(words: list[str], gaz: Gazetteer) -> list[list[str]]:
    """Cut a run where an organisation's name ends and a title or a person's name begins.

    "Secret Service Director John Smith" → "Secret Service" + "Director John Smith";
    "Refugee Council Enver Solomon" → "Refugee Council" + "Enver Solomon".
    """
    n = len(words)
    for j in range(1, n - 1):
        if _is_title(words[j]) and not _is_title(words[j - 1]) and words[j - 1] not in cues.HEAD_CONNECTORS:
            k = j
            while k < n and _is_title(words[k]):
                k += 1
            if k < n and any(words[x] in cues.OFFICE_TITLES for x in range(j, k)):
                return [words[:j], *_split_inside(words[j:], gaz)]
    for j in range(2, n - 1):
        if n - j in (2, 3) and words[j] in gaz.given_names and words[j - 1] not in cues.HEAD_CONNECTORS \
                and any(w in cues.ORG_HEADS for w in words[:j]) \
                and not any(w in cues.ORG_HEADS or w in cues.PLACE_HEADS for w in words[j:]):
            return [words[:j], words[j:]]
    return [words]


def _known_place(name: str, gaz: Gazetteer) -> bool:
    key = name_key(name)
    return bool(gaz.country(name) or key in gaz.places or gaz.cities.get(key, 0) >= 15_000)


def _nested_places(words: list[str], name: str, start: int, gaz: Gazetteer) -> list[Chunk]:
    """Places named inside a longer name: "University of Copenhagen", "Irving Police Department"."""
    if len(words) < 2 or _known_place(name, gaz):
        return []
    nested: list[Chunk] = []
    if "of" in words:
        at = words.index("of")
        inner = " ".join(w for w in words[at + 1:] if w != "the")
        head = words[at - 1] if at > 0 else ""
        for text in inner.split(" and ") if inner else ():  # "… of Australia and New Zealand"
            if head in cues.PLACE_OF_HEADS:
                nested.append(Chunk(text, start + name.find(text), False, prev="of", place_cue=True))
            elif (head in cues.ORG_HEADS or head in cues.PLACE_HEADS or head in _OF_HEADS) \
                    and _known_place(text, gaz):
                nested.append(Chunk(text, start + name.find(text), False, prev="of"))
    first = words[0]
    if len(first) >= 3 and first.isupper() and first.isalpha() and first not in cues.COMMON_ACRONYMS \
            and not gaz.country(first):
        nested.append(Chunk(first, start, False))
    skip = 1 if first == "The" else 0  # "The New York Times": the place is "New York"
    for n in (3, 2, 1):
        lead = " ".join(words[skip:skip + n])
        # not "Metro" in "Metro Toronto Convention Centre": a word before a place's name qualifies it
        if skip + n < len(words) and words[skip + n] not in ("of", "the") and _known_place(lead, gaz) \
                and not _known_place(words[skip + n], gaz) \
                and lead not in gaz.nationalities and lead not in cues.DIVIDED_HALVES:
            nested.append(Chunk(lead, start + (4 if skip else 0), False, prev="in"))
            break
    return nested
