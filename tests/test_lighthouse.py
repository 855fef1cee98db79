"""Lighthouse on the example site as a phone sees it: home, an article and an entity page.

Lighthouse 12.2.3 comes from npm (``npm ci --prefix tests/node``) and drives
Debian's Chromium (``CHROME_PATH``) against the site served by a loopback
HTTP server, with host resolution pinned to 127.0.0.1 so nothing reaches the
internet. The bar is the same on every page kind: performance at least 95,
accessibility, best practices and SEO 100 (a page whose performance falls
short is run twice more and judged by its median run, as Lighthouse advises
for its run-to-run variance). Each full report lands in
``test-artifacts/lighthouse-<kind>.json`` and the scores in
``test-artifacts/lighthouse.txt``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from browser_fixtures import ARTIFACTS, CHROMIUM, REPO

pytestmark = pytest.mark.slow

LIGHTHOUSE = REPO / "tests" / "node" / "node_modules" / "lighthouse" / "cli" / "index.js"
SEED = "kim-jong-un-orders-increased-missile-production-ahead-of-us-s-korea-drills"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
FLOOR = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
# Headless Chromium as the brief asks, plus nothing that phones home: background services off
# and every host name but the loopback one unresolvable.
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-default-apps --disable-sync "
                "--no-first-run --metrics-recording-only --no-pings "
                "--host-resolver-rules='MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'")


def _missing(what: str) -> None:
    """Skip on a developer's machine; in CI (or with BRIEFGEN_REQUIRE_AXE) fail instead."""
    if os.environ.get("BRIEFGEN_REQUIRE_AXE") or os.environ.get("CI") == "true":
        pytest.fail(f"{what} is not installed: run `npm ci --prefix tests/node`", pytrace=False)
    pytest.skip(f"{what} is not installed (npm ci --prefix tests/node)", allow_module_level=True)


NODE = shutil.which("node")
if NODE is None:
    _missing("Node.js (for Lighthouse)")
if not LIGHTHOUSE.is_file():
    _missing("Lighthouse")
if not CHROMIUM.exists():
    _missing("Chromium at /usr/bin/chromium")


def lighthouse(url: str, report: Path) -> dict[str, Any]:
    """One mobile Lighthouse run over ``url``; the parsed JSON report (also kept at ``report``)."""
    assert NODE is not None
    command = [NODE, str(LIGHTHOUSE), url, "--quiet", "--no-enable-error-reporting",
               "--form-factor=mobile", f"--only-categories={','.join(CATEGORIES)}",
               f"--chrome-flags={CHROME_FLAGS}", "--output=json", f"--output-path={report}"]
    env = {**os.environ, "CHROME_PATH": str(CHROMIUM)}
    done = subprocess.run(command, capture_output=True, text=True, timeout=240, env=env,
                          check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    result: dict[str, Any] = json.loads(report.read_text(encoding="utf-8"))
    assert not result.get("runtimeError"), result.get("runtimeError")
    return result


def scores(result: dict[str, Any]) -> dict[str, int]:
    return {c: round(100 * (result["categories"][c]["score"] or 0)) for c in CATEGORIES}


def shortfalls(result: dict[str, Any]) -> list[str]:
    """The audits that cost points, to say in a failure what to fix."""
    out = []
    for category in result["categories"].values():
        for ref in category["auditRefs"]:
            audit = result["audits"][ref["id"]]
            if ref.get("weight") and audit["score"] is not None and audit["score"] < 1:
                out.append(f"{category['id']}: {ref['id']} {audit['score']} "
                           f"{audit.get('displayValue', '')}".rstrip())
    return out


def test_lighthouse_mobile_scores(example_site, serve):
    _audit(example_site.site, serve, "")


def test_lighthouse_mobile_scores_on_a_new_project(tmp_path, serve):
    """The same bar for a site made by `briefgen init` with a few articles of its own."""
    from briefgen import config as config_mod
    from briefgen.build import build_site
    from briefgen.commands.init import init_project

    from conftest import TINY_ARTICLES

    project = init_project(tmp_path / "desk")
    for slug, text in TINY_ARTICLES.items():
        (project / "content" / "articles" / f"{slug}.md").write_text(text, encoding="utf-8")
    cfg = config_mod.load(project)
    build_site(cfg)
    _audit(cfg.site, serve, "init-")


def _audit(site: Path, serve: Any, label: str) -> None:
    """Home, an article and an entity page of ``site`` at the bar, nothing loaded from outside."""
    base = serve(site)
    seed = next(iter(sorted((site / "articles").glob(f"{SEED}*"))), None) \
        or sorted(p for p in (site / "articles").iterdir() if p.is_dir())[0]
    entity = "kim-jong-un" if (site / "entities" / "kim-jong-un").is_dir() else \
        sorted(p.name for p in (site / "entities").iterdir() if (p / "index.html").is_file()
               and p.name not in ("a-z", "types"))[0]
    kinds = {"home": "", "article": f"articles/{seed.name}/index.html",
             "entity": f"entities/{entity}/index.html"}
    ARTIFACTS.mkdir(exist_ok=True)
    lines, problems = [], []
    for kind, path in kinds.items():
        assert (site / (path or "index.html")).is_file(), path
        started = time.perf_counter()
        runs = [lighthouse(base + path, ARTIFACTS / f"lighthouse-{label}{kind}.json")]
        # Performance is timed on a shared machine, so a busy moment can cost it points:
        # as Lighthouse advises for its variance, a page below the bar is run twice more and
        # judged by its median run (the other categories do not vary from run to run).
        while scores(runs[0])["performance"] < FLOOR["performance"] and len(runs) < 3:
            runs.append(lighthouse(base + path,
                                   ARTIFACTS / f"lighthouse-{label}{kind}-{len(runs)}.json"))
        result = sorted(runs, key=lambda r: scores(r)["performance"])[len(runs) // 2]
        got = scores(result)
        if len(runs) > 1:
            got_all = [scores(r)["performance"] for r in runs]
            lines.append(f"{kind}: performance over {len(runs)} runs {got_all}, median taken")
        metrics = {m: result["audits"][m].get("displayValue", "")
                   for m in ("first-contentful-paint", "largest-contentful-paint",
                             "total-blocking-time", "cumulative-layout-shift", "speed-index")}
        lines.append(f"{kind}: {got} {metrics} ({time.perf_counter() - started:.1f} s)")
        low = {c: s for c, s in got.items() if s < FLOOR[c]}
        if low:
            problems.append(f"{kind} {low}: " + "; ".join(shortfalls(result)))
        # nothing the page asked for came from outside the loopback server
        requests = result["audits"]["network-requests"]["details"]["items"]
        outside = [r["url"] for r in requests if not r["url"].startswith((base, "data:"))]
        if outside:
            problems.append(f"{kind} loads from outside the site: {outside}")
    (ARTIFACTS / f"lighthouse-{label or 'example-'}scores.txt").write_text("\n".join(lines) + "\n",
                                                                      encoding="utf-8")
    print("\n".join(lines))
    assert problems == [], "\n".join(problems + lines)
