"""What editions cost a build and a preview save, at 10,000 articles (issue 15).

    python bench/editions.py                 # 10,000 articles, 20 editions
    python bench/editions.py --n 1000,10000,100000 --editions 50

Editions add, per build: reading ``content/editions/*.yaml``, the pending
edition (the content against what the editions add up to), the history (what
each edition brought, against today's stories and names), and each feed's
order (the latest edition's articles first); per recorded edition, one file
written. The corpus is synthetic in shape only (stems, hashes, stories of one
to five articles, names on one to forty articles, in the proportions of the
example site): these steps read no text. Prints the median of --repeat runs
of each step, in milliseconds. A preview save that changes nothing an edition
shows costs one ``pending`` (see :func:`briefgen.build.editions.after_edit`); one
that does (the first edit of a file since the last edition, a regrouping) costs
``pending`` and ``history``.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from briefgen.build import editions as disk  # noqa: E402
from briefgen.index.editions import Edition, fresh_by_name, fresh_first, history, pending  # noqa: E402
from briefgen.index.stories import Stories, Story  # noqa: E402

T0 = datetime(2026, 1, 1, tzinfo=timezone.utc)


def corpus(n: int, editions: int, seed: int) -> tuple[list[Edition], dict[str, str], list[str],
                                                      Stories, dict[str, list[str]]]:
    """Recorded editions of ``n`` articles (the first holds half), today's files, stories, names."""
    rng = random.Random(seed)
    stems = [f"article-{i:06d}" for i in range(n)]
    hashes = {s: f"{rng.getrandbits(64):016x}" for s in stems}
    cut = [0, n // 2, *sorted(rng.sample(range(n // 2 + 1, n), editions - 2)), n]
    recorded = [Edition(T0 + timedelta(days=k), {s: hashes[s] for s in stems[a:b]}, (), f"{k}.yaml")
                for k, (a, b) in enumerate(zip(cut, cut[1:]))]
    current = dict(hashes)
    for s in rng.sample(stems, n // 100):  # edited since, and new ones: a pending edition
        current[s] = f"{rng.getrandbits(64):016x}"
    for i in range(n, n + n // 200):
        current[f"article-{i:06d}"] = f"{rng.getrandbits(64):016x}"
    order = sorted(current, reverse=True)
    stories: dict[str, Story] = {}
    by_article: dict[str, str] = {}
    i = 0
    while i < len(order):
        members = tuple(order[i:i + rng.randint(1, 5)])
        stories[members[-1]] = Story(members[-1], members[-1], members, None, None, None, None, (),
                                     ())
        by_article.update((a, members[-1]) for a in members)
        i += len(members)
    names = {f"name-{k}": rng.sample(order, min(len(order), int(rng.paretovariate(1.2))))
             for k in range(3 * len(order))}
    return recorded, current, order, Stories(stories, {}, by_article), names


def timed(fn: Callable[[], object], repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - started)
    return statistics.median(runs) * 1000


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--n", default="10000", help="articles; a comma list for a curve")
    p.add_argument("--editions", type=int, default=20, help="recorded editions (default 20)")
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--feed-items", type=int, default=20)
    args = p.parse_args(argv)
    print("| articles | read editions (first / again) | pending | history | feed orders | "
          "record one |")
    print("|---:|---:|---:|---:|---:|---:|")
    for n in (int(x) for x in args.n.split(",")):
        recorded, current, order, stories, names = corpus(n, args.editions, 7)
        slugs = {s: s for s in current}
        dates = {s: T0 for s in current}
        with tempfile.TemporaryDirectory() as tmp:
            content = Path(tmp) / "content"
            (content / "editions").mkdir(parents=True)
            for e in recorded:
                (content / "editions" / e.name).write_text(disk.edition_text(e), encoding="utf-8")
            disk._READ.clear()
            first = timed(lambda: (disk._READ.clear(), disk.read_editions(content)), args.repeat)
            read = timed(lambda: disk.read_editions(content), args.repeat)
            nxt = pending(recorded, current)
            assert nxt is not None
            everything = [*recorded, nxt]
            pend = timed(lambda: pending(recorded, current), args.repeat)
            hist = timed(lambda: history(everything, slugs, order, dates, stories, names),
                         args.repeat)
            done = history(everything, slugs, order, dates, stories, names)
            named_in: dict[str, list[str]] = {}
            for name, articles in names.items():
                for a in articles:
                    named_in.setdefault(a, []).append(name)

            def feeds_of() -> None:
                fresh = fresh_by_name(done, named_in)
                for name, articles in names.items():
                    fresh_first(articles, fresh.get(name, ()), args.feed_items)

            feeds = timed(feeds_of, args.repeat)
            path = content / "editions" / "new.yaml"

            def record() -> None:
                disk._create(path, disk.edition_text(Edition(T0, nxt.articles, nxt.removed)))
                path.unlink()

            write = timed(record, args.repeat)
            shutil.rmtree(content)
        print(f"| {n:,} | {first:.1f} / {read:.1f} | {pend:.1f} | {hist:.1f} | {feeds:.1f} | "
              f"{write:.1f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
