"""Story clustering benchmark (issue 15): B-cubed against ECB+'s same-event clusters, and speed.

ECB+ (``../shared/data/ecbplus``): 772 news texts in 66 gold clusters of one
event; each of its 33 topics holds two similar but different events. Only the
text and title are used, as a real corpus would give them, with the entities
briefgen's own extractor finds in them (never the gold mentions). Topics are
split before looking at any result: topic number % 3 == 0 is held out, the rest
tunes. Each part is clustered on its own, as a corpus of its own. Printed per
part, and the worst: B-cubed precision, recall, F1 and the share of topics
whose two events share a story; the same for a baseline (TF-IDF cosine,
single-link, its cut-off tuned on the tuning part); then the time of
``find_stories`` on a generated corpus (``bench/corpus.py``) of ``--n`` articles.

    python bench/stories.py [--n 10000] [--grid] [--errors]

``--errors`` lists the tuning part's mistakes (never the held-out part's, which
stays unseen): each story holding texts of several gold clusters, and each
gold cluster spread over several stories, with the texts' titles.
"""

from __future__ import annotations

import argparse
import os
import json
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Callable, Iterable, Mapping, Sequence

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(REPO))

import corpus  # noqa: E402

from briefgen.index import stories as stories_mod  # noqa: E402
from briefgen.index.stories import StoryDoc, find_stories  # noqa: E402
from briefgen.ingest.entities.extract import extract_entities  # noqa: E402
from briefgen.index.story_features import STOPWORDS, cosine, document_frequency, idf, tfidf, words  # noqa: E402
from briefgen.urls import slugify  # noqa: E402

ECB = REPO.parent / "shared" / "data" / "ecbplus"


def held_out(topic: int) -> bool:
    """Decided before any result was seen: every third topic judges, the rest tunes."""
    return topic % 3 == 0


@dataclass(frozen=True)
class Gold:
    doc: StoryDoc
    cluster: str
    topic: int


def _entities(title: str, text: str) -> tuple[str, ...]:
    """The names briefgen's extractor finds, most named first, as the site's slugs."""
    found = extract_entities(title, text)
    ranked = sorted(found, key=lambda e: -e.mentions)  # stable: first named first among equals
    out: list[str] = []
    for e in ranked:
        slug = slugify(e.name)
        if slug and slug not in out:
            out.append(slug)
    return tuple(out)


def load_ecb(folder: Path = ECB) -> list[Gold]:
    """ECB+ as StoryDocs with the entities briefgen's extractor finds in their text."""
    out: list[Gold] = []
    for path in sorted(folder.glob("*.json")):
        if path.name == "clusters.json":
            continue
        meta = json.loads(path.read_text(encoding="utf-8"))
        lines = path.with_suffix(".txt").read_text(encoding="utf-8").splitlines()
        title = (meta.get("title") or "").strip()
        if lines and title and lines[0].strip() == title:
            lines = lines[1:]
        text = "\n".join(line.strip() for line in lines if line.strip())
        doc = StoryDoc(slug=meta["id"].replace("_", "-"), title=title, text=text, date=None,
                       entities=_entities(title, text))
        out.append(Gold(doc=doc, cluster=str(meta["cluster"]), topic=int(meta["topic"])))
    return out


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    f1: float
    merged: float  # share of topics whose two events share a story
    stories: int


