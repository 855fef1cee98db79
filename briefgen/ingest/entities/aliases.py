"""Tie the names one article uses for the same entity together.

Rules, each from newswire habit, each tested on real sentences:

- spelling variants share a :func:`name_key` ("Kim Jong-un" = "Kim Jong Un",
  "U.S." = "US", "The White House" = "White House", "Kim's" = "Kim");
- country names, short names and nationality words meet at the country
  ("US", "America", "American" → United States);
- an acronym joins the name it abbreviates, written after it in brackets or
  matching its initials ("KCNA" ↔ "Korean Central News Agency", "KPA" ↔
  "Korean People's Army");
- a short personal name joins the nearest full name it shortens: the family name
  written first for Korean, Chinese and Vietnamese names ("Kim" ← "Kim Jong Un",
  "Xi" ← "Xi Jinping"), the last name(s) otherwise ("Shoigu", "De Bruyne"), a
  given name when it is unique ("Britney");
- an organisation's distinctive word joins it ("Scientology" ← "Church of Scientology");
- "the North" / "the South" join the divided country the story names.

A short form that fits two full names goes to the nearest one before it, so
Kim Jong Nam and Kim Jong Un in one story both keep their "Kim" mentions.
"""

from __future__ import annotations

from collections import defaultdict

from briefgen.disjoint import DisjointSets
from briefgen.ingest.entities import cues
from briefgen.ingest.entities.chunking import Chunk
from briefgen.ingest.entities.classify import head_type, is_acronym, looks_like_person
from briefgen.ingest.entities.gazetteer import Gazetteer
from briefgen.names import name_key

_SKIP_INITIAL = frozenset({"of", "the", "and", "for", "on", "&", "de", "du", "des"})


def chunk_key(chunk: Chunk, gaz: Gazetteer) -> str:
    """The key that joins spelling variants: a country's canonical name, else ``name_key``."""
    if chunk.nationality:
        return "country:" + gaz.nationalities[chunk.text]
    country = gaz.country(chunk.text)
    if country:
        return "country:" + country
    return name_key(chunk.text)


def initials(name: str) -> set[str]:
    """Acronyms a name may have: "Korean People's Army" → {"KPA"}."""
    words = [w for w in name.replace("-", " ").split() if w and w not in _SKIP_INITIAL]
    if len(words) < 2:
        return set()
    caps = [w for w in words if w[0].isupper()]
    found = {"".join(w[0] for w in caps).upper()}
    if words[0] == "The":
        found.add("".join(w[0] for w in caps[1:]).upper())
    return found


def short_forms(words: list[str], gaz: Gazetteer) -> set[str]:
    """The keys a person's later mentions may use: family name, last names, a given name."""
    if words[0] in cues.FAMILY_FIRST and len(words) <= 3:
        return {name_key(words[0])}
    forms = {name_key(" ".join(words[i:])) for i in range(1, len(words))}
    forms = {f for f in forms if f.split()[0] not in {p.lower() for p in cues.NAME_PARTICLES}
             or len(f.split()) > 1}
    if words[0] not in cues.TITLES and words[0] not in cues.NAME_PARTICLES:
        forms.add(name_key(words[0]))  # "Britney", "Norashikin"
    if len(words) >= 3:  # "Mohd Shah" ← "Mohd Shah Mahmood"
        forms.update(name_key(" ".join(words[:k])) for k in range(2, len(words)))
    return forms


def org_forms(words: list[str]) -> set[str]:
    """Shorter names of an organisation: "Air Force" ← "United States Air Force", "Church" ←
    "Church of Scientology"."""
    forms = {name_key(" ".join(words[i:])) for i in range(1, len(words))
             if words[-1] in cues.ORG_HEADS and "of" not in words[i:] and words[i] not in cues.HEAD_CONNECTORS}
    if "of" in words:
        forms.add(name_key(" ".join(words[:words.index("of")])))
    if words[0] == "The":
        forms.discard(name_key(" ".join(words[1:])))
    return {f for f in forms if f}


def place_forms(words: list[str]) -> set[str]:
    """Shorter names of a place: "New York" ← "New York City"."""
    if len(words) > 2 and words[-1] == "City":
        return {name_key(" ".join(words[:-1]))}
    return set()


def _is_place(word: str, key: str, gaz: Gazetteer) -> bool:
    return bool(gaz.country(word) or key in gaz.places or gaz.cities.get(key, 0) >= 500_000)


def distinctive_word(words: list[str]) -> str | None:
    """The one word of an organisation's name that is not a head or joiner."""
    rest = [w for w in words if w not in cues.ORG_HEADS and w not in cues.HEAD_CONNECTORS
            and w not in ("the", "The")]
    return rest[0] if len(rest) == 1 and len(words) > 1 else None


