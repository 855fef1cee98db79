"""Turning the indexed site into bytes: Markdown, templates, page plan, feeds, timelines.

Nothing here reads ``content/`` or writes ``site/``; :mod:`briefgen.build` does
the I/O and hands these modules plain records.
"""
