"""The commands' own work beyond build and ingest: ``check``, ``init``, ``entities``, progress output.

:mod:`briefgen.cli` parses arguments and calls into these; none of them holds
pipeline logic of its own.
"""
