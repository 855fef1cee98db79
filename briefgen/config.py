"""``briefgen.yaml``: a typed schema with clear errors and warnings for unknown keys.

A config is read once into a frozen :class:`Config` and passed down; no stage
reads or writes settings anywhere else (the regret of Pelican's shared dict).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Mapping

from briefgen import frontmatter
from briefgen.errors import BriefgenError
from briefgen.executors import parse_executor
from briefgen.urls import safe_join

CONFIG_NAME = "briefgen.yaml"


@dataclass(frozen=True)
class EntityRules:
    """Hand rules for entities: names to drop and names to force together."""

    ignore: tuple[str, ...] = ()
    merge: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # canonical → aliases


@dataclass(frozen=True)
class TopicSettings:
    """``topics:`` in briefgen.yaml: whether briefgen's default topics are used."""

    defaults: bool = True  # the broad news subjects of briefgen.index.topic_defaults


@dataclass(frozen=True)
class Config:
    project: Path
    title: str = "Briefing"
    description: str = "A briefing built with briefgen."
    base_url: str = ""  # absolute URL of the published site, for feeds and the sitemap
    # links end in ``…/index.html`` (a site that opens from disk) or in ``…/`` (clean URLs on a
    # server); unset: from disk unless ``base_url`` says where the site is served
    relative_index: bool | None = None
    language: str = "en"
    content_dir: str = "content"
    seeds_dir: str = "seeds"
    templates_dir: str = "templates"
    site_dir: str = "site"
    cache_dir: str = ".briefgen-cache"
    per_page: int = 20  # list pages (entity, topic, archive) are paginated past this
    feed_items: int = 20
    search: bool = True  # run Pagefind over the built site when it is installed
    # where ingest and build run (local, dask, dask://HOST:PORT); not in repr: it never changes
    # a byte of output, so switching it must not make every page look changed
    executor: str = field(default="local", repr=False, compare=False)
    entities: EntityRules = field(default_factory=EntityRules)
    topics: TopicSettings = field(default_factory=TopicSettings)
    warnings: tuple[str, ...] = ()

    def path(self, name: str) -> Path:
        """One of the configured folders, refused if it points outside the project."""
        return safe_join(self.project, getattr(self, name))

    @property
    def index_links(self) -> bool:
        """Whether internal links name ``index.html`` (``relative_index``, or no ``base_url``)."""
        return self.relative_index if self.relative_index is not None else not self.base_url

    @property
    def content(self) -> Path:
        return self.path("content_dir")

    @property
    def seeds(self) -> Path:
        return self.path("seeds_dir")

    @property
    def templates(self) -> Path:
        return self.path("templates_dir")

    @property
    def site(self) -> Path:
        return self.path("site_dir")

    @property
    def cache(self) -> Path:
        return self.path("cache_dir")


_SCALARS = {f.name: f for f in fields(Config) if f.name not in ("project", "entities", "topics",
                                                                 "warnings")}


def load(project: Path, overrides: Mapping[str, Any] | None = None) -> Config:
    """Read ``briefgen.yaml`` (optional) from ``project``; unknown keys become warnings."""
    project = Path(project).resolve()
    path = project / CONFIG_NAME
    raw: dict[str, Any] = {}
    if path.exists():
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise BriefgenError("not UTF-8 text", path, hint="save briefgen.yaml as UTF-8") from exc
        loaded = frontmatter.load_yaml(text, path, first_line=1, what="settings")
        if loaded is None:
            loaded = {}
        if not isinstance(loaded, dict):
            raise BriefgenError("must be a mapping of settings", path,
                                hint="write `title: My briefing` style key: value lines")
        raw = loaded
    raw.update(overrides or {})
    return _from_mapping(project, raw, path)


