"""Entity extraction against the GUM gold entities of the Wikinews articles.

Run: ``python bench/entities.py [DATA_DIR] [--show]`` (DATA_DIR defaults to
``../shared/data/wikinews``). For each ``ID.txt`` the body is every line after
the headline and the date line; the gold is ``ID.json``'s ``gold_linked_entities``
of type person, organization or place.

A gold entity counts as found when an extracted entity's name or an alias has
the ``name_key`` of one of its proper-name mentions: the mention as written
(detokenised, "Kim Jong - un" → "Kim Jong-un"), or its last capitalised run with
leading titles and a leading country dropped ("Prime Minister Boris Johnson" →
"Boris Johnson", "Yonhap news agency" → "Yonhap"). Pronouns and common-noun
mentions ("the company") have no capitalised word and never count.

Figures: recall of gold entities; split rate (found gold entities spread over
two or more extracted entities); type accuracy over found entities (GUM types a
country acting as a government "organization": organization and place both
agree for countries); unmatched extracted entities (informative only: the gold
links only entities with a Wikipedia page); sentences per second, by the wall clock and by
the process's CPU time (best of three runs; the CPU figure is the steadier one on a
shared machine).
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from briefgen.ingest.entities import cues  # noqa: E402
from briefgen.ingest.entities.extract import extract_entities  # noqa: E402
from briefgen.ingest.entities.gazetteer import load_gazetteer  # noqa: E402
from briefgen.names import name_key  # noqa: E402

TYPES = ("person", "organization", "place")
_SENTENCE = re.compile(r"[.!?]+[\"”’)]*(?:\s|$)")
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


def run(data: Path, show: bool) -> dict[str, float]:
    articles = sorted(data.glob("*.txt"))
    docs = []
    for txt in articles:
        lines = txt.read_text(encoding="utf-8").splitlines()
        gold = json.loads(txt.with_suffix(".json").read_text(encoding="utf-8"))
        body = "\n".join(lines[2:]).strip()
        docs.append((txt.stem, lines[0], body, gold))
    load_gazetteer()  # parse once outside the timing
    sentences = sum(len(_SENTENCE.findall(body)) + 1 for _, _, body, _ in docs)
    elapsed = cpu = float("inf")
    for _ in range(3):  # best of three: the machine is shared, the fastest run is the least disturbed
        started, started_cpu = time.perf_counter(), time.process_time()
        results = [extract_entities(title, body, publisher=gold.get("publisher"))
                   for _, title, body, gold in docs]
        elapsed = min(elapsed, time.perf_counter() - started)
        cpu = min(cpu, time.process_time() - started_cpu)

    total = found = split = typed = 0
    extracted = unmatched = 0
    for (stem, _, _, gold), entities in zip(docs, results):
        index: dict[str, set[int]] = {}
        for i, e in enumerate(entities):
            for surface in (e.name, *e.aliases):
                index.setdefault(name_key(surface), set()).add(i)
        matched: set[int] = set()
        for g in gold.get("gold_linked_entities", []):
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
    return {"articles": len(docs), "gold": total, "recall": found / total, "split": split / max(found, 1),
            "type": typed / max(found, 1), "extracted": extracted, "unmatched": unmatched / max(extracted, 1),
            "sentences": sentences, "sps": sentences / elapsed, "cpu_sps": sentences / max(cpu, 1e-9)}


def main(argv: list[str]) -> None:
    show = "--show" in argv
    args = [a for a in argv if not a.startswith("--")]
    data = Path(args[0]) if args else Path(__file__).resolve().parents[1].parent / "shared" / "data" / "wikinews"
    r = run(data, show)
    print("| articles | gold entities | recall (goal ≥ 0.90) | split (≤ 5%) | type accuracy (≥ 0.85) "
          "| extracted | unmatched | sentences/s (≥ 20,000) | sentences/CPU-s |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    print(f"| {r['articles']} | {r['gold']} | {r['recall']:.3f} | {r['split']:.1%} | {r['type']:.3f} "
          f"| {r['extracted']} | {r['unmatched']:.1%} | {r['sps']:,.0f} | {r['cpu_sps']:,.0f} |")


if __name__ == "__main__":
    main(sys.argv[1:])
