"""Quality measures in one place: body F1 of the readers and entity recall, for the benches and the gates.

``bench/extraction.py``, ``bench/text_quality.py`` and ``bench/entities.py`` print
these figures with timings; ``tests/test_quality_gates.py`` recomputes them against
the baselines pinned in ``tests/baselines/quality.json``, which
``python bench/pin_quality.py`` refreshes (and never lowers).

Body F1: each page of ``../shared/data/extraction`` is read the way ``briefgen
ingest`` reads it (the reader for its kind, no sidecar), its Markdown body turned
into the words a reader sees (``markdown_to_text``), and scored against the human
ground truth with the public benchmark's scorer (``../shared/tools/bodyscore.py``:
4-token shingles, per-page precision and recall averaged, F1 of the two).

Entities: ``../shared/data/wikinews``, each ``ID.txt``'s body (every line after the
headline and the date line) against its ``ID.json`` ``gold_linked_entities`` of type
person, organization or place.  A gold entity counts as found when an extracted
entity's name or an alias has the ``name_key`` of one of its proper-name mentions:
the mention as written (detokenised, "Kim Jong - un" → "Kim Jong-un"), or its last
capitalised run with leading titles and a leading country dropped ("Prime Minister
Boris Johnson" → "Boris Johnson", "Yonhap news agency" → "Yonhap").  Pronouns and
common-noun mentions ("the company") have no capitalised word and never count; nor do gold entities
named only by demonyms, peoples and religions ("Muslims", "Arabs", "Americans"), which count neither way.
Figures: recall of gold entities; split rate (found gold entities spread over two
or more extracted entities); type accuracy over found entities (GUM types a country
acting as a government "organization": organization and place both agree for
countries); unmatched extracted entities (informative only: the gold links only
entities with a Wikipedia page).

Corpus digest: sha256 over the input files a gate reads (pages and ground truth),
sorted by their path under ``../shared/data``, each as path, NUL, byte length, NUL,
bytes; a file that is missing enters as its path and ``missing``.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from types import ModuleType
from functools import lru_cache
from typing import Any, Callable, Iterable

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DATA = SHARED / "data"
EXTRACTION = DATA / "extraction"
WIKINEWS = DATA / "wikinews"
SCORER = SHARED / "tools" / "bodyscore.py"
BASELINES = REPO / "tests" / "baselines" / "quality.json"
TOLERANCE = 0.005  # half a point of F1, recall, accuracy or split rate
REFRESH = "python bench/pin_quality.py"

if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from briefgen.ingest.entities import cues  # noqa: E402
from briefgen.ingest.entities.extract import extract_entities  # noqa: E402
from briefgen.ingest.entities.gazetteer import load_gazetteer  # noqa: E402
from briefgen.ingest.markdown_body import markdown_to_text  # noqa: E402
from briefgen.model import RawDoc  # noqa: E402
from briefgen.names import name_key  # noqa: E402


# --- body F1 ------------------------------------------------------------------------------

_scorer: ModuleType | None = None


def load_scorer() -> ModuleType:
    """``../shared/tools/bodyscore.py`` as a module (loaded once)."""
    global _scorer
    if _scorer is None:
        spec = importlib.util.spec_from_file_location("bodyscore", SCORER)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)  # type: ignore[union-attr]
        _scorer = module
    return _scorer


def load_truth() -> dict[str, Any]:
    """``ground-truth.json``: page id → {"articleBody", "url"}."""
    return json.loads((EXTRACTION / "ground-truth.json").read_text(encoding="utf-8"))


def page_files(kind: str, truth: dict[str, Any]) -> list[Path]:
    """The benchmark's pages as saved HTML (``kind="html"``) or as select-all text (``"text"``)."""
    folder, suffix = {"html": ("html", ".html.gz"), "text": ("text", ".txt")}[kind]
    return [EXTRACTION / folder / f"{key}{suffix}" for key in truth]


