"""Masking what is not posting prose, keeping every offset in place.

``mask(text, start)`` returns a copy of ``text`` of the same length in which
fenced code blocks, inline code spans and HTML comments (and everything
before ``start``: the front matter) are replaced by spaces. Every ``\\r``
and ``\\n`` is kept, so lines and columns computed on the masked text are
those of the original. The HTML comments are also returned (suppression
directives live in them).

What counts, close to CommonMark, with choices made for job postings:

- A fence is a line of three or more backticks or tildes, indented by any
  amount (fences inside list items are indented). It ends at a line of the
  same character, at least as long, and nothing else; unclosed, at the end
  of the text. A backtick fence's info string may not hold a backtick.
- Indented code blocks are not masked: postings indent bullet continuations.
- A code span is a run of N backticks up to the next run of exactly N
  backticks in the same paragraph (blank lines and fence lines end a
  paragraph); without one the backticks are text. A backslash escapes an
  opening backtick. A single backtick between two letters or digits does not
  open a span: real postings use it as an apostrophe ("Master`s").
- An HTML comment runs from ``<!--`` to the next ``-->`` (``<!-->`` and
  ``<!--->`` are complete comments), across lines and blank lines; unclosed,
  to the end of the text. Whichever of a code span and a comment starts
  first wins.

Everything is a left-to-right scan with ``str.find`` and simple regexes:
linear time on any input.
"""
from __future__ import annotations

import re

from jdlint.model import Comment

_LINE_END = re.compile(r"\r\n|\r|\n")
_NOT_LINE_END = re.compile(r"[^\r\n]+")
_BACKTICKS = re.compile(r"`+")
_INLINE = re.compile(r"`+|<!--")


def mask(text: str, start: int = 0) -> tuple[str, tuple[Comment, ...]]:
    """Blank out non-prose from ``start`` on (and all of ``text[:start]``)."""
    length = len(text)
    start = max(0, min(start, length))
    spans: list[tuple[int, int]] = [(0, start)] if start else []
    comments: list[Comment] = []
    pos = start
    while pos < length:
        line_end, next_line = _line_bounds(text, pos)
        line = text[pos:line_end]
        fence = _fence(line)
        if fence is not None:
            end = _fence_end(text, next_line, fence)
            spans.append((pos, end))
            pos = end
        elif not line.strip():
            pos = next_line
        else:
            paragraph_end, after = _paragraph_end(text, line_end, next_line)
            resume = _scan_inline(text, pos, paragraph_end, spans, comments)
            pos = max(after, resume)
    return _blank_spans(text, spans), tuple(comments)


def first_h1(masked: str) -> str | None:
    """The text of the first level-1 heading: ``# Title`` (ATX, up to three
    spaces of indent, optional closing hashes) or a one-line paragraph
    underlined with ``===`` (setext). None when there is none or it is empty.
    """
    previous = ""  # the line before, stripped
    before_previous = ""
    pos = 0
    length = len(masked)
    while True:
        line_end, next_line = _line_bounds(masked, pos)
        line = masked[pos:line_end]
        indent = len(line) - len(line.lstrip(" "))
        if indent <= 3:
            body = line[indent:]
            if body.startswith("#") and (len(body) == 1 or body[1] in " \t"):
                title = _strip_closing_hashes(body[1:].strip())
                return title or None
            if body.startswith("=") and not body.strip().strip("="):
                one_line_paragraph = not before_previous or not before_previous.strip("=")
                if previous and one_line_paragraph and not previous.startswith("#"):
                    return previous
        before_previous, previous = previous, line.strip()
        if next_line >= length and line_end >= length:
            return None
        pos = next_line


def _strip_closing_hashes(title: str) -> str:
    """``Title ##`` -> ``Title``; ``C#`` stays (the hashes must follow a space)."""
    stripped = title.rstrip("#")
    if stripped == "" or stripped.endswith((" ", "\t")):
        return stripped.rstrip()
    return title


def _line_bounds(text: str, pos: int) -> tuple[int, int]:
    """(end of the line's content, start of the next line) for the line at pos."""
    match = _LINE_END.search(text, pos)
    if match is None:
        return len(text), len(text)
    return match.start(), match.end()


