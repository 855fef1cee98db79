"""Ingest: raw files in ``seeds/`` → front-matter Markdown in ``content/articles/``.

``rawdoc`` reads and decodes, ``readers`` extract body and metadata per input
kind, ``metadata`` layers what is known (sidecar over extraction), the
``briefgen.entities`` package finds names, ``record`` writes content files
without clobbering hand edits, and ``pipeline`` orchestrates.
"""
