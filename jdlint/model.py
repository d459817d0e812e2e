"""The frozen dataclasses that flow between jdlint's modules.

Reading produces ``Posting`` (or ``InputError``); analysis turns a posting
into an ``Analysis`` (sections, skill matches, areas, facts, tokens); rule
kinds turn an analysis into ``Hit``s; the engine turns hits into
``Finding``s. Offsets are Python string indices (code points) into
``Posting.text``; lines and columns come from the ``LineIndex`` that the
analysis builds once per posting (``Analysis.lines``).

Contract vocabulary (../shared/spec/contract.md) is spelled out here so
every module uses the same ids.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Mapping

from jdlint.normtext import NormText, join_norms
from jdlint.positions import LineIndex

AREAS: tuple[str, ...] = (
    "analyst-practice", "experiment-design", "statistics", "ml-fundamentals",
    "deep-learning", "ml-design", "software-engineering", "sql-databases",
    "cloud", "automl", "preprocessing-features", "domain-experience",
    "bayesian-modeling", "causal-inference", "decision-communication",
    "ml-theory", "research-awareness", "ml-in-production", "fairness-bias",
    "leadership", "programming", "data-engineering", "business-soft",
)
ROLES: tuple[str, ...] = (
    "data-scientist", "ml-engineer", "data-analyst", "data-engineer",
    "research-scientist", "other", "unknown",
)
SENIORITIES: tuple[str, ...] = ("junior", "mid", "senior", "unknown")
STRENGTHS: tuple[str, ...] = ("required", "preferred")
SECTION_KINDS: tuple[str, ...] = (
    "requirements", "preferred", "responsibilities", "company", "benefits",
    "process", "other",
)
DEGREES: tuple[str, ...] = ("none", "bachelor", "master", "phd", "unknown")
SEVERITIES: tuple[str, ...] = ("error", "warning", "info")  # most severe first
LANGUAGES: tuple[str, ...] = ("en", "ko", "ja")  # the ones we can read


@dataclass(frozen=True)
class InputError:
    """An input that could not be read at all (contract: exit 2, `errors`)."""

    path: str
    line: int | None  # the .jsonl line, else None
    message: str


@dataclass(frozen=True)
class Notice:
    """Something wrong inside a readable posting, reported as a finding of a
    meta rule (JD001 for broken front matter). ``start``/``end`` are offsets
    into ``Posting.text``."""

    rule: str
    start: int
    end: int
    message: str


@dataclass(frozen=True)
class Posting:
    """One posting as read: a file, stdin, or one record of a .jsonl export.

    ``text`` is the whole decoded text (front matter included, line endings
    untouched) so that offsets map to the file's lines and columns.
    ``masked`` has the same length as ``text``; everything that is not
    posting prose (front matter, fenced code, inline code, HTML comments) is
    replaced by spaces, newlines kept. Analysis reads ``masked`` only.
    """

    path: str
    text: str
    masked: str
    record: str | None = None  # .jsonl record id
    source_line: int | None = None  # the record's line in the .jsonl file
    title: str | None = None
    front_matter: Mapping[str, object] = field(default_factory=dict)
    metadata: Mapping[str, object] = field(default_factory=dict)  # other .jsonl keys
    partial: bool = False  # the export says the text is only part of a posting
    notices: tuple[Notice, ...] = ()
    comments: tuple["Comment", ...] = ()  # HTML comments, for suppressions


@dataclass(frozen=True)
class Comment:
    """An HTML comment in the posting (offsets of the whole ``<!-- ... -->``)."""

    start: int
    end: int
    body: str  # the text between <!-- and -->, stripped


@dataclass(frozen=True)
class Tokens:
    """The posting's tokens, as parallel tuples (cheap to build and scan).

    ``norms`` are lower-cased, width-normalised (NFKC) surface forms, with
    Korean particles stripped; rules that match phrases use these and never
    see spaCy objects."""

    norms: tuple[str, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]


@dataclass(frozen=True)
class Section:
    kind: str  # one of SECTION_KINDS
    heading: str  # the heading text as written ("" for the implicit first block)
    start: int  # offset of the heading (or of the block)
    end: int  # offset where the section ends (exclusive)
    line: int  # 1-based line of the heading


@dataclass(frozen=True)
class SkillMatch:
    """A skill that the posting asks of the candidate."""

    skill: str  # taxonomy skill id
    area: str  # one of AREAS
    strength: str  # required | preferred
    text: str  # the matched text as written
    start: int
    end: int
    line: int
    column: int
    score: int  # 100 for exact, the rapidfuzz score for fuzzy matches
    section: str  # the kind of the section it appears in


@dataclass(frozen=True)
class Facts:
    """What the posting is, per the contract's inspect fields."""

    language: str  # en | ko | ja | an ISO code we do not support | "unknown"
    role: str
    role_title: str
    role_body: str
    seniority: str
    seniority_title: str
    seniority_body: str
    years_required: int | None
    degree_required: str
    supported: bool  # language is one we can read
    too_short: bool  # too little text to judge what is absent
    flat: bool  # no line structure: read as one block
    sections_found: bool
    # where years_required is stated ("3+ years"), for findings; not an inspect field
    years_at: tuple[int, int] | None = None
    # where degree_required is stated ("PhD in statistics"), likewise
    degree_at: tuple[int, int] | None = None


