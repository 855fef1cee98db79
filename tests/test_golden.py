"""The example site, byte for byte: a change to what any page shows is reviewed as a diff.

``tests/golden/site/`` holds the pages the repo's ``content/`` builds into (as Pelican's
``tests/output`` does). After a deliberate change, refresh it with
``python tests/golden/refresh.py`` and review ``git diff tests/golden``.
"""

from __future__ import annotations

import difflib
import importlib.util
import os
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("golden_refresh", HERE / "golden" / "refresh.py")
assert _spec is not None and _spec.loader is not None
golden = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(golden)

pytestmark = pytest.mark.skipif(bool(os.environ.get("BRIEFGEN_EXAMPLE_CONTENT")),
                                reason="the golden site is of the repo's own content/")
REFRESH = "python tests/golden/refresh.py"


def _diff(rel: str, want: bytes, got: bytes) -> str:
    lines = difflib.unified_diff(want.decode("utf-8", "replace").splitlines(),
                                 got.decode("utf-8", "replace").splitlines(),
                                 f"golden/{rel}", f"built/{rel}", n=1, lineterm="")
    return "\n".join(list(lines)[:40])


def test_the_example_site_equals_the_golden_site(tmp_path: Path) -> None:
    want = golden.pages(golden.GOLDEN)
    assert want, f"tests/golden/site is empty: run `{REFRESH}`"
    got = golden.pages(golden.build_example(tmp_path))
    missing, extra = sorted(want.keys() - got.keys()), sorted(got.keys() - want.keys())
    changed = sorted(rel for rel in want.keys() & got.keys() if want[rel] != got[rel])
    report = [f"{len(changed)} changed, {len(missing)} no longer built, {len(extra)} new"
              f" (if intended, run `{REFRESH}` and review `git diff tests/golden`)"]
    report += [f"no longer built: {rel}" for rel in missing[:10]]
    report += [f"new: {rel}" for rel in extra[:10]]
    report += [_diff(rel, want[rel], got[rel]) for rel in changed[:3]]
    assert not (missing or extra or changed), "\n".join(report)
