"""Readers, one per input kind, in a registry keyed by kind.

Each reader is a pure function ``RawDoc → Extracted``. They share the cleaning
and metadata layer (``briefgen.ingest.clean``, ``dates``, ``metadata``) rather
than copying rules between them.
"""

from __future__ import annotations

from importlib import import_module
from typing import Callable

from briefgen.errors import BriefgenError
from briefgen.model import Extracted, RawDoc

Reader = Callable[[RawDoc], Extracted]

# kind → "module:function"; imported on first use so a reader's heavy
# dependency (trafilatura, lxml) costs nothing to a run that never needs it.
REGISTRY: dict[str, str] = {
    "html": "briefgen.ingest.readers.html:read_html",
    "text": "briefgen.ingest.readers.text:read_text",
    "markdown": "briefgen.ingest.readers.markdown:read_markdown",
}


def reader_for(kind: str) -> Reader:
    try:
        module_name, func = REGISTRY[kind].split(":")
    except KeyError:
        raise BriefgenError(f"no reader for {kind!r} files") from None
    try:
        module = import_module(module_name)
    except ImportError as exc:  # an optional dependency is missing
        raise BriefgenError(f"the {kind} reader needs {exc.name}",
                            hint=f"pip install {exc.name}") from exc
    reader: Reader = getattr(module, func)
    return reader


def extract(raw: RawDoc) -> Extracted:
    """Run the reader for ``raw.kind``; errors are tagged with the raw file's path."""
    try:
        return reader_for(raw.kind)(raw)
    except BriefgenError as exc:
        raise exc.with_path(raw.path) from None
