import time

import pytest

from jdlint.markdown import first_h1, mask
from jdlint.model import Comment


def _masked(text, start=0):
    masked, _ = mask(text, start)
    assert len(masked) == len(text)
    # line ends never move
    assert [i for i, c in enumerate(masked) if c in "\r\n"] == [i for i, c in enumerate(text) if c in "\r\n"]
    return masked


def test_plain_prose_is_unchanged():
    text = "# Data Scientist\n\n- Python and SQL\n- 3+ years\n"
    assert mask(text) == (text, ())


def test_empty_text():
    assert mask("") == ("", ())


def test_everything_before_start_is_masked():
    text = "---\ntitle: x\n---\nBody\n"
    start = text.index("Body")
    assert _masked(text, start) == "   \n        \n   \nBody\n"


def test_fenced_code_block_is_masked_with_its_fences():
    text = "Intro\n```python\nimport pandas\n```\nAfter\n"
    assert _masked(text) == "Intro\n         \n             \n   \nAfter\n"


def test_tilde_fence_and_longer_closing_fence():
    text = "a\n~~~~\ncode\n~~~~~~\nb"
    assert _masked(text) == "a\n    \n    \n      \nb"


def test_fence_closes_only_on_same_character_and_enough_of_it():
    text = "```\nx\n~~~\n``\ny\n```\nz"
    assert _masked(text) == "   \n \n   \n  \n \n   \nz"


def test_unclosed_fence_runs_to_end_of_text():
    text = "Prose\n```\ncode\nmore code"
    assert _masked(text) == "Prose\n   \n    \n         "


def test_indented_fence_in_a_list_item():
    text = "- item\n    ```\n    code\n    ```\n- next\n"
    assert _masked(text) == "- item\n       \n        \n       \n- next\n"


def test_backtick_fence_info_with_backtick_is_inline_code_not_a_fence():
    text = "```a``` b\nnext line"
    assert _masked(text) == "        b\nnext line"


def test_indented_code_is_not_masked():
    text = "- Requirements:\n\n      Python, SQL and statistics\n"
    assert _masked(text) == text


@pytest.mark.parametrize("eol", ["\n", "\r\n", "\r"])
def test_fences_with_any_line_ending(eol):
    text = eol.join(["Prose", "```", "code", "```", "After"])
    masked = _masked(text)
    assert masked.startswith("Prose") and masked.endswith("After")
    assert "code" not in masked and "`" not in masked


def test_inline_code_span():
    assert _masked("Use `pandas` daily") == "Use          daily"


def test_double_backtick_span_may_hold_a_single_backtick():
    assert _masked("a ``x ` y`` b") == "a           b"


def test_code_span_may_cross_a_line_but_not_a_paragraph():
    assert _masked("a `x\ny` b") == "a   \n   b"
    assert _masked("a `x\n\ny` b") == "a `x\n\ny` b"


def test_unmatched_backticks_are_text():
    assert _masked("one ` tick and `` two") == "one ` tick and `` two"


def test_runs_must_have_the_same_length():
    assert _masked("``a` b``") == "        "
    assert _masked("`a`` b") == "`a`` b"


def test_escaped_backtick_does_not_open_a_span():
    assert _masked(r"a \`not code\` b") == r"a \`not code\` b"


def test_backtick_between_letters_is_an_apostrophe():
    text = "Ke`aki Technologies and Alaka`ina Foundation; Master`s degree"
    assert _masked(text) == text


def test_html_comment_is_masked_and_returned():
    text = "Skills <!-- jdlint-disable JD301 --> here"
    masked, comments = mask(text)
    assert masked == "Skills                               here"
    assert comments == (Comment(start=7, end=36, body="jdlint-disable JD301"),)
    assert text[7:36] == "<!-- jdlint-disable JD301 -->"


def test_multi_line_comment_keeps_line_ends():
    text = "a\r\n<!--\r\nhidden\r\n\r\nstill -->\r\nb"
    masked, comments = mask(text)
    assert masked == "a\r\n    \r\n      \r\n\r\n         \r\nb"
    assert comments[0].body == "hidden\r\n\r\nstill"


def test_unclosed_comment_runs_to_end():
    text = "a <!-- never closed\nb"
    masked, comments = mask(text)
    assert masked == "a                  \n "
    assert comments == (Comment(start=2, end=len(text), body="never closed\nb"),)


def test_shortest_comments():
    masked, comments = mask("a<!-->b<!--->c<!---->d")
    assert masked == "a     b      c       d"
    assert [c.body for c in comments] == ["", "", ""]


def test_fence_inside_a_comment_is_not_a_fence():
    text = "<!--\n```\n-->\nVisible\n"
    assert _masked(text) == "    \n   \n   \nVisible\n"


