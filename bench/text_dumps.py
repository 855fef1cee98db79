"""Select-all copies of saved HTML pages, made the way ``../shared/data/extraction/text`` was made.

Each page is opened in Debian's Chromium with JavaScript off and the network
blocked, and ``document.body.innerText`` is saved: what a person gets with
select-all + copy. This turns every HTML dataset of ``../shared/data``
(trafilatura-eval, extraction-modern) into a text-dump dataset too, so the
text reader is measured on pages it was never tuned on. The pages belong to
their publishers: the dumps go to a folder outside the repository.

    python bench/text_dumps.py OUT_DIR [--dataset trafilatura-eval|extraction-modern ...]
"""

from __future__ import annotations

import argparse
import gzip
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from quality import DATA  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
DATASETS = ("trafilatura-eval", "extraction-modern")


def dump(pages: list[Path], out: Path) -> int:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    done = 0
    with sync_playwright() as p, tempfile.TemporaryDirectory() as tmp:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                   else route.abort())
        for source in pages:
            target = out / (source.name[:-len(".html.gz")] + ".txt")
            if target.exists():
                continue
            html = Path(tmp) / "page.html"
            html.write_bytes(gzip.decompress(source.read_bytes()))
            try:
                page.goto(html.as_uri(), wait_until="domcontentloaded", timeout=20000)
                text = page.evaluate("document.body ? document.body.innerText : ''")
            except Exception as exc:  # a page Chromium cannot open: no dump, say so
                print(f"{source.name}: {exc}", file=sys.stderr)
                continue
            target.write_text(text, encoding="utf-8")
            done += 1
        browser.close()
    return done


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--dataset", choices=DATASETS, action="append")
    args = parser.parse_args(argv)
    for name in args.dataset or DATASETS:
        pages = sorted((DATA / name / "html").glob("*.html.gz"))
        print(f"{name}: {dump(pages, args.out / name)} new dumps of {len(pages)} pages")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
