"""The joined token norms that phrase rules read (jdlint/normtext.py)."""
from __future__ import annotations

import pytest

from analysis_factory import tokens
from jdlint.normtext import join_norms

LONG = "As our first machine learning engineer, you will work closely"  # 61 characters


def joined(text: str) -> str:
    found = tokens(text)
    return join_norms(found.norms, found.starts, found.ends, text).text


@pytest.mark.parametrize("text", [
    LONG + " with our three\ndata scientists",
    LONG + " with our three  \r\n  data scientists",
    LONG + ",\nand data engineers",
])
def test_a_hard_wrapped_english_sentence_reads_as_one_line(text):
    assert "\n" not in joined(text)


def test_the_wrapped_line_is_measured_from_its_own_start():
    # old Mac line ends; the first break ends a sentence, the second wraps one
    assert joined("Line one.\r" + LONG + " with our three\rdata scientists").endswith(
        "three data scientists")
    assert "\n" in joined("Line one.\r" + "short line, then\rdata scientists")


@pytest.mark.parametrize("text", [
    LONG + " with our three\nData scientists",  # the next line starts in capitals
    LONG + " with our three\n- data scientists",  # a list item
    LONG + " with our three\n\ndata scientists",  # a blank line between
    LONG + " with our three.\ndata scientists",  # the line ends a sentence
    LONG + " with our three:\ndata scientists",
    "# " + LONG + "\ndata scientists",  # a heading
    "rockstar ninja\nrockstar",  # a short line: a list without bullets
    # only an English (ASCII) line goes on: not "été" nor Korean and Japanese
    LONG + " with our three\nété data scientists",
])
def test_other_line_breaks_are_kept(text):
    assert "\n" in joined(text)
