"""A posting's token norms joined as one text, for phrase matching.

The norms are joined as the text joins the tokens: by a newline when a
line break lies between two tokens (a space when it only hard-wraps an
English sentence), a space when other space does, else nothing.
``offsets[i]`` is where token i starts in the joined ``text`` (computed on
first use: most postings have no phrase hit to place).
Built once per posting (``Analysis.norm_text``) and shared by every rule
that matches phrases.
"""
from __future__ import annotations

import bisect
import operator
import re
from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate
from typing import Sequence

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_ONE_BREAK = re.compile(r"[ \t]*(?:\r\n|\r|\n)[ \t]*")
_WRAPPED_END = re.compile(r"[A-Za-z0-9,]")  # a line that stops mid-sentence
_HEADING_START = re.compile(r"[ \t]*#")
WRAP_MIN_CHARS = 60  # a line this long may have been hard-wrapped mid-sentence


def _soft_wrap(source: str, line_start: int, end: int, start: int) -> bool:
    """Is the break between a token ending at ``end`` (on the line that
    starts at ``line_start``) and the next starting at ``start`` a hard
    wrap inside an English sentence ("you will work with our three" /
    "data scientists")? One line break, the line before
    stops on a letter, digit or comma and is no heading, the next line
    goes on in lower case, and the line before is long enough to have been
    wrapped (a list without bullets has short lines). Korean and Japanese
    lists often have no bullets either, so their line breaks are kept."""
    if not (_ONE_BREAK.fullmatch(source, end, start) and _WRAPPED_END.match(source, end - 1)
            and source[start].islower() and source[start].isascii()):
        return False
    return end - line_start >= WRAP_MIN_CHARS and not _HEADING_START.match(source, line_start)


@dataclass(frozen=True)
class NormText:
    text: str
    pieces: tuple[str, ...] = field(repr=False)  # norm, separator, norm, ...

    @cached_property
    def offsets(self) -> tuple[int, ...]:
        """Where each token starts in ``text``; only a phrase hit needs them."""
        return tuple(accumulate(map(len, self.pieces), initial=0))[0::2] if self.pieces else ()


def join_norms(norms: Sequence[str], starts: Sequence[int], ends: Sequence[int],
               source: str) -> NormText:
    # "" between touching tokens, else " " (True indexes the space)
    seps = list(map(("", " ").__getitem__, map(operator.gt, starts[1:], ends)))
    line_start = 0
    for brk in _LINE_BREAK.finditer(source):  # few line breaks, many tokens
        at = brk.start()
        i = bisect.bisect_right(starts, at) - 1  # the gap after token i may hold it
        if 0 <= i < len(seps) and ends[i] <= at:
            seps[i] = " " if _soft_wrap(source, line_start, ends[i], starts[i + 1]) else "\n"
        line_start = brk.end()
    pieces: list[str] = [""] * (2 * len(norms) - 1) if norms else []
    pieces[0::2] = norms
    pieces[1::2] = seps
    return NormText("".join(pieces), tuple(pieces))
