"""How build time grows with the corpus: synthetic sites of 100 … 1,600 articles.

Each article names ~12 entities drawn Zipf-like from a pool that grows with
the corpus, so the entity count grows too; if the build cost were
articles × entities the ms/article column would climb steeply. Pagefind is off
(its cost is its own). Run: python bench/build_scale.py [sizes…]
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from briefgen import config as config_mod
from briefgen import frontmatter
from briefgen.build import build_site, prepare

WORDS = ("officials said the talks would continue next week while markets watched closely "
         "and analysts warned of further delays in the region").split()


def write_corpus(root: Path, n: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    pool = [f"Person{i} Name{i}" for i in range(max(50, n))]
    topics = [f"Topic {i}" for i in range(max(10, n // 20))]
    articles = root / "content" / "articles"
    articles.mkdir(parents=True)
    for i in range(n):
        names = sorted({pool[min(int(rng.paretovariate(1.1)) - 1, len(pool) - 1)]
                        for _ in range(12)})
        paras = []
        for _ in range(8):
            sentence = rng.sample(WORDS, 8)
            sentence.insert(rng.randrange(8), rng.choice(names))
            paras.append(" ".join(sentence).capitalize() + ". " + " ".join(rng.sample(WORDS, 10)) + ".")
        meta = {"title": f"Story {i}", "dek": "A synthetic story.",
                "published": f"20{10 + i % 14:02d}-{1 + i % 12:02d}-{1 + i % 28:02d}",
                "publisher": f"Paper {i % 7}", "topics": rng.sample(topics, 2),
                "entities": [{"name": n_, "type": "person"} for n_ in names]}
        (articles / f"story-{i}.md").write_text(frontmatter.dump(meta, "\n\n".join(paras)),
                                                encoding="utf-8")


def main(sizes: list[int]) -> None:
    print(f"{'articles':>8} {'entities':>8} {'files':>7} {'index s':>8} {'build s':>8} {'ms/article':>10}")
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            write_corpus(root, n)
            cfg = replace(config_mod.load(root), search=False)
            t = time.perf_counter()
            prepare(cfg)
            index_s = time.perf_counter() - t
            report = build_site(cfg)
            print(f"{n:>8} {report.entities:>8} {report.pages:>7} {index_s:>8.2f} "
                  f"{report.seconds:>8.2f} {1000 * report.seconds / n:>10.1f}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [100, 400, 1600])
