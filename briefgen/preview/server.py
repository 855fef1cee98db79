"""``briefgen serve``: live preview that rebuilds on every save and never shows a broken site.

The server is livereload's (it injects the reload script and pushes reloads
over a websocket); what it serves is our own small WSGI app, so that after a
failed build the browser gets an error page naming the file and line instead
of the site, while the last good ``site/`` stays on disk untouched. The next
good save brings the site back by itself.
"""

from __future__ import annotations

import html
import logging
import mimetypes
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable
from urllib.parse import unquote
from wsgiref.types import StartResponse, WSGIEnvironment

from briefgen.config import Config
from briefgen.errors import BriefgenError
from briefgen.urls import contains, inside
from briefgen.build.warm import LiveSite
from briefgen.preview.watch import ChangeWatcher

Log = Callable[[str], None]


@dataclass(frozen=True)
class Failure:
    """Why the last rebuild failed, as shown in the browser."""

    message: str
    path: str | None = None
    line: int | None = None

    @classmethod
    def from_exception(cls, exc: BaseException) -> "Failure":
        if isinstance(exc, BriefgenError):
            return cls(message=exc.message + (f" ({exc.hint})" if exc.hint else ""),
                       path=str(exc.path) if exc.path else None, line=exc.line)
        return cls(message=f"{type(exc).__name__}: {exc}")


