"""Every page is valid HTML: the W3C Nu HTML checker, and heading levels that never skip.

The checker is the npm package ``vnu-jar`` (``npm ci --prefix tests/node``), run
with Java over whole site folders in one JVM (seconds for the ~900 pages of the
example site). Two sites: the example site, and what ``briefgen init`` makes
with two articles (every page kind with a handful of names). Without the jar or
Java the test skips, except in CI (``CI=true`` or ``BRIEFGEN_REQUIRE_AXE=1``),
where a missing install fails: ``.ci/run`` installs both.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from briefgen import config as config_mod
from briefgen.build import build_site
from briefgen.commands.init import init_project
from briefgen.render.markdown import markdown_to_html, shift_headings

from conftest import REPO, article_text

VNU = REPO / "tests" / "node" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Two stories that between them reach every page kind: people, organisations and places,
# two topics, a publisher and an agency, two months, and bodies with every Markdown block a
# story may use (headings starting at ###, a skipped level, a table, a quote, a list, code).
INIT_ARTICLES = {
    "ferry-strike": article_text(
        "Ferry crews walk out over pay",
        "Crews on the island ferries walked out on Monday, the Maritime Union said.\n\n"
        "### What the union wants\n\n"
        "Union secretary Ana Ribeiro said pay had fallen behind prices for three years. "
        "\"We are not asking for the moon,\" she told reporters in Lisbon.\n\n"
        "##### The numbers\n\n"
        "| Route | Sailings cancelled |\n|---|---:|\n| Lisbon–Barreiro | 42 |\n| Seixal | 17 |\n\n"
        "### What happens next\n\n"
        "- Talks resume on *Thursday*.\n- The ministry will [publish](https://example.org/x?a=1&b=2) "
        "its offer.\n\n"
        "> The strike is legal, the union says.\n\n"
        "`sailings --cancelled` printed the list.",
        dek="Island routes stop as talks stall.", published="2024-03-04T08:30:00+00:00",
        publisher="Harbour Post", agency="Reuters", authors=["Staff Writer"],
        dateline="Lisbon", reading_time=2, topics=["Transport", "Labour"],
        entities=[{"name": "Ana Ribeiro", "type": "person", "aliases": ["Ribeiro"]},
                  {"name": "Maritime Union", "type": "organization"},
                  {"name": "Lisbon", "type": "place"}],
        source={"url": "https://example.org/ferry", "path": "seeds/ferry.txt"},
        license="CC BY 4.0", attribution="Harbour Post"),
    "ferry-deal": article_text(
        "Ferry strike ends with a deal",
        "Ana Ribeiro signed the agreement in Lisbon late on Friday, ending a strike that had "
        "stopped the island ferries for most of a month and stranded thousands of commuters.\n\n"
        "## Terms\n\nA rise of four per cent this year and three the next.\n\n"
        "#### Reaction\n\nCommuters welcomed it.",
        published="2024-04-12", publisher="Harbour Post", topics=["Transport"],
        entities=[{"name": "Ana Ribeiro", "type": "person"},
                  {"name": "Lisbon", "type": "place"}]),
}


def _ci() -> bool:
    return os.environ.get("CI") == "true" or bool(os.environ.get("BRIEFGEN_REQUIRE_AXE"))


def _need_vnu() -> str:
    """The java command; skips (fails in CI) when Java or the jar is missing."""
    java = shutil.which("java")
    missing = ("Java (apt-get install default-jre-headless)" if java is None else
               "vnu-jar (npm ci --prefix tests/node)" if not VNU.is_file() else None)
    if missing is not None:
        if _ci():
            pytest.fail(f"the HTML checker needs {missing}: .ci/run installs it", pytrace=False)
        pytest.skip(f"no {missing}")
    assert java is not None
    return java


def vnu_errors(*sites: Path) -> list[dict[str, Any]]:
    """The Nu checker's errors over every HTML file in ``sites``, in one JVM."""
    java = _need_vnu()
    done = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json",
                           "--skip-non-html", *map(str, sites)],
                          capture_output=True, text=True, timeout=600)
    report = done.stderr  # vnu reports on stderr, maybe after a JVM notice ("Picked up …")
    start = re.search(r"^\{", report, re.MULTILINE)
    assert start is not None, report[-2000:]
    messages: list[dict[str, Any]] = json.JSONDecoder().raw_decode(report, start.start())[0][
        "messages"]
    assert done.returncode == (1 if messages else 0), report[-2000:]
    return messages


