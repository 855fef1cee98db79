"""The same-story check folds only the same page saved twice, never a different article.

Two files are one article when they are the same page saved twice: the same
URL, an HTML page and its text copy, or the same text with nothing telling
them apart. Dates, datelines, outlets and the words that differ keep two
stories apart, however many words they share (sports tables on two days).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefgen.ingest.pipeline import DUPLICATE, NEW, ingest

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
ECBPLUS = SHARED / "ecbplus"
needs_ecbplus = pytest.mark.skipif(not ECBPLUS.is_dir(), reason="needs ../shared/data/ecbplus")


def _ingest(tmp_path: Path, seeds: Path, jobs: int = 1):  # type: ignore[no-untyped-def]
    return ingest([seeds], tmp_path / "content", tmp_path, lock_dir=tmp_path / ".cache", jobs=jobs)


def _write(folder: Path, name: str, text: str, sidecar: dict[str, object] | None = None) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    if sidecar:
        (folder / name).with_suffix(".json").write_text(json.dumps(sidecar), encoding="utf-8")


_TABLE = [("Chelsea", 4, 3, 1, 0, 9, 4, 10), ("Arsenal", 4, 2, 2, 0, 7, 3, 8),
          ("Manchester United", 4, 2, 2, 0, 8, 5, 8), ("Liverpool", 4, 2, 1, 1, 6, 4, 7),
          ("Aston Villa", 4, 2, 1, 1, 5, 4, 7), ("Newcastle", 4, 2, 0, 2, 5, 6, 6),
          ("Leeds", 4, 1, 2, 1, 4, 4, 5), ("Everton", 4, 1, 1, 2, 4, 6, 4)]


def _standings(day: str, shift: int) -> str:
    rows = [f"{name} {p + shift} {w + shift} {d} {lost} {gf + shift} {ga} {pts + 3 * shift}"
            for name, p, w, d, lost, gf, ga, pts in _TABLE]
    return ("SOCCER - ENGLISH LEAGUE STANDINGS .\nLONDON " + day + "\n"
            "Standings in the English premier league after the weekend's matches (tabulate under played, "
            "won, drawn, lost, goals for, against, points):\n" + "\n".join(rows) + "\n")


def test_standings_on_two_days_are_two_articles(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    _write(seeds, "a.txt", _standings("1996-08-31", 0))
    _write(seeds, "b.txt", _standings("1996-09-07", 1))
    report = _ingest(tmp_path, seeds)
    assert [o.status for o in report.outcomes] == [NEW, NEW], [o.message for o in report.outcomes]


def test_the_same_text_twice_is_one_article(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    _write(seeds, "a.txt", _standings("1996-08-31", 0))
    _write(seeds, "copy.txt", _standings("1996-08-31", 0).replace("\n", "\r\n"))
    report = _ingest(tmp_path, seeds)
    assert [o.status for o in report.outcomes] == [NEW, DUPLICATE]
    assert "a.txt" not in report.outcomes[1].message  # folded into the content file …
    assert report.outcomes[1].content_path == report.outcomes[0].content_path  # … that a.txt made


_STORY = ("North Korean leader Kim Jong Un ordered his military to increase missile production, state media "
          "said on Monday, ahead of joint drills by South Korea and the United States next week.\n"
          "The order came during a tour of weapons factories, the official news agency reported, where Kim "
          "called for a steady build-up of the country's arsenal of short-range missiles.\n"
          "Analysts said the visit was meant as a warning to Seoul and Washington before the drills, which "
          "the North has long described as rehearsals for an invasion.\n"
          "The allies say the exercises are defensive and have been held every summer for decades.\n")


def test_one_wire_story_from_two_outlets_is_two_articles(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    _write(seeds, "a.txt", "Kim orders more missiles\n" + _STORY, {"url": "https://one.example/kim-missiles"})
    _write(seeds, "b.txt", "Kim orders more missiles\n" + _STORY, {"url": "https://two.example/news/kim"})
    _write(seeds, "c.txt", "Kim orders more missiles\n" + _STORY, {"url": "https://one.example/kim-missiles"})
    report = _ingest(tmp_path, seeds)
    assert [o.status for o in report.outcomes] == [NEW, NEW, DUPLICATE]


def test_two_datelines_or_dates_are_two_articles(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    _write(seeds, "a.txt", "Kim orders more missiles\n" + _STORY, {"published": "2023-08-14"})
    _write(seeds, "b.txt", "Kim orders more missiles\n" + _STORY, {"published": "2023-08-15"})
    report = _ingest(tmp_path, seeds)
    assert [o.status for o in report.outcomes] == [NEW, NEW]


@pytest.mark.shared
@pytest.mark.slow
@needs_ecbplus
def test_ecbplus_no_false_folds(tmp_path: Path) -> None:
    """No ECB+ text is folded into a text of another gold cluster, nor one from another outlet at all."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    gold: dict[str, dict[str, object]] = {}
    for text in sorted(ECBPLUS.glob("*.txt")):
        meta = json.loads(text.with_suffix(".json").read_text(encoding="utf-8"))
        gold[text.name] = meta
        sidecar = {k: meta[k] for k in ("title", "source_url") if meta.get(k)}
        _write(seeds, text.name, text.read_text(encoding="utf-8"), sidecar)
    report = _ingest(tmp_path, seeds, jobs=2)
    made_by = {o.content_path: o.raw_path.name for o in report.outcomes if o.status == NEW}
    wrong = []
    for outcome in report.outcomes:
        if outcome.status != DUPLICATE:
            continue
        this, into = gold[outcome.raw_path.name], gold[made_by[outcome.content_path]]
        if this["cluster"] != into["cluster"] or (this.get("source_url") and into.get("source_url")
                                                  and this["source_url"] != into["source_url"]):
            wrong.append(f"{outcome.raw_path.name} ({this['cluster']}) → {made_by[outcome.content_path]} "
                         f"({into['cluster']})")
    folds = sum(o.status == DUPLICATE for o in report.outcomes)
    assert not wrong, f"{len(wrong)} false folds of {folds} folds: {wrong[:8]}"
    assert not [o for o in report.outcomes if o.status == "failed"]