def bcubed(golds: Sequence[Gold], story_of: Mapping[str, str]) -> Score:
    gold_members: dict[str, set[str]] = defaultdict(set)
    pred_members: dict[str, set[str]] = defaultdict(set)
    for g in golds:
        gold_members[g.cluster].add(g.doc.slug)
        pred_members[story_of[g.doc.slug]].add(g.doc.slug)
    p = r = 0.0
    for g in golds:
        pred = pred_members[story_of[g.doc.slug]]
        gold = gold_members[g.cluster]
        both = len(pred & gold)
        p += both / len(pred)
        r += both / len(gold)
    p, r = p / len(golds), r / len(golds)
    clusters_of_story: dict[str, set[str]] = defaultdict(set)
    topic_of = {g.cluster: g.topic for g in golds}
    for g in golds:
        clusters_of_story[story_of[g.doc.slug]].add(g.cluster)
    merged_topics = {topic_of[c] for cs in clusters_of_story.values() if len(cs) > 1
                     for c in cs if sum(topic_of[d] == topic_of[c] for d in cs) > 1}
    topics = {g.topic for g in golds}
    return Score(p, r, 2 * p * r / (p + r) if p + r else 0.0, len(merged_topics) / len(topics),
                 len(pred_members))


def ours(golds: Sequence[Gold], **kw: float) -> dict[str, str]:
    return dict(find_stories([g.doc for g in golds], **kw).by_article)


def baseline_similarities(golds: Sequence[Gold]) -> list[tuple[float, int, int]]:
    """Plain TF-IDF cosine over title and text (no name weights, no entities), every pair."""
    docs = [g.doc for g in golds]
    counts = []
    for d in docs:
        c: dict[str, float] = defaultdict(float)
        for w in words(d.title + "\n" + d.text):
            if w not in STOPWORDS:
                c[w] += 1
        counts.append(dict(c))
    weights = idf(document_frequency(counts), len(docs))
    vecs = [tfidf(c, weights) for c in counts]
    return [(cosine(vecs[i], vecs[j]), i, j) for i in range(len(docs)) for j in range(i + 1, len(docs))]


