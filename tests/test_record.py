"""Re-ingest merges field by field: untouched fields refresh, hand edits survive."""

from briefgen import frontmatter
from briefgen.ingest.record import Record, merge


def _record(**fields):
    body = fields.pop("body", "First paragraph.\n\nSecond paragraph.")
    base = {"title": "Kim Jong Un orders increased missile production", "dek": "Experts say…",
            "topics": ["North Korea"], "published": "2023-08-14T09:03:00+05:30"}
    base.update(fields)
    return Record(fields=base, body=body, source={"path": "seeds/a.txt", "sha256": "00"},
                  provenance={"title": "text:line 1"})


def _parse(text):
    meta, body, _ = frontmatter.split(text)
    return meta, body


def test_same_input_gives_same_file():
    first = _record().render()
    meta, body = _parse(first)
    result = merge(_record(), meta, body)
    assert result.text == first
    assert result.kept == () and result.conflicts == ()


def test_untouched_field_is_refreshed_from_a_changed_source():
    meta, body = _parse(_record().render())
    result = merge(_record(dek="A better dek"), meta, body)
    new_meta, _ = _parse(result.text)
    assert new_meta["dek"] == "A better dek"
    assert result.kept == ()


def test_hand_edited_field_and_body_are_kept_and_reported():
    text = _record().render()
    text = text.replace("title: Kim Jong Un orders increased missile production",
                        "title: Kim orders more missiles")
    text = text.replace("Second paragraph.", "Second paragraph, corrected by hand.")
    meta, body = _parse(text)
    result = merge(_record(title="Kim Jong Un orders missile production boost"), meta, body)
    new_meta, new_body = _parse(result.text)
    assert new_meta["title"] == "Kim orders more missiles"
    assert "corrected by hand" in new_body
    assert set(result.kept) == {"title", "body"}
    assert result.conflicts == ("title",)  # the source's title changed under the edit
    # the edit stays detected on the next re-ingest too
    again = merge(_record(title="Kim Jong Un orders missile production boost"), *_parse(result.text))
    assert _parse(again.text)[0]["title"] == "Kim orders more missiles"
    assert again.text == result.text


def test_field_added_by_hand_survives_and_deleted_field_stays_deleted():
    text = _record().render()
    text = text.replace("dek: Experts say…\n", "")
    text = text.replace("---\n\n", "notes: checked against the AP wire\n---\n\n", 1)
    meta, body = _parse(text)
    result = merge(_record(dek="New dek"), meta, body)
    new_meta, _ = _parse(result.text)
    assert "dek" not in new_meta
    assert new_meta["notes"] == "checked against the AP wire"
