"""Entity extraction against the typed gold of ``../shared/data``: every dev set alone, and the worst.

Run: ``python bench/entities.py [--errors[=SET]] [--part=held-out|tuning|all] [--json FILE]``.

Figures, defined once in ``bench/quality.py``:

- per dev set (``gum-open`` by genre, ``re3d`` with confidence ≥ 0.5, ``wikigold``,
  ``wikinews``), on its tuning part and its held-out part separately (a document is held
  out when ``int(sha256(id)[:8], 16) % 3 == 0``): precision, recall and F1 of typed names
  per document, the set of (name, type) of persons, organisations and places, a name
  counting only where the text writes it, demonyms and nationalities counting neither way;
  the same per type, and untyped (names found at all, whatever their type);
- on the GUM sets (their gold names entity identities): the split rate (gold entities spread
  over two or more extracted entities) and the merge rate (extracted entities holding two or
  more gold entities);
- on ``wikinews``, the historical gate figures too: recall of gold entities, split, type accuracy;
- speed: sentences per CPU second over every document.

``--errors`` prints every wrong or missed name (of one set with ``--errors=re3d``).
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from quality import (  # noqa: E402
    WIKINEWS, TypedDoc, entity_docs, extract_all, extract_typed, score_entities, score_typed, split_merge,
    typed_sets,
)

from briefgen.ingest.entities.gazetteer import load_gazetteer  # noqa: E402

_SENTENCE = re.compile(r"[.!?]+[\"”’)]*(?:\s|$)")


def sentences(docs: list[TypedDoc]) -> int:
    return sum(len(_SENTENCE.findall(d.text)) + 1 for d in docs)


def measure(errors_of: str | None = None) -> dict[str, Any]:
    """Every set's figures, tuning and held-out, the worst of each, and the speed."""
    load_gazetteer()  # parse once outside the timing
    sets = typed_sets()
    every = [d for docs in sets.values() for d in docs if not d.set.startswith("wikinews")]
    started = time.process_time()
    results = {id(d): extract_typed(d) for d in every}
    cpu = time.process_time() - started
    for d in sets.get("wikinews", []):
        results[id(d)] = extract_typed(d)
    out: dict[str, Any] = {"sets": {}, "sentences": sentences(every), "cpu_s": cpu,
                           "sentences_per_cpu_s": sentences(every) / max(cpu, 1e-9)}
    gum_all = [d for name, docs in sets.items() if name.startswith("gum-open") for d in docs]
    groups = {**sets, "gum-open": gum_all} if gum_all else dict(sets)
    for name, docs in groups.items():
        row: dict[str, Any] = {}
        for part, chosen in (("tuning", [d for d in docs if not d.held_out]),
                             ("held-out", [d for d in docs if d.held_out]), ("all", docs)):
            errors: list[str] | None = [] if errors_of and part != "all" and name == errors_of else None
            found = [results[id(d)] for d in chosen]
            row[part] = score_typed(chosen, found, errors)
            if name.startswith(("gum-open", "wikinews")):
                row[part].update(split_merge(chosen, found))
            if errors:
                print(f"--- {name} {part}")
                print("\n".join(errors))
        out["sets"][name] = row
    if WIKINEWS.is_dir():
        gate_docs = entity_docs(WIKINEWS)
        out["wikinews_gate"] = score_entities(gate_docs, extract_all(gate_docs))
    return out


def _row(name: str, r: dict[str, Any]) -> str:
    types = " | ".join(f"{r['types'][t]['f1']:.2f}" for t in ("person", "organization", "place"))
    split = f"{r['split']:.1%} / {r['merge']:.1%}" if "split" in r else ""
    return (f"| {name} | {r['docs']} | **{r['f1']:.3f}** | {r['precision']:.3f} | {r['recall']:.3f} "
            f"| {r['untyped']['f1']:.3f} | {types} | {split} |")


def report(m: dict[str, Any], part: str) -> str:
    lines = [f"**{part}**", "",
             "| set | docs | typed F1 | precision | recall | untyped F1 | F1 person | org | place "
             "| split / merge |", "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    singles = {k: v for k, v in m["sets"].items() if k != "gum-open"}
    for name, row in sorted(m["sets"].items()):
        lines.append(_row(name, row[part]))
    worst = min(singles, key=lambda k: singles[k][part]["f1"])
    lines.append(f"\nworst: {worst} (typed F1 {singles[worst][part]['f1']:.3f})")
    return "\n".join(lines)


def main(argv: list[str]) -> None:
    errors_of = None
    part_wanted = ["tuning", "held-out"]
    out_file = None
    for a in argv:
        if a.startswith("--errors"):
            errors_of = a.partition("=")[2] or "wikinews"
        elif a.startswith("--part="):
            part_wanted = [a.partition("=")[2]]
        elif a.startswith("--json"):
            out_file = a.partition("=")[2] or "entities.json"
    m = measure(errors_of)
    for part in part_wanted:
        print(report(m, part))
        print()
    g = m.get("wikinews_gate")
    if g:
        print(f"wikinews gate: recall {g['recall']:.3f}, split {g['split']:.1%}, type accuracy {g['type']:.3f}, "
              f"{g['extracted']} extracted, {g['unmatched']:.1%} unmatched")
    print(f"speed: {m['sentences']:,} sentences in {m['cpu_s']:.2f} CPU s = "
          f"{m['sentences_per_cpu_s']:,.0f} sentences per CPU second")
    if out_file:
        Path(out_file).write_text(json.dumps(m, indent=1, default=float), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
