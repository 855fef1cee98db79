"""Name matching gives the same matches whichever way it looks names up (few names: one
``str.find`` per name; many: an index by first word), and stays linear in many names."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from briefgen.index.surfaces import FEW, surface_finder

WORDS = ["Kim", "Jong", "Un", "Kimchi", "North", "Korea", "KCNA", "_x", "é", "(AP)", "U.S.",
         "Seoul", "-", "'s", "Ünal", "42"]
names = st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(" ".join),
                 min_size=1, max_size=80)
texts = st.lists(st.tuples(st.sampled_from([" ", "", ",", ".", "\n"]), st.sampled_from(WORDS)),
                 max_size=80).map(lambda parts: "".join(a + b for a, b in parts))


@settings(max_examples=400, deadline=None)
@given(names, texts)
def test_indexed_lookup_finds_exactly_what_the_plain_scan_finds(surfaces, text):
    finder = surface_finder(surfaces)
    assert finder is not None
    assert sorted(finder._indexed(text)) == sorted(finder._all(text))


def test_thousands_of_names_are_matched_by_word_not_by_name():
    names = [f"Zorba{i} Quill{i}" for i in range(20_000)]
    finder = surface_finder(names)
    assert finder is not None and len(finder.names) > FEW
    text = " ".join(f"{n} spoke." for n in names[::997])
    found = [m.name for m in finder.finditer(text)]
    assert found == names[::997]
