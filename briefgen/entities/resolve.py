"""Merge entity names across the whole corpus and apply hand curation.

Within an article, the extractor already tied aliases to their entity
(``Kim`` → ``Kim Jong Un``). Across articles only full names and aliases of two
or more words (or acronyms) join entities, so a bare "Kim" in one story never
fuses Kim Jong Un with Kim Jong Nam. Curated files and ``briefgen.yaml`` rules
win over all of it: they force merges, rename, retype, and ``not:`` splits.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Iterable

from briefgen.config import EntityRules
from briefgen.entities.names import name_key
from briefgen.model import Article, CuratedEntity, EntityResolution, SiteEntity
from briefgen.urls import slugify, unique_slug


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, x: int) -> int:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _joins_corpus(name: str) -> bool:
    """Whether a name is specific enough to join entities across articles."""
    words = name.split()
    return len(words) >= 2 or (name.isupper() and len(name) >= 2) or name[:1].isupper() and len(name) > 3


def resolve_entities(articles: Iterable[Article], curated: Iterable[CuratedEntity] = (),
                     rules: EntityRules | None = None) -> EntityResolution:
    rules = rules or EntityRules()
    ignored = {name_key(n) for n in rules.ignore}
    curated = sorted(curated, key=lambda c: c.slug)
    uf = _UnionFind()
    # Node ids: one per (article, entity) occurrence, then one per curated entity.
    occurrences: list[tuple[str, str, str, tuple[str, ...]]] = []  # article, name, type, aliases
    for article in sorted(articles, key=lambda a: a.slug):
        for entity in article.entities:
            if name_key(entity.name) in ignored:
                continue
            occurrences.append((article.slug, entity.name, entity.type, entity.aliases))
    curated_base = len(occurrences)

    # Curated names, config merges: key → the node that owns it.
    forced: dict[str, int] = {}
    for i, cur in enumerate(curated):
        for name in (cur.name, *cur.aliases):
            forced.setdefault(name_key(name), curated_base + i)
    merge_owner: dict[str, str] = {}
    for canonical, aliases in rules.merge.items():
        for name in (canonical, *aliases):
            merge_owner[name_key(name)] = name_key(canonical)

    by_key: dict[str, int] = {}
    for node, (_, name, etype, aliases) in enumerate(occurrences):
        for surface in (name, *aliases):
            key = name_key(surface)
            key = merge_owner.get(key, key)
            if key in forced:
                uf.union(node, forced[key])
                continue
            if surface != name and not _joins_corpus(surface):
                continue
            if key in by_key:
                other = by_key[key]
                if occurrences[other][2] == etype or surface == name:
                    uf.union(node, other)
            else:
                by_key[key] = node
    for i, _ in enumerate(curated):
        uf.find(curated_base + i)

    groups: dict[int, list[int]] = defaultdict(list)
    for node in range(len(occurrences)):
        groups[uf.find(node)].append(node)
    for i in range(len(curated)):
        groups.setdefault(uf.find(curated_base + i), [])

    taken: set[str] = set()
    entities: dict[str, SiteEntity] = {}
    node_slug: dict[int, str] = {}
    ambiguous: list[str] = []
    # Curated entities claim their slugs first, so hand-made pages keep their URLs.
    ordered = sorted(groups.items(), key=lambda kv: (kv[0] < curated_base, kv[0]))
    for root, nodes in ordered:
        cur = curated[root - curated_base] if root >= curated_base else None
        names = Counter(occurrences[n][1] for n in nodes)
        types = Counter(occurrences[n][2] for n in nodes)
        if cur is not None:
            name = cur.name
            etype = cur.type or (types.most_common(1)[0][0] if types else "organization")
            slug = unique_slug(cur.slug, taken)
        else:
            # the longest of the most common full forms
            name = max(names, key=lambda n: (names[n] > 0 and len(n.split()), names[n], len(n), n))
            etype = types.most_common(1)[0][0]
            slug = unique_slug(slugify(name), taken)
        aliases = {a for n in nodes for a in (occurrences[n][1], *occurrences[n][3])}
        if cur is not None:
            aliases.update(cur.aliases)
        aliases.discard(name)
        if len(types) > 1:
            ambiguous.append(f"{name}: typed as {', '.join(sorted(types))} in different articles")
        entities[slug] = SiteEntity(slug=slug, name=name, type=etype,
                                    aliases=tuple(sorted(aliases, key=str.casefold)),
                                    description=cur.description if cur else "",
                                    curated=cur is not None)
        for n in nodes:
            node_slug[n] = slug

    by_article: dict[str, dict[str, str]] = defaultdict(dict)
    for node, (article, name, _, aliases) in enumerate(occurrences):
        for surface in (name, *aliases):
            by_article[article].setdefault(surface, node_slug[node])
    return EntityResolution(entities=entities, by_article=dict(by_article),
                            ambiguous=tuple(ambiguous))
