"""A deterministic benchmark corpus: N articles of real prose with topics and Zipf-spread entities.

Bodies are paragraphs drawn from ``../shared/data/onestopenglish`` and
``../shared/data/wikinews``; names come from word lists and pycountry, so the
corpus is the same on every machine for the same (N, seed) and article i is
the same whatever N is (each article has its own seeded generator): the
1,000-article corpus is a prefix of the 100,000 one, which keeps the scaling
curve about size alone. Articles are yielded one at a time so 100,000 of them
never sit in memory together.
"""

from __future__ import annotations

import hashlib
import itertools
import random
import re
import sys
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Iterator, Sequence

import yaml

import corpus_words as words

GENERATOR_VERSION = "3"  # bump when the output changes, so cached corpora are remade
N_PERSONS, N_ORGS, N_PLACES, N_TOPICS, N_AUTHORS = 1500, 800, 700, 300, 200
ENTITY_ZIPF, TOPIC_ZIPF = 1.0, 0.8  # exponents: weight of rank r is 1 / r**s
FIRST_DAY = datetime(2018, 1, 1, tzinfo=timezone.utc)
SPAN_SECONDS = 8 * 365 * 86400  # dates spread over 2018–2025

_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class EntityName:
    name: str
    type: str  # person | organization | place
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Pools:
    """Everything articles are drawn from; built once per run."""

    paragraphs: tuple[str, ...]
    entities: tuple[EntityName, ...]  # in Zipf rank order: index 0 is the most named
    topics: tuple[str, ...]  # in Zipf rank order
    authors: tuple[str, ...]
    places: tuple[str, ...]
    entity_cum: tuple[float, ...]
    topic_cum: tuple[float, ...]


@dataclass(frozen=True)
class ArticleSpec:
    """One generated article, in briefgen's front-matter vocabulary."""

    slug: str
    meta: dict[str, Any]
    body: str


def shared_data_dir(repo_root: Path) -> Path:
    """``<repo>/../shared/data``, or exit with a message saying what is missing."""
    data = repo_root.resolve().parent / "shared" / "data"
    needed = [data / "onestopenglish", data / "wikinews"]
    missing = [str(p) for p in needed if not p.is_dir()]
    if missing:
        sys.exit(f"bench: the prose corpus is missing ({', '.join(missing)}); the benchmark needs "
                 f"a checkout of shared/ next to the repository at {data.parent}")
    return data


def data_fingerprint(data_dir: Path) -> str:
    """Names and sizes of the prose files: a cached corpus is stale when they change."""
    h = hashlib.sha256(GENERATOR_VERSION.encode())
    for sub in ("onestopenglish", "wikinews"):
        for path in sorted((data_dir / sub).glob("*.txt")):
            h.update(f"{sub}/{path.name}:{path.stat().st_size}\n".encode())
    return h.hexdigest()[:12]


def load_pools(data_dir: Path, seed: int) -> Pools:
    rng = random.Random(f"pools-{seed}")
    entities = _entity_names(rng)
    topics = _topics(rng)
    authors = _authors(rng, {e.name for e in entities})
    places = tuple(e.name for e in entities if e.type == "place")
    return Pools(paragraphs=_paragraphs(data_dir), entities=entities, topics=topics,
                 authors=authors, places=places,
                 entity_cum=_zipf_cum(len(entities), ENTITY_ZIPF),
                 topic_cum=_zipf_cum(len(topics), TOPIC_ZIPF))


def _paragraphs(data_dir: Path) -> tuple[str, ...]:
    out: list[str] = []
    for sub in ("onestopenglish", "wikinews"):
        for path in sorted((data_dir / sub).glob("*.txt")):
            text = path.read_text(encoding="utf-8", errors="replace").replace("\r\n", "\n")
            blocks = [b.strip() for b in re.split(r"\n\s*\n", text)]
            if sub == "wikinews" and blocks:
                blocks = blocks[1:]  # the first block is the headline and date
            for block in blocks:
                block = " ".join(block.split())
                if len(block.split()) >= 25 and "Image:" not in block:
                    out.append(block)
    if not out:
        sys.exit(f"bench: no prose paragraphs found under {data_dir}")
    return tuple(out)


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def _entity_names(rng: random.Random) -> tuple[EntityName, ...]:
    persons = [f"{f} {last}" for f, last in itertools.product(words.FIRST_NAMES, words.LAST_NAMES)]
    rng.shuffle(persons)
    people = [EntityName(n, "person", (_ascii(n),) if _ascii(n) != n else ()) for n in persons[:N_PERSONS]]

    places = _place_names(rng)
    orgs: list[EntityName] = []
    seen_names: set[str] = set()
    seen_acronyms: set[str] = set()
    while len(orgs) < N_ORGS:
        fmt = rng.choice(words.ORG_FORMATS)
        name = fmt.format(word=rng.choice(words.ORG_WORDS), place=rng.choice(places).name)
        if name in seen_names:
            continue
        seen_names.add(name)
        acronym = "".join(w[0] for w in re.findall(r"[A-Z][\w'-]*", _ascii(name)))
        aliases: tuple[str, ...] = ()
        if len(acronym) >= 3 and acronym not in seen_acronyms and rng.random() < 0.5:
            seen_acronyms.add(acronym)
            aliases = (acronym,)
        orgs.append(EntityName(name, "organization", aliases))

    everyone = people + orgs + places
    rng.shuffle(everyone)  # the Zipf rank mixes the three kinds
    return tuple(everyone)


