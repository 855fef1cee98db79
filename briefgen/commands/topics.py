"""``briefgen topics [--json]``: every topic with its story count and definition."""

from __future__ import annotations

import json
from typing import Any

from briefgen.build import prepare
from briefgen.config import Config


def topic_rows(config: Config) -> list[dict[str, Any]]:
    """One row per topic of the site, most stories first (then by slug)."""
    site = prepare(config).site
    rows: list[dict[str, Any]] = []
    for slug, term in sorted(site.topics.items(), key=lambda kv: (-len(kv[1].articles), kv[0])):
        d = site.topic_definitions.get(slug)
        rows.append({
            "slug": slug, "name": term.name, "articles": len(term.articles),
            "source": ("project" if d.curated else "default") if d else "listed by sources",
            "aliases": list(d.aliases) if d else [],
            "min_score": d.min_score if d else None,
            "patterns": [{"pattern": p.source, "reads": p.reading} for p in d.patterns] if d else [],
        })
    return rows


def report_topics(config: Config, as_json: bool = False) -> str:
    rows = topic_rows(config)
    if as_json:
        return json.dumps(rows, ensure_ascii=False, indent=2)
    lines = []
    for r in rows:
        lines.append(f"{r['articles']:>5}  {r['name']} ({r['slug']}; {r['source']}"
                     + (f", min_score {r['min_score']}" if r["min_score"] is not None else "") + ")")
        lines += [f"         {p['pattern']}" for p in r["patterns"]]
    return "\n".join(lines)
