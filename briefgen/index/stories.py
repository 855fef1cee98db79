"""Stories: the articles about one event, across outlets and days; storylines over weeks.

An analyst who saved forty articles wants ten events, each with its sources.
Articles are compared by their rare words and names (:mod:`story_features`),
only through an inverted index over their rarest terms (never all pairs, so
10,000 articles take seconds), and joined when similar enough and close in
time. Everything is sorted before it is compared, so the same articles in any
order give the same stories.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from operator import itemgetter
from datetime import datetime, timezone
from typing import Mapping, Sequence

from briefgen.disjoint import DisjointSets
from briefgen.index.story_features import cosine, document_frequency, idf, term_counts, tfidf
from briefgen.model import instant


@dataclass(frozen=True)
class StoryDoc:
    """What clustering reads of one article."""

    slug: str
    title: str
    text: str  # the body as plain text, paragraphs joined by "\n"
    date: datetime | None  # instant(published or updated); None when the article has no date
    entities: tuple[str, ...]  # resolved entity slugs, most named first
    publisher: str | None = None
    agency: str | None = None
    dateline: str | None = None


@dataclass(frozen=True)
class Story:
    slug: str  # the slug of its earliest article: stable across builds
    title: str
    articles: tuple[str, ...]  # oldest first (ties by slug)
    first: datetime | None
    last: datetime | None
    storyline: str | None
    wire: str | None  # when ≥2 articles carry the same wire text: the one holding the wire's version
    copies: tuple[str, ...]  # the other articles carrying that wire text
    entities: tuple[str, ...]  # entity slugs at the story's centre, most central first (≤ 12)


@dataclass(frozen=True)
class Storyline:
    """Stories of one continuing affair over weeks (a killing, the arrests, the trial)."""

    slug: str
    title: str
    stories: tuple[str, ...]  # oldest first; only storylines of ≥ 2 stories exist


@dataclass(frozen=True)
class Stories:
    stories: Mapping[str, Story]  # slug → story, the most recently moved first
    storylines: Mapping[str, Storyline]
    by_article: Mapping[str, str]  # every article slug → its story slug


THRESHOLD = 0.09  # mean cosine between two groups above which they report one event
CONTRAST = 0.6  # how much a term shared by all of an article's look-alikes loses (see _contrast)
NEIGHBOUR = 0.08  # cosine from which another article is a look-alike
MIN_NEIGHBOURS = 4  # fewer look-alikes than this say nothing about which terms are common
SAME_EVENT_DAYS = 7.0  # dated articles further apart than this are different stories
STORYLINE_DAYS = 366.0  # stories further apart than this never chain into a storyline
STORYLINE_SIM = 0.35  # cosine of two stories' summed word vectors from which they tell of one affair
STORYLINE_SUFFIX = "-storyline"  # a storyline's slug is its first story's slug with this
STORY_TERMS = 60  # a story's heaviest terms compared for storylines: the rest weigh little and cost much
KEY_NAMES = 5  # a story's central names that can chain it to another
KEY_POSTING = 5  # a name central to more stories than this (or than 1 in 200) finds no storyline
MAX_POSTING = 200  # a term on more articles than this is too common to find candidates by
MAX_KEYS = 25  # heaviest terms of an article used to find candidates
BIG = 8  # two groups of this many articles each are established stories ...
BIG_FACTOR = 2.5  # ... and join only when this many times as alike as ``threshold`` asks
CENTRAL = 12  # names listed at a story's centre
SHARED_NAMES = 2  # names in a storyline's title


_NEVER = datetime(1970, 1, 1, tzinfo=timezone.utc)


def _candidates(vectors: Sequence[Mapping[str, float]],
                moments: Sequence[float | None]) -> list[tuple[int, int]]:
    """Pairs within the date window sharing one of their heaviest terms that is rare enough.

    Each article looks up only its ``MAX_KEYS`` heaviest terms, and a term on
    more than ``MAX_POSTING`` articles finds no candidates: the cost follows the
    rare terms, not the square of the articles. A posting list is walked in
    date order, so dated articles meet only those within ``SAME_EVENT_DAYS``.
    """
    window = SAME_EVENT_DAYS * 86400.0
    postings: dict[str, list[int]] = defaultdict(list)
    for i, vec in enumerate(vectors):
        for term, _ in heapq.nlargest(MAX_KEYS, vec.items(), key=itemgetter(1)):
            postings[term].append(i)  # as a stable sort: equal weights keep the text's order
    pairs: set[tuple[int, int]] = set()
    for term in sorted(postings):
        posting = postings[term]
        if len(posting) < 2 or len(posting) > MAX_POSTING:
            continue
        undated = [i for i in posting if moments[i] is None]
        dated = sorted((i for i in posting if moments[i] is not None), key=lambda i: (moments[i], i))
        for x, i in enumerate(undated):
            pairs.update((min(i, j), max(i, j)) for j in undated[x + 1:])
            pairs.update((min(i, j), max(i, j)) for j in dated)
        for x, i in enumerate(dated):
            end = moments[i]
            assert end is not None
            end += window
            for j in dated[x + 1:]:
                m = moments[j]
                if m is None or m > end:
                    break
                pairs.add((min(i, j), max(i, j)))
    return sorted(pairs)


def _vectors(docs: Sequence[StoryDoc]) -> list[dict[str, float]]:
    counts = [term_counts(d.title, d.text, d.entities) for d in docs]
    weights = idf(document_frequency(counts), len(docs))
    return [tfidf(c, weights) for c in counts]


Span = tuple[datetime | None, datetime | None]  # a group's first and last dated article


def _merged(a: Span, b: Span) -> Span:
    lows = [x for x in (a[0], b[0]) if x is not None]
    highs = [x for x in (a[1], b[1]) if x is not None]
    return (min(lows), max(highs)) if lows else (None, None)


def _span_ok(a: Span, b: Span, days: float) -> bool:
    """Whether two groups' dated articles together stay within ``days``."""
    low, high = _merged(a, b)
    return low is None or high is None or (high - low).total_seconds() <= days * 86400.0


