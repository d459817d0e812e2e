import re
import time

import pytest
import yaml

from jdlint import yamlsafe
from jdlint.yamlsafe import YamlError, load_yaml


def _error(text, **kwargs):
    with pytest.raises(YamlError) as info:
        load_yaml(text, what="test.yaml", **kwargs)
    return info.value


def test_loads_plain_yaml():
    text = "area: statistics\nskills:\n  - id: t-test\n    aliases: {en: [t-test, t test]}\n"
    assert load_yaml(text, what="x") == {
        "area": "statistics",
        "skills": [{"id": "t-test", "aliases": {"en": ["t-test", "t test"]}}],
    }


def test_empty_document_is_none():
    assert load_yaml("", what="x") is None
    assert load_yaml("# only a comment\n", what="x") is None


def test_uses_the_c_loader_when_pyyaml_has_it():
    if getattr(yaml, "CSafeLoader", None) is None:
        pytest.skip("PyYAML built without libyaml")
    assert yamlsafe._LOADER is yaml.CSafeLoader


def test_message_is_one_line_naming_what_and_line():
    error = _error("a: 1\nb: [1, 2\nc: 3\n")
    assert "\n" not in str(error)
    assert str(error).startswith("test.yaml: ")
    assert error.what == "test.yaml"
    assert error.line is not None and error.line >= 2
    assert f"(line {error.line}" in error.reason


def test_first_line_shifts_line_numbers():
    error = _error("a: 1\nb: b: c\n", first_line=2)
    assert error.line == 3


def test_anchor_and_alias_are_refused():
    error = _error("base: &b {x: 1}\nother: *b\n")
    assert error.reason == "anchors and aliases are not allowed (line 1)"
    assert error.line == 1


def test_anchor_without_alias_is_refused_too():
    assert "anchors and aliases" in _error("a: &x 1\n").reason


def test_alias_bomb_is_refused_quickly():
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 12):
        prev, name = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]")
    started = time.perf_counter()
    error = _error("\n".join(lines))
    assert "anchors and aliases are not allowed" in error.reason
    assert time.perf_counter() - started < 2  # guard only; it takes milliseconds


def test_size_limit_counts_utf8_bytes():
    text = "a: " + "가" * 30  # 3 + 90 bytes
    assert load_yaml(text, what="x", max_bytes=93) == {"a": "가" * 30}
    assert _error(text, max_bytes=92).reason == "larger than 92 bytes"


def test_depth_limit():
    nested = "[" * 21 + "]" * 21
    assert _error(nested, max_depth=20).reason == "nested deeper than 20 levels (line 1)"
    assert load_yaml("[" * 20 + "]" * 20, what="x", max_depth=20) == [[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]


def test_block_nesting_depth_counts_too():
    text = "a:\n  b:\n    c: 1\n"
    assert load_yaml(text, what="x", max_depth=3) == {"a": {"b": {"c": 1}}}
    # the third mapping starts where its first key is, on line 3
    assert _error(text, max_depth=2).reason == "nested deeper than 2 levels (line 3)"


def test_very_deep_flow_nesting_is_an_error_not_a_crash():
    error = _error("[" * 100_000 + "]" * 100_000)
    # libyaml's scanner, which reads ahead of the events, stops at 1000 levels
    # before our check at 20 sees them; the pure-Python loader reaches ours
    assert re.search(r"nested deeper than 20 levels|exceeded maximum nesting depth", error.reason)


def test_duplicate_keys_are_refused():
    assert _error("a: 1\nb: 2\na: 3\n").reason == "duplicate key 'a' (line 3)"
    nested = "rules:\n  - id: x\n    id: y\n  - id: z\n"
    assert _error(nested).reason == "duplicate key 'id' (line 3)"


def test_same_key_in_sibling_mappings_is_fine():
    assert load_yaml("- id: 1\n- id: 2\n", what="x") == [{"id": 1}, {"id": 2}]
    assert load_yaml("a: {k: 1}\nb: {k: 2}\nk: 3\n", what="x") == {"a": {"k": 1}, "b": {"k": 2}, "k": 3}


def test_value_equal_to_a_key_is_not_a_duplicate():
    assert load_yaml("a: a\nb: a\n", what="x") == {"a": "a", "b": "a"}


def test_more_than_one_document_is_refused():
    assert _error("a: 1\n---\nb: 2\n").reason == "more than one YAML document (line 2)"


def test_python_tags_are_refused():
    error = _error("!!python/object/apply:os.system ['true']\n")
    assert "could not determine a constructor" in error.reason


def test_impossible_date_is_a_yaml_error_not_a_value_error():
    assert "cannot load a value" in _error("posted: 2020-13-45\n").reason


def test_unhashable_key_is_a_yaml_error():
    assert "unhashable key" in _error("? [a, b]\n: 1\n").reason


def test_control_character_is_reported_with_its_line():
    assert _error("a: 1\nb: x\x00y\n").reason == (
        "unacceptable character #x0000: control characters are not allowed (line 2)"
    )


def test_large_file_loads_fast_enough():
    parts = ["area: statistics\nskills:\n"]
    for i in range(2000):
        parts.append(f"  - id: skill-{i}\n    label: Skill {i} & *more*\n    aliases:\n      en: [alias {i}, other {i}]\n")
    text = "".join(parts)
    started = time.perf_counter()
    data = load_yaml(text, what="x", max_bytes=10 * 1024 * 1024)
    assert len(data["skills"]) == 2000
    assert data["skills"][1999]["label"] == "Skill 1999 & *more*"
    assert time.perf_counter() - started < 5  # guard only


def test_pure_python_loader_refuses_the_same(monkeypatch):
    monkeypatch.setattr(yamlsafe, "_LOADER", yaml.SafeLoader)
    assert _error("a: &x 1\nb: *x\n").reason == "anchors and aliases are not allowed (line 1)"
    assert _error("[" * 25 + "]" * 25).reason == "nested deeper than 20 levels (line 1)"
    assert _error("a: 1\na: 2\n").reason == "duplicate key 'a' (line 2)"
    assert load_yaml("a: [1, {b: c}]\n", what="x") == {"a": [1, {"b": "c"}]}