def test_comment_inside_code_is_code():
    text = "```\n<!-- x -->\n```\n"
    masked, comments = mask(text)
    assert comments == ()
    assert masked.strip() == ""
    assert mask("`<!--` text")[1] == ()
    assert mask("`<!--` text")[0] == "       text"


def test_code_span_inside_a_comment_is_comment():
    masked, comments = mask("<!-- `x` --> y")
    assert masked == "             y"
    assert comments[0].body == "`x`"


def test_several_comments_in_order():
    text = "<!-- jdlint-disable JD101 -->\ntext\n<!-- jdlint-enable -->\n"
    _, comments = mask(text)
    assert [c.body for c in comments] == ["jdlint-disable JD101", "jdlint-enable"]
    assert [text[c.start:c.end] for c in comments] == ["<!-- jdlint-disable JD101 -->", "<!-- jdlint-enable -->"]


def test_comments_before_start_are_not_returned():
    text = "---\nx: '<!-- a -->'\n---\nbody"
    assert mask(text, text.index("body"))[1] == ()


def test_unicode_text_keeps_length():
    text = "자격요건 `SQL` 😀 <!-- 메모 -->\n経験"
    masked = _masked(text)
    assert masked == "자격요건       😀            \n経験"


# --- hostile input: each must be linear; time is a loose guard only (about
# 1 MB each: linear work takes well under a second, a quadratic scan minutes)

def _timed_mask(text):
    started = time.perf_counter()
    masked, comments = mask(text)
    elapsed = time.perf_counter() - started
    assert len(masked) == len(text)
    assert elapsed < 10, f"mask took {elapsed:.1f}s"
    return masked, comments


def test_hostile_many_backtick_runs_of_distinct_lengths():
    text = " x ".join("`" * n for n in range(1, 1500))  # ~1.1M backticks, one line
    _timed_mask(text)


def test_hostile_many_unmatched_single_backticks():
    masked, _ = _timed_mask("`" + " a``" * 300_000)
    assert masked.startswith("`")


def test_hostile_very_long_line_and_many_lines():
    _timed_mask("word " * 200_000)
    _timed_mask("- item\n" * 150_000)
    _timed_mask("a `b\r\n\r\n" * 100_000)


def test_hostile_deeply_nested_list():
    text = "".join("  " * depth + "- item `x`\n" for depth in range(1000))
    masked, _ = _timed_mask(text)
    assert "`" not in masked


def test_hostile_many_comment_openers():
    masked, comments = _timed_mask("<!--" * 200_000)
    assert len(comments) == 1  # the first never closes


def test_hostile_many_fences():
    masked, _ = _timed_mask("```\n~~~\n" * 100_000)
    assert masked.strip() == ""


def test_hostile_backslashes():
    _timed_mask("\\" * 500_000 + "`a`")


# --- first_h1 ---

def test_first_h1_atx():
    assert first_h1("Intro\n\n# Senior Data Scientist\n\n## Requirements\n# Other") == "Senior Data Scientist"


def test_first_h1_ignores_h2_and_hashtags_and_deep_indent():
    assert first_h1("## Requirements\n#hiring\n    # code\n") is None


def test_first_h1_strips_closing_hashes_but_not_csharp():
    assert first_h1("#  Data Scientist ##  ") == "Data Scientist"
    assert first_h1("# C# Developer") == "C# Developer"
    assert first_h1("# Engineer (C#)") == "Engineer (C#)"


def test_first_h1_empty_heading_is_none():
    assert first_h1("#\nx") is None
    assert first_h1("# ##\nx") is None
    assert first_h1("") is None


def test_first_h1_with_cr_line_ends():
    assert first_h1("intro\r\r# Title\rbody") == "Title"


def test_first_h1_setext():
    assert first_h1("Data Analyst\n============\n\nbody") == "Data Analyst"
    assert first_h1("=====\nData Analyst\n=====\n") == "Data Analyst"


def test_first_h1_setext_needs_a_one_line_paragraph():
    assert first_h1("a long paragraph\nthat continues\n=====\n") is None
    assert first_h1("\n=====\n") is None


def test_first_h1_hostile_setext_candidates():
    text = "a\nb\n=\n" * 150_000 + "# Title\n"
    started = time.perf_counter()
    assert first_h1(text) == "Title"
    assert first_h1("\r=" * 300_000) is None
    assert time.perf_counter() - started < 10  # guard only


def test_first_h1_inside_code_is_masked_away():
    masked, _ = mask("```\n# Not a title\n```\n# Title\n")
    assert first_h1(masked) == "Title"
