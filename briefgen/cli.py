"""Command line: flags in, config overrides and exit codes out; no logic of its own.

Exit status 0 means everything worked, 1 that some input failed (and was
reported on stderr as ``PATH[:LINE]: what is wrong (what to do)``), 2 a usage
error.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Callable, Sequence

from briefgen import __version__, config as config_mod
from briefgen.errors import BriefgenError


def _project_parent() -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument("--project", type=Path, default=argparse.SUPPRESS,
                        help="the briefing project folder (default: the current folder)")
    return parent


def _executor(value: str) -> str:
    from briefgen.executors import parse_executor

    try:
        parse_executor(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc
    return value


def _executor_flag(p: argparse.ArgumentParser) -> None:
    p.add_argument("--executor", type=_executor, default=None, metavar="local|dask|dask://HOST:PORT",
                   help="where the work runs: this machine (default), a Dask LocalCluster, or "
                        "an existing Dask scheduler (needs pip install 'briefgen[dask]'); "
                        "overrides `executor:` in briefgen.yaml")


def _parser() -> argparse.ArgumentParser:
    common = _project_parent()
    parser = argparse.ArgumentParser(prog="briefgen", parents=[common],
                                     description="Saved news articles in, a cross-linked briefing site out.")
    parser.add_argument("--version", action="version", version=f"briefgen {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("ingest", parents=[common], help="raw articles (seeds/) → content/articles/*.md")
    p.add_argument("paths", nargs="*", type=Path, help="files or folders (default: the seeds folder)")
    p.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 1, help="worker processes")
    p.add_argument("--force", action="store_true", help="overwrite content files, hand edits included")
    _executor_flag(p)
    p.set_defaults(run=_ingest)

    p = sub.add_parser("build", parents=[common], help="content/ + templates → site/")
    p.add_argument("--strict", action="store_true", help="treat warnings as failures")
    _executor_flag(p)
    p.set_defaults(run=_build)

    p = sub.add_parser("check", parents=[common], help="validate content and the built site")
    p.add_argument("--strict", action="store_true", help="count guessed fields as problems")
    p.set_defaults(run=_check)

    p = sub.add_parser("serve", parents=[common], help="live preview: rebuild and reload on every save")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1; another opens it to the network)")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--open", action="store_true", help="open the preview in a browser")
    p.set_defaults(run=_serve)

    p = sub.add_parser("init", parents=[common], help="create a new, empty briefing project")
    p.add_argument("directory", type=Path)
    p.set_defaults(run=_init)

    p = sub.add_parser("entities", parents=[common], help="show the entities found in a file")
    p.add_argument("paths", nargs="*", type=Path,
                   help="raw or content files (default: every content article)")
    p.set_defaults(run=_entities)

    p = sub.add_parser("topics", parents=[common],
                       help="list topics with their story counts and definitions")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=_topics)

    p = sub.add_parser("stories", parents=[common],
                       help="list stories: storyline, first and last dates, articles")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=_stories)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    project = getattr(args, "project", Path.cwd())
    try:
        cfg = config_mod.load(project) if args.command != "init" else None
        if cfg is not None and getattr(args, "executor", None):
            cfg = config_mod.with_overrides(cfg, executor=args.executor)
        if cfg is not None:
            for warning in cfg.warnings:
                print(f"warning: {warning}", file=sys.stderr)
        run: Callable[..., int] = args.run  # the subcommand handler set_defaults chose
        return run(args, cfg)
    except BriefgenError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `briefgen stories | head`: the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
        return 0


def _ingest(args: argparse.Namespace, cfg: config_mod.Config) -> int:
    from briefgen.commands.progress import ingest_with_progress

    paths = args.paths or [cfg.seeds]
    report = ingest_with_progress(paths, cfg, jobs=max(1, args.jobs), force=args.force)
    return 1 if report.failed else 0


def _build(args: argparse.Namespace, cfg: config_mod.Config) -> int:
    from briefgen.build import build_site

    if args.strict and _guesses(cfg, "error"):
        return 1
    report = build_site(cfg, strict=args.strict)
    print(report.summary())
    return 0


def _check(args: argparse.Namespace, cfg: config_mod.Config) -> int:
    from briefgen.commands.check import check_site

    notes: list[str] = []
    problems = check_site(cfg, notes)
    for warning in config_mod.publishing_warnings(cfg):  # worth fixing, not a failure
        print(f"warning: {warning}", file=sys.stderr)
    for note in notes:  # articles in no topic: failures with --strict
        print(f"{'error' if args.strict else 'warning'}: {note}", file=sys.stderr)
    if args.strict:
        problems += notes
    for problem in problems:
        print(problem, file=sys.stderr)
    guesses = _guesses(cfg, "error" if args.strict else "review")
    if args.strict:
        problems += guesses
    print(f"check: {len(problems)} problem(s)" + (f", {len(guesses)} guessed field(s) to review"
                                                   if guesses and not args.strict else ""))
    return 1 if problems else 0


def _guesses(cfg: config_mod.Config, label: str) -> list[str]:
    """Fields ingest guessed and nobody has reviewed, printed; ``--strict`` counts them as errors."""
    from briefgen.commands.check import guessed_fields

    guesses = guessed_fields(cfg)
    for guess in guesses:
        print(f"{label}: {guess}", file=sys.stderr)
    return guesses


def _serve(args: argparse.Namespace, cfg: config_mod.Config) -> int:
    from briefgen.preview.server import main_serve

    return main_serve(cfg, args.host, args.port, args.open)


def _init(args: argparse.Namespace, cfg: None) -> int:
    from briefgen.commands.init import init_project

    created = init_project(args.directory)
    print(f"created a briefing project in {created}: put raw articles in seeds/, "
          f"then run `briefgen ingest` and `briefgen build` there")
    return 0


def _entities(args: argparse.Namespace, cfg: config_mod.Config) -> int:
    from briefgen.commands.entities import report_entities

    text, failed = report_entities(args.paths, cfg)
    print(text)
    return 1 if failed else 0


def _topics(args: argparse.Namespace, cfg: config_mod.Config) -> int:
    from briefgen.commands.topics import report_topics

    print(report_topics(cfg, as_json=args.json))
    return 0


def _stories(args: argparse.Namespace, cfg: config_mod.Config) -> int:
    from briefgen.commands.stories import report_stories

    print(report_stories(cfg, as_json=args.json))
    return 0


if __name__ == "__main__":
    sys.exit(main())
