"""Train the entity typer (``briefgen/ingest/entities/typer.py``) on the tuning part of the open gold.

Run: ``python bench/train_typer.py [--epochs N] [--out PATH] [--limit N]``; writes
``briefgen/ingest/entities/typer_weights.json`` by default.

Data (``../shared/data``, all openly licensed; see ``briefgen/ingest/entities/TYPER_DATA.md``):
the tuning part (``quality.held_out`` false: ``int(sha256(id)[:8], 16) % 3 != 0``) of
``gum-open`` (every genre), ``re3d`` and ``wikigold``. The held-out part is never read here,
so ``python bench/entities.py`` can score it honestly.

Each candidate entity the rules find (``extract.candidates``) is labelled from the gold:
its name and aliases that the text writes, mapped to gold names as ``bench/quality.py``
scores them, give the gold type; a candidate none of whose names is a gold name is
``none`` (no name a reader would accept); candidates named only by demonyms or
nationalities, or by nothing the text writes, are left out. The model is a multi-class
averaged perceptron (Collins 2002) over ``typer.features``: deterministic (a fixed
shuffle seed), a few seconds on one core.
"""

from __future__ import annotations

import json
import random
import sys
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from quality import REPO, TypedDoc, gold_names, name_key, predicted_names, typed_sets  # noqa: E402

from briefgen.ingest.entities import typer  # noqa: E402
from briefgen.ingest.entities.extract import candidates  # noqa: E402
from briefgen.ingest.entities.gazetteer import load_gazetteer  # noqa: E402

OUT = REPO / "briefgen" / "ingest" / "entities" / typer.WEIGHTS
SETS = ("gum-open", "re3d", "wikigold")


def training_docs(limit: int | None = None) -> list[TypedDoc]:
    docs = [d for name, ds in sorted(typed_sets(gum_by_genre=False).items()) if name in SETS
            for d in ds if not d.held_out]
    return docs[:limit] if limit else docs


def examples(docs: list[TypedDoc]) -> list[tuple[list[str], int]]:
    """(features, label index) of every labelled candidate of ``docs``."""
    gaz = load_gazetteer()
    out = []
    for doc in docs:
        found, common = candidates(doc.title, doc.body)
        canon, gold = gold_names(doc)
        gold_type = {}
        for key, etype in sorted(gold):
            gold_type.setdefault(key, etype)
        for cand in found:
            if not cand.written:
                continue
            named = predicted_names(doc, [cand], canon)
            if not named:
                continue  # demonyms only, or nothing the text writes
            keys = [canon.get(name_key(cand.name), name_key(cand.name))] + sorted(k for k, _ in named)
            label = next((gold_type[k] for k in keys if k in gold_type), "none")
            out.append((typer.features(cand, gaz, common), typer.LABELS.index(label)))
    return out


def train(data: list[tuple[list[str], int]], epochs: int = 10, seed: int = 0) -> dict[str, list[float]]:
    """A multi-class averaged perceptron: the weights averaged over every step."""
    k = len(typer.LABELS)
    w: dict[str, list[float]] = {}
    total: dict[str, list[float]] = {}
    stamp: dict[str, list[int]] = {}
    step = 0
    order = list(range(len(data)))
    rng = random.Random(seed)

    def bump(feat: str, label: int, delta: float) -> None:
        ws = w.setdefault(feat, [0.0] * k)
        ts = total.setdefault(feat, [0.0] * k)
        st = stamp.setdefault(feat, [0] * k)
        ts[label] += (step - st[label]) * ws[label]
        st[label] = step
        ws[label] += delta

    for _ in range(epochs):
        rng.shuffle(order)
        for i in order:
            feats, gold = data[i]
            step += 1
            scores = typer.score(feats, {f: tuple(v) for f, v in ((f, w.get(f)) for f in feats) if v})
            guess = max(range(k), key=lambda j: scores[j])
            if guess != gold:
                for f in feats:
                    bump(f, gold, 1.0)
                    bump(f, guess, -1.0)
    averaged = {}
    for feat, ws in w.items():
        ts, st = total[feat], stamp[feat]
        avg = [(ts[j] + (step - st[j]) * ws[j]) / step for j in range(k)]
        if any(abs(x) >= 5e-4 for x in avg):
            averaged[feat] = [round(x, 4) for x in avg]
    return averaged


def main(argv: list[str]) -> dict[str, Any]:
    epochs, out, limit = 10, OUT, None
    for a in argv:
        if a.startswith("--epochs="):
            epochs = int(a.partition("=")[2])
        elif a.startswith("--out="):
            out = Path(a.partition("=")[2])
        elif a.startswith("--limit="):
            limit = int(a.partition("=")[2])
    docs = training_docs(limit)
    data = examples(docs)
    weights = train(data, epochs)
    payload = {
        "about": "Averaged-perceptron weights of briefgen's entity typer, trained by bench/train_typer.py "
                 "on the tuning part of gum-open, re3d and wikigold (licences: TYPER_DATA.md).",
        "labels": list(typer.LABELS), "epochs": epochs, "documents": len(docs), "examples": len(data),
        "label_counts": dict(Counter(typer.LABELS[y] for _, y in data)),
        "weights": dict(sorted(weights.items())),
    }
    out.write_text(json.dumps(payload, separators=(",", ":"), ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(docs)} documents, {len(data)} examples {payload['label_counts']}, "
          f"{len(weights)} features → {out}")
    return payload


if __name__ == "__main__":
    main(sys.argv[1:])
