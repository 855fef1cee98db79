"""The page → inputs map: which parts of the site each page read, and their digests.

A page's bytes are a pure function of its own record (kind, URL, context),
the global inputs (templates, config, briefgen's code, the search switch) and
whatever parts of the :class:`~briefgen.index.site.Site` its templates read.
Those reads are *recorded while rendering* (as Hugo's ``identity`` tracking
does) instead of being declared per page kind: a project template that shows
"moving now" names in ``base.html`` makes every page depend on them, with no
list to keep up to date. The recording site answers exactly like the real one;
each ``site.articles[slug]``, ``slug in site.entities``, ``site.order`` … adds
a key to the page's dependency set.

Next build, a page is rendered again only if its fingerprint changed: the hash
of its record, the global inputs and the current digest of every key it read
last time. If none of those changed, rendering would read the same keys and
produce the same bytes, so skipping it cannot make an incremental build differ
from a full one. Digests are of ``repr``, not ``pickle``: a pickle depends on
which strings happen to be shared objects, a dataclass ``repr`` only on values.
"""

from __future__ import annotations

import hashlib
from dataclasses import fields
from typing import Any, Callable, Iterable, Iterator, Mapping, MutableMapping

import jinja2

from briefgen.index.site import EntityEntry, Site
from briefgen.render.plan import SitePage

ALL = "\x00all"  # the key recorded when a page iterates or sizes a whole mapping
ABSENT = "absent"

Dep = tuple[str, Any, Any]  # (Site field, key or ALL or None, attribute or None)


def digest(data: bytes | str) -> str:
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    return hashlib.blake2b(data, digest_size=16).hexdigest()


class _Recorder:
    """The set of keys read since the last :meth:`take`; one per rendering process."""

    def __init__(self) -> None:
        self.reads: set[Dep] = set()

    def take(self) -> tuple[Dep, ...]:
        deps = tuple(sorted(self.reads, key=repr))
        self.reads = set()
        return deps


class _EntryView:
    """An entity entry that records which of its fields a page used.

    An article page shows only its entities' names and types, so it must not be
    re-rendered each time some other story quotes one of them.
    """

    __slots__ = ("_entry", "_slug", "_rec")

    def __init__(self, entry: Any, slug: str, rec: _Recorder) -> None:
        self._entry, self._slug, self._rec = entry, slug, rec

    def __getattr__(self, name: str) -> Any:
        if name == "mentions":
            return _MentionsView(self._entry.mentions, self._slug, self._rec)
        self._rec.reads.add(("entities", self._slug, name))
        return getattr(self._entry, name)

    def _whole(self) -> object:
        self._rec.reads.add(("entities", self._slug, None))
        return self._entry

    def __eq__(self, other: object) -> bool:
        return self._whole() == (other._whole() if isinstance(other, _EntryView) else other)

    def __hash__(self) -> int:
        return hash(self._whole())

    def __repr__(self) -> str:
        return repr(self._whole())


class _MentionsView(Mapping[str, Any]):
    """An entity's quotes, recorded per article: page 3 of a long entity list
    shows the quotes of its own twenty stories and depends on those alone."""

    __slots__ = ("_data", "_slug", "_rec")

    def __init__(self, data: Mapping[str, Any], slug: str, rec: _Recorder) -> None:
        self._data, self._slug, self._rec = data, slug, rec

    def _read(self, article: object) -> None:
        self._rec.reads.add(("entities", self._slug, ("mentions", article)))

    def __getitem__(self, article: str) -> Any:
        self._read(article)
        return self._data[article]

    def get(self, article: str, default: Any = None) -> Any:
        self._read(article)
        return self._data.get(article, default)

    def __contains__(self, article: object) -> bool:
        self._read(article)
        return article in self._data

    def __iter__(self) -> Iterator[str]:
        self._rec.reads.add(("entities", self._slug, "mentions"))
        return iter(self._data)

    def __len__(self) -> int:
        self._rec.reads.add(("entities", self._slug, "mentions"))
        return len(self._data)


class _RecordingMapping(Mapping[str, Any]):
    def __init__(self, name: str, data: Mapping[str, Any], rec: _Recorder) -> None:
        self._name, self._data, self._rec = name, data, rec
        self._views = name == "entities"

    def _value(self, key: str) -> Any:
        value = self._data[key]
        return _EntryView(value, key, self._rec) if self._views else value

    def __getitem__(self, key: str) -> Any:
        self._rec.reads.add((self._name, key, None) if not self._views else (self._name, key, ABSENT))
        return self._value(key)

    def get(self, key: str, default: Any = None) -> Any:
        self._rec.reads.add((self._name, key, None) if not self._views else (self._name, key, ABSENT))
        return self._value(key) if key in self._data else default

    def __contains__(self, key: object) -> bool:
        self._rec.reads.add((self._name, key, ABSENT) if self._views else (self._name, key, None))
        return key in self._data

    def __iter__(self) -> Iterator[str]:
        self._rec.reads.add((self._name, ALL, None))
        return iter(self._data)

    def __len__(self) -> int:
        self._rec.reads.add((self._name, ALL, None))
        return len(self._data)


