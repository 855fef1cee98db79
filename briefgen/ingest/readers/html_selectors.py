"""Where pages put things outside their structured data: XPath selectors as data.

The code that uses them (``html_fields``) ranks the matches and takes the first
that reads as a byline; each selector costs a pass over the page, so there are few.
"""

from __future__ import annotations

from lxml.etree import XPath

# Author and byline elements, found in one pass: microdata and rel=author (the page
# says outright this is the author), or a class or id naming an author or a byline.
BYLINE_CANDIDATES = XPath(
    "//*[@itemprop='author' or @rel='author'"
    " or ((self::a or self::span or self::div or self::p or self::address or self::li or self::strong)"
    " and (contains(@class, 'uthor') or contains(@class, 'yline') or contains(@class, 'byl')"
    " or contains(@id, 'uthor') or contains(@id, 'yline')))]")
# Ranking of the candidates: marked ones first, then by the substrings of class/id,
# most specific first: an "author-name" beats a "byline" box beats an "author" box.
BYLINE_CLASS_RANK: tuple[str, ...] = ("author-name", "author__name", "authorname", "byline__name",
                                      "byline-name", "byline", "byl", "author")
# A match inside one of these is a commenter or a quoted post, not the story's author.
BYLINE_EXCLUDED = XPath(
    "ancestor-or-self::*[contains(@class, 'comment') or contains(@id, 'comment') or self::blockquote"
    " or self::figure or contains(@class, 'related') or self::footer or contains(@class, 'bio')]")
BYLINE_MAX_CHARS = 120

# Pruned before body extraction: hover cards and tooltips that pages nest inside a
# paragraph's text ("Ilhan OmarIlhan OmarHillicon Valley: …"). Inside a paragraph
# only inline elements are valid HTML, so spans are all it takes to check.
BODY_PRUNE = ("//span[contains(@class, 'tooltip') or contains(@class, 'popover')"
              " or contains(@class, 'rollover') or contains(@class, 'hovercard')]")
