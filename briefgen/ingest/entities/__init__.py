"""Entity extraction at ingest: people, organisations and places in one article.

Offline (rules, cue words and gazetteers from installed packages, no model
downloads). Merging the names of all articles into the site's entity list is
the build's job: :mod:`briefgen.index.resolve`.
"""