class NotShipped(Exception):
    """A page read a part of the site its render slice was not sent (see :class:`Shipped`).

    Deliberately not a ``LookupError``: Jinja turns those into undefined values,
    which would render a different page instead of stopping this one.
    """


class Shipped(Mapping[str, Any]):
    """One per-article mapping of the site as a distributed render slice holds it.

    The site's per-article text (bodies, quotes, …) is most of its size, and a
    page shows the text of a few articles only: a slice is sent the values its
    pages are expected to read (``data``, swapped per slice) beside the whole key
    set (``present``, sent once), so membership still answers for every key.
    An article in many feeds travels with each slice that shows it: that costs
    transfer (cheap, strings pickle fast), where sending it to every worker
    would cost memory on each.
    Reading a value that was not sent, or the whole mapping, raises
    :class:`NotShipped`, and the client renders that page against the full site:
    a wrong guess costs time, never different bytes.
    """

    __slots__ = ("present", "data")

    def __init__(self, present: frozenset[str], data: Mapping[str, Any] | None = None) -> None:
        self.present = present
        self.data: Mapping[str, Any] = data or {}

    def __getitem__(self, key: str) -> Any:
        try:
            return self.data[key]
        except KeyError:
            pass
        if key in self.present:
            raise NotShipped(key)
        raise KeyError(key)

    def __contains__(self, key: object) -> bool:
        return key in self.present

    def __iter__(self) -> Iterator[str]:
        raise NotShipped(ALL)  # the order of the keys is the site's, and was not sent

    def __len__(self) -> int:
        return len(self.present)


class RecordingEnvironment(jinja2.Environment):
    """A Jinja environment that records every template a page loads (extends, import, include).

    A template edit then re-renders only the pages that use that template.
    """

    recorder: _Recorder | None = None

    def get_template(self, name: Any, parent: str | None = None,
                     globals: MutableMapping[str, Any] | None = None) -> jinja2.Template:
        if self.recorder is not None and isinstance(name, str):
            self.recorder.reads.add(("template", self.join_path(name, parent) if parent else name,
                                     None))
        return super().get_template(name, parent, globals)


def template_digest(env: jinja2.Environment, name: str) -> str:
    """The file a template name resolves to now (a project override shadows the theme's)."""
    assert env.loader is not None
    try:
        source, filename, _ = env.loader.get_source(env, name)
    except jinja2.TemplateNotFound:
        return ABSENT
    return digest(f"{filename}\n{source}")


class RecordingSite:
    """A read-only stand-in for :class:`Site` that records every part a page reads."""

    def __init__(self, site: Site) -> None:
        self._site = site
        self._rec = _Recorder()
        self._maps = {f.name: _RecordingMapping(f.name, getattr(site, f.name), self._rec)
                      for f in fields(site) if isinstance(getattr(site, f.name), Mapping)}

    def __getattr__(self, name: str) -> Any:
        if name in self._maps:
            return self._maps[name]
        self._rec.reads.add((name, None, None))
        return getattr(self._site, name)

    def take(self) -> tuple[Dep, ...]:
        """The keys read since the last call."""
        return self._rec.take()

    def watch(self, env: RecordingEnvironment) -> None:
        """Record the templates ``env`` loads along with the site reads."""
        env.recorder = self._rec


