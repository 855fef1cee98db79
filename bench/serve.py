"""Preview benchmark (issue 6): how long `briefgen serve` takes to show an edit.

    python bench/serve.py                 # the example site and a 10,000-article corpus
    python bench/serve.py --n 1000 --repeat 5

The server rebuilds inside its own long-running process, so this times what
it runs, ``briefgen.preview.server.Preview.rebuild``, in a warm process (no Python
start-up, modules and caches loaded), given the changed path as the file
watcher reports it, after a one-article body edit, a title edit, a
front-matter edit that adds an entity and a template edit. The goal: a
one-article edit shown in ≤ 100 ms at 10,000 articles (Hugo's server needs
3.2–3.8 s on this machine). The corpus is bench/build.py's, cached in
bench/.corpora.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(REPO))

import build as build_bench  # noqa: E402
import corpus  # noqa: E402

from briefgen import config as config_mod  # noqa: E402
from briefgen.preview.server import Preview  # noqa: E402

GOAL_MS = 100.0
SEED = build_bench._parse([]).seed  # the same corpora as bench/build.py


def _example_project(work: Path) -> Path:
    project = work / "example"
    shutil.copytree(REPO / "content", project / "content")
    (project / "briefgen.yaml").write_text("title: Example\nsearch: false\n", encoding="utf-8")
    (project / "templates").mkdir()
    shutil.copyfile(REPO / "templates" / "article.html", project / "templates" / "article.html")
    return project


def _corpus_project(n: int, work: Path, pools: corpus.Pools) -> Path:
    src = build_bench.ensure_corpus(n, SEED, corpus.shared_data_dir(REPO), pools, BENCH / ".corpora")
    side = build_bench._setup_briefgen(src, work / f"n{n}")
    return side.project


def time_edits(project: Path, repeat: int, pools: corpus.Pools) -> dict[str, list[float]]:
    """Milliseconds per rebuild after each kind of edit, in one warm preview."""
    cfg = config_mod.load(project)
    lines: list[str] = []
    preview = Preview(cfg, log=lines.append)
    started = time.perf_counter()
    preview.rebuild()
    first = (time.perf_counter() - started) * 1000
    assert preview.failure is None, preview.failure
    side = build_bench.Side("briefgen", project, cfg.site, [], lambda: None,
                            lambda slug: project / "content" / "articles" / f"{slug}.md",
                            project / "templates" / "article.html")
    slugs = sorted(p.stem for p in (project / "content" / "articles").glob("*.md"))
    edits = {
        "first build (cold)": None,
        "one-article body edit": lambda k, path: build_bench._edit_body(path, k),
        "front-matter edit (title)": lambda k, path: _retitle(path, k),
        "front-matter edit (+entity)": lambda k, path: build_bench._add_entity(side, path, pools, k),
        "template edit": lambda k, path: build_bench._edit_template(side.template, k),
    }
    times: dict[str, list[float]] = {"first build (cold)": [first]}
    for name, edit in edits.items():
        if edit is None:
            continue
        times[name] = []
        for k in range(repeat):
            path = project / "content" / "articles" / f"{slugs[(len(slugs) * (k + 1)) // (repeat + 1)]}.md"
            edit(k, path)
            started = time.perf_counter()
            preview.rebuild([str(path if name != "template edit" else side.template)])
            times[name].append((time.perf_counter() - started) * 1000)
            assert preview.failure is None, preview.failure
    return times


def _retitle(path: Path, k: int) -> None:
    meta, body = corpus.from_markdown(path.read_text(encoding="utf-8"))
    meta["title"] = f"{meta['title']} (updated {k + 1})"
    path.write_text(corpus.to_markdown(meta, body), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=10_000, help="generated corpus size (0: example site only)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    pools = corpus.load_pools(corpus.shared_data_dir(REPO), SEED)
    rows: list[tuple[str, dict[str, list[float]]]] = []
    with tempfile.TemporaryDirectory(prefix="briefgen-serve-bench-") as tmp:
        work = Path(tmp)
        rows.append(("example site (38 articles)", time_edits(_example_project(work), args.repeat, pools)))
        if args.n:
            rows.append((f"generated, {args.n:,} articles", time_edits(_corpus_project(args.n, work, pools),
                                                                        args.repeat, pools)))
    print("\n| site | first build | body edit | front-matter edit (title) |"
          " front-matter edit (+entity) | template edit |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, times in rows:
        cells = [f"{statistics.median(v):,.0f} ms" for v in times.values()]
        print(f"| {name} | " + " | ".join(cells) + " |")
    print(f"\ngoal: one-article edit ≤ {GOAL_MS:.0f} ms on the largest site:")
    for name in ("one-article body edit", "front-matter edit (title)", "front-matter edit (+entity)"):
        ms = statistics.median(rows[-1][1][name])
        print(f"  {name}: {ms:,.0f} ms ({'met' if ms <= GOAL_MS else 'not met'})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
