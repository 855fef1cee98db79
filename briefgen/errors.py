"""One error type for everything a user can fix.

Every failure a person can act on is a :class:`BriefgenError` that names the
file (and line, where there is one), says what is wrong and what to do, so the
CLI can print it on one line and carry on with the other files.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class BriefgenError(Exception):
    """A problem in the user's input or project, reported as ``path:line: message (hint)``."""

    def __init__(self, message: str, path: Path | str | None = None,
                 line: int | None = None, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line
        self.hint = hint

    def with_path(self, path: Path | str) -> "BriefgenError":
        """Attach the source file to an error raised deep inside a pure function."""
        if self.path is None:
            self.path = Path(path)
        return self

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}"
            if self.line is not None:
                where += f":{self.line}"
            where += ": "
        text = f"{where}{self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text


class BuildFailed(BriefgenError):
    """Several errors at once (one per bad file); ``str()`` lists every one on its own line."""

    def __init__(self, errors: tuple[BriefgenError, ...]) -> None:
        first = errors[0]
        super().__init__(first.message, first.path, first.line, first.hint)
        self.errors = errors

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)


@dataclass(frozen=True)
class Rejected:
    """An input a stage declined, as a value with its reason rather than a swallowed exception."""

    path: Path
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"
