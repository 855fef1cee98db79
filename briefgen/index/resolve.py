"""Merge entity names across the whole corpus and apply hand curation.

Within an article the extractor already tied short forms to their entity
(``Kim`` → ``Kim Jong Un``). Across articles only specific names join: an
entity's canonical name, and aliases of two or more words or acronyms. A
one-word alias of a person ("Kim", "Trump") never leaves its article, so
Kim Jong Un, Kim Jong Nam and Kim Jong Il stay three people; a one-word alias
of an organisation or place joins only an entity of the same type whose own
name it is ("Yonhap" ← "Yonhap News Agency").

Names of different types, and names that fit two entities, are never merged
silently: they go to ``EntityResolution.ambiguous`` for ``briefgen check``.

Hand edits win over all of it: ``content/entities/<slug>.md`` (name, type,
aliases, description, ``not:`` slugs to keep apart) and ``briefgen.yaml``'s
``entities.ignore`` / ``entities.merge``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from typing import Iterable

from briefgen.disjoint import DisjointSets
from briefgen.config import EntityRules
from briefgen.names import name_key
from briefgen.model import Article, CuratedEntity, EntityResolution, SiteEntity
from briefgen.urls import slugify, unique_slug


@dataclass(frozen=True)
class _Node:
    """One entity as one article lists it (or one curated file)."""

    article: str | None
    name: str
    type: str | None
    aliases: tuple[str, ...]
    curated: CuratedEntity | None = None


class _Groups:
    """Disjoint sets that refuse a merge a curated ``not:`` forbids, and say so."""

    def __init__(self, nodes: list[_Node]) -> None:
        self.sets: DisjointSets[int] = DisjointSets()
        self.owns: list[set[str]] = [{n.curated.slug} if n.curated else set() for n in nodes]
        self.bans: list[set[str]] = [set(n.curated.not_) if n.curated else set() for n in nodes]

    def find(self, x: int) -> int:
        return self.sets.find(x)

    def union(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if self.owns[ra] & self.bans[rb] or self.owns[rb] & self.bans[ra] or (
                self.owns[ra] and self.owns[rb]):
            return False
        keep = self.sets.join(ra, rb)
        gone = rb if keep == ra else ra
        self.owns[keep] |= self.owns[gone]
        self.bans[keep] |= self.bans[gone]
        return True


def _specific(alias: str) -> bool:
    """Whether an alias names one entity corpus-wide: several words, or an acronym."""
    return len(alias.split()) >= 2 or (alias.replace(".", "").isupper() and len(alias.replace(".", "")) >= 2)


def resolve_entities(articles: Iterable[Article], curated: Iterable[CuratedEntity] = (),
                     rules: EntityRules | None = None) -> EntityResolution:
    """The site's entities, every article's surface forms mapped to them, and the doubts."""
    ignored, merge_to = _rule_keys(rules or EntityRules())
    nodes: list[_Node] = []
    for cur in sorted(curated, key=lambda c: c.slug):
        nodes.append(_Node(None, cur.name, cur.type, cur.aliases, cur))
    for article in sorted(articles, key=lambda a: a.slug):
        for mention in article.entities:
            if name_key(mention.name) in ignored:
                continue
            aliases = tuple(a for a in mention.aliases if name_key(a) not in ignored)
            nodes.append(_Node(article.slug, mention.name, mention.type, aliases))

    groups = _Groups(nodes)
    ambiguous: list[str] = []
    _join(nodes, groups, merge_to, ambiguous)

    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(nodes)):
        members[groups.find(i)].append(i)
    taken: set[str] = set()
    entities: dict[str, SiteEntity] = {}
    slug_of: dict[int, str] = {}
    # curated entities claim their slugs first, so hand-made pages keep their URLs
    for root in sorted(members, key=lambda r: (nodes[r].curated is None, r)):
        entity = _site_entity([nodes[i] for i in members[root]], merge_to, taken)
        entities[entity.slug] = entity
        for i in members[root]:
            slug_of[i] = entity.slug
        for line in _type_doubts([nodes[i] for i in members[root]], entity):
            ambiguous.append(line)

    by_article: dict[str, dict[str, str]] = defaultdict(dict)
    for i, node in enumerate(nodes):
        if node.article is not None:
            for surface in (node.name, *node.aliases):
                by_article[node.article].setdefault(surface, slug_of[i])
    return EntityResolution(entities=entities, by_article=dict(by_article),
                            ambiguous=tuple(dict.fromkeys(ambiguous)))


def _rule_keys(rules: EntityRules) -> tuple[set[str], dict[str, str]]:
    """The name keys ``entities.ignore`` drops, and ``entities.merge``'s key → canonical name."""
    merge_to: dict[str, str] = {}
    for canonical, aliases in rules.merge.items():
        for name in (canonical, *aliases):
            merge_to[name_key(name)] = canonical
    return {name_key(n) for n in rules.ignore}, merge_to


