"""Fixtures for tests that drive Debian's Chromium through Playwright.

Registered for every test by ``pytest_plugins`` in conftest.py; a test asks for
``serve``, ``browser`` or ``page`` by name and imports the helpers.
Without Playwright or Chromium the ``browser`` fixture skips the tests that
use it, so a plain ``pytest`` run on a machine without them still passes the
rest. Screenshots go to ``test-artifacts/`` (git-ignored).
"""

from __future__ import annotations

import functools
import os
import http.server
import threading
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = REPO / "test-artifacts"
AXE = REPO / "tests" / "node" / "node_modules" / "axe-core" / "axe.min.js"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--no-first-run", "--disable-sync"]

class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def serve() -> Iterator[Callable[[Path], str]]:
    """``serve(folder)`` → base URL of a local HTTP server for that folder."""
    servers = []

    def start(site: Path) -> str:
        handler = functools.partial(_Quiet, directory=str(site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def _missing(what: str) -> None:
    """Skip on a developer's machine without a browser; in CI a missing browser is a failure."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI needs {what} (.ci/run installs it)")
    pytest.skip(f"no {what}")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        import playwright.sync_api as playwright_api
    except ImportError:
        _missing("Playwright (pip install -e '.[test]')")
    if not CHROMIUM.exists():
        _missing("Chromium at /usr/bin/chromium (apt-get install chromium)")
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield b
        b.close()


def watch(pg: Any) -> Any:
    """Collect console errors and uncaught exceptions of every page visited in ``pg.errors``."""
    pg.errors = []
    pg.on("console", lambda m: pg.errors.append(f"{pg.url}: {m.text}")
          if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.errors.append(f"{pg.url}: {e}"))
    return pg


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield watch(context.new_page())
    context.close()


def shot(pg: Any, name: str, full_page: bool = True) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    pg.screenshot(path=str(path), full_page=full_page)
    return path


def open_search(pg: Any) -> Any:
    """Pagefind's search field, loaded as a reader loads it: by focusing the field standing in."""
    box = pg.locator(".pagefind-ui__search-input")
    if not box.count():
        pg.locator("#search .search-start").click(timeout=10_000)
    box.wait_for(timeout=10_000)
    return box


def search_for(pg: Any, query: str, title: str) -> Any:
    """Type ``query`` into the Pagefind box; the first result link titled ``title``."""
    box = open_search(pg)
    box.fill(query)
    result = pg.locator(".pagefind-ui__result-link", has_text=title).first
    result.wait_for(timeout=10_000)
    return result
