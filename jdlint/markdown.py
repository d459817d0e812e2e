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

Everything is one left-to-right scan driven by simple regexes (no nested
quantifiers) and ``str.find``: linear time on any input. The backtick runs
of a paragraph are indexed by length once (as CommonMark parsers do), so
matching code spans never rescans text.
"""
from __future__ import annotations

import re
from array import array
from functools import lru_cache

from jdlint.model import Comment
from jdlint.positions import LineIndex

_EOL = r"(?:\r\n|\r(?!\n)|\n)"  # one line end; never half of a CRLF
_LINE_END = re.compile(_EOL)
_LINE_ENDS = re.compile(r"[\r\n]")
_NOT_LINE_END = re.compile(r"[^\r\n]+")
_RUN = re.compile(r"`+")
# Where the scan stops: a line that may open a fence, a backtick run, a comment.
_NEXT = re.compile(
    r"(?P<fence>(?:^|(?<=[\r\n]))[ \t]*(?:```|~~~))|(?P<run>`+)|(?P<comment><!--)"
)
# Where a paragraph ends: at the line end before a blank line or a fence line.
_PARAGRAPH_BREAK = re.compile(_EOL + r"(?:[^\S\r\n]*(?:" + _EOL + r"|$)|[ \t]*(?:```|~~~))")
_ATX_H1 = re.compile(r"(?:^|(?<=[\r\n])) {0,3}#(?=[ \t\r\n]|$)([^\r\n]*)")
_SETEXT_H1 = re.compile(r"(?<=[\r\n]) {0,3}=+[ \t]*(?=[\r\n]|$)")


def mask(text: str, start: int = 0) -> tuple[str, tuple[Comment, ...]]:
    """Blank out non-prose from ``start`` on (and all of ``text[:start]``)."""
    start = max(0, min(start, len(text)))
    scan = _Scan(text)
    if start:
        scan.spans.append((0, start))
    pos = start
    while True:
        if not _may_follow(text, pos):
            break  # nothing to mask from here on (the usual case: a cheap check)
        match = _NEXT.search(text, pos)
        if match is None:
            break
        kind = match.lastgroup
        if kind == "comment":
            pos = scan.comment(match.start())
            continue
        if kind == "fence":
            end = scan.fence(match.start())
            if end is not None:
                pos = end
                continue
            # a backtick line that is no fence (```a```): its backticks are a run
            run_start = match.end() - 3
            run_end = _RUN.match(text, run_start).end()
        else:
            run_start, run_end = match.start(), match.end()
        pos = scan.code_span(run_start, run_end)
    return scan.masked(), tuple(scan.comments)


def _may_follow(text: str, pos: int) -> bool:
    """Can ``_NEXT`` match at or after ``pos``? Each of its matches holds a
    backtick, ``~~~`` or ``<!--``; ``str.find`` looks for them much faster
    than the regex scans for nothing."""
    return (text.find("`", pos) >= 0 or text.find("~~~", pos) >= 0
            or text.find("<!--", pos) >= 0)


def first_h1(masked: str) -> str | None:
    """The text of the first level-1 heading: ``# Title`` (ATX, up to three
    spaces of indent, optional closing hashes) or a one-line paragraph
    underlined with ``===`` (setext). None when there is none or it is empty.
    """
    atx = _ATX_H1.search(masked)
    atx_start = atx.start() if atx else len(masked)
    lines = None
    for underline in _SETEXT_H1.finditer(masked, 0, atx_start):
        if lines is None:
            lines = LineIndex(masked)
        title = _setext_title(masked, lines, underline.start())
        if title is not None:
            return title
    if atx is None:
        return None
    return strip_closing_hashes(atx.group(1).strip()) or None


def _setext_title(text: str, lines: LineIndex, underline: int) -> str | None:
    """The heading that the ``===`` line at ``underline`` makes of the line
    before it, if that line is a one-line paragraph."""
    number = lines.position(underline)[0]
    previous = _line(text, lines, number - 1)
    if not previous or previous.startswith("#") or not previous.strip("="):
        return None
    before = _line(text, lines, number - 2) if number > 2 else ""
    if before and before.strip("="):  # the paragraph has more lines
        return None
    return previous


def _line(text: str, lines: LineIndex, number: int) -> str:
    """Line ``number`` (1-based) of ``text``, stripped."""
    start = lines.line_start(number)
    end = lines.line_start(number + 1) if number < lines.line_count else len(text)
    return text[start:end].strip()


def strip_closing_hashes(title: str) -> str:
    """``Title ##`` -> ``Title``; ``C#`` stays (the hashes must follow a space)."""
    stripped = title.rstrip("#")
    if stripped == "" or stripped.endswith((" ", "\t")):
        return stripped.rstrip()
    return title