def _from_mapping(project: Path, raw: Mapping[str, Any], path: Path) -> Config:
    values: dict[str, Any] = {}
    warnings: list[str] = []
    for key, value in raw.items():
        if key == "entities":
            values["entities"] = _entity_rules(value, path)
        elif key == "topics":
            values["topics"] = _topic_settings(value, path)
        elif key in _SCALARS:
            values[key] = _check_type(key, value, _SCALARS[key].type, path)
        else:
            warnings.append(f"{path}: unknown setting {key!r} ignored")
    config = Config(project=project, warnings=tuple(warnings), **values)
    for name in ("content_dir", "seeds_dir", "templates_dir", "site_dir", "cache_dir"):
        try:
            config.path(name)
        except BriefgenError as exc:
            raise BriefgenError(f"{name}: {exc.message}", path, hint=exc.hint) from exc
    if config.base_url and not re.fullmatch(r"https?://[^\s\"'<>\\]+", config.base_url):
        raise BriefgenError(f"base_url must be an http(s) URL, not {config.base_url!r}", path,
                            hint="e.g. base_url: https://example.org/briefing/")
    if config.per_page < 1 or config.feed_items < 1:
        raise BriefgenError("per_page and feed_items must be at least 1", path)
    try:
        parse_executor(config.executor)
    except ValueError as exc:
        raise BriefgenError(str(exc), path, _line_of("executor", path),
                            "e.g. executor: dask://scheduler.example:8786") from exc
    return config


def _check_type(key: str, value: Any, annotation: Any, path: Path) -> Any:
    kind = str(annotation)
    if kind.endswith(" | None"):  # optional: left empty (null) means the default
        if value is None:
            return None
        kind = kind.removesuffix(" | None")
    expected, words = {"str": (str, "text"), "int": (int, "a whole number"),
                       "bool": (bool, "true or false")}[kind]
    if expected is int and isinstance(value, bool) or not isinstance(value, expected):
        line = _line_of(key, path)
        raise BriefgenError(f"{key} must be {words}, not {value!r}", path, line)
    return value


def _line_of(key: str, path: Path) -> int | None:
    try:
        for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.match(rf"{re.escape(key)}\s*:", text):
                return number
    except OSError:
        pass
    return None


def _entity_rules(value: Any, path: Path) -> EntityRules:
    if value is None:
        return EntityRules()
    if not isinstance(value, dict):
        raise BriefgenError("entities must be a mapping with `ignore` and `merge`", path)
    ignore = value.get("ignore") or []
    merge = value.get("merge") or {}
    if not isinstance(ignore, list) or not all(isinstance(x, str) for x in ignore):
        raise BriefgenError("entities.ignore must be a list of names", path)
    if not isinstance(merge, dict) or not all(
            isinstance(k, str) and isinstance(v, list) and all(isinstance(a, str) for a in v)
            for k, v in merge.items()):
        raise BriefgenError("entities.merge must map a name to a list of its aliases", path,
                            hint="e.g. merge: {Kim Jong Un: [Kim Jong-un, Kim]}")
    return EntityRules(ignore=tuple(ignore), merge={k: tuple(v) for k, v in merge.items()})


def _topic_settings(value: Any, path: Path) -> TopicSettings:
    if value is None:
        return TopicSettings()
    if not isinstance(value, dict):
        raise BriefgenError("topics must be a mapping, e.g. `topics: {defaults: false}`", path,
                            _line_of("topics", path))
    unknown = sorted(str(k) for k in value if k != "defaults")
    if unknown:
        raise BriefgenError(f"topics: unknown setting {unknown[0]!r}", path, _line_of("topics", path),
                            "the one setting is `defaults: true` or `defaults: false`")
    defaults = value.get("defaults", True)
    if not isinstance(defaults, bool):
        raise BriefgenError(f"topics.defaults must be true or false, not {defaults!r}", path,
                            _line_of("topics", path))
    return TopicSettings(defaults=defaults)


def publishing_warnings(config: Config) -> list[str]:
    """What a site built with ``config`` lacks once published (``build`` and ``check`` say so)."""
    if config.base_url:
        return []
    return [f"{config.project / CONFIG_NAME}: base_url is not set, so there is no sitemap.xml "
            "and feed links are relative: set `base_url: https://…` in briefgen.yaml, the address "
            "the site is published at (e.g. base_url: https://example.org/briefing/)"]


def with_overrides(config: Config, **changes: Any) -> Config:
    return replace(config, **changes)
