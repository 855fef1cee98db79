"""briefgen: saved news articles in, a cross-linked static briefing site out.

Two programs share one contract, the front-matter Markdown files in
``content/``: ingest (slow, run rarely, cached by content hash) writes them,
build (fast, run on every save) reads them.
"""

__version__ = "0.1.0"