def describe(errors: list[dict[str, Any]]) -> str:
    return "\n".join(f"{e.get('url', '?')}:{e.get('lastLine', '?')}: {e['message']}"
                     for e in errors[:30])


@pytest.fixture(scope="module")
def init_site(tmp_path_factory: pytest.TempPathFactory) -> config_mod.Config:
    """``briefgen init`` with two articles added, built as is."""
    project = init_project(tmp_path_factory.mktemp("init") / "desk")
    for slug, text in INIT_ARTICLES.items():
        (project / "content" / "articles" / f"{slug}.md").write_text(text, encoding="utf-8")
    cfg = config_mod.load(project)
    build_site(cfg)
    return cfg


@pytest.mark.slow
def test_every_page_passes_the_nu_html_checker(example_site, init_site):
    pages = [p for site in (example_site.site, init_site.site) for p in site.rglob("*.html")
             if "pagefind" not in p.parts]
    assert len(pages) > 100
    errors = vnu_errors(example_site.site, init_site.site)
    assert errors == [], f"{len(errors)} error(s):\n{describe(errors)}"


class _Headings(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.levels: list[int] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
            self.levels.append(int(tag[1]))


def heading_levels(html: str) -> list[int]:
    parser = _Headings()
    parser.feed(html)
    parser.close()
    return parser.levels


@pytest.mark.parametrize("which", ["example", "init"])
def test_heading_levels_never_skip(which, request):
    cfg = request.getfixturevalue("example_site" if which == "example" else "init_site")
    pages = sorted(p for p in cfg.site.rglob("*.html") if "pagefind" not in p.parts)
    assert pages
    for path in pages:
        levels = heading_levels(path.read_text(encoding="utf-8"))
        assert levels[:1] == [1] and levels.count(1) == 1, (path, levels)
        skips = [(a, b) for a, b in zip(levels, levels[1:]) if b > a + 1]
        assert not skips, (path, levels)


def test_body_headings_start_at_h2_whatever_markdown_used(init_site):
    strike = (init_site.site / "articles/ferry-strike/index.html").read_text(encoding="utf-8")
    assert "<h2>What the union wants</h2>" in strike  # ### became h2
    assert "<h3>The numbers</h3>" in strike  # ##### under it became h3
    assert "<h2>What happens next</h2>" in strike
    deal = (init_site.site / "articles/ferry-deal/index.html").read_text(encoding="utf-8")
    assert "<h2>Terms</h2>" in deal and "<h3>Reaction</h3>" in deal


@pytest.mark.parametrize("markdown, levels", [
    ("## A\n\n### B\n\n## C", [2, 3, 2]),
    ("### A\n\n##### B\n\n#### C\n\n### D", [2, 3, 3, 2]),  # a skip closes up; order is kept
    ("# A\n\n## B", [2, 3]),  # a body's h1 is not a second page title
    ("#### A\n\n## B\n\n### C", [2, 2, 3]),  # none ever above h2, none skips from the one before
    ("# 1\n\n## 2\n\n### 3\n\n#### 4\n\n##### 5\n\n###### 6", [2, 3, 4, 5, 6, 6]),
    ('<h1 class="x">raw</h1>\n\n<h4>raw too</h4>', [2, 3]),  # raw HTML headings as well
])
def test_body_headings_shift_under_the_page_title(markdown, levels):
    html = markdown_to_html(markdown)
    assert heading_levels(html) == levels, html
    assert html.count("</h") == len(levels)
    assert markdown_to_html(markdown) == html  # deterministic


def test_shifting_leaves_everything_but_heading_tags_alone():
    html = shift_headings('<h4>A &lt;h3&gt; b</h4><p><a href="https://x.example/<h3>">c</a></p>')
    assert html == '<h2>A &lt;h3&gt; b</h2><p><a href="https://x.example/<h3>">c</a></p>'
