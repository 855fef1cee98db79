"""The typer: a small averaged perceptron that weighs each candidate entity the rules found.

The rules (``chunking`` → ``aliases`` → ``classify``) find names well but type them
by a fixed order of evidence; the typer looks at everything at once and decides
between ``person``, ``organization``, ``place`` and ``none`` (not a name a reader
would accept: "Artist", "Metro", "Biology"). Its features are general ones: the
rules' type, the shape and head word of the name, gazetteer hits, how the text
writes the name (capitalised only at sentence starts, also in lower case), the
words around each mention ("in", "the ministry of", "said"), titles and roles.

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
from typing import TYPE_CHECKING, Iterable, Mapping

from briefgen.ingest.entities import cues
from briefgen.ingest.entities.gazetteer import Gazetteer
from briefgen.names import name_key

if TYPE_CHECKING:
    from briefgen.ingest.entities.extract import Candidate

LABELS = ("none", "person", "organization", "place")
WEIGHTS = "typer_weights.json"
_DIGIT = re.compile(r"\d")


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


def features(cand: Candidate, gaz: Gazetteer, common: frozenset[str]) -> list[str]:
    """The candidate's features, as strings (the weights' keys)."""
    name = cand.name
    words = name.split()
    if words and words[0] == "The" and len(words) > 1:
        words = words[1:]
    first, last = words[0], words[-1]
    key = name_key(name)
    n = len(words)
    f = ["bias", f"rule={cand.type}", f"n={min(n, 4)}", f"rule={cand.type}|n={min(n, 3)}",
         f"last={last.lower()}", f"first={first.lower()}", f"suf3={last[-3:].lower()}",
         f"suf2={last[-2:].lower()}", f"shape={'_'.join(_shape(w) for w in words[:3])}",
         f"mentions={_bucket(cand.mentions, (1, 2, 4))}"]
    if n == 1:
        f.append(f"word={first.lower()}")
        f.append(f"len={_bucket(len(first), (2, 3, 4, 6))}")
        if first.lower() in common:
            f.append("also_lower")
        if first.endswith("s") and first[:-1].lower() in common:
            f.append("plural_of_lower")
    else:
        lowered = sum(w.lower() in common for w in words if w[:1].isupper())
        f.append(f"lower_words={_bucket(lowered, (0, 1))}/{min(n, 3)}")
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
    f.extend(sorted(cue))
    return f


Weights = Mapping[str, tuple[float, ...]]


def score(feats: Iterable[str], weights: Weights) -> list[float]:
    totals = [0.0] * len(LABELS)
    for feat in feats:
        w = weights.get(feat)
        if w is not None:
            for i, x in enumerate(w):
                totals[i] += x
    return totals


@lru_cache(maxsize=1)
def load_weights() -> Weights:
    """The shipped weights, read once per process (empty when the file is absent)."""
    try:
        raw = resources.files("briefgen.ingest.entities").joinpath(WEIGHTS).read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    data = json.loads(raw)
    return {k: tuple(v) for k, v in data["weights"].items()}


def decide(cand: Candidate, gaz: Gazetteer, common: frozenset[str],
           weights: Weights | None = None) -> str | None:
    """The candidate's type, or ``None`` when it is no name.

    Names the gazetteer or the article's own metadata vouch for (countries, the
    dateline's place, the wire agency) keep the rules' type.
    """
    weights = load_weights() if weights is None else weights
    if not weights or not cand.written or gaz.countries.get(name_key(cand.name)) \
            or any(c.nationality for c in cand.group) or cand.name in cues.METONYMS:
        return cand.type
    totals = score(features(cand, gaz, common), weights)
    best = max(range(len(LABELS)), key=lambda i: totals[i])
    return None if LABELS[best] == "none" else LABELS[best]