def plain_body(raw: RawDoc) -> tuple[str, Any]:
    """(body as the words a reader sees, the extracted record) for one raw page, as ingest reads it."""
    from briefgen.ingest.readers import extract

    extracted = extract(replace(raw, sidecar={}))
    return markdown_to_text(extracted.body), extracted


def read_page(path: str) -> tuple[str, str, Any, float]:
    """(page id, plain body, extracted record or error text, CPU seconds); a process-pool task."""
    from briefgen.errors import BriefgenError
    from briefgen.ingest.rawdoc import read_raw

    file = Path(path)
    page_id = file.name.split(".")[0]
    start = time.process_time()
    try:
        body, extracted = plain_body(read_raw(file))
    except BriefgenError as exc:
        return page_id, "", str(exc), time.process_time() - start
    return page_id, body, extracted, time.process_time() - start


def read_pages(task: Callable[[str], tuple[str, str, Any, float]], files: list[Path],
               jobs: int = 1) -> list[tuple[str, str, Any, float]]:
    """Every file through ``task``, over ``jobs`` worker processes."""
    args = [str(f) for f in files]
    if jobs > 1 and len(args) > 1:
        with ProcessPoolExecutor(jobs) as pool:
            return list(pool.map(task, args, chunksize=max(1, len(args) // (4 * jobs))))
    return [task(a) for a in args]


def score_bodies(truth: dict[str, Any], bodies: dict[str, str]) -> dict[str, float]:
    """F1, precision, recall and page count of ``bodies`` (page id → text) against ``truth``."""
    return load_scorer().score(truth, {k: {"articleBody": v} for k, v in bodies.items()})


def page_score(truth_body: str, body: str) -> tuple[float, float, float]:
    """(F1, precision, recall) of one page."""
    tp, fp, fn = load_scorer().page(truth_body, body)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return (2 * p * r / (p + r) if p + r else 0.0), p, r


def body_quality(kind: str, jobs: int = 1) -> dict[str, float]:
    """Body F1 / precision / recall of briefgen's ``kind`` path over every benchmark page."""
    truth = load_truth()
    results = read_pages(read_page, page_files(kind, truth), jobs)
    return score_bodies(truth, {r[0]: r[1] for r in results})


# --- entities -----------------------------------------------------------------------------

TYPES = ("person", "organization", "place")
_PREP = re.compile(r"\b(?:of|in|at|from|for|to|with|by|on|that|who|which)\b")
# Lower-case nouns a name may be followed by in a mention ("Yonhap news agency").
_TRAILING_NOUNS = {"news", "agency", "state", "spacecraft", "software", "party", "magazine", "newspaper",
                   "website", "company", "group", "team", "university", "government", "webcomic",
                   "project", "program", "programme", "organization", "organisation", "church"}
_CAP_RUN = re.compile(r"(?:[A-Z][\w.'’&-]*|of|the|de|van|von|al)(?:\s+(?:[A-Z][\w.'’&-]*|of|the|de|van|von|al))*")


def detokenise(mention: str) -> str:
    text = re.sub(r"\s+([,.;:!?)\]'’]|'s|’s|n't)", r"\1", mention)
    text = re.sub(r"\s*-\s*", "-", text)
    text = re.sub(r"([(\[])\s+", r"\1", text)
    return re.sub(r"\s*@\s*", "@", text)


def mention_forms(mention: str) -> set[str]:
    """Keys a correct extraction of this mention could have; empty for pronouns and nouns."""
    text = detokenise(mention)
    if not re.search(r"\b[A-Z]", text) or text in {"I", "He", "She", "It", "We", "They", "You",
                                                   "His", "Her", "Its", "Our", "Their", "My"}:
        return set()
    forms = {name_key(text)}
    parts = [p.strip() for p in text.split(",")]
    if len(parts) == 2 and all(re.fullmatch(r"[A-Z][\w'.-]*", p) for p in parts):
        forms.add(name_key(f"{parts[1]} {parts[0]}"))  # "Christie, Agatha"
    head = re.sub(r"['’]s?$", "", parts[0])
    head = re.sub(r"['’]s\b", " ;", head)  # a possessive ends a name: "Korea's Kim Shin-Wook"
    runs = [m for m in _CAP_RUN.finditer(head) if m.group()[:1].isupper()]
    core = None
    if runs and runs[-1].end() == len(head) and not _PREP.search(head[:runs[-1].start()]):
        core = runs[-1].group()  # "Facebook co-founder Mark Zuckerberg"
    elif runs and re.fullmatch(r"(?:the )?", head[:runs[0].start()], re.I) and len(runs) == 1 \
            and 0 < len(head[runs[0].end():].split()) <= 2 \
            and all(w in _TRAILING_NOUNS for w in head[runs[0].end():].split()):
        core = runs[0].group()  # "Yonhap news agency"
    if core:
        words = core.split()
        while len(words) > 1 and (words[0].rstrip(".") in cues.TITLES or load_gazetteer().country(words[0])
                                  or words[0] in load_gazetteer().nationalities):
            words = words[1:]
        while words and words[-1] in ("of", "the"):
            words = words[:-1]
        if words:
            forms.add(name_key(" ".join(words)))
        if "of" in words[1:-1]:  # "Colorado State University of the US": the name before its country
            at = len(words) - 1 - words[::-1].index("of")
            if load_gazetteer().country(" ".join(w for w in words[at + 1:] if w != "the")):
                forms.add(name_key(" ".join(words[:at])))
    return {f for f in forms if f}


def agree(gold_type: str, found_type: str, wiki: str) -> bool:
    if gold_type == found_type:
        return True
    is_country = bool(load_gazetteer().country(wiki.replace("_", " ")))
    return is_country and {gold_type, found_type} <= {"organization", "place"}


@dataclass(frozen=True)
class GoldDoc:
    stem: str
    title: str
    body: str
    gold: dict[str, Any]


def entity_docs(data: Path = WIKINEWS) -> list[GoldDoc]:
    """Each ``ID.txt`` of ``data`` as headline, body (after the date line) and its ``ID.json``."""
    docs = []
    for txt in sorted(data.glob("*.txt")):
        lines = txt.read_text(encoding="utf-8").splitlines()
        gold = json.loads(txt.with_suffix(".json").read_text(encoding="utf-8"))
        docs.append(GoldDoc(txt.stem, lines[0], "\n".join(lines[2:]).strip(), gold))
    return docs


def extract_all(docs: list[GoldDoc]) -> list[list[Any]]:
    return [extract_entities(d.title, d.body, publisher=d.gold.get("publisher")) for d in docs]


def score_entities(docs: list[GoldDoc], results: list[list[Any]], show: bool = False) -> dict[str, float]:
    """Recall, split rate, type accuracy and unmatched share of ``results`` against the gold."""
    total = found = split = typed = 0
    extracted = unmatched = 0
    for doc, entities in zip(docs, results):
        stem = doc.stem
        index: dict[str, set[int]] = {}
        for i, e in enumerate(entities):
            for surface in (e.name, *e.aliases):
                index.setdefault(name_key(surface), set()).add(i)
        matched: set[int] = set()
        for g in doc.gold.get("gold_linked_entities", []):
            if g["type"] not in TYPES:
                continue
            forms = set().union(*(mention_forms(m) for m in g["mentions"]))
            if not forms or forms <= _nationality_keys():
                continue  # pronouns and nouns only; demonyms, peoples and religions count neither way
            total += 1
            hits = set().union(*(index.get(f, set()) for f in forms))
            if hits:
                found += 1
                matched |= hits
                split += len(hits) > 1
                best = entities[min(hits)]
                typed += agree(g["type"], best.type, g["wikipedia"])
                if show and not agree(g["type"], best.type, g["wikipedia"]):
                    print(f"  type  {stem}: {best.name} = {best.type}, gold {g['type']}")
                if show and len(hits) > 1:
                    print(f"  split {stem}: {g['wikipedia']} → {[entities[h].name for h in sorted(hits)]}")
            elif show:
                print(f"  miss  {stem}: {g['wikipedia']} ({g['type']}) {sorted(forms)}")
        extracted += len(entities)
        unmatched += len(entities) - len(matched)
        if show:
            extra = [e.name for i, e in enumerate(entities) if i not in matched]
            print(f"  extra {stem}: {extra}")
    return {"articles": len(docs), "gold": total, "recall": found / max(total, 1),
            "split": split / max(found, 1), "type": typed / max(found, 1), "extracted": extracted,
            "unmatched": unmatched / max(extracted, 1)}


def entity_quality(data: Path = WIKINEWS) -> dict[str, float]:
    docs = entity_docs(data)
    return score_entities(docs, extract_all(docs))


# --- gates --------------------------------------------------------------------------------

def corpus_digest(files: Iterable[Path]) -> str:
    """sha256 over ``files`` sorted by path under ``../shared/data``: path, length and bytes of each."""
    digest = hashlib.sha256()
    for name, path in sorted((p.relative_to(DATA).as_posix(), p) for p in files):
        digest.update(name.encode() + b"\0")
        if path.is_file():
            data = path.read_bytes()
            digest.update(str(len(data)).encode() + b"\0" + data)
        else:
            digest.update(b"missing\0")
    return "sha256:" + digest.hexdigest()


@dataclass(frozen=True)
class Measured:
    documents: int
    metrics: dict[str, float]  # the gated figures
    info: dict[str, float]  # recorded beside them, not gated


@dataclass(frozen=True)
class Gate:
    name: str
    description: str
    better: dict[str, str]  # gated metric → "higher" or "lower"
    inputs: Callable[[], list[Path]]
    measure: Callable[[int], Measured]  # argument: worker processes

    def worse_by(self, metric: str, pinned: float, now: float) -> float:
        """How far ``now`` is below ``pinned`` in the metric's bad direction (negative: better)."""
        return pinned - now if self.better[metric] == "higher" else now - pinned

    def digest(self) -> str:
        return corpus_digest(self.inputs())


def _extraction_inputs(kind: str) -> Callable[[], list[Path]]:
    def inputs() -> list[Path]:
        truth_file = EXTRACTION / "ground-truth.json"
        return [truth_file, *(page_files(kind, load_truth()) if truth_file.is_file() else [])]
    return inputs


def _body_measure(kind: str) -> Callable[[int], Measured]:
    def measure(jobs: int) -> Measured:
        s = body_quality(kind, jobs)
        return Measured(s["pages"], {"f1": s["f1"]}, {"precision": s["precision"], "recall": s["recall"]})
    return measure


def _wikinews_inputs() -> list[Path]:
    texts = sorted(WIKINEWS.glob("*.txt"))
    return [*texts, *(t.with_suffix(".json") for t in texts)]


def _entity_measure(jobs: int) -> Measured:
    s = entity_quality()
    return Measured(s["articles"], {"recall": s["recall"], "split": s["split"], "type": s["type"]},
                    {"gold": s["gold"], "extracted": s["extracted"], "unmatched": s["unmatched"]})


GATES: dict[str, Gate] = {g.name: g for g in (
    Gate("html_body", "body F1 of the HTML path on extraction/html (bodyscore.py against ground-truth.json)",
         {"f1": "higher"}, _extraction_inputs("html"), _body_measure("html")),
    Gate("text_body", "body F1 of the text path on extraction/text (bodyscore.py against ground-truth.json)",
         {"f1": "higher"}, _extraction_inputs("text"), _body_measure("text")),
    Gate("entities", "entity recall, split rate and type accuracy on wikinews (GUM gold linked entities)",
         {"recall": "higher", "split": "lower", "type": "higher"}, _wikinews_inputs, _entity_measure),
)}


def load_baselines(path: Path = BASELINES) -> dict[str, Any]:
    if not path.is_file():
        return {"gates": {}}
    return json.loads(path.read_text(encoding="utf-8"))


# --- typed names per document (issue 14) --------------------------------------------------
#
# Each dev set of ``../shared/data`` is scored as the set of (name, type) of persons,
# organisations and places per document:
#
# - gold: the annotated mentions of type person / organization / place that are names (GUM:
#   ``proper``, or a mention a name ends after its modifiers, "actor Jason Beghe", or that a
#   noun follows, "Yonhap news agency"; re3d: ``confidence >= 0.5`` and ``is_named``; wikigold:
#   PER / ORG / LOC; every mention needs a capitalised word).  A mention's name is its head name
#   (``gold_name``: titles, roles, a leading country or nationality and possessives dropped,
#   "Prime Minister Boris Johnson" → "boris johnson", "the Kurdish YPG" → "ypg", "Matthew Ingram
#   of The Globe and Mail" → "matthew ingram"), and every ``mention_forms`` key of it counts as
#   the same name.  A country is a place whatever GUM or re3d say (they type a country acting as
#   a government "organization"; the site's page for it is a place).
# - predicted: each extracted entity's name and aliases that occur in the document's text
#   (whole words, as written), with the entity's type.
# - demonyms, nationalities, peoples and religions count neither way: the gazetteer's nationality
#   words and their plurals, a list of religions and peoples (``_RELIGIONS``), re3d's Nationality
#   mentions and wikigold's one-word MISC demonyms.
#
# Held-out part: a document is held out when ``int(sha256(id)[:8], 16) % 3 == 0`` (about a third
# of every set, the same documents in ``gum-open`` and ``wikinews``); the rest is the tuning part.

GUM_OPEN = DATA / "gum-open"
RE3D = DATA / "re3d"
WIKIGOLD = DATA / "wikigold"
_RE3D_TYPES = {"Person": "person", "Organisation": "organization", "Location": "place"}
_WIKIGOLD_TYPES = {"PER": "person", "ORG": "organization", "LOC": "place"}
_DEMONYM = re.compile(r"^[A-Z][a-z]+(?:an|ans|ese|ish|i|is|ic|ch|ian|ians)$")


def held_out(doc_id: str) -> bool:
    """Whether a document belongs to the held-out part of its set (a stable hash of its id)."""
    return int(hashlib.sha256(doc_id.encode()).hexdigest()[:8], 16) % 3 == 0


@dataclass(frozen=True)
class TypedDoc:
    """One gold document: what the extractor reads, the gold names and the neutral ones."""

    set: str  # "gum-open/news", "re3d", "wikigold", "wikinews"
    id: str
    title: str
    body: str
    text: str  # the whole text the names must occur in
    gold: tuple[tuple[str, str, str, bool], ...]  # (mention as written, type, identity or "", proper)
    neutral: frozenset[str]  # name keys that count neither way

    @property
    def held_out(self) -> bool:
        return held_out(self.id)


def _gum_docs(data: Path, name: str, by_genre: bool) -> list[TypedDoc]:
    docs = []
    for txt in sorted(data.glob("*.txt")):
        meta = json.loads(txt.with_suffix(".json").read_text(encoding="utf-8"))
        text = txt.read_text(encoding="utf-8")
        lines = text.splitlines()
        if "entities" in meta:
            # GUM marks a mention proper when its head is a proper noun: "actor Jason Beghe" is not,
            # though it ends in a name; such mentions count when the name ends them (``gold_name``)
            gold = tuple((e["text"], e["type"], e.get("identity") or "", bool(e.get("proper")))
                         for e in meta["entities"] if e["type"] in TYPES)
        else:  # wikinews: gold_linked_entities, every mention of each
            gold = tuple((m, g["type"], g["wikipedia"], True) for g in meta.get("gold_linked_entities", [])
                         if g["type"] in TYPES for m in g["mentions"])
        genre = meta.get("genre") or txt.stem.split("_")[1]
        docs.append(TypedDoc(f"{name}/{genre}" if by_genre else name, txt.stem, lines[0],
                             "\n".join(lines[1:]).strip(), text, gold, frozenset()))
    return docs


def _re3d_docs(data: Path) -> list[TypedDoc]:
    docs = []
    for txt in sorted(data.glob("*.txt")):
        meta = json.loads(txt.with_suffix(".json").read_text(encoding="utf-8"))
        text = txt.read_text(encoding="utf-8")
        kept = [e for e in meta["entities"] if e["confidence"] >= 0.5]
        gold = tuple((e["text"], _RE3D_TYPES[e["type"]], "", True) for e in kept
                     if e["type"] in _RE3D_TYPES and e.get("is_named"))
        neutral = frozenset(name_key(e["text"]) for e in kept if e["type"] == "Nationality")
        docs.append(TypedDoc("re3d", txt.stem, "", text, text, gold, neutral))
    return docs


def _wikigold_docs(data: Path) -> list[TypedDoc]:
    docs = []
    for txt in sorted(data.glob("*.txt")):
        meta = json.loads(txt.with_suffix(".json").read_text(encoding="utf-8"))
        text = txt.read_text(encoding="utf-8")
        gold = tuple((e["text"], _WIKIGOLD_TYPES[e["type"]], "", True) for e in meta["entities"]
                     if e["type"] in _WIKIGOLD_TYPES)
        neutral = frozenset(name_key(e["text"]) for e in meta["entities"]
                            if e["type"] == "MISC" and _DEMONYM.match(e["text"]))
        docs.append(TypedDoc("wikigold", txt.stem, "", text, text, gold, neutral))
    return docs


def typed_sets(gum_by_genre: bool = True) -> dict[str, list[TypedDoc]]:
    """Every dev set that is there: gum-open (by genre), re3d, wikigold, wikinews."""
    sets: dict[str, list[TypedDoc]] = {}
    if GUM_OPEN.is_dir():
        for doc in _gum_docs(GUM_OPEN, "gum-open", gum_by_genre):
            sets.setdefault(doc.set, []).append(doc)
    if RE3D.is_dir():
        sets["re3d"] = _re3d_docs(RE3D)
    if WIKIGOLD.is_dir():
        sets["wikigold"] = _wikigold_docs(WIKIGOLD)
    if WIKINEWS.is_dir():
        # the same texts as gum-open's news and interviews: scored on gum-open's full gold (every
        # proper mention), where wikinews' own gold holds only the entities with a Wikipedia page
        full = GUM_OPEN if GUM_OPEN.is_dir() else WIKINEWS
        stems = {t.stem for t in WIKINEWS.glob("*.txt")}
        sets["wikinews"] = [replace(d, set="wikinews") for d in _gum_docs(full, "wikinews", False)
                            if d.id in stems]
    return sets


def extract_typed(doc: TypedDoc) -> tuple[Any, ...]:
    return extract_entities(doc.title, doc.body)


@lru_cache(maxsize=1)
def _nationality_keys() -> frozenset[str]:
    gaz = load_gazetteer()
    keys = {name_key(n) for n in gaz.nationalities} | {name_key(n + "s") for n in gaz.nationalities}
    return frozenset(keys | {name_key(w) for w in _RELIGIONS})


_RELIGIONS = ("Muslim", "Muslims", "Christian", "Christians", "Jew", "Jews", "Jewish", "Islamic",
              "Catholic", "Catholics", "Protestant", "Protestants", "Hindu", "Hindus", "Buddhist",
              "Buddhists", "Sunni", "Sunnis", "Shia", "Shiite", "Shiites", "Arab", "Arabs", "Kurd",
              "Kurds", "Kurdish", "Arabic", "Sikh", "Sikhs")


def gold_names(doc: TypedDoc) -> tuple[dict[str, str], set[tuple[str, str]]]:
    """(every form of a gold name → its canonical key, the gold set of (canonical key, type))."""
    gaz = load_gazetteer()
    canon: dict[str, str] = {}
    gold: set[tuple[str, str]] = set()
    neutral = _nationality_keys() | doc.neutral
    for mention, etype, _identity, proper in doc.gold:
        named = gold_name(mention, etype, proper)
        if named is None:
            continue
        key, forms = named
        if key in neutral or any(f in neutral for f in forms):
            continue
        if gaz.country(key):
            etype = "place"
        for form in forms:
            canon.setdefault(form, key)
        gold.add((key, etype))
    return canon, gold


_WORDY = re.compile(r"\w")
_NAME_RUN = re.compile(r"[A-Z][\w.'’&-]*(?:(?:\s+(?:of|the|for|and|&|de|da|van|von|der|al|el|bin)"
                       r")*\s+[A-Z][\w.'’&-]*)*")
_PRONOUNS = frozenset({"I", "He", "She", "It", "We", "They", "You", "His", "Her", "Its", "Our", "Their",
                       "My", "Me", "Him", "Us", "Them"})


def gold_name(mention: str, etype: str = "", proper: bool = True) -> tuple[str, set[str]] | None:
    """A gold mention's name key and every key that counts as it: the head name of the
    mention, titles, a leading country or nationality and possessives dropped ("Pennsylvania
    Senator Rick Santorum" → "rick santorum", "Matthew Ingram of The Globe and Mail" →
    "matthew ingram", "Facebook co-founder Mark Zuckerberg" → "mark zuckerberg"); ``None``
    for pronouns and common nouns."""
    text = detokenise(mention)
    forms = mention_forms(mention)
    if not forms or text in _PRONOUNS:
        return None
    text = re.sub(r"['’]s\b", " ;", re.sub(r"['’]s?$", "", text))
    runs = [m.group() for m in _NAME_RUN.finditer(text)]
    if not runs:
        return None
    last_ends = text.rstrip().endswith(runs[-1]) and not _PREP.search(text[:text.rfind(runs[-1])])
    before, after = text[:text.find(runs[0])].strip(), text[text.find(runs[0]) + len(runs[0]):].split()
    noun_after = len(runs) == 1 and before.lower() in ("", "the") and 0 < len(after) <= 2 \
        and all(w.lower() in _TRAILING_NOUNS for w in after)  # "Yonhap news agency"
    if not proper and not noun_after and not (last_ends and text[:text.rfind(runs[-1])].strip()
                                              and runs[-1].split()[0] not in cues.STOP_WORDS):
        return None  # "the organization founded by … L. Ron Hubbard for …", "Some": no name heads it
    head = runs[-1] if last_ends else runs[0]
    gaz = load_gazetteer()
    words = head.split()
    while len(words) > 1 and (words[0].rstrip(".") in cues.TITLES or words[0].lower() in cues.ROLE_NOUNS
                              or gaz.country(words[0])
                              or words[0] in gaz.nationalities or words[0] in ("The", "A", "An")
                              or name_key(words[0]) in gaz.places and words[1].rstrip(".") in cues.TITLES):
        words = words[1:]
    titled = [i for i, w in enumerate(words[:-1]) if w.rstrip(".") in cues.TITLES]
    if etype == "person" and titled and words[titled[-1] + 1] not in ("of", "for"):
        words = words[titled[-1] + 1:]  # "Foreign Office Minister Tobias Ellwood" → "Tobias Ellwood"
    if len(words) > 1 and words[0] in ("of", "for"):  # "Minister of Education Stefania Giannini"
        given = [i for i, w in enumerate(words) if w in gaz.given_names or w.rstrip(".") in cues.TITLES]
        words = words[given[-1]:] if given else words[-2:]
        while len(words) > 1 and words[0].rstrip(".") in cues.TITLES:
            words = words[1:]
    while words and words[-1] in ("of", "the", "and", "for"):
        words = words[:-1]
    key = name_key(" ".join(words))
    if not key or len(key) < 2 and not key.isalpha():
        return None
    return key, forms | {key}


def _occurs(surface: str, text: str) -> bool:
    """Whether ``surface`` is written in ``text`` as whole words."""
    at = text.find(surface)
    while at >= 0:
        before = text[at - 1] if at else " "
        end = at + len(surface)
        after = text[end] if end < len(text) else " "
        if not _WORDY.match(before) and not (_WORDY.match(after) and _WORDY.match(surface[-1])):
            return True
        at = text.find(surface, at + 1)
    return False


def predicted_names(doc: TypedDoc, entities: Iterable[Any], canon: dict[str, str]) -> set[tuple[str, str]]:
    """(canonical key, type) of every name and alias the extractor gave that the text writes."""
    neutral = _nationality_keys() | doc.neutral
    found: set[tuple[str, str]] = set()
    for e in entities:
        for surface in (e.name, *e.aliases):
            key = name_key(surface)
            if not key or key in neutral or not _occurs(surface, doc.text):
                continue
            found.add((canon.get(key, key), e.type))
    return found


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 1.0
    r = tp / n_gold if n_gold else 1.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "tp": tp, "pred": n_pred, "gold": n_gold}


def score_typed(docs: list[TypedDoc], results: list[tuple[Any, ...]],
                errors: list[str] | None = None) -> dict[str, Any]:
    """Typed and untyped precision / recall / F1 (micro, over documents), per type too."""
    tp = n_pred = n_gold = utp = un_pred = un_gold = 0
    per: dict[str, list[int]] = {t: [0, 0, 0] for t in TYPES}
    for doc, entities in zip(docs, results):
        canon, gold = gold_names(doc)
        pred = predicted_names(doc, entities, canon)
        hit = pred & gold
        tp, n_pred, n_gold = tp + len(hit), n_pred + len(pred), n_gold + len(gold)
        for t in TYPES:
            per[t][0] += sum(1 for x in hit if x[1] == t)
            per[t][1] += sum(1 for x in pred if x[1] == t)
            per[t][2] += sum(1 for x in gold if x[1] == t)
        ugold, upred = {k for k, _ in gold}, {k for k, _ in pred}
        utp, un_pred, un_gold = utp + len(ugold & upred), un_pred + len(upred), un_gold + len(ugold)
        if errors is not None:
            gold_types = {k: t for k, t in gold}
            for k, t in sorted(pred - gold):
                kind = f"type  (gold {gold_types[k]})" if k in gold_types else "junk "
                errors.append(f"{doc.set}:{doc.id}  {kind}  {k} = {t}")
            for k, t in sorted(gold - pred):
                if k not in upred:
                    errors.append(f"{doc.set}:{doc.id}  miss   {k} ({t})")
    out: dict[str, Any] = {"docs": len(docs), **_prf(tp, n_pred, n_gold)}
    out["untyped"] = _prf(utp, un_pred, un_gold)
    out["types"] = {t: _prf(*per[t]) for t in TYPES}
    return out


def split_merge(docs: list[TypedDoc], results: list[tuple[Any, ...]]) -> dict[str, float]:
    """On GUM's identities: gold entities spread over 2+ extracted ones (split), extracted
    entities holding 2+ gold entities (merge), over the ones matched."""
    found = split = matched = merged = 0
    for doc, entities in zip(docs, results):
        forms: dict[str, set[str]] = {}
        for mention, _t, identity, proper in doc.gold:
            if identity and (proper or gold_name(mention, _t, False)):
                forms.setdefault(identity, set()).update(mention_forms(mention))
        owners: dict[str, set[str]] = {}
        for identity, fs in forms.items():
            for f in fs:
                owners.setdefault(f, set()).add(identity)
        index: dict[str, set[int]] = {}
        for i, e in enumerate(entities):
            for surface in (e.name, *e.aliases):
                index.setdefault(name_key(surface), set()).add(i)
        holds: dict[int, set[str]] = {}
        for identity, fs in forms.items():
            own = {f for f in fs if len(owners[f]) == 1}  # a form two gold entities share proves nothing
            hits = set().union(*(index.get(f, set()) for f in own)) if own else set()
            if hits:
                found += 1
                split += len(hits) > 1
                for h in hits:
                    holds.setdefault(h, set()).add(identity)
        matched += len(holds)
        merged += sum(1 for ids in holds.values() if len(ids) > 1)
    return {"gold_found": found, "split": split / max(found, 1), "merge": merged / max(matched, 1)}