@dataclass(frozen=True)
class Analysis:
    """Everything rules may look at. Built once per posting."""

    posting: Posting
    facts: Facts
    sections: tuple[Section, ...]
    skills: tuple[SkillMatch, ...]
    areas: Mapping[str, str]  # area -> required | preferred (absent = not asked)
    tokens: Tokens
    # the line starts of posting.text (built when not given)
    lines: LineIndex = field(default=None, compare=False, repr=False)  # type: ignore[assignment]
    # the span of the line that is the title ("# Data Scientist"), if the text has one
    title_line: tuple[int, int] | None = None

    def __post_init__(self) -> None:
        if self.lines is None:
            object.__setattr__(self, "lines", LineIndex(self.posting.text))

    @cached_property
    def norm_text(self) -> NormText:
        """The token norms joined as text (phrase rules), built on first use."""
        tokens = self.tokens
        return join_norms(tokens.norms, tokens.starts, tokens.ends, self.posting.text)

    @property
    def judgeable(self) -> bool:
        """May a rule judge what this posting lacks?"""
        f = self.facts
        return f.supported and not f.too_short and not self.posting.partial

    def title_span(self) -> tuple[int | None, int | None]:
        """Where the title's words are written: on the title line when the
        text has one, else their first appearance as whole words (case and
        runs of blanks aside); (None, None) when the text does not hold the
        title (a front-matter or export title)."""
        pattern = title_pattern(self.posting.title or "")
        if pattern is None:
            return None, None
        # the title line holds the words (it was found by them)
        low, high = self.title_line or (0, len(self.posting.masked))
        found = pattern.search(self.posting.masked, low, high)
        return (found.start(), found.end()) if found else (None, None)

    def norm_span(self, start: int, end: int) -> tuple[int, int]:
        """The part of ``norm_text`` for the posting's text [start, end): from
        the first token at or after ``start`` to the first at or after ``end``
        (a section's span, say)."""
        starts, offsets = self.tokens.starts, self.norm_text.offsets
        size = len(self.norm_text.text)
        low, high = bisect_left(starts, start), bisect_left(starts, end)
        return (offsets[low] if low < len(offsets) else size,
                offsets[high] if high < len(offsets) else size)

    def section_at(self, offset: int) -> Section | None:
        # Sections follow each other in order: a binary search (a posting
        # may have thousands, and every hit asks).
        i = bisect_right(self.sections, offset, key=_section_start) - 1
        if i >= 0 and offset < self.sections[i].end:
            return self.sections[i]
        return None

    def requirements_heading(self) -> Section | None:
        for section in self.sections:
            if section.kind == "requirements" and section.heading:
                return section
        return None


def _section_start(section: Section) -> int:
    return section.start


@dataclass(frozen=True)
class Hit:
    """What a rule kind found: a span (None = the posting as a whole) and
    values for the rule's message template."""

    start: int | None = None
    end: int | None = None
    values: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Finding:
    """A rule's verdict at a position, ready for output. The engine sorts a
    posting's findings by (line, column, rule) and drops duplicates."""

    path: str
    record: str | None
    line: int
    column: int
    end_line: int
    end_column: int
    rule: str
    name: str
    severity: str
    message: str
    evidence: str = ""
    source_line: int | None = field(default=None, compare=False)  # .jsonl line


@dataclass(frozen=True)
class Result:
    """One linted posting: what it is and what is wrong with it."""

    posting: Posting
    facts: Facts | None  # None when analysis was not needed
    findings: tuple[Finding, ...]


@dataclass(frozen=True)
class Report:
    """Everything one run produced, in input order; formatters take this."""

    results: tuple[Result, ...]
    errors: tuple[InputError, ...]


@lru_cache(maxsize=1024)
def title_pattern(title: str) -> re.Pattern | None:
    """The title's words as whole words on one line, any case, any blanks
    between them; None for an empty title."""
    words = title.split()
    if not words:
        return None
    return re.compile(r"(?<!\w)" + r"[ \t]+".join(map(re.escape, words)) + r"(?!\w)", re.IGNORECASE)

