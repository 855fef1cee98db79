"""Ingest feedback: a rich progress bar on a terminal, plain lines in CI and pipes."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable, Iterable

from briefgen.config import Config
from briefgen.ingest.pipeline import FAILED, IngestReport, Outcome, ingest


def _line(outcome: Outcome, project: Path) -> str:
    def rel(path: Path | None) -> str:
        if path is None:
            return ""
        try:
            return path.resolve().relative_to(project).as_posix()
        except ValueError:
            return str(path)

    text = f"{outcome.status:<9} {rel(outcome.raw_path)}"
    if outcome.content_path is not None:
        text += f" → {rel(outcome.content_path)}"
    if outcome.message and outcome.status != FAILED:
        text += f" ({outcome.message})"
    if outcome.kept:
        text += f" [kept your edits: {', '.join(outcome.kept)}]"
    if outcome.conflicts:
        text += f" [source changed under your edits: {', '.join(outcome.conflicts)}]"
    if outcome.guessed:
        text += f" [guessed, review: {'; '.join(outcome.guessed)}]"
    return text


def ingest_with_progress(paths: Iterable[Path], cfg: Config, *, jobs: int, force: bool) -> IngestReport:
    project = cfg.project

    def show(outcome: Outcome, write: Callable[[str], None]) -> None:
        if outcome.status == FAILED:
            print(outcome.message, file=sys.stderr)
        else:
            write(_line(outcome, project))

    if sys.stdout.isatty():
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        console = Console()
        with Progress(TextColumn("ingest"), BarColumn(), MofNCompleteColumn(),
                      console=console, transient=True) as progress:
            task = progress.add_task("ingest", total=None)

            def on_outcome(outcome: Outcome) -> None:
                show(outcome, lambda text: progress.console.print(text, markup=False, highlight=False))
                progress.advance(task)

            report = ingest(paths, cfg.content, project, lock_dir=cfg.cache, jobs=jobs,
                            force=force, executor=cfg.executor, on_outcome=on_outcome,
                            on_start=lambda n: progress.update(task, total=n))
    else:
        report = ingest(paths, cfg.content, project, lock_dir=cfg.cache, jobs=jobs,
                        force=force, executor=cfg.executor, on_outcome=lambda o: show(o, print))
    print(report.summary())
    return report