def _place_names(rng: random.Random) -> list[EntityName]:
    import pycountry

    names = sorted({c.name for c in pycountry.countries} | {s.name for s in pycountry.subdivisions})
    names = [n for n in names if re.fullmatch(r"[^\W\d_]+(?:[ '’.-][^\W\d_]+)*", n) and len(n) <= 30]
    rng.shuffle(names)
    return [EntityName(n, "place") for n in names[:N_PLACES]]


def _topics(rng: random.Random) -> tuple[str, ...]:
    combos = [a + f for a, f in itertools.product(words.TOPIC_AREAS, words.TOPIC_FACETS)]
    rng.shuffle(combos)
    return tuple(combos[:N_TOPICS])


def _authors(rng: random.Random, taken: set[str]) -> tuple[str, ...]:
    combos = [f"{f} {last}" for f, last in itertools.product(words.FIRST_NAMES, words.LAST_NAMES)]
    rng.shuffle(combos)
    return tuple(itertools.islice((c for c in combos if c not in taken), N_AUTHORS))


def _zipf_cum(n: int, s: float) -> tuple[float, ...]:
    return tuple(itertools.accumulate(1.0 / (rank ** s) for rank in range(1, n + 1)))


def _draw(rng: random.Random, cum: Sequence[float], k: int) -> list[int]:
    """``k`` distinct ranks drawn with Zipf weights."""
    picked: dict[int, None] = {}
    total = cum[-1]
    while len(picked) < k:
        picked[bisect_left(cum, rng.random() * total)] = None
    return list(picked)


def slugify(text: str, max_len: int = 60) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", _ascii(text).lower()).strip("-")
    return slug[:max_len].rsplit("-", 1)[0] if len(slug) > max_len else slug


def generate(n: int, pools: Pools, seed: int) -> Iterator[ArticleSpec]:
    for i in range(n):
        yield make_article(i, pools, seed)


def make_article(i: int, pools: Pools, seed: int) -> ArticleSpec:
    rng = random.Random(f"article-{seed}-{i}")
    paras = [rng.choice(pools.paragraphs) for _ in range(rng.randint(4, 9))]
    first_sentence = re.split(r"(?<=[.!?])\s+", paras[0])[0]
    title_words = first_sentence.rstrip(".!?”\"").split()[:rng.randint(6, 11)]
    title = " ".join(title_words).rstrip(",;:–-").strip() or f"Report {i}"
    slug = f"{slugify(title) or 'report'}-{i}"

    entities = [pools.entities[r] for r in _draw(rng, pools.entity_cum, rng.randint(3, 10))]
    topics = [pools.topics[r] for r in _draw(rng, pools.topic_cum, rng.randint(2, 5))]
    _name_in_body(rng, paras, entities)
    body = "\n\n".join(paras) + "\n"

    publisher, domain = rng.choice(words.PUBLISHERS)
    moment = FIRST_DAY + timedelta(seconds=rng.randrange(SPAN_SECONDS) // 60 * 60)
    offset = rng.choice(words.UTC_OFFSETS)
    sign = 1 if offset[0] == "+" else -1
    local = moment + sign * timedelta(hours=int(offset[1:3]), minutes=int(offset[4:6]))
    places = [e.name for e in entities if e.type == "place"]
    n_words = len(body.split())

    meta: dict[str, Any] = {
        "title": title,
        "dek": re.split(r"(?<=[.!?])\s+", rng.choice(pools.paragraphs))[0][:240],
        "published": local.strftime("%Y-%m-%dT%H:%M:00") + offset,
        "publisher": publisher,
    }
    if rng.random() < 0.3:
        meta["agency"] = rng.choice(words.AGENCIES)
    meta["authors"] = rng.sample(pools.authors, rng.randint(1, 2)) if rng.random() < 0.85 else []
    meta["dateline"] = (places[0] if places else rng.choice(pools.places)).upper()
    meta["reading_time"] = max(1, round(n_words / 230))
    meta["topics"] = topics
    meta["entities"] = [entity_meta(e) for e in entities]
    meta["quotes"] = _quotes(body, entities)
    meta["source"] = {"url": f"https://{domain}/{local:%Y/%m}/{slug}"}
    return ArticleSpec(slug=slug, meta=meta, body=body)


def _quotes(body: str, entities: Sequence[EntityName]) -> list[dict[str, str]]:
    """What ``briefgen ingest`` writes as ``quotes:``: its own finder run over the body.

    Content made by today's ingest carries its quotes, so the build only reads them;
    a corpus without them would measure content from an older ingest.
    """
    from briefgen.ingest.quotes import quote_items
    from briefgen.model import Entity

    return quote_items(body, [Entity(e.name, e.type, tuple(e.aliases)) for e in entities])


def entity_meta(e: EntityName) -> dict[str, Any]:
    item: dict[str, Any] = {"name": e.name, "type": e.type}
    if e.aliases:
        item["aliases"] = list(e.aliases)
    return item


def _name_in_body(rng: random.Random, paras: list[str], entities: Sequence[EntityName]) -> None:
    """Append sentences naming every entity (sometimes by alias) to random paragraphs."""
    names = [rng.choice((e.name,) + e.aliases) if e.aliases and rng.random() < 0.4 else e.name
             for e in entities]
    if len(names) % 2:
        names.append(names[0])
    for a, b in zip(names[::2], names[1::2]):
        k = rng.randrange(len(paras))
        paras[k] = f"{paras[k]} {rng.choice(words.MENTION_SENTENCES).format(a=a, b=b)}"


def to_markdown(meta: dict[str, Any], body: str) -> str:
    head = yaml.dump(meta, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100,
                     default_flow_style=False)
    return f"---\n{head}---\n\n{body}"


def from_markdown(text: str) -> tuple[dict[str, Any], str]:
    _, head, body = text.split("---\n", 2)
    return yaml.load(head, Loader=_Loader), body.lstrip("\n")
