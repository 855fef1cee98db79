"""Decide whether a name is a person, an organisation or a place.

Evidence is weighed in a fixed order, strongest first, so a reader can tell
why a name got its type: gazetteer countries and metonyms; the name's head word
("… Agency", "… Sea"); a title or role noun written before it; the shape of a
personal name (a known given name first, a family-name-first surname, a
surname ending); city gazetteer and locative prepositions; then defaults.
"""

from __future__ import annotations

import re
from typing import Iterable

from briefgen.ingest.entities import cues
from briefgen.ingest.entities.chunking import Chunk
from briefgen.ingest.entities.gazetteer import Gazetteer
from briefgen.names import name_key

LOCATIVES = frozenset({"in", "near", "outside", "inside", "across", "throughout", "visited"})
_DIRECTIONS = frozenset({"North", "South", "East", "West", "Central", "Northeast", "Northwest",
                         "Southeast", "Southwest"})
_INITIAL = re.compile(r"(?:[A-Z]\.)+")
_CAMEL = re.compile(r"[a-z][A-Z]")
_CITED = re.compile(r"(?:\((?:1[6-9]|20)\d\d[a-z]?\b|et$)")
_NAME_PREFIXES = ("Mc", "Mac", "O'", "D'", "La", "Le", "De", "Di", "Da", "Du", "Van", "Von", "St")
_NOT_NAME_ENDINGS = ("ive", "al", "ic", "ous", "ed", "ing", "ary", "ern", "ful", "ology", "ism", "ity",
                     "ment", "tion", "ness")
_SURNAME_ENDINGS = ("ov", "ova", "ev", "eva", "sky", "ski", "ska", "son", "sen", "ez", "escu",
                    "enko", "vich", "ovic", "yan", "idis", "opoulos", "oglu", "stein",
                    "berg", "mann", "ini", "elli", "etti", "ucci", "ek")


def _camel(word: str) -> bool:
    """"RealSense", "PlayStation": a brand's inner capital (not "McBride", "O'Neil")."""
    if word[1:].islower() or word.isupper():
        return False
    for prefix in _NAME_PREFIXES:  # "McBride", "LaToya", "DeBose"
        if word.startswith(prefix) and word[len(prefix):len(prefix) + 1].isupper():
            return bool(_CAMEL.search(word[len(prefix):]))
    return bool(_CAMEL.search(word))


_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&.]{1,7}$")


def is_acronym(name: str) -> bool:
    return bool(_ACRONYM.match(name)) and sum(c.isupper() for c in name) >= 2


def head_type(words: list[str], given_first: bool, gaz: Gazetteer | None = None) -> str | None:
    """The type a head word gives ("Agency" → organization, "Sea" → place), else ``None``."""
    if gaz is not None:  # "Trinity College Dublin", "University College London"
        for i in range(1, len(words) - 1):
            if words[i] in cues.ORG_HEADS and words[i] not in cues.SURNAME_HEADS:
                rest = " ".join(words[i + 1:])
                if gaz.country(rest) or name_key(rest) in gaz.places or gaz.cities.get(name_key(rest), 0) >= 15_000:
                    return "organization"
    if len(words) >= 2 and words[0] in cues.PLACE_STARTS and words[0] != "Sheikh" and not given_first \
            and words[1][:1].isupper() and words[-1] not in cues.ORG_HEADS:
        return "place"  # "Lake Tharthar", "Jabal Sinjar", "Fort Worth"
    for i in range(len(words) - 1, -1, -1):
        word = words[i].rstrip(".")
        last = i == len(words) - 1
        joined = not last and words[i + 1] in cues.HEAD_CONNECTORS
        if not (last or joined) or (i == 0 and last):
            continue
        if word in cues.PLACE_OVER_ORG:
            return "organization" if joined else "place"  # "Center for Scientific Research"
        if word in cues.ORG_HEADS and not (given_first and last and word in cues.SURNAME_HEADS):
            return "organization"
        if word in cues.PLACE_HEADS and not (given_first and last and word in cues.SURNAME_HEADS):
            return "organization" if i > 0 and words[i - 1] in cues.ORG_HEADS else "place"
    return None


def _plural_noun(word: str, common: frozenset[str]) -> bool:
    """A capitalised plural noun ("Pirates", "Jays", "Scouts"), not a surname in -s ("Williams")."""
    if len(word) < 4 or not word.endswith("s") or word.endswith(("ss", "us", "is", "ys'")) or not word[1:].islower():
        return False
    singular = word[:-1].lower()
    return singular in common or word.lower() in common or word.endswith(("ers", "ians", "ists", "ays", "ins",
                                                                         "ons", "ics", "ets", "ors"))


