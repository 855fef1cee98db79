"""``briefgen stories [--json]``: every story with its storyline, dates and articles.

Articles are named by their content files' stems, the names a person edits
and a tool can open (``content/articles/<stem>.md``).
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from briefgen.build import prepare
from briefgen.config import Config
from briefgen.index.site import Site


def _when(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def story_rows(site: Site) -> list[dict[str, Any]]:
    """One row per story, the most recently moved first (the site's order)."""
    return [{"slug": story.slug, "title": story.title, "storyline": story.storyline,
             "first": _when(story.first), "last": _when(story.last),
             "articles": [site.articles[a].path.stem for a in story.articles]}
            for story in site.stories.stories.values()]


def report_stories(config: Config, as_json: bool = False) -> str:
    rows = story_rows(prepare(config).site)
    if as_json:
        return json.dumps(rows, ensure_ascii=False, indent=2)
    lines = []
    for r in rows:
        days = " – ".join(dict.fromkeys(d[:10] for d in (r["first"], r["last"]) if d)) or "undated"
        lines.append(f"{r['title']}\n  {r['slug']} · {days} · "
                     f"{len(r['articles'])} article{'s' if len(r['articles']) != 1 else ''}"
                     + (f" · storyline {r['storyline']}" if r["storyline"] else ""))
        lines += [f"    {stem}" for stem in r["articles"]]
    return "\n".join(lines)
