"""Topics and quotes at scale (issue #16): filing coverage, build cost, ingest cost.

    python bench/topics_quotes.py [--n 10000] [--part topics,index,build,ingest] [--repeat 1]

- **topics**: on the generated corpus (bench/corpus.py), how many articles land in no topic,
  with the topics their sources list and with those taken away (the definitions alone).
- **index**: the build's reading and indexing alone (``gather``, in process, CPU seconds), the
  same three ways as below: where topics and quotes cost anything, without the rendering.
- **build**: cold builds of that corpus through the CLI (``search: false``), three ways:
  *without* (no default topics, ``quotes: []`` in every file: what a build cost before
  #16), *quotes found at build* (content ingested before quotes existed, no ``quotes:``
  key) and *quotes read from front matter* (what ingest now writes). CPU seconds of the
  build and its workers, and wall seconds; the issue's bound is +10 %.
- **ingest**: ingest's per-page work (``ingest.pipeline.prepare``: read, extract, names,
  the content record with its quotes) on the 91 saved HTML pages of
  ``../shared/data/extraction``, in pages per CPU-second, and the share of it the quotes take.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(REPO))

import corpus  # noqa: E402
import measure  # noqa: E402
from build import ensure_corpus  # noqa: E402

CONFIG = "title: Bench\nbase_url: https://bench.example/\nsearch: false\n"
# the CLI's build, without the 10 s bound per page: on a loaded shared machine a big page of
# another kind (stories) can pass it, which says nothing about topics or quotes
_BUILD = ("import sys; import briefgen.build.deadline as d; d.SECONDS = 1e6; "
          "from briefgen.cli import main; sys.exit(main(['build', '--project', sys.argv[1]]))")


def _project(src: Path, work: Path, name: str, config: str, quotes: str) -> Path:
    """A copy of the corpus as a project; ``quotes``: "none" (``quotes: []``), "absent", "ingest"."""
    from briefgen import frontmatter
    from briefgen.ingest.quotes import quote_items
    from briefgen.model import Entity

    project = work / name
    shutil.rmtree(project, ignore_errors=True)
    shutil.copytree(src / "briefgen", project)
    (project / "briefgen.yaml").write_text(config, encoding="utf-8")
    if quotes != "absent":
        for path in (project / "content" / "articles").glob("*.md"):
            meta, body = corpus.from_markdown(path.read_text(encoding="utf-8"))
            if quotes == "none":
                meta["quotes"] = []
            else:
                entities = [Entity(e["name"], e.get("type", "organization"), tuple(e.get("aliases", ())))
                            for e in meta.get("entities", ())]
                meta["quotes"] = quote_items(body, entities)
            path.write_text(frontmatter.dump(meta, body), encoding="utf-8")
    return project


def part_topics(src: Path, work: Path) -> None:
    from briefgen import config as config_mod
    from briefgen.build import prepare

    for label, strip in (("topics listed by the sources kept", False),
                         ("source topics removed (definitions alone)", True)):
        project = _project(src, work, "topics", CONFIG, "none")
        if strip:
            for path in (project / "content" / "articles").glob("*.md"):
                meta, body = corpus.from_markdown(path.read_text(encoding="utf-8"))
                meta.pop("topics", None)
                path.write_text(corpus.to_markdown(meta, body), encoding="utf-8")
        site = prepare(config_mod.load(project)).site
        print(f"topics, {label}: {len(site.order)} articles, {len(site.unfiled)} in no topic")


def part_build(src: Path, work: Path, repeat: int) -> None:
    variants = (("without (no default topics, quotes: [])",
                 CONFIG + "topics: {defaults: false}\n", "none"),
                ("topics + quotes read from front matter", CONFIG, "ingest"),
                ("topics + quotes found at build", CONFIG, "absent"))
    base: float | None = None
    for label, config, quotes in variants:
        project = _project(src, work, "build", config, quotes)
        cpu, wall = [], []
        for _ in range(repeat):
            for name in ("site", ".briefgen-cache"):
                shutil.rmtree(project / name, ignore_errors=True)
            run = measure.run_timed([sys.executable, "-c", _BUILD, str(project)])
            if run.returncode:
                sys.exit(f"build failed: {run.stderr}")
            cpu.append(run.cpu_seconds)
            wall.append(run.seconds)
        c, w = statistics.median(cpu), statistics.median(wall)
        base = base or c
        print(f"build, {label}: CPU {c:.1f} s, wall {w:.1f} s, CPU {100 * (c / base - 1):+.1f} % "
              "against without", flush=True)


def part_index(src: Path, work: Path) -> None:
    """The build's reading and indexing (``build.pipeline.gather``: load, resolve, index, plan;
    no rendering), in this process, CPU seconds: where topics and quotes cost anything."""
    from briefgen import config as config_mod
    from briefgen.build.pipeline import gather

    variants = (("without (no default topics, quotes: [])",
                 CONFIG + "topics: {defaults: false}\n", "none"),
                ("default topics, quotes: []", CONFIG, "none"),
                ("topics + quotes found at build", CONFIG, "absent"),
                ("topics + quotes read from front matter", CONFIG, "ingest"))
    base: float | None = None
    for label, config, quotes in variants:
        project = _project(src, work, "index", config, quotes)
        start = time.process_time()
        prepared = gather(config_mod.load(project), None, 1)
        spent = time.process_time() - start
        base = base or spent
        said = sum(len(q) for q in prepared.site.quotes.values())
        print(f"index, {label}: CPU {spent:.1f} s ({100 * (spent / base - 1):+.1f} % against without), "
              f"{said} quotes, {len(prepared.site.unfiled)} articles in no topic", flush=True)


def part_ingest() -> None:
    from briefgen.ingest import pipeline
    from briefgen.ingest import record

    pages = sorted((corpus.shared_data_dir(REPO) / "extraction" / "html").glob("*.html.gz"))
    spent_quotes = 0.0
    original = record.quote_items

    def timed(*args, **kwargs):  # type: ignore[no-untyped-def]
        nonlocal spent_quotes
        start = time.process_time()
        try:
            return original(*args, **kwargs)
        finally:
            spent_quotes += time.process_time() - start

    record.quote_items = timed  # type: ignore[assignment]
    pipeline.prepare(pages[0], REPO)  # imports and gazetteers loaded before timing
    spent_quotes = 0.0
    start = time.process_time()
    failed = 0
    for page in pages:
        try:
            pipeline.prepare(page, REPO)
        except Exception:  # noqa: BLE001 — a page ingest refuses counts, as in the ingest itself
            failed += 1
    total = time.process_time() - start
    n = len(pages)
    print(f"ingest, {n} HTML pages ({failed} refused): {n / total:.1f} pages per CPU-second with "
          f"quotes; quotes {1000 * spent_quotes / n:.2f} ms per page ({100 * spent_quotes / total:.1f} % "
          f"of ingest); without them {n / (total - spent_quotes):.1f} pages per CPU-second")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--n", type=int, default=10000)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--part", default="topics,index,build,ingest")
    p.add_argument("--repeat", type=int, default=1)
    p.add_argument("--workdir", type=Path, default=Path("/tmp/briefgen-bench-topics-quotes"))
    args = p.parse_args()
    parts = args.part.split(",")
    if "ingest" in parts:
        part_ingest()
    if "topics" in parts or "build" in parts or "index" in parts:
        data = corpus.shared_data_dir(REPO)
        src = ensure_corpus(args.n, args.seed, data, corpus.load_pools(data, args.seed),
                            BENCH / ".corpora")
        work = args.workdir / f"n{args.n}"
        if "topics" in parts:
            part_topics(src, work)
        if "index" in parts:
            part_index(src, work)
        if "build" in parts:
            part_build(src, work, args.repeat)


if __name__ == "__main__":
    main()