def looks_like_person(words: list[str], gaz: Gazetteer, common: frozenset[str]) -> bool:
    """A personal name's shape: "Sergei Shoigu", "Kim Jong Un", "Hwang Hee-Chan"."""
    if not 2 <= len(words) <= 5 or any(w.isupper() and len(w) > 1 and not _INITIAL.fullmatch(w)
                                       for w in words):
        return False
    if words[0] in gaz.given_names or words[0].rstrip(".") in gaz.given_names:
        return True
    if words[0] in cues.FAMILY_FIRST and len(words) <= 3:
        return True
    if re.fullmatch(r"[A-Z]\.", words[0]):  # "L. Ron Hubbard"
        return True
    if words[0] in gaz.nationalities or words[0] in cues.AMBIGUOUS_GROUPS:
        return False
    if any(_camel(w) for w in words):  # "RealSense", "PlayStation"
        return False
    return all(w.lower() not in common and not w.endswith(_NOT_NAME_ENDINGS)
               for w in words if w not in cues.NAME_PARTICLES)


WEBSITE = re.compile(r"\w\." + cues.WEB_SUFFIX + "$")


def classify(name: str, chunks: Iterable[Chunk], gaz: Gazetteer, common: frozenset[str],
             publisher: str | None = None) -> str:
    """The type of one entity, from its canonical name and every chunk that named it."""
    chunks = list(chunks)
    if name in cues.METONYMS:
        return cues.METONYMS[name]
    key = name_key(name)
    if gaz.countries.get(key) or any(c.nationality for c in chunks):
        return "place"
    if (gaz.cities.get(key, 0) or key in gaz.places) and any(
            c.after in cues.SPORT_AFTER or c.prev in cues.SPORT_BEFORE for c in chunks):
        return "organization"  # "Pittsburgh beat Boston": the clubs of the cities
    if publisher and key == name_key(publisher) or WEBSITE.search(name):
        return "organization"  # the publisher; a website ("Metro.us")
    words = name.split()
    if words and words[0] == "The":
        words = words[1:] or words
    given_first = bool(words) and words[0] in gaz.given_names
    head = head_type(words, given_first, gaz)
    if head:
        return head
    if key in gaz.places:
        return "place"
    if any(c.title or c.role for c in chunks) and not is_acronym(name):
        return "person"
    if is_acronym(name):
        return "place" if key in gaz.places or (len(name) <= 3 and gaz.cities.get(key, 0) > 1_000_000) \
            else "organization"
    if any(c.place_cue for c in chunks):
        return "place"
    if len(words) > 1:
        population = gaz.cities.get(key, 0)
        if population >= 100_000 or population >= 15_000 and not given_first:
            return "place"
        if words[-1] in _DIRECTIONS and (gaz.country(" ".join(words[:-1]))
                                         or name_key(" ".join(words[:-1])) in gaz.places
                                         or gaz.cities.get(name_key(" ".join(words[:-1])), 0)):
            return "place"  # "Kowloon West"
        if words[-1] in cues.TEAM_SUFFIXES:
            return "organization"  # "Montreal HC", "Sunderland AFC"
        if is_acronym(words[-1].replace(".", "")) and len(words[-1]) <= 4 and (
                name_key(" ".join(words[:-1])) in gaz.places
                or gaz.cities.get(name_key(" ".join(words[:-1])), 0)):
            return "place"  # "Washington D.C."
        rest = " ".join(words[1:])
        if words[0] in _DIRECTIONS and (gaz.country(rest) or name_key(rest) in gaz.places
                                        or gaz.cities.get(name_key(rest), 0) >= 15_000):
            return "place"  # "West Germany", "East Jerusalem"
        if not given_first and _plural_noun(words[-1], common):
            return "organization"  # "Boston Bruins", "Blue Jays", "Boy Scouts": a team or a group
        return "person" if looks_like_person(words, gaz, common) else "organization"
    word = words[0]
    population = gaz.cities.get(key, 0)
    located = any(c.prev in LOCATIVES or c.after_place for c in chunks)
    if population >= 100_000 or (population and located):
        return "place"
    if _camel(word):
        return "organization"
    person_verb = any(c.after in cues.PERSON_VERBS for c in chunks)
    if located and not person_verb and word.lower() not in common and not word.endswith(_NOT_NAME_ENDINGS):
        return "place"  # "a school in Milan": a given name too, but written where places go
    if word in gaz.given_names or word.endswith(_SURNAME_ENDINGS) or person_verb or any(
            _CITED.match(c.after) for c in chunks):
        return "person"  # … or an author cited: "Smith (2010)", "Jones et al."
    return "organization"
