"""Finding, loading and validating .jdlint.yaml / [tool.jdlint]."""
from __future__ import annotations


import pytest

from conftest import make_rule
from jdlint.config import (
    Config, ConfigError, check_rule_ids, find_config, glob_matches, load_config,
    resolve_selector,
)

RULES = (make_rule("JD101", "missing-core-skill"), make_rule("JD102", "other-core"),
         make_rule("JD301", "elite-credential"))


def test_walks_up_to_the_closest_file(tmp_path):
    (tmp_path / ".jdlint.yaml").write_text("fail-on: warning\n")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert find_config(deep) == tmp_path / ".jdlint.yaml"


def test_yaml_wins_over_pyproject_in_one_folder(tmp_path):
    (tmp_path / ".jdlint.yaml").write_text("{}\n")
    (tmp_path / "pyproject.toml").write_text("[tool.jdlint]\nfail-on = 'info'\n")
    assert find_config(tmp_path) == tmp_path / ".jdlint.yaml"


def test_pyproject_without_the_table_is_skipped(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.jdlint]\nfail-on = 'info'\n")
    inner = tmp_path / "inner"
    inner.mkdir()
    (inner / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    found = find_config(inner)
    assert found == tmp_path / "pyproject.toml"
    assert load_config(found).fail_on == "info"


def test_no_file_is_no_config(tmp_path):
    # tmp_path's parents could hold a config only on a strange machine
    found = find_config(tmp_path)
    assert found is None or tmp_path not in found.parents


def test_all_keys(tmp_path):
    (tmp_path / ".jdlint.yaml").write_text(
        "select: [JD1, elite-credential]\n"
        "extend-select: JD301\n"
        "ignore: [JD102]\n"
        "rules: {JD101: {max-areas: 10, severity: warning}}\n"
        "per-file-ignores: {'templates/*.md': [JD101]}\n"
        "exclude: ['drafts/**']\n"
        "fail-on: warning\n"
        "encoding: cp1252\n"
        "max-size: 1000\n"
        "extra-rules: [house-rules]\n"
        "extra-taxonomy: [taxonomy]\n"
        "require-filled: true\n"
        "jobs: 2\n")
    config = load_config(tmp_path / ".jdlint.yaml")
    assert config.select == ("JD1", "elite-credential")
    assert config.extend_select == ("JD301",)
    assert config.rules == {"JD101": {"max-areas": 10, "severity": "warning"}}
    assert config.fail_on == "warning" and config.encoding == "cp1252"
    assert config.max_size == 1000 and config.require_filled is True and config.jobs == 2
    assert config.extra_rules == (tmp_path.resolve() / "house-rules",)
    assert config.extra_taxonomy == (tmp_path.resolve() / "taxonomy",)
    assert config.ignored_for(str(tmp_path / "templates" / "a.md")) == ("JD101",)
    assert config.ignored_for(str(tmp_path / "postings" / "a.md")) == ()
    check_rule_ids(config, RULES)


@pytest.mark.parametrize("text, key", [
    ("colour: red\n", "colour"),
    ("select: 3\n", "select"),
    ("fail-on: fatal\n", "fail-on"),
    ("max-size: big\n", "max-size"),
    ("max-size: true\n", "max-size"),
    ("rules: {JD101: {severity: fatal}}\n", "rules.JD101.severity"),
    ("rules: [JD101]\n", "rules"),
    ("per-file-ignores: {'*.md': 3}\n", "per-file-ignores.*.md"),
    ("encoding: klingon\n", "encoding"),
    ("require-filled: maybe\n", "require-filled"),
    ("jobs: -1\n", "jobs"),
    ("jobs: many\n", "jobs"),
])
def test_mistakes_name_the_file_and_the_key(tmp_path, text, key):
    path = tmp_path / ".jdlint.yaml"
    path.write_text(text)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(path) in str(caught.value) and key in str(caught.value)


def test_anchors_are_refused(tmp_path):
    path = tmp_path / ".jdlint.yaml"
    path.write_text("select: &a [JD1]\nignore: *a\n")
    with pytest.raises(ConfigError, match=str(path)):
        load_config(path)


def test_not_a_mapping(tmp_path):
    path = tmp_path / ".jdlint.yaml"
    path.write_text("- JD101\n")
    with pytest.raises(ConfigError, match="mapping"):
        load_config(path)


def test_bad_toml(tmp_path):
    path = tmp_path / "pyproject.toml"
    path.write_text("[tool.jdlint\n")
    with pytest.raises(ConfigError, match="TOML"):
        load_config(path)


@pytest.mark.parametrize("text, key", [
    ("rules: {JD999: {severity: error}}\n", "rules.JD999"),
    ("ignore: [JD9]\n", "ignore"),
    ("select: [no-such-rule]\n", "select"),
    ("per-file-ignores: {'*.md': [JD777]}\n", "per-file-ignores.*.md"),
])
def test_unknown_rules_name_the_key(tmp_path, text, key):
    path = tmp_path / ".jdlint.yaml"
    path.write_text(text)
    with pytest.raises(ConfigError) as caught:
        check_rule_ids(load_config(path), RULES)
    assert str(path) in str(caught.value) and key in str(caught.value)


def test_selectors():
    assert resolve_selector("JD1", RULES) == ("JD101", "JD102")
    assert resolve_selector("jd301", RULES) == ("JD301",)
    assert resolve_selector("elite-credential", RULES) == ("JD301",)
    assert resolve_selector("ALL", RULES) == ("JD101", "JD102", "JD301")
    assert resolve_selector("nothing", RULES) == ()


@pytest.mark.parametrize("path, glob, expected", [
    ("templates/a.md", "templates/*.md", True),
    ("templates/sub/a.md", "templates/**", True),
    ("a/b/draft.md", "draft.md", True),
    ("a/drafts/x.md", "drafts", True),
    ("a/b/c.md", "**/c.md", True),
    ("c.md", "**/c.md", True),
    ("postings/a.md", "templates/*.md", False),
])
def test_globs(path, glob, expected):
    assert glob_matches(path, glob) is expected


def test_default_config_is_empty():
    config = Config()
    assert config.path is None and config.select == () and config.fail_on is None


def test_the_example_config_is_valid():
    from conftest import REPO

    from jdlint.rules import load_rules, select_rules

    path = REPO / "examples" / "jdlint.yaml"
    config = load_config(path)
    rules = load_rules()
    check_rule_ids(config, (*rules, make_rule("JD004", "unfilled-placeholder")))
    select_rules(rules, ignore=config.ignore, overrides=config.rules)
