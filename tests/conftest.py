"""Shared fixtures: tiny projects written inline, and the example site built once."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any, Callable

import pytest

from briefgen import config as config_mod
from briefgen import frontmatter

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"

# The browser fixtures (serve, browser, page) for any test that asks for them by name.
pytest_plugins = ["browser_fixtures"]


def article_text(title: str, body: str, **meta: Any) -> str:
    """A content file as ingest would write it."""
    return frontmatter.dump({"title": title, **meta}, body)


TINY_ARTICLES: dict[str, str] = {
    "kim-missiles": article_text(
        "Kim Jong Un orders more missiles",
        "North Korean leader Kim Jong Un toured munitions factories. Mr. Kim's push comes as "
        "U.S. officials watch closely.\n\n"
        "The Korean Central News Agency said Kim visited a missile plant. "
        "See [the agency](https://kcna.example/) for more.\n\n"
        "Russian Defence Minister Sergei Shoigu visited Pyongyang last month.",
        dek="North Korea's leader tours weapons factories.",
        published="2023-08-14T09:03:00+05:30", publisher="Business Standard", agency="AP",
        authors=["Staff Writer"], dateline="Seoul", reading_time=3,
        topics=["North Korea", "Weapons"],
        entities=[{"name": "Kim Jong Un", "type": "person", "aliases": ["Kim"]},
                  {"name": "Sergei Shoigu", "type": "person", "aliases": ["Shoigu"]},
                  {"name": "KCNA", "type": "organization",
                   "aliases": ["Korean Central News Agency"]},
                  {"name": "Pyongyang", "type": "place"}],
        source={"url": "https://example.com/kim", "path": "seeds/kim.txt"},
        license="All rights reserved", attribution="AP via Business Standard"),
    "shoigu-visit": article_text(
        "Shoigu visits Pyongyang",
        "Sergei Shoigu arrived in Pyongyang, where Kim Jong-un greeted him at the airport.\n\n"
        "The visit was the first by a Russian defence minister since 1991.",
        dek="Russia's defence minister arrives.", published="2023-07-27",
        publisher="Wikinews", topics=["North Korea", "Russia"],
        entities=[{"name": "Sergei Shoigu", "type": "person"},
                  {"name": "Kim Jong-un", "type": "person"},
                  {"name": "Pyongyang", "type": "place"}],
        license="CC BY 2.5", attribution="Wikinews"),
    "seoul-drills": article_text(
        "Allies prepare summer drills",
        "South Korea and the United States will start drills. Pyongyang calls them an "
        "invasion rehearsal.",
        published="2023-08-10T10:00:00+09:00", publisher="Wikinews", topics=["Weapons"],
        entities=[{"name": "Pyongyang", "type": "place"},
                  {"name": "United States", "type": "place"}]),
}


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[..., config_mod.Config]:
    """Write ``articles`` (slug → file text) and optional settings into a fresh project."""

    def make(articles: dict[str, str] | None = None, settings: str = "",
             files: dict[str, str] | None = None) -> config_mod.Config:
        project = tmp_path / "project"
        (project / "content" / "articles").mkdir(parents=True, exist_ok=True)
        for slug, text in (TINY_ARTICLES if articles is None else articles).items():
            (project / "content" / "articles" / f"{slug}.md").write_text(text, encoding="utf-8")
        for rel, text in (files or {}).items():
            path = project / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        (project / "briefgen.yaml").write_text(settings or "title: Test Briefing\n",
                                               encoding="utf-8")
        return config_mod.load(project)

    return make


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> config_mod.Config:
    """The repo's own content/ built once into a temp copy of the project.

    ``BRIEFGEN_EXAMPLE_CONTENT=/path/to/content`` runs the same tests on another corpus.
    """
    from briefgen.build import build_site

    content = Path(os.environ.get("BRIEFGEN_EXAMPLE_CONTENT") or REPO / "content")
    if not any((content / "articles").glob("*.md")):
        pytest.skip("content/articles is empty (run `briefgen ingest` first)")
    project = tmp_path_factory.mktemp("example") / "project"
    project.mkdir()
    shutil.copytree(content, project / "content")
    for name in ("briefgen.yaml",):
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, project / name)
        elif src.is_file():
            shutil.copy(src, project / name)
    cfg = config_mod.load(project)
    build_site(cfg)
    return cfg


# The fast tier (`pytest -m "not slow"`) is unit tests and tiny sites: whatever drives a real
# browser joins the slow tier with the tests marked slow by hand.
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()) or item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.slow)
