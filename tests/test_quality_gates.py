"""Quality gates: body F1 of the HTML and text paths, entity recall / split / typing, on ../shared/data.

Each gate re-measures its figures with ``bench/quality.py`` (the same code the
benches print) and compares them with the baseline pinned in
``tests/baselines/quality.json``: a figure more than half a point worse fails
(F1, recall, type accuracy falling by more than 0.005; the split rate rising by
more than 0.005).  The baseline also pins a digest of the files the gate read; if
the corpus differs, the gate fails rather than compare figures from another corpus.
Refresh the baseline (it never lowers a floor on its own) with::

    python bench/pin_quality.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data"
sys.path.insert(0, str(REPO / "bench"))

import quality  # noqa: E402

pytestmark = [pytest.mark.shared, pytest.mark.slow,
              pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/data is absent")]

# Worker processes for the extraction gates. Measured: the whole file takes ~3 s of work with one
# process and no less with two (each worker re-imports the readers), so it stays serial.
JOBS = 1


@pytest.fixture(scope="module")
def baselines() -> dict:
    assert quality.BASELINES.is_file(), f"no {quality.BASELINES}: pin the gates with `{quality.REFRESH}`"
    return quality.load_baselines()


def test_every_gate_is_pinned_and_no_pin_is_stale(baselines: dict) -> None:
    assert set(baselines["gates"]) == set(quality.GATES), f"re-pin with `{quality.REFRESH}`"
    assert baselines["tolerance"] == quality.TOLERANCE


@pytest.mark.parametrize("name", sorted(quality.GATES))
def test_quality_gate(name: str, baselines: dict) -> None:
    gate = quality.GATES[name]
    pinned = baselines["gates"].get(name)
    assert pinned is not None, f"gate {name!r} has no pinned baseline: run `{quality.REFRESH}`"
    digest = gate.digest()
    if digest != pinned["digest"]:
        pytest.fail(
            f"the corpus of gate {name!r} changed: pinned {pinned['digest']} ({pinned['documents']} documents, "
            f"measured {pinned['date']}), now {digest}. The figures were pinned on other files, so they "
            f"are not compared. If the change to ../shared/data is intended, re-measure and re-pin with "
            f"`{quality.REFRESH} --gate {name}` (add `--accept-lower {name}` if the new corpus scores "
            f"lower) and commit tests/baselines/quality.json.", pytrace=False)
    measured = gate.measure(JOBS)
    assert measured.documents == pinned["documents"]
    failures = []
    for metric, floor in pinned["metrics"].items():
        now = measured.metrics[metric]
        if gate.worse_by(metric, floor, now) > quality.TOLERANCE + 1e-9:
            direction = "fell" if gate.better[metric] == "higher" else "rose"
            failures.append(f"{metric} {direction} from {floor:.4f} to {now:.4f} "
                            f"(more than {quality.TOLERANCE} {'below' if direction == 'fell' else 'above'} "
                            f"the baseline of {pinned['date']})")
    assert not failures, f"quality gate {name!r}: " + "; ".join(failures)