def _contrast(vectors: Sequence[Mapping[str, float]], pairs: Sequence[tuple[int, int]],
              strength: float) -> list[dict[str, float]]:
    """Weigh down the words an article shares with nearly all of its look-alikes.

    Two similar events (two boxing title defences by one champion) share the
    champion's name, which is rare in the corpus and so weighs much, but tells
    them nothing apart: what does is the opponent, carried by only part of the
    neighbourhood. So each term of an article loses weight by the share of the
    article's neighbours (articles above a low cosine) that carry it too.
    """
    if strength <= 0.0:
        return [dict(v) for v in vectors]
    near: dict[int, list[int]] = defaultdict(list)
    for i, j in pairs:
        if cosine(vectors[i], vectors[j]) >= NEIGHBOUR:
            near[i].append(j)
            near[j].append(i)
    out: list[dict[str, float]] = []
    for i, vec in enumerate(vectors):
        others = near.get(i, [])
        if len(others) < MIN_NEIGHBOURS:
            out.append(dict(vec))
            continue
        df: Counter[str] = Counter()
        for j in others:
            other = vectors[j]
            df.update(vec.keys() & other.keys())
        k = len(others)
        new = {t: v * (1.0 - strength * df[t] / k) for t, v in vec.items()}
        norm = math.sqrt(math.fsum(v * v for v in new.values()))
        out.append({t: v / norm for t, v in new.items()} if norm else {})
    return out


def _clusters(docs: Sequence[StoryDoc], vectors: Sequence[Mapping[str, float]], threshold: float,
              contrast: float) -> list[list[int]]:
    """Average-linkage agglomeration over the candidate graph.

    A single-link chain joins two events through one article that mentions
    both; average linkage asks the whole of one group to resemble the whole of
    the other: two groups join while the mean cosine over all their pairs of
    articles reaches ``threshold``, the closest first. Two groups that are
    both established stories (``BIG`` articles each) must be ``BIG_FACTOR``
    times as alike: a lone article or a small group can only join the story it
    resembles most, but two large groups that are merely alike are the two
    similar events (two earthquakes on one island) that must stay apart, and
    many weak shared terms add up to a passing mean. Pairs that were never
    candidates count as 0 (they share no rare term), so each merge only adds
    up its two groups' links (Lance and Williams' update): the cost follows the
    candidate pairs, not the square of the articles.
    """
    moments = [instant(d.date).timestamp() if d.date is not None else None for d in docs]
    pairs = _candidates(vectors, moments)
    vectors = _contrast(vectors, pairs, contrast)
    n = len(docs)
    size = {i: 1 for i in range(n)}
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    span: dict[int, Span] = {
        i: (instant(d.date), instant(d.date)) if d.date is not None else (None, None)
        for i, d in enumerate(docs)}
    links: dict[int, dict[int, float]] = defaultdict(dict)  # group → other group → summed cosine
    heap: list[tuple[float, int, int]] = []
    for i, j in pairs:
        sim = cosine(vectors[i], vectors[j])
        if sim > 0.0:
            links[i][j] = links[j][i] = sim
            if sim >= threshold:
                heap.append((-sim, i, j))
    heapq.heapify(heap)
    next_id = n
    while heap:
        _, a, b = heapq.heappop(heap)
        if a not in size or b not in size:
            continue
        c = next_id
        next_id += 1
        size[c] = size.pop(a) + size.pop(b)
        members[c] = members.pop(a) + members.pop(b)
        span[c] = _merged(span[a], span[b])
        joined: dict[int, float] = defaultdict(float)
        for old in (a, b):
            for k, w in links.pop(old, {}).items():
                links[k].pop(old, None)
                if k not in (a, b):
                    joined[k] += w
        for k in sorted(joined):
            if not _span_ok(span[c], span[k], SAME_EVENT_DAYS):
                continue
            links[c][k] = links[k][c] = joined[k]
            sim = joined[k] / (size[c] * size[k])
            if sim >= (threshold * BIG_FACTOR if min(size[c], size[k]) >= BIG else threshold):
                heapq.heappush(heap, (-sim, k, c))
    return sorted(sorted(m) for m in members.values())


