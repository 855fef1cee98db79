"""The typer: a small averaged perceptron that weighs each candidate entity the rules found.

The rules (``chunking`` → ``aliases`` → ``classify``) find names well but keep many
capitalised words that are no names, and type by the name alone; the typer looks at all
the evidence at once and scores ``person``, ``organization``, ``place`` and ``none`` (not a
name a reader would accept: "Artist", "Security", "Card Tricks"). Its features are general
ones: the rules' type, the shape, suffix, head word and words of the name, gazetteer hits,
how the text and English at large write its words (capitalised only at sentence starts,
also in lower case: a lexicon counted on the training texts), the two words before and
after each mention ("moving to X, where", "cooperating with X"), titles and roles. It
retypes what the context contradicts and drops candidates that look like common words
capitalised (``decide``).

The weights (``typer_weights.json``, beside this module) are trained by
``bench/train_typer.py`` on the tuning part of openly licensed annotated text
(see ``TYPER_DATA.md``); no model is downloaded, nothing is trained at run time.
Without the weights file the rules' types stand.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any, Iterable, Mapping

from briefgen.ingest.entities import cues
from briefgen.ingest.entities.classify import LOCATIVES, WEBSITE, head_type
from briefgen.ingest.entities.gazetteer import Gazetteer
from briefgen.names import name_key

if TYPE_CHECKING:
    from briefgen.ingest.entities.extract import Candidate

LABELS = ("none", "person", "organization", "place")
WEIGHTS = "typer_weights.json"
# The decision settings, chosen by cross-validation on the tuning part only
# (``python bench/train_typer.py --cv='[{...}, ...]'``: each third scored by weights trained on the
# other two; the held-out part is never read). How far "none" must outscore every type before a
# candidate goes:
DROP_MARGIN = -2.0  # names that look like common words capitalised ("Artist", "Card Tricks")
# Any other candidate without strong evidence (``_vouched``): at 2.0 typed F1 rises 1–2 points more in
# cross-validation, but the recall of the Wikinews gate falls 3 points; at 10.0, +0.5–0.9 point and
# no loss in cross-validation, but the gate loses "Newsmax" and "Labour" (one mention each): off.
UNCOMMON_MARGIN: float | None = None
# Even a candidate with strong evidence of a name, when "none" wins by this much: at 7.0, +0.1–0.4
# points in cross-validation, but the gate loses "Air Force ROTC": off.
VOUCHED_MARGIN: float | None = None
# Retype a candidate when the typer prefers another type by this much (None: keep the rules' type).
# With the context and word features, retyping any candidate (``RETYPE_ANY``) adds 2–4 points of
# typed F1 on every set in cross-validation; the rules' last-resort types alone, less. 0 and 1 score
# alike; 1 keeps near ties ("according to Yonhap news agency") from flipping with each retraining.
RETYPE_MARGIN: float | None = 1.0
RETYPE_ANY = True
# ... and only when that type comes within this much of "none": where the typer doubts the name is a
# name at all, its choice of type is a guess too ("cooperating with Interpol" → person). At −3:
# cross-validated typed F1 +0.9 re3d, +0.5 wikigold, −0.7 GUM, gate type accuracy +1.4 points.
RETYPE_OVER_NONE: float | None = -3.0
# Nor a given name and a surname the rules call a person ("Tom Cruise" in "a video featuring Tom
# Cruise"): cross-validated typed F1 ±0.4, gate type accuracy +0.8 point.
KEEP_FULL_NAMES = True
KEEP_ACRONYMS = True  # no margin drops an acronym ("BBC", "NASA": few in training, often unannotated)
PERSON_KEEP = True  # never drop a name of several words the rules call a person ("Barack Obama")
GIVEN_NAME_MARGIN = 3.0  # a given name alone ("Alice"; surnames such as "Clinton" are given names too)
# Which evidence beyond the rules' cues the typer reads: the words around each mention ("context")
# and the name's own words ("words": "w=reuters", "last=fc").
FEATURE_SETS = frozenset({"context", "words"})
_DIGIT = re.compile(r"\d")
Weights = Mapping[str, tuple[float, ...]]
Lexicon = Mapping[str, tuple[int, int]]


def _shape(word: str) -> str:
    if word.isupper():
        return "X" if len(word) > 1 else "I"
    if "." in word:
        return "x."
    if "-" in word:
        return "x-x"
    if any(c.isupper() for c in word[1:]):
        return "xX"
    return "Xx"


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    for edge in edges:
        if n <= edge:
            return str(edge)
    return f">{edges[-1]}"


def features(cand: Candidate, gaz: Gazetteer, common: frozenset[str],
             lexicon: Lexicon | None = None) -> list[str]:
    """The candidate's features, as strings (the weights' keys); ``lexicon`` defaults to the shipped one."""
    name = cand.name
    words = name.split()
    if words and words[0] == "The" and len(words) > 1:
        words = words[1:]
    first, last = words[0], words[-1]
    key = name_key(name)
    n = len(words)
    f = ["bias", f"rule={cand.type}", f"n={min(n, 4)}", f"rule={cand.type}|n={min(n, 3)}",
         f"suf3={last[-3:].lower()}", f"suf2={last[-2:].lower()}",
         f"shape={'_'.join(_shape(w) for w in words[:3])}", f"mentions={_bucket(cand.mentions, (1, 2, 4))}"]
    lexicon = load_lexicon() if lexicon is None else lexicon
    lex = [_lex_class(w, lexicon) for w in words]
    if n == 1:
        f.append(f"lex={lex[0]}")
        if first[1:].islower() and first.lower().endswith(_NOUN_SUFFIXES):
            f.append("noun_suffix")  # "Inspiration", "Hegemony", "Loopholes"
        f.append(f"len={_bucket(len(first), (2, 3, 4, 6))}")
        if first.lower() in common:
            f.append("also_lower")
        if first.endswith("s") and first[:-1].lower() in common:
            f.append("plural_of_lower")
    else:
        lowered = sum(w.lower() in common for w in words if w[:1].isupper())
        f.append(f"lower_words={_bucket(lowered, (0, 1))}/{min(n, 3)}")
        f.append(f"lex_common={_bucket(lex.count('common'), (0, 1))}/{min(n, 3)}")
        f.append(f"lex_last={lex[-1]}")
    if _DIGIT.search(name):
        f.append("digit")
    if gaz.countries.get(key):
        f.append("gaz=country")
    if key in gaz.places:
        f.append("gaz=place")
    population = gaz.cities.get(key, 0)
    if population:
        f.append(f"city={_bucket(population, (50_000, 300_000, 1_000_000))}")
    if first in gaz.given_names:
        f.append("given_first")
        if n == 1:
            f.append("given_alone")
    if n > 1 and last in gaz.given_names:
        f.append("given_last")
    if n > 1 and all(w in gaz.given_names for w in words):
        f.append("all_given")
    if first in cues.FAMILY_FIRST:
        f.append("family_first")
    if last in cues.ORG_HEADS:
        f.append("org_head")
    if last in cues.PLACE_HEADS:
        f.append("place_head")
    if "of" in words:
        f.append(f"of_head={words[words.index('of') - 1].lower()}")
    if name in cues.METONYMS:
        f.append("metonym")
    group = cand.group
    if all(c.initial for c in group):
        f.append("only_initial")
    if not cand.written:
        f.append("not_written")
    cue = set()
    for c in group:
        if c.title:
            cue.add("title")
            cue.add(f"title={c.title.split()[-1].lower()}")
        if c.role:
            cue.add(f"role={c.role}")
        if c.place_cue:
            cue.add("place_cue")
        if c.after_place:
            cue.add("after_place")
        if c.acronym:
            cue.add("bracket_acronym")
        if c.nationality:
            cue.add("nationality")
        if c.prev:
            cue.add(f"prev={c.prev}")
        if c.after:
            cue.add(f"after={c.after}")
        if c.text != name and len(c.text.split()) < n:
            cue.add("short_form")
    if "context" in FEATURE_SETS:
        for p2, p1, n1, n2 in cand.context:
            cue.update((f"c-1={p1}", f"c-2={p2} {p1}", f"c+1={n1}", f"c+2={n1} {n2}", f"c±1={p1}_{n1}"))
    if "words" in FEATURE_SETS:
        cue.update(f"w={w.lower()}" for w in words)
        cue.add(f"last={last.lower()}")
        cue.add(f"name={key}")
    f.extend(sorted(cue))
    return f




def _lex_class(word: str, lexicon: Lexicon) -> str:
    """How English writes the word: "common" (mostly in lower case: "state", "artist"), "mixed",
    "name" (capitalised inside sentences: "Obama"), or "unseen"."""
    lower, cap = lexicon.get(word.lower(), (0, 0))
    if not word[1:].islower() or lower + cap == 0:
        return "unseen" if word[1:].islower() or not word.isupper() else "caps"
    if lower >= 3 * cap:
        return "common"
    return "mixed" if lower >= cap else "name"


def score(feats: Iterable[str], weights: Weights) -> list[float]:
    totals = [0.0] * len(LABELS)
    for feat in feats:
        w = weights.get(feat)
        if w is not None:
            for i, x in enumerate(w):
                totals[i] += x
    return totals


@lru_cache(maxsize=1)
def _model() -> dict[str, Any]:
    try:
        raw = resources.files("briefgen.ingest.entities").joinpath(WEIGHTS).read_text(encoding="utf-8")
    except FileNotFoundError:
        return {"weights": {}, "lexicon": {}}
    data: dict[str, Any] = json.loads(raw)
    return data


@lru_cache(maxsize=1)
def load_weights() -> Weights:
    """The shipped weights, read once per process (empty when the file is absent)."""
    return {k: tuple(v) for k, v in _model()["weights"].items()}


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """How often each word is written in lower case and capitalised inside a sentence, in the
    training texts (shipped with the weights)."""
    return {k: (v[0], v[1]) for k, v in _model().get("lexicon", {}).items()}


def _vouched(cand: Candidate, gaz: Gazetteer, common: frozenset[str], bare_short_forms: bool = True) -> bool:
    """Evidence strong enough that the typer may not drop a candidate: a personal name with a
    given name or an initial first, a gazetteer place, a head word ("… University", "… Sea"),
    a second form the text uses for it (an acronym, a short name), or three capitalised mentions
    inside sentences."""
    words = cand.name.split()
    key = name_key(cand.name)
    if cand.type == "person" and len(words) >= 2 and (words[0] in gaz.given_names or words[0].endswith(".")):
        return True
    lex = _lex_class(words[-1], load_lexicon())
    if key in gaz.places or len(words) > 1 and gaz.cities.get(key, 0) >= 15_000:
        return True
    located = any(c.prev in LOCATIVES or c.after_place or c.place_cue for c in cand.group)
    if len(words) == 1 and gaz.cities.get(key, 0) and (located or gaz.cities[key] >= 100_000 and lex in (
            "name", "unseen") and words[0].lower() not in common):
        return True  # "Milan"; not "Metro" (a city in Indonesia) where the text means a newspaper
    if len(words) >= 2 and head_type(words, words[0] in gaz.given_names) is not None:
        return True
    if any(name_key(a) != key for a in cand.aliases) or any(c.acronym for c in cand.group):
        return True
    if len(words) == 1 and words[0] in cues.INSTITUTIONS:
        return True  # "the Times", "Congress": one institution by one word
    if len(words) == 1 and (lex == "name" or bare_short_forms and lex != "common") \
            and words[0].lower() not in common and any(c.prev == "the" and not c.initial for c in cand.group):
        return True  # "the Independent": a proper short name the text never writes in lower case
    return sum(not c.initial for c in cand.group) >= 3


def _full_name(cand: Candidate, gaz: Gazetteer) -> bool:
    """A given name and a surname ("Tom Cruise", "Scientologist Tom Cruise", "Terry Gross")."""
    words = cand.name.split()
    return len(words) >= 2 and any(w in gaz.given_names for w in words[:-1]) and words[-1][:1].isupper()


def _known_place(cand: Candidate, gaz: Gazetteer) -> bool:
    """A place the gazetteer knows, or a city of 100,000: the typer never retypes it, the rules'
    type stands ("research at Helsinki" reads like an institution; "the match against Montreal"
    is the club, as the rules say). Cross-validation lost nothing by keeping them."""
    key = name_key(cand.name)
    return key in gaz.places or gaz.cities.get(key, 0) >= 100_000


def _guessed(cand: Candidate, gaz: Gazetteer) -> bool:
    """Whether the rules' type is their last resort: a name of capitalised words with no head
    word, no given name first, no title, no gazetteer entry."""
    words = cand.name.split()
    return not (words[0] in gaz.given_names or any(c.title or c.role or c.place_cue for c in cand.group)
                or head_type(words, False, gaz) or name_key(cand.name) in gaz.places
                or gaz.cities.get(name_key(cand.name), 0) >= 15_000)


def _lone_given_name(cand: Candidate, gaz: Gazetteer) -> bool:
    """A given name alone ("Adam", "Alice", "Bing") that the text never shows as a person: no
    title or role before it, no "said" or "who" after it, no full name it shortens."""
    if " " in cand.name or cand.type != "person" or cand.name not in gaz.given_names or cand.aliases:
        return False
    return not any(c.title or c.role or c.after in cues.PERSON_VERBS or c.after in _SPEECH for c in cand.group)


_SPEECH = frozenset({"said", "says", "told", "tells", "asked", "asks", "replied", "added", "explained",
                     "spoke", "says", "thinks", "thought", "wrote", "writes", "recalls", "recalled"})


def _common_looking(feats: list[str]) -> bool:
    """Whether the name looks like common words capitalised: the text or English writes them in
    lower case ("Artist", "Arts", "Security", "Card Tricks")."""
    return any(f in _COMMONISH or f.startswith("lex_common=") and not f.startswith("lex_common=0")
               for f in feats)


_COMMONISH = frozenset({"lex=common", "lex=mixed", "also_lower", "plural_of_lower", "noun_suffix"})
# Endings of English common nouns (derivations, and their plurals).
_NOUN_SUFFIXES = ("tion", "tions", "sion", "sions", "ment", "ments", "ness", "ity", "ities", "ance", "ence",
                  "ship", "hood", "ism", "ology", "mony", "ure", "ures", "ites", "oles", "ists", "ers")


def decide(cand: Candidate, gaz: Gazetteer, common: frozenset[str],
           weights: Weights | None = None, bare_short_forms: bool = True) -> str | None:
    """The candidate's type, or ``None`` when it is no name.

    Names the gazetteer or the article's metadata vouch for (countries, nationality words,
    the dateline's place, the wire agency, a website) are never weighed. Any other candidate
    takes the typer's best type when it beats the rules' (``RETYPE_MARGIN``), unless the
    typer doubts it is a name at all (``RETYPE_OVER_NONE``) or the rules' type is a place the
    gazetteer knows. Then the typer only drops: a candidate that looks like common words
    capitalised, or a given name alone that the text never shows as a person, with no strong
    evidence of a name (``_vouched``), goes when the typer scores "none" above every type by
    the margin for its kind. A name of several words the rules call a person is kept.
    ``bare_short_forms`` keeps "the State", "the Channel" (``extract.BARE_SHORT_FORMS``).
    """
    weights = load_weights() if weights is None else weights
    if not weights or not cand.written or gaz.countries.get(name_key(cand.name)) \
            or any(c.nationality for c in cand.group) or cand.name in cues.METONYMS \
            or WEBSITE.search(cand.name):
        return cand.type
    feats = features(cand, gaz, common)
    totals = score(feats, weights)
    etype = cand.type
    if RETYPE_MARGIN is not None and (RETYPE_ANY or _guessed(cand, gaz)):
        best = max(range(1, len(LABELS)), key=lambda i: totals[i])
        if totals[best] > totals[LABELS.index(cand.type)] + RETYPE_MARGIN \
                and not _known_place(cand, gaz) \
                and not (KEEP_FULL_NAMES and cand.type == "person" and _full_name(cand, gaz)) \
                and (RETYPE_OVER_NONE is None or totals[best] > totals[0] + RETYPE_OVER_NONE):
            etype = LABELS[best]
    if KEEP_ACRONYMS and cand.name.isupper() and len(cand.name) > 1:
        return etype
    if _vouched(cand, gaz, common, bare_short_forms):
        strong_none = VOUCHED_MARGIN is not None and totals[0] > max(totals[1:]) + VOUCHED_MARGIN
        return None if strong_none and sum(not c.initial for c in cand.group) < 3 else etype
    if PERSON_KEEP and " " in cand.name and cand.type == "person":
        return etype  # the typer is least sure of these, and drops real people ("Barack Obama")
    lone = _lone_given_name(cand, gaz)
    commonish = _common_looking(feats)
    if not (lone or commonish or UNCOMMON_MARGIN is not None):
        return etype
    margin = GIVEN_NAME_MARGIN if lone else DROP_MARGIN if commonish else UNCOMMON_MARGIN or 0.0
    return None if totals[0] > max(totals[1:]) + margin else etype
