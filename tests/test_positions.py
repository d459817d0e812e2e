import pytest

from jdlint.positions import LineIndex


def _positions(text):
    index = LineIndex(text)
    return [index.position(i) for i in range(len(text) + 1)]


def test_first_character_is_line_1_column_1():
    assert LineIndex("abc").position(0) == (1, 1)


def test_end_of_text_is_a_valid_position():
    assert LineIndex("abc").position(3) == (1, 4)
    assert LineIndex("").position(0) == (1, 1)
    assert LineIndex("ab\n").position(3) == (2, 1)


def test_lf_positions():
    index = LineIndex("ab\ncd\n\nef")
    assert index.position(3) == (2, 1)
    assert index.position(4) == (2, 2)
    assert index.position(6) == (3, 1)
    assert index.position(7) == (4, 1)
    assert index.line_count == 4


@pytest.mark.parametrize("eol", ["\r\n", "\r"])
def test_crlf_and_cr_give_the_same_line_starts_as_lf(eol):
    lines = ["# Title", "", "- Python", "- SQL", ""]
    lf = LineIndex("\n".join(lines))
    other_text = eol.join(lines)
    other = LineIndex(other_text)
    assert other.line_count == lf.line_count
    for number, line in enumerate(lines, start=1):
        start = other.line_start(number)
        for column in range(1, len(line) + 2):
            assert other.position(start + column - 1) == (number, column)
            assert lf.position(lf.line_start(number) + column - 1) == (number, column)


def test_crlf_is_one_line_end_not_two():
    assert LineIndex("a\r\nb").position(3) == (2, 1)
    assert LineIndex("a\r\nb").line_count == 2
    assert LineIndex("a\n\rb").line_count == 3  # LF then CR: two line ends


@pytest.mark.parametrize("char", ["\u2028", "\u2029", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85"])
def test_other_unicode_line_breaks_do_not_end_lines(char):
    text = f"ab{char}cd"
    assert LineIndex(text).position(4) == (1, 5)
    assert LineIndex(text).line_count == 1


def test_columns_count_code_points_not_bytes_or_utf16_units():
    text = "데이터 😀x"
    # 데 이 터 space 😀 x -> x is the sixth code point
    assert LineIndex(text).position(text.index("x")) == (1, 6)


def test_offset_out_of_range_is_an_error():
    with pytest.raises(ValueError, match="outside the text"):
        LineIndex("abc").position(4)
    with pytest.raises(ValueError, match="outside the text"):
        LineIndex("abc").position(-1)


def test_every_offset_is_monotonic():
    positions = _positions("a\r\nbc\rd\n")
    assert positions == sorted(positions)
    assert positions[-1] == (4, 1)