def group_chunks(chunks: list[Chunk], gaz: Gazetteer, common: frozenset[str]) -> list[list[Chunk]]:
    """Chunks grouped by the entity they name, groups in order of first mention."""
    keys = [chunk_key(c, gaz) for c in chunks]
    by_key: dict[str, list[int]] = defaultdict(list)
    for i, key in enumerate(keys):
        by_key[key].append(i)
    union: DisjointSets[str] = DisjointSets()
    display = {key: chunks[idx[0]].text for key, idx in by_key.items()}

    # acronyms: bracketed after a name, or matching a longer name's initials
    acronyms = {key: name for key, name in display.items() if is_acronym(name) and not key.startswith("country:")}
    for i, chunk in enumerate(chunks):
        if chunk.acronym and name_key(chunk.acronym) in by_key:
            union.union(keys[i], name_key(chunk.acronym))
    for key, name in display.items():
        if " " not in name:
            continue
        for acro in initials(name):
            akey = name_key(acro)
            if akey in acronyms and akey != key:
                union.union(key, akey)

    # an acronym inside a longer name: "UN Security Council" = "United Nations Security Council"
    expansions = {name_key(display[a]): name_key(display[b]) for a in acronyms for b in display
                  if a != b and union.find(a) == union.find(b) and " " in display[b]}
    if expansions:
        for key in list(by_key):
            words = key.split()
            if any(w in expansions for w in words) and len(words) > 1:
                expanded = " ".join(expansions.get(w, w) for w in words)
                if expanded in by_key:
                    union.union(expanded, key)

    # short forms: a person's family or given name, an organisation's shorter name
    person_forms: dict[str, list[str]] = defaultdict(list)  # short key → full keys
    for key, name in display.items():
        words = name.split()
        if len(words) < 2 or key.startswith("country:"):
            continue
        head = head_type(words, words[0] in gaz.given_names)
        if head:
            word = distinctive_word(words)
            wkey = name_key(word) if word else ""
            if word and wkey in by_key and not (_is_place(word, wkey, gaz) or gaz.cities.get(wkey)):
                union.union(key, wkey)
            for form in org_forms(words) if head == "organization" else place_forms(words):
                if form != key and form in by_key:
                    person_forms[form].append(key)
            continue
        if is_acronym(words[-1]) and name_key(words[-1]) in by_key:  # "Air Force ROTC" ← "ROTC"
            person_forms[name_key(words[-1])].append(key)
        titled = any(chunks[i].title or chunks[i].role for i in by_key[key])
        if titled or looks_like_person(words, gaz, common):
            for form in short_forms(words, gaz):
                if form != key and form in by_key and not _is_place(form, form, gaz):
                    person_forms[form].append(key)

    # "the North" / "the South" in a story about a divided country; a bare "Korea"
    # when the story names one Korea only
    halves: dict[str, str] = {}
    bare: dict[str, set[str]] = defaultdict(set)
    for key in by_key:
        if key.startswith("country:"):
            name = key[len("country:"):]
            first, _, rest = name.partition(" ")
            if first in cues.DIVIDED_HALVES and rest:
                bare[name_key(rest)].add(key)
                for half in cues.DIVIDED_HALVES:
                    other = gaz.country(f"{half} {rest}")
                    if other:
                        halves.setdefault(half.lower(), "country:" + other)
    for rest, owners in bare.items():
        if len(owners) == 1 and rest in by_key:
            union.union(next(iter(owners)), rest)

    owner: dict[int, str] = {}
    for i, (chunk, key) in enumerate(zip(chunks, keys)):
        if key in halves and chunk.text in cues.DIVIDED_HALVES:
            owner[i] = halves[key]
        elif key in person_forms:
            owner[i] = _nearest(chunk.start, person_forms[key], by_key, chunks)
        else:
            owner[i] = key

    groups: dict[str, list[Chunk]] = {}
    for i in sorted(range(len(chunks)), key=lambda i: chunks[i].start):
        root = union.find(owner[i])
        groups.setdefault(root, []).append(chunks[i])
    return list(groups.values())


def _nearest(start: int, candidates: list[str], by_key: dict[str, list[int]],
             chunks: list[Chunk]) -> str:
    """The full name mentioned last before ``start``, else the first one after it."""
    best_before: tuple[int, str] | None = None
    best_after: tuple[int, str] | None = None
    for key in candidates:
        for i in by_key[key]:
            at = chunks[i].start
            if at <= start and (best_before is None or at > best_before[0]):
                best_before = (at, key)
            if at > start and (best_after is None or at < best_after[0]):
                best_after = (at, key)
    best = best_before or best_after
    assert best is not None, "every candidate key has at least one chunk"
    return best[1]