def _fence(line: str) -> tuple[str, int] | None:
    """(fence character, length) if ``line`` opens a fenced code block."""
    body = line.lstrip(" \t")
    if not body.startswith(("```", "~~~")):
        return None
    char = body[0]
    count = len(body) - len(body.lstrip(char))
    if char == "`" and "`" in body[count:]:
        return None
    return char, count


def _fence_end(text: str, pos: int, fence: tuple[str, int]) -> int:
    """Offset just past the closing fence's content (its line end is kept),
    or the end of the text when the fence is never closed."""
    char, count = fence
    while pos < len(text):
        line_end, next_line = _line_bounds(text, pos)
        body = text[pos:line_end].strip(" \t")
        if body.startswith(char * count) and not body.strip(char):
            return line_end
        pos = next_line
    return len(text)


def _paragraph_end(text: str, line_end: int, next_line: int) -> tuple[int, int]:
    """Follow a paragraph from its first line (ending at ``line_end``) to
    the last line before a blank line or a fence line. Returns (end of the
    last line's content, start of the line after it)."""
    end, pos = line_end, next_line
    while pos < len(text):
        line_end, next_line = _line_bounds(text, pos)
        line = text[pos:line_end]
        if not line.strip() or _fence(line) is not None:
            break
        end, pos = line_end, next_line
    return end, pos


def _scan_inline(
    text: str, start: int, end: int,
    spans: list[tuple[int, int]], comments: list[Comment],
) -> int:
    """Mask code spans and comments in the paragraph ``text[start:end]``.

    Returns where the outer scan goes on: ``end``, or further when a comment
    runs past the paragraph."""
    runs: dict[int, list[int]] = {}  # run length -> starts of runs, in order
    for match in _BACKTICKS.finditer(text, start, end):
        runs.setdefault(match.end() - match.start(), []).append(match.start())
    next_run: dict[int, int] = {}  # run length -> index of the first unused run
    pos = start
    while True:
        match = _INLINE.search(text, pos, end)
        if match is None:
            return end
        found = match.start()
        if match.group() == "<!--":
            comment_end = _add_comment(text, found, spans, comments)
            if comment_end > end:
                return comment_end
            pos = comment_end
            continue
        pos = match.end()
        opening, size = found, match.end() - found
        if _escaped(text, found, start):
            opening, size = found + 1, size - 1
        if size == 0 or (size == 1 and _between_word_characters(text, opening, start, end)):
            continue
        closing = _next_run(runs.get(size, ()), next_run, size, opening)
        if closing is not None and closing < end:
            spans.append((opening, closing + size))
            pos = closing + size


def _next_run(starts, next_run: dict[int, int], size: int, after: int) -> int | None:
    """The first run of ``size`` backticks starting after ``after``; runs
    before it are never needed again (the scan only moves forward)."""
    index = next_run.get(size, 0)
    while index < len(starts) and starts[index] <= after:
        index += 1
    if index == len(starts):
        next_run[size] = index
        return None
    next_run[size] = index + 1
    return starts[index]


def _escaped(text: str, pos: int, start: int) -> bool:
    """Is ``text[pos]`` preceded by an odd number of backslashes?"""
    back = pos
    while back > start and text[back - 1] == "\\":
        back -= 1
    return (pos - back) % 2 == 1


def _between_word_characters(text: str, pos: int, start: int, end: int) -> bool:
    return pos > start and pos + 1 < end and text[pos - 1].isalnum() and text[pos + 1].isalnum()


def _add_comment(text: str, pos: int, spans: list, comments: list) -> int:
    close = text.find("-->", pos + 2)
    if close < 0:
        comment_end = len(text)
        body = text[pos + 4:]
    else:
        comment_end = close + 3
        body = text[pos + 4:close] if close >= pos + 4 else ""
    spans.append((pos, comment_end))
    comments.append(Comment(start=pos, end=comment_end, body=body.strip()))
    return comment_end


def _blank_spans(text: str, spans: list[tuple[int, int]]) -> str:
    pieces = []
    last = 0
    for start, end in spans:
        pieces.append(text[last:start])
        pieces.append(_NOT_LINE_END.sub(_spaces, text[start:end]))
        last = end
    pieces.append(text[last:])
    return "".join(pieces)


def _spaces(match: re.Match) -> str:
    return " " * (match.end() - match.start())
