"""Entities: people, organisations and places.

``extract`` finds them in one article (offline: rules, cue words and
gazetteers from installed packages, no model downloads); ``resolve`` merges
the names of all articles and the hand-curated ``content/entities/`` files
into the site's entity list.
"""
