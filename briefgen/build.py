"""The build orchestrator: content/ → index → page plan → render → staged write → swap.

Like MkDocs' build, everything is read and indexed before anything is written,
because an entity page needs every article. Any content error stops the build
before the staging folder is swapped in, naming the file and line; the
previous ``site/`` stays as it was.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import jinja2

from briefgen.config import Config
from briefgen.content import Content, load_content
from briefgen.entities.resolve import resolve_entities
from briefgen.errors import BriefgenError
from briefgen.index.site import Site, build_index
from briefgen.model import EntityResolution
from briefgen.output import StagedSite
from briefgen.render import routes
from briefgen.render.markdown import markdown_to_html, text_blocks
from briefgen.render.pages import render_page
from briefgen.render.plan import SitePage, plan_pages
from briefgen.render.templates import make_environment, theme_dirs


class BuildFailed(BriefgenError):
    """Several content errors at once; ``str()`` lists every one on its own line."""

    def __init__(self, errors: tuple[BriefgenError, ...]) -> None:
        first = errors[0]
        super().__init__(first.message, first.path, first.line, first.hint)
        self.errors = errors

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)


@dataclass(frozen=True)
class Prepared:
    """Everything known before rendering: shared by ``build`` and ``check``."""

    content: Content
    resolution: EntityResolution
    site: Site
    pages: tuple[SitePage, ...]


@dataclass(frozen=True)
class BuildReport:
    site_dir: Path
    articles: int
    entities: int
    topics: int
    pages: int  # files written from the plan (HTML, feeds, sitemap, robots)
    search_indexed: bool
    seconds: float
    warnings: tuple[str, ...] = ()

    def summary(self) -> str:
        """One line for the CLI, then one line per warning."""
        search = "search indexed" if self.search_indexed else "no search index"
        lines = [f"built {self.articles} articles, {self.entities} entities, {self.topics} topics"
                 f" → {self.pages} files in {self.site_dir} ({self.seconds:.2f} s, {search})"]
        lines += [f"warning: {w}" for w in self.warnings]
        return "\n".join(lines)


def prepare(config: Config) -> Prepared:
    """Load, resolve, index and plan; raises :class:`BuildFailed` on any content error."""
    content = load_content(config.content)
    if content.errors:
        raise BuildFailed(content.errors)
    resolution = resolve_entities(content.articles, content.curated, config.entities)
    bodies: dict[str, str] = {}
    blocks: dict[str, tuple[str, ...]] = {}
    for article in content.articles:
        try:
            bodies[article.slug] = markdown_to_html(article.body)
        except Exception as exc:  # a renderer bug on one body must name the file
            raise BriefgenError(f"could not render the Markdown body: {exc}", article.path
                                ) from exc
        blocks[article.slug] = text_blocks(bodies[article.slug])
    site = build_index(content.articles, resolution, bodies, blocks)
    pages = plan_pages(site, config.per_page, config.feed_items)
    return Prepared(content, resolution, site, tuple(pages))


def search_available(config: Config) -> bool:
    return config.search and importlib.util.find_spec("pagefind") is not None


def build_site(config: Config, *, strict: bool = False) -> BuildReport:
    started = time.perf_counter()
    warnings = list(config.warnings)
    prepared = prepare(config)
    warnings += prepared.content.warnings
    search = search_available(config)
    if config.search and not search:
        warnings.append("search: Pagefind is not installed (pip install 'pagefind[bin]'); "
                        "the site is built without a search box")
    if strict and warnings:
        raise BriefgenError("strict build stopped on warnings:\n  " + "\n  ".join(warnings),
                            config.project / "briefgen.yaml")
    env = make_environment(config.templates, {"site_title": config.title,
                                              "site_description": config.description,
                                              "language": config.language})
    site_dir = config.site
    with StagedSite(site_dir) as out:
        for page in prepared.pages:
            out.write(routes.output_path(page.url), _render(env, page, prepared.site, config,
                                                            search), page.url or "home")
        for theme in reversed(theme_dirs(config.templates)):  # project static over theme's
            if (theme / "static").is_dir():
                out.copy_tree(theme / "static", "static")
        indexed = False
        if search:
            indexed = _run_pagefind(out.staging, warnings)
            if not indexed and strict:
                raise BriefgenError("strict build stopped: Pagefind failed", site_dir)
        out.commit()
    return BuildReport(site_dir=site_dir, articles=len(prepared.site.articles),
                       entities=len(prepared.site.entities), topics=len(prepared.site.topics),
                       pages=len(prepared.pages), search_indexed=indexed,
                       seconds=round(time.perf_counter() - started, 3),
                       warnings=tuple(warnings))


def _render(env: jinja2.Environment, page: SitePage, site: Site, config: Config,
            search: bool) -> bytes:
    """Render one page; template mistakes name the template file and line."""
    try:
        return render_page(env, page, site, config, search)
    except jinja2.TemplateSyntaxError as exc:
        raise BriefgenError(f"template error: {exc.message}", exc.filename or exc.name,
                            exc.lineno, "fix the template syntax") from exc
    except jinja2.TemplateError as exc:
        line = _template_line(exc)
        raise BriefgenError(f"template error while rendering {page.url or 'home'}: {exc}",
                            line[0] if line else page.template, line[1] if line else None,
                            "check the variable names the template uses") from exc


def _template_line(exc: BaseException) -> tuple[str, int] | None:
    tb = exc.__traceback__
    found = None
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.endswith((".html", ".xml")):
            found = (name, tb.tb_lineno)
        tb = tb.tb_next
    return found


def _run_pagefind(staging: Path, warnings: list[str]) -> bool:
    """Index the staged site; a failure is a warning, the site still works without search."""
    try:
        done = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(staging)],
                              capture_output=True, text=True, timeout=600, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        warnings.append(f"search: Pagefind did not run: {exc}")
        return False
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
        warnings.append("search: Pagefind failed: " + " / ".join(tail))
        return False
    return True
