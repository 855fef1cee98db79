"""Who said what (issue #16): briefgen's quotes against GUM's attribution relations.

    python bench/quotes.py [--genre news] [--data ../shared/data/gum-open] [--show]

GUM's annotators mark, in the RST layer, who is the source of which reported
content (``attributions``: the source span and its entity, the content unit).
For each document the text is read paragraph by paragraph, names are the
document's own proper-name mentions (surface → identity, as an article's
entities would be), and :func:`briefgen.index.quotes.find_quotes` runs on it.

A found quote is *right* when its text overlaps an annotated content unit and
its speaker is that unit's source: the same entity (resolved through the names,
pronouns included), or a speaker text overlapping the annotated source text.
Precision: right quotes / found quotes; recall: annotated attributions with a
right quote / annotated attributions.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from briefgen.index.quotes import find_quotes  # noqa: E402


def _names(doc: dict) -> tuple[dict[str, str], dict[str, str]]:
    surfaces: dict[str, str] = {}
    types: dict[str, str] = {}
    for e in doc.get("entities", ()):
        if e.get("proper") and e.get("identity") and e.get("type") in ("person", "organization",
                                                                         "place"):
            surfaces.setdefault(e["text"], e["identity"])
            types[e["identity"]] = e["type"]
    return surfaces, types


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def evaluate(data: Path, genre: str, show: bool = False) -> dict[str, float]:
    found_n = right_n = gold_n = gold_hit = 0
    for path in sorted(data.glob(f"GUM_{genre}_*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        text = path.with_suffix(".txt").read_text(encoding="utf-8")
        blocks = [line for line in text.split("\n") if line.strip()]
        surfaces, types = _names(doc)
        gold = [a for a in doc.get("attributions", ()) if a.get("source")]
        gold_n += len(gold)
        hit = [False] * len(gold)
        for q in find_quotes(blocks, surfaces, types):
            found_n += 1
            at = text.find(q.text)
            span = (at, at + len(q.text)) if at >= 0 else None
            ok = False
            for i, g in enumerate(gold):
                if span is None or not _overlap(span, tuple(g["content_span"])):
                    continue
                source = g["source"]
                same = (q.entity is not None and q.entity == source.get("identity")) or (
                    {w.lower() for w in q.speaker.split() if len(w) > 2}
                    & {w.lower() for w in source["text"].split() if len(w) > 2})
                if same:
                    ok = hit[i] = True
            right_n += ok
            if show and not ok:
                print(f"  wrong  {path.stem}: {q.speaker!r} → {q.text[:70]!r}")
        gold_hit += sum(hit)
        if show:
            for g, h in zip(gold, hit):
                if not h:
                    print(f"  missed {path.stem}: {g['source']['text']!r} → {g['content_unit'][:70]!r}")
    return {"documents": len(list(data.glob(f"GUM_{genre}_*.json"))), "annotated": gold_n,
            "found": found_n, "precision": right_n / found_n if found_n else 0.0,
            "recall": gold_hit / gold_n if gold_n else 0.0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data" / "gum-open")
    parser.add_argument("--genre", default="news")
    parser.add_argument("--show", action="store_true", help="list wrong and missed attributions")
    args = parser.parse_args()
    result = evaluate(args.data, args.genre, args.show)
    print(f"{args.genre}: {result['documents']} documents, {result['annotated']} annotated "
          f"attributions, {result['found']} found; precision {result['precision']:.3f}, "
          f"recall {result['recall']:.3f}")


if __name__ == "__main__":
    main()
