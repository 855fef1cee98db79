"""Front-matter Markdown in and out, round-trip safe.

Dates stay strings while YAML is parsed (PyYAML would turn ``+05:30`` into
UTC and lose the zone the story was filed in); the content loader parses them.
Dumping keeps key order and writes long text as readable block scalars, so a
person can edit the file comfortably and a second dump is byte-identical.
"""

from __future__ import annotations

import os
import re
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping

import yaml

from briefgen.errors import BriefgenError

_FENCE = re.compile(r"^---[ \t]*$", re.MULTILINE)


if TYPE_CHECKING:  # the C loader has the same interface; mypy needs one static base class
    _BaseLoader = yaml.SafeLoader
else:
    _BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: ~6x faster where present


class _Loader(_BaseLoader):
    """SafeLoader that leaves timestamps as text."""


_Loader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class _Dumper(yaml.SafeDumper):
    """SafeDumper that writes dates as ISO 8601 and multi-line text as ``|`` blocks."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> Any:
        return super().increase_indent(flow, False)

    def ignore_aliases(self, data: Any) -> bool:
        """Never write anchors and aliases: a value used twice is written twice (readers refuse them)."""
        return True


# Characters YAML treats as line breaks or cannot carry; scraped text has them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def clean_text(value: str) -> str:
    """Text safe to store in YAML: control and odd line-break characters become spaces."""
    return _CONTROL.sub(" ", value.replace("\r\n", "\n").replace("\r", "\n"))


_ISO_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?")


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    value = clean_text(value)
    if _ISO_MOMENT.fullmatch(value):  # write dates bare, as people type them; read back as text
        return dumper.represent_scalar("tag:yaml.org,2002:timestamp", value)
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _datetime(dumper: yaml.SafeDumper, value: datetime) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value.isoformat())


def _date(dumper: yaml.SafeDumper, value: date) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value.isoformat())


def _tuple(dumper: yaml.SafeDumper, value: tuple[Any, ...]) -> yaml.Node:
    return dumper.represent_list(list(value))


_Dumper.add_representer(str, _str)
_Dumper.add_representer(datetime, _datetime)
_Dumper.add_representer(date, _date)
_Dumper.add_representer(tuple, _tuple)


MAX_YAML_CHARS = 1_000_000  # a front matter or settings file; real ones are a few KB
MAX_YAML_DEPTH = 32  # nesting of lists and mappings; real ones nest two or three deep
_YAML_HINT = "write plain `key: value` lines (anchors `&` and aliases `*` are not allowed)"


def key_line(text: str, key: str) -> int | None:
    """The line on which a top-level ``key:`` of a YAML text stands (1-based), for errors."""
    found = re.search(rf"^{re.escape(key)}\s*:", text, re.MULTILINE)
    return text.count("\n", 0, found.start()) + 1 if found else None


def _event_line(event: yaml.Event, first_line: int) -> int | None:
    """The file line a parser event starts on (the parser always marks its events)."""
    return event.start_mark.line + first_line if event.start_mark else None


def load_yaml(text: str, path: Path | None = None, *, first_line: int = 1,
              what: str = "document") -> Any:
    """The one YAML reader for text from outside (front matter, sidecars, ``briefgen.yaml``).

    Safe (no Python objects), timestamps left as text (PyYAML would turn
    ``+05:30`` into UTC and lose the zone). Before building anything it walks
    the parser's events and refuses anchors and aliases (a 500-byte "billion
    laughs" document expands to gigabytes), nesting deeper than
    :data:`MAX_YAML_DEPTH`, and text over :data:`MAX_YAML_CHARS`; every error
    names the file and line. ``first_line``: the file line of ``text``'s line 0.
    """
    if len(text) > MAX_YAML_CHARS:
        raise BriefgenError(f"{what} is {len(text):,} characters, over the limit of "
                            f"{MAX_YAML_CHARS:,}", path, first_line,
                            "move long text into the body")
    try:
        depth = 0
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
                raise BriefgenError(f"{what}: YAML anchors and aliases are not allowed", path,
                                    _event_line(event, first_line), _YAML_HINT)
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_YAML_DEPTH:
                    raise BriefgenError(f"{what} nests lists and mappings more than "
                                        f"{MAX_YAML_DEPTH} deep", path,
                                        _event_line(event, first_line), _YAML_HINT)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        # the context mark points at where the broken construct starts (an unclosed "["),
        # which is the line a person must fix
        mark = exc.context_mark or exc.problem_mark
        line = mark.line + first_line if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise BriefgenError(f"{what} YAML error: {problem}", path, line,
                            "fix the YAML on that line (quote values holding ':' or '#')") from exc
    except yaml.YAMLError as exc:
        raise BriefgenError(f"{what} YAML error: {exc}", path, first_line,
                            "fix the YAML syntax") from exc


def split(text: str, path: Path | None = None) -> tuple[dict[str, Any], str, int]:
    """Return ``(front matter, body, line where the body starts)``.

    A file without a front-matter block is all body. YAML errors name the
    line in the file, not in the block.
    """
    text = text.lstrip("\ufeff")
    if not text.startswith("---"):
        return {}, text, 1
    first = _FENCE.match(text)
    if not first:
        return {}, text, 1
    closing = _FENCE.search(text, first.end())
    if not closing:
        raise BriefgenError("front matter has no closing `---` line", path, 1,
                            "end the YAML block with a line holding only ---")
    block = text[first.end():closing.start()]
    body = text[closing.end():].lstrip("\r\n")
    body_line = text.count("\n", 0, closing.end()) + 2
    meta = load_yaml(block, path, first_line=1, what="front matter")
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise BriefgenError("front matter must be a mapping of `key: value` lines", path, 2,
                            f"found a {type(meta).__name__} instead")
    return meta, body, body_line


KEEP_EMPTY = frozenset({"quotes"})


def dump(meta: Mapping[str, Any], body: str) -> str:
    """Serialise front matter and body; ``None`` values and empty lists are left out, but for
    ``quotes: []`` (ingest looked and found none, or a person removed them all: the build must
    not look again)."""
    clean = {k: v for k, v in meta.items() if v not in (None, "", [], (), {}) or k in KEEP_EMPTY}
    body = clean_text(body)
    block = yaml.dump(clean, Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                      width=100, default_flow_style=False)
    return f"---\n{block}---\n\n{body.strip()}\n"


def dump_yaml(value: Any) -> str:
    """The same YAML style for a bare value (used to hash field values stably)."""
    return yaml.dump(value, Dumper=_Dumper, sort_keys=True, allow_unicode=True, width=100)


SUFFIX = ".md"


def is_document(name: str) -> bool:
    """Whether a file name in a content folder is a front-matter document.

    The one rule, for ingest and build alike: ``*.md``, and not a dot-file
    (editors' swap and backup copies such as ``.story.md.swp`` or a hidden
    ``.story-copy.md`` are not content).
    """
    return name.endswith(SUFFIX) and not name.startswith(".")


def documents(folder: Path) -> list[Path]:
    """The front-matter documents directly in ``folder``, sorted by name; none if it is missing."""
    try:
        names = sorted(entry.name for entry in os.scandir(folder) if is_document(entry.name))
    except (FileNotFoundError, NotADirectoryError):
        return []
    return [folder / name for name in names]
