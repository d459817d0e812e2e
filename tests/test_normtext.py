"""The joined token norms that phrase rules read (jdlint/normtext.py)."""
from __future__ import annotations

import pytest

from analysis_factory import tokens
from jdlint.normtext import join_norms

LONG = "As our first machine learning engineer, you will work closely"  # 62 characters


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


@pytest.mark.parametrize("text", [
    LONG + " with our three\nData scientists",  # the next line starts in capitals
    LONG + " with our three\n- data scientists",  # a list item
    LONG + " with our three\n\ndata scientists",  # a blank line between
    LONG + " with our three.\ndata scientists",  # the line ends a sentence
    LONG + " with our three:\ndata scientists",
    "# " + LONG + "\ndata scientists",  # a heading
    "rockstar ninja\nrockstar",  # a short line: a list without bullets
    "통계 분석 경험과 머신러닝 모델링 경험, 그리고 대규모 데이터 처리 경험이 있으신 분을 찾습니다 우리는\n머신러닝 지식",
])
def test_other_line_breaks_are_kept(text):
    assert "\n" in joined(text)
