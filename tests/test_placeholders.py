"""Template placeholders: found, and masked to spaces keeping offsets."""
from __future__ import annotations

import pytest

from jdlint.placeholders import find, mask


@pytest.mark.parametrize("text", [
    "{{company}}", "{{ salary_range }}", "[Company Name]", "<ROLE>", "${location}",
    "{location}", "[INSERT SALARY]", "[insert salary here]", "<COMPANY_NAME>",
    "{% if remote %}", "<Company Name>", "[Add more requirements here]",
])
def test_placeholders_found(text):
    line = f"Join {text} today"
    assert [p.text for p in find(line)] == [text]
    assert find(line)[0].start == 5


@pytest.mark.parametrize("text", [
    "[a link](https://example.com)", "[x] done", "- [ ] todo", "<div>", "<br/>",
    "<a href='x'>", "[1]: https://example.com", "C++ {}", "[Python][ref]",
    "a < b > c", "dict = {}", "[X]",
    # a bracketed heading with its content on the same line is a label
    "[WORK EXPERIENCE] 5-9 years;", "[Preferred] Experience with Spark",
])
def test_not_placeholders(text):
    assert find(text) == ()


@pytest.mark.parametrize("text", [
    "- [Required Skills]\n",  # alone on its line: a field to fill
    "- [Required Skills]\r\n",  # ... with Windows line ends
    "[Requirements] TBD",  # a filler word is no content
    "[Required Skills], [Preferred Skills]",
    "[Your Experience] goes here",  # a fill-in cue
    "[Company Name] is hiring",  # not a heading of requirements or duties
])
def test_bracketed_words_that_stay_placeholders(text):
    assert find(text) and find(text)[0].start == text.index("[")


def test_mask_keeps_length_and_other_text():
    text = "We use SQL at {{ company }}.\n[Company Name] pays ${salary}\n"
    masked = mask(text)
    assert len(masked) == len(text)
    assert "SQL" in masked and "company" not in masked.lower() and "salary" not in masked
    assert masked.count("\n") == text.count("\n")


def test_no_placeholder_is_unchanged():
    text = "Plain posting text with SQL."
    assert mask(text) is text
