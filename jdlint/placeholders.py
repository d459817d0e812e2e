"""Template placeholders in HR postings: ``{{company}}``, ``{{ salary_range }}``,
``[Company Name]``, ``<ROLE>``, ``${location}``, ``{location}``.

They are never posting prose: the reader blanks them with ``mask`` (same
length, newlines kept) so that no skill is matched inside one, and notes each
one ``find`` lists as a notice of meta rule JD004 (unfilled-placeholder),
which is off unless selected (``--require-filled``).

Square brackets and angle brackets are only placeholders when what is inside
looks like a field name (``[Company Name]``, ``<ROLE>``, ``[insert salary]``),
never Markdown links (``[text](url)``), checkboxes (``[x]``), HTML tags or a
bracketed heading of requirements or duties followed by its content on the
same line (``[WORK EXPERIENCE] 5-9 years``, ``[Preferred] Spark``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_FIELD = r"[A-Za-z][A-Za-z0-9_.\- ]{0,40}"
# (a character every match holds, the pattern): the character is looked
# for first, which is much cheaper than a regex scan that finds nothing
_PATTERNS = (
    ("{", re.compile(r"\{\{-?\s*" + _FIELD + r"\s*-?\}\}")),  # {{company}}, {{ salary_range }}
    ("{", re.compile(r"\{%.{0,80}?%\}")),  # {% if remote %}
    ("{", re.compile(r"\$\{\s*" + _FIELD + r"\s*\}")),  # ${location}
    ("{", re.compile(r"(?<![{$])\{\s*[A-Za-z_][A-Za-z0-9_]{0,40}\s*\}(?!\})")),  # {location}
    # [Company Name], [INSERT SALARY], [insert salary]: capitalised words or a
    # cue word; not followed by ( or [ (a Markdown link)
    ("[", re.compile(
        r"\[(?:(?:[A-Z][A-Za-z0-9]*(?:[ _-][A-Z][A-Za-z0-9]*){0,5})"
        r"|(?i:(?:insert|enter|add|your|company|role|job|salary|location|name|title|date)"
        r"\b[A-Za-z0-9 _-]{0,40}))\](?![(\[:])"
    )),
    # <ROLE>, <COMPANY_NAME>, <Company Name>: not an HTML tag (tags are lower
    # case words, possibly with attributes)
    ("<", re.compile(r"<(?:[A-Z][A-Z0-9_]+|[A-Z][a-z0-9]+(?: [A-Z][a-z0-9]+)+)>")),
)
_NOT_PLACEHOLDERS = {"[X]", "[TODO]"}
# A bracketed heading of the posting's body, with its content after it, is a
# label, not a field to fill: "[WORK EXPERIENCE] 5-9 years", "[Preferred] ..."
# (found in real postings).
_LABEL_KINDS = ("requirements", "preferred", "responsibilities")
_FILL_CUE = re.compile(r"(?i)(?:insert|enter|add|your|list)\b")  # "[Insert requirements]"
_FILLERS = frozenset({"tbd", "tba", "tbc", "n/a", "na", "todo", "xxx", "..."})  # "[Requirements] TBD"


@dataclass(frozen=True)
class Placeholder:
    start: int
    end: int
    text: str


def find(text: str) -> tuple[Placeholder, ...]:
    """The placeholders in ``text``, in order, without overlaps."""
    spans: list[tuple[int, int]] = []
    for char, pattern in _PATTERNS:
        if char not in text:
            continue
        for match in pattern.finditer(text):
            if match.group(0) in _NOT_PLACEHOLDERS or "\n" in match.group(0):
                continue
            if char == "[" and _is_label(text, match):
                continue
            spans.append(match.span())
    spans.sort()
    found: list[Placeholder] = []
    last_end = -1
    for start, end in spans:
        if start >= last_end:
            found.append(Placeholder(start, end, text[start:end]))
            last_end = end
    return tuple(found)


def _is_label(text: str, match: re.Match) -> bool:
    """A bracketed heading with its content after it on the same line; alone
    on its line ("- [Required Skills]") it is still a field to fill."""
    from jdlint.sections import heading_kind  # the lexicon loads only when a bracket is seen

    line_end = text.find("\n", match.end())
    rest = text[match.end():line_end if line_end >= 0 else len(text)].strip().strip(":-–,;").strip()
    if (not any(ch.isalnum() for ch in rest) or rest[:1] in "[<{"
            or rest.split()[0].strip(".,;").lower() in _FILLERS):
        return False
    inside = match.group(0)[1:-1]
    return heading_kind(inside) in _LABEL_KINDS and not _FILL_CUE.match(inside)


def mask(text: str, placeholders: tuple[Placeholder, ...] | None = None) -> str:
    """``text`` with every placeholder (``find(text)`` unless given) replaced
    by spaces (same length)."""
    if placeholders is None:
        placeholders = find(text)
    if not placeholders:
        return text
    pieces: list[str] = []
    position = 0
    for placeholder in placeholders:
        pieces.append(text[position:placeholder.start])
        pieces.append(" " * (placeholder.end - placeholder.start))
        position = placeholder.end
    pieces.append(text[position:])
    return "".join(pieces)