def baseline(golds: Sequence[Gold], threshold: float,
             sims: list[tuple[float, int, int]] | None = None) -> dict[str, str]:
    """Single link: every pair above one cut-off joins its articles' groups."""
    docs = [g.doc for g in golds]
    parent = list(range(len(docs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i
    for sim, i, j in sims if sims is not None else baseline_similarities(golds):
        if sim >= threshold:
            a, b = find(i), find(j)
            parent[max(a, b)] = min(a, b)
    return {d.slug: docs[find(i)].slug for i, d in enumerate(docs)}


def worst_of(scores: Iterable[Score]) -> Score:
    """Each figure at its worst over the parts (they may come from different parts)."""
    s = list(scores)
    return Score(min(x.precision for x in s), min(x.recall for x in s), min(x.f1 for x in s),
                 max(x.merged for x in s), max(x.stories for x in s))


def tune(run: Callable[[float], dict[str, str]], golds: Sequence[Gold],
         grid: Sequence[float]) -> tuple[float, Score]:
    best: tuple[float, Score] | None = None
    for t in grid:
        s = bcubed(golds, run(t))
        if best is None or s.f1 > best[1].f1:
            best = (t, s)
    assert best is not None
    return best


def errors(golds: Sequence[Gold], story_of: Mapping[str, str]) -> list[str]:
    """The mixed stories and the split gold clusters, as lines to print."""
    by_story: dict[str, list[Gold]] = defaultdict(list)
    stories_of: dict[str, set[str]] = defaultdict(set)
    for g in golds:
        by_story[story_of[g.doc.slug]].append(g)
        stories_of[g.cluster].add(story_of[g.doc.slug])
    out = []
    for story, members in sorted(by_story.items()):
        counts = Counter(g.cluster for g in members)
        if len(counts) > 1:
            out.append(f"mixed story {story}: " + ", ".join(f"{c} {n}" for c, n in sorted(counts.items())))
            out.extend(f"    {g.cluster:<12} {g.doc.slug:<14} {(g.doc.title or g.doc.text)[:80]!r}"
                       for g in sorted(members, key=lambda g: (g.cluster, g.doc.slug)))
    for cluster, stories in sorted(stories_of.items()):
        if len(stories) > 1:
            sizes = Counter(story_of[g.doc.slug] for g in golds if g.cluster == cluster)
            out.append(f"split cluster {cluster}: " + ", ".join(f"{s} {n}" for s, n in sorted(sizes.items())))
    return out


def line(name: str, s: Score) -> str:
    return (f"{name:<34} P {s.precision:.3f}  R {s.recall:.3f}  F1 {s.f1:.3f}  "
            f"topics merged {s.merged:.3f}  stories {s.stories}")


def synthetic(n: int) -> list[StoryDoc]:
    data = corpus.shared_data_dir(REPO)
    pools = corpus.load_pools(data, seed=1)
    docs = []
    for spec in corpus.generate(n, pools, seed=1):
        published = datetime.fromisoformat(spec.meta["published"])
        docs.append(StoryDoc(
            slug=spec.slug, title=spec.meta["title"], text=spec.body.replace("\n\n", "\n"),
            date=published, entities=tuple(slugify(e["name"]) for e in spec.meta["entities"]),
            publisher=spec.meta.get("publisher"), agency=spec.meta.get("agency"),
            dateline=spec.meta.get("dateline")))
    return docs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=10000, help="generated articles for the speed run (0: none)")
    ap.add_argument("--grid", action="store_true", help="print our method's F1 over a grid of cut-offs")
    ap.add_argument("--errors", action="store_true",
                    help="list the tuning part's mixed stories and split clusters (never the held-out part's)")
    args = ap.parse_args()
    if not ECB.is_dir():
        sys.exit(f"bench: {ECB} is missing")
    t0 = time.perf_counter()
    golds = load_ecb()
    print(f"ECB+: {len(golds)} texts, {len({g.cluster for g in golds})} gold clusters, "
          f"{len({g.topic for g in golds})} topics (loaded with entities in {time.perf_counter() - t0:.1f} s)")
    parts = {"tuning": [g for g in golds if not held_out(g.topic)],
             "held-out": [g for g in golds if held_out(g.topic)]}
    for name, part in parts.items():
        print(f"  {name}: {len(part)} texts, {len({g.topic for g in part})} topics")

    if args.grid:
        for t in [x / 100 for x in range(6, 31)]:
            print(line(f"ours tuning @ {t:.2f}", bcubed(parts["tuning"], ours(parts["tuning"], threshold=t))))

    print("\nbriefgen find_stories (defaults):")
    scores = {}
    for name, part in parts.items():
        t0 = time.perf_counter()
        story_of = ours(part)
        took = time.perf_counter() - t0
        scores[name] = bcubed(part, story_of)
        print(line(f"  {name}", scores[name]) + f"  {len(part) / took:,.0f} docs/s")
    print(line("  worst", worst_of(scores.values())))
    if args.errors:
        print("\ntuning part's errors:")
        for text in errors(parts["tuning"], ours(parts["tuning"])):
            print("  " + text)

    grid = [x / 100 for x in range(10, 70, 2)]
    sims = {name: baseline_similarities(part) for name, part in parts.items()}
    cut, _ = tune(lambda t: baseline(parts["tuning"], t, sims["tuning"]), parts["tuning"], grid)
    print(f"\nbaseline: TF-IDF cosine, single link, cut-off {cut:.2f} tuned on the tuning part:")
    base = {}
    for name, part in parts.items():
        base[name] = bcubed(part, baseline(part, cut, sims[name]))
        print(line(f"  {name}", base[name]))
    print(line("  worst", worst_of(base.values())))

    if args.n:
        docs = synthetic(args.n)
        t0, c0 = time.perf_counter(), time.process_time()
        result = find_stories(docs)
        took, cpu = time.perf_counter() - t0, time.process_time() - c0
        print(f"\nspeed: {args.n:,} generated articles in {took:.2f} s ({args.n / took:,.0f} docs/s; "
              f"{cpu:.2f} s of CPU), {len(result.stories):,} stories, "
              f"{len(result.storylines):,} storylines; load average {os.getloadavg()[0]:.1f}")
    _ = stories_mod  # the module, for --grid runs that vary its constants


if __name__ == "__main__":
    main()
