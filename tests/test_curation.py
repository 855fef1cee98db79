"""Hand curation on the real example site: content/entities/*.md wins over extraction."""

from __future__ import annotations

import html
import re


def _page(cfg, slug: str) -> str:
    return (cfg.site / "entities" / slug / "index.html").read_text(encoding="utf-8")


def test_curated_entity_shows_description_and_aliases(example_site):
    page = _page(example_site, "kim-jong-un")
    text = html.unescape(re.sub(r"<[^>]+>", " ", page))
    assert "Supreme leader of North Korea since December 2011" in text
    assert "<strong>Kim Jong Il</strong>" in page  # the description is Markdown
    assert "Kim Jong-eun" in text  # a curated alias no article uses
    assert "Kim Jong-un" in text  # an alias found in the 2012 and 2015 stories


def test_curated_not_keeps_the_three_kims_apart(example_site):
    for slug in ("kim-jong-un", "kim-jong-nam", "kim-jong-il"):
        assert (example_site.site / "entities" / slug / "index.html").is_file()
    nam = _page(example_site, "kim-jong-nam")
    assert "Kim Jong Nam" in nam and "Supreme leader" not in nam


def test_curated_acronym_page_lists_the_seed(example_site):
    page = _page(example_site, "korean-central-news-agency")
    assert "North Korea's state news agency" in page
    assert "Kim Jong Un orders increased missile production" in page
    assert "<mark>KCNA</mark>" in page or "<mark>Korean Central News Agency</mark>" in page
