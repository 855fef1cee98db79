"""The linters as CI runs them: ruff over the code, mypy --strict over the package.

Both read their settings from pyproject.toml (``[tool.ruff]``, ``[tool.mypy]``)
and come with the ``test`` extra, so ``pip install -e '.[test]'`` is enough.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow


def _run(*args: str) -> None:
    """Run ``python -m <tool> ...`` from the venv at the repository root; fail with its output."""
    result = subprocess.run([sys.executable, "-m", *args], cwd=REPO, capture_output=True, text=True,
                            timeout=600)
    if result.returncode != 0:
        pytest.fail(f"`{' '.join(args)}` exited {result.returncode}:\n{result.stdout}{result.stderr}",
                    pytrace=False)


def test_ruff_is_clean() -> None:
    _run("ruff", "check", "briefgen", "tests", "bench")


def test_mypy_strict_is_clean() -> None:
    _run("mypy")  # files, strict and the per-module overrides come from pyproject.toml
