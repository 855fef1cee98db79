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
common-noun mentions ("the company") have no capitalised word and never count.
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
_TRAILING_NOUNS = {"news", "agency", "spacecraft", "software", "party", "magazine", "newspaper",
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
            if not forms:
                continue
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
