"""Train the entity typer (``briefgen/ingest/entities/typer.py``) on the tuning part of the open gold.

Run: ``python bench/train_typer.py [--epochs=N] [--out=PATH] [--limit=N] [--features=context,words]``;
writes ``briefgen/ingest/entities/typer_weights.json`` by default.
``--cv='[{SETTINGS}, …]' [--errors]`` instead scores each setting of ``typer``'s decision
constants (and ``extract.BARE_SHORT_FORMS``) by three-fold cross-validation on the tuning part:
typed F1 per set and the Wikinews gate's recall and type accuracy, each fold scored by
weights trained on the other two. That is where the shipped settings come from.

Data (``../shared/data``, all openly licensed; see ``briefgen/ingest/entities/TYPER_DATA.md``):
the tuning part (``quality.held_out`` false: ``int(sha256(id)[:8], 16) % 3 != 0``) of
``gum-open`` (every genre), ``re3d`` and ``wikigold``. The held-out part is never read here,
so ``python bench/entities.py`` can score it honestly.

Each candidate entity the rules find (``extract.candidates``) is labelled from the gold:
its name and aliases that the text writes, mapped to gold names as ``bench/quality.py``
scores them, give the gold type; a candidate none of whose names is a gold name is
``none`` (no name a reader would accept); candidates named only by demonyms or
nationalities, or by nothing the text writes, are left out. The model is a multi-class
averaged perceptron (Collins 2002) over ``typer.features``, the mean of ten trained on
ten fixed shuffles: deterministic, about twenty seconds on one core.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from quality import (  # noqa: E402
    DATA, REPO, WIKINEWS, TypedDoc, entity_docs, gold_names, predicted_names, score_entities,
    score_typed, typed_sets,
)

from briefgen.ingest.entities import extract, typer  # noqa: E402
from briefgen.ingest.entities.extract import candidates  # noqa: E402
from briefgen.ingest.entities.gazetteer import load_gazetteer  # noqa: E402
from briefgen.model import Entity  # noqa: E402
from briefgen.names import name_key  # noqa: E402

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
        gold_type: dict[str, str] = {}
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


SEEDS = 10  # cross-validated: 5 → 10 seeds, +0.6–0.8 point on gum-open and wikigold, steadier weights


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


def _fold(doc: TypedDoc, folds: int) -> int:
    """A fold of the tuning part, from other bits of the hash than the held-out split's."""
    return int(hashlib.sha256(doc.id.encode()).hexdigest()[8:16], 16) % folds


def cross_validate(grid: list[dict[str, Any]], epochs: int = 10, folds: int = 3,
                   show_errors: bool = False) -> None:
    """Typed F1 per set of each decision setting in ``grid`` (``typer`` constants), each fold of
    the tuning part scored by weights trained on the other folds: settings are chosen here,
    never on the held-out part."""
    docs = training_docs()
    gaz = load_gazetteer()
    found: dict[int, list[list[Any]]] = {i: [] for i in range(len(grid))}
    order: list[TypedDoc] = []
    for k in range(folds):
        train_docs = [d for d in docs if _fold(d, folds) != k]
        test_docs = [d for d in docs if _fold(d, folds) == k]
        lex = {w: (v[0], v[1]) for w, v in lexicon(lexicon_texts(train_docs)).items()}
        weights = {f: tuple(v) for f, v in bagged(examples(train_docs, lex), epochs).items()}
        setattr(typer, "load_lexicon", lambda: lex)
        setattr(typer, "load_weights", lambda: weights)
        order.extend(test_docs)
        for i, setting in enumerate(grid):
            modules = {name: extract if name == "BARE_SHORT_FORMS" else typer for name in setting}
            saved = {name: getattr(modules[name], name) for name in setting}
            for name, value in setting.items():
                setattr(modules[name], name, value)
            for d in test_docs:
                cs, common = candidates(d.title, d.body)
                ents = []
                for cand in cs:
                    etype = typer.decide(cand, gaz, common, bare_short_forms=extract.BARE_SHORT_FORMS)
                    if etype is not None:
                        ents.append(Entity(name=cand.name, type=etype, aliases=cand.aliases,
                                           mentions=cand.mentions))
                found[i].append(ents)
            for name, value in saved.items():
                setattr(modules[name], name, value)
    for i, setting in enumerate(grid):
        row = []
        for name in SETS:
            chosen = [j for j, d in enumerate(order) if d.set == name]
            errors: list[str] | None = [] if show_errors and i == 0 else None
            r = score_typed([order[j] for j in chosen], [tuple(found[i][j]) for j in chosen], errors)
            if errors:
                print("\n".join(errors))
            row.append(f"{name} {r['f1']:.3f} (P {r['precision']:.3f} R {r['recall']:.3f})")
        gate = {d.stem: d for d in entity_docs()} if WIKINEWS.is_dir() else {}
        chosen = [j for j, d in enumerate(order) if d.id in gate]
        g = score_entities([gate[order[j].id] for j in chosen], [found[i][j] for j in chosen],
                           show=show_errors and i == 0)
        row.append(f"wikinews gate recall {g['recall']:.3f} type {g['type']:.3f}")
        print(f"{setting}: " + " | ".join(row))


def main(argv: list[str]) -> dict[str, Any]:
    epochs, out, limit = 10, OUT, None
    for a in argv:
        if a.startswith("--features="):
            typer.FEATURE_SETS = frozenset(x for x in a.partition("=")[2].split(",") if x)
        elif a.startswith("--cv="):
            cross_validate(json.loads(a.partition("=")[2]), epochs, show_errors="--errors" in argv)
            return {}
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
