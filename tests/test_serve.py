"""`briefgen serve` as a person uses it: a real server on loopback, a real browser, real edits."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Iterator

import pytest

REPO = Path(__file__).resolve().parents[1]
KIM = "kim-jong-un-orders-increased-missile-production-ahead-of-us-s-korea-drills"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, ""


class Preview:
    def __init__(self, project: Path, port: int, proc: subprocess.Popen) -> None:
        self.project, self.port, self.proc = project, port, proc
        self.url = f"http://127.0.0.1:{port}/"

    def wait_until(self, predicate, timeout: float = 15.0) -> float:
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            if predicate():
                return time.monotonic() - started
            time.sleep(0.1)
        raise AssertionError(f"timed out after {timeout} s; server output:\n{self.output()}")

    def output(self) -> str:
        return (self.project / "serve.log").read_text(encoding="utf-8", errors="replace")


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[Preview]:
    """A small real project (three example articles) served by `briefgen serve` on a free port."""
    project = tmp_path / "brief"
    (project / "content" / "articles").mkdir(parents=True)
    (project / "seeds").mkdir()
    articles = sorted((REPO / "content" / "articles").glob("*.md"))
    keep = [p for p in articles if p.stem == KIM] + [p for p in articles if "kim-jong-nam" in p.stem][:2]
    for path in keep:
        shutil.copy(path, project / "content" / "articles")
    (project / "briefgen.yaml").write_text("title: Preview test\n", encoding="utf-8")
    port = _free_port()
    log = open(project / "serve.log", "w", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "briefgen", "serve", "--project", str(project),
                             "--port", str(port)], stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)
    server = Preview(project, port, proc)
    try:
        server.wait_until(lambda: _get(server.url)[0] == 200 if proc.poll() is None else True, 60)
        assert proc.poll() is None, server.output()
        yield server
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGINT)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
        log.close()


def test_serves_on_loopback_only_and_refuses_traversal(preview):
    out = subprocess.run(["ss", "-ltnH"], capture_output=True, text=True).stdout if shutil.which("ss") else ""
    if out:
        listening = [line for line in out.splitlines() if f":{preview.port} " in line]
        assert listening and all("127.0.0.1:" in line for line in listening), listening
    secret = preview.project / "secret.txt"
    secret.write_text("do not serve", encoding="utf-8")
    for attack in ("../secret.txt", "%2e%2e/secret.txt", "..%2fsecret.txt", "articles/../../secret.txt"):
        with socket.create_connection(("127.0.0.1", preview.port)) as s:  # raw, so nothing normalises the path
            s.sendall(f"GET /{attack} HTTP/1.0\r\nHost: x\r\n\r\n".encode())
            response = b""
            while chunk := s.recv(65536):
                response += chunk
        assert b"do not serve" not in response, attack
    status, body = _get(preview.url + f"articles/{KIM}/")
    assert status == 200 and "Kim Jong Un orders" in body
    assert "livereload.js" in body  # the reload script is injected
    status, _ = _get(preview.url + f"articles/{KIM}")
    assert status == 200  # redirected to the folder URL
    for absurd in ("a/" * 3000, "b" * 5000, "%00/x", "articles/" + "%2e" * 300):
        with socket.create_connection(("127.0.0.1", preview.port)) as s:
            s.sendall(f"GET /{absurd} HTTP/1.0\r\nHost: x\r\n\r\n".encode())
            head = s.recv(64)
        assert head.startswith(b"HTTP/1.1 404") or head.startswith(b"HTTP/1.0 404"), (absurd[:20], head)


def test_ctrl_c_stops_cleanly(preview):
    os.killpg(preview.proc.pid, signal.SIGINT)
    try:
        code = preview.proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        raise AssertionError(f"still running 10 s after Ctrl-C; server output:\n{preview.output()}"
                             ) from None
    assert code == 0, preview.output()
    assert "stopped" in preview.output()


@pytest.mark.browser
def test_edits_reload_the_open_page_and_errors_show_in_the_browser(preview, browser):
    article = preview.project / "content" / "articles" / f"{KIM}.md"
    template_dir = preview.project / "templates"
    template_dir.mkdir(exist_ok=True)
    page = browser.new_page()
    page.goto(preview.url + f"articles/{KIM}/")
    page.wait_for_function("() => window.LiveReload !== undefined", timeout=10_000)
    assert "Kim Jong Un orders" in page.locator("h1").inner_text()

    # 1. a title edit: the open page reloads by itself with the new title within 2 s
    text = article.read_text(encoding="utf-8")
    started = time.monotonic()
    article.write_text(text.replace("title: Kim Jong Un orders increased missile production",
                                    "title: Kim Jong Un orders even more missiles", 1), encoding="utf-8")
    page.wait_for_function("() => document.querySelector('h1').innerText.includes('even more missiles')",
                           timeout=10_000)
    took = time.monotonic() - started
    assert took <= 2.0, f"reload took {took:.2f} s"

    # 2. a broken template: the browser shows the error page naming file and line
    base = (REPO / "templates" / "base.html").read_text(encoding="utf-8")
    broken = base.replace("</head>", "{% if %}\n</head>", 1)
    (template_dir / "base.html").write_text(broken, encoding="utf-8")
    page.wait_for_selector("#error-location", timeout=10_000)
    where = page.locator("#error-location").inner_text()
    assert "base.html" in where and "line" in where, where
    line = broken[:broken.index("{% if %}")].count("\n") + 1
    assert f"line {line}" in where, (where, line)
    assert (preview.project / "site" / "articles" / KIM / "index.html").exists()  # last good site kept

    # 3. fixed: the site is back by itself
    (template_dir / "base.html").unlink()
    page.wait_for_selector("h1:has-text('even more missiles')", timeout=10_000)

    # 4. a raw article dropped into seeds/ is ingested and appears on the home page
    page.goto(preview.url)
    page.wait_for_function("() => window.LiveReload !== undefined", timeout=10_000)
    shutil.copy(REPO / "seeds" / "GUM_news_korea.txt", preview.project / "seeds" / "quasi war.txt")
    page.wait_for_selector("text=North Korea puts military in 'quasi-state of war'", timeout=15_000)
    assert "ingest: new" in preview.output()
    page.close()