ERROR_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Build failed · briefgen</title>
<style>body{{font:16px/1.5 system-ui,sans-serif;margin:3rem auto;max-width:50rem;padding:0 1rem;
color:#1a1a1a;background:#fff6f5}}h1{{color:#a4130a}}pre{{white-space:pre-wrap;background:#fff;
border:1px solid #e8b4ae;padding:1rem;border-radius:6px}}
@media (prefers-color-scheme:dark){{body{{color:#eee;background:#2a1512}}pre{{background:#1a0d0b}}}}</style>
</head><body><main><h1>Build failed</h1>
<p class="where" id="error-location">{where}</p>
<pre id="error-message">{message}</pre>
<p>The last good site is kept. Fix the file and save: this page reloads by itself.</p></main></body></html>
"""


class Preview:
    """The state of a preview session: the project, the last failure, and the rebuild step."""

    def __init__(self, cfg: Config, log: Log = print) -> None:
        self.cfg = cfg
        self.log = log
        self.failure: Failure | None = None
        self._lock = threading.Lock()
        self.live = LiveSite(cfg, log=log)

    def rebuild(self, changed: Iterable[str] | None = None) -> None:
        """Ingest new raw files, rebuild the site, remember a failure instead of raising.

        ``changed``: every path the watcher saw change (``None``: unknown, look at everything).
        """
        with self._lock:
            started = time.perf_counter()
            try:
                hints = list(changed) if changed is not None else None
                seeds = self.cfg.seeds.resolve()
                raw = [Path(p) for p in hints or () if seeds in Path(p).resolve().parents]
                if raw:
                    from briefgen.ingest.pipeline import ingest

                    existing = [p for p in raw if p.exists()]
                    ingested = ingest(existing, self.cfg.content, self.cfg.project,
                                      lock_dir=self.cfg.cache, jobs=1)
                    for outcome in ingested.outcomes:
                        self.log(f"ingest: {outcome.status} {outcome.raw_path.name}"
                                 + (f" ({outcome.message})" if outcome.message else ""))
                    hints = None  # ingest wrote content files the watcher has not reported yet
                report = self.live.rebuild(hints)
                self.cfg = self.live.config  # briefgen.yaml may have changed
            except Exception as exc:  # noqa: BLE001 - a preview must survive any failure
                self.failure = Failure.from_exception(exc)
                where = f"{self.failure.path}:{self.failure.line or ''} " if self.failure.path else ""
                self.log(f"build failed: {where}{self.failure.message}")
                return
            self.failure = None
            ms = (time.perf_counter() - started) * 1000
            self.log(f"rebuilt in {ms:.0f} ms: {report.summary()}")

    def error_page(self) -> bytes:
        failure = self.failure
        assert failure is not None
        where = "in " + html.escape(failure.path) if failure.path else "during the build"
        if failure.path and failure.line:
            where += f", line {failure.line}"
        return ERROR_PAGE.format(where=where, message=html.escape(failure.message)).encode("utf-8")

    def resolve(self, url_path: str) -> Path | None:
        """The file or folder under ``site/`` a URL names; ``None`` for anything outside it."""
        site = self.cfg.site.resolve()
        relative = unquote(url_path).lstrip("/")
        try:
            parts = inside(relative).parts if relative.strip("/.") else ()
            target = site.joinpath(*parts).resolve()
        except (BriefgenError, OSError, ValueError):
            return None
        if not contains(site, target):
            return None
        try:
            return target if target.exists() else None
        except (OSError, ValueError):  # a name too long for the file system: no such page
            return None

    def wsgi(self, environ: WSGIEnvironment, start_response: StartResponse) -> list[bytes]:
        path = environ.get("PATH_INFO", "/") or "/"
        if self.failure is not None and (path.endswith("/") or path.endswith(".html")):
            start_response("500 Build Failed", [("Content-Type", "text/html; charset=utf-8"),
                                                ("Cache-Control", "no-store")])
            return [self.error_page()]
        target = self.resolve(path)
        if target is not None and target.is_dir():
            if not path.endswith("/"):  # relative links need the folder's slash
                start_response("301 Moved Permanently", [("Location", path + "/")])
                return [b""]
            target = target / "index.html"
        if target is None or not target.is_file():
            not_found = self.resolve("/404.html")
            body = not_found.read_bytes() if not_found else b"<!doctype html><title>Not found</title><h1>Not found</h1>"
            start_response("404 Not Found", [("Content-Type", "text/html; charset=utf-8")])
            return [body]
        ctype = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if ctype.startswith("text/") or ctype in ("application/javascript", "application/json",
                                                  "application/xml", "image/svg+xml"):
            ctype += "; charset=utf-8"
        start_response("200 OK", [("Content-Type", ctype), ("Cache-Control", "no-store")])
        return [target.read_bytes()]


def watched_paths(cfg: Config) -> list[Path]:
    return [cfg.content, cfg.templates, cfg.seeds, cfg.project / "briefgen.yaml"]


def serve(cfg: Config, host: str = "127.0.0.1", port: int = 8000, open_browser: bool = False,
          log: Log = print) -> None:
    """Build once, serve ``site/``, rebuild and reload on every change; Ctrl-C stops."""
    from livereload import Server
    from livereload.handlers import LiveReloadHandler

    class QuietServer(Server):  # type: ignore[misc]  # livereload has no type hints: Server is Any
        """livereload's server without its per-request log; we print one line per rebuild."""

        def _setup_logging(self) -> None:
            logging.getLogger("livereload").setLevel(logging.WARNING)
            logging.getLogger("tornado.access").setLevel(logging.CRITICAL)

    preview = Preview(cfg, log)
    preview.rebuild()
    LiveReloadHandler.DEFAULT_RELOAD_TIME = 0  # every save reloads, not one per 3 s
    site = cfg.site.resolve()

    def ignore(path: str) -> bool:
        resolved = Path(path).resolve()
        return (contains(site, resolved) or Path(path).name.startswith(".")
                or path.endswith((".tmp", "~", ".swp")))

    roots = watched_paths(cfg)
    for watched in roots:
        watched.mkdir(parents=True, exist_ok=True) if watched.suffix == "" else None
    watcher = ChangeWatcher(roots, preview.rebuild, ignore)
    server = QuietServer(app=preview.wsgi, watcher=watcher)
    for watched in roots:  # livereload starts its watcher only once something is watched
        server.watch(str(watched), None, ignore=ignore)
    log(f"serving {site} on http://{host}:{port}/ (Ctrl-C to stop)")
    if host not in ("127.0.0.1", "localhost", "::1"):
        log(f"warning: listening on {host}: other machines on the network can see the preview")
    try:
        server.serve(host=host, port=port, open_url_delay=1 if open_browser else None,
                     debug=False, restart_delay=0)
    finally:
        watcher.stop()


def main_serve(cfg: Config, host: str, port: int, open_browser: bool) -> int:
    try:
        serve(cfg, host, port, open_browser, log=lambda m: print(m, flush=True))
    except KeyboardInterrupt:
        pass
    except OSError as exc:
        print(f"error: cannot listen on {host}:{port}: {exc.strerror}", file=sys.stderr)
        return 1
    print("stopped", flush=True)
    return 0
