"""Is the text-path body score a property of the method or of its constants?

usage: python bench/text_robustness.py
1. Sensitivity: F1 with each story-finder weight scaled by 0.67 and 1.5.
2. Five-fold cross-validation: pick the best of a small grid of weights on four
   fifths of ../shared/data/extraction, score the held-out fifth.
Only the body is scored (the story finder alone), as bench/text_quality.py does.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from text_quality import DATA, load_scorer  # noqa: E402

from briefgen.ingest.rawdoc import read_raw  # noqa: E402
from briefgen.ingest.textdump.lines import split_lines  # noqa: E402
from briefgen.ingest.textdump.story import Weights, find_story  # noqa: E402

GRID = {"line_cost": (2.0, 3.0, 5.0), "packed": (0.1, 0.3, 0.6), "first_share": (0.35, 0.5, 0.8)}


def bodies(docs: dict, weights: Weights) -> dict[str, dict[str, str]]:
    out = {}
    for key, lines in docs.items():
        story = find_story(lines, weights)
        out[key] = {"articleBody": "\n\n".join(lines[i].text for i in story.keep) if story else ""}
    return out


def main() -> None:
    scorer = load_scorer()
    truth = json.loads((DATA / "ground-truth.json").read_text())
    docs = {p.stem: split_lines(read_raw(p).text) for p in sorted((DATA / "text").glob("*.txt"))}
    base = Weights()
    f1 = scorer.score(truth, bodies(docs, base))["f1"]
    print(f"default weights: F1 {f1:.3f}\n")
    print(f"{'weight':<16} {'value':>7} {'x0.67':>7} {'x1.5':>7}")
    for field in dataclasses.fields(Weights):
        value = getattr(base, field.name)
        scores = []
        for factor in (0.67, 1.5):
            changed = type(value)(value * factor) if isinstance(value, float) else max(1, round(value * factor))
            scores.append(scorer.score(truth, bodies(docs, dataclasses.replace(base, **{field.name: changed})))["f1"])
        print(f"{field.name:<16} {value:>7} {scores[0]:>7.3f} {scores[1]:>7.3f}")

    keys = sorted(docs)
    combos = [dict(zip(GRID, values)) for values in itertools.product(*GRID.values())]
    predicted = [bodies(docs, dataclasses.replace(base, **combo)) for combo in combos]
    held = []
    print(f"\n5-fold cross-validation over {len(combos)} weight settings")
    for fold in range(5):
        test = keys[fold::5]
        train = [k for k in keys if k not in test]
        best = max(range(len(combos)), key=lambda i: scorer.score({k: truth[k] for k in train},
                                                                  {k: predicted[i][k] for k in train})["f1"])
        score = scorer.score({k: truth[k] for k in test}, {k: predicted[best][k] for k in test})["f1"]
        held.append(score)
        print(f"fold {fold}: chose {combos[best]}  held-out F1 {score:.3f}")
    print(f"mean held-out F1 {statistics.mean(held):.3f}")


if __name__ == "__main__":
    main()
