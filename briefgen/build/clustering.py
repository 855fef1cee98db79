"""A build's stories: kept from the last build when nothing they read changed, else clustered beside the index.

Grouping compares every article with the corpus: seconds at 10,000 articles,
in the parent's serial stretch. Two things keep that off the build's path.
What stories read of an article (its words, day, source and resolved names:
:func:`briefgen.index.site.story_docs`) is a function of its content file and
of the names resolved in it, so when neither changed for any article (a
template edit, a setting, a front-matter field stories do not read) the last
build's stories are reused from the cache. Otherwise they are clustered in a
forked child (or as one Dask task) while the parent indexes everything else,
and the result is stored for the next build.
"""

from __future__ import annotations

from contextlib import contextmanager, nullcontext
from functools import partial
from typing import Callable, Iterator, Mapping, Sequence

from briefgen.build.cache import BuildCache
from briefgen.build.deps import digest
from briefgen.build.parallel import fork_call
from briefgen.executors import DaskExecutor, Executor
from briefgen.index.stories import Stories, StoryDoc, find_stories

STORIES = "stories"  # the cache's (key, Stories) of the last build


def stories_key(docs: Sequence[StoryDoc], file_digests: Mapping[str, str | None],
                names: Mapping[str, str]) -> str:
    """What the stories are a function of: each article's file and its resolved names
    (which also title storylines); the cache forgets them when briefgen's code changes."""
    parts = sorted((d.slug, file_digests.get(d.slug) or "", d.entities) for d in docs)
    used = sorted({slug: names[slug] for d in docs for slug in d.entities if slug in names}.items())
    return digest(repr((parts, used)))


@contextmanager
def stories_beside(docs: Sequence[StoryDoc], names: Mapping[str, str],
                   file_digests: Mapping[str, str | None], cache: BuildCache | None,
                   workers: int, executor: Executor | None) -> Iterator[Callable[[], Stories]]:
    """A joiner giving the build's stories; the work runs while the ``with`` block does."""
    key = stories_key(docs, file_digests, names)
    known = cache.get(STORIES) if cache is not None else None
    if isinstance(known, tuple) and len(known) == 2 and known[0] == key and isinstance(known[1], Stories):
        kept: Stories = known[1]
        yield lambda: kept
        return
    cluster = partial(find_stories, names=dict(names))
    with (fork_call(cluster, docs) if executor is None and workers > 1
          else executor.call(cluster, docs) if isinstance(executor, DaskExecutor)
          else nullcontext(lambda: cluster(docs))) as join:
        done: list[Stories] = []

        def joined() -> Stories:
            if not done:
                done.append(join())
                if cache is not None:
                    cache.put(**{STORIES: (key, done[0])})
            return done[0]
        yield joined
