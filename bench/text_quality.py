"""Text-path body quality and speed on the copied pages of ../shared/data/extraction.

usage: python bench/text_quality.py [--worst N]
Prints F1 / precision / recall (the public benchmark's shingle scoring, as in
../shared/tools/bodyscore.py) and dumps per second for the whole text reader
(body and every header field), per CPU second of one core and per wall second.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import time
from pathlib import Path

from briefgen.ingest.rawdoc import read_raw
from briefgen.ingest.readers.text import read_text

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "extraction"
SCORER = DATA.parents[1] / "tools" / "bodyscore.py"


def load_scorer():
    spec = importlib.util.spec_from_file_location("bodyscore", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--worst", type=int, default=0, help="list the N worst pages")
    parser.add_argument("--rounds", type=int, default=3, help="timing rounds (best is reported)")
    parser.add_argument("--out", type=Path, help="write predictions JSON here")
    args = parser.parse_args()
    truth = json.loads((DATA / "ground-truth.json").read_text())
    raws = {path.stem: read_raw(path) for path in sorted((DATA / "text").glob("*.txt"))}
    elapsed = wall = float("inf")
    for _ in range(args.rounds):  # best of N; CPU time, since the machine is shared
        started, started_wall = time.process_time(), time.perf_counter()
        pred = {key: {"articleBody": read_text(raw).body} for key, raw in raws.items()}
        elapsed = min(elapsed, time.process_time() - started)
        wall = min(wall, time.perf_counter() - started_wall)
    scorer = load_scorer()
    result = scorer.score({k: truth[k] for k in raws}, pred)
    print(f"{'pages':>6} {'F1':>6} {'prec':>6} {'recall':>6} {'pages/cpu-s':>12} {'pages/wall-s':>13}")
    print(f"{result['pages']:>6} {result['f1']:>6.3f} {result['precision']:>6.3f} "
          f"{result['recall']:>6.3f} {len(raws) / elapsed:>12.0f} {len(raws) / wall:>13.0f}")
    if args.worst:
        rows = []
        for key in raws:
            tp, fp, fn = scorer.page(truth[key]["articleBody"], pred[key]["articleBody"])
            p = tp / (tp + fp) if tp + fp else 0.0
            r = tp / (tp + fn) if tp + fn else 0.0
            rows.append((2 * p * r / (p + r) if p + r else 0.0, p, r, key))
        for f1, p, r, key in sorted(rows)[: args.worst]:
            print(f"{key[:10]}  F1 {f1:.2f}  P {p:.2f}  R {r:.2f}")
    if args.out:
        args.out.write_text(json.dumps(pred, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
