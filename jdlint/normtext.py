"""A posting's token norms joined as one text, for phrase matching.

The norms are joined as the text joins the tokens: by a newline when a
line break lies between two tokens, a space when other space does, else
nothing. ``offsets[i]`` is where token i starts in the joined ``text``
(computed on first use: most postings have no phrase hit to place).
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

_LINE_BREAK = re.compile(r"[\r\n]")


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
    for brk in _LINE_BREAK.finditer(source):  # few line breaks, many tokens
        at = brk.start()
        i = bisect.bisect_right(starts, at) - 1  # the gap after token i may hold it
        if 0 <= i < len(seps) and ends[i] <= at:
            seps[i] = "\n"
    pieces: list[str] = [""] * (2 * len(norms) - 1) if norms else []
    pieces[0::2] = norms
    pieces[1::2] = seps
    return NormText("".join(pieces), tuple(pieces))
