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
averaged perceptron (Collins 2002) over ``typer.features``, the mean of five trained on
five fixed shuffles: deterministic, about ten seconds on one core.
"""

from __future__ import annotations

import json
import random
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from quality import DATA, REPO, TypedDoc, gold_names, name_key, predicted_names, typed_sets  # noqa: E402

from briefgen.ingest.entities import typer  # noqa: E402
from briefgen.ingest.entities.extract import candidates  # noqa: E402
from briefgen.ingest.entities.gazetteer import load_gazetteer  # noqa: E402

OUT = REPO / "briefgen" / "ingest" / "entities" / typer.WEIGHTS
SETS = ("gum-open", "re3d", "wikigold")
MIN_COUNT = 1


ONESTOPENGLISH = DATA / "onestopenglish"
_TOKEN = re.compile(r"[A-Za-z][a-z]+(?:['’][a-z]+)?")
_OPENERS = frozenset(" \t\"“‘'(")
_STOPS = frozenset(".!?:;\n—–-•*")


def lexicon(texts: list[str], min_lower: int = 2) -> dict[str, list[int]]:
    """word (lower case) → [times written in lower case, times capitalised inside a sentence],
    for the words written in lower case at least ``min_lower`` times."""
    lower: Counter[str] = Counter()
    cap: Counter[str] = Counter()
    for text in texts:
        for m in _TOKEN.finditer(text):
            word, j = m.group(), m.start() - 1
            while j >= 0 and text[j] in _OPENERS:
                j -= 1
            if word[0].islower():
                lower[word] += 1
            elif j >= 0 and text[j] not in _STOPS:
                cap[word.lower()] += 1
    return {w: [lower[w], cap[w]] for w in sorted(lower) if lower[w] >= min_lower}


def lexicon_texts(docs: list[TypedDoc]) -> list[str]:
    """The training documents and onestopenglish's stories (CC BY-SA 4.0), when there."""
    stories = [p.read_text(encoding="utf-8") for p in sorted(ONESTOPENGLISH.glob("*.txt"))]
    return [d.text for d in docs] + stories


def training_docs(limit: int | None = None) -> list[TypedDoc]:
    docs = [d for name, ds in sorted(typed_sets(gum_by_genre=False).items()) if name in SETS
            for d in ds if not d.held_out]
    return docs[:limit] if limit else docs


def examples(docs: list[TypedDoc], lex: typer.Lexicon) -> list[tuple[list[str], int]]:
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
            out.append((typer.features(cand, gaz, common, lex), typer.LABELS.index(label)))
    return out


def train(data: list[tuple[list[str], int]], epochs: int = 10, seed: int = 0,
          min_count: int = MIN_COUNT) -> dict[str, list[float]]:
    """A multi-class averaged perceptron: the weights averaged over every step.

    Features seen in fewer than ``min_count`` examples are left out: they would only
    learn their few names by heart ("suffix -ama is no name").
    """
    seen = Counter(f for feats, _ in data for f in set(feats))
    data = [([f for f in feats if seen[f] >= min_count], y) for feats, y in data]
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


SEEDS = 5


def bagged(data: list[tuple[list[str], int]], epochs: int = 10, seeds: int = SEEDS) -> dict[str, list[float]]:
    """The mean of ``seeds`` averaged perceptrons, each over its own shuffle: steadier decisions
    for the borderline words, which one shuffle alone flips from one training to the next."""
    runs = [train(data, epochs, seed) for seed in range(seeds)]
    k = len(typer.LABELS)
    merged: dict[str, list[float]] = {}
    for run in runs:
        for feat, ws in run.items():
            acc = merged.setdefault(feat, [0.0] * k)
            for j in range(k):
                acc[j] += ws[j] / seeds
    return {f: [round(x, 4) for x in ws] for f, ws in merged.items() if any(abs(x) >= 5e-4 for x in ws)}


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
    lex = lexicon(lexicon_texts(docs))
    data = examples(docs, {k: (v[0], v[1]) for k, v in lex.items()})
    weights = bagged(data, epochs)
    payload = {
        "about": "Averaged-perceptron weights of briefgen's entity typer, trained by bench/train_typer.py "
                 "on the tuning part of gum-open, re3d and wikigold (licences: TYPER_DATA.md).",
        "labels": list(typer.LABELS), "epochs": epochs, "documents": len(docs), "examples": len(data),
        "label_counts": dict(Counter(typer.LABELS[y] for _, y in data)),
        "weights": dict(sorted(weights.items())),
        "lexicon": lex,
    }
    out.write_text(json.dumps(payload, separators=(",", ":"), ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(docs)} documents, {len(data)} examples {payload['label_counts']}, "
          f"{len(weights)} features → {out}")
    return payload


if __name__ == "__main__":
    main(sys.argv[1:])