class SiteDigests:
    """Digests of the parts of one build's site, computed on first use.

    ``article_digests`` are the digests of the articles' front matter and
    ``body_digests`` the content files' own hashes (the body HTML is a function
    of the file), both computed once per parse, so articles are never re-hashed.
    """

    def __init__(self, site: Site, article_digests: Mapping[str, str],
                 templates: Callable[[str], str] | None = None,
                 mention_keys: Mapping[str, Mapping[str, str]] | None = None,
                 body_digests: Mapping[str, str] | None = None) -> None:
        self._site = site
        self._articles = article_digests
        self._bodies = body_digests or {}
        self._templates = templates
        self._mention_keys = mention_keys
        self._memo: dict[Dep, str] = {}
        self._lines: dict[Dep, str] = {}
        self._earlier: SiteDigests | None = None  # a previous site's digests, for unchanged parts
        self._changed: frozenset[tuple[str, Any]] = frozenset()

    def successor(self, site: Site, article_digests: Mapping[str, str],
                  mention_keys: Mapping[str, Mapping[str, str]] | None,
                  body_digests: Mapping[str, str] | None,
                  changed: Iterable[tuple[str, Any]]) -> "SiteDigests":
        """Digests of a patched site, reusing this one's for every part not in ``changed``.

        ``changed`` lists the (Site field, key) pairs that differ, with
        ``(field, ALL)`` for every field that has one. Only one generation is
        kept: this object forgets its own predecessor, and can still compute
        anything from its own site.
        """
        after = SiteDigests(site, article_digests, self._templates, mention_keys, body_digests)
        after._earlier, after._changed = self, frozenset(changed)
        self._earlier = None
        return after

    def of(self, dep: Dep) -> str:
        found = self._memo.get(dep)
        if found is None:
            earlier = self._earlier
            if earlier is not None and (dep[0], dep[1]) not in self._changed:
                found = earlier.of(dep)
            else:
                found = self._compute(dep)
            self._memo[dep] = found
        return found

    def line(self, dep: Dep) -> str:
        """``dep=digest``, the dependency's share of a fingerprint (memoised: pages share keys)."""
        found = self._lines.get(dep)
        if found is None:
            found = self._lines[dep] = f"{dep!r}={self.of(dep)}"
        return found

    def _compute(self, dep: Dep) -> str:
        name, key, attr = dep
        if name == "template":
            return self._templates(key) if self._templates else ABSENT
        value: Any = getattr(self._site, name, None)  # a Site field, looked up by its name
        if key is None:
            return digest(repr(value))
        if key == ALL:
            return digest("\n".join(f"{k}={self.of((name, k, None))}" for k in value))
        if key not in value:
            return ABSENT
        if name == "articles" and key in self._articles:
            return self._articles[key]
        if name == "bodies" and key in self._bodies:
            return self._bodies[key]
        if attr == ABSENT:  # membership of an entity (its fields are keyed separately)
            return "present"
        if name == "entities" and attr in (None, "mentions"):
            return self.entry(value[key], attr is None)
        if name == "entities" and isinstance(attr, tuple):  # ("mentions", article)
            return self.quote(value[key], attr[1])
        if attr is not None:
            return digest(repr(getattr(value[key], attr)))
        return digest(repr(value[key]))

    def entry(self, entry: EntityEntry, whole: bool = True) -> str:
        """An entity entry's digest without printing its quoted sentences.

        The digest of each (article, entity) quote list is computed once, when
        the article's mentions are found, and cached with them.
        """
        keys = self._mention_keys
        if keys is None:
            return digest(repr(entry if whole else entry.mentions))
        slug = entry.entity.slug
        parts = [f"{a}:{keys.get(a, {}).get(slug)}" for a in entry.mentions]
        if whole:
            parts.append(repr((entry.entity, entry.articles, entry.total_mentions,
                               entry.co_mentioned)))
        return digest("\n".join(parts))

    def quote(self, entry: EntityEntry, article: str) -> str:
        """The digest of what one entry quotes from one article."""
        if article not in entry.mentions:
            return ABSENT
        keys = self._mention_keys
        if keys is not None:
            return str(keys.get(article, {}).get(entry.entity.slug))
        return digest(repr(entry.mentions[article]))


class PageDigests:
    """Digests of page records; context values shared by a term's pages are hashed once."""

    def __init__(self) -> None:
        self._memo: dict[int, tuple[Any, str]] = {}

    def of(self, page: SitePage) -> str:
        parts = [page.kind, page.url, str(page.template), page.title, str(page.searchable)]
        for key, value in page.context.items():
            parts.append(f"{key}={self._value(value)}")
        return digest("\n".join(parts))

    def _value(self, value: Any) -> str:
        found = self._memo.get(id(value))
        if found is not None and found[0] is value:
            return found[1]
        if isinstance(value, EntityEntry):
            # pages read it through the site (see ``render.pages``), so its parts are keyed there
            result = "entity:" + value.entity.slug
        else:
            result = digest(repr(value))
        self._memo[id(value)] = (value, result)  # keeps ``value`` alive, so its id stays unique
        return result


def fingerprint(global_digest: str, page_digest: str, deps: Iterable[Dep],
                digests: SiteDigests) -> str:
    """The hash a page's bytes are a function of."""
    line = digests.line
    return digest("\n".join([global_digest, page_digest, *map(line, deps)]))
