"""Rebuild the golden example site in ``tests/golden/site/`` from the repo's ``content/``.

    python tests/golden/refresh.py

Run it after a deliberate change to templates, rendering or the example content, then
review ``git diff tests/golden`` like any other change: it shows exactly what every page
kind now looks like. ``tests/test_golden.py`` fails until the folder matches a fresh build.
Pagefind's index is left out (a binary bundle, checked by the search tests instead).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
GOLDEN = REPO / "tests" / "golden" / "site"
SKIP = ("pagefind",)  # top-level folders of site/ that are not compared


def build_example(into: Path) -> Path:
    """Build a copy of the example project (content/ and the default theme) under ``into``; its site/."""
    sys.path.insert(0, str(REPO))
    from briefgen import config as config_mod
    from briefgen.build import build_site

    project = into / "project"
    shutil.copytree(REPO / "content", project / "content")
    build_site(config_mod.load(project), workers=1)
    return project / "site"


def pages(site: Path) -> dict[str, bytes]:
    """Every compared file of a built site: relative path → bytes."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file() and p.relative_to(site).parts[0] not in SKIP}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        fresh = pages(build_example(Path(tmp)))
    if GOLDEN.exists():
        shutil.rmtree(GOLDEN)
    for rel, data in fresh.items():
        target = GOLDEN / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    print(f"wrote {len(fresh)} files to {GOLDEN.relative_to(REPO)}; review with `git diff --stat tests/golden`")


if __name__ == "__main__":
    main()
