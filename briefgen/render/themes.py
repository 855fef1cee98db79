"""Where templates come from: the project's ``templates/`` over the default theme.

Kept apart from :mod:`briefgen.render.templates` so that the build's
no-change check can list template files without importing Jinja.
"""

from __future__ import annotations

from pathlib import Path

import briefgen


def default_theme() -> Path:
    """The theme shipped in the wheel (``briefgen/theme``), else the repo's ``templates/``."""
    packaged = Path(briefgen.__file__).parent / "theme"
    if packaged.is_dir():
        return packaged
    return Path(briefgen.__file__).resolve().parent.parent / "templates"


def theme_dirs(project_templates: Path) -> list[Path]:
    """Lookup order: the project's own templates first, then the default theme."""
    dirs = []
    if project_templates.is_dir():
        dirs.append(project_templates)
    theme = default_theme()
    if not dirs or theme.resolve() != dirs[0].resolve():
        dirs.append(theme)
    return dirs
