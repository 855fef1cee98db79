"""briefgen.yaml: typed settings, clear errors with file and line, warnings for unknown keys."""

import pytest

from briefgen import config as config_mod
from briefgen.errors import BriefgenError


def _write(tmp_path, text):
    (tmp_path / "briefgen.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def test_defaults_without_a_file(tmp_path):
    cfg = config_mod.load(tmp_path)
    assert cfg.title == "Briefing" and cfg.site == (tmp_path / "site").resolve()


def test_unknown_keys_warn_and_known_keys_are_typed(tmp_path):
    cfg = config_mod.load(_write(tmp_path, "title: Korea desk\nper_page: 5\ncolour: red\n"))
    assert cfg.title == "Korea desk" and cfg.per_page == 5
    assert any("colour" in w for w in cfg.warnings)
    with pytest.raises(BriefgenError, match="per_page must be a whole number") as err:
        config_mod.load(_write(tmp_path, "title: x\nper_page: many\n"))
    assert err.value.line == 2


def test_yaml_errors_name_the_line(tmp_path):
    with pytest.raises(BriefgenError) as err:
        config_mod.load(_write(tmp_path, "title: ok\nentities: [unclosed\n"))
    assert err.value.line == 2 and "briefgen.yaml" in str(err.value)


@pytest.mark.parametrize("value", ["javascript:alert(1)", "https://ex.org/\nX: y", "ftp://ex.org/",
                                   'https://ex.org/"><script>'])
def test_base_url_must_be_a_plain_http_url(tmp_path, value):
    import json
    with pytest.raises(BriefgenError, match="base_url"):
        config_mod.load(_write(tmp_path, f"base_url: {json.dumps(value)}\n"))


@pytest.mark.parametrize("key", ["site_dir", "content_dir", "templates_dir", "cache_dir"])
def test_configured_paths_cannot_leave_the_project(tmp_path, key):
    with pytest.raises(BriefgenError, match="leaves"):
        config_mod.load(_write(tmp_path, f"{key}: ../../elsewhere\n"))
    with pytest.raises(BriefgenError):
        config_mod.load(_write(tmp_path, f"{key}: /etc\n"))


def test_entity_rules(tmp_path):
    cfg = config_mod.load(_write(tmp_path, "entities:\n  ignore: [Reuters]\n  merge:\n    Kim Jong Un: [Kim Jong-un]\n"))
    assert cfg.entities.ignore == ("Reuters",)
    assert cfg.entities.merge == {"Kim Jong Un": ("Kim Jong-un",)}
    with pytest.raises(BriefgenError, match="merge"):
        config_mod.load(_write(tmp_path, "entities:\n  merge: [a, b]\n"))


@pytest.mark.parametrize("text, expected", [
    ("", True),  # no base_url: the site is opened from disk, links name index.html
    ("base_url: ''\n", True),
    ("base_url: https://ex.org/b/\n", False),  # served: clean URLs
    ("base_url: https://ex.org/b/\nrelative_index: true\n", True),
    ("relative_index: false\n", False),
    ("relative_index:\n", True),  # left empty: the default
])
def test_relative_index_defaults_to_disk_unless_served(tmp_path, text, expected):
    assert config_mod.load(_write(tmp_path, "title: x\n" + text)).index_links is expected


def test_relative_index_must_be_true_or_false(tmp_path):
    with pytest.raises(BriefgenError, match="relative_index must be true or false") as err:
        config_mod.load(_write(tmp_path, "title: x\nrelative_index: sometimes\n"))
    assert err.value.line == 2
