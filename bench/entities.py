"""Entity extraction against the GUM gold entities of the Wikinews articles.

Run: ``python bench/entities.py [DATA_DIR] [--show]`` (DATA_DIR defaults to
``../shared/data/wikinews``). For each ``ID.txt`` the body is every line after
the headline and the date line; the gold is ``ID.json``'s ``gold_linked_entities``
of type person, organization or place.

What counts as found, split and rightly typed is defined once, in
``bench/quality.py`` (the entity gate of ``tests/test_quality_gates.py`` uses the
same code). Figures: recall of gold entities; split rate (found gold entities
spread over two or more extracted entities); type accuracy over found entities;
unmatched extracted entities (informative only: the gold links only entities with
a Wikipedia page); sentences per second, by the wall clock and by the process's CPU
time (best of three runs; the CPU figure is the steadier one on a shared machine).
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from quality import WIKINEWS, entity_docs, extract_all, score_entities  # noqa: E402

from briefgen.ingest.entities.gazetteer import load_gazetteer  # noqa: E402

_SENTENCE = re.compile(r"[.!?]+[\"”’)]*(?:\s|$)")


def run(data: Path, show: bool) -> dict[str, float]:
    docs = entity_docs(data)
    load_gazetteer()  # parse once outside the timing
    sentences = sum(len(_SENTENCE.findall(d.body)) + 1 for d in docs)
    elapsed = cpu = float("inf")
    for _ in range(3):  # best of three: the machine is shared, the fastest run is the least disturbed
        started, started_cpu = time.perf_counter(), time.process_time()
        results = extract_all(docs)
        elapsed = min(elapsed, time.perf_counter() - started)
        cpu = min(cpu, time.process_time() - started_cpu)
    return {**score_entities(docs, results, show), "sentences": sentences, "sps": sentences / elapsed,
            "cpu_sps": sentences / max(cpu, 1e-9)}


def main(argv: list[str]) -> None:
    show = "--show" in argv
    args = [a for a in argv if not a.startswith("--")]
    data = Path(args[0]) if args else WIKINEWS
    r = run(data, show)
    print("| articles | gold entities | recall (goal ≥ 0.90) | split (≤ 5%) | type accuracy (≥ 0.85) "
          "| extracted | unmatched | sentences/s (≥ 20,000) | sentences/CPU-s |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    print(f"| {r['articles']} | {r['gold']} | {r['recall']:.3f} | {r['split']:.1%} | {r['type']:.3f} "
          f"| {r['extracted']} | {r['unmatched']:.1%} | {r['sps']:,.0f} | {r['cpu_sps']:,.0f} |")


if __name__ == "__main__":
    main(sys.argv[1:])
