"""``briefgen init``: a new, empty briefing project that builds as it is."""

from __future__ import annotations

from pathlib import Path

from briefgen.errors import BriefgenError

CONFIG_TEMPLATE = """\
# briefgen settings; every key is optional.
title: {title}
description: A briefing built with briefgen.
base_url: ""        # e.g. https://example.org/briefing/: feeds get absolute links, and the site a sitemap
# Links to pages end in .../index.html, so the site opens from disk (a browser shows a
# folder as a file listing); on a server, clean .../ links look better. Left out, it is
# true while base_url is empty and false once it is set; true or false forces it.
# relative_index: true
language: en
per_page: 20
feed_items: 20
entities:
  ignore: []        # names never to make entity pages for
  merge: {{}}         # Canonical Name: [Alias, Other Alias]
topics:
  defaults: true    # briefgen's broad subjects (politics, sport …) beside content/topics/*.md
"""

README_TEMPLATE = """\
# {title}

- Put saved articles (HTML pages, copy-pasted text, Markdown) in `seeds/`.
- `briefgen ingest` turns them into `content/articles/*.md`; review and edit those by hand.
- Describe people, organisations and places in `content/entities/<slug>.md`.
- Define your own topics in `content/topics/<slug>.md` (`name`, `patterns`: see briefgen's README).
- `briefgen build` writes the site to `site/`; `briefgen check` checks it. Each build that changed
  the articles records an edition in `content/editions/` (commit them): the home page opens with what is
  new since the one before. Delete the folder to keep none.
- Put a file in `templates/` to override the default theme's template of the same name.
"""


def init_project(directory: Path) -> Path:
    """Create the folders and a commented ``briefgen.yaml``; refuses to touch a non-empty folder."""
    directory = directory.resolve()
    if directory.exists() and any(directory.iterdir()):
        raise BriefgenError("folder is not empty", directory,
                            hint="choose a new folder name, or an empty folder")
    title = directory.name.replace("-", " ").replace("_", " ").strip().title() or "Briefing"
    for sub in ("seeds", "content/articles", "content/entities", "content/topics",
                "content/editions", "templates"):
        (directory / sub).mkdir(parents=True, exist_ok=True)
    (directory / "briefgen.yaml").write_text(CONFIG_TEMPLATE.format(title=title), encoding="utf-8")
    (directory / "README.md").write_text(README_TEMPLATE.format(title=title), encoding="utf-8")
    (directory / ".gitignore").write_text("/site/\n/.briefgen-cache/\n", encoding="utf-8")
    return directory
