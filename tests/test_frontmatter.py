import time

import pytest

from jdlint.frontmatter import FrontMatter, split_front_matter


def test_no_front_matter():
    assert split_front_matter("# Data Scientist\n") == FrontMatter(data={}, end=0, error=None)
    assert split_front_matter("") == FrontMatter()


@pytest.mark.parametrize("eol", ["\n", "\r\n", "\r"])
def test_valid_front_matter_with_any_line_ending(eol):
    text = eol.join(["---", "title: Senior Data Scientist", "role: data-scientist", "team: ads", "---", "Body"])
    front = split_front_matter(text)
    assert front.error is None
    assert front.data == {"title": "Senior Data Scientist", "role": "data-scientist", "team": "ads"}
    assert text[front.end:] == "Body"


def test_end_is_past_the_closing_line_end():
    text = "---\ntitle: x\n---\n\nBody"
    assert split_front_matter(text).end == text.index("\nBody")


def test_closing_with_dots_and_trailing_spaces():
    text = "---  \ntitle: x\n... \t\nBody"
    front = split_front_matter(text)
    assert front.data == {"title": "x"}
    assert text[front.end:] == "Body"


def test_closing_line_at_end_of_text_without_line_end():
    text = "---\ntitle: x\n---"
    assert split_front_matter(text) == FrontMatter(data={"title": "x"}, end=len(text))


def test_no_closing_delimiter_means_no_front_matter():
    assert split_front_matter("---\nWe are hiring.\nMore prose.\n") == FrontMatter()


def test_front_matter_must_start_the_text():
    assert split_front_matter("\n---\ntitle: x\n---\n") == FrontMatter()
    assert split_front_matter(" ---\ntitle: x\n---\n") == FrontMatter()
    assert split_front_matter("-----\ntitle: x\n---\n") == FrontMatter()


def test_empty_front_matter_is_fine():
    text = "---\n---\nBody"
    assert split_front_matter(text) == FrontMatter(data={}, end=8)


def test_invalid_yaml_is_an_error_with_the_file_line():
    text = "---\ntitle: x\nrole: [unclosed\n---\nBody"
    front = split_front_matter(text)
    assert front.data == {}
    assert text[front.end:] == "Body"
    assert front.error.startswith("front matter is not valid YAML: ")
    assert "(line 4, column 1)" in front.error  # lines of the posting, not of the YAML


def test_not_a_mapping_is_an_error():
    front = split_front_matter("---\n- a\n- b\n---\nBody")
    assert front.data == {}
    assert front.error == "front matter is not a mapping of keys to values (found a list)"
    front = split_front_matter("---\nWe are hiring a data scientist.\n---\nBody")
    assert front.error == "front matter is not a mapping of keys to values (found a string)"


def test_alias_bomb_is_refused_quickly():
    lines = ["---", 'a: &a ["x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 10):
        prev, name = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]")
    lines += ["---", "Body"]
    started = time.perf_counter()
    front = split_front_matter("\n".join(lines))
    assert time.perf_counter() - started < 2  # guard only
    assert front.data == {}
    assert front.error == "front matter is not valid YAML: anchors and aliases are not allowed (line 2)"


def test_too_large_and_too_deep():
    big = "---\nnote: " + "x" * (70 * 1024) + "\n---\nBody"
    assert split_front_matter(big).error == "front matter is not valid YAML: larger than 65536 bytes"
    deep = "---\na: " + "[" * 11 + "]" * 11 + "\n---\n"
    assert split_front_matter(deep).error.startswith("front matter is not valid YAML: nested deeper than 10 levels")


def test_known_keys_must_be_strings_and_from_the_vocabulary():
    text = "---\ntitle: 2024\nrole: Data Scientist\nseniority: senior\nlanguage: ko\n---\n"
    front = split_front_matter(text)
    assert front.data == {"seniority": "senior", "language": "ko"}
    assert front.error == (
        "front matter: 'title' must be a string (found a number); "
        "'role' must be one of data-scientist, ml-engineer, data-analyst, data-engineer, "
        "research-scientist, other, unknown (found 'Data Scientist')"
    )


def test_null_known_key_is_kept_as_none():
    assert split_front_matter("---\ntitle:\n---\n").data == {"title": None}


def test_non_string_key_is_an_error():
    front = split_front_matter("---\n1: a\ntitle: x\n---\n")
    assert front.data == {"title": "x"}
    assert front.error == "front matter: key 1 is not a string"


def test_dates_become_iso_strings():
    front = split_front_matter("---\nposted: 2024-03-01\nhistory: [2023-01-02]\n---\n")
    assert front.data == {"posted": "2024-03-01", "history": ["2023-01-02"]}


def test_unclosed_front_matter_scan_is_linear():
    text = "---\n" + "line\n" * 300_000
    started = time.perf_counter()
    assert split_front_matter(text) == FrontMatter()
    assert split_front_matter("---\n" + "\r--- x" * 300_000) == FrontMatter()
    assert time.perf_counter() - started < 10  # guard only
