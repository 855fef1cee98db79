"""Extraction benchmark: body quality, speed and metadata accuracy of the readers.

Runs every page of ``../shared/data/extraction`` through briefgen's HTML reader
and through its text reader (the same page as a select-all copy), beside plain
``trafilatura.extract`` on the same HTML, and scores the bodies with the public
benchmark's scorer (``../shared/tools/bodyscore.py``).  Then checks metadata:
title and publication date read from each Wikinews ``.txt`` alone against its
sidecar, and the HTML pages' publication day against the day in their URL.
Prints Markdown tables to paste into the README.

Then every dataset of ``../shared/data`` on its own (``--only datasets``): extraction/html and
extraction/text (human truth), trafilatura-eval (hand-picked segments a body must and must not
contain), extraction-modern (silver truth), each split into its even-numbered pages (which rules
may be tuned on) and its odd-numbered ones (kept out of tuning), with the worst dataset named.

    python bench/extraction.py [--only html|text|trafilatura|meta|datasets] [--jobs N] [--repeat N]
                               [--dumps DIR]   (DIR from `python bench/text_dumps.py DIR`)
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))
from quality import DATA, EXTRACTION, load_truth, page_files, read_page, score_bodies  # noqa: E402

WIKINEWS = (DATA / "wikinews", DATA / "wikinews-korea")


# --- one page, in a worker (briefgen's own reading: quality.read_page) --------------------

def _trafilatura_body(path: str) -> tuple[str, str, Any, float]:
    import gzip

    import trafilatura

    file = Path(path)
    start = time.process_time()
    data = file.read_bytes()
    html = gzip.decompress(data) if file.name.endswith(".gz") else data
    body = trafilatura.extract(html) or ""
    return file.name.split(".")[0], body, None, time.process_time() - start


@dataclass(frozen=True)
class Run:
    name: str
    bodies: dict[str, str]
    records: dict[str, Any]
    seconds: float  # CPU seconds spent reading (not scoring), summed over workers: per-core speed


Task = Callable[[str], tuple[str, str, Any, float]]


def run(name: str, task: Task, files: list[Path], jobs: int, repeat: int = 1) -> Run:
    """Every file through ``task``; each page's time is its best of ``repeat`` runs.

    The best run is the one other processes on a shared machine disturbed least,
    so the figure says what the code costs rather than how busy the machine was.
    """
    args = [str(f) for f in files]
    rounds = []
    for _ in range(max(1, repeat)):
        if jobs > 1:
            with ProcessPoolExecutor(jobs) as pool:
                for _ in range(jobs):
                    pool.submit(task, args[0]).result()  # warm the imports before timing
                rounds.append(list(pool.map(task, args, chunksize=4)))
        else:
            task(args[0])  # warm up imports
            rounds.append([task(a) for a in args])
    results = rounds[-1]
    seconds = sum(min(r[i][3] for r in rounds) for i in range(len(args)))
    return Run(name, {r[0]: r[1] for r in results}, {r[0]: r[2] for r in results}, seconds)


# --- tables --------------------------------------------------------------------------

def body_table(runs: list[Run], truth: dict[str, Any]) -> str:
    lines = ["| path | F1 | precision | recall | pages/s per core | failed |",
             "|---|---:|---:|---:|---:|---:|"]
    for r in runs:
        s = score_bodies(truth, r.bodies)
        failed = sum(1 for v in r.records.values() if isinstance(v, str))
        lines.append(f"| {r.name} | {s['f1']:.3f} | {s['precision']:.3f} | {s['recall']:.3f} | "
                     f"{len(r.bodies) / r.seconds:.0f} | {failed} |")
    return "\n".join(lines)


def _day(value: date | datetime | None) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value


def _same_title(a: str | None, b: str | None) -> bool:
    from briefgen.ingest.clean import words_of

    return bool(a and b) and words_of(a) == words_of(b)


def wikinews_table(jobs: int) -> str:
    files = sorted(f for folder in WIKINEWS if folder.is_dir() for f in folder.glob("*.txt"))
    if not files:
        return "(no Wikinews data)"
    r = run("text", read_page, files, jobs)
    titles = dates = 0
    misses: list[str] = []
    for file in files:
        side = json.loads(file.with_suffix(".json").read_text(encoding="utf-8"))
        got = r.records.get(file.stem)
        if isinstance(got, str) or got is None:
            misses.append(f"{file.stem}: {got}")
            continue
        titles += _same_title(got.title, side.get("title"))
        if not _same_title(got.title, side.get("title")):
            misses.append(f"{file.stem}: title {got.title!r} (sidecar {side.get('title')!r})")
        true_day = _day(datetime.fromisoformat(side["date_published"])) if side.get("date_published") else None
        dates += _day(got.published) == true_day
        if _day(got.published) != true_day:
            misses.append(f"{file.stem}: published {got.published} (sidecar {side.get('date_published')})")
    n = len(files)
    out = ["| Wikinews .txt alone (no sidecar) | correct | of |", "|---|---:|---:|",
           f"| title | {titles} | {n} |", f"| publication date (day) | {dates} | {n} |"]
    return "\n".join(out) + ("\n\n" + "\n".join(f"- {m}" for m in misses[:20]) if misses else "")


def url_date_table(html_run: Run, truth: dict[str, Any]) -> str:
    from briefgen.ingest.readers.html_fields import url_date

    pages = {k: url_date(v.get("url") or "") for k, v in truth.items()}
    pages = {k: d for k, d in pages.items() if d}
    right = near = zoned = 0
    misses = []
    for page_id, day in pages.items():
        got = html_run.records.get(page_id)
        value = None if isinstance(got, str) or got is None else got.published
        if _day(value) == day:
            right += 1
        elif value is not None and abs((_day(value) - day).days) <= 1:
            near += 1  # the URL carries the day in another zone
        else:
            misses.append(f"{page_id[:10]}: {value} vs URL {day}")
        zoned += isinstance(value, datetime) and value.tzinfo is not None
    n = len(pages)
    out = ["| HTML pages whose URL carries a date | count | of |", "|---|---:|---:|",
           f"| published day = URL day | {right} | {n} |",
           f"| … within one day (time-zone edge) | {near} | {n} |",
           f"| published is a zoned date-time | {zoned} | {n} |"]
    return "\n".join(out) + ("\n\n" + "\n".join(f"- {m}" for m in misses) if misses else "")


# --- every dataset on its own -------------------------------------------------------------

TRAF_EVAL = DATA / "trafilatura-eval"
MODERN = DATA / "extraction-modern"


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _half(page_id: str, ids: list[str]) -> str:
    """ "even" (the half rules may be tuned on) or "odd" (kept out of tuning), by position in sorted order."""
    return "even" if sorted(ids).index(page_id) % 2 == 0 else "odd"


def _trafilatura_named(path: str) -> tuple[str, str, Any, float]:
    _, body, record, seconds = _trafilatura_body(path)
    return Path(path).name[:-len(".html.gz")], body, record, seconds


def read_named(path: str) -> tuple[str, str, Any, float]:
    """:func:`read_page` keyed by the whole file name (trafilatura-eval's names hold dots)."""
    _, body, record, seconds = read_page(path)
    return Path(path).name[:-len(".html.gz")], body, record, seconds


def segments_score(evaldata: dict[str, Any], bodies: dict[str, str]) -> dict[str, float]:
    """Share of must-contain segments found, and of must-not segments present, over ``bodies``' pages."""
    found = want = present = avoid = 0
    for page_id, body in bodies.items():
        entry = evaldata[page_id]
        text = _norm(body)
        want += len(entry.get("with", []))
        found += sum(_norm(seg) in text for seg in entry.get("with", []))
        avoid += len(entry.get("without", []))
        present += sum(_norm(seg) in text for seg in entry.get("without", []))
    recall = found / max(1, want)
    clean = 1 - present / max(1, avoid)
    return {"with": recall, "without": present / max(1, avoid),
            "f1": 2 * recall * clean / max(1e-9, recall + clean), "pages": len(bodies)}


def read_dump(path: str) -> tuple[str, str, Any, float]:
    """:func:`read_page` on a text dump made by ``bench/text_dumps.py``, keyed by its file name."""
    _, body, record, seconds = read_page(path)
    return Path(path).name[:-len(".txt")], body, record, seconds


def dataset_runs(jobs: int, repeat: int, dumps: Path | None = None,
                 ) -> list[tuple[str, str, Run, Callable[[dict[str, str]], dict[str, float]]]]:
    """(dataset, metric, run, scorer) for every dataset in ../shared/data that has extraction truth.

    ``dumps``: the folder ``bench/text_dumps.py`` wrote select-all copies of the HTML datasets
    into; each becomes a text dataset too.
    """
    out: list[tuple[str, str, Run, Callable[[dict[str, str]], dict[str, float]]]] = []
    if EXTRACTION.is_dir():
        truth = load_truth()
        for kind in ("html", "text"):
            r = run(f"extraction/{kind}", read_page, page_files(kind, truth), jobs, repeat)
            out.append((f"extraction/{kind}", "body F1 (human truth)", r,
                        lambda bodies, t=truth: score_bodies({k: t[k] for k in bodies}, bodies)))
    if TRAF_EVAL.is_dir():
        evaldata = json.loads((TRAF_EVAL / "evaldata.json").read_text(encoding="utf-8"))
        files = sorted(TRAF_EVAL.glob("html/*.html.gz"))
        files = [f for f in files if f.name[:-len(".html.gz")] in evaldata]
        r = run("trafilatura-eval", read_named, files, jobs, repeat)
        out.append(("trafilatura-eval/html", "segments: F1 of must-contain found × must-not absent", r,
                    lambda bodies, e=evaldata: segments_score(e, bodies)))
        r = run("trafilatura-eval", _trafilatura_named, files, jobs, repeat)
        out.append(("trafilatura-eval/html, trafilatura alone", "segments (as above)", r,
                    lambda bodies, e=evaldata: segments_score(e, bodies)))
        texts = sorted((dumps / "trafilatura-eval").glob("*.txt")) if dumps else []
        texts = [t for t in texts if t.stem in evaldata]
        if texts:
            r = run("trafilatura-eval/text", read_dump, texts, jobs, repeat)
            out.append(("trafilatura-eval/text", "segments (as above), select-all copies", r,
                        lambda bodies, e=evaldata: segments_score(e, bodies)))
    if MODERN.is_dir():
        silver = json.loads((MODERN / "ground-truth.json").read_text(encoding="utf-8"))
        files = sorted(f for f in MODERN.glob("html/*.html.gz") if f.name.split(".")[0] in silver)
        r = run("extraction-modern", read_page, files, jobs, repeat)
        out.append(("extraction-modern/html", "body F1 (silver truth)", r,
                    lambda bodies, t=silver: score_bodies({k: t[k] for k in bodies}, bodies)))
        r = run("extraction-modern", _trafilatura_body, files, jobs, repeat)
        out.append(("extraction-modern/html, trafilatura alone", "body F1 (silver truth)", r,
                    lambda bodies, t=silver: score_bodies({k: t[k] for k in bodies}, bodies)))
        texts = sorted((dumps / "extraction-modern").glob("*.txt")) if dumps else []
        texts = [t for t in texts if t.stem in silver]
        if texts:
            r = run("extraction-modern/text", read_dump, texts, jobs, repeat)
            out.append(("extraction-modern/text", "body F1 (silver truth), select-all copies", r,
                        lambda bodies, t=silver: score_bodies({k: t[k] for k in bodies}, bodies)))
    return out


def datasets_table(jobs: int, repeat: int, dumps: Path | None = None) -> str:
    """Each dataset alone, its two halves (even: may be tuned on; odd: kept out), the worst one."""
    lines = ["| dataset | metric | all | even half | odd half (held out) | as ingested | pages | refused | "
             "no headline | headline guessed | pages/s per core |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    worst: tuple[float, str] | None = None
    failures: list[str] = []
    for name, metric, r, scorer in dataset_runs(jobs, repeat, dumps):
        ids = list(r.bodies)
        halves = {h: {k: v for k, v in r.bodies.items() if _half(k, ids) == h} for h in ("even", "odd")}
        whole = scorer(r.bodies)
        parts = {h: scorer(b)["f1"] for h, b in halves.items()}
        refused = [f"{name}/{k}: {v}" for k, v in r.records.items() if isinstance(v, str)]
        failures += refused
        extra = f" (must-contain found {whole['with']:.3f}, must-not present {whole['without']:.3f})" \
            if "with" in whole else ""
        records = [v for v in r.records.values() if v is not None and not isinstance(v, str)]
        untitled = sum(not str(getattr(v, "title", "")).strip() for v in records)  # ingest refused these before #13
        guessed = sum(str(getattr(v, "provenance", {}).get("title", "")).startswith("guess:") for v in records)
        # what ingest delivers: a page it refuses (no headline, before #13) scores nothing
        kept = {k: ("" if v is None or isinstance(v, str) or not str(getattr(v, "title", "")).strip()
                    else r.bodies[k]) for k, v in r.records.items()} if records else r.bodies
        ingested = scorer(kept)["f1"]
        lines.append(f"| {name} | {metric}{extra} | {whole['f1']:.3f} | {parts['even']:.3f} | {parts['odd']:.3f} | "
                     f"{ingested:.3f} | {len(ids)} | {len(refused)} | {untitled} | {guessed} | "
                     f"{len(ids) / r.seconds:.0f} |")
        if worst is None or whole["f1"] < worst[0]:
            worst = (whole["f1"], name)
    if worst is not None:
        lines.append(f"\nWorst dataset: {worst[1]} ({worst[0]:.3f}).")
    if failures:
        lines.append("\nRefused:\n" + "\n".join(f"- {f}" for f in failures[:40]))
    return "\n".join(lines)


# --- leave one dataset out (the text path's weights) ----------------------------------------

# The text reader's few constants (textdump.story.Weights) and the values tried for each: the
# defaults, and each scaled down and up. A grid this small cannot fit one dataset's pages.
LODO_GRID: dict[str, tuple[float, ...]] = {
    "line_cost": (2.0, 3.0, 4.5),
    "min_story": (40.0, 60.0, 90.0),
    "first_share": (0.25, 0.35, 0.5),
}


def read_dump_weighted(args: tuple[str, tuple[tuple[str, float], ...]]) -> tuple[str, str, Any, float]:
    """:func:`read_dump` with the text reader's weights set to ``args[1]`` (in this worker)."""
    from briefgen.ingest.textdump import story

    path, weights = args
    story.find_story.__defaults__ = (story.Weights(**dict(weights)),)  # type: ignore[arg-type]
    _, body, record, seconds = read_page(path)
    name = Path(path).name
    return name[:-len(".txt")], body, record, seconds


def lodo_table(jobs: int, dumps: Path | None) -> str:
    """Each text dataset scored with the weights that do best on the other text datasets."""
    import itertools

    datasets: dict[str, tuple[list[Path], Callable[[dict[str, str]], dict[str, float]]]] = {}
    truth = load_truth()
    datasets["extraction/text"] = (page_files("text", truth),
                                   lambda b: score_bodies({k: truth[k] for k in b}, b))
    if dumps and TRAF_EVAL.is_dir():
        evaldata = json.loads((TRAF_EVAL / "evaldata.json").read_text(encoding="utf-8"))
        files = [t for t in sorted((dumps / "trafilatura-eval").glob("*.txt")) if t.stem in evaldata]
        datasets["trafilatura-eval/text"] = (files, lambda b: segments_score(evaldata, b))
    if dumps and MODERN.is_dir():
        silver = json.loads((MODERN / "ground-truth.json").read_text(encoding="utf-8"))
        files = [t for t in sorted((dumps / "extraction-modern").glob("*.txt")) if t.stem in silver]
        datasets["extraction-modern/text"] = (files, lambda b: score_bodies({k: silver[k] for k in b}, b))
    combos = [tuple(zip(LODO_GRID, values)) for values in itertools.product(*LODO_GRID.values())]
    scores: dict[tuple[tuple[str, float], ...], dict[str, float]] = {}
    with ProcessPoolExecutor(max(1, jobs)) as pool:
        for combo in combos:
            scores[combo] = {}
            for name, (files, scorer) in datasets.items():
                results = pool.map(read_dump_weighted, [(str(f), combo) for f in files], chunksize=8)
                scores[combo][name] = scorer({r[0]: r[1] for r in results})["f1"]
    from briefgen.ingest.textdump.story import Weights

    default = tuple((k, float(getattr(Weights(), k))) for k in LODO_GRID)
    lines = ["| held out | default weights | tuned on the others | weights chosen | best possible on it |",
             "|---|---:|---:|---|---:|"]
    for name in datasets:
        others = [n for n in datasets if n != name]
        chosen = max(combos, key=lambda c: (sum(scores[c][n] for n in others), c == default))
        best = max(scores[c][name] for c in combos)
        lines.append(f"| {name} | {scores[default][name]:.3f} | {scores[chosen][name]:.3f} | "
                     f"{', '.join(f'{k}={v:g}' for k, v in chosen)} | {best:.3f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", choices=("html", "text", "trafilatura", "meta", "datasets", "lodo"), action="append")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    parser.add_argument("--repeat", type=int, default=3,
                        help="time each page this many times and keep its best (default 3)")
    parser.add_argument("--dumps", type=Path, help="select-all copies of the HTML datasets, made by "
                        "`python bench/text_dumps.py DIR`: measured as text datasets too")
    args = parser.parse_args(argv)
    if not EXTRACTION.is_dir():
        print(f"no benchmark data at {EXTRACTION}: this benchmark needs the shared/ folder "
              "beside the repository", file=sys.stderr)
        return 2
    only = set(args.only or ("html", "text", "trafilatura", "meta", "datasets"))
    if only == {"lodo"}:
        print("Leave one dataset out: the text reader's weights chosen on the other text datasets "
              f"(`python bench/extraction.py --only lodo --dumps DIR`, grid {LODO_GRID})\n")
        print(lodo_table(args.jobs, args.dumps))
        return 0
    if only == {"datasets"}:
        print(f"Every dataset in ../shared/data on its own (`python bench/extraction.py --only datasets`, "
              f"jobs={args.jobs}, each page's best of {args.repeat} runs)\n")
        print(datasets_table(args.jobs, args.repeat, args.dumps))
        return 0
    truth = load_truth()
    html_files = page_files("html", truth)
    text_files = page_files("text", truth)
    runs = []
    html_run = None
    if "html" in only or "meta" in only:
        html_run = run("briefgen HTML reader", read_page, html_files, args.jobs, args.repeat)
        if "html" in only:
            runs.append(html_run)
    if "text" in only:
        runs.append(run("briefgen text reader (select-all copy)", read_page, text_files, args.jobs,
                        args.repeat))
    if "trafilatura" in only:
        runs.append(run("trafilatura.extract, defaults (HTML)", _trafilatura_body, html_files, args.jobs,
                        args.repeat))
    print(f"Body extraction, {len(truth)} pages of the article-extraction benchmark "
          f"(`python bench/extraction.py`, jobs={args.jobs}; pages/s = pages per CPU-second, "
          f"each page's best of {args.repeat} runs)\n")
    if runs:
        print(body_table(runs, truth))
    if "datasets" in only:
        print()
        print(datasets_table(args.jobs, args.repeat, args.dumps))
    if "meta" in only and html_run is not None:
        print()
        print(url_date_table(html_run, truth))
        print()
        print(wikinews_table(args.jobs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