def _join(nodes: list[_Node], groups: _Groups, merge_to: dict[str, str], ambiguous: list[str]) -> None:
    # 1. keys every node may join on
    owners: dict[str, set[int]] = defaultdict(set)  # key → nodes whose own name (or curated alias) it is
    for i, node in enumerate(nodes):
        own = (node.name, *node.aliases) if node.curated else (node.name,)
        for name in own:
            key = name_key(name)
            owners[merge_to.get(key) and "merge:" + merge_to[key] or key].add(i)
        if not node.curated:
            for alias in node.aliases:
                key = name_key(alias)
                if key in merge_to:
                    owners["merge:" + merge_to[key]].add(i)
    # 2. forced joins first: config merges, then curated names and aliases
    for key, found in owners.items():
        if key.startswith("merge:"):
            _union_all(sorted(found), groups, nodes, ambiguous, key[6:], force=True)
    contested: set[str] = set()  # names two curated entities share: they decide nothing
    for key, found in sorted(owners.items()):
        if key.startswith("merge:"):
            continue
        cur = sorted(i for i in found if nodes[i].curated)
        if len(cur) > 1:
            contested.add(key)
            slugs = ", ".join(e.slug for e in (nodes[i].curated for i in cur) if e is not None)
            ambiguous.append(f"{nodes[cur[0]].name}: could be any of the curated entities {slugs}")
            continue
        _union_all(sorted(found), groups, nodes, ambiguous, nodes[min(found)].name, force=bool(cur))
    # 3. specific aliases join the entity whose name they are; an alias that two different
    #    names claim ("KPA": Korean People's Army, Kenya Ports Authority) joins nothing, and an
    #    entity whose aliases point at two different entities joins neither: both are reported
    claims: dict[str, set[str]] = defaultdict(set)
    spelled: dict[str, str] = {}
    for node in nodes:
        if not node.curated:
            for alias in node.aliases:
                if name_key(alias) != name_key(node.name) and _specific(alias):
                    claims[name_key(alias)].add(node.name)
                    spelled.setdefault(name_key(alias), alias)
    for key, names in sorted(claims.items()):
        if len({name_key(n) for n in names}) > 1 and key in owners:
            contested.add(key)
            ambiguous.append(f"{spelled[key]}: could be " + " or ".join(sorted(names)))
    for i, node in enumerate(nodes):
        if node.curated:
            continue
        candidates: set[int] = set()
        for alias in node.aliases:
            key = name_key(alias)
            if key not in owners or key == name_key(node.name) or key in contested:
                continue
            if _specific(alias):
                candidates |= {groups.find(j) for j in owners[key]}
            elif node.type != "person":  # "Kim" stays in its article
                candidates |= {groups.find(j) for j in owners[key] if nodes[j].type == node.type}
        candidates.discard(groups.find(i))
        if len(candidates) > 1:
            ambiguous.append(f"{node.name} (in {node.article}): its aliases name "
                             + " and ".join(sorted({nodes[c].name for c in candidates})))
        elif candidates and not groups.union(i, candidates.pop()):
            ambiguous.append(f"{node.name} (in {node.article}): kept apart by a curated `not:`")


def _union_all(found: list[int], groups: _Groups, nodes: list[_Node], ambiguous: list[str],
               name: str, force: bool) -> None:
    """Join the nodes sharing one name, except across types (then report) or a `not:`."""
    if len(found) < 2:
        return
    by_type: dict[str | None, list[int]] = defaultdict(list)
    for i in found:
        by_type[None if nodes[i].curated or force else nodes[i].type].append(i)
    if len([t for t in by_type if t is not None]) > 1 and not force:
        kinds = ", ".join(sorted(t for t in by_type if t))
        ambiguous.append(f"{name}: named as {kinds} in different articles; kept apart "
                         "(add content/entities/<slug>.md to decide)")
    for same in by_type.values():
        for j in same[1:]:
            if not groups.union(same[0], j):
                ambiguous.append(f"{name}: kept apart by a curated `not:`")


def _site_entity(group: list[_Node], merge_to: dict[str, str], taken: set[str]) -> SiteEntity:
    cur = next((n.curated for n in group if n.curated), None)
    generated = [n for n in group if not n.curated]
    names = Counter(n.name for n in generated)
    types = Counter(n.type for n in generated if n.type)
    aliases = {a for n in group for a in (n.name, *n.aliases)}
    if cur is not None:
        name, slug = cur.name, unique_slug(cur.slug, taken)
        etype = cur.type or (types.most_common(1)[0][0] if types else "organization")
        aliases.update(cur.aliases)
    else:
        forced = {merge_to[name_key(n)] for n in names if name_key(n) in merge_to}
        if forced:
            name = sorted(forced)[0]
        else:
            # the longest full form; of those, the spelling most articles use
            name = max(names, key=lambda n: (len(n.split()), names[n], len(n), n))
        etype = types.most_common(1)[0][0] if types else "organization"
        slug = unique_slug(slugify(name), taken)
    taken.add(slug)
    aliases.discard(name)
    return SiteEntity(slug=slug, name=name, type=etype,
                      aliases=tuple(sorted(aliases, key=_alias_order)),
                      description=cur.description if cur else "", curated=cur is not None)


