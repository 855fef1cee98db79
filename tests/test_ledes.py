"""Stories without a dek are listed with their opening sentences, never a caption or a question."""

from __future__ import annotations

from briefgen.build import prepare
from briefgen.index.ledes import MAX_CHARS, lede


def test_lede_skips_headings_captions_and_questions():
    blocks = ["Operating the business",
              "The far end of the convention floor, shortly after opening Friday. Image: Nick Moreau.",
              "What qualifications do you have that will assist you in executing the duties of president?",
              "Malaysian police yesterday reported an attempted break-in at the morgue. "
              "Kim, the half-brother of the leader, was killed on February 13. More followed."]
    assert lede(blocks) == ("Malaysian police yesterday reported an attempted break-in at the morgue. "
                            "Kim, the half-brother of the leader, was killed on February 13.")
    assert lede(["Too short to count."]) is None


def test_lede_is_cut_at_a_word():
    text = lede(["Officials said " + "the talks would continue " * 30 + "next week."])
    assert text.endswith("…") and len(text) <= MAX_CHARS + 1 and not text[:-1].endswith(" ")


def test_lede_only_for_stories_without_a_dek(make_project):
    prepared = prepare(make_project())
    ledes = prepared.site.ledes
    assert "kim-missiles" not in ledes  # it has a dek
    assert ledes["seoul-drills"] == ("South Korea and the United States will start drills. "
                                     "Pyongyang calls them an invasion rehearsal.")
