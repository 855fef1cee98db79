"""Text-path body quality and speed on the copied pages of ../shared/data/extraction.

usage: python bench/text_quality.py [--worst N]
Prints F1 / precision / recall (the public benchmark's shingle scoring, as in
../shared/tools/bodyscore.py) and dumps per second for the whole text reader
(body and every header field, and the body's Markdown turned into plain text as
``bench/quality.py`` scores it), per CPU second of one core and per wall second.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from quality import EXTRACTION as DATA  # noqa: E402,F401  (bench/text_robustness.py imports DATA)
from quality import load_scorer, load_truth, page_files, page_score, plain_body, score_bodies  # noqa: E402,F401

from briefgen.ingest.rawdoc import read_raw  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--worst", type=int, default=0, help="list the N worst pages")
    parser.add_argument("--rounds", type=int, default=3, help="timing rounds (best is reported)")
    parser.add_argument("--out", type=Path, help="write predictions JSON here")
    args = parser.parse_args()
    truth = load_truth()
    raws = {path.name.split(".")[0]: read_raw(path) for path in page_files("text", truth)}
    elapsed = wall = float("inf")
    for _ in range(args.rounds):  # best of N; CPU time, since the machine is shared
        started, started_wall = time.process_time(), time.perf_counter()
        pred = {key: plain_body(raw)[0] for key, raw in raws.items()}
        elapsed = min(elapsed, time.process_time() - started)
        wall = min(wall, time.perf_counter() - started_wall)
    result = score_bodies(truth, pred)
    print(f"{'pages':>6} {'F1':>6} {'prec':>6} {'recall':>6} {'pages/cpu-s':>12} {'pages/wall-s':>13}")
    print(f"{result['pages']:>6} {result['f1']:>6.3f} {result['precision']:>6.3f} "
          f"{result['recall']:>6.3f} {len(raws) / elapsed:>12.0f} {len(raws) / wall:>13.0f}")
    if args.worst:
        rows = [(*page_score(truth[key]["articleBody"], pred[key]), key) for key in raws]
        for f1, p, r, key in sorted(rows)[: args.worst]:
            print(f"{key[:10]}  F1 {f1:.2f}  P {p:.2f}  R {r:.2f}")
    if args.out:
        args.out.write_text(json.dumps({k: {"articleBody": v} for k, v in pred.items()},
                                       ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