def _alias_order(alias: str) -> tuple[str, str]:
    """Case-blind order, then the spelling itself: "LONDON" and "London" tie on
    ``casefold`` alone, and a tie would keep the set's order, which differs per process."""
    return alias.casefold(), alias


def _type_doubts(group: list[_Node], entity: SiteEntity) -> list[str]:
    types = {n.type for n in group if n.type and not n.curated}
    if len(types) > 1 and not entity.curated:
        return [f"{entity.name}: typed as {', '.join(sorted(types))} in different articles"]
    return []


@dataclass
class NameIndex:
    """Who owns each name key across the corpus, so one article's new names can be placed alone.

    Built once from a finished resolution (:meth:`of`); the preview updates it
    as it patches names in (:func:`with_added_names`).
    """

    owners: dict[str, set[tuple[str, str | None]]]  # key → {(entity slug, node type)}
    claims: dict[str, set[str]]  # key of a specific alias → keys of the names claiming it
    blocked: set[str]  # keys an ignore or merge rule mentions: never patched

    @classmethod
    def of(cls, articles: Iterable[Article], resolution: EntityResolution,
           curated: Iterable[CuratedEntity] = (), rules: EntityRules | None = None) -> "NameIndex":
        ignored, merge_to = _rule_keys(rules or EntityRules())
        blocked = ignored | set(merge_to)
        owners: dict[str, set[tuple[str, str | None]]] = defaultdict(set)
        claims: dict[str, set[str]] = defaultdict(set)
        curated_slugs = {e.name: e.slug for e in resolution.entities.values() if e.curated}
        for cur in curated:
            for name in (cur.name, *cur.aliases):
                owners[name_key(name)].add((curated_slugs.get(cur.name, cur.slug), None))
        for article in articles:
            surfaces = resolution.by_article.get(article.slug, {})
            for entity in article.entities:
                slug = surfaces.get(entity.name)
                if slug is not None:
                    _index_node(owners, claims, slug, entity.name, entity.type, entity.aliases)
        return cls(dict(owners), dict(claims), blocked)

    def add(self, slug: str, name: str, etype: str | None, aliases: tuple[str, ...]) -> None:
        _index_node(self.owners, self.claims, slug, name, etype, aliases)


def _index_node(owners: dict[str, set[tuple[str, str | None]]], claims: dict[str, set[str]],
                slug: str, name: str, etype: str | None, aliases: tuple[str, ...]) -> None:
    key = name_key(name)
    owners.setdefault(key, set()).add((slug, etype))
    for alias in aliases:
        if name_key(alias) != key and _specific(alias):
            claims.setdefault(name_key(alias), set()).add(key)


def with_added_names(resolution: EntityResolution, names: NameIndex, old: Article,
                     new: Article) -> EntityResolution | None:
    """The resolution after ``new`` gained entities ``old`` did not list, or ``None`` if unsure.

    Exact only in the plain case, which is checked here: every new name is an
    existing entity's own name (same spelling, same type), owned by that entity
    alone, with aliases it already has and claims nobody contests; nothing
    else in the article changed. Then the full resolution would put the new
    names into that entity and change nothing else. Anything less clear-cut
    (a new entity, a removed one, a bridge between two entities, a rule)
    returns ``None``, and the caller resolves the corpus again.
    """
    before = list(old.entities)
    added = [e for e in new.entities if e not in before]
    if [e for e in new.entities if e in before] != before or not added:
        return None
    placed: dict[str, str] = {}
    for entity in added:
        key = name_key(entity.name)
        owners = names.owners.get(key, set())
        slugs = {slug for slug, _ in owners}
        if key in names.blocked or len(slugs) != 1:
            return None
        slug = next(iter(slugs))
        site_entity = resolution.entities.get(slug)
        if (site_entity is None or site_entity.curated or site_entity.name != entity.name
                or site_entity.type != entity.type
                or any(t not in (None, entity.type) for _, t in owners)):
            return None
        known = {site_entity.name, *site_entity.aliases}
        for alias in entity.aliases:
            akey = name_key(alias)
            if (alias not in known or akey in names.blocked
                    or {s for s, _ in names.owners.get(akey, set())} - {slug}
                    or (akey != key and _specific(alias)
                        and names.claims.get(akey, set()) - {key})):
                return None
        placed[entity.name] = slug
    surfaces: dict[str, str] = {}
    old_surfaces = resolution.by_article.get(new.slug, {})
    for entity in new.entities:
        target = placed.get(entity.name) or old_surfaces.get(entity.name)
        if target is None or entity.name in surfaces:
            return None  # a name two entities share in one story: let the full pass decide
        for surface in (entity.name, *entity.aliases):
            surfaces.setdefault(surface, target)
    return replace(resolution, by_article={**resolution.by_article, new.slug: surfaces})
