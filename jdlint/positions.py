"""Offsets into a text -> 1-based (line, column) positions.

Columns count code points (Python string indices). Only ``\\n``, ``\\r\\n``
and ``\\r`` end a line, so a file with CRLF or lone-CR line endings gets the
same lines and columns as its LF twin. ``str.splitlines`` is not used on
purpose: it also breaks at U+2028, ``\\x0b``, ``\\x0c``, ``\\x1c``-``\\x1e``
and ``\\x85``, which the contract does not count as line ends.
"""
from __future__ import annotations

import re
from bisect import bisect_right

_LINE_END = re.compile(r"\r\n|\r|\n")


class LineIndex:
    """The start offset of every line of ``text``, built once.

    ``position(offset)`` is a binary search, so turning many findings into
    positions costs O(log lines) each.
    """

    def __init__(self, text: str) -> None:
        self.length = len(text)
        starts = [0]
        for match in _LINE_END.finditer(text):
            starts.append(match.end())
        self.starts: tuple[int, ...] = tuple(starts)

    @property
    def line_count(self) -> int:
        """Number of lines; a trailing line end starts one more (empty) line."""
        return len(self.starts)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of ``offset``; ``len(text)`` is the end of text.

        An offset between the ``\\r`` and the ``\\n`` of a CRLF belongs to the
        line the CRLF ends (its column is one past the ``\\r``).
        """
        if offset < 0 or offset > self.length:
            raise ValueError(
                f"offset {offset} is outside the text (0..{self.length})"
            )
        line = bisect_right(self.starts, offset)  # 1-based: starts[line-1] <= offset
        return line, offset - self.starts[line - 1] + 1

    def line_start(self, line: int) -> int:
        """Offset where 1-based ``line`` starts."""
        if line < 1 or line > len(self.starts):
            raise ValueError(f"line {line} is outside the text (1..{len(self.starts)})")
        return self.starts[line - 1]
