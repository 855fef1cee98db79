"""Retake the README's screenshots from the example site (content/ built into a temp folder).

Run: python docs/screenshots/take.py   (needs Playwright and Debian's Chromium at /usr/bin/chromium)
Writes home.png, article.png, entity.png and story.png (the example site's largest story) here,
1280 px wide, the first screenful of each page.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

from briefgen import config as config_mod
from briefgen.build import build_site, prepare

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
SEED = "kim-jong-un-orders-increased-missile-production-ahead-of-us-s-korea-drills"
PAGES = {"home": "", "article": f"articles/{SEED}/", "entity": "entities/kim-jong-un/"}
VIEWPORT = {"width": 1280, "height": 1000}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "project"
        shutil.copytree(REPO / "content", project / "content")
        if (REPO / "briefgen.yaml").is_file():
            shutil.copy(REPO / "briefgen.yaml", project / "briefgen.yaml")
        cfg = config_mod.load(project)
        build_site(cfg)
        stories = prepare(cfg).site.stories.stories.values()
        largest = max(stories, key=lambda s: len(s.articles))  # the most recently moved on a tie
        pages = {**PAGES, "story": f"stories/{largest.slug}/"}
        handler = functools.partial(_Quiet, directory=str(cfg.site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                            args=["--no-sandbox", "--disable-gpu"])
                page = browser.new_page(viewport=VIEWPORT)
                for name, url in pages.items():
                    page.goto(base + url)
                    page.wait_for_load_state("networkidle")
                    page.screenshot(path=str(HERE / f"{name}.png"))
                    print(HERE / f"{name}.png")
                browser.close()
        finally:
            server.shutdown()


if __name__ == "__main__":
    main()
