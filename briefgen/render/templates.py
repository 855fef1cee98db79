"""The one Jinja environment: the project's ``templates/`` over the default theme.

A project overrides the theme file by file (a ``templates/article.html`` of its
own replaces just that page kind). Autoescape is always on: every field from
scraped text is escaped unless code marked it safe after sanitising.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

import jinja2
from markupsafe import Markup, escape

from briefgen.errors import BriefgenError
from briefgen.index.mentions import Snippet
from briefgen.render import dates, routes
from briefgen.render.markdown import markdown_to_html
from briefgen.render.themes import theme_dirs
from briefgen.urls import relative_url


def highlight(snippet: Snippet) -> Markup:
    """A sentence with its mentions in ``<mark>``, every piece escaped."""
    text = snippet.text
    out: list[str] = []  # escaped pieces and tags, joined once (entity pages show ~70,000)
    pos = 0
    for start, end in snippet.marks:
        if start < pos:
            continue
        out += (escape(text[pos:start]), "<mark>", escape(text[start:end]), "</mark>")
        pos = end
    out.append(escape(text[pos:]))
    return Markup("".join(out))


@jinja2.pass_context
def link(ctx: Any, target: str) -> str:
    """Relative URL from the page being rendered to ``target`` (a site URL).

    A link to a folder names its ``index.html`` when the site is meant to open
    from disk (``config.index_links``). The 404 page is served at any missing
    address, so its links are absolute when the site's ``base_url`` is known.
    """
    page, config = ctx["page"], ctx.get("config")
    index = config is not None and config.index_links
    if page.kind == "404" and config is not None and config.base_url:
        base: str = config.base_url
        folder = target == "" or target.endswith("/")
        return base.rstrip("/") + "/" + target + ("index.html" if index and folder else "")
    return relative_url(page.url, target, index)


def safe_url(url: str | None) -> str:
    """An outside URL only if it is http(s) or mailto: autoescape does not stop ``javascript:``."""
    if not url:
        return ""
    scheme = url.split(":", 1)[0].strip().lower() if ":" in url else ""
    return url if scheme in ("http", "https", "mailto") else ""


def render_markdown(text: str | None) -> Markup:
    """Curated descriptions are Markdown: rendered and sanitised like article bodies."""
    return Markup(markdown_to_html(text or ""))


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


class _TextLoader(jinja2.FileSystemLoader):
    """A folder of templates whose unreadable files are errors that name the file."""

    def get_source(self, environment: jinja2.Environment, template: str
                   ) -> tuple[str, str, Callable[[], bool]]:
        try:
            return super().get_source(environment, template)
        except UnicodeDecodeError as exc:
            path = Path(self.searchpath[0]) / template
            raise BriefgenError(f"template is not UTF-8 text (byte {exc.start})", path,
                                hint="save the template as UTF-8") from exc


def make_environment(project_templates: Path, globals_: dict[str, Any] | None = None,
                     environment: type[jinja2.Environment] = jinja2.Environment
                     ) -> jinja2.Environment:
    """The environment; ``environment`` may be a subclass (the build's records template reads)."""
    env = environment(
        loader=jinja2.ChoiceLoader([_TextLoader(str(d))
                                    for d in theme_dirs(project_templates)]),
        autoescape=True, undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    )
    env.filters.update(human=dates.human, short=dates.short, iso=dates.iso,
                       highlight=highlight, plural=plural, safe_url=safe_url,
                       markdown=render_markdown)
    env.globals.update(link=link, urls=routes.Routes, **(globals_ or {}))
    return env