class _Scan:
    """The state of one ``mask`` call: masked spans (in order, never
    overlapping), comments, and the backtick runs of the current paragraph."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans: list[tuple[int, int]] = []
        self.comments: list[Comment] = []
        self.paragraph_end = -1  # self.runs holds the runs before this offset
        self.runs: dict[int, array] = {}  # run length -> run starts, in order
        self.next_run: dict[int, int] = {}  # run length -> first unused index

    def comment(self, pos: int) -> int:
        """Mask the comment that opens at ``pos``; returns its end."""
        text = self.text
        close = text.find("-->", pos + 2)
        if close < 0:
            end, body = len(text), text[pos + 4:]
        else:
            end, body = close + 3, text[pos + 4:close]  # "" for <!--> and <!--->
        self.spans.append((pos, end))
        self.comments.append(Comment(start=pos, end=end, body=body.strip()))
        return end

    def fence(self, pos: int) -> int | None:
        """Mask the fenced block whose opening line starts at ``pos``, to the
        end of its closing line (or of the text); None if it is no fence."""
        text = self.text
        match = _LINE_END.search(text, pos)
        line_end = match.start() if match else len(text)
        fence = _fence(text[pos:line_end])
        if fence is None:
            return None
        closing = _closing_fence(*fence).search(text, line_end)
        end = closing.end() if closing else len(text)
        self.spans.append((pos, end))
        return end

    def code_span(self, start: int, end: int) -> int:
        """Mask the code span that the backtick run [start, end) opens, if
        any. Returns where the scan goes on."""
        text = self.text
        if _escaped(text, start):
            start += 1
        size = end - start
        if size == 0 or (size == 1 and _between_word_characters(text, start)):
            return end
        if start >= self.paragraph_end:
            self._index_paragraph(start)
        closing = self._next_run(size, start)
        if closing is None:
            return end
        self.spans.append((start, closing + size))
        return closing + size

    def _index_paragraph(self, pos: int) -> None:
        """Index the backtick runs from ``pos`` to the end of its paragraph."""
        found = _PARAGRAPH_BREAK.search(self.text, pos)
        self.paragraph_end = found.start() if found else len(self.text)
        self.runs = {}
        self.next_run = {}
        for match in _RUN.finditer(self.text, pos, self.paragraph_end):
            size = match.end() - match.start()
            starts = self.runs.get(size)
            if starts is None:
                starts = self.runs[size] = array("q")
            starts.append(match.start())

    def _next_run(self, size: int, after: int) -> int | None:
        """The first run of exactly ``size`` backticks after ``after`` in
        the paragraph. Runs skipped are never needed again: the scan only
        moves forward."""
        starts = self.runs.get(size)
        if starts is None:
            return None
        index = self.next_run.get(size, 0)
        while index < len(starts) and starts[index] <= after:
            index += 1
        if index == len(starts):
            self.next_run[size] = index
            return None
        self.next_run[size] = index + 1
        return starts[index]

    def masked(self) -> str:
        text = self.text
        pieces = []
        last = 0
        for start, end in self.spans:
            pieces.append(text[last:start])
            blank = text[start:end]
            if _LINE_ENDS.search(blank):
                pieces.append(_NOT_LINE_END.sub(_spaces, blank))
            else:
                pieces.append(" " * (end - start))
            last = end
        pieces.append(text[last:])
        return "".join(pieces)


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


@lru_cache(maxsize=64)
def _closing_fence(char: str, count: int) -> re.Pattern:
    """A line of at least ``count`` ``char``s (and spaces): the closing
    fence; the match ends where that line's content ends."""
    return re.compile(_EOL + r"[ \t]*" + re.escape(char) + "{%d,}" % count + r"[ \t]*(?=[\r\n]|$)")


def _escaped(text: str, pos: int) -> bool:
    """Is ``text[pos]`` preceded by an odd number of backslashes?"""
    back = pos
    while back > 0 and text[back - 1] == "\\":
        back -= 1
    return (pos - back) % 2 == 1


def _between_word_characters(text: str, pos: int) -> bool:
    return 0 < pos < len(text) - 1 and text[pos - 1].isalnum() and text[pos + 1].isalnum()


def _spaces(match: re.Match) -> str:
    return " " * (match.end() - match.start())
