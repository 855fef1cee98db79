"""Where each kind of page lives: one function per page kind, site-relative URLs.

URLs end in ``/`` for pages (written as ``…/index.html``) and name the file
for feeds. Templates never build URLs by hand; they call these and
:func:`briefgen.urls.relative_url` through the ``link`` global.
"""

from __future__ import annotations

HOME = ""


def article(slug: str) -> str:
    return f"articles/{slug}/"


def entity(slug: str) -> str:
    return f"entities/{slug}/"


def story(slug: str) -> str:
    return f"stories/{slug}/"


def storyline(slug: str) -> str:
    return f"storylines/{slug}/"


STORIES = "stories/"  # the list of every story


def topic(slug: str) -> str:
    return f"topics/{slug}/"


def source(slug: str) -> str:
    return f"sources/{slug}/"


def month(key: str) -> str:
    """``2023-08`` → ``archive/2023/08/``; stories with no date are in ``archive/undated/``."""
    if "-" not in key:
        return f"archive/{key}/"
    year, mon = key.split("-")
    return f"archive/{year}/{mon}/"


def letter(taxonomy: str, initial: str) -> str:
    return f"{taxonomy}/a-z/{initial}/"


def page(base: str, number: int) -> str:
    """Page ``number`` of a paginated list at ``base`` (page 1 is ``base`` itself)."""
    return base if number <= 1 else f"{base}page/{number}/"


def feed(base: str) -> str:
    return f"{base}feed.xml"


def output_path(url: str) -> str:
    """The file a URL is written to, relative to the site folder."""
    return f"{url}index.html" if url == "" or url.endswith("/") else url


def initial(slug: str) -> str:
    """The A–Z bucket of a slug: its first letter, or ``0-9`` for digits."""
    first = slug[:1]
    return first if first.isalpha() else "0-9"


class Routes:
    """The same functions as an object, handed to templates as ``urls``."""

    home = HOME
    article = staticmethod(article)
    entity = staticmethod(entity)
    topic = staticmethod(topic)
    story = staticmethod(story)
    storyline = staticmethod(storyline)
    stories = STORIES
    source = staticmethod(source)
    month = staticmethod(month)
    letter = staticmethod(letter)
    page = staticmethod(page)
    feed = staticmethod(feed)