def _order_key(doc: StoryDoc) -> tuple[datetime, str]:
    return (instant(doc.date), doc.slug)


def _central_entities(members: Sequence[StoryDoc]) -> tuple[str, ...]:
    """Names most of the story's articles carry, near the top of their lists."""
    score: dict[str, float] = defaultdict(float)
    for doc in members:
        for rank, slug in enumerate(doc.entities):
            score[slug] += 1.0 + 1.0 / (1 + rank)
    return tuple(sorted(score, key=lambda s: (-score[s], s))[:CENTRAL])


def _shingles(text: str, size: int = 5) -> set[tuple[str, ...]]:
    tokens = text.lower().split()
    return set(zip(*(tokens[k:] for k in range(size))))


def _wire(members: Sequence[StoryDoc]) -> tuple[str | None, tuple[str, ...]]:
    """The articles carrying one wire text: most of the shorter one's 5-word runs are in the other.

    The wire's version is the one most of the others contain, the earliest
    (then by slug) among equals: the agency's own copy, before outlets cut
    and added.
    """
    if len(members) < 2:
        return None, ()
    shingles = [_shingles(d.text) for d in members]
    n = len(members)
    linked: list[set[int]] = [set() for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            a, b = shingles[i], shingles[j]
            small = min(len(a), len(b))
            if small >= 20 and len(a & b) >= 0.6 * small:
                linked[i].add(j)
                linked[j].add(i)
    best = max(range(n), key=lambda i: (len(linked[i]), -i))
    if not linked[best]:
        return None, ()
    copies = tuple(members[j].slug for j in sorted(linked[best]))
    return members[best].slug, copies


def _title(titles: Sequence[str]) -> str:
    """The headline sharing the most words with the story's other headlines (the earliest on a tie)."""
    if len(titles) == 1:
        return titles[0]
    word_sets = [set(t.lower().split()) for t in titles]

    def shared(i: int) -> int:
        return sum(len(word_sets[i] & word_sets[j]) for j in range(len(titles)) if j != i)
    best = max(range(len(titles)), key=lambda i: (shared(i), -i))
    return titles[best]


def _storyline_title(chain: Sequence[Story], names: Mapping[str, str] | None) -> str:
    """The affair's names: those central to most of its stories (the victim, the place).

    A storyline is what its stories have in common, which no one story's
    headline says ("arrest of a fourth suspect" is one episode of a killing).
    Without names, the headline sharing most words with the other stories'.
    """
    seen: dict[str, float] = defaultdict(float)
    for story in chain:
        for rank, slug in enumerate(story.entities[:KEY_NAMES]):
            seen[slug] += 1.0 + 1.0 / (1 + rank)
    shared = [slug for slug in sorted(seen, key=lambda s: (-seen[s], s))
              if seen[slug] > 2.0 and names is not None and slug in names][:SHARED_NAMES]
    if shared and names is not None:
        return " · ".join(names[slug] for slug in shared)
    return _title([s.title for s in chain])


def _story_vector(vectors: Sequence[Mapping[str, float]], group: Sequence[int]) -> dict[str, float]:
    """The story's articles' vectors summed, cut to its ``STORY_TERMS`` heaviest terms, normalised."""
    total: dict[str, float] = defaultdict(float)
    for i in group:
        for t, v in vectors[i].items():
            total[t] += v
    top = heapq.nsmallest(STORY_TERMS, total, key=lambda t: (-total[t], t))  # sorted(...)[:n]
    norm = math.sqrt(math.fsum(total[t] ** 2 for t in top))
    return {t: total[t] / norm for t in top} if norm else {}


def _storylines(stories: Sequence[Story], vectors: Sequence[Mapping[str, float]],
                groups: Sequence[Sequence[int]]) -> list[list[int]]:
    """Dated stories that follow each other within ``STORYLINE_DAYS`` and tell of one affair.

    Two stories chain when they share two of their central names, one of them
    a name few stories carry (a killing's victim, not "United States"), and
    their words are alike (``STORYLINE_SIM``): the arrests and the trial after
    a killing name its victim and its place, two events that only share a
    country do not. Candidates come from the rare names' posting lists, so the
    cost follows them, not the square of the stories.
    """
    dated = [i for i, s in enumerate(stories) if s.first is not None]
    postings: dict[str, list[int]] = defaultdict(list)
    for i in dated:
        for slug in stories[i].entities[:KEY_NAMES]:
            postings[slug].append(i)
    ceiling = max(KEY_POSTING, len(dated) // 200)
    keys = {i: frozenset(stories[i].entities[:KEY_NAMES]) for i in dated}
    first = {i: (stories[i].first or _NEVER).timestamp() for i in dated}
    last = {i: (stories[i].last or _NEVER).timestamp() for i in dated}
    window = STORYLINE_DAYS * 86400.0
    pairs: set[tuple[int, int]] = set()
    for name in sorted(postings):
        posting = postings[name]
        if len(posting) > ceiling:
            continue
        posting = sorted(posting, key=lambda i: (first[i], i))
        for x, i in enumerate(posting):
            for j in posting[x + 1:]:
                if first[j] - last[i] > window:
                    break  # the rest start later still
                pairs.add((min(i, j), max(i, j)))
    uf: DisjointSets[int] = DisjointSets()
    story_vectors: dict[int, dict[str, float]] = {}
    for i, j in sorted(pairs):
        if len(keys[i] & keys[j]) < 2:
            continue
        for k in (i, j):
            if k not in story_vectors:
                story_vectors[k] = _story_vector(vectors, groups[k])
        if cosine(story_vectors[i], story_vectors[j]) >= STORYLINE_SIM:
            uf.join(i, j)
    chains: dict[int, list[int]] = defaultdict(list)
    for i in dated:
        chains[uf.find(i)].append(i)
    return [sorted(g, key=lambda i: (stories[i].first or _NEVER, stories[i].slug))
            for g in chains.values() if len(g) >= 2]


def find_stories(docs: Sequence[StoryDoc], names: Mapping[str, str] | None = None, *,
                 threshold: float = THRESHOLD, contrast: float = CONTRAST) -> Stories:
    """Group the articles into stories and the stories into storylines.

    ``names`` (entity slug → display name) titles each storyline by the names its
    stories share (:func:`_storyline_title`).
    """
    ordered = sorted(docs, key=lambda d: d.slug)
    for a, b in zip(ordered, ordered[1:]):
        if a.slug == b.slug:
            raise ValueError(f"two articles share the slug {a.slug!r}")
    raw: list[Story] = []
    vectors = _vectors(ordered)
    groups = _clusters(ordered, vectors, threshold, contrast)
    for group in groups:
        members = sorted((ordered[i] for i in group), key=_order_key)
        dates = [instant(d.date) for d in members if d.date is not None]
        wire, copies = _wire(members)
        raw.append(Story(
            slug=members[0].slug, title=_title([d.title for d in members]),
            articles=tuple(d.slug for d in members),
            first=min(dates) if dates else None, last=max(dates) if dates else None,
            storyline=None, wire=wire, copies=copies, entities=_central_entities(members)))
    storylines: dict[str, Storyline] = {}
    line_of: dict[str, str] = {}
    for chain in sorted(_storylines(raw, vectors, groups), key=lambda g: raw[g[0]].slug):
        first = raw[chain[0]]
        slug = first.slug + STORYLINE_SUFFIX
        storylines[slug] = Storyline(slug=slug, title=_storyline_title([raw[i] for i in chain], names),
                                     stories=tuple(raw[i].slug for i in chain))
        line_of.update((raw[i].slug, slug) for i in chain)
    final = [replace(s, storyline=line_of.get(s.slug)) for s in raw]
    final.sort(key=lambda s: (-(s.last or _NEVER).timestamp(), s.slug))
    return Stories(
        stories={s.slug: s for s in final},
        storylines=storylines,
        by_article={a: s.slug for s in final for a in s.articles})
